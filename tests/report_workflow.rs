//! Issue 15, one test per point: counted findings, configuration, the run summary, stale
//! output, raw data (guard, character spans, NDJSON lists, UTC), authors by site, the
//! HTML view's counted marks and legend, and the real size of an oversize input.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn threadscan(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_threadscan"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("binary runs")
}

fn seeds(dir: &Path) {
    let to = dir.join("in");
    fs::create_dir_all(&to).unwrap();
    for e in fs::read_dir(root().join("corpus/seeds")).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

fn csv_rows(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let text = fs::read_to_string(path).unwrap();
    let mut lines = parse_csv(&text).into_iter();
    let header = lines.next().unwrap();
    lines
        .map(|r| header.iter().cloned().zip(r).collect())
        .collect()
}

/// A small RFC 4180 reader (quotes, doubled quotes, newlines in cells).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    rows
}

#[test]
fn findings_say_whether_they_counted_and_all_keeps_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    seeds(tmp.path());
    assert!(
        threadscan(tmp.path(), &["analyze", "in", "-o", "flagged", "-q"])
            .status
            .success()
    );
    assert!(
        threadscan(
            tmp.path(),
            &["analyze", "in", "-o", "all", "-q", "--findings", "all"]
        )
        .status
        .success()
    );
    let shown = csv_rows(&tmp.path().join("flagged/flags.csv"));
    let all = csv_rows(&tmp.path().join("all/flags.csv"));
    assert!(all.len() > shown.len(), "{} vs {}", all.len(), shown.len());
    assert!(all.iter().any(|r| r["counted"] == "false"));
    let comments = csv_rows(&tmp.path().join("flagged/comments.csv"));
    let flagged = |r: &std::collections::HashMap<String, String>| {
        comments.iter().any(|c| {
            c["comment_id"] == r["comment_id"]
                && c["thread_id"] == r["thread_id"]
                && c[r["flag"].as_str()] == "true"
        })
    };
    for r in &shown {
        if r["flag"] == "page-spam" {
            assert_eq!(r["counted"], "true");
        } else if r["score"].starts_with('-') {
            assert!(r["counted"] == "true" || flagged(r), "{r:?}");
        } else {
            assert!(
                flagged(r),
                "a shown positive finding is on a flagged comment: {r:?}"
            );
            assert_eq!(r["counted"], "true");
        }
    }
}

