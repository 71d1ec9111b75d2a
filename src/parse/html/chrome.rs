//! Comment chrome: the author line, dates, counters and action links that sit around a
//! comment's own words in the markup of every system. Where no element separates the body
//! from its header (a theme without a content class), the text of the comment element starts
//! with its header lines: "+4", "Zozobob", "2 часа назад", "Kommentar von". Those leading
//! lines, and trailing action lines ("Reply", "Antworten", "Report"), are dropped by what
//! they are, never by site.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

/// Action labels, lowercase (`lexicon/actions.txt` and the reply labels).
static ACTIONS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    // A reply link's label (`lexicon/reply_labels.txt`) is a button label too.
    lexicon_lines(include_str!("lexicon/actions.txt"))
        .chain(lexicon_lines(include_str!("lexicon/reply_labels.txt")))
        .collect()
});

/// Words in the longest action label ("répondre à ce message").
static LONGEST_ACTION: LazyLock<usize> = LazyLock::new(|| {
    ACTIONS
        .iter()
        .map(|label| label.split_whitespace().count())
        .max()
        .unwrap_or(1)
});

/// What pages leave of a deleted or removed comment (`lexicon/deletion_notices.txt`).
static DELETION_NOTICES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lexicon(include_str!("lexicon/deletion_notices.txt")));

/// Whether a comment's whole text is what a platform leaves of a deleted or removed comment
/// ("[deleted]", "This comment has been removed by the author.").
pub fn is_deletion_notice(text: &str) -> bool {
    let text = text.trim().trim_end_matches(['.', '!', '。', '！']);
    // The longest notice is a few words: longer texts are someone's words.
    text.len() <= 120 && {
        let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        DELETION_NOTICES.contains(line.to_lowercase().as_str())
    }
}

/// Labels pages print over an advertisement (`lexicon/sponsor_labels.txt`).
static SPONSOR_LABELS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lexicon(include_str!("lexicon/sponsor_labels.txt")));

/// Whether a short text is the label a page prints over an advertisement ("Sponsored",
/// "Anzeige", "· Promoted ·", "[Werbung]", "広告"), brackets and separators around it aside.
pub fn is_sponsor_label(text: &str) -> bool {
    let label = text.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '[' | ']' | '(' | ')' | '|' | '·' | '•' | ':' | '-' | '–' | '—'
            )
    });
    label.len() <= 40 && {
        let line = label.split_whitespace().collect::<Vec<_>>().join(" ");
        SPONSOR_LABELS.contains(line.to_lowercase().as_str())
    }
}

/// A comment's whole text is the platform's: one deletion notice, or several lines that each
/// are one ("[deleted]" where the name was, then "This comment has been deleted.").
pub fn is_deletion_text(text: &str) -> bool {
    is_deletion_notice(text) || {
        let mut lines = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .peekable();
        lines.peek().is_some() && lines.all(is_deletion_notice)
    }
}

/// Verbs of saying or writing (`lexicon/saying_verbs.txt`), longest first.
pub static SAYING_VERBS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut verbs: Vec<&'static str> =
        lexicon_lines(include_str!("lexicon/saying_verbs.txt")).collect();
    verbs.sort_by_key(|v| std::cmp::Reverse(v.len()));
    verbs
});

/// The verbs of [`SAYING_VERBS`] as a regex alternation (no group around it).
pub fn saying_verbs_pattern() -> String {
    SAYING_VERBS
        .iter()
        .map(|v| regex::escape(v))
        .collect::<Vec<_>>()
        .join("|")
}

/// The entries of a lexicon file of `lexicon/`: one per line, `#` lines are comments.
pub fn lexicon(text: &'static str) -> HashSet<&'static str> {
    lexicon_lines(text).collect()
}

/// The entries of a lexicon file, in file order.
fn lexicon_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A year or a clock time: what every printed date or timestamp holds.
///
/// Word edges are written `(?:^|\W)`, not `\b`: a Unicode `\b` sends the regex engine from its
/// DFA to a slower one on any non-ASCII text, and these patterns run on every line of every
/// candidate comment. Both mean the same here, as only `is_match` is asked.
static DATE_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\W)(?:(?:19|20)\d{2}|\d{1,2}:\d{2})(?:$|\W|年|년)")
        .expect("date part pattern compiles")
});

/// Relative times: "2 hours ago", "2 часа назад", "vor 3 Stunden", "il y a 2 jours", "hace 1 día",
/// "yesterday", "heute"; since session 23 also "2 ore fa", "há 2 horas", "2 uur geleden",
/// "2 godziny temu", "2 saat önce", "před 2 hodinami", "2 tuntia sitten", "för 2 timmar
/// sedan", "for 2 timer siden", "2 jam yang lalu", "acum 2 ore".
static RELATIVE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("(?i)^{RELATIVE_TIME_BODY}")).expect("relative time pattern compiles")
});

const RELATIVE_TIME_BODY: &str = r"(?:(?:\d+|an?|one)\s+\w+\s+ago|(?:för\s+|for\s+)?\d+\s+\w+\s+(?:fa|geleden|temu|önce|sitten|sedan|siden|(?:yang\s+)?lalu)|(?:\d+\s+)?\w+\s+назад|vor\s+\d+\s+\w+|il y a\s+\d+\s+\w+|(?:hace|há|před|acum)\s+\d+\s+\w+|\d+\s*[smhdwy]\s+ago|\d{1,3}\s?(?:s|m|min|h|hr|d|w|wk|mo|y|yr)$|just now|yesterday|today|gestern|heute|вчера|сегодня|hier|aujourd'hui|ayer|hoy|(?:\d+\s*(?:秒|分钟|分鐘|分|小时|小時|時間|天|日|周|週|週間|个月|個月|か月|ヶ月|月|年)\s*)+(?:前|以前)|(?:\d+\s*(?:초|분|시간|일|주|개월|달|년)\s*)+전)(?:$|\W)";

/// The attribution line of a quote ("Jane posted:", "Bob wrote:", "Иван написал:"), left
/// behind when the quote itself is removed from the text.
static ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^.{{1,60}}\s(?:{})\s*:$",
        saying_verbs_pattern()
    ))
    .expect("attribution pattern compiles")
});

/// Label words a byline may open with ("Posted by", "Geschrieben von").
const BYLINE_LABELS: &[&str] = &[
    "posted",
    "written",
    "submitted",
    "commented",
    "comment",
    "left",
    "geschrieben",
    "verfasst",
    "kommentar",
    "publié",
    "écrit",
    "publicado",
    "escrito",
    "scritto",
    "pubblicato",
];
/// Words that introduce the name in a byline.
const BYLINE_INTRODUCERS: &[&str] = &[
    "by", "von", "par", "de", "di", "от", "door", "przez", "por", "da",
];

/// A byline: "Posted by: Tom Pryce | 28 May 2024", "By Marjorie on 3 June 2024 at 10:12",
/// "Geschrieben von Jo, 3. Juni": a label word (optional), a word that introduces a name, the
/// name, then the line's end, a separator, or a date after "at"/"on"/"le"/"am"…
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?P<label>(?:{})\s+)?(?:{})\s*:?\s+(?P<name>[^|·•–—,\n]+?)\s*(?P<rest>$|[|·•–—,]|\s(?:at|on|am|um|le|el|il|à|a las|alle|op)\s+(?:\p{{L}}{{2,12}}\.?,?\s+)?\S*\d)",
        BYLINE_LABELS.join("|"),
        BYLINE_INTRODUCERS.join("|")
    ))
    .expect("byline pattern compiles")
});

/// Signs set between a name and its date on a header line ("Ann | 3 May", "3 May — Ann"):
/// left at a date's ends when the name stands in an element of its own, and no part of it.
pub const NAME_DATE_SEPARATORS: [char; 6] = ['|', '·', '•', '–', '—', '-'];

/// A line without the byline words that end it where the name follows in an element of its
/// own ("March 1, 2023 at 9:00 pm, Posted by" before `<cite>Ann</cite>`): what is left is
/// the date.
pub fn without_trailing_byline_words(line: &str) -> &str {
    /// The line without its last word, and that word in lower case.
    fn split(l: &str) -> (&str, String) {
        let l = l.trim_end();
        let at = l
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        (l[..at].trim_end(), l[at..].to_lowercase())
    }
    let mut line = line.trim_end();
    let (before, last) = split(line);
    if BYLINE_INTRODUCERS.contains(&last.as_str()) {
        line = before;
        let (before, last) = split(line);
        if BYLINE_LABELS.contains(&last.as_str()) {
            line = before;
        }
    }
    line.trim_end_matches(|c| c == ',' || NAME_DATE_SEPARATORS.contains(&c))
        .trim_end()
}

/// Whether text may open a byline: its first word is one a byline starts with.
pub fn may_open_byline(text: &str) -> bool {
    let first = text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches(':')
        .to_lowercase();
    BYLINE_LABELS
        .iter()
        .chain(BYLINE_INTRODUCERS)
        .any(|w| *w == first)
}

/// The name in a byline line (see [`BYLINE`]), when it reads as a name. Without a label word
/// ("Posted", "Geschrieben") a date must follow the name: "by the way, …" is words.
pub fn byline_name(line: &str) -> Option<String> {
    let line = line.trim();
    if line.len() > 200 {
        return None;
    }
    let c = BYLINE.captures(line)?;
    // "De Silva, 3 June", "Di Maio", "Da Costa": a capitalised particle that opens the line
    // without a label word is the start of a surname, not the Romance "by".
    let introducer = line[c.name("label").map_or(0, |l| l.end())..]
        .split_whitespace()
        .next()
        .unwrap_or("");
    if c.name("label").is_none() && SURNAME_PARTICLES.contains(&introducer) {
        return None;
    }
    // "Visitor (not verified)": Drupal's mark of a guest, no part of the name.
    let mut name = without_trailing_marks(c.name("name")?.as_str().trim()).to_string();
    // A date that runs into the name up to a comma inside it ("By Dan Kral March 1, 2023 at
    // 9:00 pm", "Comment by Gus MarshMarch 7, 2023"): the name ends where the date begins.
    let cleaned = clean_author(&line[c.name("name")?.start()..]);
    if !cleaned.is_empty() && cleaned.len() < name.len() && name.starts_with(&cleaned) {
        name = cleaned;
    }
    let dated = line[c.name("rest")?.start()..]
        .chars()
        .any(|ch| ch.is_ascii_digit());
    ((c.name("label").is_some() || dated) && is_name_like(&name)).then_some(name)
}

/// Introducers that, capitalised, open surnames (`De Silva`, `Di Maio`, `Da Costa`).
const SURNAME_PARTICLES: &[&str] = &["De", "Di", "Da"];

/// Words that introduce a name on a header line of its own ("Kommentar von", "Posted by").
const NAME_INTRODUCERS: &[&str] = &["von", "by", "par", "de", "di", "от", "door", "przez"];

/// A line that holds a year or a clock time ("Par Claire M., le 3 mars 2023 à 11h40").
pub fn has_date_part(line: &str) -> bool {
    DATE_PART.is_match(line)
}

/// The word before a clock time after a date ("um 10:12", "alle 10:12", "o 10:12"), lowercase.
const CLOCK_WORDS: &[&str] = &[
    "at", "um", "à", "às", "alle", "om", "klo", "o", "v", "в", "saat",
];

/// A short line that is a date or a time, possibly with a weekday, "um", "at", "Uhr".
pub fn is_date_line(line: &str) -> bool {
    let line = line.trim();
    // The small words that join a date's parts are not counted: a Spanish date is written
    // with four ("14 de marzo de 2023 a las 10:12").
    const JOINING: &[&str] = &["de", "del", "a", "las", "la", "of", "kl.", "uhr"];
    // Counting stops at the ninth word: a date line has eight at most.
    let words = line
        .split_whitespace()
        .filter(|w| {
            !JOINING
                .iter()
                .chain(CLOCK_WORDS)
                .any(|j| w.eq_ignore_ascii_case(j))
        })
        .take(9)
        .count();
    (words <= 8 && line.chars().count() <= 50 && DATE_PART.is_match(line) && !ends_sentence(line))
        || (words <= 5 && RELATIVE_TIME.is_match(line))
}

