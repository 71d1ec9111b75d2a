//! `authors.csv`: one row per author per thread, then one per author and site across the
//! run, so repeat offenders and campaigns across pages stand out.
//!
//! Run rows key an author by (site, name): "Alex" on two news sites is two people. Names that
//! stand for no one (`[deleted]`, `Anonymous`, `Guest`; `placeholder_authors.txt`) are marked
//! `placeholder` in their thread rows and left out of the run rows.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::model::Thread;
use crate::score::{Flag, ThreadScore};

/// One row of `authors.csv`; see the README's column dictionary.
#[derive(Debug, Default, Clone, Serialize)]
pub struct AuthorRow {
    scope: &'static str,
    thread_id: Option<String>,
    author: String,
    threads: usize,
    comments: usize,
    replies_received: usize,
    insult: usize,
    spam: usize,
    unsupported: usize,
    /// Added after the first release: columns are only ever appended.
    site: Option<String>,
    placeholder: bool,
}

/// Run-wide totals per author, fed thread rows as they are written. Memory grows with the
/// number of distinct authors (a few dozen bytes each), not with the number of comments.
#[derive(Debug, Default)]
pub struct RunTotals(BTreeMap<(Option<String>, String), AuthorRow>);

impl RunTotals {
    /// Adds one thread row (placeholder names are not added up).
    pub fn add(&mut self, row: &AuthorRow) {
        if row.placeholder {
            return;
        }
        let total = self
            .0
            .entry((row.site.clone(), row.author.clone()))
            .or_insert_with(|| AuthorRow {
                scope: "run",
                author: row.author.clone(),
                site: row.site.clone(),
                ..Default::default()
            });
        total.add(row);
        total.threads += 1;
    }

    /// The run rows, sorted by site (rows without a site first), then author.
    pub fn into_rows(self) -> impl Iterator<Item = AuthorRow> {
        self.0.into_values()
    }
}

impl AuthorRow {
    fn add(&mut self, other: &AuthorRow) {
        self.comments += other.comments;
        self.replies_received += other.replies_received;
        self.insult += other.insult;
        self.spam += other.spam;
        self.unsupported += other.unsupported;
    }
}

/// Per-thread rows in thread order (authors in order of first comment), then run rows sorted
/// by site and author. Comments without an author name are not counted.
pub fn rows(threads: &[Thread], scores: &[ThreadScore]) -> Vec<AuthorRow> {
    let mut totals = RunTotals::default();
    let mut out = Vec::new();
    for (thread, score) in threads.iter().zip(scores) {
        for row in thread_rows(thread, score) {
            totals.add(&row);
            out.push(row);
        }
    }
    out.extend(totals.into_rows());
    out
}

/// The rows of one thread's authors, in order of their first comment.
pub fn thread_rows(thread: &Thread, score: &ThreadScore) -> Vec<AuthorRow> {
    let author_of: HashMap<&str, &str> = thread
        .comments
        .iter()
        .filter_map(|c| Some((c.id.as_str(), c.author.as_deref()?)))
        .collect();
    let mut order: Vec<&str> = Vec::new();
    let mut rows: HashMap<&str, AuthorRow> = HashMap::new();
    for (c, s) in thread.comments.iter().zip(&score.comments) {
        let Some(author) = c.author.as_deref() else {
            continue;
        };
        let row = rows.entry(author).or_insert_with(|| {
            order.push(author);
            AuthorRow {
                scope: "thread",
                thread_id: Some(thread.id.clone()),
                author: author.to_string(),
                threads: 1,
                site: thread.page.site.clone(),
                placeholder: crate::model::is_placeholder_author(author),
                ..Default::default()
            }
        });
        row.comments += 1;
        row.insult += usize::from(s.flagged(Flag::Insult));
        row.spam += usize::from(s.flagged(Flag::Spam));
        row.unsupported += usize::from(s.flagged(Flag::Unsupported));
    }
    for parent in thread
        .comments
        .iter()
        .filter_map(|c| c.parent_id.as_deref())
    {
        if let Some(row) = author_of.get(parent).and_then(|a| rows.get_mut(a)) {
            row.replies_received += 1;
        }
    }
    order.into_iter().filter_map(|a| rows.remove(a)).collect()
}
