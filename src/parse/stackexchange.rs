//! Stack Exchange data dumps: `Posts.xml` and `Comments.xml`, streamed row by row.
//!
//! Every question is a thread (its title and body the page), its answers are top-level
//! comments, and comments reply to the post they were made on (a comment on the question is
//! top level). The dumps write one `<row …/>` per line, their text attributes escaped, so the
//! streaming path of `analyze` ([`crate::pipeline`]) reads them line by line like a Pushshift
//! dump and groups rows by question in the same bounded-memory spill.
//!
//! The join: an answer names its question (`ParentId`), a comment only its post (`PostId`),
//! which may be an answer. While posts are read, each answer's question is kept (8 bytes an
//! answer, [`Answers`]); comments wait in a spill of their own and are filed under their
//! question once every input has been read, so the order of the files does not matter.
//!
//! Field names are the dump's own (the `readme.txt` shipped with every dump): posts `Id`,
//! `PostTypeId` (1 question, 2 answer), `ParentId`, `CreationDate`, `Body` (HTML), `Title`,
//! `Tags`, `OwnerUserId`, `OwnerDisplayName`, `AnswerCount`, `CommentCount`; comments `Id`,
//! `PostId`, `Text` (plain text), `CreationDate`, `UserId`, `UserDisplayName`. User names live
//! in `Users.xml`, which is not read: an author is `OwnerDisplayName` when the dump gives it,
//! else `user<OwnerUserId>`.
//!
//! Sites: ids are per site, so a thread is named by the folder its file lies in (dumps unpack
//! to `<site>/Posts.xml`), `se-<folder>-<question id>`: the Posts and Comments of one site must
//! share a folder, and two sites never do.

use quick_xml::events::Event;
use serde_json::{Value, json};

use crate::model::{CommentSection, Format, Page, Thread};
use crate::parse::html::fragment_text;
use crate::parse::json::str_of;
use crate::parse::{ParentRef, RawComment, build_comments};

/// Which file of a dump a stream is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DumpFile {
    /// `Posts.xml`.
    Posts,
    /// `Comments.xml`.
    Comments,
}

/// Which dump file `head` (the start of a decompressed input) opens, from its root element.
pub fn detect(head: &[u8]) -> Option<DumpFile> {
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    let body = text.trim_start_matches('\u{feff}').trim_start();
    let body = match body.strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>")?.1.trim_start(),
        None => body,
    };
    let is_root = |name: &str| {
        body.strip_prefix(name)
            .is_some_and(|r| r.starts_with(['>', ' ', '\n', '\r', '\t']))
    };
    if is_root("<posts") {
        Some(DumpFile::Posts)
    } else if is_root("<comments") {
        Some(DumpFile::Comments)
    } else {
        None
    }
}

/// One row of a dump, read from its line.
#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    /// A question: the page of its thread.
    Question {
        /// Its id.
        id: u32,
        /// The row as stored in the spill.
        json: String,
    },
    /// An answer to question `question`.
    Answer {
        /// Its id.
        id: u32,
        /// The question.
        question: u32,
        /// Its text (for campaign counts).
        text: String,
        /// The row as stored in the spill.
        json: String,
    },
    /// A comment on post `post` (a question or an answer).
    Comment {
        /// The post.
        post: u32,
        /// Its text (for campaign counts).
        text: String,
        /// The row as stored in the spill.
        json: String,
    },
    /// A line that is no post or comment row: the XML declaration, the root element, other
    /// post types (tag wikis, nominations).
    Other,
}

