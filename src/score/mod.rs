//! Stage 2, the scorer: comments → findings → three scores per comment.
//!
//! Every reason a score rises is a [`Finding`]: which rule (a stable code such as `INS001`),
//! the exact span of the comment's own text it matched, and its weight. Rules are declared
//! once, in the [`rules`] registry, as ruff declares lint rules; `threadscan rules` lists them
//! and `threadscan explain CODE` prints their documentation.
//!
//! **Scores.** For each flag, the strongest hit of each rule counts once, and the weights
//! combine as independent pieces of evidence: `score = 1 − Π(1 − wᵢ)` (noisy-OR). A comment is
//! flagged when its score reaches [`THRESHOLD`]. A model file may carry a learned
//! [`learned::Combiner`] for its flag; then that flag's score is the combiner's, made from the
//! model's margin and each rule's strongest hit, and the findings stay its reasons.
//!
//! For *unsupported assertion*, signals of support (a cited source, attribution, first-hand
//! testimony, a reply that supplies a source) then scale the score down: `score × Π(1 − sⱼ)`;
//! they are findings too, with negative weights, so an auditor sees why a claim was *not*
//! flagged.
//!
//! Only the commenter's own words are scored: quotes were split off by the parser.

pub mod claims;
pub mod config;
pub mod learned;
pub mod lexicon;
pub mod links;
pub mod optimise;
pub mod rules;
pub mod target;
pub mod text;
pub mod topic;

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicU32, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use crate::model::{Comment, Thread};
use links::CommentLink;
use text::Analysed;

/// Score at or above which a comment is flagged (the same for the three flags).
pub const THRESHOLD: f32 = 0.5;

/// The three things threadscan flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    /// Insult or personal attack on a participant or a group of people.
    Insult,
    /// Promotional or off-topic link drop, contact harvesting.
    Spam,
    /// A contested fact stated as certain with nothing to back it.
    Unsupported,
}

impl Flag {
    /// All flags, in report order.
    pub const ALL: [Flag; 3] = [Flag::Insult, Flag::Spam, Flag::Unsupported];

    /// The stable name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Flag::Insult => "insult",
            Flag::Spam => "spam",
            Flag::Unsupported => "unsupported",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One reason for (or, with a negative weight, against) a flag.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The rule's stable code.
    pub code: &'static str,
    /// The rule's kebab-case name.
    pub name: &'static str,
    /// The flag it bears on.
    pub flag: Flag,
    /// Byte span in the comment's own text (or the page link's text, for page findings).
    pub span: Range<usize>,
    /// The matched text.
    pub text: String,
    /// Weight in [−1, 1]; negative weights are evidence against the flag.
    pub weight: f32,
}

/// The scores of one comment, with every finding behind them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CommentScore {
    /// Score per flag, in [`Flag::ALL`] order, each in [0, 1].
    pub scores: [f32; 3],
    /// Whether each flag's score reached its threshold.
    pub flags: [bool; 3],
    /// Per flag: the positive evidence alone reached the threshold, and the signals of
    /// support brought the score under it (the support findings decided the outcome).
    pub support_decided: [bool; 3],
    /// Threshold per flag, as configured when the comment was scored.
    pub cuts: [f32; 3],
    /// Findings in text order within each rule.
    pub findings: Vec<Finding>,
    /// The comment's language; where it is not scored, insult and unsupported are not
    /// scored (no findings, score 0, reported empty).
    pub language: learned::Language,
    /// Whom the insult is aimed at, for a comment flagged insult where the words tell
    /// ([`target::insult_target`]).
    pub insult_target: Option<target::InsultTarget>,
}

impl CommentScore {
    /// Scores and flags from findings, with the thresholds of `config`.
    pub fn of(
        findings: Vec<Finding>,
        learned: &[(&learned::Model, f32)],
        config: &config::Config,
    ) -> Self {
        let (scores, raised) = combine_raised(&findings, learned);
        let mut flags = [false; 3];
        let mut support_decided = [false; 3];
        let mut cuts = [0.0; 3];
        for flag in Flag::ALL {
            let (i, cut) = (flag.index(), config.threshold(flag));
            cuts[i] = cut;
            flags[i] = scores[i] >= cut;
            support_decided[i] = !flags[i] && raised[i] >= cut;
        }
        CommentScore {
            scores,
            flags,
            support_decided,
            cuts,
            findings,
            language: learned::Language::default(),
            insult_target: None,
        }
    }

    /// Whether `flag` was scored for this comment: spam always (links, numbers and campaigns
    /// need no language), insults and unsupported assertions in the scored languages.
    pub fn scored(&self, flag: Flag) -> bool {
        flag == Flag::Spam || self.language.scored
    }

    /// The score for `flag`.
    pub fn score(&self, flag: Flag) -> f32 {
        self.scores[flag.index()]
    }

    /// True when the comment is flagged for `flag` (its score reached the flag's threshold).
    pub fn flagged(&self, flag: Flag) -> bool {
        self.flags[flag.index()]
    }

    /// True when `finding` made the outcome: a positive finding of a flag the comment got, or
    /// a support finding that kept the comment under a threshold its other evidence reached.
    /// Unsupported claims are judged one by one (the score is the strongest claim's
    /// strength), so of a flagged comment's claims (`UNS010`) those that reach the threshold
    /// on their own are the reason, with the markers in them; a weaker claim beside them is
    /// not (unless no claim reaches it alone, when they all count).
    pub fn counted(&self, finding: &Finding) -> bool {
        let i = finding.flag.index();
        if finding.weight <= 0.0 {
            return self.support_decided[i];
        }
        if !self.flags[i] || !is_claim_finding(finding) {
            return self.flags[i];
        }
        let cut = self.cuts[i];
        let reaching = |f: &&Finding| f.code == claims::CLAIM_CODE && f.weight >= cut;
        let mut strong = self.findings.iter().filter(reaching).peekable();
        if strong.peek().is_none() {
            return true;
        }
        if finding.code == claims::CLAIM_CODE {
            return finding.weight >= cut;
        }
        strong.any(|c| c.span.start <= finding.span.start && finding.span.end <= c.span.end)
    }

