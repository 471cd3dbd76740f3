"""A user's overlay: read from GeoJSON, KML or a zipped shapefile into EPSG:4326, or refused with
one line naming the file and the problem. Every fixture is built here, in code, in tmp_path.
Over 300 lines: one test per way a stranger's file can be wrong."""

from __future__ import annotations

import io
import json
import re
import struct
import zipfile
from pathlib import Path

import folium
import geopandas as gpd
import pytest
import shapely
from pyproj import Transformer

from components.overlay_layer import overlay_layer
from components.symbology import OVERLAY_LINE_STYLE
from components.text_safety import plain_markdown
from dataset import IDLIB_SQUARE, POST_POINT
from geo.overlay import MAX_OVERLAY_BYTES, OverlayError, read_overlay

HOSTILE = "<img src=x onerror=alert(1)>"
BOWTIE = [[[36.5, 35.8], [36.7, 36.0], [36.7, 35.8], [36.5, 36.0], [36.5, 35.8]]]
TO_UTM_37N = Transformer.from_crs("EPSG:4326", "EPSG:32637", always_xy=True)
IDLIB_BOUNDS = (36.5, 35.8, 36.7, 36.0)
KML_NAMESPACE = 'xmlns="http://www.opengis.net/kml/2.2"'


def geojson(*features: dict, **members: object) -> bytes:
    return json.dumps({"type": "FeatureCollection", **members, "features": list(features)}).encode()


def feature(geometry: dict | None, **properties: object) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def square(rings: list = IDLIB_SQUARE) -> dict:
    return {"type": "Polygon", "coordinates": rings}


def utm_square() -> dict:
    return square([[list(TO_UTM_37N.transform(x, y)) for x, y in IDLIB_SQUARE[0]]])


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def shapefile_members(folder: Path, crs: str = "EPSG:32637") -> dict[str, bytes]:
    """A one-polygon shapefile of the Idlib square written by GDAL in `crs`, as {name: bytes}."""
    folder.mkdir()
    frame = gpd.GeoDataFrame({"name": ["Idlib square"]}, geometry=[shapely.box(*IDLIB_BOUNDS)], crs="EPSG:4326")
    frame.to_crs(crs).to_file(folder / "zone.shp")
    return {f"zone/{path.name}": path.read_bytes() for path in sorted(folder.iterdir())}


def kml(body: str, prolog: str = '<?xml version="1.0" encoding="UTF-8"?>') -> bytes:
    return f"{prolog}<kml {KML_NAMESPACE}><Document>{body}</Document></kml>".encode()


KML_POLYGON = (
    "<Placemark><name>Idlib square</name><Polygon><outerBoundaryIs><LinearRing><coordinates>"
    "36.5,35.8,0 36.7,35.8,0 36.7,36.0,0 36.5,36.0,0 36.5,35.8,0"
    "</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>"
)
KML_POINT_IN_FOLDER = "<Folder><name>Posts</name><Placemark><name>Post</name><Point><coordinates>36.6,35.9</coordinates></Point></Placemark></Folder>"


@pytest.fixture
def work_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


def test_a_valid_geojson_is_read_with_its_text_properties(work_dir):
    content = geojson(
        feature(square(), name="Idlib square", note="drawn by hand"),
        feature({"type": "Point", "coordinates": POST_POINT}, name="Post", note=None),
    )
    overlay, notes = read_overlay("mine.geojson", content, work_dir)
    assert notes == []
    assert overlay.crs.to_string() == "EPSG:4326"
    assert list(overlay.columns) == ["name", "note", "geometry"]
    assert list(overlay["name"]) == ["Idlib square", "Post"]
    assert list(overlay["note"]) == ["drawn by hand", ""]
    assert tuple(overlay.total_bounds) == IDLIB_BOUNDS


