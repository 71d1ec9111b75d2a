//! The comment section of a text rendering: bullet headers, indented bodies, nesting by indent.
//!
//! A comment starts with a header line `• Author` (any of the bullets in [`BULLETS`]) whose next
//! non-blank line is indented deeper than the bullet; everything indented deeper than the
//! bullet, up to the next header, is its body. A header's parent is the nearest open comment
//! whose bullet sits further left. Only relative indentation is used, so any indent width works,
//! and a bulleted list inside a comment (no deeper-indented body after it) stays text.

use std::sync::LazyLock;

use regex::Regex;

use super::layout::{Line, next_non_blank, word_count};
use crate::parse::date::parse_date;

/// Bullet glyphs that can open a comment header.
pub const BULLETS: &[char] = &['•', '*', '-', '·', '◦', '▪', '‣', '●', '○', '■', '–'];

/// "0 Comments", "12 responses", "3 thoughts on “Title”", "Comments (4)", "No comments".
static COUNT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?P<n>\d+|no|one)\s+(?:comments?|responses?|replies|reactions|thoughts?\s+on\b.*)|comments?\s*\(\s*(?P<m>\d+)\s*\))[.:!]?$",
    )
    .expect("count pattern compiles")
});

/// Widget labels that renderers leave between comments.
static UI_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:reply|like|report|share|permalink|log in to reply|\d+\s+likes?|reply\s*↓)$",
    )
    .expect("ui pattern compiles")
});

/// Separators between an author and a date in a header (`Ann · 3 May 2020`).
const HEADER_SEPARATORS: &[&str] = &[" · ", " | ", " — ", " – ", " - ", " on ", ", "];

/// The comment count a line announces, when the line is a count line.
pub fn count_line(text: &str) -> Option<Option<u64>> {
    let caps = COUNT_LINE.captures(text)?;
    let n = caps.name("n").or(caps.name("m"))?.as_str().to_lowercase();
    Some(match n.as_str() {
        "no" => Some(0),
        "one" => Some(1),
        digits => digits.parse().ok(),
    })
}

/// A comment header: who wrote it and, if the header says, when.
#[derive(Debug, PartialEq, Eq)]
pub struct Header {
    /// Display name.
    pub author: String,
    /// ISO 8601 time, when the header carries a date.
    pub timestamp: Option<String>,
}

/// The header at `lines[i]`, if that line opens a comment.
pub fn header_at(lines: &[Line<'_>], i: usize) -> Option<Header> {
    let line = lines[i];
    let rest = line.text.strip_prefix(BULLETS)?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let header = parse_header(rest.trim())?;
    let body = next_non_blank(lines, i + 1).map(|j| lines[j]);
    body.is_some_and(|b| b.indent > line.indent)
        .then_some(header)
}

fn parse_header(text: &str) -> Option<Header> {
    let text = text.trim_end_matches(':').trim();
    let text = text.strip_suffix(" says").unwrap_or(text).trim();
    let (author, timestamp) = HEADER_SEPARATORS
        .iter()
        .find_map(|sep| {
            let (name, date) = text.split_once(sep)?;
            parse_date(date).map(|iso| (name.trim(), Some(iso)))
        })
        .unwrap_or((text, None));
    let name_like = !author.is_empty()
        && author.chars().count() <= 80
        && word_count(author) <= 8
        && !author.ends_with(['.', '!', '?', ',', ';']);
    name_like.then(|| Header {
        author: author.to_string(),
        timestamp,
    })
}

/// One comment as laid out in the text, before quotes are split off.
#[derive(Debug, Default)]
pub struct RawComment {
    /// From the header.
    pub author: String,
    /// From the header, or a date line opening the body.
    pub timestamp: Option<String>,
    /// Index (into the thread's comments) of the parent.
    pub parent: Option<usize>,
    /// Body text, dedented, paragraphs separated by one blank line.
    pub text: String,
}

/// What the comment section yields: the comments and any lines after the thread ends.
#[derive(Debug, Default)]
pub struct Section<'a> {
    /// Comments in page order.
    pub comments: Vec<RawComment>,
    /// Non-comment lines inside or after the section (footers, "Load more" prompts).
    pub trailer: Vec<Line<'a>>,
}

