//! Comments found by structure, for markup that never says "comment": a comment list is a run
//! of sibling records of one shape (same tag and first class), each holding a name, usually a
//! date, and a body of prose. Forum floors (`div.cell#r_123`), numbered `<dl>` lists and
//! home-grown guest books all look like that.
//!
//! Every run of at least [`MIN_RUN`] such siblings is scored: how many of its records have an
//! author (an author class, a profile link, a name in bold or a heading), a date (a `time`
//! element, a date class, a printed or relative date), and prose of their own. Runs without
//! an author and prose in most records are not comment lists, nor are runs that show no
//! discussion: a word of discussion vocabulary in their markup (comment, reply, post,
//! Kommentar, reactie… in `lexicon/discussion.txt`), or, in most records, a reply link or
//! button (`lexicon/reply_labels.txt`, `?replytocom=`) or a header verb ("says:", "schrieb
//! am"). Article teasers and product lists have names, dates and prose too; they offer no
//! reply. The best run wins; its records without a name or without prose are left out
//! (headers, pagination, ads).
//!
//! Where no sibling run is found, records of one shape that each sit in a box of their own,
//! a reply's box inside the box of what it answers, are scored the same way
//! ([`best_scattered_run`]: mailing-list archives).

use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ego_tree::NodeId;
use regex::Regex;
use scraper::ElementRef;

use super::chrome::{is_date_line, lexicon};
use super::dom::{Css, css, elements_below};

/// Fewest sibling records taken for a comment list.
pub const MIN_RUN: usize = 3;

/// Elements looked at inside one record when scoring it: enough for a header and a body.
const RECORD_SCAN: usize = 200;

static NAME: Css = css!(
    r#"[class*="author"], [class*="user"], [class*="name"], [class*="nick"], [itemprop="author"], a[href*="/user"], a[href*="/member"], a[href*="/profile"], a[href*="/u/"], a[href*="/@"], a[href*="/people/"], strong > a, b > a, h4, h5, h6, cite"#
);
static DATE: Css = css!(
    r#"time, [class*="date"], [class*="time"], [class*="ago"], [datetime], [itemprop="dateCreated"]"#
);

/// Words that name a discussion in class and id names (`lexicon/discussion.txt`).
static VOCABULARY: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lexicon(include_str!("lexicon/discussion.txt")));

/// Labels of a reply link or button (`lexicon/reply_labels.txt`).
static REPLY_LABELS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lexicon(include_str!("lexicon/reply_labels.txt")));

static LINKS: Css = css!("a, button");

/// A header verb between a name and the words ("Marta says:", "Gerd schrieb am 02.05.2021:",
/// "Иван написал"), near the start of a record. Word edges as in [`super::chrome`]'s date
/// patterns (`\W`, not `\b`, which is slow on non-Latin text).
static HEADER_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|\W)(?:{})(?:$|\W)",
        super::chrome::saying_verbs_pattern()
    ))
    .expect("header verb pattern compiles")
});

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{L}\p{Ll}+|\p{Lu}+").expect("word pattern compiles"));

/// One record of a run: its element, and for a run of header and body pairs (`<dt>` name and
/// date, `<dd>` words; `<h4>` and `<p>`), the header sibling before it.
pub type RunRecord<'a> = (ElementRef<'a>, Option<ElementRef<'a>>);

/// The records of the best comment-like run below `body`, in page order; empty when none.
pub fn best_run<'a>(
    body: ElementRef<'a>,
    prune: &dyn Fn(&ElementRef<'a>) -> bool,
) -> Vec<RunRecord<'a>> {
    let counts = heading_counts(body);
    best_run_among(
        std::iter::once(body).chain(elements_below(body, prune)),
        prune,
        &counts,
    )
}

/// Tags that never hold a record of their own: words, paragraphs, headings, links, media and
/// form controls.
const NO_RECORD_TAGS: &[&str] = &[
    "a", "abbr", "b", "br", "button", "code", "em", "h1", "h2", "h3", "h4", "h5", "h6", "i", "img",
    "input", "label", "p", "path", "picture", "script", "small", "source", "span", "strong",
    "style", "svg", "time", "u",
];

/// The records of a short thread: one or two sibling records of one shape, fewer than
/// [`MIN_RUN`], whose replies are records of the same shape nested in them, at least
/// [`MIN_RUN`] in all (Talkyard's `li`s: two comments, the first with a reply and a reply to
/// that). Every element of the shape inside them must be a record too (a name and prose), as
/// layout boxes nested in boxes of their shape are not; the one or two are then scored as a
/// run. Asked where no run of siblings or scattered run was found. Empty when none.
pub fn best_short_nested_run<'a>(
    body: ElementRef<'a>,
    prune: &dyn Fn(&ElementRef<'a>) -> bool,
) -> Vec<RunRecord<'a>> {
    use ego_tree::iter::Edge;
    // One walk: each element of a record-holding tag with an element of its shape around it
    // is nested in the nearest such one; the others are the outermost of their shape.
    let mut open: HashMap<String, Vec<NodeId>> = HashMap::new();
    let mut closes: Vec<Option<String>> = Vec::new();
    let mut nested: FxHashMap<NodeId, Vec<ElementRef<'a>>> = FxHashMap::default();
    let mut outermost: Vec<ElementRef<'a>> = Vec::new();
    let mut pruned_at: Option<NodeId> = None;
    for edge in body.traverse() {
        match edge {
            Edge::Open(node) => {
                let Some(el) = ElementRef::wrap(node) else {
                    continue;
                };
                if pruned_at.is_some() {
                    closes.push(None);
                    continue;
                }
                if el.id() != body.id() && prune(&el) {
                    pruned_at = Some(el.id());
                    closes.push(None);
                    continue;
                }
                if NO_RECORD_TAGS.contains(&el.value().name()) {
                    closes.push(None);
                    continue;
                }
                let key = shape(&el);
                let around = open.entry(key.clone()).or_default();
                match around.last() {
                    Some(&outer) => nested.entry(outer).or_default().push(el),
                    None => outermost.push(el),
                }
                around.push(el.id());
                closes.push(Some(key));
            }
            Edge::Close(node) => {
                if node.value().is_element() {
                    if pruned_at == Some(node.id()) {
                        pruned_at = None;
                    }
                    if let Some(Some(key)) = closes.pop() {
                        if let Some(around) = open.get_mut(&key) {
                            around.pop();
                        }
                    }
                }
            }
        }
    }
    // All the elements of the shape inside `el`, nested at any depth.
    let inside = |el: &ElementRef<'a>| {
        let mut all = Vec::new();
        let mut todo = vec![el.id()];
        while let Some(at) = todo.pop() {
            for e in nested.get(&at).into_iter().flatten() {
                all.push(*e);
                todo.push(e.id());
            }
        }
        all
    };
    let is_record = |el: ElementRef<'_>| {
        let opening = opening_prose(el);
        opening.1 && record((el, None), opening).name
    };
    let mut best: Option<(f64, Vec<RunRecord<'a>>)> = None;
    // The outermost ones by parent and shape, in page order.
    let mut groups: Vec<Vec<ElementRef<'a>>> = Vec::new();
    let mut group_of: FxHashMap<(NodeId, String), usize> = FxHashMap::default();
    for el in outermost {
        let Some(parent) = el.parent() else {
            continue;
        };
        let next = groups.len();
        let at = *group_of.entry((parent.id(), shape(&el))).or_insert(next);
        if at == next {
            groups.push(Vec::new());
        }
        groups[at].push(el);
    }
    for members in groups {
        if members.len() >= MIN_RUN || !members.iter().any(|m| nested.contains_key(&m.id())) {
            continue;
        }
        let replies: Vec<ElementRef<'a>> = members.iter().flat_map(inside).collect();
        if members.len() + replies.len() < MIN_RUN || !replies.iter().all(|r| is_record(*r)) {
            continue;
        }
        let Some(parent) = members[0].parent().and_then(ElementRef::wrap) else {
            continue;
        };
        let records: Vec<RunRecord<'a>> = members.iter().map(|m| (*m, None)).collect();
        if let Some((score, kept)) = score_run_of(parent, &records, members.len()) {
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, kept));
            }
        }
    }
    best.map(|(_, kept)| kept).unwrap_or_default()
}

