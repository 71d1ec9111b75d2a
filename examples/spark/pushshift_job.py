"""threadscan on Spark, job 2: Pushshift NDJSON dumps -> Parquet tables threads, comments, flags.

    spark-submit pushshift_job.py OUT DUMP [DUMP ...]

DUMP: Pushshift/Arctic Shift comment (and submission) files, plain, .gz or .zst (also the
long-window .zst of the Pushshift archives), at paths every executor can open (local mode, or
a filesystem mounted on every node). Each file is read by threadscan's own reader in one task
(a compressed file cannot be split anyway), so lines are numbered and skipped exactly as the
CLI does. A Hadoop URL (hdfs://, s3a://) is read by Spark's text reader instead (plain, .gz,
.bz2; Hadoop has no zstd reader without its native library). The result equals `threadscan
analyze` over the same files: the same threads, comments, scores and flags.

Stage 1 counts each line's campaign keys (once per comment, as the CLI counts streamed
dumps) into the CLI's count-min sketch, partition by partition, summed and broadcast.
Stage 2 groups the lines by thread (`link_id`: the shuffle Spark does well) and scores each
thread with those counts. Lines keep their file and line number, so a thread's comments come
in the CLI's order (files by name, then line).
"""

import sys

from pyspark.sql import SparkSession

import threadscan
from threadscan.spark import merged, tagged_rows, write_tables


def numbered_lines(sc, paths):
    """(path, 1-based line number, line) of every line of the files."""
    remote = [p for p in paths if "://" in p and not p.startswith("file://")]
    local = [p for p in paths if p not in remote]
    parts = []
    if local:
        files = sc.parallelize(local, len(local))
        parts.append(files.flatMap(lambda p: ((p, n, line) for n, line in threadscan.dump_lines(p))))
    for path in remote:
        # Line numbers survive any split: zipWithIndex numbers lines in file order.
        lines = sc.textFile(path).zipWithIndex().filter(lambda li: li[0].strip())
        parts.append(lines.map(lambda li, path=path: (path, li[1] + 1, li[0])))
    return sc.union(parts)


def run(spark, inputs, out):
    sc = spark.sparkContext
    lines = numbered_lines(sc, sorted(inputs))
    heads = lines.map(lambda l: (threadscan.dump_line_keys(l[2]), l)).filter(lambda hl: hl[0] is not None)
    heads = heads.persist()

    def sketch(part):
        counts = threadscan.Campaigns()
        for (_, keys), _ in part:
            counts.add(keys)
        yield counts

    counts = sc.broadcast(merged(heads.mapPartitions(sketch).collect()).to_bytes())

    def scored(group):
        campaigns = threadscan.Campaigns(counts.value)
        for thread in threadscan.dump_threads(group[1]):
            yield from tagged_rows(threadscan.score_thread(thread, campaigns=campaigns))

    # Threads spread over twice as many partitions as there are cores (not one per file: a
    # month is one file), so each Python worker holds a share of the threads at a time.
    partitions = 2 * sc.defaultParallelism
    threads = heads.map(lambda hl: (hl[0][0], hl[1])).groupByKey(numPartitions=partitions)
    write_tables(spark, threads.flatMap(scored), out)
    heads.unpersist()


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    session = SparkSession.builder.appName("threadscan-pushshift").getOrCreate()
    run(session, sys.argv[2:], sys.argv[1])
    session.stop()
