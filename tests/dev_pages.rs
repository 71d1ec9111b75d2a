//! The comment finder on real pages from sites it was not built against, copied from the dev
//! set (`tests/fixtures/dev-pages/`, see its PROVENANCE.md): every page's comment count is its
//! gold count, trap pages yield no comment, and parents, authors and text stay above the
//! floors measured when these pages were added. `scripts/dev_pages.py` prints the figures on
//! the whole dev set, held-out part apart.

use std::path::{Path, PathBuf};

use threadscan::input::Source;
use threadscan::pipeline::{LoadOptions, load};
use threadscan::tree_check::{Score, comments_of, read_gold, score, share};

/// Floors over all gold comments of these pages (measured 2026-12-02: 1.000, 1.000, 0.968).
const PARENT_FLOOR: f64 = 0.99;
const AUTHOR_FLOOR: f64 = 0.98;
const TEXT_FLOOR: f64 = 0.95;

fn pages() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dev-pages/pages");
    let mut out = Vec::new();
    for system in std::fs::read_dir(&root).expect("dev pages") {
        for page in std::fs::read_dir(system.unwrap().path()).unwrap() {
            out.push(page.unwrap().path());
        }
    }
    out.sort();
    out
}

#[test]
fn unseen_sites_meet_their_gold_trees() {
    let gold_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dev-pages/.gold");
    let mut total = Score::default();
    let mut wrong_counts = Vec::new();
    let pages = pages();
    assert!(pages.len() >= 15, "dev pages missing");
    for page in &pages {
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        let gold = read_gold(&gold_dir.join(format!("{name}.csv"))).expect("gold tree");
        let loaded = load(&Source::File(page.clone()), &LoadOptions::default());
        let found = comments_of(&loaded.threads);
        let s = score(&found, &gold);
        if !s.count_exact() {
            wrong_counts.push(format!("{name}: {} found, gold {}", s.found, s.gold));
        }
        total.add(&s);
    }
    assert!(wrong_counts.is_empty(), "comment counts: {wrong_counts:#?}");
    let (parent, author, text) = (
        share(total.parent, total.gold),
        share(total.author, total.gold),
        share(total.text, total.gold),
    );
    assert!(
        parent >= PARENT_FLOOR && author >= AUTHOR_FLOOR && text >= TEXT_FLOOR,
        "parent {parent:.3} (floor {PARENT_FLOOR}), author {author:.3} (floor {AUTHOR_FLOOR}), \
         text {text:.3} (floor {TEXT_FLOOR}) over {} gold comments",
        total.gold
    );
}
