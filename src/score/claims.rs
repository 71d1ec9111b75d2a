//! Claims and their support: the reading of a comment behind the unsupported-assertion rules
//! (`UNS…`).
//!
//! **1. Claims, sentence by sentence.** Every sentence gets a *checkability* in (0, 1): how
//! much it reads as a statement of checkable fact. It is a logistic function of a few cues,
//! each a linguistic marker of factual statements in the claim-detection literature
//! (ClaimBuster, Hassan et al. 2017): numbers and quantities, the past tense and the perfect,
//! names, comparison and change, and length raise it; modals (`will`, `should`, `need`:
//! proposals and predictions), hedges (`I think`, `maybe`), I/we with a verb of wish or feeling
//! (`I hope`, `we love`), and short acknowledgements (`Exactly.`, `Thanks!`) lower it.
//! Questions and requests are never claims (checkability 0). The weights were set by hand
//! and checked on the training splits of ClaimBuster and CheckThat 2020 only (their test
//! splits are measured by `threadscan eval`; neither set's licence allows shipping weights
//! learned from it, so none are).
//!
//! A sentence is a **claim** when it asserts (no question, request or hedge) and either its
//! checkability reaches [`CLAIM_CUT`] or it carries a marker that makes any sentence a
//! contested claim: a certainty booster (`clearly`, `it is a fact`), a grave accusation
//! (`X murdered`), a statistic, a loaded label (`X are terrorists`), or a whole group of
//! people as its subject (`Conservatives care only about winning`).
//!
//! **2. Strength.** A claim's strength is the noisy-OR of a base weight
//! ([`CLAIM_WEIGHT`] × checkability) and of the markers in it: booster, accusation, sweeping
//! universal (`always`, `everyone`), statistic, loaded label, group generalisation, and a
//! direct reply that demands evidence (challenged). A plain factual claim stays below the flag
//! threshold; a booster, an accusation, a statistic, a label or a generalisation lifts it over.
//!
//! **3. Support, linked to the claim it backs.** Support is a link to a source (no shortener),
//! an attribution (`according to`, `a study by`, a named outlet as a source, a quotation
//! attributed to its speaker), first-hand testimony (`I lived there`), reasoning (`because`,
//! `for example`, `that is why`, a sentence opening with `So` or `Thus`), or specifics. A
//! source, an attribution or testimony backs the claims of its own sentence and of the
//! sentences on either side. Reasoning backs the claim of its own sentence, and the claim
//! before it when it opens its sentence or its sentence is no claim. A sentence of specifics (a
//! number, a quantity, a name) right after a claim backs it as its example, unless it is
//! contested itself (a booster, accusation, label or generalisation in it); and a verdict (a
//! claim with one of those) is backed by such a sentence among the two before it, the
//! grounds it draws on (`Prices rose 9 percent in 2022. This government is clearly
//! incompetent.`). A direct reply that
//! supplies a source (a reputable link, an attribution, a named outlet) backs the comment's
//! strongest claim that its own words left unsupported; a reply that demands evidence instead
//! marks that claim challenged.
//!
//! Words in quotation marks are someone else's: a sentence mostly quoted is no claim of the
//! writer's, and markers inside quotes do not count.
//!
//! The cues are English: a comment reliably identified as another language (whatlang) makes
//! no claims, so English word lists never speak about German or Russian text.
//!
//! The rules in [`super::rules::unsupported`] only report this reading: one finding per
//! unsupported claim (`UNS010`, weighted by the claim's strength), its markers, and for each
//! support that backs a claim a negative finding weighted by the strength of the claim it
//! backs. The comment's score is the strength of its strongest unsupported claim, so a comment
//! that argues for its claims never scores higher than a bare assertion for being longer.

use std::ops::Range;

use super::CommentContext;
use super::lexicon::LEXICONS;
use super::text::Token;
use crate::model::LinkKind;

/// The code of the claim finding, whose weight is the claim's whole strength.
pub const CLAIM_CODE: &str = "UNS010";

/// Whether a finding's code is part of a claim's strength (the claim and its markers,
/// `UNS0…`), rather than a separate piece of evidence.
pub fn is_claim_part(code: &str) -> bool {
    code.starts_with("UNS0")
}

/// Checkability at or above which an asserting sentence is a claim.
pub const CLAIM_CUT: f32 = 0.5;

/// How many sentences before a verdict its grounds may be ([`SupportKind::Grounds`]).
pub const GROUNDS_REACH: usize = 2;

/// Base weight of a claim at full checkability (`UNS010` before its markers).
pub const CLAIM_WEIGHT: f32 = 0.3;

