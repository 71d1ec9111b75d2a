//! The generic comment finder: WordPress (classic, HTML5, WordPress.com), wpDiscuz, Drupal,
//! schema.org microdata, and markup it has never seen.
//!
//! It looks for what comment markup has in common, not for any site:
//! 1. **candidates**: elements whose id looks like a comment id (`comment-123`,
//!    `li-comment-123`, `wc-comm-123_45`), whose class is exactly `comment`/`pingback`/…, or
//!    that carry schema.org `Comment` microdata;
//! 2. **one element per comment**: themes wrap a comment in several candidates (`li#comment-1`
//!    around `article#div-comment-1`); an inner candidate that holds all of its wrapper's text,
//!    one per wrapper, is the same comment and is dropped;
//! 3. **structure**, from the best signal the markup offers: a parent id written in the id or a
//!    `data-parent*` attribute; else nesting of comment elements; else, for flat markup, depth
//!    classes (`depth-3`, `level-3`) or indentation widths (`margin-left: 80px`).

use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, HashMap, HashSet};

use ego_tree::NodeId;
use std::sync::LazyLock;

use regex::Regex;
use scraper::ElementRef;

use super::dom::{
    Css, Doc, Remembered, attr, attribute_key, contains_ignore_case, css, elements_below,
    starts_with_ignore_case, text_with,
};
use super::items::Items;
use super::meta::{stated_date, timestamp};
use super::quotes::{is_quote, quotes_in};
use super::{Extraction, chrome};
use crate::model::CommentKind;
use crate::parse::date::NumericDate;
use crate::parse::{ParentRef, RawComment};

static BODY: Css = css!("body");
static REPLY_FORMS: Css = css!("form, #respond");
static AUTHOR: Css = css!(
    r#".fn, [itemprop="author"] [itemprop="name"], [itemprop="author"], .comment-author, .wc-comment-author, .comment__author, .author-name, .author, .username, .user-name, .user, .commenter, cite, [class*="author"], [class*="username"], [class*="nickname"], a[href*="/user/"], a[href*="/users/"], a[href*="/profile"], a[href*="/u/"], a[href*="/@"], a[href*="/members/"], a[href*="/people/"], a[rel~="author"]"#
);
/// Weaker signs of a name, tried when nothing else names the author: member and profile
/// links, a link in bold.
static WEAK_AUTHOR: Css =
    css!(r#"a[href*="/member"], a[href*="/user"], a[href*="/~"], strong > a, b > a"#);
static TIME: Css = css!(
    r#"time[datetime], [datetime], [itemprop="dateCreated"], [itemprop="datePublished"], [property~="dc:created"], [property~="schema:dateCreated"], .comment-date, .wc-comment-date, .comment-time, .comment__time, .comment-timestamp, .date, abbr.published[title], .value-title[title], [data-utc], [data-time], [data-timestamp], [data-epoch]"#
);
/// Comment bodies, in tiers tried in order: the usual comment-body classes; then any class
/// naming text or a message (`x-text`, `b-comment__text`, reddit's `md`), or an id naming the
/// message (Discuz!'s `td#postmessage_1001`, vBulletin's `post_message_1001`); then one naming a
/// body; last one naming content, which often wraps the author line too. Within a tier the
/// first in page order wins.
static CONTENT_NAMED: Css = css!(
    r#".comment-content, .comment-text, [itemprop="text"], .wc-comment-text, .comment__body, .comment_text, .comment-entry, .field-name-comment-body, .comment-body > .content"#
);
static CONTENT_TEXT: Css = css!(
    r#"[class$="-text"], [class$="_text"], [class*="__text"], [class~="md"], [class$="-message"], [class$="_message"], .message, [id^="postmessage"], [id*="message_"], [id*="message-"]"#
);
static CONTENT_BODY: Css = css!(r#"[class$="-body"], [class$="_body"], [class*="__body"]"#);
static CONTENT_ANY: Css = css!(
    r#".content, [class$="-content"], [class$="-contents"], [class$="_contents"], [class*="__content"], [class*="__content-cell"]"#
);
static CONTENT: [&Css; 4] = [&CONTENT_NAMED, &CONTENT_TEXT, &CONTENT_BODY, &CONTENT_ANY];
static META: Css = css!(
    r#".comment-meta, .commentmetadata, .comment-metadata, .comment-author, .comment-header, .comment-footer, .wc-comment-header, .wc-comment-footer, .reply, .comment-reply, .comment-actions, footer, header, nav, form, .says, time, [class*="header"], [class*="meta"], [class*="footer"], [class*="actions"], [class*="controls"], [class*="Controls"], button, [role="button"], [class*="button"], [class*="fold-"]"#
);

/// Chrome around a comment's words ([`META`]: its header, footer, buttons), not a post itself.
fn is_chrome(el: &ElementRef<'_>) -> bool {
    META.matches(el) && !names_a_post(el)
}

/// An element whose own classes say it is a post, comment, message or entry: never chrome,
/// whatever else its classes say (an imageboard's reply is `div.post.reply`, and `.reply`
/// names a reply link's box elsewhere).
fn names_a_post(el: &ElementRef<'_>) -> bool {
    el.value()
        .classes()
        .any(|k| matches!(k, "post" | "comment" | "message" | "entry"))
}

/// Ids of comment elements: prefix, comment number, and wpDiscuz's parent number.
static COMMENT_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<prefix>(?:[a-z][a-z0-9]{0,9}(?:-|__)|[a-z]{1,3})?(?:[cC]omment(?:s|o)?)[-_]?(?:item[-_]|entry[-_]|card[-_])?|wc-comm-|(?:[a-z]{1,3})?cmt[-_]?|reply[-_]|comment-body-|isso-|c)(?P<id>\d+|[0-9a-f]*\d[0-9a-f]*|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:_(?P<parent>\d+))?$")
        .expect("comment id pattern compiles")
});

/// Depth written as a class: `depth-2`, `level-2`, `wc_comment_level-2`, `comment-level-2`,
/// and with a BEM modifier's double dash, `comment-level--2` (Mbin).
static DEPTH_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:depth|level|wc_comment_level|comment-level|indent|nest-level)[-_]{0,2}(\d{1,3})$",
    )
    .expect("depth pattern compiles")
});

/// The left indentation an inline style sets, in CSS pixels: `margin-left`, `padding-left`,
/// their logical names (`margin-inline-start`) and the left value of the `margin` and
/// `padding` shorthands (`margin: 0 0 0 30px`), margin and padding added, a later declaration
/// of a property replacing an earlier one as in CSS. Lengths in `px`, `em`/`rem` (16 px),
/// `pt`, `%` (of a nominal 800 px column) or without a unit (old pages in quirks mode);
/// negative and unreadable values count as none.
fn style_indent(style: &str) -> u32 {
    let length = |value: &str| -> f32 {
        let value = value.trim().trim_end_matches("!important").trim();
        let split = value
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(value.len());
        let Ok(n) = value[..split].parse::<f32>() else {
            return 0.0;
        };
        let per_unit = match value[split..].trim().to_ascii_lowercase().as_str() {
            "" | "px" => 1.0,
            "em" | "rem" => 16.0,
            "pt" => 4.0 / 3.0,
            "%" => 8.0,
            _ => 0.0,
        };
        n * per_unit
    };
    // The left side of a shorthand: the fourth value, else the second, else the only one.
    let left_of = |values: &str| {
        let parts: Vec<&str> = values.split_whitespace().collect();
        match parts.len() {
            1 => length(parts[0]),
            2 | 3 => length(parts[1]),
            4 => length(parts[3]),
            _ => 0.0,
        }
    };
    let (mut margin, mut padding) = (0.0f32, 0.0f32);
    for declaration in style.split(';') {
        let Some((property, value)) = declaration.split_once(':') else {
            continue;
        };
        match property.trim().to_ascii_lowercase().as_str() {
            "margin-left" | "margin-inline-start" => margin = length(value),
            "padding-left" | "padding-inline-start" => padding = length(value),
            "margin" => margin = left_of(value),
            "padding" => padding = left_of(value),
            _ => {}
        }
    }
    ((margin.max(0.0) + padding.max(0.0)) * 100.0) as u32
}

const ITEM_CLASSES: &[&str] = &["pingback", "trackback"];
/// The word "comment" as class names write it in the languages comment systems are made in
/// (Commento's `commento-card`, a French theme's `commentaire`). A class that is one of these
/// alone or with an item suffix ([`ITEM_SUFFIXES`]) names a comment item.
const COMMENT_WORDS: &[&str] = &[
    "comment",
    "commento",
    "commentaire",
    "kommentar",
    "comentario",
    "komentarz",
    "komentar",
    "kommentti",
    "yorum",
];
/// Suffixes after a [`COMMENT_WORDS`] word that name one item (`comment-item`, `commento-card`).
const ITEM_SUFFIXES: &[&str] = &["", "-item", "-entry", "-card", "-thread-item"];
/// Classes `x-comment` that name a form, a prompt or a state, not a comment: by the word before
/// `comment`.
const NOT_ITEM_SUFFIXED: &[&str] = &["add", "new", "no", "leave", "post", "write", "has", "open"];

/// Whether `head` (a class before its `-comment`) names a form, a prompt or a state.
fn names_no_item(head: &str) -> bool {
    NOT_ITEM_SUFFIXED.contains(&head.rsplit(['-', '_']).next().unwrap_or(head))
}

/// True for a class token that names a comment item: `comment`, `x-comment` (`isso-comment`,
/// `b-comment`), or a BEM element of a comments block (`comments__item`, `comment__entry`).
/// BEM modifiers (`vote--comment`: a vote button styled for comments) name no item.
fn is_item_class(original: &str) -> bool {
    let class = original.to_ascii_lowercase();
    if class.contains("--") {
        return false;
    }
    let bem_item = class.split_once("__").is_some_and(|(block, element)| {
        matches!(
            block.rsplit(['-', '_']).next(),
            Some("comment" | "comments")
        ) && matches!(element, "item" | "entry" | "comment" | "node")
    });
    // `x-comment`, `x_comment`, `u_cbox_comment`, but not a BEM modifier value
    // (`b-rating_object-type_comment`: a rating widget "of type comment") nor another
    // block's BEM element (`page__comment`), nor a form or a prompt (`add-comment`,
    // `leave_comment`).
    let suffixed = class
        .strip_suffix("-comment")
        .or_else(|| class.strip_suffix("_comment"))
        .is_some_and(|head| {
            (!head.contains('_') || !head.contains('-'))
                && !head.ends_with(['-', '_'])
                && !names_no_item(head)
        });
    let worded = COMMENT_WORDS.iter().any(|word| {
        class
            .strip_prefix(word)
            .is_some_and(|rest| ITEM_SUFFIXES.contains(&rest))
    });
    ITEM_CLASSES.contains(&class.as_str()) || worded || bem_item || suffixed || camel_item(original)
}

/// A camelCase class whose last word is `Comment` (`MtnComment`, `userComment`), except those
/// naming forms and prompts (`addComment`, `noComment`).
fn camel_item(class: &str) -> bool {
    let Some(head) = class.strip_suffix("Comment") else {
        return false;
    };
    !head.is_empty()
        && head.chars().last().is_some_and(|c| c.is_ascii_lowercase())
        && head.chars().all(|c| c.is_ascii_alphanumeric())
        && !names_no_item(&head.to_ascii_lowercase())
}
const NOT_ITEM_TAGS: &[&str] = &[
    "ol", "ul", "form", "a", "span", "script", "time", "img", "p", "input", "textarea", "body",
    "html",
];

/// A comment candidate: its element, what kind of markup made it one, and ids it carries.
struct Candidate<'a> {
    el: ElementRef<'a>,
    signature: String,
    id: Option<String>,
    parent: Option<String>,
    /// The header sibling of a comment laid out as a header and body pair (`<dt>`, `<dd>`).
    header: Option<ElementRef<'a>>,
    /// For such a pair, a footer sibling right after the body, in neither's shape (Blogger's
    /// `dd.comment-footer` with the time, after `dt.comment-author` and `dd.comment-body`).
    footer: Option<ElementRef<'a>>,
}

/// The first of `bodies` with words, else the first: an empty one is a placeholder (phpBB 2
/// opens a post that starts with a quote with an empty `span.postbody`).
fn first_with_words<'a>(
    mut bodies: impl Iterator<Item = ElementRef<'a>>,
) -> Option<ElementRef<'a>> {
    let has_words = |e: &ElementRef<'_>| {
        e.descendants()
            .any(|n| n.value().as_text().is_some_and(|t| !t.trim().is_empty()))
    };
    let first = bodies.next()?;
    Some(if has_words(&first) {
        first
    } else {
        bodies.find(has_words).unwrap_or(first)
    })
}

/// At most this many letters ([`weighted_letters`]) make an element named like a body a
/// possible label.
const SHORT_BODY_LETTERS: usize = 24;

/// Letters in `text`, a character of a script written without spaces (Chinese, Japanese)
/// counted as three (it is about a word) and a Korean syllable as two (the letters it writes):
/// about as many as the same words in a spaced script.
fn weighted_letters(text: &str) -> usize {
    text.chars()
        .filter(|ch| ch.is_alphanumeric())
        .map(|ch| match ch {
            _ if super::records::is_unspaced(ch) => 3,
            _ if super::records::is_hangul_syllable(ch) => 2,
            _ => 1,
        })
        .sum()
}

/// Whether `el`, or a box around it inside `within`, has a sibling of its tag and classes: one of
/// a list of like boxes (a commenter's city, system and browser, each in a `div.tk-extra`).
fn one_of_like_boxes(el: ElementRef<'_>, within: ElementRef<'_>) -> bool {
    let like = |a: &ElementRef<'_>, b: &ElementRef<'_>| {
        a.value().name() == b.value().name() && a.value().attr("class") == b.value().attr("class")
    };
    std::iter::once(el)
        .chain(el.ancestors().filter_map(ElementRef::wrap))
        .take_while(|a| a.id() != within.id())
        .any(|a| {
            a.prev_siblings()
                .chain(a.next_siblings())
                .filter_map(ElementRef::wrap)
                .any(|s| like(&a, &s))
        })
}

/// Labels of a member's profile facts (`lexicon/member_since.txt`).
static MEMBER_SINCE: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| chrome::lexicon(include_str!("lexicon/member_since.txt")));

/// Named comments fewer than this are checked against a run of records that may hold them.
const MIN_NAMED_ALONE: usize = 3;

/// The page's body and what a search for comments never enters: reply forms, and sidebars and
/// widgets ("recent comments"), which list comments on other pages.
struct Searched<'a> {
    body: ElementRef<'a>,
    left_out: FxHashSet<NodeId>,
}

impl<'a> Searched<'a> {
    fn of(doc: &'a Doc) -> Option<Self> {
        // The body's elements by a walk: matching `body *` asks every element for its ancestors.
        let body = doc.select(&BODY).next()?;
        let mut left_out = reply_form_insides(doc);
        left_out.extend(sidebars(body));
        Some(Searched { body, left_out })
    }

    fn prune(&self, el: &ElementRef<'_>) -> bool {
        self.left_out.contains(&el.id())
    }
}

/// Finds comments with the generic rules; `None` when the page has no comment markup.
pub fn extract(doc: &Doc) -> Option<Extraction> {
    let searched = Searched::of(doc)?;
    let body = searched.body;
    let prune = |el: &ElementRef<'_>| searched.prune(el);
    let mut named: Vec<Candidate<'_>> =
        several_self_numbered(elements_below(body, &prune).filter_map(candidate).collect());
    // One or two comments named as such may be replies under posts that no name marks
    // (vBulletin 5's `li.b-comment` under its `li.b-post` records): where a run of records
    // holds them all and has more records than they are, the records are comments too.
    if (1..MIN_NAMED_ALONE).contains(&named.len()) {
        let run = super::records::best_run_holding(body, &prune, named[0].el);
        let holds = |c: &Candidate<'_>| {
            run.iter()
                .any(|(r, _)| c.el.ancestors().any(|a| a.id() == r.id()))
        };
        if run.len() > named.len() && named.iter().all(holds) {
            let mut merged: Vec<Candidate<'_>> = run.into_iter().map(record_candidate).collect();
            merged.append(&mut named);
            // Page order: the records come before what they hold.
            let order: FxHashMap<NodeId, usize> = elements_below(body, &prune)
                .enumerate()
                .map(|(k, e)| (e.id(), k))
                .collect();
            merged.sort_by_key(|c| order.get(&c.el.id()).copied().unwrap_or(usize::MAX));
            named = merged;
        }
    }
    from_candidates(doc, body, &prune, named).or_else(|| {
        // No comment markup by name: a run of records of one shape.
        let run = super::records::best_run(body, &prune);
        from_candidates(
            doc,
            body,
            &prune,
            run.into_iter().map(record_candidate).collect(),
        )
    })
}

/// The last strategy: records of one shape that are no siblings, each reply in a box of its
/// own ([`super::records::best_scattered_run`]), else one or two records with their replies
/// nested in them ([`super::records::best_short_nested_run`]), where no other strategy found
/// comments (it runs after the JSON-LD reader, whose pages need no search of the page's
/// boxes).
pub fn extract_scattered(doc: &Doc) -> Option<Extraction> {
    let searched = Searched::of(doc)?;
    let body = searched.body;
    let prune = |el: &ElementRef<'_>| searched.prune(el);
    let mut run = super::records::best_scattered_run(body, &prune);
    if run.is_empty() {
        run = super::records::best_short_nested_run(body, &prune);
    }
    from_candidates(
        doc,
        body,
        &prune,
        run.into_iter().map(record_candidate).collect(),
    )
}

/// The comments among candidates; `None` when none is left.
fn from_candidates<'a>(
    doc: &Doc,
    body: ElementRef<'a>,
    prune: &dyn Fn(&ElementRef<'a>) -> bool,
    candidates: Vec<Candidate<'a>>,
) -> Option<Extraction> {
    let candidates = with_shape_siblings(body, prune, candidates);
    let candidates = with_folded_items(body, prune, candidates);
    let candidates = drop_inner_duplicates(candidates);
    let candidates = drop_empty(candidates);
    let candidates = drop_advertisements(candidates);
    let (mut candidates, repeated) = drop_repeated_copies(candidates);

    if candidates.is_empty() {
        return None;
    }
    ids_from_anchors_before_wrappers(&mut candidates);
    resolve_stated_parents(&mut candidates);
    strip_type_tag(&mut candidates);
    // A header sibling is its comment's (a reply's `dt` inside its parent's `dd` is none of
    // the parent's words).
    let items = Items::new(candidates.iter().map(|c| c.el).collect()).with_parts(
        candidates
            .iter()
            .enumerate()
            .filter_map(|(i, c)| Some((c.header?, i))),
    );
    // Markup without a tree may come with data that states one, read only where needed.
    let script_data = || {
        let ids: Vec<Option<&str>> = candidates.iter().map(|c| c.id.as_deref()).collect();
        super::script_data::parents(doc, &ids)
    };
    // The page's own address, read only where comments link to another address.
    let own_address = || super::meta::own_address(doc);
    let (parents, tree) = structure(&candidates, &items, &script_data, &own_address);
    let (mut comments, dates): (Vec<RawComment>, Vec<Option<NumericDate>>) = candidates
        .iter()
        .enumerate()
        .zip(parents)
        .map(|((i, c), parent)| comment(i, c, parent, &items))
        .unzip();
    super::read_numeric_dates(doc, &mut comments, &dates);
    // A comment the layout leaves at the top that names the writer it answers ("replying to
    // Ann Ruiz") answers that writer's nearest comment before it.
    let mut tree = tree;
    // Each writer's latest comment so far, by their name in lower case: one pass.
    let mut latest: HashMap<String, usize> = HashMap::new();
    for i in 0..comments.len() {
        if comments[i].parent.is_none() {
            let other = |e: &ElementRef<'_>| items.is_other(i, e);
            let answered = stated_parent_writer(&candidates[i], &other)
                .and_then(|name| latest.get(&name.to_lowercase()).copied());
            if let Some(j) = answered {
                comments[i].parent = Some(ParentRef::Index(j));
                tree = "the writer a reply names (their nearest comment before it), else layout";
            }
        }
        if let Some(author) = comments[i].author.as_deref() {
            latest.insert(author.to_lowercase(), i);
        }
    }
    // Reader comments show who wrote them, if only "Anonymous"; entries that never name anyone
    // are a journalist's live ticker or a list of teasers laid out like comments.
    if comments.iter().all(|c| c.author.is_none()) {
        return None;
    }
    let finder = if candidates.iter().any(|c| c.signature.ends_with("@run")) {
        "a run of records of one shape"
    } else {
        "comment markup"
    };
    Some(Extraction {
        system: system_name(doc, &candidates),
        finder,
        tree,
        declared: declared_by_attribute(candidates[0].el),
        missing_stubs: missing_stubs(&candidates),
        repeated,
        comments,
        items: items
            .ids()
            .into_iter()
            .chain(candidates.iter().filter_map(|c| c.header.map(|h| h.id())))
            .chain(candidates.iter().filter_map(|c| c.footer.map(|f| f.id())))
            .collect(),
        ..Default::default()
    })
}

/// Drops advertisements laid out like comments (issue 14: "sponsored blocks laid out like
/// posts are not comments"). An item is one where its own markup says so: a class, id or tag
/// word (`sponsored`, `advert…`, `ad`, `ads`, `adsbygoogle`; `amp-ad`), a `data-ad-…`
/// attribute; or where its header, what it shows before its first line of prose, holds a
/// sponsor label standing alone in an element (`Sponsored`, `Anzeige`, `Publicité`, `広告`:
/// [`chrome::is_sponsor_label`]) or a link marked `rel="sponsored"` (the web's mark of a
/// paid link). Comments quoting or citing such things say so in their words, after the header.
fn drop_advertisements(mut candidates: Vec<Candidate<'_>>) -> Vec<Candidate<'_>> {
    let items = Items::new(candidates.iter().map(|c| c.el).collect());
    let ads: Vec<bool> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| is_advertisement(c.el, &|e| items.is_other(i, e)))
        .collect();
    if ads.iter().any(|&ad| ad) {
        let mut ads = ads.into_iter();
        candidates.retain(|_| !ads.next().unwrap_or(false));
    }
    candidates
}

/// Nodes of an item's header read for [`drop_advertisements`], at most.
const AD_HEADER_NODES: usize = 120;

/// Whether an item is an advertisement (see [`drop_advertisements`]); `other` is true on the
/// other items' elements.
pub(super) fn is_advertisement(
    el: ElementRef<'_>,
    other: &dyn Fn(&ElementRef<'_>) -> bool,
) -> bool {
    let ad_word = |w: &str| {
        ["ad", "ads", "adsbygoogle", "sponsored"]
            .iter()
            .any(|a| w.eq_ignore_ascii_case(a))
            || w.get(..6).is_some_and(|p| p.eq_ignore_ascii_case("advert"))
    };
    let own = el.value();
    let words = own
        .attr("class")
        .into_iter()
        .chain(own.id())
        .chain(std::iter::once(own.name()))
        .flat_map(|v| v.split(|c: char| !c.is_ascii_alphanumeric()));
    if words.into_iter().any(ad_word) || own.attrs().any(|(name, _)| name.starts_with("data-ad-")) {
        return true;
    }
    // The header: the nodes before the first text of prose (forty characters or more).
    let mut stack: Vec<_> = el.children().collect();
    stack.reverse();
    let mut seen = 0;
    while let Some(node) = stack.pop() {
        seen += 1;
        if seen > AD_HEADER_NODES {
            return false;
        }
        if let Some(text) = node.value().as_text() {
            let text = text.trim();
            if text.chars().count() >= 40 {
                return false;
            }
            let alone = node
                .parent()
                .and_then(ElementRef::wrap)
                .is_some_and(|p| p.children().filter(|n| n.value().is_text()).count() == 1);
            if alone && !text.is_empty() && chrome::is_sponsor_label(text) {
                return true;
            }
            continue;
        }
        let Some(e) = ElementRef::wrap(node) else {
            continue;
        };
        if other(&e) {
            continue;
        }
        let name = e.value().name();
        if name == "a"
            && e.value().attr("rel").is_some_and(|rel| {
                rel.split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("sponsored"))
            })
        {
            return true;
        }
        if matches!(name, "script" | "style" | "template" | "blockquote") {
            continue;
        }
        let at = stack.len();
        stack.extend(e.children());
        stack[at..].reverse();
    }
    false
}

/// Groups of copies looked at, at most: each costs a pass over the candidates.
const MAX_REPEATED: usize = 64;

/// The same comment shown twice on one page: a "most liked", "pinned" or "editor's pick"
/// block that repeats comments of the thread, ids and all. Copies share an id and open with
/// the same words (header and text; one copy may run on into the replies it holds). The
/// copy in the larger list (the most comments under its list's element, replies included)
/// stays, the others go. Comments that share an id but not their words stay (a template's
/// id bug; the tree renames them). Returns the candidates left and how many copies went.
fn drop_repeated_copies(candidates: Vec<Candidate<'_>>) -> (Vec<Candidate<'_>>, usize) {
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        if let Some(id) = c.id.as_deref() {
            by_id.entry(id).or_default().push(i);
        }
    }
    let mut groups: Vec<&Vec<usize>> = by_id.values().filter(|g| g.len() > 1).collect();
    if groups.is_empty() || groups.len() > MAX_REPEATED {
        return (candidates, 0);
    }
    groups.sort();
    // Comments under an element: the size of the list a copy stands in.
    let under = |list: NodeId| {
        candidates
            .iter()
            .filter(|c| c.el.ancestors().any(|a| a.id() == list))
            .count()
    };
    let mut dropped: HashSet<usize> = HashSet::new();
    let mut sizes: FxHashMap<NodeId, usize> = FxHashMap::default();
    for group in groups {
        // The same opening words; one copy may run on into the replies it holds.
        let opening = |i: usize| {
            super::records::text_start(candidates[i].el, 120)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let first = opening(group[0]);
        let same = |other: &str| {
            let shorter = first.len().min(other.len());
            shorter >= 20 && (first.starts_with(other) || other.starts_with(first.as_str()))
        };
        if group.iter().skip(1).any(|&i| !same(&opening(i))) {
            continue;
        }
        let mut size = |i: usize| {
            candidates[i]
                .el
                .parent()
                .map_or(0, |p| *sizes.entry(p.id()).or_insert_with(|| under(p.id())))
        };
        // The largest list; of equal ones, the later copy (a pinned copy comes first).
        let keep = group
            .iter()
            .copied()
            .max_by_key(|&i| (size(i), i))
            .unwrap_or(group[0]);
        dropped.extend(group.iter().copied().filter(|&i| i != keep));
    }
    let count = dropped.len();
    let kept = candidates
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !dropped.contains(i))
        .map(|(_, c)| c)
        .collect();
    (kept, count)
}

/// What a sidebar's name says it holds.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    /// A recent/latest comments list: comments on other pages, left out at any size.
    CommentList,
    /// A side column or widget (`sidebar-1`, `widget_text`), left out unless it holds the page.
    Column,
}

/// An element named as a sidebar or a widget: an id or class that starts with `sidebar` or
/// `widget` (`sidebar-1`, `widget_recent_comments`; not `has-sidebar` on a page wrapper nor
/// Elementor's `elementor-widget` blocks), or that names a recent/latest comments list
/// anywhere. Not `aside` as such: some themes put the comment section in one.
fn side_name(el: &ElementRef<'_>) -> Option<Side> {
    const LISTS: &[&str] = &[
        "recentcomments",
        "recent-comments",
        "recent_comments",
        "latest-comments",
        "latest_comments",
        "latestcomments",
    ];
    let names = || el.value().id().into_iter().chain(el.value().classes());
    if names().any(|v| LISTS.iter().any(|n| contains_ignore_case(v, n))) {
        Some(Side::CommentList)
    } else if names()
        .any(|v| starts_with_ignore_case(v, "sidebar") || starts_with_ignore_case(v, "widget"))
    {
        Some(Side::Column)
    } else {
        None
    }
}

/// The sidebars and widgets below `body` whose subtrees are not this page's thread. A
/// container named like a side column that holds at least half of the page's text and an
/// article body (`.entry-content`, `.post-body`, `[itemprop=articleBody]`…) is the main column
/// under a platform's naming (Blogger renders every post and its comments inside
/// `div.widget.Blog`), so it stays; a sidebar of teasers outweighing a short article does not
/// hold the article's body and goes, as does a recent-comments list at any size. Text is
/// measured (in bytes) for every element in one traversal, so this stays linear.
fn sidebars(body: ElementRef<'_>) -> FxHashSet<NodeId> {
    let mut named: Vec<(ElementRef<'_>, Side, usize)> = Vec::new();
    let mut open: Vec<usize> = vec![0]; // text bytes below each open element
    for edge in body.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                scraper::Node::Element(_) => open.push(0),
                scraper::Node::Text(t) => {
                    if let Some(top) = open.last_mut() {
                        *top += t.trim().len();
                    }
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                let Some(el) = ElementRef::wrap(node) else {
                    continue;
                };
                let bytes = open.pop().unwrap_or(0);
                if let Some(top) = open.last_mut() {
                    *top += bytes;
                }
                if let Some(side) = side_name(&el) {
                    named.push((el, side, bytes));
                }
            }
        }
    }
    // The body closed last, adding its whole text to the bottom count: the page's.
    let page = open.first().copied().unwrap_or(0);
    named
        .into_iter()
        .filter(|&(el, side, bytes)| {
            // The main column holds the article's body or the page's headline (vBulletin 5
            // renders the whole topic in `div#widget_64`).
            static ARTICLE_BODY: Css = css!(
                r#"[itemprop="articleBody"], .entry-content, .post-body, .post-content, .article-body, .article__body, .story-body, h1"#
            );
            let main_column = || el.select(&ARTICLE_BODY).next().is_some();
            el.id() != body.id()
                && (side == Side::CommentList || bytes * 2 < page.max(1) || !main_column())
        })
        .map(|(el, _, _)| el.id())
        .collect()
}

/// The outline of an element: its direct children with a class, as `tag.first-class`, in
/// order, repeats removed (borrowed from the page: no allocation per element). A theme renders every comment from one template, so the comments
/// it names differently (`div.comment` for threads, `div.comment-reply` for answers) still
/// share this outline (`div.comment-meta`, `div.comment-content`).
fn outline<'a>(el: &ElementRef<'a>) -> Vec<(&'a str, &'a str)> {
    outline_without(el, None)
}

