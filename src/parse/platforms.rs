//! Platform exports in JSON that name each comment's parent: YouTube comments saved by yt-dlp,
//! Hacker News items from the Algolia API, Lemmy comment lists and Mastodon thread contexts.
//!
//! Field names are the platforms' own, from their public documentation (see
//! `tests/fixtures/PROVENANCE.md`). Each file is one thread; a comment whose parent is not in
//! the file becomes a top-level orphan with a note ([`crate::tree::repair`]).

use serde_json::Value;

use crate::error::InputError;
use crate::model::{CommentSection, Format, Page, Thread};
use crate::parse::html::fragment_text;
use crate::parse::json::{str_of, time_of};
use crate::parse::{ParentRef, RawComment, build_comments};

/// Which of these exports a JSON document is, from its shape.
pub fn detect(value: &Value) -> Option<Format> {
    let first_comment = value
        .get("comments")
        .and_then(Value::as_array)
        .and_then(|c| c.first());
    // Shapes are told by their keys; a key of the wrong type is the parser's error to name.
    if value.get("comments").is_some()
        && (value.get("extractor").is_some() || value.get("webpage_url").is_some())
    {
        Some(Format::YtDlpJson)
    } else if first_comment.is_some_and(|c| c.pointer("/comment/path").is_some())
        || (value.get("post_view").is_some() && value.get("comments").is_some())
    {
        Some(Format::LemmyJson)
    } else if value.get("ancestors").is_some() && value.get("descendants").is_some() {
        Some(Format::MastodonJson)
    } else if value.get("children").is_some_and(Value::is_array)
        && (value.get("created_at_i").is_some() || value.get("story_id").is_some())
    {
        Some(Format::HnAlgoliaJson)
    } else {
        None
    }
}

fn parse_json(text: &str) -> Result<Value, InputError> {
    serde_json::from_str(text).map_err(|e| InputError::Invalid(format!("invalid JSON: {e}")))
}

fn object_list<'v>(value: &'v Value, key: &str) -> Result<&'v [Value], InputError> {
    match value.get(key) {
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err(InputError::Invalid(format!(
            "`{key}` is {}, not a list",
            kind_of(other)
        ))),
        None => Err(InputError::Invalid(format!("no `{key}` list"))),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn finish(source: &str, id: String, mut page: Page, raw: Vec<RawComment>) -> Thread {
    page.source = source.to_string();
    let comments = build_comments(raw, &mut page.notes);
    Thread { id, page, comments }
}

/// A video's `.info.json` written by `yt-dlp --write-comments`: the video is the page (its
/// title and description the article), `comments[]` the thread, `parent` the reply structure
/// (`root` for top level).
pub fn yt_dlp(source: &str, text: &str) -> Result<Vec<Thread>, InputError> {
    let video = parse_json(text)?;
    let comments = object_list(&video, "comments")?;
    let extractor = str_of(&video, "extractor")
        .unwrap_or_else(|| "youtube".into())
        .to_ascii_lowercase();
    let video_id = str_of(&video, "id").unwrap_or_default();
    let mut page = Page::new(source, Format::YtDlpJson);
    page.url = str_of(&video, "webpage_url")
        .or_else(|| str_of(&video, "original_url"))
        .or_else(|| {
            (extractor == "youtube" && !video_id.is_empty())
                .then(|| format!("https://www.youtube.com/watch?v={video_id}"))
        });
    page.site = page.url.as_deref().and_then(crate::parse::html::meta::host);
    page.title = str_of(&video, "title");
    page.author = str_of(&video, "uploader").or_else(|| str_of(&video, "channel"));
    page.published = str_of(&video, "upload_date")
        .filter(|d| d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
        .map(|d| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]))
        .or_else(|| video.get("timestamp").and_then(time_of));
    page.article_text = str_of(&video, "description").unwrap_or_default();
    page.comment_system = Some(extractor.clone());
    page.comment_section = CommentSection::Found {
        declared: video.get("comment_count").and_then(Value::as_u64),
    };
    let raw = comments
        .iter()
        .filter(|c| c.is_object())
        .map(|c| RawComment {
            id: str_of(c, "id"),
            parent: str_of(c, "parent")
                .filter(|p| p != "root" && !p.is_empty())
                .map(ParentRef::Id),
            author: str_of(c, "author"),
            author_url: str_of(c, "author_url"),
            timestamp: c.get("timestamp").and_then(time_of),
            text: str_of(c, "text").unwrap_or_default(),
            ..Default::default()
        })
        .collect();
    Ok(vec![finish(
        source,
        format!("{extractor}-{video_id}"),
        page,
        raw,
    )])
}

