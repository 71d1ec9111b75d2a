//! Issue 17: duplicates never make spam. The same page read three times, one Hacker News
//! thread read as a page, as API items and from a WARC record, and one author repeating a
//! link in one thread give the spam flags a single reading gives; a link posted by different
//! authors is still a campaign (`SPM006`).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn analyze(dir: &Path, out: &str, inputs: &[PathBuf]) -> (Output, PathBuf) {
    let out_dir = dir.join(out);
    let output = Command::new(env!("CARGO_BIN_EXE_threadscan"))
        .arg("analyze")
        .args(inputs)
        .arg("--out")
        .arg(&out_dir)
        .stdin(Stdio::null())
        .output()
        .expect("binary runs");
    (output, out_dir)
}

fn rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv_reader(path);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

fn csv_reader(path: &Path) -> csv::Reader<fs::File> {
    csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (comment id, spam flag, SPM006 fired) of every comment of `thread`.
fn spam_of(out: &Path, thread: &str) -> Vec<(String, String, bool)> {
    let flags = rows(&out.join("flags.csv"));
    rows(&out.join("comments.csv"))
        .into_iter()
        .filter(|c| c["thread_id"] == thread)
        .map(|c| {
            let campaign = flags.iter().any(|f| {
                f["thread_id"] == thread
                    && f["comment_id"] == c["comment_id"]
                    && f["code"] == "SPM006"
            });
            (c["comment_id"].clone(), c["spam"].clone(), campaign)
        })
        .collect()
}

#[test]
fn three_copies_of_a_page_are_read_once_and_flag_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let seed = root().join("corpus/seeds/001_dfce65f08a4432b8.txt");
    let copies: Vec<PathBuf> = (1..=3)
        .map(|i| {
            let p = dir.path().join(format!("copy{i}.txt"));
            fs::copy(&seed, &p).unwrap();
            p
        })
        .collect();
    let (single, one) = analyze(dir.path(), "one", &copies[..1]);
    let (triple, three) = analyze(dir.path(), "three", &copies);
    assert_eq!(single.status.code(), Some(0));
    assert_eq!(
        triple.status.code(),
        Some(0),
        "a duplicate is a note, not a failure"
    );
    let threads = rows(&three.join("threads.csv"));
    assert_eq!(threads.len(), 1, "read once, reported once");
    let id = &threads[0]["thread_id"];
    assert_eq!(spam_of(&three, id), spam_of(&one, id));
    let notes = rows(&three.join("errors.csv"));
    assert_eq!(notes.len(), 2, "{notes:?}");
    for (note, copy) in notes.iter().zip(["copy2.txt", "copy3.txt"]) {
        assert_eq!(note["stage"], "duplicate");
        assert!(note["source"].ends_with(copy), "{note:?}");
        assert!(note["message"].contains("copy1.txt"), "{note:?}");
    }
    let stderr = String::from_utf8_lossy(&triple.stderr);
    assert!(stderr.contains("2 duplicates"), "{stderr}");
}

#[test]
fn one_thread_in_three_formats_flags_as_one() {
    let pages = root().join("tests/fixtures/pages");
    let html = pages.join("hackernews-html/news.ycombinator.com.item-36817231.html");
    let api = pages.join("hackernews-api-json/DERIVED.hn-item-36817231.items.json");
    let warc = pages.join("warc/DERIVED.comment-pages.warc.gz");
    let dir = tempfile::tempdir().unwrap();
    let (_, one) = analyze(dir.path(), "one", std::slice::from_ref(&html));
    let (_, all) = analyze(dir.path(), "all", &[html, api, warc]);
    let alone = spam_of(&one, "hn-36817231");
    assert_eq!(alone.len(), 100);
    let threads = rows(&all.join("threads.csv"));
    let copies: Vec<&String> = threads
        .iter()
        .map(|t| &t["thread_id"])
        .filter(|id| id.starts_with("hn-36817231"))
        .collect();
    assert_eq!(copies.len(), 3, "{copies:?}");
    for id in copies {
        let flags = spam_of(&all, id);
        assert_eq!(flags, alone, "thread {id}");
    }
}

