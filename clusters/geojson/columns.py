"""What a cluster Feature says: the nested properties of the API and the flat columns of the exports.

Flat columns are for GIS programs and spreadsheets wanting no nesting (CSV,
GeoPackage, KML, OGC): one (name, plain SQL for CSV, JSON pieces) each.
"""

from clusters.constants import DECIMALS, LIST_SEPARATOR
from clusters.geojson.pieces import checked, concat, json_object, number, text, url
from clusters.programmes.geojson import PROGRAMMES_JSON, PROGRAMMES_TEXT, SUPPORT_LOOKUP

# Aliases are kept one per line; as a list they drop blank lines and the blanks around each.
ALIASES_ARRAY = r"""array_remove(string_to_array(btrim(regexp_replace(c.aliases, '\s*\n\s*', E'\n', 'g'), E' \t\r\n'), E'\n'), '')"""
# Flat formats join a list as the seed CSV does, so that the file re-imports as it is.
ALIASES_TEXT = f"array_to_string({ALIASES_ARRAY}, '{LIST_SEPARATOR}')"
SOURCES_TEXT = f"array_to_string(c.sources, '{LIST_SEPARATOR}')"

UPDATED_AT = """to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""

SECTORS = f"""SELECT id, slug, name_ar, name_en, {concat(json_object([
            ("slug", checked("slug")), ("name_ar", text("name_ar")), ("name_en", text("name_en")),
            ("color", checked("color")),
        ]))} AS json FROM clusters_sector"""
GOVERNORATES = f"""SELECT id, iso_code, name_ar, name_en, {concat(json_object([
            ("iso_code", checked("iso_code")), ("name_ar", text("name_ar")), ("name_en", text("name_en")),
        ]))} AS json FROM clusters_governorate"""
# Looked up once per statement: 22 sectors and 27 governorates, not once per cluster.
PAGE_LOOKUPS = f"""WITH s AS MATERIALIZED ({SECTORS}), g AS MATERIALIZED ({GOVERNORATES})"""
# Whole lists add every cluster's programmes, grouped once; a page reads its own clusters' instead
# (clusters.geojson.features), so that it costs the same however many support rows the table holds.
LOOKUPS = f"""{PAGE_LOOKUPS}, {SUPPORT_LOOKUP}"""

# The properties of GET /api/v1/clusters/, in the order the issue lists them.
NESTED_PROPERTIES = [
    ("slug", checked("c.slug")),
    ("name_ar", text("c.name_ar")),
    ("name_en", text("c.name_en")),
    ("aliases", [f"to_json({ALIASES_ARRAY})"]),
    ("sector", ["s.json"]),
    ("governorate", ["g.json"]),
    ("locality_ar", text("c.locality_ar")),
    ("locality_en", text("c.locality_en")),
    ("location_precision", checked("c.location_precision")),
    ("enterprises", number("c.enterprises")),
    ("employment", number("c.employment")),
    ("products_ar", text("c.products_ar")),
    ("products_en", text("c.products_en")),
    ("description_ar", text("c.description_ar")),
    ("description_en", text("c.description_en")),
    ("sources", ["to_json(c.sources)"]),
    ("updated_at", checked(UPDATED_AT)),
    ("programmes", [PROGRAMMES_JSON]),
    ("url", url()),
]

_LON = f"round(ST_X(c.location)::numeric, {DECIMALS})"
_LAT = f"round(ST_Y(c.location)::numeric, {DECIMALS})"
# In the importer's order (clusters.importing.columns.EDITABLE_COLUMNS; "governorate" and
# "sources" are its aliases), then what only an export knows: so any download re-imports unchanged.
FLAT_COLUMNS = [
    ("slug", "c.slug", checked("c.slug")),
    ("name_en", "c.name_en", text("c.name_en")),
    ("name_ar", "c.name_ar", text("c.name_ar")),
    ("aliases", ALIASES_TEXT, text(ALIASES_TEXT)),
    ("sector", "s.slug", checked("s.slug")),
    ("governorate", "g.iso_code", checked("g.iso_code")),
    ("locality_en", "c.locality_en", text("c.locality_en")),
    ("locality_ar", "c.locality_ar", text("c.locality_ar")),
    ("lat", _LAT, number(_LAT)),
    ("lon", _LON, number(_LON)),
    ("location_precision", "c.location_precision", checked("c.location_precision")),
    ("enterprises", "c.enterprises", number("c.enterprises")),
    ("employment", "c.employment", number("c.employment")),
    ("products_en", "c.products_en", text("c.products_en")),
    ("products_ar", "c.products_ar", text("c.products_ar")),
    ("description_en", "c.description_en", text("c.description_en")),
    ("description_ar", "c.description_ar", text("c.description_ar")),
    ("sources", SOURCES_TEXT, text(SOURCES_TEXT)),
    ("sector_name_ar", "s.name_ar", text("s.name_ar")),
    ("sector_name_en", "s.name_en", text("s.name_en")),
    ("governorate_name_ar", "g.name_ar", text("g.name_ar")),
    ("governorate_name_en", "g.name_en", text("g.name_en")),
    ("updated_at", UPDATED_AT, checked(UPDATED_AT)),
    ("programmes", PROGRAMMES_TEXT, text(PROGRAMMES_TEXT)),
    ("url", "%s || c.slug || '/'", None),
]
FLAT_PROPERTIES = [(name, pieces or url()) for name, _plain, pieces in FLAT_COLUMNS]
