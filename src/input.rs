//! Input discovery and decoding: paths → sources → text.
//!
//! Directories are walked recursively in sorted order, so the batch order (and therefore the
//! report order) never depends on the file system. Inside directories only files with a known
//! input extension are taken, and hidden entries are skipped, as ripgrep and tokei do: a
//! corpus folder may hold a README or PROVENANCE.md without it being read as a page. A path
//! named explicitly is always read, whatever its name. Symbolic links are followed; what is
//! not a regular file in the end (a FIFO, socket or device) is refused with an error row,
//! except `-`, standard input.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use sha2::{Digest, Sha256};

use encoding_rs::Encoding;

use crate::error::InputError;

/// File extensions taken when walking a directory (compare case-insensitively).
pub const INPUT_EXTENSIONS: &[&str] = &[
    "txt", "text", "htm", "html", "xhtml", "json", "ndjson", "jsonl", "xml", "wxr", "warc", "gz",
    "zst", "arc",
];

/// One input: a file, or standard input (`-`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

impl Source {
    /// The name written in reports: the path as the user reached it, with `/` separators.
    pub fn display(&self) -> String {
        match self {
            Source::File(path) => path.to_string_lossy().replace('\\', "/"),
            Source::Stdin => "-".to_string(),
        }
    }
}

/// Paths listed one per line in `list` (`-`: standard input); blank lines are skipped.
pub fn read_path_list(list: &Path) -> std::io::Result<Vec<PathBuf>> {
    let text = if list.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())?
    } else {
        std::fs::read_to_string(list)?
    };
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .collect())
}

/// Total size of the file sources (for progress); standard input counts 0.
pub fn total_size(sources: &[Source]) -> u64 {
    sources
        .iter()
        .filter_map(|s| match s {
            Source::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            Source::Stdin => None,
        })
        .sum()
}

/// A path that could not be walked, reported as an error row under that path.
#[derive(Debug)]
pub struct WalkError {
    /// The path that failed.
    pub path: String,
    /// Why.
    pub error: InputError,
}

/// Expands the user's paths into sources: files as given, directories walked.
pub fn discover(paths: &[PathBuf]) -> (Vec<Source>, Vec<WalkError>) {
    let found = discover_with(paths, false);
    (found.sources, found.errors)
}

/// What a walk over the user's paths found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Inputs to read, in order.
    pub sources: Vec<Source>,
    /// Paths that could not be walked.
    pub errors: Vec<WalkError>,
    /// Files inside walked directories left out for their name (no input extension), sorted.
    pub skipped: Vec<PathBuf>,
}

/// Expands the user's paths into sources. Files named on the command line are always read;
/// inside directories only files with an input extension are, unless `include_all`. Hidden
/// files and folders (`.git`, `.DS_Store`) are never walked into.
pub fn discover_with(paths: &[PathBuf], include_all: bool) -> Discovered {
    let mut found = Discovered::default();
    for path in paths {
        if path.as_os_str() == "-" {
            found.sources.push(Source::Stdin);
        } else if !path.exists() && is_pattern(path) {
            expand(path, include_all, &mut found);
        } else if path.is_dir() {
            walk(path, include_all, &mut found);
        } else {
            found.sources.push(Source::File(path.clone()));
        }
    }
    found
}

fn is_pattern(path: &Path) -> bool {
    path.to_string_lossy().contains(['*', '?', '['])
}

/// Expands a glob pattern (sorted); directories it matches are walked.
fn expand(pattern: &Path, include_all: bool, found: &mut Discovered) {
    let text = pattern.to_string_lossy();
    match glob::glob(&text) {
        Ok(paths) => {
            let mut matched: Vec<PathBuf> = paths.filter_map(Result::ok).collect();
            matched.sort();
            if matched.is_empty() {
                found.sources.push(Source::File(pattern.to_path_buf()));
            }
            for path in matched {
                if path.is_dir() {
                    walk(&path, include_all, found)
                } else {
                    found.sources.push(Source::File(path))
                }
            }
        }
        Err(e) => found.errors.push(WalkError {
            path: text.into_owned(),
            error: InputError::Unsupported(format!("bad pattern: {e}")),
        }),
    }
}

