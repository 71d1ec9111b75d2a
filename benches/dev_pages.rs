//! The comment finder's cost over a bare HTML parse, page by page:
//! `cargo bench --bench dev_pages [-- DIR]` (default `../shared/fixtures/dev-pages/pages`,
//! else `tests/fixtures/dev-pages/pages`). For each HTML page, the best of five runs of a bare
//! `scraper` parse and of threadscan's whole page parse (metadata, comments, tree), and their
//! ratio; the README states the target (at most 3×).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn pages(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            pages(&path, out);
        } else if path.to_string_lossy().ends_with(".html") {
            out.push(path);
        }
    }
}

fn main() {
    let arg = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let dir = arg.map(PathBuf::from).unwrap_or_else(|| {
        let shared = PathBuf::from("../shared/fixtures/dev-pages/pages");
        if shared.is_dir() {
            shared
        } else {
            PathBuf::from("tests/fixtures/dev-pages/pages")
        }
    });
    let mut files = Vec::new();
    pages(&dir, &mut files);
    files.sort();
    let options = threadscan::parse::ParseOptions::default();
    let (mut worst, mut total_bare, mut total_full) = (0.0f64, Duration::ZERO, Duration::ZERO);
    println!(
        "{:<56} {:>9} {:>9} {:>6}",
        "page", "scraper", "threadscan", "ratio"
    );
    for file in &files {
        let bytes = std::fs::read(file).expect("page");
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let bare = best_of(5, || {
            std::hint::black_box(scraper::Html::parse_document(&text));
        });
        let full = best_of(5, || {
            let _ = std::hint::black_box(threadscan::parse::parse("page.html", &text, &options));
        });
        let ratio = full.as_secs_f64() / bare.as_secs_f64().max(1e-9);
        worst = worst.max(ratio);
        total_bare += bare;
        total_full += full;
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        println!(
            "{name:<56} {:>7.2}ms {:>7.2}ms {ratio:>5.2}x",
            bare.as_secs_f64() * 1e3,
            full.as_secs_f64() * 1e3
        );
    }
    println!(
        "{} pages: scraper {:.1} ms, threadscan {:.1} ms in all ({:.2}x); worst page {worst:.2}x",
        files.len(),
        total_bare.as_secs_f64() * 1e3,
        total_full.as_secs_f64() * 1e3,
        total_full.as_secs_f64() / total_bare.as_secs_f64().max(1e-9)
    );
}
