//! A guard against pathologically deep markup. html5ever's tree builder scans its stack of open
//! elements for every start tag, so a page of 40,000 nested unclosed `<div>`s takes seconds
//! (quadratic), where real pages nest a few dozen deep. Before parsing, when an element would
//! open deeper than [`MAX_OPEN`], the deepest open elements are closed first (and their own end
//! tags dropped when they come): every element, text and comment stays, nesting beyond the cap
//! folds back up, and the thread's notes say how many elements were closed early.
//!
//! The count is a conservative upper bound on the tree's depth: elements whose end tag is
//! optional (`p`, `li`, `td`, …) and void elements (`br`, `img`, …) are not counted, and the
//! content of raw-text elements (`script`, `style`, `textarea`, …) and comments is skipped.

/// Nesting of counted elements at which folding starts (at most [`SLACK`] more are kept).
pub const MAX_OPEN: usize = 1000;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen",
];
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body",
];
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// The page with nesting beyond [`MAX_OPEN`] folded back, and how many elements were closed early;
/// `None` when the page stays within the cap (every real page).
pub fn capped(html: &str) -> Option<(String, usize)> {
    if scan(html, None) == 0 {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let dropped = scan(html, Some(&mut out));
    Some((out, dropped))
}

/// Levels closed at once when the cap is reached, so the element opened then has room for
/// its own children.
const SLACK: usize = 100;

/// One pass over the markup: the number of elements closed early; with `out`, the page
/// rewritten is written there. When an element of the same name as the deepest open one would
/// open at the cap (or any element [`SLACK`] levels beyond it), the [`SLACK`] deepest open
/// elements are closed first (end tags inserted), so it opens [`SLACK`] levels higher;
/// the end tags those elements have in the page, when they come, are dropped.
fn scan(html: &str, mut out: Option<&mut String>) -> usize {
    let bytes = html.as_bytes();
    // Counted open elements as the page spells them, at most MAX_OPEN + SLACK.
    let mut open: Vec<&str> = Vec::new();
    // (depth at which elements were closed early, how many of their end tags are still due)
    let mut owed: Vec<(usize, usize)> = Vec::new();
    let mut forced = 0usize;
    let mut i = 0;
    let mut copied = 0; // bytes before this offset are written (or left out on purpose)
    while let Some(lt) = memchr::memchr(b'<', &bytes[i..]).map(|p| p + i) {
        let rest = &html[lt..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(bytes.len(), |e| lt + e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i = memchr::memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |e| lt + e + 1);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = lt + if closing { 2 } else { 1 };
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let name = &html[name_start..name_start + name_len];
        // The name in lower case, on the stack: every name the lists hold is short, and a
        // longer one (a custom element) is counted and not raw text.
        let mut buf = [0u8; 16];
        let lower = match buf.get_mut(..name_len) {
            Some(low) => {
                low.copy_from_slice(name.as_bytes());
                low.make_ascii_lowercase();
                std::str::from_utf8(low).unwrap_or("")
            }
            None => "",
        };
        let end = tag_end(bytes, name_start + name_len);
        let counted = !VOID.contains(&lower) && !OPTIONAL_END.contains(&lower);
        let raw = RAW_TEXT.contains(&lower);
        if closing && counted {
            match owed.last_mut() {
                // Back at the depth where elements were closed early: this end tag is one of
                // theirs, and they are closed already.
                Some((depth, due)) if *depth == open.len() && *due > 0 => {
                    *due -= 1;
                    if *due == 0 {
                        owed.pop();
                    }
                    if let Some(out) = out.as_deref_mut() {
                        out.push_str(&html[copied..lt]);
                    }
                    copied = end;
                }
                _ => {
                    open.pop();
                }
            }
        } else if !closing && counted && !raw {
            // Fold where the page repeats itself (a `div` opened in a `div` at the cap), so an
            // element at the cap keeps its own children; at the hard cap, fold anyway.
            let repeats = open
                .last()
                .is_some_and(|top| top.eq_ignore_ascii_case(name));
            if open.len() >= MAX_OPEN + SLACK || (open.len() >= MAX_OPEN && repeats) {
                if let Some(out) = out.as_deref_mut() {
                    out.push_str(&html[copied..lt]);
                }
                copied = lt;
                for _ in 0..SLACK {
                    let top = open.pop().unwrap_or_default();
                    if let Some(out) = out.as_deref_mut() {
                        out.push_str("</");
                        out.push_str(top);
                        out.push('>');
                    }
                }
                forced += SLACK;
                match owed.last_mut() {
                    Some((depth, due)) if *depth == open.len() => *due += SLACK,
                    _ => owed.push((open.len(), SLACK)),
                }
            }
            open.push(name);
        }
        i = end;
        if !closing && raw {
            // Markup inside is text, up to the matching end tag.
            i = end_tag(&bytes[end..], lower).map_or(bytes.len(), |p| end + p);
        }
    }
    if let Some(out) = out {
        out.push_str(&html[copied..]);
    }
    forced
}

/// The offset just after a tag's `>`, quotes respected.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (k, &b) in bytes[from..].iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return from + k + 1,
            _ => {}
        }
    }
    bytes.len()
}

/// Where the first `</name` is (any case), looking only at each `<`.
fn end_tag(haystack: &[u8], name: &str) -> Option<usize> {
    memchr::memchr_iter(b'<', haystack).find(|&k| {
        haystack.get(k + 1) == Some(&b'/')
            && haystack
                .get(k + 2..k + 2 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_pages_are_left_alone() {
        let page = "<html><body><p>a<p>b<ul><li>x<li>y</ul><div><div>z</div></div><script>if (a<b) {}</script></body></html>";
        assert_eq!(capped(page), None);
    }

    #[test]
    fn nesting_beyond_the_cap_folds_back_and_everything_is_kept() {
        let comment = "<div class=\"comment\"><cite>u</cite><p>text</p>";
        let unclosed = comment.repeat(3 * MAX_OPEN);
        let (out, closed_early) = capped(&unclosed).expect("capped");
        assert!(closed_early > 0);
        let doc = scraper::Html::parse_document(&out);
        let count = |css: &str| doc.select(&scraper::Selector::parse(css).unwrap()).count();
        assert_eq!(count("div.comment"), 3 * MAX_OPEN);
        assert_eq!(
            count("div.comment > cite"),
            3 * MAX_OPEN,
            "each comment keeps its parts"
        );
        // Closed markup: the end tags of elements closed early are dropped, the rest kept.
        let closed = format!("{unclosed}{}", "</div>".repeat(3 * MAX_OPEN));
        let (out, _) = capped(&closed).expect("capped");
        let doc = scraper::Html::parse_document(&out);
        let count = |css: &str| doc.select(&scraper::Selector::parse(css).unwrap()).count();
        assert_eq!(count("div.comment > cite"), 3 * MAX_OPEN);
        assert!(capped(&out).is_none(), "the result is within the cap");
    }
}