/// [`outline`] of `el` without the part that holds `inner` (a record's box of replies): a
/// record with replies is drawn from the same template as one without.
fn outline_beside<'a>(el: &ElementRef<'a>, inner: &ElementRef<'a>) -> Vec<(&'a str, &'a str)> {
    let holder = inner
        .ancestors()
        .take_while(|a| a.id() != el.id())
        .last()
        .map_or(inner.id(), |a| a.id());
    outline_without(el, Some(holder))
}

fn outline_without<'a>(el: &ElementRef<'a>, skip: Option<NodeId>) -> Vec<(&'a str, &'a str)> {
    let mut keys: Vec<(&'a str, &'a str)> = Vec::new();
    for child in parts_of(el).filter(|c| Some(c.id()) != skip) {
        let value: &'a scraper::node::Element = child.value();
        if let Some(class) = super::dom::classes_in_order(value).next() {
            let key = (value.name(), class);
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

/// An element's child elements, a table's rows for its row groups (the `tbody` a parser
/// adds around them): a comment laid out as a table of its own is its rows.
fn parts_of<'a>(el: &ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> {
    let table = el.value().name() == "table";
    el.children()
        .filter_map(ElementRef::wrap)
        .flat_map(move |child| {
            let group = table && matches!(child.value().name(), "tbody" | "thead" | "tfoot");
            let rows = group.then(|| child.children().filter_map(ElementRef::wrap));
            (!group)
                .then_some(child)
                .into_iter()
                .chain(rows.into_iter().flatten())
        })
}

/// Adds the elements that have a found comment's outline (two parts at least, one of them
/// an author element or one named as a name, `span.name`) but no comment name of their own:
/// an imageboard's opening post (`div.post.op` before its `div.post.reply#reply_N`), replies a theme marks up with
/// another class than its comments; not a header or footer row of the list. Candidates stay
/// in document order.
fn with_shape_siblings<'a>(
    body: ElementRef<'a>,
    prune: &dyn Fn(&ElementRef<'a>) -> bool,
    candidates: Vec<Candidate<'a>>,
) -> Vec<Candidate<'a>> {
    let outlines: HashSet<Vec<(&'a str, &'a str)>> = candidates
        .iter()
        .map(|c| outline(&c.el))
        .filter(|o| o.len() >= 2)
        .collect();
    // Records of a run of one shape, by tag and outline however short: one of them inside
    // another is a reply nested in its parent's record (Talkyard's `li > div.dw-t` in the
    // `ol.dw-res` of the record it answers).
    let mut run_shapes: Vec<(&'a str, Vec<(&'a str, &'a str)>)> = candidates
        .iter()
        .filter(|c| c.signature.ends_with("@run"))
        .map(|c| (c.el.value().name(), outline(&c.el)))
        .filter(|(_, o)| !o.is_empty())
        .collect();
    run_shapes.sort();
    run_shapes.dedup();
    // Records whose parts have no class (`ol > li > div + p`, `article.c > header + p`) are
    // told by their tag, first class and the tags of their first two children: a reply inside
    // a record, of the same shape, that reads as a record itself (a name, prose) is a nested
    // reply, where a list in a comment's words is not.
    let mut run_tags: Vec<TagShape<'a>> = candidates
        .iter()
        .filter(|c| c.signature.ends_with("@run") && c.header.is_none())
        .filter_map(|c| tag_shape(&c.el))
        .collect();
    run_tags.sort();
    run_tags.dedup();
    // A run of header and body pairs (`dt` name and date, `dd` words): a pair of its shapes
    // inside a record's body is a reply nested in it (`<dd>… <dl><dt>…</dt><dd>…</dd></dl></dd>`).
    let mut run_pairs: Vec<super::records::PairKey<'a>> = candidates
        .iter()
        .filter(|c| c.signature.ends_with("@run") && c.header.is_some())
        .filter_map(|c| super::records::pair_key(c.el).map(|(key, _)| key))
        .collect();
    run_pairs.sort();
    run_pairs.dedup();
    if outlines.is_empty() && run_shapes.is_empty() && run_tags.is_empty() && run_pairs.is_empty() {
        return candidates;
    }
    let known: FxHashSet<NodeId> = candidates.iter().map(|c| c.el.id()).collect();
    // The boxes that hold a run's records: a record of the run's shape deeper inside one, in
    // a box beside the records (uCoz's `div#appEntry12` after `div.comEnt#comEnt12`), is a
    // reply kept beside the record it answers.
    let run_boxes: FxHashSet<NodeId> = candidates
        .iter()
        .filter(|c| c.signature.ends_with("@run"))
        .filter_map(|c| c.el.parent().map(|p| p.id()))
        .collect();
    let mut by_node: FxHashMap<NodeId, Candidate<'a>> =
        candidates.into_iter().map(|c| (c.el.id(), c)).collect();
    let mut merged = Vec::with_capacity(by_node.len());
    for el in elements_below(body, prune) {
        if let Some(c) = by_node.remove(&el.id()) {
            merged.push(c);
            continue;
        }
        if known.contains(&el.id()) || NOT_ITEM_TAGS.contains(&el.value().name()) {
            continue;
        }
        let nested_pair = (!run_pairs.is_empty())
            .then(|| super::records::pair_key(el))
            .flatten()
            .filter(|(key, _)| run_pairs.contains(key))
            // Inside a record, or anywhere in a pair of classes of the run's own (the run
            // found may be a reply's list, its parents' above it).
            .filter(|(((_, head), (_, body)), _)| {
                (!head.is_empty() && !body.is_empty())
                    || el.ancestors().any(|a| known.contains(&a.id()))
            })
            .map(|(_, header)| header);
        if let Some(header) = nested_pair {
            merged.push(record_candidate((el, Some(header))));
            continue;
        }
        let shape = outline(&el);
        let among_records = || {
            el.ancestors().any(|a| known.contains(&a.id()))
                || (el.parent().is_some_and(|p| !run_boxes.contains(&p.id()))
                    && el.ancestors().any(|a| run_boxes.contains(&a.id())))
        };
        let nested_record = || {
            run_shapes
                .iter()
                .any(|(tag, o)| *tag == el.value().name() && *o == shape)
                && among_records()
        };
        // A folded comment: the page says so, and it shows a name and a date.
        let folded_header = || shows_folded(&el, &|_| false) && super::records::is_dated_name(el);
        // A folded reply shows some of a record's parts only (avatar, header; its box of
        // replies), not its words: its outline is a run's with parts left out, in the same
        // order (the header opens it, or follows where the words would be, as a footer
        // byline does).
        let folded_record = || {
            !shape.is_empty()
                && run_shapes.iter().any(|(tag, o)| {
                    *tag == el.value().name() && o.len() > shape.len() && {
                        let mut parts = o.iter();
                        shape.iter().all(|part| parts.any(|p| p == part))
                    }
                })
                && among_records()
                && folded_header()
        };
        // (A deleted one too, which shows the platform's notice for a name and words.)
        let nested_by_tags = || {
            tag_shape(&el).is_some_and(|s| run_tags.contains(&s))
                && among_records()
                && (super::records::is_record(el) || super::records::is_deleted_record(el))
        };
        // A box that wraps a whole found record (the only element inside it, and so on down:
        // `div[data-testid=cellInnerDiv] > div.css-175oi2r > article`, where generated
        // class names give every box one outline) is the record's layout, no reply.
        let wraps_record = || {
            let mut at = el;
            loop {
                let Some(up) = at.parent().and_then(ElementRef::wrap) else {
                    return false;
                };
                let alone = up.children().all(|n| {
                    n.id() == at.id()
                        || n.value().as_text().is_some_and(|t| t.trim().is_empty())
                        || n.value().is_comment()
                });
                if !alone {
                    return false;
                }
                if known.contains(&up.id()) {
                    return true;
                }
                at = up;
            }
        };
        // The author is looked for near the top only, so the check stays linear on deep pages.
        // A list's header or footer row laid out like its entries ("Author | Posts") is none.
        // Asked last: only of an element that would be added.
        // A nested record of a run's shape reads as a record (a name, prose), as the run's own
        // records did.
        let from_run = nested_record();
        if (((outlines.contains(&shape) || from_run)
            && !names_by_words(&el, |w| w.iter().any(|w| w == "header" || w == "footer"))
            && (elements_below(el, &|_| false)
                .take(64)
                .any(|e| AUTHOR.matches(&e) || names_by_words(&e, is_author_words))
                || (from_run
                    && (super::records::is_record(el)
                        || super::records::is_deleted_record(el)
                        || folded_header()))))
            || nested_by_tags()
            || (!from_run && folded_record()))
            && !wraps_record()
        {
            // A run's record is numbered as the run's records are.
            let id = numbered_id(&el).or_else(|| from_run.then(|| id_digits(&el)).flatten());
            merged.push(added_candidate(el, id));
        }
    }
    merged
}

/// A candidate added for its place among found comments (a reply in a record's shape, a
/// folded box): its signature is its tag and first class, marked `~`.
fn added_candidate(el: ElementRef<'_>, id: Option<String>) -> Candidate<'_> {
    let class = super::dom::classes_in_order(el.value())
        .next()
        .unwrap_or("");
    Candidate {
        el,
        signature: format!("{}.{class}~", el.value().name()),
        id,
        parent: None,
        header: None,
        footer: None,
    }
}

/// Whether `record`'s text opens with `part`'s: `part` is the record's header line.
fn is_header_of(record: ElementRef<'_>, part: ElementRef<'_>) -> bool {
    let head = super::records::text_start(part, 200);
    let head = head.trim();
    !head.is_empty()
        && super::records::text_start(record, 400)
            .trim_start()
            .starts_with(head)
}

/// The address a link points at, where it is a web address (not `/u/name` nor `#c12`).
fn web_address(link: &ElementRef<'_>) -> Option<String> {
    attr(link, "href")
        .filter(|h| crate::parse::xml::is_web_address(h))
        .map(|h| h.trim().to_string())
}

/// The web address of the link on a writer's name: the name's element itself, a link inside
/// it, or one around it (a link, not a named anchor: `<a name="c5501">` before Blogger's
/// name).
/// Inside it, a link with words comes before one that holds an icon alone (LiveJournal's
/// userhead icon links the profile page, the name the journal).
pub(super) fn link_on_name(name: ElementRef<'_>) -> Option<String> {
    let is_link = |e: &ElementRef<'_>| e.value().name() == "a" && e.value().attr("href").is_some();
    let inside = || {
        name.descendants()
            .filter_map(ElementRef::wrap)
            .filter(is_link)
    };
    let worded = || inside().find(|a| a.text().any(|t| !t.trim().is_empty()));
    let link = std::iter::once(name)
        .find(is_link)
        .or_else(worded)
        .or_else(|| inside().next())
        .or_else(|| {
            name.ancestors()
                .take(2)
                .filter_map(ElementRef::wrap)
                .find(is_link)
        })?;
    web_address(&link)
}

/// The web address of the link below `within` whose words are `name` (the link on a writer's
/// name in a byline or header line).
fn link_named(within: ElementRef<'_>, name: &str) -> Option<String> {
    within
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|a| {
            // (A link's words are read only as far as they could be the name.)
            a.value().name() == "a"
                && super::dom::short_text(*a, name.len() + 1).is_some_and(|t| t.trim() == name)
        })
        .and_then(|a| web_address(&a))
}

/// Words in a text node (not a date) that make it the comment's words, not its header.
const HEADER_WORDS_MAX: usize = 5;

/// The link whose whole text is `name` in the header of `comment`: met, in page order, before
/// its body element (where that is not the comment itself), a paragraph, or a text of more
/// than [`HEADER_WORDS_MAX`] words that is no date; not inside `other` (its replies). A link in the words
/// that names the writer is none.
fn header_link_named<'a>(
    comment: ElementRef<'a>,
    body: ElementRef<'a>,
    other: &dyn Fn(&ElementRef<'a>) -> bool,
    name: &str,
) -> Option<ElementRef<'a>> {
    let mut stack = vec![*comment];
    while let Some(node) = stack.pop() {
        if let Some(t) = node.value().as_text() {
            if t.split_whitespace().nth(HEADER_WORDS_MAX).is_some() && !chrome::is_date_line(t) {
                return None;
            }
            continue;
        }
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        if el.id() != comment.id() {
            if other(&el) {
                continue;
            }
            // A paragraph is the words, unless it is a short line that comes down to the
            // name once cleaned (a header written as `<p>`: "<p><a href=…>Ann Ito</a>
            // says:</p>"; not "See <a>Bo Lee</a> on the estimate.").
            let header_paragraph = || {
                super::dom::short_text(el, 120).is_some_and(|t| chrome::clean_author(&t) == name)
            };
            if (el.value().name() == "p" && !header_paragraph())
                || (el.id() == body.id() && body.id() != comment.id())
            {
                return None;
            }
            if el.value().name() == "a"
                && el.value().attr("href").is_some()
                && super::dom::short_text(el, 120).is_some_and(|t| t.trim() == name)
            {
                return Some(el);
            }
        }
        stack.extend(node.children().rev());
    }
    None
}

/// An element's tag and first class as written.
fn name_and_class<'a>(el: &ElementRef<'a>) -> (&'a str, Option<&'a str>) {
    let value: &'a scraper::node::Element = el.value();
    (value.name(), super::dom::classes_in_order(value).next())
}

/// An element's tag, first class and the tags of its first two child elements.
type TagShape<'a> = ((&'a str, Option<&'a str>), [&'a str; 2]);

/// The [`TagShape`] of an element with two child elements at least (`li` → `div`, `p`).
fn tag_shape<'a>(el: &ElementRef<'a>) -> Option<TagShape<'a>> {
    let mut children = parts_of(el);
    let first: &'a scraper::node::Element = children.next()?.value();
    let second: &'a scraper::node::Element = children.next()?.value();
    Some((name_and_class(el), [first.name(), second.name()]))
}

/// Drops candidates that are not comments, in one pass over each candidate's own elements:
///
/// - **empty** ones: no text of their own beside buttons and headers, no image, no author
///   (placeholders that scripts fill); collapsed comments keep their author, so they stay;
/// - **list wrappers** with a comment class: other comments inside, no author of their own,
///   a button's worth of text;
/// - **id holders**: an element that carries the comment id (`div#Comment123` around the
///   avatar) inside a comment element that has none gives its id to that element, and one
///   inside a comment with the same id (a widget tagged with it) is dropped;
/// - **entries of another kind**: where most comments have a body element (at least
///   more than [`BODY_SHARE`] of them, four or more), an entry without one whose words sit outside any
///   body is an activity-log line, a notice or an ad laid out like a comment.
fn drop_empty(mut candidates: Vec<Candidate<'_>>) -> Vec<Candidate<'_>> {
    let items = Items::new(candidates.iter().map(|c| c.el).collect());
    struct Seen {
        textless: bool,
        image: bool,
        wrapper: bool,
        has_body: bool,
        letters: usize,
    }
    let letters_in = |root: ElementRef<'_>, i: usize| {
        // Buttons and headers do not count: "Reply" alone is not a comment.
        weighted_letters(&text_with(root, &|e| items.is_other(i, e) || is_chrome(e)))
    };
    let seen: Vec<Seen> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (mut encloses, mut authored, mut image) = (false, false, false);
            let mut body = None;
            let mut walk = elements_below(c.el, &|_| false);
            while let Some(e) = walk.next() {
                if items.is_other(i, &e) {
                    encloses = true;
                    walk.skip_children_of(e);
                    continue;
                }
                authored = authored || AUTHOR.matches(&e) || names_by_words(&e, is_author_words);
                image |= e.value().name() == "img";
                if body.is_none()
                    && (CONTENT[..3].iter().any(|tier| tier.matches(&e))
                        || names_by_words(&e, is_body_words)
                        || (is_record(c) && names_item(&e)))
                {
                    body = Some(e);
                }
            }
            let letters = letters_in(c.el, i);
            Seen {
                textless: !authored && letters == 0,
                image,
                // A folded comment's header above its replies is no wrapper, nor a pair's body
                // under its own header (`<dt>` name and date), nor a box that opens with a
                // header line of a name beside its date ("March 5, 2023 at 1:28 pm Lena
                // Marsh says: #5") or whose own words end in one (a footer byline under
                // "維持費も大事だ。"): a short comment with replies.
                wrapper: encloses
                    && !authored
                    && letters < 40
                    && c.header.is_none()
                    && !candidate_folded(c, &|e| items.is_other(i, e))
                    && !super::records::opens_with_header_line(&super::records::text_start(
                        c.el, 300,
                    ))
                    && !ends_in_byline(c.el, &|e| items.is_other(i, e)),
                has_body: body.is_some_and(|b| {
                    letters_in(b, i) > 0
                        || elements_below(b, &|_| false).any(|e| e.value().name() == "img")
                }),
                letters,
            }
        })
        .collect();
    // Id holders give their id to the comment element around them; an element inside a
    // comment with that comment's id (a vote or reply widget tagged with it) is that comment.
    let mut gave_id = vec![false; candidates.len()];
    for i in 0..candidates.len() {
        if let (Some(id), Some(outer)) = (&candidates[i].id, items.enclosing(&candidates[i].el)) {
            if candidates[outer].id.as_ref() == Some(id) {
                gave_id[i] = true;
                continue;
            }
        }
        if seen[i].textless && candidates[i].id.is_some() {
            if let Some(outer) = items.enclosing(&candidates[i].el) {
                if candidates[outer].id.is_none() {
                    candidates[outer].id = candidates[i].id.take();
                    gave_id[i] = true;
                }
            }
        }
    }
    let bodied = seen.iter().filter(|s| s.has_body).count();
    let bodies_expected = seen.len() >= 4 && bodied as f64 > BODY_SHARE * seen.len() as f64;
    candidates
        .into_iter()
        .zip(seen)
        .zip(gave_id)
        .enumerate()
        .filter_map(|(i, ((c, s), gave))| {
            // A deleted comment stays where the page marks it, empty or not: replies hang from it.
            // (Or shows the notice where its words were, over its replies.)
            let deleted =
                marked_deleted(&c.el) || (s.wrapper && super::records::is_deleted_record(c.el));
            // A pair's header that shows a fold control names a folded comment whose body
            // the page left empty.
            let folded_pair = || c.header.is_some() && candidate_folded(&c, &|_| false);
            let empty = s.textless && !s.image && !deleted && !folded_pair();
            // Pingbacks are typed apart (`kind`), and have no body element in most themes.
            let notice = deleted
                || ["pingback", "trackback"].iter().any(|k| {
                    c.el.value()
                        .has_class(k, scraper::CaseSensitivity::AsciiCaseInsensitive)
                });
            // A collapsed comment shows its header only: the page folded its words away.
            let other_kind = bodies_expected
                && !s.has_body
                && s.letters > 0
                && !notice
                && !candidate_folded(&c, &|e| items.is_other(i, e));
            (!empty && !gave && (deleted || !s.wrapper) && !other_kind).then_some(c)
        })
        .collect()
}

/// A record of a structural run: an element no comment name marked, found by its shape.
fn is_record(c: &Candidate<'_>) -> bool {
    c.signature.ends_with("@run")
}

/// An element inside a record that is named as the comment (Trac's `div.comment` inside each
/// `div.change`, after the header and the list of field changes): the record is the entry, the
/// element its words.
fn names_item(e: &ElementRef<'_>) -> bool {
    names_by_words(e, is_item_words)
}

/// Share of entries with a body element above which entries without one are of another kind:
/// a template renders every comment alike, so a majority is enough.
const BODY_SHARE: f64 = 0.5;

/// A record of a structural run: its signature is its shape; its id the number in its id
/// attribute (`r_8855735` → `8855735`), when it has one.
/// The id and parent id an element's attributes give. Names are compared without a `data-`
/// prefix, case, `-` or `_`: the id from `data-comment-id`, `data-id`, `data-answerid`,
/// `thingid`, `comment-id`, `data-pid` (a post id); the parent from `data-parent`, `data-parent-id`, `parentid`,
/// `data-reply-to`, `in-reply-to`. A parent `0` means none. (Not `postid`: on a comment, it
/// names the post the whole thread hangs from.)
fn platform_ids(el: &ElementRef<'_>) -> (Option<String>, Option<String>) {
    const IDS: &[&str] = &[
        "commentid",
        "cid",
        "id",
        "answerid",
        "thingid",
        "pid",
        "shortid",
        "nodeid",
    ];
    const PARENTS: &[&str] = &[
        "parentid",
        "parent",
        "replyto",
        "inreplyto",
        "parentcommentid",
    ];
    let (mut id, mut parent, mut pid) = (None, None, None);
    for (name, value) in el.value().attrs() {
        let value = value.trim();
        // The element's own `id` attribute is read elsewhere (it names more than comments).
        if value.is_empty() || name == "id" {
            continue;
        }
        let key = attribute_key(name);
        // A radix after the name (Tildes' base-36 `data-comment-id36`) names the same id.
        let key = match key.trim_end_matches(|c: char| c.is_ascii_digit()) {
            k if k.ends_with("id") => k,
            _ => key.as_str(),
        };
        if key == "pid" {
            pid = pid.or(Some(value));
        } else if id.is_none() && IDS.contains(&key) {
            id = Some(value.to_string());
        } else if parent.is_none() && PARENTS.contains(&key) && value != "0" {
            parent = Some(value.to_string());
        }
    }
    // `pid` is a post's id on a forum post (phpBB), and the parent's id beside a comment id
    // (`data-cid` and `data-pid`, as Drupal names a comment's and its parent's).
    match (id.is_some(), pid) {
        (false, Some(p)) => id = Some(p.to_string()),
        (true, Some(p)) if parent.is_none() && p != "0" => parent = Some(p.to_string()),
        _ => {}
    }
    (id, parent)
}

/// The number that names a comment in an id or a parent id written with a few letters before
/// it (`t1000`, `msg_1000`, `c-1000` → `1000`); other values as they are.
fn number_key(value: &str) -> &str {
    let rest = value.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let rest = rest.strip_prefix(['-', '_']).unwrap_or(rest);
    let letters = value.len() - rest.len();
    if letters <= 8 && !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
        rest
    } else {
        value
    }
}

/// Attributes of a comment looked at for the one that holds its id.
const MAX_ID_ATTRIBUTES: usize = 32;

/// Parents the page states that name no comment's id as read: a parent written with letters
/// before its number (`data-parentid="msg1000"` beside `id="msg1000"`, read as `1000`) names
/// the comment of that number; where most still name none, the attribute whose values differ
/// on every comment and hold those parents' numbers is the comments' id (`data-tid="t1000"`
/// beside `data-parent="t744"`), its numbers their ids.
fn resolve_stated_parents(candidates: &mut [Candidate<'_>]) {
    let stated = candidates.iter().filter(|c| c.parent.is_some()).count();
    if stated == 0 {
        return;
    }
    let by_number = |candidates: &[Candidate<'_>]| -> HashMap<String, String> {
        candidates
            .iter()
            .filter_map(|c| c.id.as_deref())
            .map(|id| (number_key(id).to_string(), id.to_string()))
            .collect()
    };
    let rename = |candidates: &mut [Candidate<'_>], ids: &HashMap<String, String>| {
        let own: HashSet<String> = candidates.iter().filter_map(|c| c.id.clone()).collect();
        let mut resolved = 0;
        for c in candidates.iter_mut() {
            let Some(p) = c.parent.as_deref() else {
                continue;
            };
            if own.contains(p) {
                resolved += 1;
            } else if let Some(id) = ids.get(number_key(p)) {
                c.parent = Some(id.clone());
                resolved += 1;
            }
        }
        resolved
    };
    let ids = by_number(candidates);
    if 2 * rename(candidates, &ids) > stated {
        return;
    }
    // The attribute whose numbers name every comment apart and hold the stated parents.
    let parents: HashSet<String> = candidates
        .iter()
        .filter_map(|c| c.parent.as_deref())
        .map(|p| number_key(p).to_string())
        .collect();
    // The first comment's first attributes only: each is asked of every comment.
    let names: Vec<&str> = candidates[0]
        .el
        .value()
        .attrs()
        .map(|(n, _)| n)
        .take(MAX_ID_ATTRIBUTES)
        .collect();
    let found = names.into_iter().find_map(|name| {
        let numbers: Option<Vec<String>> = candidates
            .iter()
            .map(|c| {
                let v = c.el.value().attr(name)?.trim();
                let n = number_key(v);
                (n != v || v.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| n.to_string())
                    .filter(|n| !n.is_empty())
            })
            .collect();
        let numbers = numbers?;
        let distinct: HashSet<&String> = numbers.iter().collect();
        let holds = parents.iter().filter(|p| distinct.contains(p)).count();
        (distinct.len() == numbers.len() && 2 * holds > parents.len()).then_some(numbers)
    });
    if let Some(numbers) = found {
        for (c, n) in candidates.iter_mut().zip(numbers) {
            c.id = Some(n);
        }
        let ids = by_number(candidates);
        rename(candidates, &ids);
    }
}

/// Drops a type tag that every comment id shares (`t1_` of Reddit's `t1_lzq0a01` fullnames,
/// which also name the parent), as the platform's exports do: the id is what follows. A tag is
/// letters and one digit (the type's number) before `_`, and two ids at least must share it;
/// a site prefix of letters alone (`sp_`) is part of the id.
fn strip_type_tag(candidates: &mut [Candidate<'_>]) {
    let tag_of = |id: &str| {
        let (tag, rest) = id.split_once('_')?;
        let letters = tag.bytes().take_while(u8::is_ascii_lowercase).count();
        let shaped = letters >= 1
            && tag.len() == letters + 1
            && tag.as_bytes()[letters].is_ascii_digit()
            && !rest.is_empty();
        shaped.then(|| id[..=tag.len()].to_string())
    };
    let Some(tag) = candidates
        .iter()
        .find_map(|c| c.id.as_deref())
        .and_then(tag_of)
    else {
        return;
    };
    let shared = candidates.iter().filter(|c| c.id.is_some()).count() >= 2
        && candidates
            .iter()
            .filter_map(|c| c.id.as_deref())
            .all(|id| id.starts_with(&tag));
    if !shared {
        return;
    }
    for c in candidates.iter_mut() {
        for field in [&mut c.id, &mut c.parent] {
            if let Some(rest) = field.as_deref().and_then(|v| v.strip_prefix(&tag)) {
                *field = Some(rest.to_string());
            }
        }
    }
}

/// "Load more" stubs that count what the page was saved without: "1 more reply", "Show 12 more
/// comments", "3 weitere Antworten", "2 autres réponses", each the whole of a text of its own
/// (a button's or link's label) in the element around the comments; stubs without a number
/// say nothing.
static MORE_STUB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:load|show|view|see|read)\s+)?(\d{1,6})\s+(?:more|weitere|autres?|altre|altri|más)\s+(?:repl(?:y|ies)|comments?|answers?|responses?|antworten|kommentare?|réponses?|commentaires?|risposte|commenti|respuestas|comentarios)$")
        .expect("more-stub pattern compiles")
});

