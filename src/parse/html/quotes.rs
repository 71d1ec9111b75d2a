//! Quotes set apart by markup: `<blockquote>`, forum quote boxes (XenForo `bbCodeBlock--quote`,
//! vBulletin `bbcode_quote`), with the quoted author and post where the markup names them.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use scraper::ElementRef;

use super::dom::{Css, attr, attribute_key, css, has_class, text};
use crate::model::Quote;

static QUOTE_BOXES: Css = css!(
    r#"blockquote, .bbcode_quote, .bbCodeBlock--quote, .bbCodeQuote, .quote, q, div[class*="quotebox"], div[class*="quote-box"], div.quotecontent"#
);
/// Where a quote box names its author, most specific first.
static POSTED_BY: [Css; 9] = [
    css!(".bbcode_postedby strong"),
    css!(".bbCodeBlock-title"),
    css!("aside.quote > .title"),
    css!(".quote-author"),
    css!(r#"[class*="uoteName"], [class*="uote-name"], [class*="uote_name"]"#),
    css!("cite"),
    css!(".bbcode_postedby"),
    css!(r#"[class*="citation"], [class*="Citation"]"#),
    css!(r#"[class*="attribution"]"#),
];
static QUOTE_BODY: Css =
    css!(".bbCodeBlock-content, .message, .quote-content, aside.quote > blockquote, .quote");
static LINKS: Css = css!("a[href]");

/// A post number in `data-source="post: 123"`, `#post123`, `post-123`, `?p=123`, `?pid=123`,
/// `#pid123`, `.msg123` / `#msg123` (SMF).
static POST_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:post[:_\-\s#]*|[?&]p=|[?&#]pid=?|[.?&#]msg=?)(\d+)")
        .expect("post ref pattern compiles")
});

/// "Name said:", "Name hat gesagt.:", "Zitat von Name", "Quote from Name", and the verbs of
/// other languages' forums ("a écrit", "escribió", "написал", "发表于" (posted on) …).
static SAID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:zitat von|quote from|quoting|originally posted by|citation de|cita de)\s*:?\s+(.+?)[:.]*$|^(.+?)\s+(?:{})(?:[\s.:：,].*)?$",
        super::chrome::saying_verbs_pattern()
    ))
    .expect("said pattern compiles")
});

/// True for elements that hold a quote. A `<blockquote>` that wraps the whole post body (as
/// vBulletin's `blockquote.postcontent` and XenForo 1's `blockquote.messageText` do: a class
/// naming a message, content, text or body, and no quote) is not a quote.
pub fn is_quote(el: &ElementRef<'_>) -> bool {
    ((QUOTE_BOXES.matches(el) || named_quote(el)) && !is_post_text(el) && !has_class(el, "restore"))
        || quote_label(el).is_some()
}

/// A box whose class names it a quote by its last word, in any spelling (`TexticonQuote`,
/// `post-quote`, `comment_quote`); not a part of one (`TexticonQuoteText`, `quote-button`)
/// nor a link or button that quotes a post on a click (XenForo's `a.ReplyQuote`).
fn named_quote(el: &ElementRef<'_>) -> bool {
    matches!(
        el.value().name(),
        "div" | "section" | "aside" | "figure" | "td" | "fieldset"
    ) && el.value().classes().any(|c| {
        super::dom::contains_ignore_case(c, "quote")
            && super::generic::class_words(c)
                .last()
                .is_some_and(|w| w == "quote")
    })
}

/// Labels that open a quote box in words (`lexicon/quote_labels.txt`).
static QUOTE_LABELS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| super::chrome::lexicon(include_str!("lexicon/quote_labels.txt")));

