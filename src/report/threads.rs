//! `threads.csv`: one row per thread (per page for web pages).

use serde::Serialize;

use super::{join, rounded};
use crate::model::{Region, Thread};
use crate::score::{Flag, ThreadScore};

/// One row of `threads.csv`; see the README's column dictionary.
#[derive(Debug, Default, Serialize)]
pub struct ThreadRow {
    thread_id: String,
    source: String,
    format: String,
    comment_system: Option<String>,
    url: Option<String>,
    site: Option<String>,
    title: Option<String>,
    published: Option<String>,
    page_author: Option<String>,
    comment_section: String,
    declared_comment_count: Option<u64>,
    missing_comment_count: Option<u64>,
    comment_count: usize,
    pingback_count: usize,
    top_level_count: usize,
    reply_count: usize,
    author_count: usize,
    max_depth: Option<u32>,
    article_words: usize,
    article_link_count: usize,
    chrome_link_count: usize,
    notes: super::List,
    insult_count: usize,
    insult_rate: Option<f64>,
    spam_count: usize,
    spam_rate: Option<f64>,
    unsupported_count: usize,
    unsupported_rate: Option<f64>,
    flagged_authors: super::List,
    page_spam_count: usize,
    page_spam_links: super::List,
    mean_depth: Option<f64>,
    reply_share: Option<f64>,
    longest_exchange: usize,
    exchange_authors: super::List,
    top_author_share: Option<f64>,
    first_flag_position: Option<u32>,
    first_flag_depth: Option<u32>,
    under_flag_share: Option<f64>,
    /// Added after the first release: columns are only ever appended.
    unscored_language_count: usize,
}

/// The row for `thread`.
pub fn row(thread: &Thread, scores: &ThreadScore) -> ThreadRow {
    let dynamics = crate::dynamics::measure(thread, scores);
    let count = |flag| scores.comments.iter().filter(|c| c.flagged(flag)).count();
    let rate = |flag| {
        (!thread.comments.is_empty())
            .then(|| rounded(count(flag) as f32 / thread.comments.len() as f32))
    };
    let page = &thread.page;
    let links_in = |region| page.links.iter().filter(|l| l.region == region).count();
    ThreadRow {
        thread_id: thread.id.clone(),
        source: page.source.clone(),
        format: page.format.name().to_string(),
        comment_system: page.comment_system.clone(),
        url: page.url.clone(),
        site: page.site.clone(),
        title: page.title.clone(),
        published: page
            .published
            .as_deref()
            .and_then(crate::parse::date::to_utc),
        page_author: page.author.clone(),
        comment_section: page.comment_section.name().to_string(),
        declared_comment_count: page.comment_section.declared(),
        missing_comment_count: page.missing_comments,
        comment_count: thread.comments.len(),
        pingback_count: thread
            .comments
            .iter()
            .filter(|c| c.kind.is_link_notice())
            .count(),
        top_level_count: thread.top_level_count(),
        reply_count: thread.comments.len() - thread.top_level_count(),
        author_count: thread.author_count(),
        max_depth: thread.max_depth(),
        article_words: page.article_text.split_whitespace().count(),
        article_link_count: links_in(Region::Article),
        chrome_link_count: links_in(Region::Chrome),
        notes: super::join_notes(&page.notes),
        insult_count: count(Flag::Insult),
        insult_rate: rate(Flag::Insult),
        spam_count: count(Flag::Spam),
        spam_rate: rate(Flag::Spam),
        unsupported_count: count(Flag::Unsupported),
        unsupported_rate: rate(Flag::Unsupported),
        flagged_authors: flagged_authors(thread, scores),
        page_spam_count: scores.page.len(),
        page_spam_links: join(scores.page.iter().map(|f| f.value.as_str()), " "),
        mean_depth: dynamics.mean_depth.map(round3),
        reply_share: dynamics.reply_share.map(round3),
        longest_exchange: dynamics.longest_exchange,
        exchange_authors: join(
            dynamics
                .exchange_authors
                .iter()
                .flat_map(|(a, b)| [a.as_str(), b.as_str()]),
            "; ",
        ),
        top_author_share: dynamics.top_author_share.map(round3),
        first_flag_position: dynamics.first_flag.map(|(p, _)| p),
        first_flag_depth: dynamics.first_flag.map(|(_, d)| d),
        under_flag_share: dynamics.under_flag_share.map(round3),
        unscored_language_count: scores
            .comments
            .iter()
            .filter(|c| !c.language.scored)
            .count(),
    }
}

/// Authors of flagged comments, sorted and unique, `; `-separated.
fn flagged_authors(thread: &Thread, scores: &ThreadScore) -> super::List {
    let mut authors: Vec<&str> = thread
        .comments
        .iter()
        .zip(&scores.comments)
        .filter(|(_, s)| Flag::ALL.iter().any(|f| s.flagged(*f)))
        .filter_map(|(c, _)| c.author.as_deref())
        .collect();
    authors.sort_unstable();
    authors.dedup();
    join(authors.into_iter(), "; ")
}

fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}
