//! Stage 3, the reporter: threads and their scores → report files.
//!
//! One module per report, each a row struct whose field order *is* the column order (the
//! contract researchers load into pandas, R or DuckDB; documented in the README's column
//! dictionary, which a test keeps in step). Columns are only ever added at the end.
//! [`csv_writer`] is the one place that configures the `csv` crate, and [`write_rows`] the one
//! place that writes rows, as CSV or NDJSON.

pub mod authors;
pub mod comments;
pub mod errors;
pub mod flags;
pub mod html;
pub mod links;
pub mod manifest;
pub mod threads;
pub mod writer;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use serde::Serialize;

use crate::model::Thread;
use crate::score::ThreadScore;
pub use errors::ErrorRow;

/// The reports `analyze` writes, by base name, in the order written.
pub const REPORTS: &[&str] = &[
    "threads",
    "comments",
    "flags",
    "authors",
    "page_links",
    "errors",
];

/// The report files of a format (`threads.csv`, …), in the order written.
pub fn report_files(format: OutputFormat) -> Vec<String> {
    REPORTS
        .iter()
        .map(|r| format!("{r}.{}", format.extension()))
        .collect()
}

/// How reports are written (`--format`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutputFormat {
    /// RFC 4180 CSV with a header row; text cells guarded against spreadsheet formulas.
    #[default]
    Csv,
    /// One JSON object per line, the same fields, raw text, numbers as numbers.
    Ndjson,
}

impl OutputFormat {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Csv => "csv",
            OutputFormat::Ndjson => "ndjson",
        }
    }
}

/// A CSV writer with the project's conventions: RFC 4180 quoting, `\n` line ends, and no
/// automatic header (callers write it, so a report with no rows still names its columns).
pub fn csv_writer<W: Write>(sink: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(sink)
}

/// Everything the reports are made from.
pub struct ReportData<'a> {
    /// Threads in report order.
    pub threads: &'a [Thread],
    /// Their scores, same order.
    pub scores: &'a [ThreadScore],
    /// Failed inputs.
    pub errors: &'a [ErrorRow],
}

/// Writes every report of in-memory threads into `dir` (created if missing); returns the
/// file names written. Large runs use [`writer::ReportWriter`] batch by batch instead.
pub fn write_reports(
    dir: &Path,
    data: &ReportData<'_>,
    format: OutputFormat,
) -> anyhow::Result<Vec<String>> {
    let mut writer = writer::ReportWriter::create(dir, format, false)?;
    writer.write(data.threads, data.scores)?;
    writer.finish(data.errors, "")
}

/// Writes `rows` to `path` in `format`. A CSV report with no rows still gets its header, so
/// loaders see the columns.
pub fn write_rows<R: Serialize + Default>(
    path: &Path,
    format: OutputFormat,
    rows: impl Iterator<Item = R>,
) -> anyhow::Result<()> {
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut sink = BufWriter::new(file);
    let context = || format!("cannot write {}", path.display());
    match format {
        OutputFormat::Csv => {
            let mut writer = csv_writer(&mut sink);
            writer.write_record(header::<R>()).with_context(context)?;
            for row in rows {
                writer
                    .write_record(guarded_fields(&row)?)
                    .with_context(context)?;
            }
            writer.flush().with_context(context)?;
        }
        OutputFormat::Ndjson => {
            for row in rows {
                serde_json::to_writer(&mut sink, &row).with_context(context)?;
                sink.write_all(b"\n").with_context(context)?;
            }
        }
    }
    sink.flush().with_context(context)?;
    Ok(())
}

/// A row's CSV fields with every text cell that a spreadsheet would run as a formula
/// (leading `=`, `+`, `-`, `@`, tab or carriage return, and more than that one character)
/// prefixed with `'`, as OWASP advises.
/// Numbers (`-0.400`) are left alone; NDJSON output is never altered.
fn guarded_fields<R: Serialize>(row: &R) -> anyhow::Result<Vec<String>> {
    let mut one = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    one.serialize(row)?;
    let bytes = one.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes.as_slice());
    let record = reader.records().next().transpose()?.unwrap_or_default();
    Ok(record.iter().map(guard).collect())
}

/// The spreadsheet-formula guard for one cell.
pub fn guard(cell: &str) -> String {
    let risky = cell.len() > 1 && cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
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

/// Every report's columns, for the README test.
pub fn all_columns() -> Vec<(&'static str, Vec<String>)> {
    vec![
        ("threads.csv", header::<threads::ThreadRow>()),
        ("comments.csv", header::<comments::CommentRow>()),
        ("flags.csv", header::<flags::FlagRow>()),
        ("authors.csv", header::<authors::AuthorRow>()),
        ("page_links.csv", header::<links::PageLinkRow>()),
        ("errors.csv", header::<ErrorRow>()),
    ]
}

/// A score or rate as reported: rounded to three decimals, so reports are byte-stable and
/// NDJSON carries numbers.
fn rounded(value: f32) -> f64 {
    (f64::from(value) * 1000.0).round() / 1000.0
}

/// Joins several values into one cell.
fn join<'a>(values: impl Iterator<Item = &'a str>, sep: &str) -> String {
    values.collect::<Vec<_>>().join(sep)
}

#[cfg(test)]
mod tests {
    use super::guard;

    #[test]
    fn formula_cells_are_guarded_numbers_are_not() {
        assert_eq!(
            guard("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(guard("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard("+1 555"), "'+1 555");
        assert_eq!(guard("-0.4"), "-0.4");
        assert_eq!(guard("plain"), "plain");
        assert_eq!(
            guard("-"),
            "-",
            "a lone sign is not a formula (stdin's source name)"
        );
    }
}
