//! New Reddit pages (2018–2022 React UI): the tree is in the JSON state the page embeds
//! (`<script id="data">window.___r = {…}`), not in the rendered markup, which shows only part
//! of it, indented by padding alone.

use std::collections::HashSet;

use serde_json::Value;

use super::dom::{Css, Doc, css};
use super::{Extraction, PageOverrides};
use crate::parse::json::{reddit_rich_text, unix_time};
use crate::parse::{ParentRef, RawComment};

static STATE: Css = css!("script#data");

/// Comments from the embedded state; `None` when the page has none.
pub fn extract(doc: &Doc) -> Option<Extraction> {
    let raw: String = doc.select(&STATE).next()?.text().collect();
    let json = raw
        .trim()
        .strip_prefix("window.___r")?
        .trim_start()
        .strip_prefix('=')?
        .trim()
        .trim_end_matches(';');
    let state: Value = serde_json::from_str(json).ok()?;
    let page_key = state
        .pointer("/commentsPage/keyToPostId")?
        .as_object()?
        .keys()
        .next()?
        .clone();
    let post_id = state
        .pointer("/commentsPage/keyToPostId")?
        .get(&page_key)?
        .as_str()?
        .to_string();
    let models = state.pointer("/comments/models")?.as_object()?;
    let links = state
        .pointer("/commentsPage/keyToCommentThreadLinkSets")?
        .get(&page_key);
    let head = state
        .pointer("/commentsPage/keyToHeadCommentId")
        .and_then(|h| h.get(&page_key))
        .and_then(Value::as_str);
    let order = page_order(models, links, head, &post_id);
    let comments = order
        .iter()
        .filter_map(|id| models.get(id))
        .map(comment)
        .collect();
    let post = state.pointer("/posts/models").and_then(|p| p.get(&post_id));
    Some(Extraction {
        system: "reddit".into(),
        finder: "the page's embedded comment data",
        tree: "parent ids",
        comments,
        declared: post
            .and_then(|p| p.get("numComments"))
            .and_then(Value::as_u64),
        missing_stubs: links.map(count_stubs),
        thread_key: Some(format!("reddit-{}", post_id.trim_start_matches("t3_"))),
        overrides: post.map(post_overrides).unwrap_or_default(),
        ..Default::default()
    })
}

/// Page order: follow the `next` chain from the head comment; any comment not reached
/// follows in order of posting.
fn page_order(
    models: &serde_json::Map<String, Value>,
    links: Option<&Value>,
    head: Option<&str>,
    post: &str,
) -> Vec<String> {
    let mut order = Vec::new();
    let mut seen = HashSet::new();
    let mut next = head.map(str::to_string);
    while let Some(id) = next.take() {
        if !models.contains_key(&id) || !seen.insert(id.clone()) {
            break;
        }
        order.push(id.clone());
        next = links
            .and_then(|l| l.get(&id))
            .and_then(|l| l.get("next"))
            .filter(|n| n.get("type").and_then(Value::as_str) == Some("comment"))
            .and_then(|n| n.get("id"))
            .and_then(Value::as_str)
            .map(str::to_string);
    }
    let mut rest: Vec<(&String, i64)> = models
        .iter()
        .filter(|(id, m)| {
            !seen.contains(*id) && m.get("postId").and_then(Value::as_str) == Some(post)
        })
        .map(|(id, m)| (id, m.get("created").and_then(Value::as_i64).unwrap_or(0)))
        .collect();
    rest.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)));
    order.extend(rest.into_iter().map(|(id, _)| id.clone()));
    order
}

/// "Continue this thread" and "load more" stubs: replies the page was saved without.
fn count_stubs(links: &Value) -> u64 {
    let mut stubs = HashSet::new();
    for link in links.as_object().into_iter().flat_map(|m| m.values()) {
        for dir in ["next", "prev"] {
            let Some(target) = link.get(dir) else {
                continue;
            };
            let kind = target
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("comment");
            if kind != "comment" {
                stubs.insert(
                    target
                        .get("id")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                );
            }
        }
    }
    stubs.len() as u64
}

fn comment(model: &Value) -> RawComment {
    let s = |k: &str| model.get(k).and_then(Value::as_str).map(str::to_string);
    let deleted = model
        .get("isDeleted")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let text = model
        .get("media")
        .and_then(|m| m.get("richtextContent"))
        .map(reddit_rich_text)
        .unwrap_or_default();
    RawComment {
        id: s("id").map(|id| id.trim_start_matches("t1_").to_string()),
        parent: s("parentId").map(|p| ParentRef::Id(p.trim_start_matches("t1_").to_string())),
        author: s("author").filter(|a| !deleted || a != "[deleted]"),
        timestamp: model.get("created").and_then(Value::as_i64).map(unix_time),
        text,
        ..Default::default()
    }
    // A deleted comment's words are gone; what the state holds in their place is Reddit's.
    .deleted_if(deleted)
}

fn post_overrides(post: &Value) -> PageOverrides {
    let s = |k: &str| post.get(k).and_then(Value::as_str).map(str::to_string);
    PageOverrides {
        title: s("title"),
        url: s("permalink").map(|p| {
            if p.starts_with("http") {
                p
            } else {
                format!("https://www.reddit.com{p}")
            }
        }),
        author: s("author"),
        published: post
            .get("created")
            .and_then(Value::as_i64)
            .map(|t| unix_time(t / if t > 10_000_000_000 { 1000 } else { 1 })),
    }
}
