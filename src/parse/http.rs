//! Raw HTTP responses, as crawlers save them (and as WARC response records hold them):
//! the headers are dropped, `Content-Type`'s charset is kept, and chunked or gzip transfer
//! coding is undone, so the body parses like a saved page.
//!
//! Every size the response states (chunk sizes) is checked against what is there, and a
//! gzip `Content-Encoding` is inflated under the same `--max-file-size` limit as any other
//! decompression layer: a 147-byte response may not claim 2^64 bytes, nor inflate to a GiB.

use std::io::Read;

use encoding_rs::Encoding;

use crate::error::InputError;

/// A response body and what its headers say about it.
#[derive(Debug)]
pub struct Body<'a> {
    /// The payload (borrowed when no transfer coding had to be undone).
    pub bytes: std::borrow::Cow<'a, [u8]>,
    /// The charset `Content-Type` names.
    pub charset: Option<&'static Encoding>,
    /// The media type (`text/html`), lower case, when stated.
    pub media_type: Option<String>,
    /// Set when the body was cut short by a corrupt or truncated content coding: what was
    /// inflated before the fault is the body, and this says what happened.
    pub note: Option<InputError>,
}

/// True when `bytes` begin with an HTTP status line.
pub fn is_response(bytes: &[u8]) -> bool {
    bytes.starts_with(b"HTTP/1.") || bytes.starts_with(b"HTTP/2")
}

/// Splits a response into its body and header facts; input that is no response is all body.
///
/// A gzip-encoded body that inflates to more than `limit` bytes is refused
/// ([`InputError::TooLarge`]); a corrupt one keeps what inflated before the fault, with a
/// note, or is refused when nothing did.
pub fn body(bytes: &[u8], limit: u64) -> Result<Body<'_>, InputError> {
    let plain = || Body {
        bytes: bytes.into(),
        charset: None,
        media_type: None,
        note: None,
    };
    let Some((head, body_start)) = head(bytes) else {
        return Ok(plain());
    };
    let header = |name: &str| header(&head, name);
    let content_type = header("content-type");
    let media_type = content_type.as_deref().map(media_type_of);
    let charset = content_type
        .as_deref()
        .and_then(|c| c.split(';').find_map(|p| p.trim().strip_prefix("charset=")))
        .and_then(|label| Encoding::for_label(label.trim_matches('"').as_bytes()));
    let mut payload: std::borrow::Cow<'_, [u8]> = bytes[body_start..].into();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        payload = dechunk(&payload).into();
    }
    let mut note = None;
    if header("content-encoding").is_some_and(|t| t.contains("gzip")) {
        let (inflated, fault) = inflate(&payload, limit)?;
        payload = inflated.into();
        note = fault;
    }
    Ok(Body {
        bytes: payload,
        charset,
        media_type,
        note,
    })
}

/// Inflates a gzip body under `limit`; a fault after some output keeps that output.
fn inflate(payload: &[u8], limit: u64) -> Result<(Vec<u8>, Option<InputError>), InputError> {
    let mut out = Vec::new();
    let read = flate2::read::MultiGzDecoder::new(payload)
        .take(limit.saturating_add(1))
        .read_to_end(&mut out);
    if out.len() as u64 > limit {
        return Err(InputError::TooLarge { size: None, limit });
    }
    let fault = read.err().map(|e| InputError::Compression {
        kind: "gzip content-encoding",
        message: e.to_string(),
    });
    match fault {
        Some(fault) if out.is_empty() => Err(fault),
        fault => Ok((out, fault)),
    }
}

/// The media type `Content-Type` states, read from the headers alone.
pub fn media_type(bytes: &[u8]) -> Option<String> {
    let (head, _) = head(bytes)?;
    header(&head, "content-type").as_deref().map(media_type_of)
}

fn media_type_of(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_string()
}

/// The header lines in lower case and where the body starts; `None` for no response.
fn head(bytes: &[u8]) -> Option<(String, usize)> {
    if !is_response(bytes) {
        return None;
    }
    let (head_len, sep_len) = find_header_end(bytes)?;
    let head = String::from_utf8_lossy(&bytes[..head_len]).to_ascii_lowercase();
    Some((head, head_len + sep_len))
}

/// A header's value (lower case, trimmed), from lower-cased header lines.
fn header(head: &str, name: &str) -> Option<String> {
    head.lines().find_map(|l| {
        l.strip_prefix(name)
            .and_then(|r| r.strip_prefix(':'))
            .map(|v| v.trim().to_string())
    })
}

fn find_header_end(bytes: &[u8]) -> Option<(usize, usize)> {
    let crlf = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| (p, 4));
    let lf = bytes.windows(2).position(|w| w == b"\n\n").map(|p| (p, 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Undoes chunked transfer coding; stops quietly at the first malformed chunk. A chunk that
/// claims more bytes than the response holds (up to `ffffffffffffffff`) ends the body with
/// what it does hold: the output never exceeds the input.
fn dechunk(mut bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = bytes.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&bytes[..line_end]);
        let Ok(size) = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
        else {
            break;
        };
        let start = line_end + 2;
        let rest = &bytes[start..];
        if size == 0 {
            break;
        }
        let Some(chunk) = rest.get(..size) else {
            out.extend_from_slice(rest);
            break;
        };
        out.extend_from_slice(chunk);
        bytes = rest
            .get(size..)
            .map_or(&[], |r| r.strip_prefix(b"\r\n").unwrap_or(r));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_dropped_charset_kept() {
        let b = body(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<p>caf\xe9</p>",
            LIMIT,
        )
        .unwrap();
        assert_eq!(&b.bytes[..], b"<p>caf\xe9</p>");
        assert_eq!(b.charset.map(|e| e.name()), Some("windows-1252"));
        assert_eq!(b.media_type.as_deref(), Some("text/html"));
    }

    #[test]
    fn chunked_bodies_are_joined() {
        let b = body(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
            LIMIT,
        )
        .unwrap();
        assert_eq!(&b.bytes[..], b"abcde");
    }

    #[test]
    fn chunk_sizes_past_the_end_keep_what_is_there() {
        for size in ["ffffffffffffffff", "fffffffffffffff0", "100"] {
            let response = format!(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n{size}\r\nde"
            );
            assert_eq!(
                &body(response.as_bytes(), LIMIT).unwrap().bytes[..],
                b"abcde"
            );
        }
    }

    #[test]
    fn gzip_content_encoding_is_held_to_the_limit() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, &[b'a'; 5000]).unwrap();
        let mut response = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        response.extend(gz.finish().unwrap());
        assert_eq!(body(&response, 5000).unwrap().bytes.len(), 5000);
        assert!(matches!(
            body(&response, 4999),
            Err(InputError::TooLarge {
                size: None,
                limit: 4999
            })
        ));
        // Cut off: what inflated is kept, with a note.
        let cut = body(&response[..response.len() - 8], 5000).unwrap();
        assert!(!cut.bytes.is_empty() && cut.note.is_some());
    }

    #[test]
    fn non_responses_pass_through() {
        assert_eq!(&body(b"<html>", LIMIT).unwrap().bytes[..], b"<html>");
    }

    const LIMIT: u64 = 1 << 20;
}
