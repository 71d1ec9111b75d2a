"""threadscan on Spark, job 1: WARC crawls -> Parquet tables threads, comments, flags, errors.

    spark-submit warc_job.py OUT INPUT [INPUT ...]

INPUT: WARC or WARC.gz files or directories, local paths or any Hadoop filesystem URL
(hdfs://, s3a://, gs://). Every HTML response record is parsed and scored as by
`threadscan analyze` over the same files: the same comments, scores and flags.

Two stages, because campaign counts (the same link or text across authors and threads) are
run-wide: stage 1 counts every thread's campaign keys (one per thread, author and key, as
the CLI counts pages) into the CLI's own count-min sketch, partition by partition, summed on
the driver and broadcast; stage 2 parses again and scores each thread with those counts.
"""

import sys

from pyspark.sql import SparkSession

import threadscan
from threadscan.spark import merged, tagged_rows, write_tables


def threads_of(path, data, errors=None):
    return threadscan.parse(bytes(data), name=path, errors=[] if errors is None else errors)


def count_campaigns(files):
    """Stage 1: the run's campaign counts."""
    triples = files.flatMap(
        lambda f: [pair for t in threads_of(*f) for pair in threadscan.campaign_keys(t)]
    )
    # A thread read twice (two captures, two formats) counts each (thread, author, key) once.
    keys = triples.reduceByKey(lambda a, _: a).values()

    def sketch(part):
        counts = threadscan.Campaigns()
        counts.add(list(part))
        yield counts

    return merged(keys.mapPartitions(sketch).collect())


def run(spark, inputs, out):
    sc = spark.sparkContext
    files = sc.binaryFiles(",".join(inputs))
    counts = sc.broadcast(count_campaigns(files).to_bytes())

    def scored(f):
        campaigns = threadscan.Campaigns(counts.value)
        errors = []
        for thread in threads_of(*f, errors=errors):
            yield from tagged_rows(threadscan.score_thread(thread, campaigns=campaigns))
        for e in errors:
            yield "errors", (e["source"], e["stage"], e["message"])

    rows = files.flatMap(scored)
    write_tables(spark, rows, out)
    errors = rows.filter(lambda tr: tr[0] == "errors").map(lambda tr: tr[1])
    spark.createDataFrame(errors, "source string, stage string, message string").write.mode(
        "overwrite"
    ).parquet(f"{out}/errors")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    session = SparkSession.builder.appName("threadscan-warc").getOrCreate()
    run(session, sys.argv[2:], sys.argv[1])
    session.stop()
