//! Dates as pages print them ("Thursday, 18th April 2024", "29 Sep, 2017 12:55",
//! "April 18, 2024 at 3:05 pm", "2024-04-18 10:00") turned into ISO 8601.
//!
//! Only whole-string dates are recognised, so a sentence that mentions a date is never taken
//! for a dateline. Times are kept as printed, without a zone, because pages rarely state one;
//! a zone's abbreviation after the time (`CET`, `WIB`) adds its offset.
//! Slash dates (`04/05/2024`) are refused: day-first and month-first cannot be told apart.

use std::sync::LazyLock;

use regex::Regex;

/// Month names and abbreviations in the languages of the pages met (`months.txt`).
static MONTH_NAMES: LazyLock<std::collections::HashMap<&'static str, u32>> =
    LazyLock::new(|| numbered_names(include_str!("months.txt")));

/// A table of names by number, one number and its names per line (`#` starts a comment).
fn numbered_names(table: &'static str) -> std::collections::HashMap<&'static str, u32> {
    let mut names = std::collections::HashMap::new();
    for line in table.lines() {
        let mut words = line.split_whitespace();
        let Some(Ok(number)) = words
            .next()
            .filter(|w| !w.starts_with('#'))
            .map(str::parse::<u32>)
        else {
            continue;
        };
        for name in words {
            names.entry(name).or_insert(number);
        }
    }
    names
}

/// A weekday written before a date, in any language of `weekdays.txt` (`Tuesday, `, `вторник, `).
static WEEKDAY: LazyLock<String> = LazyLock::new(|| {
    let mut names: Vec<&str> = WEEKDAY_NAMES.keys().copied().collect();
    // Longest first, so that `tuesday` is tried before `tue`.
    names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    format!(r"(?:(?:{})\.?,?\s+)?", names.join("|"))
});
const MONTH: &str = r"(?P<month>\p{Ll}{3,11})\.?";
const DAY: &str = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.)?";
/// A year, with the word that may follow it in Russian (`2018 г.`, `года`) and Polish
/// (`2018 r.`).
const YEAR: &str = r"(?P<year>\d{4})(?:\s*(?:г\.|года|год|r\.))?";
/// A zone written after a time as UTC or GMT, in parentheses or not ("10:12 am (UTC)"):
/// times are read as UTC anyway (see [`to_utc`]). Also as a script prints a date
/// (`GMT+0000 (Coordinated Universal Time)`, JavaScript's `Date.toString()` in a tooltip),
/// the offset not applied, as for any printed time. A zone's common abbreviation after a
/// time (`09:12 WIB`, `9:01 am CET`, `MSK`) states its offset, kept with the time
/// ([`ZONE_OFFSETS`]); zone names not listed make no date.
const ZONE: &str = r"(?:\s*\(?(?:utc|gmt)\)?|\s+gmt[+-]\d{4}(?:\s+\([^()]{1,40}\))?|\s+(?P<zone>wib|wita|wit|cet|cest|eet|eest|wet|west|msk|bst|est|edt|cst|cdt|mst|mdt|pst|pdt|jst|kst|aest|aedt))?";

/// The offsets of the zone abbreviations [`ZONE`] reads. (`IST` and other names that stand for
/// several zones are left out: a time with one is no date.)
const ZONE_OFFSETS: &[(&str, &str)] = &[
    ("wib", "+07:00"),
    ("wita", "+08:00"),
    ("wit", "+09:00"),
    ("cet", "+01:00"),
    ("cest", "+02:00"),
    ("eet", "+02:00"),
    ("eest", "+03:00"),
    ("wet", "+00:00"),
    ("west", "+01:00"),
    ("msk", "+03:00"),
    ("bst", "+01:00"),
    ("est", "-05:00"),
    ("edt", "-04:00"),
    ("cst", "-06:00"),
    ("cdt", "-05:00"),
    ("mst", "-07:00"),
    ("mdt", "-06:00"),
    ("pst", "-08:00"),
    ("pdt", "-07:00"),
    ("jst", "+09:00"),
    ("kst", "+09:00"),
    ("aest", "+10:00"),
    ("aedt", "+11:00"),
];
const TIME: &str = r"(?:,?\s+(?:at\s+|um\s+|à\s+|a\s+las?\s+|às\s+|alle\s+|om\s+|kl\.?\s+|klo\s+|o\s+|v\s+|в\s+|saat\s+|[-–|]\s+|@\s*)?(?P<hour>\d{1,2})[:h](?P<minute>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*uhr)?)?";

