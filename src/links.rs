//! Finding links and contact points in free text: URLs, e-mail addresses and phone numbers.
//!
//! Shared by the parsers (page-level links) and, later, the scorer (spam rules), so both agree
//! on what counts as a link and where it sits.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::LinkKind;

/// A link found in a text, with its byte span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundLink {
    /// URL, e-mail or phone.
    pub kind: LinkKind,
    /// Byte range in the searched text.
    pub span: Range<usize>,
    /// The link as written.
    pub value: String,
}

/// International or local phone numbers: 9 to 15 digits with the usual separators.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+|\b)\d[\d \-().]{7,22}\d\b").expect("phone pattern compiles")
});

/// A host written without a scheme must look like one (`www.rt.com`, `t.me/x`), so prose
/// like `it…….so` or `etc.the` is not taken for a link.
static BARE_HOST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}(?::\d+)?(?:[/?#]|$)")
        .expect("host pattern compiles")
});

/// A URL as written: with a scheme, or a bare host shaped like one whose last labels are a
/// known public suffix (`example.ng`, `shop.co.uk`) or that starts with `www.`. The suffix
/// check keeps code out
/// (`random.randint`, `os.path.join`, `numbers.sort`), which has the shape of a host.
fn plausible_url(url: &str) -> bool {
    if url.contains("://") {
        return true;
    }
    let host = url
        .split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    BARE_HOST.is_match(url)
        && (host.starts_with("www.") || psl::suffix(host.as_bytes()).is_some_and(|s| s.is_known()))
}

/// Ten bare digits opening with 1 (`1617181920`): a Unix time or a record id in a
/// programmer's comment, not a phone. No ten-digit national number is written so without a
/// trunk or country prefix (North American area codes open 2–9, Chinese mobiles have eleven
/// digits); a number meant to be dialled carries separators or a prefix.
fn is_machine_number(written: &str) -> bool {
    let value = written.trim();
    value.len() == 10 && value.starts_with('1') && value.bytes().all(|b| b.is_ascii_digit())
}

/// Big numbers written with thousands separators (`2.124.821.694`) are counts, not phones.
static THOUSANDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}(?:[.,]\d{3})+$").expect("thousands pattern compiles"));

/// A calendar date (`14.10.2018`, `14-10-2018`, `2018-10-14`): a digit run holding one is a
/// timestamp (`14.10.2018 21:05`, a forum post's date before its text), not a phone.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])(?:\d{1,2}[.\-]\d{1,2}[.\-](?:19|20)\d{2}|(?:19|20)\d{2}-\d{1,2}-\d{1,2})(?:[^\d]|$)")
        .expect("date pattern compiles")
});

/// A run of digits written as words, alone or mixed with digit groups (`one eight hundred`,
/// `nine 0 seven`): scam comments spell their numbers out so filters that look for digits
/// miss them. Read by [`spelled_phones`].
static SPELLED: LazyLock<Regex> = LazyLock::new(|| {
    let unit =
        r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|hundred|double|triple|\d{1,4})";
    Regex::new(&format!(
        r"(?i-u:\b){unit}(?:[ \t\-.,()/]+{unit}){{3,}}(?-u:\b)"
    ))
    .expect("spelled number pattern compiles")
});

/// The digits of a spelled-out number run (`double five` is `55`).
fn spelled_digits(run: &str) -> (String, usize) {
    let (mut digits, mut words, mut repeat) = (String::new(), 0, 1);
    for word in run
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let digit = match word.to_ascii_lowercase().as_str() {
            "zero" | "oh" => '0',
            "one" => '1',
            "two" => '2',
            "three" => '3',
            "four" => '4',
            "five" => '5',
            "six" => '6',
            "seven" => '7',
            "eight" => '8',
            "nine" => '9',
            "double" => {
                repeat = 2;
                continue;
            }
            "triple" => {
                repeat = 3;
                continue;
            }
            // `one eight hundred` is 1800: the toll-free prefix as it is said.
            "hundred" => {
                digits.push_str("00");
                words += 1;
                continue;
            }
            group => {
                // `triple 4` is 444; a group of several digits stands as written.
                let times = if group.len() == 1 { repeat } else { 1 };
                for _ in 0..times {
                    digits.push_str(group);
                }
                repeat = 1;
                continue;
            }
        };
        words += 1;
        for _ in 0..repeat {
            digits.push(digit);
        }
        repeat = 1;
    }
    (digits, words)
}

