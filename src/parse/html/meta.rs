//! Article metadata from an HTML page: title, canonical URL, site, date, author, article text.
//!
//! Sources in order of trust: JSON-LD and OpenGraph/meta tags (written for machines), then
//! markup (`<h1>`, `<time>`, bylines), then `<title>`.

use std::sync::LazyLock;

use regex::Regex;
use scraper::ElementRef;
use serde_json::Value;

use super::dom::{Css, Doc, attr, css, text};
use crate::parse::date::parse_date;

static JSON_LD: Css = css!(r#"script[type="application/ld+json"]"#);
static CANONICAL: Css = css!(r#"link[rel="canonical"][href]"#);
static TITLE_TAG: Css = css!("title");
static H1: Css = css!("h1");
/// Article containers, most specific first.
static ARTICLE_BODIES: [Css; 11] = [
    css!(r#"[itemprop="articleBody"]"#),
    css!(".entry-content"),
    css!(".post-content"),
    css!(".article-body"),
    css!(".article__body"),
    css!(".story-body"),
    css!(".post-body"),
    css!("article .content"),
    css!("article"),
    css!("main"),
    css!(r#"[role="main"]"#),
];
/// How many of [`ARTICLE_BODIES`] name an article body (the rest are page regions).
const NAMED_BODIES: usize = 7;
/// The page's articles: its own first, then any comments rendered as `<article>`s.
static ARTICLE: Css = css!("article");
/// A date in the article's own header or byline, not in its comments.
static TIME: Css = css!(
    "article time[datetime], .entry-meta time[datetime], .post-meta time[datetime], .byline time[datetime]"
);
static BYLINE: Css = css!(r#"[rel="author"], .byline .fn, .author .fn, .author-name, .byline a"#);

/// Metadata found on a page.
#[derive(Debug, Default)]
pub struct Meta {
    /// Headline.
    pub title: Option<String>,
    /// Canonical address.
    pub url: Option<String>,
    /// Publication date, ISO 8601.
    pub published: Option<String>,
    /// Author.
    pub author: Option<String>,
}

/// Where a page states its own address: its canonical link and its `og:url`.
pub static OWN_ADDRESS: Css =
    css!(r#"link[rel="canonical"][href], meta[property="og:url"][content]"#);

/// The page's own address as it states it: the first of its canonical link and `og:url`.
pub fn own_address(doc: &Doc) -> Option<String> {
    doc.select(&OWN_ADDRESS)
        .find_map(|e| {
            attr(&e, "href")
                .or_else(|| attr(&e, "content"))
                .map(String::from)
        })
        .filter(|u| u.starts_with("http"))
}

/// Reads the page's metadata.
pub fn read(doc: &Doc) -> Meta {
    static META: Css = css!("meta[content]");
    // Collected once: each key below would otherwise walk the page again.
    let metas: Vec<ElementRef<'_>> = doc.select(&META).collect();
    let meta_content = |keys: &[&str]| meta_content(&metas, keys);
    let ld = json_ld_article(doc);
    let ld_str = |key: &str| {
        ld.as_ref()
            .and_then(|v| v.get(key))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let url = doc
        .select(&CANONICAL)
        .find_map(|l| attr(&l, "href").map(String::from))
        .or_else(|| meta_content(&["og:url"]))
        .or_else(|| ld_str("url"))
        .filter(|u| u.starts_with("http"));
    // A first heading that links to the site's home or a page above this one is the
    // masthead (`<h1><a href="https://blog.example/notebook/">The Notebook</a></h1>`).
    let heading = doc.select(&H1).next();
    let masthead_link = heading.is_some_and(|h| {
        static LINK: Css = css!("a[href]");
        h.select(&LINK).any(|a| {
            let href = attr(&a, "href").unwrap_or_default().trim();
            is_home(href, None)
                || url.as_deref().is_some_and(|u| {
                    href.starts_with("http")
                        && u != href
                        && u.starts_with(href)
                        && href.ends_with('/')
                })
        })
    });
    let title = ld_str("headline")
        .or_else(|| meta_content(&["og:title", "twitter:title"]))
        .or_else(|| {
            // The entry's title as the hAtom microformat marks it (`dl.hentry >
            // dt.entry-title`), where a masthead heading names the site.
            static ENTRY_TITLE: Css = css!(".hentry .entry-title");
            doc.select(&ENTRY_TITLE)
                .next()
                .map(|t| text(t).trim().to_string())
                .filter(|t| !t.is_empty() && !t.contains('\n'))
        })
        .or_else(|| {
            let tag = doc.select(&TITLE_TAG).next().map(text).unwrap_or_default();
            doc.select(&H1)
                .next()
                .map(text)
                // A heading with a byline or date under its title (`<h1>Title<br><span>June 3,
                // 2024</span></h1>`): the line the `<title>` repeats.
                .map(|t| match t.split_once('\n') {
                    Some((first, _)) if tag.contains(first.trim()) => first.trim().to_string(),
                    _ => t,
                })
                .map(|t| without_label(&t, &tag))
                .filter(|t| !t.is_empty() && !is_site_name(t, &tag, masthead_link))
        })
        .or_else(|| {
            // The `<title>`, without the site's name where the masthead shows it
            // (`Seed potatoes - Growers Forum` under `<h1>Growers Forum</h1>`).
            let tag = doc.select(&TITLE_TAG).next().map(text)?;
            let masthead = doc.select(&H1).next().map(text).unwrap_or_default();
            let page = page_part(&tag, &masthead, masthead_link).unwrap_or(&tag);
            Some(
                headed_part(doc, page, &masthead)
                    .unwrap_or(page)
                    .to_string(),
            )
        });
    // A title that ends in the site's name, as the site states it (`og:site_name`): the part
    // before it (`Tomaten platzen nach dem Regen - Gartenfreunde Forum`). Else as a link to
    // the site's home names it (a breadcrumb's first link, a logo's `alt`: `Clutch judder when
    // cold - Civic Owners Forum` beside `<a href="index.php">Civic Owners Forum</a>`).
    let site_name = meta_content(&["og:site_name", "application-name"]);
    let title = title.map(|t| {
        let cut = site_name
            .as_deref()
            .and_then(|s| page_part(&t, s, false))
            .or_else(|| {
                SEPARATORS.iter().any(|sep| t.contains(sep)).then_some(())?;
                home_link_names(doc, url.as_deref())
                    .iter()
                    .find_map(|name| page_part(&t, name, false))
            })
            .map(str::to_string);
        cut.unwrap_or(t)
    });
    let published = ld_str("datePublished")
        .or_else(|| {
            meta_content(&[
                "article:published_time",
                "datePublished",
                "date",
                "dc.date",
                "pubdate",
            ])
        })
        .or_else(|| {
            // Not a comment's: themes render comments as `<article>`s with a `<time>` too,
            // after the page's own, the first.
            let first = doc.select(&ARTICLE).next().map(|a| a.id());
            doc.select(&TIME)
                .find(|t| {
                    t.ancestors()
                        .filter_map(ElementRef::wrap)
                        .find(|a| a.value().name() == "article")
                        .is_none_or(|a| Some(a.id()) == first)
                })
                .and_then(|t| attr(&t, "datetime").map(String::from))
        })
        .and_then(|d| timestamp(&d))
        .or_else(|| {
            // The article's microdata (`div.post[itemtype=BlogPosting] abbr[itemprop=datePublished]`,
            // Blogger's) or hAtom microformat (`.hentry abbr.published[title]`, SPIP's): the first
            // date an article item states.
            static ITEM_DATE: Css = css!(
                r#"[itemtype$="BlogPosting"] [itemprop="datePublished"], [itemtype$="/Article"] [itemprop="datePublished"], [itemtype$="NewsArticle"] [itemprop="datePublished"], .hentry .published"#
            );
            doc.select(&ITEM_DATE)
                .next()
                .and_then(|t| stated_date(&t).or_else(|| timestamp(&text(t))))
        })
        .or_else(|| {
            // An hAtom entry that states only when it was last updated (journals'
            // `dd.entry-date > abbr.updated[title]`): that date, the closest there is.
            static UPDATED: Css = css!(".hentry .updated");
            doc.select(&UPDATED)
                .next()
                .and_then(|t| stated_date(&t).or_else(|| timestamp(&text(t))))
        });
    let author = ld
        .as_ref()
        .and_then(ld_author)
        .or_else(|| {
            meta_content(&["author", "article:author", "dc.creator"])
                .filter(|a| !a.starts_with("http"))
        })
        .or_else(|| {
            doc.select(&BYLINE)
                .next()
                .map(text)
                .filter(|t| !t.is_empty())
        });
    Meta {
        title: title.map(|t| t.trim().to_string()),
        url,
        published,
        author,
    }
}

/// A `<meta>` content by `property`, `name` or `itemprop`, first key first.
fn meta_content(metas: &[ElementRef<'_>], keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| {
        metas.iter().find_map(|m| {
            let named = ["property", "name", "itemprop"].iter().any(|a| {
                m.value()
                    .attr(a)
                    .is_some_and(|v| v.eq_ignore_ascii_case(key))
            });
            named
                .then(|| attr(m, "content").map(String::from))
                .flatten()
        })
    })
}

/// The first JSON-LD object that describes the page's article or posting.
fn json_ld_article(doc: &Doc) -> Option<Value> {
    const TYPES: &[&str] = &[
        "NewsArticle",
        "Article",
        "BlogPosting",
        "DiscussionForumPosting",
        "Report",
        "WebPage",
        "SocialMediaPosting",
    ];
    ld_objects(doc).into_iter().find(|v| {
        v.get("@type").is_some_and(|t| match t {
            Value::String(s) => TYPES.contains(&s.as_str()),
            Value::Array(a) => a
                .iter()
                .filter_map(Value::as_str)
                .any(|s| TYPES.contains(&s)),
            _ => false,
        })
    })
}

/// Every JSON-LD object on the page, `@graph` members included; broken blocks are skipped.
pub fn ld_objects(doc: &Doc) -> Vec<Value> {
    let mut out = Vec::new();
    for script in doc.select(&JSON_LD) {
        let raw: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        let items = match value {
            Value::Array(items) => items,
            one => vec![one],
        };
        for item in items {
            match item.get("@graph").and_then(Value::as_array) {
                Some(graph) => out.extend(graph.iter().cloned()),
                None => out.push(item),
            }
        }
    }
    out
}

fn ld_author(article: &Value) -> Option<String> {
    let author = article.get("author")?;
    let first = match author {
        Value::Array(a) => a.first()?,
        other => other,
    };
    match first {
        Value::String(s) => Some(s.clone()),
        v => v.get("name").and_then(Value::as_str).map(str::to_string),
    }
}

/// A heading without the label a forum puts before the topic's title (`Thread: X`, `Thema:
/// X`, `Sujet : X`): one or two words and a colon, where the `<title>` starts with what
/// follows. Without that agreement the heading is kept whole (`Brexit: the vote`).
fn without_label(heading: &str, title: &str) -> String {
    let heading = heading.trim();
    if let Some((label, rest)) = heading.split_once(':') {
        let rest = rest.trim();
        let short = (1..=2).contains(&label.split_whitespace().count());
        if short && !rest.is_empty() && title.trim().starts_with(rest) {
            return rest.to_string();
        }
    }
    heading.to_string()
}

/// What the page's links to its site's home say: their words, or the `alt` of an image in
/// them (a logo). Home is `/`, `./`, an `index` page, or the page address's root.
fn home_link_names(doc: &Doc, url: Option<&str>) -> Vec<String> {
    static LINKS: Css = css!("a[href]");
    static IMG: Css = css!("img[alt]");
    let root = url.and_then(|u| {
        let (scheme, rest) = u.split_once("://")?;
        let host = rest.split(['/', '?', '#']).next()?;
        Some(format!("{scheme}://{host}"))
    });
    let mut names = Vec::new();
    for a in doc.select(&LINKS) {
        if !attr(&a, "href").is_some_and(|href| is_home(href, root.as_deref())) {
            continue;
        }
        let words = text(a);
        if !words.trim().is_empty() {
            names.push(words.trim().to_string());
        }
        names.extend(
            a.select(&IMG)
                .filter_map(|i| attr(&i, "alt"))
                .map(|alt| alt.trim().to_string())
                .filter(|alt| !alt.is_empty()),
        );
        if names.len() >= 8 {
            break;
        }
    }
    names
}

/// Whether a link address is the site's home: `/`, `./`, an `index` page, or the site's root
/// address `root` (`https://host`) where it is known.
fn is_home(href: &str, root: Option<&str>) -> bool {
    let href = href.trim();
    matches!(
        href,
        "/" | "./" | "index.php" | "index.html" | "index.htm" | "/index.php"
    ) || root.is_some_and(|r| href.trim_end_matches('/') == r)
}

const SEPARATORS: &[&str] = &[" / ", " | ", " - ", " – ", " — ", " · ", " :: ", " » "];

/// Whether a heading is the site's name in its masthead: the last or first part of a
/// `<title>` of several (`Seed library / Growing together / Allotment Forum`, `The Hedgerow
/// Notebook: Why we stopped mowing`), not the page's own title.
fn is_site_name(heading: &str, title: &str, masthead_link: bool) -> bool {
    page_part(title, heading, masthead_link).is_some() || same_lead(heading, title)
}

/// Whether a heading and the `<title>` open with the same part and go on differently
/// (`/diy/ - Do It Yourself` over a page titled `/diy/ - Rewiring a 1960s lamp`, Moodle's
/// `HIST210: Early Modern Europe` over `HIST210: Week 3: …`): the heading
/// is the site's or board's masthead, its name and tagline. A title that repeats the whole
/// heading (`Title – Part | Site` under `Title – Part`) is the heading's.
fn same_lead(heading: &str, title: &str) -> bool {
    // A colon too: `HIST210: Early Modern Europe` (a course's name) over a discussion titled
    // `HIST210: Week 3: sources for the essay`.
    SEPARATORS.iter().chain(&[": "]).any(|sep| {
        match (heading.split_once(sep), title.split_once(sep)) {
            (Some((h_lead, h_rest)), Some((t_lead, t_rest))) => {
                !h_lead.trim().is_empty()
                    && h_lead.trim() == t_lead.trim()
                    && !t_rest.trim().starts_with(h_rest.trim())
            }
            _ => false,
        }
    })
}

/// The `<title>` without the part that is the site's name `site`: its last part, else, where
/// the heading that shows `site` links home (`leading`), its first (Typepad and Movable Type
/// write `Blog: Post`; a page titled by its own first part is not cut).
/// The part of a `<title>` of several that a heading of the page repeats, other than the
/// masthead's (`Blog Archive » Tomatoes in March` over `<h2>Tomatoes in March</h2>`: old
/// WordPress themes put a section label between the site's name and the post's). The first
/// 50 headings are asked.
fn headed_part<'t>(doc: &Doc, title: &'t str, masthead: &str) -> Option<&'t str> {
    static HEADINGS: Css = css!("h1, h2, h3");
    let sep = SEPARATORS.iter().find(|sep| title.contains(**sep))?;
    let parts: Vec<&str> = title.split(sep).map(str::trim).collect();
    doc.select(&HEADINGS).take(50).find_map(|h| {
        let heading = text(h);
        let heading = heading.trim();
        (heading != masthead.trim())
            .then(|| parts.iter().find(|p| !p.is_empty() && **p == heading))
            .flatten()
            .copied()
    })
}

fn page_part<'t>(title: &'t str, site: &str, leading: bool) -> Option<&'t str> {
    let site = site.trim();
    if site.is_empty() {
        return None;
    }
    let last = SEPARATORS.iter().find_map(|sep| {
        title
            .rsplit_once(sep)
            .filter(|(page, name)| !page.trim().is_empty() && name.trim() == site)
            .map(|(page, _)| page.trim())
    });
    // A middle part names the site too, the page's title before it (`Defect #5521: … -
    // Trailbook - Trailbook Redmine` under Redmine's `<h1>Trailbook</h1>`, the project's name):
    // a page's own title is never between two other parts.
    let middle = || {
        SEPARATORS.iter().find_map(|sep| {
            let at = title.find(&format!("{sep}{site}{sep}"))?;
            let page = title[..at].trim();
            (!page.is_empty()).then_some(page)
        })
    };
    last.or_else(middle).or_else(|| {
        if !leading {
            return None;
        }
        SEPARATORS.iter().chain(&[": "]).find_map(|sep| {
            title
                .split_once(sep)
                .filter(|(name, page)| !page.trim().is_empty() && name.trim() == site)
                .map(|(_, page)| page.trim())
        })
    })
}

/// The date an element states for machines: its `datetime`, else `content` attribute
/// (`<time datetime>`, RDFa `content`), else an epoch time ([`epoch_date`]), else its `title`
/// (hAtom's `<abbr title>`), as a timestamp. An epoch time beside a printed tooltip is the
/// exact one (Steam's `title="… 9:01:00 am CET" data-timestamp="…"`).
pub fn stated_date(el: &ElementRef<'_>) -> Option<String> {
    attr(el, "datetime")
        .or_else(|| attr(el, "content"))
        .and_then(timestamp)
        .or_else(|| epoch_date(el))
        .or_else(|| attr(el, "title").and_then(timestamp))
}

/// Attributes in which scripts and boards state a time as Unix seconds or milliseconds
/// (4chan's `data-utc`, XenForo's `data-time`).
const EPOCH_ATTRIBUTES: &[&str] = &["data-utc", "data-time", "data-timestamp", "data-epoch"];

/// The time an [`EPOCH_ATTRIBUTES`] attribute states: ten digits (seconds) or thirteen
/// (milliseconds) between 2000 and 2100, so a counter or a video position never reads as
/// one.
///
/// Also a `data-…-timestamp` or `data-…-time` attribute named for what it dates (the
/// Guardian's `data-comment-timestamp` on each comment), not one that dates an edit.
pub(super) fn epoch_date(el: &ElementRef<'_>) -> Option<String> {
    el.value().attrs().find_map(|(name, value)| {
        let named = EPOCH_ATTRIBUTES.contains(&name)
            || (name.starts_with("data-")
                && (name.ends_with("-timestamp") || name.ends_with("-time"))
                && !name.contains("edit")
                && !name.contains("update"));
        if !named {
            return None;
        }
        let value = value.trim();
        if !value.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let seconds: i64 = match value.len() {
            10 => value.parse().ok()?,
            13 => value.parse::<i64>().ok()? / 1000,
            _ => return None,
        };
        plausible_unix_time(seconds)
    })
}

/// The ISO 8601 time of Unix `seconds` between 2000 and 2100; `None` outside them (a
/// counter, a video position, an id).
pub(super) fn plausible_unix_time(seconds: i64) -> Option<String> {
    (946_684_800..4_102_444_800)
        .contains(&seconds)
        .then(|| crate::parse::json::unix_time(seconds))
}

/// ISO 8601 with spaces, as databases print it (`2024-06-01 10:02:11 -0500`,
/// `2024-06-01 10:02 UTC`): date, time and zone.
static SPACED_ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?$")
        .expect("spaced ISO pattern compiles")
});

