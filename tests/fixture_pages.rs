//! Real pages and exports (tests/fixtures/pages) meet their gold; explicit parent links in the
//! files survive parsing; the generic fallback reads markup of our own; bad inputs of every
//! format become error rows.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use regex::Regex;
use serde::Deserialize;
use serde_json::Value;
use threadscan::input::Source;
use threadscan::model::{CommentKind, Thread};
use threadscan::pipeline::{LoadOptions, Loaded, load, load_bytes};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn page(rel: &str) -> PathBuf {
    root().join("tests/fixtures/pages").join(rel)
}

fn load_file(path: &Path) -> Loaded {
    load(&Source::File(path.to_path_buf()), &LoadOptions::default())
}

fn threads_of(rel: &str) -> Vec<Thread> {
    let loaded = load_file(&page(rel));
    assert!(loaded.errors.is_empty(), "{rel}: {:?}", loaded.errors);
    loaded.threads
}

#[derive(Deserialize)]
struct Gold {
    files: Vec<FileGold>,
}

#[derive(Deserialize)]
struct FileGold {
    file: String,
    format: String,
    system: Option<String>,
    threads: Vec<(usize, Option<u32>)>,
    #[serde(default)]
    other_threads_empty: bool,
    declared: Option<u64>,
    missing: Option<u64>,
    widget: Option<String>,
    pingbacks: Option<usize>,
    thread_id: Option<String>,
    title: Option<String>,
}

#[test]
fn every_fixture_meets_its_gold() {
    let gold: Gold = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/.gold/pages.json")).unwrap(),
    )
    .unwrap();
    for g in gold.files {
        let threads = threads_of(&g.file);
        let f = &g.file;
        let shape: Vec<(usize, Option<u32>)> = threads
            .iter()
            .map(|t| (t.comments.len(), t.max_depth()))
            .filter(|s| !g.other_threads_empty || s.0 > 0)
            .collect();
        assert_eq!(
            shape, g.threads,
            "{f}: comment counts and max depths per thread"
        );
        let first = &threads[0];
        for t in &threads {
            assert_eq!(t.page.format.name(), g.format, "{f}: format");
        }
        assert_eq!(first.page.comment_system, g.system, "{f}: comment system");
        assert_eq!(
            first.page.comment_section.declared(),
            g.declared,
            "{f}: declared count"
        );
        assert_eq!(first.page.missing_comments, g.missing, "{f}: missing");
        if let Some(widget) = &g.widget {
            assert_eq!(
                first.page.comment_section,
                threadscan::model::CommentSection::Widget {
                    name: widget.clone()
                },
                "{f}"
            );
            assert!(
                first.page.notes[0].contains(widget.as_str()),
                "{f}: note names the widget"
            );
        }
        if let Some(n) = g.pingbacks {
            let got: usize = threads
                .iter()
                .flat_map(|t| &t.comments)
                .filter(|c| c.kind != CommentKind::Comment)
                .count();
            assert_eq!(got, n, "{f}: pingbacks and trackbacks");
        }
        if let Some(id) = &g.thread_id {
            assert_eq!(&first.id, id, "{f}: thread id");
        }
        if let Some(title) = &g.title {
            assert_eq!(first.page.title.as_ref(), Some(title), "{f}: title");
        }
    }
}

/// Every comment's parent as our parse gives it, over all threads of a file.
fn parents(threads: &[Thread]) -> HashMap<String, Option<String>> {
    threads
        .iter()
        .flat_map(|t| &t.comments)
        .map(|c| (c.id.clone(), c.parent_id.clone()))
        .collect()
}

/// Checks every (id, parent) the file states against our parse.
fn assert_parents(rel: &str, stated: &[(String, Option<String>)]) {
    assert!(!stated.is_empty(), "{rel}: the oracle found parent links");
    let got = parents(&threads_of(rel));
    for (id, parent) in stated {
        assert_eq!(got.get(id), Some(parent), "{rel}: parent of {id}");
    }
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(page(rel)).unwrap()
}

