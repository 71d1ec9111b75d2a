//! Forum threads (XenForo, vBulletin, phpBB, MyBB, Discourse, and any board whose posts carry
//! a `post` class and a post id): lists of posts. Most forums show no reply tree; a quote of an
//! earlier post is how a post says what it answers, so quotes are kept with the quoted post's
//! id and become `reply_to_author`, while the structure stays flat. Boards that do nest
//! answers inside their post (a saved Disqus DOM) keep that nesting.

use std::sync::LazyLock;

use regex::Regex;
use scraper::ElementRef;

use super::dom::{Css, Doc, attr, css, elements_below, text, text_with};
use super::items::Items;
use super::quotes::{is_quote, quotes_in};
use super::{Extraction, meta::timestamp};
use crate::parse::RawComment;
use crate::parse::date::NumericDate;

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

/// Any forum whose posts carry a post id and a `post` class (vBulletin forks, Something
/// Awful, home-grown boards), with the usual author and body classes.
static ANY_POST: Css = css!(
    r#"table.post[id^="post"], div.post[id^="post"], li.post[id^="post"], article.post[id^="post"], div.forum-post[id^="post"]"#
);
static ANY_AUTHOR: Css =
    css!(r#".author, .username, .poster, .postauthor, [class*="author"], [class*="username"]"#);
static ANY_BODY: Css = css!(
    r#".postbody, [class*="postbody"], [class*="post-body"], [class*="post_body"], [class*="postcontent"], [class*="post-content"], [class*="post_content"], [class*="post-message"], [class*="postmessage"]"#
);
static ANY_TIME: Css =
    css!(r#".postdate, [class*="postdate"], [class*="post-date"], time[datetime], .date"#);

static ENGINES: [Engine; 6] = [
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
    Engine {
        name: "forum",
        post: &ANY_POST,
        author: &ANY_AUTHOR,
        body: &ANY_BODY,
        time: &ANY_TIME,
    },
];

/// Fewest posts taken for a forum thread (the opening post and one answer).
pub const MIN_POSTS: usize = 2;

/// The post number in `post-123`, `post_123`, `p123`.
static POST_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:post[-_]?|p)(\d+)$").expect("post number pattern compiles"));

/// Posts of a forum thread page; `None` when no engine's markup is present.
///
/// An engine needs its own evidence: at least [`MIN_POSTS`] posts, most with an author block
/// and a body.
/// A blog's article wrapper (`div#post-123.post`) matches the phpBB post selector, and taking
/// it for a one-post forum thread would hide the page's comment list.
pub fn extract(doc: &Doc) -> Option<Extraction> {
    ENGINES.iter().find_map(|engine| {
        let posts: Vec<ElementRef<'_>> = doc.select(engine.post).collect();
        if posts.len() < MIN_POSTS {
            return None;
        }
        let items = Items::new(posts.clone());
        let (mut comments, dates): (Vec<RawComment>, Vec<_>) = posts
            .iter()
            .enumerate()
            .map(|(i, p)| post(i, p, engine, &items))
            .unzip();
        super::read_numeric_dates(doc, &mut comments, &dates);
        let authored = comments
            .iter()
            .filter(|c| c.author.is_some() && !c.text.is_empty())
            .count();
        if authored * 2 <= comments.len() {
            return None;
        }
        let nested = comments.iter().any(|c| c.parent.is_some());
        Some(Extraction {
            thread_key: (engine.name == "discourse")
                .then(|| discourse_topic(doc))
                .flatten(),
            // A saved Disqus DOM is Disqus's, though laid out as a board's posts.
            system: super::widgets::containing(posts[0])
                .unwrap_or(engine.name)
                .into(),
            finder: "forum post markup",
            tree: if nested {
                "nesting"
            } else {
                "page order (forums are flat)"
            },
            comments,
            items: items.ids(),
            ..Default::default()
        })
    })
}

/// A Discourse topic's thread id from its canonical address (`/t/<slug>/8812`), the id its
/// `posts.json` export gives too: the page and its export are one thread.
fn discourse_topic(doc: &Doc) -> Option<String> {
    static TOPIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/t/(?:[^/?#]+/)?(\d+)(?:[/?#]|$)").expect("topic pattern compiles")
    });
    doc.select(&super::meta::OWN_ADDRESS).find_map(|e| {
        let href = attr(&e, "href").or_else(|| attr(&e, "content"))?;
        Some(format!("discourse-{}", &TOPIC.captures(href)?[1]))
    })
}

/// One post, and its date when that is in numbers only ([`NumericDate`]).
fn post(
    i: usize,
    el: &ElementRef<'_>,
    engine: &Engine,
    items: &Items<'_>,
) -> (RawComment, Option<NumericDate>) {
    let other = |e: &ElementRef<'_>| items.is_other(i, e);
    let first_own = |sel: &Css| elements_below(*el, &other).find(|e| sel.matches(e));
    let id = attr(el, "data-content")
        .or_else(|| el.value().id())
        .and_then(|raw| POST_NUMBER.captures(raw))
        .map(|c| c[1].to_string());
    let body = first_own(engine.body).map(|b| words_box(b, engine, &other));
    // The first author element that holds a name: an avatar link matches the selectors too.
    let author_el = elements_below(*el, &other)
        .filter(|e| engine.author.matches(e))
        .map(|a| (a, super::chrome::clean_author(&text(a))))
        .find(|(_, name)| !name.is_empty());
    let author = attr(el, "data-author")
        .map(String::from)
        .or_else(|| author_el.as_ref().map(|(_, name)| name.clone()))
        .filter(|a| !a.is_empty());
    let author_url = author_el.and_then(|(a, _)| super::generic::link_on_name(a));
    let words = body
        .map(|b| text_with(b, &|e| is_quote(e) || is_signature(e) || other(e)))
        .map(|t| super::chrome::strip(&t, author.as_deref()))
        .unwrap_or_default();
    // "(post deleted by author)": the post keeps its place, the words are gone.
    let deleted = super::chrome::is_deletion_notice(&words);
    let time = first_own(engine.time);
    let stamp = time.and_then(|t| {
        attr(&t, "datetime")
            .and_then(timestamp)
            .or_else(|| timestamp(&text(t)))
    });
    let numeric = time
        .filter(|_| stamp.is_none())
        .and_then(|t| NumericDate::of(&text(t)));
    // No date element (vBulletin 3 prints the date as the words of the post's header cell):
    // the first short line before the body that is a date, or one in numbers only.
    let (stamp, numeric) = match (time, body) {
        (None, Some(body)) => {
            let line = elements_below(*el, &other)
                .take_while(|e| e.id() != body.id())
                .filter(|e| {
                    e.children()
                        .any(|n| n.value().as_text().is_some_and(|t| !t.trim().is_empty()))
                })
                .filter_map(|e| super::dom::short_text(e, 60))
                .find(|line| super::chrome::is_date_line(line));
            let stamp = line.as_deref().and_then(super::generic::timestamp_in);
            let numeric = line
                .filter(|_| stamp.is_none())
                .and_then(|line| NumericDate::of(&line));
            (stamp, numeric)
        }
        _ => (stamp, numeric),
    };
    // Nor a date element, but a relative time whose tooltip holds the date (Disqus's `<a
    // title="Tuesday, March 14, 2023 9:12 AM">3 years ago</a>`).
    let stamp = stamp.or_else(|| {
        if numeric.is_some() {
            return None;
        }
        elements_below(*el, &other)
            .take_while(|e| body.is_none_or(|b| e.id() != b.id()))
            .find_map(|e| super::generic::tooltip_date(&e))
    });
    let raw = RawComment {
        id,
        // Threaded boards (Disqus's saved DOM) nest answers in their post.
        parent: items.enclosing(el).map(crate::parse::ParentRef::Index),
        author: author.clone(),
        author_url,
        timestamp: stamp,
        text: words,
        quotes: body.map(|b| quotes_in(b, &other)).unwrap_or_default(),
        links: body
            .map(|b| super::body_links(b, &|e| is_quote(e) || is_signature(e) || other(e)))
            .unwrap_or_default(),
        ..Default::default()
    }
    .deleted_if(deleted);
    (raw, numeric)
}

/// The box of a post's own words. The first element the engine's body selector finds may be
/// the post's whole content box, holding its header (name, time) too (a saved Disqus DOM's
/// `div.post-content` around `header` and `div.post-message`): then the first body element
/// inside it that holds neither name nor time is the words' box, if there is one.
fn words_box<'a>(
    body: ElementRef<'a>,
    engine: &Engine,
    other: &dyn Fn(&ElementRef<'a>) -> bool,
) -> ElementRef<'a> {
    let holds_header = |b: ElementRef<'a>| {
        elements_below(b, other).any(|e| engine.author.matches(&e) || engine.time.matches(&e))
    };
    if !holds_header(body) {
        return body;
    }
    elements_below(body, other)
        .filter(|e| engine.body.matches(e))
        .find(|e| !holds_header(*e))
        .unwrap_or(body)
}