fn missing_stubs(candidates: &[Candidate<'_>]) -> Option<u64> {
    let (first, last) = (candidates.first()?.el, candidates.last()?.el);
    // The smallest element holding every comment: where a thread's stubs sit.
    let around_last: FxHashSet<NodeId> = last.ancestors().map(|a| a.id()).collect();
    let region = first
        .ancestors()
        .find(|a| around_last.contains(&a.id()))
        .and_then(ElementRef::wrap)?;
    let total: u64 = region
        .descendants()
        .filter_map(|n| n.value().as_text())
        .filter(|t| t.len() <= 60)
        .filter_map(|t| MORE_STUB.captures(t.trim()))
        .filter_map(|caps| caps[1].parse::<u64>().ok())
        .sum();
    (total > 0).then_some(total)
}

/// The comment count an element around the comments states in an attribute
/// (`totalcomments`, `data-comment-count`, `comments-count`): only around them, as teasers
/// elsewhere on the page count other articles' comments.
fn declared_by_attribute(first: ElementRef<'_>) -> Option<u64> {
    const COUNTS: &[&str] = &[
        "totalcomments",
        "commentcount",
        "commentscount",
        "numcomments",
    ];
    first
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find_map(|e| {
            e.value().attrs().find_map(|(name, value)| {
                COUNTS
                    .contains(&attribute_key(name).as_str())
                    .then(|| value.trim().parse().ok())
                    .flatten()
            })
        })
}

/// Whether a comment element's markup says it was deleted or removed: a class or an attribute
/// named so (`comment deleted`, `is-deleted`, `is-comment-deleted`, `data-removed="true"`).
fn marked_deleted(el: &ElementRef<'_>) -> bool {
    // A modifier that states a value says it for that value only: `b-comment_deleted_false`.
    let says = |name: &str| {
        // Most names hold neither word: a substring test spares splitting them.
        if !contains_ignore_case(name, "deleted") && !contains_ignore_case(name, "removed") {
            return false;
        }
        let words = class_words(name);
        words.iter().enumerate().any(|(i, w)| {
            (w == "deleted" || w == "removed")
                && !words
                    .get(i + 1)
                    .is_some_and(|v| matches!(v.as_str(), "false" | "no" | "0" | "n"))
        })
    };
    el.value().classes().any(says)
        || el
            .value()
            .attrs()
            .any(|(name, value)| says(name) && !matches!(value.trim(), "false" | "0"))
}

/// A comment the page shows folded, its header without its words: a class word `collapsed`,
/// `folded` or `minimized` on the element or on the boxes just inside it.
fn marked_collapsed(el: &ElementRef<'_>) -> bool {
    std::iter::once(*el).chain(inner_boxes(el)).any(|e| {
        e.value().classes().any(|k| {
            class_words(k)
                .iter()
                .any(|w| matches!(w.as_str(), "collapsed" | "folded" | "minimized"))
        })
    })
}

/// A comment the page shows folded: [`marked_collapsed`], or a control of its own (outside
/// its replies, `other`) that unfolds it: a link or button whose `aria-expanded` is `false`
/// (not a menu's, which says `aria-haspopup`), or whose whole label says so ("Expand",
/// "[+]", "Aufklappen"; [`chrome::is_fold_label`]). Not where the comment also draws the
/// control that folds it ("Collapse", "[-]"; [`chrome::is_collapse_label`]): a page that
/// draws both states of one toggle on every comment (LiveJournal's) shows one by its style,
/// and its "Expand" says nothing of which.
pub(super) fn shows_folded<'a>(
    el: &ElementRef<'a>,
    other: &dyn Fn(&ElementRef<'a>) -> bool,
) -> bool {
    marked_collapsed(el)
        || (elements_below(*el, other).any(|e| is_fold_control(&e))
            && !elements_below(*el, other).any(|e| is_collapse_control(&e)))
}

/// [`shows_folded`] of a comment's element or, for a header and body pair, of its header (a
/// `<dt>` whose fold button unfolds the `<dd>` after it, empty or holding only the replies).
pub(super) fn folded_with_header<'a>(
    el: &ElementRef<'a>,
    header: Option<ElementRef<'a>>,
    other: &dyn Fn(&ElementRef<'a>) -> bool,
) -> bool {
    shows_folded(el, other) || header.is_some_and(|h| shows_folded(&h, other))
}

/// [`folded_with_header`] of a candidate.
fn candidate_folded<'a>(c: &Candidate<'a>, other: &dyn Fn(&ElementRef<'a>) -> bool) -> bool {
    folded_with_header(&c.el, c.header, other)
}

/// A link or button that unfolds a folded comment: its `aria-expanded` is `false` (not a
/// menu's, which says `aria-haspopup`), or its whole label says so ("Expand", "[+]",
/// "Aufklappen"; [`chrome::is_fold_label`]).
fn is_fold_control(e: &ElementRef<'_>) -> bool {
    let v = e.value();
    let control = matches!(v.name(), "a" | "button") || v.attr("role") == Some("button");
    control
        && ((v.attr("aria-expanded") == Some("false") && v.attr("aria-haspopup").is_none())
            || super::dom::short_text(*e, 40).is_some_and(|t| chrome::is_fold_label(&t)))
}

/// A link or button whose whole label folds a comment shown open ("Collapse", "[-]";
/// [`chrome::is_collapse_label`]).
fn is_collapse_control(e: &ElementRef<'_>) -> bool {
    let v = e.value();
    (matches!(v.name(), "a" | "button") || v.attr("role") == Some("button"))
        && super::dom::short_text(*e, 40).is_some_and(|t| chrome::is_collapse_label(&t))
}

/// A class word that marks a comment folded (`collapsed`, `folded`, `minimized`), asked of
/// the class attribute's words only where it holds one of them.
fn has_fold_class(e: &ElementRef<'_>) -> bool {
    e.value().attr("class").is_some_and(|c| {
        let c = c.to_ascii_lowercase();
        (c.contains("collapsed") || c.contains("folded") || c.contains("minimized"))
            && e.value().classes().any(|k| {
                class_words(k)
                    .iter()
                    .any(|w| matches!(w.as_str(), "collapsed" | "folded" | "minimized"))
            })
    })
}

/// Most text, in bytes, of a folded comment drawn as a box of its own: a name, a date, a
/// badge and the control that unfolds it, and the headers of folded replies inside it.
const FOLDED_ITEM_TEXT: usize = 200;

/// Adds the folded comments a page draws in boxes of their own, in no record's shape
/// (LiveJournal's collapsed leaves: a name, a date and the control that unfolds it, in
/// another class than the comments): below a box that holds the run's records, a box whose
/// own text (found comments inside it left out) is short and opens with a header line (a name
/// beside a date or relative time) and that the page marks folded (a fold control or class
/// word outside the found comments). Looked for from each fold marker up to the nearest
/// found comment or run box, so pages without folds pay one look at each element of their
/// threads. Not such a box: a found comment's own header (the comment's text opens with it),
/// nor a box around one (whose text opens with its header).
fn with_folded_items<'a>(
    body: ElementRef<'a>,
    prune: &dyn Fn(&ElementRef<'a>) -> bool,
    merged: Vec<Candidate<'a>>,
) -> Vec<Candidate<'a>> {
    let run_boxes: FxHashSet<NodeId> = merged
        .iter()
        .filter_map(|c| c.el.parent().map(|p| p.id()))
        .collect();
    let found: FxHashSet<NodeId> = merged.iter().map(|c| c.el.id()).collect();
    let is_found = |e: &ElementRef<'_>| found.contains(&e.id());
    // A pair's header (`<dt>`) is its comment's, folded or not.
    let headers: FxHashSet<NodeId> = merged
        .iter()
        .filter_map(|c| c.header)
        .map(|h| h.id())
        .collect();
    let is_folded_item = |el: ElementRef<'a>| -> bool {
        if NOT_ITEM_TAGS.contains(&el.value().name())
            || is_table_part(&el)
            || headers.contains(&el.id())
        {
            return false;
        }
        let Some(own) = super::dom::short_text_outside(el, FOLDED_ITEM_TEXT, &is_found) else {
            return false;
        };
        let header_box = |e: ElementRef<'_>| {
            super::dom::short_text_outside(e, FOLDED_ITEM_TEXT, &is_found)
                .is_some_and(|t| super::records::opens_with_header_line(&t))
        };
        super::records::opens_with_header_line(&own)
            && shows_folded(&el, &is_found)
            && el
                .ancestors()
                .filter_map(ElementRef::wrap)
                .find(|a| is_found(a))
                .is_none_or(|record| !is_header_of(record, el))
            && !elements_below(el, &is_found).any(|e| {
                !NOT_ITEM_TAGS.contains(&e.value().name())
                    && !is_table_part(&e)
                    && is_header_of(el, e)
                    && header_box(e)
                    && shows_folded(&e, &is_found)
            })
    };
    // The outermost run boxes: a box inside another is walked with it.
    let outer: Vec<ElementRef<'a>> = merged
        .iter()
        .filter_map(|c| c.el.parent().and_then(ElementRef::wrap))
        .filter(|b| !b.ancestors().any(|a| run_boxes.contains(&a.id())))
        .fold(Vec::new(), |mut boxes, b| {
            if !boxes.iter().any(|x: &ElementRef<'a>| x.id() == b.id()) {
                boxes.push(b);
            }
            boxes
        });
    let mut tried: FxHashSet<NodeId> = FxHashSet::default();
    let mut items: FxHashSet<NodeId> = FxHashSet::default();
    for run_box in outer {
        for marker in
            elements_below(run_box, prune).filter(|e| is_fold_control(e) || has_fold_class(e))
        {
            for el in std::iter::once(marker).chain(marker.ancestors().filter_map(ElementRef::wrap))
            {
                if is_found(&el) || run_boxes.contains(&el.id()) || !tried.insert(el.id()) {
                    break;
                }
                if is_folded_item(el) {
                    items.insert(el.id());
                }
            }
        }
    }
    if items.is_empty() {
        return merged;
    }
    let mut by_node: FxHashMap<NodeId, Candidate<'a>> =
        merged.into_iter().map(|c| (c.el.id(), c)).collect();
    let mut ordered = Vec::with_capacity(by_node.len() + items.len());
    for el in elements_below(body, prune) {
        if let Some(c) = by_node.remove(&el.id()) {
            ordered.push(c);
        } else if items.contains(&el.id()) {
            ordered.push(added_candidate(el, numbered_id(&el)));
        }
    }
    ordered
}

/// The digits that end an element's id (`comment-4410` → `4410`), two at least.
fn id_digits(el: &ElementRef<'_>) -> Option<String> {
    let id = el.value().id()?;
    let digits: String = id
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (digits.len() >= 2).then_some(digits)
}

fn record_candidate((el, header): super::records::RunRecord<'_>) -> Candidate<'_> {
    let class = super::dom::classes_in_order(el.value())
        .next()
        .unwrap_or("");
    let (data_id, parent) = platform_ids(&el);
    let id = data_id.or_else(|| id_digits(&el));
    // A footer after a header and body pair: the next sibling, in neither's shape and not of
    // the header's tag (a `<dt>` of another class is the next comment's header, one the page
    // draws folded).
    let footer = header.and_then(|h| {
        let next = el.next_siblings().find_map(ElementRef::wrap)?;
        let shape = name_and_class(&next);
        (shape != name_and_class(&h)
            && shape != name_and_class(&el)
            && next.value().name() != h.value().name())
        .then_some(next)
    });
    // Else the record's header row names it (bbPress's `div#post-4410.bbp-reply-header`,
    // with the permalink, before each reply's body), or its footer.
    let id = id
        .or_else(|| permalink_id(&el))
        .or_else(|| self_anchor_id(&el))
        .or_else(|| header.and_then(|h| permalink_id(&h).or_else(|| id_digits(&h))))
        .or_else(|| footer.and_then(|f| permalink_id(&f)));
    Candidate {
        el,
        signature: format!("{}.{class}@run", el.value().name()),
        id,
        parent,
        header,
        footer,
    }
}

/// The end of the signature of a candidate named by its own number alone (see
/// [`candidate`]): such candidates count only where [`super::records::MIN_RUN`] or more share a signature.
const SELF_NUMBERED: &str = "=id";

/// Drops candidates named by their own number alone whose signature fewer than [`super::records::MIN_RUN`]
/// share: one `article#post-55136[data-post-id="55136"]` is a blog's article, several are posts.
fn several_self_numbered(mut candidates: Vec<Candidate<'_>>) -> Vec<Candidate<'_>> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for c in &candidates {
        if c.signature.ends_with(SELF_NUMBERED) {
            *counts.entry(c.signature.as_str()).or_default() += 1;
        }
    }
    let few: HashSet<String> = counts
        .into_iter()
        .filter(|(_, n)| *n < super::records::MIN_RUN)
        .map(|(s, _)| s.to_string())
        .collect();
    // And each holds words of its own outside links: menu items numbered so
    // (`li#menu-item-439[data-item-id="439"]`) are links alone.
    candidates.retain(|c| {
        !c.signature.ends_with(SELF_NUMBERED)
            || (!few.contains(&c.signature) && words_outside_links(&c.el, 8) >= 8)
    });
    candidates
}

/// Words of an element's text outside its links, counted up to `max`.
fn words_outside_links(el: &ElementRef<'_>, max: usize) -> usize {
    let mut words = 0;
    for node in el.descendants() {
        let Some(t) = node.value().as_text() else {
            continue;
        };
        let linked = node
            .ancestors()
            .take_while(|a| a.id() != el.id())
            .any(|a| a.value().as_element().is_some_and(|e| e.name() == "a"));
        if !linked {
            words += t.split_whitespace().count();
            if words >= max {
                break;
            }
        }
    }
    words
}

fn candidate(el: ElementRef<'_>) -> Option<Candidate<'_>> {
    let tag = el.value().name();
    if NOT_ITEM_TAGS.contains(&tag) {
        return None;
    }
    let id_caps = el
        .value()
        .id()
        .and_then(|id| COMMENT_ID.captures(id))
        .filter(|caps| {
            // Short `c1` ids are layout columns and hex ids are only Typepad's `comment-6a00…`:
            // Blogger's `c` ids are long numbers. A UUID (`vf-comment-5f0c…-…`, Remark42,
            // Viafoura) names one record whatever its prefix.
            let (prefix, id) = (&caps["prefix"], &caps["id"]);
            let numeric = id.bytes().all(|b| b.is_ascii_digit());
            let uuid = id.len() == 36 && id.contains('-');
            (prefix != "c" || (numeric && id.len() >= 5))
                && (numeric || uuid || prefix.starts_with("comment"))
        });
    if let Some(caps) = id_caps {
        return Some(Candidate {
            el,
            signature: format!("{tag}#{}", &caps["prefix"]),
            id: Some(caps["id"].to_string()),
            parent: caps
                .name("parent")
                .map(|p| p.as_str().to_string())
                .filter(|p| p != "0"),
            header: None,
            footer: None,
        });
    }
    let (id, parent) = platform_ids(&el);
    // An id the platform gives each comment or message (`data-comment-id`, `data-message-id`,
    // `data-reply-id`) makes an element a comment even when its classes say nothing.
    let data_id = el.value().attrs().find_map(|(name, value)| {
        let named = name.starts_with("data-")
            && ["comment-id", "commentid", "message-id", "reply-id"]
                .iter()
                .any(|n| name.ends_with(n));
        (named && !value.trim().is_empty()).then(|| (name, value.trim()))
    });
    // Not on a quote: there it names the comment quoted (Invision's `blockquote.ipsQuote
    // [data-ipsquote-contentcommentid]`).
    let data_id = data_id.filter(|_| !super::quotes::is_quote(&el));
    // An element whose own id is the number one of its `data-…id` attributes states
    // (`article#p10101[data-post-id="10101"]`, Moodle's forum posts): item N of the platform,
    // whatever its classes call it. Not an attribute alone: a `data-post-id` on a comment
    // names the article the thread hangs from.
    let self_numbered = el.value().id().and_then(|own| {
        let digits =
            own.trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '-' || c == '_');
        if digits.len() < 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        el.value().attrs().find_map(|(name, value)| {
            (name.starts_with("data-")
                && attribute_key(name).ends_with("id")
                && value.trim() == digits)
                .then_some((name, digits))
        })
    });
    // Microdata items: comments, and the answers of a Q&A page (`QAPage` markup puts every
    // answer in a `schema.org/Answer`; the question is the page's article, its answers the
    // top-level comments, their comments replies to them).
    let itemtype = el.value().attr("itemtype").unwrap_or("");
    let microdata = ["schema.org/Comment", "schema.org/Answer"]
        .iter()
        .find(|t| itemtype.ends_with(*t))
        .map(|t| &t["schema.org/".len()..]);
    let class = el.value().classes().find(|c| is_item_class(c)).or_else(|| {
        // An hAtom entry named an answer (Question2Answer's `div.hentry.answer` beside its
        // `div.hentry.comment`s): a top-level entry of a Q&A thread, as microdata's `Answer`.
        // (A forum's `hentry reply` posts are found as a run with the opening post.)
        el.value()
            .has_class("hentry", scraper::CaseSensitivity::AsciiCaseInsensitive)
            .then(|| {
                el.value()
                    .classes()
                    .find(|c| c.eq_ignore_ascii_case("answer"))
            })
            .flatten()
    });
    // One reply in a list of replies (giscus's `div.gsc-reply` in `div.gsc-replies`): `reply`
    // alone names a reply link's box as often as a reply, the list around it tells.
    let class = class.or_else(|| reply_in_replies(&el));
    // Custom elements name themselves: `ytd-comment-renderer` is a comment, as a class would say.
    let custom = tag.contains('-') && is_item_words(&class_words(tag));
    // So does a part name a script framework gives (`data-testid="comment-component"`).
    let part = el
        .value()
        .attrs()
        .find(|(name, value)| is_part_name_attribute(name) && is_item_words(&class_words(value)));
    let signature = match (microdata, class) {
        (Some(item), _) => format!("{tag}[{item}]"),
        (None, Some(class)) => format!("{tag}.{class}"),
        (None, None) if custom => tag.to_string(),
        (None, None) => match (part, data_id, self_numbered) {
            (Some((name, value)), _, _) => format!("{tag}[{name}={value}]"),
            (None, Some((name, _)), _) => format!("{tag}[{name}]"),
            (None, None, Some((name, _))) => format!("{tag}[{name}]{SELF_NUMBERED}"),
            (None, None, None) => return None,
        },
    };
    let data_id = data_id.or(self_numbered);
    Some(Candidate {
        el,
        signature,
        id: id
            .or_else(|| data_id.map(|(_, v)| v.to_string()))
            .or_else(|| anchor_before(&el))
            .or_else(|| permalink_id(&el))
            .or_else(|| numbered_id(&el)),
        parent,
        header: None,
        footer: None,
    })
}

/// The class that names `el` one reply of the list of replies around it: `reply` or
/// `x-reply` on an element whose parent's class is `replies` or `x-replies`.
fn reply_in_replies<'a>(el: &ElementRef<'a>) -> Option<&'a str> {
    let class = el.value().classes().find(|c| class_ends_with(c, "reply"))?;
    in_reply_list(el).then_some(class)
}

/// Whether the element around `el` is a list of replies (`replies`, `x-replies`,
/// `comment-children`).
fn in_reply_list(el: &ElementRef<'_>) -> bool {
    el.parent().and_then(ElementRef::wrap).is_some_and(|p| {
        p.value()
            .classes()
            .any(|c| class_ends_with(c, "replies") || class_ends_with(c, "children"))
    })
}

/// Whether a class is `word` or ends in `-word`/`_word`, in any case.
fn class_ends_with(class: &str, word: &str) -> bool {
    let (c, w) = (class.as_bytes(), word.as_bytes());
    c.len() >= w.len()
        && c[c.len() - w.len()..].eq_ignore_ascii_case(w)
        && (c.len() == w.len() || matches!(c[c.len() - w.len() - 1], b'-' | b'_'))
}

/// The number of an element id that is a word and a number (`webmention-1801342`,
/// `entry_88123`): on an element already known as a comment, its number.
fn numbered_id(el: &ElementRef<'_>) -> Option<String> {
    let (word, number) = el.value().id()?.rsplit_once(['-', '_'])?;
    (word
        .chars()
        .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_')
        && !word.is_empty()
        && number.len() >= 3
        && number.bytes().all(|b| b.is_ascii_digit()))
    .then(|| number.to_string())
}

/// Ids for comments that have none from an empty anchor just before one of their own wrappers
/// (Habr's `<a name="comment_25678901">` opens the `article` around the comment's box).
fn ids_from_anchors_before_wrappers(candidates: &mut [Candidate<'_>]) {
    if candidates.iter().all(|c| c.id.is_some()) {
        return;
    }
    let wrappers = own_wrappers(candidates);
    for (c, own) in candidates.iter_mut().zip(&wrappers) {
        if c.id.is_none() {
            c.id = own.iter().find_map(anchor_before);
        }
    }
    // Anchors named by a prefix the id pattern does not know and a number (LiveJournal's
    // `<a name="t1000"></a>` before each comment): the numbers are ids where every comment
    // still without one has such an anchor, all with one prefix.
    let numbered: Vec<Option<(&str, &str)>> = candidates
        .iter()
        .zip(&wrappers)
        .filter(|(c, _)| c.id.is_none())
        .map(|(c, own)| {
            std::iter::once(&c.el)
                .chain(own)
                .find_map(anchor_name_before)
                .and_then(prefixed_number)
        })
        .collect();
    let prefix = numbered.first().copied().flatten().map(|(p, _)| p);
    if numbered.len() < 2 || numbered.iter().any(|n| n.map(|(p, _)| p) != prefix) {
        return;
    }
    let mut numbers = numbered.into_iter().flatten();
    for c in candidates.iter_mut().filter(|c| c.id.is_none()) {
        c.id = numbers.next().map(|(_, n)| n.to_string());
    }
}

/// A name made of a few letters and a number (`t1000`, `p40211`): the letters and the number.
fn prefixed_number(name: &str) -> Option<(&str, &str)> {
    let number = number_key(name);
    let prefix = &name[..name.len() - number.len()];
    (!number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
        && prefix.len() <= 3
        && prefix.bytes().all(|b| b.is_ascii_alphabetic()))
    .then_some((prefix, number))
}

/// The comment id of an empty anchor just before a comment element (`<a id="comment-301"></a>`
/// before Drupal 7's `div.comment`, `<a name="c42"></a>` in older themes): the page's link
/// target for the comment, and the only id it has.
fn anchor_before(el: &ElementRef<'_>) -> Option<String> {
    let name = anchor_name_before(el)?;
    let caps = COMMENT_ID.captures(name)?;
    let id = &caps["id"];
    id.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| id.to_string())
}

/// The id or name of an empty `<a>` just before `el` (whitespace at most inside it).
fn anchor_name_before<'a>(el: &ElementRef<'a>) -> Option<&'a str> {
    let previous = el.prev_siblings().filter_map(ElementRef::wrap).next()?;
    if !is_empty_anchor(&previous) {
        return None;
    }
    previous
        .value()
        .id()
        .or_else(|| previous.value().attr("name"))
}

/// A link target alone: an `<a>` with no words and no elements inside (`<a name="c42"></a>`).
fn is_empty_anchor(el: &ElementRef<'_>) -> bool {
    el.value().name() == "a"
        && el
            .children()
            .all(|n| n.value().as_text().is_some_and(|t| t.trim().is_empty()))
}

/// The id of a link inside the comment that points at itself (Kunena's `<a href="#4410"
/// id="4410">#4410</a>`), or an anchor in it that one of its links points at. Only one with a number;
/// asked of flat records only (a nested comment's first such link may be a reply's).
fn self_anchor_id(el: &ElementRef<'_>) -> Option<String> {
    let links: Vec<ElementRef<'_>> = el
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "a")
        .collect();
    let fragments: HashSet<&str> = links
        .iter()
        .filter_map(|a| Some(a.value().attr("href")?.split_once('#')?.1))
        .collect();
    // Or an anchor in it that one of its links points at (phpBB 2's `<a name="21874">` and
    // `<a href="viewtopic.php?p=21874#21874">`).
    // The number of a letters-and-number anchor (phpBB 3.0's `<a name="p40211">` → `40211`),
    // as [`permalink_id`] reads it.
    links.iter().find_map(|a| {
        let own = a.value().id().or_else(|| a.value().attr("name"))?.trim();
        (!own.is_empty() && fragments.contains(own) && own.bytes().any(|b| b.is_ascii_digit()))
            .then(|| anchor_number(own).to_string())
    })
}

/// The number of an anchor that is letters and a number (`t77001`, `p40211`, `comment-12`),
/// else the whole anchor: comment ids are read as numbers where they are.
fn anchor_number(own: &str) -> &str {
    let digits = own.trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '-' || c == '_');
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits
    } else {
        own
    }
}

/// The id a comment's own permalink names: the element's `id` (or an empty anchor's name just
/// before it, or the id of a wrapper around it alone or of the one box inside it) that a link
/// inside the comment points at (`<div id="t77001">…<a href="…?thread=77001#t77001">`). A
/// page links to its comments by their anchors whatever they are called, so the anchor a
/// comment links to is its id; the number in it, where it is letters and a number (`t77001` →
/// `77001`), as comment ids are read elsewhere.
fn permalink_id(el: &ElementRef<'_>) -> Option<String> {
    let own = el.value().id().or_else(|| anchor_name_before(el));
    // A wrapper around the comment alone carries the anchor (GitHub's
    // `div#issuecomment-1480377` around `div.comment`).
    let own = own.or_else(|| {
        let parent = el.parent().and_then(ElementRef::wrap)?;
        let only = parent.children().filter_map(ElementRef::wrap).count() == 1;
        only.then(|| parent.value().id()).flatten()
    });
    // Or the box just inside it, alone in it, carries it (LiveJournal's `div.b-tree-twig`
    // around `div#t77001.b-leaf`).
    let own = own.or_else(|| {
        let mut inner = el.children().filter_map(ElementRef::wrap);
        let only = inner.next()?;
        inner.next().is_none().then(|| only.value().id()).flatten()
    })?;
    let own = own.trim();
    if own.is_empty() {
        return None;
    }
    let linked = el
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "a")
        .filter_map(|a| a.value().attr("href")?.split_once('#').map(|(_, f)| f))
        .any(|fragment| fragment == own);
    if !linked {
        return None;
    }
    Some(anchor_number(own).to_string())
}

/// Whether an element's class names a title (`comment_title`, `forum-titre`, `subject`).
fn names_title(e: &ElementRef<'_>) -> bool {
    e.value().classes().any(|c| {
        ["title", "titre", "subject", "betreff", "titel"]
            .iter()
            .any(|t| contains_ignore_case(c, t))
    })
}

