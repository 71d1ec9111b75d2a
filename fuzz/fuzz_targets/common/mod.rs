//! Invariants every fuzz target checks: whatever the bytes, threadscan's output is a valid
//! reply forest, every finding's span lies inside its text on character boundaries, every
//! CSV cell is safe to open in a spreadsheet, and the audit view holds no markup but its own.
#![allow(dead_code)]

use std::collections::HashMap;

use threadscan::model::Thread;
use threadscan::pipeline::{LoadOptions, Loaded};
use threadscan::score::{RunContext, Scorer, ThreadScore, score_thread};

/// Small limits, so a fuzz input cannot spend its time inflating a bomb.
pub fn options() -> LoadOptions {
    LoadOptions {
        max_file_size: 1 << 20,
        max_line_size: 64 << 10,
        ..LoadOptions::default()
    }
}

/// Ids unique, positions 1..n, every parent an existing comment one level up (so no cycle).
pub fn check_forest(thread: &Thread) {
    let depth: HashMap<&str, u32> = thread
        .comments
        .iter()
        .map(|c| (c.id.as_str(), c.depth))
        .collect();
    assert_eq!(depth.len(), thread.comments.len(), "comment ids are unique");
    for (i, c) in thread.comments.iter().enumerate() {
        assert_eq!(c.position as usize, i + 1, "positions count from 1");
        match c.parent_id.as_deref() {
            None => assert_eq!(c.depth, 0, "a top-level comment has depth 0"),
            Some(p) => assert_eq!(
                depth.get(p).map(|d| d + 1),
                Some(c.depth),
                "comment {} replies to {p}, one level up",
                c.id
            ),
        }
    }
}

/// Every comment finding's span inside its comment's text, on character boundaries, and
/// its text the span's text.
pub fn check_spans(thread: &Thread, score: &ThreadScore) {
    assert_eq!(score.comments.len(), thread.comments.len());
    for (comment, scored) in thread.comments.iter().zip(&score.comments) {
        let text = &comment.text;
        for f in &scored.findings {
            assert!(
                f.span.start <= f.span.end && f.span.end <= text.len(),
                "{} span {:?} outside a text of {} bytes",
                f.code,
                f.span,
                text.len()
            );
            assert!(
                text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end),
                "{} span {:?} cuts a character",
                f.code,
                f.span
            );
            assert!(
                (-1.0..=1.0).contains(&f.weight),
                "{} weight {}",
                f.code,
                f.weight
            );
        }
        for s in scored.scores {
            assert!((0.0..=1.0).contains(&s), "score {s}");
        }
    }
}

/// The tags the audit view writes itself; page text is escaped, so any other is a leak.
const OWN_TAGS: &[&str] = &[
    "!doctype",
    "a",
    "b",
    "blockquote",
    "body",
    "br",
    "code",
    "details",
    "div",
    "h1",
    "h2",
    "head",
    "html",
    "li",
    "mark",
    "meta",
    "p",
    "span",
    "style",
    "summary",
    "sup",
    "table",
    "td",
    "th",
    "title",
    "tr",
    "ul",
];

/// Every tag of an audit page is one the writer emits, with no handler and no external load.
pub fn check_audit_page(html: &str) {
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        let name = tag
            .trim_start_matches('/')
            .split_whitespace()
            .next()
            .unwrap_or("");
        assert!(
            OWN_TAGS.contains(&name.to_ascii_lowercase().as_str()),
            "foreign tag <{tag}>"
        );
        let handler = tag
            .split_whitespace()
            .any(|a| a.to_ascii_lowercase().starts_with("on") && a.contains('='));
        assert!(!handler, "handler in <{tag}>");
        assert!(!tag.contains(" src="), "a load in <{tag}>");
    }
}

/// A CSV cell a spreadsheet would run as a formula: it starts with `=`, `+`, `-`, `@`, TAB or
/// CR, is longer than one character and is not a number.
pub fn is_formula(cell: &str) -> bool {
    cell.len() > 1
        && cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
        && cell.parse::<f64>().is_err()
}

/// Scores every thread of `loaded` with the run's campaign counts and checks the invariants;
/// returns the scores.
pub fn score_and_check(loaded: &Loaded) -> Vec<ThreadScore> {
    let run = RunContext::build(loaded.threads.iter());
    let scorer = Scorer::default();
    loaded
        .threads
        .iter()
        .map(|t| {
            check_forest(t);
            let score = score_thread(t, &run, &scorer);
            check_spans(t, &score);
            score
        })
        .collect()
}