/// Most elements of one shape scored as a scattered run: a bound on the work on pages of
/// thousands of layout boxes.
const SCATTERED_MAX: usize = 2000;

/// The records of the best comment-like run of elements of one shape that are *not* siblings:
/// a thread template that wraps each reply in a box of its own (HyperKitty's `div.email`, the
/// first in `div.thread-email`, the replies each in a `div.even`/`div.odd` indented box).
/// Only elements with a class, at least [`MIN_RUN`] of them, each its parent's only one
/// (boxes of one shape side by side are a layout's columns and cards), some of those boxes
/// inside another's (a reply's box in its parent's), none of the elements inside another
/// (nested boxes of one shape are layout), and most offering a reply (a link or button). Empty when none; asked where no sibling run was found.
pub fn best_scattered_run<'a>(
    body: ElementRef<'a>,
    prune: &dyn Fn(&ElementRef<'a>) -> bool,
) -> Vec<RunRecord<'a>> {
    // Shapes as [`shape`] reads them, borrowed from the page (no `tr` here, whose shape is
    // its first cell's).
    let mut groups: HashMap<(&str, &str), Vec<ElementRef<'a>>> = HashMap::new();
    let mut order: Vec<(&str, &str)> = Vec::new();
    // Header and body pairs by their two shapes (`dt.head` then `dd.words`).
    let mut pairs: HashMap<PairKey<'a>, Vec<RunRecord<'a>>> = HashMap::new();
    let mut pair_order: Vec<PairKey<'a>> = Vec::new();
    for el in elements_below(body, prune) {
        if let Some((key, header)) = pair_key(el) {
            let members = pairs.entry(key).or_default();
            if members.is_empty() {
                pair_order.push(key);
            }
            members.push((el, Some(header)));
        }
        let value: &'a scraper::node::Element = el.value();
        if !matches!(
            value.name(),
            "div" | "article" | "section" | "li" | "table" | "dd"
        ) {
            continue;
        }
        let Some(class) = template_class(value) else {
            continue;
        };
        let key = (value.name(), class);
        let members = groups.entry(key).or_default();
        if members.is_empty() {
            order.push(key);
        }
        members.push(el);
    }
    let mut best: Option<(f64, Vec<RunRecord<'a>>)> = None;
    for key in order {
        let members = &groups[&key];
        if members.len() < MIN_RUN || members.len() > SCATTERED_MAX {
            continue;
        }
        // Each in a box of its own: no two share a parent (siblings are a run's, above).
        let parents: HashSet<_> = members
            .iter()
            .filter_map(|m| m.parent())
            .map(|p| p.id())
            .collect();
        if parents.len() < members.len() {
            continue;
        }
        // And a reply's box sits inside the box of what it answers (HyperKitty's `div.odd` in
        // the `div.even` of the mail it answers): boxes side by side are a grid of teasers.
        let nested = members.iter().any(|m| {
            m.parent()
                .is_some_and(|p| p.ancestors().any(|a| parents.contains(&a.id())))
        });
        if !nested {
            continue;
        }
        let ids: HashSet<_> = members.iter().map(|m| m.id()).collect();
        if members
            .iter()
            .any(|m| m.ancestors().any(|a| ids.contains(&a.id())))
        {
            continue;
        }
        // Boxes scattered over a page are a thread only where most offer a reply (a sibling
        // run may show its discussion by vocabulary alone; boxes apart need more), which is
        // cheap to ask before scoring.
        let replying = members
            .iter()
            .filter(|m| {
                elements_below(**m, &|_| false)
                    .take(RECORD_SCAN)
                    .any(|e| is_reply_action(&e))
            })
            .count();
        if replying * 2 < members.len() {
            continue;
        }
        let records: Vec<RunRecord<'a>> = members.iter().map(|m| (*m, None)).collect();
        if let Some((score, kept)) = score_run(body, &records) {
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, kept));
            }
        }
    }
    // Header and body pairs of one shape over several lists, a reply's list in the body of
    // the pair it answers (`<dd>… <dl><dt>…</dt><dd>…</dd></dl></dd>`): the nesting shows the
    // discussion, as replies' boxes inside their parents' do above.
    for key in pair_order {
        let members = &pairs[&key];
        if members.len() < MIN_RUN || members.len() > SCATTERED_MAX {
            continue;
        }
        let bodies: HashSet<_> = members.iter().map(|(m, _)| m.id()).collect();
        let nested = members
            .iter()
            .any(|(m, _)| m.ancestors().any(|a| bodies.contains(&a.id())));
        if !nested {
            continue;
        }
        if let Some((score, kept)) = score_run(body, members) {
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, kept));
            }
        }
    }
    best.map(|(_, kept)| kept).unwrap_or_default()
}

/// The tags and first classes of a header and the body after it.
pub type PairKey<'a> = ((&'a str, &'a str), (&'a str, &'a str));

/// `el` as the body of a header and body pair, with its key and header: the element sibling
/// before it, of another shape, both with a class, or a `dt` and its `dd`.
pub fn pair_key(el: ElementRef<'_>) -> Option<(PairKey<'_>, ElementRef<'_>)> {
    fn shape(e: &scraper::node::Element) -> (&str, &str) {
        (e.name(), template_class(e).unwrap_or(""))
    }
    let header = el.prev_siblings().find_map(ElementRef::wrap)?;
    let (h, b) = (header.value(), el.value());
    let key = (shape(h), shape(b));
    let classed = !key.0.1.is_empty() && !key.1.1.is_empty();
    let listed = h.name() == "dt" && b.name() == "dd";
    (key.0 != key.1 && (classed || listed)).then_some((key, header))
}

/// The records of the best comment-like run that holds `inner` (the run's parent is one of
/// its ancestors below `body`, or `body`), in page order; empty when none. A search of one
/// ancestor line, not of the page.
pub fn best_run_holding<'a>(
    body: ElementRef<'a>,
    prune: &dyn Fn(&ElementRef<'a>) -> bool,
    inner: ElementRef<'a>,
) -> Vec<RunRecord<'a>> {
    let line: Vec<ElementRef<'a>> = inner
        .ancestors()
        .filter_map(ElementRef::wrap)
        .take_while(|a| a.id() != body.id())
        .skip(1)
        .chain(std::iter::once(body))
        .collect();
    let run = best_run_among(line.into_iter(), prune, &FxHashMap::default());
    let holds = run
        .iter()
        .any(|(r, _)| inner.ancestors().any(|a| a.id() == r.id()));
    if holds { run } else { Vec::new() }
}

