//! The learned layer: a transparent linear model over hashed word and character n-grams.
//!
//! Rules find what they were written for; a linear model trained on labelled comments finds
//! the rest, and stays explainable: its score is a sum of per-feature weights, so the words
//! that pushed a score up are its reason, cited like a rule's span (code `INS900` etc.).
//!
//! Features of a text: its folded words (see [`super::text`]), word pairs, and the character
//! 3- to 5-grams of each word with boundary marks, each hashed (FNV-1a) into
//! [`BUCKETS`] weights. The word features (words, words said to "you", word pairs) and the
//! character grams are two blocks, each L2-normalised on its own, so a text's few word
//! features are not drowned by its many grams (cross-validated AUC +0.005). Training is
//! class-balanced, L2-regularised logistic regression solved to its minimum
//! ([`super::optimise`]): the same data gives the same weights. By default, features are
//! first scaled by naive-Bayes ratios (folded into the weights afterwards) and a
//! [`Combiner`] learns how the model and the rules make the flag's score.
//!
//! A weights file is `threadscan-model 1` and a JSON header on two lines, then the bias and
//! the weights as little-endian `f32`.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::links::{CommentLink, comment_links};
use super::optimise::{self, Row, Settings};
use super::text::{Analysed, analyse};
use super::{Finding, Flag};
use crate::model::LinkKind;

/// How to train a model.
#[derive(Clone, Copy, Debug)]
pub struct Training {
    /// Inverse regularisation strength (scikit-learn's `C`).
    pub c: f64,
    /// At most this many L-BFGS iterations.
    pub max_iterations: usize,
    /// Scale features by their naive-Bayes log-count ratios ([`log_count_ratios`]).
    pub nb_scaling: bool,
    /// Learn how rules and model combine ([`Combiner`]) on out-of-fold margins.
    pub combiner: bool,
    /// Read each link's class (URL, reputable source, shortened URL, e-mail, phone) as a
    /// feature, and a link to a reputable source by its class alone, not its words. For a
    /// spam model: trained where every link is an advertisement, a model learns `https` as
    /// spam and then flags a comment citing `doi.org`; the class of a reputable source is a
    /// feature its training data never made spam. Other addresses keep their words (the
    /// advertised name is evidence: 3-fold CV F1 fell from 0.929 to 0.909 on YouTube without them).
    pub link_tokens: bool,
}

impl Training {
    fn optimiser(self) -> Settings {
        Settings {
            c: self.c,
            max_iterations: self.max_iterations,
        }
    }
}

/// How `threadscan train` fits a model unless told otherwise, chosen by 5-fold
/// cross-validation on the Kaggle insults *training* split (`examples/cv.rs`, which never
/// reads the test split): naive-Bayes scaling raised the model's AUC from 0.901 to 0.913 and
/// the combiner raised rules and model together from F1 0.721 / AUC 0.897 to 0.743 / 0.920;
/// `C = 3` gave the best AUC of 1, 3 and 10 (F1 within 0.002 of 10). L-BFGS converges in well
/// under 300 iterations on every set here. A model trained on other data than it will score
/// (the shipped one) is better without both: they fit the training data's own notion of the
/// flag (see the README).
pub const TRAINING: Training = Training {
    c: 3.0,
    max_iterations: 300,
    nb_scaling: true,
    combiner: true,
    link_tokens: false,
};

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
    /// Most L-BFGS iterations allowed (files written before the L-BFGS trainer call it
    /// `epochs`: passes of the older AdaGrad trainer).
    #[serde(alias = "epochs")]
    pub iterations: usize,
    /// Inverse regularisation strength (scikit-learn's `C`); 0 in files from the older trainer.
    #[serde(default)]
    pub c: f32,
    /// Whether features were scaled by naive-Bayes ratios in training (folded into the
    /// weights: scoring is the same either way).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nb_scaling: bool,
    /// The probability at which the model alone flags, chosen on held-out training data.
    #[serde(default = "default_floor")]
    pub cut: f32,
    /// How the model's margin and the rules' hits make the flag's score, learned on held-out
    /// training data; absent in files from before it existed (their rules and model combine
    /// by noisy-OR, as without a model).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combiner: Option<Combiner>,
    /// The languages of the training texts (ISO 639-3, see [`training_languages`]); the model
    /// stands aside on a comment reliably identified as another language. Empty (files from
    /// before it existed): every language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// Links are read as their class ([`Training::link_tokens`]), not as their words.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub link_tokens: bool,
}

/// A language joins a model's [`ModelInfo::languages`] when at least this share of the
/// training texts whose language is reliably identified are in it.
pub const LANGUAGE_SHARE: f64 = 0.05;

/// Identification looks at most at this many bytes of a comment (enough for a reliable call).
const LANGUAGE_SAMPLE: usize = 1000;

/// The reliably identified language of a text (ISO 639-3), if any.
pub fn language_of(text: &str) -> Option<&'static str> {
    identify(text)
        .filter(whatlang::Info::is_reliable)
        .map(|info| info.lang().code())
}

/// How the scorer treats comments' languages (`--lang`, the configuration's `lang`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum LanguageMode {
    /// Identify each comment's language; score insults and unsupported assertions only in the
    /// languages the word lists and models are written for (English) or where the language
    /// cannot be told.
    #[default]
    Auto,
    /// Identify each comment's language for the `lang` column, but score every comment with
    /// the English lists and models, as threadscan did before languages were told apart.
    All,
    /// Every comment is in this language (ISO 639-1): no identification (faster), scored when
    /// the language is English.
    Only(&'static str),
}

impl LanguageMode {
    /// `auto`, `all`, or a language code (`en`, `de`, or the ISO 639-3 code `eng`).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim().to_ascii_lowercase();
        match text.as_str() {
            "auto" => Some(LanguageMode::Auto),
            "all" => Some(LanguageMode::All),
            code => LANGUAGES
                .iter()
                .find(|(three, two, _)| *two == code || *three == code)
                .map(|(_, two, _)| LanguageMode::Only(two)),
        }
    }

    /// The name written in `run.json`: `auto`, `all` or the code.
    pub fn name(&self) -> &str {
        match self {
            LanguageMode::Auto => "auto",
            LanguageMode::All => "all",
            LanguageMode::Only(code) => code,
        }
    }
}

