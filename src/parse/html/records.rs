//! Comments found by structure, for markup that never says "comment": a comment list is a run
//! of sibling records of one shape (same tag and first class), each holding a name, usually a
//! date, and a body of prose. Forum floors (`div.cell#r_123`), numbered `<dl>` lists and
//! home-grown guest books all look like that.
//!
//! Every run of at least [`MIN_RUN`] such siblings is scored: how many of its records have an
//! author (an author class, a profile link, a name in bold or a heading), a date (a `time`
//! element, a date class, a printed or relative date), and prose of their own; runs without
//! an author and prose in most records, or without any word of discussion vocabulary in their
//! markup (comment, reply, post, message, answer…), are not comment lists. The best run wins;
//! its records without a name or without prose are left out (headers, pagination, ads).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use scraper::ElementRef;

use super::chrome::is_date_line;
use super::dom::{Css, css, elements_below};

/// Fewest sibling records taken for a comment list.
pub const MIN_RUN: usize = 3;

/// Elements looked at inside one record when scoring it: enough for a header and a body.
const RECORD_SCAN: usize = 200;

static NAME: Css = css!(
    r#"[class*="author"], [class*="user"], [class*="name"], [class*="nick"], [itemprop="author"], a[href*="/user"], a[href*="/member"], a[href*="/profile"], a[href*="/u/"], a[href*="/@"], a[href*="/people/"], strong > a, b > a, h4, h5, h6, cite"#
);
static DATE: Css = css!(
    r#"time, [class*="date"], [class*="time"], [class*="ago"], [datetime], [itemprop="dateCreated"]"#
);

/// Words of discussion vocabulary, looked for in class and id words.
const VOCABULARY: &[&str] = &[
    "comment",
    "comments",
    "reply",
    "replies",
    "post",
    "posts",
    "message",
    "messages",
    "answer",
    "answers",
    "discussion",
    "thread",
    "forum",
    "topic",
    "review",
    "reviews",
    "guestbook",
    "response",
    "responses",
    "note",
    "notes",
    "floor",
];

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z][a-z]+|[A-Z]+").expect("word pattern compiles"));

/// The records of the best comment-like run below `body`, in page order; empty when none.
pub fn best_run<'a>(
    body: ElementRef<'a>,
    prune: &dyn Fn(&ElementRef<'a>) -> bool,
) -> Vec<ElementRef<'a>> {
    let mut best: Option<(f64, Vec<ElementRef<'a>>)> = None;
    for parent in std::iter::once(body).chain(elements_below(body, prune)) {
        let mut groups: HashMap<String, Vec<ElementRef<'a>>> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        for child in parent.children().filter_map(ElementRef::wrap) {
            if prune(&child) || matches!(child.value().name(), "script" | "style" | "br" | "hr") {
                continue;
            }
            let key = shape(&child);
            if !groups.contains_key(&key) {
                order.push(key.clone());
            }
            groups.entry(key).or_default().push(child);
        }
        for key in order {
            let members = &groups[&key];
            if members.len() < MIN_RUN {
                continue;
            }
            if let Some((score, kept)) = score_run(parent, members) {
                if best.as_ref().is_none_or(|(b, _)| score > *b) {
                    best = Some((score, kept));
                }
            }
        }
    }
    best.map(|(_, kept)| kept).unwrap_or_default()
}

/// Tag and first class: what a template gives every record it renders.
fn shape(el: &ElementRef<'_>) -> String {
    let class = el.value().classes().next().unwrap_or("");
    format!("{}.{class}", el.value().name())
}

/// What one record holds.
struct Record {
    name: bool,
    date: bool,
    prose: bool,
    vocabulary: bool,
}

