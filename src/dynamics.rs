//! Conversation measures of a thread, as the discussion-thread literature defines them: how
//! deep and how dialogic it is, who dominates it, and where it went bad.
//!
//! The definitions are in the README's column dictionary, with their sources.

use std::collections::HashMap;

use crate::model::Thread;
use crate::score::{Flag, ThreadScore};

/// The measures of one thread.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dynamics {
    /// Mean reply depth (top level = 0).
    pub mean_depth: Option<f64>,
    /// Share of comments that reply to another comment.
    pub reply_share: Option<f64>,
    /// Comments in the longest chain of direct replies alternating between two authors.
    pub longest_exchange: usize,
    /// The two authors of that chain, in order of speaking.
    pub exchange_authors: Option<(String, String)>,
    /// Share of comments written by the most active author (among comments with an author).
    pub top_author_share: Option<f64>,
    /// Position and depth of the first comment flagged for anything.
    pub first_flag: Option<(u32, u32)>,
    /// Share of comments with a flagged comment among their ancestors.
    pub under_flag_share: Option<f64>,
}

/// Computes the measures of `thread`, given its scores.
pub fn measure(thread: &Thread, scores: &ThreadScore) -> Dynamics {
    let n = thread.comments.len();
    if n == 0 {
        return Dynamics::default();
    }
    let share = |k: usize| Some(k as f64 / n as f64);
    let flagged: Vec<bool> = scores
        .comments
        .iter()
        .map(|s| Flag::ALL.iter().any(|f| s.flagged(*f)))
        .collect();
    let (longest_exchange, exchange_authors) = longest_exchange(thread);
    Dynamics {
        mean_depth: Some(
            thread
                .comments
                .iter()
                .map(|c| f64::from(c.depth))
                .sum::<f64>()
                / n as f64,
        ),
        reply_share: share(
            thread
                .comments
                .iter()
                .filter(|c| c.parent_id.is_some())
                .count(),
        ),
        longest_exchange,
        exchange_authors,
        top_author_share: top_author_share(thread),
        first_flag: thread
            .comments
            .iter()
            .zip(&flagged)
            .find(|(_, f)| **f)
            .map(|(c, _)| (c.position, c.depth)),
        under_flag_share: share(under_flag(thread, &flagged)),
    }
}

fn top_author_share(thread: &Thread) -> Option<f64> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for author in thread.comments.iter().filter_map(|c| c.author.as_deref()) {
        *counts.entry(author).or_default() += 1;
    }
    let total: usize = counts.values().sum();
    let top = counts.values().max()?;
    Some(*top as f64 / total as f64)
}

/// Comments in parent-first order (by depth, then page order), so a parent is always done
/// before its replies.
fn parent_first(thread: &Thread) -> Vec<usize> {
    let mut order: Vec<usize> = (0..thread.comments.len()).collect();
    order.sort_by_key(|&i| (thread.comments[i].depth, i));
    order
}

/// The longest chain A → B → A → B … of direct replies between two authors.
fn longest_exchange(thread: &Thread) -> (usize, Option<(String, String)>) {
    let parents = thread.parent_indices();
    // For each comment: chain length ending here, and the author it answered in the chain.
    let mut chain: Vec<(usize, Option<&str>)> = vec![(1, None); thread.comments.len()];
    let mut best: (usize, Option<(String, String)>) = (0, None);
    for i in parent_first(thread) {
        let c = &thread.comments[i];
        let Some(p) = parents[i] else { continue };
        let (Some(me), Some(them)) = (c.author.as_deref(), thread.comments[p].author.as_deref())
        else {
            continue;
        };
        if me == them {
            continue;
        }
        let (parent_len, parent_answered) = chain[p];
        let len = if parent_answered == Some(me) {
            parent_len + 1
        } else {
            2
        };
        chain[i] = (len, Some(them));
        if len > best.0 {
            // The pair in speaking order: whoever opened the chain first.
            let pair = if len % 2 == 0 {
                (them.to_string(), me.to_string())
            } else {
                (me.to_string(), them.to_string())
            };
            best = (len, Some(pair));
        }
    }
    best
}

/// How many comments have a flagged ancestor.
fn under_flag(thread: &Thread, flagged: &[bool]) -> usize {
    let parents = thread.parent_indices();
    let mut under = vec![false; thread.comments.len()];
    for i in parent_first(thread) {
        if let Some(p) = parents[i] {
            under[i] = flagged[p] || under[p];
        }
    }
    under.iter().filter(|u| **u).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Comment, Format, Page};
    use crate::score::CommentScore;

    fn thread(spec: &[(&str, Option<&str>, &str)]) -> Thread {
        let mut comments: Vec<Comment> = spec
            .iter()
            .enumerate()
            .map(|(i, (id, parent, author))| Comment {
                id: (*id).into(),
                parent_id: parent.map(Into::into),
                author: Some((*author).into()),
                position: i as u32 + 1,
                text: String::new(),
                ..Default::default()
            })
            .collect();
        crate::tree::repair(&mut comments);
        Thread {
            id: "t".into(),
            page: Page::new("t", Format::Text),
            comments,
        }
    }

    fn scores(flags: &[bool]) -> ThreadScore {
        ThreadScore {
            comments: flags
                .iter()
                .map(|f| CommentScore {
                    scores: [if *f { 0.9 } else { 0.0 }, 0.0, 0.0],
                    flags: [*f, false, false],
                    ..Default::default()
                })
                .collect(),
            page: Vec::new(),
        }
    }

    #[test]
    fn exchange_dominance_and_derailment() {
        let t = thread(&[
            ("1", None, "ann"),
            ("2", Some("1"), "bob"),
            ("3", Some("2"), "ann"),
            ("4", Some("3"), "bob"),
            ("5", Some("4"), "cid"),
            ("6", None, "ann"),
        ]);
        let d = measure(&t, &scores(&[false, false, true, false, false, false]));
        assert_eq!(d.longest_exchange, 4);
        assert_eq!(d.exchange_authors, Some(("ann".into(), "bob".into())));
        assert_eq!(d.top_author_share, Some(0.5));
        assert_eq!(d.first_flag, Some((3, 2)));
        assert_eq!(d.under_flag_share, Some(2.0 / 6.0));
        assert_eq!(d.reply_share, Some(4.0 / 6.0));
        assert_eq!(
            d.mean_depth,
            Some((0.0 + 1.0 + 2.0 + 3.0 + 4.0 + 0.0) / 6.0)
        );
    }

    #[test]
    fn empty_threads_have_no_measures() {
        assert_eq!(measure(&thread(&[]), &scores(&[])), Dynamics::default());
    }
}
