//! WARC archives (`.warc`, `.warc.gz` after decompression): every `response` record whose
//! payload is an HTML page becomes a page, its address taken from `WARC-Target-URI`.

use crate::error::InputError;

/// True when `bytes` begin with a WARC version line.
pub fn is_warc(bytes: &[u8]) -> bool {
    bytes.starts_with(b"WARC/")
}

/// One WARC record of type `response`.
#[derive(Debug)]
pub struct Response<'a> {
    /// 1-based number of the record in the archive (all record types counted).
    pub number: usize,
    /// `WARC-Target-URI`.
    pub uri: Option<String>,
    /// The record block: an HTTP response.
    pub block: &'a [u8],
}

/// A record that could not be read: its number and why.
#[derive(Debug)]
pub struct BrokenRecord {
    /// 1-based number of the record in the archive.
    pub number: usize,
    /// What is wrong with it.
    pub error: InputError,
}

/// The response records of an archive, and the records that are broken, each on its own.
///
/// Records are read one by one. A record whose `Content-Length` is missing, runs past the end
/// of the archive or does not end where the next record begins is broken; reading resumes at
/// the next line that starts a record (`WARC/`), so one bad record costs only itself. Every
/// step moves forward, so the whole read is linear in the archive's size.
pub fn responses(bytes: &[u8]) -> (Vec<Response<'_>>, Vec<BrokenRecord>) {
    let mut out = Vec::new();
    let mut broken = Vec::new();
    let mut rest = skip_blank(bytes);
    let mut number = 0;
    while !rest.is_empty() {
        number += 1;
        match record(rest, number) {
            Ok((response, next)) => {
                out.extend(response);
                rest = next;
            }
            Err((error, resume)) => {
                broken.push(BrokenRecord { number, error });
                rest = next_record(rest, resume);
            }
        }
        rest = skip_blank(rest);
    }
    (out, broken)
}

type RecordResult<'a> = Result<(Option<Response<'a>>, &'a [u8]), (InputError, usize)>;

/// Reads the record at the start of `rest`: the response (if it is one) and what follows;
/// or why it is broken and the offset from which to look for the next record.
fn record(rest: &[u8], number: usize) -> RecordResult<'_> {
    let broken = |why: String, resume: usize| {
        Err((
            InputError::Invalid(format!("WARC record {number}: {why}")),
            resume,
        ))
    };
    if !is_warc(rest) {
        return broken("does not start with a WARC version line".into(), 0);
    }
    let Some(head_end) = find(rest, b"\r\n\r\n") else {
        return broken("headers never end".into(), rest.len());
    };
    let head = String::from_utf8_lossy(&rest[..head_end]);
    let field = |name: &str| {
        head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    };
    let block_start = head_end + 4;
    let Some(length) = field("Content-Length").and_then(|v| v.parse::<usize>().ok()) else {
        return broken("no valid Content-Length".into(), block_start);
    };
    let Some(block) = block_start
        .checked_add(length)
        .and_then(|end| rest.get(block_start..end))
    else {
        let left = rest.len() - block_start;
        return broken(
            format!("truncated block (Content-Length {length}, {left} bytes left)"),
            block_start,
        );
    };
    let next = skip_blank(&rest[block_start + length..]);
    if !next.is_empty() && !is_warc(next) {
        return broken(
            format!("Content-Length {length} does not end where a record begins"),
            block_start,
        );
    }
    let response = field("WARC-Type")
        .is_some_and(|t| t.eq_ignore_ascii_case("response"))
        .then(|| Response {
            number,
            uri: field("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string()),
            block,
        });
    Ok((response, next))
}

/// The next line at or after `from` that starts a record; empty when there is none.
fn next_record(rest: &[u8], from: usize) -> &[u8] {
    let from = from.max(1).min(rest.len());
    find(&rest[from..], b"\nWARC/").map_or(&[], |at| &rest[from + at + 1..])
}

fn skip_blank(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, body: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: <https://ex.org/>\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
            body.len()
        )
    }

    #[test]
    fn response_records_only() {
        let warc = record("warcinfo", "x")
            + &record("request", "GET /")
            + &record("response", "HTTP/1.1 200 OK\r\n\r\nhi");
        let (rs, broken) = responses(warc.as_bytes());
        assert!(broken.is_empty());
        assert_eq!(rs.len(), 1);
        assert_eq!(
            (rs[0].number, rs[0].uri.as_deref()),
            (3, Some("https://ex.org/"))
        );
    }

    #[test]
    fn truncated_archive_keeps_the_complete_records() {
        let warc = record("response", "HTTP/1.1 200 OK\r\n\r\nfirst")
            + &record("response", "HTTP/1.1 200 OK\r\n\r\nhello");
        let (rs, broken) = responses(&warc.as_bytes()[..warc.len() - 10]);
        assert_eq!(rs.len(), 1);
        assert_eq!(broken.len(), 1);
        assert_eq!(broken[0].number, 2);
        let err = broken[0].error.to_string();
        assert!(err.contains("WARC record 2: truncated block"), "{err}");
    }

    #[test]
    fn a_lying_content_length_costs_only_its_record() {
        for lie in [3, 40] {
            let bad = record("response", "HTTP/1.1 200 OK\r\n\r\nmiddle")
                .replace("Content-Length: 25", &format!("Content-Length: {lie}"));
            let warc = record("response", "HTTP/1.1 200 OK\r\n\r\nfirst")
                + &bad
                + &record("response", "HTTP/1.1 200 OK\r\n\r\nlast");
            let (rs, broken) = responses(warc.as_bytes());
            assert_eq!(
                rs.iter().map(|r| r.number).collect::<Vec<_>>(),
                [1, 3],
                "{lie}"
            );
            assert_eq!(broken.len(), 1, "{lie}");
            assert_eq!(broken[0].number, 2);
        }
    }

    #[test]
    fn garbage_between_records_is_one_broken_record() {
        let warc = record("response", "HTTP/1.1 200 OK\r\n\r\nfirst")
            + "garbage\r\n"
            + &record("response", "HTTP/1.1 200 OK\r\n\r\nlast");
        let (rs, broken) = responses(warc.as_bytes());
        // The garbage follows the first block, so the first record's length is in doubt.
        assert_eq!(rs.len() + broken.len(), 2, "{broken:?}");
        assert_eq!(rs.last().map(|r| r.number), Some(2));
    }
}
