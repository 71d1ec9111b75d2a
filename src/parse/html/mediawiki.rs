//! MediaWiki talk pages rendered with DiscussionTools (Wikipedia and its sister projects).
//!
//! A talk page's comments are not elements: each is the run of page between a pair of empty
//! marker spans, `<span data-mw-comment-start id="c-USER-TIMESTAMP-PARENT">` and
//! `<span data-mw-comment-end="c-…">`. The id states the signing user, the time and what the
//! comment answers: `PARENT` is the parent's `USER-TIMESTAMP` (with `-1`, `-2` where two
//! comments share one), or the section heading for a comment that starts a discussion.
//! The signature at the end (links to the user's page, talk page or contributions, and the
//! timestamp) is not the comment's text; a comment that is only a signature (a bare vote)
//! has empty text.

use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::iter::Edge;
use regex::Regex;
use scraper::{ElementRef, Node};

use super::Extraction;
use super::dom::{Css, Doc, css, is_block, is_invisible, tidy};
use crate::parse::{ParentRef, RawComment};

static START: Css = css!("[data-mw-comment-start]");

/// `c-USER-TIMESTAMP` and what follows.
static COMMENT_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^c-(?P<user>.+?)-(?P<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)(?:-(?P<rest>.*))?$",
    )
    .expect("comment id pattern compiles")
});

/// Remaining text below which a link to the author's pages starts the signature.
const SIGNATURE_MAX_CHARS: usize = 120;

/// Talk-page comments; `None` without DiscussionTools markers.
pub fn extract(doc: &Doc) -> Option<Extraction> {
    let starts: Vec<ElementRef<'_>> = doc
        .select(&START)
        .filter(|s| s.value().id().is_some_and(|id| COMMENT_ID.is_match(id)))
        .collect();
    if starts.is_empty() {
        return None;
    }
    let texts = marked_texts(doc);
    // `USER-TIMESTAMP` → index of the comment, for parent lookups.
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut comments = Vec::with_capacity(starts.len());
    for (i, start) in starts.iter().enumerate() {
        let id = start.value().id().unwrap_or_default();
        let caps = COMMENT_ID.captures(id)?;
        let user = caps["user"].replace('_', " ");
        let name = format!("{}-{}", &caps["user"], &caps["time"]);
        let parent = caps.name("rest").and_then(|rest| {
            let rest = rest.as_str();
            names.get(rest).copied().or_else(|| {
                // "-1", "-2" tell apart two comments with one name.
                let (base, n) = rest.rsplit_once('-')?;
                n.bytes()
                    .all(|b| b.is_ascii_digit())
                    .then(|| names.get(base).copied())?
            })
        });
        names.entry(name).or_insert(i);
        let pieces = texts.get(id).map(Vec::as_slice).unwrap_or_default();
        comments.push(RawComment {
            id: Some(id.to_string()),
            parent: parent.map(ParentRef::Index),
            text: without_signature(pieces),
            author: Some(user),
            timestamp: Some(caps["time"].to_string()),
            ..Default::default()
        });
    }
    Some(Extraction {
        system: "mediawiki".into(),
        finder: "talk-page comment markers",
        tree: "parent names in comment ids",
        comments,
        ..Default::default()
    })
}

/// A piece of a comment's text, and whether it sits in a link to its author's pages.
type Piece = (String, bool);