/// Reads comments from `lines` (which start at the comment section).
pub fn read_section<'a>(lines: &[Line<'a>]) -> Section<'a> {
    let mut section = Section::default();
    let mut bodies: Vec<Vec<Line<'a>>> = Vec::new();
    let mut open: Vec<(usize, usize)> = Vec::new(); // (bullet indent, comment index)
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() {
            if let Some(&(_, c)) = open.last() {
                bodies[c].push(*line);
            }
            continue;
        }
        let header = header_at(lines, i);
        open.retain(|&(indent, _)| indent < line.indent);
        match header {
            Some(h) => {
                open.push((line.indent, section.comments.len()));
                section.comments.push(RawComment {
                    author: h.author,
                    timestamp: h.timestamp,
                    parent: open.iter().rev().nth(1).map(|&(_, c)| c),
                    text: String::new(),
                });
                bodies.push(Vec::new());
            }
            None => match open.last() {
                Some(&(_, c)) => bodies[c].push(*line),
                None if section.comments.is_empty() && count_line(line.text).is_some() => {}
                None => section.trailer.push(*line),
            },
        }
    }
    for (comment, body) in section.comments.iter_mut().zip(bodies) {
        fill_body(comment, &body);
    }
    section
}

/// Dedents the body, drops widget labels, takes a leading date line as the timestamp.
fn fill_body(comment: &mut RawComment, body: &[Line<'_>]) {
    let mut lines: Vec<&str> = body
        .iter()
        .map(|l| l.text)
        .filter(|t| !UI_LINE.is_match(t))
        .collect();
    if let Some(first) = lines.iter().position(|t| !t.is_empty()) {
        if let Some(iso) = parse_date(lines[first]) {
            comment.timestamp.get_or_insert(iso);
            lines.remove(first);
        }
    }
    comment.text = join_paragraphs(&lines);
}

/// Joins lines, turning each run of blank lines into one paragraph break.
fn join_paragraphs(lines: &[&str]) -> String {
    let mut out = String::new();
    let mut pending_break = false;
    for line in lines {
        if line.is_empty() {
            pending_break = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if pending_break { "\n\n" } else { "\n" });
        }
        out.push_str(line);
        pending_break = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text::layout::lines;

    #[test]
    fn count_lines() {
        assert_eq!(count_line("0 Comments"), Some(Some(0)));
        assert_eq!(count_line("12 thoughts on “Abmahnungen”"), Some(Some(12)));
        assert_eq!(count_line("Comments (4)"), Some(Some(4)));
        assert_eq!(count_line("No comments."), Some(Some(0)));
        assert_eq!(count_line("Comments are closed for this story"), None);
    }

    #[test]
    fn header_needs_a_deeper_body_and_a_name() {
        let ls = lines("• Ann\n\n  hello\n• a list item that ends.\n  deeper\n- item\n- item");
        assert_eq!(header_at(&ls, 0).map(|h| h.author), Some("Ann".into()));
        assert_eq!(header_at(&ls, 3), None, "sentence, not a name");
        assert_eq!(header_at(&ls, 5), None, "no deeper body");
    }

    #[test]
    fn header_with_date_suffix() {
        let ls = lines("* Bo Li · 3 May 2020 at 10:05\n    hi");
        let h = header_at(&ls, 0).unwrap();
        assert_eq!(
            (h.author.as_str(), h.timestamp.as_deref()),
            ("Bo Li", Some("2020-05-03T10:05"))
        );
    }

    #[test]
    fn nesting_follows_relative_indent() {
        let text =
            "- A\n   a\n   - B\n      b\n      - C\n         c\n   - D\n      d\n- E\n   e\nFooter";
        let section = read_section(&lines(text));
        let shape: Vec<(&str, Option<usize>, &str)> = section
            .comments
            .iter()
            .map(|c| (c.author.as_str(), c.parent, c.text.as_str()))
            .collect();
        assert_eq!(
            shape,
            vec![
                ("A", None, "a"),
                ("B", Some(0), "b"),
                ("C", Some(1), "c"),
                ("D", Some(0), "d"),
                ("E", None, "e")
            ]
        );
        assert_eq!(
            section.trailer.iter().map(|l| l.text).collect::<Vec<_>>(),
            vec!["Footer"]
        );
    }
}
