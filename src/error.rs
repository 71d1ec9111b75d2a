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
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stage::Read => "read",
            Stage::Decode => "decode",
            Stage::Parse => "parse",
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
    #[error(
        "input is {size} bytes, over the limit of {limit} bytes (raise it with --max-file-size)"
    )]
    TooLarge {
        /// Size of the input.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// Nothing to parse: usually a failed download.
    #[error("empty input (0 bytes of text)")]
    Empty,
    /// NUL bytes do not occur in text pages or exports.
    #[error("binary content (NUL byte at offset {offset}): not a web page or comment export")]
    Binary {
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// Not UTF-8 and nothing says what else it is; guessing would corrupt the text silently.
    #[error(
        "not valid UTF-8 (invalid byte at offset {offset}) and no charset declared; name the encoding with --encoding"
    )]
    NotUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
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
            InputError::Io(_) | InputError::TooLarge { .. } => Stage::Read,
            InputError::Empty
            | InputError::Binary { .. }
            | InputError::NotUtf8 { .. }
            | InputError::Malformed { .. }
            | InputError::Repaired { .. }
            | InputError::Compression { .. } => Stage::Decode,
            InputError::Unsupported(_) | InputError::Invalid(_) => Stage::Parse,
        }
    }
}
