//! Whom an insult is aimed at: `insult_target` in `comments.csv`.
//!
//! The insult flag's line is "abuse aimed at a participant or at people"; this says which,
//! where the words tell it. The target is read around the comment's strongest insult finding:
//!
//! 1. **In its sentence**, the person cue nearest to the finding (inside it counts as
//!    nearest; a tie goes to the participant, then the group); when the writer (`I`, `me`)
//!    is nearer than any of them, the insult is aimed at no one else (`I'm such an idiot`):
//!    no target.
//!    - a second-person word (`you`, `your`, `u`): a **participant**, someone in the thread;
//!    - the name of a group of people (`lexicons/group_nouns.txt`: `liberals`, `muslims`,
//!      `immigrants`) or a plural person noun (`people`, `folks`): a **group**;
//!    - a third-person singular pronoun (`he`, `her`), a singular person noun (`this guy`,
//!      `that woman`) or a capitalised word that no word list knows (a name: `Smith`; at the
//!      start of a sentence only before `is`, `was` or `has`): a **third party**, someone
//!      outside the thread.
//! 2. Failing those, in its sentence, a plural insult (`idiots`), `they`, `these` or `those`:
//!    a **group**.
//! 3. Failing those, the nearest cue of step 1 anywhere in the comment.
//! 4. Failing those, a reply or a comment that opens with an `@mention` is aimed at the person
//!    it answers: a **participant**. A top-level comment with no cue has no target (empty).
//!
//! Empty also for a comment not flagged insult. Checked against OLID's targets (individual,
//! group, other) and ToxiChat's (a redditor or the comment's author, a celebrity, a group):
//! `threadscan eval` prints the agreement.

use super::lexicon::LEXICONS;
use super::text::Token;
use super::{CommentContext, Finding, Flag};

/// Whom an insult is aimed at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InsultTarget {
    /// Someone in the thread: the person addressed (`you`) or replied to.
    Participant,
    /// People as a group (`liberals`, `immigrants`, `these people`).
    Group,
    /// One person outside the thread (`he`, `this guy`, a name).
    ThirdParty,
}

impl InsultTarget {
    /// The value written in `comments.csv`.
    pub fn name(self) -> &'static str {
        match self {
            InsultTarget::Participant => "participant",
            InsultTarget::Group => "group",
            InsultTarget::ThirdParty => "third-party",
        }
    }
}

/// Third-person singular pronouns: one person who is talked about, not to.
const THIRD_PERSON: &[&str] = &[
    "he", "him", "his", "himself", "she", "her", "hers", "herself",
];

/// Words that point at several people without naming them.
const PLURAL_POINTERS: &[&str] = &["they", "them", "their", "these", "those"];

/// The target of the comment's insult, or `None` when it is not flagged insult or the words
/// do not tell (see the module documentation).
pub fn insult_target(ctx: &CommentContext<'_>, findings: &[Finding]) -> Option<InsultTarget> {
    let strongest = findings
        .iter()
        .filter(|f| f.flag == Flag::Insult && f.weight > 0.0)
        .max_by(|a, b| {
            a.weight
                .total_cmp(&b.weight)
                .then(b.span.start.cmp(&a.span.start))
        })?;
    target_around(ctx, &strongest.span)
}

/// The target of harsh words at `span` (steps 1 to 4 of the module documentation).
pub fn target_around(
    ctx: &CommentContext<'_>,
    span: &std::ops::Range<usize>,
) -> Option<InsultTarget> {
    let tokens = &ctx.analysed.tokens;
    let inside: Vec<usize> = (0..tokens.len())
        .filter(|&i| overlaps(&tokens[i], span))
        .collect();
    let sentence = inside.first().map(|&i| tokens[i].sentence);
    let (first, last) = match (inside.first(), inside.last()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => {
            // A finding with no token of its own (a label): read the whole comment.
            let at = tokens
                .iter()
                .position(|t| t.span.start >= span.start)
                .unwrap_or(tokens.len());
            (at, at)
        }
    };
    let distance = |i: usize| {
        if i < first {
            first - i
        } else {
            i.saturating_sub(last)
        }
    };
    let nearest = |in_sentence: bool| {
        tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| !in_sentence || Some(t.sentence) == sentence)
            .filter_map(|(i, t)| cue(ctx.text, tokens, i, t).map(|target| (distance(i), target)))
            .min()
            .map(|(_, target)| target)
    };
    // The speaker nearer than anyone else (`I'm such an idiot`): aimed at no one else.
    let in_sentence = |i: &usize| Some(tokens[*i].sentence) == sentence;
    let own = (0..tokens.len())
        .filter(in_sentence)
        .filter(|&i| is_speaker(&tokens[i]))
        .map(distance)
        .min();
    let other = (0..tokens.len())
        .filter(in_sentence)
        .filter(|&i| cue(ctx.text, tokens, i, &tokens[i]).is_some())
        .map(distance)
        .min();
    if own.is_some_and(|own| other.is_none_or(|other| own < other)) {
        return None;
    }
    if let Some(target) = nearest(true) {
        return Some(target);
    }
    let weak_group = tokens.iter().enumerate().any(|(i, t)| {
        Some(t.sentence) == sentence
            && (PLURAL_POINTERS.contains(&t.norm.as_str())
                || (inside.contains(&i) && plural_insult(t)))
    });
    if weak_group {
        return Some(InsultTarget::Group);
    }
    if let Some(target) = nearest(false) {
        return Some(target);
    }
    let addressed = ctx.comment.parent_id.is_some() || ctx.text.trim_start().starts_with('@');
    addressed.then_some(InsultTarget::Participant)
}

