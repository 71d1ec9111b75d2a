//! XML exports: Disqus and WordPress WXR, read as a stream of small records.
//!
//! Both are flat lists of records (Disqus `<thread>`/`<post>`, WXR `<item>` with
//! `<wp:comment>` children), so the reader collects each record's fields by path
//! (`author/name`, `thread@dsq:id`) and never builds a DOM: exports of many GB stay cheap.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::error::InputError;
use crate::model::{CommentKind, CommentSection, Format, Page, Thread};
use crate::parse::html::{fragment, fragment_text};
use crate::parse::{ParentRef, RawComment, build_comments};

/// One record's fields: `path` → text, `path@attr` → attribute value.
type Fields = HashMap<String, String>;

/// A record and the records nested in it (WXR comments inside an item).
#[derive(Debug, Default)]
struct Record {
    name: String,
    fields: Fields,
    children: Vec<Record>,
}

/// Which XML export a document is.
pub fn detect(text: &str) -> Option<Format> {
    let head: String = text.chars().take(4096).collect();
    if !head.starts_with("<?xml") && !head.starts_with("<disqus") && !head.starts_with("<rss") {
        return None;
    }
    if head.contains("<disqus") {
        Some(Format::DisqusXml)
    } else if head.contains("wordpress.org/export") || head.contains("<wp:wxr_version") {
        Some(Format::Wxr)
    } else {
        None
    }
}

/// Reads the records named `records` (outside any other record) and the `children` records
/// directly inside them.
fn read_records(
    text: &str,
    records: &[&str],
    children: &[&str],
) -> Result<Vec<Record>, InputError> {
    let mut reader = Reader::from_str(text);
    let mut state = RecordReader {
        records,
        children,
        ..Default::default()
    };
    loop {
        let event = reader.read_event().map_err(|e| {
            InputError::Invalid(format!(
                "malformed XML at byte {}: {e}",
                reader.error_position()
            ))
        })?;
        match event {
            Event::Start(e) => state.start(&e),
            Event::Empty(e) => {
                state.start(&e);
                state.end();
            }
            Event::End(_) => state.end(),
            Event::Text(t) => state.text(&t.xml10_content().unwrap_or_default()),
            Event::CData(t) => state.text(&t.decode().unwrap_or_default()),
            Event::GeneralRef(r) => {
                let name = r.decode().unwrap_or_default();
                state.text(
                    &entity(&name)
                        .map(String::from)
                        .unwrap_or_else(|| format!("&{name};")),
                );
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(name) = state.path.first() {
        return Err(InputError::Invalid(format!(
            "truncated XML: <{name}> is never closed"
        )));
    }
    Ok(state.out)
}

/// The streaming state: every open element, and the open records with the path depth at
/// which each started.
#[derive(Default)]
struct RecordReader<'a> {
    records: &'a [&'a str],
    children: &'a [&'a str],
    path: Vec<String>,
    open: Vec<(Record, usize)>,
    out: Vec<Record>,
}

impl RecordReader<'_> {
    fn start(&mut self, e: &BytesStart<'_>) {
        let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
        self.path.push(name.clone());
        let depth = self.path.len();
        let opens = match self.open.last() {
            None => self.records.contains(&name.as_str()),
            Some((_, start)) => {
                self.open.len() == 1 && depth == start + 1 && self.children.contains(&name.as_str())
            }
        };
        if opens {
            let mut record = Record {
                name,
                ..Default::default()
            };
            store_attributes(e, "", &mut record.fields);
            self.open.push((record, depth));
        } else if let Some((record, start)) = self.open.last_mut() {
            let key = self.path[*start..].join("/");
            store_attributes(e, &key, &mut record.fields);
            record.fields.entry(key).or_default();
        }
    }

    fn end(&mut self) {
        if self
            .open
            .last()
            .is_some_and(|(_, start)| *start == self.path.len())
        {
            if let Some((record, _)) = self.open.pop() {
                match self.open.last_mut() {
                    Some((parent, _)) => parent.children.push(record),
                    None => self.out.push(record),
                }
            }
        }
        self.path.pop();
    }

    fn text(&mut self, text: &str) {
        if let Some((record, start)) = self.open.last_mut() {
            if self.path.len() > *start {
                record
                    .fields
                    .entry(self.path[*start..].join("/"))
                    .or_default()
                    .push_str(text);
            }
        }
    }
}

fn store_attributes(e: &BytesStart<'_>, key: &str, fields: &mut Fields) {
    for attr in e.attributes().flatten() {
        let name = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_default();
        fields.insert(format!("{key}@{name}"), value);
    }
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// Text with its HTML character references decoded (`&laquo;` → `«`), by the HTML parser.
fn entities_decoded(text: &str) -> String {
    if text.contains('&') {
        crate::parse::html::fragment_text(text).0
    } else {
        text.to_string()
    }
}

/// An absolute `http(s)` address.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")) && lower.len() > 10
}