#[test]
fn wpdiscuz_parent_ids_in_element_ids() {
    let re = Regex::new(r#"id="wc-comm-(\d+)_(\d+)""#).unwrap();
    let rel = "wpdiscuz/backenmachtgluecklich.de.zitronenkuchen.html";
    let stated: Vec<_> = re
        .captures_iter(&read(rel))
        .map(|c| {
            (
                c[1].to_string(),
                Some(c[2].to_string()).filter(|p| p != "0"),
            )
        })
        .collect();
    assert_eq!(stated.len(), 25);
    assert_parents(rel, &stated);
}

/// The HN items file (derived from the HN page) states each comment's parent.
fn hn_stated() -> Vec<(String, Option<String>)> {
    let items: Value = serde_json::from_str(&read(
        "hackernews-api-json/DERIVED.hn-item-36817231.items.json",
    ))
    .unwrap();
    items
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["type"] == "comment")
        .map(|i| {
            let parent = i["parent"].to_string();
            (
                i["id"].to_string(),
                Some(parent).filter(|p| p != "36817231"),
            )
        })
        .collect()
}

#[test]
fn hacker_news_parent_links() {
    assert_parents(
        "hackernews-html/news.ycombinator.com.item-36817231.html",
        &hn_stated(),
    );
    assert_parents(
        "hackernews-api-json/DERIVED.hn-item-36817231.items.json",
        &hn_stated(),
    );
}

/// id, parent, depth, author, text.
type CommentShape = (String, Option<String>, u32, Option<String>, String);

#[test]
fn hacker_news_page_and_items_agree() {
    let shape = |rel: &str| -> Vec<CommentShape> {
        threads_of(rel)[0]
            .comments
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    c.parent_id.clone(),
                    c.depth,
                    c.author.clone(),
                    c.text.clone(),
                )
            })
            .collect()
    };
    let html = shape("hackernews-html/news.ycombinator.com.item-36817231.html");
    let json = shape("hackernews-api-json/DERIVED.hn-item-36817231.items.json");
    assert_eq!(html.len(), json.len());
    for (h, j) in html.iter().zip(&json) {
        assert_eq!(h, j);
    }
}

fn pushshift_stated() -> Vec<(String, Option<String>)> {
    read("reddit-pushshift-ndjson/RC_sample.funny.3hahrw.ndjson")
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let parent = v["parent_id"].as_str().unwrap();
            (
                v["id"].as_str().unwrap().to_string(),
                parent.strip_prefix("t1_").map(String::from),
            )
        })
        .collect()
}

#[test]
fn reddit_parent_ids() {
    assert_parents(
        "reddit-pushshift-ndjson/RC_sample.funny.3hahrw.ndjson",
        &pushshift_stated(),
    );
    assert_parents(
        "reddit-json/reddit-api.comments.3hahrw.listing.json",
        &pushshift_stated(),
    );
}

#[test]
fn new_reddit_parent_ids_in_embedded_state() {
    let rel = "reddit-new/reddit.com.init.html";
    let text = read(rel);
    let start = text.find("window.___r = ").unwrap() + "window.___r = ".len();
    let end = start + text[start..].find("</script>").unwrap();
    let state: Value = serde_json::from_str(text[start..end].trim().trim_end_matches(';')).unwrap();
    let stated: Vec<_> = state["comments"]["models"]
        .as_object()
        .unwrap()
        .values()
        .map(|m| {
            let id = m["id"]
                .as_str()
                .unwrap()
                .trim_start_matches("t1_")
                .to_string();
            (
                id,
                m["parentId"]
                    .as_str()
                    .map(|p| p.trim_start_matches("t1_").to_string()),
            )
        })
        .collect();
    assert_eq!(stated.len(), 26);
    assert_parents(rel, &stated);
}

