//! `threadscan show FILE`: the rebuilt reply tree in the terminal, for audits.

use std::io::{self, Write};
use std::path::PathBuf;

use super::{EXIT_OK, EXIT_PARTIAL, LoadArgs};
use crate::input::Source;
use crate::model::{Comment, Thread};
use crate::pipeline;

/// How much of a comment's first line is shown.
const PREVIEW_CHARS: usize = 100;

/// Flags of `show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The page or export to show; `-` reads standard input.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[command(flatten)]
    load: LoadArgs,
}

/// Parses the file and prints each thread as an indented tree; exit 1 if it cannot be read.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let options = args.load.options()?;
    let source = if args.file.as_os_str() == "-" {
        Source::Stdin
    } else {
        Source::File(args.file)
    };
    let loaded = pipeline::load(&source, &options);
    for e in &loaded.errors {
        eprintln!("threadscan: {}: {} error: {}", e.source, e.stage, e.message);
    }
    let mut out = io::stdout().lock();
    for thread in &loaded.threads {
        print_thread(&mut out, thread)?;
    }
    out.flush()?;
    Ok(if loaded.errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_PARTIAL
    })
}

fn print_thread(out: &mut impl Write, thread: &Thread) -> io::Result<()> {
    let page = &thread.page;
    writeln!(out, "{}", page.title.as_deref().unwrap_or("(untitled)"))?;
    writeln!(
        out,
        "{} · {} · thread {} · comment section {}",
        page.source,
        page.format.name(),
        thread.id,
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
        writeln!(out, "note: {note}")?;
    }
    writeln!(out)?;
    for comment in &thread.comments {
        print_comment(out, comment)?;
    }
    writeln!(out)
}

fn print_comment(out: &mut impl Write, comment: &Comment) -> io::Result<()> {
    let indent = "  ".repeat(comment.depth as usize);
    let author = comment.author.as_deref().unwrap_or("(anonymous)");
    write!(out, "{indent}• {author} [{}]", comment.id)?;
    for quote in &comment.quotes {
        let whom = quote.author.as_deref().unwrap_or("someone");
        match &quote.comment_id {
            Some(id) => write!(out, " (quotes {whom} [{id}])")?,
            None => write!(out, " (quotes {whom})")?,
        }
    }
    writeln!(out, ": {}", preview(&comment.text))
}

/// The first line of `text`, cut at [`PREVIEW_CHARS`] characters.
fn preview(text: &str) -> String {
    let first = text.lines().next().unwrap_or("");
    match first.char_indices().nth(PREVIEW_CHARS) {
        Some((cut, _)) => format!("{}…", &first[..cut]),
        None => first.to_string(),
    }
}
