//! Issue 17: the shipped spam model. It catches self-promotion the rules miss, leaves argued
//! comments that cite reputable sources alone, stands aside on languages it was not trained
//! on, and `--model` replaces it without touching the insult model.

use std::path::Path;
use std::process::{Command, Stdio};

use threadscan::model::Comment;
use threadscan::score::learned::{Model, TRAINING, shipped};
use threadscan::score::{CommentContext, Flag, RunContext, score_comment};

fn score(text: &str, models: &[&Model]) -> threadscan::score::CommentScore {
    let comment = Comment {
        id: "c1".into(),
        author: Some("someone".into()),
        position: 1,
        text: text.into(),
        ..Default::default()
    };
    let run = RunContext::default();
    score_comment(&CommentContext::new(&comment, Vec::new(), &run), models)
}

fn counted_codes(score: &threadscan::score::CommentScore, flag: Flag) -> Vec<&'static str> {
    score
        .findings
        .iter()
        .filter(|f| f.flag == flag && score.counted(f))
        .map(|f| f.code)
        .collect()
}

#[test]
fn the_shipped_spam_model_finds_self_promotion_the_rules_miss() {
    let model = shipped(Flag::Spam).expect("a spam model is shipped");
    assert_eq!(model.info.languages, ["eng"]);
    // Written for this test in the manner of channel promotion, with none of the rules'
    // phrases: no link, no phone number, no "my channel".
    let promo = "hey guys i just started making videos, would mean a lot if you gave them a look and told me what you think";
    let rules = score(promo, &[]);
    let both = score(promo, &[&model]);
    assert!(!rules.flags[Flag::Spam as usize], "{:?}", rules.findings);
    assert!(both.flags[Flag::Spam as usize], "{:?}", both.findings);
    assert!(counted_codes(&both, Flag::Spam).contains(&"SPM900"));
}

#[test]
fn argued_comments_citing_reputable_sources_are_not_spam() {
    let model = shipped(Flag::Spam).expect("a spam model is shipped");
    for text in [
        "The study you mention was retracted; see https://doi.org/10.1038/s41586-020-2649-2 and the follow-up at https://arxiv.org/abs/2101.00001 before drawing conclusions about vaccine uptake.",
        "Unemployment did not fall that year. The official series is at https://www.bls.gov/cps/ and the BBC covered the revision here: https://www.bbc.co.uk/news/business-12345678",
        "I disagree with the author about the bridge. The council minutes from March show the budget was approved twice, and nobody on the committee objected at the time.",
    ] {
        let s = score(text, &[&model]);
        assert!(
            !s.flags[Flag::Spam as usize],
            "{text}: {} {:?}",
            s.score(Flag::Spam),
            s.findings
        );
    }
}

/// A toy English spam model: "free prize" and "call now" are spam, dinner plans are not.
fn toy_spam_model() -> Model {
    let mut examples = Vec::new();
    for i in 0..60 {
        examples.push((
            format!("win a free prize today, call now to claim number {i}"),
            true,
        ));
        examples.push((
            format!("see you at dinner on day {i}, bring the salad please"),
            false,
        ));
    }
    let mut model = Model::train(Flag::Spam, &examples, TRAINING, "toy");
    model.info.languages = vec!["eng".into()];
    model
}

#[test]
fn a_model_stands_aside_on_a_language_it_was_not_trained_on() {
    let model = toy_spam_model();
    let english = "Win a free prize today, call now to claim it before the offer ends tonight!";
    let german = "Gewinnen Sie heute einen free prize und rufen Sie jetzt an, bevor das Angebot heute Abend endet!";
    assert!(score(english, &[&model]).flags[Flag::Spam as usize]);
    let mut unlisted = model.clone();
    unlisted.info.languages.clear();
    assert!(
        score(german, &[&unlisted]).flags[Flag::Spam as usize],
        "without languages the toy model flags the German text"
    );
    let s = score(german, &[&model]);
    assert!(!s.flags[Flag::Spam as usize], "{:?}", s.findings);
    assert!(
        !s.findings.iter().any(|f| f.code == "SPM900"),
        "{:?}",
        s.findings
    );
}

#[test]
fn model_replaces_the_shipped_model_of_its_flag_only() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("toy-spam.bin");
    std::fs::write(&file, toy_spam_model().to_bytes()).unwrap();
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let out = dir.path().join("out");
    let status = Command::new(env!("CARGO_BIN_EXE_threadscan"))
        .args(["analyze", "--quiet", "--no-config", "--model"])
        .arg(&file)
        .arg(&page)
        .arg("--out")
        .arg(&out)
        .stdin(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    let models = run["models"].as_array().expect("models in run.json");
    let flags: Vec<&str> = models.iter().map(|m| m["flag"].as_str().unwrap()).collect();
    assert_eq!(flags, ["insult", "spam"]);
    assert_eq!(models[1]["trained_on"], "toy");
    let shipped_insult = shipped(Flag::Insult).unwrap();
    assert_eq!(models[0]["sha256"], shipped_insult.digest());
}