#[test]
fn disqus_parent_elements() {
    let rel = "disqus-xml/isso-tests-disqus.xml";
    let post = Regex::new(r#"(?s)<post dsq:id="(\d+)">(.*?)</post>"#).unwrap();
    let parent = Regex::new(r#"<parent dsq:id="(\d+)""#).unwrap();
    let text = read(rel);
    let stated: Vec<_> = post
        .captures_iter(&text)
        .map(|c| {
            (
                c[1].to_string(),
                parent.captures(&c[2]).map(|p| p[1].to_string()),
            )
        })
        .collect();
    assert_eq!(stated.len(), 6);
    assert_parents(rel, &stated);
}

#[test]
fn wxr_comment_parents() {
    let comment = Regex::new(r"(?s)<wp:comment>(.*?)</wp:comment>").unwrap();
    let id = Regex::new(r"<wp:comment_id>(\d+)</wp:comment_id>").unwrap();
    let parent = Regex::new(r"<wp:comment_parent>(\d+)</wp:comment_parent>").unwrap();
    for rel in [
        "wordpress-wxr/isso-tests-wordpress.xml",
        "wordpress-wxr/wordpress-theme-unit-test.themeunittestdata.wordpress.xml",
    ] {
        let text = read(rel);
        let stated: Vec<_> = comment
            .captures_iter(&text)
            .map(|c| {
                (
                    id.captures(&c[1]).unwrap()[1].to_string(),
                    parent
                        .captures(&c[1])
                        .map(|p| p[1].to_string())
                        .filter(|p| p != "0"),
                )
            })
            .collect();
        assert_parents(rel, &stated);
    }
}

#[test]
fn discourse_reply_to_post_number() {
    let rel = "discourse-json/discuss.criticalfallibilism.com.t_2144_posts.json";
    let v: Value = serde_json::from_str(&read(rel)).unwrap();
    let stated: Vec<_> = v["post_stream"]["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["post_number"].to_string(),
                p["reply_to_post_number"].as_u64().map(|n| n.to_string()),
            )
        })
        .collect();
    assert_parents(rel, &stated);
}

#[test]
fn forum_quotes_name_the_quoted_post_and_author() {
    let threads = threads_of("forum-xenforo/katzen-forum.net-Pepe.html");
    let c = threads[0]
        .comments
        .iter()
        .find(|c| c.id == "6331617")
        .unwrap();
    assert_eq!(c.quotes[0].author.as_deref(), Some("Pepemaus"));
    assert_eq!(c.quotes[0].comment_id.as_deref(), Some("6331459"));
    assert_eq!(c.reply_to_author.as_deref(), Some("Pepemaus"));
    assert!(
        !c.text.contains("die Ohren sind total sauber"),
        "quote kept out of own text"
    );
    let vb = threads_of("forum-vbulletin/pocketpc.ch.auslieferung.html");
    let quoted: Vec<_> = vb[0]
        .comments
        .iter()
        .flat_map(|c| &c.quotes)
        .filter_map(|q| q.author.as_deref())
        .collect();
    assert!(quoted.contains(&"TheFreeman"), "{quoted:?}");
}

#[derive(Deserialize)]
struct OwnPages {
    pages: Vec<OwnPage>,
}

#[derive(Deserialize)]
struct OwnPage {
    file: String,
    system: String,
    /// `null` where the page's title is not read right yet (say so in PROVENANCE.md).
    title: Option<String>,
    url: Option<String>,
    site: Option<String>,
    published: Option<String>,
    author: Option<String>,
    declared: Option<u64>,
    comments: Vec<(u32, Option<u32>, u32, String, String)>,
    #[serde(default)]
    quoted: HashMap<u32, String>,
    /// Whom the comment answers (`reply_to_author`); "" where it names no one.
    #[serde(default)]
    reply_to: HashMap<u32, String>,
    /// Whole texts, where the chrome around the words is what is tested.
    #[serde(default)]
    texts: HashMap<u32, String>,
    #[serde(default)]
    timestamps: HashMap<u32, String>,
    article_starts: Option<String>,
    #[serde(default)]
    page_links: Vec<(String, String, String)>,
    /// "Load more" stubs' count (`missing_comment_count`).
    #[serde(default)]
    missing: Option<u64>,
    /// Comment ids, where the page states them.
    #[serde(default)]
    ids: HashMap<u32, String>,
    /// Kinds other than `comment` (`deleted`, `pingback`).
    #[serde(default)]
    kinds: HashMap<u32, String>,
    /// The platform's thread id, where the page states it.
    #[serde(default)]
    thread_id: Option<String>,
    /// The link on the commenter's name (`author_url`); "" where there is none.
    #[serde(default)]
    author_urls: HashMap<u32, String>,
}

