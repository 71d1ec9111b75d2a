//! Structured JSON exports: Pushshift-style NDJSON, Reddit API listings, Hacker News API
//! items, Discourse `posts.json`. Each names parents by id, so the tree is exact.

use serde_json::Value;

use crate::error::InputError;
use crate::model::{CommentSection, Format, Page, Thread};
use crate::parse::html::fragment_text;
use crate::parse::{ParentRef, RawComment, build_comments};

/// Which JSON export a document is, from its shape; broken or unknown JSON is an error that
/// says where it breaks or what was found.
pub fn detect(text: &str) -> Result<Format, InputError> {
    if is_pushshift_head(text.as_bytes()) {
        return Ok(Format::PushshiftNdjson);
    }
    let head = text.trim_start();
    let value: Value = serde_json::from_str(head).map_err(|e| invalid("invalid JSON", e))?;
    let first = value.as_array().and_then(|a| a.first());
    if value.get("post_stream").is_some() {
        Ok(Format::DiscourseJson)
    } else if first.and_then(|l| l.get("kind")).and_then(Value::as_str) == Some("Listing") {
        Ok(Format::RedditJson)
    } else if let Some(format) = crate::parse::platforms::detect(&value) {
        Ok(format)
    } else if is_hn_item(&value) || first.is_some_and(is_hn_item) {
        Ok(Format::HnJson)
    } else {
        Err(InputError::Unsupported(
            "JSON that is not a known comment export (Pushshift NDJSON, Reddit listing, Hacker News items, Hacker News Algolia item, Discourse posts.json, yt-dlp info.json with comments, Lemmy comment list, Mastodon status context)".into(),
        ))
    }
}

/// True when the first non-blank line of `head` is, by itself, a JSON object with a top-level
/// `link_id` or `parent_id` (a comment), or a submission's `subreddit`, `title` and `selftext`
/// or `num_comments`: a Pushshift-style dump, however many lines follow (one, or a second line
/// that is broken). No other export this version reads has those keys at the top.
pub fn is_pushshift_head(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else {
        return false;
    };
    // A submission line (Arctic Shift `RS_*`): a subreddit post with its title.
    let submission = |v: &Value| {
        v.get("subreddit").is_some()
            && v.get("title").is_some()
            && (v.get("selftext").is_some() || v.get("num_comments").is_some())
    };
    first.trim_start().starts_with('{')
        && serde_json::from_str::<Value>(first).is_ok_and(|v| {
            v.get("link_id").is_some() || v.get("parent_id").is_some() || submission(&v)
        })
}

fn is_hn_item(v: &Value) -> bool {
    v.get("id").is_some_and(Value::is_u64)
        && v.get("type").and_then(Value::as_str).is_some()
        && (v.get("by").is_some() || v.get("kids").is_some())
}

fn invalid(what: &str, e: impl std::fmt::Display) -> InputError {
    InputError::Invalid(format!("{what}: {e}"))
}

/// ISO 8601 UTC from Unix seconds (civil-from-days, Howard Hinnant's algorithm).
pub fn unix_time(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

pub(crate) fn time_of(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => n.as_f64().map(|f| unix_time(f as i64)),
        Value::String(s) => s
            .parse::<f64>()
            .map(|f| unix_time(f as i64))
            .ok()
            .or_else(|| Some(s.clone())),
        _ => None,
    }
}

