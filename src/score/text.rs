//! Text as the rules see it: tokens folded to plain lower-case ASCII-like letters, each
//! pointing back to its byte span in the original text, so every finding can show exactly
//! which words fired.
//!
//! Folding undoes the usual disguises: case, accents and compatibility forms (NFKD),
//! look-alike letters from other scripts (Cyrillic `а`, Greek `ο`), digits and symbols used as
//! letters inside words (`m0ron`, `a$$hole`, `sh!t`), letters spaced out (`i d i o t`,
//! `f.u.c.k`). Masked letters (`sh**t`) are kept as `*` for the lexicon to match as wildcards;
//! stretched letters (`stuuupid`) are matched by the lexicon too.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// One word of a comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the original text.
    pub span: Range<usize>,
    /// Folded form: lower case, look-alikes and leetspeak undone, masks as `*`.
    pub norm: String,
    /// True when the original starts with an upper-case letter (names: `Dick Cheney`).
    pub capitalised: bool,
    /// Index of the sentence the token belongs to.
    pub sentence: usize,
    /// For spelled-out words that begin with `a` or `i` (`a m o r o n`): the word without
    /// that letter, which may have been an article or pronoun.
    pub alt: Option<String>,
    /// Which word lists contain the token, computed once (see `lexicon::tags`).
    pub tags: std::cell::OnceCell<u32>,
}

/// A sentence: its byte span and whether it asks something.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span in the original text.
    pub span: Range<usize>,
    /// Ends with a question mark.
    pub question: bool,
}

/// A comment's text split into tokens and sentences.
#[derive(Clone, Debug, Default)]
pub struct Analysed {
    /// Words in order.
    pub tokens: Vec<Token>,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
}

impl Analysed {
    /// The tokens of each sentence, in one pass (tokens come in sentence order): rules that
    /// read sentence by sentence must not filter every token per sentence, which is
    /// quadratic on a long comment.
    pub fn tokens_by_sentence(&self) -> Vec<&[Token]> {
        debug_assert!(
            self.tokens
                .windows(2)
                .all(|w| w[0].sentence <= w[1].sentence)
        );
        let mut out = vec![&self.tokens[..0]; self.sentences.len()];
        for group in self.tokens.chunk_by(|a, b| a.sentence == b.sentence) {
            if let Some(slot) = out.get_mut(group[0].sentence) {
                *slot = group;
            }
        }
        out
    }

    /// The sentence that holds byte `offset` (sentences are in order and do not overlap).
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let s = self.sentences.partition_point(|s| s.span.end <= offset);
        self.sentences
            .get(s)
            .is_some_and(|sentence| sentence.span.contains(&offset))
            .then_some(s)
    }
}

/// Characters that may stand for letters inside a word.
fn leet(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' | '!' | '|' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        _ => return None,
    })
}

/// Look-alike letters from Cyrillic and Greek.
fn homoglyph(c: char) -> char {
    match c {
        'а' | 'α' => 'a',
        'в' | 'β' => 'b',
        'с' | 'ϲ' => 'c',
        'е' | 'ε' => 'e',
        'һ' => 'h',
        'і' | 'ι' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'м' => 'm',
        'н' | 'η' => 'n',
        'о' | 'ο' => 'o',
        'р' | 'ρ' => 'p',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'υ' => 'u',
        'ν' => 'v',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        other => other,
    }
}

/// Folds one raw word: NFKD without marks, look-alikes, lower case; symbols and digits become
/// letters only in words that have letters (`2020` stays a number); masks become `*`.
pub fn fold(word: &str) -> String {
    // Fast path for the common case; the general path gives the same result for it.
    if word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return word.to_ascii_lowercase();
    }
    let base: String = word
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .map(homoglyph)
        .flat_map(char::to_lowercase)
        .collect();
    let has_letters = base.chars().any(char::is_alphabetic);
    base.chars()
        .filter_map(|c| match c {
            '’' | '\'' => Some('\''),
            '*' | '#' | '_' => Some('*'),
            c if c.is_alphanumeric() && !c.is_ascii_digit() => Some(c),
            c => match leet(c) {
                Some(l) if has_letters => Some(l),
                _ if c.is_ascii_digit() => Some(c),
                _ => None,
            },
        })
        .collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '*' | '$' | '@' | '#' | '!' | '\'' | '’' | '_' | '|')
}

/// Splits `text` into sentences and folded tokens.
pub fn analyse(text: &str) -> Analysed {
    let sentences = sentences(text);
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_word_char(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                push_token(text, s..i, &sentences, &mut tokens);
                start = None;
            }
            _ => {}
        }
    }
    Analysed {
        tokens: join_spaced_letters(text, tokens),
        sentences,
    }
}