/// Columnist teasers after an article have a bold name, a date and prose, like comments; they
/// offer no reply and name no discussion: not a thread.
#[test]
fn teasers_laid_out_like_comments_are_not_a_thread() {
    // Columnists' teasers; related-post cards (a name, a date, an excerpt) before a comment
    // form on a page with no comments yet.
    for page in [
        "trap-columnist-teasers.html",
        "trap-related-posts-before-form.html",
    ] {
        let loaded = load_file(&root().join("tests/fixtures/html").join(page));
        assert!(loaded.threads[0].comments.is_empty(), "{page}");
    }
}

#[test]
fn generic_fallback_reads_unfamiliar_markup() {
    let gold: OwnPages = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/.gold/html-pages.json")).unwrap(),
    )
    .unwrap();
    for g in gold.pages {
        let loaded = load_file(&root().join(&g.file));
        let t = &loaded.threads[0];
        let f = &g.file;
        assert_eq!(
            t.page.comment_system.as_deref(),
            Some(g.system.as_str()),
            "{f}"
        );
        if let Some(title) = &g.title {
            assert_eq!(t.page.title.as_deref(), Some(title.as_str()), "{f}");
        }
        assert_eq!(
            (&t.page.url, &t.page.site, &t.page.published, &t.page.author),
            (&g.url, &g.site, &g.published, &g.author),
            "{f}"
        );
        assert_eq!(t.page.comment_section.declared(), g.declared, "{f}");
        let id_at = |p: u32| t.comments[p as usize - 1].id.clone();
        for (c, (pos, parent, depth, author, start)) in t.comments.iter().zip(&g.comments) {
            assert_eq!(
                (c.position, &c.parent_id, c.depth),
                (*pos, &parent.map(id_at), *depth),
                "{f} #{pos}"
            );
            // An empty gold author is a comment that names no one (a deleted one).
            let expected = Some(author.as_str()).filter(|a| !a.is_empty());
            assert_eq!(c.author.as_deref(), expected, "{f} #{pos}");
            let kind = g.kinds.get(pos).map_or("comment", String::as_str);
            assert_eq!(name(&c.kind), kind, "{f} #{pos}");
            assert!(
                c.text.starts_with(start.as_str()),
                "{f} #{pos}: {:?}",
                c.text
            );
        }
        assert_eq!(t.comments.len(), g.comments.len(), "{f}");
        assert_eq!(t.page.missing_comments, g.missing, "{f}");
        if let Some(id) = &g.thread_id {
            assert_eq!(&t.id, id, "{f}");
        }
        for (pos, id) in &g.ids {
            assert_eq!(&t.comments[*pos as usize - 1].id, id, "{f} #{pos}");
        }
        for (pos, quoted) in &g.quoted {
            let c = &t.comments[*pos as usize - 1];
            assert_eq!(c.quotes[0].text, *quoted, "{f} #{pos}");
            assert!(!c.text.contains(quoted.as_str()), "{f} #{pos}");
        }
        for (pos, text) in &g.texts {
            assert_eq!(t.comments[*pos as usize - 1].text, *text, "{f} #{pos}");
        }
        for (pos, when) in &g.timestamps {
            assert_eq!(
                t.comments[*pos as usize - 1].timestamp.as_deref(),
                Some(when.as_str()),
                "{f} #{pos}"
            );
        }
        for (pos, url) in &g.author_urls {
            assert_eq!(
                t.comments[*pos as usize - 1].author_url.as_deref(),
                Some(url.as_str()).filter(|u| !u.is_empty()),
                "{f} #{pos}"
            );
        }
        for (pos, who) in &g.reply_to {
            assert_eq!(
                t.comments[*pos as usize - 1].reply_to_author.as_deref(),
                Some(who.as_str()).filter(|w| !w.is_empty()),
                "{f} #{pos}"
            );
        }
        // An empty `article_starts` says the page has no article: a forum whose opening post
        // is its first comment.
        if let Some(start) = &g.article_starts {
            assert!(
                t.page.article_text.starts_with(start.as_str())
                    && (!start.is_empty() || t.page.article_text.is_empty()),
                "{f}: {:?}",
                t.page.article_text
            );
        }
        if !g.page_links.is_empty() {
            let links: Vec<(String, String, String)> = t
                .page
                .links
                .iter()
                .map(|l| (name(&l.kind), name(&l.region), l.value.clone()))
                .collect();
            assert_eq!(links, g.page_links, "{f}");
        }
    }
}

