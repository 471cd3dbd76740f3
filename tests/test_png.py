"""The briefing PNG: its size, that it shows something, the right colour at Idlib, Arabic text,
hostile names as plain text, and the command line's file and one-line errors."""

from __future__ import annotations

import datetime as dt

import copy
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import arabic_reshaper
import geopandas as gpd
import numpy as np
import pytest
import shapely
from matplotlib.colors import to_hex, to_rgb, to_rgba
from matplotlib.figure import Figure
from PIL import Image

import components.png_text
from components.locale import Locale
from components.png import figure_png, render_figure, render_png
from components.png_map import draw_features, draw_legend, projected
from components.symbology import HATCHES, KIND_STYLES
from exported import dataset_with_base
from geo.dataset import build_dataset
from components.png_text import shaped, subtitle_line
from geo.query import features_valid_on
from dataset import FEATURES, feature, polygon, IDLIB_SQUARE, write_dataset
from geo.load import DATA_DIR

ROOT = Path(__file__).resolve().parent.parent
IDLIB_CITY = (36.63393, 35.93062)
# arabic-reshaper writes joined letters as Arabic Presentation Forms-A and -B.
PRESENTATION_FORMS = [range(0xFB50, 0xFE00), range(0xFE70, 0xFF00)]
HOSTILE_NAME = "<img src=x onerror=alert(1)> $\\frac{1}{0}$ & {x}"


@pytest.fixture(scope="module")
def real_data():
    """The project's dataset, built once for the module."""
    return build_dataset()


@pytest.fixture(scope="module")
def english(real_data):
    return render_figure(real_data, "2020-03-05")


@pytest.fixture(scope="module")
def english_png(english) -> bytes:
    return figure_png(english.figure)


