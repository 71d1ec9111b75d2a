//! The rule registry: every scoring rule, declared once.
//!
//! A rule is a stable code (`INS001`; never reused once published), a kebab-case name, the
//! flag it bears on, a weight, documentation in a fixed template (what it finds, why it
//! matters), examples that must fire and must not (checked by the tests, printed by
//! `threadscan explain`), and a check function. The scorer runs them all; the reports cite
//! their codes.

pub mod insult;
pub mod page;
pub mod spam;
pub mod unsupported;

use std::ops::Range;

use super::text::Token;
use super::{CommentContext, Flag};

/// Where a rule matched, and how strongly (a factor on the rule's weight, in (0, 1]).
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Byte span in the comment's own text.
    pub span: Range<usize>,
    /// Factor on the rule's weight.
    pub strength: f32,
    /// What the finding reports as its matched text when the evidence is not the comment's
    /// own words (an author name, an author's website); `None`: the text at `span`.
    pub label: Option<String>,
}

impl Hit {
    /// A full-strength hit.
    pub fn at(span: Range<usize>) -> Self {
        Hit::with(span, 1.0)
    }

    /// A hit of the given strength.
    pub fn with(span: Range<usize>, strength: f32) -> Self {
        Hit {
            span,
            strength,
            label: None,
        }
    }
}

/// A scoring rule.
pub struct Rule {
    /// Stable code, e.g. `INS001`.
    pub code: &'static str,
    /// Kebab-case name.
    pub name: &'static str,
    /// The flag it bears on.
    pub flag: Flag,
    /// Weight of a full-strength hit; negative for evidence against the flag.
    pub weight: f32,
    /// One line: what it finds.
    pub summary: &'static str,
    /// Why it matters, and its limits.
    pub why: &'static str,
    /// Comments it must fire on.
    pub fires: &'static [&'static str],
    /// Comments it must not fire on.
    pub passes: &'static [&'static str],
    /// The check.
    pub check: fn(&CommentContext<'_>) -> Vec<Hit>,
}

impl Rule {
    /// The documentation `threadscan explain` prints (Markdown, ruff's template).
    pub fn doc(&self) -> String {
        let list = |items: &[&str]| {
            items
                .iter()
                .map(|e| format!("    {e}\n"))
                .collect::<String>()
        };
        format!(
            "# {code} {name}\n\nflag: {flag} · weight: {weight:+.2}\n\n## What it does\n{summary}\n\n## Why is this bad?\n{why}\n\n## Example\nFires on:\n{fires}\nDoes not fire on:\n{passes}",
            code = self.code,
            name = self.name,
            flag = self.flag.name(),
            weight = self.weight,
            summary = self.summary,
            why = self.why,
            fires = list(self.fires),
            passes = list(self.passes),
        )
    }
}

/// Every comment rule, in code order.
pub static REGISTRY: &[&Rule] = &[
    &insult::SECOND_PERSON_INSULT,
    &insult::PEOPLE_LIKE_YOU,
    &insult::DEMEANING_SUPERLATIVE,
    &insult::INSULT_NOUN,
    &insult::SHILL_ACCUSATION,
    &insult::PROFANITY,
    &insult::DEHUMANISING,
    &insult::THREAT,
    &insult::PROFANE_ATTACK,
    &insult::SITE_INSULT_TERM,
    &insult::AIMED_AT_NO_ONE,
    &spam::URL_SHORTENER,
    &spam::PROMO_TOPIC,
    &spam::CONTACT_OFFER,
    &spam::SELF_PROMOTION,
    &spam::LINK_DROP,
    &spam::CAMPAIGN,
    &spam::MONEY_BAIT,
    &spam::PROMO_LINK,
    &spam::SITE_SPAM_TERM,
    &spam::KEYWORD_AUTHOR,
    &spam::SERVICE_SCAM,
    &spam::PRAISE_LINK,
    &spam::OFF_TOPIC,
    &spam::DISGUISED_LETTERS,
    &spam::KEYWORD_ANCHOR,
    &spam::KEYWORD_WEBSITE,
    &spam::SITE_TALK,
    &unsupported::CERTAINTY_BOOSTER,
    &unsupported::GRAVE_ACCUSATION,
    &unsupported::SWEEPING_UNIVERSAL,
    &unsupported::UNSOURCED_STATISTIC,
    &unsupported::CHALLENGED_BY_REPLY,
    &unsupported::LOADED_LABEL,
    &unsupported::GROUP_GENERALISATION,
    &unsupported::UNSUPPORTED_CLAIM,
    &unsupported::CITED_SOURCE,
    &unsupported::ATTRIBUTION,
    &unsupported::FIRST_HAND,
    &unsupported::SOURCED_IN_REPLY,
    &unsupported::REASONED_SUPPORT,
    &unsupported::ELABORATED,
    &unsupported::GROUNDS,
];

/// A rule's documentation by code (comment rules, page rules and the learned models).
pub fn explain(code: &str) -> Option<String> {
    let code = code.to_ascii_uppercase();
    REGISTRY
        .iter()
        .find(|r| r.code == code)
        .map(|r| r.doc())
        .or_else(|| page::RULES.iter().find(|r| r.code == code).map(|r| r.doc()))
        .or_else(|| super::learned::explain(&code))
}

/// Byte span from token `i` to token `j` (inclusive).
pub fn span(tokens: &[Token], i: usize, j: usize) -> Range<usize> {
    tokens[i].span.start..tokens[j].span.end
}

