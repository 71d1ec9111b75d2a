//! Small DOM helpers over `scraper`: selectors, classes, and text with block structure.

use std::hash::Hasher;
use std::sync::{LazyLock, OnceLock};

use ego_tree::NodeRef;
use rustc_hash::{FxHashSet, FxHasher};
use scraper::selector::Simple;
use scraper::{ElementRef, Html, Node, Selector};
use selectors::context::{
    MatchingContext, MatchingForInvalidation, MatchingMode, NeedsSelectorFlags, QuirksMode,
    SelectorCaches,
};
use selectors::matching::matches_selector;
use selectors::parser::{ParseRelative, SelectorList};

/// A CSS selector compiled once. Only for selectors written in this crate.
pub struct Css {
    source: &'static str,
    selector: LazyLock<Selector>,
    /// The names each of its selectors needs on a page (see [`Doc::select`]), read on first use.
    needs: OnceLock<Vec<Vec<u64>>>,
    /// The same list for [`Css::matches`], which asks its selectors one by one.
    list: OnceLock<SelectorList<Simple>>,
}

impl Css {
    /// Declares a selector; compiled on first use.
    pub const fn new(source: &'static str, init: fn() -> Selector) -> Self {
        Css {
            source,
            selector: LazyLock::new(init),
            needs: OnceLock::new(),
            list: OnceLock::new(),
        }
    }

    /// Whether `el` matches. On the page [`Doc`] last parsed on this thread, only the
    /// selectors of the list that the page's names allow are asked (an element of the page
    /// cannot match one that needs a name no element has); elsewhere all of them. Matching
    /// reuses one context per thread: `scraper`'s `Selector::matches` builds and drops its
    /// caches on every call, which cost more than most of the selectors asked.
    pub fn matches(&self, el: &ElementRef<'_>) -> bool {
        let list = self.list.get_or_init(|| {
            let mut parser = cssparser::Parser::new(self.source);
            SelectorList::parse(&scraper::selector::Parser, &mut parser, ParseRelative::No)
                .expect("selector written in this crate parses")
        });
        let root = page_key(el);
        PAGE.with_borrow_mut(|page| {
            let Page {
                root: page_root,
                names,
                possible,
                caches,
            } = page;
            // Another tree (a fragment, a page parsed elsewhere): every selector, and caches
            // of its own (the page's are keyed by its elements).
            let mut own;
            let elsewhere = *page_root != root || root == 0;
            let caches = if elsewhere {
                own = SelectorCaches::default();
                &mut own
            } else {
                caches
            };
            let mut context = MatchingContext::new(
                MatchingMode::Normal,
                None,
                caches,
                QuirksMode::NoQuirks,
                NeedsSelectorFlags::No,
                MatchingForInvalidation::No,
            );
            let ask = |s| matches_selector(s, 0, None, el, &mut context);
            if elsewhere {
                return list.slice().iter().any(ask);
            }
            let possible = possible
                .entry(self as *const Css as usize)
                .or_insert_with(|| {
                    self.needs()
                        .iter()
                        .map(|need| need.iter().all(|n| names.contains(n)))
                        .collect()
                });
            let mut ask = ask;
            list.slice()
                .iter()
                .zip(possible.iter())
                .any(|(s, &p)| p && ask(s))
        })
    }

    fn needs(&self) -> &[Vec<u64>] {
        self.needs.get_or_init(|| needed_names(self.source))
    }
}

impl std::ops::Deref for Css {
    type Target = Selector;
    fn deref(&self) -> &Selector {
        &self.selector
    }
}

/// One selector's answers, remembered per element: for a selector that several passes over the
/// same elements ask (the header-and-footer test while a comment's body is searched tier by
/// tier, then while its text is read), each element is matched once.
pub struct Remembered<'s> {
    css: &'s Css,
    seen: std::cell::RefCell<rustc_hash::FxHashMap<ego_tree::NodeId, bool>>,
}

impl<'s> Remembered<'s> {
    pub fn new(css: &'s Css) -> Self {
        Remembered {
            css,
            seen: Default::default(),
        }
    }

    /// Whether the selector matches `el`, asked of the selector the first time only.
    pub fn matches(&self, el: &ElementRef<'_>) -> bool {
        if let Some(&known) = self.seen.borrow().get(&el.id()) {
            return known;
        }
        let found = self.css.matches(el);
        self.seen.borrow_mut().insert(el.id(), found);
        found
    }
}

