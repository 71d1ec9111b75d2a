"""The Python package against the command line: same reports, row for row and byte for byte,
and the API's own contracts (types, spans, errors, the two-step campaign counts)."""

import filecmp
import os
import pickle
import shutil
import subprocess

import pandas as pd
import pytest

import threadscan
from conftest import CORPUS, ROOT, assert_same_rows, fixture

CSV_REPORTS = [f"{name}.csv" for name in threadscan.REPORTS]


def cli_binary():
    """The `threadscan` binary of this checkout (built by `cargo test` in CI)."""
    for profile in ("release", "debug"):
        path = ROOT / "target" / profile / "threadscan"
        if path.exists():
            return path
    subprocess.run(["cargo", "build", "--quiet"], cwd=ROOT, check=True)
    return ROOT / "target" / "debug" / "threadscan"


def cli_reports(paths, out, *flags):
    subprocess.run(
        [cli_binary(), "analyze", "--quiet", "--csv-guard", "none", "--out", out, *flags, "--", *map(str, paths)],
        check=False,
    )
    return out


@pytest.mark.parametrize(
    "paths",
    [[CORPUS], [fixture("pages")], [fixture("exports")]],
    ids=["corpus", "fixture-pages", "fixture-exports"],
)
def test_analyze_writes_the_clis_reports(tmp_path, paths):
    want = cli_reports(paths, tmp_path / "cli")
    run = threadscan.analyze(paths, out=tmp_path / "py")
    for name in CSV_REPORTS:
        assert filecmp.cmp(want / name, tmp_path / "py" / name, shallow=False), name
    # The DataFrames are those reports, row for row.
    for name in threadscan.REPORTS:
        frame = getattr(run, name)
        on_disk = pd.read_csv(want / f"{name}.csv", dtype=str, keep_default_na=False)
        assert len(frame) == len(on_disk), name
        assert list(frame.columns) == list(on_disk.columns), name
    assert run.manifest["counts"]["threads"] == len(run.threads)


def test_frames_have_the_schemas_types():
    run = threadscan.analyze(CORPUS)
    kinds = dict(threadscan.columns("comments"))
    for column, dtype in run.comments.dtypes.items():
        kind = kinds[column]
        if kind == "string":
            assert pd.api.types.is_string_dtype(dtype), column
        elif kind == "integer":
            assert pd.api.types.is_integer_dtype(dtype), column
        elif kind == "number":
            assert pd.api.types.is_float_dtype(dtype), column
        elif kind == "boolean":
            assert pd.api.types.is_bool_dtype(dtype), column
    # The README's notebook example.
    top = run.threads.sort_values("unsupported_rate", ascending=False)[["title", "comment_count"]]
    assert len(top) == len(run.threads) > 0
    assert run.out is None and run.exit_code == 0


def test_bad_inputs_are_error_rows_and_bad_options_raise(tmp_path):
    (tmp_path / "binary.html").write_bytes(b"\x00\x01\x02" * 100)
    seed = sorted(p for p in CORPUS.rglob("*") if p.is_file())[0]
    shutil.copy(seed, tmp_path / seed.name)
    run = threadscan.analyze(tmp_path, include_all=True)
    assert run.exit_code == 1
    assert run.errors["source"].str.endswith("binary.html").any()
    assert len(run.threads) >= 1
    with pytest.raises(threadscan.ThreadscanError, match="unexpected argument"):
        threadscan.analyze(CORPUS, no_such_option=1)
    with pytest.raises(threadscan.ThreadscanError, match="threshold"):
        threadscan.analyze(CORPUS, threshold={"insult": "high"})
    with pytest.raises(threadscan.ThreadscanError):
        threadscan.parse(b"\x00\xff\x00 not a page")


def test_options_mirror_the_cli(tmp_path):
    want = cli_reports([CORPUS], tmp_path / "cli", "--select", "INS", "--findings", "all")
    run = threadscan.analyze(CORPUS, out=tmp_path / "py", select=["INS"], findings="all")
    assert filecmp.cmp(want / "flags.csv", tmp_path / "py" / "flags.csv", shallow=False)
    assert set(run.flags["code"]) <= {c for c in run.flags["code"] if c.startswith("INS")}