pub(crate) fn str_of(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Plain text of Reddit's rich-text JSON: one paragraph per top-level block.
pub fn reddit_rich_text(rich: &Value) -> String {
    let blocks = rich
        .get("document")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let paragraphs: Vec<String> = blocks
        .iter()
        .map(|block| {
            let mut out = String::new();
            let mut stack = vec![block];
            while let Some(node) = stack.pop() {
                if let Some(t) = node.get("t").and_then(Value::as_str) {
                    out.push_str(t);
                }
                if let Some(children) = node.get("c").and_then(Value::as_array) {
                    stack.extend(children.iter().rev());
                }
            }
            out.trim().to_string()
        })
        .filter(|p| !p.is_empty())
        .collect();
    paragraphs.join("\n\n")
}

/// Reddit escapes `&`, `<` and `>` in comment bodies.
pub(crate) fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn thread(
    source: &str,
    format: Format,
    id: String,
    mut page: Page,
    raw: Vec<RawComment>,
) -> Thread {
    page.format = format;
    page.source = source.to_string();
    let comments = build_comments(raw, &mut page.notes);
    Thread { id, page, comments }
}

/// The page of a Reddit thread known by its id.
pub(crate) fn reddit_page(source: &str, link_id: &str) -> Page {
    let mut page = Page::new(source, Format::RedditJson);
    page.url = Some(format!("https://www.reddit.com/comments/{link_id}/"));
    page.site = Some("reddit.com".into());
    page.comment_system = Some("reddit".into());
    page.comment_section = CommentSection::Found { declared: None };
    page
}

/// Pushshift NDJSON read whole (`show`, single files): the same grouping and order as the
/// streaming path of `analyze` (see [`crate::pipeline`]). Lines that are not JSON objects are
/// skipped and counted in a note.
pub fn pushshift(source: &str, text: &str) -> Result<Vec<Thread>, InputError> {
    let mut lines = Vec::new();
    let mut bad = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        match crate::parse::pushshift::line_head(line) {
            Some(head) => lines.push(crate::parse::pushshift::DumpLine {
                source: 0,
                line: n as u64 + 1,
                link: head.link,
                json: line.to_string(),
            }),
            None => bad.push(n + 1),
        }
    }
    if lines.is_empty() {
        return Err(InputError::Invalid(format!(
            "no JSON comment lines ({} invalid)",
            bad.len()
        )));
    }
    let mut threads = crate::parse::pushshift::threads_from(lines, &[source.to_string()]);
    if let Some(first) = bad.first() {
        for t in &mut threads {
            t.page.notes.push(format!(
                "{} invalid JSON line(s) skipped (first: line {first})",
                bad.len()
            ));
        }
    }
    Ok(threads)
}

/// A Reddit comment object (Pushshift line or API `data`).
pub(crate) fn reddit_comment_from(v: &Value) -> RawComment {
    let parent = str_of(v, "parent_id").filter(|p| p.starts_with("t1_"));
    RawComment {
        id: str_of(v, "id")
            .or_else(|| str_of(v, "name").map(|n| n.trim_start_matches("t1_").to_string())),
        parent: parent.map(|p| ParentRef::Id(p.trim_start_matches("t1_").to_string())),
        author: str_of(v, "author"),
        timestamp: v.get("created_utc").and_then(time_of),
        ..reddit_body(&str_of(v, "body").unwrap_or_default())
    }
}

/// A Reddit comment's text and kind from its body: `[deleted]` and `[removed]` are what Reddit
/// leaves of a deleted or removed comment, no one's words.
fn reddit_body(body: &str) -> RawComment {
    RawComment {
        text: unescape(body),
        ..Default::default()
    }
    .deleted_if(matches!(body.trim(), "[deleted]" | "[removed]"))
}

/// A JSON string or number, as Reddit ids and times come (either, depending on the exporter).
enum Scalar {
    Str(String),
    Num(serde_json::Number),
}

impl Scalar {
    /// The text `str_of` would give.
    fn text(self) -> String {
        match self {
            Scalar::Str(s) => s,
            Scalar::Num(n) => n.to_string(),
        }
    }