#[test]
fn configuration_selects_rules_sets_thresholds_and_is_recorded() {
    let tmp = tempfile::tempdir().unwrap();
    seeds(tmp.path());
    fs::write(
        tmp.path().join("threadscan.toml"),
        "ignore = [\"UNS\"]\n[threshold]\ninsult = 0.9\n",
    )
    .unwrap();
    assert!(
        threadscan(tmp.path(), &["analyze", "in", "-o", "r", "-q"])
            .status
            .success()
    );
    let flags = csv_rows(&tmp.path().join("r/flags.csv"));
    assert!(flags.iter().all(|r| !r["code"].starts_with("UNS")));
    let run = fs::read_to_string(tmp.path().join("r/run.json")).unwrap();
    assert!(
        run.contains("\"insult\": 0.9") && run.contains("threadscan.toml"),
        "{run}"
    );
    assert!(
        threadscan(
            tmp.path(),
            &["analyze", "in", "-o", "d", "-q", "--no-config"]
        )
        .status
        .success()
    );
    let default = fs::read_to_string(tmp.path().join("d/run.json")).unwrap();
    let digest = |t: &str| {
        t.lines()
            .find(|l| l.contains("ruleset_sha256"))
            .unwrap()
            .to_string()
    };
    assert_ne!(
        digest(&run),
        digest(&default),
        "the digest changes with the configuration"
    );
    // CLI flags: --select replaces, --threshold overrides.
    let out = threadscan(
        tmp.path(),
        &[
            "analyze",
            "in",
            "-o",
            "s",
            "-q",
            "--no-config",
            "--select",
            "INS,PSP",
            "--threshold",
            "insult=0.3",
        ],
    );
    assert!(out.status.success());
    let flags = csv_rows(&tmp.path().join("s/flags.csv"));
    assert!(
        !flags.is_empty()
            && flags
                .iter()
                .all(|r| r["code"].starts_with("INS") || r["code"].starts_with("PSP"))
    );
    // Bad keys and values: exit 2 naming the key.
    for (toml, key) in [
        ("selct = [\"INS\"]", "selct"),
        ("[threshold]\ninsult = 2", "threshold.insult"),
        ("ignore = [\"NOPE1\"]", "ignore"),
    ] {
        fs::write(tmp.path().join("bad.toml"), toml).unwrap();
        let out = threadscan(
            tmp.path(),
            &["analyze", "in", "-o", "b", "--config", "bad.toml"],
        );
        assert_eq!(out.status.code(), Some(2), "{toml}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(key),
            "{toml}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = threadscan(
        tmp.path(),
        &["analyze", "in", "-o", "b", "--threshold", "toxic=0.5"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--threshold"));
}

#[test]
fn allow_list_and_site_terms() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("in")).unwrap();
    fs::write(
        tmp.path().join("in/page.json"),
        r#"[{"id":1,"type":"story","title":"t","kids":[2,3]},{"id":2,"type":"comment","by":"a","parent":1,"text":"What a dick move, Dick.","time":1700000000},{"id":3,"type":"comment","by":"b","parent":1,"text":"Only a numpty would say so.","time":1700000060}]"#,
    )
    .unwrap();
    fs::write(
        tmp.path().join("threadscan.toml"),
        "allow = [\"dick\"]\n[lexicon]\ninsult = [\"numpty\"]\n",
    )
    .unwrap();
    let out = threadscan(
        tmp.path(),
        &["analyze", "in", "-o", "r", "--findings", "all"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let flags = csv_rows(&tmp.path().join("r/flags.csv"));
    assert!(
        flags
            .iter()
            .all(|r| !r["span_text"].to_lowercase().contains("dick")),
        "{flags:?}"
    );
    assert!(
        flags
            .iter()
            .any(|r| r["code"] == "INS010" && r["span_text"] == "numpty")
    );
    let comments = csv_rows(&tmp.path().join("r/comments.csv"));
    assert_eq!(comments[0]["timestamp"], "2023-11-14T22:13:20Z");
}

#[test]
fn a_run_that_reads_nothing_says_so_and_exits_1() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("in")).unwrap();
    fs::write(tmp.path().join("in/page.dat"), "Title\n\nArticle text.\n").unwrap();
    let out = threadscan(tmp.path(), &["analyze", "in", "-o", "r", "--verbose"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no thread was read") && err.contains("1 skipped") && err.contains("page.dat"),
        "{err}"
    );
    let out = threadscan(tmp.path(), &["analyze", "in", "-o", "r", "--include-all"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("1 input read") && err.contains("1 thread"),
        "{err}"
    );
    let quiet = threadscan(
        tmp.path(),
        &["analyze", "in", "-o", "r", "--include-all", "-q"],
    );
    assert!(quiet.stderr.is_empty());
}

#[test]
fn earlier_output_is_removed_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    seeds(tmp.path());
    assert!(
        threadscan(
            tmp.path(),
            &[
                "analyze", "in", "-o", "r", "-q", "--html", "--format", "ndjson"
            ]
        )
        .status
        .success()
    );
    assert!(tmp.path().join("r/threads.ndjson").exists());
    fs::write(tmp.path().join("r/mine.txt"), "keep").unwrap();
    fs::write(tmp.path().join("r/threads/notes.txt"), "keep").unwrap();
    assert!(
        threadscan(
            tmp.path(),
            &["analyze", "in/001_dfce65f08a4432b8.txt", "-o", "r", "-q"]
        )
        .status
        .success()
    );
    assert!(!tmp.path().join("r/threads.ndjson").exists());
    assert!(!tmp.path().join("r/index.html").exists());
    let pages: Vec<_> = fs::read_dir(tmp.path().join("r/threads"))
        .unwrap()
        .collect();
    assert_eq!(pages.len(), 1, "only the user's file is left in threads/");
    assert!(
        tmp.path().join("r/mine.txt").exists() && tmp.path().join("r/datapackage.json").exists()
    );
}

#[test]
fn raw_data_options() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("in")).unwrap();
    fs::write(
        tmp.path().join("in/items.json"),
        r#"[{"id":1,"type":"story","title":"t","kids":[2,3]},{"id":2,"type":"comment","by":"@kpeterlka","parent":1,"text":"Écoutez, you are an idiot.","time":1700000000},{"id":3,"type":"comment","by":"b","parent":2,"text":"&gt; you are an idiot<p>no","time":1700000060}]"#,
    )
    .unwrap();
    assert!(
        threadscan(tmp.path(), &["analyze", "in", "-o", "g", "-q"])
            .status
            .success()
    );
    assert!(
        threadscan(
            tmp.path(),
            &["analyze", "in", "-o", "n", "-q", "--csv-guard", "none"]
        )
        .status
        .success()
    );
    let author =
        |dir: &str| csv_rows(&tmp.path().join(dir).join("comments.csv"))[0]["author"].clone();
    assert_eq!(author("g"), "'@kpeterlka");
    assert_eq!(author("n"), "@kpeterlka");
    // Character offsets slice the text as Python does.
    let comments = csv_rows(&tmp.path().join("n/comments.csv"));
    let text = &comments[0]["text"];
    for r in csv_rows(&tmp.path().join("n/flags.csv"))
        .iter()
        .filter(|r| r["comment_id"] == "2")
    {
        let (s, e): (usize, usize) = (
            r["span_start_char"].parse().unwrap(),
            r["span_end_char"].parse().unwrap(),
        );
        let sliced: String = text.chars().skip(s).take(e - s).collect();
        assert_eq!(sliced, r["span_text"]);
    }
    // NDJSON: list cells are arrays, ids strings.
    assert!(
        threadscan(
            tmp.path(),
            &["analyze", "in", "-o", "j", "-q", "--format", "ndjson"]
        )
        .status
        .success()
    );
    let first = fs::read_to_string(tmp.path().join("j/comments.ndjson")).unwrap();
    let row: serde_json::Value = serde_json::from_str(first.lines().next().unwrap()).unwrap();
    assert!(
        row["comment_id"].is_string() && row["finding_codes"].is_array(),
        "{row}"
    );
    assert_eq!(row["author"], "@kpeterlka");
    let package: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(tmp.path().join("j/datapackage.json")).unwrap())
            .unwrap();
    assert_eq!(package["resources"][1]["path"], "comments.ndjson");
}