/// The best run among the children of each of `parents`.
fn best_run_among<'a>(
    parents: impl Iterator<Item = ElementRef<'a>>,
    prune: &dyn Fn(&ElementRef<'a>) -> bool,
    counts: &FxHashMap<NodeId, usize>,
) -> Vec<RunRecord<'a>> {
    let mut best: Option<(f64, Vec<RunRecord<'a>>)> = None;
    // A run as good as the best, where the best is one box that holds the run's records and
    // opens with one of them, is the finer reading: a list holding one comment (and its
    // replies, nested or in boxes beside it, folded ones and "Load more" controls), counted by
    // the heading above it, is no comment itself; a comment opens with its own header.
    let mut consider = |found: Option<(f64, Vec<RunRecord<'a>>)>| {
        if let Some((score, kept)) = found {
            let better = best.as_ref().is_none_or(|(b, outer)| {
                // Records of a best's record's shape inside it, or inside the box right after
                // it, are its replies, however well they score as a run.
                let replies = kept.first().is_some_and(|(first, _)| {
                    let around: FxHashSet<NodeId> = first.ancestors().map(|a| a.id()).collect();
                    outer.iter().any(|(o, _)| {
                        let next = o.next_siblings().find_map(ElementRef::wrap);
                        let holds = |id: NodeId| id == o.id() || next.is_some_and(|n| n.id() == id);
                        (around.contains(&o.id()) || next.is_some_and(|n| around.contains(&n.id())))
                            && shape(o) == shape(first)
                            && kept
                                .iter()
                                .all(|(r, _)| r.ancestors().any(|a| holds(a.id())))
                    })
                });
                !replies && score > *b
                    || (score == *b
                        && matches!(outer.as_slice(), [(only, None)] if kept.iter().all(|(r, _)| {
                            r.ancestors().any(|a| a.id() == only.id())
                        }) && only.children().find_map(ElementRef::wrap).is_some_and(|first| {
                            kept.iter().any(|(r, _)| r.id() == first.id())
                        })))
            });
            if better {
                best = Some((score, kept));
            }
        }
    };
    for parent in parents {
        let children: Vec<ElementRef<'a>> = parent
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| !prune(c) && !matches!(c.value().name(), "script" | "style" | "br" | "hr"))
            .collect();
        let shapes: Vec<String> = children.iter().map(shape).collect();
        // Each shape's members, as indices into `children`.
        let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        for (k, key) in shapes.iter().enumerate() {
            if !groups.contains_key(key.as_str()) {
                order.push(key);
            }
            groups.entry(key).or_default().push(k);
        }
        // The last heading among the siblings: a run of plain paragraphs may hold the
        // article's paragraphs, a "Comments" heading, then the comments (`<p><b>Mei</b> (June
        // 12, 2021):<br>…</p>`), so the members after it are a run of their own too.
        let last_heading = children.iter().rposition(is_heading);
        // Boxes that each hold a record of a sibling's shape (a class naming it) in their
        // first two levels, and little text of their own beside such records: a record's box
        // of replies set beside it (`article.c`, `div.replies > article.c`, `article.c`, …).
        // The sibling records are the comment list, not their boxes of replies, however many
        // more boxes there are; a record that holds its replies has words of its own.
        let boxes_of_siblings = |key: &str, members: &[usize]| {
            members.iter().all(|&k| {
                // (Boxes of the same shape inside, replies' replies, are left out too.)
                let (mut records, mut inside) = (false, Vec::new());
                for d in children[k]
                    .children()
                    .filter_map(ElementRef::wrap)
                    .flat_map(|c| {
                        std::iter::once(c).chain(c.children().filter_map(ElementRef::wrap))
                    })
                {
                    let s = shape(&d);
                    if s == key {
                        inside.push(d.id());
                    } else if !s.ends_with('.') && groups.contains_key(s.as_str()) {
                        records = true;
                        inside.push(d.id());
                    }
                }
                records
                    && super::dom::short_text_outside(children[k], BOX_TEXT, &|e| {
                        inside.contains(&e.id())
                    })
                    .is_some()
            })
        };
        for key in order {
            // An empty box of the records' shape (a template the page's scripts fill, a
            // placeholder) or an advertisement laid out like them is no member: it would thin
            // the run's shares of names and prose. (Advertisements are looked for among two
            // members or more: one alone decides nothing here, and is dropped later if found.)
            let all = &groups[&key];
            let member = |k: usize| {
                has_text(children[k])
                    && (all.len() < 2 || !super::generic::is_advertisement(children[k], &|_| false))
            };
            let texted: Vec<usize>;
            let members: &[usize] = if all.iter().all(|&k| member(k)) {
                all
            } else {
                texted = all.iter().copied().filter(|&k| member(k)).collect();
                if texted.is_empty() {
                    continue;
                }
                &texted
            };
            if members.len() >= MIN_RUN && boxes_of_siblings(key, members) {
                continue;
            }
            if members.len() < MIN_RUN {
                // One or two records under a heading that counts as many comments or more
                // (the others replies nested in them).
                let counted = !counts.is_empty()
                    && counted_before(counts, parent, children[members[0]])
                        .is_some_and(|n| n >= members.len());
                if counted {
                    let records = with_headers(&children, &shapes, members);
                    consider(score_run_of(parent, &records, members.len()));
                }
                continue;
            }
            let records = with_headers(&children, &shapes, members);
            let found = score_run(parent, &records);
            if found.is_none() {
                // Members left out (a "log in to comment" notice, an advertisement, a
                // script's empty template, laid out like the comments) may leave fewer than
                // MIN_RUN: under a heading that counts as many comments or more, those few
                // are a run as above.
                if let Some(n) = counted_before(counts, parent, children[members[0]]) {
                    consider(score_run_of(parent, &records, 1).filter(|(_, kept)| n >= kept.len()));
                }
            }
            consider(found);
            if let Some(h) = last_heading.filter(|&h| members[0] < h) {
                let after: Vec<RunRecord<'a>> = members
                    .iter()
                    .filter(|&&k| k > h)
                    .map(|&k| (children[k], None))
                    .collect();
                if after.len() >= MIN_RUN {
                    consider(score_run(parent, &after));
                }
            }
        }
        consider(score_run(parent, &header_pairs(&children, &shapes)));
    }
    best.map(|(_, kept)| kept).unwrap_or_default()
}

/// Whether an element holds any text but white space.
fn has_text(el: ElementRef<'_>) -> bool {
    el.text().any(|t| !t.trim().is_empty())
}

/// The records of one shape among `children` (`members`, indices into them), each with its
/// header where every one follows a sibling of one other shape that holds words, as
/// [`pair_key`] takes pairs (`dt` name and date, `dd` words): the words alone would lose the
/// name and date.
fn with_headers<'a>(
    children: &[ElementRef<'a>],
    shapes: &[String],
    members: &[usize],
) -> Vec<RunRecord<'a>> {
    let header_shape = members[0].checked_sub(1).map(|h| &shapes[h]);
    let paired = header_shape.is_some_and(|hs| {
        *hs != shapes[members[0]]
            && members.iter().all(|&k| {
                k > 0
                    && shapes[k - 1] == *hs
                    && pair_key(children[k]).is_some()
                    && !super::dom::text(children[k - 1]).trim().is_empty()
            })
    });
    members
        .iter()
        .map(|&k| (children[k], paired.then(|| children[k - 1])))
        .collect()
}

