//! `threadscan rules` and `threadscan explain CODE`: the rule registry, for auditors.

use std::io::{self, Write};

use super::{EXIT_OK, EXIT_USAGE};
use crate::score::learned::code_of;
use crate::score::rules::{REGISTRY, explain, page};
use crate::score::{Flag, THRESHOLD};

/// Flags of `explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// A rule code, e.g. INS001 (see `threadscan rules`).
    code: String,
}

/// Lists every rule: code, flag, weight, name, summary.
pub fn run_rules() -> anyhow::Result<u8> {
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "A comment is flagged when a flag's score reaches {THRESHOLD}. `threadscan explain CODE` prints a rule's documentation.\n"
    )?;
    writeln!(
        out,
        "{:<7} {:<12} {:>6}  {:<22} summary",
        "code", "flag", "weight", "name"
    )?;
    for r in REGISTRY {
        let summary = r.summary.split(". ").next().unwrap_or(r.summary);
        writeln!(
            out,
            "{:<7} {:<12} {:>+6.2}  {:<22} {}",
            r.code,
            r.flag.name(),
            r.weight,
            r.name,
            summary
        )?;
    }
    for r in page::RULES {
        writeln!(
            out,
            "{:<7} {:<12} {:>+6.2}  {:<22} {}",
            r.code, "page-spam", r.weight, r.name, r.summary
        )?;
    }
    for flag in Flag::ALL {
        let (code, name) = code_of(flag);
        writeln!(
            out,
            "{:<7} {:<12} {:>6}  {:<22} learned model (see `explain {code}`)",
            code,
            flag.name(),
            "p",
            name
        )?;
    }
    Ok(EXIT_OK)
}

/// Prints one rule's documentation; an unknown code is a usage error.
pub fn run_explain(args: ExplainArgs) -> anyhow::Result<u8> {
    match explain(&args.code) {
        Some(doc) => {
            write!(io::stdout().lock(), "{doc}")?;
            Ok(EXIT_OK)
        }
        None => {
            eprintln!(
                "threadscan: error: no rule {:?}; `threadscan rules` lists them",
                args.code
            );
            Ok(EXIT_USAGE)
        }
    }
}