fn name(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

/// Bytes of a fixture, cut to `keep` of its length.
fn truncated(rel: &str, keep: f64) -> Vec<u8> {
    let bytes = std::fs::read(page(rel)).unwrap();
    bytes[..(bytes.len() as f64 * keep) as usize].to_vec()
}

#[test]
fn bad_inputs_of_every_format_are_error_rows() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "truncated.json",
            truncated(
                "discourse-json/discuss.criticalfallibilism.com.t_2144_posts.json",
                0.5,
            ),
            "parse",
            "invalid JSON: EOF while parsing",
        ),
        (
            "listing.json",
            truncated("reddit-json/reddit-api.comments.3hahrw.listing.json", 0.3),
            "parse",
            "invalid JSON",
        ),
        (
            "broken.xml",
            truncated("disqus-xml/isso-tests-disqus.xml", 0.6),
            "parse",
            "truncated XML",
        ),
        (
            "bad.xml",
            b"<?xml version=\"1.0\"?><disqus><post></thread></disqus>".to_vec(),
            "parse",
            "malformed XML",
        ),
        (
            "unknown.json",
            b"[1, 2, 3]".to_vec(),
            "parse",
            "JSON that is not a known comment export",
        ),
        ("image.html", png, "decode", "binary content"),
    ];
    for (name, bytes, stage, message) in cases {
        let loaded = load_bytes(name, bytes, &LoadOptions::default());
        assert_eq!(loaded.errors.len(), 1, "{name}: {:?}", loaded.errors);
        let e = &loaded.errors[0];
        assert_eq!(
            (e.source.as_str(), e.stage.as_str()),
            (name, stage),
            "{name}: {}",
            e.message
        );
        assert!(e.message.starts_with(message), "{name}: {}", e.message);
    }
}

#[test]
fn truncated_warc_gz_keeps_its_complete_records() {
    let whole = load_bytes(
        "whole.warc.gz",
        truncated("warc/DERIVED.comment-pages.warc.gz", 1.0),
        &LoadOptions::default(),
    );
    let cut = load_bytes(
        "cut.warc.gz",
        truncated("warc/DERIVED.comment-pages.warc.gz", 0.5),
        &LoadOptions::default(),
    );
    assert!(whole.errors.is_empty(), "{:?}", whole.errors);
    assert!(!cut.threads.is_empty() && cut.threads.len() < whole.threads.len());
    for (kept, full) in cut.threads.iter().zip(&whole.threads) {
        assert_eq!(kept.comments, full.comments);
    }
    let rows: Vec<(&str, &str)> = cut
        .errors
        .iter()
        .map(|e| (e.stage.as_str(), e.message.split(':').next().unwrap_or("")))
        .collect();
    assert!(
        rows.contains(&("decode", "corrupt or truncated gzip stream")),
        "{rows:?}"
    );
    let record = cut.errors.iter().find(|e| e.stage == "parse").unwrap();
    assert!(
        record.source.starts_with("cut.warc.gz#record-"),
        "{record:?}"
    );
    assert!(record.message.contains("truncated block"), "{record:?}");
}

