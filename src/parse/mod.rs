//! Stage 1, the thread parser: decoded input → [`Thread`]s.
//!
//! One module per input format. Each turns its input into [`RawComment`]s in page order and
//! hands them to [`build_comments`], which does what every format needs the same way: stable
//! ids, quotes split from the commenter's own words, and a repaired reply tree. A format
//! therefore only describes its layout, never re-implements tree logic.

pub mod date;
pub mod quote;
pub mod text;

use crate::error::InputError;
use crate::model::{Comment, Format, Quote, Thread};

/// How a comment names its parent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParentRef {
    /// By position in the list handed to [`build_comments`] (layout-based formats).
    Index(usize),
    /// By the platform's comment id (exports, markup with explicit ids).
    Id(String),
}

/// A comment as a format parser sees it, before ids, quotes and depth are settled.
#[derive(Clone, Debug, Default)]
pub struct RawComment {
    /// The platform's id, when the input has one.
    pub id: Option<String>,
    /// The parent, when the comment is a reply.
    pub parent: Option<ParentRef>,
    /// Display name.
    pub author: Option<String>,
    /// ISO 8601 time.
    pub timestamp: Option<String>,
    /// Full text, quotes included when they are written as text (`X wrote: "…"`).
    pub text: String,
    /// Quotes the markup itself sets apart (e.g. `<blockquote>`), already removed from `text`.
    pub quotes: Vec<Quote>,
}

/// Parser options that apply to every input.
#[derive(Clone, Debug, Default)]
pub struct ParseOptions {
    /// Skip detection and parse every input as this format (`--input-format`).
    pub format: Option<Format>,
}

/// Parses one decoded input into its threads.
pub fn parse(source: &str, text: &str, options: &ParseOptions) -> Result<Vec<Thread>, InputError> {
    let format = match options.format {
        Some(format) => format,
        None => detect(text)?,
    };
    Ok(match format {
        Format::Text => vec![text::parse(source, text)],
    })
}

/// Recognises the format from the content.
pub fn detect(text: &str) -> Result<Format, InputError> {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let kind = if head.starts_with('<') {
        "HTML or XML markup"
    } else if head.starts_with(['{', '[']) {
        "JSON"
    } else if head.starts_with("WARC/") {
        "a WARC archive"
    } else {
        return Ok(Format::Text);
    };
    Err(InputError::Unsupported(format!(
        "input looks like {kind}, which this version cannot parse yet (text renderings only); \
         force text parsing with --input-format text"
    )))
}

/// Settles ids, quotes and the reply tree of a thread's comments, in page order.
///
/// Comments without a platform id get `c<position>`; parent references that cannot be
/// followed are repaired by [`crate::tree::repair`], which adds a note for each repair.
pub fn build_comments(raw: Vec<RawComment>, notes: &mut Vec<String>) -> Vec<Comment> {
    let ids: Vec<String> = raw
        .iter()
        .enumerate()
        .map(|(i, c)| c.id.clone().unwrap_or_else(|| format!("c{}", i + 1)))
        .collect();
    let mut comments: Vec<Comment> = raw
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let (own, mut quotes) = quote::split_quotes(&c.text);
            quotes.extend(c.quotes);
            Comment {
                id: ids[i].clone(),
                parent_id: c.parent.map(|p| match p {
                    ParentRef::Index(j) => {
                        ids.get(j).cloned().unwrap_or_else(|| format!("c{}", j + 1))
                    }
                    ParentRef::Id(id) => id,
                }),
                depth: 0,
                author: c.author,
                position: i as u32 + 1,
                timestamp: c.timestamp,
                text: own,
                quotes,
            }
        })
        .collect();
    notes.extend(crate::tree::repair(&mut comments));
    quote::resolve_quote_sources(&mut comments);
    comments
}