def png_image(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def over_white(*layers: tuple[str, float]) -> tuple[int, int, int]:
    """The colour of semi-transparent fills painted in order on white, as 8-bit RGB."""
    colour = (1.0, 1.0, 1.0)
    for hex_colour, opacity in layers:
        colour = tuple(opacity * new + (1 - opacity) * old for new, old in zip(to_rgb(hex_colour), colour))
    return tuple(round(channel * 255) for channel in colour)


def test_the_png_has_exactly_the_size_asked(real_data, english_png):
    assert png_image(english_png).size == (1920, 1080)
    # An odd size at a low dpi: the figure's inches are not round numbers.
    assert png_image(render_png(real_data, "2018-09-17", width_px=801, height_px=457, dpi=72)).size == (801, 457)


def test_the_png_is_not_blank(english_png):
    assert len(png_image(english_png).getcolors(maxcolors=1_000_000)) > 200


def test_idlib_city_on_5_march_2020_has_the_frontline_fill(english, english_png):
    """Idlib was opposition-held: around its town dot, the frontline's fill over the Idlib zone's."""
    image = png_image(english_png)
    column, row = english.pixel_of(*IDLIB_CITY)
    window = [image.getpixel((x, y)) for x in range(column - 15, column + 16) for y in range(row - 15, row + 16)]
    most_common, _ = Counter(window).most_common(1)[0]
    zone, front = KIND_STYLES["deescalation_zone"], KIND_STYLES["frontline"]
    expected = over_white((zone["fillColor"], zone["fillOpacity"]), (front["fillColor"], front["fillOpacity"]))
    assert all(abs(got - want) <= 3 for got, want in zip(most_common, expected)), (most_common, expected)


def test_an_arabic_title_is_shaped_and_drawn(real_data, english_png):
    arabic = render_figure(real_data, "2020-03-05", Locale("ar"))
    title = arabic.title.get_text()
    assert any(ord(character) in forms for character in title for forms in PRESENTATION_FORMS)
    assert "2020" in title and "Moscow" not in title
    assert png_image(figure_png(arabic.figure)).tobytes() != png_image(english_png).tobytes()


def test_arabic_indic_digits_in_the_date_and_the_scale_bar(real_data):
    arabic = render_figure(real_data, "2020-03-05", Locale("ar", "arabic"))
    assert "٢٠٢٠" in arabic.title.get_text() and "2020" not in arabic.title.get_text()
    # The scale bar's two labels (0 and its length in km), drawn on its layer.
    with_digits = [label.get_text() for label in arabic.map_axes.texts if label.get_zorder() == 13]
    assert len(with_digits) == 2 and with_digits[0].endswith("٠")
    assert not any(character in "0123456789" for label in with_digits for character in label)
    assert subtitle_line(projected(features_valid_on(real_data.features, dt.date(2020, 3, 5))), Locale("ar", "arabic")).endswith("نقاط المراقبة التركية: ١٩")
    with pytest.raises(ValueError, match="got 'roman'"):
        render_figure(real_data, "2020-03-05", Locale("ar", "roman"))


def band_figure(kind: str) -> tuple[Figure, object]:
    """A band over Idlib drawn as in the briefing PNG, with the legend beside it."""
    figure = Figure(figsize=(4, 3), dpi=150)
    axes = figure.add_axes((0, 0, 0.5, 1))
    band = gpd.GeoDataFrame({"kind": [kind]}, geometry=[shapely.box(36.5, 35.8, 36.7, 36.0)], crs="EPSG:4326")
    draw_features(axes, projected(band), 1.0)
    draw_legend(figure, ["frontline", kind], Locale(), 1.0)
    return figure, axes


@pytest.mark.parametrize(("kind", "character"), [("demilitarized_zone", "/"), ("security_corridor", "\\")])
def test_a_band_is_hatched_on_the_map_and_in_the_legend_as_on_the_dashboard(kind, character):
    """The same directions as the dashboard's patterns (45 degrees rises: /, 135 falls: \\)."""
    figure, axes = band_figure(kind)
    (band,) = axes.collections
    frontline_swatch, band_swatch = figure.legends[0].get_patches()
    hatch = HATCHES[kind]
    for artist in (band, band_swatch):
        assert set(artist.get_hatch()) == {character}
        assert to_hex(np.ravel(artist.get_hatchcolor())[:4]) == hatch.stripe.lower()
        assert np.ravel(artist.get_facecolor())[:4] == pytest.approx(to_rgba(KIND_STYLES[kind]["fillColor"], hatch.ground_opacity))
    assert frontline_swatch.get_hatch() is None
    # Inside the band, away from its outline: stripes in their colour on the light ground.
    (left, bottom), (right, top) = axes.transData.transform(np.reshape(band.get_paths()[0].get_extents().get_points(), (2, 2)))
    height = figure.bbox.height
    inside = png_image(figure_png(figure)).crop((int(left + (right - left) / 4), int(height - top + (top - bottom) / 4),
                                                 int(right - (right - left) / 4), int(height - bottom - (top - bottom) / 4)))
    colours = {colour for _, colour in inside.getcolors(maxcolors=1_000_000)}
    for expected in (over_white((hatch.stripe, 1.0)), over_white((KIND_STYLES[kind]["fillColor"], hatch.ground_opacity))):
        assert any(max(abs(got - want) for got, want in zip(colour, expected)) <= 2 for colour in colours), (expected, colours)


@pytest.mark.parametrize(
    "value, language, expected",
    [
        ("Idlib", "en", "Idlib"),
        ("إدلب", "en", "إدلب"),  # English text is never touched
        ("M4 / M5", "ar", "M4 / M5"),  # no Arabic letter, nothing to shape
        (None, "ar", ""),
    ],
)
def test_shaped_leaves_text_alone_where_there_is_no_arabic_to_shape(value, language, expected):
    assert shaped(value, Locale(language)) == expected


def test_shaped_joins_arabic_letters():
    result = shaped("منطقة خفض التصعيد", Locale("ar"))
    assert not any("\u0600" <= character <= "\u06ff" for character in result)
    assert any(ord(character) in forms for character in result for forms in PRESENTATION_FORMS)


@pytest.mark.skipif(tuple(int(part) for part in __import__("matplotlib").__version__.split(".")[:2]) < (3, 11),
                    reason="matplotlib before 3.11 lays text out left to right without libraqm")
def test_matplotlib_311_does_its_own_bidi_so_python_bidi_is_not_applied_twice():
    assert components.png_text.matplotlib_orders_bidi()
    assert shaped("إدلب", Locale("ar")).startswith("\u200f")  # logical order, marked right to left


def test_without_bidi_in_matplotlib_python_bidi_puts_arabic_in_visual_order(monkeypatch):
    monkeypatch.setattr(components.png_text, "matplotlib_orders_bidi", lambda: False)
    result = shaped("إدلب 2020", Locale("ar"))
    assert result.startswith("2020")  # the number, read last, stands on the left
    assert "\u200f" not in result and result[-1] == arabic_reshaper.reshape("إدلب")[0]  # the first letter, rightmost


@pytest.mark.parametrize(
    "date, message",
    [
        ("2020-02-30", "not a valid date: '2020-02-30'"),
        ("yesterday", "not a valid date: 'yesterday'"),
        (20200305, "not a date"),
        ("2017-01-22", "date 2017-01-22 is outside the period mapped, 2017-01-23 to 2024-12-08"),
        ("2024-12-09", "is outside the period mapped"),
    ],
)
def test_bad_dates_raise_a_clear_value_error(real_data, date, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        render_png(real_data, date)


@pytest.mark.parametrize(
    "options, message",
    [
        ({"width_px": 10}, "width_px must be a whole number from 320 to 10000, got 10"),
        ({"dpi": 150.5}, "dpi must be a whole number from 50 to 600, got 150.5"),
    ],
)
def test_bad_options_raise_a_clear_value_error(real_data, options, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        render_png(real_data, "2020-03-05", **options)


def test_a_language_other_than_english_or_arabic_is_refused():
    with pytest.raises(ValueError, match=re.escape("language must be one of en, ar, got 'fr'")):
        Locale("fr")


def test_the_png_shows_only_the_chosen_layers(real_data):
    # The reader hid the posts and the corridor: the image shows the frontline alone, as the map does.
    everything = render_figure(real_data, "2020-03-06")
    frontline_only = render_figure(real_data, "2020-03-06", layers=("frontline",))
    assert legend_texts(frontline_only) == ["Opposition-held north-west (its edge is the frontline)"]
    assert len(legend_texts(everything)) == 4  # the Idlib zone of 2017, the frontline, the corridor, the posts
    assert "observation posts" not in frontline_only.figure.texts[1].get_text()
    assert "observation posts" in everything.figure.texts[1].get_text()


def legend_texts(rendered) -> list[str]:
    """The legend's kind labels, unwrapped (the base layers' last three are left out)."""
    texts = [text.get_text().replace("\n", " ") for text in rendered.figure.legends[0].get_texts()]
    return texts[:-3]


def test_a_hostile_feature_name_renders_as_plain_text(tmp_path, real_data):
    """No HTML here, but `$...$` would be mathtext to matplotlib: names must reach the image as typed."""
    features = copy.deepcopy(FEATURES) + [feature("hostile", "security_corridor", "2020-01-01", None, polygon(IDLIB_SQUARE), name_en=HOSTILE_NAME)]
    directory = write_dataset(tmp_path / "data", features=features)
    rendered = render_figure(dataset_with_base(directory, real_data.base), "2020-03-05")
    assert any(HOSTILE_NAME in text.get_text() for text in rendered.figure.texts)
    assert png_image(figure_png(rendered.figure)).size == (1920, 1080)


def run_cli(*arguments: str, data_dir: Path | None = None) -> subprocess.CompletedProcess:
    environment = dict(os.environ)
    if data_dir is not None:
        environment["DEESCALATION_DATA_DIR"] = str(data_dir)
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "export_png.py"), *arguments], capture_output=True, text=True,
                          env=environment, timeout=120)


