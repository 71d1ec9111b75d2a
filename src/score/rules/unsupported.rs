//! Unsupported-assertion rules (`UNS`): a contested claim that nothing backs.
//!
//! The rules report the comment's [`claims::reading`]: which sentences are claims, how strong
//! each is, and which support backs which claim (the module documentation of
//! [`crate::score::claims`] gives the model). `UNS010` is the claim itself; `UNS001`–`UNS008`
//! are the markers that make an unsupported claim stronger, each reported in the claim it is
//! in; `UNS1xx` are supports, each reported with a negative weight, the strength of the claim
//! it backs. Supported claims give no positive finding, so the flag's score is the strength of
//! the strongest unsupported claim. `UNS006` (declarative-claim, every declarative sentence
//! with a name or number) was retired in 0.2.0; its code is not reused.

use super::{Hit, Rule};
use crate::score::claims::{self, Marker, SupportKind};
use crate::score::{CommentContext, Flag};

/// Hits for `marker` in the comment's unsupported claims: its first occurrence in each (a
/// kind of marker counts once in a claim's strength).
fn in_unsupported_claims(ctx: &CommentContext<'_>, marker: Marker) -> Vec<Hit> {
    claims::reading(ctx)
        .claims
        .iter()
        .filter(|c| !c.supported)
        .filter_map(|c| c.markers.iter().find(|(m, _)| *m == marker))
        .map(|(_, span)| Hit::at(span.clone()))
        .collect()
}

/// Hits for the supports of `kind`, each as strong as the strongest claim it backs.
fn supports(ctx: &CommentContext<'_>, kind: SupportKind) -> Vec<Hit> {
    let reading = claims::reading(ctx);
    reading
        .supports
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| Hit {
            label: s.label.clone(),
            ..Hit::with(s.span.clone(), reading.backed_strength(s))
        })
        .collect()
}

/// UNS001.
pub static CERTAINTY_BOOSTER: Rule = Rule {
    code: "UNS001",
    name: "certainty-booster",
    flag: Flag::Unsupported,
    weight: Marker::Booster.weight(),
    summary: "In an unsupported claim, a booster that presents it as settled: `clearly`, `everyone knows`, `it is a fact`, `proven`, `documented`, `there is overwhelming evidence`, `undeniable`. A booster makes a claim of any asserting sentence.",
    why: "Boosters claim certainty instead of showing evidence; in a contested discussion they mark assertions that ask to be taken on faith. Counted in the strength of its claim (`UNS010`).",
    fires: &[
        "There is overwhelming evidence that he supplied the troops.",
        "US is documented to have created ISIS.",
    ],
    passes: &[
        "Is it documented anywhere?",
        "I think it is clearly wrong, maybe.",
        "Clearly he supplied the troops, according to Reuters.",
    ],
    check: |ctx| in_unsupported_claims(ctx, Marker::Booster),
};

/// UNS002.
pub static GRAVE_ACCUSATION: Rule = Rule {
    code: "UNS002",
    name: "grave-accusation",
    flag: Flag::Unsupported,
    weight: Marker::Accusation.weight(),
    summary: "In an unsupported claim, an agent accused of something grave: a named actor or pronoun followed by `funded`, `armed`, `created`, `shot down`, `murdered`, `rigged`, `covered up`, `supplied`, `staged`, … An accusation makes a claim of any asserting sentence.",
    why: "Accusations of grave acts are the claims that most need evidence and that most often circulate without it. Counted in the strength of its claim (`UNS010`).",
    fires: &[
        "It was the Ukrainian govt that shot down the Malaysian plane.",
        "He murdered his opposition.",
    ],
    passes: &[
        "Did Russia arm the rebels?",
        "I made a cake and created a mess.",
        "He murdered his opposition, as the BBC reported.",
    ],
    check: |ctx| in_unsupported_claims(ctx, Marker::Accusation),
};

