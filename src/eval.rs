//! Measuring the scorer on labelled data: the data sets in `../shared/eval`, read where they
//! lie (their licences keep them out of the repository), and the metrics.
//!
//! Each set becomes labelled examples for one flag. Sets with a training split also train a
//! model of their own (reported apart from the shipped model, never on a test split).

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, bail};

use crate::model::Comment;
use crate::score::learned::{Combiner, Model, Training};
use crate::score::{CommentContext, Flag, RunContext, score_comment};

/// A labelled example.
pub type Example = (String, bool);

/// One labelled set, ready to measure.
#[derive(Debug)]
pub struct Dataset {
    /// Short name used in tables and `--set`.
    pub name: &'static str,
    /// The flag its labels are about.
    pub flag: Flag,
    /// What a positive label means.
    pub positive: &'static str,
    /// Examples to measure on.
    pub test: Vec<Example>,
    /// A training split, when the set has one.
    pub train: Vec<Example>,
    /// How the measured score is read: the full flag score, or the assertion stage only.
    pub stage: Stage,
}

/// Which score a set measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The flag's score, flagged at [`crate::score::THRESHOLD`].
    Flag,
    /// The unsupported flag's claim stage: the checkability of the text's most check-worthy
    /// sentence ([`crate::score::claims::assertion_score`]), at [`ASSERTION_THRESHOLD`].
    Assertion,
}

/// Threshold of the assertion stage: a sentence is a claim at this checkability.
pub const ASSERTION_THRESHOLD: f32 = crate::score::claims::CLAIM_CUT;

/// Precision, recall, F1 and ROC AUC of scores against labels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    /// Examples.
    pub n: usize,
    /// Positive examples.
    pub positives: usize,
    /// Share of examples flagged (for a set with no positives, the false-flag rate).
    pub flagged: f64,
    /// Of those flagged, the share truly positive.
    pub precision: f64,
    /// Of the positives, the share flagged.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Area under the ROC curve (ties count half).
    pub auc: f64,
}

/// Metrics of `scores` (with their labels) at `threshold`.
pub fn metrics(scored: &[(f32, bool)], threshold: f32) -> Metrics {
    let tp = scored.iter().filter(|(s, y)| *y && *s >= threshold).count() as f64;
    let fp = scored
        .iter()
        .filter(|(s, y)| !*y && *s >= threshold)
        .count() as f64;
    let positives = scored.iter().filter(|(_, y)| *y).count();
    let precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let recall = if positives > 0 {
        tp / positives as f64
    } else {
        0.0
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let flagged = if scored.is_empty() {
        0.0
    } else {
        (tp + fp) / scored.len() as f64
    };
    Metrics {
        n: scored.len(),
        positives,
        flagged,
        precision,
        recall,
        f1,
        auc: auc(scored),
    }
}

/// ROC AUC by the rank-sum statistic, with tied scores sharing their average rank.
pub fn auc(scored: &[(f32, bool)]) -> f64 {
    let mut sorted: Vec<(f32, bool)> = scored.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut rank_sum, mut i) = (0.0f64, 0);
    while i < sorted.len() {
        let j = (i..sorted.len())
            .find(|&j| sorted[j].0 != sorted[i].0)
            .unwrap_or(sorted.len());
        let average = (i + 1 + j) as f64 / 2.0;
        rank_sum += average * sorted[i..j].iter().filter(|(_, y)| *y).count() as f64;
        i = j;
    }
    let p = sorted.iter().filter(|(_, y)| *y).count() as f64;
    let n = sorted.len() as f64 - p;
    if p == 0.0 || n == 0.0 {
        0.5
    } else {
        (rank_sum - p * (p + 1.0) / 2.0) / (p * n)
    }
}

/// Scores one text as a lone comment: the three flag scores.
pub fn score_text(text: &str, models: &[&Model]) -> [f32; 3] {
    comment_score(text, models).scores
}

/// Scores one text as a lone comment with no replies.
fn comment_score(text: &str, models: &[&Model]) -> crate::score::CommentScore {
    score_as_comment(text, false, models)
}

/// Scores one text as a comment of its own, top-level or (`reply`) answering another.
pub fn score_as_comment(text: &str, reply: bool, models: &[&Model]) -> crate::score::CommentScore {
    let comment = Comment {
        id: "c1".into(),
        parent_id: reply.then(|| "c0".to_string()),
        position: 1,
        text: text.into(),
        ..Default::default()
    };
    let run = RunContext::default();
    let ctx = CommentContext::new(&comment, Vec::new(), &run);
    score_comment(&ctx, models)
}

/// The score a set measures for one text. At the assertion stage a model of the unsupported
/// flag (an own-split claim detector; none is shipped) is averaged with the rules'
/// checkability, its sigmoid probability against theirs.
pub fn measured(set: &Dataset, text: &str, models: &[&Model]) -> f32 {
    match set.stage {
        Stage::Flag => {
            let scores = score_text(text, models);
            scores[Flag::ALL.iter().position(|f| *f == set.flag).unwrap_or(0)]
        }
        Stage::Assertion => {
            let claim = crate::score::claims::assertion_score(text);
            match models.iter().find(|m| m.flag == Flag::Unsupported) {
                Some(m) => (claim + 1.0 / (1.0 + (-m.margin_of(text)).exp())) / 2.0,
                None => claim,
            }
        }
    }
}

/// Trains a model the way `threadscan train` does. Five probe models, each trained without
/// one fifth of the examples, score the fifth they did not see; on these out-of-fold margins
/// and the rules' findings, the model's cut (the floor that maximises F1 of rules and model
/// by noisy-OR) is chosen and the [`Combiner`] is fitted (standard stacking: a model's
/// margins on its own training rows are over-confident). Then the model is trained on all
/// examples and keeps both.
pub fn train_calibrated(
    flag: Flag,
    examples: &[Example],
    training: Training,
    trained_on: &str,
) -> Model {
    let mut model = Model::train(flag, examples, training, trained_on);
    model.info.languages = crate::score::learned::training_languages(examples);
    let out_of_fold = out_of_fold(flag, examples, training);
    let classes = out_of_fold.iter().filter(|r| r.2).count();
    if classes == 0 || classes == out_of_fold.len() {
        return model; // one class only: nothing to calibrate on
    }
    let floor = best_floor(&mut model, &out_of_fold);
    model.set_floor(floor);
    let codes: Vec<&str> = crate::score::rules::REGISTRY
        .iter()
        .filter(|r| r.flag == flag && r.weight > 0.0)
        .map(|r| r.code)
        .collect();
    if training.combiner {
        model.info.combiner = Some(Combiner::fit(flag, &codes, &out_of_fold));
    }
    model
}

