//! Spam rules (`SPM`): promotional or off-topic link drops and contact harvesting.
//!
//! A link is not spam by itself: a link to a reputable source in an argument is evidence
//! (see `UNS101`). These rules look for what spam has and arguments lack: shorteners, promo
//! topics, contact offers, self-promotion, comments that are little more than a link, and the
//! same drop repeated across a run.

use std::collections::HashSet;

use super::{Hit, Rule};
use crate::model::LinkKind;
use crate::score::lexicon::LEXICONS;
use crate::score::links::{CommentLink, comment_links};
use crate::score::{CampaignKey, CommentContext, Flag, campaign_count};

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
    summary: "Gambling, pharma, loans, crypto-investment, work-from-home or spell-caster promotion (`online casino`, `slot gacor`, `cheap viagra`, `payday loan`, `spell caster`) in a comment that also carries a link (an address in the text, or a link set on its words to a site that is not a reputable source nor the page's own) or a way to make contact. Examples with a link set on words write it in HTML.",
    why: "These topics are what comment spam sells, and spam always says where to buy. Without a link or contact the words are just discussion (`the casino licence debate`), so the rule stays silent.",
    fires: &[
        "Best online casino bonus here: www.win-big.example",
        "I got my ex back thanks to a powerful spell caster, email him",
        "Can you buy diflucan online <a href=\"http://pharmacy.example\">viagra</a> best buy",
    ],
    passes: &[
        "The casino license debate in parliament was heated.",
        "The casino license debate, as <a href=\"https://www.bbc.co.uk/news/uk-123\">the BBC reported</a>, was heated.",
    ],
    check: promo_topic,
};

