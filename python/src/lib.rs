//! `threadscan._native`: the Python package's bridge to the threadscan library.
//!
//! Every function here converts Python values to the library's types, calls the library with
//! the interpreter released, and converts the result back; the logic (parsing, scoring,
//! report rows) is the library's, the same code the command line runs. The public, documented
//! API is the pure-Python layer in `python/threadscan/__init__.py`.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use serde::Serialize;
use serde_json::Value;

use threadscan::model;
use threadscan::parse::records::{PageInfo, Record};
use threadscan::pipeline::{self, LoadOptions, Scorer};
use threadscan::report::{self, FindingsShown};
use threadscan::score::{self, RunContext};

pyo3::create_exception!(
    threadscan,
    ThreadscanError,
    pyo3::exceptions::PyException,
    "A usage error or a failed run, with the command line's message."
);

fn error(e: anyhow::Error) -> PyErr {
    ThreadscanError::new_err(format!("{e:#}"))
}

/// The version line of `threadscan --version`: the version and the rule-set digest.
#[pyfunction]
fn version() -> String {
    threadscan::cli::version()
}

/// `datapackage.json` of CSV reports: every report's columns, types and descriptions.
#[pyfunction]
fn schema() -> String {
    report::datapackage::to_json(report::OutputFormat::Csv)
}

/// Runs one command line (`args[0]` is the program name) as the `threadscan` binary does,
/// without the interpreter lock; returns the exit code (0 all read, 1 some inputs failed).
#[pyfunction]
fn run_cli(py: Python<'_>, args: Vec<String>) -> PyResult<u8> {
    py.detach(|| threadscan::cli::run_argv(args)).map_err(error)
}

/// A scorer built from scoring flags (`--select`, `--threshold`, `--model`, …), kept by the
/// caller so that shipped models are loaded once, not once per call.
#[pyclass(module = "threadscan._native", frozen)]
struct NativeScorer {
    scorer: Scorer,
}

#[pymethods]
impl NativeScorer {
    #[new]
    fn new(py: Python<'_>, flags: Vec<String>) -> PyResult<Self> {
        let scorer = py
            .detach(|| threadscan::cli::scorer_from_flags(flags))
            .map_err(error)?;
        Ok(NativeScorer { scorer })
    }

    /// SHA-256 of everything that decides a score (as `run.json`'s `ruleset`).
    fn digest(&self) -> String {
        self.scorer.digest()
    }
}

/// Run-wide campaign counts (the same link or text across authors and threads): the command
/// line's own count-min sketch, so counts built in parts and merged equal one run's.
#[pyclass(module = "threadscan._native")]
#[derive(Default)]
struct Campaigns {
    run: RunContext,
}

#[pymethods]
impl Campaigns {
    #[new]
    #[pyo3(signature = (data = None))]
    fn new(data: Option<&[u8]>) -> PyResult<Self> {
        match data {
            None => Ok(Campaigns::default()),
            Some(bytes) => RunContext::from_bytes(bytes)
                .map(|run| Campaigns { run })
                .ok_or_else(|| PyValueError::new_err("not campaign counts")),
        }
    }

    /// Counts each key once.
    fn add(&self, keys: Vec<u64>) {
        for key in keys {
            self.run.add_key(key, 1);
        }
    }

    /// Adds another part's counts.
    fn merge(&self, other: &Campaigns) {
        self.run.merge(&other.run);
    }

    /// How many times this link key (as the reports write links) was counted.
    fn link_count(&self, link: &str) -> usize {
        self.run.link_count(link)
    }

    /// The counts as bytes (non-zero cells only).
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.run.to_bytes())
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let class = slf.get_type().into_any();
        Ok((class, (slf.borrow().to_bytes(py),)))
    }
}

/// One thread: its page and its comments, as the library parsed or built them.
#[pyclass(module = "threadscan._native", frozen)]
struct Thread {
    thread: model::Thread,
}

#[pymethods]
impl Thread {
    /// The thread's id (`threads.csv`'s `thread_id`).
    #[getter]
    fn id(&self) -> &str {
        &self.thread.id
    }