/// A byline set after a comment's words: an element of the comment after its body whose one
/// short line splits at `|`, `·` or `•` into a date, a name and action labels (FC2's `<p
/// class="comment_info">2023/03/14(火) 09:12 | <a href=…>Hanako</a> #- | URL | Edit</p>`,
/// guestbooks' `Name | date` footers). Its name, its date and the link on the name.
fn trailing_byline<'a>(
    el: ElementRef<'a>,
    other: &dyn Fn(&ElementRef<'a>) -> bool,
    body: ElementRef<'a>,
) -> Option<(String, Option<String>, Option<String>)> {
    if body.id() == el.id() {
        return None;
    }
    let mut after_body = false;
    for e in elements_below(el, other) {
        if e.id() == body.id() {
            after_body = true;
            continue;
        }
        if !after_body || e.ancestors().any(|a| a.id() == body.id()) {
            continue;
        }
        let line = super::dom::text(e);
        let line = line.trim();
        if line.is_empty() || line.contains('\n') || line.chars().count() > 160 {
            continue;
        }
        let segments: Vec<&str> = line
            .split(['|', '·', '•'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if segments.len() < 2 {
            continue;
        }
        let Some(date) = segments
            .iter()
            .find(|s| chrome::is_date_line(s))
            .map(|s| timestamp_in(s))
        else {
            continue;
        };
        let name = segments
            .iter()
            .map(|s| s.trim_end_matches(|ch: char| !ch.is_alphanumeric()))
            .find(|s| {
                !s.is_empty()
                    && !chrome::is_date_line(s)
                    && !chrome::is_action(s)
                    && is_name_like(s)
            })?;
        let name = chrome::clean_author(name);
        if name.is_empty() {
            return None;
        }
        let url = link_named(e, &name);
        return Some((name, date, url));
    }
    None
}

/// A comment's title, not its words: a heading, or an element named a title, that is only a
/// link to a comment's anchor (Drupal's subject line `<h3><a href="/comment/12#comment-12">`,
/// SPIP's `<strong class="forum-titre"><a href="#forum4411">`).
fn is_title_link(e: &ElementRef<'_>) -> bool {
    let heading = matches!(e.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
    if !heading && !names_title(e) {
        return false;
    }
    // A heading must link to an anchor on the page; an element named a title may link to the
    // post's own page (SMF's `div.subject_title > a[href="index.php?msg=61001"]`).
    let mut children = e.children().filter(|n| match n.value() {
        scraper::Node::Text(t) => !t.trim().is_empty(),
        _ => true,
    });
    let (Some(only), None) = (children.next().and_then(ElementRef::wrap), children.next()) else {
        return false;
    };
    only.value().name() == "a"
        && only
            .value()
            .attr("href")
            .is_some_and(|h| h.contains('#') || !heading)
}

/// A comment's title over its words: a short heading that opens the box it is in, inside the
/// comment's body, with words after it (`<div class="body"><h4>On the tunnel</h4><p>The
/// estimate …</p></div>`). Not the words.
fn is_opening_heading(e: &ElementRef<'_>, body: ElementRef<'_>) -> bool {
    if !matches!(e.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") || e.id() == body.id() {
        return false;
    }
    let has_words = |n: ego_tree::NodeRef<'_, scraper::Node>| match n.value() {
        scraper::Node::Text(t) => !t.trim().is_empty(),
        scraper::Node::Element(_) => {
            ElementRef::wrap(n).is_some_and(|el| el.text().any(|t| !t.trim().is_empty()))
        }
        _ => false,
    };
    let title = e.text().collect::<String>();
    let title = title.trim();
    !title.is_empty()
        && title.chars().count() <= 100
        && !e.prev_siblings().any(has_words)
        && e.next_siblings().any(has_words)
}

/// Reply forms contain elements with comment-like ids (`comment-form`); they are not comments.
/// Every node strictly inside a form (or `#respond`), found in one pass: a form inside one
/// already seen is not walked again, so the pass is linear, where asking each element for
/// its ancestors was quadratic on deep pages.
///
/// A form that holds the page's headline or main content (`h1`, `main`, `article`) is a page
/// wrapper, as ASP.NET WebForms put around every page, not a reply form; nor is a form with no
/// text area to write in.
fn reply_form_insides(doc: &Doc) -> FxHashSet<NodeId> {
    let mut inside = FxHashSet::default();
    for form in doc.select(&REPLY_FORMS) {
        if inside.contains(&form.id()) {
            continue;
        }
        let nodes: Vec<NodeId> = form.descendants().skip(1).map(|n| n.id()).collect();
        let page_wrapper = form.descendants().filter_map(ElementRef::wrap).any(|e| {
            matches!(e.value().name(), "h1" | "main" | "article")
                || e.value().attr("role") == Some("main")
        });
        // A form with nowhere to write (no text area, no editable box) is no reply form: a
        // forum's moderation form around all of a topic's posts (SMF's `quickModForm`).
        let writable = form.value().name() != "form"
            || form.descendants().filter_map(ElementRef::wrap).any(|e| {
                e.value().name() == "textarea"
                    || e.value().attr("contenteditable").is_some()
                    || e.value().attr("role") == Some("textbox")
            });
        if !page_wrapper && writable {
            inside.extend(nodes);
        }
    }
    inside
}

/// Drops candidates that are just the inner part of another: every candidate of their
/// signature sits in a distinct candidate of another signature and holds all of its text but
/// metadata (author, date, reply links), and is not rendered from the same template (same
/// tag and outline: that is a nested reply). Repeated until stable, for wrappers within
/// wrappers.
fn drop_inner_duplicates(mut candidates: Vec<Candidate<'_>>) -> Vec<Candidate<'_>> {
    loop {
        let before = candidates.len();
        candidates = drop_inner_once(candidates);
        if candidates.len() == before {
            return candidates;
        }
    }
}

fn drop_inner_once(mut candidates: Vec<Candidate<'_>>) -> Vec<Candidate<'_>> {
    let items = Items::new(candidates.iter().map(|c| c.el).collect());
    let mut by_signature: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        by_signature
            .entry(c.signature.as_str())
            .or_default()
            .push(i);
    }
    let mut inner: Vec<String> = Vec::new();
    // An inner part or a header box that carries the comment's id (`div#Comment6702386`
    // around the avatar) gives it to the comment it belongs to, where that has none.
    let mut ids: Vec<(usize, Option<String>)> = Vec::new();
    let mut signatures: Vec<(&str, &Vec<usize>)> =
        by_signature.iter().map(|(s, m)| (*s, m)).collect();
    signatures.sort_unstable();
    for (sig, members) in signatures {
        if is_inner_signature(members, &candidates, &items)
            || is_header_signature(members, &candidates, &items)
        {
            inner.push(sig.to_string());
            for &i in members {
                if let Some(outer) = items.enclosing(&candidates[i].el) {
                    ids.push((outer, candidates[i].id.clone()));
                }
            }
        }
    }
    for (outer, id) in ids {
        if candidates[outer].id.is_none() {
            candidates[outer].id = id;
        }
    }
    candidates
        .into_iter()
        .filter(|c| !inner.contains(&c.signature))
        .collect()
}

fn is_inner_signature(members: &[usize], candidates: &[Candidate<'_>], items: &Items<'_>) -> bool {
    each_in_its_own_wrapper(members, candidates, items, |i, outer| {
        // A record of the same template inside another is a reply to it, however short the
        // words it answers ("Since 17, yes." under a one-line question).
        let (inner_el, outer_el) = (&candidates[i].el, &candidates[outer].el);
        // So is one in a list of replies (`div.gsc-replies > div.gsc-reply`).
        if in_reply_list(inner_el) {
            return false;
        }
        // (The outer record's box of replies, which holds this one, is no part of its
        // template: a record with replies is drawn from the same one as a leaf.)
        let template = outline(inner_el);
        if inner_el.value().name() == outer_el.value().name()
            && !template.is_empty()
            && (template == outline(outer_el) || template == outline_beside(outer_el, inner_el))
        {
            return false;
        }
        let inner = candidates[i].el.id();
        let outside = text_with(candidates[outer].el, &|e| {
            e.id() == inner || items.is_other(outer, e) || is_chrome(e)
        });
        // A folded comment's box holds its replies, not its own words.
        outside.chars().filter(|c| c.is_alphanumeric()).count() <= 40
            && !shows_folded(outer_el, &|e| items.is_other(outer, e))
    })
}

/// True when every candidate of a signature is the header box of a distinct candidate of
/// another signature: it opens that comment (no text of the comment comes before it), holds
/// no more than a name and a date (at most 80 letters and digits), and the comment's words
/// come after it. LiveJournal's old comment pages put `table.talk-comment` (userpic, name,
/// date) first in each `div#ljcmtN`, the comment's text below it; a real reply sits after
/// the words it answers, and among replies some say more than a header does.
fn is_header_signature(members: &[usize], candidates: &[Candidate<'_>], items: &Items<'_>) -> bool {
    let alnum = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
    each_in_its_own_wrapper(members, candidates, items, |i, outer| {
        let inner = candidates[i].el;
        if alnum(&text_with(inner, &|e| items.is_other(i, e))) > 80 {
            return false;
        }
        // Text of the comment before its header box, and after it.
        let (mut before, mut after, mut seen) = (0, 0, false);
        for edge in candidates[outer].el.traverse() {
            let ego_tree::iter::Edge::Open(node) = edge else {
                continue;
            };
            if node.id() == inner.id() {
                seen = true;
            } else if let scraper::Node::Text(t) = node.value() {
                if !node.ancestors().any(|a| a.id() == inner.id()) {
                    if seen {
                        after += alnum(t);
                    } else {
                        before += alnum(t);
                    }
                }
            }
        }
        seen && before == 0 && after > 0
    })
}

/// True when every candidate of `members` sits in a candidate of another signature, no two in
/// the same one, and `part` holds of each (its index, its wrapper's index).
fn each_in_its_own_wrapper(
    members: &[usize],
    candidates: &[Candidate<'_>],
    items: &Items<'_>,
    part: impl Fn(usize, usize) -> bool,
) -> bool {
    let mut wrappers = Vec::with_capacity(members.len());
    for &i in members {
        let Some(outer) = items.enclosing(&candidates[i].el) else {
            return false;
        };
        if candidates[outer].signature == candidates[i].signature || !part(i, outer) {
            return false;
        }
        wrappers.push(outer);
    }
    wrappers.sort_unstable();
    wrappers.windows(2).all(|w| w[0] != w[1])
}

/// Each comment's parent, from the best structural signal available, and which signal that
/// was (for the thread's notes).
fn structure(
    candidates: &[Candidate<'_>],
    items: &Items<'_>,
    script_data: &dyn Fn() -> Option<Vec<Option<usize>>>,
    own_address: &dyn Fn() -> Option<String>,
) -> (Vec<Option<ParentRef>>, &'static str) {
    // The depths of a flat list, else the page's script data where the list shows none.
    let flat_layout = || -> (Vec<Option<ParentRef>>, &'static str) {
        let (levels, how) = flat_levels(candidates);
        if how == FLAT {
            if let Some(stated) = script_data() {
                let parents = stated
                    .into_iter()
                    .map(|p| p.map(ParentRef::Index))
                    .collect();
                return (parents, SCRIPT_DATA);
            }
        }
        (parents_from_levels(&levels), how)
    };
    let nested: Vec<Option<usize>> = candidates.iter().map(|c| items.enclosing(&c.el)).collect();
    let in_elements = nested.iter().filter(|n| n.is_some()).count();
    let nested = with_sibling_containers(candidates, nested);
    let beside = nested.iter().filter(|n| n.is_some()).count() > in_elements;
    let explicit = candidates.iter().any(|c| c.parent.is_some());
    if !explicit {
        // What the page states before what its layout suggests: "in reply to" links to an
        // earlier comment, then hierarchical numbers (`#1.2`). A comment that states nothing
        // keeps the parent its layout gives (nesting, else depth in a flat list): one quoted
        // link in one comment must not flatten the rest of the thread.
        for (stated, how) in [
            (
                reply_links(candidates, items, own_address),
                "reply links to earlier comments, else layout",
            ),
            (
                numbering(candidates),
                "comment numbers (1.2 answers 1), else layout",
            ),
        ] {
            if stated.iter().any(Option::is_some) {
                let layout: Vec<Option<ParentRef>> = if nested.iter().any(Option::is_some) {
                    nested.iter().map(|n| n.map(ParentRef::Index)).collect()
                } else {
                    flat_layout().0
                };
                let parents = stated
                    .into_iter()
                    .zip(layout)
                    .map(|(s, l)| s.map(ParentRef::Index).or(l))
                    .collect();
                return (parents, how);
            }
        }
    }
    if explicit {
        // A parent id that is no comment's and that several comments share is the page's own
        // post (a Q&A page's answers name their question): those comments are top level.
        let ids: HashSet<&str> = candidates.iter().filter_map(|c| c.id.as_deref()).collect();
        let mut unknown: HashMap<&str, usize> = HashMap::new();
        for p in candidates.iter().filter_map(|c| c.parent.as_deref()) {
            if !ids.contains(p) {
                *unknown.entry(p).or_default() += 1;
            }
        }
        let parents = candidates
            .iter()
            .zip(&nested)
            .map(|(c, n)| {
                c.parent
                    .clone()
                    .filter(|p| unknown.get(p.as_str()).is_none_or(|&shared| shared < 2))
                    .map(ParentRef::Id)
                    .or(n.map(ParentRef::Index))
            })
            .collect();
        return (parents, "parent ids in the markup, else nesting");
    }
    if nested.iter().any(Option::is_some) {
        let how = if beside {
            "nesting and reply containers"
        } else {
            "nesting"
        };
        return (
            nested
                .into_iter()
                .map(|n| n.map(ParentRef::Index))
                .collect(),
            how,
        );
    }
    flat_layout()
}

/// For each comment, the earlier comment its own "in reply to" or "parent" link points at
/// (`href="#c-11"` to an element of that comment, or to an anchor inside it); its own permalink
/// does not count, nor does a link inside the comment's quotes: a quote names the comment
/// it replies to (`reply_to_author`) but does not nest it, as forums that quote show flat.
///
/// Links may spell out the page's address (`/post.html?thread=42#t42`, as journals and
/// WordPress "@name" links do): such a link counts when its address, without query, is the
/// address the comments' own permalinks use, so a link to a comment under another article that
/// happens to share an anchor name never does.
fn reply_links(
    candidates: &[Candidate<'_>],
    items: &Items<'_>,
    own_address: &dyn Fn() -> Option<String>,
) -> Vec<Option<usize>> {
    let mut anchors: HashMap<&str, usize> = HashMap::new();
    let nodes: FxHashSet<NodeId> = candidates.iter().map(|c| c.el.id()).collect();
    for (i, c) in candidates.iter().enumerate() {
        let other = |e: &ElementRef<'_>| items.is_other(i, e);
        // An empty anchor just before the comment, among its two previous siblings and never
        // past another comment (vichan's `<a id="40212"></a>` before the opening post's
        // files and the post), is its link target too.
        let before =
            c.el.prev_siblings()
                .filter_map(ElementRef::wrap)
                .take(2)
                .take_while(|e| !nodes.contains(&e.id()))
                .filter(is_empty_anchor);
        for e in std::iter::once(c.el)
            .chain(elements_below(c.el, &other))
            .chain(before)
        {
            for name in [e.value().id(), e.value().attr("name")]
                .into_iter()
                .flatten()
            {
                anchors.entry(name).or_insert(i);
            }
        }
    }
    // Each comment's links as (page address without query, anchor), anchors on this page only.
    // Not the links in a quote box: they name the quoted post's source, which makes the quoted
    // writer the one replied to (`reply_to_author`), not the comment's parent; forums that
    // quote stay flat, as they show.
    let links: Vec<Vec<(&str, usize, ElementRef<'_>)>> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            elements_below(c.el, &|e| items.is_other(i, e) || is_quote(e))
                .filter(|e| e.value().name() == "a")
                .filter_map(|a| {
                    let (address, fragment) = a.value().attr("href")?.trim().split_once('#')?;
                    let page = address.split_once('?').map_or(address, |(page, _)| page);
                    Some((page, *anchors.get(fragment)?, a))
                })
                .collect()
        })
        .collect();
    // The addresses this page calls itself: "", those of the comments' own permalinks, and
    // its canonical address where a comment links to another (LiveJournal's "Parent" link,
    // `…/1234.html?thread=1000#t1000`, on a page whose comments have no permalink of their
    // own), compared without scheme, `www.` and a closing slash.
    let mut this_page: Vec<String> = vec![String::new()];
    for (i, own) in links.iter().enumerate() {
        for &(page, target, _) in own {
            let key = address_key(page).to_string();
            if target == i && !this_page.contains(&key) && this_page.len() < 8 {
                this_page.push(key);
            }
        }
    }
    let on_this_page = |page: &str| this_page.iter().any(|p| p == address_key(page));
    // A link to the page's canonical address counts where its words are a label of the
    // comment's chrome ("Parent", "Thread", "↑"), not a name: wpDiscuz's `@mention` of a
    // writer links to their comment, and says nothing of where the comment hangs.
    let elsewhere = links.iter().flatten().any(|(page, ..)| !on_this_page(page));
    let canonical: Vec<String> = match elsewhere.then(own_address).flatten() {
        Some(own) => {
            let key = address_key(own.split(['?', '#']).next().unwrap_or(""));
            // And its path alone, for links written from the site's root (`/1234.html`).
            let path = key.find('/').map(|at| &key[at..]);
            [Some(key), path]
                .into_iter()
                .flatten()
                .filter(|k| !k.is_empty())
                .map(str::to_string)
                .collect()
        }
        None => Vec::new(),
    };
    let labelled = |a: &ElementRef<'_>| {
        let words = super::dom::text(*a);
        let words = words.trim();
        chrome::is_action(words) || (!words.is_empty() && !words.chars().any(char::is_alphanumeric))
    };
    let by_path = path_links(candidates, items);
    // A reply answers an earlier comment: above it; in a list shown newest first, one of a
    // lower number (below it, or above it among replies shown oldest first under it).
    let newest_first = newest_first(candidates);
    let number = |k: usize| -> Option<u64> { candidates[k].id.as_deref()?.parse().ok() };
    let earlier = |target: usize, i: usize| {
        if !newest_first {
            return target < i;
        }
        match (number(target), number(i)) {
            (Some(t), Some(own)) => t < own,
            _ => target > i,
        }
    };
    links
        .iter()
        .enumerate()
        .map(|(i, own)| {
            own.iter()
                .filter(|(page, _, a)| {
                    on_this_page(page)
                        || (canonical.iter().any(|c| c == address_key(page)) && labelled(a))
                })
                .map(|&(_, target, _)| target)
                .find(|&target| earlier(target, i))
                .or(by_path[i])
        })
        .collect()
}

/// Whether a flat list shows its newest comment first: its comments' numeric ids (numbered
/// in the order they were written) fall down the page, at least nine steps in ten of at least
/// three comments.
fn newest_first(candidates: &[Candidate<'_>]) -> bool {
    let ids: Vec<u64> = candidates
        .iter()
        .filter_map(|c| c.id.as_deref()?.parse().ok())
        .collect();
    if ids.len() < 3 || 2 * ids.len() < candidates.len() {
        return false;
    }
    let steps = ids.len() - 1;
    let falling = ids.windows(2).filter(|w| w[1] < w[0]).count();
    10 * falling >= 9 * steps
}

/// An address as pages write it in different ways: without its scheme, `www.` and a closing
/// slash (`https://www.ex.org/a/` and `//ex.org/a` are one).
fn address_key(address: &str) -> &str {
    let a = address.trim();
    let a = a
        .strip_prefix("https:")
        .or_else(|| a.strip_prefix("http:"))
        .unwrap_or(a);
    let a = a.strip_prefix("//").unwrap_or(a);
    let a = a.strip_prefix("www.").unwrap_or(a);
    a.trim_end_matches('/')
}

/// Parent links that name a comment by its own address rather than an anchor (NodeBB's
/// `<a component="post/parent" href="/post/31">`): where the comments' own permalinks are
/// paths that end in their ids (`/post/34` in comment 34), a link in another comment to that
/// path with an earlier comment's id points at that comment. The address pattern must be the
/// one the permalinks use, so a link to `/article/31` never names comment 31.
fn path_links(candidates: &[Candidate<'_>], items: &Items<'_>) -> Vec<Option<usize>> {
    let path = |href: &str| -> Option<String> {
        let href = href.trim();
        let href = href.split(['#', '?']).next()?;
        let href = href.split_once("://").map_or(href, |(_, rest)| {
            rest.find('/').map_or("", |at| &rest[at..])
        });
        Some(href.trim_end_matches('/').to_string())
    };
    let index: HashMap<&str, usize> = candidates
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((c.id.as_deref()?, i)))
        .collect();
    if index.len() < 2 {
        return vec![None; candidates.len()];
    }
    let own_links: Vec<Vec<String>> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            elements_below(c.el, &|e| items.is_other(i, e))
                .filter(|e| e.value().name() == "a")
                .filter_map(|a| path(a.value().attr("href")?))
                .collect()
        })
        .collect();
    // The prefixes of the comments' own permalinks (`/post/` of `/post/34`).
    let mut prefixes: Vec<String> = Vec::new();
    for (c, links) in candidates.iter().zip(&own_links) {
        let Some(id) = c.id.as_deref() else { continue };
        for link in links {
            if let Some(prefix) = link.strip_suffix(id).filter(|p| p.ends_with('/')) {
                if !prefixes.iter().any(|p| p == prefix) && prefixes.len() < 4 {
                    prefixes.push(prefix.to_string());
                }
            }
        }
    }
    own_links
        .iter()
        .enumerate()
        .map(|(i, links)| {
            links.iter().find_map(|link| {
                let prefix = prefixes.iter().find(|p| link.starts_with(p.as_str()))?;
                index
                    .get(&link[prefix.len()..])
                    .copied()
                    .filter(|&target| target < i)
            })
        })
        .collect()
}

/// Hierarchical comment numbers (`#1`, `#1.1`, `1.1.2`) opening most comments: `1.1` answers
/// `1`. `None` everywhere when the comments are not numbered so, or no number has a dot.
fn numbering(candidates: &[Candidate<'_>]) -> Vec<Option<usize>> {
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*#?(\d{1,4}(?:\.\d{1,4}){0,8})\.?(?:\s|$)")
            .expect("number pattern compiles")
    });
    // Or a number marked `#` in the comment's opening words, after its author's name
    // (`Sabine_K #1.1 — vor 3 Stunden`).
    static MARKED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|\s)#(\d{1,4}(?:\.\d{1,4}){0,8})(?:[\s,:;—–-]|$)")
            .expect("marked number pattern compiles")
    });
    let numbers: Vec<Option<String>> = candidates
        .iter()
        .map(|c| {
            let text = super::records::text_start(c.el, 80);
            NUMBER
                .captures(text.trim_start())
                .or_else(|| MARKED.captures(&text))
                .map(|m| m[1].to_string())
        })
        .collect();
    let numbered = numbers.iter().flatten().count();
    let dotted = numbers.iter().flatten().any(|n| n.contains('.'));
    if numbered * 2 < candidates.len() || !dotted {
        return vec![None; candidates.len()];
    }
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, n) in numbers.iter().enumerate() {
        if let Some(n) = n {
            index.entry(n.as_str()).or_insert(i);
        }
    }
    numbers
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let (parent, _) = n.as_deref()?.rsplit_once('.')?;
            index.get(parent).copied().filter(|&p| p < i)
        })
        .collect()
}

/// Replies kept beside their comment rather than inside it: a container named for replies
/// (`replies`, `children`, `indented`, `answers`, `level-1`…) that follows a comment element among its
/// siblings (before any other comment) and holds comments, as YouTube's `#replies` after
/// `#comment` or a theme's `div.children` after `div.comment`, holds that comment's replies.
/// So does a container whose id ends with the comment's id (`#comments-list-123` after
/// comment 123). A container named otherwise holds replies where containers of its shape
/// (element and classes) follow two comments or more (a theme's reply boxes in made-up class
/// names); where its shape follows one comment only (a "hidden-group" of collapsed comments of
/// the same level after the last), it does not. Each sibling is looked at once, so this stays
/// linear.
fn with_sibling_containers(
    candidates: &[Candidate<'_>],
    mut nested: Vec<Option<usize>>,
) -> Vec<Option<usize>> {
    let index: FxHashMap<NodeId, usize> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (c.el.id(), i))
        .collect();
    let mut owner_of: FxHashMap<NodeId, usize> = FxHashMap::default();
    let mut beside_wrappers: FxHashMap<NodeId, usize> = FxHashMap::default();
    let wrappers = own_wrappers(candidates);
    // Containers that hold comments right after a comment, named in no known word.
    let mut unnamed: Vec<(ElementRef<'_>, usize)> = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        // After the comment element, else after one of its own wrappers (Habr's
        // `div.tm-comment-thread__children` after the `article` around the comment): there
        // only a container named for replies outright, as depth words (`level`, `sub`) on a
        // wrapper's neighbour name the next comment's depth, not this one's replies.
        let boxes = std::iter::once((c.el, false)).chain(wrappers[i].iter().map(|w| (*w, true)));
        'boxes: for (el, wrapper) in boxes {
            for sibling in el.next_siblings().filter_map(ElementRef::wrap) {
                if index.contains_key(&sibling.id()) {
                    break;
                }
                if sibling.descendants().any(|d| index.contains_key(&d.id())) {
                    // Or one whose id ends with the comment's (JComments' `#comments-list-123`
                    // after `#comment-item-123`, uCoz's `#appEntry12` after `#comEnt12`: a
                    // number's whole digits, after a word).
                    let named_after = c.id.as_deref().is_some_and(|id| {
                        sibling.value().id().is_some_and(|own| {
                            own.strip_suffix(id).is_some_and(|head| {
                                head.ends_with(['-', '_'])
                                    || (id.starts_with(|c: char| c.is_ascii_digit())
                                        && head.ends_with(|c: char| c.is_ascii_alphabetic()))
                            })
                        })
                    });
                    // Or a box indented under the comment (`<div style="margin-left:20px">`).
                    let replies = if wrapper {
                        names_by_words(&sibling, is_replies_container_words)
                    } else {
                        names_by_words(&sibling, is_replies_words)
                            || indent_of(&sibling) > 0
                            || indents_by_empty_cell(&sibling)
                    };
                    if named_after || replies {
                        if wrapper {
                            beside_wrappers.insert(sibling.id(), i);
                        } else {
                            owner_of.insert(sibling.id(), i);
                        }
                        break 'boxes;
                    }
                    if !wrapper {
                        unnamed.push((sibling, i));
                    }
                    break;
                }
            }
        }
    }
    // Named in no known word, such a container is a comment's replies where boxes of its
    // shape (element and classes) follow two comments or more, as a theme's reply boxes do:
    // one box of collapsed or hidden comments of the same level comes once, after the last.
    fn shape<'b>(e: &ElementRef<'b>) -> (&'b str, &'b str) {
        (e.value().name(), e.value().attr("class").unwrap_or(""))
    }
    let mut shapes: FxHashMap<(&str, &str), usize> = FxHashMap::default();
    for (sibling, _) in &unnamed {
        *shapes.entry(shape(sibling)).or_default() += 1;
    }
    // Or where a box of its shape holds replies inside another comment: the theme nests most
    // replies in their parent and sets one box after a comment drawn without a place for them
    // (a folded comment's compact table, its replies' box after it). The boxes between a
    // reply and its parent, comments' own wrappers left out (a folded comment's table around
    // its header row is that comment, not a box of replies).
    let own: FxHashSet<NodeId> = wrappers.iter().flatten().map(|w| w.id()).collect();
    let nesting_shapes: FxHashSet<(&str, &str)> = if unnamed.is_empty() {
        FxHashSet::default()
    } else {
        candidates
            .iter()
            .enumerate()
            .filter_map(|(j, c)| Some((c, candidates[nested[j]?].el.id())))
            .flat_map(|(c, parent)| {
                c.el.ancestors()
                    .take_while(move |a| a.id() != parent)
                    .filter(|a| !own.contains(&a.id()))
                    .filter_map(ElementRef::wrap)
                    .map(|a| shape(&a))
            })
            .collect()
    };
    // Or where a comment of the list follows the box: collapsed comments come after the
    // list's last, a comment's replies before the next comment. (Not where the comments state
    // their depths by classes or indentation: a box around one of them is its layout.)
    let stated = std::cell::OnceCell::new();
    let stated_depths = || *stated.get_or_init(|| flat_levels(candidates).1 != FLAT);
    let listed: FxHashSet<NodeId> = candidates
        .iter()
        .map(|c| c.el.id())
        .chain(own.iter().copied())
        .collect();
    let before_a_comment = |sibling: &ElementRef<'_>| {
        sibling
            .next_siblings()
            .filter_map(ElementRef::wrap)
            .any(|n| listed.contains(&n.id()))
    };
    for (sibling, i) in &unnamed {
        let shape = shape(sibling);
        if shapes[&shape] >= 2
            || nesting_shapes.contains(&shape)
            || (before_a_comment(sibling) && !stated_depths())
        {
            owner_of.insert(sibling.id(), *i);
        }
    }
    // Where each comment states its depth (Spot.IM's `sppre_depth-2` in one flat
    // `ul.sppre_children-list` after the top comment's box) or is indented by it
    // (HyperKitty's replies to replies in their `margin-left` boxes), the depths say the
    // tree, not the container after a wrapper.
    if !beside_wrappers.is_empty() && flat_levels(candidates).1 == FLAT {
        owner_of.extend(beside_wrappers);
    }
    if owner_of.is_empty() {
        return nested;
    }
    for (j, c) in candidates.iter().enumerate() {
        let stop = nested[j].map(|p| candidates[p].el.id());
        for ancestor in c.el.ancestors() {
            if Some(ancestor.id()) == stop {
                break;
            }
            if let Some(&owner) = owner_of.get(&ancestor.id()) {
                if owner < j {
                    nested[j] = Some(owner);
                }
                break;
            }
        }
    }
    nested
}

/// Words naming a container of replies.
fn is_replies_words(words: &[String]) -> bool {
    words.iter().any(|w| {
        matches!(
            w.as_str(),
            "replies"
                | "reply"
                | "children"
                | "child"
                | "answers"
                | "responses"
                | "indented"
                | "indent"
                | "nested"
                | "subcomments"
                | "sub"
                | "level"
                | "depth"
        )
    })
}

/// Words naming a container of replies outright (`children`, `replies`), not a depth.
fn is_replies_container_words(words: &[String]) -> bool {
    words.iter().any(|w| {
        matches!(
            w.as_str(),
            "replies" | "children" | "answers" | "responses" | "subcomments" | "nested"
        )
    })
}

/// How the tree was told when nothing told it: every comment at the top.
const FLAT: &str = "page order (a flat list)";
/// How the tree was told from the page's script data.
const SCRIPT_DATA: &str = "parent ids in the page's script data";

/// Depth of each comment of a flat list, from depth classes or indentation; all 0 if neither.
fn flat_levels(candidates: &[Candidate<'_>]) -> (Vec<usize>, &'static str) {
    // A comment's own wrappers (up to WRAPPER_LEVELS ancestors that hold no other comment)
    // may carry its depth: `div.row.level-2 > div.comment`, `<div style="margin-left:30px">`.
    // Or the boxes just inside it: `div#cmt12 > div.box[style="margin-left: 50px"]`.
    let wrappers: Vec<Vec<ElementRef<'_>>> = own_wrappers(candidates)
        .into_iter()
        .zip(candidates)
        .map(|(mut own, c)| {
            own.extend(inner_boxes(&c.el));
            own
        })
        .collect();
    let depth_class = |el: &ElementRef<'_>| {
        el.value()
            .classes()
            .find_map(|k| {
                DEPTH_CLASS
                    .captures(k)
                    .and_then(|m| m[1].parse::<usize>().ok())
            })
            .or_else(|| depth_attribute(el))
    };
    let classes: Vec<Option<usize>> = candidates
        .iter()
        .zip(&wrappers)
        .map(|(c, own)| std::iter::once(&c.el).chain(own).find_map(depth_class))
        .collect();
    // Depths on all comments, or on nearly all (four in five) where they state two depths or
    // more: a comment in other markup (collapsed, deleted, a stub) must not flatten the
    // thread; it sits beside the comment before it.
    let stated = classes.iter().filter(|d| d.is_some()).count();
    let depths = classes.iter().flatten().collect::<HashSet<_>>().len();
    if stated == classes.len() || (stated * 5 >= classes.len() * 4 && depths > 1) {
        let base = classes.iter().flatten().min().copied().unwrap_or(0);
        let mut previous = base;
        let levels = classes
            .into_iter()
            .map(|d| {
                previous = d.unwrap_or(previous);
                previous - base
            })
            .collect();
        return (levels, "depth classes");
    }
    if let Some(levels) = numbered_class_levels(candidates, &wrappers) {
        return (levels, "depth classes");
    }
    if let Some(levels) = reply_class_levels(candidates) {
        return (levels, "reply classes (two levels)");
    }
    let indents: Vec<u32> = candidates
        .iter()
        .zip(&wrappers)
        .map(|(c, own)| {
            std::iter::once(&c.el)
                .chain(own)
                .map(indent_of)
                .sum::<u32>()
                + spacer_indent(&c.el)
        })
        .collect();
    let mut widths = indents.clone();
    widths.sort_unstable();
    widths.dedup();
    let how = if widths.len() > 1 {
        "indentation"
    } else {
        FLAT
    };
    let levels = indents
        .iter()
        .map(|w| widths.binary_search(w).unwrap_or(0))
        .collect();
    (levels, how)
}

/// The boxes just inside a comment element that may carry its indentation or depth class:
/// its first child element, that child's first child element, and so on, [`WRAPPER_LEVELS`]
/// deep. Themes that wrap each comment in an id'd element often indent the box inside it.
fn inner_boxes<'a>(el: &ElementRef<'a>) -> Vec<ElementRef<'a>> {
    let mut boxes = Vec::new();
    let mut at = *el;
    for _ in 0..WRAPPER_LEVELS {
        let Some(child) = at.children().find_map(ElementRef::wrap) else {
            break;
        };
        boxes.push(child);
        at = child;
    }
    boxes
}

/// A class word that ends in a small number: `tree-twig-3`, `reply3`, `lvl_2`, `level--2`.
static NUMBERED_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([a-z][a-z_-]*?[a-z])[-_]{0,2}(\d{1,2})$")
        .expect("numbered class pattern compiles")
});

