"""`streamlit run SCRIPT [flags]`, with SCRIPT's imports loaded before the server listens.

    .venv/bin/python scripts/serve.py dashboard.py --server.port 8501

Streamlit imports a script's modules when the first reader opens the page, so the first reader
of a fresh server waits for geopandas, folium, altair and the rest (~1.3 s on 2 cores) before
anything is drawn. This launcher imports the libraries SCRIPT needs, found by following its
imports through the project's own modules (read from their source, so the list cannot drift),
then hands over to Streamlit's own command line in the same process: the script's imports find
them loaded. Any flag Streamlit's `run` takes works here.

Left to the script: the project's own modules and the Streamlit component packages, which
register their component with the running script when imported (imported here, outside a script
run, the component would never be registered and its frame would answer 404). A library that
fails to import is left for the script to report.
"""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


COMPONENT_PACKAGES = ("streamlit_folium",)
# Imported inside the first script run by what is left to it, not by the project's own imports,
# measured with PYTHONPROFILEIMPORTTIME on a fresh server (docs/benchmarks.md): streamlit_folium
# imports every folium plugin (~0.15 s), and st.set_page_config checks the page icon against
# Streamlit's table of emoji (~0.18 s). Both are plain modules: loaded here, the first page does
# not wait for them.
LOADED_BY_OTHERS = ("folium.plugins", "streamlit.emojis")


def imported_modules(source: Path) -> list[str]:
    """The modules `source` imports at its top level, in order."""
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module != "__future__":
            names.append(node.module)
    return list(dict.fromkeys(names))


def project_source(name: str, root: Path) -> Path | None:
    """The file of one of the project's own modules (None for a library)."""
    base = root.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def libraries_needed(script: Path, root: Path = ROOT) -> list[str]:
    """The libraries `script` imports, directly or through the project's modules, in the order
    first met, without the Streamlit component packages."""
    pending, seen, libraries = [script], set(), []
    while pending:
        source = pending.pop(0)
        for name in imported_modules(source):
            local = project_source(name, root)
            if local is not None:
                if local not in seen:
                    seen.add(local)
                    pending.append(local)
            elif name.split(".")[0] not in COMPONENT_PACKAGES and name not in libraries:
                libraries.append(name)
    return libraries


def warm_up(script: Path) -> None:
    for name in (*libraries_needed(script), *LOADED_BY_OTHERS):
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001  (the script imports it again and shows the error itself)
            pass


def main(arguments: list[str]) -> int:
    if not arguments or arguments[0].startswith("-"):
        print("usage: serve.py SCRIPT [streamlit run flags]", file=sys.stderr)
        return 2
    script = Path(arguments[0])
    if not script.is_file():
        print(f"serve.py: no script at {script}", file=sys.stderr)
        return 2
    warm_up(script)
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(script), *arguments[1:]]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
