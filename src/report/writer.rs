//! Reports written as threads come: a run holds at most one batch of threads in memory.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use rayon::prelude::*;
use serde::Serialize;

use super::authors::{self, RunTotals};
use super::html::HtmlWriter;
use super::{
    CsvRows, ErrorRow, OutputFormat, ReportOptions, comments, csv_writer, flags, header, links,
    threads,
};
use crate::model::Thread;
use crate::score::ThreadScore;

/// One report file.
struct Report {
    path: std::path::PathBuf,
    file: BufWriter<File>,
    options: ReportOptions,
}

impl Report {
    fn create<R: Serialize + Default>(
        dir: &Path,
        name: &str,
        options: ReportOptions,
    ) -> anyhow::Result<Self> {
        let format = options.format;
        let path = dir.join(format!("{name}.{}", format.extension()));
        let file = BufWriter::new(
            File::create(&path).with_context(|| format!("cannot create {}", path.display()))?,
        );
        let mut report = Report {
            path,
            file,
            options,
        };
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
        let bytes = render(std::iter::once(row), self.options)?;
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
    fn of(thread: &Thread, score: &ThreadScore, options: ReportOptions) -> anyhow::Result<Self> {
        let author_rows = authors::thread_rows(thread, score);
        Ok(Rendered {
            thread: render(std::iter::once(threads::row(thread, score)), options)?,
            comments: render(comments::rows(thread, score), options)?,
            flags: render(flags::rows(thread, score, options.findings), options)?,
            authors: render(author_rows.iter(), options)?,
            links: render(links::rows(thread), options)?,
            author_rows,
        })
    }
}

/// Rows as the report file would hold them (CSV guarded, or NDJSON), without header.
fn render<R: Serialize>(
    rows: impl Iterator<Item = R>,
    options: ReportOptions,
) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    match options.format {
        OutputFormat::Csv => {
            let mut csv = CsvRows::new(options.csv_guard);
            for row in rows {
                csv.push(&row, &mut out)?;
            }
        }
        OutputFormat::Ndjson => super::as_ndjson(|| -> anyhow::Result<()> {
            for row in rows {
                serde_json::to_writer(&mut out, &row)?;
                out.push(b'\n');
            }
            Ok(())
        })?,
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
    options: ReportOptions,
    dir: std::path::PathBuf,
    /// What was written so far.
    pub written: Written,
}

/// Totals of the rows a run wrote, for its summary line and manifest.
#[derive(Clone, Copy, Debug, Default)]
pub struct Written {
    /// Threads.
    pub threads: usize,
    /// Comments.
    pub comments: usize,
    /// Comments flagged, per flag in [`crate::score::Flag::ALL`] order.
    pub flagged: [usize; 3],
    /// Page-level spam findings.
    pub page_spam: usize,
}

impl ReportWriter {
    /// Creates `dir`, removes the files an earlier run wrote there (see
    /// [`super::remove_earlier_output`]), and creates every report file (headers written) and
    /// the HTML view's folder.
    pub fn create(dir: &Path, options: ReportOptions) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create output directory {}", dir.display()))?;
        super::remove_earlier_output(dir)?;
        Ok(ReportWriter {
            threads: Report::create::<threads::ThreadRow>(dir, "threads", options)?,
            comments: Report::create::<comments::CommentRow>(dir, "comments", options)?,
            flags: Report::create::<flags::FlagRow>(dir, "flags", options)?,
            authors: Report::create::<authors::AuthorRow>(dir, "authors", options)?,
            page_links: Report::create::<links::PageLinkRow>(dir, "page_links", options)?,
            errors: Report::create::<ErrorRow>(dir, "errors", options)?,
            totals: RunTotals::default(),
            html: if options.html {
                Some(HtmlWriter::create(dir)?)
            } else {
                None
            },
            options,
            dir: dir.to_path_buf(),
            written: Written::default(),
        })
    }

    /// Writes a batch of threads (in report order) with their scores. Rows are rendered in
    /// parallel, one thread per task, and written in order.
    pub fn write(&mut self, threads: &[Thread], scores: &[ThreadScore]) -> anyhow::Result<()> {
        let options = self.options;
        let rendered: Vec<anyhow::Result<Rendered>> = threads
            .par_iter()
            .zip(scores.par_iter())
            .map(|(t, s)| Rendered::of(t, s, options))
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
            self.written.threads += 1;
            self.written.comments += threads[i].comments.len();
            self.written.page_spam += scores[i].page.len();
            for c in &scores[i].comments {
                for (n, flag) in self.written.flagged.iter_mut().zip(crate::score::Flag::ALL) {
                    *n += usize::from(c.flagged(flag));
                }
            }
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
        let mut files = super::report_files(self.options.format);
        let package = self.dir.join("datapackage.json");
        std::fs::write(&package, super::datapackage::to_json(self.options.format))
            .with_context(|| format!("cannot write {}", package.display()))?;
        files.push("datapackage.json".into());
        if let Some(html) = self.html {
            html.finish(errors, ruleset)?;
            files.push("index.html".into());
        }
        Ok(files)
    }
}
