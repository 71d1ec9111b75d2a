//! Parser for HTML pages: article metadata, page links, and the comment tree.
//!
//! Comment extraction tries one strategy after another and keeps the first that finds
//! comments: platforms whose markup does not show the tree, or hides it in data (Hacker News,
//! new Reddit), then forum engines (flat posts), then the [`generic`] finder that covers
//! WordPress, wpDiscuz, Drupal, microdata and unknown markup, then JSON-LD comments, and
//! last records of one shape that are no siblings (a mailing-list archive's mails, each in a
//! box of its own).
//! Only a handful of platforms get their own module; everything else must go through the
//! generic rules, so a new site that uses a known pattern works without code.

mod chrome;
mod depth;
mod dom;
mod forum;
mod generic;
mod hackernews;
mod items;
mod jsonld;
mod mediawiki;
pub mod meta;
mod quotes;
mod records;
mod reddit;
mod script_comments;
mod script_data;
mod widgets;

use rustc_hash::FxHashSet;
use std::collections::HashSet;

use ego_tree::NodeId;
use scraper::{ElementRef, Html};

use crate::ids::content_id;
use crate::model::{CommentSection, Format, LinkKind, Page, PageLink, Region, Thread};
use crate::parse::date::NumericDate;
use crate::parse::{RawComment, build_comments};
pub use chrome::{is_deletion_notice, saying_verbs_pattern};
use dom::{Css, Doc, attr, css, inside, text_with};

/// Page fields a platform states better than the generic metadata does.
#[derive(Debug, Default)]
pub struct PageOverrides {
    /// Headline.
    pub title: Option<String>,
    /// Canonical address.
    pub url: Option<String>,
    /// Article or post author.
    pub author: Option<String>,
    /// Publication time.
    pub published: Option<String>,
}

/// What a comment strategy found on a page.
#[derive(Debug, Default)]
pub struct Extraction {
    /// The comment system's name (`wordpress`, `hackernews`, …).
    pub system: std::borrow::Cow<'static, str>,
    /// How the comments were found ("comment markup", "a run of records of one shape", …),
    /// for the thread's notes.
    pub finder: &'static str,
    /// Where the reply tree came from ("nesting", "parent ids", "depth classes", …).
    pub tree: &'static str,
    /// Comments in page order.
    pub comments: Vec<RawComment>,
    /// The comment elements, kept out of the article text and the page links.
    pub items: FxHashSet<NodeId>,
    /// The count the page announces.
    pub declared: Option<u64>,
    /// "Load more" stubs: replies the page was saved without.
    pub missing_stubs: Option<u64>,
    /// Copies of comments the page shows more than once (a "most liked" block repeating the
    /// thread's), left out.
    pub repeated: usize,
    /// The platform's thread id, when the page shows it.
    pub thread_key: Option<String>,
    /// Page metadata from the platform's own data.
    pub overrides: PageOverrides,
}

type Strategy = fn(&Doc) -> Option<Extraction>;

const STRATEGIES: &[Strategy] = &[
    hackernews::extract,
    reddit::extract,
    mediawiki::extract,
    forum::extract,
    generic::extract,
    jsonld::extract,
    generic::extract_scattered,
    script_comments::extract,
];

static COMMENTS_BLOCK: Css = css!(
    "#comments, .comments-area, .comment-list, .commentlist, #wpdiscuz-comments, .wpd-thread-list, .comments, #comment-section"
);
static COMMENT_HEADING: Css = css!(
    ".comments-title, #comments-title, .comments__headline, .comment-count, .comments-count, .wpd-thread-info, #comments h2, #comments h3"
);
static LINKS: Css = css!("a[href]");