/// A short text that is a date or a time and nothing else: a whole date (`Mar 14, 2023`), a
/// month and a day without the year (`Mar 14`, `14. März, 09:12`), a date in numbers only
/// (`14/03/2023 10:12`), or a relative time (`3h`, `2 hours ago`); after a word that
/// introduces it (`le 14/03/2023 à 10:12`). What a link on a post's time holds; never a name.
pub fn is_only_date(text: &str) -> bool {
    // A separator set between the date and a name on another line stays with the date
    // ("March 1, 2023 at 9:00 pm —").
    let text = text.trim().trim_matches(NAME_DATE_SEPARATORS).trim();
    // Two month names are a name that is one and a date ("Mei, June 12, 2021": Mei is a
    // writer, and Dutch for May), not one date.
    if text
        .split_whitespace()
        .filter(|w| crate::parse::date::is_month_name(w.trim_matches([',', '.'])))
        .nth(1)
        .is_some()
    {
        return false;
    }
    // Before the introducers below: French "il y a 2 heures" opens with one.
    if is_relative_time(text) {
        return true;
    }
    // After the word that introduces a date ("le 14/03/2023", "am 14.03.2023", "on 3 May").
    let text = [
        "le ", "Le ", "am ", "Am ", "on ", "On ", "el ", "El ", "il ", "Il ",
    ]
    .iter()
    .find_map(|on| text.strip_prefix(on))
    .unwrap_or(text);
    if crate::parse::date::parse_date(text).is_some()
        || crate::parse::date::NumericDate::of(text).is_some()
        || is_relative_time(text)
    {
        return true;
    }
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.trim_matches([',', '.']).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let numeric = |w: &str| {
        let digits = w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
        !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == ':')
    };
    (1..=5).contains(&words.len())
        && words.iter().any(|w| crate::parse::date::is_month_name(w))
        && words.iter().any(|w| numeric(w))
        && words.iter().all(|w| {
            crate::parse::date::is_month_name(w)
                || numeric(w)
                || matches!(w.as_str(), "am" | "pm" | "@" | "-" | "kl")
                || CLOCK_WORDS.contains(&w.as_str())
        })
}

/// A relative time and nothing after it but punctuation or an edit mark ("2 hours ago", "il y
/// a 3 heures", "vor 3 Stunden", "4 hours ago (edited)"), not a line that opens with one ("2
/// hours ago Ann Lee").
fn is_relative_time(text: &str) -> bool {
    RELATIVE_TIME.find(text).is_some_and(|m| {
        let rest = text[m.end()..].trim();
        // Or an edit mark ("4 hours ago (edited)").
        !rest.chars().any(char::is_alphanumeric) || (rest.starts_with('(') && is_action(rest))
    })
}

/// `line` without a comment's number at its end ("2 hours ago #1" → "2 hours ago").
fn without_trailing_number(line: &str) -> &str {
    match line.trim_end().rsplit_once(' ') {
        Some((before, last))
            if last.strip_prefix('#').is_some_and(|d| {
                !d.is_empty() && d.len() <= 6 && d.bytes().all(|b| b.is_ascii_digit())
            }) =>
        {
            before.trim_end()
        }
        _ => line,
    }
}

/// A short header line that opens or ends with a relative time ("Hana Hill says: 2 hours ago",
/// "2 hours ago Gus Moe", "Bo · vor 3 Stunden"): a record's dated header. Not
/// [`is_date_line`], which also decides what is stripped from a comment's opening, where "I
/// tried it 2 days ago" is the comment's own.
pub fn holds_relative_time(line: &str) -> bool {
    let line = without_trailing_number(without_fold_label(line.trim()));
    // "il y a 2 heures Ann Ruiz a écrit :" has eleven words.
    line.split_whitespace().nth(12).is_none()
        && (RELATIVE_TIME.is_match(line)
            || after_avatar_initials(line).is_some_and(|rest| RELATIVE_TIME.is_match(rest))
            || line
                .char_indices()
                .filter(|&(i, c)| {
                    // After a space, or a colon or a name glued to the time ("says:2 hours
                    // ago", "说：4小时前", "Olaf Ruiz2 hours ago", "张涛4小时前": in a script
                    // without spaces the time has none either).
                    i > 0
                        && !c.is_whitespace()
                        && (line[..i].ends_with([' ', '\t', '\u{a0}', ':', '：'])
                            || (c.is_ascii_digit()
                                && line[..i].ends_with(char::is_alphabetic)
                                && (line[i..].contains(' ')
                                    || line[..i].ends_with(is_caseless_letter))))
                })
                .any(|(i, _)| is_relative_time(&line[i..]))
            || glued_relative_time(line).is_some())
}

/// The words a relative time opens with in languages that put them before the number ("il y
/// a 2 heures", "vor 3 Stunden", "hace 2 horas", "há 2 horas", "před 2 hodinami", "acum 2
/// ore"), where they may be glued to what a page writes before the time.
const RELATIVE_TIME_HEADS: &[&str] = &["il y a ", "vor ", "hace ", "há ", "před ", "acum "];

/// Where a relative time that opens with a word ("il y a 2 heures", "vor 3 Stunden", "hace 2
/// horas") starts glued to the name before it ("Nia Foxil y a 2 heures", as script-built pages
/// write adjacent elements): the time runs to the line's end and holds a number (a bare
/// "hier" or "heute" glued to a name is no split: "Gauthier").
fn glued_relative_time(line: &str) -> Option<usize> {
    RELATIVE_TIME_HEADS.iter().find_map(|head| {
        line.match_indices(head).map(|(i, _)| i).find(|&i| {
            line[..i].ends_with(char::is_alphabetic)
                && line[i..].contains(|c: char| c.is_ascii_digit())
                && is_relative_time(&line[i..])
        })
    })
}

/// Whether `text` opens with a relative time whose first word comes before its number ("vor 2
/// Stunden Finn Cruz"): where such a word is glued to a letter avatar's capitals, the
/// capitals are the initials, not the first letter of a name.
fn opens_relative_time(text: &str) -> bool {
    RELATIVE_TIME_HEADS
        .iter()
        .any(|head| text.starts_with(head))
        && RELATIVE_TIME.is_match(text)
}

/// The rest of a header line that opens with a letter avatar's initials, glued to what
/// follows or not, where a relative time comes next and the name after it has those initials
/// ("CD2 hours ago Cara Dahl", "CD 2 hours ago Cara Dahl": the avatar's letters and the
/// header's words run together where the page writes adjacent elements without a space).
fn after_avatar_initials(line: &str) -> Option<&str> {
    let end = line
        .char_indices()
        .find(|&(_, c)| !is_avatar_letter(c))
        .map_or(line.len(), |(i, _)| i);
    let (initials, rest) = line.split_at(end);
    if !(1..=3).contains(&initials.chars().count()) {
        return None;
    }
    let rest = rest.trim_start();
    let time = RELATIVE_TIME.find(rest)?;
    let name = clean_author(&rest[time.end()..]);
    (initials_of(&name) == initials.to_lowercase()).then_some(rest)
}

/// A colon after a label or a verb of saying, in the width of Latin text or of Chinese and
/// Japanese text (`说：`, `投稿日：`).
const COLONS: [char; 2] = [':', '：'];

/// Vote counts, comment numbers, bullets: a short line without letters ("+4", "#3", "0", "'+9").
fn is_counter(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty() && line.chars().count() <= 12 && !line.chars().any(char::is_alphabetic)
}
/// A button or link label, alone or with a counter ("Reply", "Like 3", "↑ 12 ↓"), or a bar of
/// them ("Link · Parent · Reply", "Like Reply Share"): every word belongs to a label.
pub(super) fn is_action(line: &str) -> bool {
    if is_says(line) {
        return true;
    }
    let lower = line.trim().to_lowercase();
    let words: Vec<&str> = lower
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().any(char::is_alphabetic))
        // A counter set against its label (`답글1`, `Replies3`).
        .map(|w| w.trim_end_matches(|c: char| c.is_ascii_digit()))
        .collect();
    // A bar holds a few labels at most.
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    // Longest label first at each word, so "cancel reply" and "report abuse" are one label.
    let mut phrase = String::new();
    let mut at = 0;
    while at < words.len() {
        let Some(len) = (1..=LONGEST_ACTION.min(words.len() - at))
            .rev()
            .find(|&len| {
                phrase.clear();
                for (k, w) in words[at..at + len].iter().enumerate() {
                    if k > 0 {
                        phrase.push(' ');
                    }
                    phrase.push_str(w);
                }
                // A fold toggle's labels are buttons too ("Contraer", "Expandir").
                ACTIONS.contains(phrase.as_str())
                    || FOLD_LABELS.contains(phrase.as_str())
                    || COLLAPSE_LABELS.contains(phrase.as_str())
            })
        else {
            return false;
        };
        at += len;
    }
    true
}

/// A header verb on a line of its own, between the name and the date ("wrote", "says:").
fn is_says(line: &str) -> bool {
    let lower = line
        .trim()
        .trim_end_matches(['…', '.', ':', '：'])
        .trim()
        .to_lowercase();
    SAYING_VERBS.contains(&lower.as_str())
}

/// Words and a verb of saying after them ("Anna said", "Bob wrote:").
fn ends_with_saying_verb(line: &str) -> bool {
    let lower = line
        .trim()
        .trim_end_matches(COLONS)
        .trim_end()
        .to_lowercase();
    SAYING_VERBS.iter().any(|verb| {
        lower
            .strip_suffix(verb)
            .is_some_and(|n| n.ends_with(' ') && !n.trim().is_empty())
    })
}

/// The labels of a header laid out as fields (`lexicon/field_labels.txt`), lower case: those
/// that label the writer's name, and all of them.
static FIELD_LABELS: LazyLock<(Vec<&'static str>, Vec<&'static str>)> = LazyLock::new(|| {
    let mut names = Vec::new();
    let mut all = Vec::new();
    for l in lexicon_lines(include_str!("lexicon/field_labels.txt")) {
        match l.strip_prefix("name ") {
            Some(label) => {
                names.push(label);
                all.push(label);
            }
            None => all.push(l),
        }
    }
    // The longest first, so that "posted by" is read before "posted".
    all.sort_by_key(|l| std::cmp::Reverse(l.len()));
    (names, all)
});

/// A header line laid out as labelled fields ("From: ann_k Date: June 18th, 2003 09:57 am
/// (UTC) (Link)", "Von: Jo Datum: 3.6.2024"): it opens with a label of
/// [`FIELD_LABELS`] and its colon, and every part is a label and its value. The values, in
/// order, with whether their label names the writer; None where the line is no such line.
fn fields_of(line: &str) -> Option<Vec<(bool, &str)>> {
    let line = line.trim();
    if line.len() > MAX_HEADER_LINE {
        return None;
    }
    let (names, all) = &*FIELD_LABELS;
    // A label at `at`: one of the list, then optional spaces and a colon (French writes a
    // space before it), the end of the label at a word's edge.
    let label_at = |at: usize| -> Option<(usize, bool)> {
        let rest = &line[at..];
        // Most lines open with no label: their first letter tells, before any label is tried.
        if !rest.starts_with(char::is_alphabetic) {
            return None;
        }
        all.iter().find_map(|label| {
            let after = strip_prefix_lowercase(rest, label)?;
            let after = after.trim_start_matches([' ', '\u{a0}']);
            after
                .starts_with(':')
                .then(|| (line.len() - after.len() + 1, names.contains(label)))
        })
    };
    // After a letter avatar's initials on the same line ("CD From: Cara Dahl"), or glued to
    // it ("CDFrom: Cara Dahl", the avatar's box and the label set side by side).
    let opening = label_at(0)
        .or_else(|| {
            let (initials, _) = line.split_once(' ')?;
            let avatar = (1..=3).contains(&initials.chars().count())
                && initials.chars().all(is_avatar_letter);
            avatar.then(|| label_at(initials.len() + 1)).flatten()
        })
        .or_else(|| label_at(glued_initials(line)?))
        // After an anonymous writer's "?" avatar ("?From: [deleted]").
        .or_else(|| line.starts_with('?').then(|| label_at(1)).flatten());
    let (mut start, mut named) = opening?;
    let mut fields = Vec::new();
    let mut at = start;
    while at < line.len() {
        // The next label opens a word after a space.
        let next = line[at..]
            .char_indices()
            .filter(|&(_, c)| c == ' ')
            .find_map(|(i, _)| {
                let word = at + i + 1;
                label_at(word).map(|l| (word, l))
            });
        match next {
            Some((word, (value_start, is_name))) => {
                fields.push((named, line[start..word].trim()));
                (start, named, at) = (value_start, is_name, value_start);
            }
            None => break,
        }
    }
    fields.push((named, line[start..].trim()));
    Some(fields)
}

/// Whether a line opens with a field's label and its colon ("From:", "Date :"), after a
/// letter avatar's initials or not: the start of a header of labelled fields.
pub fn opens_with_field_label(line: &str) -> bool {
    fields_of(line).is_some()
}

/// `text` after `prefix` (lower case), matched case-insensitively letter by letter, without
/// lowering the whole text.
fn strip_prefix_lowercase<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let mut chars = text.char_indices();
    for want in prefix.chars() {
        let (_, got) = chars.next()?;
        if got != want && !got.to_lowercase().eq(std::iter::once(want)) {
            return None;
        }
    }
    Some(chars.next().map_or("", |(at, _)| &text[at..]))
}

