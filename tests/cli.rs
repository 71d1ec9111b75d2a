//! The binary, run the way the README says.

use std::fs;
use std::path::{Path, PathBuf};
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

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The arguments of the README's main command (`cargo run --release -- <args>`).
fn readme_main_args() -> Vec<String> {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let line = readme
        .lines()
        .find(|l| l.starts_with("cargo run --release -- "))
        .expect("README states the main command");
    line["cargo run --release -- ".len()..]
        .split_whitespace()
        .map(String::from)
        .collect()
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn readme_main_command_reproduces_committed_reports() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&root().join("corpus"), &tmp.path().join("corpus"));
    let args = readme_main_args();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = threadscan(tmp.path(), &args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fresh = files_in(&tmp.path().join("reports"));
    let committed = files_in(&root().join("reports"));
    let names = |files: &[PathBuf]| {
        files
            .iter()
            .map(|f| f.file_name().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&fresh), names(&committed), "report files differ");
    for (new, old) in fresh.iter().zip(&committed) {
        assert!(
            fs::read(new).unwrap() == fs::read(old).unwrap(),
            "{} is out of date: rerun the README's main command and commit reports/",
            old.display()
        );
    }
}

/// A batch mixing good pages with every kind of bad input.
fn mixed_batch(dir: &Path) {
    copy_dir(&root().join("corpus"), &dir.join("in/corpus"));
    copy_dir(&root().join("tests/fixtures/text"), &dir.join("in/own"));
    fs::write(
        dir.join("in/binary.txt"),
        b"\x7fELF\x02\x01\x01\0\0\0garbage",
    )
    .unwrap();
    fs::write(
        dir.join("in/latin1.txt"),
        b"Caf\xe9 story headline here\n\nText.",
    )
    .unwrap();
    // Declared UTF-8 (by the HTTP header) with one Latin-1 byte in a comment: read, noted.
    fs::write(
        dir.join("in/bad-byte.txt"),
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nA story headline here about cafes\n\nText of the story.\n\n2 Comments\n\n  \xe2\x80\xa2 Ann\n\n    Good point about caf\xe9s.\n\n  \xe2\x80\xa2 Bob\n\n    I agree.\n",
    )
    .unwrap();
    fs::write(dir.join("in/empty.txt"), b"").unwrap();
    fs::write(
        dir.join("in/truncated.json"),
        b"{\"post_stream\": {\"posts\": [{\"id\": 1,",
    )
    .unwrap();
    fs::write(dir.join("in/notes.md"), b"not an input: wrong extension").unwrap();
}

#[test]
fn bad_inputs_become_error_rows_and_the_batch_completes() {
    let tmp = tempfile::tempdir().unwrap();
    mixed_batch(tmp.path());
    let out = threadscan(tmp.path(), &["analyze", "in", "missing.txt", "--out", "r"]);
    assert_eq!(out.status.code(), Some(1));
    let mut reader = csv::Reader::from_path(tmp.path().join("r/errors.csv")).unwrap();
    let rows: Vec<(String, String, String)> = reader.deserialize().map(Result::unwrap).collect();
    let expect = [
        (
            "in/bad-byte.txt",
            "decode",
            "1 invalid UTF-8 byte sequences (encoding declared by the page) were replaced",
        ),
        ("in/binary.txt", "decode", "binary content"),
        ("in/empty.txt", "decode", "empty input"),
        (
            "in/latin1.txt",
            "decode",
            "not valid UTF-8 (invalid byte at offset 3) and no charset declared; decoded as windows-1252",
        ),
        (
            "in/truncated.json",
            "parse",
            "invalid JSON: EOF while parsing",
        ),
        ("missing.txt", "read", "cannot read"),
    ];
    assert_eq!(rows.len(), expect.len(), "{rows:?}");
    for ((source, stage, message), (want_source, want_stage, want_start)) in rows.iter().zip(expect)
    {
        assert_eq!((source.as_str(), stage.as_str()), (want_source, want_stage));
        assert!(message.starts_with(want_start), "{source}: {message}");
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.matches("threadscan: warning: ").count(),
        6,
        "{stderr}"
    );
    let threads = fs::read_to_string(tmp.path().join("r/threads.csv")).unwrap();
    // The header, the good inputs, and latin1.txt read as windows-1252 (its row is a note).
    assert_eq!(threads.lines().count(), 1 + 5 + 2 + 1 + 1, "{threads}");
    assert!(threads.contains("Café story headline here"), "{threads}");
    let comments = fs::read_to_string(tmp.path().join("r/comments.csv")).unwrap();
    assert!(
        comments.contains("Good point about caf\u{FFFD}s."),
        "{comments}"
    );
}

