//! Stage 1, the thread parser: decoded input → [`Thread`]s.
//!
//! One module per input format. Each turns its input into [`RawComment`]s in page order and
//! hands them to [`build_comments`], which does what every format needs the same way: stable
//! ids, quotes split from the commenter's own words, and a repaired reply tree. A format
//! therefore only describes its layout, never re-implements tree logic.

pub mod date;
pub mod html;
pub mod http;
pub mod json;
pub mod platforms;
pub mod pushshift;
pub mod quote;
pub mod records;
pub mod stackexchange;
pub mod text;
pub mod warc;
pub mod xml;

use crate::error::InputError;
use crate::model::{Comment, CommentKind, Format, Quote, Thread};

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
    /// The link on the author's name (the commenter's website), absolute.
    pub author_url: Option<String>,
    /// ISO 8601 time.
    pub timestamp: Option<String>,
    /// Full text, quotes included when they are written as text (`X wrote: "…"`).
    pub text: String,
    /// Quotes the markup itself sets apart (e.g. `<blockquote>`), already removed from `text`.
    pub quotes: Vec<Quote>,
    /// Comment, pingback, trackback or deleted.
    pub kind: CommentKind,
    /// Links set on the comment's words (`<a href>`), absolute `http(s)` only.
    pub links: Vec<crate::model::BodyLink>,
}

impl RawComment {
    /// The comment as its input marks it deleted: its place, id, parent, author and time kept,
    /// its words (a platform's notice, whatever is left) and quotes gone.
    pub fn deleted(self) -> Self {
        RawComment {
            kind: CommentKind::Deleted,
            text: String::new(),
            quotes: Vec::new(),
            links: Vec::new(),
            ..self
        }
    }

    /// [`RawComment::deleted`] when `deleted` holds, else the comment as it is.
    pub fn deleted_if(self, deleted: bool) -> Self {
        if deleted { self.deleted() } else { self }
    }
}

/// Parser options that apply to every input.
#[derive(Clone, Debug, Default)]
pub struct ParseOptions {
    /// Skip detection and parse every input as this format (`--input-format`).
    pub format: Option<Format>,
}

/// Parses one decoded document into its threads.
pub fn parse(source: &str, text: &str, options: &ParseOptions) -> Result<Vec<Thread>, InputError> {
    let format = match options.format {
        Some(format) => format,
        None => detect(text)?,
    };
    match format {
        Format::Text => Ok(vec![text::parse(source, text)]),
        Format::Html => Ok(vec![html::parse(source, text)]),
        Format::PushshiftNdjson => json::pushshift(source, text),
        Format::RedditJson => json::reddit_listing(source, text),
        Format::HnJson => json::hacker_news(source, text),
        Format::DiscourseJson => json::discourse(source, text),
        Format::YtDlpJson => platforms::yt_dlp(source, text),
        Format::HnAlgoliaJson => platforms::hn_algolia(source, text),
        Format::LemmyJson => platforms::lemmy(source, text),
        Format::MastodonJson => platforms::mastodon(source, text),
        Format::StackExchangeXml => stackexchange::parse(source, text),
        Format::DisqusXml => xml::disqus(source, text),
        Format::Wxr => xml::wxr(source, text),
        Format::Warc => Err(InputError::Invalid(
            "not a WARC archive (no WARC version line)".into(),
        )),
        Format::Records => Err(InputError::Invalid(
            "records are handed over by a program, not read from a file".into(),
        )),
    }
}

/// Recognises the format of a decoded document from its content, never from its name.
pub fn detect(text: &str) -> Result<Format, InputError> {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('<') {
        if stackexchange::detect(head.as_bytes()).is_some() {
            return Ok(Format::StackExchangeXml);
        }
        if let Some(format) = xml::detect(head) {
            return Ok(format);
        }
        let lower: String = head
            .chars()
            .take(2048)
            .collect::<String>()
            .to_ascii_lowercase();
        let html = [
            "<!doctype html",
            "<html",
            "<head",
            "<body",
            "<div",
            "<meta",
            "<title",
            "<p",
            "<table",
            "<article",
        ];
        if lower.starts_with("<?xml") && !html.iter().any(|t| lower.contains(t)) {
            return Err(InputError::Unsupported(
                "XML that is neither a Disqus nor a WordPress WXR export nor a Stack Exchange dump (Posts.xml, Comments.xml)".into(),
            ));
        }
        return Ok(Format::Html);
    }
    if head.starts_with(['{', '[']) {
        return json::detect(head);
    }
    Ok(Format::Text)
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
            // `(In reply to Ann from comment #2)`: a header line, and the writer of the
            // unattributed quote under it.
            let (replied, text) = match quote::reply_line(&c.text) {
                Some((name, rest)) => (Some(name), rest),
                None => (None, c.text.as_str()),
            };
            let (own, mut quotes) = quote::split_quotes(text);
            quotes.extend(c.quotes);
            if let Some(name) = &replied {
                if let Some(quote) = quotes.iter_mut().find(|q| q.author.is_none()) {
                    quote.author = Some(name.clone());
                }
            }
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
                author_url: c.author_url,
                position: i as u32 + 1,
                timestamp: c.timestamp,
                text: own,
                quotes,
                kind: c.kind,
                reply_to_author: replied,
                links: c.links,
            }
        })
        .collect();
    notes.extend(crate::tree::repair(&mut comments));
    quote::resolve_quote_sources(&mut comments);
    quote::resolve_reply_to_author(&mut comments);
    comments
}
