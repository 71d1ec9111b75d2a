//! Dates as pages print them ("Thursday, 18th April 2024", "29 Sep, 2017 12:55",
//! "April 18, 2024 at 3:05 pm", "2024-04-18 10:00") turned into ISO 8601.
//!
//! Only whole-string dates are recognised, so a sentence that mentions a date is never taken
//! for a dateline. Times are kept as printed, without a zone, because pages rarely state one.
//! Slash dates (`04/05/2024`) are refused: day-first and month-first cannot be told apart.

use std::sync::LazyLock;

use regex::Regex;

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

const WEEKDAY: &str = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?";
const MONTH: &str = r"(?P<month>[a-z]{3,9})\.?";
const DAY: &str = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?";
const YEAR: &str = r"(?P<year>\d{4})";
const TIME: &str =
    r"(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?)?";

static FORMS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        format!(r"^{WEEKDAY}{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}{TIME}$"),
        format!(r"^{WEEKDAY}{MONTH}\s+{DAY},?\s+{YEAR}{TIME}$"),
        r"^(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})(?:[t\s](?P<hour>\d{2}):(?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$"
            .to_string(),
        format!(r"^(?P<day>\d{{1,2}})\.(?P<mnum>\d{{1,2}})\.{YEAR}{TIME}$"),
    ]
    .iter()
    .map(|p| Regex::new(p).expect("date pattern compiles"))
    .collect()
});

/// The ISO 8601 form of `text` when all of it is a date, else `None`.
pub fn parse_date(text: &str) -> Option<String> {
    let text = text.trim().to_lowercase();
    if text.len() > 60 {
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
        Some(match time(&caps) {
            Some((h, m)) => format!("{date}T{h:02}:{m:02}"),
            None => date,
        })
    })
}

fn month_number(name: &str) -> Option<u32> {
    let prefix = name.get(..3)?;
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
    let index = MONTHS.iter().position(|m| *m == prefix)?;
    let ok = name.len() == 3 || full[index].starts_with(name) || name == "sept";
    ok.then_some(index as u32 + 1)
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
        ];
        for (text, iso) in cases {
            assert_eq!(parse_date(text).as_deref(), Some(iso), "{text}");
        }
    }

    #[test]
    fn sentences_and_impossible_dates_are_not_dates() {
        for text in [
            "He came on 18 April 2024",
            "31 Foo 2020",
            "2024-13-01",
            "04/05/2024",
            "May",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }
}