static FORMS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        format!(r"^{weekday}(?:(?:le|el|il|am|de)\s+)?{DAY}\s+(?:of\s+|de\s+)?{MONTH},?\s+(?:de\s+)?{YEAR}{TIME}{ZONE}$", weekday = *WEEKDAY),
        format!(r"^{weekday}{MONTH}\s+{DAY},?\s+{YEAR}{TIME}{ZONE}$", weekday = *WEEKDAY),
        // Year first: ISO, and as East Asian sites write it (`2024-6-3 10:12`, `2024/06/03`,
        // `2024年6月3日`, `2024년 6월 3일`), after a word such as `发表于` (posted on; in those
        // scripts only a word that ends as such labels do, never a name: `周娟 2024年6月3日`
        // is a header line), the weekday in brackets
        // after the day as Japanese boards write it (`2010/01/05(火) 10:12:33`). Never
        // ambiguous.
        r"^(?:[\p{L}&&[^\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]]{2,12}\.?,?:?\s+|\p{L}{0,6}(?:于|於|日|时间|時間|일)\s*[:：]?\s*)?(?P<year>\d{4})(?:-|/|\.\s?|年\s*|년\s*)(?P<mnum>\d{1,2})(?:-|/|\.\s?|月\s*|월\s*)(?P<day>\d{1,2})(?:日|일|\.)?(?:\s*[(（]\p{L}{1,3}\.?[)）])?(?:[t\s]\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?(?:\s*(?P<ampm>[ap]\.?m\.?))?(?:z|[+-]\d{2}:?\d{2})?{ZONE})?$"
            .replace("{ZONE}", ZONE),
        // `18.05.2021 - 10:00`, with a weekday word before it in any language (`Di., `), and
        // spaced as Czech and Slovak write it (`14. 3. 2023 9:12`).
        format!(r"^(?:\p{{L}}{{2,12}}\.?,?\s+)?(?P<day>\d{{1,2}})\.\s?(?P<mnum>\d{{1,2}})\.\s?{YEAR}{TIME}{ZONE}$"),
    ]
    .iter()
    .map(|p| Regex::new(p).expect("date pattern compiles"))
    .collect()
});

/// The ISO 8601 form of `text` when all of it is a date, else `None`.
pub fn parse_date(text: &str) -> Option<String> {
    let text = text.trim().to_lowercase();
    // Every form holds a four-digit year (and a year parses only from ASCII digits): most lines
    // asked about are refused here without running a pattern.
    let year_like = text
        .as_bytes()
        .split(|b| !b.is_ascii_digit())
        .any(|run| run.len() == 4);
    if text.len() > 80 || !year_like {
        return None;
    }
    FORMS.iter().find_map(|form| {
        let caps = form.captures(&text)?;
        let year: u32 = caps.name("year")?.as_str().parse().ok()?;
        let month = match (caps.name("month"), caps.name("mnum")) {
            (Some(name), _) => month_number(name.as_str())?,
            (None, Some(num)) => num.as_str().parse().ok()?,
            _ => return None,
        };
        let day: u32 = caps.name("day")?.as_str().parse().ok()?;
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1000..=2999).contains(&year)
        {
            return None;
        }
        let date = format!("{year:04}-{month:02}-{day:02}");
        let offset = caps
            .name("zone")
            .and_then(|z| ZONE_OFFSETS.iter().find(|(name, _)| *name == z.as_str()))
            .map_or("", |(_, offset)| *offset);
        Some(match time(&caps) {
            Some((h, m)) => format!("{date}T{h:02}:{m:02}{offset}"),
            None => date,
        })
    })
}

/// Whether a word names a month ("March", "Mar.", "März", "mars"), in any case.
pub fn is_month_name(word: &str) -> bool {
    match word.strip_suffix('.') {
        Some(abbreviated) => is_month_name(abbreviated),
        None => {
            !word.is_empty()
                && word.chars().all(char::is_alphabetic)
                && month_number(&word.to_lowercase()).is_some()
        }
    }
}

fn month_number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.');
    if let Some(&n) = MONTH_NAMES.get(name) {
        return Some(n);
    }
    // English full names may be cut anywhere after three letters ("Septem").
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let index = full
        .iter()
        .position(|m| name.len() >= 3 && m.starts_with(name))?;
    Some(index as u32 + 1)
}

