//! Links in a comment, with what the spam and evidence rules need to know about them: the
//! registrable domain (public-suffix aware: `news.bbc.co.uk` → `bbc.co.uk`), whether the domain
//! is a reputable source, whether it is a URL shortener.

use std::ops::Range;

use super::lexicon::LEXICONS;
use crate::links::find_links;
use crate::model::LinkKind;

/// A link or contact point in a comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentLink {
    /// URL, e-mail or phone.
    pub kind: LinkKind,
    /// Byte span in the comment's text.
    pub span: Range<usize>,
    /// Host name (URLs only), lower case, without `www.`.
    pub host: Option<String>,
    /// Registrable domain of the host (URLs only).
    pub domain: Option<String>,
    /// The domain is on the reputable-sources list (news, government, UN, Wikipedia, …).
    pub reputable: bool,
    /// The host is a URL shortener.
    pub shortener: bool,
    /// What identifies the link across comments: host and path for URLs, the digits of a phone.
    pub key: String,
}

/// Host of a URL written with or without scheme.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    host.contains('.').then_some(host)
}

/// The registrable domain of a host, by the public suffix list.
pub fn registrable_domain(host: &str) -> Option<String> {
    psl::domain_str(host).map(str::to_string)
}

/// Every link in `text`, described.
pub fn comment_links(text: &str) -> Vec<CommentLink> {
    find_links(text)
        .into_iter()
        .map(|found| {
            let host = (found.kind == LinkKind::Url)
                .then(|| host_of(&found.value))
                .flatten();
            let domain = host.as_deref().and_then(registrable_domain);
            let reputable = host
                .as_deref()
                .is_some_and(|h| LEXICONS.reputable_domains.contains(h));
            let shortener = host
                .as_deref()
                .is_some_and(|h| LEXICONS.shorteners.contains(h));
            let key = match found.kind {
                LinkKind::Phone => found.value.chars().filter(char::is_ascii_digit).collect(),
                _ => {
                    let lower = found.value.to_ascii_lowercase();
                    let without_scheme = lower
                        .split_once("://")
                        .map_or(lower.as_str(), |(_, r)| r)
                        .to_string();
                    without_scheme
                        .trim_start_matches("www.")
                        .trim_end_matches('/')
                        .to_string()
                }
            };
            CommentLink {
                kind: found.kind,
                span: found.span,
                host,
                domain,
                reputable,
                shortener,
                key,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_public_suffix_aware() {
        let links = comment_links(
            "see https://news.bbc.co.uk/x and http://www.markas303.ac.id/ and bit.ly/abc",
        );
        let domains: Vec<Option<&str>> = links.iter().map(|l| l.domain.as_deref()).collect();
        assert_eq!(
            domains,
            vec![Some("bbc.co.uk"), Some("markas303.ac.id"), Some("bit.ly")]
        );
        assert!(links[0].reputable && !links[1].reputable);
        assert!(links[2].shortener);
    }
}