/// The label of a box that says in words that it quotes: a `div`, `td` or `fieldset` that
/// holds a label alone (`<div class="smallfont">Quote:</div>`, `<legend>Zitat</legend>`) and
/// one element after it, the quoted post (vBulletin 3's quote, and older boards' alike). A
/// comment that opens with a bold "Quote:" and goes on in words of its own is no quote box.
fn quote_label<'a>(el: &ElementRef<'a>) -> Option<ElementRef<'a>> {
    if !matches!(el.value().name(), "div" | "td" | "fieldset") {
        return None;
    }
    let mut children = el
        .children()
        .filter(|n| !n.value().as_text().is_some_and(|t| t.trim().is_empty()));
    let first = children.next().and_then(ElementRef::wrap)?;
    // Its first words say it, or it is no label: most first children open with longer words.
    let opening = first
        .descendants()
        .find_map(|n| n.value().as_text().filter(|t| !t.trim().is_empty()))?;
    let folded = |t: &str| t.trim().trim_end_matches([':', '：']).trim().to_lowercase();
    if opening.trim().len() > 24 || !QUOTE_LABELS.contains(folded(opening).as_str()) {
        return None;
    }
    children.next().and_then(ElementRef::wrap)?;
    if children.next().is_some() {
        return None;
    }
    let label = super::dom::short_text(first, 24)?;
    QUOTE_LABELS
        .contains(folded(&label).as_str())
        .then_some(first)
}

fn is_post_text(el: &ElementRef<'_>) -> bool {
    el.value().name() == "blockquote"
        && el.value().classes().any(|c| {
            let c = c.to_ascii_lowercase();
            ["message", "content", "text", "body"]
                .iter()
                .any(|p| c.ends_with(p))
                && !c.contains("quote")
        })
}

/// The outermost quotes inside `root`, not entering elements for which `prune` is true
/// (nested comments). One walk: a quote's inside is not searched for more quotes.
pub fn quotes_in<'a>(root: ElementRef<'a>, prune: &dyn Fn(&ElementRef<'a>) -> bool) -> Vec<Quote> {
    let mut walk = super::dom::elements_below(root, prune);
    let mut quotes = Vec::new();
    while let Some(el) = walk.next() {
        if is_quote(&el) {
            walk.skip_children_of(el);
            quotes.push(quote_from(el));
        }
    }
    quotes.retain(|q| !q.text.is_empty());
    quotes
}

/// The writer a line just before a quote box names, when the box names none: a short
/// element ending in a colon that says who wrote it (`<p><a>Jonas Weber</a> wrote in
/// <a>#note-2</a>:</p><blockquote>`, as Redmine and hand-written blog comments put it). The
/// line is the quote's title, not the commenter's words ([`is_quote_title`]).
fn title_before(quote: &ElementRef<'_>) -> Option<String> {
    // The line before the quote, or before a box that holds the quote alone (IP.Board's
    // `p.citation` before `div.blockquote > div.quote`).
    let mut at = *quote;
    for _ in 0..3 {
        let before = at
            .prev_siblings()
            .find(|n| !n.value().as_text().is_some_and(|t| t.trim().is_empty()));
        if let Some(node) = before {
            return ElementRef::wrap(node).and_then(|b| title_name(&b));
        }
        let parent = at.parent().and_then(ElementRef::wrap)?;
        if !holds_quote_alone(&parent) {
            return None;
        }
        at = parent;
    }
    None
}

/// A quote box, or a box that holds one alone (up to three boxes deep).
fn holds_quote_alone(el: &ElementRef<'_>) -> bool {
    let mut at = *el;
    for _ in 0..3 {
        if is_quote(&at) {
            return true;
        }
        let mut children = at
            .children()
            .filter(|n| !n.value().as_text().is_some_and(|t| t.trim().is_empty()));
        match (children.next().and_then(ElementRef::wrap), children.next()) {
            (Some(only), None) => at = only,
            _ => return false,
        }
    }
    false
}

/// The name in a quote title line (see [`title_before`]).
fn title_name(el: &ElementRef<'_>) -> Option<String> {
    if !matches!(
        el.value().name(),
        "p" | "div" | "span" | "b" | "strong" | "em" | "cite"
    ) {
        return None;
    }
    let line = super::dom::short_text(*el, 120)?;
    let line = line.trim();
    if !line.ends_with([':', '：']) || line.contains('\n') {
        return None;
    }
    said_line_name(line)
}