/// Depths from a numbered class of a name no list knows (`b-tree-twig-2`, `thread-lvl3`,
/// `replyTreeLevel2`, read in lower case): a class stem that the first comment and every
/// other, or four in five, carry (on itself, its own wrappers or its inner boxes; one without
/// it sits beside the comment before it) with a number that reads as a tree's depths
/// in page order: the first comment at the smallest, and no comment deeper than one step
/// below the comment before it (a reply follows what it answers), with at least two depths
/// in use. Numbers that are the same everywhere (`col-6`), jump about (`item-7`) or count the
/// comments (`position-1`, `position-2`, …, unless the stem says it is a depth: `lvl`,
/// `level`, `depth`, `indent`, `nest`) are no depth. Of several such stems, the one
/// with the most depths, then the first in alphabetical order.
fn numbered_class_levels(
    candidates: &[Candidate<'_>],
    wrappers: &[Vec<ElementRef<'_>>],
) -> Option<Vec<usize>> {
    let numbered = |el: &ElementRef<'_>, into: &mut BTreeMap<String, usize>| {
        for class in el.value().classes() {
            // Zebra stripes number rows, not depths (phpBB 2's `row1`/`row2`, vBulletin 3's
            // `alt1`/`alt2`).
            const STRIPES: &[&str] = &["row", "alt", "bg", "stripe", "color", "colour", "zebra"];
            // In any case: Plone's `replyTreeLevel2`.
            let class = class.to_ascii_lowercase();
            if let Some(m) = NUMBERED_CLASS
                .captures(&class)
                .filter(|m| !STRIPES.contains(&&m[1]))
            {
                if let Ok(n) = m[2].parse::<usize>() {
                    into.entry(m[1].to_string()).or_insert(n);
                }
            }
        }
    };
    let per_comment: Vec<BTreeMap<String, usize>> = candidates
        .iter()
        .zip(wrappers)
        .map(|(c, own)| {
            let mut found = BTreeMap::new();
            for el in std::iter::once(&c.el).chain(own) {
                numbered(el, &mut found);
            }
            found
        })
        .collect();
    let first = per_comment.first()?;
    let mut best: Option<(usize, Vec<usize>)> = None;
    for stem in first.keys() {
        // On every comment, or on four in five: a comment in other markup (collapsed,
        // deleted, a stub) sits beside the comment before it.
        let stated = per_comment.iter().filter(|m| m.contains_key(stem)).count();
        if stated < per_comment.len() && stated * 5 < per_comment.len() * 4 {
            continue;
        }
        let mut previous = first[stem];
        let values: Vec<usize> = per_comment
            .iter()
            .map(|m| {
                previous = m.get(stem).copied().unwrap_or(previous);
                previous
            })
            .collect();
        let mut distinct = values.clone();
        distinct.sort_unstable();
        distinct.dedup();
        let levels: Vec<usize> = values
            .iter()
            .map(|v| distinct.binary_search(v).unwrap_or(0))
            .collect();
        let tree_like = levels[0] == 0 && levels.windows(2).all(|w| w[1] <= w[0] + 1);
        // A number that goes up by one at every comment counts them (`bbp-reply-position-3`):
        // a tree of depths comes back to a depth it had.
        // Unless the stem says it is a depth (`thread-lvl3`, `nest-level-2`): a chain of
        // replies, each answering the one before, goes up by one at every comment too.
        let says_depth = ["lvl", "level", "depth", "indent", "nest"]
            .iter()
            .any(|w| stem.ends_with(w));
        let counter =
            values.len() > 2 && values.windows(2).all(|w| w[1] == w[0] + 1) && !says_depth;
        if tree_like
            && !counter
            && distinct.len() > 1
            && best.as_ref().is_none_or(|(n, _)| distinct.len() > *n)
        {
            best = Some((distinct.len(), levels));
        }
    }
    best.map(|(_, levels)| levels)
}

/// Two levels from a class that marks replies (`comment comment--indented`, `comment-sub`,
/// `is-reply`, `child-comment`) on some comments of a flat list, or on their own wrappers:
/// those answer the unmarked comment before them. Only where the first comment and at least
/// one more are unmarked, so a forum whose posts after the first are all "replies" stays flat.
fn reply_class_levels(candidates: &[Candidate<'_>]) -> Option<Vec<usize>> {
    const MARKS: &[&str] = &[
        "reply",
        "replies",
        "sub",
        "subcomment",
        "child",
        "indented",
        "indent",
        "nested",
        "answer",
        "response",
    ];
    let marked_el = |el: &ElementRef<'_>| {
        el.value()
            .classes()
            .any(|k| class_words(k).iter().any(|w| MARKS.contains(&w.as_str())))
    };
    let wrappers = own_wrappers(candidates);
    let marked: Vec<bool> = candidates
        .iter()
        .zip(&wrappers)
        .map(|(c, own)| std::iter::once(&c.el).chain(own).any(marked_el))
        .collect();
    let unmarked = marked.iter().filter(|m| !**m).count();
    (!marked[0] && unmarked >= 2 && unmarked < marked.len())
        .then(|| marked.iter().map(|&m| usize::from(m)).collect())
}

/// Depth stated in an attribute: `aria-level` (ARIA tree items), `data-depth`, `data-level`,
/// `data-indent`, `data-nesting`, `data-message-depth` and the like, or in a custom property
/// of the inline style that a stylesheet indents by (`style="--depth: 2"`), as a small number.
fn depth_attribute(el: &ElementRef<'_>) -> Option<usize> {
    const NAMES: &[&str] = &["depth", "level", "indent", "nesting"];
    let small = |value: &str| value.trim().parse::<usize>().ok().filter(|d| *d < 1000);
    el.value()
        .attrs()
        .find_map(|(name, value)| {
            let named = name == "aria-level"
                || (name.starts_with("data-") && NAMES.iter().any(|n| name.ends_with(n)));
            named.then(|| small(value)).flatten()
        })
        .or_else(|| {
            attr(el, "style")?.split(';').find_map(|declaration| {
                let (property, value) = declaration.split_once(':')?;
                let property = property.trim().to_ascii_lowercase();
                (property.starts_with("--") && NAMES.iter().any(|n| property.ends_with(n)))
                    .then(|| small(value))
                    .flatten()
            })
        })
}

/// Ancestors looked at for a comment's own wrappers.
const WRAPPER_LEVELS: usize = 3;

/// Each comment's own wrappers: its nearest ancestors, up to [`WRAPPER_LEVELS`], that hold no
/// other comment.
fn own_wrappers<'a>(candidates: &[Candidate<'a>]) -> Vec<Vec<ElementRef<'a>>> {
    let chains: Vec<Vec<ElementRef<'a>>> = candidates
        .iter()
        .map(|c| {
            c.el.ancestors()
                .filter_map(ElementRef::wrap)
                .take(WRAPPER_LEVELS)
                .collect()
        })
        .collect();
    let mut holders: FxHashMap<NodeId, usize> = FxHashMap::default();
    for chain in &chains {
        for a in chain {
            *holders.entry(a.id()).or_default() += 1;
        }
    }
    chains
        .into_iter()
        .map(|chain| {
            chain
                .into_iter()
                .take_while(|a| holders.get(&a.id()) == Some(&1))
                .collect()
        })
        .collect()
}

/// Left indentation of an element in hundredths of a CSS pixel, 0 when none: its inline style
/// ([`style_indent`]), else a spacing utility class of a CSS framework (Tailwind's
/// `ml-12`/`pl-8`, Bootstrap's `ml-5`/`ms-4`/`ps-3`), whose number is read as the width.
fn indent_of(el: &ElementRef<'_>) -> u32 {
    let styled = attr(el, "style").map_or(0, style_indent);
    if styled > 0 {
        return styled;
    }
    el.value()
        .classes()
        .find_map(|k| {
            let n = ["ml-", "pl-", "ms-", "ps-"]
                .iter()
                .find_map(|p| k.strip_prefix(p))?;
            (n.len() <= 2).then(|| n.parse::<u32>().ok()).flatten()
        })
        .map_or(0, |n| n * 100)
}

/// A part of a table that is never a comment's box of its own: a cell, a row group, or the
/// only row of a table (the comment is that table); a row among others is a comment's.
fn is_table_part(el: &ElementRef<'_>) -> bool {
    match el.value().name() {
        "td" | "th" | "tbody" | "thead" | "tfoot" => true,
        // Rows beside it: one of a table's rows (asked of its siblings, so a table of many
        // folded rows costs one step a row).
        "tr" => !el
            .prev_siblings()
            .chain(el.next_siblings())
            .filter_map(ElementRef::wrap)
            .any(|s| s.value().name() == "tr"),
        _ => false,
    }
}

/// A table row that opens with an empty cell before the cell that holds the rest (`<tr><td></td>
/// <td><table>…replies…</table></td></tr>` after a comment's row): a table's indentation.
fn indents_by_empty_cell(row: &ElementRef<'_>) -> bool {
    let mut cells = row.children().filter_map(ElementRef::wrap);
    row.value().name() == "tr"
        && cells.next().is_some_and(|first| {
            matches!(first.value().name(), "td" | "th")
                && first
                    .descendants()
                    .filter_map(ElementRef::wrap)
                    .all(|e| matches!(e.value().name(), "td" | "th" | "img" | "br"))
                && super::dom::text(first).trim().is_empty()
        })
        && cells.next().is_some()
}

/// Indentation drawn with a spacer: an image with a width and no words (`<img src="s.gif"
/// width="40">`, old forums and Hacker News clones) before any text of the element, or a cell
/// `width` on an empty first cell. In hundredths of a pixel, 0 when none.
fn spacer_indent(el: &ElementRef<'_>) -> u32 {
    for node in el.descendants().take(40) {
        if let Some(t) = node.value().as_text() {
            if !t.trim().is_empty() {
                return 0;
            }
            continue;
        }
        let Some(e) = ElementRef::wrap(node) else {
            continue;
        };
        let width = || {
            attr(&e, "width")
                .and_then(|w| w.trim_end_matches("px").parse::<u32>().ok())
                .map(|w| w.saturating_mul(100))
        };
        match e.value().name() {
            "img" if attr(&e, "alt").is_none() => return width().unwrap_or(0),
            "td" if super::dom::text(e).trim().is_empty() && e.children().next().is_none() => {
                return width().unwrap_or(0);
            }
            _ => {}
        }
    }
    0
}

/// Parents of a flat list given each comment's level: the nearest earlier comment one level up.
pub fn parents_from_levels(levels: &[usize]) -> Vec<Option<ParentRef>> {
    let mut open: Vec<(usize, usize)> = Vec::new(); // (level, index)
    levels
        .iter()
        .enumerate()
        .map(|(i, &level)| {
            while open.last().is_some_and(|&(l, _)| l >= level) {
                open.pop();
            }
            let parent = open.last().map(|&(_, p)| ParentRef::Index(p));
            open.push((level, i));
            parent
        })
        .collect()
}

/// The words of a class token, lowercase: split at `-`, `_` and where a lowercase letter
/// meets an uppercase one (`MtnCommentAccountName` → mtn, comment, account, name).
pub(super) fn class_words(class: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for ch in class.chars() {
        if ch == '-' || ch == '_' {
            previous_lower = false;
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            continue;
        }
        if ch.is_uppercase() && previous_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        previous_lower = ch.is_lowercase() || ch.is_ascii_digit();
        word.extend(ch.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Whether an element's class, id or part name (`data-testid="User-Name"`, see
/// [`names_by_words`]) names a comment's writer (`author`, `who`, `fb-name`).
pub(super) fn names_author(el: &ElementRef<'_>) -> bool {
    // Most elements name nothing of the kind: a substring test spares splitting their names.
    let may = |s: &str| {
        AUTHOR_WORDS
            .iter()
            .chain(&["user", "account", "name"])
            .any(|p| contains_ignore_case(s, p))
    };
    (el.value().classes().any(may)
        || el.value().id().is_some_and(may)
        || el
            .value()
            .attrs()
            .any(|(name, value)| is_part_name_attribute(name) && may(value)))
        && names_by_words(el, is_author_words)
}

/// Whether an element's class, id, role (`data-role="commentContent"`) or the name scripts
/// and tests know it by (`data-testid="comment-body"`, `data-qa`, a widget's own class
/// attribute such as `data-spot-im-class="message-text"`) names what `test` looks for.
/// Script-built markup often gives its classes generated or prefixed names and keeps the
/// part's plain name in such an attribute.
fn names_by_words(el: &ElementRef<'_>, test: fn(&[String]) -> bool) -> bool {
    el.value().classes().any(|c| test(&class_words(c)))
        || el.value().id().is_some_and(|id| test(&class_words(id)))
        || el
            .value()
            .attrs()
            .any(|(name, value)| is_part_name_attribute(name) && test(&class_words(value)))
}

/// Attributes that name a page part as a class would: `data-role`, test and QA ids
/// (`data-testid`, `data-test-id`, `data-test`, `data-qa`, `data-cy`), the hooks site
/// builders and component libraries name their parts by (Wix's `data-hook`,
/// `data-component`, `data-element`), and a widget's own class attribute
/// (`data-spot-im-class`, `data-…-class`).
fn is_part_name_attribute(name: &str) -> bool {
    matches!(
        name,
        "data-role"
            | "data-testid"
            | "data-test-id"
            | "data-test"
            | "data-qa"
            | "data-cy"
            | "data-hook"
            | "data-component"
            | "data-element"
    ) || (name.starts_with("data-") && name.ends_with("-class"))
}

/// Words naming one comment: the last is `comment` once trailing words for a rendering part
/// (`renderer`, `view`, `component`, `item`, `element`, `card`) are dropped, and none names a
/// form or prompt (`add`, `new`, `no`, `write`…): `ytd-comment-renderer`, `CommentView`.
fn is_item_words(words: &[String]) -> bool {
    const PARTS: &[&str] = &["renderer", "view", "component", "item", "element", "card"];
    const PROMPTS: &[&str] = &[
        "add",
        "new",
        "no",
        "leave",
        "post",
        "write",
        "has",
        "open",
        "form",
        "count",
        "box",
        "simplebox",
        "input",
        "editor",
        "dialog",
    ];
    let mut end = words.len();
    while end > 0 && PARTS.contains(&words[end - 1].as_str()) {
        end -= 1;
    }
    end > 0 && words[end - 1] == "comment" && !words.iter().any(|w| PROMPTS.contains(&w.as_str()))
}

/// Words naming the author: `author`, `username`, `nickname`, `poster`, `login`, or `user`/
/// `account` with `name`.
fn is_author_words(words: &[String]) -> bool {
    let has = |w: &str| words.iter().any(|x| x == w);
    AUTHOR_WORDS.iter().any(|w| has(w))
        || ((has("user") || has("account")) && has("name"))
        // A bare "name" inside a comment (`fb-name`, `c-name`), not a longer phrase
        // ("product-name-label").
        || (has("name") && words.len() <= 2)
        // The byline's name part: `span.by` ("by <a>nobody42</a>"), `posted-by`.
        || matches!(words, [w] if w == "by")
        || (has("by") && (has("posted") || has("written") || has("submitted")))
}

/// Words naming a badge beside a writer's name (`wc-comment-label`, `author-badge`,
/// `user-role`, `flair`): it tells the writer's role ("Autor", "Moderator", "OP"), even where
/// another of its classes says `author`, and is no name.
fn is_badge_words(words: &[String]) -> bool {
    words
        .last()
        .is_some_and(|w| matches!(w.as_str(), "label" | "badge" | "role" | "flair" | "rank"))
}

/// Words naming a card about a user that pops up over a comment (`profile-preview-card`,
/// `hovercard`, `user-popover`, `tooltip`): what it holds is about the writer, not the comment.
fn is_card_words(words: &[String]) -> bool {
    const CARDS: &[&str] = &[
        "hovercard",
        "usercard",
        "popover",
        "popup",
        "tooltip",
        "dropdown",
    ];
    let has = |w: &str| words.iter().any(|x| x == w);
    CARDS.iter().any(|w| has(w)) || ((has("profile") || has("user")) && has("card"))
}

/// Class and id words that name a comment's writer on their own.
const AUTHOR_WORDS: &[&str] = &[
    "author",
    "username",
    "nickname",
    "poster",
    "login",
    "commenter",
    "person",
    "nick",
    "who",
    "autor",
    "autore",
    "auteur",
    "avtor",
    "yazar",
    "yazan",
    "penulis",
    "kirjoittaja",
    "szerzo",
];

/// An avatar: a picture or a disc with the writer's initials, never words nor a name.
fn is_avatar(el: &ElementRef<'_>) -> bool {
    // Most elements say nothing of an avatar: a look at the raw names first, without
    // splitting them into words.
    names_mention(el, &["avatar"]) && names_by_words(el, |w| w.iter().any(|w| w == "avatar"))
}

/// Whether an element's class, id or part name holds one of `needles` anywhere, in any case:
/// a cheap look before [`names_by_words`] splits the names into words.
fn names_mention(el: &ElementRef<'_>, needles: &[&str]) -> bool {
    el.value().attrs().any(|(name, value)| {
        (name == "class" || name == "id" || is_part_name_attribute(name))
            && needles.iter().any(|n| contains_ignore_case(value, n))
    })
}

/// A footer byline: a line under the words that holds the writer's name beside its date or a
/// relative time ("Ann Ito 2023-03-01 09:07 Reply", "AM 01.03.2023 08:00 Ann Marsh says:",
/// "Bob Cruz 2 hours ago #1"), as themes that print the writer and the time under the
/// comment write it. The outermost element inside the comment, after words of its own, whose
/// text (its elements set apart) is such a line and holds an element of the name alone; and
/// the name. Asked where nothing else named the writer.
fn footer_byline<'a>(
    el: ElementRef<'a>,
    skip: &dyn Fn(&ElementRef<'_>) -> bool,
) -> Option<(ElementRef<'a>, String)> {
    // Looked for element by element only where the comment's lines hold one.
    if !ends_in_byline(el, skip) {
        return None;
    }
    elements_below(el, skip)
        .filter(|e| e.id() != el.id())
        .find_map(|line| {
            // (Its words read apart only where they are few.)
            super::dom::short_text(line, 200).filter(|t| !t.trim().is_empty())?;
            let text = super::dom::text_spaced(line).replace('\n', " ");
            let fields = || chrome::opens_with_fields_header(&text);
            if !(chrome::is_header_line(&text) || fields()) || !words_before(el, line) {
                return None;
            }
            // The name as an element of its own holds it ("<b>Ann Ito</b>", a link on it).
            line.descendants()
                .filter_map(ElementRef::wrap)
                .map(|d| super::dom::text(d))
                .map(|t| t.trim().to_string())
                .find(|t| {
                    let line = chrome::after_initials_of(&text, t);
                    // Not the avatar's letters before the name ("AI", then "Ann Ito").
                    let initials = line
                        .strip_prefix(t.as_str())
                        .is_some_and(|rest| chrome::is_avatar_initials(t, rest));
                    // The line opens with the name, or comes down to it once cleaned of the
                    // date, verb and number around it ("AM 01.03.2023 08:00 Ann Marsh says:").
                    is_name_like(t)
                        && !initials
                        && (opens_with(line, t)
                            || chrome::name_before_date(&text).is_some_and(|n| n == *t)
                            || chrome::folded_header_name(&text).is_some_and(|n| n == *t)
                            // Or its name field ("From: Ann Ito Date: 2 hours ago").
                            || chrome::fields_header(&text)
                                .and_then(|h| chrome::fields_name(&h))
                                .is_some_and(|n| n == *t))
                })
                .map(|name| (line, chrome::clean_author(&name)))
        })
}

/// Whether the lines of `el` (its elements set apart, `skip`'s subtrees left out) end in a
/// footer byline ([`super::records::closes_with_byline`]).
fn ends_in_byline(el: ElementRef<'_>, skip: &dyn Fn(&ElementRef<'_>) -> bool) -> bool {
    super::records::closes_with_byline(&super::dom::text_spaced_with(el, skip), None)
}

/// Whether words stand before `inner` in `el`: three words, or six characters of a script
/// written without spaces, or six Korean syllables (`유지비도 중요하다.`: two words, a
/// sentence), in the text before it (a footer's line comes after the words; a header's opens
/// the comment).
fn words_before(el: ElementRef<'_>, inner: ElementRef<'_>) -> bool {
    let mut before = String::new();
    for node in el.descendants() {
        if node.id() == inner.id() {
            break;
        }
        if let Some(text) = node.value().as_text() {
            before.push(' ');
            before.push_str(text);
        }
    }
    before.split_whitespace().count() >= 3
        || before
            .chars()
            .filter(|c| super::records::is_unspaced(*c))
            .count()
            >= 6
        || before
            .chars()
            .filter(|c| super::records::is_hangul_syllable(*c))
            .count()
            >= 6
}

/// A name in bold that opens a comment: the first element in bold ([`super::dom::is_bold`])
/// with letters, outside the body (or, where the body is the whole comment, or the name
/// opens the body's own short first line, within that line), that reads as a name: one to
/// four words, no sentence, no date, no button label.
fn opening_bold_name<'a>(
    el: ElementRef<'a>,
    other: &dyn Fn(&ElementRef<'a>) -> bool,
    body: ElementRef<'a>,
) -> Option<String> {
    // An avatar's initials in bold (`<div class="avatar"><b>HL</b></div>`) are no name.
    let other_or_avatar = |e: &ElementRef<'a>| other(e) || is_avatar(e);
    let bold = elements_below(el, &other_or_avatar)
        .filter(super::dom::is_bold)
        .find(|e| super::dom::text(*e).chars().any(char::is_alphabetic))?;
    let inside_body = bold.ancestors().any(|a| a.id() == body.id()) && body.id() != el.id();
    let name = super::dom::text(bold);
    let opening = if elements_below(el, other).any(|e| is_avatar(&e)) {
        // (Replies nested in the comment come after its opening.)
        text_with(el, &|e| is_avatar(e)).chars().take(200).collect()
    } else {
        super::records::text_start(el, 200)
    };
    // Inside the body, only on a short first line of its own, the words on the lines after
    // it (Bulma's media object: `<p><strong>Name</strong> <small>@handle</small>
    // <small>31m</small><br>words</p>`).
    let heads_body = || {
        let mut lines = opening.trim_start().lines();
        lines.next().is_some_and(|l| l.chars().count() <= 80) && lines.any(|l| !l.trim().is_empty())
    };
    ((!inside_body || heads_body())
        && opens_with(chrome::after_initials_of(&opening, &name), &name)
        && is_name_like(&name))
    .then(|| chrome::clean_author(&name))
    .filter(|n| !n.is_empty())
}

/// The date a tooltip attribute holds (`title`, `data-tippy-content`, `data-tooltip`,
/// Bootstrap's `data-bs-original-title`).
pub(super) fn tooltip_date(el: &ElementRef<'_>) -> Option<String> {
    el.value().attrs().find_map(|(name, value)| {
        let key = attribute_key(name);
        (key == "title"
            || key.ends_with("tooltip")
            || key.contains("tippy")
            || key.ends_with("originaltitle"))
        .then(|| timestamp(value).or_else(|| timestamp_in(value)))
        .flatten()
    })
}

/// A date in a header line ("Par Jean-Paul, le 3 mars 2023 à 10h12", "Hannah | 28 Sep 2023"):
/// the whole line, else what follows a separator.
pub(super) fn timestamp_in(line: &str) -> Option<String> {
    // A separator left at either end by the name set beside the date ("March 1, 2023 at 9:00
    // pm | <b>Ann</b>"), and the words that introduce that name ("…08:00, Posted by
    // <cite>Ann</cite>"), are no part of the date.
    let line = chrome::without_trailing_byline_words(line.trim())
        .trim_matches(chrome::NAME_DATE_SEPARATORS)
        .trim();
    // Every date read holds a four-digit year: most lines asked about have none.
    if !super::meta::holds_year(line) {
        return None;
    }
    timestamp(line).or_else(|| {
        line.char_indices()
            .filter(|(_, c)| matches!(c, ',' | '|' | '·' | '•' | '–' | '—' | ':' | '：' | '('))
            .find_map(|(i, c)| {
                let rest = line[i + c.len_utf8()..].trim();
                let rest = ["le ", "am ", "on ", "el ", "il "]
                    .iter()
                    .find_map(|on| rest.strip_prefix(on))
                    .unwrap_or(rest);
                date_then_words(rest)
            })
    })
    .or_else(|| {
        // The time before the date ("at 10:12 AM on June 3, 2024", "10:12, 3. Juni 2024").
        static TIME_THEN_DATE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\b(\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)(?:\s+on|\s+am|\s+le|,)?\s+(.*?\b(?:19|20)\d{2})\b")
                .expect("time then date pattern compiles")
        });
        let c = TIME_THEN_DATE.captures(line)?;
        timestamp(&format!("{} {}", &c[2], &c[1]))
    })
    .or_else(|| {
        // The date after a word that introduces it, with no separator before it ("Gerda
        // schrieb am 12.03.2009 18:44:", "Ann wrote on June 3, 2024").
        [" am ", " on ", " le ", " el ", " il ", " den "]
            .iter()
            .filter_map(|on| line.split_once(on).map(|(_, rest)| rest))
            .find_map(|rest| date_then_words(rest.trim().trim_end_matches(':').trim_end()))
    })
    .or_else(|| {
        // A date in digits right after the name, with nothing between ("Anna 03.05.2019
        // 10:12"): tried at each of the line's first words that opens with a digit.
        line.char_indices()
            .filter(|&(i, c)| c == ' ' && line[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
            .take(12)
            .find_map(|(i, _)| date_then_words(line[i + 1..].trim_end_matches(':')))
    })
    .or_else(|| {
        // A printed date right after the name ("Jonas Ek March 3, 2023, 4:12 p.m.": a heading
        // that holds the name and a `<small>` date): the rest of the line from one of its
        // first words that opens with a letter is a whole date.
        line.char_indices()
            .filter(|&(i, c)| c == ' ' && line[i + 1..].starts_with(char::is_alphabetic))
            .take(12)
            .find_map(|(i, _)| timestamp(&line[i + 1..]))
    })
}

/// The date that opens `rest`, with words after it allowed (phpBB 2's "Post subject: …",
/// "March 3, 2010 at 10:12 am said:"): the date and a time right after it; a time written as
/// words ("à 10h12"): the date alone.
fn date_then_words(rest: &str) -> Option<String> {
    timestamp(rest).or_else(|| {
        // Up to the year and the time after it, with the word that joins them in the
        // languages dates are read in ("at", "um", "à", "a las", "alle", "klo").
        static TO_YEAR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(?i)^.*?\b(?:19|20)\d{2}\b(?:,?\s+(?:(?:at|um|à|às|alle|om|klo|o|v|в|saat|a\s+las?|kl\.?)\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)?",
            )
            .expect("year pattern compiles")
        });
        // A date that opens with its year (`2010/01/05(火) 10:12:33 ID:x1`, as Japanese boards
        // follow it with the writer's id): up to its time.
        static YEAR_FIRST: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"^(?:19|20)\d{2}(?:-|/|\.|年)\d{1,2}(?:-|/|\.|月)\d{1,2}日?(?:\s*[(（]\p{L}{1,3}\.?[)）])?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?",
            )
            .expect("year-first pattern compiles")
        });
        TO_YEAR
            .find(rest)
            .and_then(|m| timestamp(m.as_str()))
            .or_else(|| YEAR_FIRST.find(rest).and_then(|m| timestamp(m.as_str())))
    })
}

/// Whether `name` is the first thing with letters in `text` (counters such as `#1` before it
/// do not count).
pub(super) fn opens_with(text: &str, name: &str) -> bool {
    let name = name.trim();
    let start = text.find(|c: char| c.is_alphabetic()).unwrap_or(text.len());
    let first = name.find(|c: char| c.is_alphabetic()).unwrap_or(0);
    !name.is_empty() && text[start..].starts_with(&name[first..])
}

/// One to four words of at most 40 characters with a letter, not ending a sentence, not a
/// date: what a display name looks like.
/// Most characters of a script written without spaces in a name (`一只特立独行的猪` has 8).
const MAX_UNSPACED_NAME: usize = 10;

pub(super) fn is_name_like(text: &str) -> bool {
    let text = text.trim();
    // A reply's subject line ("Re: Battery prices", "AW: …") names no one.
    let lower = text.to_lowercase();
    if ["re:", "re :", "aw:", "sv:", "odp:", "vs:"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return false;
    }
    let words = text.split_whitespace().count();
    (1..=4).contains(&words)
        && text.chars().count() <= 40
        && text.chars().any(char::is_alphabetic)
        && !text.ends_with(['!', '?', ':'])
        // In Chinese and Japanese, written without spaces, a sentence is one "word": its full
        // stop or comma, or more characters than a name has, tell it.
        && !text.contains(['。', '，', '、', '！', '？'])
        && text.chars().filter(|c| super::records::is_unspaced(*c)).count() <= MAX_UNSPACED_NAME
        // A full stop ends a sentence, not an initial ("Gerd K.", "Smith Jr.").
        && (!text.ends_with('.') || text.split_whitespace().last().is_some_and(|w| w.len() <= 3))
        && !chrome::is_date_line(text)
}

/// Words naming a body: the last one is `text`, `body`, `content` or `message`.
fn is_body_words(words: &[String]) -> bool {
    // Old themes write the parts together: `postbody`, `postmsg`, `commenttext`.
    // Or the formatted words of a wiki or Markdown renderer: Redmine's `div.wiki` holds a
    // journal entry's notes beside its list of field changes.
    let part = |w: &str| {
        matches!(
            w,
            "text" | "body" | "content" | "contents" | "message" | "wiki" | "markdown" | "markup"
        )
    };
    let compound = |w: &str| {
        ["post", "comment", "message", "entry", "reply"]
            .iter()
            .filter_map(|head| w.strip_prefix(head))
            .any(|rest| part(rest) || rest == "msg")
    };
    !is_author_words(words) && words.last().is_some_and(|w| part(w) || compound(w))
}

/// Most letters a box of labelled header fields holds: a name, a date, a few labels.
const HEADER_FIELDS_LETTERS: usize = 120;

/// The box of labelled header fields around a comment's name, where the page lays its header
/// out as a form of fields with no class to say so (LiveJournal's old styles: a table of
/// `From:` name, `Date:` date and `(Link)`; `Subject: Re:` / `Time:` rows): the highest box
/// around the name element `name_el`, below the comment and not holding its words (`body`),
/// that holds a date (or a relative time) and whose every other text is the name's, a field label (a few letters
/// ending in a colon), a mark in brackets, a short link's label or brackets. Its words are the header's.
fn header_fields_box<'a>(
    name_el: ElementRef<'a>,
    comment: ElementRef<'a>,
    body: ElementRef<'a>,
) -> Option<ElementRef<'a>> {
    // Some(whether it holds a date) where every text is a field's; None where one is not.
    let fields = |b: ElementRef<'a>| -> Option<bool> {
        let mut dated = false;
        let mut letters = 0;
        for n in b.descendants() {
            let Some(t) = n.value().as_text() else {
                continue;
            };
            let t = t.trim();
            if t.is_empty()
                || n.ancestors().any(|a| {
                    ElementRef::wrap(a).is_some_and(|e| super::dom::is_invisible(e.value().name()))
                })
            {
                continue;
            }
            letters += t.chars().filter(|ch| ch.is_alphabetic()).count();
            if letters > HEADER_FIELDS_LETTERS {
                return None;
            }
            let in_name = n.ancestors().any(|a| a.id() == name_el.id());
            let in_link = n
                .ancestors()
                .take_while(|a| a.id() != b.id())
                .any(|a| ElementRef::wrap(a).is_some_and(|e| e.value().name() == "a"));
            // A field's label, or a mark in brackets ("(edited)", "(UTC)").
            let label = (t.ends_with(':') || (t.starts_with('(') && t.ends_with(')')))
                && t.chars().count() <= 20;
            let marks = t.chars().all(|ch| !ch.is_alphanumeric());
            let date = timestamp_in(t).is_some()
                || chrome::is_date_line(t)
                || chrome::holds_relative_time(t);
            dated |= date;
            if !(in_name || label || marks || date || (in_link && t.chars().count() <= 12)) {
                return None;
            }
        }
        Some(dated)
    };
    let mut found = None;
    for up in name_el.ancestors().filter_map(ElementRef::wrap).take(8) {
        if up.id() == comment.id() || up.id() == body.id() {
            break;
        }
        match fields(up) {
            Some(true) => found = Some(up),
            Some(false) if found.is_none() => {}
            _ => break,
        }
    }
    found
}

/// Whether `name` reads as a host name: dotted, its last part two letters or more
/// (`other.example`, `lemmy.ml`).
fn names_a_server(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(head, tld)| {
        !head.is_empty() && tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic)
    })
}