/// A comment's language as the scorer sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Language {
    /// ISO 639-1 code (639-3 where there is none); `None` when it cannot be told (short or
    /// mixed texts).
    pub code: Option<&'static str>,
    /// Whether insults and unsupported assertions are scored in it.
    pub scored: bool,
}

impl Default for Language {
    /// Untold, and scored.
    fn default() -> Self {
        Language {
            code: None,
            scored: true,
        }
    }
}

/// Texts with fewer letters than this are not identified, only their script: whatlang rarely
/// calls so short a text reliably.
const SHORT_TEXT: usize = 40;

/// The languages whatlang names: (ISO 639-3, ISO 639-1, English name), `languages.txt`.
pub static LANGUAGES: std::sync::LazyLock<Vec<(&'static str, &'static str, &'static str)>> =
    std::sync::LazyLock::new(|| {
        include_str!("lexicons/languages.txt")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut parts = l.splitn(3, ' ');
                Some((parts.next()?, parts.next()?, parts.next()?.trim()))
            })
            .collect()
    });

fn two_letter(three: &'static str) -> &'static str {
    LANGUAGES
        .iter()
        .find(|(t, _, _)| *t == three)
        .map_or(three, |(_, two, _)| two)
}

/// The language of a comment under `mode`. English function words answer at once (most
/// comments); otherwise whatlang: a reliable call names the language, an unreliable one in
/// Latin script (or no letters at all) leaves it untold and scored, another script is not
/// English.
pub fn comment_language(text: &str, mode: &LanguageMode) -> Language {
    if let LanguageMode::Only(code) = *mode {
        return Language {
            code: Some(code),
            scored: code == "en",
        };
    }
    let (code, english) = if plainly_english(text) {
        (Some("en"), true)
    } else if text
        .chars()
        .filter(|c| c.is_alphabetic())
        .take(SHORT_TEXT)
        .count()
        < SHORT_TEXT
    {
        // Too short to identify reliably ("lol", "+1", "Idiot!"), and most comments that are
        // not plainly English are short: the script alone decides, at a fraction of the cost.
        let latin = whatlang::detect_script(text).is_none_or(|s| s == whatlang::Script::Latin);
        (None, latin)
    } else {
        match identify(text) {
            None => (None, true),
            Some(info) if info.is_reliable() => (
                Some(two_letter(info.lang().code())),
                info.lang() == whatlang::Lang::Eng,
            ),
            Some(info) => (None, info.script() == whatlang::Script::Latin),
        }
    };
    Language {
        code,
        scored: english || *mode == LanguageMode::All,
    }
}

/// The language of a thread: the language of at least two thirds of its comments whose
/// language was told (two at least), when that is not English. A comment too short to be
/// identified on its own takes it ([`in_thread_language`]).
pub fn thread_language(languages: &[Language]) -> Option<&'static str> {
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for code in languages.iter().filter_map(|l| l.code) {
        *counts.entry(code).or_default() += 1;
    }
    let told: usize = counts.values().sum();
    let (code, n) = counts
        .into_iter()
        .max_by_key(|&(code, n)| (n, std::cmp::Reverse(code)))?;
    (told >= 2 && n * 3 >= told * 2 && code != "en").then_some(code)
}

/// A comment's language in its thread: a comment whose language could not be told (too short,
/// `Das sieht lecker aus`, `Super Rezept!`) is in the thread's language
/// ([`thread_language`]) unless half its words or more are English function words (`You
/// idiot`, `thanks for this`). Short replies are read in the language of the conversation
/// they are part of, as a reader would.
pub fn in_thread_language(
    text: &str,
    language: Language,
    thread: Option<&'static str>,
    mode: &LanguageMode,
) -> Language {
    let Some(code) = thread else {
        return language;
    };
    if language.code.is_some() || matches!(mode, LanguageMode::Only(_)) {
        return language;
    }
    let (words, function) = english_function_words(text);
    if words == 0 || function * 2 >= words {
        return language;
    }
    Language {
        code: Some(code),
        scored: *mode == LanguageMode::All,
    }
}

/// Whether a text may be English, for word lists and cues written for English: plainly English
/// function words, or not reliably identified as another language and written in Latin script.
pub fn may_be_english(text: &str) -> bool {
    if plainly_english(text) {
        return true;
    }
    match identify(text) {
        None => true,
        Some(info) if info.is_reliable() => info.lang() == whatlang::Lang::Eng,
        Some(info) => info.script() == whatlang::Script::Latin,
    }
}

/// Whether at least a quarter of a text's first 200 words (four or more) are English function
/// words (`stopwords.txt`): no other language reads so. A cheap first answer before whatlang.
fn plainly_english(text: &str) -> bool {
    let (words, function) = english_function_words(text);
    words >= 4 && function * 4 >= words
}

/// Words read to tell whether a text is English.
const ENGLISH_SAMPLE_WORDS: usize = 200;

/// How many of a text's first [`ENGLISH_SAMPLE_WORDS`] words there are, and how many of them
/// are English function words (`stopwords.txt`).
fn english_function_words(text: &str) -> (usize, usize) {
    let (mut words, mut function) = (0usize, 0usize);
    for word in text
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|w| !w.is_empty())
        .take(ENGLISH_SAMPLE_WORDS)
    {
        words += 1;
        if word.is_ascii()
            && super::lexicon::LEXICONS
                .stopwords
                .word(&word.to_ascii_lowercase())
                .is_some()
        {
            function += 1;
        }
    }
    (words, function)
}

/// What whatlang makes of a text, reliable or not. Web addresses are left out first: their
/// Latin letters would outweigh a short Russian comment's Cyrillic ones.
fn identify(text: &str) -> Option<whatlang::Info> {
    let found = crate::links::find_links(text);
    if found.is_empty() {
        return language_of_prose(text);
    }
    let mut prose = String::with_capacity(text.len());
    let mut at = 0;
    for link in &found {
        if link.span.start >= at {
            prose.push_str(&text[at..link.span.start]);
            prose.push(' ');
            at = link.span.end;
        }
    }
    prose.push_str(&text[at..]);
    language_of_prose(&prose)
}