/// Header and body pairs among siblings: where elements of one shape are each followed by an
/// element of another (`dt`, `dd`, `dt`, `dd`…), each pair is one record, the body carrying
/// it. Empty when no shape pairs up so at least [`MIN_RUN`] times.
fn header_pairs<'a>(children: &[ElementRef<'a>], shapes: &[String]) -> Vec<RunRecord<'a>> {
    if children.len() < 2 * MIN_RUN {
        return Vec::new();
    }
    let mut counts: HashMap<(&str, &str), usize> = HashMap::new();
    for pair in shapes.windows(2) {
        if pair[0] != pair[1] {
            *counts.entry((&pair[0], &pair[1])).or_default() += 1;
        }
    }
    let Some(&n) = counts.values().max() else {
        return Vec::new();
    };
    if n < MIN_RUN {
        return Vec::new();
    }
    // A record of three parts or more (Blogger's `dt` author line, `dd` body, `dd` footer)
    // repeats as many pairs as often: the record opens with the head that no such pair ends
    // in (the `dt`), and its body is what follows it.
    let most: Vec<(&str, &str)> = counts
        .iter()
        .filter(|(_, c)| **c == n)
        .map(|(k, _)| *k)
        .collect();
    let Some(&(head, tail)) = most
        .iter()
        .filter(|(h, _)| !most.iter().any(|(_, t)| t == h))
        .min()
        .or_else(|| most.iter().min())
    else {
        return Vec::new();
    };
    (1..children.len())
        .filter(|&i| shapes[i - 1] == head && shapes[i] == tail)
        .map(|i| (children[i], Some(children[i - 1])))
        .collect()
}

/// Zebra classes alternate between records of one shape (`even`, `odd`), also numbered
/// (`row1`/`row2`, `alt1`/`alt2`).
const ZEBRA: &[&str] = &["even", "odd", "alt", "first", "last"];

/// The first class as written that is no zebra class, without a trailing number (`row1` →
/// `row`): the class a template gives every record it renders. `None` without one.
fn template_class(value: &scraper::node::Element) -> Option<&str> {
    super::dom::classes_in_order(value)
        .find(|c| !ZEBRA.iter().any(|z| c.eq_ignore_ascii_case(z)))
        .map(|c| c.trim_end_matches(|ch: char| ch.is_ascii_digit()))
}

/// Tag and first class: what a template gives every record it renders.
fn shape(el: &ElementRef<'_>) -> String {
    let class = template_class(el.value()).unwrap_or("");
    let name = el.value().name();
    // A table row without a class takes the shape of its first cell (phpBB 2's posts are
    // `tr`s of `td.row1`, its header rows `tr`s of `th`, its spacers `tr`s of `td.spaceRow`).
    if class.is_empty() && name == "tr" {
        if let Some(cell) = el.children().find_map(ElementRef::wrap) {
            return format!("tr>{}", shape(&cell));
        }
    }
    format!("{name}.{class}")
}

/// What one record holds.
struct Record {
    name: bool,
    date: bool,
    prose: bool,
    vocabulary: bool,
    /// A reply link or button ("Reply", "Antworten", `?replytocom=`, `#respond`), or a header
    /// verb ("says:", "schrieb am"): the record is a contribution to a discussion, whatever its
    /// markup is named.
    discussion: bool,
}

/// A record's opening text and whether it holds prose: a line of several words that is not a
/// date (in scripts written without spaces, several characters), or much text. Read before the
/// rest of the record, as a run without prose in most records is no comment list whatever else
/// its records hold.
fn opening_prose(el: ElementRef<'_>) -> (String, bool) {
    let own = text_start(el, RECORD_TEXT);
    let prose = (own.lines().any(|l| {
        !is_date_line(l)
            && (l.split_whitespace().count() >= 4
                || l.chars().filter(|c| is_unspaced(*c)).count() >= 6
                || (l.split_whitespace().count() >= 2
                    && l.chars().filter(|c| is_hangul_syllable(*c)).count() >= 8))
            // Nor a header's labelled fields ("Date: 2 hours ago (Link)").
            && !super::chrome::is_fields_line(l, None)
    }) || own.chars().filter(|c| c.is_alphabetic()).count() >= 40)
        // A header line alone is none: a folded comment's "Ivo Fox Author 3 hours ago #2
        // Expand".
        && !first_line(&own).is_some_and(|(_, more)| !more && opens_with_header_line(&own));
    (own, prose)
}

/// Whether `el` alone reads as a record of a comment list: a name (an author element, a
/// name in bold or on a header line beside a date or a reply link) and prose of its own.
pub fn is_record(el: ElementRef<'_>) -> bool {
    let opening = opening_prose(el);
    opening.1 && record((el, None), opening).name
}

/// A record's first line, after a letter avatar's initials ("EP", then "Eve Park 3 May
/// 2023"), and whether more lines follow it.
fn first_line(own: &str) -> Option<(&str, bool)> {
    let mut lines = own.lines().map(str::trim).filter(|l| !l.is_empty());
    let (a, b) = (lines.next()?, lines.next());
    match b {
        Some(b) if super::chrome::is_avatar_initials(a, b) => Some((b, lines.next().is_some())),
        _ => Some((a, b.is_some())),
    }
}

/// Whether a record's own text opens with a header line of a name and its date, longer than
/// a date line ("March 8, 2023 at 4:49 pm Eve Park Author #8"), with words after it: a line
/// alone may be a teaser's or a list's.
fn opens_dated_header(own: &str) -> bool {
    first_line(own).is_some_and(|(line, more)| {
        more && line.len() <= 200 && super::chrome::is_dated_header(line)
    })
}

/// Whether a record's opening lines hold the notice a page leaves for a deleted comment
/// ("This comment has been deleted.", `[deleted]` where the name was).
fn opens_with_deletion_notice(own: &str) -> bool {
    own.lines()
        .filter(|l| !l.trim().is_empty())
        .take(4)
        .any(super::chrome::is_deletion_notice)
}

/// Whether `el` shows a deleted comment: its opening lines hold a deletion notice.
pub fn is_deleted_record(el: ElementRef<'_>) -> bool {
    opens_with_deletion_notice(&text_start(el, RECORD_TEXT))
}

/// Whether a box's own text (its replies left out) opens with a comment's header line: a
/// name beside its date or a relative time ("Hana Hill says: 4 hours ago #3 Expand"), or a
/// header of labelled fields ("From: Hana Hill", "Date: 4 hours ago").
pub fn opens_with_header_line(own: &str) -> bool {
    first_line(own).is_some_and(|(line, _)| super::chrome::is_header_line(line))
        || super::chrome::opens_with_fields_header(own)
        || opens_with_name_and_date_lines(own)
}

/// Whether a record opens with its name and its date on two lines of their own, in either
/// order (a name in a heading or a block, `<h4>Bob Kral</h4><small>02.03.2023 09:07</small>`;
/// "By Bob Kral" after the date): the header line a block element broke in two. After a
/// letter avatar's initials too.
fn opens_with_name_and_date_lines(own: &str) -> bool {
    let mut lines = own.lines().map(str::trim).filter(|l| !l.is_empty());
    let (Some(mut a), Some(mut b)) = (lines.next(), lines.next()) else {
        return false;
    };
    if let Some(c) = lines.next() {
        if super::chrome::is_avatar_initials(a, b) || super::chrome::is_avatar_initials(a, c) {
            (a, b) = (b, c);
        }
    }
    let dated =
        |l: &str| l.len() <= 120 && (is_date_line(l) || super::chrome::holds_relative_time(l));
    // A name alone, or after the words that introduce it ("Posted by Olaf Ito").
    let named = |l: &str| {
        l.len() <= 80
            && (super::chrome::name_line(l).is_some()
                || (super::chrome::may_open_byline(l) && {
                    let name = super::chrome::clean_author(l);
                    super::generic::is_name_like(&name) && l.ends_with(name.as_str())
                }))
    };
    (named(a) && dated(b)) || (dated(a) && named(b))
}