/// A Hacker News item from the Algolia API (`/api/v1/items/ID`): the story with its comments
/// nested in `children`. The thread id is the story's, as for the HN API and the HN page, so
/// the same thread read in several formats is one thread.
pub fn hn_algolia(source: &str, text: &str) -> Result<Vec<Thread>, InputError> {
    let root = parse_json(text)?;
    object_list(&root, "children")?;
    let story_id = str_of(&root, "story_id").or_else(|| str_of(&root, "id"));
    let is_story = root.get("type").and_then(Value::as_str) != Some("comment");
    let mut page = Page::new(source, Format::HnAlgoliaJson);
    page.comment_system = Some("hackernews".into());
    page.site = Some("news.ycombinator.com".into());
    page.url = story_id
        .as_ref()
        .map(|id| format!("https://news.ycombinator.com/item?id={id}"));
    if is_story {
        page.title = str_of(&root, "title");
        page.author = str_of(&root, "author");
        page.published =
            str_of(&root, "created_at").or_else(|| root.get("created_at_i").and_then(time_of));
        page.article_text = fragment_text(&str_of(&root, "text").unwrap_or_default()).0;
    }
    page.comment_section = CommentSection::Found { declared: None };
    // Depth first, in the API's order: the order the page shows.
    let mut raw = Vec::new();
    let mut stack: Vec<&Value> = if is_story {
        children_of(&root).rev().collect()
    } else {
        vec![&root]
    };
    while let Some(item) = stack.pop() {
        let (text, quotes) = fragment_text(&str_of(item, "text").unwrap_or_default());
        raw.push(RawComment {
            id: str_of(item, "id"),
            parent: str_of(item, "parent_id")
                .filter(|p| Some(p) != story_id.as_ref())
                .map(ParentRef::Id),
            author: str_of(item, "author"),
            timestamp: item
                .get("created_at_i")
                .and_then(time_of)
                .or_else(|| str_of(item, "created_at")),
            text,
            quotes,
            ..Default::default()
        });
        stack.extend(children_of(item).rev());
    }
    let id = format!("hn-{}", story_id.unwrap_or_default());
    Ok(vec![finish(source, id, page, raw)])
}

fn children_of(item: &Value) -> impl DoubleEndedIterator<Item = &Value> {
    item.get("children")
        .and_then(Value::as_array)
        .map(|c| c.as_slice())
        .unwrap_or_default()
        .iter()
        .filter(|c| c.is_object())
}

/// A Lemmy comment list (`GET /api/v3/comment/list`: `comments[]` of comment views), with the
/// post view (`GET /api/v3/post`) beside it when saved together. The post is the page; a
/// comment's `path` (`0.12.34`) names its ancestors, the last but one its parent. Removed and
/// deleted comments keep their place with no text.
pub fn lemmy(source: &str, text: &str) -> Result<Vec<Thread>, InputError> {
    let value = parse_json(text)?;
    let views = object_list(&value, "comments")?;
    let post = value
        .pointer("/post_view/post")
        .or_else(|| views.iter().find_map(|v| v.get("post")));
    let post_id = post
        .and_then(|p| str_of(p, "id"))
        .or_else(|| {
            views
                .iter()
                .find_map(|v| v.get("comment").and_then(|c| str_of(c, "post_id")))
        })
        .unwrap_or_default();
    let mut page = Page::new(source, Format::LemmyJson);
    if let Some(post) = post {
        page.url = str_of(post, "ap_id");
        page.title = str_of(post, "name");
        page.published = str_of(post, "published");
        page.article_text = str_of(post, "body").unwrap_or_default();
    }
    page.author = value
        .pointer("/post_view/creator/name")
        .and_then(Value::as_str)
        .map(str::to_string);
    page.site = page.url.as_deref().and_then(crate::parse::html::meta::host);
    page.comment_system = Some("lemmy".into());
    page.comment_section = CommentSection::Found {
        declared: value
            .pointer("/post_view/counts/comments")
            .and_then(Value::as_u64),
    };
    let mut raw = Vec::new();
    for view in views {
        let Some(comment) = view.get("comment") else {
            continue;
        };
        if str_of(comment, "post_id").is_some_and(|p| p != post_id) {
            page.notes.push(format!(
                "comment {} belongs to another post, left out",
                str_of(comment, "id").unwrap_or_default()
            ));
            continue;
        }
        let gone = ["deleted", "removed"]
            .iter()
            .any(|k| comment.get(*k).and_then(Value::as_bool) == Some(true));
        let path = str_of(comment, "path").unwrap_or_default();
        let key: Vec<u64> = path.split('.').filter_map(|p| p.parse().ok()).collect();
        let mut ancestors: Vec<&str> = path.split('.').collect();
        ancestors.pop();
        let parent = ancestors
            .last()
            .filter(|p| **p != "0" && !p.is_empty())
            .map(|p| ParentRef::Id(p.to_string()));
        raw.push((
            key,
            RawComment {
                id: str_of(comment, "id"),
                parent,
                author: view.get("creator").and_then(|c| {
                    str_of(c, "display_name")
                        .filter(|n| !n.is_empty())
                        .or_else(|| str_of(c, "name"))
                }),
                author_url: view.get("creator").and_then(|c| str_of(c, "actor_id")),
                timestamp: str_of(comment, "published"),
                text: str_of(comment, "content").unwrap_or_default(),
                ..Default::default()
            }
            .deleted_if(gone),
        ));
    }
    // The API pages comments by score or time; the thread reads in path order (a parent
    // before its replies, siblings oldest first).
    raw.sort_by(|a, b| a.0.cmp(&b.0));
    let raw: Vec<RawComment> = raw.into_iter().map(|(_, c)| c).collect();
    Ok(vec![finish(
        source,
        format!("lemmy-{}-{post_id}", page.site.clone().unwrap_or_default()),
        page,
        raw,
    )])
}