/// True for a line that names the writer of the quote box after it ([`title_before`]).
pub fn is_quote_title(el: &ElementRef<'_>) -> bool {
    matches!(
        el.value().name(),
        "p" | "div" | "span" | "b" | "strong" | "em" | "cite"
    ) && ends_in_colon(el)
        && el
            .next_siblings()
            .find(|n| !n.value().as_text().is_some_and(|t| t.trim().is_empty()))
            .and_then(ElementRef::wrap)
            .is_some_and(|next| holds_quote_alone(&next) && !has_own_title(&next))
        && title_name(el).is_some()
}

/// Whether the last words inside an element end in a colon: its last text, found down the
/// last children (a cheap first test for a quote title).
fn ends_in_colon(el: &ElementRef<'_>) -> bool {
    let mut node = **el;
    for _ in 0..8 {
        let Some(last) = node
            .children()
            .rev()
            .find(|n| !n.value().as_text().is_some_and(|t| t.trim().is_empty()))
        else {
            return false;
        };
        if let Some(t) = last.value().as_text() {
            return t.trim_end().ends_with([':', '：']);
        }
        node = last;
    }
    false
}

/// Whether a quote box names its writer itself (a title element or an attribute).
fn has_own_title(el: &ElementRef<'_>) -> bool {
    POSTED_BY.iter().any(|sel| el.select(sel).next().is_some())
}

fn quote_from(el: ElementRef<'_>) -> Quote {
    let title = POSTED_BY.iter().find_map(|sel| el.select(sel).next());
    // What the quote box's attributes name: the quoted writer (`data-quote`, `data-username`,
    // `data-ipsquote-username`, `data-author`) and the quoted post (`data-post`,
    // `data-ipsquote-contentcommentid`).
    let stated = |fits: fn(&str) -> bool| {
        el.value()
            .attrs()
            .find(|(name, value)| !value.trim().is_empty() && fits(&attribute_key(name)))
            .map(|(_, value)| value.trim().to_string())
    };
    let author = stated(|k| k == "quote" || k.ends_with("username") || k.ends_with("author"))
        .or_else(|| title.and_then(|t| said_name(&text(t))));
    let body = el.select(&QUOTE_BODY).next();
    // A quote box's controls (XenForo's `<a role="button">Click to expand...</a>`) and its
    // label in words (`Quote:`) are no quoted words.
    let label = quote_label(&el).map(|l| l.id());
    let aside = |e: &ElementRef<'_>| is_control(e) || Some(e.id()) == label;
    let mut quoted = match body {
        Some(b) => super::dom::text_with(b, &aside),
        None => super::dom::text_with(el, &|e| {
            aside(e) || POSTED_BY.iter().any(|sel| sel.matches(e))
        }),
    };
    // No title element: an element that opens the quote and says who wrote it (`<b>hazel
    // wrote:</b>`), else a first line of its own that does ("小番茄 发表于 2024-6-3 11:40"),
    // is the title, and no part of the quoted words.
    let opening = || {
        let start = quoted.trim_start();
        el.descendants()
            .filter_map(ElementRef::wrap)
            .take(8)
            .find_map(|e| {
                let line = text(e);
                let line = line.trim();
                (!line.is_empty() && start.starts_with(line) && line.len() < start.len())
                    .then(|| said_line_name(line).map(|name| (e, name)))
                    .flatten()
            })
    };
    let lead = (author.is_none() && title.is_none() && body.is_none())
        .then(opening)
        .flatten();
    let author = match (author, lead) {
        (Some(a), _) => Some(a),
        (None, Some((lead, name))) => {
            quoted = super::dom::text_with(el, &|e| aside(e) || e.id() == lead.id());
            Some(name)
        }
        (None, None) if title.is_none() => {
            let (first, rest) = quoted.split_once('\n').unwrap_or((&quoted, ""));
            let name = (first.len() <= 120 && !rest.trim().is_empty())
                .then(|| said_line_name(first))
                .flatten();
            if name.is_some() {
                quoted = rest.trim().to_string();
            }
            name
        }
        (None, None) => None,
    };
    let reference = attr(&el, "data-source").map(String::from).or_else(|| {
        stated(|k| k == "post" || k.ends_with("postid") || k.ends_with("commentid"))
            .map(|n| format!("post: {n}"))
    });
    // Else the first link in the box that names a post, by its address or its attributes
    // (phpBB's `<cite><a href="memberlist.php?u=60">marrow</a> wrote: <a
    // href="viewtopic.php?p=12340#p12340" data-post-id="12340">↑</a>`); the writer's
    // profile link before it names none.
    let comment_id = reference
        .and_then(|r| POST_REF.captures(&r).map(|c| c[1].to_string()))
        .or_else(|| {
            el.select(&LINKS).find_map(|a| {
                let by_attr = a.value().attrs().find_map(|(name, value)| {
                    let key = attribute_key(name);
                    (key.ends_with("postid") && value.trim().bytes().all(|b| b.is_ascii_digit()))
                        .then(|| value.trim().to_string())
                        .filter(|v| !v.is_empty())
                });
                by_attr.or_else(|| {
                    let href = attr(&a, "href")?;
                    POST_REF.captures(href).map(|c| c[1].to_string())
                })
            })
        });
    let author = author.or_else(|| title_before(&el).filter(|_| !has_own_title(&el)));
    Quote {
        author,
        text: quoted,
        comment_id,
    }
}