    /// True when `finding` is reported by default (`--findings flagged`): the findings of a
    /// flagged comment, and the support findings that explain a non-flag; of unsupported
    /// claims, one row per claim [`Self::counted`]: its markers (boosters, accusations,
    /// labels) are inside its span and their weight is in its strength, so they are written
    /// with `--findings all`, as are a flagged comment's weaker claims. Markers are shown
    /// where no claim of the comment is (a flag that other evidence reached).
    pub fn shown(&self, finding: &Finding) -> bool {
        if is_claim_finding(finding) {
            return self.counted(finding)
                && (finding.code == claims::CLAIM_CODE
                    || !self
                        .findings
                        .iter()
                        .any(|f| f.code == claims::CLAIM_CODE && self.counted(f)));
        }
        self.flagged(finding.flag) || self.counted(finding)
    }
}

/// A positive finding that is part of an unsupported claim's strength: the claim or a marker.
fn is_claim_finding(finding: &Finding) -> bool {
    finding.flag == Flag::Unsupported && finding.weight > 0.0 && claims::is_claim_part(finding.code)
}

/// What the scorer uses besides the rules: the learned models and the user's configuration.
#[derive(Debug, Clone, Default)]
pub struct Scorer {
    /// The learned models, at most one per flag: the shipped ones ([`learned::shipped_models`]),
    /// each replaced by a `--model FILE` of its flag, or none with `--no-model`.
    pub models: Vec<learned::Model>,
    /// Rule selection, thresholds, allow-list and site terms.
    pub config: config::Config,
}

impl Scorer {
    /// The models whose findings' code the configuration selects.
    pub fn models(&self) -> Vec<&learned::Model> {
        self.models
            .iter()
            .filter(|m| self.config.enabled(learned::code_of(m.flag).0))
            .collect()
    }

    /// The model of `flag`, unless the configuration deselects its findings' code.
    pub fn model_of(&self, flag: Flag) -> Option<&learned::Model> {
        self.models().into_iter().find(|m| m.flag == flag)
    }

    /// SHA-256 of everything that decides a score in this run (see [`ruleset_digest`]).
    pub fn digest(&self) -> String {
        ruleset_digest_with(&self.models(), &self.config)
    }
}

/// A spam signal on the page outside the comments (injected links, contact promos).
#[derive(Clone, Debug, PartialEq)]
pub struct PageFinding {
    /// The rule's stable code.
    pub code: &'static str,
    /// The rule's name.
    pub name: &'static str,
    /// The link or contact.
    pub value: String,
    /// Weight in [0, 1].
    pub weight: f32,
}

/// Scores of a thread: one per comment (in comment order) and the page's own spam.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ThreadScore {
    /// Per comment, same order as `Thread::comments`.
    pub comments: Vec<CommentScore>,
    /// Page-level spam findings.
    pub page: Vec<PageFinding>,
}

/// What the whole run knows that one comment does not: how often each link and each text
/// occurs, to recognise campaigns (the same drop posted across comments and threads).
///
/// Counts live in a count-min sketch of fixed size (4 rows of 2²⁰ atomic counters, 16 MiB),
/// so memory stays flat however large the run; counts can only be over-estimated, by
/// collisions that are rare below tens of millions of distinct keys. Hashing is fixed, so the
/// same run always counts the same.
#[derive(Debug, Default)]
pub struct RunContext {
    sketch: std::sync::OnceLock<Box<[AtomicU32]>>,
}

const SKETCH_ROWS: usize = 4;
const SKETCH_WIDTH: usize = 1 << 20;

