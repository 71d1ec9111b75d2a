//! `flags.csv`: one row per finding, the reason behind every score.
//!
//! By default (`--findings flagged`) a comment's findings for a flag are written when the
//! comment got that flag, plus the support findings that kept a comment under a threshold its
//! other evidence reached, plus page spam: every row then explains an outcome, and `counted`
//! says whether it made it. `--findings all` writes every finding, also those that stayed
//! below a threshold.

use serde::Serialize;

use super::{FindingsShown, rounded};
use crate::model::Thread;
use crate::score::ThreadScore;

/// One row of `flags.csv`; see the README's column dictionary.
#[derive(Debug, Default, Serialize)]
pub struct FlagRow<'a> {
    thread_id: &'a str,
    comment_id: Option<&'a str>,
    flag: &'static str,
    code: &'static str,
    name: &'static str,
    score: f64,
    span_start: Option<usize>,
    span_end: Option<usize>,
    span_text: &'a str,
    /// Added after the first release: columns are only ever appended.
    counted: bool,
    span_start_char: Option<usize>,
    span_end_char: Option<usize>,
}

/// The findings of every comment of `thread` in comment order, then the page's own.
pub fn rows<'a>(
    thread: &'a Thread,
    scores: &'a ThreadScore,
    shown: FindingsShown,
) -> impl Iterator<Item = FlagRow<'a>> + 'a {
    let comments = thread
        .comments
        .iter()
        .zip(&scores.comments)
        .flat_map(move |(c, score)| {
            let mut chars = CharOffsets::new(&c.text);
            score
                .findings
                .iter()
                .filter(move |f| shown == FindingsShown::All || score.shown(f))
                .map(move |f| FlagRow {
                    thread_id: &thread.id,
                    comment_id: Some(&c.id),
                    flag: f.flag.name(),
                    code: f.code,
                    name: f.name,
                    score: rounded(f.weight),
                    span_start: Some(f.span.start),
                    span_end: Some(f.span.end),
                    span_text: &f.text,
                    counted: score.counted(f),
                    span_start_char: Some(chars.at(f.span.start)),
                    span_end_char: Some(chars.at(f.span.end)),
                })
                .collect::<Vec<_>>()
        });
    let page = scores.page.iter().map(move |f| FlagRow {
        thread_id: &thread.id,
        comment_id: None,
        flag: "page-spam",
        code: f.code,
        name: f.name,
        score: rounded(f.weight),
        span_start: None,
        span_end: None,
        span_text: &f.value,
        counted: true,
        span_start_char: None,
        span_end_char: None,
    });
    comments.chain(page)
}

/// Byte offsets to character (Unicode scalar value) offsets in one text, as Python's
/// `text[s:e]` and R's `substr` count. ASCII text maps one to one; otherwise the offsets are
/// counted once into a table, so a comment with many findings is walked once.
struct CharOffsets<'a> {
    text: &'a str,
    table: Option<Vec<u32>>,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> Self {
        CharOffsets { text, table: None }
    }

    /// The character offset of byte offset `byte` (clamped to the text, rounded down to a
    /// character boundary).
    fn at(&mut self, byte: usize) -> usize {
        let text = self.text;
        if text.is_ascii() {
            return byte.min(text.len());
        }
        let table = self.table.get_or_insert_with(|| {
            let mut table = vec![0u32; text.len() + 1];
            let mut n = 0u32;
            for (i, slot) in table.iter_mut().enumerate() {
                if text.is_char_boundary(i) && i > 0 {
                    n += 1;
                }
                *slot = n;
            }
            table
        });
        table[byte.min(text.len())] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::CharOffsets;

    #[test]
    fn char_offsets_slice_like_python() {
        let text = "Où est-il, idiot ? 🙂 idiot";
        let mut chars = CharOffsets::new(text);
        for (byte, _) in text.match_indices("idiot") {
            let (s, e) = (chars.at(byte), chars.at(byte + 5));
            let sliced: String = text.chars().skip(s).take(e - s).collect();
            assert_eq!(sliced, "idiot");
        }
        assert_eq!(CharOffsets::new("plain").at(3), 3);
        assert_eq!(chars.at(text.len()), text.chars().count());
    }
}