#[test]
fn authors_are_keyed_by_site_and_placeholders_left_out_of_run_rows() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("in")).unwrap();
    for (file, site) in [
        ("a.html", "news.example.org"),
        ("b.html", "blog.example.net"),
    ] {
        let page = format!(
            "<html><head><link rel=canonical href=\"https://{site}/x\"><title>T</title></head><body><article><h1>T</h1><p>Article words here.</p></article>\
             <ol class=\"commentlist\"><li class=\"comment\" id=\"comment-1\"><div class=\"comment-author\"><cite class=\"fn\">Alex</cite></div><div class=\"comment-content\"><p>First comment text here.</p></div></li>\
             <li class=\"comment\" id=\"comment-2\"><div class=\"comment-author\"><cite class=\"fn\">Anonymous</cite></div><div class=\"comment-content\"><p>Second comment text here.</p></div></li></ol></body></html>"
        );
        fs::write(tmp.path().join("in").join(file), page).unwrap();
    }
    let out = threadscan(tmp.path(), &["analyze", "in", "-o", "r", "-q"]);
    assert!(out.status.success());
    let rows = csv_rows(&tmp.path().join("r/authors.csv"));
    let run: Vec<_> = rows.iter().filter(|r| r["scope"] == "run").collect();
    assert_eq!(
        run.len(),
        2,
        "Alex on two sites is two people, Anonymous no one: {rows:?}"
    );
    assert!(
        run.iter()
            .all(|r| r["author"] == "Alex" && r["threads"] == "1")
    );
    assert!(
        rows.iter()
            .any(|r| r["author"] == "Anonymous" && r["placeholder"] == "true")
    );
}

#[test]
fn html_view_marks_counted_findings_and_has_a_legend() {
    let tmp = tempfile::tempdir().unwrap();
    seeds(tmp.path());
    assert!(
        threadscan(tmp.path(), &["analyze", "in", "-o", "r", "-q", "--html"])
            .status
            .success()
    );
    let index = fs::read_to_string(tmp.path().join("r/index.html")).unwrap();
    assert!(index.contains("Legend:") && index.contains("class=\"wide\""));
    let pages: Vec<String> = fs::read_dir(tmp.path().join("r/threads"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        pages
            .iter()
            .any(|p| p.contains("below threshold</summary>"))
    );
    assert!(pages.iter().all(|p| !p.contains("<script")));
}

#[test]
fn oversize_standard_input_reports_its_real_size() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_threadscan"))
        .args(["analyze", "-", "-o", "r", "--max-file-size", "10K"])
        .current_dir(tmp.path())
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&vec![b'a'; 74_000]).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("input is 74000 bytes"), "{err}");
}