/// Phone numbers written with words for digits: 9 to 15 digits of which at least three are
/// words. The value is the digits, so a spelled number and its digits are one campaign key.
fn spelled_phones(text: &str) -> impl Iterator<Item = FoundLink> + '_ {
    SPELLED.find_iter(text).filter_map(|m| {
        let (digits, words) = spelled_digits(m.as_str());
        ((9..=15).contains(&digits.len()) && words >= 3).then(|| FoundLink {
            kind: LinkKind::Phone,
            span: m.range(),
            value: digits,
        })
    })
}

/// Every URL, e-mail address and phone number in `text`, in text order.
///
/// URLs need no scheme (`www.example.com`, `example.ng/x`), since comment spam rarely has one.
pub fn find_links(text: &str) -> Vec<FoundLink> {
    // Every URL and e-mail address has a dot, and every phone in digits a digit.
    if !text.contains('.') && !text.bytes().any(|b| b.is_ascii_digit()) {
        return spelled_phones(text).collect();
    }
    let mut finder = linkify::LinkFinder::new();
    finder.url_must_have_scheme(false);
    let mut found: Vec<FoundLink> = finder
        .links(text)
        .filter(|link| link.kind() == &linkify::LinkKind::Email || plausible_url(link.as_str()))
        .map(|link| FoundLink {
            kind: match link.kind() {
                linkify::LinkKind::Email => LinkKind::Email,
                _ => LinkKind::Url,
            },
            span: link.start()..link.end(),
            value: link.as_str().to_string(),
        })
        .collect();
    // Letters for digits inside digit groups (`1-8OO-55O-1234`) are read as the digits they
    // stand for; the copy has the same length, so spans hold for the text as written.
    let digitised = letters_as_digits(text);
    let searched = digitised.as_deref().unwrap_or(text);
    // A phone needs 9 digits in one run of digits and separators; most texts have none, and
    // then the regex (slow on non-ASCII text, for its Unicode word boundaries) is skipped.
    for m in PHONE.find_iter(if may_hold_phone(searched) {
        searched
    } else {
        ""
    }) {
        let digits = m.as_str().chars().filter(char::is_ascii_digit).count();
        let inside_other = found
            .iter()
            .any(|l| l.span.start <= m.start() && m.end() <= l.span.end);
        if (9..=15).contains(&digits)
            && !inside_other
            && !THOUSANDS.is_match(m.as_str().trim())
            && !DATE.is_match(m.as_str())
            && !is_machine_number(m.as_str())
        {
            found.push(FoundLink {
                kind: LinkKind::Phone,
                span: m.range(),
                value: m.as_str().trim().to_string(),
            });
        }
    }
    let spelled: Vec<FoundLink> = spelled_phones(text)
        .filter(|p| {
            !found
                .iter()
                .any(|l| l.span.start < p.span.end && p.span.start < l.span.end)
        })
        .collect();
    found.extend(spelled);
    found.sort_by_key(|l| l.span.start);
    found
}

/// `text` with the letters that stand for digits in a group of digits read as those digits
/// (`8OO` is `800`, `l-888` is `1-888`): a word of ASCII letters and digits that holds a digit
/// and no letter but `O`, `o`, `I` and `l`. Spam writes its numbers so to slip past filters
/// that look for digit runs; no word of prose has that shape (`2go`, `mp3`, `4K` keep other
/// letters). `None` when no word has it, the usual case.
fn letters_as_digits(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut start = 0;
    while start < bytes.len() {
        if !bytes[start].is_ascii_alphanumeric() {
            start += 1;
            continue;
        }
        let end = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |k| start + k);
        let word = &bytes[start..end];
        // A word glued to non-ASCII letters (`8Oш`) is not a digit group.
        let glued = |k: usize| {
            text[..k]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        };
        let standing_in = |b: &u8| matches!(b, b'O' | b'o' | b'I' | b'l');
        if word.iter().any(u8::is_ascii_digit)
            && word.iter().any(standing_in)
            && word.iter().all(|b| b.is_ascii_digit() || standing_in(b))
            && !glued(start)
            && !text[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            let copy = out.get_or_insert_with(|| bytes.to_vec());
            for b in &mut copy[start..end] {
                *b = match *b {
                    b'O' | b'o' => b'0',
                    b'I' | b'l' => b'1',
                    digit => digit,
                };
            }
        }
        start = end;
    }
    // Only ASCII letters were replaced by ASCII digits: still UTF-8.
    out.and_then(|copy| String::from_utf8(copy).ok())
}

