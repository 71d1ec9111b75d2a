//! Experiment: Toxic Spans SemEval *trial* split span F1 of weights files' insult findings
//! (the trial split is held out of training and never reported: span options are chosen on
//! it). `cargo run --release --example span_f1 -- MODEL_FILE...`
use threadscan::eval::{SpanSplit, toxic_spans_f1};
use threadscan::score::learned::Model;

fn main() {
    for path in std::env::args().skip(1) {
        let model = Model::from_bytes(&std::fs::read(&path).expect("model file")).expect("model");
        let train = std::path::Path::new("../shared/train");
        let f1 = toxic_spans_f1(train, SpanSplit::Trial, &[&model]).expect("spans");
        println!(
            "{path}: trial span F1 {:.3} all insult findings, {:.3} flagged comments only ({} comments)",
            f1.all_findings, f1.flagged_only, f1.comments
        );
    }
}
