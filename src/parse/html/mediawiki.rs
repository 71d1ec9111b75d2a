//! MediaWiki talk pages: rendered with DiscussionTools (Wikipedia and its sister projects), else
//! read from their signatures (older MediaWiki, wikis without the extension; [`signed`]).
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

/// Talk-page comments: from DiscussionTools markers, else from signatures; `None` on pages
/// that are no MediaWiki talk page.
pub fn extract(doc: &Doc) -> Option<Extraction> {
    let starts: Vec<ElementRef<'_>> = doc
        .select(&START)
        .filter(|s| s.value().id().is_some_and(|id| COMMENT_ID.is_match(id)))
        .collect();
    if starts.is_empty() {
        return signed(doc);
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

static PARSER_OUTPUT: Css = css!(".mw-parser-output");

/// A signature's end: a time, a date with a four-digit year and a time zone in parentheses
/// (`10:12, 3 June 2018 (UTC)`, `10:12, 3. Jun. 2018 (CEST)`, `3 juin 2018 à 10:12 (CEST)`).
static SIGNATURE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\d{1,2}:\d{2}[^:()]{1,25}?(?:19|20)\d{2}|(?:19|20)\d{2}\D{1,8}?\d{1,2}:\d{2})\.?\s*\(\p{Lu}{2,5}\)\s*$")
        .expect("signature pattern compiles")
});

/// Bytes at the end of the gathered text a signature's end is looked for in.
const SIGNATURE_TAIL: usize = 256;

/// Comments gathered from a talk page's signatures.
#[derive(Default)]
struct Signed {
    comments: Vec<RawComment>,
    depths: Vec<usize>,
    /// Text since the last signature, in pieces, and the links among them (piece index, name
    /// after the link's namespace, the link's text).
    pieces: Vec<Piece>,
    links: Vec<(usize, String, String)>,
    /// List depth where the pending comment's first words stand.
    depth: Option<usize>,
}

impl Signed {
    /// The last [`SIGNATURE_TAIL`] bytes gathered: enough to hold a signature's end, and
    /// all a test at every block boundary may read, so a long unsigned page (an article)
    /// costs linear time.
    fn tail(&self) -> String {
        let mut parts: Vec<&str> = Vec::new();
        let mut len = 0;
        for (t, _) in self.pieces.iter().rev() {
            if len >= SIGNATURE_TAIL {
                break;
            }
            let mut at = t.len().saturating_sub(SIGNATURE_TAIL - len);
            while !t.is_char_boundary(at) {
                at += 1;
            }
            parts.push(&t[at..]);
            len += t.len() - at;
        }
        parts.iter().rev().copied().collect()
    }

    /// Ends the pending comment where its words end in a signature.
    fn close_if_signed(&mut self) {
        if !SIGNATURE_END.is_match(self.tail().trim_end()) {
            return;
        }
        // The author: within the signature's reach from the end, the first link to a user's
        // page that a second link names again (user page and talk page, or contributions),
        // else the last link to a page in a namespace.
        let total: usize = self.pieces.iter().map(|(t, _)| t.chars().count()).sum();
        let mut before = vec![0usize; self.pieces.len() + 1];
        for (i, (t, _)) in self.pieces.iter().enumerate() {
            before[i + 1] = before[i] + t.chars().count();
        }
        let tail: Vec<&(usize, String, String)> = self
            .links
            .iter()
            .filter(|(at, _, _)| total - before[*at] < SIGNATURE_MAX_CHARS)
            .collect();
        let author = tail
            .iter()
            .find(|(_, name, _)| tail.iter().filter(|(_, n, _)| n == name).count() > 1)
            .or_else(|| tail.last())
            .copied();
        let Some((at, _, shown)) = author else {
            self.drop_pending();
            return;
        };
        let words: String = self.pieces[..*at].iter().map(|(t, _)| t.as_str()).collect();
        let signature: String = self.pieces[*at..].iter().map(|(t, _)| t.as_str()).collect();
        let timestamp = signature_time(&signature.replace('\n', " "));
        self.comments.push(RawComment {
            author: Some(tidy(shown)).filter(|a| !a.is_empty()),
            timestamp,
            text: tidy(words.trim_end_matches([' ', '—', '-', '–', '\u{a0}', '\n'])),
            ..Default::default()
        });
        self.depths.push(self.depth.unwrap_or(0));
        self.drop_pending();
    }