/// A button: a `<button>` or an element in the `button` role.
fn is_control(el: &ElementRef<'_>) -> bool {
    el.value().name() == "button"
        || el
            .value()
            .attr("role")
            .is_some_and(|r| r.trim().eq_ignore_ascii_case("button"))
}

/// The name in a quote's first line when the line says who wrote it (a name of at most three
/// words and a verb of saying), else `None`: a bare line is the quote's own words.
/// After the verb only a colon or a date may follow ("Jo said he would come" is words).
fn said_line_name(line: &str) -> Option<String> {
    let line = line.trim();
    let c = SAID.captures(line)?;
    let (name, tail_ok) = match (c.get(1), c.get(2)) {
        // "Quote from: old_rob on March 02, 2020, 07:45:30 AM": the name, then its date.
        (Some(labelled), _) => (name_before_date(labelled.as_str()), true),
        (None, Some(name)) => {
            let after_verb = line[name.end()..]
                .split_whitespace()
                .skip(1)
                .collect::<Vec<_>>()
                .join(" ");
            let after_verb = after_verb.trim_start_matches([':', '.', ',', '：']).trim();
            // Or where it was written: "wrote in #note-2:", "posted on 3 June:".
            let placed = after_verb.split_once(' ').is_some_and(|(joiner, rest)| {
                matches!(joiner, "in" | "on" | "at")
                    && rest.split_whitespace().count() <= 3
                    && rest.contains(|c: char| c.is_ascii_digit())
            });
            let tail_ok = after_verb.is_empty()
                || after_verb.starts_with(|c: char| c.is_ascii_digit())
                || placed;
            // "mechanic_moe, on 03 June 2024 - 10:02 AM, said:" (IP.Board): the name, then its
            // date.
            (name_before_date(name.as_str().trim()), tail_ok)
        }
        (None, None) => return None,
    };
    // Broken markup (`Agronox" post="4938 posted:`) is no name.
    let markup = name.contains(['"', '=', '<', '>', '[', ']']);
    (tail_ok && !markup && !name.is_empty() && name.split_whitespace().count() <= 3)
        .then(|| name.to_string())
}

/// What precedes the date in a labelled quote title's rest (`old_rob on March 02, 2020`,
/// `Sam @ 03-14-2024`, `Jo, 3. Juni 2024`): the words before a joiner whose rest holds a
/// digit.
fn name_before_date(rest: &str) -> &str {
    const JOINERS: &[&str] = &[
        " on ", " am ", " le ", " el ", " il ", " at ", " @ ", " - ", " – ", ", ",
    ];
    // ASCII lowercasing keeps every byte offset.
    let lower = rest.to_ascii_lowercase();
    JOINERS
        .iter()
        .filter_map(|j| {
            let at = lower.find(j)?;
            lower[at..]
                .contains(|c: char| c.is_ascii_digit())
                .then_some(at)
        })
        .min()
        .map_or(rest, |at| &rest[..at])
        .trim()
}

