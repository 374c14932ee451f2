#!/usr/bin/env python3
"""Writes docs/bundle.schema.json, the JSON Schema of bundle format 3 (docs/bundle-format.md).

The tables and their column kinds mirror core/src/bundle/columns.rs (the `table!` / `grouped!`
lists); tests/tests/bundle_schema.rs validates produced bundles against the result, so a column
added there and not here fails that test. Run: python3 scripts/gen_bundle_schema.py
"""
import json, os

ID = {"type": "string", "pattern": "^([A-Za-z0-9_-]{22}|=[!-~]{1,64})$",
      "description": "An id: a UUID as the base64url (no padding) of its 16 bytes, or '=' followed by any other id."}
DEFS = {
    "id": ID,
    "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "Calendar date, ISO 8601."},
    "month": {"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$", "description": "Calendar month YYYY-MM."},
    "millis": {"type": "integer", "description": "Milliseconds since the Unix epoch (UTC)."},
    "seconds": {"type": "number", "description": "A duration in seconds with at most 3 decimals (whole milliseconds)."},
    "ref": {"oneOf": [{"type": "integer", "minimum": 0, "maximum": 4294967295,
                       "description": "Index (0-based, file order) of the record in its table of this bundle."},
                      {"$ref": "#/$defs/id", "description": "Id of a record the bundle does not carry."}]},
    "episode_end": {"type": "object", "required": ["date", "reason"],
                    "properties": {"date": {"$ref": "#/$defs/date"}, "reason": {"enum": ["PINDAH", "MENINGGAL", "KEGUGURAN"]}}},
    "flags": {"type": "string", "pattern": "^[01]*$", "description": "One character per row: 1 true, 0 false."},
    "tri_flags": {"type": "string", "pattern": "^[01-]*$", "description": "One character per row: 1 yes, 0 no, - not answered."},
    "month_step": {"oneOf": [{"$ref": "#/$defs/month"}, {"type": "integer"}],
                   "description": "Absolute month (first row of a run) or months since the row before."},
    "date_step": {"oneOf": [{"$ref": "#/$defs/date"}, {"type": "integer"}],
                  "description": "Absolute date, or days from the column's base (the row before; for visit_date the day of the record's month, 1 = the first)."},
}
STR = {"type": "string"}
OPT_STR = {"type": ["string", "null"]}
def enum(*codes, null=False):
    return {"enum": list(codes) + ([None] if null else [])}
def opt(t): return {"oneOf": [{"type": "null"}, t]}
def ref(name): return {"$ref": f"#/$defs/{name}"}

COLUMNS = {}
def column(value):
    """A column: an array of one value per row, or one value (not an array) for every row; one
    definition per value type in $defs."""
    key = "col_" + json.dumps(value, sort_keys=True)
    if key not in COLUMNS:
        COLUMNS[key] = {"anyOf": [{"type": "array", "items": value}, {"not": {"type": "array"}, **value}]}
    return {"$ref": "#/$defs/" + NAMES.setdefault(key, f"column{len(NAMES) + 1}")}
NAMES = {}

# kinds as in columns.rs
def req(t):
    """A column the reader requires (kinds req, id, rf in columns.rs)."""
    return dict(column(t), required=True)
def flag(): return ref("flags")
def tri(): return ref("tri_flags")

META = {
    "version": column({"type": "integer", "minimum": 1, "maximum": 4294967295}),
    "created": {"type": "array", "items": ref("seconds"),
                "description": "created_at minus the row's time base (00:00 WIB of its date, else exported_at); always an array."},
    "updated": column(opt(ref("seconds"))),
    "deleted": flag(),
    "device": column(OPT_STR),
}

REGISTERS = {
    "village": {"id": req(ref("id")), "code": req(STR), "name": req(STR), "kecamatan": req(STR),
                "kabupaten": req(STR), "provinsi": req(STR)},
    "hamlets": {"id": req(ref("id")), "village_id": req(ref("id")), "name": req(STR)},
    "posyandu": {"id": req(ref("id")), "village_id": req(ref("id")), "hamlet_id": column(opt(ref("ref"))), "name": req(STR)},
    "cadres": {"id": req(ref("id")), "village_id": req(ref("id")), "name": req(STR), "phone": column(OPT_STR)},
    "households": {"id": req(ref("id")), "village_id": req(ref("id")), "hamlet_id": req(ref("ref")),
                   "number": req(STR), "head_name": req(STR), "address": column(STR)},
    "household_conditions": {"id": req(ref("id")), "household_id": req(ref("ref")), "effective_from": req(ref("month")),
                             "safe_water": flag(), "latrine": flag(), "vulnerable": flag()},
    "mothers": {"id": req(ref("id")), "household_id": req(ref("ref")), "name": req(STR), "nik": column(OPT_STR),
                "birth_date": column(opt(ref("date"))), "insurance": flag()},
    "pregnancies": {"id": req(ref("id")), "mother_id": req(ref("ref")), "kia_number": req(STR),
                    "posyandu_id": column(opt(ref("ref"))), "kek": flag(), "risti": flag(),
                    "expected_delivery": column(opt(ref("date"))), "delivery_date": column(opt(ref("date"))),
                    "end": column(opt(ref("episode_end")))},
    "children": {"id": req(ref("id")), "household_id": req(ref("ref")), "mother_id": column(opt(ref("ref"))),
                 "pregnancy_id": column(opt(ref("ref"))), "posyandu_id": column(opt(ref("ref"))), "name": req(STR),
                 "sex": req(enum("L", "P")), "birth_date": req(ref("date")), "kia_number": column(OPT_STR),
                 "nik": column(OPT_STR), "nik_temporary": flag(), "birth_date_approximate": flag(),
                 "birth_certificate": flag(), "insurance": flag(), "end": column(opt(ref("episode_end")))},
    "notes": {"id": req(ref("id")), "target_kind": req(enum("IBU_HAMIL", "ANAK_0_23", "ANAK_PAUD")),
              "target_id": req(ref("id")), "date": req(ref("date")), "text": req(STR), "cadre_id": column(opt(ref("id")))},
}
VISIT = {"month": req(ref("month_step")), "visit_date": req(ref("date_step")),
         "status": req(enum("DRAFT", "FINAL")), "ruleset": req(STR)}