/// What raises a claim's strength; each is a rule of its own, with this weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// `clearly`, `it is a fact`, `documented` (`UNS001`).
    Booster,
    /// An actor accused of a grave act (`UNS002`).
    Accusation,
    /// `always`, `never`, `everyone` (`UNS003`).
    Universal,
    /// A percentage, `N times`, `N million` (`UNS004`).
    Statistic,
    /// A direct reply demands evidence (`UNS005`).
    Challenged,
    /// `X are terrorists`, `it is propaganda` (`UNS007`).
    Label,
    /// A whole group of people as the subject of a statement: `Liberals tear down`,
    /// `Conservatives care only about winning` (`UNS008`).
    Generalisation,
}

impl Marker {
    /// The weight the marker adds to a claim's strength (its rule's weight).
    pub const fn weight(self) -> f32 {
        match self {
            Marker::Booster | Marker::Accusation | Marker::Label | Marker::Generalisation => 0.45,
            Marker::Universal => 0.2,
            Marker::Statistic => 0.3,
            Marker::Challenged => 0.35,
        }
    }

    /// Whether the marker makes a claim of any asserting sentence it is in.
    fn makes_claim(self) -> bool {
        matches!(
            self,
            Marker::Booster
                | Marker::Accusation
                | Marker::Statistic
                | Marker::Label
                | Marker::Generalisation
        )
    }
}

/// What backs a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SupportKind {
    /// A link to a source (`UNS101`).
    Source,
    /// `according to`, `a study by`, a named outlet as a source (`UNS102`).
    Attribution,
    /// First-hand testimony (`UNS103`).
    Testimony,
    /// A direct reply supplies a source (`UNS104`).
    Reply,
    /// Reasons and examples (`UNS105`).
    Reasoning,
    /// The next sentence gives specifics: a number, a name, a quantity (`UNS106`).
    Elaboration,
    /// A verdict follows the specifics it draws on, in one of the two sentences before it
    /// (`UNS107`).
    Grounds,
}

/// One support: its kind, where it is, the claims it backs (indices into
/// [`Reading::claims`]), and for a reply's source the reply's words.
#[derive(Clone, Debug, PartialEq)]
pub struct Support {
    /// The kind.
    pub kind: SupportKind,
    /// Byte span in the comment's own text (for a reply's source: the claim it backs).
    pub span: Range<usize>,
    /// The claims it backs.
    pub backs: Vec<usize>,
    /// For a reply's source: the source as the reply gives it.
    pub label: Option<String>,
}

/// One claim of a comment.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// Its sentence.
    pub sentence: usize,
    /// The sentence's byte span.
    pub span: Range<usize>,
    /// How check-worthy the sentence reads, in (0, 1).
    pub checkable: f32,
    /// The markers in it, with their spans (a challenge spans the claim).
    pub markers: Vec<(Marker, Range<usize>)>,
    /// Whether any support backs it.
    pub supported: bool,
}

impl Claim {
    /// Noisy-OR of the base weight and the strongest marker of each kind.
    pub fn strength(&self) -> f32 {
        let mut kinds: Vec<Marker> = self.markers.iter().map(|(m, _)| *m).collect();
        kinds.sort_by_key(|m| *m as u8);
        kinds.dedup();
        let kept: f32 = kinds.iter().map(|m| 1.0 - m.weight()).product();
        1.0 - (1.0 - CLAIM_WEIGHT * self.checkable.max(CLAIM_CUT)) * kept
    }
}

/// A comment read for claims and support.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reading {
    /// Per sentence: its checkability (0 for questions, requests and hedged sentences).
    pub checkable: Vec<f32>,
    /// The claims, in text order.
    pub claims: Vec<Claim>,
    /// The supports that back at least one claim, in text order within each kind.
    pub supports: Vec<Support>,
}

impl Reading {
    /// The strongest unsupported claim, if any.
    pub fn strongest_unsupported(&self) -> Option<usize> {
        strongest(&self.claims, |c| !c.supported)
    }

    /// The strength of the strongest claim `support` backs.
    pub fn backed_strength(&self, support: &Support) -> f32 {
        support
            .backs
            .iter()
            .map(|&c| self.claims[c].strength())
            .fold(0.0, f32::max)
    }
}

fn strongest(claims: &[Claim], keep: impl Fn(&Claim) -> bool) -> Option<usize> {
    claims
        .iter()
        .enumerate()
        .filter(|(_, c)| keep(c))
        .max_by(|a, b| {
            a.1.strength()
                .total_cmp(&b.1.strength())
                .then(b.0.cmp(&a.0))
        })
        .map(|(i, _)| i)
}

/// The comment's reading, computed once per comment.
pub fn reading<'c>(ctx: &'c CommentContext<'_>) -> &'c Reading {
    ctx.reading.get_or_init(|| read(ctx))
}

