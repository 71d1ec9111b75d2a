//! Reports written as threads come: a run holds at most one batch of threads in memory.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use serde::Serialize;

use super::authors::{self, RunTotals};
use super::html::HtmlWriter;
use super::{
    ErrorRow, OutputFormat, comments, csv_writer, flags, guarded_fields, header, links, threads,
};
use crate::model::Thread;
use crate::score::ThreadScore;

/// One report file.
enum Sink {
    Csv(Box<csv::Writer<BufWriter<File>>>),
    Ndjson(BufWriter<File>),
}

struct Report {
    path: std::path::PathBuf,
    sink: Sink,
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
        let sink = match format {
            OutputFormat::Csv => {
                let mut w = csv_writer(file);
                w.write_record(header::<R>())
                    .with_context(|| format!("cannot write {}", path.display()))?;
                Sink::Csv(Box::new(w))
            }
            OutputFormat::Ndjson => Sink::Ndjson(file),
        };
        Ok(Report { path, sink })
    }

    fn row(&mut self, row: &impl Serialize) -> anyhow::Result<()> {
        let result = match &mut self.sink {
            Sink::Csv(w) => guarded_fields(row).and_then(|fields| Ok(w.write_record(fields)?)),
            Sink::Ndjson(w) => serde_json::to_writer(&mut *w, row)
                .map_err(anyhow::Error::from)
                .and_then(|()| Ok(w.write_all(b"\n")?)),
        };
        result.with_context(|| format!("cannot write {}", self.path.display()))
    }

    fn finish(self) -> anyhow::Result<()> {
        let result = match self.sink {
            Sink::Csv(mut w) => w.flush(),
            Sink::Ndjson(mut w) => w.flush(),
        };
        result.with_context(|| format!("cannot write {}", self.path.display()))
    }
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

    /// Writes a batch of threads (in report order) with their scores.
    pub fn write(&mut self, threads: &[Thread], scores: &[ThreadScore]) -> anyhow::Result<()> {
        for (thread, score) in threads.iter().zip(scores) {
            self.threads.row(&threads::row(thread, score))?;
            for row in comments::rows(thread, score) {
                self.comments.row(&row)?;
            }
            for row in flags::rows(thread, score) {
                self.flags.row(&row)?;
            }
            for row in authors::thread_rows(thread, score) {
                self.totals.add(&row);
                self.authors.row(&row)?;
            }
            for row in links::rows(thread) {
                self.page_links.row(&row)?;
            }
            if let Some(html) = &mut self.html {
                html.add(thread, score)?;
            }
            self.written.0 += 1;
            self.written.1 += thread.comments.len();
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
