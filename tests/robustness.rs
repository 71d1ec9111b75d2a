//! No input makes the parser panic, hang or emit a broken tree: truncated, corrupted and
//! scrambled variants of every text page, and a pathologically deep thread.

use std::collections::HashMap;
use std::path::Path;

use threadscan::input::decode;
use threadscan::model::Thread;
use threadscan::parse::parse;

fn pages() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = ["corpus/seeds", "tests/fixtures/text"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.iter().map(|f| std::fs::read(f).unwrap()).collect()
}

/// Deterministic xorshift, so a failure reproduces.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Parses bytes the way the pipeline does and checks the tree is valid.
fn check(bytes: &[u8]) {
    if let Ok((text, _)) = decode(bytes, None, None) {
        if let Ok(threads) = parse("variant", &text, &Default::default()) {
            threads.iter().for_each(assert_valid_tree);
        }
    }
}

fn assert_valid_tree(thread: &Thread) {
    let depth: HashMap<&str, u32> = thread
        .comments
        .iter()
        .map(|c| (c.id.as_str(), c.depth))
        .collect();
    assert_eq!(depth.len(), thread.comments.len(), "ids unique");
    for (i, c) in thread.comments.iter().enumerate() {
        assert_eq!(c.position as usize, i + 1);
        match c.parent_id.as_deref() {
            None => assert_eq!(c.depth, 0),
            Some(p) => assert_eq!(
                Some(&(c.depth - 1)),
                depth.get(p),
                "depth = parent depth + 1"
            ),
        }
    }
}

#[test]
fn truncated_pages() {
    for page in pages() {
        for cut in (0..page.len()).step_by(37) {
            check(&page[..cut]);
        }
    }
}

#[test]
fn corrupted_pages() {
    let mut rng = Rng(0x5eed);
    for page in pages() {
        for _ in 0..40 {
            let mut bytes = page.clone();
            for _ in 0..1 + rng.below(20) {
                let at = rng.below(bytes.len());
                bytes[at] = rng.next() as u8;
            }
            check(&bytes);
        }
    }
}

#[test]
fn scrambled_indentation() {
    let mut rng = Rng(42);
    for page in pages() {
        let text = String::from_utf8_lossy(&page).into_owned();
        for _ in 0..20 {
            let scrambled: Vec<String> = text
                .lines()
                .map(|l| format!("{}{}", " ".repeat(rng.below(12)), l.trim_start()))
                .collect();
            check(scrambled.join("\n").as_bytes());
        }
    }
}

#[test]
fn very_deep_thread() {
    let levels = 1500;
    let mut text = String::from("A page with a very deep thread\n\n");
    for level in 0..levels {
        text.push_str(&format!(
            "{}• user{level}\n\n{}reply {level}\n\n",
            " ".repeat(level),
            " ".repeat(level + 1)
        ));
    }
    let threads = parse("deep", &text, &Default::default()).unwrap();
    assert_eq!(threads[0].comments.len(), levels);
    assert_eq!(threads[0].max_depth(), Some(levels as u32 - 1));
    assert_valid_tree(&threads[0]);
}

// ---------------------------------------------------------------------------------------
// Hostile inputs (issue 13): each is built here, run beside one good page, and the good page
// must still be reported. Time and memory are measured in `benches/hostile.sh`, not here.

mod hostile {
    use std::io::Write;
    use std::path::{Path, PathBuf};

    use threadscan::input::Source;
    use threadscan::pipeline::{self, Batch, LoadOptions, Scorer};
    use threadscan::progress::Progress;
    use threadscan::report::ErrorRow;

