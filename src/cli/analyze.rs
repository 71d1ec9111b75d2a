//! `threadscan analyze PATH… --out DIR`: the batch report.

use std::path::PathBuf;

use anyhow::Context;

use super::{EXIT_OK, EXIT_PARTIAL, LoadArgs};
use crate::input;
use crate::pipeline::{self, RunSummary, error_row};
use crate::progress::Progress;
use crate::report::manifest::{Counts, Manifest, RunOptions};
use crate::report::writer::{ReportWriter, Written};
use crate::report::{CsvGuard, FindingsShown, OutputFormat, ReportOptions};
use crate::score::Flag;

/// Flags of `analyze`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories (walked recursively) to read; `-` reads standard input. Patterns
    /// with `*`, `?` or `[…]` are expanded (sorted) when no such path exists.
    #[arg(value_name = "PATH", required_unless_present = "files_from")]
    paths: Vec<PathBuf>,
    /// Read more paths from FILE, one per line (`-`: standard input).
    #[arg(long, value_name = "FILE")]
    files_from: Option<PathBuf>,
    /// Directory to write the reports to (created if missing). The files an earlier run wrote
    /// there are removed first; nothing else in it is touched.
    #[arg(long, short, value_name = "DIR")]
    out: PathBuf,
    /// Report format: CSV (spreadsheet-safe) or NDJSON (raw text, numbers as numbers).
    #[arg(long, value_enum, default_value = "csv")]
    format: OutputFormat,
    /// CSV cells a spreadsheet would run as formulas get a leading `'` (`formulas`), or are
    /// written raw (`none`, for pandas, R, DuckDB). NDJSON is never guarded.
    #[arg(long, value_enum, value_name = "GUARD", default_value = "formulas")]
    csv_guard: CsvGuard,
    /// Which findings flags.csv keeps: those of flagged comments and the support that kept a
    /// comment unflagged (`flagged`), or every finding, also below threshold (`all`).
    #[arg(long, value_enum, value_name = "WHICH", default_value = "flagged")]
    findings: FindingsShown,
    /// Read every file in the directories given, whatever its name (default: only files
    /// with an input extension; hidden files are never read).
    #[arg(long)]
    include_all: bool,
    /// Also name, on stderr, the files skipped for their extension.
    #[arg(long, short, conflicts_with = "quiet")]
    verbose: bool,
    /// Also write the HTML audit view (index.html and threads/*.html).
    #[arg(long)]
    html: bool,
    /// Worker threads [default: one per core]. Reports are identical for any value.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Memory budget for buffered dump lines; beyond it they spill to temporary files.
    /// Suffixes K, M, G. Reports are identical for any value.
    #[arg(long, value_name = "SIZE", default_value = "1G", value_parser = super::parse_size)]
    mem: u64,
    /// Print no warnings, no progress and no summary on stderr (failed inputs are still in
    /// errors.csv).
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    load: LoadArgs,
    #[command(flatten)]
    score: super::ScoreArgs,
}

/// Runs the batch and writes the reports; exit 1 when some inputs failed.
///
/// A path that does not exist is an input that failed (an error row), not a usage error:
/// in a long batch the other inputs still deserve their report.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let started = std::time::Instant::now();
    let options = args.load.options()?;
    let scorer = args.score.scorer()?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.map_or(0, usize::from))
        .build()
        .context("cannot start worker threads")?;
    let mut paths = args.paths.clone();
    if let Some(list) = &args.files_from {
        paths.extend(
            input::read_path_list(list)
                .with_context(|| format!("--files-from {}", list.display()))?,
        );
    }
    let found = input::discover_with(&paths, args.include_all);
    let (sources, walk_errors) = (found.sources, found.errors);
    if args.verbose {
        for path in &found.skipped {
            eprintln!(
                "threadscan: skipped (not an input extension): {}",
                super::terminal_safe(&path.display().to_string())
            );
        }
    }
    let progress = Progress::new(input::total_size(&sources), args.quiet);
    let report_options = ReportOptions {
        format: args.format,
        csv_guard: args.csv_guard,
        findings: args.findings,
        html: args.html,
    };
    let mut writer = ReportWriter::create(&args.out, report_options)?;
    let mem = usize::try_from(args.mem).unwrap_or(usize::MAX);
    let mut summary = pool
        .install(|| pipeline::run_into(&sources, &options, &scorer, mem, &progress, &mut writer))?;
    progress.finish();
    summary
        .errors
        .extend(walk_errors.into_iter().map(|w| error_row(w.path, &w.error)));
    summary.errors.sort();
    if !args.quiet {
        for e in &summary.errors {
            let (level, what) = if e.stage == pipeline::DUPLICATE_STAGE {
                ("note", "duplicate input".to_string())
            } else {
                ("warning", format!("{} error", e.stage))
            };
            eprintln!(
                "threadscan: {level}: {}: {what}: {}",
                super::terminal_safe(&e.source),
                super::terminal_safe(&e.message)
            );
        }
    }
    let written = finish(&args, writer, &summary, &scorer)?;
    let tally = Tally::of(&summary, found.skipped.len());
    if !args.quiet {
        eprintln!("{}", tally.line(&written, started.elapsed()));
    }
    if written.threads == 0 {
        eprintln!("threadscan: {}", tally.nothing_read(args.include_all));
        return Ok(EXIT_PARTIAL);
    }
    // A duplicate input is a note, not a failure: its content was read and reported.
    Ok(
        if summary
            .errors
            .iter()
            .all(|e| e.stage == pipeline::DUPLICATE_STAGE)
        {
            EXIT_OK
        } else {
            EXIT_PARTIAL
        },
    )
}

