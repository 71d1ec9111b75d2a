//! Forum threads (XenForo, vBulletin, phpBB): flat lists of posts. Forums show no reply tree;
//! a quote of an earlier post is how a post says what it answers, so quotes are kept with the
//! quoted post's id and become `reply_to_author`, while the structure stays flat.

use std::sync::LazyLock;

use regex::Regex;
use scraper::ElementRef;

use super::dom::{Css, Doc, attr, css, elements_below, text, text_with};
use super::items::Items;
use super::quotes::{is_quote, quotes_in};
use super::{Extraction, meta::timestamp};
use crate::parse::RawComment;

/// One forum engine's markup.
struct Engine {
    name: &'static str,
    post: &'static Css,
    author: &'static Css,
    body: &'static Css,
    time: &'static Css,
}

static XF_POST: Css = css!(r#"article.message[data-content^="post-"]"#);
static XF_AUTHOR: Css = css!(".message-name .username, .username");
static XF_BODY: Css = css!(".message-body .bbWrapper, .message-body");
static XF_TIME: Css = css!(".message-attribution time[datetime], time[datetime]");
static VB_POST: Css = css!(
    r#"li.postbit[id^="post_"], li.postcontainer[id^="post_"], div.postbit[id^="post"], table[id^="post"].tborder"#
);
static VB_AUTHOR: Css = css!(".username strong, a.username, .bigusername");
static VB_BODY: Css = css!(r#"blockquote.postcontent, .postcontent, [id^="post_message_"]"#);
static VB_TIME: Css = css!(".postdate .date, .postdate, .date");
static PHPBB_POST: Css = css!(r#"div.post[id^="p"]"#);
static PHPBB_AUTHOR: Css = css!(".author .username, .author strong, .username");
static PHPBB_BODY: Css = css!(".postbody .content, .content");
static PHPBB_TIME: Css = css!(".author time[datetime], time[datetime]");

static MYBB_POST: Css = css!(r#"div.post[id^="post_"]"#);
static MYBB_AUTHOR: Css =
    css!(".author_information .largetext a, .post_author a, .author_information strong");
static MYBB_BODY: Css = css!(".post_body");
static MYBB_TIME: Css = css!(".post_date");
static DISCOURSE_POST: Css = css!(r#"div.topic-body.crawler-post"#);
static DISCOURSE_AUTHOR: Css = css!(r#".creator [itemprop="name"], .creator a"#);
static DISCOURSE_BODY: Css = css!(r#".post[itemprop="text"], .post"#);
static DISCOURSE_TIME: Css = css!(r#"time[datetime], [itemprop="datePublished"]"#);

static ENGINES: [Engine; 5] = [
    Engine {
        name: "xenforo",
        post: &XF_POST,
        author: &XF_AUTHOR,
        body: &XF_BODY,
        time: &XF_TIME,
    },
    Engine {
        name: "vbulletin",
        post: &VB_POST,
        author: &VB_AUTHOR,
        body: &VB_BODY,
        time: &VB_TIME,
    },
    Engine {
        name: "phpbb",
        post: &PHPBB_POST,
        author: &PHPBB_AUTHOR,
        body: &PHPBB_BODY,
        time: &PHPBB_TIME,
    },
    Engine {
        name: "mybb",
        post: &MYBB_POST,
        author: &MYBB_AUTHOR,
        body: &MYBB_BODY,
        time: &MYBB_TIME,
    },
    Engine {
        name: "discourse",
        post: &DISCOURSE_POST,
        author: &DISCOURSE_AUTHOR,
        body: &DISCOURSE_BODY,
        time: &DISCOURSE_TIME,
    },
];

/// The post number in `post-123`, `post_123`, `p123`.
static POST_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:post[-_]?|p)(\d+)$").expect("post number pattern compiles"));

/// Posts of a forum thread page; `None` when no engine's markup is present.
pub fn extract(doc: &Doc) -> Option<Extraction> {
    ENGINES.iter().find_map(|engine| {
        let posts: Vec<ElementRef<'_>> = doc.select(engine.post).collect();
        if posts.is_empty() {
            return None;
        }
        let items = Items::new(posts.clone());
        let comments = posts
            .iter()
            .enumerate()
            .map(|(i, p)| post(i, p, engine, &items))
            .collect();
        Some(Extraction {
            system: engine.name,
            comments,
            items: items.ids(),
            ..Default::default()
        })
    })
}

fn post(i: usize, el: &ElementRef<'_>, engine: &Engine, items: &Items<'_>) -> RawComment {
    let other = |e: &ElementRef<'_>| items.is_other(i, e);
    let first_own = |sel: &Css| elements_below(*el, &other).find(|e| sel.matches(e));
    let id = attr(el, "data-content")
        .or_else(|| el.value().id())
        .and_then(|raw| POST_NUMBER.captures(raw))
        .map(|c| c[1].to_string());
    let body = first_own(engine.body);
    RawComment {
        id,
        author: attr(el, "data-author")
            .map(String::from)
            .or_else(|| first_own(engine.author).map(text)),
        timestamp: first_own(engine.time).and_then(|t| {
            attr(&t, "datetime")
                .and_then(timestamp)
                .or_else(|| timestamp(&text(t)))
        }),
        text: body
            .map(|b| text_with(b, &|e| is_quote(e) || is_signature(e) || other(e)))
            .unwrap_or_default(),
        quotes: body.map(|b| quotes_in(b, &other)).unwrap_or_default(),
        ..Default::default()
    }
}

/// Signatures and app footers are the poster's boilerplate, not the post.
fn is_signature(el: &ElementRef<'_>) -> bool {
    el.value()
        .classes()
        .any(|c| c.eq_ignore_ascii_case("signature") || c.to_ascii_lowercase().contains("signatur"))
}