fn read(ctx: &CommentContext<'_>) -> Reading {
    let analysed = &ctx.analysed;
    let n = analysed.sentences.len();
    let by_sentence = analysed.tokens_by_sentence();
    let mut hedged = vec![false; n];
    for h in ctx.phrases(&LEXICONS.hedges) {
        if let Some(s) = analysed.sentence_at(h.start) {
            hedged[s] = true;
        }
    }
    // Link addresses are no words of the sentence.
    let in_link = |t: &Token| {
        ctx.links
            .iter()
            .any(|l| l.span.start <= t.span.start && t.span.end <= l.span.end)
    };
    let mut modal = vec![false; n];
    let checkable: Vec<f32> = (0..n)
        .map(|s| {
            let sentence = &analysed.sentences[s];
            let words = by_sentence[s];
            let own: Vec<Token>;
            let words = if ctx.links.is_empty() {
                words
            } else {
                own = words.iter().filter(|t| !in_link(t)).cloned().collect();
                &own
            };
            modal[s] = has_modal(words);
            let asks = (sentence.question || is_inverted(words)) && !presupposes(words);
            if asks || is_request(words) {
                0.0
            } else {
                checkability(ctx.text, words, hedged[s], modal[s])
            }
        })
        .collect();
    let quotes = ctx.quotations();
    let quoted = |at: usize| quotes.iter().any(|q| q.contains(&at));
    let mut markers: Vec<Vec<(Marker, Range<usize>)>> = vec![Vec::new(); n];
    for (marker, span) in raw_markers(ctx) {
        if quoted(span.start) {
            continue;
        }
        if let Some(s) = analysed.sentence_at(span.start) {
            markers[s].push((marker, span));
        }
    }
    // A sentence with a booster, accusation, label or generalisation is contested itself: it
    // cannot be another claim's evidence (figures can).
    let contested: Vec<bool> = markers
        .iter()
        .map(|m| {
            m.iter().any(|(m, _)| {
                matches!(
                    m,
                    Marker::Booster | Marker::Accusation | Marker::Label | Marker::Generalisation
                )
            })
        })
        .collect();
    let mut claims: Vec<Claim> = Vec::new();
    let mut claim_of: Vec<Option<usize>> = vec![None; n];
    for s in 0..n {
        // Words the writer quotes are someone else's assertion.
        let words = by_sentence[s];
        let reported = words.iter().filter(|t| quoted(t.span.start)).count() * 2 > words.len();
        let asserting = checkable[s] > 0.0 && !hedged[s] && !reported;
        // A prediction or proposal (`will`, `should`) is no claim for its markers' sake.
        let marked = !modal[s] && markers[s].iter().any(|(m, _)| m.makes_claim());
        if asserting && (checkable[s] >= CLAIM_CUT || marked) {
            claim_of[s] = Some(claims.len());
            claims.push(Claim {
                sentence: s,
                span: analysed.sentences[s].span.clone(),
                checkable: checkable[s],
                markers: std::mem::take(&mut markers[s]),
                supported: false,
            });
        }
    }
    // The cues are English: a comment reliably in another language makes no claims here
    // (identifying the language costs more than the reading, so it is asked last).
    if !claims.is_empty() && !super::learned::may_be_english(ctx.text) {
        claims.clear();
    }
    let mut supports = Vec::new();
    if !claims.is_empty() {
        for (kind, span) in raw_supports(ctx, quotes) {
            let Some(s) = analysed.sentence_at(span.start) else {
                continue;
            };
            let backs = backed_by(kind, s, &span, &claim_of, by_sentence[s]);
            if backs.is_empty() {
                continue;
            }
            for &c in &backs {
                claims[c].supported = true;
            }
            supports.push(Support {
                kind,
                span,
                backs,
                label: None,
            });
        }
    }
    // Specifics back the claims around them: the sentence right after a claim explains it
    // (an example, figures, names); one of the two before a verdict (a claim with a booster,
    // accusation or label) is the grounds it draws on.
    let specific = |s: usize| {
        checkable[s] >= CLAIM_CUT && !hedged[s] && !contested[s] && is_specific(by_sentence[s])
    };
    for (c, claim) in claims.iter_mut().enumerate() {
        let after = Some(claim.sentence + 1)
            .filter(|&next| next < n && specific(next))
            .map(|next| (SupportKind::Elaboration, next));
        let before = || {
            (claim.sentence.saturating_sub(GROUNDS_REACH)..claim.sentence)
                .rev()
                .find(|&g| specific(g))
                .map(|g| (SupportKind::Grounds, g))
        };
        // Grounds only for a verdict nothing else backs.
        let verdict = contested[claim.sentence] && !claim.supported;
        let by = after.or_else(|| verdict.then(before).flatten());
        if let Some((kind, s)) = by {
            claim.supported = true;
            supports.push(Support {
                kind,
                span: analysed.sentences[s].span.clone(),
                backs: vec![c],
                label: None,
            });
        }
    }
    if let Some(c) = strongest(&claims, |c| !c.supported) {
        let span = claims[c].span.clone();
        if let Some(source) = reply_source(ctx) {
            claims[c].supported = true;
            supports.push(Support {
                kind: SupportKind::Reply,
                span,
                backs: vec![c],
                label: Some(source),
            });
        } else if ctx
            .reply_phrases(&LEXICONS.evidence_requests)
            .iter()
            .any(|spans| !spans.is_empty())
        {
            claims[c].markers.push((Marker::Challenged, span));
        }
    }
    Reading {
        checkable,
        claims,
        supports,
    }
}

