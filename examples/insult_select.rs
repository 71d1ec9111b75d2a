//! Experiment: candidate insult models measured on a split never reported as a test, the
//! Kaggle insults *training* file (`train.csv`), rules and model together at the flag
//! threshold. `cargo run --release --example insult_select -- MODEL_FILE...`
use threadscan::eval::{load_all, measured, metrics};
use threadscan::score::learned::Model;

fn main() {
    let (sets, _) = load_all(std::path::Path::new("../shared/eval"));
    let set = sets
        .iter()
        .find(|s| s.name == "kaggle-insults")
        .expect("kaggle set");
    for path in std::env::args().skip(1) {
        let model = Model::from_bytes(&std::fs::read(&path).expect("model file")).expect("model");
        let scored: Vec<(f32, bool)> = set
            .train
            .iter()
            .map(|(t, y)| (measured(set, t, &[&model]), *y))
            .collect();
        let m = metrics(&scored, 0.5);
        println!("{path}: Kaggle train.csv F1 {:.3} AUC {:.3}", m.f1, m.auc);
    }
}
