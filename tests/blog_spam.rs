//! Issue 17: blog comment spam in the well-known spun-comment templates, on a recipe page of
//! our own (`tests/fixtures/spam/`): keyword names, keyword addresses as the author's website,
//! a shortened website, praise that fits any post. Genuine readers on the same page, some
//! with their own food blog as website, stay clear. The labels are in the CSV beside the page.

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

#[test]
fn spun_blog_spam_is_flagged_and_readers_with_blogs_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = root().join("tests/fixtures/spam");
    let status = Command::new(env!("CARGO_BIN_EXE_threadscan"))
        .arg("analyze")
        .arg(fixtures.join("recipe-comment-spam.html"))
        .arg("--out")
        .arg(dir.path())
        .arg("--no-config")
        .stdin(Stdio::null())
        .status()
        .expect("binary runs");
    assert!(status.success());
    let flagged = column(&dir.path().join("comments.csv"), "comment_id", "spam");
    let labels = column(
        &fixtures.join("recipe-comment-spam.labels.csv"),
        "comment_id",
        "spam",
    );
    assert_eq!(flagged.len(), labels.len());
    for (id, label) in &labels {
        let want = if label == "1" { "true" } else { "false" };
        assert_eq!(flagged[id], want, "comment {id}");
    }
}