/// The display name of an author element that shows a name and then the writer's handle, each
/// in an element of its own (`<a><span>Jonas Keller</span> <span>jonas</span></a>`, `Ann Lee
/// @annlee`): the name. The handle is one word that starts with `@` (not a server's
/// `@instance.example`) or that the name holds (case aside). `None` for other author
/// elements.
fn display_name(el: &ElementRef<'_>) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut at = *el;
    // Down through a box that holds all the words (`<a><img><span class="display-name">
    // <strong>Ann</strong> <span>@ann@social.example</span></span></a>`).
    for _ in 0..3 {
        let texts: Vec<(ElementRef<'_>, String)> = at
            .children()
            .filter_map(ElementRef::wrap)
            .map(|c| (c, super::dom::text(c).trim().to_string()))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        match texts.as_slice() {
            [(only, _)] => at = *only,
            _ => {
                parts = texts.into_iter().map(|(_, t)| t).collect();
                break;
            }
        }
    }
    let [name, handle] = parts.as_slice() else {
        return None;
    };
    let is_handle = !handle.contains(char::is_whitespace)
        // An `@instance.example` after a name is its home server (Lemmy): part of the name,
        // as `lime_mortar@other.example`; a whole account (`@ann@social.example`, Mastodon)
        // is a handle, as is a user name with a dot in it that ends in no top-level domain
        // (`@ines.b`).
        && ((handle.starts_with('@') && (!names_a_server(&handle[1..]) || handle[1..].contains('@')))
            || (handle.chars().count() >= 2
                && name.to_lowercase().contains(&handle.to_lowercase())));
    // Nothing else around the two: the element's whole text is theirs.
    let whole = super::dom::text(*el);
    let rest = whole
        .replacen(name.as_str(), "", 1)
        .replacen(handle.as_str(), "", 1);
    (is_handle && name != handle && rest.trim().is_empty()).then(|| name.clone())
}

/// The name an element shows: its text (a letter avatar inside it left out), or a `<meta>`'s
/// `content`.
/// Whether `el` sits in the part of a comment that names the comment it answers (Coral's
/// `div.coral-comment-inReplyTo` "In reply to <span class=…-username>Ann</span>", Disqus's
/// `a.parent-link`): the name there is the parent's writer, not this comment's.
fn names_parent_writer(el: &ElementRef<'_>, comment: ElementRef<'_>) -> bool {
    std::iter::once(*el)
        .chain(el.ancestors().filter_map(ElementRef::wrap))
        .take_while(|e| e.id() != comment.id())
        .any(|e| is_parent_part(&e))
}

/// Whether an element's names call it the part that names the comment answered
/// (`in-reply-to`, `replyto`, `parent-link`, `parent-author`); a look at the raw names
/// first, as most parts say nothing of a reply or a parent.
fn is_parent_part(e: &ElementRef<'_>) -> bool {
    fn parent_words(words: &[String]) -> bool {
        words.windows(2).any(|w| w[0] == "reply" && w[1] == "to")
            || words
                .iter()
                .any(|w| matches!(w.as_str(), "inreplyto" | "replyto"))
            || (words.iter().any(|w| w == "parent")
                && words.iter().any(|w| {
                    matches!(w.as_str(), "link" | "author" | "user" | "username" | "name")
                }))
    }
    names_mention(e, &["reply", "parent"]) && names_by_words(e, parent_words)
}

/// The label before the name of the writer a comment answers ("replying to", "In reply to",
/// "Antwort an", "в ответ на": `lexicon/reply_to_labels.txt`), arrows before it allowed.
static REPLY_TO_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let mut labels: Vec<&str> = chrome::lexicon(include_str!("lexicon/reply_to_labels.txt"))
        .into_iter()
        .collect();
    // Longest first, so that "ответ на" is tried before "ответ".
    labels.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let labels: Vec<String> = labels.iter().map(|l| regex::escape(l)).collect();
    Regex::new(&format!(r"(?i)^[\s↪↳»]*(?:{})\s*:?\s*", labels.join("|")))
        .expect("reply-to label pattern compiles")
});

/// The writer a comment says it answers, in the part named for it ("replying to <span>Ann
/// Ruiz</span>", "In reply to Ann"): the name element inside that part, else the part's words
/// after its label. `None` when the comment names no one so.
fn stated_parent_writer(
    c: &Candidate<'_>,
    other: &dyn Fn(&ElementRef<'_>) -> bool,
) -> Option<String> {
    // Near the top: the part sits in the comment's header.
    let part = elements_below(c.el, other).take(64).find(is_parent_part)?;
    // A name element inside the part, else its own words without the label before the name.
    let inner = part
        .descendants()
        .filter_map(ElementRef::wrap)
        .skip(1)
        .find(|d| {
            let text = super::dom::text(*d);
            let text = text.trim();
            !text.is_empty() && is_name_like(text) && !REPLY_TO_LABEL.is_match(text)
        })
        .map(|d| super::dom::text(d));
    let name = inner.unwrap_or_else(|| {
        let text = super::dom::text(part);
        REPLY_TO_LABEL.replace(text.trim(), "").into_owned()
    });
    let name = chrome::clean_author(name.trim().trim_start_matches('@'));
    (!name.is_empty() && is_name_like(&name)).then_some(name)
}

fn name_text(el: &ElementRef<'_>) -> String {
    if el.value().name() == "meta" {
        el.value().attr("content").unwrap_or("").trim().to_string()
    } else {
        // Never a letter avatar inside it (Flarum's `<h3 class="PostUser-name"><a><span
        // class="Avatar">T</span><span class="username">tmoreau</span></a></h3>`), nor a
        // time set inside the author's box (Steam's `<div class="…_author"><a>Name</a><span
        // class="…_timestamp">14 Mar @ 9:00am</span></div>`, no space between the two).
        let avatar_or_time = |e: &ElementRef<'_>| {
            e.id() != el.id()
                && (e.value().name() == "time"
                    || names_by_words(e, |w| {
                        w.iter()
                            .any(|w| matches!(w.as_str(), "avatar" | "timestamp" | "time" | "date"))
                    }))
        };
        let shown = super::dom::text_with(*el, &avatar_or_time);
        if !shown.trim().is_empty() {
            return shown;
        }
        // A name shown as a button that opens the writer's profile card (Coral's `<button
        // class="coral-username">Ann</button>`): buttons are never a comment's words, but a
        // button in the author's place that is no action label holds the name.
        std::iter::once(*el)
            .chain(el.descendants().filter_map(ElementRef::wrap))
            .filter(|e| e.value().name() == "button")
            .map(|b| b.text().collect::<Vec<_>>().join(" "))
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .find(|t| !t.is_empty() && !chrome::is_action(t))
            .unwrap_or(shown)
    }
}

fn comment(
    i: usize,
    c: &Candidate<'_>,
    parent: Option<ParentRef>,
    items: &Items<'_>,
) -> (RawComment, Option<NumericDate>) {
    // Each search walks this comment's own elements only, never its nested replies.
    let other = |e: &ElementRef<'_>| items.is_other(i, e);
    // A quoted post's `<cite>` names the quoted writer, not this one.
    let unquoted = |e: &ElementRef<'_>| items.is_other(i, e) || is_quote(e);
    // The first element that looks like an author and holds a name (avatars hold none; a
    // letter avatar holds the initial only, `<span class="avatar">L</span>`). A microdata
    // `<meta itemprop="name" content="…">` holds its content.
    let holds_name = |e: &ElementRef<'_>| {
        let name = name_text(e);
        // Or its initials (`HL` on Ghost's coloured avatar disc).
        let trimmed = name.trim();
        let count = trimmed.chars().count();
        let initial = (count == 1
            || (count <= 3
                && trimmed
                    .chars()
                    .all(|ch| ch.is_alphabetic() && ch.is_uppercase())))
            && std::iter::once(*e)
                .chain(e.descendants().filter_map(ElementRef::wrap))
                .chain(
                    e.ancestors()
                        .filter_map(ElementRef::wrap)
                        .take_while(|a| a.id() != c.el.id()),
                )
                .any(|d| names_by_words(&d, |w| w.iter().any(|w| w == "avatar")));
        // A profile link on the time (Mastodon's `<a href="/@ann/109…"><time>Mar 14,
        // 2023</time></a>` before the name) holds a date, never a name.
        !name.is_empty()
            && name.chars().count() <= 80
            && !initial
            && !names_by_words(e, is_badge_words)
            && !chrome::is_only_date(&name)
            && !names_parent_writer(e, c.el)
    };
    let author_el = c
        .header
        .into_iter()
        .flat_map(|h| std::iter::once(h).chain(h.descendants().filter_map(ElementRef::wrap)))
        .find(|e| AUTHOR.matches(e) && holds_name(e))
        .or_else(|| elements_below(c.el, &unquoted).find(|e| AUTHOR.matches(e) && holds_name(e)))
        .or_else(|| {
            elements_below(c.el, &unquoted)
                .find(|e| names_by_words(e, is_author_words) && holds_name(e))
        })
        .or_else(|| {
            // A heading that opens the comment and reads as a name ("Hannah | 28 Sep 2023");
            // not where a header sibling names the writer (the heading is the words' title).
            c.header.is_none().then_some(())?;
            elements_below(c.el, &other)
                .find(|e| matches!(e.value().name(), "h4" | "h5" | "h6"))
                // Not one named the comment's title (FC2's `h4.comment_title`).
                .filter(|h| !names_title(h))
                .filter(|h| {
                    let text = super::dom::text(*h);
                    opens_with(super::records::text_start(c.el, 200).trim_start(), &text)
                        && is_name_like(&chrome::clean_author(&text))
                        // A heading without a date over words whose footer names the writer
                        // beside the date is the comment's title.
                        && (chrome::has_date_part(&text)
                            || footer_byline(c.el, &unquoted).is_none())
                })
        });
    // A microdata author that holds more than a name (a reputation score, badges, the name
    // twice over for screen readers) names itself in its `name` property; one that reads as a
    // name ("Herr <span itemprop=name>Steffen Ecks</span>") is taken as shown.
    let author_el = author_el.map(|a| {
        if a.value().attr("itemprop") != Some("author") {
            return a;
        }
        let shown = super::dom::text(a);
        a.descendants()
            .filter_map(ElementRef::wrap)
            .find(|d| d.value().attr("itemprop") == Some("name") && holds_name(d))
            .filter(|name| {
                let name = name_text(name);
                let name = name.trim();
                !is_name_like(&chrome::clean_author(&shown))
                    || shown.chars().any(|c| c.is_ascii_digit())
                    || shown.matches(name).count() > 1
            })
            .unwrap_or(a)
    });
    let author = author_el
        .map(|a| chrome::clean_author(&display_name(&a).unwrap_or_else(|| name_text(&a))))
        .filter(|a| !a.is_empty());
    let author_id = author_el.map(|a| a.id());
    // The link on the name: the author element itself, a link inside it, or one around it.
    let author_url = author_el.and_then(link_on_name);
    // A header sibling's own line ("Par Jean-Paul, le 3 mars 2023 à 10h12"), else the line of
    // the author element ("Hannah | 28 Sep 2023").
    let header_text = c
        .header
        .or(author_el)
        .map(|h| super::dom::text(h))
        .unwrap_or_default();
    // Read for the name with its elements set apart ("Nia Ruiz le 04/03/2023", where the page
    // writes "Nia Ruizle 04/03/2023").
    // Its name field first, where the header is laid out as labelled fields ("From: Bob Lee
    // Date: …").
    let header_author = c.header.filter(|_| author.is_none()).and_then(|h| {
        let line = super::dom::text_spaced(h);
        chrome::fields_header(&line)
            .and_then(|f| chrome::fields_name(&f))
            .or_else(|| Some(chrome::clean_author(&line)).filter(|n| is_name_like(n)))
    });
    // The link on a header's name (Blogger's `<dt><a href=…>Nina</a> said...</dt>`).
    let header_url = header_author
        .as_deref()
        .and_then(|name| link_named(c.header?, name));
    let mut author = author.or(header_author);
    let mut author_url = author_url.or(header_url);
    let mut header_text = header_text;
    let mut byline_el = None;
    // A byline around the author's name ("posted by <a>marginalia</a> at 10:12 AM on June 3,
    // 2024", MetaFilter's, after the words) is the comment's header line: its date is the
    // time, and none of it is the comment's words.
    if let (Some(a), Some(name), None) = (author_el, author.as_deref(), c.header) {
        byline_el = a
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take(3)
            .take_while(|p| p.id() != c.el.id())
            .find(|p| {
                let line = super::dom::text(*p);
                line.len() <= 200
                    && chrome::byline_name(&line.replace('\n', " "))
                        .is_some_and(|n| n.eq_ignore_ascii_case(name))
            });
        if let Some(line) = byline_el {
            header_text = super::dom::text(line).replace('\n', " ");
        }
    }
    // Else a byline anywhere in the comment, before or after its words ("Posted by: <a
    // href=…>Tom Pryce</a> | 28 May 2024 at 10:02 AM", Typepad's and Movable Type's footer):
    // the innermost element that holds the whole line, whose link on the name is the author's.
    if author.is_none() {
        let line_of = |e: &ElementRef<'_>| {
            // Most elements open with other words: their first text says so without
            // gathering all of it.
            let opening = e
                .descendants()
                .find_map(|n| n.value().as_text().filter(|t| !t.trim().is_empty()))?;
            if !chrome::may_open_byline(opening) {
                return None;
            }
            let line = super::dom::text(*e);
            (line.len() <= 200)
                .then(|| chrome::byline_name(&line.replace('\n', " ")))
                .flatten()
        };
        let byline = elements_below(c.el, &unquoted).find_map(|e| {
            let name = line_of(&e)?;
            let inner = e
                .descendants()
                .filter_map(ElementRef::wrap)
                .take_while(|d| line_of(d).is_some())
                .last()
                .unwrap_or(e);
            Some((inner, name))
        });
        if let Some((line, name)) = byline {
            author_url = link_named(line, &name);
            header_text = super::dom::text(line).replace('\n', " ");
            author = Some(name);
            byline_el = Some(line);
        }
    }
    // The date element's own value, its printed date, else a value on an element inside it
    // (`p.comment-time > span[content="2016-05-02T09:14:00+02:00"]`).
    // Not a date on the writer's profile card (Forem's hover card holds their join date):
    // the first date outside one, else the first.
    let on_card = |t: &ElementRef<'_>| {
        t.ancestors()
            .filter_map(ElementRef::wrap)
            .take_while(|a| a.id() != c.el.id())
            .any(|a| names_by_words(&a, is_card_words))
    };
    let footer = c
        .footer
        .into_iter()
        .flat_map(|f| std::iter::once(f).chain(f.descendants().filter_map(ElementRef::wrap)));
    // The header sibling's first (`<dt>… <time datetime=…></dt>`), before the body's own.
    let header = c
        .header
        .into_iter()
        .flat_map(|h| h.descendants().filter_map(ElementRef::wrap));
    let dated = header
        .chain(elements_below(c.el, &other))
        .chain(footer)
        .filter(|e| TIME.matches(e));
    let mut first = None;
    let mut off_card = None;
    for t in dated {
        first = first.or(Some(t));
        if !on_card(&t) {
            off_card = Some(t);
            break;
        }
    }
    let timestamp = off_card.or(first).and_then(|t| {
        stated_date(&t)
            .or_else(|| timestamp(&super::dom::text(t)))
            .or_else(|| {
                t.descendants()
                    .filter_map(ElementRef::wrap)
                    .find_map(|d| stated_date(&d))
            })
    });
    // The header line, else one line of a header of several (bbPress's header row: the date,
    // then the `#4410` permalink).
    let timestamp = timestamp
        .or_else(|| timestamp_in(&header_text))
        .or_else(|| {
            c.header
                .and_then(|_| header_text.lines().find_map(timestamp_in))
        })
        // Or one element of the header, where the line runs the date into the name
        // (`<dt><span>Gus Cruz</span><span>1 January 2023 at 08:00</span></dt>`) or puts the
        // name after it.
        .or_else(|| {
            c.header?
                .descendants()
                .skip(1)
                .filter_map(ElementRef::wrap)
                .take(32)
                .map(|d| super::dom::text(d))
                .filter(|t| t.len() <= 80)
                .find_map(|t| timestamp_in(&t))
        })
        .or_else(|| {
            c.footer
                .and_then(|f| super::dom::text(f).lines().find_map(timestamp_in))
        })
        // Or only in an attribute of the comment itself, for scripts (`li[data-comment-
        // timestamp="1506677233000"]`).
        .or_else(|| super::meta::epoch_date(&c.el));
    // Never inside the header, footer or a button ("fold-text", "reply-text"); a form may
    // hold the body (reddit's inline editor).
    let remembered = Remembered::new(&META);
    let meta = |e: &ElementRef<'_>| remembered.matches(e) && !names_a_post(e);
    let not_meta =
        |e: &ElementRef<'_>| items.is_other(i, e) || (meta(e) && e.value().name() != "form");
    let in_tier =
        |tier: &Css| first_with_words(elements_below(c.el, &not_meta).filter(|e| tier.matches(e)));
    let body = CONTENT
        .iter()
        .enumerate()
        .find_map(|(t, tier)| in_tier(tier).map(|b| (t, b)))
        .map(|(t, b)| {
            // A few words (not none: an image's comment) named like a body are a label when
            // a later tier's element beside them (neither holds the other, no quotation or
            // signature) has more letters: many times theirs, or more where the few words
            // are one of a list of like boxes (Twikoo's `tk-extra-text`, the writer's city,
            // system and browser under the words in its `tk-content`).
            let letters = |e: ElementRef<'_>| weighted_letters(&text_with(e, &other));
            let few = letters(b);
            if few == 0 || few > SHORT_BODY_LETTERS {
                return b;
            }
            let listed = one_of_like_boxes(b, c.el);
            let apart = |d: &ElementRef<'_>| {
                !d.ancestors().any(|a| a.id() == b.id())
                    && !b.ancestors().any(|a| a.id() == d.id())
                    && !std::iter::once(*d)
                        .chain(d.ancestors().filter_map(ElementRef::wrap))
                        .take_while(|a| a.id() != c.el.id())
                        .any(|a| is_quote(&a) || super::forum::is_signature(&a))
            };
            CONTENT[t + 1..]
                .iter()
                .filter_map(|tier| in_tier(tier))
                .find(|d| {
                    let more = letters(*d);
                    apart(d) && more > few && (listed || more >= 4 * few.max(1))
                })
                .unwrap_or(b)
        })
        .or_else(|| {
            let named = |e: &ElementRef<'_>| names_by_words(e, is_body_words);
            let body = first_with_words(elements_below(c.el, &not_meta).filter(named))?;
            // The words never hold the author line: a `postbody` around the author pane and
            // the `postmsg` gives way to the one inside it that leaves the author out.
            // The author element, else the first weak sign of one (a name in bold, a member
            // link) that holds a name.
            let name_el = author_el.or_else(|| {
                elements_below(c.el, &other).find(|e| WEAK_AUTHOR.matches(e) && holds_name(e))
            });
            let holds_author = |b: &ElementRef<'_>| {
                name_el.is_some_and(|a| a.ancestors().any(|x| x.id() == b.id()))
            };
            if !holds_author(&body) {
                return Some(body);
            }
            // It holds the words: a third of the text at least, not a date or a counter.
            let outside_quotes = |e: &ElementRef<'_>| not_meta(e) || is_quote(e);
            let whole = super::dom::text(body).len();
            let inner = elements_below(body, &outside_quotes)
                .find(|e| named(e) && !holds_author(e) && 3 * super::dom::text(*e).len() >= whole);
            // Else a later one that leaves the author out (`h3.userText` is the author's line,
            // `div.primaryContent` after it the post).
            let later = || {
                elements_below(c.el, &outside_quotes)
                    .filter(|e| !e.ancestors().any(|a| a.id() == body.id()))
                    .find(|e| e.id() != body.id() && named(e) && !holds_author(e))
            };
            Some(inner.or_else(later).unwrap_or(body))
        })
        .or_else(|| {
            is_record(c)
                .then(|| first_with_words(elements_below(c.el, &not_meta).filter(names_item)))
                .flatten()
        })
        .unwrap_or(c.el);
    // A header laid out as labelled fields around the name is no part of the words.
    let fields = author_el.and_then(|a| header_fields_box(a, c.el, body));
    // The author line, dates and buttons are never the commenter's words, inside a content
    // element or not.
    let skip = |e: &ElementRef<'_>| {
        Some(e.id()) == fields.map(|f| f.id())
            || items.is_other(i, e)
            || is_quote(e)
            || super::quotes::is_quote_title(e)
            || super::forum::is_signature(e)
            || meta(e)
            || Some(e.id()) == author_id
            || Some(e.id()) == byline_el.map(|b| b.id())
            || is_title_link(e)
            || is_opening_heading(e, body)
    };
    let mut raw_text = text_with(body, &skip);
    // Last, a short element before the body that is a date or a header line ending in one,
    // where no date class or header line gave one (`<span class="when">2019-08-13 01:12</span>`,
    // `<h5>Reply #1 on: March 02, 2020, 07:45:30 AM</h5>`).
    // Dates are looked for outside the words: before or after the body, or in a header
    // inside it (vBulletin 5's `div.b-comment__body` holds the name and date line).
    // A short line of the body's own that is a date alone is no words either (a card's
    // `<small>12.04.2024 09:14</small>` between its title and text).
    let body_words = |e: &ElementRef<'_>| {
        other(e)
            || (e.parent().is_some_and(|p| p.id() == body.id())
                && body.id() != c.el.id()
                && !meta(e)
                && !super::dom::short_text(*e, 60).is_some_and(|l| chrome::is_date_line(&l)))
    };
    // A pair's header (`<dt>` name and date) first: its date is the comment's.
    let dated_parts = || {
        c.header
            .into_iter()
            .flat_map(|h| elements_below(h, &other))
            .chain(elements_below(c.el, &body_words).filter(|e| e.id() != body.id()))
            .take(40)
    };
    let short_line = |e: ElementRef<'_>| super::dom::short_text(e, 60).filter(|l| l.len() <= 60);
    // First the words an element holds itself, around inline children ("Posted: Mon Jun 03,
    // 2024 10:12 am <span>&nbsp;</span> Post subject: …", phpBB 2's header); never a member's
    // join date ("Joined: 14 Mar 2004").
    let own_line_date = |e: &ElementRef<'_>| {
        let own: String = e
            .children()
            .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
            .collect::<Vec<_>>()
            .join(" ");
        let own = own.split_whitespace().collect::<Vec<_>>().join(" ");
        if own.len() > 160 || !super::meta::holds_year(&own) {
            return None;
        }
        let label = own.split(':').next().unwrap_or("").trim().to_lowercase();
        if own.contains(':') && MEMBER_SINCE.contains(label.as_str()) {
            return None;
        }
        timestamp_in(&own)
    };
    let timestamp = timestamp.or_else(|| {
        dated_parts()
            .filter(|e| {
                e.children().any(|n| n.value().is_element())
                    && e.children()
                        .any(|n| n.value().as_text().is_some_and(|t| t.trim().len() > 8))
            })
            .find_map(|e| own_line_date(&e))
    });
    let timestamp = timestamp.or_else(|| {
        dated_parts()
            .filter(|e| !e.children().any(|n| n.value().is_element()))
            .find_map(|e| {
                // A relative time shown ("3 days ago") over the full date in a tooltip: the
                // `title` of it or of the element around it (Lemmy's `<span
                // data-tippy-content="Mon, Jun 3, 2024, 10:12 AM"><span>4h</span></span>`).
                // A date shown in the page's local time over its full value with a zone in
                // a `data-value` (`<span data-value="2023-03-14T09:12:33+0900">2023.03.14.
                // 09:12</span>`): the full value.
                short_line(e)
                    .and_then(|line| timestamp_in(&line))
                    .map(|shown| {
                        e.value()
                            .attr("data-value")
                            .and_then(super::meta::timestamp)
                            .unwrap_or(shown)
                    })
                    .or_else(|| {
                        std::iter::once(e)
                            .chain(e.parent().and_then(ElementRef::wrap))
                            .find_map(|t| tooltip_date(&t))
                    })
            })
    });
    // Else the comment's own first line where it is a header line: a name and a date
    // (`<p><b>Mei</b> (June 12, 2021):<br>…</p>`, the comment its own body).
    let timestamp = timestamp.or_else(|| {
        let opening = super::records::text_start(c.el, 200);
        let first = opening.lines().map(str::trim).find(|l| !l.is_empty())?;
        chrome::is_date_line(first)
            .then(|| timestamp_in(first))
            .flatten()
    });
    // A date in numbers only (`05-02-2019, 10:12 AM`): read once the page's other dates tell
    // which number is the day ([`super::read_numeric_dates`]).
    let numeric = if timestamp.is_none() {
        dated_parts()
            .find_map(|e| short_line(e).and_then(|line| NumericDate::of(&line)))
            .or_else(|| {
                // Or in a tooltip over a relative time (Redmine's `<a title="06/03/2024 11:05
                // AM">6 months</a> ago`).
                dated_parts().find_map(|e| {
                    e.value().attrs().find_map(|(name, value)| {
                        let key = attribute_key(name);
                        (key == "title" || key.ends_with("tooltip"))
                            .then(|| NumericDate::of(value))
                            .flatten()
                    })
                })
            })
            .or_else(|| {
                // Or at the end of the header line, after the word that introduces it
                // (Drupal 6's "Submitted by Ann on Mon, 05/03/2010 - 10:10.").
                [" on ", " am ", " le ", " el ", " il "]
                    .iter()
                    .find_map(|on| {
                        let (_, rest) = header_text.rsplit_once(on)?;
                        NumericDate::of(rest.trim().trim_end_matches(['.', ':']))
                    })
            })
    } else {
        None
    };
    // A folded comment shows its header only (no body of its own): its header names it,
    // with no words after it, and what is left is chrome.
    let folded = body.id() == c.el.id() && shows_folded(&c.el, &other);
    let author = author.or_else(|| {
        // The whole comment: where it is its own body, the body's text leaves out its header
        // line (`div.meta`: "Ann | 3 May 2021"). Its elements' words set apart, as a header's.
        let whole = super::dom::text_spaced_with(c.el, &|e| {
            items.is_other(i, e) || is_quote(e) || is_avatar(e)
        });
        let line = if folded {
            chrome::folded_header_name(&whole)?
        } else {
            chrome::header_name(&whole)?
        };
        // A name in bold that opens that line is the whole name where the line runs on into
        // what is set beside it without a space (`<span class="font-bold">Jonas Ek</span><span
        // class="text-sm">March 3, 2023</span>`, as script-built pages write it), and where
        // only the comment's number comes before it (uCoz's `<b>1</b> <a><b>Name</b></a>`).
        let numbered = |before: &str| {
            before
                .trim()
                .chars()
                .all(|ch| ch.is_ascii_digit() || matches!(ch, '#' | '.' | ')' | '№'))
        };
        Some(match opening_bold_name(c.el, &other, body) {
            Some(bold)
                if line.len() > bold.len()
                    && line.find(&bold).is_some_and(|at| numbered(&line[..at])) =>
            {
                bold
            }
            _ => line,
        })
    });
    // Last, a weak sign: a link to a member page, or a link in bold, outside the body; else
    // a name in bold that opens the comment (`<strong>Gerd K.</strong> schrieb am …`).
    let outside_body =
        |e: &ElementRef<'_>| !e.ancestors().any(|a| a.id() == body.id()) || body.id() == c.el.id();
    let author = author
        .or_else(|| {
            elements_below(c.el, &other)
                .filter(outside_body)
                .find(|e| WEAK_AUTHOR.matches(e) && holds_name(e))
                .map(|a| chrome::clean_author(&super::dom::text(a)))
                .filter(|a| !a.is_empty())
        })
        .or_else(|| opening_bold_name(c.el, &other, body));
    // Or a byline after the words (`2023/03/14(火) 09:12 | Hanako | URL | Edit`).
    let (author, timestamp, numeric) = match author {
        Some(a) => (Some(a), timestamp, numeric),
        None => match trailing_byline(c.el, &other, body) {
            Some((name, date, url)) => {
                author_url = author_url.or(url);
                let numeric = numeric.filter(|_| date.is_none());
                (Some(name), timestamp.or(date), numeric)
            }
            // Last, a footer line under the words that names the writer beside the date.
            None => match footer_byline(c.el, &unquoted) {
                Some((line, name)) => {
                    let line_text = super::dom::text_spaced(line).replace('\n', " ");
                    let date = timestamp_in(&line_text);
                    author_url = author_url.or_else(|| link_named(line, &name));
                    raw_text = text_with(body, &|e| skip(e) || e.id() == line.id());
                    let numeric = numeric.filter(|_| date.is_none());
                    (Some(name), timestamp.or(date), numeric)
                }
                // Or a name alone over the words where the comment is dated elsewhere (its
                // footer): "GR Gus Ruiz", the words, "01.03.2023 08:00" or "2 hours ago" (a
                // relative time on a page without a date of its own gives no timestamp).
                None => {
                    let whole = super::dom::text_spaced_with(c.el, &|e| {
                        items.is_other(i, e) || is_quote(e)
                    });
                    let mut lines = whole.lines().map(str::trim).filter(|l| !l.is_empty());
                    let first = lines.next();
                    let mut rest = lines.peekable();
                    let more = rest.peek().is_some();
                    let dated = timestamp.is_some()
                        || numeric.is_some()
                        || rest.any(|l| l.len() <= 80 && chrome::holds_relative_time(l));
                    let name = first.filter(|_| more && dated).and_then(chrome::name_line);
                    (name, timestamp, numeric)
                }
            },
        },
    };
    // The link on the name wherever the name was read from (a header line, bold type, a
    // name no author class marks): a link whose whole text is the name, before the words.
    if author_url.is_none() {
        if let Some(name) = author.as_deref() {
            author_url = header_link_named(c.el, body, &other, name)
                .and_then(|a| web_address(&a))
                // Or the link on the name in a footer byline under the words.
                .or_else(|| {
                    link_named(c.el, name)?;
                    let (line, byline_name) = footer_byline(c.el, &unquoted)?;
                    (byline_name == name).then(|| link_named(line, name))?
                });
        }
    }
    let text = if folded {
        String::new()
    } else {
        chrome::strip(&raw_text, author.as_deref())
    };
    let deleted = marked_deleted(&c.el) || chrome::is_deletion_text(&text);
    // A deleted comment's header may show the notice where the name was ("[deleted] · 5d"):
    // no one's name, as Reddit's own reader has it.
    // A bracketed notice may run on into the date set beside it ("[deleted]March 9, 2023").
    let notice = |a: &str| {
        chrome::is_deletion_notice(a)
            || (a.starts_with('[')
                && a.find(']')
                    .is_some_and(|k| chrome::is_deletion_notice(&a[..=k])))
    };
    let author = author.filter(|a| !(deleted && notice(a)));
    let kind = if c
        .el
        .value()
        .has_class("pingback", scraper::CaseSensitivity::AsciiCaseInsensitive)
    {
        CommentKind::Pingback
    } else if c
        .el
        .value()
        .has_class("trackback", scraper::CaseSensitivity::AsciiCaseInsensitive)
    {
        CommentKind::Trackback
    } else {
        CommentKind::Comment
    };
    let raw = RawComment {
        id: c.id.clone(),
        parent,
        author,
        author_url,
        timestamp,
        text,
        quotes: quotes_in(body, &other),
        kind,
        // The links on the words, not on the author's name nor in a quote or the chrome.
        links: super::body_links(body, &skip),
    }
    .deleted_if(deleted);
    (raw, numeric)
}

