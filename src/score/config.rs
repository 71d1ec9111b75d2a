//! The scoring configuration a user controls: which rules run, each flag's threshold, words
//! that never count, and a site's own terms. Read from `threadscan.toml` (or `--config FILE`)
//! and the command line, checked before any work starts, and recorded in `run.json`.
//!
//! ```toml
//! select = ["INS", "SPM003"]     # rule codes or prefixes; default: every rule
//! ignore = ["UNS003"]            # wins over select when at least as specific
//! allow = ["Dick", "Scunthorpe"] # never an insult or spam word
//!
//! [threshold]
//! insult = 0.6                   # default 0.5 for each flag
//!
//! [lexicon]
//! insult = ["gammon", "numpty"]  # a site's own slang: rule INS010
//! spam = ["cheap essays"]        # rule SPM009
//! ```
//!
//! **Selection** follows ruff: an entry is a code (`SPM003`), a prefix (`INS`, `UNS1`) or
//! `ALL`. A rule runs when the longest `select` entry matching its code is longer than the
//! longest matching `ignore` entry. On the command line, `--select` replaces the file's list
//! and `--ignore` adds to it.
//!
//! **Allow-list.** An insult or spam finding whose matched words contain an allowed word or
//! phrase (whole words, any case) is dropped before scores are combined. Unsupported-assertion
//! findings span whole sentences and are not filtered.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};

use super::learned::LanguageMode;
use super::{Flag, THRESHOLD};

/// Every code a `select` or `ignore` entry may name: comment rules, page rules, models.
fn known_codes() -> impl Iterator<Item = &'static str> {
    super::rules::REGISTRY
        .iter()
        .map(|r| r.code)
        .chain(super::rules::page::RULES.iter().map(|r| r.code))
        .chain(super::learned::CODES.iter().copied())
}

/// A configuration error, naming the key or flag at fault.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file is not valid TOML or has an unknown key or a wrong type.
    #[error("{path}: {message}")]
    File {
        /// The configuration file.
        path: String,
        /// What the TOML reader said (it names the key and line).
        message: String,
    },
    /// A value is out of range or names nothing.
    #[error("{key}: {message}")]
    Value {
        /// The key (`threshold.insult`) or flag (`--select`).
        key: String,
        /// What is wrong.
        message: String,
    },
}

/// `threadscan.toml` as written: every key optional; unknown keys are errors.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    select: Option<Vec<String>>,
    lang: Option<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    threshold: Thresholds,
    #[serde(default)]
    lexicon: Lexicon,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Thresholds {
    insult: Option<f64>,
    spam: Option<f64>,
    unsupported: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Lexicon {
    #[serde(default)]
    insult: Vec<String>,
    #[serde(default)]
    spam: Vec<String>,
}

impl ConfigFile {
    /// Parses a configuration file's text; `path` names it in errors.
    pub fn parse(text: &str, path: &str) -> Result<Self, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError::File {
            path: path.to_string(),
            message: e.to_string().trim_end().replace('\n', " "),
        })
    }
}

/// What the command line adds to the file (see the module doc for precedence).
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    /// `--select`, replacing the file's list when given.
    pub select: Option<Vec<String>>,
    /// `--ignore`, added to the file's list.
    pub ignore: Vec<String>,
    /// `--threshold FLAG=VALUE`, each replacing the file's value.
    pub thresholds: Vec<String>,
    /// `--lang`, replacing the file's `lang`.
    pub lang: Option<String>,
}

/// The effective configuration. [`Config::default`] is threadscan's own behaviour.
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    /// The file it was read from, if any.
    pub file: Option<String>,
    /// Selected codes or prefixes (`ALL` when none was given).
    pub select: Vec<String>,
    /// Ignored codes or prefixes.
    pub ignore: Vec<String>,
    /// Threshold per flag, in [`Flag::ALL`] order.
    pub thresholds: Thresholds3,
    /// Allowed words and phrases, lower-cased.
    pub allow: Vec<String>,
    /// A site's own insult terms, lower-cased.
    pub insult_terms: Vec<String>,
    /// A site's own spam terms, lower-cased.
    pub spam_terms: Vec<String>,
    /// How comments' languages are told and which are scored (`lang`, `--lang`).
    #[serde(serialize_with = "language_name")]
    pub language: LanguageMode,
    #[serde(skip)]
    matchers: Matchers,
}

fn language_name<S: serde::Serializer>(mode: &LanguageMode, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(mode.name())
}

