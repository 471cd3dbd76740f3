"""A user's own overlay (GeoJSON, KML or a zipped shapefile) checked, repaired and put in EPSG:4326.

The file comes from a stranger: its type is read from its content (the extension only says what
it claims to be), a zip is checked for escaping paths and bomb sizes before anything is unpacked,
only the shapefile's own members are written and only inside the caller's `work_dir`, under fixed
names. Nothing from the file is executed or evaluated: JSON goes through `json`, geometries and
XML through GDAL (pyogrio), and a KML with a DOCTYPE or ENTITY declaration is refused unparsed.
About 300 lines: every check a stranger's file passes through, kept in one place on purpose.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
import zlib
from pathlib import Path, PurePosixPath, PureWindowsPath

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyogrio.errors
import shapely
from pyproj.exceptions import CRSError, ProjError

from geo.schema import CRS, SYRIA_BOUNDS

MEGABYTE = 1024 * 1024
MAX_OVERLAY_BYTES = 20 * MEGABYTE
MAX_ZIP_MEMBERS = 200
MAX_UNZIPPED_BYTES = 100 * MEGABYTE
MAX_LAYERS = 100  # a KML folder is a layer; each costs a GDAL read
DISPLAY_COLUMNS = 5
MAX_VALUE_CHARS = 200
MAX_NAME_CHARS = 80

# What each accepted extension claims the file is.
CLAIMED_TYPES = {".geojson": "GeoJSON", ".json": "GeoJSON", ".kml": "KML", ".zip": "a zipped shapefile"}
# Names for what a rejected file really is, by its first bytes (a zip is recognised separately).
MAGIC_NUMBERS = (
    (b"\x89PNG\r\n\x1a\n", "PNG image data"),
    (b"\xff\xd8\xff", "JPEG image data"),
    (b"GIF8", "GIF image data"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "gzip data"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)
GEOJSON_TYPES = {"FeatureCollection", "Feature", "Point", "MultiPoint", "LineString", "MultiLineString",
                 "Polygon", "MultiPolygon", "GeometryCollection"}
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf")  # what GDAL needs; .prj and .cpg are read when present
SHAPEFILE_EXTRAS = (".prj", ".cpg")
FIRST_ELEMENT = re.compile(r"<(?![?!])(?:[\w.\-]+:)?([\w.\-]{1,40})")
# Columns GDAL's LIBKML driver adds to every placemark (drawing settings, not the user's data).
KML_DRAWING_COLUMNS = ("altitudeMode", "tessellate", "extrude", "visibility", "drawOrder", "icon")
DECLARATION = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


class OverlayError(ValueError):
    """An uploaded overlay was refused. The message names the file and what is wrong with it."""

    def __init__(self, name: str, problem: str) -> None:
        self.name = name
        self.problem = problem
        super().__init__(f"{name}: {problem}")


def display_name(name: str) -> str:
    """The file's base name, printable and cut short: it goes into messages, never into a path."""
    base = PureWindowsPath(PurePosixPath(name).name).name or "(unnamed file)"
    base = "".join(character if character.isprintable() else "?" for character in base)
    return base if len(base) <= MAX_NAME_CHARS else base[: MAX_NAME_CHARS - 3] + "..."


def check_overlay_size(name: str, size: int) -> None:
    """Refuse a file over MAX_OVERLAY_BYTES (callers can check before reading the bytes)."""
    if size > MAX_OVERLAY_BYTES:
        raise OverlayError(display_name(name), f"is {size / MEGABYTE:.1f} MB; the limit is {MAX_OVERLAY_BYTES // MEGABYTE} MB")


def read_overlay(name: str, content: bytes, work_dir: Path) -> tuple[gpd.GeoDataFrame, list[str]]:
    """The overlay in EPSG:4326 with up to five text properties, and notes on what was repaired.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     frame, notes = read_overlay("post.geojson", b'{"type": "Point", "coordinates": [36.6, 35.9]}', Path(folder))
    >>> frame.geometry.iloc[0].wkt, notes
    ('POINT (36.6 35.9)', [])

    Raises OverlayError naming the file and the problem; writes only inside `work_dir`.
    """
    name = display_name(name)
    check_overlay_size(name, len(content))
    claimed = CLAIMED_TYPES.get(PurePosixPath(name.lower()).suffix)
    if claimed is None:
        raise OverlayError(name, f"is not a supported type (expected {', '.join(CLAIMED_TYPES)})")
    actual = content_type(content)
    if claimed == "a zipped shapefile" and actual == "a zip archive":
        path = _unpack_shapefile(name, content, work_dir)
    elif actual == claimed:
        path = _write_checked_text(name, content, claimed, work_dir)
    else:
        raise OverlayError(name, f"claims to be {claimed} (by its extension) but is {actual}")
    notes: list[str] = []
    frame = _read_layers(name, path, claimed)
    frame = _drop_missing(name, frame, notes)
    frame = _in_lon_lat(name, frame, notes)
    frame = _repaired(frame, notes)
    return _display_properties(frame, notes), notes


