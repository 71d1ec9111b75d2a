//! Reply trees a page states in its script data.
//!
//! Pages whose comments are drawn by scripts often carry the comments' data as JSON in a
//! `<script>` (`Site.page = {"comments": [{"thread": 41, "parent": 40, …}]}`,
//! `window.__INITIAL_STATE__ = {…}`, `<script type="application/json">`), while their saved
//! markup lays the comments out as one flat list and indents replies with style sheets the
//! parser does not see. Where the markup gives no tree, the data may: a list of records whose
//! ids are the found comments' ids and whose parent fields name other found comments.
//!
//! Bounded work: only scripts that mention a parent field are read, a JSON value is tried only
//! where a script assigns or passes one (`= {`, `( [`) or where the whole script is one, and at
//! most [`MAX_TRIES`] values per page.

use std::collections::HashMap;

use serde_json::Value;

use scraper::ElementRef;

use super::dom::{Css, Doc, css};

static SCRIPTS: Css = css!("script");

/// JSON values tried per page.
const MAX_TRIES: usize = 64;
/// Objects looked at per page.
const MAX_OBJECTS: usize = 200_000;
/// Nesting followed into a value.
const MAX_DEPTH: usize = 24;

/// Field names that hold a comment's own id, most specific first.
const ID_KEYS: &[&str] = &[
    "thread",
    "dtalkid",
    "talkid",
    "comment_id",
    "commentId",
    "commentID",
    "post_id",
    "postId",
    "id",
    "_id",
    "uuid",
];

/// Field names that hold the id of the comment a comment answers.
const PARENT_KEYS: &[&str] = &[
    "parent",
    "parent_id",
    "parentId",
    "parentID",
    "parent_comment_id",
    "parentCommentId",
    "parent_post_id",
    "parentPostId",
    "reply_to",
    "replyTo",
    "reply_to_id",
    "replyToId",
    "in_reply_to",
    "inReplyTo",
    "in_reply_to_id",
];

/// Field names of an object's list of replies, for data that nests replies instead of naming
/// parents.
const CHILD_KEYS: &[&str] = &[
    "children",
    "replies",
    "answers",
    "comments",
    "child_comments",
];

/// One object of the page's data that has an id field.
struct Record {
    /// Its id fields, as strings (`ID_KEYS` index, value).
    ids: Vec<(usize, String)>,
    /// Its parent fields (`PARENT_KEYS` index, value), empty values left out.
    parents: Vec<(usize, String)>,
    /// The record whose reply list holds it, if any.
    enclosing: Option<usize>,
}

/// For each found comment (by its id, `None` when it has none), the index of the earlier
/// found comment it answers according to the page's script data; `None` when the data says
/// nothing usable: fewer than two or fewer than half of the comments with ids are in it, or
/// no record in it names a found comment as its parent.
pub(super) fn parents(doc: &Doc, ids: &[Option<&str>]) -> Option<Vec<Option<usize>>> {
    let known: HashMap<String, usize> = ids
        .iter()
        .enumerate()
        .filter_map(|(i, id)| Some((normal(id.as_deref()?)?, i)))
        .collect();
    if known.len() < 2 {
        return None;
    }
    let mut records = Vec::new();
    script_values(
        doc,
        |_, text| mentions_parent(text),
        |value| {
            collect(value, None, 0, &mut records);
            records.len() < MAX_OBJECTS
        },
    );
    tree(&records, &known, ids.len())
}