fn push_token(text: &str, span: Range<usize>, sentences: &[Sentence], tokens: &mut Vec<Token>) {
    // Trim punctuation that only ends or starts a word ("idiot!", "'quoted'", "@name").
    let raw = &text[span.clone()];
    let lead = raw.len()
        - raw
            .trim_start_matches(['\'', '’', '@', '#', '_', '|', '!'])
            .len();
    let trail = raw.len() - raw.trim_end_matches(['\'', '’', '!', '#', '_', '|']).len();
    if lead + trail >= raw.len() {
        return;
    }
    let span = span.start + lead..span.end - trail;
    let norm = fold(&text[span.clone()]);
    if norm.is_empty() {
        return;
    }
    let capitalised = text[span.clone()].starts_with(char::is_uppercase);
    // Tokens and sentences come in text order: an earlier sentence ended before the previous
    // token, so the search starts at that token's sentence.
    let from = tokens.last().map_or(0, |t| t.sentence).min(sentences.len());
    let sentence = sentences[from..]
        .iter()
        .position(|s| s.span.contains(&span.start))
        .map_or(0, |i| from + i);
    tokens.push(Token {
        span,
        norm,
        capitalised,
        sentence,
        alt: None,
        tags: Default::default(),
    });
}

/// `i d i o t`, `f.u.c.k`: four or more one-letter tokens separated by one space or dot
/// become one token (three would join text-speak like `u r a`).
fn join_spaced_letters(text: &str, tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut run: Vec<Token> = Vec::new();
    let flush = |run: &mut Vec<Token>, out: &mut Vec<Token>| {
        if run.len() >= 4 {
            let span = run[0].span.start..run[run.len() - 1].span.end;
            let norm: String = run.iter().map(|t| t.norm.as_str()).collect();
            let alt = matches!(run[0].norm.as_str(), "a" | "i").then(|| norm[1..].to_string());
            out.push(Token {
                span,
                norm,
                capitalised: run[0].capitalised,
                sentence: run[0].sentence,
                alt,
                tags: Default::default(),
            });
        } else {
            out.append(run);
        }
        run.clear();
    };
    for token in tokens {
        let single = token.norm.chars().count() == 1 && token.norm.chars().all(char::is_alphabetic);
        let adjacent = run.last().is_some_and(|prev: &Token| {
            let gap = &text[prev.span.end..token.span.start];
            gap.len() <= 2 && gap.chars().all(|c| c == ' ' || c == '.')
        });
        if single && (run.is_empty() || adjacent) {
            run.push(token);
        } else {
            flush(&mut run, &mut out);
            if single {
                run.push(token);
            } else {
                out.push(token);
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Sentence spans: split after `.`, `!`, `?` or `…` followed by white space, and at line breaks.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // A parenthesis holds its sentences: `(obviously, it fails.)` belongs to the sentence it
    // interrupts. A line break always ends a sentence, so an unclosed `(` spans one line at most.
    let mut depth = 0u32;
    for (k, &(i, c)) in chars.iter().enumerate() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '\n' => depth = 0,
            _ => {}
        }
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let ends = (depth == 0
            && matches!(c, '.' | '!' | '?' | '…')
            && next.is_none_or(char::is_whitespace))
            || c == '\n';
        if ends {
            push_sentence(text, start..i + c.len_utf8(), &mut out);
            start = i + c.len_utf8();
        }
    }
    push_sentence(text, start..text.len(), &mut out);
    out
}

fn push_sentence(text: &str, span: Range<usize>, out: &mut Vec<Sentence>) {
    let raw = &text[span.clone()];
    let trimmed = raw.trim();
    if trimmed.chars().any(char::is_alphanumeric) {
        let start = span.start + (raw.len() - raw.trim_start().len());
        let question = trimmed
            .trim_end_matches(['.', ' ', '…', ')', '"', '”'])
            .ends_with('?');
        out.push(Sentence {
            span: start..start + trimmed.len(),
            question,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        analyse(text).tokens.into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn disguises_are_folded() {
        assert_eq!(
            norms("You m0ron, a$$hole! sh**t Idiót"),
            vec!["you", "moron", "asshole", "sh**t", "idiot"]
        );
        assert_eq!(norms("ѕtupіd"), vec!["stupid"], "Cyrillic look-alikes");
        assert_eq!(
            norms("in 2020 we had 10-15 cases"),
            vec!["in", "2020", "we", "had", "10", "15", "cases"]
        );
    }

    #[test]
    fn spaced_letters_join_with_their_span() {
        let text = "you are an i d i o t ok";
        let a = analyse(text);
        let t = a.tokens.iter().find(|t| t.norm == "idiot").unwrap();
        assert_eq!(&text[t.span.clone()], "i d i o t");
        assert_eq!(norms("f.u.c.k off"), vec!["fuck", "off"]);
        assert_eq!(
            norms("I am a cat"),
            vec!["i", "am", "a", "cat"],
            "single words are not spelled out"
        );
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "Well, «idiot»!";
        let a = analyse(text);
        assert_eq!(&text[a.tokens[1].span.clone()], "idiot");
    }

    #[test]
    fn sentences_and_questions() {
        let s = sentences("It is so. Is it? Yes… no\nNew line");
        let q: Vec<bool> = s.iter().map(|s| s.question).collect();
        assert_eq!(q, vec![false, true, false, false, false]);
        let text = "IIRC it fails (obviously, later. It fails.). Next one. (Open\nline.";
        let spans: Vec<&str> = sentences(text)
            .iter()
            .map(|s| &text[s.span.clone()])
            .collect();
        assert_eq!(
            spans,
            [
                "IIRC it fails (obviously, later. It fails.).",
                "Next one.",
                "(Open",
                "line."
            ]
        );
    }
}