/// The three thresholds, serialised by flag name.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Thresholds3 {
    /// Insult.
    pub insult: f32,
    /// Spam.
    pub spam: f32,
    /// Unsupported assertion.
    pub unsupported: f32,
}

impl Thresholds3 {
    /// The threshold of `flag`.
    pub fn of(&self, flag: Flag) -> f32 {
        match flag {
            Flag::Insult => self.insult,
            Flag::Spam => self.spam,
            Flag::Unsupported => self.unsupported,
        }
    }

    fn set(&mut self, flag: Flag, value: f32) {
        match flag {
            Flag::Insult => self.insult = value,
            Flag::Spam => self.spam = value,
            Flag::Unsupported => self.unsupported = value,
        }
    }
}

/// Whole-word phrase matchers over lower-cased text, built once per configuration.
#[derive(Debug, Clone, Default)]
struct Matchers {
    allow: Option<AhoCorasick>,
    insult: Option<AhoCorasick>,
    spam: Option<AhoCorasick>,
}

fn matcher(terms: &[String]) -> Option<AhoCorasick> {
    if terms.is_empty() {
        return None;
    }
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(terms)
        .ok()
}

impl Default for Config {
    fn default() -> Self {
        Config {
            file: None,
            select: vec!["ALL".into()],
            ignore: Vec::new(),
            thresholds: Thresholds3 {
                insult: THRESHOLD,
                spam: THRESHOLD,
                unsupported: THRESHOLD,
            },
            allow: Vec::new(),
            insult_terms: Vec::new(),
            spam_terms: Vec::new(),
            language: LanguageMode::Auto,
            matchers: Matchers::default(),
        }
    }
}

/// The default configuration, for callers that have none.
pub static DEFAULT: LazyLock<Config> = LazyLock::new(Config::default);

impl Config {
    /// The effective configuration from an optional file and the command line's overrides.
    pub fn build(
        file: Option<(ConfigFile, String)>,
        overrides: &Overrides,
    ) -> Result<Self, ConfigError> {
        let mut config = Config::default();
        let (file, path) = match file {
            Some((file, path)) => (file, Some(path)),
            None => (ConfigFile::default(), None),
        };
        let key = |name: &str| match &path {
            Some(p) => format!("{p}: {name}"),
            None => name.to_string(),
        };
        config.file = path.clone();
        let (lang, lang_key) = match (&overrides.lang, &file.lang) {
            (Some(cli), _) => (Some(cli.clone()), "--lang".to_string()),
            (None, Some(lang)) => (Some(lang.clone()), key("lang")),
            (None, None) => (None, String::new()),
        };
        if let Some(lang) = lang {
            config.language = LanguageMode::parse(&lang).ok_or_else(|| ConfigError::Value {
                key: lang_key,
                message: format!(
                    "expected auto, all or a language code (en, de, fr…), got {lang:?}"
                ),
            })?;
        }
        let (select, select_key) = match (&overrides.select, file.select) {
            (Some(cli), _) => (cli.clone(), "--select".to_string()),
            (None, Some(list)) => (list, key("select")),
            (None, None) => (vec!["ALL".into()], String::new()),
        };
        config.select = codes(select, &select_key)?;
        config.ignore = codes(file.ignore, &key("ignore"))?;
        config
            .ignore
            .extend(codes(overrides.ignore.clone(), "--ignore")?);
        for (flag, value) in [
            (Flag::Insult, file.threshold.insult),
            (Flag::Spam, file.threshold.spam),
            (Flag::Unsupported, file.threshold.unsupported),
        ] {
            if let Some(v) = value {
                config.thresholds.set(
                    flag,
                    threshold(v, &key(&format!("threshold.{}", flag.name())))?,
                );
            }
        }
        for entry in overrides.thresholds.iter().flat_map(|t| t.split(',')) {
            let (name, value) = entry.split_once('=').ok_or_else(|| ConfigError::Value {
                key: "--threshold".into(),
                message: format!("expected FLAG=VALUE (e.g. insult=0.6), got {entry:?}"),
            })?;
            let flag = Flag::ALL
                .into_iter()
                .find(|f| f.name() == name.trim())
                .ok_or_else(|| ConfigError::Value {
                    key: "--threshold".into(),
                    message: format!(
                        "unknown flag {:?} (insult, spam or unsupported)",
                        name.trim()
                    ),
                })?;
            let v: f64 = value.trim().parse().map_err(|_| ConfigError::Value {
                key: "--threshold".into(),
                message: format!("not a number: {:?}", value.trim()),
            })?;
            config.thresholds.set(flag, threshold(v, "--threshold")?);
        }
        config.allow = terms(file.allow, &key("allow"))?;
        config.insult_terms = terms(file.lexicon.insult, &key("lexicon.insult"))?;
        config.spam_terms = terms(file.lexicon.spam, &key("lexicon.spam"))?;
        config.matchers = Matchers {
            allow: matcher(&config.allow),
            insult: matcher(&config.insult_terms),
            spam: matcher(&config.spam_terms),
        };
        Ok(config)
    }