/// The claims a support in sentence `s` backs. A source, an attribution or testimony backs
/// the claims of its own sentence and of the sentences on either side (a source is cited
/// before or after what it backs, and reported figures run on into the next sentence).
/// Reasoning backs the claim of its own sentence (`X because Y`), and the claim before it
/// when it opens its sentence or its sentence is no claim (`X. For example, Y.`).
fn backed_by(
    kind: SupportKind,
    s: usize,
    span: &Range<usize>,
    claim_of: &[Option<usize>],
    words: &[Token],
) -> Vec<usize> {
    let own = claim_of[s];
    let before = s.checked_sub(1).and_then(|p| claim_of[p]);
    let after = claim_of.get(s + 1).copied().flatten();
    let candidates = match kind {
        SupportKind::Reasoning => {
            let opens = words
                .iter()
                .take(2)
                .any(|t| t.span.start >= span.start && t.span.start < span.end);
            if opens || own.is_none() {
                [own, before, None]
            } else {
                [own, None, None]
            }
        }
        _ => [own, before, after],
    };
    candidates.into_iter().flatten().collect()
}

/// Whether a sentence gives specifics: a number, a quantity, or a name after its first word.
fn is_specific(words: &[Token]) -> bool {
    words.len() >= 4
        && (words
            .iter()
            .any(|t| t.norm.bytes().any(|b| b.is_ascii_digit()) || LEXICONS.quantities.contains(t))
            || words
                .iter()
                .skip(1)
                .any(|t| t.capitalised && t.norm != "i" && !t.norm.starts_with("i'")))
}

/// Whether a sentence is built on a modal (`will`, `should`, `need to`, `going to`). A
/// capitalised word inside the sentence is a name (`in May`, `Will Smith`), not a modal.
fn has_modal(words: &[Token]) -> bool {
    (0..words.len()).any(|i| {
        (i == 0 || !words[i].capitalised)
            && (LEXICONS.modals.at(words, i).is_some() || words[i].norm.ends_with("'ll"))
    })
}

/// A question built on a factive verb and `that` asserts what follows (`Have you realised
/// yet that it was X who shot the plane`).
fn presupposes(words: &[Token]) -> bool {
    words.iter().enumerate().any(|(i, t)| {
        LEXICONS.factives.contains(t) && words[i + 1..].iter().take(3).any(|n| n.norm == "that")
    })
}

/// A question without its question mark: an auxiliary before its subject (`Have you been
/// there`, `Did he ever`).
fn is_inverted(words: &[Token]) -> bool {
    const AUXILIARIES: &[&str] = &[
        "have", "has", "had", "do", "does", "did", "is", "are", "was", "were", "can", "could",
        "will", "would", "should", "shall", "may", "might", "must",
    ];
    const SUBJECTS: &[&str] = &[
        "you", "he", "she", "they", "we", "it", "i", "anyone", "anybody",
    ];
    matches!(words, [first, second, ..]
        if AUXILIARIES.contains(&first.norm.as_str()) && SUBJECTS.contains(&second.norm.as_str()))
}

/// Imperatives and requests: "show me", "please …", "tell us", "let's …", told by the
/// sentence's first word.
fn is_request(words: &[Token]) -> bool {
    const REQUEST_VERBS: &[&str] = &[
        "show", "tell", "give", "please", "let's", "lets", "let", "explain", "prove", "read",
        "look", "check", "cite", "provide", "imagine", "consider", "stop", "don't", "do", "go",
        "try", "remember", "ask", "vote", "keep", "note", "forget", "think", "wait", "listen",
        "watch", "get", "quit", "enjoy", "bring",
    ];
    words
        .first()
        .is_some_and(|t| REQUEST_VERBS.contains(&t.norm.as_str()))
}