fn language_of_prose(text: &str) -> Option<whatlang::Info> {
    let mut end = text.len().min(LANGUAGE_SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    whatlang::detect(&text[..end])
}

/// The languages a model trained on `examples` knows: those of at least [`LANGUAGE_SHARE`]
/// of the reliably identified texts, sorted.
pub fn training_languages(examples: &[(String, bool)]) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (text, _) in examples {
        if let Some(code) = language_of(text) {
            *counts.entry(code).or_default() += 1;
        }
    }
    let total: usize = counts.values().sum();
    counts
        .into_iter()
        .filter(|(_, n)| *n as f64 >= LANGUAGE_SHARE * total as f64)
        .map(|(code, _)| code.to_string())
        .collect()
}

/// The learned combination of one flag's evidence (stacking): a class-balanced logistic
/// regression over the model's margin and, per rule of the flag, the weight of its strongest
/// hit. Noisy-OR treats every rule hit as independent proof; this learns how far each rule
/// is to be trusted next to the model on labelled data, so a rule that often fires on
/// harmless text no longer flags on its own when the model disagrees. On Kaggle insults
/// (5-fold cross-validation on the training split, with naive-Bayes scaling) rules and model
/// together went from F1 0.731 / AUC 0.901 by noisy-OR to 0.743 / 0.920.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Combiner {
    /// Constant term.
    pub bias: f32,
    /// Coefficient of the model's margin (its log-odds).
    pub model: f32,
    /// Coefficient of each rule's strongest hit weight, by rule code.
    pub rules: BTreeMap<String, f32>,
    /// The combined probability at which the flag is raised, chosen on held-out data; it
    /// is mapped to the flag threshold, as a model's cut is ([`weight_of`]).
    pub cut: f32,
}

/// A rule joins a combiner only when it fired on at least this many of the held-out training
/// rows: a coefficient learned from a handful of hits says little, and a rule the training
/// data never exercises (a blog-spam rule under a model trained on YouTube and SMS) would get
/// a coefficient of zero and be switched off. Rules left out add to the combiner's score by
/// noisy-OR with their own weights, as without a model ([`Combiner::score`]).
pub const COMBINER_MIN_HITS: usize = 10;

/// Regularisation of the combiner (scikit-learn's `C`): 1 and 10 gave the same
/// cross-validated F1 on Kaggle insults (`examples/cv.rs`); the smaller keeps weights modest.
pub const COMBINER_C: f64 = 1.0;

impl Combiner {
    /// The features of one comment: the margin, then each rule's strongest positive hit, in
    /// `codes` order.
    fn row(margin: f32, findings: &[Finding], flag: Flag, codes: &[&str]) -> Vec<(u32, f32)> {
        let mut x = vec![(0u32, margin)];
        for (i, code) in codes.iter().enumerate() {
            let strongest = findings
                .iter()
                .filter(|f| f.flag == flag && f.code == *code && f.weight > 0.0)
                .map(|f| f.weight)
                .fold(0.0f32, f32::max);
            if strongest > 0.0 {
                x.push((i as u32 + 1, strongest));
            }
        }
        x
    }

    /// Fits the combiner on held-out `(margin, rule findings, label)` examples of `flag`,
    /// over the rules in `codes`, and picks the cut that maximises F1 on them.
    pub fn fit(flag: Flag, codes: &[&str], examples: &[(f32, Vec<Finding>, bool)]) -> Combiner {
        // Rows list the rules in the order the coefficients are kept: sorted by code.
        let mut codes = codes.to_vec();
        codes.sort_unstable();
        codes.dedup();
        codes.retain(|code| {
            let fired = |e: &&(f32, Vec<Finding>, bool)| {
                e.1.iter()
                    .any(|f| f.flag == flag && f.code == *code && f.weight > 0.0)
            };
            examples.iter().filter(fired).count() >= COMBINER_MIN_HITS
        });
        let codes = codes.as_slice();
        let positives = examples.iter().filter(|e| e.2).count();
        let class_weight = |y: bool| {
            let n = if y {
                positives
            } else {
                examples.len() - positives
            };
            examples.len() as f64 / (2.0 * n.max(1) as f64)
        };
        let rows: Vec<Row> = examples
            .iter()
            .map(|(margin, findings, y)| Row {
                x: Combiner::row(*margin, findings, flag, codes),
                y: *y,
                weight: class_weight(*y),
            })
            .collect();
        let settings = Settings {
            c: COMBINER_C,
            max_iterations: 300,
        };
        let (w, bias) = optimise::fit(&rows, codes.len() + 1, settings);
        let mut combiner = Combiner {
            bias: bias as f32,
            model: w[0] as f32,
            rules: codes
                .iter()
                .zip(&w[1..])
                .map(|(c, w)| (c.to_string(), *w as f32))
                .collect(),
            cut: MIN_PROBABILITY,
        };
        let probabilities: Vec<(f32, bool)> = rows
            .iter()
            .map(|r| (combiner.probability_of(&r.x), r.y))
            .collect();
        combiner.cut = best_cut(&probabilities);
        combiner
    }

    fn probability_of(&self, row: &[(u32, f32)]) -> f32 {
        let coefficients: Vec<f32> = std::iter::once(self.model)
            .chain(self.rules.values().copied())
            .collect();
        let z = row.iter().fold(self.bias, |z, (i, v)| {
            z + coefficients.get(*i as usize).copied().unwrap_or(0.0) * v
        });
        sigmoid(z)
    }

    /// The flag's score from the model's margin and the comment's findings: the combined
    /// probability recalibrated so that the cut maps to the flag threshold, then joined by
    /// noisy-OR with the strongest hit of each rule the combiner did not learn (see
    /// [`COMBINER_MIN_HITS`]; the model's own findings are its margin already).
    pub fn score(&self, margin: f32, findings: &[Finding], flag: Flag) -> f32 {
        let codes: Vec<&str> = self.rules.keys().map(String::as_str).collect();
        let p = self.probability_of(&Combiner::row(margin, findings, flag, &codes));
        let model_code = code_of(flag).0;
        let mut unlearned: BTreeMap<&str, f32> = BTreeMap::new();
        for f in findings.iter().filter(|f| {
            f.flag == flag
                && f.weight > 0.0
                && f.code != model_code
                && !self.rules.contains_key(f.code)
        }) {
            let w = unlearned.entry(f.code).or_insert(0.0);
            *w = w.max(f.weight.min(1.0));
        }
        let kept: f32 = unlearned.values().map(|w| 1.0 - w).product();
        1.0 - (1.0 - weight_of(p, self.cut)) * kept
    }
}

