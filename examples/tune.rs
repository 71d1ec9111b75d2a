//! Tuning aid: F1 and AUC of the insult scorer on the Kaggle *training* split for several
//! model floors, to choose settings without looking at the test split.
//! `cargo run --release --example tune -- MODEL_FILE`
use threadscan::eval::{load_all, measured, metrics};
use threadscan::score::learned::Model;
fn main() {
    let path = std::env::args().nth(1).expect("model file");
    let mut model = Model::from_bytes(&std::fs::read(path).expect("read")).expect("model");
    let (sets, _) = load_all(std::path::Path::new("../shared/eval"));
    let set = sets
        .iter()
        .find(|s| s.name == "kaggle-insults")
        .expect("kaggle set");
    let alone: Vec<(f32, bool)> = set
        .train
        .iter()
        .map(|(t, y)| (model.predict(t), *y))
        .collect();
    println!("model alone: AUC {:.3}", metrics(&alone, 0.5).auc);
    for floor in [0.2f32, 0.3, 0.4, 0.5, 0.6, 0.7] {
        model.floor = floor;
        let scored: Vec<(f32, bool)> = set
            .train
            .iter()
            .map(|(t, y)| (measured(set, t, &[&model]), *y))
            .collect();
        let m = metrics(&scored, 0.5);
        println!(
            "floor {floor:.1}: P {:.3} R {:.3} F1 {:.3} AUC {:.3}",
            m.precision, m.recall, m.f1, m.auc
        );
    }
}
