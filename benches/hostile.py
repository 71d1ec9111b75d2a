#!/usr/bin/env python3
"""Hostile-input benchmark (issue 13): time and peak memory of threadscan on each crafted
input of the robustness table, beside the same measure on a well-formed input of about the
same size, so the "at most 3x a well-formed input" guarantee can be read off.

usage: benches/hostile.py [--tiny] [WORK_DIR]
  default: the sizes of the issue (100,000-deep nesting, a 1 GiB line, ...); a few minutes
  --tiny:  every case at a small size, for CI to keep the script working (seconds)

Needs: cargo, python3, /usr/bin/time (GNU). Prints a Markdown table; figures go in
docs/benchmarks.md. Not a test: nothing here fails on a slow machine, except a crash, an
exit code other than 0 or 1, or a lost good page.
"""
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOOD = "A headline in a few words\n\nArticle text.\n\n\u2022 Ann\n\n  First!\n\n  \u2022 Bob\n\n    Reply.\n"


def line(i, link="t", body="a plain comment"):
    return json.dumps({"id": f"c{i}", "parent_id": f"t3_{link}", "link_id": f"t3_{link}",
                       "author": f"user{i}", "body": body, "created_utc": 1})


def dump(n, link=lambda i: "t", body=lambda i: "a plain comment"):
    return ("\n".join(line(i, link(i), body(i)) for i in range(n)) + "\n").encode()


def http(headers, body):
    return f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n{headers}\r\n".encode() + body


def warc(*blocks):
    out = b""
    for block in blocks:
        out += (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: <https://example.org/>\r\n"
                f"Content-Length: {len(block)}\r\n\r\n").encode() + block + b"\r\n\r\n"
    return out


def page(n, nested, wordpress=False):
    """n comments, nested unclosed (or closed and flat), as generic or WordPress markup."""
    if wordpress:
        item = '<li class="comment" id="comment-{i}"><article class="comment-body"><b class="fn">user{i}</b><div class="comment-content"><p>reply {i} with a few words</p></div></article>'
        if nested:
            body = "".join(item.format(i=i) + '<ol class="children">' for i in range(1, n + 1)) + "</ol></li>" * n
        else:
            body = "".join(item.format(i=i) + "</li>" for i in range(1, n + 1))
        return f'<html><body><h1>A title</h1><ol class="commentlist">{body}</ol></body></html>'.encode()
    item = '<div class="comment"><span class="author">user{i}</span><p>comment number {i} text</p>'
    body = "".join(item.format(i=i) + ("" if nested else "</div>") for i in range(n))
    return f'<html><body><h1>A title</h1><div id="comments">{body}</div></body></html>'.encode()


def text_page(paragraph):
    return f"A headline in a few words\n\n{paragraph}\n\n\u2022 Ann\n\n  First!\n".encode()


def prose(size):
    words = "the council met on tuesday to discuss the budget and the new library plans".split()
    rng = random.Random(1)
    out = []
    while sum(len(w) + 1 for w in out) < size:
        out.append(rng.choice(words))
    return " ".join(out)