/// The model's cut (0.2 to 0.9 in steps of 0.05) at which rules and model together, by
/// noisy-OR, have the best F1 on the out-of-fold rows.
fn best_floor(model: &mut Model, out_of_fold: &[(f32, Vec<crate::score::Finding>, bool)]) -> f32 {
    let flag = model.flag;
    let (code, name) = crate::score::learned::code_of(flag);
    let mut best = (f64::MIN, crate::score::learned::MIN_PROBABILITY);
    for step in 0..15 {
        let floor = 0.2 + 0.05 * step as f32;
        model.set_floor(floor);
        let scored: Vec<(f32, bool)> = out_of_fold
            .iter()
            .map(|(margin, findings, y)| {
                let mut all = findings.clone();
                let weight = model.weight_at(*margin);
                if weight > 0.0 {
                    all.push(crate::score::Finding {
                        code,
                        name,
                        flag,
                        span: 0..0,
                        text: String::new(),
                        weight,
                    });
                }
                (crate::score::combine(&all)[flag as usize], *y)
            })
            .collect();
        let f1 = metrics(&scored, crate::score::THRESHOLD).f1;
        if f1 > best.0 + 1e-9 {
            best = (f1, floor);
        }
    }
    best.1
}

/// Per example: the margin of a model trained on the other four fifths (split by a digit of
/// the text's hash other than [`hash_split`]'s, which made some training splits), the rules'
/// findings, and the label.
fn out_of_fold(
    flag: Flag,
    examples: &[Example],
    training: Training,
) -> Vec<(f32, Vec<crate::score::Finding>, bool)> {
    let fold_of = |t: &str| usize::from(crate::ids::content_id(t.as_bytes()).as_bytes()[1] % 5);
    let mut rows = Vec::with_capacity(examples.len());
    for fold in 0..5 {
        let (fit, held_out): (Vec<Example>, Vec<Example>) = examples
            .iter()
            .cloned()
            .partition(|(t, _)| fold_of(t) != fold);
        if held_out.is_empty() || fit.is_empty() {
            continue;
        }
        let probe = Model::train(flag, &fit, training, "probe");
        rows.extend(
            held_out
                .iter()
                .map(|(t, y)| (probe.margin_of(t), comment_score(t, &[]).findings, *y)),
        );
    }
    rows
}

/// Python string escapes (`\n`, `\xa0`, `\xc2\xa0`, `\u2019`) as stored in the Kaggle set:
/// `\xNN` runs are UTF-8 bytes when they form valid UTF-8, else Latin-1 characters.
pub fn unescape_python(raw: &str) -> String {
    let as_bytes = unescape_with(raw, true);
    match String::from_utf8(as_bytes) {
        Ok(text) => text,
        Err(_) => String::from_utf8_lossy(&unescape_with(raw, false)).into_owned(),
    }
}

fn unescape_with(raw: &str, x_as_bytes: bool) -> Vec<u8> {
    let raw = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(raw);
    let mut bytes = Vec::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut buf = [0u8; 4];
            bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        let hex = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>, n: usize| -> Option<u32> {
            let digits: String = (0..n).filter_map(|_| chars.next()).collect();
            u32::from_str_radix(&digits, 16).ok()
        };
        match chars.next() {
            Some('n') => bytes.push(b'\n'),
            Some('t') => bytes.push(b'\t'),
            Some('r') => bytes.push(b'\r'),
            Some('x') if x_as_bytes => bytes.extend(hex(&mut chars, 2).map(|v| v as u8)),
            Some('x') => push_char(&mut bytes, hex(&mut chars, 2)),
            Some('u') => push_char(&mut bytes, hex(&mut chars, 4)),
            Some('U') => push_char(&mut bytes, hex(&mut chars, 8)),
            Some(other) => push_char(&mut bytes, Some(other as u32)),
            None => bytes.push(b'\\'),
        }
    }
    bytes
}

fn push_char(bytes: &mut Vec<u8>, code: Option<u32>) {
    if let Some(c) = code.and_then(char::from_u32) {
        let mut buf = [0u8; 4];
        bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
}

/// Reads rows of a CSV (or TSV) file as maps from column name to value.
fn rows(path: &Path, delimiter: u8, quoting: bool) -> anyhow::Result<Vec<HashMap<String, String>>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quoting(quoting)
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let headers = reader.headers()?.clone();
    let mut out = Vec::new();
    // Byte records, read as UTF-8 with broken sequences replaced: one tweet with a cut
    // multi-byte character must not cost a whole set.
    for record in reader.byte_records() {
        let record = record.with_context(|| format!("bad row in {}", path.display()))?;
        out.push(
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_string(), String::from_utf8_lossy(v).into_owned()))
                .collect(),
        );
    }
    Ok(out)
}

fn column(row: &HashMap<String, String>, name: &str) -> String {
    row.get(name).cloned().unwrap_or_default()
}

/// `name:count` lines of a C3 characteristics cell → count for `name`.
fn characteristic(cell: &str, name: &str) -> f64 {
    cell.lines()
        .filter_map(|l| l.split_once(':'))
        .filter(|(n, _)| n.trim() == name)
        .filter_map(|(_, c)| c.trim().parse::<f64>().ok())
        .sum()
}

/// Reads one data set folder.
type Loader = fn(&Path) -> anyhow::Result<Vec<Dataset>>;