impl RunContext {
    /// Counts links and texts over every comment of the run, each campaign key once per
    /// author and thread (see [`RunContext::add_thread`]).
    pub fn build<'a>(threads: impl Iterator<Item = &'a Thread>) -> Self {
        let run = RunContext::default();
        let mut seen = rustc_hash::FxHashSet::default();
        for thread in threads {
            run.add_thread(thread, &mut seen);
        }
        run
    }

    /// Counts one comment's campaign keys (each distinct link once, and its text), once per
    /// comment. The streaming dump path counts this way: it cannot remember what it has seen,
    /// so [`campaign_count`] subtracts, at scoring time, a thread's own repeats of a key by
    /// one author. Safe to call from many threads at once: counts are atomic additions, so the
    /// totals do not depend on order.
    pub fn add(&self, text: &str) {
        let keys = campaign_keys(text);
        self.bump(keys.iter().map(|k| k.cells()));
    }

    /// Counts a whole thread's campaign keys, each key once per (thread, author): the same
    /// comment seen through two formats of one thread (same thread id, same author) or one
    /// author's repeated comment in one thread counts once, so a campaign is the same link or
    /// text from *different* authors or threads. Comments without a real author name
    /// (empty, `[deleted]`, `Anonymous`) stand for themselves, by comment id. `seen` holds the
    /// (thread, author, key) triples counted so far in this run (8 bytes each); the run keeps
    /// it for the inputs it reads whole, never for streamed dumps.
    pub fn add_thread(&self, thread: &Thread, seen: &mut rustc_hash::FxHashSet<u64>) {
        let new: Vec<[usize; SKETCH_ROWS]> = thread_campaign_keys(thread)
            .into_iter()
            .filter(|&(triple, _)| seen.insert(triple))
            .map(|(_, key)| KeyHash(key).cells())
            .collect();
        self.bump(new.into_iter());
    }

    /// Counts the campaign key `key` (from [`thread_campaign_keys`] or
    /// [`text_campaign_keys`]) `times` times: a run split over machines counts its keys where
    /// they are and adds them up here, or merges sketches ([`RunContext::merge`]).
    pub fn add_key(&self, key: u64, times: u32) {
        if times == 0 {
            return;
        }
        let sketch = self.sketch();
        for cell in KeyHash(key).cells() {
            sketch[cell].fetch_add(times, Ordering::Relaxed);
        }
    }

    /// Adds another run's counts to this one's: counting two halves of a run and merging
    /// them gives the counts of the whole run, cell for cell.
    pub fn merge(&self, other: &RunContext) {
        let Some(theirs) = other.sketch.get() else {
            return;
        };
        let ours = self.sketch();
        for (mine, their) in ours.iter().zip(theirs.iter()) {
            let n = their.load(Ordering::Relaxed);
            if n > 0 {
                mine.fetch_add(n, Ordering::Relaxed);
            }
        }
    }

    /// The counts as bytes, to ship them between processes: each non-zero cell as its index
    /// and count (little-endian `u32` pairs), so a small run's counts are small.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        if let Some(sketch) = self.sketch.get() {
            for (i, cell) in sketch.iter().enumerate() {
                let n = cell.load(Ordering::Relaxed);
                if n > 0 {
                    out.extend_from_slice(&(i as u32).to_le_bytes());
                    out.extend_from_slice(&n.to_le_bytes());
                }
            }
        }
        out
    }

    /// Counts written by [`RunContext::to_bytes`]; `None` when the bytes are not such counts.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        if bytes.len() % 8 != 0 {
            return None;
        }
        let run = RunContext::default();
        if bytes.is_empty() {
            return Some(run);
        }
        let sketch = run.sketch();
        for pair in bytes.chunks_exact(8) {
            let cell = u32::from_le_bytes(pair[..4].try_into().ok()?) as usize;
            let n = u32::from_le_bytes(pair[4..].try_into().ok()?);
            sketch.get(cell)?.fetch_add(n, Ordering::Relaxed);
        }
        Some(run)
    }

    fn sketch(&self) -> &[AtomicU32] {
        self.sketch.get_or_init(|| {
            (0..SKETCH_ROWS * SKETCH_WIDTH)
                .map(|_| AtomicU32::new(0))
                .collect()
        })
    }

    fn bump(&self, cells: impl Iterator<Item = [usize; SKETCH_ROWS]>) {
        let mut cells = cells.peekable();
        if cells.peek().is_none() {
            return;
        }
        let sketch = self.sketch();
        for cell in cells.flatten() {
            sketch[cell].fetch_add(1, Ordering::Relaxed);
        }
    }

    fn count(&self, cells: [usize; SKETCH_ROWS]) -> usize {
        let Some(sketch) = self.sketch.get() else {
            return 0;
        };
        cells
            .iter()
            .map(|&c| sketch[c].load(Ordering::Relaxed) as usize)
            .min()
            .unwrap_or(0)
    }

    /// In how many comments of the run this link occurs (counted as [`RunContext::add`] and
    /// [`RunContext::add_thread`] count).
    pub fn link_count(&self, key: &str) -> usize {
        self.count(link_key(key).cells())
    }

    /// In how many comments of the run this text occurs.
    pub fn text_count(&self, text: &str) -> usize {
        text_key(text).map_or(0, |k| self.count(k.cells()))
    }
}

/// A whole thread's campaign keys as [`RunContext::add_thread`] counts them: one pair per
/// distinct (author, key) of the thread, the key's hash and the hash of its (thread, author,
/// key) triple. A run that reads the same thread twice (two formats of one thread, on two
/// machines) counts each triple once: keep the first pair of each triple, then count keys.
pub fn thread_campaign_keys(thread: &Thread) -> Vec<(u64, u64)> {
    let mut out = Vec::new();
    for c in &thread.comments {
        let who = campaign_author(c);
        for k in campaign_keys(&c.text) {
            let mut triple = KeyHash::new();
            triple.feed(thread.id.as_bytes());
            triple.feed(&[0xff]);
            triple.feed(who.as_bytes());
            triple.feed(&[0xff]);
            triple.feed(&k.0.to_le_bytes());
            out.push((triple.0, k.0));
        }
    }
    out
}

/// A text's campaign keys as [`RunContext::add`] counts them, once per comment (the streamed
/// dump path; [`campaign_count`] takes a thread's own repeats off when it scores).
pub fn text_campaign_keys(text: &str) -> Vec<u64> {
    campaign_keys(text).into_iter().map(|k| k.0).collect()
}

/// Who posted a comment, for campaign counts: the author's name, or for a placeholder name
/// the comment itself (two `Anonymous` comments may be two people).
fn campaign_author(c: &Comment) -> String {
    match c.author.as_deref() {
        Some(name) if !crate::model::is_placeholder_author(name) => format!("a {name}"),
        _ => format!("c {}", c.id),
    }
}

/// The campaign keys of a text: each distinct link, then the text itself when it is long
/// enough to be a campaign when repeated.
fn campaign_keys(text: &str) -> Vec<KeyHash> {
    let mut keys: Vec<u64> = links::comment_links(text)
        .into_iter()
        .map(|l| link_key(&l.key).0)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let mut keys: Vec<KeyHash> = keys.into_iter().map(KeyHash).collect();
    keys.extend(text_key(text));
    keys
}