/// Whether `haystack` holds `needle` (lowercase ASCII) in any ASCII case, without allocating:
/// class and id tests run on every element of a page.
pub fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    needle.is_empty()
        || haystack
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Whether `haystack` starts with `prefix` (lowercase ASCII) in any ASCII case.
pub fn starts_with_ignore_case(haystack: &str, prefix: &str) -> bool {
    haystack
        .as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// `css!("a.b")`: a lazily compiled, crate-owned selector.
macro_rules! css {
    ($s:expr) => {
        $crate::parse::html::dom::Css::new($s, || {
            scraper::Selector::parse($s).expect("selector written in this crate parses")
        })
    };
}
pub(crate) use css;

/// A parsed page, with the set of names its elements use: tag names, ids, classes and
/// attribute names.
///
/// Extraction asks some thirty selectors of every page, most of them naming the markup of a
/// comment system the page does not use, and each one walked the whole tree: together they
/// cost about as much as the parse. A selector that names something no element has cannot
/// match, so [`Doc::select`] answers it without a walk; the set is built in one pass over the
/// node arena.
pub struct Doc {
    html: Html,
    names: FxHashSet<u64>,
}

/// The kinds of name a selector can require.
#[derive(Clone, Copy)]
enum Name {
    Tag = 0,
    Id = 1,
    Class = 2,
    Attr = 3,
}

/// Hash of a name of a kind, ignoring ASCII case (classes and ids match without case in
/// quirks mode; erring towards "present" only costs a walk).
fn name_hash(kind: Name, name: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write_u8(kind as u8);
    for b in name.bytes() {
        h.write_u8(b.to_ascii_lowercase());
    }
    h.finish()
}

impl Doc {
    /// Parses a whole page.
    pub fn parse(html: &str) -> Self {
        Doc::from(Html::parse_document(html))
    }

    /// Elements matching `css`, in document order; none, without a walk, when the page lacks
    /// a name every one of its selectors needs.
    pub fn select<'a, 'b>(
        &'a self,
        css: &'b Css,
    ) -> std::iter::Take<scraper::html::Select<'a, 'b>> {
        let possible = css
            .needs()
            .iter()
            .any(|names| names.iter().all(|n| self.names.contains(n)));
        debug_assert!(
            possible || self.html.select(css).next().is_none(),
            "selector {:?} skipped on a page where it matches",
            css.source
        );
        self.html
            .select(css)
            .take(if possible { usize::MAX } else { 0 })
    }
}

/// The names of the page [`Doc`] last parsed on this thread, and which selectors of each
/// [`Css`] they allow (by the `Css`'s address), for [`Css::matches`].
#[derive(Default)]
struct Page {
    /// Address of the page's root node (in the node arena, which never moves), 0 for none.
    root: usize,
    names: FxHashSet<u64>,
    possible: rustc_hash::FxHashMap<usize, Vec<bool>>,
    /// Matching caches for the page's elements, kept between calls, new for each page.
    caches: SelectorCaches,
}

thread_local! {
    static PAGE: std::cell::RefCell<Page> = std::cell::RefCell::new(Page::default());
}

fn page_key(el: &ElementRef<'_>) -> usize {
    el.tree().root().value() as *const Node as usize
}

impl Drop for Doc {
    fn drop(&mut self) {
        let root = self.html.tree.root().value() as *const Node as usize;
        PAGE.with_borrow_mut(|page| {
            if page.root == root {
                page.root = 0;
            }
        });
    }
}

impl From<Html> for Doc {
    fn from(html: Html) -> Self {
        let mut names = FxHashSet::default();
        for node in html.tree.values() {
            let Node::Element(e) = node else { continue };
            names.insert(name_hash(Name::Tag, e.name()));
            names.extend(e.id().map(|id| name_hash(Name::Id, id)));
            names.extend(e.classes().map(|c| name_hash(Name::Class, c)));
            names.extend(e.attrs().map(|(a, _)| name_hash(Name::Attr, a)));
        }
        let root = html.tree.root().value() as *const Node as usize;
        PAGE.with_borrow_mut(|page| {
            page.root = root;
            page.names.clone_from(&names);
            page.possible.clear();
            page.caches = SelectorCaches::default();
        });
        Doc { html, names }
    }
}

impl std::ops::Deref for Doc {
    type Target = Html;
    fn deref(&self) -> &Html {
        &self.html
    }
}

/// For each selector of a list, the names its compounds require: `article .content` needs the
/// tag `article` and the class `content`; `[id^="post_"]` the attribute `id`. What sits inside
/// a pseudo-class (`:not(.comtr)`) requires nothing. A selector this reader does not follow
/// (escapes) requires nothing, so it is always walked.
fn needed_names(source: &str) -> Vec<Vec<u64>> {
    split_top_level(source)
        .into_iter()
        .map(|one| compound_names(one).unwrap_or_default())
        .collect()
}

/// The selectors of a comma-separated list (commas inside brackets and quotes do not split).
fn split_top_level(source: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut quote, mut start) = (Vec::new(), 0i32, None, 0);
    for (i, c) in source.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[') => depth += 1,
            (None, ')' | ']') => depth -= 1,
            (None, ',') if depth == 0 => {
                parts.push(&source[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&source[start..]);
    parts
}

/// The names one selector requires, or `None` when it uses syntax this reader skips.
fn compound_names(selector: &str) -> Option<Vec<u64>> {
    if selector.contains('\\') {
        return None;
    }
    let ident = |rest: &str| -> usize {
        rest.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len())
    };
    let mut names = Vec::new();
    let mut rest = selector.trim();
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        rest = match c {
            '.' | '#' => {
                let n = ident(after);
                let kind = if c == '.' { Name::Class } else { Name::Id };
                names.push(name_hash(kind, &after[..n]));
                &after[n..]
            }
            '[' => {
                let end = bracket_end(after)?;
                let n = ident(after.trim_start());
                names.push(name_hash(Name::Attr, &after.trim_start()[..n]));
                &after[end + 1..]
            }
            ':' => skip_pseudo(after)?,
            c if c.is_alphabetic() => {
                let n = ident(rest);
                names.push(name_hash(Name::Tag, &rest[..n]));
                &rest[n..]
            }
            _ => after,
        };
    }
    Some(names)
}

/// Where an attribute selector's `]` is, past any quoted value.
fn bracket_end(after: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in after.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, ']') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The text after a pseudo-class or pseudo-element (`:not(…)`, `::before`, `:first-child`).
fn skip_pseudo(after: &str) -> Option<&str> {
    let name_end = after
        .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == ':'))
        .unwrap_or(after.len());
    let rest = &after[name_end..];
    if !rest.starts_with('(') {
        return Some(rest);
    }
    let (mut depth, mut quote) = (0, None);
    for (i, c) in rest.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth -= 1;
                if depth == 0 {
                    return Some(&rest[i + 1..]);
                }
            }
            _ => {}
        }
    }
    None
}

