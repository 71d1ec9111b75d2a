//! Comments a page holds only in its script data.
//!
//! Script-built pages (Next.js's `__NEXT_DATA__`, a store's `window.__INITIAL_STATE__ = {…}`,
//! `<script type="application/json">`) are often saved before their scripts drew the comments,
//! with the comments' data already in the page. Where no finder found comments in the markup,
//! a list of records under a field that names comments (`comments`, `commentList`) is read as
//! the thread: each record with words (`body`, `text`, `content`, `message`) and a writer
//! (`author`, `user`, `username`), its replies nested under `replies`/`children` or named by
//! a parent field. Lists of other things are no thread: records with titles or headlines
//! (articles, teasers), and lists named for recent, latest or popular comments (a sidebar of
//! comments on other pages). Of several lists, the one with the most comments.
//!
//! Bounded work as in [`super::script_data`]: only scripts that mention comments are read,
//! at most as many JSON values per page as there, and [`MAX_RECORDS`] comments.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::Extraction;
use super::dom::{Doc, tidy};
use super::script_data::script_values;
use crate::parse::{ParentRef, RawComment};

/// Comments read per page.
const MAX_RECORDS: usize = 100_000;
/// Nesting followed into a value.
const MAX_DEPTH: usize = 32;

/// Fields that hold a comment's words, most specific first.
const TEXT_KEYS: &[&str] = &[
    "body",
    "bodyHtml",
    "body_html",
    "text",
    "content",
    "contentHtml",
    "content_html",
    "message",
    "comment",
    "html",
];
/// Fields that hold its writer: a name, or an object with one.
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "user",
    "creator",
    "owner",
    "username",
    "userName",
    "author_name",
    "authorName",
    "user_name",
];
/// Fields of a writer object that hold the shown name.
const NAME_KEYS: &[&str] = &[
    "name",
    "displayName",
    "display_name",
    "username",
    "userName",
    "nickname",
    "login",
    "screen_name",
];
/// Fields of a writer object that hold the link on the name.
const URL_KEYS: &[&str] = &["url", "website", "profileUrl", "profile_url", "html_url"];
/// Fields that hold the comment's id.
const ID_KEYS: &[&str] = &["id", "commentId", "comment_id", "_id", "uuid"];
/// Fields that name the comment it answers.
const PARENT_KEYS: &[&str] = &[
    "parentId",
    "parent_id",
    "parent",
    "parentCommentId",
    "parent_comment_id",
    "replyTo",
    "reply_to",
    "inReplyTo",
    "in_reply_to",
];
/// Fields that hold its replies.
const REPLY_KEYS: &[&str] = &[
    "replies",
    "children",
    "comments",
    "childComments",
    "answers",
];
/// Fields that hold its time: ISO text, or Unix seconds or milliseconds.
const TIME_KEYS: &[&str] = &[
    "createdAt",
    "created_at",
    "created",
    "created_utc",
    "datePublished",
    "dateCreated",
    "date",
    "postedAt",
    "posted_at",
    "publishedAt",
    "published_at",
    "timestamp",
    "time",
];
/// Fields that make a record something other than a comment (an article, a teaser).
const TITLE_KEYS: &[&str] = &["title", "headline"];
/// Words in a list's field name that make it a sidebar of comments on other pages.
const SIDEBAR_WORDS: &[&str] = &["recent", "latest", "popular", "top", "featured", "count"];

/// One comment read from the data, before the tree is told.
struct Record {
    /// The comment, its id as written.
    raw: RawComment,
    /// The id its parent field names.
    parent_id: Option<String>,
    /// The record whose reply list holds it.
    enclosing: Option<usize>,
}

/// The comments of the page's script data; `None` when it holds no list of them.
pub fn extract(doc: &Doc) -> Option<Extraction> {
    let mut best: Vec<Record> = Vec::new();
    script_values(
        doc,
        |script, text| {
            !script
                .value()
                .attr("type")
                .unwrap_or("")
                .contains("ld+json")
                && memchr::memmem::find(text.as_bytes(), b"omment").is_some()
        },
        |value| {
            find_lists(value, 0, &mut best);
            true
        },
    );
    if best.is_empty() {
        return None;
    }
    Some(Extraction {
        system: "script-data".into(),
        finder: "the comments' records in the page's script data",
        tree: if best
            .iter()
            .any(|r| r.parent_id.is_some() || r.enclosing.is_some())
        {
            "parent ids and reply lists in the data"
        } else {
            "page order (a flat list)"
        },
        comments: tree(best),
        ..Default::default()
    })
}

