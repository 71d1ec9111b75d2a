//! Unsupported-assertion rules (`UNS`): a contested fact stated as certain with nothing to
//! back it.
//!
//! Signals of assertion are read per sentence, and only in sentences that assert: questions
//! and requests never count, and a hedge in the sentence (`I think`, `maybe`, `seems`) cuts
//! the signal to a third. Signals of support (`UNS1xx`) have negative weights: a cited source,
//! attribution, first-hand testimony, or a reply that supplies a source scale the score down.
//! A reply that demands evidence (`source?`, `show me the proof`) marks the claim as
//! challenged.

use super::{Hit, Rule};
use crate::model::LinkKind;
use crate::score::lexicon::LEXICONS;
use crate::score::text::Token;
use crate::score::{CommentContext, Flag};

/// Factor on assertion signals in a hedged sentence.
const HEDGED: f32 = 1.0 / 3.0;

/// How strongly sentence `s` asserts: 0 for questions and requests, a third when hedged.
fn sentence_force(ctx: &CommentContext<'_>, s: usize) -> f32 {
    ctx.forces
        .get_or_init(|| sentence_forces(ctx))
        .get(s)
        .copied()
        .unwrap_or(0.0)
}

/// The force of every sentence, computed once per comment.
fn sentence_forces(ctx: &CommentContext<'_>) -> Vec<f32> {
    let analysed = &ctx.analysed;
    let mut hedged = vec![false; analysed.sentences.len()];
    for h in ctx.phrases(&LEXICONS.hedges) {
        if let Some(s) = analysed.sentence_at(h.start) {
            hedged[s] = true;
        }
    }
    analysed
        .sentences
        .iter()
        .zip(analysed.tokens_by_sentence())
        .zip(hedged)
        .map(|((sentence, words), hedged)| {
            if sentence.question || is_request(words) {
                0.0
            } else if hedged {
                HEDGED
            } else {
                1.0
            }
        })
        .collect()
}

/// Imperatives and requests: "show me", "please …", "tell us", "let's …", told by the
/// sentence's first word.
fn is_request(words: &[Token]) -> bool {
    const REQUEST_VERBS: &[&str] = &[
        "show", "tell", "give", "please", "let's", "lets", "explain", "prove", "read", "look",
        "check", "cite", "provide", "imagine", "consider",
    ];
    words
        .first()
        .is_some_and(|t| REQUEST_VERBS.contains(&t.norm.as_str()))
}

/// Hits for `spans`, weighted by the force of the sentence each is in.
fn in_assertions(ctx: &CommentContext<'_>, spans: Vec<std::ops::Range<usize>>) -> Vec<Hit> {
    spans
        .into_iter()
        .filter_map(|span| {
            let s = ctx.analysed.sentence_at(span.start)?;
            let strength = sentence_force(ctx, s);
            (strength > 0.0).then_some(Hit::with(span, strength))
        })
        .collect()
}

/// UNS001.
pub static CERTAINTY_BOOSTER: Rule = Rule {
    code: "UNS001",
    name: "certainty-booster",
    flag: Flag::Unsupported,
    weight: 0.45,
    summary: "A booster that presents a claim as settled: `clearly`, `everyone knows`, `it is a fact`, `proven`, `documented`, `there is overwhelming evidence`, `undeniable`.",
    why: "Boosters claim certainty instead of showing evidence; in a contested discussion they mark assertions that ask to be taken on faith.",
    fires: &[
        "There is overwhelming evidence that he supplied the troops.",
        "US is documented to have created ISIS.",
    ],
    passes: &[
        "Is it documented anywhere?",
        "I think it is clearly wrong, maybe.",
    ],
    check: certainty_booster,
};

fn certainty_booster(ctx: &CommentContext<'_>) -> Vec<Hit> {
    in_assertions(ctx, ctx.phrases(&LEXICONS.boosters))
        .into_iter()
        .filter(|h| h.strength >= 1.0)
        .collect()
}

/// UNS002.
pub static GRAVE_ACCUSATION: Rule = Rule {
    code: "UNS002",
    name: "grave-accusation",
    flag: Flag::Unsupported,
    weight: 0.45,
    summary: "An agent accused of something grave: a named actor or pronoun followed by `funded`, `armed`, `created`, `shot down`, `murdered`, `rigged`, `covered up`, `supplied`, `staged`, …",
    why: "Accusations of grave acts are the claims that most need evidence and that most often circulate without it.",
    fires: &[
        "It was the Ukrainian govt that shot down the Malaysian plane.",
        "He murdered his opposition.",
    ],
    passes: &[
        "Did Russia arm the rebels?",
        "I made a cake and created a mess.",
    ],
    check: grave_accusation,
};