/// The cut (0.05 to 0.95 in steps of 0.05) at which flagging `p ≥ cut` has the best F1.
fn best_cut(scored: &[(f32, bool)]) -> f32 {
    let f1 = |cut: f32| {
        let tp = scored.iter().filter(|(p, y)| *y && *p >= cut).count() as f64;
        let flagged = scored.iter().filter(|(p, _)| *p >= cut).count() as f64;
        let positives = scored.iter().filter(|(_, y)| *y).count() as f64;
        if tp == 0.0 {
            0.0
        } else {
            2.0 * tp / (flagged + positives)
        }
    };
    let cuts: Vec<(f32, f64)> = (1..20)
        .map(|step| 0.05 * step as f32)
        .map(|cut| (cut, f1(cut)))
        .collect();
    let best = cuts.iter().map(|c| c.1).fold(f64::MIN, f64::max);
    // Of equally good cuts (separable data), the middle one, not the most lenient.
    let tied: Vec<f32> = cuts
        .iter()
        .filter(|c| c.1 >= best - 1e-9)
        .map(|c| c.0)
        .collect();
    tied.get(tied.len() / 2).copied().unwrap_or(MIN_PROBABILITY)
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

/// Where a feature came from: one token (its word, its "said to you" form, its character
/// grams) or the pair of a token and the next.
#[derive(Clone, Copy)]
enum Source {
    Token(usize),
    Pair(usize),
    Link(usize),
}

/// What a feature reads: ordinary words, words inside a link to a reputable source (`doi`,
/// `org`, `https`), or a link's class ([`link_class`]). A model trained with
/// [`Training::link_tokens`] reads each link's class too and skips the words of reputable
/// links; any other model reads words only, as before links had classes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    InLink,
    LinkClass,
}

/// The class a link is read as: a reputable source is not an advertised site, and a shortener
/// hides where it goes.
fn link_class(link: &CommentLink) -> &'static str {
    match link.kind {
        LinkKind::Email => "email",
        LinkKind::Phone => "phone",
        LinkKind::Url if link.reputable => "reputable-url",
        LinkKind::Url if link.shortener => "shortened-url",
        LinkKind::Url => "url",
    }
}

/// Feature blocks: words, addressed words and word pairs; character grams.
const WORDS: usize = 0;
const CHARS: usize = 1;
const BLOCKS: usize = 2;

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

/// Calls `visit(bucket, source, block, kind)` for every hashed feature of a text and its
/// links, in a fixed order; the one definition of the features, used by scoring (without
/// collecting them), by the reasons of a score and by training. Each model keeps the kinds it
/// reads ([`Model::reads`]), so one pass serves every model.
fn each_feature(
    analysed: &Analysed,
    links: &[CommentLink],
    mut visit: impl FnMut(usize, Source, usize, Kind),
) {
    let tokens = &analysed.tokens;
    let inside: Vec<bool> = if !links.iter().any(|l| l.reputable) {
        Vec::new()
    } else {
        tokens
            .iter()
            .map(|t| {
                links.iter().any(|l| {
                    l.reputable && l.span.start <= t.span.start && t.span.end <= l.span.end
                })
            })
            .collect()
    };
    let kind_of = |i: usize| {
        if inside.get(i).copied().unwrap_or(false) {
            Kind::InLink
        } else {
            Kind::Plain
        }
    };
    let mut addressed_until = 0;
    let mut marked: Vec<char> = Vec::with_capacity(32);
    let mut states: Vec<u64> = Vec::with_capacity(32);
    for (i, t) in tokens.iter().enumerate() {
        let kind = kind_of(i);
        visit(fnv1a(&["w", &t.norm]), Source::Token(i), WORDS, kind);
        // Words shortly after `you`: what is said *to* someone, the heart of an insult.
        if SECOND_PERSON.contains(&t.norm.as_str()) {
            addressed_until = i + 5;
        } else if i < addressed_until {
            visit(fnv1a(&["y", &t.norm]), Source::Token(i), WORDS, kind);
        }
        if let Some(next) = tokens.get(i + 1) {
            let pair_kind = if kind == Kind::InLink || kind_of(i + 1) == Kind::InLink {
                Kind::InLink
            } else {
                Kind::Plain
            };
            visit(
                fnv1a(&["b", &t.norm, &next.norm]),
                Source::Pair(i),
                WORDS,
                pair_kind,
            );
        }
        marked.clear();
        marked.push('<');
        marked.extend(t.norm.chars());
        marked.push('>');
        char_grams(&marked, &mut states, |bucket| {
            visit(bucket, Source::Token(i), CHARS, kind)
        });
    }
    for (j, link) in links.iter().enumerate() {
        visit(
            fnv1a(&["l", link_class(link)]),
            Source::Link(j),
            WORDS,
            Kind::LinkClass,
        );
    }
}

/// A text's features as one sparse row, summed per bucket: the dot product with the weights
/// is exactly [`Model::margin`] without the bias.
fn sparse_features(
    analysed: &Analysed,
    links: &[CommentLink],
    link_tokens: bool,
) -> Vec<(u32, f32)> {
    let (mut hits, mut counts) = (Vec::new(), [0usize; BLOCKS]);
    each_feature(analysed, links, |bucket, _, block, kind| {
        if reads(link_tokens, kind) {
            hits.push((bucket as u32, block));
            counts[block] += 1;
        }
    });
    let norms = block_norms(counts);
    hits.sort_unstable();
    let mut row: Vec<(u32, f32)> = Vec::with_capacity(hits.len());
    for (bucket, block) in hits {
        match row.last_mut() {
            Some((last, value)) if *last == bucket => *value += norms[block],
            _ => row.push((bucket, norms[block])),
        }
    }
    row
}

/// Per block, `1/sqrt(count)`: each block of a text's feature vector is L2-normalised on its
/// own, so a text's few word features are not drowned by its many character grams.
fn block_norms(counts: [usize; BLOCKS]) -> [f32; BLOCKS] {
    counts.map(|n| if n == 0 { 0.0 } else { 1.0 / (n as f32).sqrt() })
}

