//! Stage 3, the reporter: threads → CSV files.
//!
//! One module per report, each a row struct whose field order *is* the column order (the
//! contract researchers load into pandas, R or DuckDB; documented in the README's column
//! dictionary, which a test keeps in step). Columns are only ever added at the end.
//! [`csv_writer`] is the one place that configures the `csv` crate.

pub mod comments;
pub mod errors;
pub mod flags;
pub mod links;
pub mod threads;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use serde::Serialize;

use crate::model::Thread;
use crate::score::ThreadScore;
pub use errors::ErrorRow;

/// Every report file `analyze` writes, in the order written.
pub const REPORT_FILES: &[&str] = &[
    "threads.csv",
    "comments.csv",
    "page_links.csv",
    "errors.csv",
];

/// A CSV writer with the project's conventions: RFC 4180 quoting, `\n` line ends, and no
/// automatic header (callers write it, so a report with no rows still names its columns).
pub fn csv_writer<W: Write>(sink: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(sink)
}

/// Writes every report for `threads` and `errors` into `dir` (created if missing).
pub fn write_reports(
    dir: &Path,
    threads: &[Thread],
    scores: &[ThreadScore],
    errors: &[ErrorRow],
) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create output directory {}", dir.display()))?;
    let scored = || threads.iter().zip(scores);
    write_rows(
        &dir.join("threads.csv"),
        scored().map(|(t, s)| threads::row(t, s)),
    )?;
    write_rows(
        &dir.join("comments.csv"),
        scored().flat_map(|(t, s)| comments::rows(t, s)),
    )?;
    write_rows(
        &dir.join("flags.csv"),
        scored().flat_map(|(t, s)| flags::rows(t, s)),
    )?;
    write_rows(
        &dir.join("page_links.csv"),
        threads.iter().flat_map(links::rows),
    )?;
    write_rows(&dir.join("errors.csv"), errors.iter().cloned())?;
    Ok(())
}

/// Writes `rows` to `path`; an empty report still gets its header, so loaders see the columns.
fn write_rows<R: Serialize + Default>(
    path: &Path,
    rows: impl Iterator<Item = R>,
) -> anyhow::Result<()> {
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut writer = csv_writer(BufWriter::new(file));
    writer.write_record(header::<R>())?;
    for row in rows {
        writer
            .serialize(row)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    writer
        .flush()
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Column names of a row type, in order.
pub fn header<R: Serialize + Default>() -> Vec<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Serialising a default row makes csv emit the header from the field names.
    if writer.serialize(R::default()).is_err() {
        return Vec::new();
    }
    let bytes = writer.into_inner().unwrap_or_default();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    reader
        .headers()
        .map(|h| h.iter().map(String::from).collect())
        .unwrap_or_default()
}

/// Every report's columns, for the README test and `--help` texts.
pub fn all_columns() -> Vec<(&'static str, Vec<String>)> {
    vec![
        ("threads.csv", header::<threads::ThreadRow>()),
        ("comments.csv", header::<comments::CommentRow>()),
        ("flags.csv", header::<flags::FlagRow>()),
        ("page_links.csv", header::<links::PageLinkRow>()),
        ("errors.csv", header::<ErrorRow>()),
    ]
}

/// A score as written in reports: three decimals, so reports are byte-stable.
fn score_cell(score: f32) -> String {
    format!("{score:.3}")
}

/// Joins several values into one cell.
fn join<'a>(values: impl Iterator<Item = &'a str>, sep: &str) -> String {
    values.collect::<Vec<_>>().join(sep)
}