/// Reads one line of a dump file; `None` when it is a `<row` that cannot be read (malformed
/// XML, a missing or non-numeric id).
pub fn row(line: &str, file: DumpFile) -> Option<Row> {
    let trimmed = line.trim();
    if !trimmed.starts_with("<row") {
        return Some(Row::Other);
    }
    let mut reader = quick_xml::Reader::from_str(trimmed);
    let start = match reader.read_event().ok()? {
        Event::Empty(e) | Event::Start(e) => e.into_owned(),
        _ => return None,
    };
    let mut fields = serde_json::Map::new();
    for attribute in start.attributes() {
        let attribute = attribute.ok()?;
        let key = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()?
            .into_owned();
        fields.insert(key, Value::String(value));
    }
    let number = |key: &str| fields.get(key)?.as_str()?.parse::<u32>().ok();
    let id = number("Id")?;
    match file {
        DumpFile::Posts => match fields.get("PostTypeId").and_then(Value::as_str) {
            Some("1") => Some(Row::Question {
                id,
                json: keep(&fields, POST_FIELDS, "q"),
            }),
            Some("2") => {
                let question = number("ParentId")?;
                let text =
                    fragment_text(fields.get("Body").and_then(Value::as_str).unwrap_or("")).0;
                Some(Row::Answer {
                    id,
                    question,
                    text,
                    json: keep(&fields, POST_FIELDS, "a"),
                })
            }
            _ => Some(Row::Other),
        },
        DumpFile::Comments => {
            let post = number("PostId")?;
            let text = fields
                .get("Text")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            Some(Row::Comment {
                post,
                text,
                json: keep(&fields, COMMENT_FIELDS, "c"),
            })
        }
    }
}

const POST_FIELDS: &[&str] = &[
    "Id",
    "ParentId",
    "CreationDate",
    "Body",
    "Title",
    "Tags",
    "OwnerUserId",
    "OwnerDisplayName",
    "AnswerCount",
    "CommentCount",
];

const COMMENT_FIELDS: &[&str] = &[
    "Id",
    "PostId",
    "Text",
    "CreationDate",
    "UserId",
    "UserDisplayName",
];

/// The fields threadscan reads, and the row's kind under `k`, as the JSON text the spill
/// holds (no spare capacity: the spill's budget counts its length).
fn keep(fields: &serde_json::Map<String, Value>, names: &[&str], kind: &str) -> String {
    let mut out: serde_json::Map<String, Value> = names
        .iter()
        .filter_map(|n| Some((n.to_string(), fields.get(*n)?.clone())))
        .collect();
    out.insert("k".into(), json!(kind));
    let mut text = Value::Object(out).to_string();
    text.shrink_to_fit();
    text
}