fn field(fields: &Fields, key: &str) -> Option<String> {
    fields
        .get(key)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// A Disqus export: one thread per `<thread>`, posts attached by `<thread dsq:id>`; posts of a
/// thread the export does not contain form a thread of their own, with a note.
pub fn disqus(source: &str, text: &str) -> Result<Vec<Thread>, InputError> {
    let records = read_records(text, &["thread", "post", "category"], &[])?;
    let mut order: Vec<String> = Vec::new();
    let mut pages: HashMap<String, Page> = HashMap::new();
    let mut posts: HashMap<String, Vec<RawComment>> = HashMap::new();
    for record in &records {
        let id = field(&record.fields, "@dsq:id").unwrap_or_default();
        match record.name.as_str() {
            "thread" => {
                order.push(id.clone());
                pages.insert(id, disqus_page(source, &record.fields));
            }
            "post" => {
                let thread = field(&record.fields, "thread@dsq:id").unwrap_or_default();
                posts
                    .entry(thread)
                    .or_default()
                    .push(disqus_post(&record.fields, &id));
            }
            _ => {}
        }
    }
    let mut orphans: Vec<String> = posts
        .keys()
        .filter(|t| !pages.contains_key(*t))
        .cloned()
        .collect();
    orphans.sort();
    for thread in orphans {
        let mut page = disqus_page(source, &Fields::new());
        page.notes.push(format!(
            "thread {thread} is not in the export; its posts are kept here"
        ));
        pages.insert(thread.clone(), page);
        order.push(thread);
    }
    Ok(order
        .into_iter()
        .map(|id| {
            let mut page = pages
                .remove(&id)
                .unwrap_or_else(|| Page::new(source, Format::DisqusXml));
            let comments = build_comments(posts.remove(&id).unwrap_or_default(), &mut page.notes);
            Thread {
                id: format!("disqus-{id}"),
                page,
                comments,
            }
        })
        .collect())
}

fn disqus_page(source: &str, fields: &Fields) -> Page {
    let mut page = Page::new(source, Format::DisqusXml);
    page.url = field(fields, "link");
    page.site = page.url.as_deref().and_then(crate::parse::html::meta::host);
    page.title = field(fields, "title");
    page.published = field(fields, "createdAt");
    page.author = field(fields, "author/name");
    page.comment_system = Some("disqus".into());
    page.comment_section = CommentSection::Found { declared: None };
    page
}

fn disqus_post(fields: &Fields, id: &str) -> RawComment {
    let (text, quotes, links) = fragment(&field(fields, "message").unwrap_or_default());
    RawComment {
        id: Some(id.to_string()),
        parent: field(fields, "parent@dsq:id").map(ParentRef::Id),
        author: field(fields, "author/name").or_else(|| field(fields, "author/username")),
        timestamp: field(fields, "createdAt"),
        text,
        quotes,
        links,
        ..Default::default()
    }
}

/// A WordPress WXR export: one thread per post or page (and per other item with comments).
pub fn wxr(source: &str, text: &str) -> Result<Vec<Thread>, InputError> {
    let items = read_records(text, &["item"], &["wp:comment"])?;
    let threads = items
        .into_iter()
        .filter(|item| {
            let kind = field(&item.fields, "wp:post_type").unwrap_or_default();
            kind == "post" || kind == "page" || !item.children.is_empty()
        })
        .map(|item| wxr_thread(source, item))
        .collect();
    Ok(threads)
}

fn wxr_thread(source: &str, item: Record) -> Thread {
    let f = &item.fields;
    let mut page = Page::new(source, Format::Wxr);
    page.title = field(f, "title");
    page.url = field(f, "link");
    page.site = page.url.as_deref().and_then(crate::parse::html::meta::host);
    page.author = field(f, "dc:creator");
    page.published = field(f, "wp:post_date_gmt")
        .filter(|d| !d.starts_with("0000"))
        .or_else(|| field(f, "wp:post_date"));
    page.article_text = fragment_text(&field(f, "content:encoded").unwrap_or_default()).0;
    page.comment_system = Some("wordpress".into());
    page.comment_section = CommentSection::Found { declared: None };
    let raw = item
        .children
        .iter()
        .map(|c| wxr_comment(&c.fields))
        .collect();
    let comments = build_comments(raw, &mut page.notes);
    let id = field(f, "wp:post_id").unwrap_or_default();
    Thread {
        id: format!("wp-{id}"),
        page,
        comments,
    }
}

fn wxr_comment(f: &Fields) -> RawComment {
    let (text, quotes, links) = fragment(&field(f, "wp:comment_content").unwrap_or_default());
    let kind = match field(f, "wp:comment_type").as_deref() {
        Some("pingback") => CommentKind::Pingback,
        Some("trackback") => CommentKind::Trackback,
        _ => CommentKind::Comment,
    };
    RawComment {
        id: field(f, "wp:comment_id"),
        parent: field(f, "wp:comment_parent")
            .filter(|p| p != "0")
            .map(ParentRef::Id),
        // WXR keeps the author as HTML (pingback titles hold `&laquo;`, `&#8217;`).
        author: field(f, "wp:comment_author").map(|a| entities_decoded(&a)),
        author_url: field(f, "wp:comment_author_url").filter(|u| is_web_address(u)),
        timestamp: field(f, "wp:comment_date_gmt").or_else(|| field(f, "wp:comment_date")),
        text,
        quotes,
        kind,
        links,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wxr_authors_lose_their_entities_and_urls_must_be_web_addresses() {
        assert_eq!(
            entities_decoded("Blog &laquo; It&#8217;s mine"),
            "Blog « It’s mine"
        );
        assert_eq!(entities_decoded("Plain"), "Plain");
        assert!(is_web_address("https://example.org/"));
        assert!(!is_web_address("javascript:alert(1)") && !is_web_address("/relative"));
    }
}