def cases(tiny):
    s = (lambda big, small: small) if tiny else (lambda big, small: big)
    urls = s(8000, 800)
    many = s(100_000, 2000)
    line_size = s(1 << 30, 8 << 20)
    yield ("1 chunk size ffffffffffffffff", "chunked.http",
           http("Transfer-Encoding: chunked\r\n", b"10\r\n<html><body><p>x\r\nffffffffffffffff\r\nabc"),
           "page.html", page(1, False), [])
    tabs = dump(200, link=lambda i: ["a\tb", "c\nd", "e\rf", "g"][i % 4])
    yield ("2 TAB/LF/CR link_id, --mem 100", "tabs.ndjson", tabs, "plain.ndjson",
           dump(200, link=lambda i: "abcd"[i % 4]), ["--mem", "100"])
    text = text_page(" ".join(f"http://ex{i}.com/" for i in range(urls)))
    yield (f"3 {urls:,} URLs on one line", "urls.txt", text, "prose.txt", text_page(prose(len(text))), [])
    big_text = text_page(" ".join(f"http://ex{i}.com/" for i in range(urls * 12)))
    yield (f"3 {urls * 12:,} URLs on one line", "urls-big.txt", big_text, "prose-big.txt",
           text_page(prose(len(big_text))), [])
    # Bombs are compared with a well-formed input of the same size on disk, under the same limit.
    bomb = http("Content-Encoding: gzip\r\n", gzip.compress(b" " * s(1 << 30, 16 << 20), 1))
    yield ("4 Content-Encoding bomb, --max-file-size 1M", "bomb.http", bomb, "page.http",
           http("", page(len(bomb) // 75, False)), ["--max-file-size", "1M"])
    long_line = gzip.compress(dump(2) + line(9, body="x" * line_size).encode() + b"\n" + dump(2), 1)
    yield ("5 one huge dump line in .gz, --mem 64M", "long.ndjson.gz", long_line, "dump.ndjson",
           dump(max(1, len(long_line) // 120)), ["--mem", "64M"])
    bad = dump(s(20000, 500)).split(b"\n")
    bad[2] += b"\xff"
    yield ("6 invalid UTF-8 on line 3 of a dump", "bad.ndjson", b"\n".join(bad), "good.ndjson",
           dump(s(20000, 500)), [])
    for n in ([5000, 10000, 20000, 100000] if not tiny else [300]):
        yield (f"7 {n:,} unclosed nested div.comment", f"unclosed-{n}.html", page(n, True),
               f"closed-{n}.html", page(n, False), [])
    n = s(10000, 300)
    yield (f"7 {n:,}-deep WordPress replies", "wp-deep.html", page(n, True, True), "wp-flat.html",
           page(n, False, True), [])
    n = s(100_000, 2000)
    yield (f"7 {n:,} @user replies", "at.ndjson", dump(n, body=lambda i: f"@user{max(i, 1) - 1} I disagree with you"),
           "plain-reply.ndjson", dump(n, body=lambda i: f"user{max(i, 1) - 1}, I disagree with you"), [])
    body = " ".join(["You are an idiot. This is clearly a fact."] * s(25000, 1000))
    yield ("7 one 1 MB comment, --html", "big-comment.ndjson", dump(1, body=lambda i: body),
           "many-comments.ndjson", dump(max(1, len(body) // 43), body=lambda i: "You are an idiot. This is clearly a fact."),
           ["--html"])
    good_page = http("", page(20, False))
    broken = warc(good_page).decode().replace(f"Content-Length: {len(good_page)}", "Content-Length: 20").encode()
    yield ("9 WARC, second record's Content-Length lies", "lying.warc", warc(good_page) + broken + warc(good_page),
           "good.warc", warc(good_page, good_page, good_page), [])


def measure(binary, work, inputs, extra):
    out = tempfile.mkdtemp(dir=work)
    cmd = ["/usr/bin/time", "-v", binary, "analyze", *inputs, "--out", out, "--quiet", "--no-model", *extra]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} exited {run.returncode}:\n{run.stderr[-2000:]}")
    wall = rss = 0.0
    for l in run.stderr.splitlines():
        if "Elapsed (wall clock)" in l:
            parts = l.rsplit(" ", 1)[1].split(":")
            wall = sum(float(p) * 60 ** i for i, p in enumerate(reversed(parts)))
        if "Maximum resident set size" in l:
            rss = int(l.rsplit(" ", 1)[1]) / 1024
    with open(os.path.join(out, "threads.csv"), encoding="utf-8") as f:
        if "good.txt" not in f.read():
            sys.exit(f"{inputs[0]}: the good page beside it was lost")
    return wall, rss


def main():
    args = sys.argv[1:]
    tiny = "--tiny" in args
    args = [a for a in args if a != "--tiny"]
    work = args[0] if args else tempfile.mkdtemp()
    os.makedirs(work, exist_ok=True)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    binary = os.path.join(ROOT, "target", "release", "threadscan")
    good = os.path.join(work, "good.txt")
    with open(good, "w", encoding="utf-8") as f:
        f.write(GOOD)
    print("| case | input | s | peak MiB | well-formed input | s | peak MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    fifo = os.path.join(work, "pipe.html")
    if not os.path.exists(fifo):
        os.mkfifo(fifo)
    wall, rss = measure(binary, work, [fifo, good], [])
    print(f"| 8 a FIFO on the command line | - | {wall:.2f} | {rss:.0f} | - | - | - |")
    for label, name, data, ok_name, ok_data, extra in cases(tiny):
        paths = []
        for n, d in ((name, data), (ok_name, ok_data)):
            paths.append(os.path.join(work, n))
            with open(paths[-1], "wb") as f:
                f.write(d)
        hostile = measure(binary, work, [paths[0], good], extra)
        normal = measure(binary, work, [paths[1], good], extra)
        print(f"| {label} | {len(data):,} B | {hostile[0]:.2f} | {hostile[1]:.0f} "
              f"| {len(ok_data):,} B | {normal[0]:.2f} | {normal[1]:.0f} |", flush=True)
        for p in paths:
            os.remove(p)


if __name__ == "__main__":
    main()