/// Parses one HTML page into its thread.
pub fn parse(source: &str, html: &str) -> Thread {
    let flattened = depth::capped(html);
    let doc = Doc::parse(flattened.as_ref().map_or(html, |(page, _)| page.as_str()));
    let found = STRATEGIES.iter().find_map(|strategy| {
        strategy(&doc).filter(|e| !e.comments.is_empty() || e.thread_key.is_some())
    });
    let mut page = page_meta(source, &doc, found.as_ref().map(|f| &f.overrides));
    let items: FxHashSet<NodeId> = found.as_ref().map(|f| f.items.clone()).unwrap_or_default();
    let mut skip = items.clone();
    skip.extend(doc.select(&COMMENTS_BLOCK).map(|e| e.id()));
    // Never a comment, nor inside one: a forum's opening post found among the posts is the
    // first comment (README), so its body is no article too, and a reply's `entry-content`
    // is no article. (A comments block's name is only a class; an article inside one is
    // not ruled out for it.)
    let article = meta::article_root(&doc, &|a| {
        !skip.contains(&a.id()) && !a.ancestors().any(|up| items.contains(&up.id()))
    });
    let not_article = |e: &ElementRef<'_>| skip.contains(&e.id()) || e.value().name() == "h1";
    page.article_text = article
        .map(|a| text_with(a, &not_article))
        .unwrap_or_default();
    page.links = page_links(&doc, article, &skip, page.site.as_deref());
    let (comments, thread_key) = match found {
        Some(f) => {
            page.comment_section = CommentSection::Found {
                declared: f.declared.or_else(|| declared_count(&doc, &items)),
            };
            page.comment_system = Some(f.system.to_string());
            page.missing_comments = f.missing_stubs;
            if !f.comments.is_empty() {
                page.notes.push(format!(
                    "comments found by {} ({}); reply tree from {}",
                    f.finder, f.system, f.tree
                ));
            }
            if f.repeated > 0 {
                page.notes.push(format!(
                    "{} repeated copies of comments left out (same id and words as a comment \
                     of the thread, as in a block of top comments)",
                    f.repeated
                ));
            }
            (build_comments(f.comments, &mut page.notes), f.thread_key)
        }
        None => {
            no_comments(&doc, &mut page);
            (Vec::new(), None)
        }
    };
    if let Some((_, dropped)) = flattened {
        page.notes.push(format!(
            "markup nested deeper than {} elements: {dropped} elements were closed early to \
             stay within that depth (all kept; replies that deep hang from an earlier comment)",
            depth::MAX_OPEN
        ));
    }
    Thread {
        id: thread_key.unwrap_or_else(|| content_id(html.as_bytes())),
        page,
        comments,
    }
}

/// Text and quotes of an HTML fragment (comment bodies in JSON and XML exports).
pub fn fragment_text(html: &str) -> (String, Vec<crate::model::Quote>) {
    let (text, quotes, _) = fragment(html);
    (text, quotes)
}

/// [`fragment_text`], and the links set on the fragment's own words ([`body_links`]).
pub fn fragment(
    html: &str,
) -> (
    String,
    Vec<crate::model::Quote>,
    Vec<crate::model::BodyLink>,
) {
    let doc = Html::parse_fragment(html);
    let root = doc.root_element();
    (
        text_with(root, &quotes::is_quote),
        quotes::quotes_in(root, &|_| false),
        body_links(root, &quotes::is_quote),
    )
}

/// The links set on words below `root` (`<a href="https://…">words</a>`), not entering
/// elements `skip` holds true for (quotes, nested comments): absolute `http(s)` addresses
/// only, as a relative one points within the site.
pub fn body_links<'a>(
    root: ElementRef<'a>,
    skip: &dyn Fn(&ElementRef<'a>) -> bool,
) -> Vec<crate::model::BodyLink> {
    // The links first, then whether one sits in a skipped element: most elements are no
    // links, and asking `skip` of each is the costly part.
    root.descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "a")
        .filter_map(|a| {
            let url = dom::attr(&a, "href")?;
            let lower = url.get(..8)?.to_ascii_lowercase();
            if !(lower.starts_with("http://") || lower.starts_with("https://")) {
                return None;
            }
            let skipped = std::iter::once(a)
                .chain(
                    a.ancestors()
                        .take_while(|n| n.id() != root.id())
                        .filter_map(ElementRef::wrap),
                )
                .any(|e| skip(&e));
            (!skipped).then(|| crate::model::BodyLink {
                url: url.to_string(),
                words: dom::text(a).trim().to_string(),
            })
        })
        .collect()
}

fn page_meta(source: &str, doc: &Doc, overrides: Option<&PageOverrides>) -> Page {
    let meta = meta::read(doc);
    let pick = |o: Option<&Option<String>>, m: Option<String>| o.cloned().flatten().or(m);
    let mut page = Page::new(source, Format::Html);
    page.title = pick(overrides.map(|o| &o.title), meta.title);
    page.url = pick(overrides.map(|o| &o.url), meta.url);
    page.author = pick(overrides.map(|o| &o.author), meta.author);
    page.published = pick(overrides.map(|o| &o.published), meta.published);
    page.site = page.url.as_deref().and_then(meta::host);
    page
}

