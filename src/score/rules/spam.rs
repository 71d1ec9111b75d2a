//! Spam rules (`SPM`): promotional or off-topic link drops and contact harvesting.
//!
//! A link is not spam by itself: a link to a reputable source in an argument is evidence
//! (see `UNS101`). These rules look for what spam has and arguments lack: shorteners, promo
//! topics, contact offers, self-promotion, comments that are little more than a link, and the
//! same drop repeated across a run.

use super::{Hit, Rule};
use crate::model::LinkKind;
use crate::score::lexicon::LEXICONS;
use crate::score::{CommentContext, Flag};

/// A comment with this many words or fewer around its link is a link drop.
const DROP_WORDS: usize = 12;

/// How many comments of a run must carry the same link or text to make a campaign.
pub const CAMPAIGN_MIN: usize = 3;

/// SPM001.
pub static URL_SHORTENER: Rule = Rule {
    code: "SPM001",
    name: "url-shortener",
    flag: Flag::Spam,
    weight: 0.8,
    summary: "A link through a URL shortener (`bit.ly`, `adf.ly`, `goo.gl`, …).",
    why: "Shorteners hide where a link goes and pay per click (adf.ly); arguments cite sources by their address.",
    fires: &[
        "omg watch this bit.ly/3xYz12",
        "free stuff http://adf.ly/1abc",
    ],
    passes: &["See https://www.bbc.com/news/world-123 for the report."],
    check: url_shortener,
};

fn url_shortener(ctx: &CommentContext<'_>) -> Vec<Hit> {
    ctx.links
        .iter()
        .filter(|l| l.shortener)
        .map(|l| Hit::at(l.span.clone()))
        .collect()
}

/// SPM002.
pub static PROMO_TOPIC: Rule = Rule {
    code: "SPM002",
    name: "promo-topic",
    flag: Flag::Spam,
    weight: 0.55,
    summary: "Gambling, pharma, loans, crypto-investment, work-from-home or spell-caster promotion (`online casino`, `slot gacor`, `cheap viagra`, `payday loan`, `spell caster`) in a comment that also carries a link or a way to make contact.",
    why: "These topics are what comment spam sells, and spam always says where to buy. Without a link or contact the words are just discussion (`the casino licence debate`), so the rule stays silent.",
    fires: &[
        "Best online casino bonus here: www.win-big.example",
        "I got my ex back thanks to a powerful spell caster, email him",
    ],
    passes: &["The casino license debate in parliament was heated."],
    check: promo_topic,
};

fn promo_topic(ctx: &CommentContext<'_>) -> Vec<Hit> {
    let contact = ctx.links.iter().any(|l| !l.reputable) || has_contact_word(ctx);
    if !contact {
        return Vec::new();
    }
    ctx.phrases(&LEXICONS.promo_phrases)
        .into_iter()
        .map(Hit::at)
        .collect()
}

fn has_contact_word(ctx: &CommentContext<'_>) -> bool {
    ctx.analysed
        .tokens
        .iter()
        .any(|t| LEXICONS.contact_words.contains(t))
}

/// SPM003.
pub static CONTACT_OFFER: Rule = Rule {
    code: "SPM003",
    name: "contact-offer",
    flag: Flag::Spam,
    weight: 0.75,
    summary: "A phone number, WhatsApp/Telegram handle or e-mail address offered for contact (`contact him on WhatsApp +234…`, `email: x@y.com`).",
    why: "Contact harvesting moves the victim off the site, where loan, romance and spell-caster scams continue; readers discussing an article have no reason to post phone numbers.",
    fires: &[
        "Contact Dr. Ade on WhatsApp +2348136370421 today",
        "for more info email me at loans4you@example.com",
    ],
    passes: &[
        "Call your representative and tell them.",
        "In 2019 the budget was 1,200,000 dollars.",
    ],
    check: contact_offer,
};

fn contact_offer(ctx: &CommentContext<'_>) -> Vec<Hit> {
    let asked = has_contact_word(ctx);
    ctx.links
        .iter()
        .filter(|l| match l.kind {
            LinkKind::Phone => true,
            LinkKind::Email => asked,
            LinkKind::Url => false,
        })
        .map(|l| Hit {
            span: l.span.clone(),
            strength: if asked { 1.0 } else { 0.6 },
        })
        .collect()
}

/// SPM004.
pub static SELF_PROMOTION: Rule = Rule {
    code: "SPM004",
    name: "self-promotion",
    flag: Flag::Spam,
    weight: 0.7,
    summary: "Self-promotion: `check out my channel`, `subscribe to my`, `visit my page`, `sub4sub`.",
    why: "Promoting one's own channel or page under someone else's content is the commonest comment spam (most of the YouTube Spam Collection).",
    fires: &[
        "Hey guys check out my new channel and please subscribe!!!",
        "sub4sub anyone?",
    ],
    passes: &[
        "I checked the channel list, nothing new.",
        "Subscribers of the paper got it first.",
    ],
    check: self_promotion,
};

fn self_promotion(ctx: &CommentContext<'_>) -> Vec<Hit> {
    ctx.phrases(&LEXICONS.self_promo)
        .into_iter()
        .map(Hit::at)
        .collect()
}