/// The checkability of an asserting sentence (see the module documentation).
fn checkability(text: &str, words: &[Token], hedged: bool, modal: bool) -> f32 {
    const FIRST_PERSON: &[&str] = &[
        "i", "we", "i'm", "we're", "i've", "we've", "i'd", "we'd", "i'll", "we'll",
    ];
    const DISCOURSE: &[&str] = &["and", "but", "so", "now", "well", "yes", "no", "oh"];
    const PERFECT: &[&str] = &["has", "have", "had", "hasn't", "haven't", "hadn't"];
    let n = words.len();
    if n == 0 {
        return 0.0;
    }
    let lists = &*LEXICONS;
    let past = |t: &Token| {
        (t.norm.len() > 4 && t.norm.ends_with("ed") && t.norm.is_ascii())
            || lists.past_forms.contains(t)
    };
    let digit = words
        .iter()
        .any(|t| t.norm.bytes().any(|b| b.is_ascii_digit()))
        || words
            .last()
            .is_some_and(|t| text[t.span.end..].starts_with('%'));
    let perfect = words.windows(2).any(|w| {
        (PERFECT.contains(&w[0].norm.as_str()) || w[0].norm.ends_with("'ve"))
            && (past(&w[1]) || w[1].norm == "been")
    });
    let proper = words
        .iter()
        .skip(1)
        .any(|t| t.capitalised && t.norm != "i" && !t.norm.starts_with("i'"));
    let feeling = words
        .windows(2)
        .any(|w| FIRST_PERSON.contains(&w[0].norm.as_str()) && lists.opinion_verbs.contains(&w[1]));
    let first = FIRST_PERSON.contains(&words[0].norm.as_str())
        || (n > 1
            && DISCOURSE.contains(&words[0].norm.as_str())
            && FIRST_PERSON.contains(&words[1].norm.as_str()));
    let acknowledgement = n <= 4 && lists.acknowledgements.contains(&words[0]);
    let cue = |on: bool, w: f32| if on { w } else { 0.0 };
    let z = -1.2
        + (n.min(30) as f32) / 30.0
        + cue(n < 5, -1.5)
        + cue(digit, 1.6)
        + cue(words.iter().any(|t| lists.quantities.contains(t)), 1.0)
        + cue(words.iter().any(past), 0.9)
        + cue(perfect, 0.5)
        + cue(proper, 0.5)
        + cue(words.iter().any(|t| lists.comparatives.contains(t)), 0.5)
        + cue(modal, -1.0)
        + cue(hedged, -0.8)
        + cue(feeling, -1.0)
        + cue(first, -0.3)
        + cue(acknowledgement, -2.0);
    1.0 / (1.0 + (-z).exp())
}

/// Every marker of the comment, wherever it is (the reading keeps those in claims).
fn raw_markers(ctx: &CommentContext<'_>) -> Vec<(Marker, Range<usize>)> {
    let tokens = &ctx.analysed.tokens;
    let mut out: Vec<(Marker, Range<usize>)> = Vec::new();
    out.extend(
        ctx.phrases(&LEXICONS.boosters)
            .into_iter()
            .map(|s| (Marker::Booster, s)),
    );
    out.extend(accusations(ctx.text, tokens).map(|s| (Marker::Accusation, s)));
    out.extend(
        tokens
            .iter()
            .filter(|t| LEXICONS.universals.contains(t))
            .map(|t| (Marker::Universal, t.span.clone())),
    );
    out.extend(statistics(ctx.text, tokens).map(|s| (Marker::Statistic, s)));
    out.extend(labels(tokens).map(|s| (Marker::Label, s)));
    out.extend(generalisations(tokens).map(|s| (Marker::Generalisation, s)));
    out
}

/// A statement about a whole group of people: a sentence that opens (after `and`, `but`,
/// `the`, `all`, `these`) with a group named in the plural (`Liberals`, `the Conservatives`,
/// `immigrants`) or a kind of people (`Black people`, `Trump supporters`; not `people` alone,
/// whose generic statements are about human nature) and goes straight on to a
/// verb in the present (`are`, `have`, `never`, `care`, `tear`): a generic statement about
/// every member. A quantifier (`some`, `many`, `most`) makes it no generalisation, and a past
/// or modal verb (`were`, `will`) a report or a prediction. The span runs from the group to
/// its verb.
fn generalisations(tokens: &[Token]) -> impl Iterator<Item = Range<usize>> + '_ {
    /// Plural words that stand for a group of people by themselves.
    const PEOPLE: &[&str] = &["politicians", "voters", "supporters", "followers"];
    /// Words that may open the sentence before the group.
    const OPENERS: &[&str] = &["and", "but", "so", "the", "all", "these", "those"];
    /// Function words that may follow the group as its verb or the adverb before it.
    const VERBS: &[&str] = &[
        "are", "aren't", "have", "haven't", "do", "don't", "can't", "cannot", "never", "always",
        "only", "just", "all", "simply", "really", "still", "hate", "know",
    ];
    let plural_group = |t: &Token| {
        (LEXICONS.group_nouns.contains(t) && t.norm.ends_with('s'))
            || matches!(t.norm.as_str(), "men" | "women" | "police" | "youth")
            || PEOPLE.contains(&t.norm.as_str())
    };
    (0..tokens.len())
        .filter(move |&i| i == 0 || tokens[i - 1].sentence != tokens[i].sentence)
        .filter_map(move |start| {
            let sentence = tokens[start].sentence;
            let mut i = start;
            while i < start + 3
                && tokens
                    .get(i)
                    .is_some_and(|t| t.sentence == sentence && OPENERS.contains(&t.norm.as_str()))
            {
                i += 1;
            }
            let first = tokens.get(i).filter(|t| t.sentence == sentence)?;
            // `Black people`, `Trump supporters`: a kind of people (not `some people`).
            let head = if plural_group(first) {
                i
            } else {
                let next = tokens.get(i + 1).filter(|t| t.sentence == sentence)?;
                let kind = !LEXICONS.stopwords.contains(first)
                    && !LEXICONS.quantities.contains(first)
                    && first.norm.chars().all(char::is_alphabetic);
                let people = matches!(next.norm.as_str(), "people" | "folks")
                    || PEOPLE.contains(&next.norm.as_str());
                ((kind || LEXICONS.group_nouns.contains(first)) && people).then_some(i + 1)?
            };
            let verb = tokens.get(head + 1).filter(|t| t.sentence == sentence)?;
            let norm = verb.norm.as_str();
            let present = VERBS.contains(&norm)
                || (verb.norm.chars().all(|c| c.is_alphabetic())
                    && !LEXICONS.stopwords.contains(verb)
                    && !LEXICONS.modals.contains(verb)
                    && !LEXICONS.past_forms.contains(verb)
                    && !norm.ends_with("ed")
                    && !norm.ends_with("ing")
                    && !norm.ends_with('s'));
            present.then(|| super::rules::span(tokens, i, head + 1))
        })
}

