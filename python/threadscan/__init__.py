"""threadscan: audit reader-comment threads from Python.

Rebuilds each page's comment reply tree, flags every comment for insults, spam links and
unsupported assertions, and explains every flag (rule code, matched span, weight). The
package is the `threadscan` command line's own library (Rust, through PyO3): the same
parsers, scorer and report rows, so its results equal the CLI's reports row for row.

    >>> import threadscan
    >>> run = threadscan.analyze("corpus/")
    >>> run.threads.sort_values("insult_rate", ascending=False)[["title", "insult_rate"]]

Functions:

- :func:`analyze` -- a batch run, its reports as pandas DataFrames;
- :func:`parse` -- one input's threads, for your own scoring;
- :func:`score` -- scores, flags and findings of a column of texts;
- :func:`score_thread` -- one thread's comments scored in context, with its report rows;
- :func:`campaign_keys`, :func:`dump_line_keys`, :class:`Campaigns`, :func:`dump_threads`
  -- the two-step shape of a run split across machines (``examples/spark/``).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import tempfile
import warnings
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence, Union

from . import _native
from ._native import Campaigns, Thread, ThreadscanError

__all__ = [
    "Analysis",
    "Campaigns",
    "Thread",
    "ThreadResult",
    "ThreadscanError",
    "analyze",
    "campaign_keys",
    "columns",
    "frame",
    "dump_line_keys",
    "dump_lines",
    "dump_threads",
    "parse",
    "score",
    "score_thread",
    "version",
]

PathLike = Union[str, "os.PathLike[str]"]

#: The report tables, in the order `analyze` writes them.
REPORTS = ("threads", "comments", "flags", "authors", "page_links", "errors")


def version() -> str:
    """The version line of ``threadscan --version``: version and rule-set digest."""
    return _native.version()


__version__ = version().split(" ", 1)[0]


# --- options -------------------------------------------------------------------------------


def _flags(options: Mapping[str, Any]) -> list[str]:
    """Keyword options as the command line's flags: ``select=["INS"]`` -> ``--select INS``,
    ``no_model=True`` -> ``--no-model``, ``threshold={"insult": 0.6}`` -> ``--threshold
    insult=0.6``. An unknown option is the CLI's own usage error."""
    out: list[str] = []
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        if value is None or value is False:
            continue
        if value is True:
            out.append(flag)
        elif isinstance(value, Mapping):
            for key, v in value.items():
                out += [flag, f"{key}={v}"]
        elif isinstance(value, (list, tuple, set, frozenset)):
            for v in sorted(value) if isinstance(value, (set, frozenset)) else value:
                out += [flag, os.fspath(v) if isinstance(v, os.PathLike) else str(v)]
        else:
            out += [flag, os.fspath(value) if isinstance(value, os.PathLike) else str(value)]
    return out


@functools.lru_cache(maxsize=8)
def _scorer(flags: tuple[str, ...]) -> "_native.NativeScorer":
    # Shipped models are loaded once per set of options, not once per call.
    return _native.NativeScorer(list(flags))


def _scorer_of(options: Mapping[str, Any]) -> "_native.NativeScorer":
    return _scorer(tuple(_flags(options)))


# --- analyze --------------------------------------------------------------------------------


@dataclass
class Analysis:
    """The reports of one :func:`analyze` run, as DataFrames with the reports' column names,
    order and types (``datapackage.json``; the README's column dictionary)."""

    threads: Any
    comments: Any
    flags: Any
    authors: Any
    page_links: Any
    errors: Any
    #: ``run.json``: version, rule set, options, inputs with checksums, counts.
    manifest: dict = field(repr=False)
    #: Where the reports were written (``None`` when they went to a temporary directory).
    out: str | None = None
    #: The CLI's exit code: 0 every input read, 1 some failed (see ``errors``).
    exit_code: int = 0

    def __repr__(self) -> str:
        return (
            f"<threadscan.Analysis: {len(self.threads)} threads, {len(self.comments)} comments, "
            f"{len(self.flags)} findings, {len(self.errors)} error rows>"
        )