fn time(caps: &regex::Captures<'_>) -> Option<(u32, u32)> {
    let mut hour: u32 = caps.name("hour")?.as_str().parse().ok()?;
    let minute: u32 = caps.name("minute")?.as_str().parse().ok()?;
    match caps.name("ampm").map(|m| m.as_str().starts_with('p')) {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    (hour < 24 && minute < 60).then_some((hour, minute))
}

/// A date written in numbers only, day and month in an order the date alone does not tell
/// (`05-02-2019, 10:12 AM`, `14/03/2024 09:15`): vBulletin, MyBB and phpBB write the US order
/// by default, most of the world the other. Dotted dates (`18.05.2021`) are day-first
/// everywhere and read by [`parse_date`].
#[derive(Clone, Copy)]
pub struct NumericDate {
    first: u32,
    second: u32,
    year: u32,
    time: Option<(u32, u32)>,
    /// The weekday written before it, Monday 0 (`Mon, 05/03/2010`): it tells the order.
    weekday: Option<u32>,
}

static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?P<weekday>\p{{L}}{{2,12}})\.?,?\s+)?(?P<first>\d{{1,2}})[-/](?P<second>\d{{1,2}})[-/]{YEAR}{TIME}{ZONE}$"
    ))
    .expect("numeric date pattern compiles")
});

/// Weekday names and abbreviations, Monday 0 (`weekdays.txt`).
static WEEKDAY_NAMES: LazyLock<std::collections::HashMap<&'static str, u32>> =
    LazyLock::new(|| numbered_names(include_str!("weekdays.txt")));

/// Monday 0 … Sunday 6 for a weekday word, whole or abbreviated (`mon`, `dienstag`, `sáb`).
fn weekday_of(word: &str) -> Option<u32> {
    WEEKDAY_NAMES.get(word).copied()
}

/// The weekday of a date, Monday 0 (Sakamoto's method).
fn weekday(year: u32, month: u32, day: u32) -> u32 {
    const T: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let sunday_first = (y + y / 4 - y / 100 + y / 400 + T[(month - 1) as usize] + day) % 7;
    (sunday_first + 6) % 7
}

impl NumericDate {
    /// The numbers of a line that is all such a date (a weekday word before it, a time after
    /// it), else `None`.
    pub fn of(line: &str) -> Option<Self> {
        let line = line.trim().to_lowercase();
        let caps = NUMERIC_DATE.captures(&line)?;
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        Some(NumericDate {
            first: num("first")?,
            second: num("second")?,
            year: num("year")?,
            time: time(&caps),
            weekday: caps.name("weekday").and_then(|w| weekday_of(w.as_str())),
        })
    }