#[test]
fn reports_are_identical_for_one_and_four_threads() {
    let tmp = tempfile::tempdir().unwrap();
    mixed_batch(tmp.path());
    threadscan(
        tmp.path(),
        &["analyze", "in", "--out", "one", "--threads", "1", "--quiet"],
    );
    let out = threadscan(
        tmp.path(),
        &["analyze", "in", "--out", "four", "-j", "4", "--quiet"],
    );
    assert!(out.stderr.is_empty(), "--quiet prints nothing");
    for name in threadscan::report::report_files(threadscan::report::OutputFormat::Csv)
        .iter()
        .chain(&["run.json".to_string()])
    {
        let one = fs::read(tmp.path().join("one").join(name)).unwrap();
        let four = fs::read(tmp.path().join("four").join(name)).unwrap();
        assert!(one == four, "{name} differs between --threads 1 and 4");
    }
}

#[test]
fn stdin_is_an_input() {
    let tmp = tempfile::tempdir().unwrap();
    let seed = fs::read(root().join("corpus/seeds/001_dfce65f08a4432b8.txt")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_threadscan"))
        .args(["analyze", "-", "--out", "r"])
        .current_dir(tmp.path())
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &seed).unwrap();
    assert!(child.wait().unwrap().success());
    let comments = fs::read_to_string(tmp.path().join("r/comments.csv")).unwrap();
    let threads = fs::read_to_string(tmp.path().join("r/threads.csv")).unwrap();
    assert!(
        threads.lines().nth(1).unwrap().contains(",-,text,"),
        "{threads}"
    );
    assert_eq!(
        csv::Reader::from_reader(comments.as_bytes())
            .records()
            .count(),
        12
    );
}

