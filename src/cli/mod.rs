//! The command line: flags → a checked configuration → a subcommand's `run`.
//!
//! One module per subcommand, each with `Args` and `run`. Raw flags are checked before any
//! work starts, so a bad flag fails at once with a message naming it (exit 2).

mod analyze;
mod check_trees;
mod eval;
mod rules;
mod show;
mod train;

use std::io;
use std::process::ExitCode;

use anyhow::Context;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::model::Format;
use crate::parse::ParseOptions;
use crate::pipeline::LoadOptions;

/// Exit code when every input was read.
pub const EXIT_OK: u8 = 0;
/// Exit code when some inputs failed (they are in errors.csv); the rest was reported.
pub const EXIT_PARTIAL: u8 = 1;
/// Exit code for a usage error, or when nothing could be done (e.g. output not writable).
pub const EXIT_USAGE: u8 = 2;

/// Audit reader-comment threads: rebuild reply trees and write per-thread CSV reports.
#[derive(Debug, Parser)]
#[command(name = "threadscan", about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse pages and exports, score every comment, write the reports (threads, comments,
    /// flags, authors, page_links, errors), run.json and datapackage.json.
    Analyze(analyze::Args),
    /// Print one input's reply trees in the terminal.
    Show(show::Args),
    /// List the scoring rules with their codes.
    Rules,
    /// Print a rule's documentation: what it finds, why, examples.
    Explain(rules::ExplainArgs),
    /// Measure the scorer on labelled data (precision, recall, F1, ROC AUC).
    Eval(eval::Args),
    /// Train a learned layer (hashed n-gram logistic regression) from labelled data.
    Train(train::Args),
    /// Measure the comment finder against gold reply trees (counts, parents, authors, text).
    CheckTrees(check_trees::Args),
}

/// Flags shared by every subcommand that reads inputs.
#[derive(Debug, clap::Args)]
pub(crate) struct LoadArgs {
    /// Parse every input as this format instead of detecting it.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub(crate) input_format: Option<Format>,
    /// Decode inputs with this encoding (a WHATWG label: latin1, windows-1251, shift_jis, …)
    /// instead of BOM, UTF-8 or the page's declared charset.
    #[arg(long, value_name = "LABEL")]
    pub(crate) encoding: Option<String>,
    /// Largest input read whole; larger ones become error rows. Suffixes K, M, G (powers of 1024).
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = parse_size)]
    pub(crate) max_file_size: u64,
    /// Longest line of an NDJSON dump; longer lines are skipped and counted in errors.csv.
    /// Suffixes K, M, G. Each reader holds at most a few lines of this size.
    #[arg(long, value_name = "SIZE", default_value = "4M", value_parser = parse_size)]
    pub(crate) max_line_size: u64,
}

impl LoadArgs {
    /// The checked options; an unknown encoding label is a usage error naming the flag.
    fn options(&self) -> anyhow::Result<LoadOptions> {
        let encoding = match &self.encoding {
            Some(label) => Some(
                encoding_rs::Encoding::for_label(label.as_bytes())
                    .with_context(|| format!("--encoding: unknown encoding label {label:?}"))?,
            ),
            None => None,
        };
        Ok(LoadOptions {
            parse: ParseOptions {
                format: self.input_format,
            },
            encoding,
            max_file_size: self.max_file_size,
            max_line_size: self.max_line_size,
        })
    }
}