def test_the_command_line_writes_a_png_of_the_asked_size(tmp_path):
    # The small fixture dataset with the real base layers: the script's own path, quickly.
    directory = write_dataset(tmp_path / "data")
    shutil.copytree(DATA_DIR / "base", directory / "base")
    out = tmp_path / "briefing.png"
    result = run_cli("--date", "2020-03-05", "--lang", "ar", "--width", "640", "--height", "400", "--dpi", "80", "--out", str(out), data_dir=directory)
    assert result.returncode == 0, result.stderr
    assert Image.open(out).size == (640, 400)


@pytest.fixture(scope="module")
def export_png():
    """scripts/export_png.py as a module, to call its main() in-process (a subprocess costs a second)."""
    spec = importlib.util.spec_from_file_location("export_png", ROOT / "scripts" / "export_png.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--date", "2020-13-01"], "not a valid date: '2020-13-01'; expected YYYY-MM-DD, e.g. 2020-03-05"),
        (["--date", "2025-01-01"], "date 2025-01-01 is outside the period mapped, 2017-01-23 to 2024-12-08"),
        (["--round", "astana-99"], "unknown round 'astana-99': use an id from data/rounds.yaml, e.g. astana-22 or moscow-protocol-2020-03-05"),
        (["--date", "2020-03-05", "--round", "astana-4"], "argument --round: not allowed with argument --date"),
        (["--date", "2020-03-05", "--width", "wide"], "argument --width: invalid int value: 'wide'"),
        (["--date", "2020-03-05", "--lang", "fr"], "argument --lang: invalid choice: 'fr'"),  # argparse words the rest per Python version
    ],
)
def test_the_command_line_answers_errors_with_one_line_and_exit_2(export_png, data_dir, monkeypatch, capsys, tmp_path, arguments, message):
    monkeypatch.setenv("DEESCALATION_DATA_DIR", str(data_dir))
    with pytest.raises(SystemExit) as stopped:
        export_png.main([*arguments, "--out", str(tmp_path / "x.png")])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert error.startswith(f"export_png: error: {message}") and error.count("\n") == 1 and error.endswith("\n")
    assert not (tmp_path / "x.png").exists()


def test_the_footer_says_how_precise_the_line_is(real_data):
    stated = real_data.features.set_index("id").at["frontline-2020-03-06", "precision_km"]
    footer = render_figure(real_data, "2020-03-06").figure.texts[3].get_text()
    assert footer.startswith("Natural Earth") and f"line drawn from tracked places at most {stated:.1f} km apart across it" in footer
    assert "OpenStreetMap contributors (ODbL)" in footer


def test_the_png_draws_lake_assad_and_the_rivers_as_the_map_does(english):
    from matplotlib.collections import LineCollection

    from components.symbology import LAKE_STYLE, RIVER_STYLE

    map_axes = english.map_axes
    lines = [collection for collection in map_axes.collections if isinstance(collection, LineCollection)]
    river_lines = [c for c in lines if to_hex(c.get_edgecolor()[0]) == to_hex(RIVER_STYLE["color"])]
    lake_fills = [c for c in map_axes.collections if len(c.get_facecolor()) and to_hex(c.get_facecolor()[0]) == to_hex(LAKE_STYLE["fillColor"])]
    assert river_lines and lake_fills
    # Under every feature, as on the dashboard.
    feature_order = min(c.get_zorder() for c in map_axes.collections if c.get_zorder() >= 5)
    assert max(c.get_zorder() for c in river_lines + lake_fills) < feature_order
