//! Page-level spam rules (`PSP`): links and contacts outside the comments, such as link lists
//! injected into a page's footer or a contact promo in its chrome.

use std::collections::HashMap;

use crate::model::{LinkKind, Page, Region};
use crate::score::PageFinding;
use crate::score::lexicon::LEXICONS;
use crate::score::links::{host_of, registrable_domain};

/// A page-level rule.
pub struct PageRule {
    /// Stable code.
    pub code: &'static str,
    /// Kebab-case name.
    pub name: &'static str,
    /// Weight of a finding.
    pub weight: f32,
    /// What it finds.
    pub summary: &'static str,
    /// Why it matters.
    pub why: &'static str,
}

impl PageRule {
    /// The documentation `threadscan explain` prints.
    pub fn doc(&self) -> String {
        format!(
            "# {} {}\n\nflag: page spam · weight: {:+.2}\n\n## What it does\n{}\n\n## Why is this bad?\n{}\n",
            self.code, self.name, self.weight, self.summary, self.why
        )
    }
}

/// PSP001.
pub static LINK_LIST: PageRule = PageRule {
    code: "PSP001",
    name: "injected-link-list",
    weight: 0.7,
    summary: "Three or more links to other sites in one line of page chrome (text renderings) or with no anchor text of their own (HTML), outside the article. Share buttons (links that carry the page's own site in their query) are not counted.",
    why: "Bare link lists in footers and teasers are how hacked sites are loaded with gambling and pharma links for search ranking (seed 004's `markas303` links).",
};

/// PSP002.
pub static CONTACT_PROMO: PageRule = PageRule {
    code: "PSP002",
    name: "page-contact-promo",
    weight: 0.6,
    summary: "A phone number (WhatsApp, Telegram, SMS) in the page's chrome.",
    why: "Phone numbers in page chrome are promos for alert channels or services, a contact-harvesting vector (seed 001's `Receive News Alerts on Whatsapp: +234…`).",
};

/// PSP003.
pub static PROMO_LINK: PageRule = PageRule {
    code: "PSP003",
    name: "page-promo-link",
    weight: 0.8,
    summary: "A page link whose address or text advertises gambling, pharma, loans or crypto, or goes through a URL shortener.",
    why: "Promotional links on a news page outside the ads are injected spam.",
};

/// Every page rule, in code order.
pub static RULES: &[&PageRule] = &[&LINK_LIST, &CONTACT_PROMO, &PROMO_LINK];

/// Gambling and pharma words that show up in spam domain names.
const PROMO_STEMS: &[&str] = &[
    "casino", "slot", "judi", "togel", "gacor", "poker", "betting", "viagra", "cialis", "loan",
    "bitcoin", "crypto",
];

/// Page-level spam findings, in link order.
///
/// Work is linear in the page: links of one line share its context ([`PageLink::context`]),
/// and a context's list key and promo test are computed once per shared context, not once
/// per link (a line with 8,000 links was lower-cased 8,000 times).
pub fn page_findings(page: &Page) -> Vec<PageFinding> {
    let contexts = Contexts::of(&page.links);
    let mut lists: HashMap<u32, usize> = HashMap::new();
    for (i, _) in page
        .links
        .iter()
        .enumerate()
        .filter(|(_, l)| l.region == Region::Chrome && l.kind == LinkKind::Url)
    {
        *lists.entry(contexts.key(i)).or_default() += 1;
    }
    let site = page.site.as_deref().and_then(registrable_domain);
    // A link that carries this page's own site in its query is a share button
    // (`facebook.com/sharer.php?u=https://blog.example/post`), not an injected link.
    let shares_page = |value: &str| {
        page.site.as_deref().is_some_and(|s| {
            value
                .split_once('?')
                .is_some_and(|(_, query)| query.to_ascii_lowercase().contains(s))
        })
    };
    let mut out = Vec::new();
    for (i, link) in page.links.iter().enumerate() {
        let host = host_of(&link.value);
        let domain = host.as_deref().and_then(registrable_domain);
        let external = domain.is_some() && domain != site;
        let value = link.value.to_lowercase();
        let promo = PROMO_STEMS
            .iter()
            .any(|s| value.contains(s) || contexts.promo(i))
            || host
                .as_deref()
                .is_some_and(|h| LEXICONS.shorteners.contains(h));
        let chrome = link.region == Region::Chrome;
        let rule = match link.kind {
            LinkKind::Url if promo => Some(&PROMO_LINK),
            LinkKind::Phone if chrome => Some(&CONTACT_PROMO),
            LinkKind::Url
                if chrome
                    && external
                    && !shares_page(&link.value)
                    && lists.get(&contexts.key(i)).copied().unwrap_or(0) >= 3 =>
            {
                Some(&LINK_LIST)
            }
            _ => None,
        };
        if let Some(rule) = rule {
            out.push(PageFinding {
                code: rule.code,
                name: rule.name,
                value: link.value.clone(),
                weight: rule.weight,
            });
        }
    }
    out
}