COUNT = opt({"type": "integer", "minimum": 0})
GROUPED = {
    "pregnancy_visits": dict(VISIT, kek=flag(), risti=flag(), gestational_age_months=column(COUNT),
                             antenatal_check=tri(), iron_tablets=tri(), iron_tablet_count=column(COUNT),
                             postnatal_checks=column(COUNT), nutrition_counselling=tri(), home_visit=tri(),
                             safe_water=tri(), latrine=tri(), insurance=tri()),
    "child_visits": dict(VISIT, reported_nutrition_status=column(enum("N", "GK", "GB", "S", null=True)),
                         mat_result=column(enum("TD", "M", "K", "H")), basic_immunization=tri(),
                         measles=column(enum("BELUM", "SUDAH", null=True)), weighed=tri(), length_measured=tri(),
                         counselling_father=tri(), counselling_mother=tri(), home_visit=tri(), safe_water=tri(),
                         latrine=tri(), birth_certificate=tri(), insurance=tri(), parenting_class=tri()),
    "paud_visits": dict(VISIT, cell=req(enum("-", "v", "x"))),
    "measurements": {"date": req(ref("date_step")), "weight_kg": column(opt({"type": "number"})),
                     "length_cm": column(opt({"type": "number"})), "position": column(enum("L", "H", null=True)),
                     "oedema": flag()},
}

def table(cols, grouped):
    props = {"n": {"type": "integer", "minimum": 0, "description": "Number of rows."}}
    if grouped:
        props["target"] = {"type": "array", "items": ref("ref"), "description": "The target of each run of rows."}
        props["run"] = {"type": "array", "items": {"type": "integer", "minimum": 1}, "description": "The length of each run."}
        props["id"] = column(opt(ref("id")))
    cols = {k: dict(v) for k, v in cols.items()}
    props.update(cols)
    props.update(META)
    required = ["n", "created"] + (["target", "run"] if grouped else ["id"])
    required += [k for k, v in cols.items() if v.pop("required", False)]
    return {"type": "object", "required": sorted(set(required)), "properties": props}

records = {name: table(cols, False) for name, cols in REGISTERS.items()}
records.update({name: table(cols, True) for name, cols in GROUPED.items()})
order = ["village", "hamlets", "posyandu", "cadres", "households", "household_conditions", "mothers",
         "pregnancies", "children", "pregnancy_visits", "child_visits", "paud_visits", "measurements", "notes"]
schema = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://pantau.invalid/bundle.schema.json",
    "title": "Pantau bundle, format version 3",
    "description": "See docs/bundle-format.md. The file on disk is this JSON, gzip-compressed by default, optionally "
                   "age-encrypted. Generated by scripts/gen_bundle_schema.py. Format 2: docs/bundle-v2.schema.json.",
    "type": "object",
    "required": ["format", "version", "sha256", "payload"],
    "properties": {
        "format": {"const": "pantau-bundle"},
        "version": {"const": 3, "description": "Format version; readers of version 3 also read version 2."},
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$",
                   "description": "SHA-256 of the payload's bytes exactly as they appear in the file."},
        "payload": {
            "type": "object",
            "required": ["village_code", "device_id", "exported_at", "range", "records"],
            "properties": {
                "village_code": {"type": "string", "minLength": 1, "maxLength": 32},
                "device_id": {"type": "string", "minLength": 1},
                "cadre_id": {"type": "string", "minLength": 1, "maxLength": 64},
                "exported_at": ref("millis"),
                "range": {"oneOf": [
                    {"type": "object", "required": ["kind", "until"],
                     "properties": {"kind": {"const": "full"}, "until": {"type": "integer", "minimum": 0}}},
                    {"type": "object", "required": ["kind", "since", "until"],
                     "properties": {"kind": {"const": "incremental"}, "since": {"type": "integer", "minimum": 0},
                                    "until": {"type": "integer", "minimum": 0}, "since_time": ref("millis")}}]},
                "producer": {"type": "string"},
                "records": {"type": "object",
                            "description": "One table of columns per table of model::VillageData, plus the notes; tables without rows are omitted.",
                            "properties": {name: records[name] for name in order}},
            },
        },
    },
    "$defs": DEFS,
}
for key, name in NAMES.items():
    DEFS[name] = COLUMNS[key]
out = os.path.join(os.path.dirname(__file__), "..", "docs", "bundle.schema.json")
with open(out, "w") as f:
    json.dump(schema, f, indent=1, ensure_ascii=False)
    f.write("\n")