/// UNS003.
pub static SWEEPING_UNIVERSAL: Rule = Rule {
    code: "UNS003",
    name: "sweeping-universal",
    flag: Flag::Unsupported,
    weight: Marker::Universal.weight(),
    summary: "In an unsupported claim, a sweeping universal: `always`, `never`, `all`, `everyone`, `nobody`. Unlike the other markers it does not make a claim by itself.",
    why: "Universal claims are rarely true as stated and invite the first counter-example; they add to the strength of a claim (`UNS010`) but are no claim on their own.",
    fires: &["The government has always lied about the 2014 war."],
    passes: &["Do they always do that?", "They always lie."],
    check: |ctx| in_unsupported_claims(ctx, Marker::Universal),
};

/// UNS004.
pub static UNSOURCED_STATISTIC: Rule = Rule {
    code: "UNS004",
    name: "unsourced-statistic",
    flag: Flag::Unsupported,
    weight: Marker::Statistic.weight(),
    summary: "In an unsupported claim, a statistic: a percentage, `N times`, `N million`. A statistic makes a claim of any asserting sentence.",
    why: "Numbers lend authority; a figure with no source cannot be checked. Counted in the strength of its claim (`UNS010`).",
    fires: &[
        "80% of them are criminals.",
        "Crime went up 3 times since then.",
    ],
    passes: &[
        "Is it 80%?",
        "I have 2 cats.",
        "Crime went up 3 times since then, according to the police.",
    ],
    check: |ctx| in_unsupported_claims(ctx, Marker::Statistic),
};

/// UNS005.
pub static CHALLENGED_BY_REPLY: Rule = Rule {
    code: "UNS005",
    name: "challenged-by-reply",
    flag: Flag::Unsupported,
    weight: Marker::Challenged.weight(),
    summary: "A direct reply demands evidence (`show me the proof`, `source?`, `citation needed`) and no reply supplies it; the finding spans the comment's strongest unsupported claim.",
    why: "Thread context counts: when another participant asks for evidence, the claim is contested and its lack of support matters. Counted in the strength of that claim (`UNS010`).",
    fires: &["The election was rigged by the governor. >> Source? Show me the proof."],
    passes: &[
        "The election was rigged by the governor. >> I agree.",
        "Nice weather today. >> Source?",
    ],
    check: |ctx| in_unsupported_claims(ctx, Marker::Challenged),
};

/// UNS007.
pub static LOADED_LABEL: Rule = Rule {
    code: "UNS007",
    name: "loaded-label",
    flag: Flag::Unsupported,
    weight: Marker::Label.weight(),
    summary: "In an unsupported claim, a loaded label stated as fact: `X are terrorists`, `they were freedom fighters`, `the herd is brainwashed`, `it is propaganda` (a copula followed within a few words by a label such as terrorists, traitors, puppets, criminals, propaganda). A label makes a claim of any asserting sentence.",
    why: "Labels like these are verdicts, not observations: they are the contested part of a claim and need the most support. Counted in the strength of its claim (`UNS010`).",
    fires: &[
        "the Syrian rebels were freedom fighters, turned terrorists",
        "Their media is pure propaganda.",
    ],
    passes: &[
        "Were they terrorists?",
        "The police arrested three suspected criminals on Monday, I think.",
    ],
    check: |ctx| in_unsupported_claims(ctx, Marker::Label),
};

/// UNS008.
pub static GROUP_GENERALISATION: Rule = Rule {
    code: "UNS008",
    name: "group-generalisation",
    flag: Flag::Unsupported,
    weight: Marker::Generalisation.weight(),
    summary: "In an unsupported claim, a whole group of people as the subject of a statement in the present: a sentence that opens with a group in the plural (`Liberals`, `the Conservatives`, `immigrants`) or a kind of people (`Black people`, `Trump supporters`; not `people` alone) followed straight away by its verb (`are`, `have`, `never`, `care`). Not after a quantifier (`some`, `many`, `most`), nor with a past or modal verb. A generalisation makes a claim of any asserting sentence.",
    why: "A generic statement about every member of a group is a sweeping claim that the first counter-example refutes; stated bare it asks to be taken on faith. Counted in the strength of its claim (`UNS010`).",
    fires: &[
        "Conservatives care only about winning.",
        "The Liberals have no substance.",
    ],
    passes: &[
        "Some liberals care about winning.",
        "Liberals were an endangered species out west when I grew up, I think.",
        "Conservatives care only about winning, according to the poll.",
    ],
    check: |ctx| in_unsupported_claims(ctx, Marker::Generalisation),
};

