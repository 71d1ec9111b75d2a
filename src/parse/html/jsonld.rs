//! schema.org `Comment`s in JSON-LD (`"comment": [...]` on an article or posting, replies
//! nested in each comment's own `"comment"`).

use super::dom::Doc;
use serde_json::Value;

use super::Extraction;
use super::meta::{ld_objects, timestamp};
use crate::parse::html::dom::tidy;
use crate::parse::{ParentRef, RawComment};

/// Comments declared in JSON-LD; `None` when there are none.
pub fn extract(doc: &Doc) -> Option<Extraction> {
    let mut comments = Vec::new();
    // (comment, parent index) pairs, walked without recursion.
    let mut stack: Vec<(Value, Option<usize>)> = Vec::new();
    // The count the posting or article states (`"commentCount": 5`).
    let mut declared = None;
    for object in ld_objects(doc) {
        push_children(&object, None, &mut stack);
        declared = declared.or_else(|| object.get("commentCount").and_then(count));
    }
    stack.reverse();
    while let Some((value, parent)) = stack.pop() {
        let index = comments.len();
        comments.push(comment(&value, parent));
        let mut children = Vec::new();
        push_children(&value, Some(index), &mut children);
        stack.extend(children.into_iter().rev());
    }
    (!comments.is_empty()).then(|| Extraction {
        system: "schema-org".into(),
        finder: "JSON-LD Comment objects",
        tree: "nesting",
        declared,
        comments,
        ..Default::default()
    })
}

/// A count written as a number or as a string of digits.
fn count(value: &Value) -> Option<u64> {
    value
        .as_u64()
        .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()))
}

fn push_children(value: &Value, parent: Option<usize>, out: &mut Vec<(Value, Option<usize>)>) {
    let children = match value.get("comment") {
        Some(Value::Array(items)) => items.clone(),
        Some(one @ Value::Object(_)) => vec![one.clone()],
        _ => Vec::new(),
    };
    out.extend(children.into_iter().map(|c| (c, parent)));
}

fn comment(value: &Value, parent: Option<usize>) -> RawComment {
    let s = |k: &str| value.get(k).and_then(Value::as_str).map(str::to_string);
    let author = match value.get("author") {
        Some(Value::String(name)) => Some(name.clone()),
        Some(a) => a.get("name").and_then(Value::as_str).map(str::to_string),
        None => None,
    };
    // The link on the name: the author's `url` (a profile or website), absolute addresses only.
    let author_url = value
        .get("author")
        .and_then(|a| a.get("url"))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .map(str::to_string);
    RawComment {
        id: s("@id").or_else(|| s("identifier")),
        parent: parent.map(ParentRef::Index),
        author,
        author_url,
        timestamp: s("dateCreated")
            .or_else(|| s("datePublished"))
            .and_then(|d| timestamp(&d)),
        text: tidy(&s("text").unwrap_or_default()),
        ..Default::default()
    }
}
