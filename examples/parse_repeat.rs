//! Profiling helper: parse one page once to warm the lexicons, then N more times in
//! `measured` (for `valgrind --tool=callgrind --toggle-collect=*measured*`).
//! `cargo run --release --example parse_repeat -- FILE N`
fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("FILE");
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let bytes = std::fs::read(&file).expect("read");
    let text = String::from_utf8_lossy(&bytes);
    parse(&file, &text);
    measured(&file, &text, n);
}

#[inline(never)]
fn measured(file: &str, text: &str, n: usize) {
    for _ in 0..n {
        parse(file, text);
    }
}

fn parse(file: &str, text: &str) {
    let threads = threadscan::parse::parse(file, text, &Default::default()).expect("parse");
    std::hint::black_box(&threads);
}