    /// Drops what was gathered since the last signature (after a comment ends, and where a
    /// heading starts a new discussion).
    fn drop_pending(&mut self) {
        self.pieces.clear();
        self.links.clear();
        self.depth = None;
    }
}

/// The time a signature states, its date and its time of day (`08:02, 12 July 2018 (UTC)`,
/// `3 juin 2018 à 14:31 (CEST)` → `2018-07-12T08:02`), as written, without the zone.
fn signature_time(signature: &str) -> Option<String> {
    static TIME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(\d{1,2}:\d{2})\b").expect("time pattern compiles"));
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(\d{1,2})\.?\s+(\p{L}+)\.?\s+((?:19|20)\d{2})|((?:19|20)\d{2}-\d\d-\d\d)")
            .expect("date pattern compiles")
    });
    let signature = signature.trim_end();
    let at = signature.len().saturating_sub(60);
    let at = (at..=signature.len())
        .find(|&i| signature.is_char_boundary(i))
        .unwrap_or(0);
    let window = &signature[at..];
    let time = TIME.find_iter(window).last()?.as_str();
    let date = DATE.captures_iter(window).last()?;
    let date = match date.get(4) {
        Some(iso) => iso.as_str().to_string(),
        None => format!("{} {} {}", &date[1], &date[2], &date[3]),
    };
    super::meta::timestamp(&format!("{date} {time}"))
}

/// Talk pages without DiscussionTools markers (older MediaWiki, wikis without the extension):
/// a comment is the run of the page that ends in a signature (a link to the writer's user
/// page, usually their talk page too, and a timestamp with its time zone), its depth the
/// definition or bullet lists (`:`, `*` indentation) it stands in. At least two signed
/// comments, or none.
fn signed(doc: &Doc) -> Option<Extraction> {
    let root = doc.select(&PARSER_OUTPUT).next()?;
    let mut state = Signed::default();
    let mut lists = 0usize;
    let mut skip_depth = 0usize;
    let mut link: Option<(usize, String, String)> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    if skip_depth > 0
                        || is_invisible(e.name())
                        || e.classes().any(|c| c == "mw-editsection" || c == "toc")
                        || e.id() == Some("toc")
                    {
                        skip_depth += 1;
                        continue;
                    }
                    if matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                        state.close_if_signed();
                        state.drop_pending();
                        skip_depth += 1;
                        continue;
                    }
                    if is_block(e.name()) {
                        state.close_if_signed();
                        state.pieces.push(("\n".into(), false));
                    }
                    if matches!(e.name(), "dl" | "ul" | "ol") {
                        lists += 1;
                    }
                    if e.name() == "a" {
                        let name = e.attr("href").and_then(user_name);
                        link = name.map(|n| (state.pieces.len(), n, String::new()));
                    }
                }
                Node::Text(t) if skip_depth == 0 => {
                    if state.depth.is_none() && !t.trim().is_empty() {
                        state.depth = Some(lists);
                    }
                    if let Some((_, _, shown)) = link.as_mut() {
                        shown.push_str(t);
                    }
                    state.pieces.push((t.to_string(), link.is_some()));
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(e) = node.value() else {
                    continue;
                };
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                if e.name() == "a" {
                    if let Some(l) = link.take() {
                        state.links.push(l);
                    }
                }
                if matches!(e.name(), "dl" | "ul" | "ol") {
                    lists = lists.saturating_sub(1);
                }
                if is_block(e.name()) {
                    state.pieces.push(("\n".into(), false));
                    state.close_if_signed();
                }
            }
        }
    }
    state.close_if_signed();
    if state.comments.len() < 2 {
        return None;
    }
    let parents = super::generic::parents_from_levels(&state.depths);
    let mut comments = state.comments;
    for (c, p) in comments.iter_mut().zip(parents) {
        c.parent = p;
    }
    Some(Extraction {
        system: "mediawiki".into(),
        finder: "talk-page signatures",
        tree: "indentation (talk-page lists)",
        comments,
        ..Default::default()
    })
}

