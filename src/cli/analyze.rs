//! `threadscan analyze PATH… --out DIR`: the batch report.

use std::path::PathBuf;

use anyhow::Context;

use super::{EXIT_OK, EXIT_PARTIAL, LoadArgs};
use crate::input;
use crate::pipeline::{self, error_row};
use crate::report;

/// Flags of `analyze`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories (walked recursively) to read; `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Directory to write the reports to (created if missing; existing reports are replaced).
    #[arg(long, short, value_name = "DIR")]
    out: PathBuf,
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
    report::write_reports(&args.out, &batch.threads, &batch.scores, &batch.errors)?;
    Ok(if batch.errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_PARTIAL
    })
}
