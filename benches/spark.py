#!/usr/bin/env python3
"""Spark local mode against the CLI on a generated Pushshift dump: comments/s of
examples/spark/pushshift_job.py at local[1] and local[2] beside `threadscan analyze` at
--threads 1 and 2, and the peak RSS of each run's whole process tree (driver, JVM, Python
workers). Not part of CI (timed); `--tiny` runs it on a 2 MB dump to keep it working.

usage: benches/spark.py [--tiny] [WORK_DIR]   (needs the package installed: pip install .[spark])
The dump (default ~1 GB, as benches/run.sh) is written as FILES files of equal size (default
4), the way a collection of dumps is handed to a cluster: one reading task per file.
"""
import os
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILES = int(os.environ.get("THREADSCAN_BENCH_FILES", "4"))


def tree_rss(pid):
    """Resident memory (bytes) of a process and all its descendants."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def measure(cmd, env=None):
    """Wall seconds and peak tree RSS (MiB) of a command."""
    start = time.time()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss(proc.pid))
            time.sleep(0.5)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = proc.communicate()
    sampler.join()
    if proc.returncode not in (0, 1):
        sys.exit(f"failed: {' '.join(cmd)}\n{err[-2000:]}")
    if cmd[0] == "/usr/bin/time":
        # GNU time's %M: the command's own peak RSS in KiB (exact, not sampled).
        peak[0] = int(err.strip().splitlines()[-1]) * 1024
    return time.time() - start, peak[0] / 2**20


JOB = """
import sys, os
from pyspark.sql import SparkSession
sys.path.insert(0, {jobs!r})
import pushshift_job
spark = (SparkSession.builder.master(sys.argv[1]).config("spark.ui.enabled", "false")
         .config("spark.driver.memory", "4g").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
spark.sparkContext.addPyFile(os.path.join({jobs!r}, "pushshift_job.py"))
pushshift_job.run(spark, sys.argv[3:], sys.argv[2])
spark.stop()
"""


def main(argv):
    tiny = argv[:1] == ["--tiny"]
    argv = argv[1:] if tiny else argv
    work = argv[0] if argv else tempfile.mkdtemp()
    os.makedirs(work, exist_ok=True)
    size = 2_000_000 if tiny else 1_000_000_000
    parts = [os.path.join(work, f"RC_spark_{size}_{i}.ndjson") for i in range(FILES)]
    if not all(os.path.exists(p) for p in parts):
        full = os.path.join(work, "full.ndjson")
        with open(full, "w", encoding="utf-8") as out:
            subprocess.run([sys.executable, "benches/gen_dump.py", str(size)], cwd=ROOT, check=True, stdout=out)
        total = sum(1 for _ in open(full, encoding="utf-8"))
        step = -(-total // FILES)
        with open(full, encoding="utf-8") as lines:
            for p in parts:
                with open(p, "w", encoding="utf-8") as f:
                    for _, line in zip(range(step), lines):
                        f.write(line)
        os.remove(full)
    comments = sum(1 for p in parts for line in open(p, encoding="utf-8") if line.strip())
    job = os.path.join(work, "job.py")
    with open(job, "w") as f:
        f.write(JOB.format(jobs=os.path.join(ROOT, "examples", "spark")))
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    cli = os.path.join(ROOT, "target", "release", "threadscan")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    print(f"# threadscan on Spark local mode ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores): "
          f"{size / 1e6:.0f} MB dump in {FILES} files, {comments:,} comments")
    print("| run | wall | comments/s | peak RSS (process tree) |")
    print("|---|---:|---:|---:|")
    for threads in (1, 2):
        wall, rss = measure(["/usr/bin/time", "-f", "%M", cli, "analyze", "--quiet", "--threads", str(threads), "--out", os.path.join(work, f"cli-{threads}"), *parts])
        print(f"| threadscan analyze --threads {threads} | {wall:.1f} s | {comments / wall:,.0f} | {rss:,.0f} MiB |", flush=True)
    for master in ("local[1]", "local[2]"):
        wall, rss = measure([sys.executable, job, master, os.path.join(work, f"spark-{master[6]}"), *parts], env=env)
        print(f"| pushshift_job.py {master} | {wall:.1f} s | {comments / wall:,.0f} | {rss:,.0f} MiB |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
