//! Prints the findings of one text scored as a lone comment (no model):
//! `cargo run --release --example score_one -- "TEXT"`
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
    let score = threadscan::score::score_comment(&ctx, None);
    println!("scores {:?}", score.scores);
    for f in &score.findings {
        println!("{} {} {:.2} {:?}", f.code, f.name, f.weight, f.text);
    }
}
