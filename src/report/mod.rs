//! Stage 3, the reporter: threads and their scores → report files.
//!
//! One module per report, each a row struct whose field order *is* the column order (the
//! contract researchers load into pandas, R or DuckDB; documented in the README's column
//! dictionary, which a test keeps in step). Columns are only ever added at the end.
//! [`csv_writer`] is the one place that configures the `csv` crate, and [`write_rows`] the one
//! place that writes rows, as CSV or NDJSON.

pub mod authors;
pub mod comments;
pub mod datapackage;
pub mod errors;
pub mod flags;
pub mod html;
pub mod links;
pub mod manifest;
pub mod threads;
pub mod writer;

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use serde::Serialize;

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

/// Files threadscan writes at the top of `--out`, besides the reports of both formats.
pub const RUN_FILES: &[&str] = &["run.json", "datapackage.json", "index.html"];

/// Removes what an earlier run wrote in `dir`: the reports in either format, [`RUN_FILES`],
/// and the HTML view's `threads/*.html` (the folder too, when nothing else is left in it).
/// Nothing else is touched, so an `--out` that holds other files keeps them.
pub fn remove_earlier_output(dir: &Path) -> anyhow::Result<()> {
    let remove = |path: &Path| match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot remove earlier output {}", path.display()))
        }
        _ => Ok(()),
    };
    for format in [OutputFormat::Csv, OutputFormat::Ndjson] {
        for file in report_files(format) {
            remove(&dir.join(file))?;
        }
    }
    for file in RUN_FILES {
        remove(&dir.join(file))?;
    }
    let pages = dir.join("threads");
    if let Ok(entries) = std::fs::read_dir(&pages) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "html") && path.is_file() {
                remove(&path)?;
            }
        }
        // Fails, harmlessly, when the user keeps other files there.
        let _ = std::fs::remove_dir(&pages);
    }
    Ok(())
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

/// Whether CSV cells are guarded against spreadsheet formulas (`--csv-guard`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CsvGuard {
    /// Prefix `'` to text cells a spreadsheet would run as a formula (for Excel, LibreOffice).
    #[default]
    Formulas,
    /// Raw text (for pandas, R, DuckDB): a cell reads back exactly as the comment had it.
    None,
}

/// Which findings `flags.csv` keeps (`--findings`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingsShown {
    /// The findings of comments flagged for that flag, the support findings that kept a
    /// comment under its threshold, and page spam.
    #[default]
    Flagged,
    /// Every finding, also those below a threshold.
    All,
}

/// How a run writes its reports.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReportOptions {
    /// CSV or NDJSON.
    pub format: OutputFormat,
    /// The CSV formula guard.
    pub csv_guard: CsvGuard,
    /// Which findings are written.
    pub findings: FindingsShown,
    /// Whether the HTML audit view is written too.
    pub html: bool,
}

/// A CSV writer with the project's conventions: RFC 4180 quoting, `\n` line ends, and no
/// automatic header (callers write it, so a report with no rows still names its columns).
pub fn csv_writer<W: Write>(sink: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(sink)
}

/// Serialises rows into guarded CSV records: every text cell that a spreadsheet would run as a
/// formula (leading `=`, `+`, `-`, `@`, tab or carriage return, and more than that one
/// character) is prefixed with `'`, as OWASP advises. Numbers (`-0.400`) are left alone;
/// NDJSON output is never altered.
///
/// A row is serialised once by `csv` into a reused buffer; only when a field *might* start
/// with a formula character is it split back into fields and guarded (splitting every row
/// cost a fifth of a dump run).
pub struct CsvRows {
    scratch: csv::Writer<Scratch>,
    record: std::rc::Rc<std::cell::RefCell<Vec<u8>>>,
    /// Whether cells are guarded (`--csv-guard formulas`, the default) or written raw.
    guard: bool,
}

thread_local! {
    /// One splitter per thread: building `csv_core`'s parser tables costs more than a row.
    static SPLITTER: std::cell::RefCell<FieldSplitter> = std::cell::RefCell::new(FieldSplitter::default());
}

