//! Hacker News item pages: a flat table of rows, depth in `td.ind[indent]`, and an explicit
//! "parent" link on every reply.

use scraper::ElementRef;

use super::dom::{Css, Doc, attr, css, text, text_with};
use super::generic::parents_from_levels;
use super::items::Items;
use super::quotes::{is_quote, quotes_in};
use super::{Extraction, PageOverrides, chrome, meta::timestamp};
use crate::parse::{ParentRef, RawComment};

static ROWS: Css = css!("tr.athing.comtr, tr.comtr");
static STORY: Css = css!("tr.athing.submission, tr.athing:not(.comtr)");
static STORY_LINK: Css = css!(".titleline > a, a.storylink");
static SUBTEXT_LINKS: Css = css!(".subline a, .subtext a");
static INDENT: Css = css!("td.ind");
static INDENT_IMG: Css = css!("td.ind img");
static USER: Css = css!("a.hnuser");
static AGE: Css = css!("span.age");
/// `.commtext` today; before 2019 the text sat directly in `.comment`.
static BODY: Css = css!(".commtext, td.default .comment");
static NAV_LINKS: Css = css!(".navs a, .comhead a");
static REPLY: Css = css!(".reply");

/// Comments of a Hacker News item page; `None` for other pages.
pub fn extract(doc: &Doc) -> Option<Extraction> {
    let rows: Vec<ElementRef<'_>> = doc.select(&ROWS).collect();
    let story = doc.select(&STORY).next();
    if rows.is_empty() && story.is_none_or(|s| s.select(&STORY_LINK).next().is_none()) {
        return None;
    }
    let items = Items::new(rows.clone());
    let levels: Vec<usize> = rows.iter().map(level).collect();
    let by_indent = parents_from_levels(&levels);
    let comments = rows
        .iter()
        .zip(by_indent)
        .enumerate()
        .map(|(i, (row, fallback))| comment(i, row, fallback, &items))
        .collect();
    let story_id = story.and_then(|s| s.value().id()).map(String::from);
    Some(Extraction {
        system: "hackernews".into(),
        finder: "Hacker News comment rows",
        tree: "parent links, else indentation",
        comments,
        items: items.ids(),
        declared: story_declared(doc),
        thread_key: story_id.map(|id| format!("hn-{id}")),
        overrides: story.map(|s| story_overrides(&s)).unwrap_or_default(),
        ..Default::default()
    })
}

fn level(row: &ElementRef<'_>) -> usize {
    let indent = row
        .select(&INDENT)
        .next()
        .and_then(|td| attr(&td, "indent"))
        .and_then(|v| v.parse().ok());
    let img = || {
        row.select(&INDENT_IMG)
            .next()
            .and_then(|img| attr(&img, "width"))
            .and_then(|w| w.parse::<usize>().ok())
            .map(|w| w / 40)
    };
    indent.or_else(img).unwrap_or(0)
}

fn comment(
    i: usize,
    row: &ElementRef<'_>,
    fallback: Option<ParentRef>,
    items: &Items<'_>,
) -> RawComment {
    let explicit = row
        .select(&NAV_LINKS)
        .find(|a| text(*a) == "parent")
        .and_then(|a| attr(&a, "href"))
        .and_then(|h| h.rsplit_once('#').map(|(_, id)| id.to_string()))
        .map(ParentRef::Id);
    let body = row.select(&BODY).next();
    let other = |e: &ElementRef<'_>| items.is_other(i, e);
    let words = body
        .map(|b| text_with(b, &|e| is_quote(e) || REPLY.matches(e)))
        .unwrap_or_default();
    // "[deleted]", "[flagged]": the row stays (replies hang from it), the words are gone.
    let deleted = chrome::is_deletion_notice(&words);
    RawComment {
        id: row.value().id().map(String::from),
        parent: explicit.or(fallback),
        author: row.select(&USER).next().map(text),
        timestamp: row
            .select(&AGE)
            .next()
            .and_then(|a| attr(&a, "title"))
            .and_then(|t| t.split_whitespace().next())
            .and_then(timestamp),
        text: words,
        quotes: body.map(|b| quotes_in(b, &other)).unwrap_or_default(),
        ..Default::default()
    }
    .deleted_if(deleted)
}

fn story_overrides(story: &ElementRef<'_>) -> PageOverrides {
    let link = story.select(&STORY_LINK).next();
    PageOverrides {
        title: link.map(text),
        url: story
            .value()
            .id()
            .map(|id| format!("https://news.ycombinator.com/item?id={id}")),
        ..Default::default()
    }
}

/// "123 comments" in the story's subtext.
fn story_declared(doc: &Doc) -> Option<u64> {
    doc.select(&SUBTEXT_LINKS).find_map(|a| {
        let t = text(a).replace('\u{a0}', " ");
        let (n, word) = t.split_once(' ')?;
        word.starts_with("comment")
            .then(|| n.parse().ok())
            .flatten()
    })
}