/// Flags that choose the learned layer.
#[derive(Debug, clap::Args)]
pub(crate) struct ScoreArgs {
    /// Score with this weights file (from `threadscan train`) instead of the shipped model of
    /// its flag; repeat for several flags.
    #[arg(long, value_name = "FILE", conflicts_with = "no_model")]
    model: Vec<std::path::PathBuf>,
    /// Rules only: no learned model.
    #[arg(long)]
    no_model: bool,
    /// Read the configuration from FILE [default: ./threadscan.toml when it exists].
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<std::path::PathBuf>,
    /// Ignore ./threadscan.toml: threadscan's defaults and the flags given here only.
    #[arg(long)]
    no_config: bool,
    /// Run only these rules: codes or prefixes, comma-separated (`INS,SPM003`; `ALL`).
    /// Replaces the configuration file's `select`.
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    select: Option<Vec<String>>,
    /// Do not run these rules (codes or prefixes, comma-separated); added to the file's `ignore`.
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    ignore: Vec<String>,
    /// A flag's threshold, `FLAG=VALUE` (`insult=0.6`); repeat or comma-separate for several.
    #[arg(long, value_name = "FLAG=VALUE")]
    threshold: Vec<String>,
    /// Comment languages: `auto` (identify each; insults and unsupported assertions are scored
    /// in English, the lists' language), `all` (identify, score every language as English),
    /// or a code (`en`, `de`): every comment is in it, none is identified.
    #[arg(long, value_name = "MODE")]
    lang: Option<String>,
}

/// The configuration file a run reads: `--config`, or `threadscan.toml` in the working
/// directory unless `--no-config`.
const CONFIG_FILE: &str = "threadscan.toml";

impl ScoreArgs {
    /// How the run manifest names the model choice.
    fn describe(&self) -> String {
        if self.no_model {
            return "none".into();
        }
        if self.model.is_empty() {
            return "shipped".into();
        }
        let files: Vec<String> = self
            .model
            .iter()
            .map(|p| {
                p.file_name()
                    .map_or("custom".into(), |n| n.to_string_lossy().into_owned())
            })
            .collect();
        files.join(",")
    }

    /// The effective configuration; a bad file, key or value is a usage error naming it.
    fn config(&self) -> anyhow::Result<crate::score::config::Config> {
        use crate::score::config::{Config, ConfigFile, Overrides};
        let path = match (&self.config, self.no_config) {
            (Some(path), _) => Some(path.clone()),
            (None, false) => Some(std::path::PathBuf::from(CONFIG_FILE)).filter(|p| p.is_file()),
            (None, true) => None,
        };
        let file = match path {
            Some(path) => {
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("--config: cannot read {}", path.display()))?;
                let name = path.display().to_string();
                Some((ConfigFile::parse(&text, &name)?, name))
            }
            None => None,
        };
        let overrides = Overrides {
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            thresholds: self.threshold.clone(),
            lang: self.lang.clone(),
        };
        Ok(Config::build(file, &overrides)?)
    }

    fn scorer(&self) -> anyhow::Result<crate::pipeline::Scorer> {
        use crate::score::learned::{Model, shipped_models};
        let mut models = if self.no_model {
            Vec::new()
        } else {
            shipped_models()
        };
        for path in &self.model {
            let bytes = std::fs::read(path)
                .with_context(|| format!("--model: cannot read {}", path.display()))?;
            let model = Model::from_bytes(&bytes)
                .map_err(|e| anyhow::anyhow!("--model {}: {e}", path.display()))?;
            models.retain(|m| m.flag != model.flag);
            models.push(model);
        }
        models.sort_by_key(|m| m.flag as usize);
        Ok(crate::pipeline::Scorer {
            models,
            config: self.config()?,
        })
    }
}

