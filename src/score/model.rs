//! The learned layer: a transparent linear model over hashed word and character n-grams.
//!
//! Rules find what they were written for; a linear model trained on labelled comments finds
//! the rest, and stays explainable: its score is a sum of per-feature weights, so the words
//! that pushed a score up are its reason, cited like a rule's span (code `INS900` etc.).
//!
//! Features of a text: its folded words (see [`super::text`]), word pairs, and the character
//! 3- to 5-grams of each word with boundary marks, each hashed (FNV-1a) into
//! [`BUCKETS`] weights; the vector is L2-normalised. Training is logistic regression with
//! AdaGrad, class-balanced, in a fixed example order: the same data gives the same weights.
//!
//! A weights file is `threadscan-model 1` and a JSON header on two lines, then the bias and
//! the weights as little-endian `f32`.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::text::{Analysed, analyse};
use super::{Finding, Flag};

/// Number of hashed feature weights.
pub const BUCKETS: usize = 1 << 16;

/// The default cut: the probability at which the model alone flags a comment.
pub const MIN_PROBABILITY: f32 = 0.5;

/// Model findings lighter than this are not reported (they would only add noise to
/// `flags.csv`); they are too light to change a flag.
const SILENT_BELOW: f32 = 0.1;

/// The finding weight of a model probability: the probability recalibrated so that `cut`
/// maps to 0.5, `sigmoid(logit(p) − logit(cut))`. Monotone, so the model's ranking survives.
fn weight_of(p: f32, cut: f32) -> f32 {
    let logit = |x: f32| (x.clamp(1e-6, 1.0 - 1e-6) / (1.0 - x.clamp(1e-6, 1.0 - 1e-6))).ln();
    sigmoid(logit(p) - logit(cut))
}

/// What a weights file says about itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelInfo {
    /// `insult`, `spam` or `unsupported`.
    pub flag: String,
    /// What it was trained on (data set names and licences).
    pub trained_on: String,
    /// Number of training examples.
    pub examples: usize,
    /// Positive examples among them.
    pub positives: usize,
    /// Epochs of training.
    pub epochs: usize,
    /// The probability at which the model alone flags, chosen on held-out training data.
    #[serde(default = "default_floor")]
    pub cut: f32,
}

fn default_floor() -> f32 {
    MIN_PROBABILITY
}

/// A trained linear model.
#[derive(Clone, Debug)]
pub struct Model {
    /// About the model.
    pub info: ModelInfo,
    /// The flag it scores.
    pub flag: Flag,
    /// Probability below which the model stays silent (see [`MIN_PROBABILITY`]).
    pub floor: f32,
    bias: f32,
    weights: Vec<f32>,
}