/// Looks for lists of comments in `value`, keeping in `best` the one with the most.
fn find_lists(value: &Value, depth: usize, best: &mut Vec<Record>) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                find_lists(item, depth + 1, best);
            }
        }
        Value::Object(fields) => {
            for (name, field) in fields {
                if let Some(items) = names_comments(name).then(|| list_in(field)).flatten() {
                    let mut records = Vec::new();
                    if read_list(&items, None, 0, &mut records) && records.len() > best.len() {
                        *best = records;
                    }
                    continue;
                }
                find_lists(field, depth + 1, best);
            }
        }
        _ => {}
    }
}

/// The list a comments field holds: the field itself, or a connection's list inside it
/// (`{"edges": [{"node": {…}}]}` of GraphQL, `{"nodes": […]}`, `{"items": […]}`), each
/// `node` unwrapped.
fn list_in(field: &Value) -> Option<Vec<&Value>> {
    let items = match field {
        Value::Array(items) => items,
        Value::Object(inner) => ["edges", "nodes", "items", "results", "data"]
            .iter()
            .find_map(|k| inner.get(*k)?.as_array())?,
        _ => return None,
    };
    Some(
        items
            .iter()
            .map(|item| item.get("node").unwrap_or(item))
            .collect(),
    )
}

/// A field name that names this page's comments (`comments`, `commentList`,
/// `comment_nodes`), not a sidebar's (`recentComments`) nor a count.
fn names_comments(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains("comment") && !SIDEBAR_WORDS.iter().any(|w| lower.contains(w))
}

/// Reads a list of comments and their nested replies into `records`; false (and nothing
/// kept) when the list is not one: most of its objects lack words or a writer, or most have a
/// title.
fn read_list(
    items: &[&Value],
    enclosing: Option<usize>,
    depth: usize,
    records: &mut Vec<Record>,
) -> bool {
    let objects: Vec<&Map<String, Value>> = items.iter().filter_map(|v| v.as_object()).collect();
    if objects.is_empty() || depth > MAX_DEPTH {
        return enclosing.is_some();
    }
    let commentlike = objects
        .iter()
        .filter(|o| words(o).is_some() && writer(o).0.is_some())
        .count();
    let titled = objects
        .iter()
        .filter(|o| TITLE_KEYS.iter().any(|k| o.contains_key(*k)))
        .count();
    if commentlike * 5 < objects.len() * 4 || titled * 2 > objects.len() {
        return false;
    }
    for object in objects {
        if records.len() >= MAX_RECORDS {
            break;
        }
        let (author, author_url) = writer(object);
        let text = words(object).unwrap_or_default();
        records.push(Record {
            raw: RawComment {
                id: scalar(object, ID_KEYS),
                author,
                author_url,
                timestamp: time(object),
                text,
                ..Default::default()
            },
            parent_id: scalar(object, PARENT_KEYS)
                .filter(|p| !p.is_empty() && !p.bytes().all(|b| b == b'0')),
            enclosing,
        });
        let here = records.len() - 1;
        for key in REPLY_KEYS {
            if let Some(replies) = object.get(*key).and_then(list_in) {
                read_list(&replies, Some(here), depth + 1, records);
            }
        }
    }
    true
}