/// Forms of `be`, for passives.
const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "get", "gets", "got", "getting",
];

/// An agent (a name, a pronoun, a government) followed within its sentence by a verb of a
/// grave act; not after `I`/`we`, nor in the passive without `by`.
fn accusations<'t>(text: &'t str, tokens: &'t [Token]) -> impl Iterator<Item = Range<usize>> + 't {
    const AGENTS: &[&str] = &[
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
    // A capital that only opens the sentence names nobody.
    let is_agent = |k: usize| {
        let t = &tokens[k];
        let opens = k == 0 || tokens[k - 1].sentence != t.sentence;
        (t.capitalised && t.norm != "i" && !opens) || AGENTS.contains(&t.norm.as_str())
    };
    (0..tokens.len())
        .filter(|&j| LEXICONS.accusation_verbs.contains(&tokens[j]))
        .filter(move |&j| {
            let first_person = j > 0 && matches!(tokens[j - 1].norm.as_str(), "i" | "we");
            // `was created to …`, `would be funded`: a passive names its culprit only after
            // `by` (`was rigged by the governor`).
            let passive = (j.saturating_sub(2)..j).any(|k| BE.contains(&tokens[k].norm.as_str()));
            let by = tokens
                .get(j + 1)
                .is_some_and(|t| t.norm == "by" && t.sentence == tokens[j].sentence);
            // `prisoner-funded`: a verb hyphened to a word is an adjective.
            let compound = hyphened(text, &tokens[j]);
            !first_person
                && !compound
                && if passive {
                    by
                } else {
                    (j.saturating_sub(8)..j)
                        .any(|k| tokens[k].sentence == tokens[j].sentence && is_agent(k))
                }
        })
        .map(|j| {
            let end = tokens
                .get(j + 1)
                .filter(|n| n.norm == "down" || n.norm == "up")
                .map_or(j, |_| j + 1);
            super::rules::span(tokens, j, end)
        })
}

/// Whether the token is joined to the word before it by a hyphen (`prisoner-funded`).
fn hyphened(text: &str, token: &Token) -> bool {
    text[..token.span.start].ends_with('-')
        && text[..token.span.start - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
}

/// A percentage, or a number followed by a unit of scale (`3 times`, `5 million`).
fn statistics<'t>(text: &'t str, tokens: &'t [Token]) -> impl Iterator<Item = Range<usize>> + 't {
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
    (0..tokens.len())
        .filter(|&i| tokens[i].norm.chars().any(|c| c.is_ascii_digit()))
        .filter_map(move |i| {
            let percent = text[tokens[i].span.end..].starts_with('%');
            let unit = tokens
                .get(i + 1)
                .filter(|n| n.sentence == tokens[i].sentence && UNITS.contains(&n.norm.as_str()));
            match (percent, unit) {
                (true, _) => Some(tokens[i].span.start..tokens[i].span.end + 1),
                (false, Some(u)) => Some(tokens[i].span.start..u.span.end),
                _ => None,
            }
        })
}

/// A copula followed within four words by a loaded label (`are terrorists`).
fn labels(tokens: &[Token]) -> impl Iterator<Item = Range<usize>> + '_ {
    const COPULAS: &[&str] = &[
        "is", "are", "was", "were", "be", "been", "being", "'s", "re",
    ];
    (0..tokens.len()).filter_map(move |j| {
        let len = LEXICONS.loaded_labels.at(tokens, j)?;
        let copula = (j.saturating_sub(4)..j).find(|&k| {
            tokens[k].sentence == tokens[j].sentence && COPULAS.contains(&tokens[k].norm.as_str())
        })?;
        Some(super::rules::span(tokens, copula, j + len - 1))
    })
}

/// Words that, opening a sentence, mark it as a conclusion from what came before.
const CONCLUSIONS: &[&str] = &[
    "so",
    "thus",
    "hence",
    "therefore",
    "consequently",
    "accordingly",
];

/// Every support in the comment's own words, by kind, in text order within each kind.
fn raw_supports(
    ctx: &CommentContext<'_>,
    quotes: &[Range<usize>],
) -> Vec<(SupportKind, Range<usize>)> {
    let mut out: Vec<(SupportKind, Range<usize>)> = ctx
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::Url && !l.shortener)
        .map(|l| (SupportKind::Source, l.span.clone()))
        .collect();
    let mut attributions = ctx.phrases(&LEXICONS.attribution);
    attributions.extend(cited_outlets(ctx.text));
    attributions.extend(attributed_quotations(ctx.text, quotes));
    attributions.sort_by_key(|s| s.start);
    out.extend(
        attributions
            .into_iter()
            .map(|s| (SupportKind::Attribution, s)),
    );
    out.extend(
        ctx.phrases(&LEXICONS.firsthand)
            .into_iter()
            .map(|s| (SupportKind::Testimony, s)),
    );
    let mut reasons = ctx.phrases(&LEXICONS.reasoning);
    // A conclusion marker opening a sentence (`So …`, `Thus …`): it follows from what came
    // before.
    for words in ctx.analysed.tokens_by_sentence() {
        if let Some(first) = words
            .first()
            .filter(|t| CONCLUSIONS.contains(&t.norm.as_str()))
        {
            reasons.push(first.span.clone());
        }
    }
    reasons.sort_by_key(|s| s.start);
    reasons.dedup();
    out.extend(reasons.into_iter().map(|s| (SupportKind::Reasoning, s)));
    out
}

