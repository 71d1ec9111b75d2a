//! `errors.csv`: one row per input that could not be read or parsed.

use serde::Serialize;

/// One row of `errors.csv`: which input, in which stage, and why.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ErrorRow {
    /// The input as named in `threads.csv`'s `source`.
    pub source: String,
    /// `read`, `decode` or `parse`.
    pub stage: String,
    /// What went wrong, in words.
    pub message: String,
}