/// The writer's name in a header line laid out as labelled fields ([`fields_of`]): the value
/// of its name label, where that reads as a name.
pub fn fields_name(line: &str) -> Option<String> {
    name_field(&fields_of(line)?)
}

/// The writer's name in parsed fields ([`fields_name`]).
fn name_field(fields: &[(bool, &str)]) -> Option<String> {
    let (_, value) = fields.iter().find(|(named, _)| *named)?;
    // A mail header's address after the name ("From: Ann <ann@example.org>") is not part of it.
    let value = match value.split_once('<') {
        Some((name, address)) if address.contains('@') => name.trim(),
        _ => value,
    };
    let name = clean_author(value);
    (is_name_like(&name) && !name.is_empty()).then_some(name)
}

/// A header laid out as labelled fields over several lines (a table's rows: "From:Olaf Ito",
/// then "Date:2 hours ago (Link)"), after a letter avatar's initials: its opening lines that
/// are fields, joined into one line; None where the text opens with none.
pub fn fields_header(text: &str) -> Option<String> {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    let first = *lines.peek()?;
    if first.chars().count() <= 3 && first.chars().all(is_avatar_letter) {
        lines.next();
    }
    let fields: Vec<&str> = lines
        .take(4)
        .take_while(|l| l.len() <= MAX_HEADER_LINE && fields_of(l).is_some())
        .collect();
    (!fields.is_empty()).then(|| fields.join(" "))
}

/// Whether a text opens with a header of labelled fields ([`fields_header`]) that names the
/// writer and dates the comment.
pub fn opens_with_fields_header(text: &str) -> bool {
    fields_header(text)
        .and_then(|h| fields_of(&h).map(|f| name_field(&f).is_some() && dated_fields(&f)))
        .unwrap_or(false)
}

/// Whether a line is one of a header's labelled fields ([`fields_of`]) and holds none of the
/// comment's words ("From: Olaf Ito", "Date: 2 hours ago (Link)", "Subject: Re:"): its name
/// field holds the writer's name (`writer`; where not known, a name), nothing, a badge or a
/// notice in brackets ("[deleted]"); every other field a date or relative time, marks in
/// brackets ("(edited)"), a number ("#4"), buttons, or a few characters. "Name: Rahid 6" over
/// a game guide written by someone else is the comment's words.
pub fn is_fields_line(line: &str, writer: Option<&str>) -> bool {
    fields_of(line).is_some_and(|fields| {
        fields.iter().all(|(named, value)| {
            if *named {
                let name = clean_author(value);
                return name.is_empty()
                    || value.starts_with('[')
                    || is_role_badge(value)
                    || writer.map_or(is_name_like(&name), |w| {
                        name.to_lowercase() == w.trim().to_lowercase()
                    });
            }
            value.chars().count() <= 12
                || value.split_whitespace().all(|w| {
                    (w.starts_with('(') && w.ends_with(')')) || w.starts_with('#') || is_action(w)
                })
                || has_date_part(value)
                || holds_relative_time(value)
        })
    })
}

/// Whether a header line laid out as labelled fields ([`fields_of`]) dates the comment: a
/// field other than the name's holds a date ("Date: June 18th, 2003 09:57 am (UTC)") or a
/// relative time ("Date: 2 hours ago").
pub fn fields_dated(line: &str) -> bool {
    fields_of(line).is_some_and(|fields| dated_fields(&fields))
}

/// Whether parsed fields date the comment ([`fields_dated`]).
fn dated_fields(fields: &[(bool, &str)]) -> bool {
    fields
        .iter()
        .any(|(named, value)| !named && (has_date_part(value) || holds_relative_time(value)))
}

/// "Kommentar von", "Posted by": a header that names the author on the next line.
fn is_name_label(line: &str) -> bool {
    let line = line.trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && line.chars().count() <= 30
        && words
            .last()
            .is_some_and(|w| NAME_INTRODUCERS.contains(&w.to_lowercase().trim_end_matches(':')))
}

/// A line that can be a display name: one to four words, at most 40 characters, with a
/// letter, not a date, counter, button or label, and no sentence punctuation.
fn is_name_like(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    (1..=4).contains(&words)
        && line.chars().count() <= 40
        && line.chars().any(char::is_alphabetic)
        && !line.ends_with(['!', '?', ','])
        && (!line.ends_with('.') || ends_with_initial(line))
        // A Chinese or Japanese sentence, written without spaces, is one "word": its full
        // stop, comma or marks tell it ("維持費も大事だ。").
        && !line.contains(['。', '，', '、', '！', '？'])
        && !is_date_line(line)
        && !is_counter(line)
        && !is_action(line)
        && !is_name_label(line)
}

/// A name of two words or more whose last is an initial or a suffix ("Gerd K.", "Smith Jr."),
/// not a sentence's last word.
fn ends_with_initial(line: &str) -> bool {
    let mut words = line.split_whitespace().rev();
    let last = words.next().unwrap_or("");
    words.next().is_some()
        && last.chars().count() <= 3
        && last.starts_with(|c: char| c.is_uppercase())
}

/// The author named in a comment's header lines, for markup that marks no author element:
/// a name-like line in the leading header block next to a date, a counter or a "Comment by"
/// label ("+4 / Zozobob / 2 hours ago", "gudvinr / 0"), with more text after the block; cleaned
/// as any author line is ([`clean_author`]: "VsevenMagic 47 分钟前" → "VsevenMagic").
pub fn header_name(text: &str) -> Option<String> {
    header_name_of(text, true)
}

/// The author named in the header of a comment the page shows folded (its header lines and
/// no words: [`header_name`] without the words after the header).
pub fn folded_header_name(text: &str) -> Option<String> {
    header_name_of(text, false)
}

fn header_name_of(text: &str, words_after: bool) -> Option<String> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // A line that holds a relative time is a header line too ("Hana Hill says: 2 hours ago"),
    // as is a role badge on a line of its own (`MOD` between the name and the date).
    let chrome = |l: &str| {
        is_date_line(l)
            || fields_name(l).is_some()
            || is_fields_line(l, None)
            || is_role_badge(l)
            || is_counter(l)
            || is_name_label(l)
            || is_action(l)
            || holds_relative_time(l)
            || is_dated_header(l)
    };
    // A letter avatar's initials before the name ("EM", then "Eve Marsh 3 May 2023"), or
    // before a date line and then the name ("DC", "01.03.2023 08:00", "By Dan Cruz").
    let avatar = |i: usize| {
        lines[i + 1..]
            .iter()
            .take(3)
            .any(|next| is_avatar_initials(lines[i], next))
    };
    // Each line asked once: which lines are chrome, up to the first that is neither chrome
    // nor a name (the header's end) and that one.
    let mut is_chrome = Vec::with_capacity(lines.len());
    let mut header_end = lines.len();
    for (i, l) in lines.iter().enumerate() {
        let c = chrome(l) || avatar(i);
        is_chrome.push(c);
        if !c && !is_name_like(l) && said_by(l).is_none() {
            header_end = i;
            break;
        }
    }
    // The last line that is not chrome: words after a header line `i` when it comes later.
    let last_words = if header_end < lines.len() {
        Some(header_end)
    } else {
        is_chrome.iter().rposition(|c| !c)
    };
    // A header laid out as labelled fields names the writer in its name field ("From: ann_k
    // Date: …"), whatever stands before it (a letter avatar's initials).
    let labelled = (0..header_end).find_map(|i| {
        let follow = last_words.is_some_and(|k| k > i);
        (follow || !words_after)
            .then(|| fields_name(lines[i]))
            .flatten()
    });
    if labelled.is_some() {
        return labelled;
    }
    (0..header_end).find_map(|i| {
        let words_follow = last_words.is_some_and(|k| k > i);
        if words_after && !words_follow {
            return None;
        }
        let next_to_chrome = (i > 0 && is_chrome[i - 1]) || is_chrome.get(i + 1) == Some(&true);
        if is_name_like(lines[i]) && next_to_chrome && !avatar(i) {
            return Some(clean_author(lines[i])).filter(|name| !name.is_empty());
        }
        // A name and its saying verb on a line of their own ("Eve Dahl says:", after a
        // letter avatar's initials too), the date elsewhere (in a footer) or nowhere.
        if let Some(name) = said_by(lines[i]) {
            return Some(name);
        }
        // A name and its date on one line: the line is chrome for its date.
        is_chrome[i].then(|| name_before_date(lines[i])).flatten()
    })
}

/// The name of a line that holds a name alone, after a letter avatar's initials too and
/// before a badge ("Gus Ruiz", "GR Gus Ruiz", "JD Jo Dahl Author"): a header that names the
/// writer above the words, the date under them.
pub fn name_line(line: &str) -> Option<String> {
    let line = line.trim();
    if line.is_empty() || line.len() > 80 || is_date_line(line) || is_action(line) {
        return None;
    }
    let name = clean_author(line);
    // What follows the name is what cleaning took away: a badge, a verb, a number.
    (is_name_like(&name) && after_initials_of(line, &name).starts_with(name.as_str()))
        .then_some(name)
}

/// A comment's header line: a name beside its date ([`is_dated_header`]) or beside a
/// relative time ("Hana Hill says: 2 hours ago #3").
pub fn is_header_line(line: &str) -> bool {
    is_dated_header(line) || (holds_relative_time(line) && folded_header_name(line).is_some())
}

/// The name of a line that is a name and its saying verb ("Eve Dahl says:", "ED Eve Dahl
/// schreibt:", "Anna said..."): the verb says a comment follows, so the line needs no date
/// beside it to be a header.
pub fn said_by(line: &str) -> Option<String> {
    if line.len() > 120 || !ends_with_saying_verb(line.trim_end_matches('.')) {
        return None;
    }
    let name = clean_author(line);
    (!name.is_empty() && name.len() < line.trim().len() && is_name_like(&name)).then_some(name)
}

/// A header line longer than a date line: a date and a name with its verb, badge or number
/// ("March 2, 2023 at 10:07 pm Kai Berg says: #2").
pub fn is_dated_header(line: &str) -> bool {
    // Its words counted without a fold's "[+]" before it or the comment's number after it.
    let line = without_trailing_number(without_fold_label(without_leading_fold_label(line.trim())));
    // A colon at the end follows a verb ("Kai Berg says:"), not a field's label ("Posted: Mon
    // Jun 03, 2024 12:40 pm Post subject:").
    let label = line.ends_with(':') && !ends_with_saying_verb(line);
    !label
        && line.len() <= MAX_HEADER_LINE
        && has_date_part(line)
        && line.split_whitespace().nth(MAX_HEADER_WORDS).is_none()
        && name_before_date(line).is_some()
}

/// The name of a line that holds a name and its date ("Hannah | 28 Sep 2023", "Ann on 3 May
/// 2019"): what is left once the date is cut, if that is a name. Asked of date lines only.
pub fn name_before_date(line: &str) -> Option<String> {
    let name = clean_author(line);
    // A badge alone is no one's name ("Autor 11 de marzo de 2023"), nor a part of a date
    // that is the whole line ("March 2" of "March 2, 2023 at 10:07 pm").
    (name.len() < line.trim().len()
        && is_name_like(&name)
        && !is_date_line(&name)
        && !is_only_date(&name)
        && !is_role_badge(&name))
    .then_some(name)
}

fn ends_sentence(line: &str) -> bool {
    // A clock time's "a.m." or "p.m." ends a date, not a sentence ("March 3, 2023, 4:12 p.m.").
    let clock = || {
        let last = line.rsplit(char::is_whitespace).next().unwrap_or("");
        last.eq_ignore_ascii_case("a.m.") || last.eq_ignore_ascii_case("p.m.")
    };
    line.ends_with(['!', '?'])
        || (line.ends_with('.')
            && !line.ends_with(|c: char| c.is_ascii_digit())
            && line.split_whitespace().count() > 4
            && !clock())
}

