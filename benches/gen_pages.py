#!/usr/bin/env python3
"""Writes COUNT HTML pages into DIR by resampling the HTML fixtures (WordPress, wpDiscuz,
Hacker News, new Reddit, forums): each copy gets a distinct marker comment so no two pages
are byte-identical. Deterministic.

usage: gen_pages.py COUNT DIR
"""
import glob
import os
import sys


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    sources = sorted(
        p for p in glob.glob("tests/fixtures/pages/**/*.html", recursive=True)
        if "embed-placeholders" not in p
    )
    pages = [open(p, "rb").read() for p in sources]
    os.makedirs(out, exist_ok=True)
    for i in range(count):
        page = pages[i % len(pages)]
        marker = f"<!-- threadscan bench copy {i} -->".encode()
        with open(os.path.join(out, f"page-{i:05d}.html"), "wb") as f:
            f.write(page.replace(b"</body>", marker + b"</body>", 1) if b"</body>" in page else page + marker)


if __name__ == "__main__":
    main()
