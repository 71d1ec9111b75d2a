//! Small DOM helpers over `scraper`: selectors, classes, and text with block structure.

use std::sync::LazyLock;

use ego_tree::NodeRef;
use scraper::{ElementRef, Node, Selector};

/// A CSS selector compiled once. Only for selectors written in this crate.
pub struct Css(LazyLock<Selector>);

impl Css {
    /// Declares a selector; compiled on first use.
    pub const fn new(init: fn() -> Selector) -> Self {
        Css(LazyLock::new(init))
    }
}

impl std::ops::Deref for Css {
    type Target = Selector;
    fn deref(&self) -> &Selector {
        &self.0
    }
}

/// `css!("a.b")`: a lazily compiled, crate-owned selector.
macro_rules! css {
    ($s:expr) => {
        $crate::parse::html::dom::Css::new(|| {
            scraper::Selector::parse($s).expect("selector written in this crate parses")
        })
    };
}
pub(crate) use css;

/// True when `el` has the class token `name`.
pub fn has_class(el: &ElementRef<'_>, name: &str) -> bool {
    el.value().classes().any(|c| c == name)
}

/// Attribute value, trimmed, when present and non-empty.
pub fn attr<'a>(el: &ElementRef<'a>, name: &str) -> Option<&'a str> {
    el.value()
        .attr(name)
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// Elements that end a line of text.
fn is_block(name: &str) -> bool {
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
fn is_invisible(name: &str) -> bool {
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
    let mut out = String::new();
    let mut stack: Vec<(NodeRef<'_, Node>, bool)> = vec![(*root, false)];
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
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

/// Visible text of `root`.
pub fn text(root: ElementRef<'_>) -> String {
    text_with(root, &|_| false)
}

/// Collapses white space within lines and runs of blank lines to one.
pub fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in text.lines() {
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
pub fn inside(node: NodeRef<'_, Node>, set: &std::collections::HashSet<ego_tree::NodeId>) -> bool {
    std::iter::successors(Some(node), |n| n.parent()).any(|n| set.contains(&n.id()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    #[test]
    fn text_keeps_paragraphs_and_drops_scripts() {
        let doc = Html::parse_fragment(
            "<div><p>One  two</p><p>three<br>four</p><script>x()</script><span>five</span></div>",
        );
        let root = doc.root_element();
        assert_eq!(text(root), "One two\n\nthree\nfour\n\nfive");
    }

    #[test]
    fn skip_removes_subtrees() {
        let doc = Html::parse_fragment("<div>keep <blockquote>drop</blockquote> this</div>");
        let t = text_with(doc.root_element(), &|e| e.value().name() == "blockquote");
        assert_eq!(t, "keep\nthis");
    }
}