/// Naive-Bayes log-count ratios per bucket (Wang & Manning 2012, "NBSVM"): how much more
/// often a feature appears in positive than in negative rows, `ln((p/‖p‖₁)/(q/‖q‖₁))` with
/// add-one counts. Scaling each feature by its ratio before the regression lets L2 shrink
/// rare, uninformative features harder than telling ones.
fn log_count_ratios(rows: &[Row]) -> Vec<f64> {
    let (mut p, mut q) = (vec![1.0f64; BUCKETS], vec![1.0f64; BUCKETS]);
    for row in rows {
        let counts = if row.y { &mut p } else { &mut q };
        for (bucket, _) in &row.x {
            counts[*bucket as usize] += 1.0;
        }
    }
    let (p_sum, q_sum): (f64, f64) = (p.iter().sum(), q.iter().sum());
    p.iter()
        .zip(&q)
        .map(|(a, b)| ((a / p_sum) / (b / q_sum)).ln())
        .collect()
}

/// Whether a model with or without link tokens reads a feature of `kind`.
fn reads(link_tokens: bool, kind: Kind) -> bool {
    match kind {
        Kind::Plain => true,
        Kind::InLink => !link_tokens,
        Kind::LinkClass => link_tokens,
    }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

impl Model {
    /// The model's margin for a text, summed as the features come (no feature list is built:
    /// most comments stay silent and never need one).
    pub fn margin(&self, analysed: &Analysed, links: &[CommentLink]) -> f32 {
        let (mut sums, mut counts) = ([0.0f32; BLOCKS], [0usize; BLOCKS]);
        let link_tokens = self.info.link_tokens;
        each_feature(analysed, links, |bucket, _, block, kind| {
            if reads(link_tokens, kind) {
                sums[block] += self.weights[bucket];
                counts[block] += 1;
            }
        });
        let norms = block_norms(counts);
        self.bias + sums[WORDS] * norms[WORDS] + sums[CHARS] * norms[CHARS]
    }

    /// Probability that `text` deserves the model's flag.
    pub fn predict(&self, text: &str) -> f32 {
        sigmoid(self.margin_of(text))
    }

    /// The model's findings for a comment: the word that pushed its probability up most (the
    /// three strongest when it reaches the flag threshold), each a finding weighted by the
    /// probability recalibrated to the model's cut ([`weight_of`]), so that the cut chosen
    /// on held-out data is where the model alone flags. Returned with the margin, which a
    /// [`Combiner`] needs.
    pub fn findings(
        &self,
        text: &str,
        analysed: &Analysed,
        links: &[CommentLink],
    ) -> (f32, Vec<Finding>) {
        let margin = self.margin(analysed, links);
        (margin, self.findings_at(margin, text, analysed, links))
    }

    /// The model's margin (log-odds) for a text.
    pub fn margin_of(&self, text: &str) -> f32 {
        self.margin(&analyse(text), &comment_links(text))
    }

    /// The weight of the model's findings at a margin: its probability recalibrated to the
    /// cut ([`weight_of`]), or 0 where the model stays silent.
    pub fn weight_at(&self, margin: f32) -> f32 {
        let weight = weight_of(sigmoid(margin), self.floor);
        if weight < SILENT_BELOW { 0.0 } else { weight }
    }

    /// Whether the model speaks on `text`: yes unless the text is reliably identified as a
    /// language outside its [`ModelInfo::languages`], or is written in a script none of them
    /// uses (a short Russian comment is Cyrillic before whatlang is sure it is Russian). A
    /// model trained on English has never seen a German or Russian comment: what it would say
    /// there is noise (the shipped spam model flagged ordinary German and Russian blog
    /// comments before this check).
    pub fn covers(&self, text: &str) -> bool {
        if self.info.languages.is_empty() {
            return true;
        }
        // Most comments a model meets are in its language, and identification is costly: a
        // text whose words are at least a quarter English function words is English.
        if self.info.languages.iter().any(|l| l == "eng") && plainly_english(text) {
            return true;
        }
        let Some(info) = identify(text) else {
            return true;
        };
        let known = |code: &str| self.info.languages.iter().any(|l| l == code);
        if info.is_reliable() {
            known(info.lang().code())
        } else {
            info.script().langs().iter().any(|lang| known(lang.code()))
        }
    }

    /// The findings of [`Model::findings`] at a margin already computed ([`margins`]).
    pub fn findings_at(
        &self,
        margin: f32,
        text: &str,
        analysed: &Analysed,
        links: &[CommentLink],
    ) -> Vec<Finding> {
        let weight = self.weight_at(margin);
        if weight == 0.0 {
            return Vec::new();
        }
        let reasons = if weight >= super::THRESHOLD { 3 } else { 1 };
        if self.flag == Flag::Insult {
            let cited = span_word_findings(text, analysed, weight);
            if !cited.is_empty() {
                return cited;
            }
        }
        let mut ranked = self.contributions(analysed, links);
        ranked.retain(|(_, w)| *w > 0.0);
        ranked.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then(a.0.start.cmp(&b.0.start))
                .then(a.0.end.cmp(&b.0.end))
        });
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
                weight,
            })
            .collect()
    }

    /// What each word and word pair adds to the margin: its features' weights, each scaled by
    /// its block's norm exactly as in [`Model::margin`], so the reasons rank words by what
    /// they really contributed. Summed in arrays indexed by token, not in a map: a comment
    /// the model speaks about can have hundreds of words.
    fn contributions(
        &self,
        analysed: &Analysed,
        links: &[CommentLink],
    ) -> Vec<(Range<usize>, f32)> {
        let tokens = &analysed.tokens;
        let mut sums = vec![[0.0f32; BLOCKS]; tokens.len()];
        let mut pairs = vec![0.0f32; tokens.len()];
        let mut by_link = vec![0.0f32; links.len()];
        let mut counts = [0usize; BLOCKS];
        let link_tokens = self.info.link_tokens;
        each_feature(analysed, links, |bucket, source, block, kind| {
            if !reads(link_tokens, kind) {
                return;
            }
            counts[block] += 1;
            match source {
                Source::Token(i) => sums[i][block] += self.weights[bucket],
                Source::Pair(i) => pairs[i] += self.weights[bucket],
                Source::Link(j) => by_link[j] += self.weights[bucket],
            }
        });
        let norms = block_norms(counts);
        let words = tokens.iter().zip(&sums).map(|(t, s)| {
            let w = s[WORDS] * norms[WORDS] + s[CHARS] * norms[CHARS];
            (t.span.clone(), w)
        });
        let pairs = tokens
            .windows(2)
            .zip(&pairs)
            .map(|(pair, w)| (pair[0].span.start..pair[1].span.end, w * norms[WORDS]));
        let links = links
            .iter()
            .zip(&by_link)
            .map(|(link, w)| (link.span.clone(), w * norms[WORDS]));
        words.chain(pairs).chain(links).collect()
    }

    /// Trains a model on `(text, label)` examples: class-balanced logistic regression over
    /// the features as scoring sees them (see [`optimise`]).
    pub fn train(
        flag: Flag,
        examples: &[(String, bool)],
        training: Training,
        trained_on: &str,
    ) -> Model {
        let positives = examples.iter().filter(|(_, y)| *y).count();
        let negatives = examples.len() - positives;
        // Class balance: each class carries half of the loss.
        let class_weight = |y: bool| {
            let n = if y { positives } else { negatives };
            examples.len() as f64 / (2.0 * n.max(1) as f64)
        };
        let mut rows: Vec<Row> = examples
            .iter()
            .map(|(text, y)| Row {
                x: sparse_features(&analyse(text), &comment_links(text), training.link_tokens),
                y: *y,
                weight: class_weight(*y),
            })
            .collect();
        let ratios = if training.nb_scaling {
            log_count_ratios(&rows)
        } else {
            vec![1.0; BUCKETS]
        };
        for row in &mut rows {
            for (bucket, value) in &mut row.x {
                *value *= ratios[*bucket as usize] as f32;
            }
        }
        let (weights, bias) = optimise::fit(&rows, BUCKETS, training.optimiser());
        // Scoring sees unscaled features: the ratios fold into the weights.
        let weights = weights.iter().zip(&ratios).map(|(w, r)| w * r);
        let info = ModelInfo {
            flag: flag.name().to_string(),
            trained_on: trained_on.to_string(),
            examples: examples.len(),
            positives,
            iterations: training.max_iterations,
            c: training.c as f32,
            nb_scaling: training.nb_scaling,
            cut: MIN_PROBABILITY,
            combiner: None,
            languages: Vec::new(),
            link_tokens: training.link_tokens,
        };
        Model {
            info,
            flag,
            floor: MIN_PROBABILITY,
            bias: bias as f32,
            weights: weights.map(|w| w as f32).collect(),
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
            floor: info.cut,
            info,
            flag,
            bias,
            weights: floats.collect(),
        })
    }

    /// SHA-256 of the weights file (for run manifests).
    pub fn digest(&self) -> String {
        crate::ids::sha256_hex(&self.to_bytes())
    }
}