/// Every set that can be read under `dir`; a set whose files are missing is skipped with a note.
pub fn load_all(dir: &Path) -> (Vec<Dataset>, Vec<String>) {
    let loaders: [(&str, Loader); 10] = [
        ("kaggle-insults", kaggle),
        ("youtube-spam", youtube),
        ("sms-spam", sms),
        ("claimbuster", claimbuster),
        ("checkthat2020-task1-en", checkthat),
        ("sfu-c3", c3),
        ("ucc-unhealthy-comments", ucc),
        ("olid", olid),
        ("wiki-talk-context-toxicity", wiki_small),
        ("davidson-hate-offensive", |d| Ok(vec![davidson(d)?])),
    ];
    // Sets in the training folder beside it whose test splits are measured here: Toxic Spans'
    // SemEval test split (never trained on) and HateCheck's functional tests.
    let train = dir.parent().map(|p| p.join("train")).unwrap_or_default();
    let train_loaders: [(&str, Loader); 2] =
        [("toxic-spans", toxic_spans_test), ("hatecheck", hatecheck)];
    let mut sets = Vec::new();
    let mut notes = Vec::new();
    let all = loaders
        .iter()
        .map(|(name, load)| (name, load, dir.join(name)))
        .chain(
            train_loaders
                .iter()
                .map(|(name, load)| (name, load, train.join(name))),
        );
    for (name, load, path) in all {
        match load(&path) {
            Ok(s) => sets.extend(s),
            Err(e) => notes.push(format!("{name}: skipped ({e:#})")),
        }
    }
    (sets, notes)
}

fn kaggle(dir: &Path) -> anyhow::Result<Vec<Dataset>> {
    let read = |file: &str| -> anyhow::Result<Vec<Example>> {
        Ok(rows(&dir.join(file), b',', true)?
            .iter()
            .map(|r| {
                (
                    unescape_python(&column(r, "Comment")),
                    column(r, "Insult") == "1",
                )
            })
            .collect())
    };
    Ok(vec![Dataset {
        name: "kaggle-insults",
        flag: Flag::Insult,
        positive: "Insult = 1",
        test: read("test_with_solutions.csv")?,
        train: read("train.csv")?,
        stage: Stage::Flag,
    }])
}

/// The UCI YouTube spam comments, one list per video (`Youtube01` … `Youtube05`).
pub fn youtube_videos(dir: &Path) -> anyhow::Result<Vec<Vec<Example>>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    if files.len() < 2 {
        bail!("expected the five Youtube0N-*.csv files");
    }
    let read = |p: &Path| -> anyhow::Result<Vec<Example>> {
        // The UCI files keep the comments' HTML (`<br />`, entities, links): read it as HTML.
        Ok(rows(p, b',', true)?
            .iter()
            .map(|r| {
                (
                    crate::parse::html::fragment_text(&column(r, "CONTENT"))
                        .0
                        .trim_end_matches('\u{feff}')
                        .to_string(),
                    column(r, "CLASS") == "1",
                )
            })
            .collect())
    };
    files.iter().map(|f| read(f)).collect()
}

/// Videos 1–3 train (the shipped spam model), 4–5 test: the split never mixes one video's
/// comments.
fn youtube(dir: &Path) -> anyhow::Result<Vec<Dataset>> {
    let videos = youtube_videos(dir)?;
    let (train, test) = videos.split_at(3.min(videos.len() - 1));
    Ok(vec![Dataset {
        name: "youtube-spam (videos 4-5)",
        flag: Flag::Spam,
        positive: "CLASS = 1",
        test: test.concat(),
        train: train.concat(),
        stage: Stage::Flag,
    }])
}

/// The UCI SMS spam collection, split 80/20 by a hash of the text ([`hash_split`]): the four
/// fifths train the shipped spam model, the fifth tests it. Identical messages (the set has
/// many) fall on one side.
pub fn sms_examples(dir: &Path) -> anyhow::Result<Vec<Example>> {
    Ok(rows(&dir.join("SMSSpamCollection"), b'\t', false)?
        .iter()
        .map(|r| (column(r, "SMS"), column(r, "Label") == "spam"))
        .collect())
}

fn sms(dir: &Path) -> anyhow::Result<Vec<Dataset>> {
    let (train, test) = hash_split(&sms_examples(dir)?);
    Ok(vec![Dataset {
        name: "sms-spam (test fifth)",
        flag: Flag::Spam,
        positive: "spam",
        test,
        train,
        stage: Stage::Flag,
    }])
}

/// Reader comments that are not spam, from sets whose licences allow shipping weights (in
/// `train`, the `../shared/train` folder): the Toxic Spans comments (Civil Comments news
/// comments, CC0) except its SemEval test split, which stays held out for insults; and the
/// Wikipedia talk comments of CAT_LARGE `gn` (Apache-2.0). A spam model trained on YouTube and
/// SMS alone has never seen a long argumentative comment and takes length and unfamiliar
/// words for spam; these teach it what ordinary discussion looks like. Labelled `false`.
pub fn ham_comments(name: &str, train: &Path) -> anyhow::Result<Vec<Example>> {
    Ok(match name {
        "toxic-spans-ham" => {
            let dir = train.join("toxic-spans");
            let held_out = semeval_test_texts(&dir)?;
            rows(&dir.join("data_comments.csv"), b',', true)?
                .iter()
                .map(|r| column(r, "comment_text"))
                .filter(|t| !held_out.contains(t.trim()))
                .map(|t| (t, false))
                .collect()
        }
        "wiki-talk-gn-ham" => rows(&train.join("wiki-talk-cat-gn/gn.csv"), b',', true)?
            .iter()
            .map(|r| (column(r, "text"), false))
            .collect(),
        other => bail!("unknown set {other:?}"),
    })
}

/// The texts of the Toxic Spans SemEval 2021 test split (trimmed), which no model trains on.
fn semeval_test_texts(dir: &Path) -> anyhow::Result<std::collections::HashSet<String>> {
    Ok(
        rows(&dir.join("SemEval2021_data_tsd_test.csv"), b',', true)?
            .iter()
            .map(|r| column(r, "text").trim().to_string())
            .collect(),
    )
}