/// What the page's markup mentions of two engines, `wp-content`/`wordpress` first, else
/// `drupal`/`Drupal`: in a tag or attribute name, an attribute value, a text or a comment. The
/// same answer as searching the serialised page for the needles (which hold no markup
/// characters), in one walk that stops at the first WordPress mention, without serialising
/// the page.
#[derive(Clone, Copy, PartialEq)]
enum Mentioned {
    WordPress,
    Drupal,
    Neither,
}

fn engine_mentioned(doc: &Doc) -> Mentioned {
    use memchr::memmem::Finder;
    let wordpress = [Finder::new("wp-content"), Finder::new("wordpress")];
    let drupal = [Finder::new("drupal"), Finder::new("Drupal")];
    let mut found_drupal = false;
    for node in doc.tree.values() {
        let mut look = |s: &str| {
            if !found_drupal {
                found_drupal = drupal.iter().any(|f| f.find(s.as_bytes()).is_some());
            }
            wordpress.iter().any(|f| f.find(s.as_bytes()).is_some())
        };
        let wp = match node {
            scraper::Node::Element(e) => {
                look(e.name()) || e.attrs().any(|(name, value)| look(name) || look(value))
            }
            scraper::Node::Text(t) => look(t),
            scraper::Node::Comment(c) => look(c),
            _ => false,
        };
        if wp {
            return Mentioned::WordPress;
        }
    }
    if found_drupal {
        Mentioned::Drupal
    } else {
        Mentioned::Neither
    }
}