/// A WXR export with one post whose comments are given as (author, text).
fn wxr(comments: &[(&str, &str)]) -> String {
    let mut items = String::new();
    for (i, (author, text)) in comments.iter().enumerate() {
        items.push_str(&format!(
            "<wp:comment><wp:comment_id>{}</wp:comment_id><wp:comment_author><![CDATA[{author}]]></wp:comment_author>\
             <wp:comment_date>2024-01-0{} 10:00:00</wp:comment_date><wp:comment_content><![CDATA[{text}]]></wp:comment_content>\
             <wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>",
            i + 1,
            i + 1
        ));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Blog</title><link>https://blog.example.org</link><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Gardening in winter</title><link>https://blog.example.org/winter</link><dc:creator>editor</dc:creator>
<content:encoded><![CDATA[<p>How to keep a garden through the frost.</p>]]></content:encoded>
<wp:post_id>7</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
{items}
</item></channel></rss>"#
    )
}

#[test]
fn one_author_repeating_a_link_in_one_thread_is_no_campaign_but_three_authors_are() {
    let dir = tempfile::tempdir().unwrap();
    let link = "my notes are at https://seedswap.example.net/list";
    let same = dir.path().join("same-author.xml");
    fs::write(
        &same,
        wxr(&[
            ("Ann", link),
            ("Ann", &format!("Again: {link}")),
            ("Ann", &format!("And once more, {link}")),
        ]),
    )
    .unwrap();
    let (_, out) = analyze(dir.path(), "same", &[same]);
    let flags = spam_of(&out, "wp-7");
    assert_eq!(flags.len(), 3);
    assert!(flags.iter().all(|(_, _, campaign)| !campaign), "{flags:?}");

    let three = dir.path().join("three-authors.xml");
    fs::write(
        &three,
        wxr(&[
            ("Ann", link),
            ("Bob", &format!("Again: {link}")),
            ("Cy", &format!("And once more, {link}")),
        ]),
    )
    .unwrap();
    let (_, out) = analyze(dir.path(), "three", &[three]);
    let flags = spam_of(&out, "wp-7");
    assert!(flags.iter().all(|(_, _, campaign)| *campaign), "{flags:?}");
}

/// Pushshift lines of one thread, `(author, body)` each.
fn dump(comments: &[(&str, &str)]) -> String {
    comments
        .iter()
        .enumerate()
        .map(|(i, (author, body))| {
            format!(
                "{{\"id\": \"c{i}\", \"parent_id\": \"t3_abc\", \"link_id\": \"t3_abc\", \"author\": \"{author}\", \"body\": \"{body}\", \"created_utc\": {}}}\n",
                1_439_797_539 + i
            )
        })
        .collect()
}

#[test]
fn streamed_dumps_count_authors_too() {
    let dir = tempfile::tempdir().unwrap();
    let link = "my notes are at https://seedswap.example.net/list";
    let cases = [
        ("same.ndjson", ["Ann", "Ann", "Ann"], false),
        ("three.ndjson", ["Ann", "Bob", "Cy"], true),
    ];
    for (name, authors, expected) in cases {
        let path = dir.path().join(name);
        let comments: Vec<(&str, &str)> = authors.iter().map(|a| (*a, link)).collect();
        fs::write(&path, dump(&comments)).unwrap();
        let (_, out) = analyze(dir.path(), &format!("out-{name}"), &[path]);
        let flags = spam_of(&out, "reddit-abc");
        assert_eq!(flags.len(), 3, "{name}");
        assert!(
            flags.iter().all(|(_, _, campaign)| *campaign == expected),
            "{name}: {flags:?}"
        );
    }
}