    /// Whether the written weekday fits the date read day first (`Some(true)`) or month
    /// first (`Some(false)`), where it fits one reading only.
    fn weekday_order(&self) -> Option<bool> {
        let wd = self.weekday?;
        let fits = |day: u32, month: u32| {
            (1..=12).contains(&month)
                && (1..=31).contains(&day)
                && self.year > 0
                && weekday(self.year, month, day) == wd
        };
        match (fits(self.first, self.second), fits(self.second, self.first)) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            _ => None,
        }
    }

    /// ISO 8601, day first or month first.
    pub fn iso(&self, day_first: bool) -> Option<String> {
        let (day, month) = if day_first {
            (self.first, self.second)
        } else {
            (self.second, self.first)
        };
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        let date = format!("{:04}-{month:02}-{day:02}", self.year);
        Some(match self.time {
            Some((h, m)) => format!("{date}T{h:02}:{m:02}"),
            None => date,
        })
    }

    /// Whether the page's numeric dates read day first (`Some(true)`), month first
    /// (`Some(false)`), or cannot tell: a first number over 12 somewhere means day first, a
    /// second number over 12 month first; so does a weekday written before a date that fits
    /// one reading only (`Mon, 05/03/2010` is 3 May). Dates that all fall on the first twelve
    /// days of a month without a telling weekday, or both signs at once, tell nothing.
    pub fn order(dates: &[Option<NumericDate>]) -> Option<bool> {
        let day_first = dates
            .iter()
            .flatten()
            .any(|d| (d.first > 12 && d.second <= 12) || d.weekday_order() == Some(true));
        let month_first = dates
            .iter()
            .flatten()
            .any(|d| (d.second > 12 && d.first <= 12) || d.weekday_order() == Some(false));
        (day_first != month_first).then_some(day_first)
    }
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn common_page_forms() {
        let cases = [
            ("Thursday, 18th April 2024", "2024-04-18"),
            ("29 Sep, 2017 12:55", "2017-09-29T12:55"),
            ("April 18, 2024 at 3:05 pm", "2024-04-18T15:05"),
            ("Sept 3 2015", "2015-09-03"),
            ("2024-04-18T10:00:00Z", "2024-04-18T10:00"),
            ("18.04.2024 09:15", "2024-04-18T09:15"),
            ("3 mars 2023", "2023-03-03"),
            ("le 1er août 2021", "2021-08-01"),
            ("3. März 2023", "2023-03-03"),
            ("12 de diciembre de 2020", "2020-12-12"),
            ("5 мая 2019", "2019-05-05"),
            ("Di., 18.05.2021 - 10:00", "2021-05-18T10:00"),
            ("14. 3. 2023 9:12", "2023-03-14T09:12"),
            ("14 Maret 2023, 09:12 WIB", "2023-03-14T09:12+07:00"),
            ("14 March, 2023 @ 9:01:00 am CET", "2023-03-14T09:01+01:00"),
            ("14 Mart 2023 09:12", "2023-03-14T09:12"),
            ("14. března 2023 9:12", "2023-03-14T09:12"),
            ("14 березня 2023", "2023-03-14"),
            ("14.05.2022 um 10:12 Uhr", "2022-05-14T10:12"),
            (
                "Tue Mar 02 2021 10:12:00 GMT+0000 (Coordinated Universal Time)",
                "2021-03-02T10:12",
            ),
            ("Sat, 3 May 2019 | 10:00", "2019-05-03T10:00"),
            ("2016-02-03 01:15 pm (UTC)", "2016-02-03T13:15"),
            ("June 14 2019, 19:10:22 UTC", "2019-06-14T19:10"),
            ("3 March 2020 10:00 GMT", "2020-03-03T10:00"),
            ("Monday June 03, 2024 @10:12AM", "2024-06-03T10:12"),
            ("发表于 2024-6-3 9:05", "2024-06-03T09:05"),
            ("2024/06/03", "2024-06-03"),
            ("2024年6月3日 10:12", "2024-06-03T10:12"),
            ("2010/01/05(火) 10:12:33", "2010-01-05T10:12"),
            ("2024年6月3日(月) 10:12", "2024-06-03T10:12"),
            ("2024년 6월 3일 10:12", "2024-06-03T10:12"),
            ("投稿日：2024/06/03 10:12", "2024-06-03T10:12"),
            ("2024. 6. 3. 10:12", "2024-06-03T10:12"),
            // A weekday in the page's language, the year's word after the year (Disqus's
            // tooltips in Russian and Polish).
            ("вторник, 24 апреля 2018 г., 07:12", "2018-04-24T07:12"),
            ("wtorek, 24 kwietnia 2018 r., 07:12", "2018-04-24T07:12"),
            ("Tuesday, March 14, 2023 9:12 AM", "2023-03-14T09:12"),
            ("dinsdag 14 maart 2023 09:12", "2023-03-14T09:12"),
            // French hours (`à 09h12`).
            ("Le 12 mars 2023 à 09h12", "2023-03-12T09:12"),
            // The word before the time in Spanish, Portuguese, Italian, Dutch, Swedish.
            ("14 de marzo de 2023 a las 10:12", "2023-03-14T10:12"),
            ("14 de março de 2023 às 10:12", "2023-03-14T10:12"),
            ("14 marzo 2023 alle 10:12", "2023-03-14T10:12"),
            // The word before the time in Polish, Czech, Finnish and Turkish.
            ("14 marca 2023 o 10:12", "2023-03-14T10:12"),
            ("14. března 2023 v 10:12", "2023-03-14T10:12"),
            ("14.3.2023 klo 10:12", "2023-03-14T10:12"),
            ("14 mart 2023 saat 10:12", "2023-03-14T10:12"),
            ("14 maart 2023 om 10:12", "2023-03-14T10:12"),
            ("14 mars 2023 kl. 10:12", "2023-03-14T10:12"),
            // Korean dotted dates, a dot after the day (`2023.03.14. 09:12`, `2023. 3. 14.`).
            ("2023.03.14. 09:12", "2023-03-14T09:12"),
            ("2023. 3. 14.", "2023-03-14"),
        ];
        for (text, iso) in cases {
            assert_eq!(parse_date(text).as_deref(), Some(iso), "{text}");
        }
    }

    #[test]
    fn numeric_dates_wait_for_the_page_to_tell_their_order() {
        use super::NumericDate;
        let us = ["05-02-2019, 10:12 AM", "05-13-2019, 08:22 PM"].map(NumericDate::of);
        assert_eq!(NumericDate::order(&us), Some(false));
        assert_eq!(
            us[0].unwrap().iso(false).as_deref(),
            Some("2019-05-02T10:12")
        );
        assert_eq!(
            us[1].unwrap().iso(false).as_deref(),
            Some("2019-05-13T20:22")
        );
        let world = [
            NumericDate::of("Di 14/03/2024 09:15"),
            NumericDate::of("02/04/2024"),
        ];
        assert_eq!(NumericDate::order(&world), Some(true));
        assert_eq!(world[1].unwrap().iso(true).as_deref(), Some("2024-04-02"));
        let unsure = ["05-02-2019", "06-03-2019"].map(NumericDate::of);
        assert_eq!(NumericDate::order(&unsure), None);
        // 3 May 2010 was a Monday, 5 March a Friday; 4 March 2024 a Monday.
        let weekday = ["Mon, 05/03/2010 - 10:10", "Mon 04/03/2024"].map(NumericDate::of);
        assert_eq!(NumericDate::order(&weekday[..1]), Some(false));
        assert_eq!(NumericDate::order(&weekday[1..]), Some(true));
        assert_eq!(NumericDate::order(&weekday), None);
        assert!(NumericDate::of("He came on 05-02-2019").is_none());
    }

    #[test]
    fn sentences_and_impossible_dates_are_not_dates() {
        for text in [
            "He came on 18 April 2024",
            "Seit dem 18.05.2021",
            "31 Foo 2020",
            "2024-13-01",
            "04/05/2024",
            "May",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }
}