def test_parse_gives_the_threads_analyze_reports():
    path = fixture("pages", "warc", "DERIVED.comment-pages.warc.gz")
    threads = threadscan.parse(path)
    run = threadscan.analyze(path)
    assert [t.id for t in threads] == list(run.threads["thread_id"])
    comments = [(t.id, c["id"], c["parent_id"], c["depth"], c["text"]) for t in threads for c in t.comments]
    want = [
        (r["thread_id"], r["comment_id"], None if pd.isna(r["parent_id"]) else r["parent_id"], r["depth"], "" if pd.isna(r["text"]) else r["text"])
        for r in run.comments.to_dict("records")
    ]
    assert comments == want
    assert threads[0].page["format"] == "warc"
    # Bytes parse as the file does.
    assert [t.id for t in threadscan.parse(path.read_bytes(), name=str(path))] == [t.id for t in threads]


def test_score_thread_with_run_counts_equals_analyze():
    """The two-step shape: count campaign keys over the run, then score thread by thread."""
    paths = sorted(p for p in (fixture("pages")).rglob("*") if p.is_file() and "pushshift" not in str(p))
    threads = []
    for p in paths:
        threads += threadscan.parse(p, errors=[])
    seen, campaigns = set(), threadscan.Campaigns()
    for t in threads:
        campaigns.add([key for triple, key in threadscan.campaign_keys(t) if not (triple in seen or seen.add(triple))])
    run = threadscan.analyze(paths)
    by_id = {t.id: t for t in threads}
    checked = 0
    for thread_id, want in run.comments.groupby("thread_id", sort=False):
        if thread_id not in by_id:
            continue  # an id the run made unique (the same thread in two inputs)
        got = threadscan.frame(threadscan.score_thread(by_id[thread_id], campaigns=campaigns).comments, "comments")
        assert_same_rows(got, want, key=["comment_id"])
        checked += 1
    assert checked >= 5


def test_score_records_and_texts():
    comments = [
        {"id": 1, "parent_id": None, "author": "ann", "text": "Global sales fell 40% in 2019."},
        {"id": 2, "parent_id": 1, "author": "bob", "text": "Source? You are a lying idiot."},
        {"id": 3, "parent_id": 99, "author": "cy", "text": "Orphan reply."},
    ]
    result = threadscan.score_thread(pd.DataFrame(comments), page={"id": "t1", "title": "Sales"})
    assert result.thread["thread_id"] == "t1" and result.thread["comment_count"] == 3
    rows = {r["comment_id"]: r for r in result.comments}
    assert rows["2"]["parent_id"] == "1" and rows["2"]["depth"] == 1
    assert rows["3"]["depth"] == 0  # an orphan is repaired to top level, as the parsers do
    assert rows["2"]["insult"] is True
    texts = pd.Series(["Ça, c'est un crétin — you idiot!", "Nice post.", None], index=[10, 20, 30])
    scored = threadscan.score(texts)
    assert list(scored.index) == [10, 20, 30]
    for text, findings in zip(texts.fillna(""), scored["findings"]):
        for f in findings:
            assert text[f["span_start_char"]:f["span_end_char"]] == (f["span_text"] or "")
    assert scored.loc[10, "insult"] and not scored.loc[20, "insult"]
    assert not threadscan.score("You idiot", no_model=True, ignore="INS").loc[0, "insult"]


def test_campaign_counts_merge_and_pickle():
    keys = threadscan.dump_line_keys('{"link_id": "t3_x", "body": "Buy cheap watches at https://spam.example/buy now!!", "id": "a"}')
    assert keys is not None and keys[0] == "x" and keys[1]
    whole, a, b = threadscan.Campaigns(), threadscan.Campaigns(), threadscan.Campaigns()
    whole.add(keys[1] * 3)
    a.add(keys[1])
    b.add(keys[1] * 2)
    a.merge(b)
    assert a.to_bytes() == whole.to_bytes()
    again = pickle.loads(pickle.dumps(a))
    assert again.to_bytes() == whole.to_bytes()
    assert threadscan.dump_line_keys("not json") is None


def test_the_interpreter_runs_while_threadscan_works():
    """analyze releases the interpreter lock: Python code runs beside it."""
    import threading

    done = threading.Event()
    worker = threading.Thread(target=lambda: (threadscan.analyze(fixture("pages"), threads=1), done.set()))
    ticks = 0
    worker.start()
    while not done.is_set() and worker.is_alive():
        ticks += 1
    worker.join()
    assert done.is_set()
    # Held, the lock would let this loop run only between the worker's few Python steps.
    assert ticks > 10_000, ticks