/// True when `el` has the class token `name`.
pub fn has_class(el: &ElementRef<'_>, name: &str) -> bool {
    el.value().classes().any(|c| c == name)
}

/// An element's class tokens in the order the page writes them. (`Element::classes` gives
/// them sorted: `journal has-notes` would start with `has-notes`, and records of one template
/// whose modifiers differ would look unlike.)
pub fn classes_in_order(el: &scraper::node::Element) -> impl Iterator<Item = &str> {
    el.attr("class").unwrap_or("").split_ascii_whitespace()
}

/// Bold type: `strong`, `b`, or an element that a utility class of a CSS framework sets in
/// bold (Tailwind's `font-bold`/`font-semibold`, Bootstrap 5's `fw-bold`, Bootstrap 4's
/// `font-weight-bold`), as pages built with such frameworks write a commenter's name.
pub fn is_bold(el: &ElementRef<'_>) -> bool {
    matches!(el.value().name(), "strong" | "b")
        || el.value().classes().any(|c| {
            matches!(
                c,
                "font-bold"
                    | "font-semibold"
                    | "font-extrabold"
                    | "fw-bold"
                    | "fw-semibold"
                    | "fw-bolder"
                    | "font-weight-bold"
                    | "font-weight-bolder"
                    | "text-bold"
                    | "bold"
            )
        })
}

/// Attribute value, trimmed, when present and non-empty.
pub fn attr<'a>(el: &ElementRef<'a>, name: &str) -> Option<&'a str> {
    el.value()
        .attr(name)
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// Elements that end a line of text.
pub fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "blockquote"
            | "pre"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "table"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "dd"
            | "dt"
            | "hr"
            | "figure"
            | "figcaption"
            | "aside"
            | "nav"
            | "form"
    )
}