    /// The page: source, format, url, site, title, published, author, article_text,
    /// comment_system, notes.
    #[getter]
    fn page<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let p = &self.thread.page;
        let d = PyDict::new(py);
        d.set_item("source", &p.source)?;
        d.set_item("format", p.format.name())?;
        d.set_item("url", &p.url)?;
        d.set_item("site", &p.site)?;
        d.set_item("title", &p.title)?;
        d.set_item("published", &p.published)?;
        d.set_item("author", &p.author)?;
        d.set_item("article_text", &p.article_text)?;
        d.set_item("comment_system", &p.comment_system)?;
        d.set_item("notes", &p.notes)?;
        Ok(d)
    }

    /// The comments in page order, each a dict: id, parent_id, depth, author, author_url,
    /// position, timestamp, text, quotes, kind, reply_to_author, links (the links set on the
    /// comment's words: dicts with url and words).
    #[getter]
    fn comments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for c in &self.thread.comments {
            let d = PyDict::new(py);
            d.set_item("id", &c.id)?;
            d.set_item("parent_id", &c.parent_id)?;
            d.set_item("depth", c.depth)?;
            d.set_item("author", &c.author)?;
            d.set_item("author_url", &c.author_url)?;
            d.set_item("position", c.position)?;
            d.set_item("timestamp", &c.timestamp)?;
            d.set_item("text", &c.text)?;
            let quotes = PyList::empty(py);
            for q in &c.quotes {
                let qd = PyDict::new(py);
                qd.set_item("author", &q.author)?;
                qd.set_item("text", &q.text)?;
                qd.set_item("comment_id", &q.comment_id)?;
                quotes.append(qd)?;
            }
            d.set_item("quotes", quotes)?;
            d.set_item(
                "kind",
                to_py(py, &serde_json::to_value(c.kind).unwrap_or_default())?,
            )?;
            d.set_item("reply_to_author", &c.reply_to_author)?;
            let links = PyList::empty(py);
            for l in &c.links {
                let ld = PyDict::new(py);
                ld.set_item("url", &l.url)?;
                ld.set_item("words", &l.words)?;
                links.append(ld)?;
            }
            d.set_item("links", links)?;
            list.append(d)?;
        }
        Ok(list)
    }

    fn __len__(&self) -> usize {
        self.thread.comments.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<threadscan.Thread {:?}: {} comments from {:?} ({})>",
            self.thread.id,
            self.thread.comments.len(),
            self.thread.page.source,
            self.thread.page.format.name()
        )
    }
}

/// An `errors.csv` row: source, stage, message.
type ErrorTuple = (String, String, String);

/// Parses one input (a path or bytes) as `analyze` reads it: decompression, WARC records,
/// encodings, format detection. Returns the threads and the error rows (source, stage,
/// message).
#[pyfunction]
#[pyo3(signature = (data, name, input_format = None))]
fn parse(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    name: String,
    input_format: Option<String>,
) -> PyResult<(Vec<Thread>, Vec<ErrorTuple>)> {
    let format =
        match input_format.as_deref() {
            None => None,
            Some(f) => Some(model::Format::from_name(f).ok_or_else(|| {
                PyValueError::new_err(format!("input_format: unknown format {f:?}"))
            })?),
        };
    let options = LoadOptions {
        parse: threadscan::parse::ParseOptions { format },
        ..LoadOptions::default()
    };
    let loaded = if let Ok(bytes) = data.cast::<PyBytes>() {
        let bytes = bytes.as_bytes().to_vec();
        py.detach(|| pipeline::load_bytes(&name, bytes, &options))
    } else if let Ok(path) = data.extract::<std::path::PathBuf>() {
        let source = threadscan::input::Source::File(path);
        py.detach(|| pipeline::load(&source, &options))
    } else {
        return Err(PyTypeError::new_err("parse() takes a path or bytes"));
    };
    let threads = loaded
        .threads
        .into_iter()
        .map(|thread| Thread { thread })
        .collect();
    let errors = loaded
        .errors
        .into_iter()
        .map(|e| (e.source, e.stage, e.message))
        .collect();
    Ok((threads, errors))
}

fn opt_str(d: &Bound<'_, PyDict>, key: &str) -> PyResult<Option<String>> {
    match d.get_item(key)? {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => match v.extract::<String>() {
            Ok(s) => Ok(Some(s)),
            // Ids are often integers in a DataFrame.
            Err(_) => Ok(Some(v.str()?.to_string())),
        },
    }
}