/// The codes of the learned models' findings, one per flag.
pub const CODES: [&str; 3] = ["INS900", "SPM900", "UNS900"];

/// The insult span words (`lexicons/insult_span_words.tsv`, learned from Toxic Spans' gold
/// spans by `threadscan train --span-words`): the words annotators mark as the toxic part of
/// a comment.
static SPAN_WORDS: std::sync::LazyLock<rustc_hash::FxHashSet<String>> =
    std::sync::LazyLock::new(|| {
        SPAN_WORDS_FILE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    });

/// The span words' data file, as compiled in (it is part of the rule-set digest).
pub const SPAN_WORDS_FILE: &str = include_str!("lexicons/insult_span_words.tsv");

/// Whether a folded word is one of the insult span words.
pub fn is_span_word(norm: &str) -> bool {
    SPAN_WORDS.contains(norm)
}

/// The insult model's findings where its comment holds span words: one finding per run of
/// adjacent span words (`stupid lying idiot` is one span), so the reason is the insulting
/// words themselves, as annotators mark them, not the model's strongest character grams.
fn span_word_findings(text: &str, analysed: &Analysed, weight: f32) -> Vec<Finding> {
    let (code, name) = code_of(Flag::Insult);
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut last: Option<usize> = None;
    for (i, t) in analysed.tokens.iter().enumerate() {
        if !SPAN_WORDS.contains(&t.norm) {
            continue;
        }
        match (runs.last_mut(), last) {
            (Some(run), Some(prev)) if prev + 1 == i => run.end = t.span.end,
            _ => runs.push(t.span.clone()),
        }
        last = Some(i);
    }
    runs.into_iter()
        .map(|span| Finding {
            code,
            name,
            flag: Flag::Insult,
            text: text.get(span.clone()).unwrap_or("").to_string(),
            span,
            weight,
        })
        .collect()
}

/// The code and name of the learned model's findings for `flag`.
pub fn code_of(flag: Flag) -> (&'static str, &'static str) {
    match flag {
        Flag::Insult => ("INS900", "learned-insult-model"),
        Flag::Spam => ("SPM900", "learned-spam-model"),
        Flag::Unsupported => ("UNS900", "learned-unsupported-model"),
    }
}

/// How a model's flag score is made, for `threadscan explain`.
pub fn describe_combiner(combiner: Option<&Combiner>) -> String {
    let Some(c) = combiner else {
        return "It has no combiner: its finding and the rules' combine by noisy-OR.".to_string();
    };
    let rules: Vec<String> = c.rules.iter().map(|(k, w)| format!("{k} {w:.2}")).collect();
    format!(
        "Its combiner makes the flag's score: sigmoid({:.2} + {:.2} × margin + Σ coefficient × the rule's strongest hit weight), flagged from {:.2}; coefficients: {}.",
        c.bias,
        c.model,
        c.cut,
        rules.join(", ")
    )
}

/// The model shipped for `flag`, if the build has one.
pub fn shipped(flag: Flag) -> Option<Model> {
    match flag {
        Flag::Insult => Model::from_bytes(include_bytes!("models/insult.bin")).ok(),
        Flag::Spam => Model::from_bytes(include_bytes!("models/spam.bin")).ok(),
        Flag::Unsupported => None,
    }
}

/// Every shipped model, in flag order.
pub fn shipped_models() -> Vec<Model> {
    Flag::ALL.into_iter().filter_map(shipped).collect()
}