/// Elements whose content is never text for a reader.
pub fn is_invisible(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "head"
            | "button"
            | "select"
            | "textarea"
    )
}

/// Visible text of `root`, skipping subtrees for which `skip` is true; paragraphs are separated
/// by a blank line, other blocks by a line break. Iterative, so deep DOMs cannot overflow the stack.
pub fn text_with(root: ElementRef<'_>, skip: &dyn Fn(&ElementRef<'_>) -> bool) -> String {
    gather_text(root, skip, false)
}

/// [`text`] with a space where two elements' words meet with none between them
/// (`<b>Nia Ruiz</b><span>le 04/03/2023</span>` → "Nia Ruiz le 04/03/2023"): script-built
/// pages set a header's name, date and avatar letters apart with style sheets, not spaces.
/// For reading a header's name and a record's opening; a comment's words are written out
/// with [`text_with`], as the page has them (an element may sit inside a word).
pub fn text_spaced(root: ElementRef<'_>) -> String {
    gather_text(root, &|_| false, true)
}

/// [`text_spaced`], skipping subtrees for which `skip` is true, as [`text_with`].
pub fn text_spaced_with(root: ElementRef<'_>, skip: &dyn Fn(&ElementRef<'_>) -> bool) -> String {
    gather_text(root, skip, true)
}

/// Appends a text node's words to `out`; `between_elements` where an element opened or closed
/// since the last text: a space then sets two elements' words apart where letters or digits
/// meet ([`text_spaced`]).
pub(super) fn push_text(out: &mut String, text: &str, between_elements: bool) {
    if between_elements
        && out.ends_with(char::is_alphanumeric)
        && text.starts_with(char::is_alphanumeric)
    {
        out.push(' ');
    }
    out.push_str(text);
}

fn gather_text(
    root: ElementRef<'_>,
    skip: &dyn Fn(&ElementRef<'_>) -> bool,
    space_elements: bool,
) -> String {
    let mut out = String::new();
    let mut stack: Vec<(NodeRef<'_, Node>, bool)> = vec![(*root, false)];
    // Whether an element opened or closed since the last text.
    let mut boundary = false;
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Text(t) => {
                let spaced = std::mem::take(&mut boundary) && space_elements;
                push_text(&mut out, t, spaced);
            }
            Node::Element(e) => {
                boundary = true;
                let name = e.name();
                if closing {
                    if is_block(name) && !matches!(name, "br" | "hr") {
                        out.push_str(if name == "p" { "\n\n" } else { "\n" });
                    }
                    continue;
                }
                let el = ElementRef::wrap(node).expect("element node");
                if is_invisible(name) {
                    continue;
                }
                if node.id() != root.id() && skip(&el) {
                    if is_block(name) {
                        out.push('\n');
                    }
                    continue;
                }
                if is_block(name) {
                    out.push('\n');
                }
                stack.push((node, true));
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev().map(|c| (c, false)));
            }
            _ => {}
        }
    }
    tidy(&out)
}

/// The elements below `root` (not `root` itself) in document order, without entering those
/// for which `prune` is true (nor yielding them). With `prune` true on other comments, the
/// walks of all a page's comments together visit each element once, where `select` within
/// each comment would walk every nested reply again (quadratic on a 10,000-deep thread).
pub fn elements_below<'a, 'p>(
    root: ElementRef<'a>,
    prune: &'p dyn Fn(&ElementRef<'a>) -> bool,
) -> ElementsBelow<'a, 'p> {
    let mut stack: Vec<NodeRef<'a, Node>> = root.children().collect();
    stack.reverse();
    ElementsBelow { stack, prune }
}

/// Iterator of [`elements_below`].
pub struct ElementsBelow<'a, 'p> {
    stack: Vec<NodeRef<'a, Node>>,
    prune: &'p dyn Fn(&ElementRef<'a>) -> bool,
}

impl<'a> ElementsBelow<'a, '_> {
    /// Does not enter the element last yielded.
    pub fn skip_children_of(&mut self, el: ElementRef<'a>) {
        while self
            .stack
            .last()
            .and_then(|n| n.parent())
            .is_some_and(|p| p.id() == el.id())
        {
            self.stack.pop();
        }
    }
}