/// The Toxic Spans comments (Civil Comments news comments, CC0) labelled for insults: a
/// comment is an insult when at least half of its annotators marked an `Insult` span. The
/// SemEval 2021 test split stays out (it is held out for measuring).
pub fn toxic_spans_insults(train: &Path) -> anyhow::Result<Vec<Example>> {
    use std::collections::{HashMap, HashSet};
    let dir = train.join("toxic-spans");
    let mut held_out = semeval_test_texts(&dir)?;
    // The trial split is held out too: span options are chosen on it.
    held_out.extend(
        rows(&dir.join("SemEval2021_data_tsd_trial.csv"), b',', true)?
            .iter()
            .map(|r| column(r, "text").trim().to_string()),
    );
    let insult_annotations: HashSet<String> = rows(&dir.join("data_spans.csv"), b',', true)?
        .iter()
        .filter(|r| column(r, "type") == "Insult")
        .map(|r| column(r, "annotation"))
        .collect();
    let mut votes: HashMap<String, (usize, usize)> = HashMap::new();
    for r in rows(&dir.join("data_annotations.csv"), b',', true)? {
        let v = votes.entry(column(&r, "comment_id")).or_default();
        v.0 += usize::from(insult_annotations.contains(&column(&r, "annotation")));
        v.1 += 1;
    }
    Ok(rows(&dir.join("data_comments.csv"), b',', true)?
        .iter()
        .filter(|r| !held_out.contains(column(r, "comment_text").trim()))
        .filter_map(|r| {
            let (insults, total) = votes.get(&column(r, "comment_id")).copied()?;
            Some((column(r, "comment_text"), total > 0 && 2 * insults >= total))
        })
        .collect())
}

/// ToxiChat's Reddit turns (CC-BY-SA 4.0), every split (none is reported as a test here):
/// an offensive turn aimed at someone (a redditor, the comment's author, a celebrity, a
/// group) is an insult, a safe turn is not. Offensive turns with no target (swearing at
/// nothing in particular) are left out: they are neither abuse of people nor clean. The
/// chatbot replies that end each thread are not Reddit turns and are skipped.
pub fn toxichat_insults(train: &Path) -> anyhow::Result<Vec<Example>> {
    Ok(toxichat_turns(train)?
        .into_iter()
        .filter_map(|t| match (t.offensive, t.targets.is_empty()) {
            (false, _) => Some((t.text, false)),
            (true, false) => Some((t.text, true)),
            (true, true) => None,
        })
        .collect())
}

/// ToxiChat's offensive Reddit turns aimed at no one (swearing, crude jokes): not trained on,
/// so the share a candidate insult model flags is a check, on data no model saw, that
/// profanity alone does not make an insult. Labelled `false`.
pub fn toxichat_untargeted(train: &Path) -> anyhow::Result<Vec<Example>> {
    Ok(toxichat_turns(train)?
        .into_iter()
        .filter(|t| t.offensive && t.targets.is_empty())
        .map(|t| (t.text, false))
        .collect())
}

/// One Reddit turn of ToxiChat.
struct ToxiChatTurn {
    /// The text, its HTML entities decoded.
    text: String,
    /// Labelled `Offensive` (else `Safe`).
    offensive: bool,
    /// The offence's targets as annotated (`individual/redditor`, `women`, …).
    targets: Vec<String>,
    /// Not the thread's first turn: it answers the one before.
    reply: bool,
}

/// Every Reddit turn of ToxiChat's three splits.
fn toxichat_turns(train: &Path) -> anyhow::Result<Vec<ToxiChatTurn>> {
    #[derive(serde::Deserialize)]
    struct Turn {
        turn_id: usize,
        text: String,
        offense_label: String,
        #[serde(default)]
        offense_targets: Vec<serde_json::Value>,
    }
    #[derive(serde::Deserialize)]
    struct Thread {
        reddit_thread: Vec<Turn>,
    }
    let mut out = Vec::new();
    for split in ["train", "dev", "test"] {
        let path = train.join("toxichat").join(format!("{split}.jsonl"));
        let data = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let thread: Thread =
                serde_json::from_str(line).with_context(|| path.display().to_string())?;
            for turn in thread.reddit_thread {
                if !matches!(turn.offense_label.as_str(), "Safe" | "Offensive") {
                    continue;
                }
                // Entities are escaped twice (`&amp;nbsp;`).
                let text = crate::parse::html::fragment_text(&turn.text.replace("&amp;", "&")).0;
                out.push(ToxiChatTurn {
                    text: text.trim().to_string(),
                    offensive: turn.offense_label == "Offensive",
                    targets: turn
                        .offense_targets
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect(),
                    reply: turn.turn_id > 1,
                });
            }
        }
    }
    Ok(out)
}

/// Social Bias Frames' dev posts (CC-BY 4.0): offensive (annotators' mean `offensiveYN`
/// at least 0.5) against not offensive (mean below 0.5), one example per post.
pub fn sbic_offensive(train: &Path) -> anyhow::Result<Vec<Example>> {
    let mut votes: Vec<(String, f64, usize)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for r in rows(&train.join("sbic-dev/SBFv2.dev.csv"), b',', true)? {
        let post = column(&r, "post");
        let value: f64 = column(&r, "offensiveYN").trim().parse().unwrap_or(0.0);
        let i = *index.entry(post.clone()).or_insert_with(|| {
            votes.push((post, 0.0, 0));
            votes.len() - 1
        });
        votes[i].1 += value;
        votes[i].2 += 1;
    }
    Ok(votes
        .into_iter()
        .map(|(post, sum, n)| (post, sum / n.max(1) as f64 >= 0.5))
        .collect())
}

/// The Unhealthy Comment Corpus's validation split (antagonising or hostile against
/// neither): never trained on (its licence is non-commercial) and never reported as a test,
/// so candidates may be chosen on it.
pub fn ucc_validation(dir: &Path) -> anyhow::Result<Vec<Example>> {
    Ok(
        rows(&dir.join("ucc-unhealthy-comments/val.csv"), b',', true)?
            .iter()
            .map(|r| {
                let yes = |c: &str| column(r, c).trim() == "1";
                (column(r, "comment"), yes("antagonize") || yes("hostile"))
            })
            .collect(),
    )
}