/// Builds a thread from comment records (dicts with id, parent_id, author, author_url,
/// timestamp, text) and an optional page dict (id, source, url, title, article_text,
/// published, author), with the library's tree repair.
#[pyfunction]
#[pyo3(signature = (comments, page = None))]
fn records_thread(
    comments: Vec<Bound<'_, PyDict>>,
    page: Option<Bound<'_, PyDict>>,
) -> PyResult<Thread> {
    let info = match page {
        None => PageInfo::default(),
        Some(p) => PageInfo {
            id: opt_str(&p, "id")?,
            source: opt_str(&p, "source")?,
            url: opt_str(&p, "url")?,
            title: opt_str(&p, "title")?,
            article_text: opt_str(&p, "article_text")?,
            published: opt_str(&p, "published")?,
            author: opt_str(&p, "author")?,
        },
    };
    let records = comments
        .iter()
        .map(|d| {
            Ok(Record {
                id: opt_str(d, "id")?,
                parent_id: opt_str(d, "parent_id")?,
                author: opt_str(d, "author")?,
                author_url: opt_str(d, "author_url")?,
                timestamp: opt_str(d, "timestamp")?,
                text: opt_str(d, "text")?.unwrap_or_default(),
            })
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(Thread {
        thread: threadscan::parse::records::thread(info, records),
    })
}

/// The threads of Pushshift lines gathered elsewhere: (file name, 1-based line number, line).
#[pyfunction]
fn dump_threads(py: Python<'_>, lines: Vec<(String, u64, String)>) -> Vec<Thread> {
    py.detach(|| threadscan::parse::pushshift::threads_of_lines(lines))
        .into_iter()
        .map(|thread| Thread { thread })
        .collect()
}

/// The lines of a dump file as `analyze` reads them (gzip and zstd undone on the fly, lines
/// over `max_line_size` bytes and lines that are not UTF-8 skipped, blank lines left out), each
/// with its 1-based line number; iterating holds one line at a time.
#[pyclass(module = "threadscan._native", unsendable)]
struct DumpLines {
    lines: threadscan::input::BoundedLines<Box<dyn std::io::BufRead + Send>>,
    path: String,
}

#[pymethods]
impl DumpLines {
    #[new]
    #[pyo3(signature = (path, max_line_size = LoadOptions::default().max_line_size))]
    fn new(path: std::path::PathBuf, max_line_size: u64) -> PyResult<Self> {
        let source = threadscan::input::Source::File(path);
        let name = source.display();
        let tally = std::sync::Arc::new(std::sync::Mutex::new(threadscan::input::Tally::default()));
        let progress = threadscan::progress::Progress::hidden();
        let opened = threadscan::input::open(&source, tally, progress.bar())
            .map_err(|e| ThreadscanError::new_err(format!("{name}: read error: {e}")))?;
        let limit = usize::try_from(max_line_size).unwrap_or(usize::MAX);
        Ok(DumpLines {
            lines: threadscan::input::BoundedLines::new(opened.stream, limit),
            path: name,
        })
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<(u64, String)>> {
        use threadscan::input::LineRead;
        loop {
            match self.lines.next() {
                None => return Ok(None),
                Some(Ok((n, LineRead::Text(text)))) if !text.trim().is_empty() => {
                    return Ok(Some((n, text)));
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => {
                    return Err(ThreadscanError::new_err(format!(
                        "{}: read error: {e}",
                        self.path
                    )));
                }
            }
            py.check_signals()?;
        }
    }
}

/// A Pushshift line's thread key (`link_id` without `t3_`) and its campaign keys as the
/// streaming path counts them; `None` for a line that is not a JSON object.
#[pyfunction]
fn dump_line_keys(line: &str) -> Option<(String, Vec<u64>)> {
    let head = threadscan::parse::pushshift::line_head(line)?;
    let keys = score::text_campaign_keys(&head.body);
    Some((head.link, keys))
}

/// A whole thread's campaign keys: (triple, key) pairs, one per distinct (author, key).
#[pyfunction]
fn thread_campaign_keys(thread: &Thread) -> Vec<(u64, u64)> {
    score::thread_campaign_keys(&thread.thread)
}

/// Scores a thread and returns its report rows: `threads` (one row), `comments`, `flags`,
/// each a list of dicts in the reports' column order.
#[pyfunction]
#[pyo3(signature = (thread, scorer, campaigns = None, all_findings = false))]
fn score_thread<'py>(
    py: Python<'py>,
    thread: &Thread,
    scorer: &NativeScorer,
    campaigns: Option<&Campaigns>,
    all_findings: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let empty = RunContext::default();
    let run = campaigns.map_or(&empty, |c| &c.run);
    let t = &thread.thread;
    let scored = py.detach(|| score::score_thread(t, run, &scorer.scorer));
    let shown = if all_findings {
        FindingsShown::All
    } else {
        FindingsShown::Flagged
    };
    let out = PyDict::new(py);
    out.set_item(
        "threads",
        rows(py, std::iter::once(report::threads::row(t, &scored)))?,
    )?;
    out.set_item("comments", rows(py, report::comments::rows(t, &scored))?)?;
    out.set_item("flags", rows(py, report::flags::rows(t, &scored, shown))?)?;
    Ok(out)
}

/// Scores texts, each as a top-level comment of its own under the page `context` describes
/// (or none): per text a dict of the comment's scores and flags and its findings.
#[pyfunction]
#[pyo3(signature = (texts, scorer, context = None, campaigns = None))]
fn score_texts<'py>(
    py: Python<'py>,
    texts: Vec<String>,
    scorer: &NativeScorer,
    context: Option<String>,
    campaigns: Option<&Campaigns>,
) -> PyResult<Bound<'py, PyList>> {
    let empty = RunContext::default();
    let run = campaigns.map_or(&empty, |c| &c.run);
    let scored: Vec<(model::Thread, score::ThreadScore)> = py.detach(|| {
        use rayon::prelude::*;
        texts
            .into_par_iter()
            .map(|text| {
                let info = PageInfo {
                    id: Some("text".into()),
                    article_text: context.clone(),
                    ..PageInfo::default()
                };
                let record = Record {
                    id: Some("text".into()),
                    text,
                    ..Record::default()
                };
                let thread = threadscan::parse::records::thread(info, vec![record]);
                let score = score::score_thread(&thread, run, &scorer.scorer);
                (thread, score)
            })
            .collect()
    });
    let list = PyList::empty(py);
    for (thread, score) in &scored {
        let comment = report::comments::rows(thread, score).next();
        let d = match comment {
            Some(row) => row_dict(py, &row, &report::header::<report::comments::CommentRow>())?,
            None => PyDict::new(py),
        };
        // The thread's own columns say nothing about one text.
        for column in ["thread_id", "comment_id", "parent_id", "depth", "position"] {
            d.del_item(column).ok();
        }
        let findings = rows(py, report::flags::rows(thread, score, FindingsShown::All))?;
        for f in findings.iter() {
            let f = f.cast_into::<PyDict>()?;
            f.del_item("thread_id").ok();
            f.del_item("comment_id").ok();
        }
        d.set_item("findings", findings)?;
        list.append(d)?;
    }
    Ok(list)
}

/// Rows as a list of dicts in their report's column order.
fn rows<'py, R: Serialize + Default>(
    py: Python<'py>,
    rows: impl Iterator<Item = R>,
) -> PyResult<Bound<'py, PyList>> {
    let columns = report::header::<R>();
    let list = PyList::empty(py);
    for row in rows {
        list.append(row_dict(py, &row, &columns)?)?;
    }
    Ok(list)
}