/// The user a link names by its namespace form (`/wiki/User:Ann_B`, `/wiki/Benutzer_Diskussion:Ann_B`,
/// `Special:Contributions/Ann_B`): the part after the last `:` or `/` of a path with a namespace,
/// in lower case with spaces; `None` for other links.
fn user_name(href: &str) -> Option<String> {
    let path = percent_decoded(href.split(['?', '#']).next().unwrap_or(href));
    let path = if !path.rsplit('/').next().unwrap_or(&path).contains(':') && href.contains("title=")
    {
        // `index.php?title=User:Ann_B&action=edit&redlink=1`: a user page not written yet.
        let title = href.split_once("title=")?.1.split('&').next()?;
        percent_decoded(title)
    } else {
        path
    };
    let page = path.rsplit('/').next().unwrap_or(&path);
    let (namespace, name) = page.rsplit_once(':').or_else(|| {
        // `Special:Contributions/Ann_B`.
        let (head, name) = path.rsplit_once('/')?;
        head.contains(':').then_some((head, name))
    })?;
    if namespace.is_empty() || name.is_empty() || namespace.contains("://") {
        return None;
    }
    Some(name.replace('_', " ").to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_and_indentation_give_comments_without_markers() {
        let html = r#"<html><body><div class="mw-parser-output">
            <h2><span class="mw-headline">Zahlen</span><span class="mw-editsection">[Bearbeiten]</span></h2>
            <p>Die Zahl im Kasten stimmt nicht mit der Quelle überein. <a href="/wiki/Help:Belege">Belege</a> fehlen. <a href="/wiki/Benutzer:Ann_B">Ann B</a> (<a href="/wiki/Benutzer_Diskussion:Ann_B">Diskussion</a>) 10:12, 3. Jun. 2018 (CEST)</p>
            <dl><dd>Korrigiert. <a href="/wiki/Benutzer:Bob">Bob</a> 11:40, 3. Jun. 2018 (CEST)
              <dl><dd>Danke! <a href="/w/index.php?title=Benutzerin:Cy&amp;action=edit&amp;redlink=1">Cy</a> (<a href="/wiki/Benutzerin_Diskussion:Cy">Disk.</a>) 12:05, 3. Jun. 2018 (CEST)</dd></dl></dd></dl>
            <p>Unsigned words after the last signature.</p>
            <h2><span class="mw-headline">Photo</span></h2>
            <p>Une autre photo ? <a href="/wiki/Utilisateur:Dee">Dee</a> 3 juin 2018 à 14:31 (CEST)</p>
            </div></body></html>"#;
        let doc = Doc::parse(html);
        let ex = extract(&doc).expect("signed comments");
        type Row<'a> = (
            Option<&'a str>,
            Option<&'a ParentRef>,
            &'a str,
            Option<&'a str>,
        );
        let got: Vec<Row<'_>> = ex
            .comments
            .iter()
            .map(|c| {
                (
                    c.author.as_deref(),
                    c.parent.as_ref(),
                    c.text.as_str(),
                    c.timestamp.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Some("Ann B"),
                    None,
                    "Die Zahl im Kasten stimmt nicht mit der Quelle überein. Belege fehlen.",
                    Some("2018-06-03T10:12")
                ),
                (
                    Some("Bob"),
                    Some(&ParentRef::Index(0)),
                    "Korrigiert.",
                    Some("2018-06-03T11:40")
                ),
                (
                    Some("Cy"),
                    Some(&ParentRef::Index(1)),
                    "Danke!",
                    Some("2018-06-03T12:05")
                ),
                (
                    Some("Dee"),
                    None,
                    "Une autre photo ?",
                    Some("2018-06-03T14:31")
                ),
            ]
        );
        // One signed comment is no talk page.
        let one = r#"<div class="mw-parser-output"><p>Text <a href="/wiki/User:Ann">Ann</a> 10:12, 3 June 2018 (UTC)</p></div>"#;
        assert!(extract(&Doc::parse(one)).is_none());
    }

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