    /// Whether the rule (or model) with `code` runs.
    pub fn enabled(&self, code: &str) -> bool {
        let longest = |list: &[String]| {
            list.iter()
                .filter_map(|e| match e.as_str() {
                    "ALL" => Some(0),
                    e if code.starts_with(e) => Some(e.len()),
                    _ => None,
                })
                .max()
        };
        match (longest(&self.select), longest(&self.ignore)) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(s), Some(i)) => s > i,
        }
    }

    /// The threshold of `flag`.
    pub fn threshold(&self, flag: Flag) -> f32 {
        self.thresholds.of(flag)
    }

    /// True when this is threadscan's default behaviour (the rule-set digest then stays the
    /// version's own).
    pub fn is_default(&self) -> bool {
        self.canonical().is_empty()
    }

    /// The configuration as text for the rule-set digest; empty for the default.
    pub fn canonical(&self) -> String {
        let mut out = String::new();
        let default = Config::default();
        if self.select != default.select || !self.ignore.is_empty() {
            out.push_str(&format!(
                "select {}\nignore {}\n",
                self.select.join(","),
                self.ignore.join(",")
            ));
        }
        if self.language != default.language {
            out.push_str(&format!("lang {}\n", self.language.name()));
        }
        if self.thresholds != default.thresholds {
            out.push_str(&format!(
                "thresholds {} {} {}\n",
                self.thresholds.insult, self.thresholds.spam, self.thresholds.unsupported
            ));
        }
        for (name, list) in [
            ("allow", &self.allow),
            ("insult-terms", &self.insult_terms),
            ("spam-terms", &self.spam_terms),
        ] {
            if !list.is_empty() {
                out.push_str(&format!("{name} {}\n", list.join("\u{1f}")));
            }
        }
        out
    }

    /// True when `text` contains an allowed word or phrase, as whole words.
    pub fn allows(&self, text: &str) -> bool {
        self.matchers
            .allow
            .as_ref()
            .is_some_and(|m| !whole_words(m, &text.to_lowercase()).is_empty())
    }

    /// Byte spans of the site's own terms for `flag` in `text` (whole words, any case).
    pub fn site_terms(&self, flag: Flag, text: &str) -> Vec<std::ops::Range<usize>> {
        let matcher = match flag {
            Flag::Insult => self.matchers.insult.as_ref(),
            Flag::Spam => self.matchers.spam.as_ref(),
            Flag::Unsupported => None,
        };
        let Some(m) = matcher else {
            return Vec::new();
        };
        let lower = text.to_lowercase();
        if lower.len() != text.len() {
            // Lower-casing moved byte offsets (rare letters such as `İ`): match char by char
            // on a per-char fold that keeps offsets aligned.
            let folded: String = text
                .chars()
                .map(|c| {
                    let mut l = c.to_lowercase();
                    match (l.next(), l.next()) {
                        (Some(one), None) if one.len_utf8() == c.len_utf8() => one,
                        _ => c,
                    }
                })
                .collect();
            return whole_words(m, &folded);
        }
        whole_words(m, &lower)
    }
}

/// Matches of `m` in `text` that begin and end at word boundaries.
fn whole_words(m: &AhoCorasick, text: &str) -> Vec<std::ops::Range<usize>> {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    m.find_iter(text)
        .map(|hit| hit.range())
        .filter(|r| {
            !word(text[..r.start].chars().next_back()) && !word(text[r.end..].chars().next())
        })
        .collect()
}

/// Checks a list of codes or prefixes: each must name at least one rule, or be `ALL`.
fn codes(list: Vec<String>, key: &str) -> Result<Vec<String>, ConfigError> {
    list.into_iter()
        .flat_map(|e| {
            e.split(',')
                .map(|s| s.trim().to_ascii_uppercase())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        })
        .map(|e| {
            if e == "ALL" || known_codes().any(|c| c.starts_with(e.as_str())) {
                Ok(e)
            } else {
                Err(ConfigError::Value {
                    key: key.to_string(),
                    message: format!(
                        "{e:?} is no rule code or prefix (`threadscan rules` lists them)"
                    ),
                })
            }
        })
        .collect()
}

