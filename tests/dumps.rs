//! Pushshift dumps at scale: streamed, spilled past the memory budget, threads gathered across
//! files, the same reports whatever the budget or thread count.

use std::fs;
use std::path::Path;
use std::process::Command;

fn fixture() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pages/reddit-pushshift-ndjson/RC_sample.funny.3hahrw.ndjson");
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

/// The fixture's comments spread over several threads (link ids varied by comment), split in
/// two files, the second zstd-compressed (two frames).
fn write_dump(dir: &Path) {
    let lines: Vec<String> = fixture()
        .iter()
        .enumerate()
        .map(|(i, l)| l.replace("t3_3hahrw", &format!("t3_link{}", i % 7)))
        .collect();
    let (a, b) = lines.split_at(lines.len() / 2);
    fs::create_dir_all(dir.join("in")).unwrap();
    fs::write(dir.join("in/RC_a.ndjson"), a.join("\n") + "\n").unwrap();
    let half = b.len() / 2;
    let mut zst = ruzstd::encoding::compress_to_vec(
        (b[..half].join("\n") + "\n").as_bytes(),
        ruzstd::encoding::CompressionLevel::Fastest,
    );
    zst.extend(ruzstd::encoding::compress_to_vec(
        (b[half..].join("\n") + "\n").as_bytes(),
        ruzstd::encoding::CompressionLevel::Fastest,
    ));
    fs::write(dir.join("in/RC_b.ndjson.zst"), zst).unwrap();
}

fn analyze(dir: &Path, out: &str, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_threadscan"))
        .args(["analyze", "in", "--quiet", "--out", out])
        .args(extra)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn spilled_and_in_memory_runs_are_identical_for_any_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    write_dump(tmp.path());
    let runs = [
        ("mem", vec!["--threads", "1"]),
        ("spill", vec!["--mem", "20K", "--threads", "2"]),
        ("spill4", vec!["--mem", "5K", "--threads", "4"]),
    ];
    for (out, extra) in &runs {
        let o = analyze(tmp.path(), out, extra);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    for name in [
        "threads.csv",
        "comments.csv",
        "flags.csv",
        "authors.csv",
        "run.json",
    ] {
        let first = fs::read(tmp.path().join("mem").join(name)).unwrap();
        for (out, _) in &runs[1..] {
            assert!(
                first == fs::read(tmp.path().join(out).join(name)).unwrap(),
                "{name} differs in {out}"
            );
        }
    }
    let threads = fs::read_to_string(tmp.path().join("mem/threads.csv")).unwrap();
    assert_eq!(threads.lines().count(), 1 + 7, "7 threads");
    let comments = fs::read_to_string(tmp.path().join("mem/comments.csv")).unwrap();
    assert_eq!(
        csv::Reader::from_reader(comments.as_bytes())
            .records()
            .count(),
        476,
        "every comment"
    );
    assert!(
        threads.contains("comments gathered from 2 input files"),
        "threads span both files"
    );
}

#[test]
fn a_truncated_dump_keeps_what_was_read() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("in")).unwrap();
    let lines = fixture();
    // Long enough to span many zstd blocks, so the cut falls after some decodable ones.
    let long: Vec<String> = (0..20)
        .flat_map(|k| {
            lines
                .iter()
                .map(move |l| l.replace("t3_3hahrw", &format!("t3_rep{k}")))
        })
        .collect();
    let zst = ruzstd::encoding::compress_to_vec(
        (long.join("\n") + "\n").as_bytes(),
        ruzstd::encoding::CompressionLevel::Fastest,
    );
    fs::write(tmp.path().join("in/RC_cut.zst"), &zst[..zst.len() * 2 / 3]).unwrap();
    let mut bad = lines[..10].join("\n");
    bad.push_str("\nnot json at all\n{\"broken\": \n");
    bad.push_str(&lines[10..20].join("\n"));
    fs::write(tmp.path().join("in/RC_bad.ndjson"), bad).unwrap();
    let o = analyze(tmp.path(), "r", &[]);
    assert_eq!(o.status.code(), Some(1));
    let errors = fs::read_to_string(tmp.path().join("r/errors.csv")).unwrap();
    assert!(
        errors.contains(
            "in/RC_bad.ndjson,parse,2 lines are not JSON objects and were skipped (first: line 11)"
        ),
        "{errors}"
    );
    assert!(
        errors.contains("in/RC_cut.zst,decode,\"corrupt or truncated zstd stream: after line"),
        "{errors}"
    );
    let comments = fs::read_to_string(tmp.path().join("r/comments.csv")).unwrap();
    let n = csv::Reader::from_reader(comments.as_bytes())
        .records()
        .count();
    assert!(
        n > 20 + 100,
        "the good lines and the readable part of the cut file are kept: {n}"
    );
}

#[test]
fn files_from_and_patterns() {
    let tmp = tempfile::tempdir().unwrap();
    write_dump(tmp.path());
    fs::write(
        tmp.path().join("list.txt"),
        "in/RC_a.ndjson\n\nin/RC_b.ndjson.zst\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_threadscan"))
        .args([
            "analyze",
            "--files-from",
            "list.txt",
            "--quiet",
            "--out",
            "list",
        ])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = analyze(tmp.path(), "unused", &[]);
    assert!(o.status.success());
    let o = Command::new(env!("CARGO_BIN_EXE_threadscan"))
        .args(["analyze", "in/RC_*", "--quiet", "--out", "glob"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for name in ["threads.csv", "comments.csv"] {
        let list = fs::read(tmp.path().join("list").join(name)).unwrap();
        assert!(
            list == fs::read(tmp.path().join("glob").join(name)).unwrap(),
            "{name}"
        );
        assert!(
            list == fs::read(tmp.path().join("unused").join(name)).unwrap(),
            "{name}"
        );
    }
}