/// `256M` → 268435456.
pub(crate) fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, shift) = match text.char_indices().last() {
        Some((i, 'k' | 'K')) => (&text[..i], 10),
        Some((i, 'm' | 'M')) => (&text[..i], 20),
        Some((i, 'g' | 'G')) => (&text[..i], 30),
        _ => (text, 0),
    };
    let n: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("not a size: {text:?} (e.g. 512K, 256M, 2G)"))?;
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("size too large: {text:?}"))
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let matches = Cli::command()
        .version(clap::builder::Str::from(version().leak() as &'static str))
        .try_get_matches();
    let cli = match matches.and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { EXIT_OK });
        }
    };
    match dispatch(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(EXIT_OK),
        Err(e) => {
            eprintln!("threadscan: error: {e:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Runs one command line (`args[0]` is the program name) as the binary would, for programs
/// that embed threadscan (the Python package): the exit code on success, a usage error (a bad
/// flag, with clap's message) or a failed run as `Err`, never a message printed in its place.
pub fn run_argv<I, T>(args: I) -> anyhow::Result<u8>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = Cli::try_parse_from(args).map_err(|e| anyhow::anyhow!("{}", e.render()))?;
    dispatch(cli)
}

/// The scorer the scoring flags (`--model`, `--no-model`, `--config`, `--no-config`,
/// `--select`, `--ignore`, `--threshold`) choose, as `analyze` would build it from them.
pub fn scorer_from_flags<I, T>(flags: I) -> anyhow::Result<crate::pipeline::Scorer>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    #[derive(Debug, Parser)]
    #[command(name = "threadscan")]
    struct ScoreOnly {
        #[command(flatten)]
        score: ScoreArgs,
    }
    let args = std::iter::once(std::ffi::OsString::from("threadscan"))
        .chain(flags.into_iter().map(Into::into));
    let parsed = ScoreOnly::try_parse_from(args).map_err(|e| anyhow::anyhow!("{}", e.render()))?;
    parsed.score.scorer()
}

fn dispatch(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Show(args) => show::run(args),
        Command::Rules => rules::run_rules(),
        Command::Explain(args) => rules::run_explain(args),
        Command::Eval(args) => eval::run(args),
        Command::Train(args) => train::run(args),
        Command::CheckTrees(args) => check_trees::run(args),
    }
}

/// `threadscan 0.1.0 (rule set sha256:…)`: the version and the digest of everything that
/// decides a score with the shipped model, so a report can cite exactly what produced it.
pub fn version() -> String {
    let models = crate::score::learned::shipped_models();
    let models: Vec<&crate::score::learned::Model> = models.iter().collect();
    format!(
        "{} (rule set sha256:{})",
        env!("CARGO_PKG_VERSION"),
        crate::score::ruleset_digest(&models)
    )
}

/// A closed pipe (`threadscan show x | head`) is the reader's choice, not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn embedded_runs_return_usage_errors_instead_of_printing_them() {
        let err = super::run_argv(["threadscan", "analyze", "--no-such-flag"]).unwrap_err();
        assert!(err.to_string().contains("--no-such-flag"), "{err}");
        assert!(super::scorer_from_flags(["--threshold", "insult=high"]).is_err());
        let scorer = super::scorer_from_flags(["--no-model", "--select", "INS"]).unwrap();
        assert!(scorer.models.is_empty());
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("512"), Ok(512));
        assert_eq!(parse_size("4k"), Ok(4096));
        assert_eq!(parse_size("256M"), Ok(256 << 20));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("99999999999G").is_err());
    }
}

/// Text from an input made safe to print on a terminal: control characters (C0, DEL, C1)
/// and bidirectional overrides are written as `\u{1b}` escapes, so a comment cannot clear
/// the screen, retitle the window, fake lines or hide text. Tabs stay.
pub(crate) fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
    };
    if !text.chars().any(unsafe_char) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if unsafe_char(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod terminal_tests {
    #[test]
    fn escapes_and_overrides_are_shown_not_obeyed() {
        let hostile = "ok\x1b[2J\x1b]0;title\x07\r\nfake\u{202E}evil\u{9b}\tend";
        let safe = super::terminal_safe(hostile);
        assert!(!safe.chars().any(|c| c.is_control() && c != '\t'), "{safe}");
        assert!(
            safe.contains("\\u{1b}[2J") && safe.contains("\\u{202e}"),
            "{safe}"
        );
        assert_eq!(super::terminal_safe("plain é\ttext"), "plain é\ttext");
    }
}
