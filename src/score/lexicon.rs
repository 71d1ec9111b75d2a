//! Word and phrase lists, kept as data files under `src/score/lexicons/` (one entry a line,
//! sorted, `#` comments) and compiled once.
//!
//! Two kinds of matching, for two kinds of list:
//! - [`WordList`] matches folded tokens (see [`super::text`]), so disguised words are found:
//!   plurals, masked letters (`sh**t` for `shit`), stretched letters (`stuuupid`). Entries with
//!   spaces or hyphens match token sequences. Whole tokens only, so `Scunthorpe`, `cockpit`,
//!   `assassin`, `therapist` and `analysis` never match.
//! - [`PhraseList`] matches lower-cased text with Aho-Corasick at word boundaries, for phrases
//!   whose punctuation matters (`source?`, `earn $`).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::text::Token;

/// Entries of a data file: trimmed, non-empty, not comments.
fn entries(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A list of words (or short word sequences) matched against folded tokens.
#[derive(Debug)]
pub struct WordList {
    words: HashSet<String>,
    sequences: Vec<Vec<String>>,
    collapsed: HashMap<String, String>,
}

/// Does `pattern` (with `*` runs) match `word`? A run of k stars matches 1 to k+1 letters.
fn wildcard(pattern: &[char], word: &[char]) -> bool {
    match pattern.first() {
        None => word.is_empty(),
        Some('*') => {
            let run = pattern.iter().take_while(|c| **c == '*').count();
            (1..=(run + 1).min(word.len())).any(|n| wildcard(&pattern[run..], &word[n..]))
        }
        Some(c) => word.first() == Some(c) && wildcard(&pattern[1..], &word[1..]),
    }
}

/// `aaa` → `a`: every run of one letter becomes one letter.
fn collapse(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Three of one letter in a row (`stuuupid`); runs on every token, so it allocates nothing.
fn has_stretch(word: &str) -> bool {
    let mut chars = word.chars();
    let (Some(mut a), Some(mut b)) = (chars.next(), chars.next()) else {
        return false;
    };
    for c in chars {
        if a == b && b == c {
            return true;
        }
        (a, b) = (b, c);
    }
    false
}

impl WordList {
    /// Compiles a data file.
    pub fn parse(data: &str) -> Self {
        let mut list = WordList {
            words: HashSet::default(),
            sequences: Vec::new(),
            collapsed: HashMap::default(),
        };
        for entry in entries(data) {
            let parts: Vec<String> = entry
                .split([' ', '-'])
                .map(super::text::fold)
                .filter(|p| !p.is_empty())
                .collect();
            if parts.len() > 1 {
                list.sequences.push(parts);
                continue;
            }
            let word = super::text::fold(entry);
            list.collapsed
                .entry(collapse(&word))
                .or_insert_with(|| word.clone());
            list.words.insert(word);
        }
        list
    }

    /// The list entry a single folded token stands for, if any.
    pub fn word(&self, norm: &str) -> Option<&str> {
        let forms = || {
            std::iter::once(norm).chain(
                ["s", "es", "'s"]
                    .into_iter()
                    .filter_map(|suffix| norm.strip_suffix(suffix)),
            )
        };
        if let Some(w) = forms().find_map(|f| self.words.get(f)) {
            return Some(w);
        }
        if norm.contains('*') {
            return self.masked(norm);
        }
        if has_stretch(norm) {
            return forms()
                .find_map(|f| self.collapsed.get(&collapse(f)))
                .map(String::as_str);
        }
        None
    }

    /// The list entry a token stands for (its spelled-out alternative included).
    pub fn token(&self, token: &Token) -> Option<&str> {
        self.word(&token.norm)
            .or_else(|| token.alt.as_deref().and_then(|a| self.word(a)))
    }

    /// `sh**t` → `shit`, `f***` → `fuck`: each run of `*` stands for one letter more or
    /// fewer than its length; the first letter must be shown, and a second one unless the
    /// word has four or more characters.
    fn masked(&self, norm: &str) -> Option<&str> {
        let chars: Vec<char> = norm.chars().collect();
        let shown = chars.iter().filter(|c| **c != '*').count();
        if chars[0] == '*' || (shown < 2 && chars.len() < 4) {
            return None;
        }
        let mut candidates: Vec<&String> = self
            .words
            .iter()
            .filter(|w| w.starts_with(chars[0]))
            .collect();
        candidates.sort();
        candidates
            .into_iter()
            .map(String::as_str)
            .find(|w| wildcard(&chars, &w.chars().collect::<Vec<_>>()))
    }

    /// True when the list has the token (cached per token for the single-word lists).
    pub fn contains(&self, token: &Token) -> bool {
        let lists = LEXICONS.tagged_lists();
        match lists.iter().position(|l| std::ptr::eq(*l, self)) {
            Some(bit) => tags(token) & (1 << bit) != 0,
            None => self.token(token).is_some(),
        }
    }

    /// Matches at token `i`: how many tokens the match covers.
    pub fn at(&self, tokens: &[Token], i: usize) -> Option<usize> {
        if self.contains(&tokens[i]) {
            return Some(1);
        }
        self.sequences
            .iter()
            .filter(|seq| i + seq.len() <= tokens.len())
            .find(|seq| {
                seq.iter()
                    .zip(&tokens[i..])
                    .all(|(w, t)| *w == t.norm || t.norm.strip_suffix('s') == Some(w))
            })
            .map(Vec::len)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.words.len() + self.sequences.len()
    }

    /// True when the list has no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A list of phrases matched in lower-cased text at word boundaries.
#[derive(Debug)]
pub struct PhraseList {
    matcher: AhoCorasick,
    phrases: Vec<String>,
}

impl PhraseList {
    /// Compiles a data file.
    pub fn parse(data: &str) -> Self {
        let mut phrases: Vec<String> = entries(data)
            .map(|e| e.trim_matches('"').to_lowercase())
            .collect();
        // A typed apostrophe matches a typographic one too (`you’re`).
        let curly: Vec<String> = phrases
            .iter()
            .filter(|p| p.contains('\''))
            .map(|p| p.replace('\'', "\u{2019}"))
            .collect();
        phrases.extend(curly);
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&phrases)
            .expect("phrase lists compile");
        PhraseList { matcher, phrases }
    }

    /// Byte spans of every match in `text` that starts and ends at a word boundary.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        let lower = text.to_lowercase();
        if lower.len() != text.len() {
            // Lower-casing changed byte lengths (rare scripts): match on the original instead.
            return self.find_in(text, text);
        }
        self.find_in(&lower, text)
    }

    /// Like [`PhraseList::find`], given the text already lower-cased (same byte length).
    pub fn find_lowered(&self, lower: &str, original: &str) -> Vec<Range<usize>> {
        self.find_in(lower, original)
    }

    fn find_in(&self, haystack: &str, original: &str) -> Vec<Range<usize>> {
        let mut spans = self
            .matcher
            .find_overlapping_iter(haystack)
            .map(|m| m.range())
            .collect();
        keep_whole_words(&mut spans, haystack, original);
        spans
    }

    /// Byte spans of every match in a lower-case `word` run together from several
    /// (`cheapflights`, a web address's label), word boundaries aside; overlapping ones too.
    pub fn find_inside(&self, word: &str) -> Vec<Range<usize>> {
        self.matcher
            .find_overlapping_iter(word)
            .map(|m| m.range())
            .collect()
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// True when the list has no phrases.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }
}

/// A match that starts and ends at a word boundary (or at punctuation in the phrase itself).
fn at_word_boundaries(haystack: &str, original: &str, r: &Range<usize>) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let first = haystack[r.clone()].chars().next();
    let last = haystack[r.clone()].chars().next_back();
    let before = original[..r.start].chars().next_back();
    let after = original[r.end..].chars().next();
    (!word(first) || !word(before)) && (!word(last) || !word(after))
}

/// Every phrase list in one automaton, so a comment is scanned once instead of once per list
/// (a tenth of the scoring time went to twelve scans). Gives each list exactly what
/// [`PhraseList::find`] gives: all occurrences are found, then each list keeps its
/// leftmost-longest non-overlapping ones, as its own automaton would.
#[derive(Debug)]
pub struct PhraseSet {
    matcher: AhoCorasick,
    /// The list of each pattern.
    owner: Vec<usize>,
    lists: usize,
}

impl PhraseSet {
    fn new(lists: &[&PhraseList]) -> Self {
        let mut patterns: Vec<&str> = Vec::new();
        let mut owner = Vec::new();
        for (i, list) in lists.iter().enumerate() {
            for p in &list.phrases {
                patterns.push(p);
                owner.push(i);
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("phrase lists compile");
        PhraseSet {
            matcher,
            owner,
            lists: lists.len(),
        }
    }

    /// The matches of every list (in [`Lexicons::phrase_lists`] order) in `text`.
    pub fn find_all(&self, text: &str) -> Vec<Vec<Range<usize>>> {
        let lower = text.to_lowercase();
        let haystack = if lower.len() == text.len() {
            lower.as_str()
        } else {
            text
        };
        self.find_all_in(haystack, text)
    }

    /// Like [`PhraseSet::find_all`], given the text already lower-cased (same byte length).
    pub fn find_all_lowered(&self, lower: &str, original: &str) -> Vec<Vec<Range<usize>>> {
        self.find_all_in(lower, original)
    }

    fn find_all_in(&self, haystack: &str, original: &str) -> Vec<Vec<Range<usize>>> {
        let mut by_list: Vec<Vec<Range<usize>>> = vec![Vec::new(); self.lists];
        for m in self.matcher.find_overlapping_iter(haystack) {
            by_list[self.owner[m.pattern().as_usize()]].push(m.range());
        }
        for spans in &mut by_list {
            keep_whole_words(spans, haystack, original);
        }
        by_list
    }
}

/// Of a list's overlapping matches, those that start and end at word boundaries, then the
/// leftmost-longest of them that do not overlap. Boundaries are checked first, so that a
/// phrase cut off inside a word (`free gift card` in `free gift cards`) cannot hide a whole
/// one it overlaps (`gift cards`).
fn keep_whole_words(spans: &mut Vec<Range<usize>>, haystack: &str, original: &str) {
    spans.retain(|r| at_word_boundaries(haystack, original, r));
    spans.sort_unstable_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut end = 0;
    spans.retain(|r| {
        let keep = r.start >= end;
        if keep {
            end = r.end;
        }
        keep
    });
}

/// A list of domains matched against a host and its parent domains.
#[derive(Debug)]
pub struct DomainList(HashSet<String>);

impl DomainList {
    /// Compiles a data file.
    pub fn parse(data: &str) -> Self {
        DomainList(entries(data).map(str::to_ascii_lowercase).collect())
    }

    /// True when `host` or one of its parent domains is listed.
    pub fn contains(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        let mut rest = host.as_str();
        loop {
            if self.0.contains(rest) {
                return true;
            }
            match rest.split_once('.') {
                Some((_, parent)) if parent.contains('.') || self.0.contains(parent) => {
                    rest = parent
                }
                _ => return false,
            }
        }
    }
}

macro_rules! lexicon_files {
    ($($field:ident: $kind:ident = $file:literal,)*) => {
        /// Every lexicon, compiled.
        #[derive(Debug)]
        pub struct Lexicons {
            $(#[doc = concat!("`lexicons/", $file, "`")] pub $field: $kind,)*
        }

        /// The raw data files, by name (for tests and the rule-set hash).
        pub const FILES: &[(&str, &str)] = &[$(($file, include_str!(concat!("lexicons/", $file))),)*];

        impl Lexicons {
            fn load() -> Self {
                Lexicons { $($field: $kind::parse(include_str!(concat!("lexicons/", $file))),)* }
            }
        }
    };
}

lexicon_files! {
    insult_nouns: WordList = "insult_nouns.txt",
    ambiguous_insults: WordList = "ambiguous_insults.txt",
    insult_adjectives: WordList = "insult_adjectives.txt",
    superlatives: WordList = "superlatives.txt",
    person_nouns: WordList = "person_nouns.txt",
    group_nouns: WordList = "group_nouns.txt",
    dehumanising: WordList = "dehumanising.txt",
    profanity: WordList = "profanity.txt",
    shill_terms: WordList = "shill_terms.txt",
    second_person: WordList = "second_person.txt",
    contact_words: WordList = "contact_words.txt",
    universals: WordList = "universals.txt",
    accusation_verbs: WordList = "accusation_verbs.txt",
    loaded_labels: WordList = "loaded_labels.txt",
    modals: WordList = "modals.txt",
    past_forms: WordList = "past_forms.txt",
    quantities: WordList = "quantities.txt",
    comparatives: WordList = "comparatives.txt",
    opinion_verbs: WordList = "opinion_verbs.txt",
    acknowledgements: WordList = "acknowledgements.txt",
    factives: WordList = "factives.txt",
    threats: PhraseList = "threats.txt",
    promo_links: PhraseList = "promo_links.txt",
    promo_phrases: PhraseList = "promo_phrases.txt",
    self_promo: PhraseList = "self_promo.txt",
    money_bait: PhraseList = "money_bait.txt",
    boosters: PhraseList = "boosters.txt",
    hedges: PhraseList = "hedges.txt",
    attribution: PhraseList = "attribution.txt",
    outlets: PhraseList = "outlets.txt",
    firsthand: PhraseList = "firsthand.txt",
    reasoning: PhraseList = "reasoning.txt",
    evidence_requests: PhraseList = "evidence_requests.txt",
    service_scam: PhraseList = "service_scam.txt",
    generic_praise: PhraseList = "generic_praise.txt",
    site_talk: PhraseList = "site_talk.txt",
    keyword_name_words: PhraseList = "keyword_name_words.txt",
    stopwords: WordList = "stopwords.txt",
    shorteners: DomainList = "shorteners.txt",
    reputable_domains: DomainList = "reputable_domains.txt",
}

/// The position of a list in [`Lexicons::phrase_lists`] (and so in [`PHRASES`]' results).
pub fn phrase_index(list: &PhraseList) -> Option<usize> {
    LEXICONS
        .phrase_lists()
        .iter()
        .position(|l| std::ptr::eq(*l, list))
}

/// Every phrase list, compiled together (see [`PhraseSet`]).
pub static PHRASES: LazyLock<PhraseSet> =
    LazyLock::new(|| PhraseSet::new(&LEXICONS.phrase_lists()));

impl Lexicons {
    /// The phrase lists, in [`PHRASES`] order.
    pub fn phrase_lists(&self) -> [&PhraseList; 15] {
        [
            &self.threats,
            &self.promo_links,
            &self.promo_phrases,
            &self.self_promo,
            &self.money_bait,
            &self.boosters,
            &self.hedges,
            &self.attribution,
            &self.outlets,
            &self.firsthand,
            &self.reasoning,
            &self.evidence_requests,
            &self.service_scam,
            &self.generic_praise,
            &self.site_talk,
        ]
    }

    /// The word lists whose membership is cached per token, by bit.
    fn tagged_lists(&self) -> [&WordList; 19] {
        [
            &self.insult_nouns,
            &self.ambiguous_insults,
            &self.insult_adjectives,
            &self.superlatives,
            &self.person_nouns,
            &self.dehumanising,
            &self.profanity,
            &self.second_person,
            &self.contact_words,
            &self.universals,
            &self.accusation_verbs,
            &self.loaded_labels,
            &self.shill_terms,
            &self.modals,
            &self.past_forms,
            &self.quantities,
            &self.comparatives,
            &self.opinion_verbs,
            &self.acknowledgements,
        ]
    }
}

/// One lookup table for all the tagged lists: word (and collapsed word) → membership bits.
struct TagIndex {
    words: HashMap<String, u32>,
    collapsed: HashMap<String, u32>,
}

static TAG_INDEX: LazyLock<TagIndex> = LazyLock::new(|| {
    let mut index = TagIndex {
        words: HashMap::default(),
        collapsed: HashMap::default(),
    };
    for (bit, list) in LEXICONS.tagged_lists().iter().enumerate() {
        for w in &list.words {
            *index.words.entry(w.clone()).or_default() |= 1 << bit;
        }
        for c in list.collapsed.keys() {
            *index.collapsed.entry(c.clone()).or_default() |= 1 << bit;
        }
    }
    index
});

/// Membership bits of one folded word: the same matches as [`WordList::word`] on each list
/// (plurals, masks, stretches), with one table lookup per form instead of one per list.
fn word_tags(norm: &str) -> u32 {
    let forms = || {
        std::iter::once(norm).chain(
            ["s", "es", "'s"]
                .into_iter()
                .filter_map(|suffix| norm.strip_suffix(suffix)),
        )
    };
    let index = &*TAG_INDEX;
    let mut mask = forms()
        .filter_map(|f| index.words.get(f))
        .fold(0, |m, b| m | b);
    if norm.contains('*') {
        for (bit, list) in LEXICONS.tagged_lists().iter().enumerate() {
            if list.masked(norm).is_some() {
                mask |= 1 << bit;
            }
        }
    } else if has_stretch(norm) {
        mask |= forms()
            .filter_map(|f| index.collapsed.get(&collapse(f)))
            .fold(0, |m, b| m | b);
    }
    mask
}

/// The token's membership bits in [`Lexicons::tagged_lists`], computed on first use: all
/// lists are asked at once, once per token, instead of list by list, rule by rule.
pub fn tags(token: &Token) -> u32 {
    *token
        .tags
        .get_or_init(|| word_tags(&token.norm) | token.alt.as_deref().map_or(0, word_tags))
}

/// The compiled lexicons, built on first use.
pub static LEXICONS: LazyLock<Lexicons> = LazyLock::new(Lexicons::load);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::text::analyse;

    #[test]
    fn one_scan_finds_what_each_list_finds() {
        let mut texts: Vec<String> = crate::score::rules::REGISTRY
            .iter()
            .flat_map(|r| r.fires.iter().chain(r.passes))
            .map(|t| t.to_string())
            .collect();
        for list in LEXICONS.phrase_lists() {
            // Every phrase inside text, at the edges, run together and in upper case.
            let joined = list.phrases.join(" ");
            texts.push(joined.clone());
            texts.push(joined.to_uppercase());
            texts.push(list.phrases.join(""));
            texts.push(format!("x{}x, İ {}", list.phrases.concat(), joined));
        }
        for text in &texts {
            let all = PHRASES.find_all(text);
            for (i, list) in LEXICONS.phrase_lists().iter().enumerate() {
                assert_eq!(all[i], list.find(text), "list {i} in {text:?}");
            }
        }
    }

    #[test]
    fn a_typed_apostrophe_matches_a_typographic_one() {
        let list = PhraseList::parse("don't miss\n");
        assert_eq!(list.find("Don’t miss this!"), vec![(0..12)]);
        assert_eq!(list.find("Don't miss this!"), vec![(0..10)]);
    }

    #[test]
    fn every_file_loads_is_sorted_and_unique() {
        let _ = &*LEXICONS;
        for (name, data) in FILES {
            let lines: Vec<&str> = entries(data).collect();
            assert!(!lines.is_empty(), "{name} is empty");
            assert!(
                lines.windows(2).all(|w| w[0] < w[1]),
                "{name} must be sorted (byte order) and unique"
            );
        }
    }

    #[test]
    fn disguised_words_match_innocent_ones_do_not() {
        let nouns = &LEXICONS.insult_nouns;
        for w in ["idiot", "idiots", "m0ron", "idiooooot", "a$$hole", "morons"] {
            let a = analyse(w);
            assert!(nouns.at(&a.tokens, 0).is_some(), "{w}");
        }
        let profanity = &LEXICONS.profanity;
        assert!(profanity.word("sh**t").is_some());
        assert!(profanity.word("bullsh*t").is_some());
        for innocent in [
            "scunthorpe",
            "cockpit",
            "assassin",
            "therapist",
            "analysis",
            "shitake",
            "classic",
        ] {
            for list in [nouns, profanity, &LEXICONS.ambiguous_insults] {
                assert!(list.word(innocent).is_none(), "{innocent}");
            }
        }
    }

    #[test]
    fn cached_tags_agree_with_list_lookups() {
        let text =
            "You m0ron, a$$hole! sh**t idiooooots people Dick always murdered liars a m o r o n";
        for token in analyse(text).tokens {
            for (bit, list) in LEXICONS.tagged_lists().iter().enumerate() {
                assert_eq!(
                    tags(&token) & (1 << bit) != 0,
                    list.token(&token).is_some(),
                    "{} in list {bit}",
                    token.norm
                );
            }
        }
    }

    #[test]
    fn phrases_respect_word_boundaries() {
        let hedges = &LEXICONS.hedges;
        assert_eq!(hedges.find("Maybe so. I think not."), vec![0..5, 10..17]);
        assert!(hedges.find("mightily").is_empty());
        assert_eq!(LEXICONS.evidence_requests.find("Source? none"), vec![0..7]);
    }

    #[test]
    fn a_phrase_cut_inside_a_word_does_not_hide_a_whole_one() {
        let list = PhraseList::parse("free gift card\ngift cards\n");
        let text = "Get free gift cards now";
        assert_eq!(list.find(text), vec![9..19]);
        let set = PhraseSet::new(&[&list]);
        assert_eq!(set.find_all(text), vec![vec![9..19]]);
    }

    #[test]
    fn domains_match_parents() {
        assert!(LEXICONS.reputable_domains.contains("en.wikipedia.org"));
        assert!(LEXICONS.reputable_domains.contains("www.gov.uk"));
        assert!(
            !LEXICONS
                .reputable_domains
                .contains("wikipedia.org.evil.biz")
        );
        assert!(LEXICONS.shorteners.contains("bit.ly"));
    }
}