def content_type(content: bytes) -> str:
    """What the bytes are: 'GeoJSON', 'KML', 'a zip archive', or a description of something else."""
    if content[:4] in (b"PK\x03\x04", b"PK\x05\x06") and zipfile.is_zipfile(io.BytesIO(content)):
        return "a zip archive"
    for magic, description in MAGIC_NUMBERS:
        if content.startswith(magic):
            return description
    try:
        text = content.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        return "binary data, not UTF-8 text"
    if not text:
        return "empty"
    if text[0] in "{[":
        return _json_type(text)
    if text[0] == "<":
        element = FIRST_ELEMENT.search(text)
        if element and element.group(1).lower() == "kml":
            return "KML"
        return f"XML that is not KML (its first element is {element.group(1) if element else 'missing'!r})"
    return "text that is neither JSON nor XML"


def _json_type(text: str) -> str:
    try:
        document = json.loads(text)
    except RecursionError:
        return "JSON nested too deeply to read"
    except json.JSONDecodeError as error:
        return f"not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
    if isinstance(document, dict) and document.get("type") in GEOJSON_TYPES:
        return "GeoJSON"
    return "JSON that is not GeoJSON (no FeatureCollection, Feature or geometry 'type')"


def _write_checked_text(name: str, content: bytes, claimed: str, work_dir: Path) -> Path:
    # An entity declaration is how XML expands to gigabytes or reads local files; KML never needs one.
    if claimed == "KML" and DECLARATION.search(content.decode("utf-8-sig")):
        raise OverlayError(name, "has a DOCTYPE or ENTITY declaration, which KML does not need; refused")
    path = work_dir / ("overlay.kml" if claimed == "KML" else "overlay.geojson")
    path.write_bytes(content)
    return path


def _unsafe_member(member: str) -> bool:
    parts = re.split(r"[\\/]", member)
    return member.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", member) is not None or ".." in parts


def _unpack_shapefile(name: str, content: bytes, work_dir: Path) -> Path:
    """Check the whole archive, then write one shapefile's members as work_dir/overlay.*."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
            _check_archive(name, members)
            chosen = _shapefile_members(name, members)
            for extension, member in chosen.items():
                (work_dir / f"overlay{extension}").write_bytes(archive.read(member))
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        raise OverlayError(name, f"is a damaged or unsupported zip archive ({error})") from None
    except RuntimeError as error:  # zipfile's error for an encrypted member
        raise OverlayError(name, f"could not be unpacked ({error})") from None
    return work_dir / "overlay.shp"


def _check_archive(name: str, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_ZIP_MEMBERS:
        raise OverlayError(name, f"has {len(members)} files; a zipped shapefile may have at most {MAX_ZIP_MEMBERS}")
    for member in members:
        if _unsafe_member(member.filename):
            raise OverlayError(name, f"has a file with an unsafe path ({member.filename[:MAX_NAME_CHARS]!r}); refused")
    unzipped = sum(member.file_size for member in members)
    if unzipped > MAX_UNZIPPED_BYTES:
        raise OverlayError(name, f"would unpack to {unzipped / MEGABYTE:.0f} MB; the limit is {MAX_UNZIPPED_BYTES // MEGABYTE} MB")


def _shapefile_members(name: str, members: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    """The members of the archive's first shapefile, by extension (.shp, .shx, .dbf, .prj, .cpg)."""
    by_stem: dict[str, dict[str, zipfile.ZipInfo]] = {}
    for member in members:
        path = PurePosixPath(member.filename)
        # macOS adds `__MACOSX/._name.shp` resource forks that are not shapefiles.
        if member.is_dir() or path.name.startswith("._") or "__MACOSX" in path.parts:
            continue
        by_stem.setdefault(str(path.with_suffix("")).lower(), {})[path.suffix.lower()] = member
    shapefiles = sorted(stem for stem, parts in by_stem.items() if ".shp" in parts)
    if not shapefiles:
        raise OverlayError(name, "is a zip archive with no shapefile in it (no .shp file)")
    parts = by_stem[shapefiles[0]]
    missing = [extension for extension in SHAPEFILE_PARTS if extension not in parts]
    if missing:
        raise OverlayError(name, f"has {PurePosixPath(parts['.shp'].filename).name[:MAX_NAME_CHARS]} without its {' and '.join(missing)} file")
    return {extension: parts[extension] for extension in SHAPEFILE_PARTS + SHAPEFILE_EXTRAS if extension in parts}


