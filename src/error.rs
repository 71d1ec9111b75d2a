//! Why one input could not be turned into threads. Each becomes a row of `errors.csv`; the
//! rest of the batch goes on.

use std::fmt;

/// The pipeline stage an input failed in (`errors.csv` column `stage`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Finding or reading the bytes.
    Read,
    /// Turning bytes into text.
    Decode,
    /// Turning text into threads.
    Parse,
    /// A defect in threadscan itself (a caught panic): the input is reported, the batch goes on.
    Internal,
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stage::Read => "read",
            Stage::Decode => "decode",
            Stage::Parse => "parse",
            Stage::Internal => "internal",
        })
    }
}

/// A failure that stops one input, never the run.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The operating system refused the read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// Larger than `--max-file-size`: reading it whole could exhaust memory.
    /// Larger than `--max-file-size`, counted after every decompression layer (gzip, zstd,
    /// HTTP `Content-Encoding`): reading it whole could exhaust memory.
    #[error("{} (raise it with --max-file-size)", too_large(*.size, *.limit))]
    TooLarge {
        /// Size of the input on disk, when known and itself over the limit; `None` when the
        /// input grew past the limit while being decompressed.
        size: Option<u64>,
        /// The limit in force.
        limit: u64,
    },
    /// A FIFO, socket or device: reading it could block forever or never end.
    #[error(
        "not a regular file ({kind}); only files, directories and `-` (standard input) are read"
    )]
    NotRegular {
        /// What it is.
        kind: &'static str,
    },
    /// One line of an NDJSON dump over the per-line limit; the line is skipped.
    #[error(
        "{count} lines over the limit of {limit} bytes per line were skipped (first: line {first}; raise it with --max-line-size)"
    )]
    LinesTooLong {
        /// How many lines.
        count: u64,
        /// The first one's 1-based number.
        first: u64,
        /// The limit in force.
        limit: u64,
    },
    /// Lines of a dump that are not valid UTF-8; each is skipped, the rest is read.
    #[error("{count} lines are not valid UTF-8 and were skipped (first: line {first})")]
    LinesNotUtf8 {
        /// How many lines.
        count: u64,
        /// The first one's 1-based number.
        first: u64,
    },
    /// threadscan panicked on this input: a bug, reported as a row so the batch completes.
    #[error("internal error (please report it with the input): {0}")]
    Internal(String),
    /// Nothing to parse: usually a failed download.
    #[error("empty input (0 bytes of text)")]
    Empty,
    /// NUL bytes do not occur in text pages or exports.
    #[error("binary content (NUL byte at offset {offset}): not a web page or comment export")]
    Binary {
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// Not UTF-8 and nothing says what else it is: decoded in the legacy encoding the bytes
    /// fit best, as a browser does (a note in `errors.csv`, the input was read).
    #[error(
        "not valid UTF-8 (invalid byte at offset {offset}) and no charset declared; decoded as {encoding}, detected from the bytes (name the encoding with --encoding if that is wrong)"
    )]
    Detected {
        /// Offset of the first invalid byte.
        offset: usize,
        /// The encoding the bytes were decoded with.
        encoding: &'static str,
    },
    /// Declared or forced encoding, but much of the text does not follow it: the declaration
    /// is likely wrong.
    #[error(
        "invalid {encoding} text (declared {how}): {count} invalid byte sequences; name the real encoding with --encoding"
    )]
    Malformed {
        /// The encoding name.
        encoding: &'static str,
        /// Where the encoding came from: `by BOM`, `by the page`, `by --encoding`.
        how: &'static str,
        /// Number of invalid sequences.
        count: usize,
    },
    /// A few byte sequences broke the declared or forced encoding and were replaced with
    /// U+FFFD; the input was read (a note in `errors.csv`, not a lost page).
    #[error(
        "{count} invalid {encoding} byte sequences (encoding declared {how}) were replaced with U+FFFD; the rest was read"
    )]
    Repaired {
        /// The encoding name.
        encoding: &'static str,
        /// Where the encoding came from.
        how: &'static str,
        /// Number of replaced sequences.
        count: usize,
    },
    /// A compressed stream that is corrupt or truncated.
    #[error("corrupt or truncated {kind} stream: {message}")]
    Compression {
        /// `gzip` or `zstd`.
        kind: &'static str,
        /// The decoder's message.
        message: String,
    },
    /// The content is of a kind this version cannot read.
    #[error("{0}")]
    Unsupported(String),
    /// The content claims a format but breaks it (truncated JSON, malformed XML, …).
    #[error("{0}")]
    Invalid(String),
}

impl InputError {
    /// The stage this error belongs to.
    pub fn stage(&self) -> Stage {
        match self {
            InputError::Io(_) | InputError::TooLarge { .. } | InputError::NotRegular { .. } => {
                Stage::Read
            }
            InputError::LinesNotUtf8 { .. } => Stage::Decode,
            InputError::LinesTooLong { .. } => Stage::Read,
            InputError::Internal(_) => Stage::Internal,
            InputError::Empty
            | InputError::Binary { .. }
            | InputError::Detected { .. }
            | InputError::Malformed { .. }
            | InputError::Repaired { .. }
            | InputError::Compression { .. } => Stage::Decode,
            InputError::Unsupported(_) | InputError::Invalid(_) => Stage::Parse,
        }
    }
}

fn too_large(size: Option<u64>, limit: u64) -> String {
    match size {
        Some(size) => format!("input is {size} bytes, over the limit of {limit} bytes"),
        None => format!("input is over the limit of {limit} bytes once decompressed"),
    }
}
