//! Experiment: candidate insult models measured on splits never reported as a test, rules and
//! model together at the flag threshold: the Kaggle insults *training* file (`train.csv`) and
//! the Unhealthy Comment Corpus's *validation* split (antagonising or hostile); and the share
//! of ToxiChat's untargeted offensive turns (profanity at no one, never trained on) flagged.
//! `cargo run --release --example insult_select -- MODEL_FILE...`
use threadscan::eval::{load_all, measured, metrics, toxichat_untargeted, ucc_validation};
use threadscan::score::learned::Model;

fn main() {
    let dir = std::path::Path::new("../shared/eval");
    let (sets, _) = load_all(dir);
    let kaggle = sets
        .iter()
        .find(|s| s.name == "kaggle-insults")
        .expect("kaggle set");
    let ucc = ucc_validation(dir).expect("UCC validation split");
    let profane = toxichat_untargeted(std::path::Path::new("../shared/train")).expect("ToxiChat");
    for path in std::env::args().skip(1) {
        let model = Model::from_bytes(&std::fs::read(&path).expect("model file")).expect("model");
        let score = |examples: &[(String, bool)]| {
            let scored: Vec<(f32, bool)> = examples
                .iter()
                .map(|(t, y)| (measured(kaggle, t, &[&model]), *y))
                .collect();
            metrics(&scored, 0.5)
        };
        let (k, u, p) = (score(&kaggle.train), score(&ucc), score(&profane));
        println!(
            "{path}: Kaggle train.csv F1 {:.3} AUC {:.3}; UCC val F1 {:.3} AUC {:.3}; mean AUC {:.3}; untargeted profanity flagged {:.3}",
            k.f1,
            k.auc,
            u.f1,
            u.auc,
            (k.auc + u.auc) / 2.0,
            p.flagged
        );
    }
}