/// How many distinct (author, thread) pairs posted a campaign key, for the comment being
/// scored: the run's count less the repeats of the key by this comment's author in this
/// thread that the count holds beyond one. Inputs read whole were counted once per (thread,
/// author) already; a streamed dump's thread counted each comment, so its own repeats are
/// taken off here (see [`OwnRepeats`]).
pub fn campaign_count(ctx: &CommentContext<'_>, key: CampaignKey<'_>) -> usize {
    let Some(hash) = (match key {
        CampaignKey::Link(k) => Some(link_key(k)),
        CampaignKey::Text(t) => text_key(t),
    }) else {
        return 0;
    };
    let count = ctx.run.count(hash.cells());
    // Own repeats only ever lower a count above one; most keys occur once.
    let own = match ctx.own_repeats {
        Some(own) if count > 1 => own.of(ctx.comment, hash.0),
        _ => 1,
    };
    count.saturating_sub(own.saturating_sub(1) as usize)
}

/// A campaign key of a comment: one of its links (by [`links::CommentLink::key`]) or its text.
#[derive(Clone, Copy, Debug)]
pub enum CampaignKey<'a> {
    /// A link's key.
    Link(&'a str),
    /// The whole text.
    Text(&'a str),
}

fn own_key(who: &str, key: u64) -> u64 {
    let mut h = KeyHash::new();
    h.feed(who.as_bytes());
    h.feed(&[0xff]);
    h.feed(&key.to_le_bytes());
    h.0
}

/// For a thread counted comment by comment ([`RunContext::add`]): how often each author
/// posted each campaign key in it. Built on first use, so a thread whose keys all occur once
/// in the run never reads its links a second time.
pub struct OwnRepeats<'a> {
    thread: &'a Thread,
    counts: std::sync::OnceLock<HashMap<u64, u32>>,
}

impl<'a> OwnRepeats<'a> {
    /// The repeats of `thread`, not yet counted.
    pub fn new(thread: &'a Thread) -> Self {
        OwnRepeats {
            thread,
            counts: std::sync::OnceLock::new(),
        }
    }

    /// How often `comment`'s author posted the key hashed as `key` in the thread (at least 1).
    fn of(&self, comment: &Comment, key: u64) -> u32 {
        let counts = self.counts.get_or_init(|| {
            let mut map: HashMap<u64, u32> = HashMap::default();
            for c in &self.thread.comments {
                let who = campaign_author(c);
                for k in campaign_keys(&c.text) {
                    *map.entry(own_key(&who, k.0)).or_default() += 1;
                }
            }
            map
        });
        counts
            .get(&own_key(&campaign_author(comment), key))
            .copied()
            .unwrap_or(1)
    }
}

/// FNV-1a over the key's bytes, as it is built.
struct KeyHash(u64);

impl KeyHash {
    fn new() -> Self {
        KeyHash(0xcbf2_9ce4_8422_2325)
    }

    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// One cell per sketch row: the key's hash remixed with a per-row seed (splitmix64's
    /// finaliser), so a key is read once however many rows the sketch has.
    fn cells(&self) -> [usize; SKETCH_ROWS] {
        std::array::from_fn(|row| {
            let mut z = self.0 ^ (row as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^= z >> 31;
            row * SKETCH_WIDTH + (z % SKETCH_WIDTH as u64) as usize
        })
    }
}

/// The hash of a link's campaign key, `l ` and the link's key.
fn link_key(key: &str) -> KeyHash {
    let mut hash = KeyHash::new();
    hash.feed(b"l ");
    hash.feed(key.as_bytes());
    hash
}

/// The hash of a text's campaign key, `t ` and the text compared without case and spacing,
/// for texts long enough to be a campaign when repeated (25 letters or digits). Hashed as it
/// is folded, without building the key (this runs twice per comment).
fn text_key(text: &str) -> Option<KeyHash> {
    if text.contains(['Σ', 'ς']) {
        // Final-sigma lower-casing depends on context: fold the whole string instead.
        let key = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        return (key.chars().filter(|c| c.is_alphanumeric()).count() >= 25).then(|| {
            let mut hash = KeyHash::new();
            hash.feed(format!("t {key}").as_bytes());
            hash
        });
    }
    let mut hash = KeyHash::new();
    hash.feed(b"t ");
    let mut alphanumeric = 0;
    let mut buf = [0u8; 4];
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            hash.feed(b" ");
        }
        if word.is_ascii() {
            for b in word.bytes() {
                alphanumeric += usize::from(b.is_ascii_alphanumeric());
                hash.feed(&[b.to_ascii_lowercase()]);
            }
            continue;
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            alphanumeric += usize::from(c.is_alphanumeric());
            hash.feed(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    (alphanumeric >= 25).then_some(hash)
}

/// Everything a rule may look at for one comment.
pub struct CommentContext<'a> {
    /// The comment.
    pub comment: &'a Comment,
    /// Its own text (quotes removed).
    pub text: &'a str,
    /// Tokens and sentences of `text`.
    pub analysed: Analysed,
    /// Links in `text`, with their domains.
    pub links: Vec<CommentLink>,
    /// Direct replies to the comment.
    pub replies: Vec<&'a Comment>,
    /// Run-wide counts.
    pub run: &'a RunContext,
    /// For a thread counted comment by comment (a streamed dump), how often each author
    /// posted each campaign key in it (see [`campaign_count`]); `None` otherwise.
    pub own_repeats: Option<&'a OwnRepeats<'a>>,
    /// The registrable domain of the page the comment is on, when known: a commenter whose
    /// website is the page's own site (the blog's owner) does not promote another site.
    pub page_domain: Option<&'a str>,
    /// The terms of the page's article, when it has enough text ([`topic::ArticleTerms`]).
    pub article: Option<&'a topic::ArticleTerms>,
    /// The user's configuration (rule selection, thresholds, allow-list, site terms).
    pub config: &'a config::Config,
    /// The comment's language as its thread tells it ([`learned::in_thread_language`]);
    /// `None`: told from the comment alone.
    pub language: Option<learned::Language>,
    /// `text` in lower case when that keeps byte offsets (else empty): phrase lists match it.
    lower: String,
    /// The comment's claims and their support, read on first use ([`claims::reading`]).
    pub(crate) reading: std::cell::OnceCell<claims::Reading>,
    /// Quoted passages of `text`, found on first use ([`CommentContext::quotations`]).
    quotations: std::cell::OnceCell<Vec<Range<usize>>>,
    /// Matches of every phrase list, found on first use (see [`CommentContext::phrases`]).
    phrase_hits: std::cell::OnceCell<Vec<Vec<Range<usize>>>>,
    /// The same for each direct reply (see [`CommentContext::reply_phrases`]).
    reply_hits: std::cell::OnceCell<Vec<Vec<Vec<Range<usize>>>>>,
}

impl<'a> CommentContext<'a> {
    /// The context of `comment`, analysed once for all rules.
    pub fn new(comment: &'a Comment, replies: Vec<&'a Comment>, run: &'a RunContext) -> Self {
        let text = comment.text.as_str();
        let lower = text.to_lowercase();
        CommentContext {
            comment,
            text,
            analysed: text::analyse(text),
            links: links::comment_links(text),
            replies,
            run,
            own_repeats: None,
            page_domain: None,
            article: None,
            config: &config::DEFAULT,
            language: None,
            lower: if lower.len() == text.len() {
                lower
            } else {
                String::new()
            },
            reading: std::cell::OnceCell::new(),
            quotations: std::cell::OnceCell::new(),
            phrase_hits: std::cell::OnceCell::new(),
            reply_hits: std::cell::OnceCell::new(),
        }
    }

