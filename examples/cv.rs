//! Experiment: 5-fold cross-validation of the own-split insult model on the Kaggle *training*
//! split only (never the test split). `cargo run --release --example cv -- C`
use threadscan::eval::{Dataset, load_all, measured, metrics, train_calibrated};
fn main() {
    let c: f64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(threadscan::score::learned::TRAINING.c);
    let settings = threadscan::score::learned::Training {
        c,
        ..threadscan::score::learned::TRAINING
    };
    let (sets, _) = load_all(std::path::Path::new("../shared/eval"));
    let set = sets
        .iter()
        .find(|s| s.name == "kaggle-insults")
        .expect("kaggle set");
    let (mut f1, mut auc, mut mauc, mut bf, mut bm) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for fold in 0..5 {
        let (train, test): (Vec<_>, Vec<_>) = set
            .train
            .iter()
            .cloned()
            .enumerate()
            .partition(|(i, _)| (i * 7919) % 5 != fold);
        let train: Vec<_> = train.into_iter().map(|(_, e)| e).collect();
        let test: Vec<_> = test.into_iter().map(|(_, e)| e).collect();
        let model = train_calibrated(set.flag, &train, settings, "cv");
        let d = Dataset {
            name: "fold",
            flag: set.flag,
            positive: "",
            test,
            train: vec![],
            stage: set.stage,
        };
        let scored: Vec<(f32, bool)> = d
            .test
            .iter()
            .map(|(t, y)| (measured(&d, t, &[&model]), *y))
            .collect();
        let alone: Vec<(f32, bool)> = d.test.iter().map(|(t, y)| (model.predict(t), *y)).collect();
        let m = metrics(&scored, 0.5);
        let best = |v: &[(f32, bool)]| {
            (1..20)
                .map(|k| metrics(v, k as f32 * 0.05).f1)
                .fold(0.0f64, f64::max)
        };
        bf += best(&scored) / 5.0;
        bm += best(&alone) / 5.0;
        f1 += m.f1 / 5.0;
        auc += m.auc / 5.0;
        mauc += metrics(&alone, 0.5).auc / 5.0;
    }
    println!(
        "C {c}: F1 {f1:.4} AUC {auc:.4} model-alone AUC {mauc:.4} best-F1 {bf:.4} model-alone best-F1 {bm:.4}"
    );
}