/// The scratch buffer `csv` serialises into (shared, as `csv::Writer` lends no `&mut W`).
struct Scratch(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for Scratch {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Default for CsvRows {
    fn default() -> Self {
        let record = std::rc::Rc::new(std::cell::RefCell::new(Vec::with_capacity(1024)));
        CsvRows {
            scratch: csv_writer(Scratch(record.clone())),
            record,
            guard: true,
        }
    }
}

impl CsvRows {
    /// Rows written with the formula guard (`guard`) or raw.
    pub fn new(guard: CsvGuard) -> Self {
        CsvRows {
            guard: guard == CsvGuard::Formulas,
            ..CsvRows::default()
        }
    }

    /// Appends `row` as one guarded CSV record (with its line end) to `out`.
    pub fn push<R: Serialize>(&mut self, row: &R, out: &mut Vec<u8>) -> anyhow::Result<()> {
        self.scratch.serialize(row)?;
        self.scratch.flush()?;
        let mut record = self.record.borrow_mut();
        if self.guard && may_start_a_formula(&record) {
            let fields: Vec<String> = SPLITTER
                .with(|s| s.borrow_mut().split(&record))?
                .iter()
                .map(|f| guard(f))
                .collect();
            let mut w = csv_writer(&mut *out);
            w.write_record(&fields)?;
            w.flush()?;
        } else {
            out.extend_from_slice(&record);
        }
        record.clear();
        Ok(())
    }
}

/// Whether some field of a serialised record may begin with a formula character: one sits at
/// the start, after a delimiter or after an opening quote. A superset of the real cases (a
/// quote or comma inside a field also counts), so the exact check runs on few rows.
fn may_start_a_formula(record: &[u8]) -> bool {
    record.iter().enumerate().any(|(i, b)| {
        matches!(b, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
            && (i == 0 || matches!(record[i - 1], b',' | b'"'))
    })
}

#[cfg(test)]
fn guarded_fields<R: Serialize>(row: &R) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    CsvRows::default().push(row, &mut out)?;
    FieldSplitter::default().split(&out)
}

/// Splits one serialised CSV record back into its fields, reusing one `csv_core` parser
/// (building a `csv::Reader` per row cost half the run time).
struct FieldSplitter {
    reader: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
}

impl Default for FieldSplitter {
    fn default() -> Self {
        // `csv_core::Reader::default()` has no parser tables; `new()` builds them.
        FieldSplitter {
            reader: csv_core::Reader::new(),
            out: Vec::new(),
            ends: Vec::new(),
        }
    }
}

impl FieldSplitter {
    fn split(&mut self, record: &[u8]) -> anyhow::Result<Vec<String>> {
        self.out.resize(record.len().max(64), 0);
        self.ends.resize(64, 0);
        let (mut input, mut out_len, mut end_len) = (record, 0, 0);
        loop {
            let (result, nin, nout, nend) =
                self.reader
                    .read_record(input, &mut self.out[out_len..], &mut self.ends[end_len..]);
            input = &input[nin..];
            out_len += nout;
            end_len += nend;
            match result {
                csv_core::ReadRecordResult::OutputFull => self.out.resize(self.out.len() * 2, 0),
                csv_core::ReadRecordResult::OutputEndsFull => {
                    self.ends.resize(self.ends.len() * 2, 0)
                }
                csv_core::ReadRecordResult::InputEmpty if input.is_empty() => {
                    // Signal end of input so the last field is closed.
                    let (_, _, nout, nend) = self.reader.read_record(
                        &[],
                        &mut self.out[out_len..],
                        &mut self.ends[end_len..],
                    );
                    out_len += nout;
                    end_len += nend;
                    break;
                }
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::Record | csv_core::ReadRecordResult::End => break,
            }
        }
        self.reader.reset();
        let mut start = 0;
        let mut fields = Vec::with_capacity(end_len);
        for &end in &self.ends[..end_len] {
            fields.push(String::from_utf8_lossy(&self.out[start..end]).into_owned());
            start = end;
        }
        debug_assert!(out_len >= start);
        Ok(fields)
    }
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

/// A list-valued cell: in CSV one text cell joined by its separator (the README names it),
/// in NDJSON a JSON array of strings.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct List {
    items: Vec<String>,
    sep: &'static str,
}

thread_local! {
    /// Set while a row is serialised to NDJSON (see [`as_ndjson`]); `serde` offers no way to
    /// ask which format is being written, and CSV cannot hold an array.
    static LISTS_AS_ARRAYS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with list cells serialised as JSON arrays.
pub(crate) fn as_ndjson<T>(f: impl FnOnce() -> T) -> T {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            LISTS_AS_ARRAYS.set(self.0);
        }
    }
    let _reset = Reset(LISTS_AS_ARRAYS.replace(true));
    f()
}

impl Serialize for List {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if LISTS_AS_ARRAYS.get() {
            self.items.serialize(serializer)
        } else {
            serializer.serialize_str(&self.items.join(self.sep))
        }
    }
}

