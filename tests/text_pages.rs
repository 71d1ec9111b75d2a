//! Every text-rendering page parses to the tree, metadata and links its gold entry states.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use threadscan::model::Thread;

#[derive(Deserialize)]
struct Gold {
    pages: Vec<PageGold>,
}

#[derive(Deserialize)]
struct PageGold {
    file: String,
    title: Option<String>,
    published: Option<String>,
    page_author: Option<String>,
    comment_section: String,
    declared_comment_count: Option<u64>,
    comments: Vec<(u32, Option<u32>, u32, String)>,
    #[serde(default)]
    timestamps: BTreeMap<u32, String>,
    quotes: BTreeMap<u32, (Option<String>, Option<u32>, String)>,
    #[serde(default)]
    own_text_starts: BTreeMap<u32, String>,
    article_starts: String,
    article_excludes: Vec<String>,
    #[serde(default)]
    article_includes: Vec<String>,
    page_links: Vec<(String, String, String)>,
}

fn gold() -> Gold {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/.gold/text-pages.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn parse(file: &str) -> Thread {
    let text = std::fs::read_to_string(root().join(file)).unwrap();
    let mut threads = threadscan::parse::parse(file, &text, &Default::default()).unwrap();
    assert_eq!(threads.len(), 1, "{file}: one page, one thread");
    threads.remove(0)
}

/// The comment at 1-based `position`'s id, as the parser names it.
fn id_at(thread: &Thread, position: u32) -> String {
    thread.comments[position as usize - 1].id.clone()
}

#[test]
fn page_metadata_matches_gold() {
    for page in gold().pages {
        let t = parse(&page.file);
        let file = &page.file;
        assert_eq!(t.page.title, page.title, "{file}: title");
        assert_eq!(t.page.published, page.published, "{file}: published");
        assert_eq!(t.page.author, page.page_author, "{file}: author");
        assert_eq!(
            t.page.comment_section.name(),
            page.comment_section,
            "{file}: section"
        );
        assert_eq!(
            t.page.comment_section.declared(),
            page.declared_comment_count,
            "{file}"
        );
    }
}

#[test]
fn reply_trees_match_gold() {
    for page in gold().pages {
        let t = parse(&page.file);
        let got: Vec<(u32, Option<String>, u32, String)> = t
            .comments
            .iter()
            .map(|c| {
                (
                    c.position,
                    c.parent_id.clone(),
                    c.depth,
                    c.author.clone().unwrap_or_default(),
                )
            })
            .collect();
        let want: Vec<(u32, Option<String>, u32, String)> = page
            .comments
            .iter()
            .map(|(pos, parent, depth, author)| {
                (*pos, parent.map(|p| id_at(&t, p)), *depth, author.clone())
            })
            .collect();
        assert_eq!(got, want, "{}", page.file);
        for (pos, iso) in &page.timestamps {
            assert_eq!(
                t.comments[*pos as usize - 1].timestamp.as_ref(),
                Some(iso),
                "{} #{pos}",
                page.file
            );
        }
    }
}

#[test]
fn quotes_are_kept_apart_from_own_words() {
    for page in gold().pages {
        let t = parse(&page.file);
        for c in &t.comments {
            let want = page.quotes.get(&c.position);
            let got = c.quotes.first().map(|q| {
                let source = q
                    .comment_id
                    .as_ref()
                    .map(|id| t.comments.iter().find(|x| &x.id == id).unwrap().position);
                (q.author.clone(), source, q.text.clone())
            });
            assert_eq!(got.as_ref(), want, "{} comment {}", page.file, c.position);
            if let Some((_, _, quoted)) = want {
                assert!(
                    !c.text.contains(quoted.trim_end_matches('…')),
                    "{}: quote left in text",
                    page.file
                );
            }
        }
        for (pos, start) in &page.own_text_starts {
            let text = &t.comments[*pos as usize - 1].text;
            assert!(
                text.starts_with(start.as_str()),
                "{} #{pos}: {text:?}",
                page.file
            );
        }
    }
}

#[test]
fn article_text_excludes_chrome_and_links_are_recorded() {
    for page in gold().pages {
        let t = parse(&page.file);
        let article = &t.page.article_text;
        assert!(
            article.starts_with(&page.article_starts),
            "{}: {article:.120}",
            page.file
        );
        for chrome in &page.article_excludes {
            assert!(
                !article.contains(chrome.as_str()),
                "{}: article has {chrome:?}",
                page.file
            );
        }
        for kept in &page.article_includes {
            assert!(
                article.contains(kept.as_str()),
                "{}: article lacks {kept:?}",
                page.file
            );
        }
        let links: Vec<(String, String, String)> = t
            .page
            .links
            .iter()
            .map(|l| (json_name(&l.kind), json_name(&l.region), l.value.clone()))
            .collect();
        assert_eq!(links, page.page_links, "{}", page.file);
    }
}

fn json_name(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}
