//! The article part of a text rendering: headline, dateline, byline, body, and page chrome.
//!
//! A rendering flattens the whole page, so navigation, share prompts, promo lines, related
//! stories and link farms sit between the paragraphs. Each line is classified; chrome is kept
//! out of the article text, but every link or contact in it is recorded, because injected
//! links and contact promos are exactly what spam audits look for.

use std::sync::LazyLock;

use regex::Regex;

use super::layout::{Line, word_count};
use crate::links::find_links;
use crate::model::{LinkKind, PageLink, Region};
use crate::parse::date::parse_date;

/// How many non-blank lines the masthead (nav, dates, icons) may take before the headline.
const MASTHEAD_LINES: usize = 15;

/// Headings that open a block of other stories; everything after them is chrome.
static TRAILER_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:check also|related(?: (?:articles|posts|stories|news|content))?|you (?:may|might) also like|more from .{1,40}|recommended(?: for you)?|most (?:read|popular)|trending(?: now)?|latest (?:news|stories)|leave a (?:reply|comment))[:.]?$")
        .expect("trailer pattern compiles")
});

/// Calls to action and promos that are chrome when the line is short.
static PROMO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:share (?:it|this)|share on|follow us|subscribe|sign up|newsletter|click here|download (?:our|the) app|news alerts?|receive .{0,30}alerts?|join (?:us|our)|contact us|advertise with us|all rights reserved|cookie)\b|^(?:read more|read also|also read|see also|watch)\s*[:|]|^(?:photo|image|picture|credit|foto|bild)s?\s*(?:credit)?\s*:|©")
        .expect("promo pattern compiles")
});

/// `By Jane Doe` or `By Jane Doe and John Roe`.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:by)\s+(?P<name>\p{Lu}[\p{L}.'’\-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}.'’\-]*){0,5})$",
    )
    .expect("byline pattern compiles")
});

/// `About admin`: the author box at the end of an article.
static AUTHOR_BOX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^About\s+(?P<name>[\p{L}][\p{L}\d._'’\-]*(?:\s+[\p{L}][\p{L}.'’\-]*){0,2})$")
        .expect("author box pattern compiles")
});

/// What the article part of a rendering yields.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// Headline.
    pub title: Option<String>,
    /// ISO 8601 publication date.
    pub published: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Article paragraphs, chrome removed.
    pub paragraphs: Vec<String>,
    /// Links in article and chrome.
    pub links: Vec<PageLink>,
}

/// How one line was classified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Article,
    /// Short line without end punctuation: a subheading if article follows, else chrome.
    Weak,
    Chrome,
    /// Headline, or a repeat of a line already taken.
    Skip,
}

/// Classifies the lines before the comment section.
pub fn read_article(lines: &[Line<'_>]) -> Article {
    let texts: Vec<&str> = lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| l.text)
        .collect();
    let mut article = Article::default();
    let body_start = read_masthead(&texts, &mut article);
    let mut roles: Vec<Role> = vec![Role::Chrome; body_start];
    roles.extend(classify_body(&texts[body_start..], &mut article));
    resolve_weak(&mut roles);
    for (text, role) in texts.iter().zip(&roles) {
        match role {
            Role::Article => {
                record_links(text, Region::Article, &mut article.links);
                article.paragraphs.push(text.to_string());
            }
            Role::Chrome | Role::Weak => record_links(text, Region::Chrome, &mut article.links),
            Role::Skip => {}
        }
    }
    article
}

/// Finds the headline among the first lines; returns the index where the body starts.
fn read_masthead(texts: &[&str], article: &mut Article) -> usize {
    for (i, text) in texts.iter().enumerate().take(MASTHEAD_LINES) {
        if let Some(iso) = parse_date(text) {
            article.published.get_or_insert(iso);
        } else if is_chrome(text) || is_breadcrumb(text) {
            continue;
        } else if is_headline(text) {
            article.title = Some(text.to_string());
            return i + 1;
        } else if word_count(text) > 30 {
            break;
        }
    }
    0
}

fn is_headline(text: &str) -> bool {
    let words = word_count(text);
    (3..=30).contains(&words)
        && text.chars().count() <= 300
        && !text.ends_with(':')
        && !is_chrome(text)
        && !is_breadcrumb(text)
}

/// Roles of the body lines; fills in date, byline and author box as they are met.
fn classify_body(texts: &[&str], article: &mut Article) -> Vec<Role> {
    let mut roles = Vec::with_capacity(texts.len());
    let mut in_trailer = false;
    for (i, text) in texts.iter().enumerate() {
        let repeat = i > 0 && texts[i - 1] == *text
            || article
                .title
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case(text));
        let doubled = texts.get(i + 1) == Some(text);
        let role = if repeat {
            Role::Skip
        } else if in_trailer {
            Role::Chrome
        } else if TRAILER_HEADING.is_match(text) {
            in_trailer = true;
            Role::Chrome
        } else {
            match classify_line(text, i, article) {
                // A short line printed twice in a row is an image's alt text and caption.
                Role::Weak if doubled => Role::Chrome,
                role => role,
            }
        };
        roles.push(role);
    }
    roles
}