    /// The time `time_of` would give.
    fn time(self) -> Option<String> {
        match self {
            Scalar::Num(n) => time_of(&Value::Number(n)),
            Scalar::Str(s) => time_of(&Value::String(s)),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Str(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Num(v.into()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Num(v.into()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Scalar, E> {
                serde_json::Number::from_f64(v)
                    .map(Scalar::Num)
                    .ok_or_else(|| E::custom("not a finite number"))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// The fields of a Pushshift line that threadscan reads; the rest are skipped unparsed.
#[derive(serde::Deserialize)]
struct PushshiftLine<'a> {
    id: Option<Scalar>,
    name: Option<Scalar>,
    parent_id: Option<Scalar>,
    link_id: Option<serde::de::IgnoredAny>,
    author: Option<Scalar>,
    created_utc: Option<Scalar>,
    #[serde(borrow)]
    body: Option<std::borrow::Cow<'a, str>>,
    link_title: Option<String>,
    title: Option<String>,
    selftext: Option<String>,
    permalink: Option<String>,
    num_comments: Option<u64>,
}

/// A dump line: a comment (with the thread's title when the dump carries it), or a submission
/// (Arctic Shift `RS_*` lines), the page of its thread.
pub(crate) enum DumpRecord {
    /// A comment and `link_title`.
    Comment(RawComment, Option<String>),
    /// A submission.
    Submission(Submission),
}

/// The page fields of a submission line.
#[derive(Debug, Default)]
pub(crate) struct Submission {
    title: Option<String>,
    selftext: Option<String>,
    author: Option<String>,
    created: Option<String>,
    permalink: Option<String>,
    num_comments: Option<u64>,
}

impl Submission {
    /// Makes the submission the page of its thread: title, self text as the article, author,
    /// time, address, and the comment count it declares.
    pub(crate) fn fill(self, page: &mut Page) {
        page.title = self.title.or(page.title.take());
        if let Some(text) = self
            .selftext
            .filter(|t| !t.is_empty() && t != "[deleted]" && t != "[removed]")
        {
            page.article_text = unescape(&text);
        }
        page.author = self.author.or(page.author.take());
        page.published = self.created.or(page.published.take());
        if let Some(p) = self.permalink {
            page.url = Some(format!("https://www.reddit.com{p}"));
        }
        if let Some(n) = self.num_comments {
            page.comment_section = CommentSection::Found { declared: Some(n) };
        }
    }
}

/// A submission read from a `Value` (lines the typed read refuses).
pub(crate) fn submission_from(v: &Value) -> Submission {
    Submission {
        title: str_of(v, "title"),
        selftext: str_of(v, "selftext"),
        author: str_of(v, "author"),
        created: v.get("created_utc").and_then(time_of),
        permalink: str_of(v, "permalink"),
        num_comments: v.get("num_comments").and_then(Value::as_u64),
    }
}

/// A dump line read straight into its fields ([`pushshift_comment`] for comments); `None` when
/// a field has an unexpected type.
pub(crate) fn pushshift_record(json: &str) -> Option<DumpRecord> {
    let line: PushshiftLine<'_> = serde_json::from_str(json).ok()?;
    if line.link_id.is_none() && line.title.is_some() {
        return Some(DumpRecord::Submission(Submission {
            title: line.title,
            selftext: line.selftext,
            author: line.author.map(Scalar::text),
            created: line.created_utc.and_then(Scalar::time),
            permalink: line.permalink,
            num_comments: line.num_comments,
        }));
    }
    let (comment, title) = comment_of(line);
    Some(DumpRecord::Comment(comment, title))
}

/// A Pushshift comment line's comment and link title, read straight into the fields (a third
/// of the cost of a `Value` tree).
fn comment_of(line: PushshiftLine<'_>) -> (RawComment, Option<String>) {
    let parent = line
        .parent_id
        .map(Scalar::text)
        .filter(|p| p.starts_with("t1_"));
    let comment = RawComment {
        id: line.id.map(Scalar::text).or_else(|| {
            line.name
                .map(|n| n.text().trim_start_matches("t1_").to_string())
        }),
        parent: parent.map(|p| ParentRef::Id(p.trim_start_matches("t1_").to_string())),
        author: line.author.map(Scalar::text),
        timestamp: line.created_utc.and_then(Scalar::time),
        ..reddit_body(line.body.as_deref().unwrap_or_default())
    };
    (comment, line.link_title)
}

/// A Reddit API listing `[post, comments]`; `more` stubs are counted as missing comments.
pub fn reddit_listing(source: &str, text: &str) -> Result<Vec<Thread>, InputError> {
    let value: Value = serde_json::from_str(text).map_err(|e| invalid("invalid JSON", e))?;
    let post = value
        .pointer("/0/data/children/0/data")
        .ok_or_else(|| InputError::Invalid("Reddit listing without a post".into()))?;
    let link = str_of(post, "id").unwrap_or_default();
    let mut page = reddit_page(source, &link);
    page.title = str_of(post, "title");
    page.author = str_of(post, "author");
    page.published = post.get("created_utc").and_then(time_of);
    page.url = str_of(post, "permalink")
        .map(|p| format!("https://www.reddit.com{p}"))
        .or(page.url);
    page.comment_section = CommentSection::Found {
        declared: post.get("num_comments").and_then(Value::as_u64),
    };
    let mut raw = Vec::new();
    let mut missing = 0;
    let mut stack: Vec<&Value> = value
        .pointer("/1/data/children")
        .and_then(Value::as_array)
        .map(|c| c.iter().rev().collect())
        .unwrap_or_default();
    while let Some(child) = stack.pop() {
        let data = child.get("data").unwrap_or(&Value::Null);
        match child.get("kind").and_then(Value::as_str) {
            Some("t1") => {
                raw.push(reddit_comment_from(data));
                if let Some(replies) = data
                    .pointer("/replies/data/children")
                    .and_then(Value::as_array)
                {
                    stack.extend(replies.iter().rev());
                }
            }
            Some("more") => missing += data.get("count").and_then(Value::as_u64).unwrap_or(0),
            _ => {}
        }
    }
    page.missing_comments = Some(missing);
    Ok(vec![thread(
        source,
        Format::RedditJson,
        format!("reddit-{link}"),
        page,
        raw,
    )])
}

/// Hacker News API items: a story and its comments (an array), or a single item.
pub fn hacker_news(source: &str, text: &str) -> Result<Vec<Thread>, InputError> {
    let value: Value = serde_json::from_str(text).map_err(|e| invalid("invalid JSON", e))?;
    let items: Vec<&Value> = match &value {
        Value::Array(items) => items.iter().collect(),
        one => vec![one],
    };
    let story = items
        .iter()
        .find(|i| i.get("type").and_then(Value::as_str) != Some("comment"));
    let root_id = story
        .and_then(|s| str_of(s, "id"))
        .or_else(|| items.first().and_then(|i| str_of(i, "parent")));
    let mut page = Page::new(source, Format::HnJson);
    page.comment_system = Some("hackernews".into());
    page.site = Some("news.ycombinator.com".into());
    page.url = root_id
        .as_ref()
        .map(|id| format!("https://news.ycombinator.com/item?id={id}"));
    if let Some(story) = story {
        page.title = str_of(story, "title");
        page.author = str_of(story, "by");
        page.published = story.get("time").and_then(time_of);
    }
    page.comment_section = CommentSection::Found {
        declared: story
            .and_then(|s| s.get("descendants"))
            .and_then(Value::as_u64),
    };
    let raw = items
        .iter()
        .filter(|i| i.get("type").and_then(Value::as_str) == Some("comment"))
        .map(|i| hn_comment(i, root_id.as_deref()))
        .collect();
    let id = format!("hn-{}", root_id.unwrap_or_default());
    Ok(vec![thread(source, Format::HnJson, id, page, raw)])
}

fn hn_comment(item: &Value, root: Option<&str>) -> RawComment {
    let (text, quotes) = fragment_text(&str_of(item, "text").unwrap_or_default());
    RawComment {
        id: str_of(item, "id"),
        parent: str_of(item, "parent")
            .filter(|p| Some(p.as_str()) != root)
            .map(ParentRef::Id),
        author: str_of(item, "by"),
        timestamp: item.get("time").and_then(time_of),
        text,
        quotes,
        ..Default::default()
    }
    // A deleted item keeps its id and replies; a `dead` one (killed) still has its text.
    .deleted_if(item.get("deleted").and_then(Value::as_bool) == Some(true))
}

/// A Discourse topic's `posts.json`: every post is a comment, the opening post first;
/// `reply_to_post_number` names the parent (null: a reply to the topic, so top level).
pub fn discourse(source: &str, text: &str) -> Result<Vec<Thread>, InputError> {
    let value: Value = serde_json::from_str(text).map_err(|e| invalid("invalid JSON", e))?;
    let posts = value
        .pointer("/post_stream/posts")
        .and_then(Value::as_array)
        .ok_or_else(|| InputError::Invalid("no post_stream.posts".into()))?;
    let topic = posts
        .first()
        .and_then(|p| str_of(p, "topic_id"))
        .or_else(|| str_of(&value, "id"))
        .unwrap_or_default();
    let mut page = Page::new(source, Format::DiscourseJson);
    page.comment_system = Some("discourse".into());
    page.title = posts
        .first()
        .and_then(|p| str_of(p, "topic_title").or_else(|| str_of(p, "topic_slug")));
    page.author = posts.first().and_then(|p| str_of(p, "username"));
    page.published = posts.first().and_then(|p| str_of(p, "created_at"));
    page.comment_section = CommentSection::Found {
        declared: posts
            .first()
            .and_then(|p| p.get("posts_count"))
            .and_then(Value::as_u64),
    };
    // Small actions (post type 3: "closed", "pinned", "split this topic") are the forum's log
    // lines, no one's post.
    let small_action = |p: &Value| p.get("post_type").and_then(Value::as_u64) == Some(3);
    let actions = posts.iter().filter(|p| small_action(p)).count();
    if actions > 0 {
        page.notes.push(format!(
            "{actions} small-action post(s) (topic closed, pinned, moved) left out"
        ));
    }
    let raw = posts
        .iter()
        .filter(|p| !small_action(p))
        .map(|p| {
            let (text, quotes) = fragment_text(&str_of(p, "cooked").unwrap_or_default());
            // A deleted post keeps its number (replies name it); its words are gone.
            let deleted = p.get("deleted_at").is_some_and(|d| !d.is_null())
                || p.get("user_deleted").and_then(Value::as_bool) == Some(true)
                || crate::parse::html::is_deletion_notice(&text);
            RawComment {
                id: str_of(p, "post_number"),
                parent: str_of(p, "reply_to_post_number").map(ParentRef::Id),
                author: str_of(p, "username"),
                timestamp: str_of(p, "created_at"),
                text,
                quotes,
                ..Default::default()
            }
            .deleted_if(deleted)
        })
        .collect();
    Ok(vec![thread(
        source,
        Format::DiscourseJson,
        format!("discourse-{topic}"),
        page,
        raw,
    )])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_pushshift_lines_read_like_values() {
        for line in [
            r#"{"id":"c1","parent_id":"t1_c0","author":"a","created_utc":1439818229,"body":"x &amp; y\n\u00e9","link_title":"T"}"#,
            r#"{"id":12345,"name":"t1_c9","parent_id":"t3_p","author":null,"created_utc":"1439818229","body":null}"#,
            r#"{"name":"t1_c9","created_utc":1.5e9,"body":"b","extra":{"nested":[1,2]}}"#,
            r#"{"id":"c1","created_utc":"yesterday","body":"b"}"#,
            r#"{"id":"c2","parent_id":"t1_c1","author":"[deleted]","body":"[removed]"}"#,
        ] {
            let Some(DumpRecord::Comment(typed, title)) = pushshift_record(line) else {
                panic!("{line}")
            };
            let value: Value = serde_json::from_str(line).unwrap();
            let slow = reddit_comment_from(&value);
            assert_eq!(format!("{typed:?}"), format!("{slow:?}"), "{line}");
            assert_eq!(
                title.as_deref(),
                value.get("link_title").and_then(Value::as_str)
            );
        }
        // What Reddit leaves of a deleted or removed comment is no one's words.
        let gone: Value = serde_json::from_str(r#"{"id":"c2","body":" [deleted]"}"#).unwrap();
        let gone = reddit_comment_from(&gone);
        assert_eq!(
            (gone.kind, gone.text.as_str()),
            (crate::model::CommentKind::Deleted, "")
        );
        assert!(pushshift_record(r#"{"id":true,"body":"b"}"#).is_none());
        assert!(pushshift_record(r#"{"id":"c","body":7}"#).is_none());
    }

    #[test]
    fn unix_times() {
        assert_eq!(unix_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(unix_time(1689969096), "2023-07-21T19:51:36Z");
        assert_eq!(unix_time(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn detection_by_shape() {
        let ok = |t: &str| detect(t).ok();
        assert_eq!(
            ok("{\"id\":\"a\",\"link_id\":\"t3_x\"}\n{\"id\":\"b\"}"),
            Some(Format::PushshiftNdjson)
        );
        assert_eq!(
            ok("{\"post_stream\":{\"posts\":[]}}"),
            Some(Format::DiscourseJson)
        );
        assert_eq!(ok("[{\"kind\":\"Listing\"}]"), Some(Format::RedditJson));
        assert_eq!(
            ok("{\"id\":1,\"type\":\"story\",\"by\":\"x\"}"),
            Some(Format::HnJson)
        );
        assert!(matches!(
            detect("{\"hello\":1}"),
            Err(InputError::Unsupported(_))
        ));
        let err = detect("{\"post_stream\": [1, 2").unwrap_err().to_string();
        assert!(err.starts_with("invalid JSON: EOF while parsing"), "{err}");
    }
}