/// An ISO 8601 date or date-time as reports write it: `YYYY-MM-DDTHH:MM:SSZ` in UTC, or
/// `YYYY-MM-DD` when only a date is known. Offsets (`+02:00`, `-0500`, `Z`) are applied; a
/// time without a zone is taken as UTC (pages rarely state their zone; Hacker News's is UTC).
/// Fractions of a second are dropped. `None` when `text` is not such a date.
pub fn to_utc(text: &str) -> Option<String> {
    let t = text.trim().as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = t.get(range)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    if t.get(4) != Some(&b'-') || t.get(7) != Some(&b'-') {
        return None;
    }
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    if t.len() == 10 {
        return Some(format!("{year:04}-{month:02}-{day:02}"));
    }
    if !matches!(t.get(10), Some(b'T' | b't' | b' ')) || t.get(13) != Some(&b':') {
        return None;
    }
    let (hour, minute) = (digits(11..13)?, digits(14..16)?);
    let mut i = 16;
    let mut second = 0;
    if t.get(i) == Some(&b':') {
        second = digits(17..19)?;
        i = 19;
        if t.get(i) == Some(&b'.') {
            i += 1;
            while t.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
    }
    let offset_minutes = match &t[i..] {
        [] | [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let rest: Vec<u8> = rest.iter().copied().filter(|b| *b != b':').collect();
            if !rest.iter().all(u8::is_ascii_digit) || !matches!(rest.len(), 2 | 4) {
                return None;
            }
            let n = |r: &[u8]| r.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
            let minutes = n(&rest[..2]) * 60 + if rest.len() == 4 { n(&rest[2..]) } else { 0 };
            if *sign == b'+' { minutes } else { -minutes }
        }
        _ => return None,
    };
    if hour > 24 || minute > 59 || second > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset_minutes * 60;
    Some(crate::parse::json::unix_time(seconds))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod utc_tests {
    use super::to_utc;

    #[test]
    fn every_zone_becomes_utc_with_z() {
        for (raw, utc) in [
            ("2023-07-21T19:51:36Z", "2023-07-21T19:51:36Z"),
            ("2023-07-21T21:51:36+02:00", "2023-07-21T19:51:36Z"),
            ("2023-07-21T14:51:36-0500", "2023-07-21T19:51:36Z"),
            ("2023-07-21 19:51:36", "2023-07-21T19:51:36Z"),
            ("2023-07-21T19:51", "2023-07-21T19:51:00Z"),
            ("2023-07-21T19:51:36.123Z", "2023-07-21T19:51:36Z"),
            ("2024-01-01T00:30:00+01:00", "2023-12-31T23:30:00Z"),
            ("2024-02-29", "2024-02-29"),
        ] {
            assert_eq!(to_utc(raw).as_deref(), Some(utc), "{raw}");
        }
        for bad in [
            "yesterday",
            "2023-13-01",
            "2023-07-21T19:51:36+2",
            "12:34",
            "",
        ] {
            assert_eq!(to_utc(bad), None, "{bad}");
        }
    }
}