fn record(el: ElementRef<'_>) -> Record {
    let (mut name, mut date, mut vocabulary) = (false, false, false);
    vocabulary |= names_vocabulary(&el);
    for e in elements_below(el, &|_| false).take(RECORD_SCAN) {
        if !name && NAME.matches(&e) {
            let t = text_start(e, 100);
            let words = t.split_whitespace().count();
            name = (1..=5).contains(&words) && t.chars().count() <= 60;
        }
        date |= DATE.matches(&e);
        vocabulary |= names_vocabulary(&e);
    }
    let own = text_start(el, RECORD_TEXT);
    date |= own.lines().any(is_date_line);
    // Prose: a line of several words that is not a date (in scripts written without spaces,
    // several characters), or much text.
    let prose = own.lines().any(|l| {
        !is_date_line(l)
            && (l.split_whitespace().count() >= 4
                || l.chars().filter(|c| unspaced(*c)).count() >= 6)
    }) || own.chars().filter(|c| c.is_alphabetic()).count() >= 40;
    Record {
        name,
        date,
        prose,
        vocabulary,
    }
}

/// A letter of a script written without spaces between words (Han, kana, Thai, Lao, Khmer,
/// Myanmar), where a comment of a few characters is a sentence.
fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x0E00..=0x0EFF
            | 0x1780..=0x17FF | 0x1000..=0x109F)
}

/// Characters of a record's text read when scoring it.
const RECORD_TEXT: usize = 2000;

/// The start of an element's text, block elements ending lines, read no further than `max`
/// characters: scoring every run on a page then costs a bounded amount per record, where the
/// whole text of large records (page wrappers come in runs too) made it quadratic.
fn text_start(el: ElementRef<'_>, max: usize) -> String {
    use ego_tree::iter::Edge;
    let mut out = String::new();
    let mut hidden = 0usize; // depth inside script, style and the like
    for edge in el.traverse() {
        if out.len() >= max {
            break;
        }
        match edge {
            Edge::Open(node) => {
                if let Some(t) = node.value().as_text() {
                    if hidden == 0 {
                        out.push_str(t);
                    }
                } else if let Some(e) = node.value().as_element() {
                    if super::dom::is_invisible(e.name()) {
                        hidden += 1;
                    } else if super::dom::is_block(e.name()) {
                        out.push('\n');
                    }
                }
            }
            Edge::Close(node) => {
                if let Some(e) = node.value().as_element() {
                    if super::dom::is_invisible(e.name()) {
                        hidden = hidden.saturating_sub(1);
                    } else if super::dom::is_block(e.name()) {
                        out.push('\n');
                    }
                }
            }
        }
    }
    out
}

fn names_vocabulary(el: &ElementRef<'_>) -> bool {
    let words = |s: &str| {
        WORD.find_iter(s)
            .any(|w| VOCABULARY.contains(&w.as_str().to_ascii_lowercase().as_str()))
    };
    el.value().classes().any(words) || el.value().id().is_some_and(words)
}

/// A run's score and the records kept, or `None` when it is no comment list.
fn score_run<'a>(
    parent: ElementRef<'a>,
    members: &[ElementRef<'a>],
) -> Option<(f64, Vec<ElementRef<'a>>)> {
    let records: Vec<Record> = members.iter().map(|m| record(*m)).collect();
    let n = records.len() as f64;
    let share = |f: fn(&Record) -> bool| records.iter().filter(|r| f(r)).count() as f64 / n;
    let (names, dates, prose) = (share(|r| r.name), share(|r| r.date), share(|r| r.prose));
    let vocabulary = records.iter().any(|r| r.vocabulary)
        || names_vocabulary(&parent)
        || parent
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take(4)
            .any(|a| names_vocabulary(&a));
    if names < 0.5 || prose < 0.5 || !vocabulary {
        return None;
    }
    let kept: Vec<ElementRef<'a>> = members
        .iter()
        .zip(&records)
        .filter(|(_, r)| r.name && r.prose)
        .map(|(m, _)| *m)
        .collect();
    if kept.len() < MIN_RUN {
        return None;
    }
    let score = kept.len() as f64 * (names + dates + prose) / 3.0;
    Some((score, kept))
}
