//! Platform exports (tests/fixtures/exports, written from the platforms' documentation; see
//! tests/fixtures/PROVENANCE.md): each parses to the tree its own parent fields state, the HN
//! Algolia item and the HN API items of one thread give the same tree, and broken files give
//! error rows that say why.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use threadscan::input::Source;
use threadscan::model::{Format, Thread};
use threadscan::pipeline::{LoadOptions, Loaded, load, load_bytes};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

fn json(rel: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture(rel)).unwrap()).unwrap()
}

fn thread(rel: &str) -> Thread {
    let loaded = load(&Source::File(fixture(rel)), &LoadOptions::default());
    assert!(loaded.errors.is_empty(), "{rel}: {:?}", loaded.errors);
    assert_eq!(loaded.threads.len(), 1, "{rel}");
    loaded.threads.into_iter().next().unwrap()
}

fn from_bytes(name: &str, bytes: &[u8]) -> Loaded {
    load_bytes(name, bytes.to_vec(), &LoadOptions::default())
}

/// Parsed parent of every comment, by id.
fn parents(t: &Thread) -> HashMap<String, Option<String>> {
    t.comments
        .iter()
        .map(|c| (c.id.clone(), c.parent_id.clone()))
        .collect()
}

/// id, parent, depth, author, text.
type CommentShape = (String, Option<String>, u32, Option<String>, String);

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn yt_dlp_comments_follow_their_parent_field() {
    let rel = "exports/WRITTEN.yt-dlp.heat-pumps.info.json";
    let info = json(rel);
    let t = thread(rel);
    assert_eq!(t.page.format, Format::YtDlpJson);
    assert_eq!(t.id, format!("youtube-{}", text_of(&info["id"])));
    assert_eq!(t.page.title.as_deref(), info["title"].as_str());
    assert_eq!(t.page.article_text, info["description"].as_str().unwrap());
    assert_eq!(t.page.published.as_deref(), Some("2023-11-05"));
    let stated: HashMap<String, Option<String>> = info["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let parent = text_of(&c["parent"]);
            (text_of(&c["id"]), (parent != "root").then_some(parent))
        })
        .collect();
    assert_eq!(parents(&t), stated);
    let first = &info["comments"][0];
    assert_eq!(t.comments[0].author.as_deref(), first["author"].as_str());
    assert_eq!(
        t.comments[0].author_url.as_deref(),
        first["author_url"].as_str()
    );
    assert_eq!(
        t.comments[0].timestamp.as_deref(),
        Some("2023-11-05T13:00:00Z")
    );
}

