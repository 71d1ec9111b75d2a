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

/// The response records of an archive, or an error naming the first broken record.
pub fn responses(bytes: &[u8]) -> Result<Vec<Response<'_>>, InputError> {
    let mut out = Vec::new();
    let mut rest = bytes;
    let mut number = 0;
    while !rest.iter().all(u8::is_ascii_whitespace) {
        number += 1;
        let start = rest
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(0);
        rest = &rest[start..];
        let broken = |why: &str| InputError::Invalid(format!("WARC record {number}: {why}"));
        if !is_warc(rest) {
            return Err(broken("does not start with a WARC version line"));
        }
        let head_end = rest
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or_else(|| broken("headers never end"))?;
        let head = String::from_utf8_lossy(&rest[..head_end]);
        let field = |name: &str| {
            head.lines().find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.trim()
                    .eq_ignore_ascii_case(name)
                    .then(|| v.trim().to_string())
            })
        };
        let length: usize = field("Content-Length")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| broken("no Content-Length"))?;
        let block_start = head_end + 4;
        let block = rest
            .get(block_start..block_start + length)
            .ok_or_else(|| broken("truncated block"))?;
        if field("WARC-Type").is_some_and(|t| t.eq_ignore_ascii_case("response")) {
            out.push(Response {
                number,
                uri: field("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string()),
                block,
            });
        }
        rest = &rest[block_start + length..];
    }
    Ok(out)
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
        let rs = responses(warc.as_bytes()).unwrap();
        assert_eq!(rs.len(), 1);
        assert_eq!(
            (rs[0].number, rs[0].uri.as_deref()),
            (3, Some("https://ex.org/"))
        );
    }

    #[test]
    fn truncated_archive_is_an_error() {
        let warc = record("response", "HTTP/1.1 200 OK\r\n\r\nhello");
        let err = responses(&warc.as_bytes()[..warc.len() - 10]).unwrap_err();
        assert!(
            err.to_string().contains("WARC record 1: truncated block"),
            "{err}"
        );
    }
}