fn walk(root: &Path, include_all: bool, found: &mut Discovered) {
    // Links are followed (git-annex and DVC corpora are directories of links); walkdir
    // reports a loop or a dangling link as an error, which becomes an error row.
    let entries = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in entries {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                if include_all || has_input_extension(e.path()) {
                    found.sources.push(Source::File(e.into_path()));
                } else {
                    found.skipped.push(e.into_path());
                }
            }
            Ok(_) => {}
            Err(e) => found.errors.push(WalkError {
                path: e.path().unwrap_or(root).to_string_lossy().into_owned(),
                error: InputError::Io(e.into()),
            }),
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn has_input_extension(path: &Path) -> bool {
    path.extension()
        .map(|ext| ext.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|ext| INPUT_EXTENSIONS.contains(&ext.as_str()))
}

/// Size and checksum of an input's raw bytes, kept while it is streamed.
#[derive(Default)]
pub struct Tally {
    /// The input could be opened.
    pub opened: bool,
    /// Raw bytes read so far.
    pub bytes: u64,
    hasher: Sha256,
}

impl Tally {
    /// Lower-case hex SHA-256 of the bytes read.
    pub fn digest(&self) -> String {
        self.hasher
            .clone()
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// A reader that feeds every byte it passes on to a [`Tally`] and a progress bar.
struct Counting<R> {
    inner: R,
    tally: Arc<Mutex<Tally>>,
    bar: indicatif::ProgressBar,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Ok(mut tally) = self.tally.lock() {
            tally.bytes += n as u64;
            tally.hasher.update(&buf[..n]);
        }
        self.bar.inc(n as u64);
        Ok(n)
    }
}

/// A zstd stream of any number of frames, decoded as one.
struct ZstdFrames<R: BufRead> {
    decoder: Option<ruzstd::decoding::StreamingDecoder<R, ruzstd::decoding::FrameDecoder>>,
}

impl<R: BufRead> Read for ZstdFrames<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let Some(decoder) = &mut self.decoder else {
                return Ok(0);
            };
            let n = decoder.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            let Some(finished) = self.decoder.take() else {
                return Ok(0);
            };
            let mut inner = finished.into_inner();
            if inner.fill_buf()?.is_empty() {
                return Ok(0);
            }
            self.decoder = Some(
                ruzstd::decoding::StreamingDecoder::new(inner).map_err(std::io::Error::other)?,
            );
        }
    }
}

/// An opened input: its decompressed bytes as a stream.
pub struct Opened {
    /// The decompressed stream.
    pub stream: Box<dyn BufRead + Send>,
    /// `gzip` or `zstd` when the input was compressed.
    pub compression: Option<&'static str>,
    /// The file's size on disk, when it is a file.
    pub size: Option<u64>,
}

/// Refuses what is not a regular file (after following links): opening a FIFO blocks until
/// a writer comes, and a device may never end.
fn check_regular(path: &Path) -> Result<u64, InputError> {
    use std::os::unix::fs::FileTypeExt;
    let meta = std::fs::metadata(path)?;
    let kind = meta.file_type();
    let what = if kind.is_file() {
        return Ok(meta.len());
    } else if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "not a file"
    };
    Err(InputError::NotRegular { kind: what })
}