#[test]
fn hn_algolia_item_and_hn_api_items_give_the_same_tree() {
    let shape = |t: &Thread| -> Vec<CommentShape> {
        t.comments
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
    let algolia = thread("exports/DERIVED.hn-algolia.36817231.json");
    let api = thread("pages/hackernews-api-json/DERIVED.hn-item-36817231.items.json");
    assert_eq!(algolia.page.format, Format::HnAlgoliaJson);
    assert_eq!(algolia.id, api.id);
    assert_eq!(algolia.page.title, api.page.title);
    assert_eq!(shape(&algolia), shape(&api));
}

#[test]
fn lemmy_paths_give_parents_and_the_thread_reads_in_path_order() {
    let rel = "exports/WRITTEN.lemmy.post-4411.comments.json";
    let file = json(rel);
    let t = thread(rel);
    assert_eq!(t.page.format, Format::LemmyJson);
    assert_eq!(
        t.page.title.as_deref(),
        file["post_view"]["post"]["name"].as_str()
    );
    let views = file["comments"].as_array().unwrap();
    let stated: HashMap<String, Option<String>> = views
        .iter()
        .map(|v| {
            let path: Vec<&str> = v["comment"]["path"].as_str().unwrap().split('.').collect();
            let parent = path[path.len() - 2];
            (
                text_of(&v["comment"]["id"]),
                (parent != "0").then(|| parent.to_string()),
            )
        })
        .collect();
    assert_eq!(parents(&t), stated);
    // Path order: every comment comes after its parent, whatever order the API listed them in.
    let position: HashMap<&str, usize> = t
        .comments
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    for c in &t.comments {
        if let Some(p) = &c.parent_id {
            assert!(position[p.as_str()] < position[c.id.as_str()], "{}", c.id);
        }
    }
    // A deleted comment keeps its place, without its text.
    let deleted = views
        .iter()
        .find(|v| v["comment"]["deleted"] == true)
        .unwrap();
    let id = text_of(&deleted["comment"]["id"]);
    assert!(t.comments.iter().any(|c| c.id == id && c.text.is_empty()));
}

#[test]
fn mastodon_context_root_is_the_page_and_replies_follow_in_reply_to() {
    // The context of a reply to the root: the reply itself is in neither list.
    let rel = "exports/WRITTEN.mastodon.context.json";
    let file = json(rel);
    let t = thread(rel);
    assert_eq!(t.page.format, Format::MastodonJson);
    let root_id = text_of(&file["ancestors"][0]["id"]);
    assert!(t.page.article_text.starts_with("New preprint"));
    assert!(t.comments.iter().all(|c| c.id != root_id));
    let statuses = file["descendants"].as_array().unwrap();
    let present: Vec<String> = statuses.iter().map(|s| text_of(&s["id"])).collect();
    let stated: HashMap<String, Option<String>> = statuses
        .iter()
        .map(|s| {
            let parent = text_of(&s["in_reply_to_id"]);
            (
                text_of(&s["id"]),
                present.contains(&parent).then_some(parent),
            )
        })
        .collect();
    assert_eq!(parents(&t), stated);
    // The reply the context was asked for is missing: its reply is an orphan, with a note.
    assert!(
        t.page.notes.iter().any(|n| n.contains("orphan")),
        "{:?}",
        t.page.notes
    );
    // Mentions are markup, the words stay.
    assert!(
        t.comments[0].text.starts_with("@ben Yes"),
        "{}",
        t.comments[0].text
    );
}

#[test]
fn broken_exports_are_error_rows_and_missing_parents_orphans_with_a_note() {
    for rel in [
        "exports/WRITTEN.yt-dlp.heat-pumps.info.json",
        "exports/DERIVED.hn-algolia.36817231.json",
        "exports/WRITTEN.lemmy.post-4411.comments.json",
        "exports/WRITTEN.mastodon.context.json",
    ] {
        let bytes = std::fs::read(fixture(rel)).unwrap();
        let truncated = from_bytes(rel, &bytes[..bytes.len() / 2]);
        assert!(truncated.threads.is_empty(), "{rel}");
        assert_eq!(truncated.errors.len(), 1, "{rel}");
        assert!(
            truncated.errors[0].message.contains("invalid JSON"),
            "{rel}: {}",
            truncated.errors[0].message
        );
    }
    // A list that is not a list.
    let wrong = from_bytes(
        "x.json",
        br#"{"extractor":"youtube","id":"v","comments":{"id":"a"}}"#,
    );
    let wrong_type = wrong
        .errors
        .first()
        .map(|e| e.message.as_str())
        .unwrap_or("");
    assert!(wrong_type.contains("`comments`"), "{wrong_type}");
    let wrong = from_bytes("x.json", br#"{"ancestors":[],"descendants":7}"#);
    assert!(wrong.threads.is_empty() && !wrong.errors.is_empty());
    // A reply whose parent is not in the file.
    let orphan = from_bytes(
        "x.json",
        br#"{"extractor":"youtube","id":"v","comments":[{"id":"a","parent":"root","text":"x"},{"id":"b","parent":"gone","text":"y"}]}"#,
    );
    let t = &orphan.threads[0];
    assert_eq!(t.comments[1].parent_id, None);
    assert!(
        t.page.notes.iter().any(|n| n.contains("orphan")),
        "{:?}",
        t.page.notes
    );
}

#[test]
fn formats_are_told_by_content_not_by_name() {
    for (rel, format) in [
        (
            "exports/WRITTEN.yt-dlp.heat-pumps.info.json",
            Format::YtDlpJson,
        ),
        (
            "exports/DERIVED.hn-algolia.36817231.json",
            Format::HnAlgoliaJson,
        ),
        (
            "exports/WRITTEN.lemmy.post-4411.comments.json",
            Format::LemmyJson,
        ),
        (
            "exports/WRITTEN.mastodon.context.json",
            Format::MastodonJson,
        ),
    ] {
        let bytes = std::fs::read(fixture(rel)).unwrap();
        let loaded = from_bytes("renamed.txt", &bytes);
        assert_eq!(loaded.threads[0].page.format, format, "{rel}");
    }
}

#[test]
fn arctic_shift_submission_is_the_page_of_its_comments() {
    let rel = "exports/WRITTEN.arctic-shift.RS-and-RC.ndjson";
    let lines: Vec<Value> = std::fs::read_to_string(fixture(rel))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let submission = &lines[0];
    let t = thread(rel);
    assert_eq!(t.page.format, Format::PushshiftNdjson);
    assert_eq!(t.id, format!("reddit-{}", text_of(&submission["id"])));
    assert_eq!(t.page.title.as_deref(), submission["title"].as_str());
    assert_eq!(
        t.page.article_text,
        submission["selftext"]
            .as_str()
            .unwrap()
            .replace("&amp;", "&")
    );
    assert_eq!(t.page.author.as_deref(), submission["author"].as_str());
    assert_eq!(t.comments.len(), lines.len() - 1);
    let stated: HashMap<String, Option<String>> = lines[1..]
        .iter()
        .map(|c| {
            let parent = text_of(&c["parent_id"]);
            (
                text_of(&c["id"]),
                parent.strip_prefix("t1_").map(str::to_string),
            )
        })
        .collect();
    assert_eq!(parents(&t), stated);
    // The submission in one file and its comments in another make one thread.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture(rel)).unwrap();
    let (head, rest) = text.split_once('\n').unwrap();
    std::fs::write(dir.path().join("RS_2024-03"), format!("{head}\n")).unwrap();
    std::fs::write(dir.path().join("RC_2024-03"), rest).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_threadscan"))
        .args([
            "analyze",
            "RS_2024-03",
            "RC_2024-03",
            "--out",
            "r",
            "--quiet",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let threads = std::fs::read_to_string(dir.path().join("r/threads.csv")).unwrap();
    assert_eq!(threads.lines().count(), 2, "{threads}");
    assert!(
        threads.contains(submission["title"].as_str().unwrap()),
        "{threads}"
    );
}

fn analyze_in(dir: &Path, args: &[&str]) -> (String, String, String) {
    analyze_expecting(dir, args, 0)
}

fn analyze_expecting(dir: &Path, args: &[&str], code: i32) -> (String, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_threadscan"))
        .arg("analyze")
        .args(args)
        .args(["--out", "r", "--quiet"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |f: &str| std::fs::read_to_string(dir.join("r").join(f)).unwrap();
    (
        read("threads.csv"),
        read("comments.csv"),
        read("errors.csv"),
    )
}

/// A copy of the Stack Exchange fixture site in a temporary folder, with `edit` applied to
/// Comments.xml.
fn se_site(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("cooking.stackexchange.com");
    std::fs::create_dir(&site).unwrap();
    let from = fixture("exports/se-site/cooking.stackexchange.com");
    std::fs::copy(from.join("Posts.xml"), site.join("Posts.xml")).unwrap();
    let comments = std::fs::read_to_string(from.join("Comments.xml")).unwrap();
    std::fs::write(site.join("Comments.xml"), edit(comments)).unwrap();
    dir
}

/// (id, parent, kind) of every row of the fixture, as the dump states them.
fn se_stated() -> Vec<(u32, Option<u32>, String)> {
    let rows = |file: &str| -> Vec<(u32, Option<u32>, String)> {
        let text = std::fs::read_to_string(
            fixture("exports/se-site/cooking.stackexchange.com").join(file),
        )
        .unwrap();
        let attr = |line: &str, name: &str| -> Option<String> {
            let start = line.find(&format!(" {name}=\""))? + name.len() + 3;
            Some(line[start..].split('"').next()?.to_string())
        };
        text.lines()
            .filter(|l| l.trim_start().starts_with("<row"))
            .map(|l| {
                let id = attr(l, "Id").unwrap().parse().unwrap();
                let kind = attr(l, "PostTypeId").unwrap_or_else(|| "c".into());
                let parent = attr(l, "ParentId")
                    .or_else(|| attr(l, "PostId"))
                    .map(|p| p.parse().unwrap());
                (id, parent, kind)
            })
            .collect()
    };
    let mut all = rows("Posts.xml");
    all.extend(rows("Comments.xml"));
    all
}

#[test]
fn stack_exchange_dumps_join_comments_to_their_question_in_any_file_order_and_any_mem() {
    let dir = se_site(|c| c);
    let site = "cooking.stackexchange.com";
    let posts = format!("{site}/Posts.xml");
    let comments = format!("{site}/Comments.xml");
    let base = analyze_in(dir.path(), &[&posts, &comments]);
    assert_eq!(analyze_in(dir.path(), &[&comments, &posts]), base);
    assert_eq!(
        analyze_in(dir.path(), &[&posts, &comments, "--mem", "1K"]),
        base
    );
    assert_eq!(
        analyze_in(dir.path(), &[&comments, &posts, "--threads", "1"]),
        base
    );
    // The tree the dump states: answers top level under their question; a comment on the
    // question top level, a comment on an answer its reply.
    let stated = se_stated();
    let question_of = |post: u32| -> u32 {
        stated
            .iter()
            .find(|(id, _, kind)| *id == post && kind == "2")
            .and_then(|(_, parent, _)| *parent)
            .unwrap_or(post)
    };
    let mut rows = csv::Reader::from_reader(base.1.as_bytes());
    let parsed: Vec<(String, String, String)> = rows
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string(), r[2].to_string())
        })
        .collect();
    for (id, parent, kind) in &stated {
        let expect = match kind.as_str() {
            "1" => continue,
            "2" => (
                format!("se-{site}-{}", parent.unwrap()),
                format!("a{id}"),
                String::new(),
            ),
            "c" => {
                let post = parent.unwrap();
                let question = question_of(post);
                let is_answer = stated.iter().any(|(i, _, k)| *i == post && k == "2");
                (
                    format!("se-{site}-{question}"),
                    format!("c{id}"),
                    if is_answer {
                        format!("a{post}")
                    } else {
                        String::new()
                    },
                )
            }
            _ => continue,
        };
        assert!(parsed.contains(&expect), "{expect:?} in {parsed:?}");
    }
    // Tag wikis (other post types) are no threads or comments.
    assert!(!parsed.iter().any(|(_, id, _)| id == "a4"));
    assert!(base.0.contains("Does searing seal in juices?"));
}

#[test]
fn stack_exchange_rows_that_cannot_be_read_are_counted_and_the_rest_kept() {
    let dir = se_site(|c| {
        c.replacen("<row Id=\"102\"", "<row Id=\"x102\"", 1)
            .replacen("Text=\"Works", "Text=Works", 1)
    });
    let site = "cooking.stackexchange.com";
    // Exit code 1: an input had errors; the rest of the batch is reported.
    let (threads, comments, errors) = analyze_expecting(
        dir.path(),
        &[
            &format!("{site}/Posts.xml"),
            &format!("{site}/Comments.xml"),
        ],
        1,
    );
    assert!(
        errors.contains("2 lines are not readable `<row>` elements"),
        "{errors}"
    );
    assert!(threads.contains("Storing basil"));
    assert!(comments.contains("c101") && !comments.contains("c102") && !comments.contains("c104"));
}
