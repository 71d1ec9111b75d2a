//! What a comment is about, next to what its article is about: the cosine of their term
//! vectors (content words, sub-linear counts). Blog spam is written once and posted under any
//! post, so its words have nothing to do with the article it sits under; a reader's comment,
//! even a short or rude one, shares the article's subject. Used by `SPM013`.
//!
//! Terms are folded tokens of three letters or more that are not in `stopwords.txt`, with a
//! final `s` taken off words longer than four letters (`lemons` = `lemon`). Pages without
//! article text (dump threads, most exports) have no [`ArticleTerms`], and the rule stays off.

use std::collections::HashMap;
use std::ops::Range;

use super::lexicon::LEXICONS;
use super::text::{Token, analyse};
use crate::model::Page;

/// An article needs this many content words to say what it is about.
pub const MIN_ARTICLE_TERMS: usize = 40;

/// The article's term vector: sub-linear counts (`1 + ln n`) and their norm.
#[derive(Debug, Clone)]
pub struct ArticleTerms {
    weights: HashMap<String, f32>,
    norm: f32,
}

/// The term a token counts as, if it is a content word.
pub fn term_of(token: &Token) -> Option<String> {
    let norm = token.norm.as_str();
    if norm.chars().count() < 3 || !norm.chars().all(char::is_alphabetic) {
        return None;
    }
    if LEXICONS.stopwords.word(norm).is_some() {
        return None;
    }
    let term = match norm.strip_suffix('s') {
        Some(stem) if norm.chars().count() > 4 && !stem.ends_with('s') => stem,
        _ => norm,
    };
    Some(term.to_string())
}

fn counts<'a>(tokens: impl Iterator<Item = &'a Token>) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for token in tokens {
        if let Some(term) = term_of(token) {
            *counts.entry(term).or_insert(0) += 1;
        }
    }
    counts
}

fn sublinear(n: usize) -> f32 {
    1.0 + (n as f32).ln()
}

impl ArticleTerms {
    /// The terms of a page's headline and article text, if it has enough of them.
    pub fn of(page: &Page) -> Option<ArticleTerms> {
        if page.article_text.is_empty() {
            return None;
        }
        let text = format!(
            "{}\n{}",
            page.title.as_deref().unwrap_or(""),
            page.article_text
        );
        let counts = counts(analyse(&text).tokens.iter());
        if counts.values().sum::<usize>() < MIN_ARTICLE_TERMS {
            return None;
        }
        let weights: HashMap<String, f32> = counts
            .into_iter()
            .map(|(term, n)| (term, sublinear(n)))
            .collect();
        let norm = weights.values().map(|w| w * w).sum::<f32>().sqrt();
        Some(ArticleTerms { weights, norm })
    }

    /// The cosine of a comment's terms with the article's, the number of the comment's
    /// content words, and its terms absent from the article, most frequent first (then by
    /// position), each with the span of its first occurrence.
    pub fn compare(&self, tokens: &[Token]) -> Comparison {
        let mut counts: HashMap<String, (usize, Range<usize>)> = HashMap::new();
        let mut words = 0;
        for token in tokens {
            if let Some(term) = term_of(token) {
                words += 1;
                counts.entry(term).or_insert((0, token.span.clone())).0 += 1;
            }
        }
        let (mut dot, mut norm) = (0.0f32, 0.0f32);
        let mut absent: Vec<(String, usize, Range<usize>)> = Vec::new();
        for (term, (n, span)) in counts {
            let w = sublinear(n);
            norm += w * w;
            match self.weights.get(&term) {
                Some(a) => dot += a * w,
                None => absent.push((term, n, span)),
            }
        }
        absent.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.start.cmp(&b.2.start)));
        let cosine = if norm == 0.0 || self.norm == 0.0 {
            0.0
        } else {
            dot / (norm.sqrt() * self.norm)
        };
        Comparison {
            cosine,
            words,
            absent: absent.into_iter().map(|(t, _, s)| (t, s)).collect(),
        }
    }
}

/// A comment's words against its article's ([`ArticleTerms::compare`]).
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Cosine similarity of the two term vectors, 0 to 1.
    pub cosine: f32,
    /// The comment's content words (with repeats).
    pub words: usize,
    /// The comment's terms the article never uses, with their first span.
    pub absent: Vec<(String, Range<usize>)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;

    fn page(article: &str) -> Page {
        let mut page = Page::new("p", Format::Text);
        page.title = Some("Lemon tart".into());
        page.article_text = article.into();
        page
    }

    const ARTICLE: &str = "This lemon tart needs four lemons, butter, sugar and six eggs. Zest the lemons, whisk the eggs with the sugar, melt the butter and bake the pastry case blind for fifteen minutes. Pour the lemon curd into the case and bake until the filling barely wobbles. Serve the tart cold with cream; the pastry keeps for two days in the fridge, and the curd freezes well.";

    #[test]
    fn a_comment_on_the_recipe_shares_its_terms() {
        let article = ArticleTerms::of(&page(ARTICLE)).expect("enough terms");
        let on_topic =
            analyse("I baked the tart with limes instead of lemons and the curd set fine.");
        let off_topic =
            analyse("Best online casino bonus codes, free spins and jackpots every day.");
        let on = article.compare(&on_topic.tokens);
        let off = article.compare(&off_topic.tokens);
        assert!(on.cosine > 0.15, "{on:?}");
        assert!(off.cosine == 0.0, "{off:?}");
        let terms: Vec<&str> = off.absent.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(terms[..3], ["best", "online", "casino"]);
        assert_eq!(&"Best online"[off.absent[0].1.clone()], "Best");
    }

    #[test]
    fn short_or_missing_articles_say_nothing() {
        assert!(ArticleTerms::of(&page("")).is_none());
        assert!(ArticleTerms::of(&page("A short note about lemons.")).is_none());
    }
}