/// Whether `el` reads as a record's header alone: a name and a date, prose or not (a
/// comment the page shows folded, [`super::generic`] asks only of those).
pub fn is_dated_name(el: ElementRef<'_>) -> bool {
    let opening = opening_prose(el);
    // A header line of a name, its date and what stands beside them ("Hana Ito March 9, 2023
    // at 5:56 pm #9 Expand"), longer than a date line.
    first_line(&opening.0).is_some_and(|(line, _)| super::chrome::is_dated_header(line))
        // Or a header of labelled fields that names the writer and dates the comment.
        || super::chrome::opens_with_fields_header(&opening.0)
        || {
        let r = record((el, None), opening);
        r.name && r.date
    }
}

fn record((el, header): RunRecord<'_>, (own, prose): (String, bool)) -> Record {
    let (mut name, mut date, mut vocabulary, mut discussion) = (false, false, false, false);
    // A name only bold type or a header line shows: a title in bold opens a letter to the
    // editor or a teaser too, so it counts where the record is dated or offers a reply.
    let mut weak_name = false;
    vocabulary |= names_vocabulary(&el);
    let header_text = header.map(|h| text_start(h, 300)).unwrap_or_default();
    // Where a name in bold must stand to open the record (its header, else its own start),
    // read once, when a bold element first asks.
    let mut opening: Option<String> = None;
    let own_elements = header
        .into_iter()
        .flat_map(|h| std::iter::once(h).chain(elements_below(h, &|_| false)))
        .chain(elements_below(el, &|_| false))
        .take(RECORD_SCAN);
    for e in own_elements {
        if !name && NAME.matches(&e) {
            let t = text_start(e, 100);
            let words = t.split_whitespace().count();
            // A name element may hold its date too (`<h5>Jonas Ek <small>March 3, 2023,
            // 4:12 p.m.</small></h5>`).
            name = ((1..=5).contains(&words) && t.chars().count() <= 60)
                || (words > 5
                    && is_date_line(t.trim())
                    && super::chrome::name_before_date(t.trim()).is_some());
        }
        // A name in bold that opens the record, or an element named for its writer
        // (`span.who`, `b.autor`).
        if !name && super::dom::is_bold(&e) {
            let t = text_start(e, 100);
            let opening = opening.get_or_insert_with(|| {
                if header.is_some() {
                    header_text.clone()
                } else {
                    text_start(el, 300)
                }
            });
            // Or the name its header line comes down to once cleaned of a date, verb, number
            // before or after it ("March 2, 2023 at 10:07 pm Kai Berg says: #2").
            weak_name |= super::generic::is_name_like(&t)
                // After a letter avatar's initials ("EM" before "Eve Marsh").
                && (super::generic::opens_with(super::chrome::after_initials_of(opening, &t), &t)
                    || opening
                        .lines()
                        .map(str::trim)
                        .find(|l| !l.is_empty())
                        .is_some_and(|l| {
                            l.len() <= 200
                                && (super::chrome::clean_author(l) == t.trim()
                                    // Or its name field ("From: Eve Marsh Date: …").
                                    || super::chrome::fields_name(l).as_deref() == Some(t.trim()))
                        })
                    || (header.is_none() && closes_with_byline(&own, Some(&t))));
        } else if !name && super::generic::names_author(&e) {
            // The element named for the writer may hold the handle and the time beside the
            // name (`div[data-testid=User-Name]`: "Ann Lee", "@annlee · Mar 14"): its first
            // link with words is the name then.
            name = super::generic::is_name_like(&text_start(e, 100))
                || elements_below(e, &|_| false)
                    .find(|a| a.value().name() == "a" && !text_start(*a, 100).trim().is_empty())
                    .is_some_and(|a| super::generic::is_name_like(&text_start(a, 100)));
        }
        date = date || DATE.matches(&e);
        vocabulary = vocabulary || names_vocabulary(&e);
        discussion = discussion || is_reply_action(&e);
    }
    // A footer byline under the words (asked once, where it decides).
    let footer = std::cell::OnceCell::new();
    let closes = || *footer.get_or_init(|| closes_with_byline(&own, None));
    // (Read only where no element gave the date.)
    date = date
        || own.lines().chain(header_text.lines()).any(is_date_line)
        || own
            .lines()
            .take(4)
            .chain(header_text.lines())
            .any(super::chrome::holds_relative_time)
        || opens_dated_header(&own)
        || super::chrome::fields_header(&own).is_some_and(|h| super::chrome::fields_dated(&h))
        || closes()
        || header_text.lines().any(|l| {
            // A header line holds the name beside the date: longer than a date line alone.
            l.split_whitespace().count() <= 12 && super::chrome::has_date_part(l)
        });
    // A header line of its own ("Par Jean-Paul, le 3 mars 2023") names its writer; without
    // one, the record's own opening lines may ("Tomasz K. | 3 May 2021", then the words).
    weak_name |= header_text.lines().any(|l| {
        let l = l.trim();
        !l.is_empty() && super::generic::is_name_like(&super::chrome::clean_author(l))
    });
    let head: String = header_text.chars().chain(own.chars()).take(200).collect();
    discussion |= HEADER_VERB.is_match(&head);
    // Else its own first line may hold the name beside the date ("Tomasz K. | 3 May 2021"),
    // read only where it would decide: a record named nowhere else.
    weak_name = weak_name
        || (!name && header.is_none() && {
            // After a letter avatar's initials ("LD", then "Lena Dahl 1 May 2023").
            first_line(&own).is_some_and(|(l, _)| {
                l.len() <= 200
                    && (((is_date_line(l) || super::chrome::holds_relative_time(l))
                        && super::chrome::name_before_date(l).is_some())
                        || super::chrome::is_dated_header(l))
            })
            // Or a header of labelled fields names it ("From: Eve Dahl", "Date: …").
            || super::chrome::fields_header(&own)
                .is_some_and(|h| super::chrome::fields_name(&h).is_some())
            // Or a name and its saying verb on a line of their own ("Eve Dahl says:"), or a
            // name alone over words dated elsewhere (in a footer), or a footer byline under
            // the words.
            || first_line(&own).is_some_and(|(l, more)| more && super::chrome::said_by(l).is_some())
            || (date
                && first_line(&own)
                    .is_some_and(|(l, more)| more && super::chrome::name_line(l).is_some()))
            || (prose && closes())
        });
    name |= weak_name && (date || discussion);
    Record {
        name,
        date,
        prose,
        vocabulary,
        discussion,
    }
}

/// Whether a record's words end in a footer byline: a name beside its date or a relative time
/// ("Ann Ito 2023-03-01 09:07 Reply", "Bob Cruz 2 hours ago #1", after a letter avatar's
/// initials too). Themes that print the
/// writer and the time under the words (Typepad's "Posted by: …", many blogs' comment
/// footers) name the writer there, not at the record's start. A line after the first, as
/// long as a header line at most, that is a header line (a name beside a date or a relative
/// time); where `name` (a name in bold) is given, one that opens with it.
pub(super) fn closes_with_byline(own: &str, name: Option<&str>) -> bool {
    let lines: Vec<&str> = own
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // Or a later line opens a header of labelled fields that names the writer and dates the
    // comment ("From: Ann Ito", "Date: 2 hours ago" under the words).
    let fields = |k: usize| {
        super::chrome::opens_with_field_label(lines[k]) && {
            let h = lines[k..lines.len().min(k + 4)].join("\n");
            super::chrome::opens_with_fields_header(&h)
                && name.is_none_or(|n| {
                    super::chrome::fields_header(&h)
                        .and_then(|h| super::chrome::fields_name(&h))
                        .is_some_and(|f| f == n.trim())
                })
        }
    };
    (1..lines.len()).any(fields)
        || lines.iter().skip(1).any(|l| {
            // (A header line holds sixteen words at most, beside a fold label and a number.)
            l.len() <= 200
                && l.split_whitespace().nth(20).is_none()
                && match name {
                    Some(name) => {
                        let name = name.trim();
                        let line = super::chrome::after_initials_of(l, name);
                        super::generic::opens_with(line, name)
                            && super::chrome::is_header_line(line)
                    }
                    None => super::chrome::is_header_line(l),
                }
        })
}