/// The comment's text without the header lines it starts with and the action and footer
/// byline lines it ends with. Text that is all chrome is kept as it is (a "+1" comment is a
/// comment).
pub fn strip(text: &str, author: Option<&str>) -> String {
    let shown = author.map(str::trim);
    let author = author.map(|a| a.trim().to_lowercase());
    let is_author = |line: &str| {
        author.as_deref().is_some_and(|a| {
            let l = line.trim().trim_end_matches(COLONS).trim().to_lowercase();
            !a.is_empty() && (l == a || l.strip_prefix(a).is_some_and(is_header_rest))
        })
    };
    // A letter avatar's initials ("EM" beside "Eve Marsh").
    let initials = author.as_deref().map(initials_of).unwrap_or_default();
    let lines: Vec<&str> = text.split('\n').collect();
    // The author's header line: one that reads as the author's name once cleaned of its
    // date, number, badge and verb, in any order ("2 hours ago Gus Moe #1", "Cara Ruiz Author
    // #2", "March 7, 2023 Dan Ruiz").
    let is_author_header = |line: &str| {
        author.as_deref().is_some_and(|a| {
            !a.is_empty()
                && line.len() <= MAX_HEADER_LINE
                && line.split_whitespace().count() <= 16
                && line.to_lowercase().contains(a)
                && clean_author(line).to_lowercase() == a
        })
    };
    let leading = |line: &str| {
        line.trim().is_empty()
            || is_author(line)
            // After a letter avatar's initials ("GR Gus Ruiz", "周周洋 作者" with its badge).
            || shown.is_some_and(|a| {
                let after = after_initials_of(line, a);
                is_author(after) || is_author_header(after)
            })
            || (!initials.is_empty() && line.trim().to_lowercase() == initials)
            || opens_with_initials(line, &initials)
            || is_date_line(line)
            || is_counter(line)
            || is_action(line)
            || is_name_label(line)
            || ATTRIBUTION.is_match(line.trim())
            || is_author_header(line)
            || is_header_remnant(line)
            || is_fields_line(line, shown)
    };
    // A footer byline under the words names the author too ("Bob Kral says:", "AM 01.03.2023
    // Ann Marsh #1").
    let trailing = |line: &str| {
        line.trim().is_empty()
            || is_date_line(line)
            || is_counter(line)
            || is_action(line)
            || is_author(line)
            || is_author_header(line)
            || (!initials.is_empty() && line.trim().to_lowercase() == initials)
            || is_deleted_writer_line(line)
            || is_header_remnant(line)
            || opens_with_initials(line, &initials)
            || is_fields_line(line, shown)
    };
    let start = lines.iter().position(|l| !leading(l));
    let end = lines.iter().rposition(|l| !trailing(l));
    match (start, end) {
        (Some(s), Some(e)) if s <= e => {
            if s == 0 && e + 1 == lines.len() {
                text.to_string()
            } else {
                lines[s..=e].join("\n").trim().to_string()
            }
        }
        _ => text.to_string(),
    }
}

/// Whether `line` is a deleted writer's header: the notice where the name was, then the
/// date, number or nothing ("[deleted] 5 hours ago #4", "[deleted]March 9, 2023").
fn is_deleted_writer_line(line: &str) -> bool {
    let line = line.trim();
    let Some(k) = line.starts_with('[').then(|| line.find(']')).flatten() else {
        return false;
    };
    let rest = line[k + 1..].trim();
    is_deletion_notice(&line[..=k])
        && (rest.is_empty() || is_date_line(rest) || is_header_remnant(rest))
}

/// Whether `line` is a letter avatar's initials (lowercase in `initials`), glued or not, before
/// what is left of a header or footer line whose name was taken out: a date, a relative time,
/// a number, a verb ("EM 2 hours ago", "EM 3 May 2023", "OI3 hours ago says:", "CL says:").
fn opens_with_initials(line: &str, initials: &str) -> bool {
    let line = line.trim();
    let count = initials.chars().count();
    let end = line
        .char_indices()
        .nth(count)
        .map_or(line.len(), |(i, _)| i);
    let (head, rest) = line.split_at(end);
    let rest = rest.trim();
    count > 0
        && head.chars().all(is_avatar_letter)
        && head.to_lowercase() == initials
        && !rest.is_empty()
        && (is_date_line(rest)
            || is_relative_time(rest)
            || is_counter(rest)
            || is_header_remnant(rest))
}

/// Whether `line` is a letter avatar's initials of the name that opens `next` ("EM" before
/// "Eve Marsh 3 May 2023", or names in its name field: "From: Eve Marsh Date: …"): one to
/// three capitals.
pub fn is_avatar_initials(line: &str, next: &str) -> bool {
    let line = line.trim();
    (1..=3).contains(&line.chars().count())
        && line.chars().all(is_avatar_letter)
        && (initials_of(&clean_author(next)) == line.to_lowercase()
            || fields_name(next).is_some_and(|name| initials_of(&name) == line.to_lowercase()))
}

/// A letter an avatar shows: a capital, or a letter of a script without capitals (`徐`, `김`).
fn is_avatar_letter(c: char) -> bool {
    c.is_uppercase() || is_caseless_letter(c)
}

/// A letter of a script without capitals (Chinese, Japanese, Korean).
fn is_caseless_letter(c: char) -> bool {
    c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase()
}

/// Where a header starts after two or three capitals glued to it: a name ("OMOlaf": the
/// capitals, then a capital and a small letter) or a date ("CD01.03.2023": the capitals,
/// then a digit), or set apart by a space or a sign ("CD 2 hours ago", "AL+ Ann Lee", where a
/// fold button's `+` stands between the avatar and the name). `None` for any other line; the
/// caller checks that the capitals are the initials of the name after them.
fn glued_initials(line: &str) -> Option<usize> {
    let caps = line.chars().take_while(|c| c.is_uppercase()).count();
    let initials = match line.chars().nth(caps) {
        Some(c) if c.is_ascii_digit() || !c.is_alphanumeric() => caps,
        // A relative time's opening word ("FCvor 2 Stunden Finn Cruz").
        Some(c)
            if c.is_lowercase()
                && line
                    .char_indices()
                    .nth(caps)
                    .is_some_and(|(at, _)| opens_relative_time(&line[at..])) =>
        {
            caps
        }
        Some(c) if c.is_lowercase() => caps.checked_sub(1)?,
        _ => return None,
    };
    if !(2..=3).contains(&initials) {
        return None;
    }
    line.char_indices().nth(initials).map(|(at, _)| at)
}

/// `opening` after a letter avatar's initials of `name`, where they stand before it: "AI Ann
/// Ito", "AIAnn Ito" or "AI\nAnn Ito" → "Ann Ito …". A header that holds the name alone (its
/// date in a footer) opens with the avatar's letters, then the name they abbreviate.
/// `opening` itself (trimmed at the start) anywhere else.
pub fn after_initials_of<'a>(opening: &'a str, name: &str) -> &'a str {
    let opening = opening.trim_start();
    let name = name.trim();
    let initials = initials_of(name);
    let count = initials.chars().count();
    if count == 0 {
        return opening;
    }
    let end = opening
        .char_indices()
        .nth(count)
        .map_or(opening.len(), |(i, _)| i);
    let head = &opening[..end];
    if head.chars().all(is_avatar_letter) && head.to_lowercase() == initials {
        let rest = opening[end..].trim_start();
        if rest.starts_with(name) {
            return rest;
        }
    }
    opening
}

/// The initials of a name as a letter avatar shows them, lowercase: the first letter of each
/// of its first three words ("Eve Marsh" → "em"); empty for a one-word name, whose avatar's
/// single letter may be a word. A name written in a script without capitals and without
/// spaces (`徐丽`, `김민수`) shows its first character.
pub fn initials_of(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().take(3).collect();
    if let [word] = words[..] {
        let caseless = word.chars().count() >= 2 && word.chars().all(is_caseless_letter);
        return if caseless {
            word.chars().take(1).collect()
        } else {
            String::new()
        };
    }
    if words.len() < 2 {
        return String::new();
    }
    words
        .iter()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What may follow a name on its header line: "says:", a date, "| Reply".
fn is_header_rest(rest: &str) -> bool {
    let rest = rest
        .trim()
        .trim_start_matches([',', '|', '-', '–', '—', '·', '•', ':'])
        .trim();
    // The writer's handle beside their shown name ("Sean Brown @seanb 12m"), then the rest.
    if let Some(handle) = rest.strip_prefix('@') {
        let after = handle.trim_start_matches(|c: char| c.is_alphanumeric() || "_.-".contains(c));
        if after.len() < handle.len() {
            return is_header_rest(after);
        }
    }
    let addressed = rest.rsplit_once(['•', '·', '|']).is_some_and(|(to, when)| {
        // "Ann ↪ Bob • 2 days ago": a reply's header names the parent's author too.
        to.split_whitespace().count() <= 4 && is_date_line(when)
    });
    rest.is_empty() || is_date_line(rest) || is_action(rest) || is_counter(rest) || addressed
}

/// What is left of a header line once its name is taken out (the name is an element of its
/// own): a role badge, a verb of saying or a number around a date or nothing ("says: #1",
/// "says:2 hours ago", "Author3 hours ago #2", "il y a 3 heures Auteur #2", "schrieb am 3.
/// März 2023"). A date alone is [`is_date_line`]'s.
fn is_header_remnant(line: &str) -> bool {
    // After an anonymous avatar's "?" ("? says: 5 hours ago #4", the name "[deleted]" read
    // apart), as [`clean_author`] reads it before a name.
    let avatar = line.trim().starts_with('?');
    let line = line.trim().trim_start_matches('?').trim_start();
    if line.len() > 100 || line.split_whitespace().nth(16).is_some() {
        return false;
    }
    let lower = line.to_lowercase();
    // The marks at either end: a number, a role badge, a verb ("il y a 3 heures Auteur #2").
    let mut rest = without_trailing_number(&lower);
    let mut marked = avatar || rest.len() < lower.len();
    rest = rest.trim_end_matches(COLONS).trim_end();
    if let Some((before, last)) = rest.rsplit_once(' ') {
        // A badge, a verb or an edit mark ("(editado)").
        if ROLE_BADGES.contains(last)
            || SAYING_VERBS.contains(&last)
            || (last.starts_with('(') && is_action(last))
        {
            (rest, marked) = (before.trim_end(), true);
        }
    }
    let badge = ROLE_BADGES
        .iter()
        .find_map(|badge| rest.strip_prefix(badge))
        .filter(|after| !after.starts_with(char::is_alphabetic));
    if let Some(after) = badge {
        (rest, marked) = (after.trim_start(), true);
    }
    let verb = SAYING_VERBS
        .iter()
        .find_map(|verb| rest.strip_prefix(verb))
        .filter(|after| !after.starts_with(char::is_alphanumeric));
    if let Some(after) = verb {
        (rest, marked) = (after, true);
    }
    let rest = rest.trim_start_matches([':', '：', ' ', '\u{a0}']).trim();
    marked
        && (rest.is_empty()
            || is_counter(rest)
            || is_date_line(rest)
            || is_relative_time(rest)
            || is_header_rest(rest))
}

/// `name` without a header verb after it ("says", "schrieb"), then without the mark an engine
/// puts after an unregistered writer's name (Drupal's "(not verified)" in its translations).
/// Other parentheses ("Catherine (GiveWell)", "T (mightyowl)") are names.
fn without_trailing_marks(mut name: &str) -> &str {
    // In any order ("Pia Marsh Author says: #2"): until nothing more comes off.
    loop {
        let before = name.len();
        name = name.trim_end_matches(COLONS).trim_end();
        for verb in SAYING_VERBS.iter() {
            if let Some(n) = name
                .strip_suffix(verb)
                .filter(|n| n.ends_with(' ') && !n.trim().is_empty())
            {
                name = n.trim();
            }
        }
        for trailing in [
            "(not verified)",
            "(nicht überprüft)",
            "(non vérifié)",
            "(no verificado)",
            "(non verificato)",
            "(niet geverifieerd)",
            "(não verificado)",
            "(niezweryfikowany)",
        ] {
            if let Some(n) = name.strip_suffix(trailing) {
                name = n.trim();
            }
        }
        // A comment's number after the name ("Gus Moe #4"), and a role badge ("Cara Cruz Author",
        // "Jo OP"): a last word that is no part of a name, with a name before it.
        name = without_trailing_number(name);
        name = without_fold_label(name);
        if let Some((n, last)) = name.rsplit_once(' ') {
            if !n.trim().is_empty()
                && last.chars().all(char::is_alphanumeric)
                && is_role_badge(last)
            {
                name = n.trim();
            }
        }
        if name.len() == before {
            return name;
        }
    }
}

/// A badge beside a writer's name that gives their role in the thread (`Author`, `OP`,
/// `Verified`; `lexicon/role_badges.txt`). Only words that end no one's name: "Library
/// Staff" and "Site Admin" are names.
fn is_role_badge(word: &str) -> bool {
    ROLE_BADGES.contains(word.to_lowercase().as_str())
}

/// The label of a link or button that unfolds a folded comment ("Expand", "[+]",
/// "Aufklappen"; `lexicon/fold_labels.txt`): the whole label, nothing more.
pub fn is_fold_label(label: &str) -> bool {
    in_labels(&FOLD_LABELS, label)
}

/// The label of a link or button that folds a comment shown open ("Collapse", "[-]",
/// "Einklappen"; `lexicon/collapse_labels.txt`): the whole label, nothing more.
pub fn is_collapse_label(label: &str) -> bool {
    in_labels(&COLLAPSE_LABELS, label)
}

/// Whether a control's whole label, in lower case and with or without its brackets (`[+]`),
/// is one of `labels`.
fn in_labels(labels: &HashSet<&'static str>, label: &str) -> bool {
    let label = label.trim().to_lowercase();
    let label = label
        .strip_prefix('[')
        .and_then(|l| l.strip_suffix(']'))
        .unwrap_or(&label);
    labels.contains(label.trim())
}

/// `line` without a folded comment's "[+]" or "Expand" at its start, words after it.
fn without_leading_fold_label(line: &str) -> &str {
    match line.split_once(' ') {
        Some((label, rest)) if !rest.trim().is_empty() && is_fold_label(label) => rest.trim_start(),
        _ => line,
    }
}

/// `line` without a folded comment's "Expand" or "[+]" at its end, words before it.
fn without_fold_label(line: &str) -> &str {
    match line.trim_end().rsplit_once(' ') {
        Some((rest, last)) if !rest.trim().is_empty() && is_fold_label(last) => rest.trim_end(),
        _ => line,
    }
}

static FOLD_LABELS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lexicon(include_str!("lexicon/fold_labels.txt")));