/// The training split of a labelled set, for `threadscan train --set NAME`: the sets of
/// `data` (`../shared/eval`) and the not-spam comments of `train` ([`ham_comments`]).
pub fn training_split(name: &str, data: &Path, train: &Path) -> anyhow::Result<Vec<Example>> {
    Ok(match name {
        "toxic-spans-ham" | "wiki-talk-gn-ham" => ham_comments(name, train)?,
        "toxic-spans" => toxic_spans_insults(train)?,
        "toxichat" => toxichat_insults(train)?,
        "sbic" => sbic_offensive(train)?,
        "davidson" => davidson(&data.join("davidson-hate-offensive"))?.test,
        "wiki-talk-gc" => wiki_large(&data.join("wiki-talk-context-toxicity"))?,
        "youtube-spam" => youtube(&data.join("youtube-spam"))?.remove(0).train,
        "sms-spam" => sms(&data.join("sms-spam"))?.remove(0).train,
        other => bail!(
            "--set: unknown set {other:?} (toxic-spans, toxichat, sbic, davidson, wiki-talk-gc, youtube-spam, sms-spam, toxic-spans-ham, wiki-talk-gn-ham)"
        ),
    })
}

/// Who made a set that `threadscan train --set` reads, and its licence (for the model card).
pub fn attribution(name: &str) -> &'static str {
    match name {
        "davidson" => "Davidson et al. 2017 hate/offensive tweets (MIT)",
        "wiki-talk-gc" => "Wikipedia talk toxicity, Pavlopoulos et al. 2020 CAT_LARGE (Apache-2.0)",
        "youtube-spam" => {
            "UCI YouTube Spam Collection, Alberto et al. 2015, videos 1-3 (CC BY 4.0)"
        }
        "sms-spam" => {
            "UCI SMS Spam Collection, Almeida et al. 2011, four fifths by text hash (CC BY 4.0)"
        }
        "toxic-spans" => {
            "Toxic Spans comments (Civil Comments), Pavlopoulos et al. 2021, insult when half the annotators marked an Insult span, without the SemEval test split (CC0 1.0)"
        }
        "toxichat" => {
            "ToxiChat Reddit turns, Baheti et al. 2021, offensive and aimed at someone against safe (CC-BY-SA 4.0)"
        }
        "sbic" => {
            "Social Bias Frames dev posts, Sap et al. 2020, offensive by annotators' mean (CC-BY 4.0)"
        }
        "toxic-spans-ham" => {
            "Toxic Spans comments (Civil Comments), Pavlopoulos et al. 2021, without the SemEval test split, as negative examples (CC0 1.0)"
        }
        "wiki-talk-gn-ham" => {
            "Wikipedia talk comments, Pavlopoulos et al. 2020 CAT_LARGE gn, as negative examples (Apache-2.0)"
        }
        _ => "unknown set",
    }
}

fn claimbuster(dir: &Path) -> anyhow::Result<Vec<Dataset>> {
    #[derive(serde::Deserialize)]
    struct Sentence {
        text: String,
        label: u8,
    }
    let read = |file: &str| -> anyhow::Result<Vec<Example>> {
        let path = dir.join(file);
        let data = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
        let rows: Vec<Sentence> =
            serde_json::from_str(&data).with_context(|| path.display().to_string())?;
        Ok(rows.into_iter().map(|r| (r.text, r.label == 1)).collect())
    };
    Ok(vec![Dataset {
        name: "claimbuster (test)",
        flag: Flag::Unsupported,
        positive: "check-worthy factual claim (assertion stage)",
        test: read("test.json")?,
        train: read("train.json")?,
        stage: Stage::Assertion,
    }])
}

fn checkthat(dir: &Path) -> anyhow::Result<Vec<Dataset>> {
    let read = |file: &str| -> anyhow::Result<Vec<Example>> {
        Ok(rows(&dir.join(file), b'\t', false)?
            .iter()
            .map(|r| (column(r, "tweet_text"), column(r, "claim") == "1"))
            .collect())
    };
    Ok(vec![Dataset {
        name: "checkthat2020 (test)",
        flag: Flag::Unsupported,
        positive: "claim = 1 (assertion stage)",
        test: read("test-gold.tsv")?,
        train: read("training_v2.tsv")?,
        stage: Stage::Assertion,
    }])
}

fn c3(dir: &Path) -> anyhow::Result<Vec<Dataset>> {
    let all = rows(&dir.join("C3_anonymized.csv"), b',', true)?;
    let share = |r: &HashMap<String, String>, cell: &str, name: &str, total: &str| {
        let n: f64 = column(r, total).parse().unwrap_or(0.0);
        if n > 0.0 {
            characteristic(&column(r, cell), name) / n
        } else {
            0.0
        }
    };
    let attacks = all.iter().map(|r| {
        let attack = share(
            r,
            "toxicity_characteristics",
            "personal_attack",
            "njudgements_toxicity_expt",
        ) >= 0.5;
        (column(r, "comment_text"), attack)
    });
    let (train, test) = hash_split(&attacks.collect::<Vec<_>>());
    // The support check, on the test fifth: the share of the comments that a majority of
    // annotators said give evidence, and of those they called unsubstantial, flagged.
    let majority = |r: &HashMap<String, String>, name: &str| {
        let cell = if name == "evidence" {
            "constructive_characteristics"
        } else {
            "non_constructive_characteristics"
        };
        share(r, cell, name, "njudgements_constructiveness_expt") >= 0.5
    };
    let with = |name: &str, positive: bool| -> Vec<Example> {
        all.iter()
            .filter(|r| majority(r, name))
            .map(|r| (column(r, "comment_text"), positive))
            .filter(|(t, _)| in_test_fifth(t))
            .collect()
    };
    let evidence = with("evidence", false);
    let unsubstantial = with("unsubstantial", true);
    Ok(vec![
        Dataset {
            name: "sfu-c3 personal attack",
            flag: Flag::Insult,
            positive: "personal_attack by >= 50% of annotators (20% hash split)",
            test,
            train,
            stage: Stage::Flag,
        },
        Dataset {
            name: "sfu-c3 evidence (test fifth)",
            flag: Flag::Unsupported,
            positive: "none: evidence by >= 50% of annotators; the flagged share is the false-flag rate",
            test: evidence,
            train: Vec::new(),
            stage: Stage::Flag,
        },
        Dataset {
            name: "sfu-c3 unsubstantial (test fifth)",
            flag: Flag::Unsupported,
            positive: "all: unsubstantial by >= 50% of annotators; the flagged share is the recall",
            test: unsubstantial,
            train: Vec::new(),
            stage: Stage::Flag,
        },
    ])
}

