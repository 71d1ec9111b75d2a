//! Experiment: how the shipped spam model is trained, chosen by 3-fold cross-validation on
//! its training data only: leave one of YouTube videos 1–3 out, and one third (by text hash)
//! of the SMS training four fifths. Videos 4–5 and the SMS test fifth are never read here.
//!
//! `cargo run --release --example spam_cv -- [C ...] [--ham] [--link-tokens]`
use std::path::Path;

use threadscan::eval::{
    Dataset, Example, Stage, measured, metrics, sms_examples, train_calibrated, youtube_videos,
};
use threadscan::score::Flag;
use threadscan::score::learned::{TRAINING, Training};

fn main() {
    let data = Path::new("../shared/eval");
    let videos = youtube_videos(&data.join("youtube-spam")).expect("YouTube set");
    let sms: Vec<Example> = sms_examples(&data.join("sms-spam"))
        .expect("SMS set")
        .into_iter()
        .filter(|(t, _)| !threadscan::eval::in_test_fifth(t))
        .collect();
    // Not-spam reader comments (`--ham`): a third of them held out per fold, to count false flags.
    let with_ham = std::env::args().any(|a| a == "--ham");
    let link_tokens = std::env::args().any(|a| a == "--link-tokens");
    let mut ham: Vec<Example> = Vec::new();
    if with_ham {
        for name in ["toxic-spans-ham", "wiki-talk-gn-ham"] {
            ham.extend(
                threadscan::eval::ham_comments(name, Path::new("../shared/train")).expect("ham"),
            );
        }
    }
    let third = |t: &str| usize::from(threadscan::ids::content_id(t.as_bytes()).as_bytes()[2] % 3);
    let cs: Vec<f64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let cs = if cs.is_empty() {
        vec![1.0, 3.0, 10.0]
    } else {
        cs
    };
    for c in cs {
        for (nb_scaling, combiner) in [(true, true), (false, true), (true, false), (false, false)] {
            let training = Training {
                c,
                nb_scaling,
                combiner,
                link_tokens,
                ..TRAINING
            };
            let (mut yt, mut sm, mut yt_auc, mut sm_auc) = (0.0, 0.0, 0.0, 0.0);
            let mut ham_flagged = 0.0;
            for fold in 0..3 {
                let mut train: Vec<Example> = Vec::new();
                for (i, v) in videos.iter().take(3).enumerate() {
                    if i != fold {
                        train.extend(v.iter().cloned());
                    }
                }
                train.extend(sms.iter().filter(|(t, _)| third(t) != fold).cloned());
                train.extend(ham.iter().filter(|(t, _)| third(t) != fold).cloned());
                let model = train_calibrated(Flag::Spam, &train, training, "cv");
                let score = |test: Vec<Example>| {
                    let d = Dataset {
                        name: "fold",
                        flag: Flag::Spam,
                        positive: "",
                        test,
                        train: vec![],
                        stage: Stage::Flag,
                    };
                    let scored: Vec<(f32, bool)> = d
                        .test
                        .iter()
                        .map(|(t, y)| (measured(&d, t, &[&model]), *y))
                        .collect();
                    metrics(&scored, 0.5)
                };
                let m = score(videos[fold].clone());
                yt += m.f1 / 3.0;
                yt_auc += m.auc / 3.0;
                let m = score(
                    sms.iter()
                        .filter(|(t, _)| third(t) == fold)
                        .cloned()
                        .collect(),
                );
                sm += m.f1 / 3.0;
                sm_auc += m.auc / 3.0;
                if with_ham {
                    let m = score(
                        ham.iter()
                            .filter(|(t, _)| third(t) == fold)
                            .cloned()
                            .collect(),
                    );
                    ham_flagged += m.flagged / 3.0;
                }
            }
            println!(
                "C {c} nb {nb_scaling} combiner {combiner}: YouTube F1 {yt:.3} AUC {yt_auc:.3}; SMS F1 {sm:.3} AUC {sm_auc:.3}; comments flagged {:.4}",
                ham_flagged
            );
        }
    }
}