#[test]
fn show_prints_the_indented_tree() {
    let out = threadscan(root(), &["show", "corpus/seeds/001_dfce65f08a4432b8.txt"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let comment_lines: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with("• "))
        .collect();
    assert_eq!(comment_lines.len(), 12, "{text}");
    assert!(
        comment_lines[4].starts_with("      • Jiri Klouda [c5]: What are you talking about"),
        "{text}"
    );
    assert!(
        comment_lines[8].starts_with("  • Marcus Grant [c9] (quotes oberts mail [c2]): but we all"),
        "{text}"
    );
    assert!(
        text.contains("12 comments (4 top level), 7 authors, max depth 4"),
        "{text}"
    );
}

#[test]
fn show_of_an_unreadable_file_exits_1_with_the_cause() {
    let out = threadscan(root(), &["show", "no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no/such/file.txt: read error: cannot read")
    );
}

#[test]
fn usage_errors_exit_2_naming_the_flag() {
    let out = threadscan(root(), &["analyze", "corpus"]);
    assert_eq!(out.status.code(), Some(2), "missing --out");
    let out = threadscan(
        root(),
        &["analyze", "corpus", "--out", "x", "--encoding", "klingon"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--encoding"));
    let out = threadscan(
        root(),
        &["analyze", "corpus", "--out", "x", "--threads", "0"],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn forced_encoding_reads_latin1() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("p.txt"),
        b"Caf\xe9 owners protest the new rules\n\nText.\n",
    )
    .unwrap();
    let out = threadscan(
        tmp.path(),
        &["analyze", "p.txt", "--out", "r", "--encoding", "latin1"],
    );
    assert_eq!(out.status.code(), Some(0));
    let threads = fs::read_to_string(tmp.path().join("r/threads.csv")).unwrap();
    assert!(
        threads.contains("Café owners protest the new rules"),
        "{threads}"
    );
}

#[test]
fn readme_documents_every_column_in_order() {
    // The dictionary's source is src/report/columns.md (checked against the report structs by
    // a unit test, and the source of datapackage.json); the README shows it verbatim.
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        readme.contains(threadscan::report::datapackage::COLUMNS_MD),
        "README's column dictionary differs from src/report/columns.md: copy it over"
    );
}

/// The README is for users: what they need comes first, in this order, and history and method
/// notes live in `docs/` (issue 15, point 8).
#[test]
fn readme_keeps_to_what_a_user_needs() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let headings: Vec<&str> = readme.lines().filter(|l| l.starts_with("## ")).collect();
    let at = |name: &str| {
        headings
            .iter()
            .position(|h| h.starts_with(name))
            .unwrap_or_else(|| panic!("README has no section {name:?}: {headings:?}"))
    };
    let order = [
        "## Quick start",
        "## Usage",
        "## Configuration",
        "## Input formats",
        "## Output columns",
        "## Accuracy",
        "## Speed",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{} after {}", pair[0], pair[1]);
    }
    assert!(
        readme.contains("**Exit codes**"),
        "README states the exit codes"
    );
    let columns = readme.find("## Output columns").unwrap();
    let lines_before = readme[..columns].lines().count();
    assert!(
        lines_before < 300,
        "the column dictionary starts {lines_before} lines down: move method notes to docs/"
    );
    for doc in ["docs/accuracy.md", "docs/benchmarks.md", "docs/design.md"] {
        assert!(readme.contains(doc), "README links {doc}");
        assert!(root().join(doc).is_file(), "{doc} exists");
    }
}

#[test]
fn show_flagged_prints_flagged_comments_with_their_ancestors() {
    let out = threadscan(
        root(),
        &[
            "show",
            "corpus/seeds/001_dfce65f08a4432b8.txt",
            "--flagged",
            "--color",
            "never",
        ],
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let ids: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with("• "))
        .filter_map(|l| l.split('[').nth(1)?.split(']').next())
        .collect();
    assert_eq!(
        ids,
        vec!["c1", "c2", "c3", "c4", "c5", "c6", "c7"],
        "{text}"
    );
    assert!(text.contains("insult 0.80 INS002 “dishonest”"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "no colour codes with --color never"
    );
    assert!(text.contains("page spam PSP002"), "{text}");
}

#[test]
fn train_needs_both_classes_and_writes_a_usable_model() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(
        dir.join("one.csv"),
        "text,label\nhello there,0\nnice day,0\n",
    )
    .unwrap();
    let out = threadscan(dir, &["train", "--csv", "one.csv", "--out", "m.bin"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("0 positive of 2"), "{err}");
    assert!(!dir.join("m.bin").exists());

    let mut csv = String::from("text,label\n");
    for i in 0..30 {
        csv.push_str(&format!(
            "you absolute dunce {i},1\nthanks for the link {i},0\n"
        ));
    }
    fs::write(dir.join("two.csv"), csv).unwrap();
    let out = threadscan(dir, &["train", "--csv", "two.csv", "--out", "m.bin"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = "A headline about the weather today\n\nArticle text.\n\n1 Comment\n\n  • Ann\n\n    You absolute dunce.\n";
    fs::write(dir.join("page.txt"), page).unwrap();
    let out = threadscan(
        dir,
        &[
            "analyze", "page.txt", "--model", "m.bin", "--out", "r", "--quiet",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let flags = fs::read_to_string(dir.join("r/flags.csv")).unwrap();
    assert!(flags.contains("INS900"), "{flags}");
    let comments = fs::read_to_string(dir.join("r/comments.csv")).unwrap();
    assert!(comments.contains("You absolute dunce."), "{comments}");

    // The header says how rules and model combine, and `--no-combiner` leaves it out.
    let header = |name: &str| {
        let bytes = fs::read(dir.join(name)).unwrap();
        String::from_utf8_lossy(&bytes[..bytes.iter().position(|&b| b == b'}').unwrap_or(0)])
            .into_owned()
    };
    assert!(
        header("m.bin").contains("\"combiner\""),
        "{}",
        header("m.bin")
    );
    let out = threadscan(
        dir,
        &[
            "train",
            "--csv",
            "two.csv",
            "--no-combiner",
            "--no-nb-scaling",
            "--out",
            "plain.bin",
        ],
    );
    assert!(out.status.success());
    assert!(!header("plain.bin").contains("combiner"));
    assert!(!header("plain.bin").contains("nb_scaling"));
}

/// Comment text, author and id holding terminal escapes are shown, not obeyed (issue 13,
/// row 12); every byte `show` prints is printable but for newlines and tabs.
#[test]
fn show_never_prints_control_characters() {
    let tmp = tempfile::tempdir().unwrap();
    let line = |id: &str, author: &str, body: &str| {
        serde_json::json!({"id": id, "parent_id": "t3_x", "link_id": "t3_x", "author": author, "body": body, "link_title": "Title \u{1b}]0;pwned\u{7}"}).to_string()
    };
    let dump = [
        line(
            "a\u{1b}[2J",
            "mal\u{1b}[8mlory",
            "clear\u{1b}[2J\u{1b}[H screen\rfake line",
        ),
        line("b", "bob", "hidden \u{202e}txet\u{9b}31m"),
    ]
    .join("\n");
    fs::write(tmp.path().join("esc.ndjson"), dump).unwrap();
    let out = threadscan(
        tmp.path(),
        &["show", "esc.ndjson", "--color", "never", "--no-model"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let bad: Vec<char> = text
        .chars()
        .filter(|c| (c.is_control() && !matches!(c, '\n' | '\t')) || *c == '\u{202e}')
        .collect();
    assert!(bad.is_empty(), "{bad:?} in {text}");
    assert!(
        text.contains("mal\\u{1b}[8mlory") && text.contains("[a\\u{1b}[2J]"),
        "{text}"
    );
}

/// Thread ids that differ only in punctuation or case get one audit page each (issue 13,
/// row 10).
#[test]
fn audit_pages_never_share_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let lines: Vec<String> = ["a.b", "a_b", "a/b", "A_b"]
        .iter()
        .map(|l| serde_json::json!({"id": "c1", "parent_id": format!("t3_{l}"), "link_id": format!("t3_{l}"), "author": "a", "body": "text"}).to_string())
        .collect();
    fs::write(tmp.path().join("ids.ndjson"), lines.join("\n")).unwrap();
    let out = threadscan(
        tmp.path(),
        &[
            "analyze",
            "ids.ndjson",
            "--out",
            "r",
            "--html",
            "-q",
            "--no-model",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(files_in(&tmp.path().join("r/threads")).len(), 4);
}
