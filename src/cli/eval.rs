//! `threadscan eval --data DIR`: precision, recall, F1 and ROC AUC on the labelled sets.

use std::io::{self, Write};
use std::path::PathBuf;

use rayon::prelude::*;

use super::{EXIT_OK, ScoreArgs};
use crate::eval::{ASSERTION_THRESHOLD, Dataset, Metrics, Stage, load_all, measured, metrics};
use crate::score::THRESHOLD;
use crate::score::learned::Model;

/// Flags of `eval`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder of labelled sets (`../shared/eval` in the project's layout).
    #[arg(long, value_name = "DIR", default_value = "../shared/eval")]
    data: PathBuf,
    /// Also train a model on each set's own training split and measure it on its test split.
    #[arg(long)]
    own_splits: bool,
    #[command(flatten)]
    score: ScoreArgs,
}

/// Measures every readable set and prints a Markdown table.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let scorer = args.score.scorer()?;
    let shipped = scorer.models();
    let (sets, notes) = load_all(&args.data);
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "| set | flag | scorer | n | positives | flagged | precision | recall | F1 | ROC AUC |"
    )?;
    writeln!(out, "|---|---|---|---:|---:|---:|---:|---:|---:|---:|")?;
    for set in &sets {
        let model = shipped.iter().copied().find(|m| m.flag == set.flag);
        let label = if model.is_some() {
            "rules + shipped model"
        } else {
            "rules"
        };
        let models: Vec<&Model> = model.into_iter().collect();
        row(&mut out, set, label, &measure(set, &models))?;
        if model.is_some() {
            row(&mut out, set, "rules only", &measure(set, &[]))?;
        }
        if args.own_splits && !set.train.is_empty() {
            let own = crate::eval::train_calibrated(
                set.flag,
                &set.train,
                crate::score::learned::TRAINING,
                set.name,
            );
            row(
                &mut out,
                set,
                "rules + own-split model",
                &measure(set, &[&own]),
            )?;
        }
    }
    for note in notes {
        writeln!(out, "\n{note}")?;
    }
    Ok(EXIT_OK)
}

fn measure(set: &Dataset, models: &[&Model]) -> Metrics {
    let scored: Vec<(f32, bool)> = set
        .test
        .par_iter()
        .map(|(text, y)| (measured(set, text, models), *y))
        .collect();
    let threshold = if set.stage == Stage::Assertion {
        ASSERTION_THRESHOLD
    } else {
        THRESHOLD
    };
    metrics(&scored, threshold)
}

fn row(out: &mut impl Write, set: &Dataset, scorer: &str, m: &Metrics) -> io::Result<()> {
    writeln!(
        out,
        "| {} | {} | {} | {} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
        set.name,
        set.flag.name(),
        scorer,
        m.n,
        m.positives,
        m.flagged,
        m.precision,
        m.recall,
        m.f1,
        m.auc
    )
}