fn is_agent(t: &Token) -> bool {
    const PRONOUNS: &[&str] = &[
        "he",
        "she",
        "they",
        "it",
        "government",
        "govt",
        "regime",
        "administration",
        "cia",
        "fbi",
    ];
    (t.capitalised && t.norm != "i") || PRONOUNS.contains(&t.norm.as_str())
}

fn grave_accusation(ctx: &CommentContext<'_>) -> Vec<Hit> {
    let tokens = &ctx.analysed.tokens;
    let spans = (0..tokens.len())
        .filter(|&j| LEXICONS.accusation_verbs.contains(&tokens[j]))
        .filter(|&j| {
            let first_person = j > 0 && matches!(tokens[j - 1].norm.as_str(), "i" | "we");
            !first_person
                && (j.saturating_sub(8)..j)
                    .any(|k| tokens[k].sentence == tokens[j].sentence && is_agent(&tokens[k]))
        })
        .map(|j| {
            let end = tokens
                .get(j + 1)
                .filter(|n| n.norm == "down" || n.norm == "up")
                .map_or(j, |_| j + 1);
            super::span(tokens, j, end)
        })
        .collect();
    in_assertions(ctx, spans)
}

/// UNS003.
pub static SWEEPING_UNIVERSAL: Rule = Rule {
    code: "UNS003",
    name: "sweeping-universal",
    flag: Flag::Unsupported,
    weight: 0.2,
    summary: "A sweeping universal in a declarative sentence: `always`, `never`, `all`, `everyone`, `nobody`.",
    why: "Universal claims are rarely true as stated and invite the first counter-example; they add to the certainty of a claim but are not flagged on their own.",
    fires: &["They always lie about everything."],
    passes: &["Do they always do that?"],
    check: sweeping_universal,
};

fn sweeping_universal(ctx: &CommentContext<'_>) -> Vec<Hit> {
    let spans = ctx
        .analysed
        .tokens
        .iter()
        .filter(|t| LEXICONS.universals.contains(t))
        .map(|t| t.span.clone())
        .collect();
    in_assertions(ctx, spans)
}

/// UNS004.
pub static UNSOURCED_STATISTIC: Rule = Rule {
    code: "UNS004",
    name: "unsourced-statistic",
    flag: Flag::Unsupported,
    weight: 0.3,
    summary: "A statistic in a declarative sentence: a percentage, `N times`, `N million`.",
    why: "Numbers lend authority; a figure with no source cannot be checked.",
    fires: &[
        "80% of them are criminals.",
        "Crime went up 3 times since then.",
    ],
    passes: &["Is it 80%?", "I have 2 cats."],
    check: unsourced_statistic,
};

fn unsourced_statistic(ctx: &CommentContext<'_>) -> Vec<Hit> {
    const UNITS: &[&str] = &[
        "percent",
        "per",
        "times",
        "million",
        "millions",
        "billion",
        "billions",
        "thousand",
        "thousands",
        "fold",
    ];
    let tokens = &ctx.analysed.tokens;
    let spans = (0..tokens.len())
        .filter(|&i| tokens[i].norm.chars().any(|c| c.is_ascii_digit()))
        .filter_map(|i| {
            let percent = ctx.text[tokens[i].span.end..].starts_with('%');
            let unit = tokens
                .get(i + 1)
                .filter(|n| n.sentence == tokens[i].sentence && UNITS.contains(&n.norm.as_str()));
            match (percent, unit) {
                (true, _) => Some(tokens[i].span.start..tokens[i].span.end + 1),
                (false, Some(u)) => Some(tokens[i].span.start..u.span.end),
                _ => None,
            }
        })
        .collect();
    in_assertions(ctx, spans)
}

/// UNS005.
pub static CHALLENGED_BY_REPLY: Rule = Rule {
    code: "UNS005",
    name: "challenged-by-reply",
    flag: Flag::Unsupported,
    weight: 0.35,
    summary: "A direct reply demands evidence (`show me the proof`, `source?`, `citation needed`); the finding points at the comment's first asserting sentence.",
    why: "Thread context counts: when another participant asks for evidence, the claim is contested and its lack of support matters.",
    fires: &["The election was rigged by the governor. >> Source? Show me the proof."],
    passes: &["The election was rigged by the governor. >> I agree."],
    check: challenged_by_reply,
};

fn challenged_by_reply(ctx: &CommentContext<'_>) -> Vec<Hit> {
    let challenged = ctx
        .reply_phrases(&LEXICONS.evidence_requests)
        .iter()
        .any(|spans| !spans.is_empty());
    let sentence = (0..ctx.analysed.sentences.len()).find(|&s| sentence_force(ctx, s) >= 1.0);
    match (challenged, sentence) {
        (true, Some(s)) => vec![Hit::at(ctx.analysed.sentences[s].span.clone())],
        _ => Vec::new(),
    }
}