/// A page without extracted comments: a script widget, an empty comment block, or nothing.
fn no_comments(doc: &Doc, page: &mut Page) {
    if let Some(widget) = widgets::detect(doc) {
        page.comment_section = CommentSection::Widget {
            name: widget.to_string(),
        };
        page.notes.push(format!(
            "comments are loaded by script ({widget}); the saved page has none"
        ));
    } else if doc.select(&COMMENTS_BLOCK).next().is_some() {
        page.comment_section = CommentSection::Found {
            declared: declared_count(doc, &FxHashSet::default()),
        };
    }
}

/// "91 Ergänzungen", "12 thoughts on …", "4 reader comments", "Comments (3)", "4 комментария",
/// "Yorumlar (4)", "Diskuse (4 příspěvky)", "12 comentários", "12 odpowiedzi na …",
/// and a heading that is the word and the number alone ("Комментарии 4", "Comments 12");
/// Chinese, Japanese and Korean counts ("12 条评论", "12 评论", "12件のコメント",
/// "コメント(12件)", "댓글 12개", "12개의 댓글").
static COUNT_TEXT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^\D{0,20}?(\d{1,7})\s+(?:\w+\s+){0,2}(?:comment|kommentar|ergänzung|antwort|response|repl|reaction|thought|commentaire|comentario|reac|réac|reactie|komentarz|risposte|commenti|leserbrief|yorum|komentář|komentar|příspěv|kommentti|комментари|коментар|comentário|respost|odpowied|antwoord|ответ)|(?:comments?|kommentare?|yorumlar|komentáře|komentari|komentar|kommentit|commentaires?|comentarios?|commenti|réactions?|reactions?|reacciones|reacties|responses?|replies|antworten|komentarze|leserbriefe|avis|discussions?|diskussion|комментарии|коментарі)\s*\((\d{1,7})\)|^(?:comments?|kommentare|commentaires|comentarios|commenti|reacties|komentarze|yorumlar|komentáře|komentari|kommentit|replies|antworten|комментарии|коментарі)\s*:?\s+(\d{1,7})$|(\d{1,7})\s*(?:条|條|則|件の|개의\s*)?(?:评论|評論|留言|回复|コメント|댓글)|^(?:コメント|评论|評論|留言|回复|댓글)\s*[(（]?\s*(\d{1,7})\s*(?:件|条|條|개)?\s*[)）]?$")
        .expect("count pattern compiles")
});

static HEADINGS: Css = css!("h2, h3, h4");

static HTML_ELEMENT: Css = css!("html");

/// Languages whose numeric dates put the year first (`2023/03/14`, `2023. 03. 14.`): a date
/// written with the year last is no sign of their order.
const YEAR_FIRST_LANGUAGES: &[&str] = &["zh", "ja", "ko", "hu", "lt", "mn"];

/// Regions where English writes the month first (`03/14/2023`).
const MONTH_FIRST_REGIONS: &[&str] = &["us", "ph", "ca", "um", "as", "gu", "pr", "vi", "mh", "fm"];

/// The order the page's language writes a numeric date in, from `<html lang>`: month first in
/// English of the United States and a few other regions, day first in English of other
/// regions (`en-GB`, `en-IN`) and in every other language that writes the year last; `None`
/// where the page states no language, states English without a region, or a language that
/// writes the year first.
fn language_order(doc: &Doc) -> Option<bool> {
    let tag = doc.select(&HTML_ELEMENT).next()?.value().attr("lang")?;
    let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
    let mut parts = tag.split('-');
    let language = parts.next().filter(|l| (2..=3).contains(&l.len()))?;
    let region = parts.find(|p| p.len() == 2);
    if language == "en" {
        return region.map(|r| !MONTH_FIRST_REGIONS.contains(&r));
    }
    (!YEAR_FIRST_LANGUAGES.contains(&language)).then_some(true)
}