/// Whether text holds a run of exactly four ASCII digits, as every date read here does.
pub fn holds_year(text: &str) -> bool {
    text.as_bytes()
        .split(|b| !b.is_ascii_digit())
        .any(|run| run.len() == 4)
}

/// ISO 8601 timestamps pass through (zone kept; a spaced one is written without its spaces);
/// printed dates are parsed.
pub fn timestamp(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if !holds_year(raw) {
        return None;
    }
    if let Some(c) = SPACED_ISO.captures(raw) {
        let zone = match c.get(3).map(|z| z.as_str()) {
            Some("UTC" | "GMT") => "Z",
            Some(z) => z,
            None => "",
        };
        return Some(format!("{}T{}{zone}", &c[1], &c[2]));
    }
    let iso = raw.len() >= 10
        && raw.as_bytes()[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if iso && raw.len() <= 35 && !raw.contains(char::is_whitespace) {
        Some(raw.to_string())
    } else {
        parse_date(raw)
    }
}

/// The article container: the most specific of the usual content elements that has text
/// paragraphs: two `<p>`, or, in a container named as an article body (not a bare `article`
/// or `main`, which hold the page's chrome too), two line breaks (journals and old editors
/// write paragraphs as `text<br><br>text`). Only elements `allowed` says may be the article
/// (the parser passes over comments and what they hold: a reply's `div.entry-content` is no
/// article).
pub fn article_root<'a>(
    doc: &'a Doc,
    allowed: &dyn Fn(&ElementRef<'a>) -> bool,
) -> Option<ElementRef<'a>> {
    static P: Css = css!("p");
    static BR: Css = css!("br");
    // A Q&A page's question is its article: the `text` of its `schema.org/Question` item or
    // the `entry-content` of its hAtom `hentry question`, however short (one paragraph is a
    // whole question).
    static QUESTION_TEXT: Css = css!(
        r#"[itemtype$="schema.org/Question"] [itemprop="text"], .hentry.question .entry-content"#
    );
    let has_paragraphs = |el: &ElementRef<'_>, named: bool| {
        el.select(&P).nth(1).is_some() || (named && el.select(&BR).nth(1).is_some())
    };
    doc.select(&QUESTION_TEXT)
        .find(|el| allowed(el) && !text(*el).trim().is_empty())
        .or_else(|| {
            ARTICLE_BODIES[..NAMED_BODIES].iter().find_map(|sel| {
                doc.select(sel)
                    .find(|el| allowed(el) && has_paragraphs(el, true))
            })
        })
        .or_else(|| {
            // A post's or entry's text by name, as journals and BEM themes write it
            // (`aentry-post__text`, `entry_text`, `post-text`): one look at each element's
            // class attribute for `text`, cheaper than a selector of substrings.
            doc.root_element()
                .descendants()
                .filter_map(ElementRef::wrap)
                .find(|el| {
                    el.value().attr("class").is_some_and(names_post_text)
                        && allowed(el)
                        && has_paragraphs(el, true)
                })
        })
        .or_else(|| {
            ARTICLE_BODIES[NAMED_BODIES..].iter().find_map(|sel| {
                let root = doc
                    .select(sel)
                    .find(|el| allowed(el) && has_paragraphs(el, false))?;
                // A page region (`article`, `main`) gives way to the element inside it that
                // holds all its paragraphs, leaving its byline, tags and share buttons out,
                // when that keeps most of its words (text outside paragraphs stays).
                let holder = paragraphs_holder(root);
                let kept = holder.id() == root.id()
                    || super::dom::text_bytes(holder) as f64
                        >= 0.6 * super::dom::text_bytes(root) as f64;
                Some(if kept { holder } else { root })
            })
        })
}

