#!/usr/bin/env python3
"""Writes a Pushshift-style NDJSON dump of about SIZE bytes to stdout by resampling the
comments of the Reddit fixture: fresh ids, ~60 comments per thread, threads interleaved as in a
real monthly dump (a comment's thread is drawn from a pool of open threads), replies to earlier
comments of the same thread. Deterministic for a given seed.

usage: gen_dump.py SIZE_BYTES [SEED] > dump.ndjson
"""
import json
import random
import sys

FIXTURE = "tests/fixtures/pages/reddit-pushshift-ndjson/RC_sample.funny.3hahrw.ndjson"


def base36(n):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def main():
    target = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    samples = [json.loads(l) for l in open(FIXTURE, encoding="utf-8") if l.strip()]
    out = sys.stdout
    written, next_id, next_link = 0, 36 ** 5, 36 ** 4
    pool = []  # open threads: [link, remaining, [comment ids]]
    while written < target:
        if len(pool) < 2000 or rng.random() < 0.02:
            pool.append([base36(next_link), rng.randint(5, 120), []])
            next_link += 1
        k = rng.randrange(len(pool))
        thread = pool[k]
        comment = dict(rng.choice(samples))
        cid = base36(next_id)
        next_id += 1
        comment["id"] = cid
        comment["name"] = "t1_" + cid
        comment["link_id"] = "t3_" + thread[0]
        ids = thread[2]
        comment["parent_id"] = ("t1_" + rng.choice(ids[-20:])) if ids and rng.random() < 0.7 else "t3_" + thread[0]
        ids.append(cid)
        line = json.dumps(comment, ensure_ascii=False, separators=(",", ":")) + "\n"
        out.write(line)
        written += len(line.encode("utf-8"))
        thread[1] -= 1
        if thread[1] <= 0:
            pool[k] = pool[-1]
            pool.pop()


if __name__ == "__main__":
    main()
