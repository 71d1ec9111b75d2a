//! Comment widgets that load by script: a page saved without running them has no comments,
//! and the user should know why.

use super::dom::{Css, Doc, css};

static DISQUS: Css = css!(r#"#disqus_thread, script[src*="disqus.com"]"#);
static VIAFOURA: Css =
    css!(r#".viafoura, #vf-comments, vf-conversations, script[src*="viafoura"]"#);
static OPENWEB: Css = css!(
    r#"[data-spot-id], .spot-im-conversation, #spot-im-root, script[src*="spot.im"], script[src*="openweb"]"#
);
static FACEBOOK: Css = css!(r#".fb-comments"#);
static CORAL: Css = css!(r#"#coral_thread, #coral-container, script[src*="coral"]"#);
static OTHERS: Css = css!(
    r#"#hyvor-talk-view, #commento, script[src*="giscus.app"], script[src*="utteranc.es"], .vuukle-comments, #livefyre-comments"#
);

/// The name of the script-loaded comment widget on the page, if any.
pub fn detect(doc: &Doc) -> Option<&'static str> {
    let table: [(&Css, &'static str); 6] = [
        (&DISQUS, "Disqus"),
        (&VIAFOURA, "Viafoura"),
        (&OPENWEB, "OpenWeb"),
        (&FACEBOOK, "Facebook Comments"),
        (&CORAL, "Coral"),
        (&OTHERS, "a script-loaded comment widget"),
    ];
    table
        .iter()
        .find(|(sel, _)| doc.select(sel).next().is_some())
        .map(|(_, name)| *name)
}

/// The `comment_system` name of a widget [`detect`] names, when it names one product.
pub fn slug(name: &str) -> Option<&'static str> {
    match name {
        "Disqus" => Some("disqus"),
        "Viafoura" => Some("viafoura"),
        "OpenWeb" => Some("openweb"),
        "Facebook Comments" => Some("facebook"),
        "Coral" => Some("coral"),
        _ => None,
    }
}
