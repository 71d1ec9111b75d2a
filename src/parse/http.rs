//! Raw HTTP responses, as crawlers save them (and as WARC response records hold them):
//! the headers are dropped, `Content-Type`'s charset is kept, and chunked or gzip transfer
//! coding is undone, so the body parses like a saved page.

use std::io::Read;

use encoding_rs::Encoding;

/// A response body and what its headers say about it.
#[derive(Debug, PartialEq, Eq)]
pub struct Body<'a> {
    /// The payload (borrowed when no transfer coding had to be undone).
    pub bytes: std::borrow::Cow<'a, [u8]>,
    /// The charset `Content-Type` names.
    pub charset: Option<&'static Encoding>,
    /// The media type (`text/html`), lower case, when stated.
    pub media_type: Option<String>,
}

/// True when `bytes` begin with an HTTP status line.
pub fn is_response(bytes: &[u8]) -> bool {
    bytes.starts_with(b"HTTP/1.") || bytes.starts_with(b"HTTP/2")
}

/// Splits a response into its body and header facts; input that is no response is all body.
pub fn body(bytes: &[u8]) -> Body<'_> {
    let plain = || Body {
        bytes: bytes.into(),
        charset: None,
        media_type: None,
    };
    if !is_response(bytes) {
        return plain();
    }
    let Some((head_len, sep_len)) = find_header_end(bytes) else {
        return plain();
    };
    let head = String::from_utf8_lossy(&bytes[..head_len]).to_ascii_lowercase();
    let header = |name: &str| {
        head.lines().find_map(|l| {
            l.strip_prefix(name)
                .and_then(|r| r.strip_prefix(':'))
                .map(|v| v.trim().to_string())
        })
    };
    let content_type = header("content-type");
    let media_type = content_type
        .as_deref()
        .map(|c| c.split(';').next().unwrap_or("").trim().to_string());
    let charset = content_type
        .as_deref()
        .and_then(|c| c.split(';').find_map(|p| p.trim().strip_prefix("charset=")))
        .and_then(|label| Encoding::for_label(label.trim_matches('"').as_bytes()));
    let mut payload: std::borrow::Cow<'_, [u8]> = bytes[head_len + sep_len..].into();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        payload = dechunk(&payload).into();
    }
    if header("content-encoding").is_some_and(|t| t.contains("gzip")) {
        let mut out = Vec::new();
        if flate2::read::MultiGzDecoder::new(&payload[..])
            .read_to_end(&mut out)
            .is_ok()
        {
            payload = out.into();
        }
    }
    Body {
        bytes: payload,
        charset,
        media_type,
    }
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

/// Undoes chunked transfer coding; stops quietly at the first malformed chunk.
fn dechunk(mut bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = bytes.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&bytes[..line_end]);
        let Ok(size) = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
        else {
            break;
        };
        let start = line_end + 2;
        if size == 0 || start + size > bytes.len() {
            break;
        }
        out.extend_from_slice(&bytes[start..start + size]);
        bytes = bytes.get(start + size + 2..).unwrap_or(&[]);
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
        );
        assert_eq!(&b.bytes[..], b"<p>caf\xe9</p>");
        assert_eq!(b.charset.map(|e| e.name()), Some("windows-1252"));
        assert_eq!(b.media_type.as_deref(), Some("text/html"));
    }

    #[test]
    fn chunked_bodies_are_joined() {
        let b = body(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
        assert_eq!(&b.bytes[..], b"abcde");
    }

    #[test]
    fn non_responses_pass_through() {
        assert_eq!(&body(b"<html>").bytes[..], b"<html>");
    }
}
