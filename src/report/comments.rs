//! `comments.csv`: one row per comment, in thread then page order.

use std::collections::HashMap;

use serde::Serialize;

use super::{join, rounded};
use crate::model::{CommentKind, Thread};
use crate::score::{Flag, ThreadScore};

/// One row of `comments.csv`; see the README's column dictionary.
#[derive(Debug, Default, Serialize)]
pub struct CommentRow<'a> {
    thread_id: &'a str,
    comment_id: &'a str,
    parent_id: Option<&'a str>,
    depth: u32,
    kind: CommentKind,
    author: Option<&'a str>,
    position: u32,
    timestamp: Option<String>,
    reply_count: usize,
    reply_to_author: Option<&'a str>,
    text: &'a str,
    quoted_text: super::List,
    quoted_author: super::List,
    quoted_comment_id: super::List,
    insult_score: Option<f64>,
    insult: bool,
    spam_score: f64,
    spam: bool,
    unsupported_score: Option<f64>,
    unsupported: bool,
    finding_codes: super::List,
    /// Added after the first release: columns are only ever appended.
    author_url: Option<&'a str>,
    lang: Option<&'static str>,
    insult_target: Option<&'static str>,
}

/// The rows for every comment of `thread`.
pub fn rows<'a>(
    thread: &'a Thread,
    scores: &'a ThreadScore,
) -> impl Iterator<Item = CommentRow<'a>> + 'a {
    let mut replies: HashMap<&str, usize> = HashMap::new();
    for parent in thread
        .comments
        .iter()
        .filter_map(|c| c.parent_id.as_deref())
    {
        *replies.entry(parent).or_default() += 1;
    }
    thread
        .comments
        .iter()
        .zip(&scores.comments)
        .map(move |(c, score)| CommentRow {
            thread_id: &thread.id,
            comment_id: &c.id,
            parent_id: c.parent_id.as_deref(),
            depth: c.depth,
            kind: c.kind,
            author: c.author.as_deref(),
            position: c.position,
            timestamp: c.timestamp.as_deref().and_then(crate::parse::date::to_utc),
            reply_count: replies.get(c.id.as_str()).copied().unwrap_or(0),
            reply_to_author: c.reply_to_author.as_deref(),
            text: &c.text,
            quoted_text: join(c.quotes.iter().map(|q| q.text.as_str()), "\n\n"),
            quoted_author: join(c.quotes.iter().filter_map(|q| q.author.as_deref()), "; "),
            quoted_comment_id: join(c.quotes.iter().filter_map(|q| q.comment_id.as_deref()), " "),
            insult_score: score
                .scored(Flag::Insult)
                .then(|| rounded(score.score(Flag::Insult))),
            insult: score.flagged(Flag::Insult),
            spam_score: rounded(score.score(Flag::Spam)),
            spam: score.flagged(Flag::Spam),
            unsupported_score: score
                .scored(Flag::Unsupported)
                .then(|| rounded(score.score(Flag::Unsupported))),
            unsupported: score.flagged(Flag::Unsupported),
            finding_codes: finding_codes(score),
            author_url: c.author_url.as_deref(),
            lang: score.language.code,
            insult_target: score
                .insult_target
                .map(crate::score::target::InsultTarget::name),
        })
}

/// The distinct codes of a comment's positive findings, sorted, space-separated.
fn finding_codes(score: &crate::score::CommentScore) -> super::List {
    let mut codes: Vec<&str> = score
        .findings
        .iter()
        .filter(|f| f.weight > 0.0)
        .map(|f| f.code)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    join(codes.into_iter(), " ")
}