/// The writer speaking of themselves.
fn is_speaker(t: &Token) -> bool {
    matches!(t.norm.as_str(), "i" | "me" | "myself" | "i'm" | "im")
}

fn overlaps(token: &Token, span: &std::ops::Range<usize>) -> bool {
    token.span.start < span.end && span.start < token.span.end
}

/// The target a token points at, if it names or addresses a person or people.
fn cue(text: &str, tokens: &[Token], i: usize, t: &Token) -> Option<InsultTarget> {
    let norm = t.norm.as_str();
    if LEXICONS.second_person.contains(t) {
        return Some(InsultTarget::Participant);
    }
    if LEXICONS.group_nouns.contains(t) {
        return Some(InsultTarget::Group);
    }
    if LEXICONS.person_nouns.contains(t) {
        let plural = norm.ends_with('s')
            || matches!(
                norm,
                "people"
                    | "men"
                    | "women"
                    | "bunch"
                    | "anyone"
                    | "anybody"
                    | "everyone"
                    | "everybody"
                    | "whoever"
            );
        return Some(if plural {
            InsultTarget::Group
        } else {
            InsultTarget::ThirdParty
        });
    }
    if THIRD_PERSON.contains(&norm) || is_name(text, tokens, i, t) {
        return Some(InsultTarget::ThirdParty);
    }
    None
}

/// A capitalised word that no word list knows: a name. At the start of a sentence, where
/// every word is capitalised, only as the subject of `is`, `was` or `has` (`Trump is a
/// moron`). A word in capitals throughout (`STILL`, `WHAT`) is shouted, not a name.
fn is_name(text: &str, tokens: &[Token], i: usize, t: &Token) -> bool {
    let sentence_start = i == 0 || tokens[i - 1].sentence != t.sentence;
    let subject = || {
        tokens.get(i + 1).is_some_and(|n| {
            n.sentence == t.sentence && matches!(n.norm.as_str(), "is" | "was" | "has")
        })
    };
    let original = text.get(t.span.clone()).unwrap_or("");
    t.capitalised
        && original.chars().skip(1).any(char::is_lowercase)
        && (!sentence_start || subject())
        && t.norm.chars().count() > 1
        && t.norm.chars().all(char::is_alphabetic)
        && !LEXICONS.stopwords.contains(t)
        && !LEXICONS.insult_nouns.contains(t)
        && !LEXICONS.insult_adjectives.contains(t)
        && !LEXICONS.profanity.contains(t)
}

/// A plural insult noun (`idiots`, `morons`): abuse of several people at once.
fn plural_insult(t: &Token) -> bool {
    t.norm.ends_with('s') && LEXICONS.insult_nouns.contains(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(text: &str, reply: bool) -> Option<InsultTarget> {
        let models = crate::score::learned::shipped_models();
        let models: Vec<_> = models.iter().collect();
        crate::eval::score_as_comment(text, reply, &models).insult_target
    }

    #[test]
    fn the_nearest_person_cue_in_the_insult_sentence_decides() {
        use InsultTarget::*;
        assert_eq!(
            target("You are a complete idiot.", false),
            Some(Participant)
        );
        assert_eq!(
            target("Liberals are idiots and morons, all of them.", false),
            Some(Group)
        );
        assert_eq!(
            target("I read the article. Trump is a pathetic moron.", false),
            Some(ThirdParty)
        );
        assert_eq!(
            target("He lied again. What a moron.", false),
            Some(ThirdParty),
            "no cue in the sentence: the nearest in the comment"
        );
        assert_eq!(
            target("You should know that he is a moron.", false),
            Some(ThirdParty),
            "the cue nearest to the insult wins"
        );
        assert_eq!(target("Moron.", true), Some(Participant), "a reply");
        assert_eq!(target("Morons, the lot of them.", false), Some(Group));
        assert_eq!(target("What a lovely day.", true), None, "not an insult");
    }
}