/// True when a clause ends between tokens `i` and `j` (punctuation, or a conjunction).
pub fn clause_break(text: &str, tokens: &[Token], i: usize, j: usize) -> bool {
    const CONJUNCTIONS: &[&str] = &[
        "but", "because", "that", "who", "which", "if", "when", "than", "while", "though",
        "although",
    ];
    tokens[i].sentence != tokens[j].sentence
        || text[tokens[i].span.end..tokens[j].span.start]
            .contains([',', ';', ':', '(', ')', '"', '“', '”'])
        || tokens[i + 1..j]
            .iter()
            .any(|t| CONJUNCTIONS.contains(&t.norm.as_str()))
}

#[cfg(test)]
mod tests {
    use super::super::{RunContext, score_comment};
    use super::*;
    use crate::model::Comment;

    /// The configuration rule examples are scored with: the site-term rules' terms.
    static EXAMPLE_CONFIG: std::sync::LazyLock<crate::score::config::Config> =
        std::sync::LazyLock::new(|| {
            let file = crate::score::config::ConfigFile::parse(
                "[lexicon]\ninsult = [\"numpty\"]\nspam = [\"cheap essays\"]",
                "example",
            )
            .expect("example configuration parses");
            crate::score::config::Config::build(Some((file, "example".into())), &Default::default())
                .expect("example configuration is valid")
        });

    /// Runs the full scorer on a one-comment thread (with optional replies).
    pub fn hits(rule: &Rule, text: &str, replies: &[&str]) -> Vec<String> {
        let make = |id: &str, parent: Option<&str>, text: &str| Comment {
            id: id.into(),
            parent_id: parent.map(Into::into),
            author: Some("a".into()),
            position: 1,
            text: text.into(),
            ..Default::default()
        };
        // An example may give its page's article first, in braces: `{article} text`.
        let (article, text) = match text.strip_prefix('{').and_then(|r| r.split_once("} ")) {
            Some((article, rest)) => (article, rest),
            None => ("", text),
        };
        // An example may name its author, and website, first: `[name](url) text`, `[name] text`.
        let (author, text) = match text.strip_prefix('[').and_then(|r| r.split_once(']')) {
            Some((name, rest)) => match rest.strip_prefix('(').and_then(|r| r.split_once(") ")) {
                Some((url, t)) => ((name, Some(url)), t),
                None => ((name, None), rest.trim_start()),
            },
            None => (("a", None), text),
        };
        // An example may set links on words in HTML: `<a href="url">words</a>`.
        static ANCHOR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(r#"<a href="([^"]*)">([^<]*)</a>"#).expect("anchor pattern")
        });
        let links: Vec<crate::model::BodyLink> = ANCHOR
            .captures_iter(text)
            .map(|c| crate::model::BodyLink {
                url: c[1].to_string(),
                words: c[2].to_string(),
            })
            .collect();
        let text = ANCHOR.replace_all(text, "$2");
        let comment = Comment {
            author: Some(author.0.into()),
            author_url: author.1.map(Into::into),
            links,
            ..make("c1", None, &text)
        };
        // Replies come from other people, with ids of their own.
        let reply_comments: Vec<Comment> = replies
            .iter()
            .enumerate()
            .map(|(i, r)| Comment {
                author: Some(format!("replier {i}")),
                ..make(&format!("r{i}"), Some("c1"), r)
            })
            .collect();
        let mut page = crate::model::Page::new("t", crate::model::Format::Text);
        page.article_text = article.to_string();
        let terms = crate::score::topic::ArticleTerms::of(&page);
        let mut thread = crate::model::Thread {
            id: "t".into(),
            page,
            comments: vec![comment.clone()],
        };
        thread.comments.extend(reply_comments.iter().cloned());
        let run = RunContext::build(std::iter::once(&thread));
        let ctx = CommentContext {
            article: terms.as_ref(),
            ..CommentContext::new(&comment, reply_comments.iter().collect(), &run)
                .with_config(&EXAMPLE_CONFIG)
        };
        score_comment(&ctx, &[])
            .findings
            .into_iter()
            .filter(|f| f.code == rule.code)
            .map(|f| f.text)
            .collect()
    }

    /// Splits an example into the comment and its replies (`comment ⏎ > reply`).
    fn example(e: &str) -> (String, Vec<String>) {
        let mut parts = e.split(" >> ");
        let text = parts.next().unwrap_or("").to_string();
        (text, parts.map(String::from).collect())
    }

    #[test]
    fn every_rule_fires_on_its_examples_and_passes_the_others() {
        for rule in REGISTRY {
            for e in rule.fires {
                let (text, replies) = example(e);
                let replies: Vec<&str> = replies.iter().map(String::as_str).collect();
                assert!(
                    !hits(rule, &text, &replies).is_empty(),
                    "{} should fire on {e:?}",
                    rule.code
                );
            }
            for e in rule.passes {
                let (text, replies) = example(e);
                let replies: Vec<&str> = replies.iter().map(String::as_str).collect();
                let got = hits(rule, &text, &replies);
                assert!(
                    got.is_empty(),
                    "{} should not fire on {e:?}, matched {got:?}",
                    rule.code
                );
            }
        }
    }

    #[test]
    fn codes_are_unique_sorted_and_names_kebab_case() {
        let codes: Vec<&str> = REGISTRY.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted);
        for r in REGISTRY {
            assert!(
                r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.name
            );
            assert!(
                !r.fires.is_empty() && !r.passes.is_empty(),
                "{} needs examples both ways",
                r.code
            );
        }
    }

    #[test]
    fn explain_prints_the_template() {
        let doc = explain("ins001").unwrap();
        assert!(doc.starts_with("# INS001 second-person-insult"));
        assert!(
            doc.contains("## What it does")
                && doc.contains("## Why is this bad?")
                && doc.contains("## Example")
        );
        assert!(explain("XYZ999").is_none());
    }
}