/// UNS006.
pub static DECLARATIVE_CLAIM: Rule = Rule {
    code: "UNS006",
    name: "declarative-claim",
    flag: Flag::Unsupported,
    weight: 0.3,
    summary: "A declarative sentence that states a checkable fact: it names an actor (a capitalised name after the first word) or a number, in a sentence of at least six words that is not a question, request, hedge or first-person feeling.",
    why: "This is the `is an assertion` stage: factual claims are what can be unsupported. Alone it stays below the flag threshold; boosters, accusations or statistics push an unsupported claim over it, and sources pull it back.",
    fires: &["Russia supplied the rebels with tanks in 2014."],
    passes: &[
        "I love this song so much.",
        "What did the Kremlin say about it?",
        "Maybe Russia sent some tanks, I guess.",
    ],
    check: declarative_claim,
};

fn declarative_claim(ctx: &CommentContext<'_>) -> Vec<Hit> {
    const FEELINGS: &[&str] = &[
        "love", "like", "hate", "want", "wish", "hope", "feel", "enjoy", "agree", "disagree",
        "thank", "thanks",
    ];
    let mut hits = Vec::new();
    let by_sentence = ctx.analysed.tokens_by_sentence();
    for (s, (sentence, words)) in ctx.analysed.sentences.iter().zip(by_sentence).enumerate() {
        if words.len() < 6 || sentence_force(ctx, s) < 1.0 {
            continue;
        }
        let feeling = words.windows(2).any(|w| {
            matches!(w[0].norm.as_str(), "i" | "we") && FEELINGS.contains(&w[1].norm.as_str())
        });
        let actor = words.iter().skip(1).any(|t| t.capitalised && t.norm != "i");
        let number = words
            .iter()
            .any(|t| t.norm.chars().any(|c| c.is_ascii_digit()));
        if !feeling && (actor || number) {
            hits.push(Hit::at(sentence.span.clone()));
        }
    }
    hits
}

/// UNS007.
pub static LOADED_LABEL: Rule = Rule {
    code: "UNS007",
    name: "loaded-label",
    flag: Flag::Unsupported,
    weight: 0.35,
    summary: "A loaded label stated as fact: `X are terrorists`, `they were freedom fighters`, `the herd is brainwashed`, `it is propaganda` (a copula followed within a few words by a label such as terrorists, traitors, puppets, criminals, propaganda).",
    why: "Labels like these are verdicts, not observations: they are the contested part of a claim and need the most support.",
    fires: &[
        "the Syrian rebels were freedom fighters, turned terrorists",
        "Their media is pure propaganda.",
    ],
    passes: &[
        "Were they terrorists?",
        "The police arrested three suspected criminals on Monday, I think.",
    ],
    check: loaded_label,
};

fn loaded_label(ctx: &CommentContext<'_>) -> Vec<Hit> {
    const COPULAS: &[&str] = &[
        "is", "are", "was", "were", "be", "been", "being", "'s", "re",
    ];
    let tokens = &ctx.analysed.tokens;
    let spans = (0..tokens.len())
        .filter_map(|j| {
            let len = LEXICONS.loaded_labels.at(tokens, j)?;
            let copula = (j.saturating_sub(4)..j).find(|&k| {
                tokens[k].sentence == tokens[j].sentence
                    && COPULAS.contains(&tokens[k].norm.as_str())
            })?;
            Some(super::span(tokens, copula, j + len - 1))
        })
        .collect();
    in_assertions(ctx, spans)
        .into_iter()
        .filter(|h| h.strength >= 1.0)
        .collect()
}

/// UNS101.
pub static CITED_SOURCE: Rule = Rule {
    code: "UNS101",
    name: "cited-source",
    flag: Flag::Unsupported,
    weight: -0.6,
    summary: "The comment links a source: full weight for a reputable domain (news, government, UN, Wikipedia, science), two thirds for another site that is no shortener.",
    why: "A cited source is the support an assertion needs; whether the source holds up is for the reader, but the claim is no longer unsupported.",
    fires: &["It was funded by the state: https://www.reuters.com/world/x"],
    passes: &["It was funded by the state, trust me."],
    check: cited_source,
};

fn cited_source(ctx: &CommentContext<'_>) -> Vec<Hit> {
    ctx.links
        .iter()
        .filter(|l| l.kind == LinkKind::Url && !l.shortener)
        .map(|l| Hit::with(l.span.clone(), if l.reputable { 1.0 } else { 2.0 / 3.0 }))
        .collect()
}