impl<'a> Iterator for ElementsBelow<'a, '_> {
    type Item = ElementRef<'a>;

    fn next(&mut self) -> Option<ElementRef<'a>> {
        while let Some(node) = self.stack.pop() {
            let Some(el) = ElementRef::wrap(node) else {
                continue;
            };
            if (self.prune)(&el) {
                continue;
            }
            let before = self.stack.len();
            self.stack.extend(node.children());
            self.stack[before..].reverse();
            return Some(el);
        }
        None
    }
}

/// Visible text of `root`.
pub fn text(root: ElementRef<'_>) -> String {
    text_with(root, &|_| false)
}

/// The bytes of an element's text, white space aside: its size, without gathering it.
pub fn text_bytes(root: ElementRef<'_>) -> usize {
    root.descendants()
        .filter_map(|n| n.value().as_text())
        .map(|t| word_bytes(t))
        .sum()
}

fn word_bytes(text: &str) -> usize {
    text.bytes().filter(|b| !b.is_ascii_whitespace()).count()
}

/// [`text`], when its words come to at most `max` bytes (white space aside), else `None`:
/// found without gathering the text of a large element.
pub fn short_text(root: ElementRef<'_>, max: usize) -> Option<String> {
    let mut bytes = 0;
    for node in root.descendants() {
        if let Node::Text(t) = node.value() {
            bytes += word_bytes(t);
            if bytes > max {
                return None;
            }
        }
    }
    Some(text(root))
}

/// [`text_with`], when the words of `root` outside the elements `skip` leaves out (replies it
/// holds) come to at most `max` bytes (white space aside), else `None`: the left-out subtrees
/// are not walked, nor a large element's text gathered.
pub fn short_text_outside(
    root: ElementRef<'_>,
    max: usize,
    skip: &dyn Fn(&ElementRef<'_>) -> bool,
) -> Option<String> {
    let mut bytes = 0;
    let mut stack = vec![*root];
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => {
                bytes += word_bytes(t);
                if bytes > max {
                    return None;
                }
            }
            Node::Element(_) => {
                if node.id() != root.id() && ElementRef::wrap(node).is_some_and(|e| skip(&e)) {
                    continue;
                }
                stack.extend(node.children());
            }
            _ => {}
        }
    }
    Some(text_with(root, skip))
}

/// Invisible characters that shape how text is shown, not what it says: direction marks and
/// embeddings (`&lrm;` before a date: Khoros, Facebook), zero-width spaces, word joiners,
/// byte-order marks and soft hyphens. They would keep a date or a name from being read and
/// split a word (`Kom&shy;mentar`). Zero-width joiners and non-joiners stay: they spell
/// Persian words and emoji.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Collapses white space within lines and runs of blank lines to one, and drops
/// [invisible format characters](is_invisible_format).
pub fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in text.lines() {
        let visible: String;
        // Each of them is written with a lead byte C2, E2 or EF; most lines hold none.
        let line = if memchr::memchr3(0xC2, 0xE2, 0xEF, line.as_bytes()).is_some()
            && line.contains(is_invisible_format)
        {
            visible = line.chars().filter(|c| !is_invisible_format(*c)).collect();
            visible.as_str()
        } else {
            line
        };
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(&line);
        blank = false;
    }
    out
}

/// True when `node` lies inside (or is) one of the elements in `set`.
pub fn inside(node: NodeRef<'_, Node>, set: &rustc_hash::FxHashSet<ego_tree::NodeId>) -> bool {
    std::iter::successors(Some(node), |n| n.parent()).any(|n| set.contains(&n.id()))
}

