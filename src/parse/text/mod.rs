//! Parser for plain-text renderings of web pages (what text-mode browsers and many scrapers
//! save): the article, then a comment section where each comment is a bullet line with the
//! author and an indented body, replies indented further.
//!
//! ```text
//! Headline of the story
//!
//! Article paragraph…
//!
//!   • Ann
//!
//!     Top-level comment.
//!
//!     • Bob
//!
//!       Reply to Ann.
//! ```
//!
//! The layout is all there is, so the parser relies only on relative indentation and on the
//! shape of a header (a bullet, a short name, a deeper body), never on a site's wording.

mod layout;
mod page;
mod thread;

use crate::ids::content_id;
use crate::model::{CommentSection, Format, Page, Region, Thread};
use crate::parse::{ParentRef, RawComment as Draft, build_comments};

use layout::{Line, word_count};

/// A paragraph this long cannot sit between a comment-count line and the comments.
const LONG_PARAGRAPH_WORDS: usize = 12;

/// Parses one text rendering into its single thread.
pub fn parse(source: &str, text: &str) -> Thread {
    let lines = layout::lines(text);
    let section = find_section(&lines);
    let article_end = section.map_or(lines.len(), |(start, _)| start);
    let mut page = article_page(source, &lines[..article_end]);
    let mut comments = Vec::new();
    if let Some((start, declared)) = section {
        page.comment_section = CommentSection::Found { declared };
        let read = thread::read_section(&lines[start..]);
        for line in &read.trailer {
            page::record_links(line.text, Region::Chrome, &mut page.links);
        }
        let drafts = read.comments.into_iter().map(|c| Draft {
            id: None,
            parent: c.parent.map(ParentRef::Index),
            author: Some(c.author),
            timestamp: c.timestamp,
            text: c.text,
            ..Draft::default()
        });
        comments = build_comments(drafts.collect(), &mut page.notes);
    }
    Thread {
        id: content_id(text.as_bytes()),
        page,
        comments,
    }
}

fn article_page(source: &str, lines: &[Line<'_>]) -> Page {
    let article = page::read_article(lines);
    let mut page = Page::new(source, Format::Text);
    page.title = article.title;
    page.published = article.published;
    page.author = article.author;
    page.article_text = article.paragraphs.join("\n");
    page.links = article.links;
    page
}

/// Where the comment section starts, and the count it announces.
///
/// It starts at a count line ("12 Comments") that directly precedes the first comment (or ends
/// the page), else at the first comment header.
fn find_section(lines: &[Line<'_>]) -> Option<(usize, Option<u64>)> {
    let first_header = (0..lines.len()).find(|&i| thread::header_at(lines, i).is_some());
    let end = first_header.unwrap_or(lines.len());
    let count = (0..end)
        .rev()
        .take_while(|&i| word_count(lines[i].text) < LONG_PARAGRAPH_WORDS)
        .find_map(|i| thread::count_line(lines[i].text).map(|declared| (i, declared)));
    count.or(first_header.map(|h| (h, None)))
}