/// Opens a source for streaming: raw bytes are counted and hashed into `tally` and advance
/// `bar`; gzip and zstd are undone on the fly.
pub fn open(
    source: &Source,
    tally: Arc<Mutex<Tally>>,
    bar: &indicatif::ProgressBar,
) -> Result<Opened, InputError> {
    let (raw, size): (Box<dyn Read + Send>, _) = match source {
        Source::File(path) => {
            let size = check_regular(path)?;
            (Box::new(std::fs::File::open(path)?), Some(size))
        }
        Source::Stdin => (Box::new(std::io::stdin()), None),
    };
    if let Ok(mut t) = tally.lock() {
        t.opened = true;
    }
    let mut counted = BufReader::with_capacity(
        1 << 16,
        Counting {
            inner: raw,
            tally,
            bar: bar.clone(),
        },
    );
    let head = counted.fill_buf()?;
    let (stream, compression): (Box<dyn BufRead + Send>, _) = if head.starts_with(GZIP_MAGIC) {
        (
            Box::new(BufReader::with_capacity(
                1 << 20,
                flate2::bufread::MultiGzDecoder::new(counted),
            )),
            Some("gzip"),
        )
    } else if head.starts_with(ZSTD_MAGIC) {
        let decoder =
            ruzstd::decoding::StreamingDecoder::new(counted).map_err(|e| compressed("zstd", e))?;
        (
            Box::new(BufReader::with_capacity(
                1 << 20,
                ZstdFrames {
                    decoder: Some(decoder),
                },
            )),
            Some("zstd"),
        )
    } else {
        (Box::new(BufReader::with_capacity(1 << 20, counted)), None)
    };
    Ok(Opened {
        stream,
        compression,
        size,
    })
}

/// One line of a line-oriented input, as [`BoundedLines`] reads it.
#[derive(Debug, PartialEq, Eq)]
pub enum LineRead {
    /// The line's text, without its line ending.
    Text(String),
    /// Longer than the limit: skipped without being held in memory.
    TooLong,
    /// Not valid UTF-8: skipped, the lines after it are read.
    NotUtf8,
}

/// Lines of a stream, each held to a byte limit: a line over it is passed over as it is read,
/// so one 1 GiB line costs no more memory than the limit, and a line that is not UTF-8 costs
/// only itself.
pub struct BoundedLines<R> {
    inner: R,
    limit: usize,
    number: u64,
    buf: Vec<u8>,
}

impl<R: BufRead> BoundedLines<R> {
    /// Lines of `inner`, each at most `limit` bytes (line ending not counted).
    pub fn new(inner: R, limit: usize) -> Self {
        BoundedLines {
            inner,
            limit,
            number: 0,
            buf: Vec::new(),
        }
    }

    /// Reads up to the next newline into `buf` while it fits; true when it did not fit.
    /// `None` at the end of the stream.
    fn fill_line(&mut self) -> std::io::Result<Option<bool>> {
        self.buf.clear();
        let (mut any, mut too_long) = (false, false);
        loop {
            let available = match self.inner.fill_buf() {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(any.then_some(too_long));
            }
            any = true;
            let newline = memchr::memchr(b'\n', available);
            let take = newline.map_or(available.len(), |i| i + 1);
            // The line ending (`\n` or `\r\n`) is not held against the limit.
            if !too_long && self.buf.len() + take > self.limit.saturating_add(2) {
                too_long = true;
                self.buf = Vec::new();
            }
            if !too_long {
                self.buf.extend_from_slice(&available[..take]);
            }
            self.inner.consume(take);
            if newline.is_some() {
                return Ok(Some(too_long));
            }
        }
    }
}

impl<R: BufRead> Iterator for BoundedLines<R> {
    /// The line's 1-based number and what it held.
    type Item = std::io::Result<(u64, LineRead)>;

    fn next(&mut self) -> Option<Self::Item> {
        let too_long = match self.fill_line() {
            Ok(None) => return None,
            Ok(Some(too_long)) => too_long,
            Err(e) => return Some(Err(e)),
        };
        self.number += 1;
        let mut line = std::mem::take(&mut self.buf);
        if line.last() == Some(&b'\n') {
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
        }
        let read = match (too_long || line.len() > self.limit, String::from_utf8(line)) {
            (true, _) => LineRead::TooLong,
            (false, Ok(text)) => LineRead::Text(text),
            (false, Err(_)) => LineRead::NotUtf8,
        };
        Some(Ok((self.number, read)))
    }
}

/// Bytes read whole, and a note when a compressed stream broke off: what was decompressed
/// before the fault is kept (a truncated `.warc.gz` keeps its complete records).
pub type ReadWhole = (Vec<u8>, Option<InputError>);