static COLLAPSE_LABELS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lexicon(include_str!("lexicon/collapse_labels.txt")));

static ROLE_BADGES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lexicon(include_str!("lexicon/role_badges.txt")));

/// `name` without a comment number before it: `#` and digits, or digits and `.` or `)`, then
/// a space and a letter ("1. Hans Meier" → "Hans Meier"); a name that starts with digits
/// ("2Pac", "42 Degrees") stays.
fn without_leading_number(name: &str) -> &str {
    let rest = name.strip_prefix('#').unwrap_or(name);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return name;
    }
    // A reply's number within its parent's ("#1.1", "2.3."): groups of digits joined by dots.
    let mut digits = digits;
    while rest[digits..].starts_with('.')
        && rest[digits + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        let group = rest[digits + 1..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        if group > 4 {
            return name;
        }
        digits += 1 + group;
    }
    let after = &rest[digits..];
    // Japanese boards' `1 ：Name：2010/01/05(火) 10:12:33`: the number, a colon, the name.
    if let Some(named) = after.trim_start().strip_prefix(['：', ':']) {
        let named = named.trim_start();
        if named.starts_with(char::is_alphabetic) {
            return named;
        }
    }
    let marked = name.starts_with('#') || after.starts_with(['.', ')']);
    let after = after.strip_prefix(['.', ')']).unwrap_or(after);
    let opens_name = after.starts_with(' ') && after.trim_start().starts_with(char::is_alphabetic);
    if marked && opens_name {
        after.trim_start()
    } else {
        name
    }
}

/// A date written in digits, at the start of a line: `03.05.2019`, `3/5/19`, `2019-05-03`.
static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})(?:$|\D)")
        .expect("numeric date pattern compiles")
});

/// A header line longer than this is read for a name but never cut at a date: each cut tries
/// the date from every word (or letter) on, which must stay cheap on a hostile page.
const MAX_HEADER_LINE: usize = 200;

/// A header line of more words than this holds prose, not a name and its marks: an avatar's
/// letters, a date written out (`11 de marzo de 2023 a las 18:10`), a name, a badge, an edit
/// mark and a number come to 14.
const MAX_HEADER_WORDS: usize = 16;