/// The inputs of a run, as its summary line counts them.
struct Tally {
    /// Inputs opened.
    inputs: usize,
    /// Distinct inputs with an error row (failed whole, or in part).
    failed: usize,
    /// Files left out for their extension.
    skipped: usize,
    /// Inputs whose bytes equal an earlier input's (same SHA-256).
    duplicates: usize,
}

impl Tally {
    fn of(summary: &RunSummary, skipped: usize) -> Self {
        let mut seen = std::collections::HashSet::new();
        let duplicates = summary
            .inputs
            .iter()
            .filter(|i| !seen.insert(i.sha256.as_str()))
            .count();
        let failed: std::collections::BTreeSet<&str> = summary
            .errors
            .iter()
            .filter(|e| e.stage != pipeline::DUPLICATE_STAGE)
            .map(|e| e.source.as_str())
            .collect();
        Tally {
            inputs: summary.inputs.len().max(failed.len()),
            failed: failed.len(),
            skipped,
            duplicates,
        }
    }

    /// `threadscan: 5 inputs read (1 with errors), 2 skipped, 0 duplicates; 5 threads,
    /// 12 comments; flagged: 1 insult, 0 spam, 3 unsupported, 0 page spam; 0.4 s`.
    fn line(&self, w: &Written, elapsed: std::time::Duration) -> String {
        let flagged: Vec<String> = Flag::ALL
            .iter()
            .zip(w.flagged)
            .map(|(f, n)| format!("{n} {}", f.name()))
            .collect();
        format!(
            "threadscan: {} read ({} with errors), {} skipped, {}; {}, {}; flagged: {}, {} page spam; {:.1} s",
            plural(self.inputs, "input"),
            self.failed,
            self.skipped,
            plural(self.duplicates, "duplicate"),
            plural(w.threads, "thread"),
            plural(w.comments, "comment"),
            flagged.join(", "),
            w.page_spam,
            elapsed.as_secs_f64()
        )
    }

    fn nothing_read(&self, include_all: bool) -> String {
        let mut why = String::from("error: no thread was read from the inputs given");
        if self.skipped > 0 && !include_all {
            why.push_str(&format!(
                ": {} files were skipped for their extension (--verbose names them, --include-all reads them)",
                self.skipped
            ));
        } else if self.failed > 0 {
            why.push_str(": every input failed (see errors.csv)");
        } else {
            why.push_str(": the paths given hold no files");
        }
        why
    }
}

/// The run rows, errors, HTML index and run manifest.
fn finish(
    args: &Args,
    writer: ReportWriter,
    summary: &RunSummary,
    scorer: &pipeline::Scorer,
) -> anyhow::Result<Written> {
    let models = scorer.models();
    let totals = writer.written;
    let written = writer.finish(&summary.errors, &scorer.digest())?;
    let run_options = RunOptions {
        input_format: args.load.input_format.map(|f| f.name().to_string()),
        encoding: args.load.encoding.clone(),
        max_file_size: args.load.max_file_size,
        format: args.format.extension().to_string(),
        csv_guard: args.csv_guard,
        findings: args.findings,
        model: args.score.describe(),
        html: args.html,
        include_all: args.include_all,
    };
    let counts = Counts {
        inputs: summary.inputs.len(),
        threads: totals.threads,
        comments: totals.comments,
        errors: summary.errors.len(),
    };
    let manifest = Manifest::new(
        &run_options,
        &summary.inputs,
        scorer,
        &models,
        counts,
        written,
    );
    let path = args.out.join("run.json");
    std::fs::write(&path, manifest.to_json())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(totals)
}

/// `1 input`, `2 inputs`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