    /// The same context scored with `config` instead of the default configuration.
    pub fn with_config(mut self, config: &'a config::Config) -> Self {
        self.config = config;
        self
    }

    /// Matches of a phrase list in the comment's own text. Every list is matched in one scan,
    /// on first use, of the text lower-cased once per comment.
    pub fn phrases(&self, list: &lexicon::PhraseList) -> Vec<Range<usize>> {
        let Some(index) = lexicon::phrase_index(list) else {
            return list.find(self.text);
        };
        let all = self.phrase_hits.get_or_init(|| {
            if self.lower.is_empty() && !self.text.is_empty() {
                lexicon::PHRASES.find_all(self.text)
            } else {
                lexicon::PHRASES.find_all_lowered(&self.lower, self.text)
            }
        });
        all.get(index).cloned().unwrap_or_default()
    }

    /// The passages the comment quotes ([`claims::quotations`]): someone else's words, for
    /// the claim reading and for insults alike. Found once, on first use.
    pub fn quotations(&self) -> &[Range<usize>] {
        self.quotations
            .get_or_init(|| claims::quotations(self.text))
    }

    /// Matches of a phrase list in each direct reply's text, in reply order. Rules that read
    /// the replies ask several lists of each; every list is matched in one scan per reply, on
    /// first use.
    pub fn reply_phrases(&self, list: &lexicon::PhraseList) -> Vec<&[Range<usize>]> {
        let Some(index) = lexicon::phrase_index(list) else {
            return Vec::new();
        };
        self.reply_hits
            .get_or_init(|| {
                self.replies
                    .iter()
                    .map(|r| lexicon::PHRASES.find_all(&r.text))
                    .collect()
            })
            .iter()
            .map(|all| all[index].as_slice())
            .collect()
    }
}

/// Scores every comment of a thread and the page's own links.
pub fn score_thread(thread: &Thread, run: &RunContext, scorer: &Scorer) -> ThreadScore {
    let models = scorer.models();
    let mut replies: HashMap<&str, Vec<&Comment>> = HashMap::default();
    for c in &thread.comments {
        if let Some(parent) = c.parent_id.as_deref() {
            replies.entry(parent).or_default().push(c);
        }
    }
    // A streamed dump's comments were counted one by one: take each author's own repeats off.
    let own = matches!(
        thread.page.format,
        crate::model::Format::PushshiftNdjson | crate::model::Format::StackExchangeXml
    )
    .then(|| OwnRepeats::new(thread));
    let page_domain = thread
        .page
        .url
        .as_deref()
        .and_then(links::host_of)
        .and_then(|h| links::registrable_domain(&h));
    let article = topic::ArticleTerms::of(&thread.page);
    // Languages first: a comment too short to identify is in its thread's language.
    let mode = &scorer.config.language;
    let languages: Vec<learned::Language> = thread
        .comments
        .par_iter()
        .with_min_len(64)
        .map(|c| learned::comment_language(&c.text, mode))
        .collect();
    let in_thread = learned::thread_language(&languages);
    // Comments in parallel too: one long thread would otherwise keep a core busy alone.
    let comments = thread
        .comments
        .par_iter()
        .zip(languages.par_iter())
        .with_min_len(64)
        .map(|(comment, &language)| {
            let ctx = CommentContext::new(
                comment,
                replies
                    .get(comment.id.as_str())
                    .cloned()
                    .unwrap_or_default(),
                run,
            )
            .with_config(&scorer.config);
            let ctx = CommentContext {
                own_repeats: own.as_ref(),
                page_domain: page_domain.as_deref(),
                article: article.as_ref(),
                language: Some(learned::in_thread_language(
                    &comment.text,
                    language,
                    in_thread,
                    mode,
                )),
                ..ctx
            };
            score_comment(&ctx, &models)
        })
        .collect();
    let mut page = rules::page::page_findings(&thread.page);
    page.retain(|f| scorer.config.enabled(f.code));
    ThreadScore { comments, page }
}

/// Runs every selected rule on one comment and combines the findings into scores, with the
/// thresholds and allow-list of the context's configuration.
pub fn score_comment(ctx: &CommentContext<'_>, models: &[&learned::Model]) -> CommentScore {
    let config = ctx.config;
    let language = ctx
        .language
        .unwrap_or_else(|| learned::comment_language(ctx.text, &config.language));
    // In a language the word lists and models are not written for, only spam is scored.
    let in_language = |flag: Flag| flag == Flag::Spam || language.scored;
    let kept_models: Vec<&learned::Model>;
    let models = if language.scored {
        models
    } else {
        kept_models = models
            .iter()
            .copied()
            .filter(|m| in_language(m.flag))
            .collect();
        &kept_models
    };
    let mut findings: Vec<Finding> = Vec::new();
    for rule in rules::REGISTRY
        .iter()
        .filter(|r| config.enabled(r.code) && in_language(r.flag))
    {
        for hit in (rule.check)(ctx) {
            findings.push(Finding {
                code: rule.code,
                name: rule.name,
                flag: rule.flag,
                text: hit
                    .label
                    .unwrap_or_else(|| ctx.text.get(hit.span.clone()).unwrap_or("").to_string()),
                span: hit.span,
                weight: rule.weight * hit.strength,
            });
        }
    }
    // Words the writer quotes are someone else's (`"women are scum" is a vile thing to say`):
    // the insult model reads the comment without them, and insult rules that matched inside
    // them do not count. Most comments quote nothing and pay nothing for it.
    let unquoted = Unquoted::of(ctx);
    if let Some(u) = &unquoted {
        findings.retain(|f| f.flag != Flag::Insult || !u.covers(f.span.start));
    }
    let input = |flag: Flag| match &unquoted {
        Some(u) if flag == Flag::Insult => (&u.analysed, u.links.as_slice()),
        _ => (&ctx.analysed, ctx.links.as_slice()),
    };
    let margins = match &unquoted {
        None => learned::margins(models, &ctx.analysed, &ctx.links),
        Some(_) => models
            .iter()
            .map(|m| {
                let (analysed, links) = input(m.flag);
                m.margin(analysed, links)
            })
            .collect(),
    };
    let mut with_margins: Vec<(&learned::Model, f32)> =
        models.iter().copied().zip(margins).collect();
    for (model, margin) in &with_margins {
        let (analysed, links) = input(model.flag);
        findings.extend(model.findings_at(*margin, ctx.text, analysed, links));
    }
    findings.retain(|f| f.flag == Flag::Unsupported || !config.allows(&f.text));
    let aside: Vec<bool> = with_margins
        .iter()
        .map(|&(model, margin)| stands_aside(ctx, model, margin, &findings, &with_margins))
        .collect();
    let mut aside = aside.into_iter();
    with_margins.retain(|_| !aside.next().unwrap_or(false));
    let kept: Vec<&str> = with_margins
        .iter()
        .map(|(m, _)| learned::code_of(m.flag).0)
        .collect();
    findings.retain(|f| !learned::CODES.contains(&f.code) || kept.contains(&f.code));
    let mut score = CommentScore::of(findings, &with_margins, config);
    // Whom the insult is aimed at is read around what the rules matched (`dishonest people
    // like you`); the spans then narrow to the insulting words.
    let insult_target = score.flags[Flag::Insult.index()]
        .then(|| target::insult_target(ctx, &score.findings))
        .flatten();
    narrow_to_insulting_words(ctx, &mut score.findings);
    CommentScore {
        language,
        insult_target,
        ..score
    }
}

/// Words of its own a comment needs beside its quotations for them to be read as someone
/// else's (`"…" is a vile thing to say`).
const MIN_OWN_WORDS: usize = 3;

/// A comment's words without what it quotes: the quoted passages blanked with spaces of the
/// same length, so every byte offset still points into the comment's own text.
struct Unquoted<'c> {
    quoted: &'c [Range<usize>],
    analysed: Analysed,
    links: Vec<CommentLink>,
}