/// The text between each start marker and its end marker, in pieces, in one walk of the page.
/// Reply and timestamp buttons the DiscussionTools script adds are left out.
fn marked_texts(doc: &Doc) -> HashMap<String, Vec<Piece>> {
    let mut out: HashMap<String, Vec<Piece>> = HashMap::new();
    let mut open: Option<(String, String)> = None; // (id, user in lowercase with underscores)
    let mut skip_depth = 0usize;
    let mut author_links = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    if let Some(id) = e.attr("data-mw-comment-start").and(e.id()) {
                        if let Some(caps) = COMMENT_ID.captures(id) {
                            let user = caps["user"].to_lowercase();
                            open = Some((id.to_string(), user));
                            out.entry(id.to_string()).or_default();
                            author_links = 0;
                        }
                    } else if e
                        .attr("data-mw-comment-end")
                        .is_some_and(|end| open.as_ref().is_some_and(|(id, _)| id == end))
                    {
                        open = None;
                    }
                    let Some((id, user)) = &open else { continue };
                    if skip_depth > 0
                        || is_invisible(e.name())
                        || e.classes()
                            .any(|c| c.starts_with("ext-discussiontools-init-"))
                    {
                        skip_depth += 1;
                        continue;
                    }
                    if is_block(e.name()) {
                        out.entry(id.clone())
                            .or_default()
                            .push(("\n".into(), false));
                    }
                    if e.name() == "a" && e.attr("href").is_some_and(|h| links_to_user(h, user)) {
                        author_links += 1;
                    }
                }
                Node::Text(t) => {
                    if let (Some((id, _)), 0) = (&open, skip_depth) {
                        out.entry(id.clone())
                            .or_default()
                            .push((t.to_string(), author_links > 0));
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(e) = node.value() else {
                    continue;
                };
                let Some((id, user)) = &open else { continue };
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                if e.name() == "a"
                    && author_links > 0
                    && e.attr("href").is_some_and(|h| links_to_user(h, user))
                {
                    author_links -= 1;
                }
                if is_block(e.name()) {
                    out.entry(id.clone())
                        .or_default()
                        .push(("\n".into(), false));
                }
            }
        }
    }
    out
}

/// A link to `user`'s user page, talk page or contributions: the address ends with the name
/// after `:`, `/` or `=` (any namespace name, in any language).
fn links_to_user(href: &str, user: &str) -> bool {
    let href = percent_decoded(href.split(['?', '#']).next().unwrap_or(href))
        .to_lowercase()
        .replace(' ', "_");
    href.strip_suffix(user)
        .is_some_and(|head| head.ends_with([':', '/', '=']))
}

/// `%XX` escapes decoded (UTF-8), anything malformed kept as written.
fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The comment's text cut where its signature starts: at the first link to the author's
/// pages after which less than [`SIGNATURE_MAX_CHARS`] characters remain.
fn without_signature(pieces: &[Piece]) -> String {
    let total: usize = pieces.iter().map(|(t, _)| t.chars().count()).sum();
    let mut seen = 0;
    let mut cut = pieces.len();
    for (i, (text, in_author_link)) in pieces.iter().enumerate() {
        if *in_author_link && total - seen < SIGNATURE_MAX_CHARS {
            cut = i;
            break;
        }
        seen += text.chars().count();
    }
    let text: String = pieces[..cut].iter().map(|(t, _)| t.as_str()).collect();
    tidy(text.trim_end_matches([' ', '—', '-', '–', '\u{a0}', '\n']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_give_the_tree_and_signatures_are_cut() {
        let html = r#"<div><h2><span data-mw-comment-start id="h-Topic"></span>Topic</h2>
            <p><span data-mw-comment-start id="c-Ann_B-2021-01-22T15:18:00.000Z-Topic"></span>Is this right? <a href="/wiki/User:Ann_B">Ann B</a> (<a href="/wiki/User_talk:Ann_B">talk</a>) 15:18, 22 January 2021 (UTC)<span data-mw-comment-end="c-Ann_B-2021-01-22T15:18:00.000Z-Topic"></span></p>
            <dl><dd><span data-mw-comment-start id="c-Bob-2021-01-22T16:00:00.000Z-Ann_B-2021-01-22T15:18:00.000Z"></span>Yes, see <a href="/wiki/Help:Names">the policy</a>. <a href="/wiki/Special:Contributions/Bob">Bob</a> 16:00, 22 January 2021 (UTC)<span data-mw-comment-end="c-Bob-2021-01-22T16:00:00.000Z-Ann_B-2021-01-22T15:18:00.000Z"></span></dd></dl></div>"#;
        let doc = Doc::parse(html);
        let ex = extract(&doc).expect("talk page comments");
        let got: Vec<(Option<&str>, Option<&ParentRef>, &str)> = ex
            .comments
            .iter()
            .map(|c| (c.author.as_deref(), c.parent.as_ref(), c.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("Ann B"), None, "Is this right?"),
                (
                    Some("Bob"),
                    Some(&ParentRef::Index(0)),
                    "Yes, see the policy."
                )
            ]
        );
    }
}
