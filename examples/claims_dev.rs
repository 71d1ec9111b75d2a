//! Development view of the unsupported flag on SFU C3's *training* four fifths (the test fifth
//! is what `threadscan eval` reports): the share of evidence-giving and of unsubstantial
//! comments flagged, and a sample of each kind of mistake with its findings.
//!
//! `cargo run --release --example claims_dev -- [C3_CSV] [SAMPLES]`
//! (default `../shared/eval/sfu-c3/C3_anonymized.csv`, 8 samples). Also prints the claim
//! stage's ROC AUC on the *training* split of ClaimBuster (`../shared/eval/claimbuster/train.json`),
//! the split the hand-set cue weights were checked on.
use threadscan::score::{CommentContext, Flag, RunContext, score_comment};

fn share(row: &csv::StringRecord, head: &csv::StringRecord, cell: &str, name: &str) -> f64 {
    let at = |c: &str| head.iter().position(|h| h == c).map(|i| &row[i]);
    let total: f64 = at("njudgements_constructiveness_expt")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    let count: f64 = at(cell)
        .unwrap_or("")
        .lines()
        .filter_map(|l| l.split_once(':'))
        .filter(|(n, _)| n.trim() == name)
        .filter_map(|(_, c)| c.trim().parse::<f64>().ok())
        .sum();
    if total > 0.0 { count / total } else { 0.0 }
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .cloned()
        .unwrap_or_else(|| "../shared/eval/sfu-c3/C3_anonymized.csv".into());
    let samples: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(8);
    let mut reader = csv::Reader::from_path(&path)?;
    let head = reader.headers()?.clone();
    let text_at = head.iter().position(|h| h == "comment_text").unwrap_or(0);
    let run = RunContext::default();
    let (mut counts, mut shown) = ([[0usize; 2]; 2], [0usize; 2]);
    let mut scores: [Vec<f32>; 2] = [Vec::new(), Vec::new()];
    let mut markers: [std::collections::BTreeMap<String, usize>; 2] = Default::default();
    for row in reader.records() {
        let row = row?;
        let text = row[text_at].to_string();
        if threadscan::eval::in_test_fifth(&text) {
            continue;
        }
        let evidence = share(&row, &head, "constructive_characteristics", "evidence") >= 0.5;
        let unsubstantial = share(
            &row,
            &head,
            "non_constructive_characteristics",
            "unsubstantial",
        ) >= 0.5;
        if evidence == unsubstantial {
            continue;
        }
        let kind = usize::from(unsubstantial);
        let comment = threadscan::model::Comment {
            id: "c1".into(),
            position: 1,
            text: text.clone(),
            ..Default::default()
        };
        let ctx = CommentContext::new(&comment, Vec::new(), &run);
        let score = score_comment(&ctx, &[]);
        let flagged = score.flagged(Flag::Unsupported);
        counts[kind][usize::from(flagged)] += 1;
        scores[kind].push(score.score(Flag::Unsupported));
        if flagged {
            let mut codes: Vec<&str> = score
                .findings
                .iter()
                .filter(|f| f.flag == Flag::Unsupported && f.weight > 0.0 && f.code != "UNS010")
                .map(|f| f.code)
                .collect();
            codes.sort();
            codes.dedup();
            *markers[kind].entry(codes.join("+")).or_insert(0usize) += 1;
        }
        // Mistakes: evidence flagged, unsubstantial not flagged.
        if flagged != unsubstantial && shown[kind] < samples {
            shown[kind] += 1;
            let label = if unsubstantial {
                "UNSUBSTANTIAL, not flagged"
            } else {
                "EVIDENCE, flagged"
            };
            println!(
                "== {label} ({:.2}): {}",
                score.score(Flag::Unsupported),
                text.chars().take(400).collect::<String>()
            );
            for f in score
                .findings
                .iter()
                .filter(|f| f.flag == Flag::Unsupported)
            {
                println!(
                    "   {} {:+.2} {:?}",
                    f.code,
                    f.weight,
                    f.text.chars().take(120).collect::<String>()
                );
            }
        }
    }
    if let Ok(data) = std::fs::read_to_string("../shared/eval/claimbuster/train.json") {
        let rows: Vec<serde_json::Value> = serde_json::from_str(&data)?;
        let scored: Vec<(f32, bool)> = rows
            .iter()
            .map(|r| {
                let text = r["text"].as_str().unwrap_or("");
                (
                    threadscan::score::claims::assertion_score(text),
                    r["label"] == 1,
                )
            })
            .collect();
        println!(
            "claimbuster train: claim-stage ROC AUC {:.3}",
            threadscan::eval::auc(&scored)
        );
    }
    for (kind, name) in [(0, "evidence"), (1, "unsubstantial")] {
        let [no, yes] = counts[kind];
        let s = &mut scores[kind];
        s.sort_by(f32::total_cmp);
        let q = |p: f64| {
            s.get(((s.len() as f64 - 1.0) * p) as usize)
                .copied()
                .unwrap_or(0.0)
        };
        println!(
            "{name}: score quartiles {:.2} {:.2} {:.2}, 90th {:.2}",
            q(0.25),
            q(0.5),
            q(0.75),
            q(0.9)
        );
        println!("{name}: flagged by {:?}", markers[kind]);
        println!(
            "{name}: {yes} of {} flagged ({:.3})",
            no + yes,
            yes as f64 / (no + yes).max(1) as f64
        );
    }
    Ok(())
}
