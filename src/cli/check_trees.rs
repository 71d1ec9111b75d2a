//! `threadscan check-trees --gold DIR PATH...`: the comment finder measured against gold trees.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Context;
use rayon::prelude::*;

use super::{EXIT_OK, EXIT_PARTIAL, LoadArgs};
use crate::input::{Source, discover};
use crate::tree_check::{Score, comments_of, read_gold, score, share};

/// Flags of `check-trees`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Pages to parse: files or folders (walked recursively).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Folder of gold trees, one `<page file name>.csv` per page (columns `comment_id`,
    /// `parent_id`, `author`, `text_prefix`). Pages without one are skipped.
    #[arg(long, value_name = "DIR")]
    gold: PathBuf,
    /// Print one CSV row per page instead of the table (for scripts).
    #[arg(long)]
    csv: bool,
    #[command(flatten)]
    load: LoadArgs,
}

/// Parses each page with gold and prints its counts and the totals.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let options = args.load.options()?;
    let (sources, walk_errors) = discover(&args.paths);
    let mut pages: Vec<(String, PathBuf, PathBuf)> = sources
        .iter()
        .filter_map(|s| match s {
            Source::File(path) => {
                let name = path.file_name()?.to_string_lossy().into_owned();
                let gold = args.gold.join(format!("{name}.csv"));
                gold.is_file().then(|| (name, path.clone(), gold))
            }
            Source::Stdin => None,
        })
        .collect();
    pages.sort();
    let rows: Vec<anyhow::Result<(String, Score)>> = pages
        .par_iter()
        .map(|(name, path, gold_path)| {
            let gold = read_gold(gold_path).with_context(|| gold_path.display().to_string())?;
            let loaded = crate::pipeline::load(&Source::File(path.clone()), &options);
            let found = comments_of(&loaded.threads);
            Ok((name.clone(), score(&found, &gold)))
        })
        .collect();
    let mut out = io::stdout().lock();
    let mut total = Score::default();
    let (mut files, mut exact) = (0, 0);
    if args.csv {
        writeln!(out, "file,gold,found,matched,parent,author,text")?;
    } else {
        writeln!(
            out,
            "{:<56} {:>5} {:>5} {:>6} {:>6} {:>6}",
            "file", "gold", "found", "parent", "author", "text"
        )?;
    }
    for row in rows {
        let (name, s) = row?;
        files += 1;
        exact += usize::from(s.count_exact());
        total.add(&s);
        if args.csv {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([
                name.as_str(),
                &s.gold.to_string(),
                &s.found.to_string(),
                &s.matched.to_string(),
                &s.parent.to_string(),
                &s.author.to_string(),
                &s.text.to_string(),
            ])?;
            out.write_all(&w.into_inner()?)?;
        } else {
            writeln!(
                out,
                "{:<56} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3}",
                name,
                s.gold,
                s.found,
                share(s.parent, s.gold),
                share(s.author, s.gold),
                share(s.text, s.gold)
            )?;
        }
    }
    if !args.csv {
        writeln!(
            out,
            "total: {files} pages, count exact on {exact} ({:.3}); over {} gold comments: \
             parent {:.3}, author {:.3}, text {:.3}",
            share(exact, files),
            total.gold,
            share(total.parent, total.gold),
            share(total.author, total.gold),
            share(total.text, total.gold)
        )?;
    }
    for e in &walk_errors {
        eprintln!("threadscan: {}: {}", e.path, e.error);
    }
    Ok(if walk_errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_PARTIAL
    })
}