fn row_dict<'py, R: Serialize>(
    py: Python<'py>,
    row: &R,
    columns: &[String],
) -> PyResult<Bound<'py, PyDict>> {
    let value = serde_json::to_value(row).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let d = PyDict::new(py);
    if let Value::Object(map) = value {
        for column in columns {
            // An empty cell is a missing value, as when the CSV reports are read.
            let v = match map.get(column) {
                Some(Value::String(s)) if s.is_empty() => &Value::Null,
                Some(v) => v,
                None => &Value::Null,
            };
            d.set_item(column, to_py(py, v)?)?;
        }
    }
    Ok(d)
}

fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let d = PyDict::new(py);
            for (k, v) in map {
                d.set_item(k, to_py(py, v)?)?;
            }
            d.into_any()
        }
    })
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ThreadscanError", m.py().get_type::<ThreadscanError>())?;
    m.add_class::<NativeScorer>()?;
    m.add_class::<Campaigns>()?;
    m.add_class::<Thread>()?;
    m.add_class::<DumpLines>()?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(run_cli, m)?)?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(records_thread, m)?)?;
    m.add_function(wrap_pyfunction!(dump_threads, m)?)?;
    m.add_function(wrap_pyfunction!(dump_line_keys, m)?)?;
    m.add_function(wrap_pyfunction!(thread_campaign_keys, m)?)?;
    m.add_function(wrap_pyfunction!(score_thread, m)?)?;
    m.add_function(wrap_pyfunction!(score_texts, m)?)?;
    Ok(())
}