/// Signatures and app footers are the poster's boilerplate, not the post: an element whose
/// class or role names one (`signature`, `forum-signature`, `data-role="memberSignature"`).
pub(super) fn is_signature(el: &ElementRef<'_>) -> bool {
    let says = |name: &str| super::dom::contains_ignore_case(name, "signatur");
    el.value().classes().any(says) || attr(el, "data-role").is_some_and(says)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_content_box_holding_the_header_gives_way_to_the_words() {
        // A saved Disqus DOM: `div.post-content` holds the header (name, relative time with
        // the date in its tooltip, "in reply to" link) and `div.post-message`, the words.
        let post = |id: u32, name: &str, words: &str| {
            format!(
                r##"<li class="post" id="post-{id}"><div class="post-content"><header><span class="author"><a href="https://disqus.com/by/{name}/">{name}</a></span>
                <a class="parent-link" href="#comment-1">in reply to Ann</a>
                <a class="time-ago" title="Tuesday, March 14, 2023 9:12 AM">3 years ago</a></header>
                <div class="post-body"><div class="post-message"><p>{words}</p></div></div></div></li>"##
            )
        };
        let html = format!(
            "<ul>{}{}</ul>",
            post(1, "ann", "First words."),
            post(2, "bo", "Second words.")
        );
        let got = extract(&Doc::parse(&html)).expect("posts");
        let c = &got.comments[1];
        assert_eq!(c.text, "Second words.");
        assert_eq!(c.author.as_deref(), Some("bo"));
        assert_eq!(c.author_url.as_deref(), Some("https://disqus.com/by/bo/"));
        assert_eq!(c.timestamp.as_deref(), Some("2023-03-14T09:12"));
    }
}