/// A fixed 80/20 split by a hash of the text: (training four fifths, test fifth).
fn hash_split(examples: &[Example]) -> (Vec<Example>, Vec<Example>) {
    examples
        .iter()
        .cloned()
        .partition(|(t, _)| !in_test_fifth(t))
}

/// Whether [`hash_split`] puts a text in the test fifth.
pub fn in_test_fifth(text: &str) -> bool {
    crate::ids::content_id(text.as_bytes()).as_bytes()[0] % 5 == 0
}

/// The Unhealthy Comment Corpus's test split (Globe and Mail comments): antagonising or
/// hostile (by annotator majority) against neither.
fn ucc(dir: &Path) -> anyhow::Result<Vec<Dataset>> {
    let test = rows(&dir.join("test.csv"), b',', true)?
        .iter()
        .map(|r| {
            let yes = |c: &str| column(r, c).trim() == "1";
            (column(r, "comment"), yes("antagonize") || yes("hostile"))
        })
        .collect();
    Ok(vec![Dataset {
        name: "ucc (test)",
        flag: Flag::Insult,
        positive: "antagonize or hostile (annotator majority)",
        test,
        train: Vec::new(),
        stage: Stage::Flag,
    }])
}

/// OLID tweets: an insult targeted at an individual (`TIN`, `IND`) against not offensive
/// (`NOT`); insults at groups and others and untargeted profanity are left out.
fn olid(dir: &Path) -> anyhow::Result<Vec<Dataset>> {
    let test = rows(&dir.join("olid-training-v1.0.tsv"), b'\t', false)?
        .iter()
        .filter_map(|r| {
            let individual = column(r, "subtask_b") == "TIN" && column(r, "subtask_c") == "IND";
            let not = column(r, "subtask_a") == "NOT";
            (individual || not).then(|| (column(r, "tweet"), individual))
        })
        .collect();
    Ok(vec![Dataset {
        name: "olid (individual-targeted vs NOT)",
        flag: Flag::Insult,
        positive: "subtask_b TIN and subtask_c IND; negatives subtask_a NOT",
        test,
        train: Vec::new(),
        stage: Stage::Flag,
    }])
}

/// Toxic Spans' SemEval-2021 test split at comment level: a comment with any toxic span
/// against one without. The split holds spans without their type, so the positives are toxic
/// comments, not only insults.
fn toxic_spans_test(dir: &Path) -> anyhow::Result<Vec<Dataset>> {
    let test = rows(&dir.join("SemEval2021_data_tsd_test.csv"), b',', true)?
        .iter()
        .map(|r| (column(r, "text"), column(r, "spans").trim() != "[]"))
        .collect();
    Ok(vec![Dataset {
        name: "toxic-spans SemEval test (comment level)",
        flag: Flag::Insult,
        positive: "any toxic span (untyped)",
        test,
        train: Vec::new(),
        stage: Stage::Flag,
    }])
}

/// HateCheck's functional tests, one set per non-hateful functionality (the flagged share is
/// the false-flag rate; `target_indiv_nh` is abuse of an individual, which the insult flag
/// counts as an insult on purpose), and the hateful cases together (the flagged share is the
/// recall).
fn hatecheck(dir: &Path) -> anyhow::Result<Vec<Dataset>> {
    const NON_HATEFUL: &[(&str, &str)] = &[
        ("counter_quote_nh", "hatecheck: counter-speech quoting hate"),
        (
            "counter_ref_nh",
            "hatecheck: counter-speech referring to hate",
        ),
        ("negate_neg_nh", "hatecheck: negated hate"),
        ("slur_reclaimed_nh", "hatecheck: reclaimed slurs"),
        ("slur_homonym_nh", "hatecheck: slur homonyms"),
        ("profanity_nh", "hatecheck: profanity, not hateful"),
        (
            "ident_neutral_nh",
            "hatecheck: neutral mention of an identity",
        ),
        ("ident_pos_nh", "hatecheck: positive mention of an identity"),
        ("target_obj_nh", "hatecheck: abuse of objects"),
        (
            "target_group_nh",
            "hatecheck: abuse of non-protected groups",
        ),
        ("target_indiv_nh", "hatecheck: abuse of individuals"),
    ];
    let cases = rows(&dir.join("test_suite_cases.csv"), b',', true)?;
    let mut sets: Vec<Dataset> = NON_HATEFUL
        .iter()
        .map(|(functionality, name)| Dataset {
            name,
            flag: Flag::Insult,
            positive: "none: non-hateful cases; the flagged share is the false-flag rate",
            test: cases
                .iter()
                .filter(|r| column(r, "functionality") == *functionality)
                .map(|r| (column(r, "test_case"), false))
                .collect(),
            train: Vec::new(),
            stage: Stage::Flag,
        })
        .collect();
    sets.push(Dataset {
        name: "hatecheck: hateful cases (all)",
        flag: Flag::Insult,
        positive: "all: hateful cases; the flagged share is the recall",
        test: cases
            .iter()
            .filter(|r| column(r, "label_gold") == "hateful")
            .map(|r| (column(r, "test_case"), true))
            .collect(),
        train: Vec::new(),
        stage: Stage::Flag,
    });
    Ok(sets)
}

fn wiki_small(dir: &Path) -> anyhow::Result<Vec<Dataset>> {
    let test = rows(&dir.join("CAT_SMALL_cat_small.csv"), b',', true)?
        .iter()
        .map(|r| (column(r, "text"), column(r, "label_ic") == "1"))
        .collect();
    Ok(vec![Dataset {
        name: "wiki-talk cat_small (in context)",
        flag: Flag::Insult,
        positive: "label_ic = 1",
        test,
        train: Vec::new(),
        stage: Stage::Flag,
    }])
}

/// The SemEval-2021 Toxic Spans measure on one of its splits: per comment, the F1 of the
/// characters inside insult findings against the gold toxic characters (1 when both are
/// empty, 0 when only one is), averaged over comments. The findings are a comment's insult
/// findings with positive weight, counted two ways from one scoring of each comment.
#[derive(Clone, Copy, Debug)]
pub struct SpanF1 {
    /// Every insult finding, as `flags.csv --findings all` writes them: the task's measure of
    /// where the insulting words are.
    pub all_findings: f64,
    /// Only the findings of comments flagged insult, as `flags.csv` writes by default: the
    /// comment-level decision counts too.
    pub flagged_only: f64,
    /// Comments measured.
    pub comments: usize,
}