/// Hands `each` the JSON values that the page's inline scripts hold (see [`value_starts`]),
/// in page order, from the scripts `wanted` accepts (given the element and its text), until
/// `each` says stop or [`MAX_TRIES`] values were tried. A value already read is not read
/// again from inside.
pub(super) fn script_values(
    doc: &Doc,
    wanted: impl Fn(&ElementRef<'_>, &str) -> bool,
    mut each: impl FnMut(&Value) -> bool,
) {
    let mut tries = 0;
    for script in doc.select(&SCRIPTS) {
        if script.value().attr("src").is_some() {
            continue;
        }
        let text: String = script.text().collect();
        if !wanted(&script, &text) {
            continue;
        }
        let mut read_to = 0;
        for start in value_starts(&text) {
            if tries == MAX_TRIES {
                return;
            }
            if start < read_to {
                continue;
            }
            tries += 1;
            let mut values =
                serde_json::Deserializer::from_str(&text[start..]).into_iter::<Value>();
            if let Some(Ok(value)) = values.next() {
                read_to = start + values.byte_offset();
                if !each(&value) {
                    return;
                }
            }
        }
    }
}

/// The tree the records state over the found comments (see [`parents`]).
fn tree(
    records: &[Record],
    known: &HashMap<String, usize>,
    count: usize,
) -> Option<Vec<Option<usize>>> {
    // The id field that names the most found comments.
    let key = (0..ID_KEYS.len())
        .map(|k| {
            let hits = records
                .iter()
                .filter(|r| id_of(r, k).is_some_and(|v| known.contains_key(v)))
                .count();
            (hits, std::cmp::Reverse(k))
        })
        .max()
        .filter(|&(hits, _)| hits >= 2 && hits * 2 >= known.len())
        .map(|(_, std::cmp::Reverse(k))| k)?;
    let matched: Vec<(usize, usize)> = records
        .iter()
        .enumerate()
        .filter_map(|(r, rec)| Some((r, *known.get(id_of(rec, key)?)?)))
        .collect();
    // The parent field whose values name the most found comments; else the nesting.
    let parent_key = (0..PARENT_KEYS.len())
        .map(|p| {
            let hits = matched
                .iter()
                .filter(|&&(r, _)| parent_of(&records[r], p).is_some_and(|v| known.contains_key(v)))
                .count();
            (hits, std::cmp::Reverse(p))
        })
        .max()
        .filter(|&(hits, _)| hits > 0)
        .map(|(_, std::cmp::Reverse(p))| p);
    let mut parents = vec![None; count];
    let mut stated = 0;
    for &(r, i) in &matched {
        let parent = match parent_key {
            Some(p) => parent_of(&records[r], p).and_then(|v| known.get(v).copied()),
            None => records[r]
                .enclosing
                .and_then(|e| id_of(&records[e], key))
                .and_then(|v| known.get(v).copied()),
        };
        // A reply comes after what it answers; anything else is no tree.
        if let Some(p) = parent.filter(|&p| p < i) {
            parents[i] = Some(p);
            stated += 1;
        }
    }
    (stated > 0).then_some(parents)
}

fn id_of(record: &Record, key: usize) -> Option<&str> {
    keyed(&record.ids, key)
}

fn parent_of(record: &Record, key: usize) -> Option<&str> {
    keyed(&record.parents, key)
}

/// The value stored under the field name numbered `key`, if the record has that field.
fn keyed(fields: &[(usize, String)], key: usize) -> Option<&str> {
    fields
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.as_str())
}

/// A script that names a parent, reply-to or replies field.
fn mentions_parent(text: &str) -> bool {
    [&b"arent"[..], b"eply", b"eplies", b"hildren", b"nswers"]
        .iter()
        .any(|word| memchr::memmem::find(text.as_bytes(), word).is_some())
}

/// Where a JSON object or array may start: the whole script, or after `=` or `(` (an
/// assignment or a call's argument).
fn value_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let whole = text
        .find(|c: char| !c.is_whitespace())
        .filter(|&at| matches!(bytes[at], b'{' | b'['));
    whole
        .into_iter()
        .chain(memchr::memchr2_iter(b'{', b'[', bytes).filter(move |&at| {
            Some(at) != whole
                && bytes[..at]
                    .iter()
                    .rev()
                    .find(|b| !b.is_ascii_whitespace())
                    .is_some_and(|b| matches!(b, b'=' | b'('))
        }))
}