/// Links that form one list: those of one chrome line (or anchor text); anchors whose text
/// is just their address form one list together.
fn list_key(link: &crate::model::PageLink) -> &str {
    let context = link.context.trim();
    if context == link.value { "" } else { context }
}

/// What a page's link contexts say, worked out once per distinct shared context.
struct Contexts {
    /// Per link: its list (an id of its [`list_key`]) and whether its context holds a promo
    /// stem.
    per_link: Vec<(u32, bool)>,
}

impl Contexts {
    fn of(links: &[crate::model::PageLink]) -> Self {
        // By the shared text's address first, so a long line is hashed once, not per link.
        let mut by_address: HashMap<*const u8, (u32, bool)> = HashMap::new();
        let mut ids: HashMap<&str, u32> = HashMap::from([("", 0)]);
        let per_link = links
            .iter()
            .map(|l| {
                let (id, promo) = *by_address.entry(l.context.as_ptr()).or_insert_with(|| {
                    let lower = l.context.to_lowercase();
                    let next = ids.len() as u32;
                    let id = *ids.entry(l.context.trim()).or_insert(next);
                    (id, PROMO_STEMS.iter().any(|s| lower.contains(s)))
                });
                // An anchor whose text is its address joins the one list of such anchors.
                let key = if list_key(l).is_empty() { 0 } else { id };
                (key, promo)
            })
            .collect();
        Contexts { per_link }
    }

    fn key(&self, link: usize) -> u32 {
        self.per_link[link].0
    }

    fn promo(&self, link: usize) -> bool {
        self.per_link[link].1
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, PageLink};

    fn link(kind: LinkKind, value: &str, region: Region, context: &str) -> PageLink {
        PageLink {
            kind,
            value: value.into(),
            region,
            context: context.into(),
        }
    }

    #[test]
    fn share_buttons_are_no_link_list() {
        let mut page = Page::new("p", Format::Html);
        page.site = Some("blog.example".into());
        let share = |host: &str| {
            link(
                LinkKind::Url,
                &format!("https://{host}/share?u=https://blog.example/post"),
                Region::Chrome,
                "",
            )
        };
        page.links = vec![share("a.example"), share("b.example"), share("c.example")];
        assert!(page_findings(&page).is_empty());
        page.site = Some("other.example".into());
        assert_eq!(page_findings(&page).len(), 3);
    }

    #[test]
    fn injected_lists_contact_promos_and_promo_links() {
        let line = "AT Kabul: … https://www.markas303.ac.id/ https://www.markas303.or.id/ https://www.markas303.sch.id/";
        let mut page = Page::new("p", Format::Text);
        page.links = vec![
            link(
                LinkKind::Url,
                "https://www.markas303.ac.id/",
                Region::Chrome,
                line,
            ),
            link(
                LinkKind::Url,
                "https://www.markas303.or.id/",
                Region::Chrome,
                line,
            ),
            link(
                LinkKind::Url,
                "https://www.markas303.sch.id/",
                Region::Chrome,
                line,
            ),
            link(
                LinkKind::Phone,
                "+2348136370421",
                Region::Chrome,
                "Receive News Alerts on Whatsapp: +2348136370421",
            ),
            link(
                LinkKind::Url,
                "https://slot-gacor.example/",
                Region::Article,
                "bonus",
            ),
            link(
                LinkKind::Url,
                "https://www.reuters.com/x",
                Region::Chrome,
                "Reuters report",
            ),
            link(
                LinkKind::Email,
                "contact@vi-covid19.com",
                Region::Chrome,
                "contact us by email:contact@vi-covid19.com",
            ),
        ];
        let codes: Vec<&str> = page_findings(&page).iter().map(|f| f.code).collect();
        assert_eq!(
            codes,
            vec!["PSP001", "PSP001", "PSP001", "PSP002", "PSP003"]
        );
    }
}