/// SPM005.
pub static LINK_DROP: Rule = Rule {
    code: "SPM005",
    name: "link-drop",
    flag: Flag::Spam,
    weight: 0.6,
    summary: "A link to a non-reputable site in a comment that says little else; the fewer words around it, the stronger.",
    why: "A link dropped with no argument around it is advertising. A link inside an argument, or to a reputable source, is not: long comments weaken this rule and reputable domains never fire it.",
    fires: &[
        "http://cheap-watches.example/shop",
        "nice vid www.my-site.example",
    ],
    passes: &[
        "Here is the report: https://www.reuters.com/world/abc",
        "I disagree with the article for three reasons. First, the numbers in the second table do not add up, as anyone can check at https://blog.example.org/budget-2024, and second the quotes are old.",
    ],
    check: link_drop,
};

fn link_drop(ctx: &CommentContext<'_>) -> Vec<Hit> {
    let words = ctx
        .analysed
        .tokens
        .iter()
        .filter(|t| ctx.links.iter().all(|l| !l.span.contains(&t.span.start)))
        .count();
    let strength = if words <= DROP_WORDS {
        1.0
    } else {
        (DROP_WORDS as f32 / words as f32).powi(2)
    };
    ctx.links
        .iter()
        .filter(|l| l.kind == LinkKind::Url && !l.reputable && !l.shortener)
        .map(|l| Hit {
            span: l.span.clone(),
            strength,
        })
        .filter(|h| h.strength >= 0.25)
        .collect()
}

/// SPM006.
pub static CAMPAIGN: Rule = Rule {
    code: "SPM006",
    name: "campaign",
    flag: Flag::Spam,
    weight: 0.7,
    summary: "The same link, phone number or text posted in at least 3 comments of the run (across threads or authors).",
    why: "Spam comes in campaigns; a link or text repeated across pages is promotion, whatever its wording. Counted per run, so the same input always gives the same result; reputable links never count.",
    fires: &[
        "Buy now at www.shop-x.example >> Buy now at www.shop-x.example >> great www.shop-x.example",
    ],
    passes: &["A comment that occurs once."],
    check: campaign,
};

fn campaign(ctx: &CommentContext<'_>) -> Vec<Hit> {
    let mut hits: Vec<Hit> = ctx
        .links
        .iter()
        .filter(|l| !l.reputable && ctx.run.link_count(&l.key) >= CAMPAIGN_MIN)
        .map(|l| Hit::at(l.span.clone()))
        .collect();
    if hits.is_empty() && ctx.run.text_count(ctx.text) >= CAMPAIGN_MIN {
        hits.push(Hit::at(0..ctx.text.len()));
    }
    hits
}

/// SPM007.
pub static MONEY_BAIT: Rule = Rule {
    code: "SPM007",
    name: "money-bait",
    flag: Flag::Spam,
    weight: 0.6,
    summary: "Money and prize bait: `make $500 a day`, `earn $`, `click here`, `free gift card`, `you have won`, `you have been selected`, `claim your prize`, `free entry`.",
    why: "Promises of easy money and prizes are how scams open; they have nothing to do with an article's discussion.",
    fires: &[
        "Make $500 per day from home, click here",
        "You have won a free iPhone",
        "Congratulations! You have been selected for a cash prize. To claim your reward reply now",
    ],
    passes: &[
        "The fine was $500 per day, the court said.",
        "The jury selected her design and she took the prize home.",
    ],
    check: money_bait,
};

fn money_bait(ctx: &CommentContext<'_>) -> Vec<Hit> {
    ctx.phrases(&LEXICONS.money_bait)
        .into_iter()
        .map(Hit::at)
        .collect()
}

/// SPM008.
pub static PROMO_LINK: Rule = Rule {
    code: "SPM008",
    name: "promo-link",
    flag: Flag::Spam,
    weight: 0.6,
    summary: "A link to a fundraising, referral, shop, app-store or personal social-media page (`gofundme.com`, `indiegogo.com`, `teespring.com`, `twitch.tv/…`, `instagram.com/…`).",
    why: "Links that ask readers to give, buy, install or follow promote the poster; they are not evidence in a discussion.",
    fires: &[
        "Please help me https://www.gofundme.com/littlebrother",
        "follow me http://instagram.com/cyrine_ghorbel",
    ],
    passes: &["The Guardian covered it: https://www.theguardian.com/world/x"],
    check: promo_link,
};

fn promo_link(ctx: &CommentContext<'_>) -> Vec<Hit> {
    ctx.links
        .iter()
        .filter(|l| l.kind == LinkKind::Url && !LEXICONS.promo_links.find(&l.key).is_empty())
        .map(|l| Hit::at(l.span.clone()))
        .collect()
}

/// SPM009.
pub static SITE_SPAM_TERM: Rule = Rule {
    code: "SPM009",
    name: "site-spam-term",
    flag: Flag::Spam,
    weight: 0.6,
    summary: "A word or phrase the run's configuration lists as spam (`[lexicon] spam` in `threadscan.toml`): a campaign's brand or phrase the shipped lexicons do not know. Examples here use the test configuration's term `cheap essays`.",
    why: "Spam campaigns change their products faster than any shipped list; an auditor who has seen one can name it. One use is enough to flag.",
    fires: &["Buy cheap essays here", "CHEAP ESSAYS for all"],
    passes: &["Cheap essay writing is a topic.", "A plain comment."],
    check: site_spam_term,
};

fn site_spam_term(ctx: &CommentContext<'_>) -> Vec<Hit> {
    ctx.config
        .site_terms(Flag::Spam, ctx.text)
        .into_iter()
        .map(Hit::at)
        .collect()
}
