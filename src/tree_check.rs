//! Parsed reply trees measured against gold trees: the comment finder's accuracy on pages whose
//! true tree is known (`threadscan check-trees`, `scripts/dev_pages.py`, `tests/dev_pages.rs`).
//!
//! A gold file is a CSV with one row per comment in page order and at least the columns
//! `comment_id`, `parent_id`, `author` and `text_prefix` (the first characters of the comment's
//! own text, white space collapsed); other columns are ignored. It is named after its page:
//! `gold/<page file name>.csv`.
//!
//! Pingbacks and trackbacks (typed apart in `kind`) are left out: they are not comments.
//!
//! Parsed comments are aligned with gold comments in page order (a monotone alignment, so one
//! missed or extra comment does not shift every later one): a pair scores for matching ids (equal,
//! or one the other's suffix after a separator, `comment-12` ~ `12`), for matching text and for
//! matching authors. Every figure is then counted over gold comments:
//!
//! - `parent`: the comment was found and its parent is the gold parent's match (or both are top
//!   level);
//! - `author`: found, and the author equals the gold author (white space collapsed);
//! - `text`: found, and its text starts with the gold prefix (white space collapsed).

use std::path::Path;

/// One gold comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldComment {
    /// The page's id for it.
    pub id: String,
    /// Its parent's id; empty for top level.
    pub parent_id: String,
    /// Display name as shown.
    pub author: String,
    /// The first characters of its own text, white space collapsed.
    pub text_prefix: String,
}

/// Reads a gold CSV.
pub fn read_gold(path: &Path) -> Result<Vec<GoldComment>, csv::Error> {
    let mut reader = csv::Reader::from_path(path)?;
    let headers = reader.headers()?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (id, parent, author, text) = (
        column("comment_id"),
        column("parent_id"),
        column("author"),
        column("text_prefix"),
    );
    let mut gold = Vec::new();
    for record in reader.records() {
        let record = record?;
        let get = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").to_string();
        gold.push(GoldComment {
            id: get(id),
            parent_id: get(parent),
            author: collapse(&get(author)),
            text_prefix: collapse(&get(text)),
        });
    }
    Ok(gold)
}

/// What was found on one page, next to its gold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// Gold comments.
    pub gold: usize,
    /// Comments found.
    pub found: usize,
    /// Gold comments aligned with a found one.
    pub matched: usize,
    /// Gold comments whose parent is right.
    pub parent: usize,
    /// Gold comments whose author is right.
    pub author: usize,
    /// Gold comments whose text starts with the gold prefix.
    pub text: usize,
}

impl Score {
    /// The comment count is the gold count.
    pub fn count_exact(&self) -> bool {
        self.gold == self.found
    }

    /// Adds another page's counts.
    pub fn add(&mut self, other: &Score) {
        self.gold += other.gold;
        self.found += other.found;
        self.matched += other.matched;
        self.parent += other.parent;
        self.author += other.author;
        self.text += other.text;
    }
}

/// Share `part / whole`, 1 when `whole` is 0.
pub fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// The comments a page's threads hold, in order, pingbacks and trackbacks left out: what is
/// compared with a gold tree.
pub fn comments_of(threads: &[crate::model::Thread]) -> Vec<&crate::model::Comment> {
    threads
        .iter()
        .flat_map(|t| &t.comments)
        .filter(|c| !c.kind.is_link_notice())
        .collect()
}

/// Scores the comments of a page (every thread it yielded, in order) against its gold.
pub fn score(found: &[&crate::model::Comment], gold: &[GoldComment]) -> Score {
    let texts: Vec<String> = found.iter().map(|c| collapse(&c.text)).collect();
    let authors: Vec<String> = found
        .iter()
        .map(|c| collapse(c.author.as_deref().unwrap_or("")))
        .collect();
    let pairs = align(gold, found, &texts, &authors);
    let mut gold_of_found = vec![None; found.len()];
    for &(g, f) in &pairs {
        gold_of_found[f] = Some(g);
    }
    let found_index: std::collections::HashMap<&str, usize> = found
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut s = Score {
        gold: gold.len(),
        found: found.len(),
        matched: pairs.len(),
        ..Score::default()
    };
    for &(g, f) in &pairs {
        let want = &gold[g];
        let parent_found = found[f]
            .parent_id
            .as_deref()
            .and_then(|p| found_index.get(p).copied());
        let parent_ok = match (want.parent_id.is_empty(), parent_found) {
            (true, None) => found[f].parent_id.is_none(),
            (false, Some(p)) => gold_of_found[p].is_some_and(|pg| gold[pg].id == want.parent_id),
            _ => false,
        };
        s.parent += usize::from(parent_ok);
        s.author += usize::from(authors[f] == want.author);
        s.text += usize::from(texts[f].starts_with(&want.text_prefix));
    }
    s
}

