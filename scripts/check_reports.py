#!/usr/bin/env python3
"""Loads a report folder the way researchers do and checks the row counts against run.json.

usage: check_reports.py DIR            (Python's csv module)
       check_reports.py --duckdb DIR   (DuckDB's read_csv_auto, default options)
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


def main(argv):
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