impl<'c> Unquoted<'c> {
    /// `None` when the comment quotes nothing, or is all quotation (fewer than
    /// [`MIN_OWN_WORDS`] of its own): then it presents the words as its own.
    fn of(ctx: &'c CommentContext<'_>) -> Option<Self> {
        let quoted = ctx.quotations();
        let in_quote = |at: usize| quoted.iter().any(|q| q.contains(&at));
        if quoted.is_empty()
            || ctx
                .analysed
                .tokens
                .iter()
                .filter(|t| !in_quote(t.span.start))
                .count()
                < MIN_OWN_WORDS
        {
            return None;
        }
        let mut bytes = ctx.text.as_bytes().to_vec();
        for q in quoted {
            bytes[q.clone()].fill(b' ');
        }
        // Quotation ranges start and end at character boundaries, so blanking them whole
        // keeps the text valid UTF-8.
        let text = String::from_utf8(bytes).unwrap_or_default();
        Some(Unquoted {
            quoted,
            analysed: text::analyse(&text),
            links: ctx
                .links
                .iter()
                .filter(|l| !in_quote(l.span.start))
                .cloned()
                .collect(),
        })
    }

    /// Whether a byte offset lies inside a quotation.
    fn covers(&self, at: usize) -> bool {
        self.quoted.iter().any(|q| q.contains(&at))
    }
}

/// Narrows each insult rule's finding to the insulting words within what it matched: from
/// the first to the last word in it that is profanity, an insult noun or adjective, or an
/// insult span word (`you are a complete idiot` → `idiot`; `you stupid fool` → `stupid
/// fool`). A finding with none of them (a threat, a shill accusation) keeps its span. The
/// rule's code says what it matched; the span shows the words that insult, as annotators mark
/// them (Toxic Spans: span F1 0.614 → 0.634 on the SemEval trial split).
fn narrow_to_insulting_words(ctx: &CommentContext<'_>, findings: &mut [Finding]) {
    for f in findings
        .iter_mut()
        .filter(|f| f.flag == Flag::Insult && f.weight > 0.0 && !f.span.is_empty())
        // A labelled finding reports something other than its words; it keeps its span.
        .filter(|f| ctx.text.get(f.span.clone()) == Some(f.text.as_str()))
    {
        let mut words = ctx
            .analysed
            .tokens
            .iter()
            .filter(|t| f.span.start <= t.span.start && t.span.end <= f.span.end)
            .filter(|t| rules::insult::is_insulting_word(t, false));
        let Some(first) = words.next() else {
            continue;
        };
        let end = words.last().map_or(first.span.end, |t| t.span.end);
        let span = first.span.start..end;
        f.text = ctx.text.get(span.clone()).unwrap_or("").to_string();
        f.span = span;
    }
}