/// UNS010.
pub static UNSUPPORTED_CLAIM: Rule = Rule {
    code: "UNS010",
    name: "unsupported-claim",
    flag: Flag::Unsupported,
    weight: 1.0,
    summary: "A claim that nothing backs, one finding per claim, its span the sentence and its weight the claim's strength. A claim is an asserting sentence (no question, request or hedge) that reads as checkable fact (numbers, past tense, names, comparison; not wishes, plans or thanks) or carries a booster, accusation, statistic, loaded label or group generalisation. Strength: noisy-OR of 0.3 × checkability (at least 0.5) and the weights of the markers in it (`UNS001`–`UNS008`).",
    why: "This is the flag itself: the comment's unsupported score is the strength of its strongest unsupported claim, so it grows with what is asserted without backing, not with the comment's length. A plain factual claim stays under the threshold; a booster, accusation, statistic or label lifts it over. A claim backed by a source, attribution, testimony or reasoning (`UNS1xx`) gives no finding here.",
    fires: &[
        "Russia supplied the rebels with tanks in 2014.",
        "Clearly the Ukrainian government shot down the plane.",
    ],
    passes: &[
        "I love this song so much.",
        "What did the Kremlin say about it?",
        "Maybe Russia sent some tanks, I guess.",
        "Russia supplied the rebels with tanks in 2014, according to Reuters.",
    ],
    check: |ctx| {
        claims::reading(ctx)
            .claims
            .iter()
            .filter(|c| !c.supported)
            .map(|c| Hit::with(c.span.clone(), c.strength()))
            .collect()
    },
};

/// UNS101.
pub static CITED_SOURCE: Rule = Rule {
    code: "UNS101",
    name: "cited-source",
    flag: Flag::Unsupported,
    weight: -1.0,
    summary: "A link (no shortener) that backs a claim: the claims of its own sentence and of the sentences on either side (a source is cited before or after what it backs). Weight: minus the strength of the strongest claim it backs.",
    why: "A cited source is the support a claim needs; whether the source holds up is for the reader, but the claim is no longer unsupported.",
    fires: &[
        "It was funded by the state in 2014: https://www.reuters.com/world/x",
        "The army shelled the town in May 2014. https://www.bbc.com/news/x",
    ],
    passes: &[
        "It was funded by the state in 2014, trust me.",
        "Nice song! https://www.example.com/x",
    ],
    check: |ctx| supports(ctx, SupportKind::Source),
};

/// UNS102.
pub static ATTRIBUTION: Rule = Rule {
    code: "UNS102",
    name: "attribution",
    flag: Flag::Unsupported,
    weight: -1.0,
    summary: "An attribution that backs a claim: `according to`, `X reported`, `a study by`, `source:`, or a named outlet as a source (`on Wikipedia`, `Reuters reported`), linked as `UNS101` links.",
    why: "Attribution tells the reader where a claim comes from, so it can be checked.",
    fires: &[
        "According to Reuters, the army shelled the town in May.",
        "The BBC reported that 300 tanks crossed the border.",
    ],
    passes: &[
        "The army shelled the town in May.",
        "so your source is wikipedia",
    ],
    check: |ctx| supports(ctx, SupportKind::Attribution),
};

/// UNS103.
pub static FIRST_HAND: Rule = Rule {
    code: "UNS103",
    name: "first-hand",
    flag: Flag::Unsupported,
    weight: -1.0,
    summary: "First-hand testimony that backs a claim: `I lived there`, `I saw`, `I was there`, `in my experience`, linked as `UNS101` links.",
    why: "Testimony is evidence of its own kind: the writer vouches for what they saw.",
    fires: &["I lived there for ten years and saw the checkpoints go up in 2014."],
    passes: &["They built checkpoints everywhere in 2014."],
    check: |ctx| supports(ctx, SupportKind::Testimony),
};

