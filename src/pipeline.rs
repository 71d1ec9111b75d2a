//! The batch: sources → (threads, error rows), in parallel, in a fixed order.
//!
//! Each source is read, decoded and parsed independently on the rayon pool; results are
//! collected in source order (rayon's indexed collect keeps it), so reports are byte-identical
//! whatever the thread count. A source that fails becomes an [`ErrorRow`] and never stops the
//! others.

use encoding_rs::Encoding;
use rayon::prelude::*;

use crate::error::InputError;
use crate::input::{self, Source};
use crate::model::Thread;
use crate::parse::{self, ParseOptions};
use crate::report::ErrorRow;

/// Everything that decides how one source is turned into threads.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Parser options.
    pub parse: ParseOptions,
    /// Forced text encoding (`--encoding`).
    pub encoding: Option<&'static Encoding>,
    /// Largest input read whole (`--max-file-size`).
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            parse: ParseOptions::default(),
            encoding: None,
            max_file_size: 256 << 20,
        }
    }
}

/// Reads, decodes and parses one source.
pub fn load(source: &Source, options: &LoadOptions) -> Result<Vec<Thread>, InputError> {
    let bytes = input::read(source, options.max_file_size)?;
    let text = input::decode(&bytes, options.encoding)?;
    parse::parse(&source.display(), &text, &options.parse)
}

/// The outcome of a batch: threads in source order, and one error row per failed input.
#[derive(Debug, Default)]
pub struct Batch {
    /// Threads, in source order then page order; ids unique within the batch.
    pub threads: Vec<Thread>,
    /// Failed inputs, in source order.
    pub errors: Vec<ErrorRow>,
}

/// Loads every source in parallel; the result does not depend on scheduling.
pub fn run(sources: &[Source], options: &LoadOptions) -> Batch {
    let outcomes: Vec<(String, Result<Vec<Thread>, InputError>)> = sources
        .par_iter()
        .map(|s| (s.display(), load(s, options)))
        .collect();
    let mut batch = Batch::default();
    for (source, outcome) in outcomes {
        match outcome {
            Ok(threads) => batch.threads.extend(threads),
            Err(error) => batch.errors.push(error_row(source, &error)),
        }
    }
    crate::ids::dedupe(batch.threads.iter_mut().map(|t| &mut t.id));
    batch
}

/// The error row for `error` on `source`.
pub fn error_row(source: String, error: &InputError) -> ErrorRow {
    ErrorRow {
        source,
        stage: error.stage().to_string(),
        message: error.to_string(),
    }
}