/// Names the comment system the markup belongs to.
fn system_name(doc: &Doc, candidates: &[Candidate<'_>]) -> std::borrow::Cow<'static, str> {
    let sig = |needle: &str| candidates.iter().any(|c| c.signature.contains(needle));
    // WordPress numbers its comments: `li#comment-123`, `div#li-comment-123`.
    let wordpress_ids = || {
        candidates.iter().any(|c| {
            (c.signature.contains("#li-comment-") || c.signature.contains("#comment-"))
                && c.id
                    .as_deref()
                    .is_some_and(|id| id.bytes().all(|b| b.is_ascii_digit()))
        })
    };
    let mentioned = std::cell::OnceCell::new();
    let engine = || *mentioned.get_or_init(|| engine_mentioned(doc));
    // The engine that made the page says so in its generator tag, where it keeps it (read
    // from the head's own children: no walk of the page).
    let generator = doc
        .root_element()
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "head")
        .flat_map(|head| head.children().filter_map(ElementRef::wrap))
        .find(|m| {
            m.value().name() == "meta"
                && m.value()
                    .attr("name")
                    .is_some_and(|n| n.eq_ignore_ascii_case("generator"))
        })
        .and_then(|m| m.value().attr("content"))
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let name = if sig("wc-comm-") {
        "wpdiscuz"
    } else if generator.starts_with("blogger") {
        "blogger"
    } else if generator.starts_with("drupal") {
        "drupal"
    } else if generator.starts_with("wordpress") {
        "wordpress"
    } else if generator.starts_with("spip") {
        "spip"
    } else if generator.starts_with("vanilla") {
        "vanilla"
    } else if generator.starts_with("joomla") {
        "joomla"
    } else if sig("[Answer]") {
        "schema-org"
    } else if let Some(name) =
        generator_name(&generator).filter(|_| engine() != Mentioned::WordPress)
    {
        // Any other generator names the system by its first word, or its address's domain
        // (`Discuz! X3.4` → `discuz`, `http://www.typepad.com/` → `typepad`), unless the page
        // is WordPress's (whose plugins write generator tags of their own).
        return name.into();
    } else if let Some(widget) = candidates
        .first()
        .and_then(|c| super::widgets::containing(c.el))
    {
        // Comments found on a page that embeds a comment widget are the widget's, saved
        // after it ran (its markup is not the page engine's).
        widget
    } else if wordpress_ids() || engine() == Mentioned::WordPress {
        "wordpress"
    } else if sig("[Comment]") {
        "schema-org"
    } else if engine() == Mentioned::Drupal {
        "drupal"
    } else {
        "generic"
    };
    name.into()
}

/// The system a `<meta name="generator">` names, lower case: the main label of an address,
/// else the letters of the first word; `None` when that is no name (too short, too long).
fn generator_name(generator: &str) -> Option<String> {
    let word = match super::meta::host(generator.trim()) {
        Some(host) => {
            let labels: Vec<&str> = host.split('.').collect();
            labels.len().checked_sub(2).map(|i| labels[i])?.to_string()
        }
        None => generator.split_whitespace().next()?.to_string(),
    };
    let name: String = word
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_lowercase();
    (name.chars().filter(|c| c.is_alphabetic()).count() >= 2 && name.len() <= 24).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_before_its_date_is_read() {
        assert_eq!(
            timestamp_in("posted by marginalia at 10:12 AM on June 3, 2024 [4 favorites]")
                .as_deref(),
            Some("2024-06-03T10:12")
        );
        // The word that joins a date and its time in another language, an edit mark after.
        for (line, when) in [
            (
                "Dan Ruiz dice: 11 de marzo de 2023 a las 18:10 (editado)",
                "2023-03-11T18:10",
            ),
            (
                "Eva Lenz schreibt: 11. März 2023 um 18:10 (bearbeitet)",
                "2023-03-11T18:10",
            ),
            (
                "Dan Ruiz says: March 11, 2023 at 6:10 pm (edited)",
                "2023-03-11T18:10",
            ),
        ] {
            assert_eq!(timestamp_in(line).as_deref(), Some(when), "{line}");
        }
    }

    #[test]
    fn a_generator_tag_names_the_system() {
        assert_eq!(generator_name("Discuz! X3.4").as_deref(), Some("discuz"));
        assert_eq!(
            generator_name("http://www.typepad.com/").as_deref(),
            Some("typepad")
        );
        assert_eq!(generator_name("1.0"), None);
    }

    /// The parents the finder gives the comments of `html`.
    fn parents_of(html: &str) -> Vec<Option<ParentRef>> {
        shape(html).into_iter().map(|g| g.1).collect()
    }

    /// Parents by index, as the finder states them.
    fn by_index(parents: &[Option<usize>]) -> Vec<Option<ParentRef>> {
        parents.iter().map(|p| p.map(ParentRef::Index)).collect()
    }

    /// The authors of [`shape`]'s comments, "" for none.
    fn authors_of(got: &[(Option<String>, Option<ParentRef>, String)]) -> Vec<&str> {
        got.iter().map(|g| g.0.as_deref().unwrap_or("")).collect()
    }

    /// The parents of [`shape`]'s comments.
    fn parents_in(got: &[(Option<String>, Option<ParentRef>, String)]) -> Vec<Option<ParentRef>> {
        got.iter().map(|g| g.1.clone()).collect()
    }

    /// The six writers of the folded-comment tests, their parents by index and which have no
    /// words.
    fn assert_six(
        got: &[(Option<String>, Option<ParentRef>, String)],
        parents: &[Option<usize>],
        empty: &[bool],
    ) {
        assert_eq!(
            authors_of(got),
            [
                "Ann Ruiz", "Bo Lee", "Cy Hill", "Di Moe", "Eve Park", "Flo Dahl"
            ]
        );
        assert_eq!(parents_in(got), by_index(parents));
        let got_empty: Vec<bool> = got.iter().map(|g| g.2.is_empty()).collect();
        assert_eq!(got_empty, empty);
    }

    fn shape(html: &str) -> Vec<(Option<String>, Option<ParentRef>, String)> {
        let doc = Doc::parse(html);
        let ex = extract(&doc).expect("comments found");
        ex.comments
            .into_iter()
            .map(|c| (c.author, c.parent, c.text))
            .collect()
    }

    /// A page of comments with no comment vocabulary, the thread in `thread`.
    fn unnamed_page(thread: &str) -> String {
        format!(
            r#"<html><body><article><h1>Bridge</h1><p>The council weighs a bridge against a tunnel this spring.</p></article><section><h2>6 Comments</h2><div class="tz">{thread}</div></section></body></html>"#
        )
    }

    /// The writers of the six comments of the comment-layout tests.
    const SIX_NAMES: [&str; 6] = [
        "Ann Ruiz", "Bo Lee", "Cy Hill", "Dov Moe", "Eve Park", "Flo Dahl",
    ];

    /// The six comments of the comment-layout tests: their writers, parents by index and
    /// words.
    fn assert_layout(
        got: &[(Option<String>, Option<ParentRef>, String)],
        parents: &[Option<usize>],
    ) {
        assert_eq!(authors_of(got), SIX_NAMES);
        assert_eq!(parents_in(got), by_index(parents));
        let texts: Vec<&str> = got.iter().map(|g| g.2.as_str()).collect();
        assert_eq!(texts, SIX_WORDS);
    }

    /// The words of the six comments of the comment-layout tests.
    const SIX_WORDS: [&str; 6] = [
        "The bridge plan is too expensive for what it delivers.",
        "Compared to the tunnel it is cheap, they say.",
        "The tunnel estimate left out the approach roads.",
        "Maintenance costs matter too, I think.",
        "Has anyone checked the traffic counts yet?",
        "They are from before the new bus line.",
    ];

    #[test]
    fn header_and_body_pairs_nest_replies_in_the_body_they_answer() {
        // `<dt>` name and date, `<dd>` words, a reply's list in its parent's `<dd>`; only two
        // pairs at the top, the others nested.
        let pair = |k: usize, kids: &str| {
            let name = SIX_NAMES[k];
            format!(
                r#"<dt class="kv"><a href="/people/{k}" class="nm">{name}</a><span class="wn">March {}, 2023 at 10:0{k}</span></dt><dd class="bx"><p>{}</p>{kids}</dd>"#,
                k + 1,
                SIX_WORDS[k]
            )
        };
        let list = |items: String| format!(r#"<dl class="sub">{items}</dl>"#);
        let thread = format!(
            "<dl>{}{}</dl>",
            pair(0, &list(pair(1, &list(pair(2, ""))) + &pair(3, ""))),
            pair(4, &list(pair(5, ""))),
        );
        // Each comment's own words, none of its replies' headers.
        let got = shape(&unnamed_page(&thread));
        assert_layout(&got, &[None, Some(0), Some(1), Some(0), None, Some(4)]);
    }

    #[test]
    fn a_date_in_a_header_sibling_is_the_time_even_run_into_the_name() {
        let page = |head: &dyn Fn(usize) -> String| {
            let thread: String = (0..3)
                .map(|k| format!(r##"<dt class="kv">{}</dt><dd class="bx"><p>{}</p><a href="#">Reply</a></dd>"##, head(k), SIX_WORDS[k]))
                .collect();
            let doc = Doc::parse(&unnamed_page(&format!("<dl>{thread}</dl>")));
            let ex = extract(&doc).expect("comments found");
            ex.comments
                .into_iter()
                .map(|c| c.timestamp.unwrap_or_default())
                .collect::<Vec<_>>()
        };
        let want = ["2023-03-01T10:00", "2023-03-02T10:00", "2023-03-03T10:00"];
        // The name's element and the date's with no space between, or the date first.
        let glued = |k: usize| {
            format!(
                r#"<b>Ann Ruiz{k}</b><span>{} March 2023 at 10:00</span>"#,
                k + 1
            )
        };
        assert_eq!(page(&glued), want);
        let first = |k: usize| {
            format!(
                r#"<span>{} March 2023 at 10:00</span> <b>Ann Ruiz</b>"#,
                k + 1
            )
        };
        assert_eq!(page(&first), want);
        // A `<time>` element's stated value over its printed words.
        let time = |k: usize| {
            format!(
                r#"<b>Ann Ruiz</b> <time datetime="2023-03-0{}T10:00:00Z">{} hours ago</time>"#,
                k + 1,
                k + 2
            )
        };
        let stated: Vec<String> = want.iter().map(|w| format!("{w}:00Z")).collect();
        assert_eq!(page(&time), stated);
    }

    #[test]
    fn a_comment_laid_out_as_a_table_nests_the_tables_of_its_replies() {
        // Each comment a table of its own (header row, words row), a reply's tables in a row
        // after the words.
        let table = |k: usize, kids: &str| {
            let name = SIX_NAMES[k];
            let kids = if kids.is_empty() {
                String::new()
            } else {
                format!(r#"<tr><td><div class="ks">{kids}</div></td></tr>"#)
            };
            format!(
                r#"<table class="qm"><tr><td class="hd"><b>{name}</b> <span>March {}, 2023 at 10:00</span></td></tr><tr><td class="wd"><p>{}</p></td></tr>{kids}</table>"#,
                k + 1,
                SIX_WORDS[k]
            )
        };
        let thread = format!(
            "{}{}",
            table(0, &(table(1, &table(2, "")) + &table(3, ""))),
            table(4, &table(5, "")),
        );
        let got = shape(&unnamed_page(&thread));
        assert_layout(&got, &[None, Some(0), Some(1), Some(0), None, Some(4)]);
    }

    #[test]
    fn a_row_that_opens_with_an_empty_cell_indents_the_replies_in_it() {
        // One table, a row per comment (header cell, words cell); a reply's rows in a table
        // in the row after its parent's, behind an empty cell. Only one comment has replies,
        // so no repeated shape of reply boxes tells it.
        let row = |k: usize| {
            let name = SIX_NAMES[k];
            format!(
                r#"<tr class="rw"><td class="hd"><b>{name}</b> <span>March {}, 2023 at 10:00</span></td><td class="wd"><p>{}</p></td></tr>"#,
                k + 1,
                SIX_WORDS[k]
            )
        };
        let thread = format!(
            r#"<table>{}{}<tr><td></td><td><table class="sub">{}{}</table></td></tr>{}{}</table>"#,
            row(0),
            row(1),
            row(2),
            row(3),
            row(4),
            row(5)
        );
        let got = shape(&unnamed_page(&thread));
        assert_layout(&got, &[None, None, Some(1), Some(1), None, None]);
        // A row whose first cell holds words indents nothing.
        let html = scraper::Html::parse_fragment(
            r#"<table><tr id="a"><td></td><td>x</td></tr><tr id="b"><td>No.</td><td>x</td></tr><tr id="c"><td><img src="s.gif" width="40"></td><td>x</td></tr><tr id="d"><td></td></tr></table>"#,
        );
        let indents: Vec<bool> = ["a", "b", "c", "d"]
            .iter()
            .map(|id| {
                let sel = scraper::Selector::parse(&format!("#{id}")).unwrap();
                indents_by_empty_cell(&html.select(&sel).next().unwrap())
            })
            .collect();
        assert_eq!(indents, [true, false, true, false]);
    }

    #[test]
    fn a_reply_that_names_the_writer_it_answers_hangs_under_their_comment() {
        let item = |name: &str, to: Option<&str>, words: &str| {
            let to = to.map_or(String::new(), |to| {
                format!(r#"<span class="reply-to">In reply to <b>{to}</b></span>"#)
            });
            format!(
                r#"<div class="comment"><span class="comment-author">{name}</span>{to}<p>{words}</p></div>"#
            )
        };
        let html = format!(
            "<html><body><p>Article.</p>{}{}{}{}{}</body></html>",
            item("Ann", None, "First words here."),
            item("Bo", Some("Ann"), "Second words here."),
            item("Cy", None, "Third words here."),
            item("Ann", Some("Bo"), "Fourth words here."),
            // A writer with no comment before it: left where the layout puts it.
            item("Di", Some("Zed"), "Fifth words here."),
        );
        let got = shape(&html);
        let authors = authors_of(&got);
        assert_eq!(authors, ["Ann", "Bo", "Cy", "Ann", "Di"]);
        let parents: Vec<Option<ParentRef>> = got.into_iter().map(|g| g.1).collect();
        assert_eq!(parents, by_index(&[None, Some(0), None, Some(1), None]));
        // The label in other languages, before the name as plain words.
        for label in ["replying to", "Antwort an", "в ответ на"] {
            assert_eq!(REPLY_TO_LABEL.replace(&format!("{label} Ann"), ""), "Ann");
        }
    }

    #[test]
    fn folded_comments_keep_their_place_author_and_no_words() {
        // Markup named in no known word: a run of records, some folded (their header only),
        // the page saying so with a class word, an "Expand" link or a collapsed toggle; a
        // folded reply nested in its parent's record, and a folded comment over its replies.
        let item = |name: &str, date: &str, fold: &str, words: &str, replies: &str| {
            let (class, toggle, body) = match fold {
                "class" => (" collapsed", String::new(), String::new()),
                "link" => (
                    "",
                    r##" <a href="#" class="tog">Expand</a>"##.to_string(),
                    String::new(),
                ),
                "aria" => (
                    "",
                    r#"<button class="tog" aria-expanded="false">+</button> "#.to_string(),
                    String::new(),
                ),
                _ => (
                    "",
                    String::new(),
                    format!(r#"<div class="wds"><p>{words}</p></div>"#),
                ),
            };
            let (before, after) = if fold == "aria" {
                (toggle, String::new())
            } else {
                (String::new(), toggle)
            };
            let replies = if replies.is_empty() {
                String::new()
            } else {
                format!(r#"<div class="kd">{replies}</div>"#)
            };
            format!(
                r##"<div class="rw{class}"><div class="hd">{before}<b class="nm">{name}</b> <span class="tm">{date}</span>{after}</div>{body}<a href="#" class="rp">Reply</a>{replies}</div>"##
            )
        };
        let reply = item("Bo Lee", "March 2, 2023 at 10:07 pm", "aria", "", "");
        let under_folded = item(
            "Di Moe",
            "4 March 2023",
            "",
            "The tunnel estimate left out the roads.",
            "",
        );
        let html = format!(
            "<html><body><article><p>Article words, long enough to be an article.</p></article><h2>5 Comments</h2><div class=\"ls\">{}{}{}{}</div></body></html>",
            item(
                "Ann Ruiz",
                "1 March 2023",
                "",
                "The bridge plan is too expensive for what it delivers.",
                &reply
            ),
            item("Cy Hill", "3 March 2023", "link", "", &under_folded),
            item(
                "Eve Park",
                "5 March 2023",
                "",
                "Maintenance costs matter too, and they add up.",
                ""
            ),
            item("Flo Dahl", "6 March 2023", "class", "", ""),
        );
        assert_six(
            &shape(&html),
            &[None, Some(0), None, Some(2), None, None],
            &[false, true, true, false, false, true],
        );
    }

    #[test]
    fn folded_comments_in_boxes_of_their_own_keep_their_place() {
        // Markup named in no known word: full comments in one class, folded ones drawn as
        // one-line boxes of another (a name, a date, an "Expand" link or a collapsed toggle),
        // flat with margins, most of the replies folded, one folded reply over a reply of its
        // own; a box around a folded one is no comment, nor is a full comment's header.
        let full = |name: &str, date: &str, margin: u32, words: &str| {
            format!(
                r##"<div class="rw" style="margin-left:{margin}px"><div class="hd"><b class="nm">{name}</b> <span class="tm">{date}</span></div><div class="wds"><p>{words}</p></div><a href="#" class="rp">Reply</a></div>"##
            )
        };
        let folded = |name: &str, date: &str, margin: u32, inside: &str| {
            format!(
                r##"<div class="ln" style="margin-left:{margin}px"><b class="nm">{name}</b> <span class="tm">{date}</span> <a href="#" class="tg">Expand</a>{inside}</div>"##
            )
        };
        let html = format!(
            "<html><body><article><p>Article words, long enough to be an article.</p></article><h2>6 Comments</h2><div class=\"ls\">{}{}{}{}<div class=\"wr\">{}</div>{}</div></body></html>",
            full(
                "Ann Ruiz",
                "1 March 2023",
                0,
                "The bridge plan is too expensive for what it delivers."
            ),
            folded("Bo Lee", "2 March 2023", 30, ""),
            folded("Cy Hill", "3 March 2023", 60, ""),
            full(
                "Di Moe",
                "4 March 2023",
                0,
                "The tunnel estimate left out the approach roads."
            ),
            folded("Eve Park", "5 March 2023", 30, ""),
            full(
                "Flo Dahl",
                "6 March 2023",
                0,
                "Maintenance costs matter too, and they add up."
            ),
        );
        assert_six(
            &shape(&html),
            &[None, Some(0), Some(1), None, Some(3), None],
            &[false, true, true, false, true, false],
        );
        // Nested: a folded box holding a full reply, inside a full comment's replies.
        let nested = format!(
            r##"<html><body><article><p>Article words, long enough to be an article.</p></article><h2>4 Comments</h2><div class="ls"><div class="rw"><div class="hd"><b class="nm">Ann Ruiz</b> <span class="tm">1 March 2023</span></div><div class="wds"><p>The bridge plan is too expensive for what it delivers.</p></div><div class="kd">{}</div></div><div class="rw"><div class="hd"><b class="nm">Di Moe</b> <span class="tm">4 March 2023</span></div><div class="wds"><p>The tunnel estimate left out the approach roads.</p></div></div></div></body></html>"##,
            folded(
                "Bo Lee",
                "2 March 2023",
                0,
                r#"<div class="kd"><div class="rw"><div class="hd"><b class="nm">Cy Hill</b> <span class="tm">3 March 2023</span></div><div class="wds"><p>Repairs would cost a tenth of a new crossing.</p></div></div></div>"#
            ),
        );
        let got = shape(&nested);
        let authors = authors_of(&got);
        assert_eq!(authors, ["Ann Ruiz", "Bo Lee", "Cy Hill", "Di Moe"]);
        let parents = parents_in(&got);
        assert_eq!(parents, by_index(&[None, Some(0), Some(1), None]));
    }

    #[test]
    fn the_pages_language_tells_a_numeric_dates_day() {
        // Dates in numbers whose first number is never over 12: the page's language says
        // which is the day (day first but in US English), none where it states none.
        let page = |lang: &str| {
            let record = |name: &str, date: &str, words: &str| {
                format!(
                    r#"<div class="comment"><span class="comment-author">{name}</span> <span class="comment-date">{date}</span><div class="comment-content"><p>{words}</p></div></div>"#
                )
            };
            format!(
                "<html{lang}><body><article><p>Article words.</p></article><div class=\"comments\">{}{}</div></body></html>",
                record("Ana", "02/03/2023 09:07", "Primera."),
                record("Bea", "04/03/2023 10:12", "Segunda."),
            )
        };
        let stamps = |lang: &str| -> Vec<Option<String>> {
            extract(&Doc::parse(&page(lang)))
                .expect("comments")
                .comments
                .into_iter()
                .map(|c| c.timestamp)
                .collect()
        };
        let day_first = vec![
            Some("2023-03-02T09:07".to_string()),
            Some("2023-03-04T10:12".to_string()),
        ];
        assert_eq!(stamps(r#" lang="es""#), day_first);
        assert_eq!(stamps(r#" lang="en-GB""#), day_first);
        assert_eq!(
            stamps(r#" lang="en-US""#),
            [
                Some("2023-02-03T09:07".to_string()),
                Some("2023-04-03T10:12".to_string())
            ]
        );
        assert_eq!(stamps(""), [None, None]);
        assert_eq!(stamps(r#" lang="en""#), [None, None]);
        assert_eq!(stamps(r#" lang="ja""#), [None, None]);
    }

    #[test]
    fn a_deleted_comment_keeps_its_place_over_its_replies() {
        // Markup named in no known word; the platform's notice where the words were and
        // `[deleted]` where the name was, the date glued to it; its reply nested inside it.
        let item = |name: &str, date: &str, words: &str, replies: &str| {
            let replies = if replies.is_empty() {
                String::new()
            } else {
                format!(r#"<div class="kd">{replies}</div>"#)
            };
            format!(
                r##"<div class="rw"><div class="hd"><span class="nm">{name}</span><span class="tm">{date}</span></div><div class="wds"><p>{words}</p></div><a href="#" class="rp">Reply</a>{replies}</div>"##
            )
        };
        let reply = item("Bo Lee", "March 2, 2023", "Who said that, and where?", "");
        let html = format!(
            "<html><body><article><p>Article words, long enough to be an article.</p></article><h2>4 Comments</h2><div class=\"ls\">{}{}{}</div></body></html>",
            item(
                "Ann Ruiz",
                "March 1, 2023",
                "The bridge plan is too expensive for what it delivers.",
                ""
            ),
            item(
                "[deleted]",
                "March 3, 2023",
                "This comment has been deleted.",
                &reply
            ),
            item(
                "Eve Park",
                "March 5, 2023",
                "Maintenance costs matter too, and they add up.",
                ""
            ),
        );
        let doc = Doc::parse(&html);
        let got = extract(&doc).expect("comments found").comments;
        let seen: Vec<(Option<&str>, Option<ParentRef>, &str, bool)> = got
            .iter()
            .map(|c| {
                (
                    c.author.as_deref(),
                    c.parent.clone(),
                    c.text.as_str(),
                    c.kind == CommentKind::Deleted,
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (
                    Some("Ann Ruiz"),
                    None,
                    "The bridge plan is too expensive for what it delivers.",
                    false
                ),
                (None, None, "", true),
                (
                    Some("Bo Lee"),
                    Some(ParentRef::Index(1)),
                    "Who said that, and where?",
                    false
                ),
                (
                    Some("Eve Park"),
                    None,
                    "Maintenance costs matter too, and they add up.",
                    false
                ),
            ]
        );
    }

    #[test]
    fn replies_in_a_box_beside_a_runs_record_are_nested_records() {
        // uCoz: `div.comEnt#comEnt12`, then `div#appEntry12` indented, holding the replies in
        // the records' own shape; the number before the name is no part of it.
        let record = |id: u32, n: u32, name: &str, words: &str| {
            format!(
                r#"<div class="comEnt" id="comEnt{id}"><table class="cBlock{}"><tr><td><div style="float:right">1{n}.03.2023 21:45</div><div><b>{n}</b> <a href="javascript:;"><b>{name}</b></a></div><div class="cMessage">{words}</div><a href="javascript:;">Ответить</a></td></tr></table></div>"#,
                1 + n % 2
            )
        };
        let html = format!(
            r#"<html><body><p>Article.</p><div id="grid">{}<div style="margin-left:20px" id="appEntry12">{}</div>{}<div style="margin-left:20px" id="appEntry15"></div>{}<div style="margin-left:20px" id="appEntry18"></div></div></body></html>"#,
            record(
                12,
                1,
                "Sergei",
                "Спасибо, в субботу поедем туда же. На блесну брала?"
            ),
            record(
                13,
                2,
                "Rybak",
                "На воблер, блесну щука в тот день не брала совсем."
            ),
            record(
                15,
                3,
                "Olga",
                "А лодку где брали? У нас на базе все разобрали."
            ),
            record(18, 4, "Sergei", "Отчёт после субботы выложу здесь же."),
        );
        let got = shape(&html);
        let authors = authors_of(&got);
        assert_eq!(authors, ["Sergei", "Rybak", "Olga", "Sergei"]);
        let parents: Vec<Option<ParentRef>> = got.into_iter().map(|g| g.1).collect();
        assert_eq!(parents, by_index(&[None, Some(0), None, None]));
    }

    #[test]
    fn a_block_repeating_comments_of_the_thread_counts_them_once() {
        let item = |id: u32, name: &str, words: &str, replies: &str| {
            format!(
                r#"<li class="comment" id="comment-{id}"><cite class="fn">{name}</cite><div class="comment-content"><p>{words}</p></div>{replies}</li>"#
            )
        };
        let ann = |replies: &str| item(1, "Ann", "The first train leaves too early now.", replies);
        let bo = item(2, "Bo", "It waits for the ferry most days.", "");
        let cy = item(3, "Cy", "The late boat is the best news of the year.", "");
        let html = format!(
            r#"<html><body><p>Article.</p><ol class="top">{}</ol><ol class="comment-list">{}{cy}</ol></body></html>"#,
            ann(""),
            ann(&format!(r#"<ol class="children">{bo}</ol>"#)),
        );
        let doc = Doc::parse(&html);
        let ex = extract(&doc).expect("comments found");
        let authors: Vec<&str> = ex
            .comments
            .iter()
            .map(|c| c.author.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(authors, ["Ann", "Bo", "Cy"]);
        assert_eq!(ex.repeated, 1);
        // The same id on two comments of other words is no copy: both stay.
        let html = format!(
            r#"<html><body><p>Article.</p><ol class="comment-list">{}{}{cy}</ol></body></html>"#,
            ann(""),
            item(1, "Di", "Another comment under the same id.", ""),
        );
        let doc = Doc::parse(&html);
        assert_eq!(extract(&doc).expect("comments found").comments.len(), 3);
    }

    #[test]
    fn a_role_badge_is_no_author_name() {
        let item = |name: &str, badge: &str, words: &str| {
            format!(
                r#"<div class="comment"><div class="post_author comment-label"><span>{badge}</span></div><div class="comment-author">{name}</div><p>{words}</p></div>"#
            )
        };
        let html = format!(
            "<html><body><p>Article.</p>{}{}{}</body></html>",
            item("Robert", "Autor", "First words here."),
            item("Nossi", "", "Second words here."),
            item("Robert", "Autor", "Third words here.")
        );
        let authors: Vec<Option<String>> = shape(&html).into_iter().map(|g| g.0).collect();
        let expected = ["Robert", "Nossi", "Robert"].map(|a| Some(a.to_string()));
        assert_eq!(authors, expected);
    }

    #[test]
    fn a_body_named_only_for_scripts_and_tests_is_the_comments_words() {
        // Generated class names; the parts' plain names in test ids and a widget's own class
        // attribute. The header's badge, reply-to name and time are not the words.
        let item = |name: &str, to: &str, words: &str, attr: &str| {
            format!(
                r#"<div class="x9_comment"><div class="x9_head"><span class="x9_author">{name}</span><span>Leader</span><span class="x9_to">{to}</span><span>14h</span></div><div {attr}="message-text" class="x9_entity x9_text-entity">{words}</div></div>"#
            )
        };
        for attr in ["data-testid", "data-widget-class"] {
            let html = format!(
                "<html><body><p>Article.</p>{}{}{}</body></html>",
                item("ann", "", "First words here.", attr),
                item("bob", "ann", "Second words here.", attr),
                item("cy", "bob", "Third words here.", attr)
            );
            let texts: Vec<String> = shape(&html).into_iter().map(|g| g.2).collect();
            assert_eq!(
                texts,
                [
                    "First words here.",
                    "Second words here.",
                    "Third words here."
                ],
                "{attr}"
            );
        }
    }

    #[test]
    fn a_flat_list_takes_its_tree_from_script_data_even_beside_one_reply_link() {
        let html = r##"<html><head><script>Site.page = {"comments": [{"thread": 11, "parent": 0}, {"thread": 12, "parent": 11}, {"thread": 13, "parent": 12}, {"thread": 14, "parent": 0}]};</script></head><body>
            <div class="comment" id="comment-11"><span class="author">ann</span><p>First.</p></div>
            <div class="comment" id="comment-12"><span class="author">bob</span><p>Second.</p></div>
            <div class="comment" id="comment-13"><span class="author">cy</span><p>Third, <a href="#comment-12">up there</a>.</p></div>
            <div class="comment" id="comment-14"><span class="author">di</span><p>Fourth.</p></div></body></html>"##;
        assert_eq!(parents_of(html), by_index(&[None, Some(0), Some(1), None]));
        // Without the data, the list is flat but for the one link.
        let bare = html.replace("\"parent\"", "\"other\"");
        assert_eq!(parents_of(&bare), by_index(&[None, None, Some(1), None]));
    }

    #[test]
    fn deleted_comments_keep_their_place_without_text() {
        let item = |attrs: &str, body: &str, inner: &str| {
            format!(
                r#"<div class="comment {attrs}"><b class="author">{}</b><div class="comment-body"><p>{body}</p></div>{inner}</div>"#,
                if body.is_empty() { "" } else { "Ann" }
            )
        };
        let reply = item("", "A reply to a deleted comment.", "");
        let page = |attrs: &str, body: &str| {
            let doc = Doc::parse(&format!(
                "{}{}",
                item(attrs, body, &reply),
                item("", "Another comment.", "")
            ));
            extract(&doc)
                .expect("comments found")
                .comments
                .into_iter()
                .map(|c| (c.kind, c.text, c.parent.is_some()))
                .collect::<Vec<_>>()
        };
        let deleted = (CommentKind::Deleted, String::new(), false);
        // Marked by a class, with nothing left; by a notice; a modifier saying `false` is no mark.
        assert_eq!(page("is-deleted", "")[0], deleted);
        assert_eq!(page("", "[deleted]")[0], deleted);
        assert_eq!(
            page("", "This comment has been removed by the author.")[0],
            deleted
        );
        assert_eq!(
            page("c_deleted_false", "Kept words.")[0].0,
            CommentKind::Comment
        );
        // The reply still hangs from it.
        assert!(page("is-deleted", "")[1].2);
        assert!(!chrome::is_deletion_notice("deleted"));
        assert!(!chrome::is_deletion_notice(
            "This comment was deleted because it was spam, sadly."
        ));
    }

    #[test]
    fn attribute_ids_and_type_tags() {
        let doc = Doc::parse(
            r#"<x-comment thingid="t1_aa1" class="comment"><b class="author">A</b><div class="comment-body"><p>One.</p></div>
               <x-comment thingid="t1_bb2" parent_id="t1_aa1" class="comment"><b class="author">B</b><div class="comment-body"><p>Two.</p></div></x-comment></x-comment>"#,
        );
        let ex = extract(&doc).expect("comments found");
        let ids: Vec<_> = ex
            .comments
            .iter()
            .map(|c| (c.id.clone(), c.parent.clone()))
            .collect();
        assert_eq!(
            ids,
            [
                (Some("aa1".into()), None),
                (Some("bb2".into()), Some(ParentRef::Id("aa1".into())))
            ]
        );
        // A site prefix of letters alone is part of the id.
        let doc = Doc::parse(
            r#"<div data-comment-id="sp_1" class="comment"><b class="author">A</b><p>One.</p></div><div data-comment-id="sp_2" class="comment"><b class="author">B</b><p>Two.</p></div>"#,
        );
        let ex = extract(&doc).expect("comments found");
        assert_eq!(ex.comments[1].id.as_deref(), Some("sp_2"));
    }

    #[test]
    fn numbered_classes_are_depths_only_where_they_read_as_a_tree() {
        let page = |classes: &[&str]| {
            let items: String = classes
                .iter()
                .enumerate()
                .map(|(i, k)| {
                    format!(
                        r#"<div id="comment-{i}" class="comment"><div class="{k}"><b class="fn">N{i}</b><div class="comment-content"><p>Words {i}</p></div></div></div>"#
                    )
                })
                .collect();
            shape(&items)
                .into_iter()
                .map(|(_, parent, _)| parent)
                .collect::<Vec<_>>()
        };
        let tree = page(&["twig twig-1", "twig twig-2", "twig twig-3", "twig twig-2"]);
        assert_eq!(
            tree,
            [
                None,
                Some(ParentRef::Index(0)),
                Some(ParentRef::Index(1)),
                Some(ParentRef::Index(0))
            ]
        );
        // A comment without the class (a stub, a collapsed one) sits beside the one before it,
        // where four in five state a depth.
        let stub = page(&[
            "twig twig-1",
            "twig twig-2",
            "twig",
            "twig twig-3",
            "twig twig-1",
        ]);
        assert_eq!(
            stub,
            [
                None,
                Some(ParentRef::Index(0)),
                Some(ParentRef::Index(0)),
                Some(ParentRef::Index(2)),
                None
            ]
        );
        assert!(
            page(&["twig twig-1", "twig", "twig", "twig twig-2"])
                .iter()
                .all(Option::is_none)
        );
        // The same everywhere, or jumping ahead of the comment before: no depth.
        assert!(
            page(&["col-6", "col-6", "col-6", "col-6"])
                .iter()
                .all(Option::is_none)
        );
        assert!(
            page(&["item-7", "item-2", "item-9", "item-4"])
                .iter()
                .all(Option::is_none)
        );
        assert!(
            page(&["row-1", "row-3", "row-2", "row-1"])
                .iter()
                .all(Option::is_none)
        );
    }

    #[test]
    fn nested_lists_with_wrapped_bodies() {
        let got = shape(
            r#"<ol class="comment-list"><li id="comment-1" class="comment"><article id="div-comment-1"><b class="fn">Ann</b> <span class="says">says:</span><div class="comment-content"><p>Hi</p></div></article>
               <ol class="children"><li id="comment-2" class="comment"><article id="div-comment-2"><b class="fn">Bo</b><div class="comment-content"><p>Yo</p></div></article></li></ol></li></ol>"#,
        );
        assert_eq!(
            got,
            vec![
                (Some("Ann".into()), None, "Hi".into()),
                (Some("Bo".into()), Some(ParentRef::Index(0)), "Yo".into())
            ]
        );
    }

    /// Author, text, id and parent of a comment `extract` found.
    type Found = (Option<String>, String, Option<String>, Option<ParentRef>);

    /// (author, text, id, parent index) of each comment `extract` finds.
    fn found(html: &str) -> Vec<Found> {
        extract(&Doc::parse(html))
            .expect("comments")
            .comments
            .into_iter()
            .map(|c| (c.author, c.text, c.id, c.parent))
            .collect()
    }

    #[test]
    fn comment_words_and_uuid_ids_name_items() {
        // Commento's `commento-card` (Italian for comment), its id `commento-card-3f2a1b`.
        let cards = found(
            r#"<div class="commento-card" id="commento-card-3f2a1b"><div class="commento-name">Ann</div><div class="commento-body"><p>One.</p></div></div>
               <div class="commento-card" id="commento-card-8c7d6e"><div class="commento-name">Bo</div><div class="commento-body"><p>Two.</p></div></div>"#,
        );
        let ids: Vec<_> = cards.iter().map(|c| c.2.as_deref()).collect();
        assert_eq!(ids, [Some("3f2a1b"), Some("8c7d6e")]);
        // A UUID after any prefix (Viafoura's `vf-comment-…`, Remark42's `remark42__comment-…`).
        let uuid = "7d1e0f3a-1b2c-4d5e-8f90-aa11bb22cc33";
        for prefix in ["vf-comment-", "remark42__comment-"] {
            let got = found(&format!(
                r#"<div id="{prefix}{uuid}"><span class="username">Ann</span><p>Words.</p></div>"#
            ));
            assert_eq!(got[0].2.as_deref(), Some(uuid), "{prefix}");
        }
        // Not any hex run: `vf-comment-5f0c` with a prefix other than `comment` is no item.
        assert!(is_item_class("comment-card") && is_item_class("kommentar"));
        assert!(!is_item_class("comment-container") && !is_item_class("commentary"));
    }

    #[test]
    fn a_reply_in_a_list_of_replies_and_a_part_named_comment() {
        // giscus: `div.gsc-reply` inside `div.gsc-replies`, inside the comment it answers.
        let got = found(
            r#"<div class="gsc-comment"><a class="gsc-comment-author" href="https://github.com/ann">ann</a><div class="gsc-comment-content"><p>Question?</p></div>
               <div class="gsc-replies"><div class="gsc-reply"><a class="gsc-reply-author" href="https://github.com/bo">bo</a><div class="gsc-reply-content"><p>Answer.</p></div></div></div></div>
               <div class="gsc-comment"><a class="gsc-comment-author" href="https://github.com/cy">cy</a><div class="gsc-comment-content"><p>Thanks.</p></div></div>"#,
        );
        let shape: Vec<_> = got.iter().map(|c| (c.0.as_deref(), c.3.clone())).collect();
        assert_eq!(
            shape,
            [
                (Some("ann"), None),
                (Some("bo"), Some(ParentRef::Index(0))),
                (Some("cy"), None)
            ]
        );
        // A reply link's box named `reply` outside a list of replies is no comment.
        assert!(
            reply_in_replies(
                &Doc::parse(r#"<div class="x"><div class="reply">R</div></div>"#)
                    .select(&css!(".reply"))
                    .next()
                    .unwrap()
            )
            .is_none()
        );
        // Ghost: items named only by `data-testid`, the avatar's initials in bold before the
        // name.
        let got = found(
            r#"<h2>2 comments</h2><div data-testid="comment-component"><div data-testid="avatar"><p class="font-semibold">HL</p></div><h4 class="font-bold">Hedda Lind</h4><p data-testid="comment-content">Nettles everywhere this year.</p></div>
               <div data-testid="comment-component"><div data-testid="avatar"><p class="font-semibold">JO</p></div><h4 class="font-bold">Jens Ott</h4><p data-testid="comment-content">Nettles make a good tea.</p></div>"#,
        );
        let authors: Vec<_> = got.iter().map(|c| c.0.as_deref()).collect();
        assert_eq!(authors, [Some("Hedda Lind"), Some("Jens Ott")]);
    }

    #[test]
    fn a_name_on_a_button_and_not_the_parent_writer() {
        // Coral: the name is a button opening a profile card; "In reply to Ann" names the
        // parent's writer.
        let got = found(
            r#"<div class="coral-comment" id="comment-a1"><div class="coral-comment-username"><button class="coral-username">Ann Lee</button></div><div class="coral-comment-content"><p>First.</p></div><button>Reply</button>
               <div class="coral-comment-replies"><div class="coral-comment" id="comment-b2"><div class="coral-comment-username"><button class="coral-username">Bo Chen</button></div><div class="coral-comment-inReplyTo">In reply to <span class="coral-comment-inReplyTo-username">Ann Lee</span></div><div class="coral-comment-content"><p>Second.</p></div></div></div></div>
               <div class="coral-comment" id="comment-c3"><div class="coral-comment-inReplyTo">In reply to <span class="coral-comment-inReplyTo-username">Ann Lee</span></div><div class="coral-comment-content"><p>Third.</p></div></div>"#,
        );
        let authors: Vec<_> = got.iter().map(|c| c.0.as_deref()).collect();
        assert_eq!(authors, [Some("Ann Lee"), Some("Bo Chen"), None]);
    }

    #[test]
    fn the_link_on_a_name_is_the_author_url() {
        let doc = Doc::parse(
            r#"<ol><li id="comment-1" class="comment"><cite class="fn"><a href="http://ann.example/" class="url">Ann</a></cite><div class="comment-content"><p>Hi there</p></div></li>
               <li id="comment-2" class="comment"><cite class="fn"><a href="/u/bo">Bo</a></cite><div class="comment-content"><p>Yo</p></div></li></ol>"#,
        );
        let urls: Vec<Option<String>> = extract(&doc)
            .expect("comments")
            .comments
            .into_iter()
            .map(|c| c.author_url)
            .collect();
        assert_eq!(urls, vec![Some("http://ann.example/".into()), None]);
        // Markup named in no known word, the name read from a header line: the link whose
        // whole text is the name, outside the words (not a link in the words, nor one on
        // other text).
        let record = |name: &str, link: &str, words: &str| {
            format!(
                r#"<div class="rw"><div class="hd">{name} says: <span class="tm">3 March 2023</span> {link}</div><div class="wds"><p>{words}</p></div></div>"#
            )
        };
        let html = format!(
            "<html><body><article><p>Article words, long enough to be an article.</p></article><h2>3 Comments</h2><div class=\"ls\">{}{}{}</div></body></html>",
            record(
                r#"<a href="https://ann.example/" rel="nofollow">Ann Ruiz</a>"#,
                "",
                "The bridge plan is too expensive for what it delivers."
            ),
            record(
                "<b>Bo Lee</b>",
                r#"<a href="https://elsewhere.example/">#2</a>"#,
                r#"See <a href="https://bo.example/">Bo Lee</a> on the tunnel estimate."#
            ),
            record(
                r#"<b><a href="https://cy.example/">Cy Hill</a></b>"#,
                "",
                "Maintenance costs matter too, and they add up."
            ),
        );
        let urls: Vec<Option<String>> = extract(&Doc::parse(&html))
            .expect("comments")
            .comments
            .into_iter()
            .map(|c| c.author_url)
            .collect();
        assert_eq!(
            urls,
            [
                Some("https://ann.example/".into()),
                None,
                Some("https://cy.example/".into())
            ]
        );
    }

    #[test]
    fn flat_markup_with_depth_classes() {
        let got = shape(
            r#"<div class="comment level-1"><cite>A</cite><p>a</p></div><div class="comment level-2"><cite>B</cite><p>b</p></div><div class="comment level-3"><cite>C</cite><p>c</p></div><div class="comment level-2"><cite>D</cite><p>d</p></div>"#,
        );
        let parents: Vec<Option<ParentRef>> = got.into_iter().map(|g| g.1).collect();
        assert_eq!(
            parents,
            vec![
                None,
                Some(ParentRef::Index(0)),
                Some(ParentRef::Index(1)),
                Some(ParentRef::Index(0))
            ]
        );
    }

    #[test]
    fn one_comment_without_its_depth_class_does_not_flatten_the_list() {
        let classes = ["level-1", "level-2", "level-3", "", "level-2", "level-1"];
        let html: String = classes
            .iter()
            .zip(["A", "B", "C", "D", "E", "F"])
            .map(|(k, n)| {
                format!(r#"<div class="comment {k}"><cite>{n}</cite><p>{n} says</p></div>"#)
            })
            .collect();
        let parents = parents_of(&html);
        // D, without a class, sits beside C; E answers A; F is top level.
        assert_eq!(
            parents,
            by_index(&[None, Some(0), Some(1), Some(1), Some(0), None])
        );
        // Two in six without: no depths are read.
        let html = html.replacen("level-2", "", 1);
        let parents = parents_of(&html);
        assert!(parents.iter().all(Option::is_none));
    }

    #[test]
    fn a_class_that_marks_replies_gives_two_levels_but_not_to_a_forum() {
        let page = |classes: &[&str]| -> Vec<Option<ParentRef>> {
            let html: String = classes
                .iter()
                .enumerate()
                .map(|(i, k)| {
                    format!(r#"<div class="{k}"><cite>N{i}</cite><p>Words {i}</p></div>"#)
                })
                .collect();
            parents_of(&html)
        };
        assert_eq!(
            page(&[
                "comment",
                "comment is-reply",
                "comment is-reply",
                "comment",
                "comment"
            ]),
            by_index(&[None, Some(0), Some(0), None, None])
        );
        // An opening post and its replies: every post but the first is a "reply".
        assert!(
            page(&["comment", "comment reply", "comment reply", "comment reply"])
                .iter()
                .all(Option::is_none)
        );
    }

    #[test]
    fn hierarchical_numbers_after_the_name_give_the_tree() {
        let html: String = [("A", "1"), ("B", "1.1"), ("C", "1.1.1"), ("D", "2"), ("E", "2.1")]
            .iter()
            .map(|(n, k)| {
                format!(r##"<div class="comment"><cite>{n}</cite> <a href="#c">#{k} — today</a><p>Words of {n}</p></div>"##)
            })
            .collect();
        let parents = parents_of(&html);
        assert_eq!(parents, by_index(&[None, Some(0), Some(1), None, Some(3)]));
    }

    #[test]
    fn anchor_names_split_into_prefix_and_number() {
        assert_eq!(prefixed_number("t1000"), Some(("t", "1000")));
        assert_eq!(prefixed_number("p40211"), Some(("p", "40211")));
        assert_eq!(prefixed_number("1000"), Some(("", "1000")));
        assert_eq!(prefixed_number("post1000"), None);
        assert_eq!(prefixed_number("t10a"), None);
        assert_eq!(prefixed_number("top"), None);
    }

    #[test]
    fn numbers_name_comments_whatever_letters_come_before() {
        assert_eq!(number_key("t1000"), "1000");
        assert_eq!(number_key("msg_1000"), "1000");
        assert_eq!(number_key("1000"), "1000");
        assert_eq!(number_key("lzq0a01"), "lzq0a01");
        assert_eq!(number_key("reply"), "reply");
    }

    #[test]
    fn addresses_compare_without_scheme_www_and_closing_slash() {
        assert_eq!(address_key("https://www.ex.org/a/"), "ex.org/a");
        assert_eq!(address_key("//ex.org/a"), "ex.org/a");
        assert_eq!(address_key("http://ex.org/a"), "ex.org/a");
        assert_eq!(address_key(""), "");
    }

    #[test]
    fn class_words_split_camel_case_and_separators() {
        assert_eq!(
            class_words("MtnCommentAccountName"),
            ["mtn", "comment", "account", "name"]
        );
        assert_eq!(
            class_words("b-user-login__login"),
            ["b", "user", "login", "login"]
        );
        assert_eq!(class_words("HTMLBody"), ["htmlbody"]);
        assert!(is_item_class("MtnComment") && !is_item_class("MtnCommentProfile"));
        assert!(!is_item_class("addComment") && !is_item_class("vote--comment"));
        assert!(is_item_class("comments__item") && !is_item_class("b-rating_object-type_comment"));
        // A name written with underscores only is one name (`u_cbox_comment`); another
        // block's BEM element and forms named with underscores are no comment.
        assert!(is_item_class("u_cbox_comment") && is_item_class("wp_comment"));
        assert!(!is_item_class("page__comment") && !is_item_class("leave_comment"));
        assert!(!is_item_class("add-comment") && !is_item_class("js-post-comment"));
        // Parts written together in old themes.
        let body = |c: &str| is_body_words(&class_words(c));
        assert!(body("postmsg") && body("postbody") && body("commentText") && body("x-text"));
        assert!(!body("postleft") && !body("context") && !body("poster"));
    }

    #[test]
    fn flat_markup_with_depth_on_wrappers() {
        let indented = shape(
            r#"<div class="row" style="margin-left:0px"><div class="comment"><cite>A</cite><p>a</p></div></div><div class="row" style="margin-left:30px"><div class="comment"><cite>B</cite><p>b</p></div></div><div class="row" style="margin-left:60px"><div class="comment"><cite>C</cite><p>c</p></div></div><div class="row" style="margin-left:30px"><div class="comment"><cite>D</cite><p>d</p></div></div><div class="row"><div class="comment"><cite>E</cite><p>e</p></div></div>"#,
        );
        let classed = shape(
            r#"<div class="row level-1"><div class="comment"><cite>A</cite><p>a</p></div></div><div class="row level-2"><div class="comment"><cite>B</cite><p>b</p></div></div><div class="row level-3"><div class="comment"><cite>C</cite><p>c</p></div></div><div class="row level-2"><div class="comment"><cite>D</cite><p>d</p></div></div><div class="row level-1"><div class="comment"><cite>E</cite><p>e</p></div></div>"#,
        );
        let want = vec![
            None,
            Some(ParentRef::Index(0)),
            Some(ParentRef::Index(1)),
            Some(ParentRef::Index(0)),
            None,
        ];
        // Spacing utility classes (Tailwind's `ml-12`, Bootstrap's `ms-4`) indent as a style does;
        // the top comments carry none.
        let utility = shape(
            r#"<div class="flex"><div class="comment"><cite>A</cite><p>a</p></div></div><div class="flex ml-8"><div class="comment"><cite>B</cite><p>b</p></div></div><div class="flex ml-16"><div class="comment"><cite>C</cite><p>c</p></div></div><div class="flex ms-8"><div class="comment"><cite>D</cite><p>d</p></div></div><div class="flex"><div class="comment"><cite>E</cite><p>e</p></div></div>"#,
        );
        for got in [indented, classed, utility] {
            let parents: Vec<Option<ParentRef>> = got.into_iter().map(|g| g.1).collect();
            assert_eq!(parents, want);
        }
    }

    #[test]
    fn depth_stated_in_attributes_or_style_properties() {
        let page = |attrs: [&str; 4]| {
            let items: String = attrs
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    format!(
                        r#"<div class="comment" {a}><b class="fn">N{i}</b><div class="comment-content"><p>Words {i}</p></div></div>"#
                    )
                })
                .collect();
            shape(&items)
                .into_iter()
                .map(|(_, parent, _)| parent)
                .collect::<Vec<_>>()
        };
        let want = [
            None,
            Some(ParentRef::Index(0)),
            Some(ParentRef::Index(1)),
            Some(ParentRef::Index(0)),
        ];
        for stated in [
            [
                r#"aria-level="1""#,
                r#"aria-level="2""#,
                r#"aria-level="3""#,
                r#"aria-level="2""#,
            ],
            [
                r#"data-nesting="0""#,
                r#"data-nesting="1""#,
                r#"data-nesting="2""#,
                r#"data-nesting="1""#,
            ],
            [
                r#"style="--depth:0""#,
                r#"style="--depth: 1""#,
                r#"style="color:red; --comment-depth: 2""#,
                r#"style="--depth:1""#,
            ],
        ] {
            assert_eq!(page(stated), want, "{stated:?}");
        }
    }

    #[test]
    fn left_indentation_of_inline_styles() {
        assert_eq!(style_indent("margin-left: 30px"), 3000);
        assert_eq!(style_indent("margin: 0 0 10px 30px"), 3000);
        assert_eq!(style_indent("margin: 0 2em"), 3200);
        assert_eq!(
            style_indent("padding-inline-start: 1.5em; margin-left: 4px"),
            2800
        );
        assert_eq!(style_indent("margin-left: 5%"), 4000);
        assert_eq!(style_indent("MARGIN-LEFT:40"), 4000);
        // A later declaration replaces an earlier one; negative and unknown values are none.
        assert_eq!(style_indent("margin-left: 30px; margin: 0"), 0);
        assert_eq!(style_indent("margin-left: -20px"), 0);
        assert_eq!(style_indent("margin-left: auto; color: red"), 0);
    }

    #[test]
    fn flat_markup_with_indent_widths() {
        let got = shape(
            r#"<div class="comment" style="margin-left:0px"><cite>A</cite>a</div><div class="comment" style="margin-left: 40px"><cite>B</cite>b</div><div class="comment" style="margin-left:0px"><cite>C</cite>c</div>"#,
        );
        let parents: Vec<Option<ParentRef>> = got.into_iter().map(|g| g.1).collect();
        assert_eq!(parents, vec![None, Some(ParentRef::Index(0)), None]);
    }

    #[test]
    fn a_heading_that_opens_a_comments_words_is_its_title() {
        let item = |who: &str, body: &str| {
            format!(
                r##"<div class="qa"><div class="hd"><b class="nm">{who}</b> <span class="dt">March 3, 2023 at 10:12</span></div><div class="bd">{body}</div><a href="#">Reply</a></div>"##
            )
        };
        let html = format!(
            "<html><body><p>Article.</p><h2>3 Comments</h2><div>{}{}{}</div></body></html>",
            item(
                "Ann Lee",
                "<h4>On the tunnel</h4><p>The estimate left out the roads.</p>"
            ),
            item("Bo Ruiz", "<p>Maintenance costs matter too.</p>"),
            // A heading alone is the words.
            item("Cy Moe", "<h4>Agreed with all of that</h4>")
        );
        let texts: Vec<String> = shape(&html).into_iter().map(|g| g.2).collect();
        assert_eq!(
            texts,
            [
                "The estimate left out the roads.",
                "Maintenance costs matter too.",
                "Agreed with all of that"
            ]
        );
    }

    #[test]
    fn unnamed_boxes_after_two_comments_or_more_hold_their_replies() {
        // Made-up class names: a reply box of one shape after each comment with replies.
        let item = |who: &str| {
            format!(
                r#"<div class="qa"><div class="hd"><b class="nm">{who}</b> says: <span class="dt">2 hours ago</span></div><div class="bd"><p>The council meeting is on Thursday, {who} wrote.</p></div></div>"#
            )
        };
        let kids = |inner: String| format!(r#"<div class="zx">{inner}</div>"#);
        let html = format!(
            "<html><body><p>Article.</p><h2>4 Comments</h2><div>{}{}{}{}</div></body></html>",
            item("Ann Lee"),
            kids(item("Bo Ruiz")),
            item("Cy Moe"),
            kids(item("Di Fox"))
        );
        assert_eq!(
            parents_of(&html),
            vec![
                None,
                Some(ParentRef::Index(0)),
                None,
                Some(ParentRef::Index(2))
            ]
        );
        // One such box, after the last comment: collapsed comments of the same level.
        let html = format!(
            "<html><body><p>Article.</p><h2>4 Comments</h2><div>{}{}{}{}</div></body></html>",
            item("Ann Lee"),
            item("Bo Ruiz"),
            item("Cy Moe"),
            kids(item("Di Fox"))
        );
        assert_eq!(parents_of(&html), vec![None; 4]);
    }

    #[test]
    fn replies_beside_a_comments_wrapper_unless_depths_are_stated() {
        let item = |who: &str, depth: Option<u8>| {
            let depth = depth.map(|d| format!(" depth-{d}")).unwrap_or_default();
            format!(
                r#"<div class="box"><div class="comment{depth}"><b class="author">{who}</b><p>words of {who}</p></div></div>"#
            )
        };
        // Habr: each comment's replies in a `children` box after the box around it.
        let thread = |a: &str, b: &str, c: &str| {
            format!(
                r#"<section><article>{a}</article><div class="thread-children"><section><article>{b}</article><div class="thread-children"><section><article>{c}</article></section></div></section></div></section>"#
            )
        };
        assert_eq!(
            parents_of(&thread(
                &item("A", None),
                &item("B", None),
                &item("C", None)
            )),
            vec![None, Some(ParentRef::Index(0)), Some(ParentRef::Index(1))]
        );
        // Spot.IM: the depths a flat `children-list` states win over the box it follows.
        let flat = format!(
            r#"{}<ul class="children-list"><li>{}</li><li>{}</li><li>{}</li></ul>"#,
            item("A", Some(0)),
            item("B", Some(1)),
            item("C", Some(2)),
            item("D", Some(1))
        );
        assert_eq!(
            parents_of(&flat),
            vec![
                None,
                Some(ParentRef::Index(0)),
                Some(ParentRef::Index(1)),
                Some(ParentRef::Index(0))
            ]
        );
    }

    #[test]
    fn links_on_a_comments_words_are_kept_not_its_authors_nor_its_quotes() {
        let item = |who: &str, body: &str| {
            format!(
                r#"<div class="comment"><a class="comment-author" href="https://{who}.example">{who}</a><div class="comment-content"><blockquote><a href="https://quoted.example">quoted</a></blockquote>{body}</div></div>"#
            )
        };
        let html = format!(
            "{}{}",
            item(
                "ann",
                r#"<p>See <a href="https://casino.example/x">best online casino</a> and <a href="/about">us</a>.</p>"#
            ),
            item("bob", "<p>No links.</p>")
        );
        let ex = extract(&Doc::parse(&html)).expect("comments found");
        let links: Vec<(&str, &str)> = ex.comments[0]
            .links
            .iter()
            .map(|l| (l.url.as_str(), l.words.as_str()))
            .collect();
        assert_eq!(links, [("https://casino.example/x", "best online casino")]);
        assert!(ex.comments[1].links.is_empty());
    }

    #[test]
    fn posts_named_by_their_own_number_count_where_there_are_several() {
        let post = |n: u32, who: &str, inner: &str| {
            format!(
                r#"<article id="p{n}" data-post-id="{n}"><header>by <a href="/user/view.php?id={n}">{who}</a></header><div><p>Words of my own about the sources for the essay, number {n}.</p></div>{inner}</article>"#
            )
        };
        let three = format!(
            "{}{}",
            post(101, "Ann", &post(102, "Bob", "")),
            post(103, "Cy", "")
        );
        let got = shape(&three);
        let parents = parents_in(&got);
        assert_eq!(parents, vec![None, Some(ParentRef::Index(0)), None]);
        // One such element is an article; numbered menu items are links alone.
        assert!(extract(&Doc::parse(&post(101, "Ann", ""))).is_none());
        let menu: String = (439..445)
            .map(|n| format!(r#"<li id="menu-item-{n}" data-item-id="{n}"><a href="/p{n}">Page {n} of the site menu with a long label</a></li>"#))
            .collect();
        assert!(extract(&Doc::parse(&format!("<ul>{menu}</ul>"))).is_none());
    }
}