/// An attribute's name as the attribute lists compare it: without a `data-` prefix, case, `-`
/// or `_` (`data-comment-count`, `commentCount` and `comment_count` are `commentcount`).
pub fn attribute_key(name: &str) -> String {
    name.strip_prefix("data-")
        .unwrap_or(name)
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    #[test]
    fn tidy_drops_invisible_format_characters_but_not_joiners() {
        assert_eq!(
            tidy("\u{200E}03-14-2023  \u{200E}09:00 AM"),
            "03-14-2023 09:00 AM"
        );
        assert_eq!(tidy("Kom\u{00AD}mentar\u{FEFF}"), "Kommentar");
        assert_eq!(tidy("\u{200B}\n\nword"), "word");
        // Persian spelling and emoji sequences keep their joiners.
        assert_eq!(tidy("می\u{200C}خواهم"), "می\u{200C}خواهم");
        assert_eq!(tidy("👩\u{200D}🔬"), "👩\u{200D}🔬");
    }

    #[test]
    fn a_page_asks_only_its_possible_selectors_with_the_same_answers() {
        static LIST: Css = css!(
            r#".comment-author, [class*="author"], a[href*="/user/"], cite, .fn, [itemprop="author"] [itemprop="name"]"#
        );
        let page = r#"<div class="c"><cite>A</cite><span class="post-author">B</span><a href="/user/x">x</a><p class="fn">n</p><span itemprop="author"><b itemprop="name">N</b></span></div>"#;
        let whole = Selector::parse(LIST.source).unwrap();
        let same = |doc: &Doc| {
            doc.tree
                .nodes()
                .filter_map(ElementRef::wrap)
                .all(|e| LIST.matches(&e) == whole.matches(&e))
        };
        let first = Doc::parse(page);
        let found = first
            .tree
            .nodes()
            .filter_map(ElementRef::wrap)
            .filter(|e| LIST.matches(e))
            .count();
        assert_eq!(found, 5);
        assert!(same(&first));
        // A second page on the thread: the first is asked with the whole list, the second
        // with its own names.
        let second = Doc::parse("<p><cite>Only a cite</cite></p>");
        assert!(same(&second) && same(&first));
        drop(second);
        assert!(same(&first));
    }

    #[test]
    fn text_keeps_paragraphs_and_drops_scripts() {
        let doc = Html::parse_fragment(
            "<div><p>One  two</p><p>three<br>four</p><script>x()</script><span>five</span></div>",
        );
        let root = doc.root_element();
        assert_eq!(text(root), "One two\n\nthree\nfour\n\nfive");
    }

    #[test]
    fn spaced_text_sets_elements_words_apart() {
        let doc = Html::parse_fragment(
            "<div><b>Nia Ruiz</b><span>le 04/03/2023</span> <a>#1</a><i>(edited)</i>, ok</div>",
        );
        let root = doc.root_element();
        assert_eq!(text(root), "Nia Ruizle 04/03/2023 #1(edited), ok");
        assert_eq!(text_spaced(root), "Nia Ruiz le 04/03/2023 #1(edited), ok");
    }

    #[test]
    fn selectors_name_what_they_need() {
        let h = name_hash;
        assert_eq!(
            needed_names(r#"article .content, [id^="post_"].tborder"#),
            vec![
                vec![h(Name::Tag, "article"), h(Name::Class, "content")],
                vec![h(Name::Attr, "id"), h(Name::Class, "tborder")],
            ]
        );
        // Pseudo-classes need nothing, whatever they hold; quoted brackets do not end early.
        assert_eq!(
            needed_names(r#"tr.athing:not(.comtr, [x=")"]) > td[title="a]b, c"]"#),
            vec![vec![
                h(Name::Tag, "tr"),
                h(Name::Class, "athing"),
                h(Name::Tag, "td"),
                h(Name::Attr, "title"),
            ]]
        );
        assert_eq!(
            needed_names(r"body *, .a\:b"),
            vec![vec![h(Name::Tag, "body")], vec![]]
        );
    }

    #[test]
    fn skipped_selectors_are_those_that_cannot_match() {
        static COMMENTS: Css = css!("#comments li.Comment, .missing, [data-x]");
        static ABSENT: Css = css!(".missing, article .comment, [data-x]");
        // Without a doctype (quirks mode) classes may match without case: the set ignores it.
        let doc = Doc::parse(
            r#"<div id="comments"><ul><li class="Comment">a</li><li class="comment">b</li></ul></div>"#,
        );
        assert_eq!(
            doc.select(&COMMENTS).count(),
            doc.html.select(&COMMENTS).count()
        );
        assert!(doc.select(&COMMENTS).count() >= 1);
        assert_eq!(doc.select(&ABSENT).count(), 0);
        assert!(
            !ABSENT
                .needs()
                .iter()
                .any(|n| n.iter().all(|h| doc.names.contains(h)))
        );
    }

    #[test]
    fn skip_removes_subtrees() {
        let doc = Html::parse_fragment("<div>keep <blockquote>drop</blockquote> this</div>");
        let t = text_with(doc.root_element(), &|e| e.value().name() == "blockquote");
        assert_eq!(t, "keep\nthis");
    }
}
