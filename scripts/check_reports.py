#!/usr/bin/env python3
"""Loads a report folder the way researchers do and checks the row counts against run.json.

usage: check_reports.py DIR            (Python's csv module)
       check_reports.py --duckdb DIR   (DuckDB's read_csv_auto, default options)
       check_reports.py --pandas DIR   (pandas with the types of datapackage.json, then
                                        `frictionless validate` when that package is installed)
"""
import csv
import json
import os
import sys

REPORTS = ["threads", "comments", "flags", "authors", "page_links", "errors"]


def rows_with_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return sum(1 for _ in csv.DictReader(f))


def rows_with_duckdb(path):
    import duckdb  # installed by CI in a throwaway venv

    return duckdb.sql(f"SELECT count(*) FROM read_csv_auto('{path}')").fetchall()[0][0]


def check_pandas(folder):
    import pandas as pd  # installed by CI in a throwaway venv

    package = json.load(open(os.path.join(folder, "datapackage.json"), encoding="utf-8"))
    failed = False
    for res in package["resources"]:
        fields = res["schema"]["fields"]
        strings = [f["name"] for f in fields if f["type"] == "string"]
        df = pd.read_csv(os.path.join(folder, res["path"]), dtype={n: str for n in strings}, keep_default_na=False, na_values=[""])
        if list(df.columns) != [f["name"] for f in fields]:
            print(f"pandas: {res['path']} columns differ from datapackage.json"); failed = True
        for f in fields:
            col = df[f["name"]].dropna()
            if f["type"] == "number":
                pd.to_numeric(col)  # raises on a non-number
            if f["type"] == "integer":
                assert (pd.to_numeric(col) % 1 == 0).all(), f["name"]
            if f["type"] == "boolean":
                assert set(col.astype(str).str.lower()) <= {"true", "false"}, f["name"]
            if f["name"].endswith("_id"):
                assert all(isinstance(v, str) for v in col), f"{f['name']} not read as text"
            if "constraints" in f:
                ts = pd.to_datetime(col, utc=True, format="ISO8601")
                assert str(ts.dt.tz) == "UTC", f["name"]
        print(f"pandas: {res['path']} {len(df)} rows ok")
    try:
        from frictionless import validate
    except ImportError:
        print("pandas: frictionless not installed; datapackage.json not validated")
        return 1 if failed else 0
    report = validate(os.path.join(folder, "datapackage.json"))
    print(f"frictionless: datapackage.json {'valid' if report.valid else 'INVALID'}")
    if not report.valid:
        print(report.flatten(["rowNumber", "fieldName", "type", "note"])[:20])
    return 1 if failed or not report.valid else 0


def main(argv):
    if argv[:1] == ["--pandas"]:
        return check_pandas(argv[-1])
    use_duckdb = argv[:1] == ["--duckdb"]
    folder = argv[-1]
    manifest = json.load(open(os.path.join(folder, "run.json"), encoding="utf-8"))
    expected = {"threads": manifest["counts"]["threads"], "comments": manifest["counts"]["comments"], "errors": manifest["counts"]["errors"]}
    count = rows_with_duckdb if use_duckdb else rows_with_csv
    reader = "duckdb" if use_duckdb else "csv module"
    failed = False
    for name in REPORTS:
        path = os.path.join(folder, f"{name}.csv")
        n = count(path)
        want = expected.get(name)
        status = "ok" if want is None or n == want else f"EXPECTED {want}"
        failed |= status != "ok"
        print(f"{reader}: {name}.csv {n} rows {status}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
