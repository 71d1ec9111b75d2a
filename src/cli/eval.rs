//! `threadscan eval --data DIR`: precision, recall, F1 and ROC AUC on the labelled sets.

use std::io::{self, Write};
use std::path::PathBuf;

use rayon::prelude::*;

use super::{EXIT_OK, ScoreArgs};
use crate::eval::{
    ASSERTION_THRESHOLD, Dataset, Metrics, SpanSplit, Stage, load_all, measured, metrics,
    toxic_spans_f1,
};
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
    let train = args
        .data
        .parent()
        .map(|p| p.join("train"))
        .unwrap_or_default();
    if let Ok(with_model) = toxic_spans_f1(&train, SpanSplit::Test, &shipped) {
        let rules = toxic_spans_f1(&train, SpanSplit::Test, &[])?;
        writeln!(
            out,
            "\nToxic Spans SemEval test ({} comments), span F1 (the task's measure): every insult finding, rules + shipped model {:.3}, rules only {:.3}; findings of comments flagged insult only (flags.csv by default), rules + shipped model {:.3}",
            with_model.comments,
            with_model.all_findings,
            rules.all_findings,
            with_model.flagged_only
        )?;
    }
    if let Ok(tables) = crate::eval::target_tables(&args.data, &train, &shipped) {
        writeln!(
            out,
            "\nWhom flagged insults are aimed at (`insult_target`), by annotated target:\n\n| set | annotated target | comments | flagged insult | participant | group | third-party | empty |\n|---|---|---:|---:|---:|---:|---:|---:|"
        )?;
        for (set, table) in tables {
            for (gold, placed, n) in table.rows {
                let flagged: usize = placed.iter().sum();
                let share = |k: usize| placed[k] as f64 / flagged.max(1) as f64;
                writeln!(
                    out,
                    "| {set} | {gold} | {n} | {flagged} | {:.3} | {:.3} | {:.3} | {:.3} |",
                    share(0),
                    share(1),
                    share(2),
                    share(3)
                )?;
            }
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
