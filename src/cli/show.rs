//! `threadscan show FILE`: the rebuilt reply tree in the terminal, with every flag and the
//! rules behind it, for audits.

use std::collections::HashSet;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use super::{EXIT_OK, EXIT_PARTIAL, LoadArgs, ScoreArgs, terminal_safe as safe};
use crate::input::Source;
use crate::model::{Comment, Thread};
use crate::pipeline;
use crate::score::{CommentScore, Flag, RunContext, ThreadScore, score_thread};

/// How much of a comment's first line is shown.
const PREVIEW_CHARS: usize = 100;

/// How much of a finding's matched text is shown.
const FINDING_CHARS: usize = 40;

/// Flags of `show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The page or export to show; `-` reads standard input.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Print only flagged comments, with their ancestors for context.
    #[arg(long)]
    flagged: bool,
    /// Colour: `auto` (when stdout is a terminal and NO_COLOR is unset), `always`, `never`.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    #[command(flatten)]
    load: LoadArgs,
    #[command(flatten)]
    score: ScoreArgs,
}

/// When to colour the output.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// ANSI styles, or nothing.
struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn flag(&self, flag: Flag, text: &str) -> String {
        let code = match flag {
            Flag::Insult => "1;31",
            Flag::Spam => "1;33",
            Flag::Unsupported => "1;34",
        };
        self.paint(code, text)
    }
}

/// Parses and scores the file and prints each thread as an indented tree; exit 1 if it
/// cannot be read.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let options = args.load.options()?;
    let scorer = args.score.scorer()?;
    let source = if args.file.as_os_str() == "-" {
        Source::Stdin
    } else {
        Source::File(args.file.clone())
    };
    let loaded = pipeline::load(&source, &options);
    for e in &loaded.errors {
        eprintln!(
            "threadscan: {}: {} error: {}",
            safe(&e.source),
            e.stage,
            safe(&e.message)
        );
    }
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let style = Style { on: color };
    let run = RunContext::build(loaded.threads.iter());
    let mut out = io::stdout().lock();
    for thread in &loaded.threads {
        let scores = score_thread(thread, &run, &scorer);
        print_thread(&mut out, thread, &scores, args.flagged, &style)?;
    }
    out.flush()?;
    Ok(if loaded.errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_PARTIAL
    })
}

fn print_thread(
    out: &mut impl Write,
    thread: &Thread,
    scores: &ThreadScore,
    only_flagged: bool,
    style: &Style,
) -> io::Result<()> {
    let page = &thread.page;
    writeln!(
        out,
        "{}",
        style.paint("1", &safe(page.title.as_deref().unwrap_or("(untitled)")))
    )?;
    writeln!(
        out,
        "{} · {} · thread {} · comment section {}",
        safe(&page.source),
        page.format.name(),
        safe(&thread.id),
        page.comment_section.name()
    )?;
    writeln!(
        out,
        "{} comments ({} top level), {} authors, max depth {}",
        thread.comments.len(),
        thread.top_level_count(),
        thread.author_count(),
        thread
            .max_depth()
            .map_or("-".to_string(), |d| d.to_string())
    )?;
    for note in &page.notes {
        writeln!(out, "note: {}", safe(note))?;
    }
    for f in &scores.page {
        writeln!(
            out,
            "{} {} {} {:.2}: {}",
            style.paint("1;35", "page spam"),
            f.code,
            f.name,
            f.weight,
            safe(&f.value)
        )?;
    }
    writeln!(out)?;
    let shown = if only_flagged {
        flagged_with_ancestors(thread, scores)
    } else {
        (0..thread.comments.len()).collect()
    };
    for i in shown {
        print_comment(out, &thread.comments[i], &scores.comments[i], style)?;
    }
    writeln!(out)
}

/// Indices of flagged comments and of every ancestor of one, in page order.
fn flagged_with_ancestors(thread: &Thread, scores: &ThreadScore) -> Vec<usize> {
    let parents = thread.parent_indices();
    let mut keep = HashSet::new();
    for (i, s) in scores.comments.iter().enumerate() {
        if Flag::ALL.iter().any(|f| s.flagged(*f)) {
            let mut node = Some(i);
            while let Some(n) = node.filter(|n| keep.insert(*n)) {
                node = parents[n];
            }
        }
    }
    let mut keep: Vec<usize> = keep.into_iter().collect();
    keep.sort_unstable();
    keep
}

fn print_comment(
    out: &mut impl Write,
    comment: &Comment,
    score: &CommentScore,
    style: &Style,
) -> io::Result<()> {
    let indent = "  ".repeat(comment.depth as usize);
    let author = safe(comment.author.as_deref().unwrap_or("(anonymous)"));
    write!(out, "{indent}• {author} [{}]", safe(&comment.id))?;
    for quote in &comment.quotes {
        let whom = safe(quote.author.as_deref().unwrap_or("someone"));
        match &quote.comment_id {
            Some(id) => write!(out, " (quotes {whom} [{}])", safe(id))?,
            None => write!(out, " (quotes {whom})")?,
        }
    }
    writeln!(out, ": {}", safe(&preview(&comment.text)))?;
    for flag in Flag::ALL.into_iter().filter(|f| score.flagged(*f)) {
        let mut codes: Vec<String> = score
            .findings
            .iter()
            .filter(|f| f.flag == flag && f.weight > 0.0)
            .map(|f| format!("{} “{}”", f.code, safe(&cut(&f.text, FINDING_CHARS))))
            .collect();
        codes.dedup();
        let label = format!("{} {:.2}", flag.name(), score.score(flag));
        writeln!(
            out,
            "{indent}    {} {}",
            style.flag(flag, &label),
            codes.join(", ")
        )?;
    }
    Ok(())
}

/// The first line of `text`, cut at [`PREVIEW_CHARS`] characters.
fn preview(text: &str) -> String {
    cut(text.lines().next().unwrap_or(""), PREVIEW_CHARS)
}

/// `text` cut at `chars` characters, with an ellipsis when cut.
fn cut(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}