/// A link or button that answers the record: labelled as a reply, or pointing at a reply form.
fn is_reply_action(el: &ElementRef<'_>) -> bool {
    if !LINKS.matches(el) {
        return false;
    }
    let href = el.value().attr("href").unwrap_or("").to_ascii_lowercase();
    if href.contains("replytocom=") || href.ends_with("#respond") || href.contains("#reply") {
        return true;
    }
    let label = text_start(*el, 60);
    let label = label
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if !label.is_empty() && REPLY_LABELS.contains(label.as_str()) {
        return true;
    }
    // An icon button shows a count or nothing; its accessible name or test id says what it
    // does (`<button data-testid="reply" aria-label="3 Replies. Reply">3</button>`).
    [
        "aria-label",
        "title",
        "data-testid",
        "data-hook",
        "data-action",
    ]
    .iter()
    .filter_map(|name| el.value().attr(name))
    .any(|named| {
        named
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| !word.is_empty() && REPLY_LABELS.contains(word))
    })
}

/// A letter of a script written without spaces between words (Han, kana, Thai, Lao, Khmer,
/// Myanmar), where a comment of a few characters is a sentence.
pub(super) fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x0E00..=0x0EFF
            | 0x1780..=0x17FF | 0x1000..=0x109F)
}

/// A Korean syllable block: Korean sets its words apart with spaces, but a word holds two to
/// five syllables and says as much as two or three English ones (`유지비도 중요하다.`,
/// "maintenance costs matter too"), so a line of two words and eight syllables is prose.
pub(super) fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Most text, in bytes, of a box of replies beside the records it holds (a "Show more
/// replies" control, a count).
const BOX_TEXT: usize = 60;

/// Characters of a record's text read when scoring it.
const RECORD_TEXT: usize = 2000;

/// The start of an element's text, block elements ending lines, read no further than `max`
/// characters: scoring every run on a page then costs a bounded amount per record, where the
/// whole text of large records (page wrappers come in runs too) made it quadratic.
pub(super) fn text_start(el: ElementRef<'_>, max: usize) -> String {
    use ego_tree::iter::Edge;
    let mut out = String::new();
    let mut hidden = 0usize; // depth inside script, style and the like
    // Whether an element opened or closed since the last text: two elements' words that meet
    // with no space between are set apart, as a header's parts are (`<span>Eve Berg</span>
    // <span>Auteur</span><time>le 02/03/2023</time>`, [`super::dom::text_spaced`]).
    let mut boundary = false;
    for edge in el.traverse() {
        if out.len() >= max {
            break;
        }
        match edge {
            Edge::Open(node) => {
                if let Some(t) = node.value().as_text() {
                    if hidden == 0 {
                        super::dom::push_text(&mut out, t, std::mem::take(&mut boundary));
                    }
                } else if let Some(e) = node.value().as_element() {
                    boundary = true;
                    if super::dom::is_invisible(e.name()) {
                        hidden += 1;
                    } else if super::dom::is_block(e.name()) {
                        out.push('\n');
                    }
                }
            }
            Edge::Close(node) => {
                if let Some(e) = node.value().as_element() {
                    boundary = true;
                    if super::dom::is_invisible(e.name()) {
                        hidden = hidden.saturating_sub(1);
                    } else if super::dom::is_block(e.name()) {
                        out.push('\n');
                    }
                }
            }
        }
    }
    out
}

fn names_vocabulary(el: &ElementRef<'_>) -> bool {
    let words = |s: &str| {
        WORD.find_iter(s).any(|w| {
            let w = w.as_str().to_lowercase();
            VOCABULARY.contains(w.as_str()) || compound_of_vocabulary(&w)
        })
    };
    el.value().classes().any(words) || el.value().id().is_some_and(words)
}

/// A word run together from a discussion word and a word for a part of it, as old templates
/// name classes (phpBB 2's `postbody`, `postdetails`, `forumline`; `commenttext`).
fn compound_of_vocabulary(word: &str) -> bool {
    const PARTS: &[&str] = &[
        "body", "details", "detail", "text", "content", "author", "date", "title", "list", "line",
        "row", "header", "footer", "info", "meta", "wrap", "wrapper", "box",
    ];
    PARTS.iter().any(|part| {
        word.strip_suffix(part)
            .is_some_and(|head| head.len() >= 4 && VOCABULARY.contains(head))
    })
}

/// Words that title a page's comment list in a heading ("5 Comments", "Reader responses",
/// "Kommentare (12)"; `lexicon/comment_headings.txt`).
static HEADING_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lexicon(include_str!("lexicon/comment_headings.txt")));

/// Words that make a heading title a list of comments from elsewhere ("Recent comments",
/// "Most commented"): a sidebar widget's heading (`lexicon/widget_heading_words.txt`).
static WIDGET_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lexicon(include_str!("lexicon/widget_heading_words.txt")));

/// Siblings looked at before a run, and before the elements holding it, for a heading that
/// announces a discussion.
const ANNOUNCE_SIBLINGS: usize = 3;

/// Largest sibling, in elements, read for such a heading: a heading or a small header bar
/// that holds one. A heading deep inside a larger block titles a section of it.
const ANNOUNCE_SCAN: usize = 30;

/// Whether a heading titles this page's comments ("5 Comments", "Kommentare (4)",
/// "Discussion"): `Some` with the count it gives (0 when none), `None` when it titles
/// something else.
fn titles_comments(h: &ElementRef<'_>) -> Option<usize> {
    let t = text_start(*h, 120).to_lowercase();
    let words = heading_words(&t);
    let titles = words.len() <= 8
        && words.iter().any(|w| in_lexicon(&HEADING_WORDS, w))
        && !words.iter().any(|w| in_lexicon(&WIDGET_WORDS, w));
    titles.then(|| {
        words
            .iter()
            .find_map(|w| w.parse::<usize>().ok())
            .unwrap_or(0)
    })
}

