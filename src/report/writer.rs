//! Reports written as threads come: a run holds at most one batch of threads in memory.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use rayon::prelude::*;
use serde::Serialize;

use super::authors::{self, RunTotals};
use super::html::HtmlWriter;
use super::{CsvRows, ErrorRow, OutputFormat, comments, csv_writer, flags, header, links, threads};
use crate::model::Thread;
use crate::score::ThreadScore;

/// One report file.
struct Report {
    path: std::path::PathBuf,
    file: BufWriter<File>,
    format: OutputFormat,
}

impl Report {
    fn create<R: Serialize + Default>(
        dir: &Path,
        name: &str,
        format: OutputFormat,
    ) -> anyhow::Result<Self> {
        let path = dir.join(format!("{name}.{}", format.extension()));
        let file = BufWriter::new(
            File::create(&path).with_context(|| format!("cannot create {}", path.display()))?,
        );
        let mut report = Report { path, file, format };
        if format == OutputFormat::Csv {
            let mut head = Vec::new();
            let mut w = csv_writer(&mut head);
            w.write_record(header::<R>())?;
            w.flush()?;
            drop(w);
            report.bytes(&head)?;
        }
        Ok(report)
    }

    /// Appends already rendered rows (see [`render`]).
    fn bytes(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        self.file
            .write_all(bytes)
            .with_context(|| format!("cannot write {}", self.path.display()))
    }

    fn row(&mut self, row: &impl Serialize) -> anyhow::Result<()> {
        let bytes = render(std::iter::once(row), self.format)?;
        self.bytes(&bytes)
    }

    fn finish(mut self) -> anyhow::Result<()> {
        self.file
            .flush()
            .with_context(|| format!("cannot write {}", self.path.display()))
    }
}

/// One thread's rows, rendered to bytes.
struct Rendered {
    thread: Vec<u8>,
    comments: Vec<u8>,
    flags: Vec<u8>,
    authors: Vec<u8>,
    links: Vec<u8>,
    author_rows: Vec<authors::AuthorRow>,
}

impl Rendered {
    fn of(thread: &Thread, score: &ThreadScore, format: OutputFormat) -> anyhow::Result<Self> {
        let author_rows = authors::thread_rows(thread, score);
        Ok(Rendered {
            thread: render(std::iter::once(threads::row(thread, score)), format)?,
            comments: render(comments::rows(thread, score), format)?,
            flags: render(flags::rows(thread, score), format)?,
            authors: render(author_rows.iter(), format)?,
            links: render(links::rows(thread), format)?,
            author_rows,
        })
    }
}

/// Rows as the report file would hold them (CSV guarded, or NDJSON), without header.
fn render<R: Serialize>(
    rows: impl Iterator<Item = R>,
    format: OutputFormat,
) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    match format {
        OutputFormat::Csv => {
            let mut csv = CsvRows::default();
            for row in rows {
                csv.push(&row, &mut out)?;
            }
        }
        OutputFormat::Ndjson => {
            for row in rows {
                serde_json::to_writer(&mut out, &row)?;
                out.push(b'\n');
            }
        }
    }
    Ok(out)
}

/// Every report of a run, open for writing.
pub struct ReportWriter {
    threads: Report,
    comments: Report,
    flags: Report,
    authors: Report,
    page_links: Report,
    errors: Report,
    totals: RunTotals,
    html: Option<HtmlWriter>,
    format: OutputFormat,
    /// Threads and comments written so far.
    pub written: (usize, usize),
}

impl ReportWriter {
    /// Creates `dir` and every report file (headers written), and the HTML view's folder.
    pub fn create(dir: &Path, format: OutputFormat, html: bool) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create output directory {}", dir.display()))?;
        Ok(ReportWriter {
            threads: Report::create::<threads::ThreadRow>(dir, "threads", format)?,
            comments: Report::create::<comments::CommentRow>(dir, "comments", format)?,
            flags: Report::create::<flags::FlagRow>(dir, "flags", format)?,
            authors: Report::create::<authors::AuthorRow>(dir, "authors", format)?,
            page_links: Report::create::<links::PageLinkRow>(dir, "page_links", format)?,
            errors: Report::create::<ErrorRow>(dir, "errors", format)?,
            totals: RunTotals::default(),
            html: if html {
                Some(HtmlWriter::create(dir)?)
            } else {
                None
            },
            format,
            written: (0, 0),
        })
    }

    /// Writes a batch of threads (in report order) with their scores. Rows are rendered in
    /// parallel, one thread per task, and written in order.
    pub fn write(&mut self, threads: &[Thread], scores: &[ThreadScore]) -> anyhow::Result<()> {
        let format = self.format;
        let rendered: Vec<anyhow::Result<Rendered>> = threads
            .par_iter()
            .zip(scores.par_iter())
            .map(|(t, s)| Rendered::of(t, s, format))
            .collect();
        for (i, r) in rendered.into_iter().enumerate() {
            let r = r?;
            self.threads.bytes(&r.thread)?;
            self.comments.bytes(&r.comments)?;
            self.flags.bytes(&r.flags)?;
            self.authors.bytes(&r.authors)?;
            self.page_links.bytes(&r.links)?;
            for row in &r.author_rows {
                self.totals.add(row);
            }
            if let Some(html) = &mut self.html {
                html.add(&threads[i], &scores[i])?;
            }
            self.written.0 += 1;
            self.written.1 += threads[i].comments.len();
        }
        Ok(())
    }

    /// Writes the run rows, the errors and the HTML index; returns the files written.
    pub fn finish(mut self, errors: &[ErrorRow], ruleset: &str) -> anyhow::Result<Vec<String>> {
        for row in std::mem::take(&mut self.totals).into_rows() {
            self.authors.row(&row)?;
        }
        for row in errors {
            self.errors.row(row)?;
        }
        for report in [
            self.threads,
            self.comments,
            self.flags,
            self.authors,
            self.page_links,
            self.errors,
        ] {
            report.finish()?;
        }
        let mut files = super::report_files(self.format);
        if let Some(html) = self.html {
            html.finish(errors, ruleset)?;
            files.push("index.html".into());
        }
        Ok(files)
    }
}
