//! callgrind helper: warm every lazy static on WARM_DIR's pages, then parse FILE once inside
//! `measure` (profile with --toggle-collect=zz_cg::measure). `zz_cg FILE [bare]`
#[inline(never)]
fn measure(text: &str, bare: bool, options: &threadscan::parse::ParseOptions) {
    if bare {
        std::hint::black_box(scraper::Html::parse_document(text));
    } else {
        let _ = std::hint::black_box(threadscan::parse::parse("page.html", text, options));
    }
}
fn main() {
    let mut args = std::env::args().skip(1);
    let target = args.next().expect("FILE");
    let bare = args.next().as_deref() == Some("bare");
    let warm: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let options = threadscan::parse::ParseOptions::default();
    let text = String::from_utf8_lossy(&std::fs::read(&target).unwrap()).into_owned();
    // Warm: the page itself once (lazy statics, regex caches), outside `measure`.
    for _ in 0..warm {
        let _ = std::hint::black_box(threadscan::parse::parse("page.html", &text, &options));
    }
    measure(&text, bare, &options);
}
