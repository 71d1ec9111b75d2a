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

/// The containers the widgets draw their comments into, with the `comment_system` name of each.
static CONTAINERS: [(&Css, &str); 5] = [
    (&DISQUS_BOX, "disqus"),
    (&VIAFOURA_BOX, "viafoura"),
    (&OPENWEB_BOX, "openweb"),
    (&FACEBOOK, "facebook"),
    (&CORAL_BOX, "coral"),
];
static DISQUS_BOX: Css = css!(r#"#disqus_thread"#);
static VIAFOURA_BOX: Css = css!(r#".viafoura, #vf-comments, vf-conversations"#);
static OPENWEB_BOX: Css = css!(r#"[data-spot-id], .spot-im-conversation, #spot-im-root"#);
static CORAL_BOX: Css = css!(r#"#coral_thread, #coral-container"#);

/// The widget whose container holds `el` (a comment found in a page saved after the widget
/// ran): its `comment_system` name. Asks `el`'s ancestors only, never the whole page.
pub fn containing(el: scraper::ElementRef<'_>) -> Option<&'static str> {
    el.ancestors()
        .filter_map(scraper::ElementRef::wrap)
        .find_map(|a| {
            CONTAINERS
                .iter()
                .find(|(sel, _)| sel.matches(&a))
                .map(|(_, name)| *name)
        })
}