/// Gathers the records (objects with an id field) in `value`, depth first.
fn collect(value: &Value, enclosing: Option<usize>, depth: usize, records: &mut Vec<Record>) {
    if depth > MAX_DEPTH || records.len() >= MAX_OBJECTS {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                collect(item, enclosing, depth + 1, records);
            }
        }
        Value::Object(fields) => {
            let scalar = |v: &Value| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            };
            // The fields of `keys` this object has, as compared (`keys` index, value).
            let present = |keys: &[&str]| -> Vec<(usize, String)> {
                keys.iter()
                    .enumerate()
                    .filter_map(|(k, name)| {
                        let v = scalar(fields.get(*name)?)?;
                        Some((k, normal(&v)?))
                    })
                    .collect()
            };
            let ids = present(ID_KEYS);
            let here = if ids.is_empty() {
                enclosing
            } else {
                let parents = present(PARENT_KEYS);
                records.push(Record {
                    ids,
                    parents,
                    enclosing,
                });
                Some(records.len() - 1)
            };
            for (name, field) in fields {
                // Replies nested under a record belong to it; other fields do not.
                let under = if CHILD_KEYS.contains(&name.as_str()) {
                    here
                } else {
                    enclosing.filter(|_| here == enclosing)
                };
                collect(field, under, depth + 1, records);
            }
        }
        _ => {}
    }
}

/// An id as compared: its digits when it is a prefix and a number (`t77001`, `comment-12`),
/// else as written; `None` for an empty id or a zero (how many systems say "no parent").
fn normal(id: &str) -> Option<String> {
    let id = id.trim();
    if id.is_empty() || id.bytes().all(|b| b == b'0') {
        return None;
    }
    let digits = id.trim_start_matches(|c: char| !c.is_ascii_digit());
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        Some(digits.trim_start_matches('0').to_string())
    } else {
        Some(id.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(script: &str) -> Doc {
        Doc::parse(&format!(
            "<html><head><script>{script}</script></head><body><p>x</p></body></html>"
        ))
    }

    #[test]
    fn parent_fields_in_an_assigned_object() {
        let doc = page(
            r#"var Site = {}; Site.page = {"entry": {"id": 9}, "comments": [
                {"thread": 101, "parent": 0, "level": 1, "article": "a"},
                {"thread": 102, "parent": 101, "level": 2},
                {"thread": 103, "parent": 102, "level": 3},
                {"thread": 104, "parent": 0, "level": 1}]};"#,
        );
        let ids = [Some("t101"), Some("t102"), Some("t103"), Some("t104")];
        assert_eq!(
            parents(&doc, &ids),
            Some(vec![None, Some(0), Some(1), None])
        );
    }

    #[test]
    fn nested_reply_lists() {
        let doc = page(
            r#"window.__STATE__ = {"thread": {"comments": [
                {"id": "c1", "replies": [{"id": "c2", "replies": []}, {"id": "c3"}]},
                {"id": "c4", "author": {"id": "u7"}}]}};"#,
        );
        let ids = [Some("c1"), Some("c2"), Some("c3"), Some("c4")];
        assert_eq!(
            parents(&doc, &ids),
            Some(vec![None, Some(0), Some(0), None])
        );
    }

    #[test]
    fn data_about_other_comments_or_no_parents_says_nothing() {
        // Ids that are not the page's comments (a widget's), and records without parents.
        let other = page(r#"x = [{"id": 7, "parent": 8}, {"id": 8, "parent": 0}];"#);
        assert_eq!(parents(&other, &[Some("1"), Some("2"), Some("3")]), None);
        let flat = page(r#"x = [{"id": 1, "parent": 0}, {"id": 2, "parent": null}];"#);
        assert_eq!(parents(&flat, &[Some("1"), Some("2")]), None);
        // A parent named after its reply is no tree.
        let backwards = page(r#"x = [{"id": 1, "parent": 2}, {"id": 2, "parent": 0}];"#);
        assert_eq!(parents(&backwards, &[Some("1"), Some("2")]), None);
        // Broken script text is skipped, not an error.
        let broken = page(r#"x = {"id": 1, "parent": ; y = ([1, 2"#);
        assert_eq!(parents(&broken, &[Some("1"), Some("2")]), None);
    }
}
