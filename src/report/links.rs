//! `page_links.csv`: links and contacts found on pages outside the comments.

use serde::Serialize;

use crate::model::{LinkKind, Region, Thread};

/// One row of `page_links.csv`; see the README's column dictionary.
#[derive(Debug, Serialize)]
pub struct PageLinkRow {
    thread_id: String,
    position: usize,
    kind: LinkKind,
    region: Region,
    value: String,
}

impl Default for PageLinkRow {
    fn default() -> Self {
        PageLinkRow {
            thread_id: String::new(),
            position: 0,
            kind: LinkKind::Url,
            region: Region::Article,
            value: String::new(),
        }
    }
}

/// One row per link on `thread`'s page, numbered in page order.
pub fn rows(thread: &Thread) -> impl Iterator<Item = PageLinkRow> + '_ {
    thread
        .page
        .links
        .iter()
        .enumerate()
        .map(|(i, link)| PageLinkRow {
            thread_id: thread.id.clone(),
            position: i + 1,
            kind: link.kind,
            region: link.region,
            value: link.value.clone(),
        })
}
