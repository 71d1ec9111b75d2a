#!/usr/bin/env python3
"""One flag on the dev pages' hand labels, development and held-out parts apart.

usage: dev_pages_flags.py [--flag spam|insult|unsupported] [DEV_PAGES_DIR] [-- ANALYZE_ARGS...]
       (default: spam, ../shared/fixtures/dev-pages)

Runs `threadscan analyze` on every page, matches each labelled gold comment (the flag's column
1 or 0; `?` and empty are left out) to a parsed comment of the same page by the start of its
text, then by author, and prints precision, recall and F1 per part, with the same fixed split
as `dev_pages.py`. Labelled comments the parser did not find count as not flagged. Also
printed: the flag's findings per parsed comment (positive weights; all pages of the part), and
for spam, how many comments labelled not spam that cite a reputable source were flagged.
Mistakes are printed for the development part only: the held-out texts stay unread.
"""
import csv
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from dev_pages import split  # noqa: E402  the one definition of the held-out split


def norm(s):
    return " ".join(s.split()).lower()


def reputable_suffixes():
    path = os.path.join(os.path.dirname(__file__), "..", "src", "score", "lexicons", "reputable_domains.txt")
    return [l.strip().lower() for l in open(path, encoding="utf-8") if l.strip() and not l.startswith("#")]


HOST = re.compile(r"(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:[/:?#]|\b)", re.I)


def cites_reputable(text, suffixes):
    """The text links a host on the reputable-sources list (the host or a parent domain is listed)."""
    for m in HOST.finditer(text):
        host = m.group(1).lower()
        if any(host == s or host.endswith("." + s) for s in suffixes):
            return True
    return False


def main(argv):
    flag = "spam"
    if "--flag" in argv[: argv.index("--") if "--" in argv else len(argv)]:
        i = argv.index("--flag")
        flag = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[: argv.index("--")] if "--" in argv else argv
    root = argv[0] if argv else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "fixtures", "dev-pages")
    pages_dir = os.path.join(root, "pages")
    parts = split(pages_dir)
    binary = os.path.join(os.path.dirname(__file__), "..", "target", "release", "threadscan")
    totals = {}
    suffixes = reputable_suffixes()
    for system in sorted(os.listdir(pages_dir)):
        for f in sorted(os.listdir(os.path.join(pages_dir, system))):
            gold_path = os.path.join(root, "gold", f + ".csv")
            if not os.path.exists(gold_path):
                continue
            labelled = [r for r in csv.DictReader(open(gold_path, encoding="utf-8")) if r.get(flag) in ("0", "1")]
            if not labelled:
                continue
            with tempfile.TemporaryDirectory() as out:
                subprocess.run([binary, "analyze", os.path.join(pages_dir, system, f), "--out", out, "--quiet", "--no-config", "--findings", "all", *extra], check=False)
                comments = list(csv.DictReader(open(os.path.join(out, "comments.csv"), encoding="utf-8")))
                findings = [r for r in csv.DictReader(open(os.path.join(out, "flags.csv"), encoding="utf-8"))
                            if r["flag"] == flag and float(r["score"]) > 0]
            part = "held out" if parts.get(f, ("?", False))[1] else "dev"
            t = totals.setdefault(part, {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "cite": 0, "cite_fp": 0, "comments": 0, "findings": 0})
            t["comments"] += len(comments)
            t["findings"] += len(findings)
            for g in labelled:
                prefix = norm(g["text_prefix"])[:40]
                match = next((c for c in comments if prefix and norm(c["text"]).startswith(prefix[:25])), None)
                if match is None:
                    match = next((c for c in comments if c["author"] and c["author"] == g["author"]), None)
                pred = match is not None and match[flag] == "true"
                gold = g[flag] == "1"
                t[("tp" if pred else "fn") if gold else ("fp" if pred else "tn")] += 1
                if not gold and match is not None and cites_reputable(match["text"], suffixes):
                    t["cite"] += 1
                    t["cite_fp"] += int(pred)
                if pred != gold and part == "dev":  # held-out texts stay unread
                    print(f"{part:8} {'missed' if gold else 'false'} {f[:40]:40} {g['author'][:24]:24} {g['text_prefix'][:50]}")
    print(f"| part | labelled | {flag} | flagged right | false flags | precision | recall | F1 | findings per comment | not {flag} citing a reputable source: flagged |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for part in ("dev", "held out"):
        t = totals.get(part, {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "cite": 0, "cite_fp": 0, "comments": 0, "findings": 0})
        p = t["tp"] / max(1, t["tp"] + t["fp"])
        r = t["tp"] / max(1, t["tp"] + t["fn"])
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        n = t["tp"] + t["fp"] + t["fn"] + t["tn"]
        print(f"| {part} | {n} | {t['tp'] + t['fn']} | {t['tp']} | {t['fp']} | {p:.3f} | {r:.3f} | {f1:.3f} | {t['findings'] / max(1, t['comments']):.2f} | {t['cite_fp']} of {t['cite']} |")


if __name__ == "__main__":
    main(sys.argv[1:])
