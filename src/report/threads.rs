//! `threads.csv`: one row per thread (per page for web pages).

use serde::Serialize;

use super::join;
use crate::model::{CommentKind, Region, Thread};

/// One row of `threads.csv`; see the README's column dictionary.
#[derive(Debug, Default, Serialize)]
pub struct ThreadRow {
    thread_id: String,
    source: String,
    format: String,
    comment_system: Option<String>,
    url: Option<String>,
    site: Option<String>,
    title: Option<String>,
    published: Option<String>,
    page_author: Option<String>,
    comment_section: String,
    declared_comment_count: Option<u64>,
    missing_comment_count: Option<u64>,
    comment_count: usize,
    pingback_count: usize,
    top_level_count: usize,
    reply_count: usize,
    author_count: usize,
    max_depth: Option<u32>,
    article_words: usize,
    article_link_count: usize,
    chrome_link_count: usize,
    notes: String,
}

/// The row for `thread`.
pub fn row(thread: &Thread) -> ThreadRow {
    let page = &thread.page;
    let links_in = |region| page.links.iter().filter(|l| l.region == region).count();
    ThreadRow {
        thread_id: thread.id.clone(),
        source: page.source.clone(),
        format: page.format.name().to_string(),
        comment_system: page.comment_system.clone(),
        url: page.url.clone(),
        site: page.site.clone(),
        title: page.title.clone(),
        published: page.published.clone(),
        page_author: page.author.clone(),
        comment_section: page.comment_section.name().to_string(),
        declared_comment_count: page.comment_section.declared(),
        missing_comment_count: page.missing_comments,
        comment_count: thread.comments.len(),
        pingback_count: thread
            .comments
            .iter()
            .filter(|c| c.kind != CommentKind::Comment)
            .count(),
        top_level_count: thread.top_level_count(),
        reply_count: thread.comments.len() - thread.top_level_count(),
        author_count: thread.author_count(),
        max_depth: thread.max_depth(),
        article_words: page.article_text.split_whitespace().count(),
        article_link_count: links_in(Region::Article),
        chrome_link_count: links_in(Region::Chrome),
        notes: join(page.notes.iter().map(String::as_str), "; "),
    }
}