/// A heading's words: split at what is neither letter nor digit, and where digits meet
/// letters (`コメント(12件)`, `댓글 12개`, `12条评论` count 12).
fn heading_words(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    let mut digits = false;
    for (i, c) in text.char_indices() {
        let kind = c.is_alphanumeric().then(|| c.is_ascii_digit());
        match (start, kind) {
            (Some(s), Some(d)) if d != digits => {
                words.push(&text[s..i]);
                (start, digits) = (Some(i), d);
            }
            (None, Some(d)) => (start, digits) = (Some(i), d),
            (Some(s), None) => {
                words.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    words.extend(start.map(|s| &text[s..]));
    words
}

/// Whether a heading's word is in a lexicon; in a script written without spaces, where the
/// word runs on into the next (`条评论`, `最新コメント`), an entry of that script inside it.
fn in_lexicon(lexicon: &HashSet<&'static str>, word: &str) -> bool {
    lexicon.contains(word)
        || (word.chars().any(is_unspaced)
            && lexicon
                .iter()
                .any(|entry| entry.chars().all(is_unspaced) && word.contains(entry)))
}

/// Headings that count comments (`1 Comment`, `Kommentare (2)`, `12 Responses`), by the node
/// of the heading and of its two nearest ancestors (a header bar around it), with the count:
/// one or two records just after such a heading, no more than it counts, are a thread
/// shorter than [`MIN_RUN`] or one whose other comments are replies nested in them.
fn heading_counts(body: ElementRef<'_>) -> FxHashMap<NodeId, usize> {
    let mut counts = FxHashMap::default();
    for h in body
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(is_heading)
    {
        if let Some(n) = titles_comments(&h).filter(|n| *n >= 1) {
            for at in std::iter::once(h).chain(h.ancestors().filter_map(ElementRef::wrap).take(2)) {
                counts.insert(at.id(), n);
            }
        }
    }
    counts
}

/// The count a heading just before `first` (or before an element holding it) gives, from
/// [`heading_counts`].
fn counted_before(
    counts: &FxHashMap<NodeId, usize>,
    parent: ElementRef<'_>,
    first: ElementRef<'_>,
) -> Option<usize> {
    siblings_before(parent, first).find_map(|sibling| counts.get(&sibling.id()).copied())
}

/// The few siblings just before a run's first record, then those before the element holding
/// the run and before its two nearest ancestors: where a heading that announces the run
/// stands.
fn siblings_before<'a>(
    parent: ElementRef<'a>,
    first: ElementRef<'a>,
) -> impl Iterator<Item = ElementRef<'a>> {
    std::iter::once(first)
        .chain(std::iter::once(parent))
        .chain(parent.ancestors().filter_map(ElementRef::wrap).take(2))
        .flat_map(|at| {
            at.prev_siblings()
                .filter_map(ElementRef::wrap)
                .take(ANNOUNCE_SIBLINGS)
        })
}

/// A heading element, `h1` to `h6`.
fn is_heading(el: &ElementRef<'_>) -> bool {
    matches!(el.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Whether the page announces a discussion just before a run of records whose markup names
/// none (Bootstrap media objects, utility-class layouts): a heading that titles comments
/// ("5 Comments", "Reader responses", "Kommentare (4)") among the few siblings before the run
/// or before an element holding it. Article teasers and product lists stand under other
/// headings; a widget's "Recent comments" lists comments on other pages. A comment form's
/// heading ("Leave a reply") or text box is no sign: a page without comments has one too,
/// after its related-post teasers.
fn announced(parent: ElementRef<'_>, first: ElementRef<'_>) -> bool {
    let announces = |sibling: ElementRef<'_>| {
        let small: Vec<ElementRef<'_>> = std::iter::once(sibling)
            .chain(elements_below(sibling, &|_| false))
            .take(ANNOUNCE_SCAN + 1)
            .collect();
        small.len() <= ANNOUNCE_SCAN
            && small
                .iter()
                .any(|e| is_heading(e) && titles_comments(e).is_some())
    };
    siblings_before(parent, first).any(announces)
}

/// Whether a record shows a folded comment ([`super::generic::folded_with_header`]).
fn shows_folded((el, header): RunRecord<'_>) -> bool {
    super::generic::folded_with_header(&el, header, &|_| false)
}

/// A run's score and the records kept, or `None` when it is no comment list.
fn score_run<'a>(
    parent: ElementRef<'a>,
    members: &[RunRecord<'a>],
) -> Option<(f64, Vec<RunRecord<'a>>)> {
    score_run_of(parent, members, MIN_RUN)
}

/// [`score_run`] for a run of at least `min` records (fewer than [`MIN_RUN`] only where a
/// heading just before them counts that many comments or more).
fn score_run_of<'a>(
    parent: ElementRef<'a>,
    members: &[RunRecord<'a>],
    min: usize,
) -> Option<(f64, Vec<RunRecord<'a>>)> {
    if members.len() < min {
        return None;
    }
    let openings: Vec<(String, bool)> = members.iter().map(|m| opening_prose(m.0)).collect();
    // Comments the page shows folded (their header only) hold no prose: the others must.
    // (Looked for only where they decide: most runs have prose in most records or in none.)
    let with_prose = openings.iter().filter(|(_, prose)| *prose).count();
    if with_prose == 0 {
        return None;
    }
    let folded = if with_prose * 2 < members.len() {
        members
            .iter()
            .zip(&openings)
            .filter(|(m, (_, prose))| !prose && shows_folded(**m))
            .count()
    } else {
        0
    };
    if with_prose * 2 < members.len() - folded {
        return None;
    }
    // A comment the page shows deleted (its notice where the words or the name were) keeps
    // its place in the run, whoever wrote it.
    let deleted: Vec<bool> = openings
        .iter()
        .map(|(own, _)| opens_with_deletion_notice(own))
        .collect();
    let records: Vec<Record> = members
        .iter()
        .zip(openings)
        .map(|(m, opening)| record(*m, opening))
        .collect();
    let n = records.len() as f64;
    let share = |f: fn(&Record) -> bool| records.iter().filter(|r| f(r)).count() as f64 / n;
    let (names, dates) = (share(|r| r.name), share(|r| r.date));
    let prose = with_prose as f64 / (members.len() - folded) as f64;
    let vocabulary = records.iter().any(|r| r.vocabulary)
        || names_vocabulary(&parent)
        || parent
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take(4)
            .any(|a| names_vocabulary(&a));
    // Markup named in no known word still shows a discussion when most records offer a reply
    // or open with a header verb, or when a heading just before the run titles comments.
    if names < 0.5 || prose < 0.5 {
        return None;
    }
    let discussion =
        vocabulary || share(|r| r.discussion) >= 0.5 || announced(parent, members[0].0);
    if !discussion {
        return None;
    }
    let kept: Vec<RunRecord<'a>> = members
        .iter()
        .zip(&records)
        .zip(&deleted)
        .filter(|((m, r), deleted)| {
            (r.name && (r.prose || r.date))
                || **deleted
                || (shows_folded(**m) && (is_dated_name(m.0) || m.1.is_some_and(is_dated_name)))
        })
        .map(|((m, _), _)| *m)
        .collect();
    if kept.len() < min {
        return None;
    }
    let score = kept.len() as f64 * (names + dates + prose) / 3.0;
    Some((score, kept))
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    #[test]
    fn footer_bylines_close_a_record() {
        let own = "The bridge plan is too dear.\n\nAI Ann Ito 2023-03-01 09:07 Reply";
        assert!(closes_with_byline(own, None));
        assert!(closes_with_byline(own, Some("Ann Ito")));
        assert!(!closes_with_byline(own, Some("Bob Cruz")));
        assert!(closes_with_byline(
            "Words of the comment here.\nBob Cruz 2 hours ago #1",
            None
        ));
        // A header line opening the record is no footer; nor a line of words.
        assert!(!closes_with_byline(
            "Ann Ito 2023-03-01 09:07\nThe bridge plan is too dear.",
            None
        ));
        assert!(!closes_with_byline(
            "The bridge plan.\nThe tunnel opened in 2023 after years of work.",
            None
        ));
    }

    #[test]
    fn headings_in_scripts_without_spaces_count_comments() {
        assert_eq!(heading_words("コメント(12件)"), ["コメント", "12", "件"]);
        assert_eq!(heading_words("댓글 12개"), ["댓글", "12", "개"]);
        assert!(in_lexicon(&HEADING_WORDS, "条评论"));
        assert!(in_lexicon(&WIDGET_WORDS, "最新コメント"));
        assert!(!in_lexicon(&HEADING_WORDS, "新闻"));
        for (html, n) in [
            ("<h2>12 条评论</h2>", Some(12)),
            ("<h2>コメント(3件)</h2>", Some(3)),
            ("<h2>댓글 7개</h2>", Some(7)),
            ("<h2>最新评论</h2>", None),
        ] {
            let doc = Html::parse_fragment(html);
            let h = doc
                .root_element()
                .children()
                .find_map(ElementRef::wrap)
                .unwrap();
            assert_eq!(titles_comments(&h), n, "{html}");
        }
    }

    #[test]
    fn reply_controls_by_label_address_or_accessible_name() {
        let doc = Html::parse_fragment(
            r##"<a href="/p?replytocom=5">x</a><a href="#">Antworten</a><button data-testid="reply" aria-label="3 Replies. Reply">3</button><button title="Reply to Ann"></button><button aria-label="Like">4</button><a href="#">Replies are closed for old posts</a><span aria-label="Reply">r</span>"##,
        );
        let got: Vec<bool> = doc
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| matches!(e.value().name(), "a" | "button" | "span"))
            .map(|e| is_reply_action(&e))
            .collect();
        assert_eq!(got, [true, true, true, true, false, false, false]);
    }

    #[test]
    fn classless_rows_take_their_first_cells_shape_and_stripes_are_one() {
        let doc = Html::parse_fragment(
            r#"<table><tr><th class="thLeft">Author</th></tr><tr><td class="row1">a</td></tr><tr><td class="row2">b</td></tr></table>"#,
        );
        static TR: Css = css!("tr");
        let shapes: Vec<String> = doc.select(&TR).map(|r| shape(&r)).collect();
        assert_eq!(shapes, ["tr>th.thLeft", "tr>td.row", "tr>td.row"]);
        // The first class as the page writes it: modifiers after it do not split a run.
        let doc = Html::parse_fragment(
            r#"<div class="journal has-notes"></div><div class="journal has-details has-notes"></div>"#,
        );
        static DIV: Css = css!("div");
        let shapes: Vec<String> = doc.select(&DIV).map(|r| shape(&r)).collect();
        assert_eq!(shapes, ["div.journal", "div.journal"]);
    }

    #[test]
    fn a_comments_heading_before_a_run_announces_a_discussion() {
        let records = r#"<div class="media"><b>Ann Lee</b> <span>3 May 2021</span><p>The reeds were cut in autumn and the count went up.</p></div><div class="media"><b>Bo</b> <span>4 May 2021</span><p>Were the transects walked in the same weather too?</p></div><div class="media"><b>Cy Ames</b> <span>5 May 2021</span><p>Lovely to see the plan pay off so quickly this year.</p></div>"#;
        let found = |before: &str, after: &str| {
            let doc = Html::parse_document(&format!(
                "<html><body><main>{before}<div>{records}</div>{after}</main></body></html>"
            ));
            static BODY: Css = css!("body");
            let body = doc.select(&BODY).next().unwrap();
            best_run(body, &|_| false).len()
        };
        assert_eq!(found("<h3>3 Comments</h3>", ""), 3);
        assert_eq!(found("<h2>Kommentare</h2>", ""), 3);
        // Teasers under a heading that names no comments offer no discussion, nor do those
        // before a comment form (a page without comments has one), nor a widget's list.
        assert_eq!(found("<h3>Latest posts</h3>", ""), 0);
        assert_eq!(
            found(
                "",
                "<h3>Leave a Reply</h3><form><textarea></textarea></form>"
            ),
            0
        );
        assert_eq!(found("<h3>Recent comments</h3>", ""), 0);
        assert_eq!(found("", ""), 0);
        // Paragraphs of one shape: the article's, a comments heading, then the comments.
        let doc = Html::parse_document(
            "<html><body><div><p>The beans came first this year, then the lettuce all at once.</p><p>Next year we sow in short rows every ten days instead.</p><h2>Comments</h2><p><b>Mei</b> (June 12, 2021):<br>We sow a short row every ten days from April.</p><p><b>Bill</b> (June 13, 2021):<br>Pinch the bean tops out against blackfly.</p><p><b>Oskar</b> (June 14, 2021):<br>How big is the plot you have there?</p></div></body></html>",
        );
        static BODY: Css = css!("body");
        let run = best_run(doc.select(&BODY).next().unwrap(), &|_| false);
        assert_eq!(run.len(), 3);
        assert!(run.iter().all(|(r, _)| text_start(*r, 40).contains('(')));
    }

    #[test]
    fn boxes_of_replies_beside_their_records_are_no_run() {
        // Three records, each followed by a box of replies, and a fourth box beside a
        // folded comment drawn in another shape: the boxes outnumber the records.
        let record = |name: &str, words: &str| {
            format!(
                r##"<section class="c"><div class="h"><b>{name}</b> says:</div><div class="w"><p>{words}</p></div><span class="d">3 May 2021</span> <a href="#">Reply</a></section>"##
            )
        };
        let replies = |name: &str| {
            format!(
                r#"<div class="r">{}</div>"#,
                record(name, "A reply of a few words to the comment above it.")
            )
        };
        let page = format!(
            r#"<html><body><h2>Comments</h2><div>{}{}{}{}{}{}<section class="f"><b>Dee</b> 5 May 2021</section>{}</div></body></html>"#,
            record(
                "Ann Lee",
                "The reeds were cut in autumn and the count went up."
            ),
            replies("Bo Ek"),
            record(
                "Cy Ames",
                "Were the transects walked in the same weather too?"
            ),
            replies("Di Fox"),
            record(
                "Ed Gray",
                "Lovely to see the plan pay off so quickly this year."
            ),
            replies("Fay Hu"),
            replies("Gus Ito"),
        );
        let doc = Html::parse_document(&page);
        static BODY: Css = css!("body");
        let run = best_run(doc.select(&BODY).next().unwrap(), &|_| false);
        assert_eq!(run.len(), 3);
        assert!(run.iter().all(|(r, _)| r.value().name() == "section"));
        // Records that hold their replies and a "Show more replies" item of the shape the
        // thread's own "Load more" item has: words of their own, no boxes.
        let item = |name: &str, words: &str, inner: &str| {
            format!(
                r##"<li class="c"><div class="h"><b>{name}</b> says: 3 May 2021</div><p>{words}</p><ul class="k">{inner}<li class="more"><a href="#">Show more replies</a></li></ul></li>"##
            )
        };
        let leaf = item("Bo Ek", "A reply of a few words to the comment above.", "");
        let page = format!(
            r##"<html><body><h2>Comments</h2><ul>{}{}{}<li class="more"><a href="#">Load more comments</a></li></ul></body></html>"##,
            item(
                "Ann Lee",
                "The reeds were cut in autumn and the count went up.",
                &leaf
            ),
            item(
                "Cy Ames",
                "Were the transects walked in the same weather too?",
                &leaf
            ),
            item(
                "Ed Gray",
                "Lovely to see the plan pay off so quickly this year.",
                &leaf
            ),
        );
        let doc = Html::parse_document(&page);
        let run = best_run(doc.select(&BODY).next().unwrap(), &|_| false);
        assert_eq!(run.len(), 3);
        let starts: Vec<String> = run
            .iter()
            .map(|(r, _)| text_start(*r, 9).trim().to_string())
            .collect();
        assert_eq!(starts, ["Ann Lee", "Cy Ames", "Ed Gray"]);
    }

    #[test]
    fn run_together_class_words_name_a_discussion() {
        assert!(compound_of_vocabulary("postbody"));
        assert!(compound_of_vocabulary("forumline"));
        assert!(!compound_of_vocabulary("postcode"));
        assert!(!compound_of_vocabulary("sidebar"));
    }
}