/// Whether `model` stands aside on this comment: its flag's decision rests on it and the
/// comment is in a language it was not trained on. Identifying the language costs more than
/// scoring the comment, so it is asked only where the model speaks or rules of its flag fired
/// and the decision with the model differs from the one without it; elsewhere the model's
/// (non-deciding) score and reasons stay.
fn stands_aside(
    ctx: &CommentContext<'_>,
    model: &learned::Model,
    margin: f32,
    findings: &[Finding],
    with_margins: &[(&learned::Model, f32)],
) -> bool {
    let flag = model.flag;
    let own = learned::code_of(flag).0;
    let speaks = model.weight_at(margin) > 0.0
        || findings
            .iter()
            .any(|f| f.flag == flag && f.weight > 0.0 && f.code != own);
    if model.info.languages.is_empty() || !speaks {
        return false;
    }
    let cut = ctx.config.threshold(flag);
    let with = combine_with(findings, with_margins)[flag.index()] >= cut;
    let others: Vec<(&learned::Model, f32)> = with_margins
        .iter()
        .copied()
        .filter(|(m, _)| m.flag != flag)
        .collect();
    let rules_only: Vec<Finding> = findings.iter().filter(|f| f.code != own).cloned().collect();
    let without = combine_with(&rules_only, &others)[flag.index()] >= cut;
    with != without && !model.covers(ctx.text)
}

/// SHA-256 of everything that decides a score: every rule's code, name, flag and weight, the
/// page rules, every lexicon file, the thresholds and the model weights. Two runs with the
/// same digest score the same text the same way.
pub fn ruleset_digest(models: &[&learned::Model]) -> String {
    ruleset_digest_with(models, &config::DEFAULT)
}

/// [`ruleset_digest`] of a run with a configuration; the default configuration adds nothing,
/// so the version's own digest is the default run's.
pub fn ruleset_digest_with(models: &[&learned::Model], config: &config::Config) -> String {
    let mut canon = format!(
        "threshold {THRESHOLD}\ncampaign {}\n",
        rules::spam::CAMPAIGN_MIN
    );
    for r in rules::REGISTRY {
        canon.push_str(&format!(
            "{} {} {} {}\n",
            r.code,
            r.name,
            r.flag.name(),
            r.weight
        ));
    }
    for r in rules::page::RULES {
        canon.push_str(&format!("{} {} {}\n", r.code, r.name, r.weight));
    }
    for (name, data) in lexicon::FILES {
        canon.push_str(&format!("== {name}\n{data}"));
    }
    canon.push_str(&format!(
        "== insult_span_words.tsv\n{}",
        learned::SPAN_WORDS_FILE
    ));
    for model in models {
        canon.push_str(&format!("== model {}\n", model.digest()));
    }
    if !config.is_default() {
        canon.push_str(&format!("== config\n{}", config.canonical()));
    }
    crate::ids::sha256_hex(canon.as_bytes())
}

/// Noisy-OR of the strongest positive finding per rule, scaled by the negative ones.
pub fn combine(findings: &[Finding]) -> [f32; 3] {
    combine_with(findings, &[])
}

/// The three scores: per flag, noisy-OR of the strongest positive finding per rule, except
/// for the flag of a model with a learned [`learned::Combiner`], whose score the combiner makes
/// from the model's margin and the rules' hits; either is then scaled by the negative
/// findings (signals of support). `learned` holds each model with its margin.
pub fn combine_with(findings: &[Finding], learned: &[(&learned::Model, f32)]) -> [f32; 3] {
    combine_raised(findings, learned).0
}