def analyze(paths: PathLike | Iterable[PathLike], out: PathLike | None = None, **options: Any) -> Analysis:
    """Runs ``threadscan analyze`` on ``paths`` and returns its reports as DataFrames.

    ``paths`` is a file, a directory (walked recursively) or a list of them, as on the command
    line. Options are the CLI's flags as keywords (``threads=2``, ``mem="512M"``,
    ``input_format="wxr"``, ``select=["INS"]``, ``ignore="SPM006"``, ``threshold={"insult":
    0.6}``, ``no_model=True``, ``model=["weights.bin"]``, ``config="threadscan.toml"``,
    ``findings="all"``, ``html=True``, ``include_all=True``, ``encoding="latin1"``).

    The reports are written as the CLI writes them, with ``--csv-guard none`` (raw text, as
    pandas wants it): to ``out`` when given (and kept there), otherwise to a temporary
    directory that is removed. The DataFrames are read from them with the types of
    ``datapackage.json``, so they are the reports, by construction. Bad inputs do not raise:
    they are rows of ``errors``, as on the CLI. A usage error (an unknown option, a bad
    value, an output directory that cannot be written) raises :class:`ThreadscanError` with
    the CLI's message. The work runs without the interpreter lock, on ``threads`` worker
    threads (default: one per core), exactly as the CLI's.
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    paths = [os.fspath(p) for p in paths]
    if not paths:
        raise ThreadscanError("analyze: no paths given")
    options.setdefault("quiet", True)
    options["csv_guard"] = "none"
    if "format" in options:
        raise ThreadscanError("analyze: the DataFrames come from CSV reports; `format` is not an option here")
    temporary = out is None
    folder = tempfile.mkdtemp(prefix="threadscan-") if temporary else os.fspath(out)
    try:
        argv = ["threadscan", "analyze", "--out", folder, *_flags(options), "--", *paths]
        code = _native.run_cli(argv)
        frames = {name: _read_report(folder, name) for name in REPORTS}
        with open(os.path.join(folder, "run.json"), encoding="utf-8") as f:
            manifest = json.load(f)
    finally:
        if temporary:
            shutil.rmtree(folder, ignore_errors=True)
    return Analysis(**frames, manifest=manifest, out=None if temporary else folder, exit_code=code)


def _arrow():
    try:
        import pyarrow  # noqa: F401

        return pyarrow
    except ImportError:
        return None


def _dtypes(fields: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Column types of a report from its ``datapackage.json`` schema: pyarrow-backed when
    pyarrow is installed, pandas' nullable types otherwise."""
    import pandas as pd

    pa = _arrow()
    if pa is not None:
        kinds = {
            "string": pd.ArrowDtype(pa.string()),
            "integer": pd.ArrowDtype(pa.int64()),
            "number": pd.ArrowDtype(pa.float64()),
            "boolean": pd.ArrowDtype(pa.bool_()),
        }
    else:
        kinds = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}
    return {f["name"]: kinds[f["type"]] for f in fields}


def _schema(folder: str, name: str) -> list[dict]:
    with open(os.path.join(folder, "datapackage.json"), encoding="utf-8") as f:
        package = json.load(f)
    for resource in package["resources"]:
        if resource["name"] == name:
            return resource["schema"]["fields"]
    raise ThreadscanError(f"datapackage.json has no resource {name!r}")


def _read_report(folder: str, name: str):
    import pandas as pd

    fields = _schema(folder, name)
    dtypes = _dtypes(fields)
    # Read as text first (an empty cell is a missing value), then typed: a boolean column is
    # `true`/`false`, which pandas' readers do not all take as booleans.
    frame = pd.read_csv(
        os.path.join(folder, f"{name}.csv"),
        dtype=str,
        keep_default_na=False,
        na_values=[""],
        encoding="utf-8",
    )
    return _typed(frame, fields, dtypes)


def _typed(frame, fields, dtypes):
    import pandas as pd

    for f in fields:
        column = f["name"]
        if column not in frame.columns:
            frame[column] = None
        if f["type"] == "boolean":
            frame[column] = frame[column].map({"true": True, "false": False, True: True, False: False})
        elif f["type"] in ("integer", "number"):
            frame[column] = pd.to_numeric(frame[column])
    frame = frame[[f["name"] for f in fields]]
    return frame.astype(dtypes)


def columns(report: str) -> list[tuple[str, str]]:
    """A report's columns as (name, type) pairs, ``datapackage.json``'s types (``string``,
    ``integer``, ``number``, ``boolean``), in the reports' order."""
    return [(f["name"], f["type"]) for f in _report_fields(report)]


