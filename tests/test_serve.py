"""The launcher loads the dashboard's libraries before the server listens, but never a Streamlit
component package (imported outside a script run, its component would not be registered)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import serve  # noqa: E402


def test_the_libraries_of_the_dashboard_are_found_through_its_own_modules():
    needed = serve.libraries_needed(ROOT / "dashboard.py")
    # dashboard.py imports none of these itself: they come through components/ and geo/.
    assert {"folium", "geopandas", "altair", "shapely", "rapidfuzz", "babel.dates"} <= set(needed)
    assert not any(name.split(".")[0] == "streamlit_folium" for name in needed)
    assert not any(name.split(".")[0] in ("components", "geo") for name in needed)


def test_a_script_path_that_is_not_there_is_said_plainly(capsys, tmp_path):
    assert serve.main([str(tmp_path / "missing.py")]) == 2
    assert "no script at" in capsys.readouterr().err
    assert serve.main([]) == 2


def test_the_warm_up_also_loads_what_the_first_run_would_import_for_others_but_no_component():
    # streamlit_folium imports every folium plugin and st.set_page_config Streamlit's emoji table:
    # ~0.3 s of the first page if left to its run (docs/benchmarks.md).
    import subprocess

    probe = ("import sys; sys.path.insert(0, 'scripts'); import serve; from pathlib import Path; serve.warm_up(Path('dashboard.py')); "
             "print(sorted(name for name in ('folium.plugins', 'streamlit.emojis', 'streamlit_folium', 'geopandas') if name in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "['folium.plugins', 'geopandas', 'streamlit.emojis']"