/// Reads an opened input whole, refusing more than `limit` decompressed bytes.
///
/// An uncompressed file over the limit is refused before it is read, with its real size.
/// Memory is the bytes themselves: a file's buffer is reserved at its size, so it never
/// doubles past it.
pub fn read_limited(opened: Opened, limit: u64) -> Result<ReadWhole, InputError> {
    let too_large = |size| InputError::TooLarge { size, limit };
    let plain_size = opened.size.filter(|_| opened.compression.is_none());
    if let Some(size) = plain_size.filter(|&s| s > limit) {
        return Err(too_large(Some(size)));
    }
    let reserve = plain_size.map_or(0, |s| s.saturating_add(1));
    let mut bytes = Vec::with_capacity(usize::try_from(reserve).unwrap_or(0));
    let mut stream = opened.stream;
    let read = stream
        .by_ref()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes);
    if bytes.len() as u64 > limit {
        if opened.compression.is_some() {
            return Err(too_large(None));
        }
        // Standard input or a file that grew: count the rest (without keeping it), so the
        // message gives the real size.
        drop(bytes);
        let rest = std::io::copy(&mut stream, &mut std::io::sink()).unwrap_or(0);
        return Err(too_large(Some(limit + 1 + rest)));
    }
    match (read, opened.compression) {
        (Err(e), Some(kind)) if bytes.is_empty() => Err(compressed(kind, e)),
        (Err(e), Some(kind)) => Ok((bytes, Some(compressed(kind, e)))),
        (Err(e), None) => Err(InputError::Io(e)),
        (Ok(_), _) => Ok((bytes, None)),
    }
}

/// gzip and zstd streams are recognised by their magic bytes, whatever the file is called.
const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];

/// Decompresses gzip (all members) or zstd (all frames) input; other input is returned as is.
/// The output is held to `limit` bytes too, so a compression bomb is an error, not an OOM;
/// a stream that breaks off keeps what was decompressed before, with a note, as
/// [`read_limited`] does.
pub fn decompress(bytes: Vec<u8>, limit: u64) -> Result<ReadWhole, InputError> {
    let mut out = Vec::new();
    let (kind, result) = if bytes.starts_with(GZIP_MAGIC) {
        let decoder = flate2::read::MultiGzDecoder::new(bytes.as_slice());
        let read = decoder.take(limit.saturating_add(1)).read_to_end(&mut out);
        ("gzip", read.map(drop))
    } else if bytes.starts_with(ZSTD_MAGIC) {
        ("zstd", unzstd(&bytes, limit, &mut out))
    } else {
        return Ok((bytes, None));
    };
    if out.len() as u64 > limit {
        return Err(InputError::TooLarge { size: None, limit });
    }
    match result {
        Err(e) if out.is_empty() => Err(compressed(kind, e)),
        Err(e) => Ok((out, Some(compressed(kind, e)))),
        Ok(()) => Ok((out, None)),
    }
}

/// Every zstd frame of `bytes` into `out`, stopping once `out` is past `limit`.
fn unzstd(bytes: &[u8], limit: u64, out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut rest = bytes;
    while !rest.is_empty() && (out.len() as u64) <= limit {
        let decoder =
            ruzstd::decoding::StreamingDecoder::new(&mut rest).map_err(std::io::Error::other)?;
        decoder
            .take(limit.saturating_add(1) - out.len() as u64)
            .read_to_end(out)?;
    }
    Ok(())
}

fn compressed(kind: &'static str, e: impl std::fmt::Display) -> InputError {
    InputError::Compression {
        kind,
        message: e.to_string(),
    }
}

