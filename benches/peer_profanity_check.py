#!/usr/bin/env python3
"""Batch-scores the comment bodies of a Pushshift dump with alt-profanity-check (the peer
threadscan is measured against) and prints comments/s. Run in a throwaway venv with
`pip install alt-profanity-check`.

usage: peer_profanity_check.py DUMP.ndjson LIMIT [REPEAT]   (prints the fastest of REPEAT passes)
"""
import json
import sys
import time

from profanity_check import predict_prob


def main():
    path, limit = sys.argv[1], int(sys.argv[2])
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    bodies = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            bodies.append(json.loads(line).get("body", ""))
            if len(bodies) >= limit:
                break
    secs = float("inf")
    for _ in range(max(repeat, 1)):
        start = time.perf_counter()
        for i in range(0, len(bodies), 10000):
            predict_prob(bodies[i:i + 10000])
        secs = min(secs, time.perf_counter() - start)
    print(f"alt-profanity-check: {len(bodies)} comments in {secs:.2f} s = {len(bodies) / secs:.0f} comments/s (1 core)")


if __name__ == "__main__":
    main()