fn promo_topic(ctx: &CommentContext<'_>) -> Vec<Hit> {
    let contact =
        ctx.links.iter().any(|l| !l.reputable) || links_in_markup(ctx) || has_contact_word(ctx);
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
    summary: "A phone number (in digits, or spelled out: `two three four eight …`), WhatsApp/Telegram handle or e-mail address offered for contact (`contact him on WhatsApp +234…`, `email: x@y.com`).",
    why: "Contact harvesting moves the victim off the site, where loan, romance and spell-caster scams continue; readers discussing an article have no reason to post phone numbers.",
    fires: &[
        "Contact Dr. Ade on WhatsApp +2348136370421 today",
        "for more info email me at loans4you@example.com",
        "WhatsApp Dr. Ade on two three four eight one three six three seven zero four two one",
    ],
    passes: &[
        "Call your representative and tell them.",
        "I have one cat, two dogs and three fish.",
        "In 2019 the budget was 1,200,000 dollars.",
        "The log jumps from 1617181920 to 1617185520, an hour gone.",
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
        .map(|l| Hit::with(l.span.clone(), if asked { 1.0 } else { 0.6 }))
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
        .map(|l| Hit::with(l.span.clone(), strength))
        .filter(|h| h.strength >= 0.25)
        .collect()
}

/// SPM006.
pub static CAMPAIGN: Rule = Rule {
    code: "SPM006",
    name: "campaign",
    flag: Flag::Spam,
    weight: 0.7,
    summary: "The same link, phone number or text posted by at least 3 distinct (author, thread) pairs of the run: by different authors or in different threads.",
    why: "Spam comes in campaigns; a link or text repeated across pages or authors is promotion, whatever its wording. One author repeating a link in one thread is not a campaign, and the same comment read twice (a page and its export, a duplicate file) counts once. Counted per run, so the same input always gives the same result; reputable links never count.",
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
        .filter(|l| !l.reputable && campaign_count(ctx, CampaignKey::Link(&l.key)) >= CAMPAIGN_MIN)
        .map(|l| Hit::at(l.span.clone()))
        .collect();
    if hits.is_empty() && campaign_count(ctx, CampaignKey::Text(ctx.text)) >= CAMPAIGN_MIN {
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

/// The commenter's website (`author_url`), described, unless it is reputable, the page's own
/// site, or not a web address.
fn author_site(ctx: &CommentContext<'_>) -> Option<CommentLink> {
    link_out(ctx, ctx.comment.author_url.as_deref()?)
}

/// The web address `url` as a link, where it leads to a site that is neither a reputable
/// source nor the page's own.
fn link_out(ctx: &CommentContext<'_>, url: &str) -> Option<CommentLink> {
    let link = comment_links(url)
        .into_iter()
        .find(|l| l.kind == LinkKind::Url)?;
    let own = link.domain.is_some() && link.domain.as_deref() == ctx.page_domain;
    (!link.reputable && !own).then_some(link)
}

/// A link set on the comment's words (kept in HTML pages and exports) to a site that is not a
/// reputable source nor the page's own: `<a href="…">viagra</a>` says where to buy as a pasted
/// address does.
fn links_in_markup(ctx: &CommentContext<'_>) -> bool {
    ctx.comment
        .links
        .iter()
        .any(|link| link_out(ctx, &link.url).is_some())
}

/// A link in the text to a site that is not a reputable source.
fn links_out(ctx: &CommentContext<'_>) -> bool {
    ctx.links
        .iter()
        .any(|l| l.kind == LinkKind::Url && !l.reputable)
}

/// SPM010.
pub static KEYWORD_AUTHOR: Rule = Rule {
    code: "SPM010",
    name: "keyword-author",
    flag: Flag::Spam,
    weight: 0.75,
    summary: "The author name is a keyword phrase or a web address (`Best Essay Writing Service`, `HP Printer Support Number`, `www.cheap-flights.example`), and the comment links to a site: the author's website or a link in the text. The finding's text is the name (its span is empty). Examples here write the author as `[name](website)` before the text.",
    why: "Blog spam puts its anchor text in the name field: the name becomes a link to the spammer's site, with the keywords it wants to rank for. People are named with names; businesses advertising themselves are not readers. Trade and service words come from `keyword_name_words.txt`; a name needs one of them and two words or more, or an address. Without any link the name alone is weaker evidence, still enough to flag: scraped pages often keep the name and drop its link.",
    fires: &[
        "[Cheap Essay Writing Service](https://essays-fast.example.com) Thanks for the post, very helpful.",
        "[www.cheapflights.example](https://www.cheapflights.example) Nice trip!",
        "[HR Interview Questions and Answers](https://hr-interview.example.in) Why are you looking for another job?",
    ],
    passes: &[
        "[Jenny Graves](https://jennycooks.example.com) I made this bread yesterday.",
        "[Repair](https://repair.example.com) One word is a nickname, not a keyword phrase.",
        "[Digging.holes] A dotted user name is not a web address.",
        "[Bored Lawyer] An occupation in a pseudonym, and no link.",
        "A comment with no author website.",
    ],
    check: keyword_author,
};

fn keyword_author(ctx: &CommentContext<'_>) -> Vec<Hit> {
    let Some(name) = ctx.comment.author.as_deref().map(str::trim) else {
        return Vec::new();
    };
    let address = looks_like_address(name);
    let words = name.split_whitespace().count();
    let trade_words = if words >= 2 {
        LEXICONS.keyword_name_words.find(name).len()
    } else {
        0
    };
    if !address && trade_words == 0 {
        return Vec::new();
    }
    let site = author_site(ctx);
    // Scrapers often keep the name and drop its link: a name made of trade words (two or
    // more, or an address) is then the anchor text alone, still enough to flag
    // (0.7 × 0.75 > 0.5); one trade word in a name without any link is a pseudonym's worth.
    let strength = if site.is_some() || links_out(ctx) {
        1.0
    } else if address || trade_words >= 2 {
        0.7
    } else {
        0.4
    };
    let label = match site {
        Some(_) => format!(
            "author: {name} <{}>",
            ctx.comment.author_url.as_deref().unwrap_or("")
        ),
        None => format!("author: {name}"),
    };
    vec![Hit {
        span: 0..0,
        strength,
        label: Some(label),
    }]
}

/// SPM011.
pub static SERVICE_SCAM: Rule = Rule {
    code: "SPM011",
    name: "service-scam",
    flag: Flag::Spam,
    weight: 0.75,
    summary: "A tech-support, customer-service or booking line offered to be called (`Norton customer support number`, `call toll free`, `airlines reservation`), with a phone number or a link; or a toll-free number (`1-888-…`, `+1 (844) …`, `1800 …`, `0800 …`), also with letters for digits (`1-8OO`) or spelled out (`one eight hundred …`).",
    why: "Support and booking scams post a number dressed as a company's helpline under any article that mentions the brand. A phrase without a number or link is a complaint about support, not an offer (the rule stays weak); a toll-free number is a business line, which readers do not post.",
    fires: &[
        "Call the Norton customer support number 1-888-555-0199 for instant help",
        "For flight changes call toll free +1 (844) 555 0142",
        "Epson printer offline? Best support helpline: https://printer-fix.example.com",
        "Cash App refund? Dial 1-8OO-555-O142 now",
        "call one eight hundred five five five zero one four two today",
    ],
    passes: &[
        "I waited an hour for customer support and got nowhere.",
        "My number is in the club directory, ask Ann.",
    ],
    check: service_scam,
};

/// Toll-free prefixes, after a country code is taken off: North America's 8XX, and the
/// `1800`/`0800`/`0808` lines of India, Australia, the UK and others.
fn toll_free(digits: &str) -> bool {
    let north_america = digits.strip_prefix('1').unwrap_or(digits);
    let na = digits.len() >= 10
        && ["800", "833", "844", "855", "866", "877", "888"]
            .iter()
            .any(|p| north_america.starts_with(p));
    na || ["1800", "0800", "0808"]
        .iter()
        .any(|p| digits.starts_with(p))
}

fn service_scam(ctx: &CommentContext<'_>) -> Vec<Hit> {
    let phones: Vec<&CommentLink> = ctx
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::Phone)
        .collect();
    let reachable = !phones.is_empty() || links_out(ctx);
    let mut hits: Vec<Hit> = ctx
        .phrases(&LEXICONS.service_scam)
        .into_iter()
        .map(|span| Hit::with(span, if reachable { 1.0 } else { 0.5 }))
        .collect();
    hits.extend(
        phones
            .iter()
            .filter(|l| toll_free(&l.key))
            .map(|l| Hit::at(l.span.clone())),
    );
    hits
}

/// SPM012.
pub static PRAISE_LINK: Rule = Rule {
    code: "SPM012",
    name: "praise-link",
    flag: Flag::Spam,
    weight: 0.7,
    summary: "Praise that fits any page (`Thanks for sharing, very informative`, `Great post, keep it up`) carrying a link to a site that is not a reputable source; weaker when the only link is the author's website and the comment is short.",
    why: "Generic praise is how blog spam gets past moderation: it is true of every post, so it can be posted anywhere, and its purpose is the link. Praise with the commenter's own website and nothing about the post is the comment-swap pattern; real readers' thanks say what helped, so that case alone does not flag. Phrases in `generic_praise.txt`.",
    fires: &[
        "Very informative post, thanks for sharing! https://www.training-institute.example.in/python",
        "Great article, keep it up. Visit www.bestdeals.example.com",
    ],
    passes: &[
        "Thanks for sharing, the part on encodings fixed my import.",
        "Great post. The BBC had the numbers too: https://www.bbc.co.uk/news/uk-123",
        "Great article, the study is https://doi.org/10.1000/xyz123 and the data at https://www.stat.mit.edu/x",
    ],
    check: praise_link,
};

/// Words in a short comment: praise with a website and no more than this is a comment swap.
const SHORT_PRAISE_WORDS: usize = 40;

fn praise_link(ctx: &CommentContext<'_>) -> Vec<Hit> {
    let strength = if links_out(ctx) {
        1.0
    } else if author_site(ctx).is_some() && ctx.analysed.tokens.len() <= SHORT_PRAISE_WORDS {
        0.6
    } else {
        return Vec::new();
    };
    ctx.phrases(&LEXICONS.generic_praise)
        .into_iter()
        .map(|span| Hit::with(span, strength))
        .collect()
}

/// SPM016.
pub static KEYWORD_WEBSITE: Rule = Rule {
    code: "SPM016",
    name: "keyword-website",
    flag: Flag::Spam,
    weight: 0.7,
    summary: "The author's website is a keyword address (`cheap-replica-watches.example`, `bestessaywriting.example`: two trade or product words of `keyword_name_words.txt` in its name, or one, which counts half) or a link shortener (`bit.ly/…`). Read from the link on the author's name; not for a reputable source nor the page's own site. The finding's text is the address (its span is empty). Examples here write the author as `[name](website)` before the text.",
    why: "Readers who give a website give their blog or their page (`sarahcooks.example`, `annabakes.example`); search-engine spam gives the site it sells, whose address is its keywords, while the name field says `Jennifer` and the text is praise that fits any post. A shortened address hides where the link goes, which no homepage needs. Words run together in an address (`cheapflights`) are read when five letters or longer; one trade word alone (`amywriting.example`) is a half signal that needs another one.",
    fires: &[
        "[Mariano](http://www.cheap-replica-watches.example.net) This post couldn't be written any better!",
        "[Emily](http://bit.ly/3xYz12) Wow, awesome blog layout!",
        "[Jennifer](https://bestessaywriting.example.com) I will bookmark your blog.",
    ],
    passes: &[
        "[Sarah](https://sarahcooks.example.com) Made this last night with extra garlic.",
        "[Anna](https://annabakes.example.com/) Lovely photos, what olives did you use?",
        "[Tom](https://www.bbc.co.uk/news) A reputable source as a website.",
        "A comment with no author website.",
    ],
    check: keyword_website,
};

/// Trade words run together in an address are read from this many letters up: shorter ones
/// (`app`, `cab`, `shop`) hide inside ordinary words (`happy`, `vocabulary`, `bishop`).
const WORD_INSIDE_MIN: usize = 5;

fn keyword_website(ctx: &CommentContext<'_>) -> Vec<Hit> {
    let Some(site) = author_site(ctx) else {
        return Vec::new();
    };
    let label = format!(
        "author website: {}",
        ctx.comment.author_url.as_deref().unwrap_or("")
    );
    let hit = |strength: f32| {
        vec![Hit {
            span: 0..0,
            strength,
            label: Some(label.clone()),
        }]
    };
    if site.shortener {
        return hit(1.0);
    }
    let Some(host) = site.host.as_deref() else {
        return Vec::new();
    };
    // The labels before the public suffix (`cheap-replica-watches.example.net` →
    // `cheap-replica-watches`, `example`), in pieces at hyphens and digits.
    let suffix = psl::suffix_str(host).unwrap_or("");
    let name = host.strip_suffix(suffix).unwrap_or(host);
    let mut words: Vec<&str> = Vec::new();
    for piece in name
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|p| !p.is_empty())
    {
        let whole = LEXICONS.keyword_name_words.find(piece);
        if !whole.is_empty() {
            words.push(piece);
            continue;
        }
        for r in LEXICONS.keyword_name_words.find_inside(piece) {
            if r.len() >= WORD_INSIDE_MIN {
                words.push(&piece[r]);
            }
        }
    }
    words.sort_unstable();
    words.dedup();
    match words.len() {
        0 => Vec::new(),
        1 => hit(0.5),
        _ => hit(1.0),
    }
}

/// A name written as a web address: a scheme, `www.`, or a single word ending in a common
/// commercial top-level domain (`cheapflights.com`). Dotted user names (`Digging.holes`,
/// `siegmund.berghammer`) are not addresses.
fn looks_like_address(name: &str) -> bool {
    const TLDS: &[&str] = &[
        ".com", ".net", ".org", ".info", ".biz", ".in", ".co", ".io", ".us", ".uk", ".xyz",
        ".online", ".site", ".shop", ".store", ".club", ".top", ".pk", ".ng",
    ];
    let lower = name.trim().to_lowercase();
    lower.contains("://")
        || lower.starts_with("www.")
        || (!lower.contains(' ') && TLDS.iter().any(|t| lower.ends_with(t)))
}

/// A comment shares less than this cosine with its article's terms: nothing in common.
pub const OFF_TOPIC_COSINE: f32 = 0.05;

/// A comment needs this many content words before its words can be said to miss the article.
const OFF_TOPIC_MIN_WORDS: usize = 6;

/// An SPM013 example: a comment under a lemon-tart recipe (the article, in braces).
macro_rules! under_recipe {
    ($comment:literal) => {
        concat!(
            "{This lemon tart needs four lemons, butter, sugar and six eggs. Zest the lemons, whisk the eggs with the sugar, melt the butter and bake the pastry case blind for fifteen minutes. Pour the lemon curd into the case and bake until the filling barely wobbles. Serve the tart cold with cream; the pastry keeps for two days in the fridge, and the curd freezes well.}",
            $comment
        )
    };
}

/// SPM013.
pub static OFF_TOPIC: Rule = Rule {
    code: "SPM013",
    name: "off-topic-promotion",
    flag: Flag::Spam,
    weight: 0.6,
    summary: "A comment whose words have nothing to do with its article (cosine of the two content-word vectors below 0.05, six content words or more) and that links out: a link in the text to a site that is not a reputable source, or a phone number (full weight), or only the author's website (half). The finding's text names the comment's most frequent words that the article never uses. Pages without article text (dumps, most exports) skip it. Examples here give the article first, in braces.",
    why: "Blog spam is written once and posted under any post, so it is about its product, not the article; a reader's comment, even a short or a rude one, shares the article's subject. Off-topic alone is conversation drifting, so the rule needs a way out to another site; a commenter's website alone is common among real readers, so it counts half.",
    fires: &[
        under_recipe!(
            " Best online casino bonus codes, free spins and jackpots for new players at https://casino-spins.example.com"
        ),
        under_recipe!(
            " Our company offers cheap movers and packers across the city, call 0800 123 4567 for quotes"
        ),
    ],
    passes: &[
        under_recipe!(
            " I baked the tart with limes instead of lemons and the curd set fine, photos at https://myblog.example.com/tart"
        ),
        under_recipe!(
            " Completely unrelated, but did anyone watch the football match last night? What a finish."
        ),
        "Best online casino bonus codes, free spins and jackpots for new players at https://casino-spins.example.com",
    ],
    check: off_topic,
};

fn off_topic(ctx: &CommentContext<'_>) -> Vec<Hit> {
    let Some(article) = ctx.article else {
        return Vec::new();
    };
    let phone = ctx.links.iter().any(|l| l.kind == LinkKind::Phone);
    let strength = if links_out(ctx) || phone {
        1.0
    } else if author_site(ctx).is_some() {
        0.5
    } else {
        return Vec::new();
    };
    let comparison = article.compare(&ctx.analysed.tokens);
    if comparison.words < OFF_TOPIC_MIN_WORDS || comparison.cosine >= OFF_TOPIC_COSINE {
        return Vec::new();
    }
    let top: Vec<&str> = comparison
        .absent
        .iter()
        .take(3)
        .map(|(term, _)| term.as_str())
        .collect();
    let span = comparison
        .absent
        .first()
        .map_or(0..0, |(_, span)| span.clone());
    vec![Hit {
        label: Some(format!(
            "off topic (cosine {:.2} with the article): {}",
            comparison.cosine,
            top.join(", ")
        )),
        ..Hit::with(span, strength)
    }]
}

/// SPM017.
pub static SITE_TALK: Rule = Rule {
    code: "SPM017",
    name: "site-talk",
    flag: Flag::Spam,
    weight: 0.7,
    summary: "A comment that talks about the website rather than the post's subject (two different phrases of `site_talk.txt`: `your web site`, `bookmarked`, `rss feed`, `your theme`, `plugins`, `hackers`, `this paragraph`) and shares no content word with its article (cosine below 0.05), from a commenter with a website or a link to a site that is not a reputable source. Without article text (dumps, most exports) it needs three such phrases. The finding's span is the first phrase; its text lists them. Examples here give the article first, in braces, and the author as `[name](website)`.",
    why: "Comment-spam software posts one template under every blog it finds, so the template can only speak of what every blog has: its site, design, feed, hosting, search ranking and hackers (`I found your web site via Google`, `Do you have any problems with hackers?`, `This blog looks just like my old one`). Its purpose is the link on the commenter's name. A reader who gives a website speaks of the post's subject, which is what the article check asks; a discussion of themes and plugins under a post about them shares its words.",
    fires: &[
        under_recipe!(
            " [Leonie](https://leonie.example.net) Hi there, I found your web site via Google while searching for a related topic. I have bookmarked it in my google bookmarks."
        ),
        under_recipe!(
            " [Wilbur](http://www.wilbur.example.com) Hello! Do you ever have any problems with hackers? My last blog (wordpress) was hacked and I lost weeks of work."
        ),
        "[Sam](https://sam.example.com) Whoa! This blog looks just like my old one! Same layout and design, and your theme loads fast in every browser.",
    ],
    passes: &[
        under_recipe!(
            " [Anna](https://annabakes.example.com/) Lovely blog! I bookmarked this lemon tart, the curd set beautifully with four lemons."
        ),
        under_recipe!(
            " Hi there, I found your web site via Google while searching for a related topic. I have bookmarked it in my google bookmarks."
        ),
        "[Sam](https://sam.example.com) Whoa! This blog looks just like my old one!",
    ],
    check: site_talk,
};

/// A phrase with each word's English inflection dropped (`-s`, `-ed`, `-ing`, `-er`, `-ers`):
/// `blogger` and `bloggers`, `bookmarked` and `bookmarks` are one phrase.
fn stem_phrase(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(|w| {
            ["ers", "er", "ing", "ed", "s"]
                .iter()
                .find_map(|end| {
                    w.strip_suffix(end)
                        .filter(|s| s.len() >= 4 && !s.ends_with('s'))
                })
                .unwrap_or(w)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Without article text, a comment needs this many different phrases about the site.
const SITE_TALK_ALONE: usize = 3;

fn site_talk(ctx: &CommentContext<'_>) -> Vec<Hit> {
    if !links_out(ctx) && author_site(ctx).is_none() {
        return Vec::new();
    }
    let spans = ctx.phrases(&LEXICONS.site_talk);
    let text = ctx.comment.text.as_str();
    let mut phrases: Vec<String> = spans
        .iter()
        .filter_map(|s| text.get(s.clone()))
        .map(str::to_lowercase)
        .collect();
    phrases.sort_unstable();
    phrases.dedup();
    // Forms of one word are one phrase (`bookmarked`, `bookmarks`; `hacked`, `hackers`).
    let mut stems: Vec<String> = phrases.iter().map(|p| stem_phrase(p)).collect();
    stems.sort_unstable();
    stems.dedup();
    let needed = match ctx.article {
        Some(article) => {
            let comparison = article.compare(&ctx.analysed.tokens);
            if comparison.cosine >= OFF_TOPIC_COSINE {
                return Vec::new();
            }
            2
        }
        None => SITE_TALK_ALONE,
    };
    if stems.len() < needed {
        return Vec::new();
    }
    let Some(first) = spans.first() else {
        return Vec::new();
    };
    vec![Hit {
        label: Some(format!("about the website: {}", phrases.join(", "))),
        ..Hit::at(first.clone())
    }]
}

/// SPM014.
pub static DISGUISED_LETTERS: Rule = Rule {
    code: "SPM014",
    name: "disguised-letters",
    flag: Flag::Spam,
    weight: 0.7,
    summary: "Words of Latin letters with look-alike letters from other scripts or fullwidth forms mixed in (`usｅd`, `thiѕ`, `wеbsite` with a Cyrillic `е`): two such words or more; one counts half. Insults and profanity written that way are the insult rules' concern, not this one's.",
    why: "Nobody types a Cyrillic `ѕ` or a fullwidth `ｅ` inside an English word by accident: it is done to slip past filters that match words, and spun blog-spam templates do it to look new on every post. Real writers mixing scripts write whole words in each (`Windows и Linux`).",
    fires: &[
        "I usｅd to be suggested thiѕ web site by way of my cousin, I am not sure whether this post is written by him.",
        "Gеt chеap flights today, bеst prices guaranteed.",
    ],
    passes: &[
        "Windows и Linux are both fine for this.",
        "Café owners in Zürich say the façade is fine.",
        "You are a total ѕtupіd person.",
    ],
    check: disguised_letters,
};

/// A Cyrillic or Greek letter with a Latin look-alike, or a fullwidth Latin letter.
fn is_disguise(c: char) -> bool {
    matches!(c, '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}')
        || (matches!(c, '\u{0370}'..='\u{03FF}' | '\u{0400}'..='\u{04FF}')
            && crate::score::text::fold(&c.to_string())
                .chars()
                .all(|l| l.is_ascii_lowercase()))
}

fn disguised_letters(ctx: &CommentContext<'_>) -> Vec<Hit> {
    // Fast path: a text without characters outside ASCII has no disguise.
    if ctx.text.is_ascii() {
        return Vec::new();
    }
    let disguised: Vec<std::ops::Range<usize>> = ctx
        .analysed
        .tokens
        .iter()
        .filter(|t| {
            let raw = ctx.text.get(t.span.clone()).unwrap_or("");
            raw.chars().any(|c| c.is_ascii_alphabetic())
                && raw.chars().any(is_disguise)
                && raw.chars().all(|c| c.is_ascii() || is_disguise(c))
                && !LEXICONS.insult_nouns.contains(t)
                && !LEXICONS.insult_adjectives.contains(t)
                && !LEXICONS.profanity.contains(t)
        })
        .map(|t| t.span.clone())
        .collect();
    let strength = if disguised.len() >= 2 { 1.0 } else { 0.5 };
    disguised
        .into_iter()
        .map(|span| Hit::with(span, strength))
        .collect()
}

/// SPM015.
pub static KEYWORD_ANCHOR: Rule = Rule {
    code: "SPM015",
    name: "keyword-anchor",
    flag: Flag::Spam,
    weight: 0.75,
    summary: "A link set on a keyword phrase (`<a href=\"https://casino.example\">best online casino</a>`, `cheap essay writing service`) that points to a site that is not a reputable source nor the page's own: two to eight words, one of them a trade or product word (`keyword_name_words.txt`) or a promotion phrase, and no pronoun or article (a description such as `the hotel we stayed at` is no keyword phrase). One trade word alone counts 0.6. Also the phrase written out before a bare address that spells it again (`japanese restaurant https://…/best-japanese-restaurant-berlin`): two or more words, each in the address; 0.6 for two words without a trade word. Examples here write the link in HTML.",
    why: "Search-engine spam buys rank for the words a link is set on, so it sets links on the phrases it wants to rank for, in the body as in the name field (`SPM010`). People set links on what they describe (`this study`, `my photos`, `here`) or paste the address. The address of a link set on words is only in the page's markup, so this reads the links HTML pages and exports (WXR, Disqus) keep.",
    fires: &[
        "Great article! Also see <a href=\"https://casino-bonus.example\">best online casino bonuses</a> for more.",
        "<a href=\"https://essays.example.com/order\">Cheap essay writing service</a>",
        "Thanks. <a href=\"https://pharma.example\">buy viagra online</a>",
        "I had this dish in a restaurant once.\n\nsushi delivery berlin https://food.example/best-sushi-delivery-berlin.html",
    ],
    passes: &[
        "We stayed at <a href=\"https://hotel.example\">the hotel we liked</a> last year.",
        "The <a href=\"https://www.bbc.co.uk/news/x\">BBC report on online casino ads</a> says so.",
        "I wrote about it <a href=\"https://myblog.example/post\">here</a>.",
        "Photos: <a href=\"https://photos.example/album\">https://photos.example/album</a>",
        "My photos https://photos.example/my-photos and the BBC report https://www.bbc.co.uk/news/bbc-report",
    ],
    check: keyword_anchor,
};

/// Words that make a link's words a description rather than a keyword phrase.
const DESCRIBING: &[&str] = &[
    "i", "my", "me", "we", "our", "you", "your", "he", "she", "his", "her", "they", "their", "it",
    "its", "the", "this", "that", "these", "those", "a", "an", "here",
];

fn keyword_anchor(ctx: &CommentContext<'_>) -> Vec<Hit> {
    let mut hits = anchored_keywords(ctx);
    hits.extend(spelled_keywords(ctx));
    hits
}

/// Words before a bare address in the text that the address spells out again (`japanisches
/// restaurant http://…/besten-japanisches-restaurant-in-berlin.html`): the keyword phrase
/// written out where no link could be set on it. Two or more words of three letters or more,
/// on the address's line, each in the address's host or path; not a description (`my`, `the`).
fn spelled_keywords(ctx: &CommentContext<'_>) -> Vec<Hit> {
    ctx.links
        .iter()
        .filter(|l| l.kind == LinkKind::Url && !l.reputable)
        .filter(|l| l.domain.is_none() || l.domain.as_deref() != ctx.page_domain)
        .filter_map(|link| {
            let address = ctx.text.get(link.span.clone())?.to_lowercase();
            let address_words: HashSet<&str> = address
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 3)
                .collect();
            let before = ctx.text.get(..link.span.start)?;
            let line_start = before
                .rfind(['\n', '.', '!', '?', ':', '('])
                .map_or(0, |at| at + 1);
            let line = &before[line_start..];
            // The longest run of words just before the address that it spells out.
            let mut start = line.trim_end().len();
            let mut count = 0;
            for (at, word) in word_starts(line).into_iter().rev() {
                let lower = word.to_lowercase();
                if lower.chars().count() < 3
                    || DESCRIBING.contains(&lower.as_str())
                    || !address_words.contains(lower.as_str())
                    || count == 8
                {
                    break;
                }
                start = at;
                count += 1;
            }
            if count < 2 {
                return None;
            }
            let words = line[start..].trim_end();
            let from = line_start + start;
            let trade = !LEXICONS.keyword_name_words.find(words).is_empty()
                || !LEXICONS.promo_phrases.find(words).is_empty();
            Some(Hit {
                span: from..from + words.len(),
                strength: if trade || count >= 3 { 1.0 } else { 0.6 },
                label: Some(format!("{words} <{address}>")),
            })
        })
        .collect()
}

/// The words of `line` with their byte offsets, punctuation around them left out.
fn word_starts(line: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in line.char_indices() {
        match (c.is_alphanumeric() || c == '-' || c == '\'', start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                words.push((from, &line[from..at]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        words.push((from, &line[from..]));
    }
    words
}

fn anchored_keywords(ctx: &CommentContext<'_>) -> Vec<Hit> {
    ctx.comment
        .links
        .iter()
        .filter_map(|link| {
            let words = link.words.trim();
            let count = words.split_whitespace().count();
            if !(2..=8).contains(&count) || looks_like_address(words) {
                return None;
            }
            let describing = words.split_whitespace().any(|w| {
                let w = w
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                DESCRIBING.contains(&w.as_str())
            });
            if describing {
                return None;
            }
            let trade = LEXICONS.keyword_name_words.find(words).len();
            let promo = !LEXICONS.promo_phrases.find(words).is_empty();
            if trade == 0 && !promo {
                return None;
            }
            link_out(ctx, &link.url)?;
            let strength = if trade >= 2 || promo { 1.0 } else { 0.6 };
            let span = ctx.text.find(words).map_or(0..0, |at| at..at + words.len());
            Some(Hit {
                span,
                strength,
                label: Some(format!("{words} <{}>", link.url)),
            })
        })
        .collect()
}