/// Quoted passages: text between matching quotation marks (`"…"`, `“…”`, `‘…’`, and `'…'`
/// where the marks stand at word edges, so apostrophes are no quotes) of at least three words.
pub fn quotations(text: &str) -> Vec<Range<usize>> {
    const PAIRS: &[(char, char)] = &[('"', '"'), ('“', '”'), ('‘', '’'), ('\'', '\''), ('«', '»')];
    // Most comments quote nothing: no double or curly mark, and every `'` inside a word.
    let bytes = text.as_bytes();
    let opens_quote =
        |i: usize| i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] >= 0x80);
    if !text.contains(['"', '“', '‘', '«'])
        && !bytes
            .iter()
            .enumerate()
            .any(|(i, &b)| b == b'\'' && opens_quote(i))
    {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let edge = |k: Option<&(usize, char)>| k.is_none_or(|(_, c)| !c.is_alphanumeric());
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        let Some(&(_, close)) = PAIRS.iter().find(|(open, _)| *open == c) else {
            k += 1;
            continue;
        };
        // A plain apostrophe opens a quote only at the start of a word.
        if c == '\'' && !(k == 0 || edge(chars.get(k - 1))) {
            k += 1;
            continue;
        }
        let end = (k + 1..chars.len())
            .find(|&e| chars[e].1 == close && (close != '\'' || edge(chars.get(e + 1))));
        match end {
            Some(e) => {
                let inner = &text[at + c.len_utf8()..chars[e].0];
                if inner.split_whitespace().count() >= 3 {
                    out.push(at..chars[e].0 + close.len_utf8());
                }
                k = e + 1;
            }
            None => k += 1,
        }
    }
    out
}

/// Quotations the writer attributes to their speaker (`'…,' says Hans Schellnhuber`,
/// `Reuters wrote: "…"`): the verb of saying within a few words of the quote.
fn attributed_quotations(text: &str, quotes: &[Range<usize>]) -> Vec<Range<usize>> {
    const SAYING: &[&str] = &[
        "says",
        "said",
        "wrote",
        "writes",
        "stated",
        "states",
        "told",
        "testified",
        "explained",
        "declared",
        "admitted",
    ];
    quotes
        .iter()
        .filter(|q| {
            let after: Vec<String> = text[q.end..]
                .split_whitespace()
                .take(3)
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                })
                .collect();
            let before: Vec<String> = text[..q.start]
                .split_whitespace()
                .rev()
                .take(3)
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                })
                .collect();
            after
                .iter()
                .chain(&before)
                .any(|w| SAYING.contains(&w.as_str()))
        })
        .cloned()
        .collect()
}

/// The source a direct reply supplies: a reputable link, an attribution or an outlet named
/// as a source, as the reply words it (the first reply that has one).
fn reply_source(ctx: &CommentContext<'_>) -> Option<String> {
    let attributed = ctx.reply_phrases(&LEXICONS.attribution);
    ctx.replies.iter().enumerate().find_map(|(i, r)| {
        let words = |span: &Range<usize>| r.text.get(span.clone()).map(str::to_string);
        attributed
            .get(i)
            .and_then(|spans| spans.first())
            .and_then(words)
            .or_else(|| cited_outlets(&r.text).first().and_then(words))
            .or_else(|| {
                crate::score::links::comment_links(&r.text)
                    .into_iter()
                    .find(|l| l.reputable)
                    .and_then(|l| words(&l.span))
            })
    })
}

