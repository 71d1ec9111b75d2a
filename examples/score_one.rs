//! Prints the findings of one text scored as a lone comment, rules only, then with the
//! shipped models: `cargo run --release --example score_one -- "TEXT"`
fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let comment = threadscan::model::Comment {
        id: "c1".into(),
        position: 1,
        text: text.clone(),
        ..Default::default()
    };
    let run = threadscan::score::RunContext::default();
    let ctx = threadscan::score::CommentContext::new(&comment, Vec::new(), &run);
    let shipped = threadscan::score::learned::shipped_models();
    let models: Vec<_> = shipped.iter().collect();
    for (label, models) in [
        ("rules", &models[..0]),
        ("rules + shipped models", &models[..]),
    ] {
        let score = threadscan::score::score_comment(&ctx, models);
        println!("{label}: scores {:?}", score.scores);
        for f in &score.findings {
            println!("  {} {} {:.2} {:?}", f.code, f.name, f.weight, f.text);
        }
    }
}