/// The count a page announces: a comments heading's number, else an element named as a
/// comment count whose text counts comments ("9 comments"), else a heading that counts
/// comments. Never an element inside one of the found comments (`items`): that is a comment's
/// header (Trac's `comment:3 in reply to: ↑ 1` reads like "3 replies") or its own replies.
fn declared_count(doc: &Doc, items: &FxHashSet<NodeId>) -> Option<u64> {
    let from_heading = doc
        .select(&COMMENT_HEADING)
        .next()
        .and_then(|h| first_number(&dom::text(h)));
    let counts = |el: ElementRef<'_>| -> Option<u64> {
        if el.ancestors().any(|a| items.contains(&a.id())) {
            return None;
        }
        count_in(dom::text(el).trim())
    };
    // An element whose class names a count of comments in any spelling (`comments-count`,
    // `mdspost-comments-controls__count`, `commentCount`), or a count as a class word of its
    // own (Waline's `wl-count`, Talkyard's `dw-cmts-count`, Coral's `coral-counter`; not
    // `account`), and whose words count comments.
    let count_named = |el: &ElementRef<'_>| {
        el.value().attr("class").is_some_and(|c| {
            (c.contains("omment") && c.contains("ount"))
                || el.value().classes().any(|k| {
                    ["count", "counter", "Count", "Counter"].iter().any(|w| {
                        k.strip_suffix(w).is_some_and(|head| {
                            head.is_empty()
                                || head.ends_with(['-', '_'])
                                || (w.starts_with('C')
                                    && head.ends_with(|c: char| c.is_ascii_lowercase()))
                        })
                    })
                })
        })
    };
    from_heading
        .or_else(|| {
            doc.root_element()
                .descendants()
                .filter_map(ElementRef::wrap)
                .filter(count_named)
                .find_map(counts)
        })
        .or_else(|| doc.select(&HEADINGS).find_map(counts))
}

/// The number of comments a text counts ([`COUNT_TEXT`]: "12 Comments", "12 条评论").
fn count_in(text: &str) -> Option<u64> {
    let caps = COUNT_TEXT.captures(text)?;
    (1..=5).find_map(|k| caps.get(k))?.as_str().parse().ok()
}

fn first_number(text: &str) -> Option<u64> {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Links outside the comments: all those in the article, and in the rest of the page those
/// that leave the site (navigation within a site is not what a spam audit looks for).
fn page_links(
    doc: &Doc,
    article: Option<ElementRef<'_>>,
    skip: &FxHashSet<NodeId>,
    site: Option<&str>,
) -> Vec<PageLink> {
    let article_ids: FxHashSet<NodeId> = article.map(|a| a.id()).into_iter().collect();
    let mut links = Vec::new();
    let mut seen = HashSet::new();
    for a in doc.select(&LINKS) {
        if inside(*a, skip) {
            continue;
        }
        let Some(href) = attr(&a, "href") else {
            continue;
        };
        let Some((kind, value)) = classify_href(href) else {
            continue;
        };
        let region = if inside(*a, &article_ids) {
            Region::Article
        } else {
            Region::Chrome
        };
        let external = meta::host(&value)
            .is_some_and(|h| site.is_none_or(|s| h != s && !h.ends_with(&format!(".{s}"))));
        if (region == Region::Article || kind != LinkKind::Url || external)
            && seen.insert((region, value.clone()))
        {
            links.push(PageLink {
                kind,
                value,
                region,
                context: dom::text(a).into(),
            });
        }
    }
    links
}

fn classify_href(href: &str) -> Option<(LinkKind, String)> {
    let lower = href.to_ascii_lowercase();
    if let Some(mail) = lower.strip_prefix("mailto:") {
        return Some((LinkKind::Email, mail.split('?').next()?.to_string()));
    }
    if let Some(tel) = lower.strip_prefix("tel:") {
        return Some((LinkKind::Phone, tel.to_string()));
    }
    (lower.starts_with("http://") || lower.starts_with("https://"))
        .then(|| (LinkKind::Url, href.to_string()))
}

/// Times for comments whose only date is in numbers, when the page's numeric dates tell the
/// order ([`NumericDate::order`]), else when the page's language does ([`language_order`]).
fn read_numeric_dates(doc: &Doc, comments: &mut [RawComment], dates: &[Option<NumericDate>]) {
    if dates.iter().all(Option::is_none) {
        return;
    }
    let Some(day_first) = NumericDate::order(dates).or_else(|| language_order(doc)) else {
        return;
    };
    for (c, d) in comments.iter_mut().zip(dates) {
        if c.timestamp.is_none() {
            c.timestamp = d.and_then(|d| d.iso(day_first));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::count_in;

    #[test]
    fn count_texts_give_their_number() {
        for (text, n) in [
            ("12 Comments", Some(12)),
            ("Kommentare (4)", Some(4)),
            ("12 条评论", Some(12)),
            ("5 评论", Some(5)),
            ("4 comments", Some(4)),
            ("12件のコメント", Some(12)),
            ("コメント(12件)", Some(12)),
            ("댓글 12개", Some(12)),
            ("12개의 댓글", Some(12)),
            ("Top 10 films", None),
        ] {
            assert_eq!(count_in(text), n, "{text}");
        }
    }
}