/// [`SpanF1`] of the scorer with `models` on a split.
pub fn toxic_spans_f1(train: &Path, split: SpanSplit, models: &[&Model]) -> anyhow::Result<SpanF1> {
    use rayon::prelude::*;
    let file = match split {
        SpanSplit::Test => "SemEval2021_data_tsd_test.csv",
        SpanSplit::Trial => "SemEval2021_data_tsd_trial.csv",
    };
    let rows = rows(&train.join("toxic-spans").join(file), b',', true)?;
    let cases: Vec<(String, Vec<usize>)> = rows
        .iter()
        .map(|r| (column(r, "text"), gold_chars(&column(r, "spans"))))
        .collect();
    let f1s: Vec<(f64, f64)> = cases
        .par_iter()
        .map(|(text, gold)| {
            let score = comment_score(text, models);
            let mut predicted: Vec<usize> = Vec::new();
            for f in &score.findings {
                if f.flag == Flag::Insult && f.weight > 0.0 {
                    let start = text.get(..f.span.start).map_or(0, |p| p.chars().count());
                    let len = text.get(f.span.clone()).map_or(0, |p| p.chars().count());
                    predicted.extend(start..start + len);
                }
            }
            let all = span_f1(&predicted, gold);
            let flagged = if score.flags[Flag::Insult as usize] {
                all
            } else {
                span_f1(&[], gold)
            };
            (all, flagged)
        })
        .collect();
    let n = f1s.len().max(1) as f64;
    Ok(SpanF1 {
        all_findings: f1s.iter().map(|f| f.0).sum::<f64>() / n,
        flagged_only: f1s.iter().map(|f| f.1).sum::<f64>() / n,
        comments: f1s.len(),
    })
}

/// The insult span words learned from Toxic Spans' SemEval *training* split (CC0): per folded
/// word (as [`crate::score::text::analyse`] folds it), how often a gold toxic span covers it and
/// how often it occurs, kept when a span covers it at least `min_count` times and in at least
/// `min_share` of its occurrences, unless it names a group of people
/// (`lexicons/group_nouns.txt`) or is capitalised in most of its occurrences (a name). Sorted by word. The model's findings cite these
/// words ([`crate::score::learned`]): they are what annotators marked as the toxic part.
pub fn span_words(train: &Path, min_count: u32, min_share: f64) -> anyhow::Result<Vec<SpanWord>> {
    use std::collections::{BTreeMap, HashSet};
    // Per word: occurrences inside a span, occurrences, occurrences capitalised.
    let mut counts: BTreeMap<String, (u32, u32, u32)> = BTreeMap::new();
    for (text, gold) in toxic_span_gold(train)? {
        // Character offset of each byte offset that starts a character.
        let char_at: HashMap<usize, usize> = text
            .char_indices()
            .enumerate()
            .map(|(c, (b, _))| (b, c))
            .collect();
        let gold: HashSet<usize> = gold.into_iter().collect();
        for token in crate::score::text::analyse(&text).tokens {
            let Some(&start) = char_at.get(&token.span.start) else {
                continue;
            };
            let len = text[token.span.clone()].chars().count();
            let covered = (start..start + len).any(|c| gold.contains(&c));
            let entry = counts.entry(token.norm).or_default();
            entry.0 += u32::from(covered);
            entry.1 += 1;
            entry.2 += u32::from(token.capitalised);
        }
    }
    let groups = &crate::score::lexicon::LEXICONS.group_nouns;
    Ok(counts
        .into_iter()
        .filter(|(word, (inside, total, capitalised))| {
            *inside >= min_count
                && f64::from(*inside) >= min_share * f64::from(*total)
                // A group's name is the target of abuse, not the abuse; a word capitalised in
                // most of its occurrences is a name (a person, a place, a party).
                && groups.word(word).is_none()
                && 2 * capitalised < *total
        })
        .map(|(word, (inside, occurrences, _))| SpanWord {
            word,
            inside,
            occurrences,
        })
        .collect())
}

/// Toxic Spans' SemEval training split with its gold toxic characters. (Spans rebuilt from
/// the per-annotator file, by majority over the comments outside the test and trial splits,
/// gave far fewer words and a lower trial F1: 0.578 against 0.616.)
fn toxic_span_gold(train: &Path) -> anyhow::Result<Vec<(String, Vec<usize>)>> {
    let path = train.join("toxic-spans/SemEval2021_data_tsd_train.csv");
    Ok(rows(&path, b',', true)?
        .iter()
        .map(|r| (column(r, "text"), gold_chars(&column(r, "spans"))))
        .collect())
}

/// A SemEval spans cell (`[15, 16, 17]`): character offsets.
fn gold_chars(cell: &str) -> Vec<usize> {
    cell.trim_matches(['[', ']'])
        .split(',')
        .filter_map(|v| v.trim().parse().ok())
        .collect()
}

/// One learned insult span word ([`span_words`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpanWord {
    /// The folded word.
    pub word: String,
    /// Occurrences inside a gold toxic span.
    pub inside: u32,
    /// All occurrences in the training split.
    pub occurrences: u32,
}