def test_only_five_text_properties_are_kept_each_cut_to_200_characters(work_dir):
    properties = {f"p{number}": f"value {number}" for number in range(7)} | {"empty": None, "p0": "x" * 500}
    overlay, notes = read_overlay("wide.json", geojson(feature(square(), **properties)), work_dir)
    assert list(overlay.columns) == ["p0", "p1", "p2", "p3", "p4", "geometry"]
    assert overlay["p0"].iloc[0] == "x" * 200
    assert notes == ["showing 5 of 7 properties: p0, p1, p2, p3, p4"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("utm.geojson", geojson(feature(utm_square()), crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32637"}})),
        ("utm.zip", None),  # the zipped shapefile, built in the test (it needs tmp_path)
    ],
)
def test_a_file_in_utm_37n_comes_out_in_syrias_longitude_and_latitude(tmp_path, work_dir, name, content):
    content = content or zipped(shapefile_members(tmp_path / "source"))
    overlay, notes = read_overlay(name, content, work_dir)
    assert notes == ["reprojected from EPSG:32637 to EPSG:4326"]
    assert overlay.total_bounds == pytest.approx(IDLIB_BOUNDS, abs=1e-6)


def test_a_shapefile_without_a_prj_in_lon_lat_is_assumed_to_be_epsg_4326(tmp_path, work_dir):
    members = {name: data for name, data in shapefile_members(tmp_path / "source", "EPSG:4326").items() if not name.endswith(".prj")}
    overlay, notes = read_overlay("no-prj.zip", zipped(members), work_dir)
    assert notes == ["no CRS given: coordinates read as longitude/latitude (EPSG:4326)"]
    assert overlay.total_bounds == pytest.approx(IDLIB_BOUNDS)
    assert list(overlay["name"]) == ["Idlib square"]


def test_a_self_intersecting_polygon_is_repaired_with_a_note(work_dir):
    overlay, notes = read_overlay("bowtie.geojson", geojson(feature(square(BOWTIE), name="bowtie")), work_dir)
    assert notes == ["repaired 1 invalid geometries (e.g. self-intersecting polygons) with shapely.make_valid"]
    assert overlay.geometry.is_valid.all()
    assert overlay.geometry.iloc[0].geom_type == "MultiPolygon"


def test_features_without_geometry_are_dropped_with_a_note(work_dir):
    content = geojson(feature(square(), name="kept"), feature(None, name="no geometry"))
    overlay, notes = read_overlay("partial.geojson", content, work_dir)
    assert list(overlay["name"]) == ["kept"]
    assert notes == ["dropped 1 of 2 features with an empty or unreadable geometry"]


def test_a_kml_placemark_polygon_and_a_point_in_a_folder_are_read(work_dir):
    overlay, notes = read_overlay("zones.kml", kml(KML_POLYGON + KML_POINT_IN_FOLDER), work_dir)
    assert notes == []
    assert sorted(overlay["Name"]) == ["Idlib square", "Post"]
    assert sorted(overlay.geom_type) == ["Point", "Polygon"]
    assert tuple(overlay.total_bounds) == IDLIB_BOUNDS
    assert "tessellate" not in overlay.columns  # GDAL's drawing columns are not the user's data


BILLION_LAUGHS = '<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
EXTERNAL_ENTITY = '<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def many_members() -> bytes:
    return zipped({f"part{number}.txt": b"" for number in range(201)})


def huge_declared_size() -> bytes:
    """A small zip whose headers claim a 4 GB member: the bomb is refused by its declared size."""
    content = bytearray(zipped({"zone.shp": b"x", "zone.shx": b"x", "zone.dbf": b"x"}))
    for signature, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = content.index(signature)
        content[start + size_offset : start + size_offset + 4] = struct.pack("<I", 0xFFFFFFF0)
    return bytes(content)


PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"

REFUSED = [
    ("big.geojson", b" " * (21 * 1024 * 1024), "big.geojson: is 21.0 MB; the limit is 20 MB"),
    ("map.geojson", PNG_HEADER, "map.geojson: claims to be GeoJSON (by its extension) but is PNG image data"),
    ("map.json", b"hello, world", "map.json: claims to be GeoJSON (by its extension) but is text that is neither JSON nor XML"),
    ("map.geojson", b'{"type": "FeatureCollection", "features": [}',
     "map.geojson: claims to be GeoJSON (by its extension) but is not valid JSON (Expecting value at line 1, column 44)"),
    ("map.geojson", b'{"rows": [1, 2]}',
     "map.geojson: claims to be GeoJSON (by its extension) but is JSON that is not GeoJSON (no FeatureCollection, Feature or geometry 'type')"),
    ("map.geojson", b"", "map.geojson: claims to be GeoJSON (by its extension) but is empty"),
    ("map.kml", geojson(feature(square())), "map.kml: claims to be KML (by its extension) but is GeoJSON"),
    ("map.kml", b'<?xml version="1.0"?><gpx version="1.1"/>',
     "map.kml: claims to be KML (by its extension) but is XML that is not KML (its first element is 'gpx')"),
    ("map.zip", kml(KML_POLYGON), "map.zip: claims to be a zipped shapefile (by its extension) but is KML"),
    ("map.zip", b"PK\x03\x04 not really a zip", "map.zip: claims to be a zipped shapefile (by its extension) but is text that is neither JSON nor XML"),
    ("map.geojson", zipped({"a.txt": b"a"}), "map.geojson: claims to be GeoJSON (by its extension) but is a zip archive"),
    ("map.txt", geojson(feature(square())), "map.txt: is not a supported type (expected .geojson, .json, .kml, .zip)"),
    ("map.zip", zipped({"readme.txt": b"no shapefile"}), "map.zip: is a zip archive with no shapefile in it (no .shp file)"),
    ("map.zip", zipped({"zone.shp": b"x", "zone.dbf": b"x"}), "map.zip: has zone.shp without its .shx file"),
    ("bomb.zip", many_members(), "bomb.zip: has 201 files; a zipped shapefile may have at most 200"),
    ("bomb.zip", huge_declared_size(), "bomb.zip: would unpack to 4096 MB; the limit is 100 MB"),
    ("laughs.kml", kml(KML_POLYGON, BILLION_LAUGHS),
     "laughs.kml: has a DOCTYPE or ENTITY declaration, which KML does not need; refused"),
    ("xxe.kml", kml(KML_POLYGON, EXTERNAL_ENTITY), "xxe.kml: has a DOCTYPE or ENTITY declaration, which KML does not need; refused"),
    ("empty.geojson", geojson(feature(None, name="nothing")), "empty.geojson: has no usable geometry (none of its 1 features has one)"),
    ("none.kml", kml(""), "none.kml: has no features"),
    ("broken.kml", kml(KML_POLYGON)[:-20], "broken.kml: could not be read as KML (ERROR parsing kml broken.kml :unclosed token on line 1 at offset 293)"),
    ("garbage.zip", zipped({"a.shp": b"garbage", "a.shx": b"x", "a.dbf": b"y"}),
     "garbage.zip: could not be read as a zipped shapefile ('garbage.zip' not recognized as being in a supported file format.)"),
    ("utm-without-crs.geojson", geojson(feature(utm_square())),
     "utm-without-crs.geojson: has coordinates (x 274091..292689, y 3.96421e+06..3.98684e+06) outside longitude/latitude "
     "ranges in EPSG:4326; is its CRS missing or wrong?"),
    ("C:\\Users\\me\\Desktop\\map.geojson", PNG_HEADER, "map.geojson: claims to be GeoJSON (by its extension) but is PNG image data"),
]


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_a_bad_file_is_refused_with_one_line_naming_it(tmp_path, work_dir, name, content, message):
    with pytest.raises(OverlayError, match=f"^{re.escape(message)}$"):
        read_overlay(name, content, work_dir)
    assert list(tmp_path.iterdir()) == [work_dir]
    assert all(path.name.startswith("overlay.") for path in work_dir.iterdir())  # fixed names, never the upload's


def test_a_shapefile_without_a_crs_in_metres_is_refused(tmp_path, work_dir):
    members = {name: data for name, data in shapefile_members(tmp_path / "source").items() if not name.endswith(".prj")}
    with pytest.raises(OverlayError, match=r"^utm\.zip: has no CRS and its coordinates \(x 274091\.\.292689, y 3\.96421e\+06\.\.3\.98684e\+06\) are not longitude/latitude$"):
        read_overlay("utm.zip", zipped(members), work_dir)


@pytest.mark.parametrize("evil", ["../evil.txt", "zone/../../evil.txt", "/tmp/evil.txt", "..\\evil.txt", "C:/evil.txt"])
def test_a_zip_slip_is_refused_and_nothing_is_written(tmp_path, work_dir, evil):
    content = zipped(shapefile_members(tmp_path / "source") | {evil: b"pwned"})
    before = sorted(tmp_path.rglob("*"))
    with pytest.raises(OverlayError, match=f"^slip.zip: has a file with an unsafe path \\({re.escape(repr(evil))}\\); refused$"):
        read_overlay("slip.zip", content, work_dir)
    assert sorted(tmp_path.rglob("*")) == before
    assert list(work_dir.iterdir()) == []


def test_a_shapefile_is_unpacked_under_fixed_names_inside_work_dir(tmp_path, work_dir):
    read_overlay("utm.zip", zipped(shapefile_members(tmp_path / "source")), work_dir)
    assert sorted(path.name for path in work_dir.iterdir()) == ["overlay.cpg", "overlay.dbf", "overlay.prj", "overlay.shp", "overlay.shx"]


def test_a_hostile_property_reaches_the_map_html_escaped_only(work_dir):
    content = geojson(feature(square(), **{"name": HOSTILE, HOSTILE: "a hostile key"}))
    overlay, _ = read_overlay("hostile.geojson", content, work_dir)
    fmap = folium.Map()
    overlay_layer(overlay).add_to(fmap)
    html = fmap.get_root().render()
    assert HOSTILE not in html and "<img" not in html
    # The value and the tooltip label are HTML-escaped (then JSON-encoded by folium: `&` is \u0026);
    # the property key is only JSON (`<` is \u003c): it is looked up, never written into the page.
    assert html.count(r"\u0026lt;img src=x onerror=alert(1)\u0026gt;") == 2
    assert html.count(r"\u003cimg src=x onerror=alert(1)\u003e") == 2
    assert overlay["name"].iloc[0] == HOSTILE  # escaped on the copy, never in the stored overlay
    assert '"dashArray": "6 4"' in html and '"fill": false' in html
    assert OVERLAY_LINE_STYLE["color"] == "#000000"


def test_points_are_small_black_circles(work_dir):
    overlay, _ = read_overlay("post.geojson", geojson(feature({"type": "Point", "coordinates": POST_POINT}, name="Post")), work_dir)
    fmap = folium.Map()
    overlay_layer(overlay).add_to(fmap)
    html = fmap.get_root().render()
    assert "new L.CircleMarker(latlng, opts)" in html and '"radius": 4' in html
    assert '"fill": true, "fillColor": "#000000", "fillOpacity": 1.0' in html


@pytest.mark.parametrize(
    ("text", "shown"),
    [("a.geojson: is 21.0 MB", "a\\.geojson\\: is 21\\.0 MB"), ("$x$ [a](b)", "\\$x\\$ \\[a\\]\\(b\\)")],
)
def test_messages_are_shown_as_typed_not_as_markdown(text, shown):
    assert plain_markdown(text) == shown


def test_the_size_limit_is_20_mebibytes():
    assert MAX_OVERLAY_BYTES == 20 * 1024 * 1024


def uploader_page():
    import streamlit as st

    from components.overlay import render_overlay_uploader

    from components.locale import Locale

    overlay, notes = render_overlay_uploader(Locale())
    st.write(f"features: {0 if overlay is None else len(overlay)}")


@pytest.fixture
def uploader_app():
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_function(uploader_page, default_timeout=30)
    app.run()
    assert not app.exception, app.exception
    return app


def test_the_uploader_says_why_a_file_was_refused_without_a_traceback(uploader_app):
    uploader = uploader_app.file_uploader[0]
    assert sorted(uploader.allowed_type) == [".geojson", ".json", ".kml", ".zip"]
    assert uploader.proto.max_upload_size_mb == 20
    assert "up to 20 MB" in uploader.help and "in this browser session only" in uploader.help
    uploader.set_value(("map.geojson", PNG_HEADER, "application/geo+json")).run()
    assert not uploader_app.exception
    assert [error.value for error in uploader_app.error] == [plain_markdown("map.geojson: claims to be GeoJSON (by its extension) but is PNG image data")]
    assert uploader_app.markdown[-1].value == "features: 0"


def arabic_uploader_page():
    from components.locale import Locale
    from components.overlay import render_overlay_uploader

    render_overlay_uploader(Locale("ar"))


def test_the_uploader_speaks_arabic_around_the_technical_reason():
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_function(arabic_uploader_page, default_timeout=30).run()
    assert app.file_uploader[0].label == "طبقتك الخاصة" and "ميغابايت" in app.file_uploader[0].help
    app.file_uploader[0].set_value(("map.geojson", PNG_HEADER, "application/geo+json")).run()
    assert [error.value for error in app.error] == [plain_markdown("رُفض الملف map.geojson: claims to be GeoJSON (by its extension) but is PNG image data")]


def test_the_uploader_keeps_the_overlay_in_this_session_until_it_is_removed(uploader_app):
    uploader_app.file_uploader[0].set_value(("bowtie.geojson", geojson(feature(square(BOWTIE))), "application/geo+json")).run()
    assert not uploader_app.exception and not uploader_app.error
    assert [caption.value for caption in uploader_app.caption] == [
        plain_markdown("Overlay: repaired 1 invalid geometries (e.g. self-intersecting polygons) with shapely.make_valid")
    ]
    assert uploader_app.markdown[-1].value == "features: 1"
    assert "overlay" in uploader_app.session_state
    uploader_app.file_uploader[0].set_value(None).run()
    assert uploader_app.markdown[-1].value == "features: 0"
    assert "overlay" not in uploader_app.session_state
