//! Seed 001, labelled by hand: every clear case is scored right.

use std::path::Path;

use serde::Deserialize;
use threadscan::input::Source;
use threadscan::pipeline::{LoadOptions, Scorer, run};
use threadscan::score::Flag;

#[derive(Deserialize)]
struct Labels {
    file: String,
    comments: Vec<Label>,
    page_spam: Vec<String>,
}

#[derive(Deserialize)]
struct Label {
    author: String,
    insult: Option<bool>,
    spam: Option<bool>,
    unsupported: Option<bool>,
    why: String,
}

#[test]
fn every_clear_case_of_seed_001_is_right() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let labels: Labels = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/fixtures/.gold/seed-001-labels.json")).unwrap(),
    )
    .unwrap();
    let scorer = Scorer {
        models: threadscan::score::learned::shipped_models(),
        ..Default::default()
    };
    let batch = run(
        &[Source::File(root.join(&labels.file))],
        &LoadOptions::default(),
        &scorer,
    );
    let (thread, scores) = (&batch.threads[0], &batch.scores[0]);
    assert_eq!(thread.comments.len(), labels.comments.len());
    for ((comment, score), label) in thread
        .comments
        .iter()
        .zip(&scores.comments)
        .zip(&labels.comments)
    {
        assert_eq!(comment.author.as_deref(), Some(label.author.as_str()));
        for (flag, want) in [
            (Flag::Insult, label.insult),
            (Flag::Spam, label.spam),
            (Flag::Unsupported, label.unsupported),
        ] {
            if let Some(want) = want {
                assert_eq!(
                    score.flagged(flag),
                    want,
                    "{} {} {}: score {:.3} ({}); findings {:?}",
                    comment.id,
                    label.author,
                    flag.name(),
                    score.score(flag),
                    label.why,
                    score
                        .findings
                        .iter()
                        .map(|f| (f.code, f.text.as_str()))
                        .collect::<Vec<_>>()
                );
            }
        }
    }
    let page: Vec<&str> = scores.page.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(page, labels.page_spam);
}
