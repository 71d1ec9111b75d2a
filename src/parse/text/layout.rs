//! Lines with their indentation: the only structure a text rendering has.

/// Columns a tab advances to (the next multiple of this). Only relative indentation matters,
/// so any consistent width works; this one matches most renderers.
const TAB_STOP: usize = 4;

/// One line of a text rendering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    /// Leading white space, in columns.
    pub indent: usize,
    /// The line without leading and trailing white space; empty for blank lines.
    pub text: &'a str,
}

impl Line<'_> {
    /// True for empty or white-space-only lines.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Splits `text` into lines (`\n`, `\r\n` or `\r`) and measures their indentation.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    text.split('\n')
        .flat_map(|l| l.split('\r'))
        .map(|raw| {
            let body = raw.trim_start();
            let indent = raw[..raw.len() - body.len()]
                .chars()
                .fold(0, |col, c| match c {
                    '\t' => (col / TAB_STOP + 1) * TAB_STOP,
                    _ => col + 1,
                });
            Line {
                indent,
                text: body.trim_end(),
            }
        })
        .collect()
}

/// Index of the next non-blank line at or after `from`.
pub fn next_non_blank(lines: &[Line<'_>], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&i| !lines[i].is_blank())
}

/// Number of white-space separated words.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indent_counts_spaces_tabs_and_unicode_spaces() {
        let ls = lines("a\n  b\r\n\tc\n \u{a0}d  \n");
        let shape: Vec<(usize, &str)> = ls.iter().map(|l| (l.indent, l.text)).collect();
        assert_eq!(
            shape,
            vec![(0, "a"), (2, "b"), (0, ""), (4, "c"), (2, "d"), (0, "")]
        );
    }
}