/// The margins of several models for one text, from one pass over its features: hashing the
/// features is most of a model's cost, so a second model adds only its weight lookups.
pub fn margins(models: &[&Model], analysed: &Analysed, links: &[CommentLink]) -> Vec<f32> {
    match models {
        [] => Vec::new(),
        [model] => vec![model.margin(analysed, links)],
        _ => {
            let mut sums = vec![[0.0f32; BLOCKS]; models.len()];
            let mut counts = vec![[0usize; BLOCKS]; models.len()];
            each_feature(analysed, links, |bucket, _, block, kind| {
                for ((sum, count), model) in sums.iter_mut().zip(&mut counts).zip(models) {
                    if reads(model.info.link_tokens, kind) {
                        sum[block] += model.weights[bucket];
                        count[block] += 1;
                    }
                }
            });
            models
                .iter()
                .zip(sums.iter().zip(&counts))
                .map(|(m, (s, c))| {
                    let norms = block_norms(*c);
                    m.bias + s[WORDS] * norms[WORDS] + s[CHARS] * norms[CHARS]
                })
                .collect()
        }
    }
}

/// Documentation of a model code, for `threadscan explain`.
pub fn explain(code: &str) -> Option<String> {
    let flag = Flag::ALL.into_iter().find(|f| code_of(*f).0 == code)?;
    let (code, name) = code_of(flag);
    let shipped = match shipped(flag) {
        Some(m) => format!(
            "The shipped model was trained on {} ({} examples, {} positive, C {}, cut {:.2}). {}{}{}",
            m.info.trained_on,
            m.info.examples,
            m.info.positives,
            m.info.c,
            m.info.cut,
            describe_combiner(m.info.combiner.as_ref()),
            if m.info.languages.is_empty() {
                String::new()
            } else {
                format!(
                    " It knows the languages of its training texts ({}) and stands aside where a comment reliably in another language would be flagged or cleared on its word alone.",
                    m.info.languages.join(", ")
                )
            },
            if m.info.link_tokens {
                " It reads each link's class (URL, reputable source, shortened URL, e-mail, phone) and a link to a reputable source by its class alone."
            } else {
                ""
            }
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

    /// A model trained on 40 insults and 40 weather reports.
    fn toy_model() -> Model {
        let mut examples = Vec::new();
        for i in 0..40 {
            examples.push((format!("you are a total dunce number {i}"), true));
            examples.push((format!("the weather report for day {i} is mild"), false));
        }
        Model::train(Flag::Insult, &examples, TRAINING, "toy")
    }

    #[test]
    fn learns_a_toy_task_and_round_trips() {
        let mut model = toy_model();
        model.set_floor(0.35);
        assert!(model.predict("what a dunce you are") > 0.6);
        assert!(model.predict("mild weather today") < 0.4);
        let again = Model::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(again.predict("dunce"), model.predict("dunce"));
        assert_eq!(again.floor, 0.35, "the cut survives the file");
        let text = "you dunce";
        let (_, findings) = model.findings(text, &analyse(text), &comment_links(text));
        assert_eq!(findings[0].code, "INS900");
        assert_eq!(findings[0].text, "dunce");
    }

    #[test]
    fn insult_findings_cite_the_learned_span_words_merged_when_adjacent() {
        let model = toy_model();
        // `dunce`, `stupid` and `idiot` are span words; `you` and `weather` are not.
        let text = "you dunce, you stupid idiot, talking about the weather";
        let (_, findings) = model.findings(text, &analyse(text), &comment_links(text));
        let cited: Vec<&str> = findings.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(cited, ["dunce", "stupid idiot"]);
        assert!(findings.iter().all(|f| text[f.span.clone()] == f.text));
        // A group's name is never cited as the insulting word, though annotators often
        // mark it inside an attack on the group.
        for group in ["muslims", "gay", "women"] {
            assert!(!SPAN_WORDS.contains(group), "{group}");
        }
    }

    #[test]
    fn findings_carry_the_weight_recalibrated_to_the_cut() {
        let mut model = toy_model();
        let text = "dunce";
        let p = model.predict(text);
        let mut weights = Vec::new();
        for cut in [p * 0.5, p, (p + 1.0) / 2.0] {
            model.set_floor(cut);
            let (_, found) = model.findings(text, &analyse(text), &comment_links(text));
            weights.push(found.first().map_or(0.0, |f| f.weight));
        }
        assert!(
            weights[0] > weights[1] && weights[1] > weights[2],
            "{weights:?}"
        );
        assert!(
            (weights[1] - 0.5).abs() < 1e-3,
            "the cut maps to 0.5: {weights:?}"
        );
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

    fn hit(code: &'static str, weight: f32) -> Finding {
        Finding {
            code,
            name: "x",
            flag: Flag::Insult,
            span: 0..0,
            text: String::new(),
            weight,
        }
    }

    /// Held-out rows where rule `A` fires on half of each class (noise), rule `B` fires on
    /// positives only, and the margin leans the right way.
    fn held_out() -> Vec<(f32, Vec<Finding>, bool)> {
        (0..200)
            .map(|i| {
                let y = i % 2 == 0;
                let mut found = Vec::new();
                if i % 4 < 2 {
                    found.push(hit("A", 0.9));
                }
                if y && i % 3 == 0 {
                    found.push(hit("B", 0.6));
                }
                let margin = if y { 0.5 } else { -0.5 } + (i % 7) as f32 * 0.1 - 0.3;
                (margin, found, y)
            })
            .collect()
    }

    #[test]
    fn the_combiner_learns_which_rules_to_trust() {
        let combiner = Combiner::fit(Flag::Insult, &["A", "B"], &held_out());
        assert_eq!(
            Combiner::fit(Flag::Insult, &["B", "A"], &held_out()),
            combiner,
            "the order rules are listed in does not matter"
        );
        assert!(combiner.model > 0.0, "{combiner:?}");
        assert!(
            combiner.rules["B"] > combiner.rules["A"] + 0.5,
            "{combiner:?}"
        );
        // A noisy rule's hit no longer flags on its own, as it would by noisy-OR (0.9).
        let noisy = combiner.score(-0.5, &[hit("A", 0.9)], Flag::Insult);
        let telling = combiner.score(-0.5, &[hit("B", 0.6)], Flag::Insult);
        assert!(noisy < super::super::THRESHOLD, "{noisy}");
        assert!(telling > noisy, "{telling} vs {noisy}");
        // The flag threshold sits at the combiner's cut.
        let at_cut = weight_of(combiner.cut, combiner.cut);
        assert!((at_cut - 0.5).abs() < 1e-4);
    }

    #[test]
    fn a_rule_the_training_data_rarely_exercised_keeps_its_own_weight() {
        // Rule `C` fired on fewer held-out rows than COMBINER_MIN_HITS: the combiner leaves it
        // out, and its hit joins the combiner's score by noisy-OR instead of being ignored.
        let mut rows = held_out();
        for row in rows.iter_mut().take(COMBINER_MIN_HITS - 1) {
            row.1.push(hit("C", 0.8));
        }
        let combiner = Combiner::fit(Flag::Insult, &["A", "B", "C"], &rows);
        assert!(!combiner.rules.contains_key("C"), "{combiner:?}");
        assert!(combiner.rules.contains_key("B"), "{combiner:?}");
        let alone = combiner.score(-0.5, &[], Flag::Insult);
        let with_c = combiner.score(-0.5, &[hit("C", 0.8)], Flag::Insult);
        let expected = 1.0 - (1.0 - alone) * (1.0 - 0.8);
        assert!((with_c - expected).abs() < 1e-6, "{with_c} vs {expected}");
        assert!(with_c >= super::super::THRESHOLD, "{with_c}");
    }

    #[test]
    fn a_model_covers_only_the_languages_it_was_trained_on() {
        let mut model = toy_model();
        let english =
            "The weather report for tomorrow says it will be mild and dry across the country.";
        let german =
            "Der Wetterbericht für morgen sagt, dass es im ganzen Land mild und trocken bleibt.";
        assert!(model.covers(german), "no languages listed: every language");
        model.info.languages = training_languages(&[(english.to_string(), false)]);
        assert_eq!(model.info.languages, ["eng"]);
        assert!(model.covers(english));
        assert!(!model.covers(german));
        assert!(
            model.covers("ok"),
            "too short to identify: the model speaks"
        );
        let russian = "У меня вся семья в США живет, я очень много про США знаю, дал вам ссылку: http://www.forbes.ru/milliardery/356013-globalnoe-rassloenie-82-mirovogo-bogatstva-sosredotocheny-v-rukah-1-naseleniya";
        assert!(
            !model.covers(russian),
            "the address's Latin letters do not make it English"
        );
        assert!(plainly_english("I think you are right about the budget."));
        assert!(!plainly_english(
            "Das sieht lecker aus, ich mache es morgen."
        ));
        assert!(!plainly_english("Je pense que le budget est trop haut."));
        let again = Model::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(again.info.languages, ["eng"]);
    }

    #[test]
    fn a_link_token_model_reads_a_link_as_its_class() {
        let mut examples = Vec::new();
        for i in 0..40 {
            examples.push((format!("great deals at https://shop{i}.example/sale"), true));
            examples.push((format!("the vote on day {i} was close"), false));
        }
        let training = Training {
            link_tokens: true,
            ..TRAINING
        };
        let model = Model::train(Flag::Spam, &examples, training, "toy");
        let again = Model::from_bytes(&model.to_bytes()).unwrap();
        assert!(again.info.link_tokens);
        // A reputable source reads as its class alone: two of them read alike, whatever
        // their words, and lower than an advertised address, a class the advertising used.
        let a = model.margin_of("see https://doi.org/10.1000/182");
        let b = model.margin_of("see https://en.wikipedia.org/wiki/Sale_(disambiguation)");
        assert!((a - b).abs() < 1e-6, "{a} vs {b}");
        let advert = model.margin_of("see https://shop1.example/sale");
        assert!(a < advert, "{a} vs {advert}");
    }

    #[test]
    fn one_pass_margins_equal_each_models_own() {
        let insult = toy_model();
        let mut examples = Vec::new();
        for i in 0..40 {
            examples.push((format!("win a free prize now call {i}"), true));
            examples.push((format!("see you at dinner on day {i}"), false));
        }
        let training = Training {
            link_tokens: true,
            ..TRAINING
        };
        let spam = Model::train(Flag::Spam, &examples, training, "toy");
        assert!(spam.info.link_tokens);
        let text = "you dunce, win a free prize at https://prize.example/win at dinner";
        let (analysed, links) = (analyse(text), comment_links(text));
        let both = margins(&[&insult, &spam], &analysed, &links);
        assert_eq!(
            both,
            [
                insult.margin(&analysed, &links),
                spam.margin(&analysed, &links)
            ]
        );
        assert_eq!(spam.margin(&analysed, &links), spam.margin_of(text));
    }

    #[test]
    fn separable_data_gets_a_middle_cut() {
        let scored = [(0.02, false), (0.03, false), (0.97, true), (0.98, true)];
        let cut = best_cut(&scored);
        assert!((0.4..=0.6).contains(&cut), "{cut}");
    }

    #[test]
    fn the_combiner_survives_the_file_and_sets_the_score() {
        let mut model = toy_model();
        model.info.combiner = Some(Combiner::fit(Flag::Insult, &["A", "B"], &held_out()));
        let again = Model::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(again.info.combiner, model.info.combiner);
        let findings = [hit("A", 0.9)];
        let by_noisy_or = super::super::combine(&findings)[0];
        let learned = super::super::combine_with(&findings, &[(&again, -2.0)])[0];
        assert!((by_noisy_or - 0.9).abs() < 1e-6);
        let expected = again
            .info
            .combiner
            .as_ref()
            .unwrap()
            .score(-2.0, &findings, Flag::Insult);
        assert_eq!(learned, expected);
        assert!(learned < 0.5, "{learned}");
    }

    #[test]
    fn bad_files_are_errors() {
        assert!(Model::from_bytes(b"nope").is_err());
        assert!(Model::from_bytes(b"threadscan-model 1\n{}\n").is_err());
    }

    #[test]
    fn files_from_the_older_trainer_still_load() {
        let header = br#"{"flag":"insult","trained_on":"x","examples":2,"positives":1,"epochs":4}"#;
        let mut bytes = b"threadscan-model 1\n".to_vec();
        bytes.extend_from_slice(header);
        bytes.push(b'\n');
        bytes.extend(std::iter::repeat_n(0u8, 4 * (BUCKETS + 1)));
        let model = Model::from_bytes(&bytes).unwrap();
        assert_eq!((model.info.iterations, model.floor), (4, MIN_PROBABILITY));
    }
}