/// The name in a quote title ("Pepemaus hat gesagt.:" → "Pepemaus"); a bare name is taken as is.
fn said_name(title: &str) -> Option<String> {
    // A date in parentheses is no part of the name (`(03-14-2024, 10:40 AM)Sam Wrote:`).
    let title = match (title.find('('), title.find(')')) {
        (Some(open), Some(close)) if open < close => {
            format!("{} {}", &title[..open], &title[close + 1..])
        }
        _ => title.to_string(),
    };
    let title = title.trim();
    if title.is_empty() {
        return None;
    }
    let name = match SAID.captures(title) {
        Some(c) => match c.get(1) {
            Some(labelled) => name_before_date(labelled.as_str()),
            None => c.get(2).map_or(title, |m| m.as_str()),
        },
        None if title.split_whitespace().count() <= 4 => title,
        None => return None,
    };
    Some(name.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    #[test]
    fn a_line_before_a_quote_box_that_says_who_wrote_it_is_its_title() {
        let doc = Html::parse_fragment(
            r##"<div><p><a href="/users/2">Jonas Weber</a> wrote in <a href="#note-2">#note-2</a>:</p><blockquote><p>Same problem?</p></blockquote><p>No.</p><p>Ann wrote:</p><p>Not a quote.</p></div>"##,
        );
        let q = quotes_in(doc.root_element(), &|_| false);
        assert_eq!(q[0].author.as_deref(), Some("Jonas Weber"));
        assert_eq!(q[0].text, "Same problem?");
        static P: Css = css!("p");
        let titles: Vec<bool> = doc.select(&P).map(|p| is_quote_title(&p)).collect();
        assert_eq!(titles, [true, false, false, false, false]);
    }

    #[test]
    fn a_first_line_that_says_who_wrote_it_names_the_quote() {
        let doc = Html::parse_fragment(
            r#"<div><div class="quote"><blockquote><a href="forum.php?goto=findpost&amp;pid=1002"><font>小番茄 发表于 2024-6-3 11:40</font></a><br>主要是水分忽多忽少</blockquote></div>原来如此</div>"#,
        );
        let q = quotes_in(doc.root_element(), &|_| false);
        assert_eq!(
            (q[0].author.as_deref(), q[0].comment_id.as_deref()),
            (Some("小番茄"), Some("1002"))
        );
        assert_eq!(q[0].text, "主要是水分忽多忽少");
        assert_eq!(said_line_name("Jo wrote:").as_deref(), Some("Jo"));
        assert_eq!(said_line_name("Jo said he would come"), None);
        let boxes = scraper::Html::parse_fragment(
            r#"<div id="a"><div>Quote:</div><table><tr><td>Originally Posted by <b>Jo</b><div>words</div></td></tr></table></div>
               <div id="b"><b>Quote:</b> and then my own words</div>
               <div id="c"><b>Quote:</b><p>one</p><p>two</p></div>"#,
        );
        let labelled: Vec<_> = boxes
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| quote_label(e).is_some())
            .filter_map(|e| e.value().id().map(String::from))
            .collect();
        assert_eq!(labelled, ["a"]);
        let a = boxes
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().id() == Some("a"))
            .unwrap();
        let quote = quote_from(a);
        assert_eq!(quote.author.as_deref(), Some("Jo"));
        assert_eq!(quote.text, "words");
        assert_eq!(
            said_line_name("Quote from: old_rob on March 02, 2020, 07:45:30 AM").as_deref(),
            Some("old_rob")
        );
        assert_eq!(said_line_name("Zitat von Kalle").as_deref(), Some("Kalle"));
        assert_eq!(
            said_name("Originally Posted by Anna K @ 03-14-2024").as_deref(),
            Some("Anna K")
        );
        // A name that holds a joiner keeps it when no date follows.
        assert_eq!(
            said_name("Quote from: Bread - and Roses").as_deref(),
            Some("Bread - and Roses")
        );
        assert_eq!(said_line_name("Agronox\" post=\"4938 posted:"), None);
    }

    #[test]
    fn a_box_whose_class_ends_in_quote_is_a_quote_but_a_quote_button_is_not() {
        let doc = Html::parse_fragment(
            r#"<div><div class="Texticon TexticonQuote"><div class="Texticon TexticonQuoteName">Hot Mac</div><div class="Texticon TexticonQuoteText">Dann mache ich mal den Anfang.</div></div>Und ich mach weiter. <a class="MessageQuote ReplyQuote">Zitieren</a></div>"#,
        );
        let q = quotes_in(doc.root_element(), &|_| false);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].author.as_deref(), Some("Hot Mac"));
        assert_eq!(q[0].text, "Dann mache ich mal den Anfang.");
    }

    #[test]
    fn xenforo_quote_box() {
        let doc = Html::parse_fragment(
            r#"<div><blockquote data-quote="Pepemaus" data-source="post: 6331459" class="bbCodeBlock bbCodeBlock--quote"><div class="bbCodeBlock-title">Pepemaus hat gesagt.:</div><div class="bbCodeBlock-content">die Ohren sind sauber</div></blockquote>Antwort</div>"#,
        );
        let q = quotes_in(doc.root_element(), &|_| false);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].author.as_deref(), Some("Pepemaus"));
        assert_eq!(q[0].comment_id.as_deref(), Some("6331459"));
        assert_eq!(q[0].text, "die Ohren sind sauber");
    }

    #[test]
    fn attributes_and_citation_name_the_quote() {
        // An Invision-style box: writer and post in prefixed attributes, a citation line.
        let doc = Html::parse_fragment(
            r#"<div><blockquote class="ipsQuote" data-ipsquote-contentcommentid="20415" data-ipsquote-username="frame_doctor"><div class="ipsQuote_citation">frame_doctor said:</div><div class="ipsQuote_contents"><p>spray it</p></div></blockquote></div>"#,
        );
        let q = quotes_in(doc.root_element(), &|_| false);
        assert_eq!(
            (q[0].author.as_deref(), q[0].comment_id.as_deref()),
            (Some("frame_doctor"), Some("20415"))
        );
        assert_eq!(q[0].text, "spray it");
    }

    #[test]
    fn a_dated_citation_names_the_writer_and_its_link_the_post() {
        let doc = Html::parse_fragment(
            r#"<div><blockquote class="mycode_quote"><cite><span> (03-14-2024, 10:40 AM)</span>sparky_sam Wrote: <a href="showthread.php?pid=502#pid502"></a></cite>Test the element.</blockquote></div>"#,
        );
        let q = quotes_in(doc.root_element(), &|_| false);
        assert_eq!(
            (q[0].author.as_deref(), q[0].comment_id.as_deref()),
            (Some("sparky_sam"), Some("502"))
        );
    }

    #[test]
    fn a_blockquote_named_as_the_post_text_is_no_quote() {
        let doc = Html::parse_fragment(
            r#"<div><blockquote class="messageText SelectQuoteContainer">Own words</blockquote><blockquote class="quote-text">Quoted</blockquote></div>"#,
        );
        let q = quotes_in(doc.root_element(), &|_| false);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].text, "Quoted");
    }

    #[test]
    fn vbulletin_quote_box() {
        let doc = Html::parse_fragment(
            r#"<div class="bbcode_quote"><div class="bbcode_postedby">Zitat von <strong>TheFreeman</strong> <a href="x-post949745.html#post949745">v</a></div><div class="message">Gibt es das?</div></div>"#,
        );
        let q = quotes_in(doc.root_element(), &|_| false);
        assert_eq!(
            (q[0].author.as_deref(), q[0].comment_id.as_deref()),
            (Some("TheFreeman"), Some("949745"))
        );
        assert_eq!(q[0].text, "Gibt es das?");
    }
}