/// A Mastodon thread context (`GET /api/v1/statuses/:id/context`: `ancestors` and
/// `descendants`, each a list of statuses). The thread's root status (an ancestor that replies
/// to nothing) is the page, its content the article; the other statuses are its comments,
/// replying by `in_reply_to_id`. The status the context was asked for is in neither list, so
/// its replies become top-level orphans with a note unless it is the root itself.
pub fn mastodon(source: &str, text: &str) -> Result<Vec<Thread>, InputError> {
    let value = parse_json(text)?;
    let ancestors = object_list(&value, "ancestors")?;
    let descendants = object_list(&value, "descendants")?;
    let root = ancestors
        .iter()
        .find(|s| s.get("in_reply_to_id").is_none_or(Value::is_null));
    let root_id = root.and_then(|r| str_of(r, "id")).or_else(|| {
        // Asked for the root itself: its replies name it.
        descendants
            .first()
            .and_then(|d| str_of(d, "in_reply_to_id"))
    });
    let mut page = Page::new(source, Format::MastodonJson);
    if let Some(root) = root {
        page.url = str_of(root, "url").or_else(|| str_of(root, "uri"));
        page.author = root.get("account").and_then(account_name);
        page.published = str_of(root, "created_at");
        page.article_text = fragment_text(&str_of(root, "content").unwrap_or_default()).0;
    }
    page.site = page.url.as_deref().and_then(crate::parse::html::meta::host);
    page.title = page
        .article_text
        .lines()
        .next()
        .map(|l| l.chars().take(120).collect());
    page.comment_system = Some("mastodon".into());
    page.comment_section = CommentSection::Found { declared: None };
    let raw = ancestors
        .iter()
        .chain(descendants)
        .filter(|s| s.is_object() && str_of(s, "id") != root_id)
        .map(|s| {
            let (text, quotes) = fragment_text(&str_of(s, "content").unwrap_or_default());
            RawComment {
                id: str_of(s, "id"),
                parent: str_of(s, "in_reply_to_id")
                    .filter(|p| Some(p) != root_id.as_ref())
                    .map(ParentRef::Id),
                author: s.get("account").and_then(account_name),
                author_url: s.get("account").and_then(|a| str_of(a, "url")),
                timestamp: str_of(s, "created_at"),
                text,
                quotes,
                ..Default::default()
            }
        })
        .collect();
    let id = format!(
        "mastodon-{}-{}",
        page.site.clone().unwrap_or_default(),
        root_id.unwrap_or_default()
    );
    Ok(vec![finish(source, id, page, raw)])
}

/// A Mastodon account's shown name: its display name, else `acct`.
fn account_name(account: &Value) -> Option<String> {
    str_of(account, "display_name")
        .filter(|n| !n.trim().is_empty())
        .or_else(|| str_of(account, "acct"))
}