/// Whether a stored row is a question.
pub fn is_question(json: &str) -> bool {
    json.contains(r#""k":"q""#)
}

/// The spill key of a thread: `se:<site>:<question id>`.
pub fn link(site: &str, question: u32) -> String {
    format!("se:{site}:{question}")
}

/// The site and post id of a key made by [`link`].
pub fn split_link(link: &str) -> Option<(&str, u32)> {
    let rest = link.strip_prefix("se:")?;
    let (site, id) = rest.rsplit_once(':')?;
    Some((site, id.parse().ok()?))
}

/// The site a dump file belongs to: the name of the folder it lies in.
pub fn site_of(source: &str) -> String {
    std::path::Path::new(source)
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Each answer's question, per site, for filing comments made on answers: 8 bytes an answer,
/// appended while posts are read, sorted once ([`Answers::sorted`]) before comments are filed.
#[derive(Debug, Default)]
pub struct Answers {
    sites: Vec<(String, Vec<(u32, u32)>)>,
}

impl Answers {
    /// Records that `answer` answers `question`.
    pub fn insert(&mut self, site: &str, answer: u32, question: u32) {
        let index = match self.sites.iter().position(|(s, _)| s == site) {
            Some(i) => i,
            None => {
                self.sites.push((site.to_string(), Vec::new()));
                self.sites.len() - 1
            }
        };
        self.sites[index].1.push((answer, question));
    }

    /// The answers, ready to be asked.
    pub fn sorted(mut self) -> Self {
        for (_, pairs) in &mut self.sites {
            pairs.sort_unstable();
            pairs.shrink_to_fit();
        }
        self
    }

    /// The question of post `post` (on a [`Answers::sorted`] set): its question when it is a
    /// known answer, else the post itself (a question).
    pub fn question_of(&self, site: &str, post: u32) -> u32 {
        self.sites
            .iter()
            .find(|(s, _)| s == site)
            .and_then(|(_, pairs)| {
                let at = pairs.binary_search_by_key(&post, |(a, _)| *a).ok()?;
                Some(pairs[at].1)
            })
            .unwrap_or(post)
    }
}

/// Builds a question's thread from its rows (in any order): the question is the page,
/// answers come in id order, each after the comments on the question and followed by its own
/// comments. A thread whose question row is missing (a partial dump) keeps its answers and
/// comments, with a note.
pub fn thread(link: &str, rows: &[&str], source: &str) -> Thread {
    let (site, question) = split_link(link).unwrap_or(("", 0));
    let values: Vec<Value> = rows
        .iter()
        .filter_map(|r| serde_json::from_str(r).ok())
        .collect();
    let kind = |v: &Value| v.get("k").and_then(Value::as_str).unwrap_or("").to_string();
    let id = |v: &Value| {
        str_of(v, "Id")
            .and_then(|i| i.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let mut page = Page::new(source, Format::StackExchangeXml);
    page.comment_system = Some("stackexchange".into());
    page.site = (!site.is_empty()).then(|| site.to_string());
    match values.iter().find(|v| kind(v) == "q") {
        Some(q) => {
            page.title = str_of(q, "Title");
            page.author = author(q, "OwnerDisplayName", "OwnerUserId");
            page.published = str_of(q, "CreationDate").map(|d| utc(&d));
            page.article_text = fragment_text(&str_of(q, "Body").unwrap_or_default()).0;
            // `AnswerCount` and `CommentCount` count answers and the question's own comments,
            // not the comments on answers: the dump declares no total.
            page.comment_section = CommentSection::Found { declared: None };
        }
        None => {
            page.comment_section = CommentSection::Found { declared: None };
            page.notes.push(format!("question {question} is not in the input: its answers and comments are read without it"));
        }
    }
    if site.contains('.') {
        page.url = Some(format!("https://{site}/questions/{question}"));
    }
    let mut answers: Vec<&Value> = values.iter().filter(|v| kind(v) == "a").collect();
    answers.sort_by_key(|v| id(v));
    let mut comments: Vec<&Value> = values.iter().filter(|v| kind(v) == "c").collect();
    comments.sort_by_key(|v| id(v));
    let comment_row = |c: &Value| {
        let post = str_of(c, "PostId").unwrap_or_default();
        RawComment {
            id: str_of(c, "Id").map(|i| format!("c{i}")),
            parent: (post != question.to_string()).then(|| ParentRef::Id(format!("a{post}"))),
            author: author(c, "UserDisplayName", "UserId"),
            timestamp: str_of(c, "CreationDate").map(|d| utc(&d)),
            text: str_of(c, "Text").unwrap_or_default(),
            ..Default::default()
        }
    };
    // Comments by the post they were made on, each list in id order: one pass, where asking
    // every answer for its comments walked all of the thread's comments once per answer.
    let post_of = |c: &Value| {
        str_of(c, "PostId")
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let mut on: std::collections::BTreeMap<u32, Vec<&Value>> = std::collections::BTreeMap::new();
    for c in comments {
        on.entry(post_of(c)).or_default().push(c);
    }
    let mut take = |post: u32| {
        on.remove(&post)
            .unwrap_or_default()
            .into_iter()
            .map(comment_row)
    };
    let mut raw: Vec<RawComment> = take(question).collect();
    for a in &answers {
        let (text, quotes) = fragment_text(&str_of(a, "Body").unwrap_or_default());
        raw.push(RawComment {
            id: Some(format!("a{}", id(a))),
            parent: None,
            author: author(a, "OwnerDisplayName", "OwnerUserId"),
            timestamp: str_of(a, "CreationDate").map(|d| utc(&d)),
            text,
            quotes,
            ..Default::default()
        });
        raw.extend(take(id(a)));
    }
    // Comments on a post this thread does not hold (an answer missing from the dump), in id
    // order.
    let mut rest: Vec<&Value> = on.into_values().flatten().collect();
    rest.sort_by_key(|v| id(v));
    raw.extend(rest.into_iter().map(comment_row));
    let comments = build_comments(raw, &mut page.notes);
    let id = if site.is_empty() {
        format!("se-{question}")
    } else {
        format!("se-{site}-{question}")
    };
    Thread { id, page, comments }
}

/// The shown name, else `user<id>`.
fn author(v: &Value, name: &str, id: &str) -> Option<String> {
    str_of(v, name)
        .filter(|n| !n.trim().is_empty())
        .or_else(|| str_of(v, id).map(|i| format!("user{i}")))
}

/// The dumps' times are UTC without a zone (`2008-07-31T21:42:52.667`).
fn utc(date: &str) -> String {
    let whole = date.split('.').next().unwrap_or(date);
    if whole.ends_with('Z') || whole.len() != 19 {
        whole.to_string()
    } else {
        format!("{whole}Z")
    }
}

/// A whole dump file read at once (`show`, or an input given in memory): its questions, with
/// the answers and comments the same file holds. `analyze` streams dump files instead.
pub fn parse(source: &str, text: &str) -> Result<Vec<Thread>, crate::error::InputError> {
    let file = detect(text.as_bytes()).ok_or_else(|| {
        crate::error::InputError::Invalid("not a Stack Exchange Posts.xml or Comments.xml".into())
    })?;
    let site = site_of(source);
    let mut answers = Answers::default();
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut comments: Vec<(u32, String)> = Vec::new();
    let mut bad = 0usize;
    for line in text.lines() {
        match row(line, file) {
            Some(Row::Question { id, json }) => rows.push((link(&site, id), json)),
            Some(Row::Answer {
                id, question, json, ..
            }) => {
                answers.insert(&site, id, question);
                rows.push((link(&site, question), json));
            }
            Some(Row::Comment { post, json, .. }) => comments.push((post, json)),
            Some(Row::Other) => {}
            None => bad += 1,
        }
    }
    let answers = answers.sorted();
    rows.extend(
        comments
            .into_iter()
            .map(|(post, json)| (link(&site, answers.question_of(&site, post)), json)),
    );
    rows.sort_by(|a, b| {
        let key = |l: &str| split_link(l).map(|(_, q)| q).unwrap_or(0);
        key(&a.0).cmp(&key(&b.0))
    });
    let mut threads = Vec::new();
    for group in rows.chunk_by(|a, b| a.0 == b.0) {
        let jsons: Vec<&str> = group.iter().map(|(_, j)| j.as_str()).collect();
        let mut t = thread(&group[0].0, &jsons, source);
        if bad > 0 {
            t.page.notes.push(format!("{bad} unreadable rows skipped"));
        }
        threads.push(t);
    }
    if threads.is_empty() && bad > 0 {
        return Err(crate::error::InputError::Invalid(format!(
            "{bad} unreadable rows and no question, answer or comment"
        )));
    }
    Ok(threads)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_read_from_their_lines() {
        let q = r#"  <row Id="5" PostTypeId="1" CreationDate="2010-01-02T03:04:05.678" Body="&lt;p&gt;How &amp;amp; why?&lt;/p&gt;" Title="A title" OwnerUserId="9" AnswerCount="1" CommentCount="0" />"#;
        assert!(matches!(
            row(q, DumpFile::Posts),
            Some(Row::Question { id: 5, .. })
        ));
        let a = r#"  <row Id="7" PostTypeId="2" ParentId="5" Body="&lt;p&gt;Because.&lt;/p&gt;" OwnerDisplayName="Ann" />"#;
        match row(a, DumpFile::Posts) {
            Some(Row::Answer {
                id, question, text, ..
            }) => {
                assert_eq!((id, question, text.as_str()), (7, 5, "Because."));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(row("<posts>", DumpFile::Posts), Some(Row::Other));
        assert_eq!(
            row(r#"<row Id="x" PostTypeId="1" />"#, DumpFile::Posts),
            None
        );
        assert_eq!(
            row(
                r#"<row Id="1" PostTypeId="1" Body="unclosed />"#,
                DumpFile::Posts
            ),
            None
        );
        assert_eq!(
            detect(b"\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<posts>\n"),
            Some(DumpFile::Posts)
        );
        assert_eq!(detect(b"<comments>\r\n  <row"), Some(DumpFile::Comments));
        assert_eq!(detect(b"<postsx>"), None);
    }
}