def _read_layers(name: str, path: Path, claimed: str) -> gpd.GeoDataFrame:
    """Every layer of the file (a KML has one per folder) in one frame, 2D, unreadable geometries as None."""
    try:
        layers = [str(layer) for layer, _ in pyogrio.list_layers(path)]
        if len(layers) > MAX_LAYERS:
            raise OverlayError(name, f"has {len(layers)} layers (KML folders); at most {MAX_LAYERS} are read")
        frames = [pyogrio.read_dataframe(path, layer=layer, force_2d=True, on_invalid="ignore") for layer in layers]
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, UnicodeDecodeError, CRSError) as error:
        # GDAL names the file by its path in work_dir and may add a hint about drivers: neither helps.
        problem = str(error).splitlines()[0].replace(str(path), name).split("; It might help")[0][:MAX_VALUE_CHARS]
        raise OverlayError(name, f"could not be read as {claimed} ({problem})") from None
    if not frames:
        raise OverlayError(name, "has no features")
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if claimed == "KML":
        frame = frame.drop(columns=list(KML_DRAWING_COLUMNS), errors="ignore")
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=frames[0].crs)


def _drop_missing(name: str, frame: gpd.GeoDataFrame, notes: list[str]) -> gpd.GeoDataFrame:
    missing = frame.geometry.isna() | frame.geometry.is_empty
    if frame.empty:
        raise OverlayError(name, "has no features")
    if missing.all():
        raise OverlayError(name, f"has no usable geometry (none of its {len(frame)} features has one)")
    if missing.any():
        notes.append(f"dropped {int(missing.sum())} of {len(frame)} features with an empty or unreadable geometry")
    return frame[~missing]


def _bounds_text(frame: gpd.GeoDataFrame) -> str:
    minx, miny, maxx, maxy = frame.total_bounds
    return f"x {minx:.6g}..{maxx:.6g}, y {miny:.6g}..{maxy:.6g}"


def _is_lon_lat(frame: gpd.GeoDataFrame) -> bool:
    minx, miny, maxx, maxy = frame.total_bounds
    return bool(np.isfinite(frame.total_bounds).all() and -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90)


def _in_lon_lat(name: str, frame: gpd.GeoDataFrame, notes: list[str]) -> gpd.GeoDataFrame:
    """The frame in EPSG:4326; a frame without a CRS is taken as lon/lat only if it fits the ranges."""
    if frame.crs is None:
        if not _is_lon_lat(frame):
            raise OverlayError(name, f"has no CRS and its coordinates ({_bounds_text(frame)}) are not longitude/latitude")
        notes.append("no CRS given: coordinates read as longitude/latitude (EPSG:4326)")
        frame = frame.set_crs(CRS)
    elif frame.crs.to_2d().equals(CRS):  # GDAL reads a GeoJSON with heights as EPSG:4979: same lon/lat
        frame = frame.set_crs(CRS, allow_override=True)
    else:
        source = f"EPSG:{frame.crs.to_epsg()}" if frame.crs.to_epsg() else frame.crs.name
        try:
            frame = frame.to_crs(CRS)
        except (CRSError, ProjError) as error:
            raise OverlayError(name, f"could not be reprojected from {source} to {CRS} ({error})") from None
        notes.append(f"reprojected from {source} to {CRS}")
    if not _is_lon_lat(frame):
        # GDAL reads a GeoJSON without a `crs` member as EPSG:4326 (RFC 7946), whatever its numbers.
        raise OverlayError(name, f"has coordinates ({_bounds_text(frame)}) outside longitude/latitude ranges in {CRS}; is its CRS missing or wrong?")
    if not frame.intersects(shapely.box(*SYRIA_BOUNDS)).any():
        notes.append("nothing in it lies within Syria's bounds")
    return frame


def _repaired(frame: gpd.GeoDataFrame, notes: list[str]) -> gpd.GeoDataFrame:
    """Invalid geometries made valid; collections split into parts (folium's tooltips skip them)."""
    invalid = ~frame.geometry.is_valid
    if invalid.any():
        frame = frame.copy()
        frame.loc[invalid, frame.geometry.name] = shapely.make_valid(frame.geometry[invalid].values)
        notes.append(f"repaired {int(invalid.sum())} invalid geometries (e.g. self-intersecting polygons) with shapely.make_valid")
    if (frame.geom_type == "GeometryCollection").any():
        frame = frame.explode(index_parts=False)
        frame = frame[~frame.geometry.is_empty]
    return frame


def _text(value: object) -> str:
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    return str(value)[:MAX_VALUE_CHARS]


def _display_properties(frame: gpd.GeoDataFrame, notes: list[str]) -> gpd.GeoDataFrame:
    """The first DISPLAY_COLUMNS properties that hold any text, as strings cut to MAX_VALUE_CHARS.

    Not escaped here: the display layer escapes a copy (components.text.escape_text).
    """
    geometry = frame.geometry.name
    texts = {str(column)[:MAX_NAME_CHARS]: frame[column].map(_text) for column in frame.columns if column != geometry}
    filled = [column for column, values in texts.items() if values.str.strip().ne("").any()]
    if len(filled) > DISPLAY_COLUMNS:
        notes.append(f"showing {DISPLAY_COLUMNS} of {len(filled)} properties: {', '.join(filled[:DISPLAY_COLUMNS])}")
    kept = {column: texts[column].to_numpy() for column in filled[:DISPLAY_COLUMNS]}
    return gpd.GeoDataFrame(kept, geometry=frame.geometry.to_numpy(), crs=CRS).reset_index(drop=True)
