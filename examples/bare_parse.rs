//! Benchmark floor for the HTML pipeline: parse every `.html` file under DIR with
//! `scraper::Html::parse_document` and nothing else, on N threads; prints pages/s and MB/s of
//! the fastest of R passes (as `benches/run.sh` reports the fastest pipeline run).
//! `cargo run --release --example bare_parse -- DIR N [R]`
use rayon::prelude::*;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("DIR");
    let threads: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let repeat: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    files.sort();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("pool");
    let pass = || {
        let start = std::time::Instant::now();
        let bytes: usize = pool.install(|| {
            files
                .par_iter()
                .map(|f| {
                    let bytes = std::fs::read(f).expect("read");
                    let doc = scraper::Html::parse_document(&String::from_utf8_lossy(&bytes));
                    std::hint::black_box(&doc);
                    bytes.len()
                })
                .sum()
        });
        (start.elapsed().as_secs_f64(), bytes)
    };
    let (secs, bytes) = (0..repeat.max(1))
        .map(|_| pass())
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .expect("one pass");
    println!(
        "bare parse: {} pages, {:.1} MB in {secs:.2} s = {:.0} pages/s, {:.1} MB/s ({threads} threads)",
        files.len(),
        bytes as f64 / 1e6,
        files.len() as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}