/// Decodes bytes to text: forced encoding, else BOM, else UTF-8, else a charset declared by
/// the transport (`declared`, e.g. an HTTP header) or in the document itself.
///
/// Invalid UTF-8 with no charset is decoded in the legacy encoding Firefox's detector finds in
/// the bytes, with a note naming it ([`InputError::Detected`]): legacy pages (forums, old
/// blogs) seldom declare their charset, and browsers read them the same way. Text in a
/// known encoding (declared, forced or by BOM) with a few broken sequences, as a scraped page
/// with one bad byte or a file cut inside a character, is read with those sequences replaced
/// by U+FFFD, and the second value says how many ([`InputError::Repaired`]): losing a whole
/// page to one byte would lose every comment on it. More than [`REPAIRABLE_PER_MIB`] per MiB
/// (at least 16) means the declaration is likely wrong, which stays an error.
pub fn decode(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
    declared: Option<&'static Encoding>,
) -> Result<(String, Option<InputError>), InputError> {
    if let Some(encoding) = forced {
        return decode_with(bytes, encoding, "by --encoding");
    }
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return decode_with(bytes, encoding, "by BOM");
    }
    if let Some(offset) = memchr_nul(bytes) {
        return Err(InputError::Binary { offset });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) if text.trim().is_empty() => Err(InputError::Empty),
        Ok(text) => Ok((text.to_string(), None)),
        Err(e) => match declared.or_else(|| declared_charset(bytes)) {
            Some(encoding) => decode_with(bytes, encoding, "by the page"),
            None => {
                let encoding = detect_legacy(bytes);
                let (text, note) = decode_with(bytes, encoding, "by detection")?;
                let detected = InputError::Detected {
                    offset: e.valid_up_to(),
                    encoding: encoding.name(),
                };
                Ok((text, note.or(Some(detected))))
            }
        },
    }
}

/// The legacy encoding undeclared non-UTF-8 bytes fit best: Firefox's detector (`chardetng`),
/// which tells windows-1252 from windows-1251, Shift_JIS, GBK and the rest by byte statistics.
fn detect_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // A prefix is enough for the statistics and keeps the pass bounded on huge inputs.
    detector.feed(&bytes[..bytes.len().min(1 << 20)], bytes.len() <= 1 << 20);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// Broken sequences per MiB of input above which a declared encoding is taken to be wrong
/// rather than the text repaired.
pub const REPAIRABLE_PER_MIB: usize = 64;

/// Decodes with a known encoding; a few broken sequences are repaired and noted, many are an
/// error (see [`decode`]).
fn decode_with(
    bytes: &[u8],
    encoding: &'static Encoding,
    how: &'static str,
) -> Result<(String, Option<InputError>), InputError> {
    let (text, _, had_errors) = encoding.decode(bytes);
    if text.trim().is_empty() {
        return Err(InputError::Empty);
    }
    let mut note = None;
    if had_errors {
        // Each broken sequence became one U+FFFD; those the text already had are subtracted
        // only for UTF-8, where they can be counted in the bytes.
        let replaced = text.matches('\u{FFFD}').count();
        let present = if encoding == encoding_rs::UTF_8 {
            bytes
                .windows(3)
                .filter(|w| *w == [0xEF, 0xBF, 0xBD])
                .count()
        } else {
            0
        };
        let count = replaced.saturating_sub(present).max(1);
        let encoding = encoding.name();
        if count > (bytes.len() * REPAIRABLE_PER_MIB / (1 << 20)).max(16) {
            return Err(InputError::Malformed {
                encoding,
                how,
                count,
            });
        }
        note = Some(InputError::Repaired {
            encoding,
            how,
            count,
        });
    }
    Ok((text.into_owned(), note))
}

/// Position of the first NUL byte within the first 8 KiB (where binary formats show it).
fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().take(8192).position(|&b| b == 0)
}