#[test]
fn truncated_ndjson_keeps_every_complete_line() {
    let bytes = truncated("reddit-pushshift-ndjson/RC_sample.funny.3hahrw.ndjson", 0.5);
    let complete = bytes
        .split(|&b| b == b'\n')
        .filter(|l| serde_json::from_slice::<Value>(l).is_ok())
        .count();
    let loaded = load_bytes("half.ndjson", bytes, &LoadOptions::default());
    assert!(loaded.errors.is_empty());
    assert_eq!(loaded.threads[0].comments.len(), complete);
    assert!(
        loaded.threads[0]
            .page
            .notes
            .iter()
            .any(|n| n.contains("invalid JSON line")),
        "{:?}",
        loaded.threads[0].page.notes
    );
}

#[test]
fn no_fixture_prefix_panics() {
    for rel in [
        "wordpress/zulang.wordpress.com.genitalverstuemmelung.html",
        "wpdiscuz/backenmachtgluecklich.de.zitronenkuchen.html",
        "hackernews-html/news.ycombinator.com.item-36817231.html",
        "reddit-new/reddit.com.init.html",
        "disqus-xml/isso-tests-disqus.xml",
        "wordpress-wxr/isso-tests-wordpress.xml",
        "hackernews-api-json/DERIVED.hn-item-36817231.items.json",
    ] {
        for keep in [0.05, 0.2, 0.45, 0.7, 0.9, 0.99] {
            let loaded = load_bytes(rel, truncated(rel, keep), &LoadOptions::default());
            for t in &loaded.threads {
                let ids: std::collections::HashSet<&str> =
                    t.comments.iter().map(|c| c.id.as_str()).collect();
                assert!(
                    t.comments
                        .iter()
                        .all(|c| c.parent_id.as_deref().is_none_or(|p| ids.contains(p))),
                    "{rel} at {keep}"
                );
            }
        }
    }
}

#[test]
fn declared_charset_of_a_non_utf8_page_is_honoured() {
    let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><title>".to_vec();
    page.extend_from_slice(b"\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0"); // "Привет мир"
    page.extend_from_slice(b"</title></head><body><p>x</p></body></html>");
    let loaded = load_bytes("cp1251.html", page, &LoadOptions::default());
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    assert_eq!(loaded.threads[0].page.title.as_deref(), Some("Привет мир"));
}

#[test]
fn broken_reply_structure_is_repaired_with_notes() {
    let lines = [
        r#"{"id":"a","parent_id":"t1_b","link_id":"t3_x","author":"p","body":"cycle 1"}"#,
        r#"{"id":"b","parent_id":"t1_a","link_id":"t3_x","author":"q","body":"cycle 2"}"#,
        r#"{"id":"c","parent_id":"t1_gone","link_id":"t3_x","author":"r","body":"orphan"}"#,
        r#"{"id":"d","parent_id":"t1_d","link_id":"t3_x","author":"s","body":"self"}"#,
        r#"{"id":"d","parent_id":"t3_x","link_id":"t3_x","author":"t","body":"duplicate"}"#,
    ];
    let loaded = load_bytes(
        "broken.ndjson",
        lines.join("\n").into_bytes(),
        &LoadOptions::default(),
    );
    let t = &loaded.threads[0];
    assert_eq!(t.comments.len(), 5, "nothing dropped");
    let notes = t.page.notes.join("\n");
    for expected in [
        "duplicate comment id d renamed d~2",
        "orphan comment c",
        "comment d replies to itself",
        "reply cycle through comment a broken",
    ] {
        assert!(notes.contains(expected), "{expected}: {notes}");
    }
    assert_eq!(t.comments[1].parent_id.as_deref(), Some("a"));
    assert_eq!(t.comments[1].depth, 1);
}

#[test]
fn analyze_on_the_fixtures_reports_every_page() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_threadscan"))
        .args(["analyze", "tests/fixtures", "--out"])
        .arg(tempfile::tempdir().unwrap().path().join("r"))
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