/// The scores, and per flag the score the positive evidence alone makes (before support).
fn combine_raised(
    findings: &[Finding],
    learned: &[(&learned::Model, f32)],
) -> ([f32; 3], [f32; 3]) {
    let mut scores = [0.0; 3];
    let mut raised_all = [0.0; 3];
    for flag in Flag::ALL {
        let mut strongest: HashMap<&str, f32> = HashMap::default();
        let mut against: HashMap<&str, f32> = HashMap::default();
        for f in findings.iter().filter(|f| f.flag == flag) {
            let slot = if f.weight >= 0.0 {
                &mut strongest
            } else {
                &mut against
            };
            let w = slot.entry(f.code).or_insert(0.0);
            *w = w.max(f.weight.abs());
        }
        let kept: f32 = against.values().map(|w| 1.0 - w.clamp(0.0, 1.0)).product();
        let combined = learned
            .iter()
            .find(|(m, _)| m.flag == flag)
            .and_then(|(m, margin)| {
                let combiner = m.info.combiner.as_ref()?;
                Some(combiner.score(*margin, findings, flag))
            });
        if flag == Flag::Unsupported && combined.is_none() {
            // The strongest unsupported claim (its markers are in its weight), with any other
            // evidence by noisy-OR; support is linked to the claims it backs, so it scales
            // nothing, and would have flagged when the claim it backs was strong enough.
            let claim = strongest.get(claims::CLAIM_CODE).copied().unwrap_or(0.0);
            let others: f32 = strongest
                .iter()
                .filter(|(code, _)| !claims::is_claim_part(code))
                .map(|(_, w)| 1.0 - w.clamp(0.0, 1.0))
                .product();
            let score = 1.0 - (1.0 - claim.clamp(0.0, 1.0)) * others;
            let backed = against.values().copied().fold(0.0, f32::max);
            scores[flag.index()] = score.clamp(0.0, 1.0);
            raised_all[flag.index()] = score.max(backed).clamp(0.0, 1.0);
            continue;
        }
        let raised = combined.unwrap_or_else(|| {
            1.0 - strongest
                .values()
                .map(|w| 1.0 - w.clamp(0.0, 1.0))
                .product::<f32>()
        });
        scores[flag.index()] = (raised * kept).clamp(0.0, 1.0);
        raised_all[flag.index()] = raised.clamp(0.0, 1.0);
    }
    (scores, raised_all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_words_are_someone_elses_for_insults() {
        let models = learned::shipped_models();
        let models: Vec<&learned::Model> = models.iter().collect();
        let score = |text: &str| {
            let s = crate::eval::score_as_comment(text, false, &models);
            (s.flagged(Flag::Insult), s.findings)
        };
        let text = "Saying \"you are all stupid worthless idiots\" is a vile thing to do here.";
        let (quoting, findings) = score(text);
        assert!(!quoting, "{findings:?}");
        let quote_end = text.rfind('"').unwrap();
        assert!(
            findings
                .iter()
                .all(|f| f.flag != Flag::Insult || f.span.start > quote_end),
            "{findings:?}"
        );
        // The same words as the writer's own, or a comment that is all quotation, insult.
        assert!(score("You are all stupid worthless idiots, a vile bunch here.").0);
        assert!(score("\"You are all stupid worthless idiots.\"").0);
    }

    #[test]
    fn a_flagged_comments_weaker_claims_are_not_its_reason() {
        let text = "Clearly the Ukrainian government shot down the plane. What now? The old bridge was rebuilt in 2019 by the city council.";
        let s = crate::eval::score_as_comment(text, false, &[]);
        assert!(s.flagged(Flag::Unsupported), "{:?}", s.findings);
        let claims: Vec<&Finding> = s
            .findings
            .iter()
            .filter(|f| f.code == claims::CLAIM_CODE)
            .collect();
        assert_eq!(claims.len(), 2, "{claims:?}");
        let (strong, weak) = (claims[0], claims[1]);
        assert!(strong.weight >= 0.5 && weak.weight < 0.5, "{claims:?}");
        assert!(s.counted(strong) && s.shown(strong));
        assert!(!s.counted(weak) && !s.shown(weak));
        // The markers of the strong claim are its reason too, and the claim's one row stands
        // for them by default.
        let booster = s.findings.iter().find(|f| f.code == "UNS001").unwrap();
        assert!(s.counted(booster) && !s.shown(booster));
        assert!(strong.span.start <= booster.span.start && booster.span.end <= strong.span.end);
    }

    #[test]
    fn counts_made_in_parts_merge_into_the_whole_runs() {
        let texts = [
            "Cheap watches at https://spam.example/buy today!",
            "Cheap watches at https://spam.example/buy today!",
            "A different comment that is long enough to be a key.",
        ];
        let whole = RunContext::default();
        for t in texts {
            whole.add(t);
        }
        let (a, b) = (RunContext::default(), RunContext::default());
        a.add(texts[0]);
        for t in &texts[1..] {
            for key in text_campaign_keys(t) {
                b.add_key(key, 1);
            }
        }
        a.merge(&b);
        assert_eq!(a.to_bytes(), whole.to_bytes());
        let shipped = RunContext::from_bytes(&whole.to_bytes()).unwrap();
        assert_eq!(shipped.text_count(texts[0]), 2);
        let link = links::comment_links(texts[0]).remove(0).key;
        assert_eq!(shipped.link_count(&link), 2);
        assert!(RunContext::from_bytes(&[1, 2, 3]).is_none());
        // A cell index past the sketch is refused, not a panic.
        assert!(RunContext::from_bytes(&[0xff; 8]).is_none());
        assert_eq!(
            RunContext::from_bytes(&[]).unwrap().to_bytes(),
            Vec::<u8>::new()
        );
    }

    #[test]
    fn text_key_hashes_the_folded_key() {
        let folded = |text: &str| {
            let key = text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            (key.chars().filter(|c| c.is_alphanumeric()).count() >= 25).then(|| {
                let mut hash = KeyHash::new();
                hash.feed(format!("t {key}").as_bytes());
                hash.0
            })
        };
        for text in [
            "Visit My Channel for FREE gift cards   today\n\tplease",
            "ÉCOUTEZ   CETTE CHANSON MAINTENANT ÇA VAUT LE COUP",
            "İSTANBUL İSTANBUL İSTANBUL İSTANBUL İSTANBUL",
            "ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ",
            "too short",
            "",
        ] {
            assert_eq!(text_key(text).map(|k| k.0), folded(text), "{text}");
        }
    }

    fn finding(code: &'static str, flag: Flag, weight: f32) -> Finding {
        Finding {
            code,
            name: "x",
            flag,
            span: 0..0,
            text: String::new(),
            weight,
        }
    }

    #[test]
    fn strongest_hit_per_rule_counts_once_and_the_strongest_claim_scores() {
        let fs = [
            finding("A", Flag::Insult, 0.5),
            finding("A", Flag::Insult, 0.3),
            finding("B", Flag::Insult, 0.5),
            finding("UNS010", Flag::Unsupported, 0.4),
            finding("UNS010", Flag::Unsupported, 0.6),
            finding("UNS001", Flag::Unsupported, 0.45),
            finding("UNS101", Flag::Unsupported, -0.8),
            finding("UNS900", Flag::Unsupported, 0.5),
        ];
        let s = combine(&fs);
        assert!((s[0] - 0.75).abs() < 1e-6);
        assert_eq!(s[1], 0.0);
        // The strongest claim (its markers are in its weight), noisy-OR the model; the
        // support backs another claim and scales nothing.
        assert!((s[2] - 0.8).abs() < 1e-6);
    }
}