fn threshold(value: f64, key: &str) -> Result<f32, ConfigError> {
    if value > 0.0 && value <= 1.0 {
        Ok(value as f32)
    } else {
        Err(ConfigError::Value {
            key: key.to_string(),
            message: format!("{value} is not in (0, 1]"),
        })
    }
}

/// Lower-cased, trimmed, non-empty terms, sorted and deduplicated so the digest does not
/// depend on the order they were written in.
fn terms(list: Vec<String>, key: &str) -> Result<Vec<String>, ConfigError> {
    let mut out = Vec::new();
    for term in list {
        let t = term.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.is_empty() {
            return Err(ConfigError::Value {
                key: key.to_string(),
                message: "empty term".into(),
            });
        }
        out.push(t.to_lowercase());
    }
    out.sort();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(toml: &str, overrides: Overrides) -> Result<Config, ConfigError> {
        let file = ConfigFile::parse(toml, "threadscan.toml")?;
        Config::build(Some((file, "threadscan.toml".into())), &overrides)
    }

    #[test]
    fn selection_follows_ruff_specificity() {
        let c = from(
            "select = [\"INS\", \"SPM003\"]\nignore = [\"INS00\", \"INS001\"]",
            Overrides::default(),
        )
        .unwrap();
        assert!(c.enabled("SPM003") && !c.enabled("SPM001"));
        assert!(!c.enabled("INS004") && !c.enabled("INS001"));
        assert!(c.enabled("INS010") && !c.enabled("UNS003"));
        let all = Config::default();
        assert!(all.enabled("UNS003") && all.enabled("INS900") && all.is_default());
        let cli = from(
            "select = [\"INS\"]",
            Overrides {
                select: Some(vec!["UNS".into()]),
                ignore: vec!["UNS003".into()],
                thresholds: vec!["insult=0.6,spam=0.7".into()],
                lang: Some("de".into()),
            },
        )
        .unwrap();
        assert_eq!(cli.language, LanguageMode::Only("de"));
        assert!(cli.enabled("UNS001") && !cli.enabled("UNS003") && !cli.enabled("INS001"));
        assert_eq!(cli.threshold(Flag::Insult), 0.6);
        assert_eq!(cli.threshold(Flag::Spam), 0.7);
        assert!(!cli.is_default());
    }

    #[test]
    fn bad_keys_and_values_name_the_key() {
        let err = |toml: &str| from(toml, Overrides::default()).unwrap_err().to_string();
        assert!(
            err("selekt = [\"INS\"]").contains("selekt"),
            "{}",
            err("selekt = []")
        );
        assert!(err("[threshold]\ninsult = 1.5").contains("threshold.insult"));
        assert!(err("[threshold]\ninsullt = 0.5").contains("insullt"));
        assert!(err("ignore = [\"XYZ\"]").contains("ignore"));
        assert!(err("select = \"INS\"").contains("select"));
        assert!(err("lang = \"klingon\"").contains("lang"));
        let cli = Config::build(
            None,
            &Overrides {
                thresholds: vec!["toxic=0.5".into()],
                ..Default::default()
            },
        )
        .unwrap_err()
        .to_string();
        assert!(
            cli.contains("--threshold") && cli.contains("toxic"),
            "{cli}"
        );
    }

    #[test]
    fn allowed_words_and_site_terms_match_whole_words() {
        let c = from(
            "allow = [\"Dick\"]\n[lexicon]\ninsult = [\"Numpty\"]\nspam = [\"cheap essays\"]",
            Overrides::default(),
        )
        .unwrap();
        assert!(c.allows("what a dick") && !c.allows("dickens"));
        assert_eq!(c.site_terms(Flag::Insult, "You NUMPTY."), vec![4..10]);
        assert!(c.site_terms(Flag::Insult, "numptyish").is_empty());
        assert_eq!(
            c.site_terms(Flag::Spam, "İ buy Cheap  Essays"),
            Vec::<std::ops::Range<usize>>::new(),
            "spacing inside a term must match as written"
        );
        assert_eq!(c.site_terms(Flag::Spam, "İ buy cheap essays").len(), 1);
    }
}
