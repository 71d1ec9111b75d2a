//! `run.json`: what a citable run needs to be reproduced — the threadscan version, the digest
//! of the rule set (rules, lexicons, thresholds, model weights), the options, and every input
//! with its size and checksum. It holds no time stamps, so the same inputs and version give
//! the same bytes.

use serde::Serialize;

use crate::pipeline::InputRecord;
use crate::score::config::Config;
use crate::score::learned::Model;
use crate::score::{Flag, Scorer, rules};

/// The manifest.
#[derive(Debug, Serialize)]
pub struct Manifest<'a> {
    tool: &'static str,
    version: &'static str,
    ruleset_sha256: String,
    rules: Vec<&'static str>,
    models: Vec<ModelEntry>,
    thresholds: Thresholds,
    config: &'a Config,
    options: &'a RunOptions,
    inputs: &'a [InputRecord],
    counts: Counts,
    reports: Vec<String>,
}

/// The options that change what a run reports.
#[derive(Debug, Clone, Serialize)]
pub struct RunOptions {
    /// `--input-format`, if forced.
    pub input_format: Option<String>,
    /// `--encoding`, if forced.
    pub encoding: Option<String>,
    /// `--max-file-size` in bytes.
    pub max_file_size: u64,
    /// `--format`.
    pub format: String,
    /// `--csv-guard`.
    pub csv_guard: super::CsvGuard,
    /// `--findings`.
    pub findings: super::FindingsShown,
    /// `shipped`, `none` (`--no-model`) or the `--model` file's name.
    pub model: String,
    /// Whether the HTML audit view was written.
    pub html: bool,
    /// `--include-all`.
    pub include_all: bool,
}

#[derive(Debug, Serialize)]
struct ModelEntry {
    flag: String,
    sha256: String,
    trained_on: String,
    cut: f32,
}

#[derive(Debug, Serialize)]
struct Thresholds {
    insult: f32,
    spam: f32,
    unsupported: f32,
    /// Checkability at which a sentence is a claim (`claims::CLAIM_CUT`).
    assertion_stage: f32,
    campaign_min_comments: usize,
}

/// Totals of the run.
#[derive(Debug, Serialize)]
pub struct Counts {
    /// Inputs read.
    pub inputs: usize,
    /// Threads reported.
    pub threads: usize,
    /// Comments reported.
    pub comments: usize,
    /// Error rows.
    pub errors: usize,
}

impl<'a> Manifest<'a> {
    /// The manifest of a run.
    pub fn new(
        options: &'a RunOptions,
        inputs: &'a [InputRecord],
        scorer: &'a Scorer,
        models: &[&Model],
        counts: Counts,
        reports: Vec<String>,
    ) -> Self {
        let mut codes: Vec<&'static str> = rules::REGISTRY.iter().map(|r| r.code).collect();
        codes.extend(rules::page::RULES.iter().map(|r| r.code));
        Manifest {
            tool: "threadscan",
            version: env!("CARGO_PKG_VERSION"),
            ruleset_sha256: scorer.digest(),
            rules: codes
                .into_iter()
                .filter(|c| scorer.config.enabled(c))
                .collect(),
            models: models
                .iter()
                .map(|m| ModelEntry {
                    flag: m.flag.name().into(),
                    sha256: m.digest(),
                    trained_on: m.info.trained_on.clone(),
                    cut: m.info.cut,
                })
                .collect(),
            thresholds: Thresholds {
                insult: scorer.config.threshold(Flag::Insult),
                spam: scorer.config.threshold(Flag::Spam),
                unsupported: scorer.config.threshold(Flag::Unsupported),
                assertion_stage: crate::eval::ASSERTION_THRESHOLD,
                campaign_min_comments: rules::spam::CAMPAIGN_MIN,
            },
            config: &scorer.config,
            options,
            inputs,
            counts,
            reports,
        }
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}
