"""The Spark jobs of examples/spark/ in local mode: their Parquet tables equal `threadscan
analyze` over the same inputs (same threads, comments, scores, flags)."""

import gzip
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

import threadscan
from conftest import ROOT, assert_same_rows, fixture

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark)")
if shutil.which("java") is None:
    pytest.skip("no Java on this machine: Spark needs Java 17", allow_module_level=True)

JOBS = ROOT / "examples" / "spark"
sys.path.insert(0, str(JOBS))

KEYS = {"threads": ["thread_id"], "comments": ["thread_id", "comment_id"], "flags": ["thread_id", "comment_id", "code", "span_start", "span_end", "score"]}


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # Executors run this interpreter (the one threadscan is installed in).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("threadscan-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    for job in ("warc_job.py", "pushshift_job.py"):
        session.sparkContext.addPyFile(str(JOBS / job))
    yield session
    session.stop()


def assert_tables_equal(out, run, ignore=()):
    for table in ("threads", "comments", "flags"):
        got = pd.read_parquet(out / table)
        want = getattr(run, table)
        assert len(want) > 0, table
        assert_same_rows(got, want, KEYS[table], ignore=ignore)


def write_warc(path, pages):
    """A gzipped WARC of HTML response records (one gzip member per record)."""
    with open(path, "wb") as out:
        for i, (url, html) in enumerate(pages):
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
            head = (
                "WARC/1.0\r\nWARC-Type: response\r\n"
                f"WARC-Target-URI: {url}\r\nWARC-Date: 2024-01-0{i + 1}T00:00:00Z\r\n"
                f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000{i}>\r\n"
                "Content-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(http)}\r\n\r\n"
            ).encode()
            out.write(gzip.compress(head + http + b"\r\n\r\n"))


def test_warc_job_equals_analyze(spark, tmp_path):
    import warc_job

    pages = sorted(fixture("html").glob("*.html"))[:4]
    second = tmp_path / "crawl-2.warc.gz"
    write_warc(second, [(f"https://blog.example/{p.stem}", p.read_bytes()) for p in pages])
    inputs = [str(fixture("pages", "warc", "DERIVED.comment-pages.warc.gz")), str(second)]
    warc_job.run(spark, inputs, str(tmp_path / "out"))
    run = threadscan.analyze(inputs)
    # `source` names the file as Spark's filesystem does (`file:/…`); everything else is equal.
    assert_tables_equal(tmp_path / "out", run, ignore=("source",))
    assert len(pd.read_parquet(tmp_path / "out" / "errors")) == len(run.errors)


def test_pushshift_job_equals_analyze(spark, tmp_path):
    import pushshift_job

    # A generated dump (threads interleaved, texts repeated across threads: campaigns) split
    # over two files, so threads span files, beside the real Reddit sample and an Arctic
    # Shift file with a submission.
    dump = subprocess.run(
        [sys.executable, str(ROOT / "benches" / "gen_dump.py"), "300000", "7"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.splitlines(keepends=True)
    third = len(dump) // 3
    (tmp_path / "RC_a.ndjson").write_text("".join(dump[:third]), encoding="utf-8")
    with gzip.open(tmp_path / "RC_b.ndjson.gz", "wt", encoding="utf-8") as f:
        f.write("".join(dump[third : 2 * third]))
    (tmp_path / "RC_c.ndjson").write_text("".join(dump[2 * third :]), encoding="utf-8")
    last = tmp_path / "RC_c.ndjson"
    if shutil.which("zstd"):
        # As the Pushshift archives are compressed: zstd with a long window.
        subprocess.run(["zstd", "-q", "--long=27", "--rm", str(last)], check=True)
        last = tmp_path / "RC_c.ndjson.zst"
    inputs = [
        str(tmp_path / "RC_a.ndjson"),
        str(tmp_path / "RC_b.ndjson.gz"),
        str(last),
        str(fixture("pages", "reddit-pushshift-ndjson", "RC_sample.funny.3hahrw.ndjson")),
        str(fixture("exports", "WRITTEN.arctic-shift.RS-and-RC.ndjson")),
    ]
    pushshift_job.run(spark, inputs, str(tmp_path / "out"))
    run = threadscan.analyze(inputs)
    assert_tables_equal(tmp_path / "out", run)
    # Campaigns were counted across the run: some comment is a campaign (SPM006).
    assert run.flags["code"].eq("SPM006").any() or run.comments["finding_codes"].str.contains("SPM006").any()