fn classify_line(text: &str, index: usize, article: &mut Article) -> Role {
    if let Some(iso) = parse_date(text) {
        if index < 3 {
            article.published.get_or_insert(iso);
        }
        return Role::Chrome;
    }
    if let Some(caps) = BYLINE.captures(text).or_else(|| AUTHOR_BOX.captures(text)) {
        article.author.get_or_insert(caps["name"].to_string());
        return Role::Chrome;
    }
    if is_chrome(text) || is_breadcrumb(text) {
        return Role::Chrome;
    }
    let short = word_count(text) <= 5 && !text.ends_with(['.', '!', '?', '"', '”', '…', ':']);
    if short { Role::Weak } else { Role::Article }
}

/// Lines that are chrome wherever they stand.
fn is_chrome(text: &str) -> bool {
    let words = word_count(text);
    let links = find_links(text);
    let contact = links.iter().any(|l| l.kind != LinkKind::Url);
    let link_words = links
        .iter()
        .map(|l| word_count(&l.value).max(1))
        .sum::<usize>();
    !text.chars().any(char::is_alphabetic)
        || is_icon_string(text)
        || (words <= 25 && (PROMO.is_match(text) || contact))
        || (words > 0 && link_words * 5 >= words * 2)
}

/// Icon-font names flattened into text: "icon bookmark-bicon cameraicon check…".
fn is_icon_string(text: &str) -> bool {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let icons = tokens
        .iter()
        .filter(|t| t.to_lowercase().contains("icon"))
        .count();
    tokens.len() >= 5 && icons * 10 >= tokens.len() * 3
}

/// "Home / News / Headline", "Home › Sport › …".
fn is_breadcrumb(text: &str) -> bool {
    let separators = [" / ", " › ", " » ", " > ", " | "]
        .iter()
        .map(|sep| text.matches(sep).count())
        .max()
        .unwrap_or(0);
    separators >= 2 && word_count(text) <= 30
}

/// A weak line is a subheading when article text follows it, otherwise chrome.
fn resolve_weak(roles: &mut [Role]) {
    let mut next_is_article = false;
    for role in roles.iter_mut().rev() {
        match role {
            Role::Article => next_is_article = true,
            Role::Chrome => next_is_article = false,
            Role::Weak => {
                *role = if next_is_article {
                    Role::Article
                } else {
                    Role::Chrome
                }
            }
            Role::Skip => {}
        }
    }
}

pub(super) fn record_links(text: &str, region: Region, links: &mut Vec<PageLink>) {
    let found = find_links(text);
    if found.is_empty() {
        return;
    }
    let context: std::sync::Arc<str> = text.into();
    for found in found {
        links.push(PageLink {
            kind: found.kind,
            value: found.value,
            region,
            context: context.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text::layout::lines;

    fn article(text: &str) -> Article {
        read_article(&lines(text))
    }

    #[test]
    fn masthead_date_then_headline() {
        let a = article(
            "Home\nSearch\n29 Sep, 2017 12:55\nA headline of some words\n\nBody text here.",
        );
        assert_eq!(a.title.as_deref(), Some("A headline of some words"));
        assert_eq!(a.published.as_deref(), Some("2017-09-29T12:55"));
        assert_eq!(a.paragraphs, vec!["Body text here."]);
    }

    #[test]
    fn subheadings_stay_chrome_tails_go() {
        let a = article(
            "Title of the story\nIntro paragraph here.\nThe background\nMore text.\nActual News\nPodcasts\n0:00",
        );
        assert_eq!(
            a.paragraphs,
            vec!["Intro paragraph here.", "The background", "More text."]
        );
    }

    #[test]
    fn promos_and_link_farms_are_chrome_but_their_links_are_kept() {
        let a = article(
            "Title of the story\nText.\nReceive News Alerts on Whatsapp: +2348136370421\nhttps://a.example/ https://b.example/",
        );
        assert_eq!(a.paragraphs, vec!["Text."]);
        let chrome: Vec<&str> = a
            .links
            .iter()
            .filter(|l| l.region == Region::Chrome)
            .map(|l| l.value.as_str())
            .collect();
        assert_eq!(
            chrome,
            vec!["+2348136370421", "https://a.example/", "https://b.example/"]
        );
    }

    #[test]
    fn byline_and_author_box() {
        assert_eq!(
            article("Title of the story\nBy Jane Doe\nText.")
                .author
                .as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            article("Title of the story\nText.\nAbout admin\nCheck Also")
                .author
                .as_deref(),
            Some("admin")
        );
    }
}
