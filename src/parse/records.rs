//! Comments handed over by a program instead of read from a file (the Python package's
//! `score`, `score_thread`): the same tree building and repair as every parser (ids, quotes,
//! orphans, cycles, depth), so a thread handed over scores as the same thread read from a file.

use super::{ParentRef, RawComment, build_comments};
use crate::model::{CommentSection, Format, Page, Thread};

/// What a program may say about the page a thread's comments sit under.
#[derive(Clone, Debug, Default)]
pub struct PageInfo {
    /// The thread's id; content-derived (`records-…`) when not given.
    pub id: Option<String>,
    /// Where the records came from, for the `source` column.
    pub source: Option<String>,
    /// The page's address.
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The article's text (for the off-topic spam signal and page statistics).
    pub article_text: Option<String>,
    /// Publication time, ISO 8601.
    pub published: Option<String>,
    /// The article's author.
    pub author: Option<String>,
}

/// One comment as a program hands it over.
#[derive(Clone, Debug, Default)]
pub struct Record {
    /// The comment's id; `c1`, `c2`, … by position when not given.
    pub id: Option<String>,
    /// The id of the comment it replies to; none (or an id not in the thread, noted) for a
    /// top-level comment.
    pub parent_id: Option<String>,
    /// Display name.
    pub author: Option<String>,
    /// The link on the author's name.
    pub author_url: Option<String>,
    /// ISO 8601 time.
    pub timestamp: Option<String>,
    /// The comment's text, quotes written as text included.
    pub text: String,
}

/// The thread of `records` under the page `info` describes.
pub fn thread(info: PageInfo, records: Vec<Record>) -> Thread {
    let mut page = Page::new(info.source.unwrap_or_default(), Format::Records);
    page.site = info.url.as_deref().and_then(super::html::meta::host);
    page.url = info.url;
    page.title = info.title;
    page.article_text = info.article_text.unwrap_or_default();
    page.published = info.published;
    page.author = info.author;
    page.comment_section = CommentSection::Found { declared: None };
    page.comment_system = Some("records".into());
    let id = info.id.unwrap_or_else(|| {
        let mut bytes = Vec::new();
        for r in &records {
            for field in [&r.id, &r.parent_id, &r.author] {
                bytes.extend_from_slice(field.as_deref().unwrap_or("").as_bytes());
                bytes.push(0xff);
            }
            bytes.extend_from_slice(r.text.as_bytes());
            bytes.push(0xfe);
        }
        format!("records-{}", crate::ids::content_id(&bytes))
    });
    let raw = records
        .into_iter()
        .map(|r| RawComment {
            id: r.id,
            parent: r.parent_id.filter(|p| !p.is_empty()).map(ParentRef::Id),
            author: r.author.filter(|a| !a.trim().is_empty()),
            author_url: r.author_url.filter(|u| !u.trim().is_empty()),
            timestamp: r.timestamp.filter(|t| !t.trim().is_empty()),
            text: r.text,
            ..RawComment::default()
        })
        .collect();
    let comments = build_comments(raw, &mut page.notes);
    Thread { id, page, comments }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, parent: Option<&str>, text: &str) -> Record {
        Record {
            id: Some(id.into()),
            parent_id: parent.map(String::from),
            author: Some(format!("author of {id}")),
            text: text.into(),
            ..Record::default()
        }
    }

    #[test]
    fn records_build_a_repaired_tree() {
        let t = thread(
            PageInfo::default(),
            vec![
                record("a", None, "Top."),
                record("b", Some("a"), "Reply."),
                record("c", Some("b"), "Deeper."),
                record("d", Some("missing"), "Orphan."),
            ],
        );
        let depths: Vec<u32> = t.comments.iter().map(|c| c.depth).collect();
        assert_eq!(depths, [0, 1, 2, 0]);
        assert!(t.id.starts_with("records-"));
        assert!(
            t.page.notes.iter().any(|n| n.contains("missing")),
            "{:?}",
            t.page.notes
        );
        assert_eq!(t.page.format.name(), "records");
    }

    #[test]
    fn the_same_records_give_the_same_id() {
        let a = thread(PageInfo::default(), vec![record("a", None, "Top.")]);
        let b = thread(PageInfo::default(), vec![record("a", None, "Top.")]);
        let c = thread(PageInfo::default(), vec![record("a", None, "Other.")]);
        assert_eq!(a.id, b.id);
        assert_ne!(a.id, c.id);
    }
}