/// UNS102.
pub static ATTRIBUTION: Rule = Rule {
    code: "UNS102",
    name: "attribution",
    flag: Flag::Unsupported,
    weight: -0.5,
    summary: "The claim is attributed: `according to`, `X reported`, `a study by`, `source:`, or a named outlet (Reuters, AP, BBC, Wikipedia, …).",
    why: "Attribution tells the reader where a claim comes from, so it can be checked.",
    fires: &[
        "According to Reuters, the army shelled the town.",
        "It is on Wikipedia for years.",
        "The BBC reported it.",
    ],
    passes: &["The army shelled the town.", "so your source is wikipedia"],
    check: attribution,
};

fn attribution(ctx: &CommentContext<'_>) -> Vec<Hit> {
    let mut spans = ctx.phrases(&LEXICONS.attribution);
    spans.extend(cited_outlets(ctx.text));
    spans.into_iter().map(Hit::at).collect()
}

/// Outlets named as a source (`on Wikipedia`, `Reuters reported`), not merely mentioned
/// (`your source is Wikipedia`).
fn cited_outlets(text: &str) -> Vec<std::ops::Range<usize>> {
    const BEFORE: &[&str] = &[
        "according to",
        "on",
        "in",
        "from",
        "by",
        "per",
        "via",
        "see",
        "cites",
        "citing",
        "says",
    ];
    const AFTER: &[&str] = &[
        "reported",
        "reports",
        "says",
        "said",
        "wrote",
        "confirmed",
        "found",
        "shows",
        "showed",
        "published",
    ];
    LEXICONS
        .outlets
        .find(text)
        .into_iter()
        .filter(|span| {
            let before = text[..span.start].trim_end().to_lowercase();
            let after = text[span.end..].trim_start().to_lowercase();
            let ends_with_word = |w: &str| {
                before.ends_with(w)
                    && before[..before.len() - w.len()]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric())
            };
            BEFORE.iter().any(|w| ends_with_word(w)) || AFTER.iter().any(|w| after.starts_with(w))
        })
        .collect()
}

/// UNS103.
pub static FIRST_HAND: Rule = Rule {
    code: "UNS103",
    name: "first-hand",
    flag: Flag::Unsupported,
    weight: -0.5,
    summary: "First-hand testimony: `I lived there`, `I saw`, `I was there`, `in my experience`.",
    why: "Testimony is evidence of its own kind: the writer vouches for what they saw.",
    fires: &["I lived there for ten years and saw the checkpoints."],
    passes: &["They built checkpoints everywhere."],
    check: first_hand,
};

fn first_hand(ctx: &CommentContext<'_>) -> Vec<Hit> {
    ctx.phrases(&LEXICONS.firsthand)
        .into_iter()
        .map(Hit::at)
        .collect()
}

/// UNS104.
pub static SOURCED_IN_REPLY: Rule = Rule {
    code: "UNS104",
    name: "sourced-in-reply",
    flag: Flag::Unsupported,
    weight: -0.4,
    summary: "A direct reply supplies a source for the comment (a reputable link or an attribution); the finding points at the comment's first asserting sentence.",
    why: "Thread context counts both ways: a claim that another participant backs with a source is no longer unsupported in that thread.",
    fires: &["The town was shelled on Monday. >> Yes, see https://www.bbc.com/news/x"],
    passes: &["The town was shelled on Monday. >> No way."],
    check: sourced_in_reply,
};

fn sourced_in_reply(ctx: &CommentContext<'_>) -> Vec<Hit> {
    let attributed = ctx.reply_phrases(&LEXICONS.attribution);
    let outlets = ctx.reply_phrases(&LEXICONS.outlets);
    let sourced = ctx.replies.iter().enumerate().any(|(i, r)| {
        !attributed[i].is_empty()
            || !outlets[i].is_empty()
            || crate::score::links::comment_links(&r.text)
                .iter()
                .any(|l| l.reputable)
    });
    let first = ctx.analysed.sentences.first();
    match (sourced, first) {
        (true, Some(s)) => vec![Hit::at(s.span.clone())],
        _ => Vec::new(),
    }
}

/// UNS105.
pub static REASONED_SUPPORT: Rule = Rule {
    code: "UNS105",
    name: "reasoned-support",
    flag: Flag::Unsupported,
    weight: -0.3,
    summary: "The comment gives reasons or examples: `for example`, `because`, `therefore`, `as a result`, `which means`, `e.g.`.",
    why: "Evidence is not only links: a comment that argues from examples and reasons supports its claims, and annotators count it as giving evidence (SFU C3). It weighs less than a cited source.",
    fires: &["Prices rose because the central bank printed money, for example in 2021."],
    passes: &["Prices rose. The bank printed money."],
    check: reasoned_support,
};

fn reasoned_support(ctx: &CommentContext<'_>) -> Vec<Hit> {
    ctx.phrases(&LEXICONS.reasoning)
        .into_iter()
        .map(Hit::at)
        .collect()
}