/// A charset named near the start (`<meta charset=…>`, `charset=…`, `<?xml encoding=…?>`).
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    ["charset=", "encoding="].iter().find_map(|key| {
        let start = head.find(key)? + key.len();
        let label: String = head[start..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        Encoding::for_label(label.as_bytes())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("héllo".as_bytes(), None, None).unwrap().0, "héllo");
        assert_eq!(decode(b"\xEF\xBB\xBFhi", None, None).unwrap().0, "hi");
    }

    #[test]
    fn utf16_by_bom() {
        let bytes = [0xFF, 0xFE, b'h', 0, b'i', 0];
        assert_eq!(decode(&bytes, None, None).unwrap().0, "hi");
    }

    #[test]
    fn a_few_broken_bytes_in_declared_utf8_are_replaced_and_counted() {
        let mut bytes = b"<meta charset=\"utf-8\"><p>caf\xC3\xA9 ok \xFF end".to_vec();
        let (text, note) = decode(&bytes, None, None).unwrap();
        assert!(text.contains("café ok \u{FFFD} end"), "{text}");
        assert!(
            matches!(note, Some(InputError::Repaired { count: 1, .. })),
            "{note:?}"
        );
        // Cut inside a character: also one repair.
        bytes.truncate(bytes.len() - 5);
        bytes.extend_from_slice(b"\xC3");
        let (_, note) = decode(&bytes, None, None).unwrap();
        assert!(matches!(note, Some(InputError::Repaired { count: 1, .. })));
    }

    #[test]
    fn a_wrong_declaration_stays_an_error() {
        // Latin-1 text declared as UTF-8: every accent is broken.
        let mut bytes = b"<meta charset=\"utf-8\">".to_vec();
        for _ in 0..40 {
            bytes.extend_from_slice(b"caf\xE9 ");
        }
        let err = decode(&bytes, None, None).unwrap_err();
        assert!(
            matches!(err, InputError::Malformed { count: 40, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("--encoding"), "{err}");
    }

    #[test]
    fn declared_latin1_decodes() {
        let bytes = b"<meta charset=\"iso-8859-1\">caf\xE9";
        assert!(decode(bytes, None, None).unwrap().0.ends_with("café"));
    }

    #[test]
    fn undeclared_legacy_text_is_detected_and_noted() {
        let (text, note) = decode(b"caf\xE9 au lait, cr\xE8me br\xFBl\xE9e", None, None).unwrap();
        assert_eq!(text, "café au lait, crème brûlée");
        let note = note.expect("a note says the encoding was guessed");
        assert!(
            matches!(
                note,
                InputError::Detected {
                    offset: 3,
                    encoding: "windows-1252"
                }
            ),
            "{note}"
        );
        let cyrillic = "Привет, как дела? Всё хорошо, спасибо.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(cyrillic);
        assert_eq!(decode(&bytes, None, None).unwrap().0, cyrillic);
    }

    #[test]
    fn binary_and_empty_are_errors() {
        assert!(matches!(
            decode(b"\x7fELF\0\0", None, None),
            Err(InputError::Binary { offset: 4 })
        ));
        assert!(matches!(
            decode(b"  \n", None, None),
            Err(InputError::Empty)
        ));
    }

    #[test]
    fn gzip_and_zstd_are_undone_and_bounded() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, &[b'a'; 1000]).unwrap();
        let gz = gz.finish().unwrap();
        assert_eq!(decompress(gz.clone(), 1000).unwrap().0.len(), 1000);
        // Cut off: what decompressed is kept, with a note.
        let (cut, note) = decompress(gz[..gz.len() - 8].to_vec(), 1000).unwrap();
        assert!(!cut.is_empty() && matches!(note, Some(InputError::Compression { .. })));
        assert!(matches!(
            decompress(gz, 999),
            Err(InputError::TooLarge { .. })
        ));
        assert!(matches!(
            decompress(vec![0x1f, 0x8b, 8, 0, 1, 2], 10),
            Err(InputError::Compression { .. })
        ));
        assert!(matches!(
            decompress(vec![0x28, 0xb5, 0x2f, 0xfd, 9], 10),
            Err(InputError::Compression { .. })
        ));
        assert_eq!(decompress(b"plain".to_vec(), 10).unwrap().0, b"plain");
    }

    #[test]
    fn bounded_lines_skip_long_and_broken_lines_and_keep_the_rest() {
        let input = b"one\r\n\xff\xfe bad\n0123456789abcdef\nlast".as_slice();
        let lines: Vec<_> = BoundedLines::new(BufReader::with_capacity(4, input), 8)
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            lines,
            [
                (1, LineRead::Text("one".into())),
                (2, LineRead::NotUtf8),
                (3, LineRead::TooLong),
                (4, LineRead::Text("last".into())),
            ]
        );
    }

    #[test]
    fn forced_encoding_wins() {
        let latin1 = Encoding::for_label(b"latin1");
        assert_eq!(decode(b"caf\xE9", latin1, None).unwrap().0, "café");
    }
}