/// Monotone alignment of gold and found comments maximising pair similarity; pairs of
/// (gold index, found index).
fn align(
    gold: &[GoldComment],
    found: &[&crate::model::Comment],
    texts: &[String],
    authors: &[String],
) -> Vec<(usize, usize)> {
    let (n, m) = (gold.len(), found.len());
    if n == 0 || m == 0 {
        return Vec::new();
    }
    // Similarity in tenths: a pair with nothing in common still scores 1, so that where no
    // field matches the alignment falls back to page order.
    let similarity = |g: usize, f: usize| -> u32 {
        let want = &gold[g];
        let mut s = 1;
        if ids_match(&want.id, &found[f].id) {
            s += 40;
        }
        let prefix: String = want.text_prefix.chars().take(24).collect();
        if !prefix.is_empty() && texts[f].starts_with(&prefix) {
            s += 20;
        } else if !prefix.is_empty() && texts[f].contains(&prefix) {
            s += 10;
        }
        if !want.author.is_empty() && authors[f] == want.author {
            s += 10;
        }
        s
    };
    // best[i][j]: best total over gold[i..] and found[j..]; quadratic, pages have hundreds of
    // comments at most where gold exists.
    let width = m + 1;
    let mut best = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let skip = best[(i + 1) * width + j].max(best[i * width + j + 1]);
            let take = similarity(i, j) + best[(i + 1) * width + j + 1];
            best[i * width + j] = skip.max(take);
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        let here = best[i * width + j];
        if here == similarity(i, j) + best[(i + 1) * width + j + 1] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if here == best[(i + 1) * width + j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

/// Ids name the same comment: equal, or one is the other with a prefix ending in a separator
/// (`comment-12` and `12`, `t1_abc` and `abc`).
fn ids_match(a: &str, b: &str) -> bool {
    let suffix_of = |long: &str, short: &str| {
        !short.is_empty()
            && long.len() > short.len()
            && long.ends_with(short)
            && long[..long.len() - short.len()].ends_with(['-', '_', '#', ':', '/', '='])
    };
    a == b || suffix_of(a, b) || suffix_of(b, a)
}

/// White space runs (NBSP and line breaks included) as one space, trimmed.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Comment;

    fn found(id: &str, parent: Option<&str>, author: &str, text: &str) -> Comment {
        Comment {
            id: id.into(),
            parent_id: parent.map(Into::into),
            author: Some(author.into()),
            text: text.into(),
            ..Comment::default()
        }
    }

    fn gold(id: &str, parent: &str, author: &str, text: &str) -> GoldComment {
        GoldComment {
            id: id.into(),
            parent_id: parent.into(),
            author: author.into(),
            text_prefix: text.into(),
        }
    }

    #[test]
    fn a_missed_comment_does_not_shift_the_rest() {
        let gold = [
            gold("comment-1", "", "Ann", "First words"),
            gold("comment-2", "comment-1", "Bob", "Second words"),
            gold("comment-3", "", "Cy", "Third words"),
        ];
        let comments = [
            found("1", None, "Ann", "First words here"),
            found("3", Some("1"), "Cy", "Third words here"),
        ];
        let refs: Vec<&Comment> = comments.iter().collect();
        let s = score(&refs, &gold);
        assert_eq!((s.gold, s.found, s.matched), (3, 2, 2));
        assert_eq!((s.parent, s.author, s.text), (1, 2, 2));
        assert!(!s.count_exact());
    }

    #[test]
    fn without_ids_order_and_text_align() {
        let gold = [
            gold("c1", "", "Ann", "Hello"),
            gold("c2", "c1", "Bob", "World"),
        ];
        let comments = [
            found("x", None, "Ann", "Hello   there"),
            found("y", Some("x"), "Bob:", "Wor ld"),
        ];
        let refs: Vec<&Comment> = comments.iter().collect();
        let s = score(&refs, &gold);
        assert_eq!((s.matched, s.parent, s.author, s.text), (2, 2, 1, 1));
    }

    #[test]
    fn id_suffixes_need_a_separator() {
        assert!(ids_match("comment-12", "12"));
        assert!(ids_match("t1_abc", "abc"));
        assert!(!ids_match("112", "12"));
        assert!(!ids_match("", "12"));
    }
}