/// The first of `keys` the object holds as a string or number, as text.
fn scalar(object: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match object.get(*k)? {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// The comment's words: the first text field with letters, read as HTML where it is markup.
fn words(object: &Map<String, Value>) -> Option<String> {
    TEXT_KEYS.iter().find_map(|k| {
        let text = object.get(*k)?.as_str()?;
        if !text.chars().any(char::is_alphanumeric) {
            return None;
        }
        Some(if text.contains('<') && text.contains('>') {
            super::fragment_text(text).0
        } else {
            tidy(text)
        })
    })
}

/// The writer's name and the link on it: a name written out, or an object holding one.
fn writer(object: &Map<String, Value>) -> (Option<String>, Option<String>) {
    for key in AUTHOR_KEYS {
        match object.get(*key) {
            Some(Value::String(name)) if !name.trim().is_empty() => {
                return (Some(name.trim().to_string()), None);
            }
            Some(Value::Object(who)) => {
                if let Some(name) = scalar(who, NAME_KEYS).filter(|n| !n.is_empty()) {
                    let url = scalar(who, URL_KEYS)
                        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
                    return (Some(name), url);
                }
            }
            _ => {}
        }
    }
    (None, None)
}

/// The comment's time: ISO text, or Unix seconds or milliseconds between 2000 and 2100.
fn time(object: &Map<String, Value>) -> Option<String> {
    TIME_KEYS.iter().find_map(|k| match object.get(*k)? {
        Value::String(s) => super::meta::timestamp(s),
        Value::Number(n) => {
            let n = n.as_f64()?;
            let seconds = if n > 1e11 { n / 1000.0 } else { n } as i64;
            super::meta::plausible_unix_time(seconds)
        }
        _ => None,
    })
}

/// The comments with their parents: a parent field that names an earlier record's id, else
/// the record whose reply list holds it.
fn tree(records: Vec<Record>) -> Vec<RawComment> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        if let Some(id) = r.raw.id.as_deref() {
            index.entry(id).or_insert(i);
        }
    }
    let parents: Vec<Option<usize>> = records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            r.parent_id
                .as_deref()
                .and_then(|p| index.get(p).copied())
                .filter(|&p| p < i)
                .or(r.enclosing)
        })
        .collect();
    records
        .into_iter()
        .zip(parents)
        .map(|(r, parent)| RawComment {
            parent: parent.map(ParentRef::Index),
            ..r.raw
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(script: &str) -> Doc {
        Doc::parse(&format!(
            "<html><head><title>t</title></head><body><div id=\"__next\"></div>{script}</body></html>"
        ))
    }

    #[test]
    fn next_data_comments_with_parent_ids() {
        let doc = page(
            r#"<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"article":{"title":"T","body":"B"},"comments":[
            {"id":"c1","parentId":null,"author":{"name":"Ann","url":"https://ann.example"},"body":"<p>First <b>words</b></p>","createdAt":"2023-03-14T09:00:00Z"},
            {"id":"c2","parentId":"c1","author":{"name":"Bo"},"body":"A reply","createdAt":1678784460},
            {"id":"c3","parentId":null,"author":"Cy","body":"Another","createdAt":"2023-03-14T09:02:00Z"}]}}}</script>"#,
        );
        let found = extract(&doc).expect("comments found");
        let c = &found.comments;
        assert_eq!(c[0].author.as_deref(), Some("Ann"));
        assert_eq!(c[0].text, "First words");
        assert_eq!(c[0].author_url.as_deref(), Some("https://ann.example"));
        assert_eq!(c[1].parent, Some(ParentRef::Index(0)));
        assert_eq!(c[1].timestamp.as_deref(), Some("2023-03-14T09:01:00Z"));
        assert_eq!(c[2].parent, None);
    }

    #[test]
    fn nested_replies_in_an_assigned_state() {
        let doc = page(
            r#"<script>window.__INITIAL_STATE__ = {"thread":{"commentList":[
            {"id":1,"user":{"username":"ann"},"text":"Top","replies":[{"id":2,"user":{"username":"bo"},"text":"Under"}]},
            {"id":3,"user":{"username":"cy"},"text":"Second top"}]}};</script>"#,
        );
        let found = extract(&doc).expect("comments found");
        let parents: Vec<Option<ParentRef>> =
            found.comments.iter().map(|c| c.parent.clone()).collect();
        assert_eq!(parents, [None, Some(ParentRef::Index(0)), None]);
    }

    #[test]
    fn graphql_connections_of_comments() {
        let doc = page(
            r#"<script>window.__APOLLO_STATE__ = {"post":{"comments":{"totalCount":2,"edges":[
            {"node":{"id":"a","author":{"displayName":"Ann"},"content":"Top","replies":{"nodes":[{"id":"b","author":{"displayName":"Bo"},"content":"Under"}]}}}]}}};</script>"#,
        );
        let found = extract(&doc).expect("comments found");
        let got: Vec<(Option<&str>, Option<ParentRef>)> = found
            .comments
            .iter()
            .map(|c| (c.author.as_deref(), c.parent.clone()))
            .collect();
        assert_eq!(
            got,
            [(Some("Ann"), None), (Some("Bo"), Some(ParentRef::Index(0)))]
        );
    }

    #[test]
    fn sidebars_teasers_and_counts_are_no_thread() {
        for script in [
            r#"<script>var s = {"recentComments":[{"id":1,"author":"Ann","text":"On another post"}]};</script>"#,
            r#"<script>var s = {"comments":[{"id":1,"author":"Ann","title":"A teaser","body":"Text"}]};</script>"#,
            r#"<script>var s = {"commentCount":3,"comments":[{"id":1,"body":"No writer"}]};</script>"#,
            r#"<script src="/app.js"></script>"#,
        ] {
            assert!(extract(&page(script)).is_none(), "{script}");
        }
    }
}