/// A display name as an author element holds it: the first line, without "says:" and the
/// like, a leading "By", and what follows a separator when that is a date or a button
/// ("Hella, Sa 11 Apr 2020 / 00:40 Antworten" → "Hella").
pub fn clean_author(raw: &str) -> String {
    let first = raw
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    // A letter avatar's initials glued to the header, its element set beside the name's with
    // no space between (`<span class="av">OM</span><b>Olaf Marsh</b>`): "OMOlaf Marsh 1 May
    // 2023" is Olaf Marsh's line where the capitals are the initials of the name after them.
    if let Some(at) = glued_initials(first) {
        let name = clean_author(&first[at..]);
        if initials_of(&name) == first[..at].to_lowercase() {
            return name;
        }
    }
    // A letter avatar's initials set apart from the name by a space, their element beside the
    // name's (`<span>GR</span> <b>Gus Ruiz</b>`, `<span>周</span><span>周伟</span>`): "周 周伟"
    // is 周伟's line where the letters before the space are the initials of the name after it.
    if let Some((head, rest)) = first.split_once(char::is_whitespace) {
        if (1..=3).contains(&head.chars().count()) && head.chars().all(is_avatar_letter) {
            let name = clean_author(rest);
            if !name.is_empty() && initials_of(&name) == head.to_lowercase() {
                return name;
            }
        }
    }
    // Blogger's "Anna said..." ends in an ellipsis after its verb, others in a colon; a name
    // that ends in dots ("mike...") keeps them.
    let first = match first
        .strip_suffix("...")
        .or_else(|| first.strip_suffix('…'))
    {
        Some(said) if ends_with_saying_verb(said) => said,
        _ => first,
    };
    let mut name = first.trim_end_matches(COLONS).trim();
    // An edit mark at the end (and the comment's number and a fold's "Expand" after it),
    // before the date is looked for ("Dan Lee2023-03-03 10:14 (edited)", "Hana Ruiz (edited) #3").
    if let Some((n, mark)) = without_trailing_number(without_fold_label(name)).rsplit_once('(') {
        if !n.trim().is_empty() && mark.ends_with(')') && is_action(mark) {
            name = n.trim();
        }
    }
    // A folded comment's "[+]" or "Expand" before its name ("[+] Ann Lee 2 hours ago").
    name = without_leading_fold_label(name);
    // An anonymous avatar's "?" before the name ("? [deleted]", "?Guest"): no name opens so.
    name = name.trim_start_matches('?').trim_start();
    // A dash that signs the words before it ("— Mei, June 12, 2021", "~ Bo").
    if let Some(signed) = name.strip_prefix(['—', '–', '―', '~']) {
        name = signed.trim_start();
    }
    // A guest's name after its label ("Гость: Виктор", "Guest: Ann"): the name; the label
    // alone stays (a placeholder, `placeholder_authors.txt`).
    if let Some((label, rest)) = name.split_once(':') {
        let rest = rest.trim();
        if !rest.is_empty() && crate::model::is_placeholder_author(label.trim()) {
            name = rest;
        }
    }
    // A mail header's sender (mailing-list archives, bug trackers: "From: Ann Lee
    // <ann@example.org>"): the label goes, and the address in angle brackets after a name.
    if let Some(sender) = ["From:", "Von:", "De:", "De :", "Da:", "От:", "Van:"]
        .iter()
        .find_map(|label| name.strip_prefix(label))
    {
        name = sender.trim();
        if let Some((shown, address)) = name.rsplit_once('<') {
            if address.contains('@') && address.ends_with('>') && !shown.trim().is_empty() {
                name = shown.trim().trim_matches('"').trim();
            }
        }
    }
    // A whole date first and the name after it, with or without a separator ("March 7, 2023
    // at 3:42 pm Dan Ruiz", "14.03.2023 10:12 – Hans Meier"): the longest opening run of words
    // that is a date and nothing else, where what follows reads as a name.
    // (A line that is a whole date and nothing else names no one: "March 2, 2023 at 10:07
    // pm" is no date and a writer called "pm".)
    if name.len() <= MAX_HEADER_LINE
        && (super::meta::holds_year(name) || RELATIVE_TIME.is_match(name))
        && name.split_whitespace().count() <= MAX_HEADER_WORDS
        && name.starts_with(|c: char| c.is_ascii_digit() || c.is_alphabetic())
        && !is_only_date(name)
    {
        const SEPARATORS: &[char] = &[',', '|', '·', '•', '–', '—', '-', '/', ':'];
        let ends = name
            .char_indices()
            .filter(|&(i, c)| c.is_whitespace() && !name[..i].ends_with(char::is_whitespace))
            .map(|(i, _)| i);
        let date_end = ends.rev().find(|&i| {
            let date = name[..i].trim_end_matches(SEPARATORS).trim_end();
            (has_date_part(date) || is_relative_time(date)) && is_only_date(date)
        });
        if let Some(i) = date_end {
            let rest = name[i..]
                .trim_start_matches(|c: char| c.is_whitespace() || SEPARATORS.contains(&c))
                .trim();
            if !rest.is_empty()
                && !is_date_line(rest)
                && super::generic::is_name_like(without_trailing_marks(rest))
            {
                name = rest;
            }
        }
    }
    // The comment's number before the name ("1. Hans Meier", "#12 Ann", "3) Bo").
    name = without_leading_number(name);
    // The date first and the name after it ("On 3 May 2010, 10:12 by Ann", Dotclear's "Le 3
    // mai 2010, 10:12 par Ann"). Not German's "von": news teasers read "Am 12.03.2023 von
    // Redaktion", and runs of them were taken for named records.
    for by in [" by ", " par "] {
        if let Some((date, after)) = name.rsplit_once(by) {
            let date = date.trim();
            let date = [
                "On ", "on ", "Le ", "le ", "Am ", "am ", "El ", "el ", "Il ", "il ",
            ]
            .iter()
            .find_map(|on| date.strip_prefix(on))
            .unwrap_or(date);
            if !after.trim().is_empty() && is_date_line(date) && has_date_part(date) {
                name = after.trim();
                break;
            }
        }
    }
    // What may follow a name on its line and is no part of it.
    name = without_trailing_marks(name);
    // A role mark after the name: the thread's author, its moderator ("fieldnotes_ann
    // (author)", "Jo (OP)", "Anna (Autorin)"); or a member number ("nobody42 (123456)").
    if let Some((n, mark)) = name.strip_suffix(')').and_then(|n| n.rsplit_once('(')) {
        let number = !mark.trim().is_empty() && mark.trim().bytes().all(|b| b.is_ascii_digit());
        const ROLES: &[&str] = &[
            "author",
            "op",
            "moderator",
            "mod",
            "admin",
            "autor",
            "autorin",
            "auteur",
            "autrice",
            "autore",
            "автор",
            "staff",
        ];
        if !n.trim().is_empty() && (number || ROLES.contains(&mark.trim().to_lowercase().as_str()))
        {
            name = n.trim();
        }
    }
    for by in ["By ", "by ", "Par ", "par ", "Von ", "von ", "От ", "от "] {
        if let Some(n) = name.strip_prefix(by) {
            name = n.trim();
        }
    }
    // "Comment by X", "Posted by X", "Kommentar von X": a label of one or two words and a
    // word that introduces the name.
    let words: Vec<&str> = name.split_whitespace().collect();
    const LABELS: &[&str] = &[
        "comment",
        "comments",
        "kommentar",
        "commentaire",
        "commento",
        "comentario",
        "posted",
        "written",
        "submitted",
        "added",
        "left",
        "geschrieben",
        "verfasst",
        "eingetragen",
        "publié",
        "écrit",
        "publicado",
        "escrito",
        "scritto",
        "reply",
        "antwort",
        "answer",
        "post",
        "beitrag",
        "message",
        "nachricht",
        "réponse",
        "respuesta",
    ];
    let labelled = words
        .first()
        .is_some_and(|w| LABELS.contains(&w.to_lowercase().as_str()));
    if let Some(k) = (1..=2).filter(|_| labelled).find(|&k| {
        words.len() > k + 1 && NAME_INTRODUCERS.contains(&words[k].to_lowercase().as_str())
    }) {
        let skip: usize = words[..=k].iter().map(|w| w.len()).sum::<usize>();
        let at = name
            .match_indices(words[k])
            .map(|(i, _)| i + words[k].len())
            .find(|&i| i >= skip)
            .unwrap_or(0);
        name = name[at..].trim();
    }
    // " on 3 May 2019", " am 3. Mai 2019", " le 3 mai": before the separators below, which
    // would cut inside the date ("Ann on March 3, 2010 at 10:12 am said:").
    for on in [" on ", " am ", " le ", " el ", " il ", " at "] {
        if let Some((n, rest)) = name.split_once(on) {
            if is_date_line(rest) {
                // "Gerda schrieb am 12.03.2009": the verb before the date goes too.
                name = without_trailing_marks(n.trim());
            }
        }
    }
    // A date set right after the name with no space between (`<span>Nia Lee</span><span>March
    // 11, 2023</span>`, as script-built pages write adjacent elements): where a letter or a
    // dot meets the first character of a whole date.
    // Or a relative time ("Olaf Ruiz2 hours ago", "Nia Foxil y a 2 heures").
    if name.len() <= MAX_HEADER_LINE
        && name.split_whitespace().count() <= MAX_HEADER_WORDS
        && (has_date_part(name)
            || name
                .chars()
                .zip(name.chars().skip(1))
                .any(|(a, b)| a.is_alphabetic() && b.is_ascii_digit())
            || glued_relative_time(name).is_some())
    {
        let glued = name.char_indices().find(|&(i, c)| {
            i > 0
                // After a colon, also the word that introduces a date ("a écrit :le 06/03/2023").
                && (c.is_ascii_digit()
                    || c.is_uppercase()
                    || (c.is_alphabetic() && name[..i].ends_with(COLONS)))
                && name[..i].ends_with(|p: char| p.is_alphabetic() || p == '.' || p == ':')
                && !name[..i].ends_with(char::is_uppercase)
                && ((has_date_part(&name[i..]) && is_only_date(&name[i..]))
                    // Not a short unit: "krypr0s" is a name, "Olaf Ruiz2 hours ago" is not;
                    // in a script without spaces the time has none ("张涛4小时前").
                    || (c.is_ascii_digit()
                        && (name[i..].contains(' ') || name[..i].ends_with(is_caseless_letter))
                        && is_relative_time(&name[i..])))
        });
        if let Some(i) = glued.map(|(i, _)| i).or_else(|| glued_relative_time(name)) {
            let before = name[..i].trim();
            // After a verb's colon ("Bob Lee says:5 February 2023"), the verb goes at the end.
            if super::generic::is_name_like(without_trailing_marks(before)) {
                name = before;
            }
        }
    }
    // A printed date after the name with no separator ("Jonas Ek March 3, 2023, 4:12 p.m.": a
    // heading that holds the name and a `<small>` date): the earliest word after the first
    // that is a month name, or a day before one, from which the rest of the line is a whole
    // date with its year. Before the separators below, which would cut inside the date.
    if name.len() <= MAX_HEADER_LINE
        && has_date_part(name)
        && name.split_whitespace().count() <= MAX_HEADER_WORDS
    {
        let opens_date = |rest: &str| {
            use crate::parse::date::is_month_name;
            let mut words = rest.split_whitespace();
            let first = words.next().unwrap_or("");
            let day = first.trim_end_matches('.');
            let (second, third) = (words.next(), words.next());
            // A day, then its month, or "de"/"of" and its month ("14 de marzo de 2023").
            let dated = is_month_name(first)
                || (!day.is_empty()
                    && day.len() <= 2
                    && day.bytes().all(|b| b.is_ascii_digit())
                    && (second.is_some_and(is_month_name)
                        || (second.is_some_and(|w| matches!(w, "de" | "of"))
                            && third.is_some_and(is_month_name))));
            (dated && crate::parse::date::parse_date(rest).is_some())
                // Or a date in numbers only ("Eve Marsh 14/03/2023 10:12"), also year first
                // ("2023/03/14 10:12", "2023年3月14日").
                || (first.starts_with(|c: char| c.is_ascii_digit())
                    && crate::parse::date::NumericDate::of(rest).is_some())
                || (first.len() > 4
                    && first.bytes().take(4).all(|b| b.is_ascii_digit())
                    && crate::parse::date::parse_date(rest).is_some())
        };
        let cut = name
            .char_indices()
            .filter(|&(i, c)| {
                i > 0 && !c.is_whitespace() && name[..i].ends_with(char::is_whitespace)
            })
            .map(|(i, _)| i)
            .find(|&i| opens_date(&name[i..]));
        if let Some(i) = cut {
            // With the separator before the date, where there is one ("Hannah | 28 Sep 2023").
            name = name[..i]
                .trim_end()
                .trim_end_matches([',', '|', '·', '•', '–', '—', '-', '/', ':'])
                .trim_end();
        }
    }
    // Cut at the first separator after which comes a date or a button.
    for (i, c) in name.char_indices() {
        if matches!(
            c,
            ',' | '|' | '·' | '•' | '(' | '–' | '—' | '-' | '/' | '：'
        ) && i > 0
        {
            let rest = &name[i + c.len_utf8()..];
            let is_dash = matches!(c, '-' | '–' | '—');
            if (!is_dash || name[..i].ends_with(' '))
                && (DATE_PART.is_match(rest)
                    || is_action(rest)
                    || RELATIVE_TIME.is_match(rest.trim()))
            {
                name = name[..i].trim();
                break;
            }
        }
    }
    // A relative time after the name with no separator ("VsevenMagic 47 分钟前", "Bob 3 hours
    // ago"): the line's last words, five at most, longest first (only those are tried, so a
    // long line costs no more than a short one).
    name = without_trailing_number(name);
    let mut starts: Vec<usize> = Vec::with_capacity(5);
    let mut in_word = false;
    for (i, c) in name.char_indices().rev() {
        // A colon glued to the time starts a word too ("Jo Kral says:2 hours ago").
        if c.is_whitespace() || c == ':' {
            if in_word {
                starts.push(i);
                if starts.len() == 5 {
                    break;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    if let Some(&at) = starts.iter().rev().find(|&&i| {
        let rest = name[i..].trim_start_matches(':').trim();
        // The whole rest is the time.
        is_relative_time(rest)
    }) {
        name = name[..at].trim();
    } else if let Some(&at) = starts.iter().rev().find(|&&i| {
        // A date after the name with no separator ("Anna 03.05.2019 10:12", "Bo 2019-05-03"):
        // a date in digits only, so a name with a month or a number in it stays.
        let rest = name[i..].trim_start_matches(':').trim();
        // Up to and with the space before the date, whatever its width (a no-break space is
        // two bytes).
        let before = &name[..i + name[i..].chars().next().map_or(0, char::len_utf8)];
        // A label before it ("Termin: 21.02.2020") is no name.
        NUMERIC_DATE.is_match(rest)
            && is_date_line(rest)
            && before.chars().any(char::is_alphabetic)
            && (!before.trim_end().ends_with(':') || ends_with_saying_verb(before))
    }) {
        name = name[..at].trim();
    }
    // A verb or a mark that stood before the time ("Hana Hill says: 2 hours ago").
    without_trailing_marks(name.trim_end_matches([':', '：', ',']).trim())
        .trim_end_matches([':', '：', ','])
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_beside_names_on_other_lines() {
        // A whole date names no one, with or without the separator before a name.
        assert_eq!(name_before_date("March 2, 2023 at 10:07 pm"), None);
        assert!(is_only_date("March 1, 2023 at 9:00 pm —"));
        assert_eq!(
            without_trailing_byline_words("1 February 2023 at 08:00, Posted by"),
            "1 February 2023 at 08:00"
        );
        assert_eq!(without_trailing_byline_words("Ann Lee"), "Ann Lee");
        // A name that is also a month (Dutch "mei") before a date is a name and a date.
        assert!(!is_only_date("Mei, June 12, 2021"));
        // A comma inside the date does not end the name of a byline.
        assert_eq!(
            byline_name("By Dan Kral March 1, 2023 at 9:00 pm").as_deref(),
            Some("Dan Kral")
        );
    }

    #[test]
    fn sponsor_labels_stand_alone_and_leave_names() {
        for label in [
            "Sponsored",
            "· Promoted ·",
            "[Anzeige]",
            "Publicité",
            "Реклама",
            "広告",
            "sponsored content",
        ] {
            assert!(is_sponsor_label(label), "{label}");
        }
        // Names, ranks and sentences are no labels.
        for text in [
            "Ad",
            "Sponsor",
            "Annonce",
            "Sponsored by the council",
            "Anzeige erstattet.",
        ] {
            assert!(!is_sponsor_label(text), "{text}");
        }
    }

    #[test]
    fn a_letter_avatar_is_no_name_and_no_words() {
        assert_eq!(initials_of("Eve Marsh"), "em");
        assert_eq!(initials_of("Eve"), "");
        assert!(is_deletion_notice("このコメントは削除されました。"));
        assert!(is_deletion_notice("삭제된 댓글입니다."));
        assert_eq!(initials_of("徐丽"), "徐");
        assert_eq!(initials_of("김민수"), "김");
        assert!(is_avatar_initials("徐", "徐丽 2023年3月1日 08:00"));
        assert!(!is_avatar_initials("张", "徐丽 2023年3月1日 08:00"));
        // Initials glued to the header they open (inline elements with no space between).
        for (line, name) in [
            ("OMOlaf Marsh 1 February 2023 at 08:00", "Olaf Marsh"),
            ("FPMarch 3, 2023 at 11:14 pm Finn Park", "Finn Park"),
            ("EDEve Dahl", "Eve Dahl"),
            ("CD01.03.2023 08:00 Cara Dahl", "Cara Dahl"),
            // Set apart by a space before a relative time, or by a fold button's sign.
            ("CD 2 hours ago Cara Dahl #1", "Cara Dahl"),
            ("CD2 hours ago Cara Dahl #1", "Cara Dahl"),
            ("AL+ Ann Lee2023-03-04 11:21 #4", "Ann Lee"),
            ("AL [+] Ann Lee 2023-03-04 11:21", "Ann Lee"),
            ("BBC: Jo Lee", "BBC: Jo Lee"),
            // Capitals that are no one's initials stay: an acronym before a name, a shouted
            // name.
            ("NYCJoe Bloggs", "NYCJoe Bloggs"),
            ("MCHammer", "MCHammer"),
            // A date after a no-break space (a space two bytes wide).
            ("Anna\u{a0}03.05.2019 10:12", "Anna"),
            // An anonymous avatar's question mark.
            ("? [deleted] says: #4", "[deleted]"),
            ("?Guest", "Guest"),
        ] {
            assert_eq!(clean_author(line), name, "{line}");
        }
        // A header line that opens with initials and a relative time, the name after them.
        for line in ["CD2 hours ago Cara Dahl #1", "CD 2 hours ago Cara Dahl"] {
            assert!(holds_relative_time(line), "{line}");
            assert_eq!(
                folded_header_name(line).as_deref(),
                Some("Cara Dahl"),
                "{line}"
            );
        }
        // Initials glued to a relative time's opening word ("FC" + "vor 2 Stunden"): the
        // capitals are the initials, not a name's first letter.
        for line in [
            "FCvor 2 Stunden Finn Cruz schreibt:",
            "ALil y a 3 heures Ann Lee a écrit :",
        ] {
            assert!(holds_relative_time(line), "{line}");
            assert_eq!(glued_initials(line), Some(2), "{line}");
        }
        assert_eq!(glued_initials("OMOlaf Marsh"), Some(2));
        // Capitals that are not the name's initials are no avatar.
        assert!(!holds_relative_time("AB 2 hours ago Cara Dahl"));
        // A verb before a full-width colon is no part of the name.
        assert_eq!(clean_author("赵涛 说： 2023年3月1日 08:00"), "赵涛");
        // A relative time that opens with a word, glued to the name; not a name's own end.
        for (line, name) in [
            ("Nia Foxil y a 2 heures #1", "Nia Fox"),
            ("Eva Lenzvor 3 Stunden", "Eva Lenz"),
            ("Ana Ruizhace 2 horas", "Ana Ruiz"),
            ("Paul Gauthier", "Paul Gauthier"),
            // After a verb's colon, the word that introduces a date.
            ("Gus Park a écrit :le 06/03/2023 à 13:35", "Gus Park"),
        ] {
            assert_eq!(clean_author(line), name, "{line}");
        }
        assert!(holds_relative_time("Nia Foxil y a 2 heures #1"));
        // A relative time after a full-width colon, or glued to a name in a script without
        // spaces (whose times have none either).
        for line in ["张涛 说：4小时前 #3", "张涛4小时前 #3"] {
            assert!(holds_relative_time(line), "{line}");
            assert_eq!(clean_author(line), "张涛", "{line}");
        }
        // What is left of such a header once the name is taken out: a badge, a verb and its
        // full-width colon, the time.
        for text in [
            "作者 说：3小时前\n\n这次会在网上直播吗。",
            "说：5小时前\n\n这次会在网上直播吗。",
        ] {
            assert_eq!(strip(text, Some("孙伟")), "这次会在网上直播吗。", "{text}");
        }
        // An avatar's character glued to the name it opens, a badge after the name.
        let text = "周周洋 作者\n\n河景的说法被高估了。";
        assert_eq!(strip(text, Some("周洋")), "河景的说法被高估了。");
        // What is left of a header line once the name is taken out: the initials and a date.
        let text = "EM 2 hours ago\nThe reeds were cut in autumn.";
        assert_eq!(
            strip(text, Some("Eve Marsh")),
            "The reeds were cut in autumn."
        );
        let text = "EM 3 May 2023\nThe reeds were cut in autumn.";
        assert_eq!(
            strip(text, Some("Eve Marsh")),
            "The reeds were cut in autumn."
        );
        // Not words that open with capitals.
        let text = "OK 2 hours ago it rained.";
        assert_eq!(strip(text, Some("Olga Kern")), text);
        assert_eq!(
            header_name("EM\nEve Marsh 3 May 2023\nHas anyone checked the counts?").as_deref(),
            Some("Eve Marsh")
        );
        assert_eq!(
            strip(
                "EM\n3 May 2023\nHas anyone checked the counts?",
                Some("Eve Marsh")
            ),
            "Has anyone checked the counts?"
        );
        // Capitals that are not the writer's initials are words.
        assert_eq!(strip("OK\nfine by me", Some("Eve Marsh")), "OK\nfine by me");
        // What is left of a header after an anonymous avatar's "?", the name read apart.
        assert_eq!(
            strip(
                "? says: 5 hours ago #4\n\nThis comment has been deleted.",
                Some("[deleted]")
            ),
            "This comment has been deleted."
        );
        assert_eq!(
            strip("? vor 5 Stunden schreibt: #4\nDanke.", None),
            "Danke."
        );
        assert_eq!(strip("? Really?", None), "? Really?");
        assert_eq!(
            strip("? il y a 5 heures\nCe commentaire a été supprimé.", None),
            "Ce commentaire a été supprimé."
        );
        // The writer's initials before the comment's number.
        assert_eq!(
            strip("OI #4\nКомментарий удалён.", Some("Olaf Ito")),
            "Комментарий удалён."
        );
    }

    #[test]
    fn a_name_after_its_date_is_the_name() {
        for (line, name) in [
            ("March 7, 2023 at 3:42 pm Dan Ruiz", "Dan Ruiz"),
            ("14.03.2023 10:12 – Hans Meier", "Hans Meier"),
            ("2023-03-01 08:00 Eve Marsh", "Eve Marsh"),
            ("Eve Marsh 2023-03-01 08:00", "Eve Marsh"),
            ("Nia LeeMarch 11, 2023 at 7:10 pm", "Nia Lee"),
            ("Ingrid S.14.03.2023 10:12", "Ingrid S."),
            ("Gus Hill2023-03-01 08:00", "Gus Hill"),
            ("14. März 2023 um 10:12 Uhr Eve Marsh", "Eve Marsh"),
            ("le 14/03/2023 à 10:12 Eve Marsh", "Eve Marsh"),
            ("Eve Marsh 14 de marzo de 2023 a las 10:12", "Eve Marsh"),
            ("Eve Marsh 14/03/2023 10:12", "Eve Marsh"),
            ("Cara Dahl 1 de marzo de 2023 a las 08:00", "Cara Dahl"),
        ] {
            assert_eq!(clean_author(line), name, "{line}");
        }
        // The year alone is no date to cut at.
        assert_eq!(clean_author("2023 Olympics Fan"), "2023 Olympics Fan");
    }

    #[test]
    fn a_date_alone_is_no_name() {
        for date in [
            "Mar 14, 2023",
            "Mar 14",
            "14 March",
            "March 14th at 9:05 pm",
            "3h",
            "2 hours ago",
            "2023-03-14 09:05",
        ] {
            assert!(is_only_date(date), "{date}");
        }
        for name in [
            "May",
            "June Carter",
            "Ann",
            "— Mei, June 12, 2021",
            "april2023",
        ] {
            assert!(!is_only_date(name), "{name}");
        }
    }

    #[test]
    fn a_folded_comments_header_names_its_writer() {
        // Its header and nothing after it: `header_name` wants words after the header.
        let header = "AL\n[+] Ann Lee March 2, 2023 at 10:07 pm (edited) #3 Expand";
        assert_eq!(header_name(header), None);
        assert_eq!(folded_header_name(header).as_deref(), Some("Ann Lee"));
        assert_eq!(clean_author("+ Ann Lee 2 hours ago"), "Ann Lee");
        assert_eq!(clean_author("Ann Lee says: #3 Aufklappen"), "Ann Lee");
        assert!(holds_relative_time("Ann Lee 2 hours ago #3 Expand"));
        assert!(is_fold_label("[+]") && is_fold_label("Déplier") && !is_fold_label("Reply"));
        // Not a word a name may end in.
        assert!(!is_fold_label("Show"));
        assert_eq!(
            fields_name("From: Ivo Ito Date: 01.03.2023 08:00 (Link)").as_deref(),
            Some("Ivo Ito")
        );
        assert_eq!(
            fields_name("De : Cara Lee Date : 1 mars 2023").as_deref(),
            Some("Cara Lee")
        );
        assert_eq!(
            fields_name("CD From: Cara Dahl").as_deref(),
            Some("Cara Dahl")
        );
        assert_eq!(
            fields_name("CDFrom: Cara Dahl").as_deref(),
            Some("Cara Dahl")
        );
        assert_eq!(
            fields_name("From: the council minutes, as I read them"),
            None
        );
        assert_eq!(fields_name("Date: 01.03.2023"), None);
        assert_eq!(
            fields_header("PR\nFrom:Pia Ruiz\nDate:01.03.2023 08:00 #3 (Link) Expand\nWords.")
                .as_deref(),
            Some("From:Pia Ruiz Date:01.03.2023 08:00 #3 (Link) Expand")
        );
        assert!(fields_dated(
            "From: Ivo Ito Date: 01.03.2023 08:00 (Link) Collapse Expand"
        ));
        assert!(!fields_dated("From: Ivo Ito Subject: Re:"));
        let fields = |l| is_fields_line(l, Some("Ivo Ito"));
        assert!(fields("Date: 2 hours ago (Link)") && fields("Subject: Re:"));
        assert!(fields("Date: (edited) (Link)") && fields("From: Ivo Ito Date: #1 (Link)"));
        assert!(fields("?From: [deleted] Date: #4 (Link) Collapse Expand"));
        assert!(fields("ALFrom: Date: 2023-03-04 11:21 #4 (Link)"));
        assert!(!fields(
            "Subject: the council minutes were never published online"
        ));
        assert!(!fields("Name: Rahid 6") && is_fields_line("Name: Rahid 6", None));
        assert!(is_collapse_label("[-]") && is_collapse_label("Collapse"));
        assert!(!is_collapse_label("Expand") && !is_fold_label("Collapse"));
    }

    #[test]
    fn a_mail_header_names_its_sender() {
        assert_eq!(clean_author("From: Ann Lee <ann@example.org>"), "Ann Lee");
        assert_eq!(clean_author("From: \"Bo\" <bo@example.org>"), "Bo");
        assert_eq!(clean_author("Von: Jana"), "Jana");
    }

    #[test]
    fn bylines_name_the_writer() {
        let cases = [
            (
                "Posted by: Tom Pryce | 28 May 2024 at 10:02 AM",
                Some("Tom Pryce"),
            ),
            ("Posted by: Marjorie |", Some("Marjorie")),
            ("By Ann Lee on 3 June 2024 at 10:12", Some("Ann Lee")),
            (
                "Submitted by Ann Lee on Mon, 05/03/2010 - 10:10.",
                Some("Ann Lee"),
            ),
            (
                "Submitted by Visitor (not verified) on Fri, 11/05/2010 - 17:02.",
                Some("Visitor"),
            ),
            ("Geschrieben von Jo, 3. Juni 2024", Some("Jo")),
            ("Von Jo Lenz, 3. Juni 2024", Some("Jo Lenz")),
            ("De Silva, 4 June 2024 at 11:40", None),
            ("Di Moe · 3 June 2024", None),
            ("di Moe, 3 giugno 2024", Some("Moe")),
            ("by the way, I agree", None),
            ("by Ann Lee", None),
            (
                "posted by marginalia at 10:12 AM on June 3, 2024 [4 favorites]",
                Some("marginalia"),
            ),
        ];
        for (line, name) in cases {
            assert_eq!(byline_name(line).as_deref(), name, "{line}");
        }
    }

    #[test]
    fn header_lines_go_and_words_stay() {
        // A handle beside the shown name, then a compact relative time.
        assert_eq!(
            strip(
                "Sean Brown @seanb 12m\nRye is a hard teacher.",
                Some("Sean Brown")
            ),
            "Rye is a hard teacher."
        );
        assert_eq!(
            strip(
                "'+4\n\nZozobob\n\n2 часа назад\n\nФермеры жгут траву",
                Some("Zozobob")
            ),
            "Фермеры жгут траву"
        );
        assert_eq!(
            strip(
                "2\n\nKommentar von\n\nUnd dazu ein guter Wein",
                Some("Georg77")
            ),
            "Und dazu ein guter Wein"
        );
        assert_eq!(
            strip("März 7, 2018\n🙂 Vielen Dank!", None),
            "🙂 Vielen Dank!"
        );
        assert_eq!(strip("Good point.\n\nReply\n\nReport", None), "Good point.");
        // A bar of buttons on one line, with or without separators.
        assert_eq!(
            strip("Good point.\n\nLink · Parent · Thread · Reply", None),
            "Good point."
        );
        assert_eq!(
            strip("Good point.\nLike Reply 3 Share", None),
            "Good point."
        );
        assert_eq!(strip("Bien vu.\nRépondre à ce message", None), "Bien vu.");
        assert_eq!(strip("Bien vu.\nReply to this comment", None), "Bien vu.");
        // Words that are not all labels stay.
        assert_eq!(
            strip("Good point.\nReply to the mayor, not me", None),
            "Good point.\nReply to the mayor, not me"
        );
        assert_eq!(strip("+1", None), "+1");
        assert_eq!(
            strip("Jane posted:\n\nNo, they are not.", None),
            "No, they are not."
        );
        assert_eq!(
            strip(
                "−\n\n+\n\nDenis Danekin • 10 часов назад\n\nТекст",
                Some("Denis Danekin")
            ),
            "Текст"
        );
        assert_eq!(
            strip(
                "Ruslan Husak Zama Black • день назад\n\nТекст",
                Some("Ruslan Husak")
            ),
            "Текст"
        );
        // A first line of prose is never taken for a header.
        assert_eq!(
            strip("I was there in 2019.\n\nIt rained.", None),
            "I was there in 2019.\n\nIt rained."
        );
    }

    #[test]
    fn names_from_header_lines() {
        assert_eq!(
            header_name("'+4\n\nZozobob\n\n2 часа назад\n\nФермеры жгут траву").as_deref(),
            Some("Zozobob")
        );
        assert_eq!(
            header_name("gudvinr\n\n0\n\nМир не ограничен хецнером.").as_deref(),
            Some("gudvinr")
        );
        // A name and its date on one line.
        assert_eq!(
            header_name("Tomasz K. | 3 May 2021\nWorked on my valve.\nLink Report").as_deref(),
            Some("Tomasz K.")
        );
        assert_eq!(header_name("3 May 2021\nWorked on my valve."), None);
        assert_eq!(header_name("I never commented\nbefore today."), None);
        // No chrome beside it: a short first line is the comment's own words.
        assert_eq!(header_name("Great post\n\nI loved every word of it."), None);
        assert_eq!(header_name("Just words here, nothing else."), None);
    }

    #[test]
    fn header_lines_around_relative_times_numbers_badges_and_verbs() {
        // The name before or after a relative time, glued or not, with a verb, a comment's
        // number or a role badge beside it.
        for (line, name) in [
            ("Hana Hill says: 2 hours ago", "Hana Hill"),
            ("2 hours ago Gus Moe #1", "Gus Moe"),
            ("3 hours ago Cara Cruz Author #2", "Cara Cruz"),
            ("Jo Kral says:2 hours ago", "Jo Kral"),
            ("Olaf Ruiz2 hours ago", "Olaf Ruiz"),
            ("il y a 2 heures Lena Dahl #1", "Lena Dahl"),
            ("Gus Ruiz says:01.03.2023 08:00", "Gus Ruiz"),
            ("Bob Lee says:5 February 2023 at 12:28", "Bob Lee"),
            (
                "2 June 2023 at 09:07 Pia Marsh Author says: #2",
                "Pia Marsh",
            ),
            ("Nia Cruz dice: hace 2 horas", "Nia Cruz"),
            // Digits in a name are no short unit of time ("0s").
            ("krypr0s", "krypr0s"),
            // An edit mark, with the comment's number after it.
            ("Dan Lee2023-03-03 10:14 (edited)", "Dan Lee"),
            ("Hana Ruiz (edited) #3", "Hana Ruiz"),
            (
                "Cara Park 3 de marzo de 2023 a las 10:14 (editado) #3",
                "Cara Park",
            ),
            ("Ivo Hill4 hours ago (edited)", "Ivo Hill"),
        ] {
            assert_eq!(clean_author(line), name, "{line}");
        }
        // Last words that are names: a team's account, Drupal's mark in parentheses.
        assert_eq!(clean_author("Library Staff"), "Library Staff");
        assert_eq!(clean_author("Tomas (not verified)"), "Tomas");
        // A header line holds a relative time; a sentence that holds one is no date line.
        assert!(holds_relative_time("Hana Hill says: 2 hours ago #3"));
        assert!(!is_date_line("I tried it 2 days ago"));
        assert!(is_only_date("il y a 3 heures"));
        assert!(!is_only_date("yesterday Ann Lee"));
        // A header line longer than a date line, not a field's label.
        assert!(is_dated_header(
            "March 2, 2023 at 10:07 pm Kai Berg says: #2"
        ));
        assert!(!is_dated_header(
            "Posted: Mon Jun 03, 2024 12:40 pm Post subject:"
        ));
        assert_eq!(
            header_name("KB\nMarch 2, 2023 at 10:07 pm Kai Berg says: #2\nThe words.").as_deref(),
            Some("Kai Berg")
        );
        assert_eq!(
            header_name("Hana Hill says: 2 hours ago\nThe words.").as_deref(),
            Some("Hana Hill")
        );
    }

    #[test]
    fn header_lines_in_more_languages() {
        // Relative times, the word before a clock time, role badges and edit marks in Italian,
        // Portuguese, Dutch, Polish, Russian and more (session 23).
        for (line, name) in [
            ("Ivo Berg 2 ore fa", "Ivo Berg"),
            ("Ana Lima há 3 horas", "Ana Lima"),
            ("Kees Bos 4 uur geleden", "Kees Bos"),
            ("Hana Cruz4 godziny temu (edytowany)", "Hana Cruz"),
            ("Olga Ivanova 5 часов назад (изменено)", "Olga Ivanova"),
            ("Eve Ruiz 1 marca 2023 o 08:00", "Eve Ruiz"),
            ("Pia Dahl Автор пишет: 11 марта 2023 в 18:10", "Pia Dahl"),
            ("Jan Novák před 2 hodinami", "Jan Novák"),
            ("Ali Kaya 2 saat önce", "Ali Kaya"),
        ] {
            assert_eq!(clean_author(line), name, "{line}");
        }
        for time in [
            "2 ore fa",
            "há 3 horas",
            "4 uur geleden",
            "2 godziny temu",
            "2 saat önce",
            "před 2 hodinami",
            "2 tuntia sitten",
            "för 2 timmar sedan",
            "for 2 timer siden",
            "2 jam yang lalu",
            "acum 2 ore",
        ] {
            assert!(is_only_date(time), "{time}");
        }
        // A sentence with a number and a word is none ("ha 2 figli": "has two children").
        assert!(!is_date_line("Maria ha 2 figli e un cane"));
        // Button bars, with the reply labels among them.
        assert!(is_action("2 Vind ik leuk Reageren"));
        assert!(is_action("Lubię to Odpowiedz"));
        assert!(!is_action("Leuk artikel"));
    }

    #[test]
    fn header_lines_and_their_remnants_leave_the_text() {
        // The author's whole header line, in any order.
        assert_eq!(
            strip("2 hours ago Gus Moe #1\nThe words.", Some("Gus Moe")),
            "The words."
        );
        assert_eq!(
            strip("Cara Ruiz Author #2\nThe words.", Some("Cara Ruiz")),
            "The words."
        );
        // What is left once the name element is taken out.
        for remnant in [
            "Autor 11 de marzo de 2023 a las 18:10 (editado) #11",
            "says: #1",
            "says:2 hours ago",
            "Author3 hours ago #2",
            "il y a 3 heures Auteur #2",
            "Autor schreibt:",
        ] {
            assert_eq!(
                strip(&format!("{remnant}\nThe words."), Some("Ann")),
                "The words.",
                "{remnant}"
            );
        }
        // A first line with a number but no badge or verb is the comment's own.
        assert_eq!(
            strip("Update: #1\nThe words.", None),
            "Update: #1\nThe words."
        );
    }

    #[test]
    fn names_lose_dates_and_buttons() {
        assert_eq!(
            clean_author("Hella, Sa 11 Apr 2020 / 00:40 Antworten"),
            "Hella"
        );
        assert_eq!(clean_author("Jane says:"), "Jane");
        assert_eq!(clean_author("Jane-Marie Smith"), "Jane-Marie Smith");
        assert_eq!(clean_author("By Tom on 3 May 2019"), "Tom");
        assert_eq!(clean_author("Иван пишет:"), "Иван");
        assert_eq!(
            clean_author("Gerda Wilms schrieb am 12.03.2009 18:44:"),
            "Gerda Wilms"
        );
        assert_eq!(clean_author("Lucie a écrit :"), "Lucie");
        assert_eq!(clean_author("VsevenMagic 47 分钟前"), "VsevenMagic");
        assert_eq!(
            clean_author("1. Hans Meier, 14.05.2022 um 10:12 Uhr"),
            "Hans Meier"
        );
        assert_eq!(clean_author("#12 Ann"), "Ann");
        assert_eq!(clean_author("42 Degrees"), "42 Degrees");
        assert_eq!(clean_author("2Pac"), "2Pac");
        assert_eq!(clean_author("Jooo 4 小时 10 分钟前"), "Jooo");
        assert_eq!(clean_author("민수 3시간 전"), "민수");
        assert_eq!(clean_author("Bob Lee 3 hours ago"), "Bob Lee");
        assert_eq!(clean_author("Bob Lee · 3h"), "Bob Lee");
        assert_eq!(clean_author("Ann Today Show"), "Ann Today Show");
        // A printed date right after the name, no separator: the date goes, a month-like
        // name stays.
        assert_eq!(
            clean_author("Jonas Ek March 3, 2023, 4:12 p.m."),
            "Jonas Ek"
        );
        assert_eq!(clean_author("Jo Ames 3 March 2023"), "Jo Ames");
        assert_eq!(clean_author("Hannah | 28 Sep 2023"), "Hannah");
        assert_eq!(clean_author("April May"), "April May");
        assert_eq!(clean_author("— Mei, June 12, 2021"), "Mei");
        assert_eq!(
            clean_author("1 ：名無しさん：2010/01/05(火) 10:12:33 ID:abc123"),
            "名無しさん"
        );
        assert!(is_date_line("March 3, 2023, 4:12 p.m."));
        assert_eq!(clean_author("Bob | 12:30"), "Bob");
        assert_eq!(
            clean_author("Comment by Mirko Lange — 17.07, 2011 @ 13:04"),
            "Mirko Lange"
        );
        assert_eq!(clean_author("Kommentar von Anna"), "Anna");
        assert_eq!(clean_author("Anna von Berg"), "Anna von Berg");
        assert_eq!(clean_author("fieldnotes_ann (author)"), "fieldnotes_ann");
        assert_eq!(clean_author("Jo (OP)"), "Jo");
        assert_eq!(clean_author("nobody42 (123456)"), "nobody42");
        assert_eq!(clean_author("Catherine (GiveWell)"), "Catherine (GiveWell)");
        // The date after a word that introduces it goes whole, before a comma inside it cuts.
        assert_eq!(
            clean_author("Priya Raman on October 2, 2010 at 9:41 am said:"),
            "Priya Raman"
        );
        assert_eq!(
            clean_author("Ruth (Field Notes) on October 2, 2010 at 2:05 pm said:"),
            "Ruth (Field Notes)"
        );
        assert_eq!(clean_author("#1.1 Sabine"), "Sabine");
        assert_eq!(clean_author("Holden said..."), "Holden");
        assert_eq!(clean_author("Anna B. said…"), "Anna B.");
        assert_eq!(clean_author("Gerd K."), "Gerd K.");
        assert_eq!(clean_author("mike..."), "mike...");
        assert_eq!(clean_author("Anna Weber 03.05.2019 10:12"), "Anna Weber");
        assert_eq!(clean_author("April Jones"), "April Jones");
        assert_eq!(
            clean_author("1. On 3 May 2010, 10:12 by Ann Lee"),
            "Ann Lee"
        );
        assert_eq!(clean_author("Le 3 mai 2010, 10:12 par Ann"), "Ann");
        assert_eq!(clean_author("Stand by Me"), "Stand by Me");
        assert_eq!(clean_author("Termin: 21.02.2020"), "Termin: 21.02.2020");
        assert_eq!(clean_author("Agent 007"), "Agent 007");
        assert_eq!(clean_author("Ann commented"), "Ann");
        assert_eq!(clean_author("2.3. Sabine"), "Sabine");
        assert_eq!(clean_author("1.5 Litres"), "1.5 Litres");
        // A guest's name after the label that says so; the label alone stays.
        assert_eq!(clean_author("Гость: Виктор"), "Виктор");
        assert_eq!(clean_author("Guest: Ann Lee"), "Ann Lee");
        assert_eq!(clean_author("Гость"), "Гость");
        assert_eq!(clean_author("Note: Ann"), "Note: Ann");
    }

    #[test]
    fn avatar_initials_before_a_name_are_passed_over() {
        assert_eq!(after_initials_of("AI Ann Ito", "Ann Ito"), "Ann Ito");
        assert_eq!(
            after_initials_of("AIAnn Ito 3 May", "Ann Ito"),
            "Ann Ito 3 May"
        );
        assert_eq!(after_initials_of("AI\nAnn Ito", "Ann Ito"), "Ann Ito");
        // Not the name's initials, or not before the name: as it is.
        assert_eq!(after_initials_of("BC Ann Ito", "Ann Ito"), "BC Ann Ito");
        assert_eq!(after_initials_of("AI said so", "Ann Ito"), "AI said so");
        assert_eq!(after_initials_of("Ann Ito", "Ann Ito"), "Ann Ito");
    }

    #[test]
    fn header_lines_without_a_date() {
        // A name and its saying verb: a header, its date elsewhere.
        assert_eq!(said_by("Eve Dahl says:").as_deref(), Some("Eve Dahl"));
        assert_eq!(said_by("ED Eve Dahl says:").as_deref(), Some("Eve Dahl"));
        assert_eq!(said_by("Anna said...").as_deref(), Some("Anna"));
        assert_eq!(said_by("Eve Dahl"), None);
        assert_eq!(said_by("The report on the new bridge plan says:"), None);
        // A name alone, after initials, before a badge.
        assert_eq!(name_line("Gus Ruiz").as_deref(), Some("Gus Ruiz"));
        assert_eq!(name_line("GR Gus Ruiz").as_deref(), Some("Gus Ruiz"));
        assert_eq!(name_line("JD Jo Dahl Author").as_deref(), Some("Jo Dahl"));
        // An avatar's character before a name in a script without capitals, a space between
        // their elements; a sentence written without spaces is no name.
        assert_eq!(name_line("周 周伟").as_deref(), Some("周伟"));
        assert_eq!(clean_author("김 김민수"), "김민수");
        assert_eq!(clean_author("周 伟"), "周 伟");
        assert_eq!(name_line("維持費も大事だ。"), None);
        assert_eq!(name_line("They promised a better connection."), None);
        assert_eq!(name_line("Reply"), None);
        assert_eq!(name_line("3 May 2023"), None);
        // A name beside a date or a relative time, in either order.
        assert!(is_header_line("Bob Cruz 2 hours ago #1"));
        assert!(is_header_line(
            "March 5, 2023 at 1:28 pm Lena Marsh says: #5"
        ));
        assert!(!is_header_line("2 hours ago"));
        assert!(!is_header_line(
            "The tunnel opened in 2023 after years of work and delay."
        ));
    }

    #[test]
    fn a_footer_byline_is_no_part_of_the_words() {
        assert_eq!(
            strip("The plan is too dear.\n\nBob Kral says:", Some("Bob Kral")),
            "The plan is too dear."
        );
        assert_eq!(
            strip(
                "The plan is too dear.\nAM 01.03.2023 08:00 Ann Marsh says: #1",
                Some("Ann Marsh")
            ),
            "The plan is too dear."
        );
        // Initials before the name on the header line above the words.
        assert_eq!(
            strip("GR Gus Ruiz\nThe plan is too dear.", Some("Gus Ruiz")),
            "The plan is too dear."
        );
        // A deleted writer's footer under the platform's notice.
        assert_eq!(
            strip(
                "This comment has been deleted.\n\n[deleted]5 hours ago #4",
                None
            ),
            "This comment has been deleted."
        );
        // What is left of a footer byline once its name was read.
        assert_eq!(
            strip("Repairs cost a tenth.\n\nsays: #10", Some("Kai Lee")),
            "Repairs cost a tenth."
        );
        assert_eq!(
            strip(
                "Repairs cost a tenth.\n\nKL3 hours ago says:",
                Some("Kai Lee")
            ),
            "Repairs cost a tenth."
        );
        // Another writer's name closing the words stays.
        assert_eq!(
            strip("Ask Bob Kral about it.\nBob Kral", Some("Ann Marsh")),
            "Ask Bob Kral about it.\nBob Kral"
        );
    }
}
