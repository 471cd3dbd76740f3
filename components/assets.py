"""Leaflet served by this app's own Streamlit server, so the map draws with no internet.

folium and st_folium load Leaflet from CDNs by default; in a demo room with no network the
map stays blank and says nothing. The files come from the XStatic-Leaflet package (the same
Leaflet 1.9.3 folium asks for) and are copied next to the app, where Streamlit's static
serving (`enableStaticServing` in .streamlit/config.toml) serves them at /app/static/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor" / "leaflet"
STATIC_URL = "/app/static/vendor/leaflet"
LOCAL_JS = [("leaflet", f"{STATIC_URL}/leaflet.js")]
LOCAL_CSS = [("leaflet_css", f"{STATIC_URL}/leaflet.css")]
VENDORED_FILES = ("leaflet.js", "leaflet.css", "images")


def leaflet_package_dir() -> Path:
    import xstatic.pkg.leaflet as xstatic_leaflet

    return Path(xstatic_leaflet.BASE_DIR)


def ensure_local_assets(target: Path = VENDOR_DIR) -> Path:
    """Copy Leaflet's files into the static folder unless they are already there."""
    if all((target / name).exists() for name in VENDORED_FILES):
        return target
    source = leaflet_package_dir()
    target.mkdir(parents=True, exist_ok=True)
    for name in VENDORED_FILES:
        origin = source / name
        if origin.is_dir():
            shutil.copytree(origin, target / name, dirs_exist_ok=True)
        else:
            shutil.copy2(origin, target / name)
    return target
