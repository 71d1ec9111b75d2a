//! `threadscan analyze PATH… --out DIR`: the batch report.

use std::path::PathBuf;

use anyhow::Context;

use super::{EXIT_OK, EXIT_PARTIAL, LoadArgs};
use crate::input;
use crate::pipeline::{self, Batch, error_row};
use crate::report::manifest::{Counts, Manifest, RunOptions};
use crate::report::{self, OutputFormat, ReportData};

/// Flags of `analyze`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories (walked recursively) to read; `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
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
    /// Print no warnings on stderr (failed inputs are still listed in errors.csv).
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
    let (sources, walk_errors) = input::discover(&args.paths);
    let mut batch = pool.install(|| pipeline::run(&sources, &options, &scorer));
    batch
        .errors
        .extend(walk_errors.into_iter().map(|w| error_row(w.path, &w.error)));
    batch.errors.sort();
    if !args.quiet {
        for e in &batch.errors {
            eprintln!(
                "threadscan: warning: {}: {} error: {}",
                e.source, e.stage, e.message
            );
        }
    }
    write_all(&args, &batch, &scorer)?;
    Ok(if batch.errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_PARTIAL
    })
}

/// Reports, the optional HTML view, and the run manifest.
fn write_all(args: &Args, batch: &Batch, scorer: &pipeline::Scorer) -> anyhow::Result<()> {
    let data = ReportData {
        threads: &batch.threads,
        scores: &batch.scores,
        errors: &batch.errors,
    };
    let model = scorer.insult_model.as_ref();
    let mut written = report::write_reports(&args.out, &data, args.format)?;
    if args.html {
        report::html::write(&args.out, &data, &crate::score::ruleset_digest(model))?;
        written.push("index.html".into());
    }
    let run_options = RunOptions {
        input_format: args.load.input_format.map(|f| f.name().to_string()),
        encoding: args.load.encoding.clone(),
        max_file_size: args.load.max_file_size,
        format: args.format.extension().to_string(),
        model: args.score.describe(),
        html: args.html,
    };
    let counts = Counts {
        inputs: batch.inputs.len(),
        threads: batch.threads.len(),
        comments: batch.threads.iter().map(|t| t.comments.len()).sum(),
        errors: batch.errors.len(),
    };
    let manifest = Manifest::new(&run_options, &batch.inputs, model, counts, written);
    let path = args.out.join("run.json");
    std::fs::write(&path, manifest.to_json())
        .with_context(|| format!("cannot write {}", path.display()))
}