/// Whether some run of digits and the separators [`PHONE`] allows holds 9 digits: every match
/// that becomes a phone lies in such a run.
fn may_hold_phone(text: &str) -> bool {
    let mut digits = 0;
    for b in text.bytes() {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                if digits >= 9 {
                    return true;
                }
            }
            b' ' | b'-' | b'(' | b')' | b'.' => {}
            _ => digits = 0,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_values(text: &str) -> Vec<(LinkKind, String)> {
        find_links(text)
            .into_iter()
            .map(|l| (l.kind, l.value))
            .collect()
    }

    #[test]
    fn urls_with_and_without_scheme() {
        assert_eq!(
            kinds_and_values("see https://a.example.org/x and www.rt.com."),
            vec![
                (LinkKind::Url, "https://a.example.org/x".into()),
                (LinkKind::Url, "www.rt.com".into())
            ]
        );
    }

    #[test]
    fn emails_and_phones() {
        assert_eq!(
            kinds_and_values("mail contact@vi-covid19.com or Whatsapp: +2348136370421"),
            vec![
                (LinkKind::Email, "contact@vi-covid19.com".into()),
                (LinkKind::Phone, "+2348136370421".into())
            ]
        );
    }

    #[test]
    fn prose_with_dots_is_not_a_link() {
        assert!(kinds_and_values("those who did it…….so hardly").is_empty());
        assert_eq!(
            kinds_and_values("join t.me/harbourdaily now"),
            vec![(LinkKind::Url, "t.me/harbourdaily".into())]
        );
    }

    #[test]
    fn code_is_not_a_link_but_a_bare_host_on_a_real_suffix_is() {
        for code in [
            "bar[random.randint(1,100)]",
            "os.path.join(a, b)",
            "numbers.sort()",
        ] {
            assert!(kinds_and_values(code).is_empty(), "{code}");
        }
        assert_eq!(
            kinds_and_values("buy at cheapflights.com or shop.co.uk/abc or www.deals.example"),
            vec![
                (LinkKind::Url, "cheapflights.com".into()),
                (LinkKind::Url, "shop.co.uk/abc".into()),
                (LinkKind::Url, "www.deals.example".into()),
            ]
        );
    }

    #[test]
    fn spelled_out_numbers_are_phones() {
        assert_eq!(
            kinds_and_values("call one eight zero zero five five five one two three four now"),
            vec![(LinkKind::Phone, "18005551234".into())]
        );
        assert_eq!(
            kinds_and_values("dial 1 888 double five triple 4 two one for support"),
            vec![(LinkKind::Phone, "18885544421".into())]
        );
        assert_eq!(
            kinds_and_values("call one eight hundred five five five one two three four"),
            vec![(LinkKind::Phone, "18005551234".into())]
        );
        assert_eq!(
            kinds_and_values("dial eight oh oh, five five five, one two three four"),
            vec![(LinkKind::Phone, "8005551234".into())]
        );
        // Counting, scores and prose with a few number words are not phones.
        for text in [
            "one two three, let's go",
            "we lost two nil and then one more",
            "I have one cat, two dogs and three fish",
        ] {
            assert!(kinds_and_values(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn letters_written_for_digits_are_read_as_digits() {
        let text = "Support: 1-8OO-55O-12l4 (toll free)";
        let found = find_links(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, LinkKind::Phone);
        assert_eq!(found[0].value, "1-800-550-1214");
        assert_eq!(&text[found[0].span.clone()], "1-8OO-55O-12l4");
        // Words that only hold such letters, or other letters too, stay words.
        for text in [
            "I lOOOOve it, 10 out of 10, 4K 2go mp3",
            "Olympia 2012 logo Ol 1 2 3",
            "Он 8Oш 555 1234",
        ] {
            assert!(kinds_and_values(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn years_times_and_short_numbers_are_not_phones() {
        assert!(kinds_and_values("from 1999 to 2009, at 12:55, 10-15 times").is_empty());
        assert!(!may_hold_phone("from 1999 to 2009, at 12:55, 10-15 times"));
        assert!(may_hold_phone("call +44 20 7946 0958"));
        for stamp in [
            "posted 14.10.2018 21:05 by 1009",
            "am 14.10.2018 21 Uhr",
            "on 2018-10-14 21 05",
            "14-10-2018 (21) 5",
        ] {
            assert!(kinds_and_values(stamp).is_empty(), "{stamp}");
        }
        assert_eq!(
            kinds_and_values("call +44 20 7946 0958 now"),
            vec![(LinkKind::Phone, "+44 20 7946 0958".into())]
        );
        // Unix times and record ids in a programmer's comment; a dialled number is written
        // with its prefix or separators.
        assert!(kinds_and_values("the log jumps from 1617181920 to 1617185520").is_empty());
        assert_eq!(
            kinds_and_values("call 1-617-181-9200 or 4155552671"),
            vec![
                (LinkKind::Phone, "1-617-181-9200".into()),
                (LinkKind::Phone, "4155552671".into())
            ]
        );
    }
}