/// A hashed feature with the text span it came from.
struct Feature {
    bucket: usize,
    span: Range<usize>,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_byte(hash: u64, b: u8) -> u64 {
    (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
}

fn fnv_char(hash: u64, c: char) -> u64 {
    let mut buf = [0u8; 4];
    c.encode_utf8(&mut buf).bytes().fold(hash, fnv_byte)
}

/// `fnv1a(&["c", gram])` without building the gram as a string (the hot path of scoring).
#[cfg(test)]
fn char_gram_bucket(gram: &[char]) -> usize {
    let prefix = fnv_byte(fnv_byte(FNV_OFFSET, b'c'), 0x1f);
    (fnv_byte(gram.iter().copied().fold(prefix, fnv_char), 0) % BUCKETS as u64) as usize
}

/// The buckets of every 3-, 4- and 5-gram of `marked` (all 3-grams first, then 4, then 5),
/// equal to [`char_gram_bucket`] of each. A 4-gram's hash continues its 3-gram's, so
/// each character is hashed once per start instead of once per gram.
fn char_grams(marked: &[char], states: &mut Vec<u64>, mut visit: impl FnMut(usize)) {
    let bucket = |state: u64| (fnv_byte(state, 0) % BUCKETS as u64) as usize;
    states.clear();
    if marked.len() < 3 {
        return;
    }
    let prefix = fnv_byte(fnv_byte(FNV_OFFSET, b'c'), 0x1f);
    for gram in marked.windows(3) {
        let state = gram.iter().copied().fold(prefix, fnv_char);
        states.push(state);
        visit(bucket(state));
    }
    for n in 4..=5 {
        if marked.len() < n {
            break;
        }
        for (i, state) in states.iter_mut().take(marked.len() + 1 - n).enumerate() {
            *state = fnv_char(*state, marked[i + n - 1]);
            visit(bucket(*state));
        }
    }
}

fn fnv1a(parts: &[&str]) -> usize {
    let mut hash = FNV_OFFSET;
    for (i, part) in parts.iter().enumerate() {
        hash = part.bytes().fold(hash, fnv_byte);
        hash = fnv_byte(hash, if i + 1 < parts.len() { 0x1f } else { 0 });
    }
    (hash % BUCKETS as u64) as usize
}

const SECOND_PERSON: &[&str] = &[
    "you", "u", "ur", "your", "you're", "youre", "ya", "yourself",
];

/// Calls `visit(bucket, span)` for every hashed feature of a text, in a fixed order; the one
/// definition of the features, used by scoring (without collecting them) and training.
fn each_feature(analysed: &Analysed, mut visit: impl FnMut(usize, &Range<usize>)) {
    let tokens = &analysed.tokens;
    let mut addressed_until = 0;
    let mut marked: Vec<char> = Vec::with_capacity(32);
    let mut states: Vec<u64> = Vec::with_capacity(32);
    for (i, t) in tokens.iter().enumerate() {
        visit(fnv1a(&["w", &t.norm]), &t.span);
        // Words shortly after `you`: what is said *to* someone, the heart of an insult.
        if SECOND_PERSON.contains(&t.norm.as_str()) {
            addressed_until = i + 5;
        } else if i < addressed_until {
            visit(fnv1a(&["y", &t.norm]), &t.span);
        }
        if let Some(next) = tokens.get(i + 1) {
            visit(
                fnv1a(&["b", &t.norm, &next.norm]),
                &(t.span.start..next.span.end),
            );
        }
        marked.clear();
        marked.push('<');
        marked.extend(t.norm.chars());
        marked.push('>');
        char_grams(&marked, &mut states, |bucket| visit(bucket, &t.span));
    }
}

fn features(analysed: &Analysed) -> Vec<Feature> {
    let mut out = Vec::with_capacity(analysed.tokens.len() * 16);
    each_feature(analysed, |bucket, span| {
        out.push(Feature {
            bucket,
            span: span.clone(),
        })
    });
    out
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

impl Model {
    /// The model's margin for a text, summed as the features come (no feature list is built:
    /// most comments stay silent and never need one).
    fn margin(&self, analysed: &Analysed) -> f32 {
        let (mut sum, mut count) = (0.0f32, 0usize);
        each_feature(analysed, |bucket, _| {
            sum += self.weights[bucket];
            count += 1;
        });
        if count == 0 {
            return self.bias;
        }
        self.bias + sum * (1.0 / (count as f32).sqrt())
    }

    /// Probability that `text` deserves the model's flag.
    pub fn predict(&self, text: &str) -> f32 {
        sigmoid(self.margin(&analyse(text)))
    }

    /// The model's findings for a comment: when its probability reaches [`MIN_PROBABILITY`],
    /// the (up to three) words that pushed it up most, each a finding weighted by the
    /// probability.
    pub fn findings(&self, text: &str, analysed: &Analysed) -> Vec<Finding> {
        let p = sigmoid(self.margin(analysed));
        let weight = weight_of(p, self.floor);
        if weight < SILENT_BELOW {
            return Vec::new();
        }
        let feats = features(analysed);
        let reasons = if weight >= super::THRESHOLD { 3 } else { 1 };
        let mut by_span: HashMap<Range<usize>, f32> = HashMap::default();
        for f in &feats {
            *by_span.entry(f.span.clone()).or_default() += self.weights[f.bucket];
        }
        let mut ranked: Vec<(Range<usize>, f32)> =
            by_span.into_iter().filter(|(_, w)| *w > 0.0).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.start.cmp(&b.0.start)));
        let (code, name) = code_of(self.flag);
        ranked
            .into_iter()
            .take(reasons)
            .map(|(span, _)| Finding {
                code,
                name,
                flag: self.flag,
                text: text.get(span.clone()).unwrap_or("").to_string(),
                span,
                weight: p,
            })
            .collect()
    }

    /// Trains a model on `(text, label)` examples.
    pub fn train(
        flag: Flag,
        examples: &[(String, bool)],
        epochs: usize,
        trained_on: &str,
    ) -> Model {
        let feats: Vec<Vec<usize>> = examples
            .iter()
            .map(|(t, _)| {
                features(&analyse(t))
                    .into_iter()
                    .map(|f| f.bucket)
                    .collect()
            })
            .collect();
        let positives = examples.iter().filter(|(_, y)| *y).count();
        let negatives = examples.len() - positives;
        // Class balance: each class carries half of the loss.
        let class_weight = |y: bool| {
            let n = if y { positives } else { negatives };
            examples.len() as f32 / (2.0 * n.max(1) as f32)
        };
        let mut weights = vec![0.0f32; BUCKETS];
        let mut grad_sq = vec![1e-6f32; BUCKETS];
        let (mut bias, mut bias_sq) = (0.0f32, 1e-6f32);
        let (rate, l2) = (0.2f32, 1e-6f32);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..epochs {
            for i in (1..order.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                order.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            for &i in &order {
                let f = &feats[i];
                let norm = if f.is_empty() {
                    0.0
                } else {
                    1.0 / (f.len() as f32).sqrt()
                };
                let z = bias + f.iter().map(|&b| weights[b]).sum::<f32>() * norm;
                let y = if examples[i].1 { 1.0 } else { 0.0 };
                let g = (sigmoid(z) - y) * class_weight(examples[i].1);
                for &b in f {
                    let gb = g * norm + l2 * weights[b];
                    grad_sq[b] += gb * gb;
                    weights[b] -= rate * gb / grad_sq[b].sqrt();
                }
                bias_sq += g * g;
                bias -= rate * g / bias_sq.sqrt();
            }
        }
        let info = ModelInfo {
            flag: flag.name().to_string(),
            trained_on: trained_on.to_string(),
            examples: examples.len(),
            positives,
            epochs,
            cut: MIN_PROBABILITY,
        };
        Model {
            info,
            flag,
            floor: MIN_PROBABILITY,
            bias,
            weights,
        }
    }

    /// Sets the floor, recording it in the model's header.
    pub fn set_floor(&mut self, floor: f32) {
        self.floor = floor;
        self.info.cut = floor;
    }

    /// The weights file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let header = serde_json::to_string(&self.info).unwrap_or_default();
        let mut out = format!("threadscan-model 1\n{header}\n").into_bytes();
        out.extend_from_slice(&self.bias.to_le_bytes());
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Reads a weights file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let rest = bytes
            .strip_prefix(b"threadscan-model 1\n")
            .ok_or("not a threadscan model (bad first line)")?;
        let end = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or("model header never ends")?;
        let info: ModelInfo =
            serde_json::from_slice(&rest[..end]).map_err(|e| format!("bad model header: {e}"))?;
        let flag = Flag::ALL
            .into_iter()
            .find(|f| f.name() == info.flag)
            .ok_or("unknown flag in model header")?;
        let numbers = &rest[end + 1..];
        if numbers.len() != 4 * (BUCKETS + 1) {
            return Err(format!(
                "model has {} bytes of weights, expected {}",
                numbers.len(),
                4 * (BUCKETS + 1)
            ));
        }
        let mut floats = numbers
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        let bias = floats.next().unwrap_or(0.0);
        Ok(Model {
            info,
            flag,
            floor: MIN_PROBABILITY,
            bias,
            weights: floats.collect(),
        })
    }

    /// SHA-256 of the weights file (for run manifests).
    pub fn digest(&self) -> String {
        crate::ids::sha256_hex(&self.to_bytes())
    }
}

/// The finding code of a flag's model.
pub fn code_of(flag: Flag) -> (&'static str, &'static str) {
    match flag {
        Flag::Insult => ("INS900", "learned-insult-model"),
        Flag::Spam => ("SPM900", "learned-spam-model"),
        Flag::Unsupported => ("UNS900", "learned-unsupported-model"),
    }
}

/// The model shipped for insults, if the build has one.
pub fn shipped(flag: Flag) -> Option<Model> {
    match flag {
        Flag::Insult => Model::from_bytes(include_bytes!("models/insult.bin")).ok(),
        _ => None,
    }
}

/// Documentation of a model code, for `threadscan explain`.
pub fn explain(code: &str) -> Option<String> {
    let flag = Flag::ALL.into_iter().find(|f| code_of(*f).0 == code)?;
    let (code, name) = code_of(flag);
    let shipped = match shipped(flag) {
        Some(m) => format!(
            "The shipped model was trained on {} ({} examples, {} positive, {} epochs, cut {:.2}).",
            m.info.trained_on, m.info.examples, m.info.positives, m.info.epochs, m.info.cut
        ),
        None => {
            "No model is shipped for this flag; `threadscan train` makes one and `--model` uses it."
                .to_string()
        }
    };
    Some(format!(
        "# {code} {name}\n\nflag: {} · weight: from the model's probability\n\n## What it does\nA linear model over hashed words, word pairs and character 3–5-grams scores the comment. It adds a finding weighted by the model's probability, recalibrated so that the model's cut (chosen on held-out training data) maps to 0.5: the word that pushed the score up most, or the three strongest when the weight reaches the flag threshold.\n\n{shipped}\n\n## Why is this bad?\nRules catch what they were written for; the model catches wording they miss, and its reasons stay visible.\n",
        flag.name()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_toy_task_and_round_trips() {
        let mut examples = Vec::new();
        for i in 0..40 {
            examples.push((format!("you are a total dunce number {i}"), true));
            examples.push((format!("the weather report for day {i} is mild"), false));
        }
        let model = Model::train(Flag::Insult, &examples, 5, "toy");
        assert!(model.predict("what a dunce you are") > 0.6);
        assert!(model.predict("mild weather today") < 0.4);
        let again = Model::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(again.predict("dunce"), model.predict("dunce"));
        let text = "you dunce";
        let findings = model.findings(text, &analyse(text));
        assert_eq!(findings[0].code, "INS900");
        assert_eq!(findings[0].text, "dunce");
    }

    #[test]
    fn incremental_grams_match_one_gram_at_a_time() {
        for word in ["<you>", "<ab>", "<a>", "<€uro-ß>"] {
            let chars: Vec<char> = word.chars().collect();
            let mut expected = Vec::new();
            for n in 3..=5 {
                expected.extend(chars.windows(n).map(char_gram_bucket));
            }
            let mut got = Vec::new();
            char_grams(&chars, &mut Vec::new(), |b| got.push(b));
            assert_eq!(got, expected, "{word}");
        }
    }

    #[test]
    fn gram_hash_matches_the_general_hash() {
        for gram in ["<yo", "ou>", "ééé", "a€b"] {
            let chars: Vec<char> = gram.chars().collect();
            assert_eq!(char_gram_bucket(&chars), fnv1a(&["c", gram]), "{gram}");
        }
    }

    #[test]
    fn bad_files_are_errors() {
        assert!(Model::from_bytes(b"nope").is_err());
        assert!(Model::from_bytes(b"threadscan-model 1\n{}\n").is_err());
    }
}