/// UNS104.
pub static SOURCED_IN_REPLY: Rule = Rule {
    code: "UNS104",
    name: "sourced-in-reply",
    flag: Flag::Unsupported,
    weight: -1.0,
    summary: "A direct reply supplies a source (a reputable link, an attribution, an outlet named as a source) for the comment's strongest claim its own words left unsupported; the finding spans that claim and its text is the reply's source.",
    why: "Thread context counts both ways: a claim that another participant backs with a source is no longer unsupported in that thread.",
    fires: &["The town was shelled on Monday by the army. >> Yes, see https://www.bbc.com/news/x"],
    passes: &["The town was shelled on Monday by the army. >> No way."],
    check: |ctx| supports(ctx, SupportKind::Reply),
};

/// UNS105.
pub static REASONED_SUPPORT: Rule = Rule {
    code: "UNS105",
    name: "reasoned-support",
    flag: Flag::Unsupported,
    weight: -1.0,
    summary: "Reasons or examples that back a claim: `because`, `for example`, `therefore`, `as a result`, `which means`, `that is why`, `e.g.`, or a sentence opening with `So`/`Thus`/`Hence`. They back the claim of their own sentence, and the claim before it when they open their sentence or their sentence is no claim.",
    why: "Evidence is not only links: a comment that argues from examples and reasons supports its claims, and annotators count it as giving evidence (SFU C3).",
    fires: &[
        "Prices rose because the central bank printed money in 2021.",
        "Prices rose by 9 percent in 2022. For example, bread cost twice as much.",
        "The club sold its best players in 2019. So the new coach changed nothing in 2020.",
    ],
    passes: &["Prices rose by 9 percent in 2022. The bank printed money."],
    check: |ctx| supports(ctx, SupportKind::Reasoning),
};

/// UNS106.
pub static ELABORATED: Rule = Rule {
    code: "UNS106",
    name: "elaborated",
    flag: Flag::Unsupported,
    weight: -1.0,
    summary: "The sentence right after a claim gives specifics (a number, a quantity, or a name after its first word), reads as a statement of fact and is not contested itself (no booster, accusation, label or generalisation): it backs the claim as its example or explanation. The finding spans the specific sentence.",
    why: "Annotators count concrete examples and figures as evidence (SFU C3 `evidence`); a general claim followed by the particulars it rests on is argued, not bare. The particulars are a claim of their own and are judged as one.",
    fires: &[
        "The national debt doubled under this government. In 2019 it reached 40 billion dollars.",
    ],
    passes: &[
        "The national debt doubled under this government. It is a shame.",
        "The national debt doubled under this government. Would 40 billion be enough?",
        "The national debt doubled under this government. Clearly Trudeau stole 40 billion.",
    ],
    check: |ctx| supports(ctx, SupportKind::Elaboration),
};

/// UNS107.
pub static GROUNDS: Rule = Rule {
    code: "UNS107",
    name: "grounds",
    flag: Flag::Unsupported,
    weight: -1.0,
    summary: "A verdict (a claim with a booster, accusation, label or generalisation) follows, within two sentences, a sentence that gives specifics (a number, a quantity, or a name after its first word), reads as a statement of fact and is not contested itself: the verdict draws on it, so it is argued. The finding spans the specific sentence.",
    why: "Commenters state their grounds and then their conclusion as often as the other way round (`He cut 40 billion from health care. That is simply reckless.`); SFU C3's annotators count such comments as giving evidence. On C3's training part, evidence comments flagged fell from 9.8 % to 7.4 % and unsubstantial ones stayed at 3.6 %. The grounds are a claim of their own and are judged as one.",
    fires: &[
        "The government cut 40 billion from hospitals in 2019. That decision was clearly reckless.",
        "Ottawa closed 12 clinics last year. Waiting lists doubled. This is obviously a disaster.",
    ],
    passes: &[
        "That decision was clearly reckless. The government cut 40 billion from hospitals in 2019.",
        "The government is bad. That decision was clearly reckless.",
        "I think they cut 40 billion from hospitals in 2019. That decision was clearly reckless.",
        "Clearly they stole 40 billion in 2019. That decision was clearly reckless.",
    ],
    check: |ctx| supports(ctx, SupportKind::Grounds),
};