/// Outlets named as a source (`on Wikipedia`, `Reuters reported`), not merely mentioned
/// (`your source is Wikipedia`).
pub fn cited_outlets(text: &str) -> Vec<Range<usize>> {
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

/// The assertion-stage score of a text: the checkability of its most check-worthy sentence
/// (what `threadscan eval` measures on ClaimBuster and CheckThat).
pub fn assertion_score(text: &str) -> f32 {
    let comment = crate::model::Comment {
        text: text.into(),
        ..Default::default()
    };
    let run = super::RunContext::default();
    let ctx = CommentContext::new(&comment, Vec::new(), &run);
    reading(&ctx).checkable.iter().copied().fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Reading {
        let comment = crate::model::Comment {
            text: text.into(),
            ..Default::default()
        };
        let run = super::super::RunContext::default();
        let ctx = CommentContext::new(&comment, Vec::new(), &run);
        reading(&ctx).clone()
    }

    #[test]
    fn facts_read_as_claims_and_wishes_do_not() {
        let r = read_text(
            "Unemployment rose to 8 percent in 2010. I hope we can do better. Thanks! Will it?",
        );
        assert_eq!(r.claims.len(), 1);
        assert_eq!(r.claims[0].sentence, 0);
        assert!(r.checkable[1] < CLAIM_CUT && r.checkable[2] < CLAIM_CUT);
        assert_eq!(r.checkable[3], 0.0);
    }

    #[test]
    fn a_support_backs_the_claims_beside_it_only() {
        let r = read_text(
            "Russia supplied the rebels with 300 tanks in 2014. Nobody talks about it anymore, sadly. The tanks crossed at Izvaryne in August. Source: https://www.reuters.com/x",
        );
        assert_eq!(r.claims.len(), 2, "{r:?}");
        assert!(!r.claims[0].supported && r.claims[1].supported, "{r:?}");
        // `Source:` and the link, each backing the claim before them.
        assert_eq!(r.supports.len(), 2);
        assert!(r.supports.iter().all(|s| s.backs == vec![1]));
    }

    #[test]
    fn specifics_in_the_next_sentence_back_a_claim() {
        let r = read_text(
            "The national debt doubled under this government. In 2019 it reached 40 billion dollars.",
        );
        assert!(r.claims[0].supported, "{r:?}");
        assert_eq!(r.supports[0].kind, SupportKind::Elaboration);
    }

    #[test]
    fn quoted_words_are_not_the_writers_claims() {
        let text = "He said \"this is a lie\" and 'it is clearly over' but it's fine.";
        let found: Vec<&str> = quotations(text).into_iter().map(|q| &text[q]).collect();
        assert_eq!(found, ["\"this is a lie\"", "'it is clearly over'"]);
        let r = read_text(
            "'Two degrees is clearly a political goal,' says Hans Schellnhuber. You clearly state that 'aboriginal Canada lives in a dream palace today'.",
        );
        assert!(
            r.claims.iter().all(|c| c.supported || c.markers.is_empty()),
            "{r:?}"
        );
    }

    #[test]
    fn a_passive_names_no_culprit_without_by() {
        let marked = |text: &str| {
            read_text(text)
                .claims
                .iter()
                .any(|c| c.markers.iter().any(|(m, _)| *m == Marker::Accusation))
        };
        assert!(!marked(
            "The UN was created to unite the nations after the war."
        ));
        assert!(marked("The election was rigged by the governor."));
        assert!(!marked("The face covered suspect is an Emirati national."));
    }

    #[test]
    fn strength_grows_with_markers_not_with_sentences() {
        let bare = read_text("Clearly the Ukrainian government shot down the plane.");
        let long = read_text(
            "Clearly the Ukrainian government shot down the plane. The plane fell in July 2014. It had 298 people on board. Many of them were Dutch.",
        );
        let top = |r: &Reading| r.claims.iter().map(Claim::strength).fold(0.0, f32::max);
        assert!(top(&bare) >= 0.5);
        assert_eq!(top(&bare), top(&long));
    }

    #[test]
    fn a_whole_group_as_subject_is_a_generalisation() {
        let marked = |text: &str| {
            read_text(text)
                .claims
                .iter()
                .any(|c| c.markers.iter().any(|(m, _)| *m == Marker::Generalisation))
        };
        for text in [
            "Conservatives care only about winning.",
            "And the Liberals have no substance.",
            "Black people are hilarious when they say that.",
            "Trump supporters never read the news.",
            "Immigrants don't pay taxes.",
        ] {
            assert!(marked(text), "{text}");
        }
        for text in [
            "Some liberals care about winning.",
            "Many people are angry.",
            "People react differently when attacked.",
            "Liberals were an endangered species out west.",
            "Conservatives will win the next election.",
            "Canadian voters in 2015 elected a majority.",
            "Do liberals care about this?",
        ] {
            assert!(!marked(text), "{text}");
        }
    }
}
