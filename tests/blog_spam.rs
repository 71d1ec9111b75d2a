//! Issue 17: blog comment spam in the well-known spun-comment templates, on a recipe page of
//! our own (`tests/fixtures/spam/`): keyword names, keyword addresses as the author's website,
//! a shortened website, praise that fits any post. Genuine readers on the same page, some
//! with their own food blog as website, stay clear. The labels are in the CSV beside each page;
//! a second page holds templates that talk about the website instead of the post.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn column(path: &Path, key: &str, value: &str) -> BTreeMap<String, String> {
    let mut reader = csv::Reader::from_path(path).expect("csv opens");
    let header = reader.headers().expect("header").clone();
    let at = |name: &str| header.iter().position(|h| h == name).expect("column");
    let (k, v) = (at(key), at(value));
    reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            (r[k].to_string(), r[v].to_string())
        })
        .collect()
}

/// Each page of `tests/fixtures/spam/` with its labels CSV: every comment flagged as labelled.
fn page_matches_its_labels(page: &str) {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = root().join("tests/fixtures/spam");
    let status = Command::new(env!("CARGO_BIN_EXE_threadscan"))
        .arg("analyze")
        .arg(fixtures.join(format!("{page}.html")))
        .arg("--out")
        .arg(dir.path())
        .arg("--no-config")
        .stdin(Stdio::null())
        .status()
        .expect("binary runs");
    assert!(status.success());
    let flagged = column(&dir.path().join("comments.csv"), "comment_id", "spam");
    let labels = column(
        &fixtures.join(format!("{page}.labels.csv")),
        "comment_id",
        "spam",
    );
    assert_eq!(flagged.len(), labels.len());
    for (id, label) in &labels {
        let want = if label == "1" { "true" } else { "false" };
        assert_eq!(flagged[id], want, "{page}: comment {id}");
    }
}

#[test]
fn spun_blog_spam_is_flagged_and_readers_with_blogs_are_not() {
    page_matches_its_labels("recipe-comment-spam");
}

/// Templates that talk about the website, not the post (`SPM017`): found your web site via
/// Google, quoting your posts on my weblog, plugins for SEO, the same layout and design; the
/// readers who love the blog and say what they grew stay clear.
#[test]
fn comments_about_the_website_not_the_post_are_flagged() {
    page_matches_its_labels("balcony-site-talk");
}
