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