/// How `insult_target` agrees with annotated targets, on the comments threadscan flags
/// insult: per gold target, how many were flagged and how the flagged ones were placed.
#[derive(Debug, Default)]
pub struct TargetTable {
    /// The set and its gold classes, in print order: (gold class, [participant, group,
    /// third-party, empty] counts among flagged comments, comments of that class).
    pub rows: Vec<(&'static str, [usize; 4], usize)>,
}

impl TargetTable {
    fn add(
        &mut self,
        gold: &'static str,
        target: Option<Option<crate::score::target::InsultTarget>>,
    ) {
        use crate::score::target::InsultTarget;
        let i = match self.rows.iter().position(|r| r.0 == gold) {
            Some(i) => i,
            None => {
                self.rows.push((gold, [0; 4], 0));
                self.rows.len() - 1
            }
        };
        self.rows[i].2 += 1;
        if let Some(target) = target {
            let column = match target {
                Some(InsultTarget::Participant) => 0,
                Some(InsultTarget::Group) => 1,
                Some(InsultTarget::ThirdParty) => 2,
                None => 3,
            };
            self.rows[i].1[column] += 1;
        }
    }
}

/// `insult_target` against OLID's targets of targeted insults (`IND` an individual, `GRP` a
/// group, `OTH` an organisation, event or issue; tweets, which open with `@USER` when they
/// answer someone) and against ToxiChat's targets of offensive Reddit turns (a redditor or
/// the comment's author; a celebrity; a group), each turn after the first a reply.
pub fn target_tables(
    data: &Path,
    train: &Path,
    models: &[&Model],
) -> anyhow::Result<Vec<(&'static str, TargetTable)>> {
    use rayon::prelude::*;
    let target_of = |text: &str, reply: bool| {
        let score = score_as_comment(text, reply, models);
        score.flags[Flag::Insult as usize].then_some(score.insult_target)
    };
    let olid: Vec<(&'static str, String)> =
        rows(&data.join("olid/olid-training-v1.0.tsv"), b'\t', false)?
            .iter()
            .filter(|r| column(r, "subtask_b") == "TIN")
            .filter_map(|r| {
                let gold = match column(r, "subtask_c").as_str() {
                    "IND" => "individual (IND)",
                    "GRP" => "group (GRP)",
                    "OTH" => "other (OTH)",
                    _ => return None,
                };
                Some((gold, column(r, "tweet")))
            })
            .collect();
    let mut olid_table = TargetTable::default();
    for gold in ["individual (IND)", "group (GRP)", "other (OTH)"] {
        olid_table.rows.push((gold, [0; 4], 0));
    }
    let placed: Vec<_> = olid
        .par_iter()
        .map(|(g, t)| (*g, target_of(t, false)))
        .collect();
    for (gold, target) in placed {
        olid_table.add(gold, target);
    }
    let mut turns: Vec<(&'static str, String, bool)> = Vec::new();
    for turn in toxichat_turns(train)?.into_iter().filter(|t| t.offensive) {
        let person = |n: &str| matches!(n, "individual/redditor" | "comment author");
        let named =
            |n: &str| !person(n) && !matches!(n, "celebrity/personality" | "Not in the list");
        let kinds = (
            turn.targets.iter().any(|n| person(n)),
            turn.targets.iter().any(|n| n == "celebrity/personality"),
            turn.targets.iter().any(|n| named(n)),
        );
        let gold = match kinds {
            (true, false, false) => "a redditor or the comment's author",
            (false, true, false) => "a celebrity",
            (false, false, true) => "a group",
            _ => continue, // several kinds of target, or none named
        };
        turns.push((gold, turn.text, turn.reply));
    }
    let mut chat = TargetTable::default();
    for gold in [
        "a redditor or the comment's author",
        "a celebrity",
        "a group",
    ] {
        chat.rows.push((gold, [0; 4], 0));
    }
    let placed: Vec<_> = turns
        .par_iter()
        .map(|(g, t, reply)| (*g, target_of(t, *reply)))
        .collect();
    for (gold, target) in placed {
        chat.add(gold, target);
    }
    Ok(vec![
        ("OLID targeted insults", olid_table),
        ("ToxiChat offensive turns", chat),
    ])
}

/// A Toxic Spans SemEval split that no model trains on: `Test` is reported, `Trial` is where
/// span options are chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanSplit {
    /// `SemEval2021_data_tsd_test.csv`, 2,000 comments.
    Test,
    /// `SemEval2021_data_tsd_trial.csv`, 690 comments.
    Trial,
}

/// The task's per-comment F1 of two sets of character offsets.
fn span_f1(predicted: &[usize], gold: &[usize]) -> f64 {
    use std::collections::BTreeSet;
    let p: BTreeSet<usize> = predicted.iter().copied().collect();
    let g: BTreeSet<usize> = gold.iter().copied().collect();
    match (p.is_empty(), g.is_empty()) {
        (true, true) => 1.0,
        (true, false) | (false, true) => 0.0,
        _ => {
            let both = p.intersection(&g).count() as f64;
            if both == 0.0 {
                0.0
            } else {
                let (precision, recall) = (both / p.len() as f64, both / g.len() as f64);
                2.0 * precision * recall / (precision + recall)
            }
        }
    }
}

/// Davidson et al.: hate speech or offensive (class 0 or 1) against neither (class 2).
pub fn davidson(dir: &Path) -> anyhow::Result<Dataset> {
    let test = rows(&dir.join("labeled_data.csv"), b',', true)?
        .iter()
        .map(|r| (column(r, "tweet"), column(r, "class") != "2"))
        .collect();
    Ok(Dataset {
        name: "davidson (train set of shipped model)",
        flag: Flag::Insult,
        positive: "hate or offensive",
        test,
        train: Vec::new(),
        stage: Stage::Flag,
    })
}

/// Wikipedia talk comments with toxicity labels (CAT_LARGE `gc.csv`).
pub fn wiki_large(dir: &Path) -> anyhow::Result<Vec<Example>> {
    Ok(rows(&dir.join("CAT_LARGE_gc.csv"), b',', true)?
        .iter()
        .map(|r| (column(r, "text"), column(r, "label") == "1"))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_on_a_known_case() {
        let scored = [
            (0.9, true),
            (0.8, false),
            (0.6, true),
            (0.2, false),
            (0.1, true),
        ];
        let m = metrics(&scored, 0.5);
        assert!((m.precision - 2.0 / 3.0).abs() < 1e-9);
        assert!((m.recall - 2.0 / 3.0).abs() < 1e-9);
        assert!(
            (m.auc - 3.0 / 6.0).abs() < 1e-9,
            "3 of 6 positive-negative pairs ranked right"
        );
        assert_eq!(auc(&[(0.5, true), (0.5, false)]), 0.5);
    }

    #[test]
    fn python_escapes() {
        assert_eq!(unescape_python(r#""a\nb\xa0c""#), "a\nb\u{a0}c");
        assert_eq!(
            unescape_python(r#""x\xc2\xa0y \u2019 \\ done""#),
            "x\u{a0}y \u{2019} \\ done"
        );
    }
}
