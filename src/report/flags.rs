//! `flags.csv`: one row per finding, the reason behind every score.

use serde::Serialize;

use super::rounded;
use crate::model::Thread;
use crate::score::ThreadScore;

/// One row of `flags.csv`; see the README's column dictionary.
#[derive(Debug, Default, Serialize)]
pub struct FlagRow<'a> {
    thread_id: &'a str,
    comment_id: Option<&'a str>,
    flag: &'static str,
    code: &'static str,
    name: &'static str,
    score: f64,
    span_start: Option<usize>,
    span_end: Option<usize>,
    span_text: &'a str,
}

/// The findings of every comment of `thread` in comment order, then the page's own.
pub fn rows<'a>(
    thread: &'a Thread,
    scores: &'a ThreadScore,
) -> impl Iterator<Item = FlagRow<'a>> + 'a {
    let comments = thread
        .comments
        .iter()
        .zip(&scores.comments)
        .flat_map(move |(c, score)| {
            score.findings.iter().map(move |f| FlagRow {
                thread_id: &thread.id,
                comment_id: Some(&c.id),
                flag: f.flag.name(),
                code: f.code,
                name: f.name,
                score: rounded(f.weight),
                span_start: Some(f.span.start),
                span_end: Some(f.span.end),
                span_text: &f.text,
            })
        });
    let page = scores.page.iter().map(move |f| FlagRow {
        thread_id: &thread.id,
        comment_id: None,
        flag: "page-spam",
        code: f.code,
        name: f.name,
        score: rounded(f.weight),
        span_start: None,
        span_end: None,
        span_text: &f.value,
    });
    comments.chain(page)
}