/// A class attribute that names a post's, entry's or article's text (`aentry-post__text`,
/// `post-text`, `entry_text`, `article__text`).
fn names_post_text(class: &str) -> bool {
    memchr::memmem::find_iter(class.as_bytes(), b"text").any(|at| {
        let head = class[..at].trim_end_matches(['-', '_']);
        at > head.len()
            && ["post", "entry", "article"]
                .iter()
                .any(|w| head.ends_with(w))
    })
}

/// The innermost element under `root` (or `root`) that holds every `<p>` in it.
fn paragraphs_holder(root: ElementRef<'_>) -> ElementRef<'_> {
    static P: Css = css!("p");
    let mut paragraphs = root.select(&P);
    let Some(first) = paragraphs.next() else {
        return root;
    };
    // The first paragraph's ancestors up to `root`, outermost first; each later paragraph
    // keeps the part of that chain it shares.
    let mut chain: Vec<ElementRef<'_>> = first
        .ancestors()
        .filter_map(ElementRef::wrap)
        .take_while(|a| a.id() != root.id())
        .collect();
    chain.reverse();
    for p in paragraphs {
        let inside = |a: &ElementRef<'_>| p.ancestors().any(|x| x.id() == a.id());
        let shared = chain.iter().take_while(|a| inside(a)).count();
        chain.truncate(shared);
        if chain.is_empty() {
            break;
        }
    }
    chain.last().copied().unwrap_or(root)
}

/// Host name of `url` without `www.`.
pub fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_times_in_attributes_are_dates_and_small_numbers_are_not() {
        let date = |html: &str| {
            let doc = scraper::Html::parse_fragment(html);
            let el = doc
                .root_element()
                .children()
                .find_map(ElementRef::wrap)
                .unwrap();
            stated_date(&el)
        };
        assert_eq!(
            date(r#"<span data-utc="1717409553">06/03/24(Mon)10:12:33</span>"#).as_deref(),
            Some("2024-06-03T10:12:33Z")
        );
        assert_eq!(
            date(r#"<abbr data-time="1717409553000">Jun 3</abbr>"#).as_deref(),
            Some("2024-06-03T10:12:33Z")
        );
        assert_eq!(date(r#"<span data-time="125">2:05</span>"#), None);
        // Named for what it dates (`data-comment-timestamp`), but not an edit's time.
        assert_eq!(
            date(r#"<li data-comment-timestamp="1717409553000">x</li>"#).as_deref(),
            Some("2024-06-03T10:12:33Z")
        );
        assert_eq!(date(r#"<li data-edit-time="1717409553">x</li>"#), None);
    }

    #[test]
    fn the_site_name_comes_off_the_title() {
        let title = |html: &str| read(&Doc::parse(html)).title;
        // As `og:site_name` states it.
        assert_eq!(
            title(r#"<head><meta property="og:title" content="Tomaten - Garten Forum"><meta property="og:site_name" content="Garten Forum"></head>"#).as_deref(),
            Some("Tomaten")
        );
        // As a link to the site's home says it, in words or a logo's `alt`.
        assert_eq!(
            title(r#"<head><title>Clutch judder - Civic Owners</title></head><body><a href="index.php"><img alt="Civic Owners"></a></body>"#).as_deref(),
            Some("Clutch judder")
        );
        // A heading that shares the title's lead and goes on otherwise is the masthead.
        assert_eq!(
            title(r#"<head><title>/diy/ - Rewiring a lamp</title></head><body><h1>/diy/ - Do It Yourself</h1></body>"#).as_deref(),
            Some("/diy/ - Rewiring a lamp")
        );
        // A title that repeats the whole heading is the heading's; a name that is not the
        // site's stays.
        assert_eq!(
            title(r#"<head><title>Fixed – thanks all | Blog</title></head><body><h1>Fixed – thanks all</h1></body>"#).as_deref(),
            Some("Fixed – thanks all")
        );
        assert_eq!(
            title(r#"<head><title>Cats - Dogs</title></head><body><a href="/">Home</a></body>"#)
                .as_deref(),
            Some("Cats - Dogs")
        );
        // A heading that is a middle part of the title is a project's or section's name.
        assert_eq!(
            title(r#"<head><title>Bug #5: GPX drops a point - Trailbook - Trailbook Tracker</title></head><body><h1>Trailbook</h1></body>"#).as_deref(),
            Some("Bug #5: GPX drops a point")
        );
    }

    #[test]
    fn meta_from_tags_and_json_ld() {
        let doc = Doc::parse(
            r#"<html><head><title>T | Site</title><link rel="canonical" href="https://www.ex.org/a">
            <meta property="og:title" content="Headline"><meta name="author" content="Jo">
            <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2020-01-02T03:04:05+01:00"}]}</script>
            </head><body><h1>H1</h1></body></html>"#,
        );
        let m = read(&doc);
        assert_eq!(m.title.as_deref(), Some("Headline"));
        assert_eq!(m.url.as_deref(), Some("https://www.ex.org/a"));
        assert_eq!(m.published.as_deref(), Some("2020-01-02T03:04:05+01:00"));
        assert_eq!(m.author.as_deref(), Some("Jo"));
        assert_eq!(host("https://www.Ex.org:443/a").as_deref(), Some("ex.org"));
    }

    #[test]
    fn spaced_iso_dates_lose_their_spaces() {
        assert_eq!(
            timestamp("2024-06-01 10:02:11 -0500").as_deref(),
            Some("2024-06-01T10:02:11-0500")
        );
        assert_eq!(
            timestamp("2024-06-01 10:02 UTC").as_deref(),
            Some("2024-06-01T10:02Z")
        );
        assert_eq!(
            timestamp("2024-06-01T10:02:11Z").as_deref(),
            Some("2024-06-01T10:02:11Z")
        );
    }

    #[test]
    fn a_masthead_heading_is_not_the_title() {
        let title = |body: &str| {
            let doc = Doc::parse(&format!(
                "<html><head><title>Seed library / Growing / Allotment Forum</title></head><body>{body}</body></html>"
            ));
            read(&doc).title
        };
        assert_eq!(
            title("<h1>Allotment Forum</h1>").as_deref(),
            Some("Seed library / Growing")
        );
        assert_eq!(
            title("<h1>Seed library</h1>").as_deref(),
            Some("Seed library")
        );
        assert_eq!(
            title("<h1>Thread: Seed library</h1>").as_deref(),
            Some("Seed library")
        );
        assert_eq!(
            title("<h1>Brexit: the vote</h1>").as_deref(),
            Some("Brexit: the vote")
        );
        // A masthead that links home and opens the `<title>` (`Blog: Post`).
        let doc = Doc::parse(
            r#"<html><head><title>The Notebook: Why we stopped mowing</title><link rel="canonical" href="https://ex.org/notebook/2024/mowing.html"></head><body><h1><a href="https://ex.org/notebook/">The Notebook</a></h1></body></html>"#,
        );
        assert_eq!(read(&doc).title.as_deref(), Some("Why we stopped mowing"));
    }
}