/// Several values as one list cell, joined by `sep` in CSV.
fn join<'a>(values: impl Iterator<Item = &'a str>, sep: &'static str) -> List {
    List {
        items: values.map(String::from).collect(),
        sep,
    }
}

/// Longest cell of free-text notes: Python's `csv` module refuses fields over 128 KiB.
pub const NOTES_CELL_BYTES: usize = 16 << 10;

/// Notes as a list cell joined with `; `, cut at a note boundary past [`NOTES_CELL_BYTES`],
/// with a count of the notes left out as its last item.
fn join_notes(notes: &[String]) -> List {
    let mut items: Vec<String> = Vec::new();
    let mut len = 0;
    for (i, note) in notes.iter().enumerate() {
        if !items.is_empty() && len + note.len() + 2 > NOTES_CELL_BYTES {
            items.push(format!("… and {} more notes", notes.len() - i));
            break;
        }
        if !items.is_empty() {
            len += 2;
        }
        let room = NOTES_CELL_BYTES.saturating_sub(len);
        let mut end = room.min(note.len());
        while !note.is_char_boundary(end) {
            end -= 1;
        }
        len += end;
        items.push(note[..end].to_string());
    }
    List { items, sep: "; " }
}

#[cfg(test)]
mod tests {
    use super::guard;

    #[test]
    fn notes_cells_are_bounded_at_a_note_boundary() {
        let notes: Vec<String> = (0..50_000)
            .map(|i| format!("duplicate comment id {i}"))
            .collect();
        let cell = super::join_notes(&notes).items.join("; ");
        assert!(cell.len() <= super::NOTES_CELL_BYTES + 40, "{}", cell.len());
        assert!(cell.ends_with(" more notes") && cell.starts_with("duplicate comment id 0; "));
        assert_eq!(
            super::join_notes(&notes[..2]).items.join("; "),
            "duplicate comment id 0; duplicate comment id 1"
        );
        assert!(super::join_notes(&["é".repeat(20_000)]).items[0].len() <= super::NOTES_CELL_BYTES);
    }

    #[test]
    fn rows_split_back_into_their_fields() {
        #[derive(serde::Serialize)]
        struct Row {
            a: &'static str,
            b: Option<u32>,
            c: f64,
            d: &'static str,
        }
        let row = Row {
            a: "x, \"y\"\nz",
            b: None,
            c: -0.25,
            d: "=1+1",
        };
        let fields = super::guarded_fields(&row).unwrap();
        assert_eq!(fields, vec!["x, \"y\"\nz", "", "-0.25", "'=1+1"]);
        let again = super::guarded_fields(&Row {
            a: "",
            b: Some(3),
            c: 1.0,
            d: "",
        })
        .unwrap();
        assert_eq!(again, vec!["", "3", "1.0", ""]);
    }

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
