//! `threadscan analyze PATH… --out DIR`: the batch report.

use std::path::PathBuf;

use anyhow::Context;

use super::{EXIT_OK, EXIT_PARTIAL, LoadArgs};
use crate::input;
use crate::pipeline::{self, RunSummary, error_row};
use crate::progress::Progress;
use crate::report::OutputFormat;
use crate::report::manifest::{Counts, Manifest, RunOptions};
use crate::report::writer::ReportWriter;

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
    /// Directory to write the reports to (created if missing; existing reports are replaced).
    #[arg(long, short, value_name = "DIR")]
    out: PathBuf,
    /// Report format: CSV (spreadsheet-safe) or NDJSON (raw text, numbers as numbers).
    #[arg(long, value_enum, default_value = "csv")]
    format: OutputFormat,
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
    /// Print no warnings and no progress on stderr (failed inputs are still in errors.csv).
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
    let (sources, walk_errors) = input::discover(&paths);
    let progress = Progress::new(input::total_size(&sources), args.quiet);
    let mut writer = ReportWriter::create(&args.out, args.format, args.html)?;
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
            eprintln!(
                "threadscan: warning: {}: {} error: {}",
                super::terminal_safe(&e.source),
                e.stage,
                super::terminal_safe(&e.message)
            );
        }
    }
    finish(&args, writer, &summary, &scorer)?;
    Ok(if summary.errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_PARTIAL
    })
}

/// The run rows, errors, HTML index and run manifest.
fn finish(
    args: &Args,
    writer: ReportWriter,
    summary: &RunSummary,
    scorer: &pipeline::Scorer,
) -> anyhow::Result<()> {
    let model = scorer.insult_model.as_ref();
    let (threads, comments) = writer.written;
    let written = writer.finish(&summary.errors, &crate::score::ruleset_digest(model))?;
    let run_options = RunOptions {
        input_format: args.load.input_format.map(|f| f.name().to_string()),
        encoding: args.load.encoding.clone(),
        max_file_size: args.load.max_file_size,
        format: args.format.extension().to_string(),
        model: args.score.describe(),
        html: args.html,
    };
    let counts = Counts {
        inputs: summary.inputs.len(),
        threads,
        comments,
        errors: summary.errors.len(),
    };
    let manifest = Manifest::new(&run_options, &summary.inputs, model, counts, written);
    let path = args.out.join("run.json");
    std::fs::write(&path, manifest.to_json())
        .with_context(|| format!("cannot write {}", path.display()))
}