def frame(rows: Sequence[Mapping[str, Any]], report: str):
    """A list of row dicts (from :func:`score_thread`) as a DataFrame typed like ``report``'s
    table (``threads``, ``comments`` or ``flags``)."""
    import pandas as pd

    fields = _report_fields(report)
    df = pd.DataFrame(list(rows), columns=[f["name"] for f in fields])
    return _typed(df.astype(object), fields, _dtypes(fields))


@functools.lru_cache(maxsize=None)
def _package() -> dict:
    return json.loads(_native.schema())


def _report_fields(report: str) -> list[dict]:
    for resource in _package()["resources"]:
        if resource["name"] == report:
            return resource["schema"]["fields"]
    raise ValueError(f"no report named {report!r}; reports: {', '.join(REPORTS)}")


# --- parse ----------------------------------------------------------------------------------


def parse(
    data: PathLike | bytes,
    input_format: str | None = None,
    name: str | None = None,
    errors: list | None = None,
) -> list[Thread]:
    """The threads of one input, parsed as ``analyze`` parses it (decompression, WARC
    records, encodings, format detection; ``input_format`` forces a format by its
    ``--input-format`` name). ``data`` is a path or the input's bytes (``name`` then names
    it in ``source``; default ``<bytes>``).

    Each :class:`Thread` has ``id``, ``page`` (a dict) and ``comments`` (dicts with id,
    parent_id, depth, author, author_url, position, timestamp, text, quotes, kind,
    reply_to_author, links: the links set on the comment's words, dicts with ``url`` and
    ``words``). An input that gives no thread raises :class:`ThreadscanError` with the
    CLI's message; parts that failed in an input that gave threads (a WARC record, say) are
    warnings. With ``errors`` (a list), nothing raises or warns: the ``errors.csv`` rows
    (dicts with ``source``, ``stage``, ``message``) are appended to it instead.
    """
    if isinstance(data, (bytes, bytearray, memoryview)):
        source = name or "<bytes>"
        threads, rows = _native.parse(bytes(data), source, input_format)
    else:
        path = os.fspath(data)
        threads, rows = _native.parse(path, name or path, input_format)
    if errors is not None:
        errors.extend({"source": s, "stage": st, "message": m} for s, st, m in rows)
        return threads
    messages = [f"{s}: {st} error: {m}" for s, st, m in rows]
    if not threads and messages:
        raise ThreadscanError("; ".join(messages))
    for message in messages:
        warnings.warn(message, stacklevel=2)
    return threads


# --- score ----------------------------------------------------------------------------------


def score(texts: str | Iterable[str], context: str | None = None, campaigns: Campaigns | None = None, **options: Any):
    """Scores texts, each as a top-level comment of its own: a DataFrame with one row per text
    (the input's index when ``texts`` is a pandas Series) and the ``comments.csv`` score
    columns (``insult_score``, ``insult``, ``spam_score``, ``spam``, ``unsupported_score``,
    ``unsupported``, ``finding_codes``, ``kind``, ``text``, ...) plus ``findings``: per text a
    list of dicts with the ``flags.csv`` columns (``flag``, ``code``, ``name``, ``score``,
    ``span_start_char``/``span_end_char`` (Python string offsets), ``span_text``,
    ``counted``), every finding, also those below threshold.

    ``context`` is the text of the article the comments sit under (the off-topic spam
    signal reads it). ``campaigns`` gives run-wide counts (see :class:`Campaigns`); without
    it a text is never part of a campaign. Options are the CLI's scoring flags
    (``select``, ``ignore``, ``threshold``, ``model``, ``no_model``, ``config``,
    ``no_config``). Missing values (None, NaN) score as empty texts.
    """
    import pandas as pd

    index = None
    if isinstance(texts, str):
        texts = [texts]
    elif isinstance(texts, pd.Series):
        index = texts.index
        texts = texts.tolist()
    values = [t if isinstance(t, str) else "" for t in texts]
    rows = _native.score_texts(values, _scorer_of(options), context, campaigns)
    df = pd.DataFrame(rows, index=index)
    return df


@dataclass
class ThreadResult:
    """One scored thread's report rows, each a dict in its report's column order: the rows
    ``threadscan analyze`` writes for this thread (``frame(result.comments, "comments")``
    gives a typed DataFrame)."""

    threads: list
    comments: list
    flags: list

    @property
    def thread(self) -> dict:
        """The thread's ``threads.csv`` row."""
        return self.threads[0]


