#!/usr/bin/env python3
"""The comment finder on the dev pages: per-page figures, a development/held-out split, totals.

    scripts/dev_pages.py [DEV_PAGES_DIR]      default ../shared/fixtures/dev-pages

Runs `threadscan check-trees --csv` (release build) on DEV_PAGES_DIR/pages against
DEV_PAGES_DIR/gold and prints, for the development part and the held-out part apart:
pages with the exact comment count, trap pages (no gold comments) left empty, and over all
gold comments the shares with the right parent, the right author and text that starts with
the gold prefix.

The split is fixed by file name, not by results: within each system folder, files are ordered
by the MD5 of their name and the first quarter (rounded up) is held out; a system with one page
is held out when its MD5's first byte is divisible by 4. Held-out pages are for checking, never
for tuning (see docs/parser-development.md).
"""
import csv
import hashlib
import io
import math
import os
import subprocess
import sys
from collections import defaultdict


def split(pages_dir):
    """file name -> (system, held_out)"""
    out = {}
    for system in sorted(os.listdir(pages_dir)):
        folder = os.path.join(pages_dir, system)
        if not os.path.isdir(folder):
            continue
        files = sorted(os.listdir(folder), key=lambda f: hashlib.md5(f.encode()).hexdigest())
        if len(files) == 1:
            held = {files[0]} if hashlib.md5(files[0].encode()).digest()[0] % 4 == 0 else set()
        else:
            held = set(files[: math.ceil(len(files) / 4)])
        for f in files:
            out[f] = (system, f in held)
    return out


def figures(rows):
    gold = sum(r["gold"] for r in rows)
    traps = [r for r in rows if r["gold"] == 0]
    share = lambda k: sum(r[k] for r in rows) / gold if gold else 1.0
    return {
        "pages": len(rows),
        "count exact": sum(r["gold"] == r["found"] for r in rows) / max(len(rows), 1),
        "traps empty": f"{sum(r['found'] == 0 for r in traps)}/{len(traps)}",
        "gold comments": gold,
        "parent": share("parent"),
        "author": share("author"),
        "text": share("text"),
    }


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "../shared/fixtures/dev-pages"
    pages = os.path.join(root, "pages")
    binary = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "release", "threadscan")
    if not os.path.exists(binary):
        subprocess.run(["cargo", "build", "--release", "--quiet"], check=True)
    out = subprocess.run(
        [binary, "check-trees", "--csv", "--gold", os.path.join(root, "gold"), pages],
        check=True, capture_output=True, text=True,
    ).stdout
    parts = split(pages)
    rows = []
    for r in csv.DictReader(io.StringIO(out)):
        for k in ("gold", "found", "matched", "parent", "author", "text"):
            r[k] = int(r[k])
        r["system"], r["held_out"] = parts.get(r["file"], ("?", False))
        rows.append(r)
    print(f"| file | system | part | gold | found | parent | author | text |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for r in sorted(rows, key=lambda r: (r["held_out"], r["system"], r["file"])):
        g = r["gold"] or 1
        part = "held out" if r["held_out"] else "dev"
        print(f"| {r['file']} | {r['system']} | {part} | {r['gold']} | {r['found']} | "
              f"{r['parent'] / g:.3f} | {r['author'] / g:.3f} | {r['text'] / g:.3f} |")
    print()
    print("| part | pages | count exact | traps empty | gold comments | parent | author | text |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, sel in (("dev", [r for r in rows if not r["held_out"]]),
                      ("held out", [r for r in rows if r["held_out"]]),
                      ("all", rows)):
        f = figures(sel)
        print(f"| {name} | {f['pages']} | {f['count exact']:.3f} | {f['traps empty']} | "
              f"{f['gold comments']} | {f['parent']:.3f} | {f['author']:.3f} | {f['text']:.3f} |")


if __name__ == "__main__":
    main()