    /// A text rendering with two comments, the good input beside every hostile one.
    const GOOD: &str = "A headline in a few words\n\nArticle text.\n\n• Ann\n\n  First!\n\n  • Bob\n\n    Reply.\n";

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    }

    /// Runs `hostile` beside the good page (in that order) with `options` and `mem`.
    fn run_beside(hostile: &[PathBuf], options: &LoadOptions, mem: usize) -> Batch {
        let dir = hostile[0].parent().unwrap();
        let good = write(dir, "good.txt", GOOD.as_bytes());
        let mut sources: Vec<Source> = hostile.iter().cloned().map(Source::File).collect();
        sources.push(Source::File(good));
        let mut batch = Batch::default();
        let summary = pipeline::run_into(
            &sources,
            options,
            &Scorer::default(),
            mem,
            &Progress::hidden(),
            &mut batch,
        )
        .expect("the batch completes");
        batch.errors = summary.errors;
        assert_good_reported(&batch);
        batch
    }

    fn assert_good_reported(batch: &Batch) {
        let good = batch
            .threads
            .iter()
            .find(|t| t.page.source.ends_with("good.txt"))
            .expect("the good page is reported");
        assert_eq!(good.comments.len(), 2);
        assert_eq!(batch.threads.len(), batch.scores.len());
    }

    fn row<'a>(batch: &'a Batch, source_end: &str) -> &'a ErrorRow {
        batch
            .errors
            .iter()
            .find(|e| e.source.ends_with(source_end))
            .unwrap_or_else(|| panic!("an error row for {source_end}: {:?}", batch.errors))
    }

    fn http_page(headers: &str, body: &[u8]) -> Vec<u8> {
        let mut bytes =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n{headers}\r\n").into_bytes();
        bytes.extend_from_slice(body);
        bytes
    }

    const PAGE: &str = "<html><body><h1>Title of a page</h1><ol class=\"commentlist\"><li class=\"comment\" id=\"comment-1\"><p class=\"fn\">Ann</p><div class=\"comment-content\"><p>Hello there.</p></div></li></ol></body></html>";

    fn warc_record(kind: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: <https://example.org/a>\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn dump_line(id: &str, link: &str, body: &str) -> String {
        serde_json::json!({"id": id, "parent_id": format!("t3_{link}"), "link_id": format!("t3_{link}"), "author": "a", "body": body}).to_string()
    }

    /// Row 1: a chunk size of 2^64 - 1 in a saved response and in a WARC record.
    #[test]
    fn chunk_sizes_that_overflow_do_not_panic() {
        let dir = tempfile::tempdir().unwrap();
        let response = http_page(
            "Transfer-Encoding: chunked\r\n",
            b"10\r\n<html><body><p>x\r\nffffffffffffffff\r\nabc",
        );
        let saved = write(dir.path(), "chunked.http", &response);
        let warc = write(
            dir.path(),
            "chunked.warc",
            &warc_record("response", &response),
        );
        let batch = run_beside(&[saved, warc], &LoadOptions::default(), usize::MAX);
        assert!(
            batch.errors.iter().all(|e| e.stage != "internal"),
            "{:?}",
            batch.errors
        );
    }

    /// Row 2: `link_id`s holding TAB, LF and CR give the same threads at every `--mem`.
    #[test]
    fn separators_in_link_ids_survive_the_spill() {
        let dir = tempfile::tempdir().unwrap();
        let links = ["a\tb", "c\nd", "e\rf", "plain"];
        let lines: Vec<String> = (0..200)
            .map(|i| dump_line(&format!("c{i}"), links[i % 4], "some text"))
            .collect();
        let dump = write(
            dir.path(),
            "tabs.ndjson",
            (lines.join("\n") + "\n").as_bytes(),
        );
        let shape = |mem| {
            let batch = run_beside(std::slice::from_ref(&dump), &LoadOptions::default(), mem);
            let mut threads: Vec<(String, usize)> = batch
                .threads
                .iter()
                .filter(|t| t.page.source.ends_with("tabs.ndjson"))
                .map(|t| (t.id.clone(), t.comments.len()))
                .collect();
            threads.sort();
            (threads, batch.errors.len())
        };
        let whole = shape(usize::MAX);
        assert_eq!(whole.0.len(), 4);
        assert_eq!(whole.0.iter().map(|t| t.1).sum::<usize>(), 200);
        assert_eq!(whole.1, 0);
        for mem in [100, 20 << 10] {
            assert_eq!(shape(mem), whole, "--mem {mem}");
        }
    }

    /// Row 3: 8,000 links on one line share that line instead of copying it each.
    #[test]
    fn many_links_on_one_line_share_it() {
        let dir = tempfile::tempdir().unwrap();
        let line: Vec<String> = (0..8000).map(|i| format!("http://ex{i}.com/")).collect();
        let page = format!(
            "A headline in a few words\n\n{}\n\n• Ann\n\n  First!\n",
            line.join(" ")
        );
        let path = write(dir.path(), "links.txt", page.as_bytes());
        let batch = run_beside(&[path], &LoadOptions::default(), usize::MAX);
        let links = &batch.threads[0].page.links;
        assert_eq!(links.len(), 8000);
        assert!(
            links
                .iter()
                .all(|l| std::sync::Arc::ptr_eq(&l.context, &links[0].context))
        );
    }

    /// Row 4: a `Content-Encoding: gzip` body is held to `--max-file-size` too.
    #[test]
    fn content_encoding_bombs_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let bomb = gzip(&vec![b' '; 8 << 20]);
        let response = http_page("Content-Encoding: gzip\r\n", &bomb);
        let saved = write(dir.path(), "bomb.http", &response);
        let warc = write(dir.path(), "bomb.warc", &warc_record("response", &response));
        let options = LoadOptions {
            max_file_size: 1 << 20,
            ..LoadOptions::default()
        };
        let batch = run_beside(&[saved, warc], &options, usize::MAX);
        for name in ["bomb.http", "bomb.warc#record-1"] {
            let e = row(&batch, name);
            assert_eq!(e.stage, "read");
            assert!(
                e.message.contains("over the limit of 1048576 bytes"),
                "{}",
                e.message
            );
        }
    }

    /// Rows 5 and 6: a line over the per-line limit and a line that is not UTF-8 cost only
    /// themselves, streamed from a `.gz` dump.
    #[test]
    fn long_and_undecodable_dump_lines_are_skipped_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        let mut dump = Vec::new();
        for i in 0..5 {
            let body = if i == 1 {
                "x".repeat(3 << 20)
            } else {
                "fine".into()
            };
            dump.extend_from_slice(dump_line(&format!("c{i}"), "t", &body).as_bytes());
            if i == 2 {
                dump.extend_from_slice(b" \xff");
            }
            dump.push(b'\n');
        }
        let path = write(dir.path(), "dump.ndjson.gz", &gzip(&dump));
        let options = LoadOptions {
            max_line_size: 1 << 20,
            ..LoadOptions::default()
        };
        let batch = run_beside(&[path], &options, 64 << 10);
        let thread = batch.threads.iter().find(|t| t.id == "reddit-t").unwrap();
        let ids: Vec<&str> = thread.comments.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["c0", "c3", "c4"]);
        let rows: Vec<(&str, &str)> = batch
            .errors
            .iter()
            .map(|e| (e.stage.as_str(), e.message.as_str()))
            .collect();
        assert!(
            rows.contains(&(
                "decode",
                "1 lines are not valid UTF-8 and were skipped (first: line 3)"
            )),
            "{rows:?}"
        );
        assert!(rows.iter().any(|(s, m)| *s == "read" && m.starts_with("1 lines over the limit of 1048576 bytes per line were skipped (first: line 2")), "{rows:?}");
    }

    /// Row 7: deep unclosed nesting, deep WordPress replies and a long `@user` thread come
    /// out whole (their time is measured in `benches/hostile.sh`).
    #[test]
    fn deep_and_long_threads_come_out_whole() {
        let dir = tempfile::tempdir().unwrap();
        let n = 400;
        let unclosed: String = (0..n)
            .map(|i| format!("<div class=\"comment\"><span class=\"author\">user{i}</span><p>comment number {i}</p>"))
            .collect();
        let unclosed = format!(
            "<html><body><h1>A title</h1><div id=\"comments\">{unclosed}</div></body></html>"
        );
        let mut wordpress = String::from("<html><body><ol class=\"commentlist\">");
        for i in 1..=n {
            wordpress.push_str(&format!("<li class=\"comment\" id=\"comment-{i}\"><article class=\"comment-body\"><b class=\"fn\">user{i}</b><div class=\"comment-content\"><p>reply {i}</p></div></article><ol class=\"children\">"));
        }
        wordpress.push_str(&"</ol></li>".repeat(n));
        wordpress.push_str("</ol></body></html>");
        let at: Vec<String> = (0..2000)
            .map(|i| {
                serde_json::json!({"id": format!("c{i}"), "parent_id": "t3_x", "link_id": "t3_x", "author": format!("user {i}"), "body": format!("@user {} I disagree", i.max(1) - 1)}).to_string()
            })
            .collect();
        let paths = [
            write(dir.path(), "unclosed.html", unclosed.as_bytes()),
            write(dir.path(), "wordpress.html", wordpress.as_bytes()),
            write(dir.path(), "at.ndjson", at.join("\n").as_bytes()),
        ];
        let batch = run_beside(&paths, &LoadOptions::default(), usize::MAX);
        let by_source = |name: &str| {
            batch
                .threads
                .iter()
                .find(|t| t.page.source.ends_with(name))
                .unwrap_or_else(|| panic!("{name}: {:?}", batch.errors))
        };
        for name in ["unclosed.html", "wordpress.html"] {
            let thread = by_source(name);
            assert_eq!(thread.comments.len(), n, "{name}");
            assert_eq!(thread.max_depth(), Some(n as u32 - 1), "{name}");
            // Each comment's text is its own, not its nested replies'.
            assert!(thread.comments.iter().all(|c| c.text.len() < 40), "{name}");
            assert_eq!(
                thread.comments[5].author.as_deref(),
                Some(if name == "unclosed.html" {
                    "user5"
                } else {
                    "user6"
                })
            );
        }
        let at = by_source("at.ndjson");
        assert_eq!(
            at.comments[1500].reply_to_author.as_deref(),
            Some("user 1499")
        );
    }

    /// Row 7: highlighting a long comment with thousands of findings.
    #[test]
    fn highlighting_many_findings_marks_each_once() {
        use threadscan::report::html::highlighted;
        let text = "You are an idiot. This is clearly a fact. ".repeat(2000);
        let comment = threadscan::model::Comment {
            id: "c1".into(),
            text: text.clone(),
            ..Default::default()
        };
        let run = threadscan::score::RunContext::default();
        let ctx = threadscan::score::CommentContext::new(&comment, Vec::new(), &run);
        let findings = threadscan::score::score_comment(&ctx, &[]).findings;
        assert!(findings.len() > 2000, "{}", findings.len());
        let html = highlighted(&text, &findings);
        let sups = html.matches("<sup class=\"code\">").count();
        assert_eq!(
            sups,
            findings
                .iter()
                .filter(|f| f.span.start < f.span.end)
                .count()
        );
        assert_eq!(
            html.matches("<mark").count(),
            html.matches("</mark>").count()
        );
    }

    /// Row 8: a FIFO named on the command line is refused at once.
    #[test]
    fn fifos_are_refused_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.html");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("mkfifo not available: FIFO case skipped");
            return;
        }
        let batch = run_beside(&[fifo], &LoadOptions::default(), usize::MAX);
        let e = row(&batch, "pipe.html");
        assert_eq!(
            (e.stage.as_str(), e.message.as_str()),
            (
                "read",
                "not a regular file (a FIFO); only files, directories and `-` (standard input) are read"
            )
        );
    }

    /// Row 9: a broken WARC record costs only itself; its row names `FILE#record-N`.
    #[test]
    fn broken_warc_records_cost_only_themselves() {
        let dir = tempfile::tempdir().unwrap();
        let page = http_page("", PAGE.as_bytes());
        let good = warc_record("response", &page);
        let lying = String::from_utf8(warc_record("response", &page))
            .unwrap()
            .replace(
                &format!("Content-Length: {}", page.len()),
                "Content-Length: 20",
            );
        let mut warc = good.clone();
        warc.extend_from_slice(lying.as_bytes());
        warc.extend_from_slice(&good);
        // A second record of text that does not compress, cut off halfway through.
        let mut seed = 7u64;
        let noise: String = (0..4000)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                char::from(b'a' + (seed >> 59) as u8 % 26)
            })
            .collect();
        let mut both = good.clone();
        both.extend(warc_record(
            "response",
            &http_page("", PAGE.replace("Hello there.", &noise).as_bytes()),
        ));
        let compressed = gzip(&both);
        let paths = [
            write(dir.path(), "lying.warc", &warc),
            write(
                dir.path(),
                "cut.warc.gz",
                &compressed[..compressed.len() * 3 / 4],
            ),
        ];
        let batch = run_beside(&paths, &LoadOptions::default(), usize::MAX);
        let from = |name: &str| {
            batch
                .threads
                .iter()
                .filter(|t| t.page.source.ends_with(name))
                .count()
        };
        assert_eq!(from("lying.warc"), 2);
        assert!(
            row(&batch, "lying.warc#record-2")
                .message
                .contains("does not end where a record begins")
        );
        assert_eq!(from("cut.warc.gz"), 1, "{:?}", batch.errors);
        assert!(
            row(&batch, "cut.warc.gz#record-2")
                .message
                .contains("truncated block")
        );
    }

    /// Row 10: thread ids that differ only in punctuation get distinct audit pages.
    #[test]
    fn thread_ids_and_page_names_are_unique() {
        let dir = tempfile::tempdir().unwrap();
        let lines: Vec<String> = ["a.b", "a_b", "a/b", "A_b"]
            .iter()
            .map(|l| dump_line("c1", l, "text"))
            .collect();
        let path = write(dir.path(), "ids.ndjson", lines.join("\n").as_bytes());
        let batch = run_beside(&[path.clone(), path], &LoadOptions::default(), usize::MAX);
        let ids: std::collections::HashSet<&str> =
            batch.threads.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids.len(), batch.threads.len());
        let pages: std::collections::HashSet<String> = ids
            .iter()
            .map(|id| threadscan::report::html::page_name(id))
            .collect();
        assert_eq!(pages.len(), ids.len());
    }

    /// Row 11: a directory of symbolic links is read through them; a loop is an error row.
    #[test]
    fn symlinked_files_are_followed_and_loops_reported() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("annex");
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(&store).unwrap();
        std::fs::create_dir_all(&corpus).unwrap();
        let target = write(&store, "blob", GOOD.replace("Ann", "Cat").as_bytes());
        std::os::unix::fs::symlink(&target, corpus.join("page.txt")).unwrap();
        std::os::unix::fs::symlink(&corpus, corpus.join("loop")).unwrap();
        let (sources, errors) = threadscan::input::discover(&[corpus]);
        assert_eq!(sources.len(), 1, "{sources:?}");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].error.to_string().contains("loop"),
            "{}",
            errors[0].error
        );
    }

    /// Containment: a panic while loading or scoring one input is an error row (stage
    /// `internal`), and the rest of the batch is reported.
    #[test]
    fn panics_cost_one_input() {
        use threadscan::testing::{Fault, inject_panic};
        inject_panic(Fault::Load, "inject-load-panic");
        inject_panic(Fault::Score, "inject-score-panic");
        let dir = tempfile::tempdir().unwrap();
        let paths = [
            write(dir.path(), "inject-load-panic.txt", GOOD.as_bytes()),
            write(
                dir.path(),
                "inject-score-panic.txt",
                GOOD.replace("Bob", "Eve").as_bytes(),
            ),
            write(
                dir.path(),
                "inject-load-panic.ndjson",
                (dump_line("c", "z", "x") + "\n" + &dump_line("d", "z", "y")).as_bytes(),
            ),
        ];
        let batch = run_beside(&paths, &LoadOptions::default(), usize::MAX);
        assert_eq!(
            batch.threads.len(),
            1,
            "only the good page: {:?}",
            batch.errors
        );
        for name in paths
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        {
            let e = row(&batch, &name);
            assert_eq!(e.stage, "internal");
            assert!(e.message.contains("injected"), "{}", e.message);
        }
    }

    /// Smaller cases: one-line dumps and dumps with a broken second line are dumps; a file
    /// over `--max-file-size` is reported with its real size.
    #[test]
    fn short_dumps_and_real_sizes() {
        let dir = tempfile::tempdir().unwrap();
        let one = write(
            dir.path(),
            "one.ndjson",
            dump_line("c1", "one", "hi").as_bytes(),
        );
        let broken = write(
            dir.path(),
            "broken.ndjson",
            format!(
                "{}\n{{broken\n{}\n",
                dump_line("c1", "two", "hi"),
                dump_line("c2", "two", "ho")
            )
            .as_bytes(),
        );
        let big = write(dir.path(), "big.txt", GOOD.repeat(1000).as_bytes());
        let options = LoadOptions {
            max_file_size: 10 << 10,
            ..LoadOptions::default()
        };
        let batch = run_beside(&[one, broken, big], &options, usize::MAX);
        let count = |id: &str| {
            batch
                .threads
                .iter()
                .find(|t| t.id == id)
                .map(|t| t.comments.len())
        };
        assert_eq!(
            (count("reddit-one"), count("reddit-two")),
            (Some(1), Some(2))
        );
        assert!(
            row(&batch, "broken.ndjson")
                .message
                .starts_with("1 lines are not JSON objects")
        );
        let size = GOOD.len() * 1000;
        assert_eq!(
            row(&batch, "big.txt").message,
            format!(
                "input is {size} bytes, over the limit of 10240 bytes (raise it with --max-file-size)"
            )
        );
    }
}