def score_thread(
    comments: Thread | Iterable[Mapping[str, Any]] | Any,
    page: Mapping[str, Any] | None = None,
    campaigns: Campaigns | None = None,
    findings: str = "flagged",
    **options: Any,
) -> ThreadResult:
    """Scores one thread in context (replies, the thread's own repeats, the article) and
    returns its ``threads``, ``comments`` and ``flags`` rows: the unit a distributed job maps
    over.

    ``comments`` is a :class:`Thread` (from :func:`parse` or :func:`dump_threads`), or
    comment records: dicts (or a DataFrame) with ``id``, ``parent_id`` (empty or missing for
    a top-level comment), ``author``, ``author_url``, ``timestamp`` (ISO 8601) and ``text``;
    records get the parsers' tree repair (orphans, cycles, depth). ``page`` describes their
    page (``id``, ``source``, ``url``, ``title``, ``article_text``, ``published``,
    ``author``); without an ``id`` the thread's id is derived from its content. ``campaigns``
    gives run-wide counts (see :class:`Campaigns`); ``findings="all"`` keeps every finding,
    as ``--findings all``. Options are the CLI's scoring flags.
    """
    thread = _as_thread(comments, page)
    if findings not in ("flagged", "all"):
        raise ThreadscanError(f"findings: expected 'flagged' or 'all', not {findings!r}")
    tables = _native.score_thread(thread, _scorer_of(options), campaigns, findings == "all")
    return ThreadResult(**tables)


def _as_thread(comments: Any, page: Mapping[str, Any] | None) -> Thread:
    if isinstance(comments, Thread):
        if page is not None:
            raise ThreadscanError("score_thread: a parsed Thread has its own page")
        return comments
    if hasattr(comments, "to_dict") and hasattr(comments, "columns"):
        comments = comments.to_dict("records")
    records = [_record(c) for c in comments]
    return _native.records_thread(records, dict(page) if page is not None else None)


def _record(c: Mapping[str, Any]) -> dict:
    out = {}
    for key in ("id", "parent_id", "author", "author_url", "timestamp", "text"):
        value = c.get(key)
        # pandas' missing values (NaN, NA, NaT) are missing here too.
        if value is not None and not isinstance(value, str):
            try:
                if value != value:  # NaN
                    value = None
            except (TypeError, ValueError):
                value = None
            if isinstance(value, float) and value.is_integer():
                value = int(value)  # an integer id column with gaps reads as floats
            elif value is not None and hasattr(value, "isoformat"):
                value = value.isoformat()
        out[key] = value
    return out


# --- a run split across machines ------------------------------------------------------------


def campaign_keys(thread: Thread) -> list[tuple[int, int]]:
    """A whole thread's campaign keys, as ``analyze`` counts the threads of pages and
    exports: ``(triple, key)`` pairs, one per distinct (author, key). Keep one pair per
    ``triple`` across the run (a thread read twice counts once), then count the keys into a
    :class:`Campaigns`."""
    return _native.thread_campaign_keys(thread)


def dump_line_keys(line: str) -> tuple[str, list[int]] | None:
    """A Pushshift NDJSON line's thread key (``link_id`` without ``t3_``) and its campaign
    keys, counted once per line as ``analyze`` counts streamed dumps; ``None`` for a line
    that is not a JSON object."""
    return _native.dump_line_keys(line)


def dump_lines(path: PathLike, max_line_size: int = 4 << 20) -> Iterable[tuple[int, str]]:
    """The lines of a Pushshift dump file as ``analyze`` reads them: ``(line number, line)``,
    gzip and zstd (also with long windows) undone on the fly, blank lines, lines over
    ``max_line_size`` bytes and lines that are not UTF-8 left out. One line is held at a
    time."""
    return _native.DumpLines(os.fspath(path), max_line_size)


def dump_threads(lines: Iterable[tuple[str, int, str]]) -> list[Thread]:
    """The threads of Pushshift lines gathered by thread key: ``(file name, 1-based line
    number, line)`` triples. Comments are ordered by file name, then line, as ``analyze``
    orders them when it reads the files in name order."""
    return _native.dump_threads([(str(n), int(i), str(s)) for n, i, s in lines])
