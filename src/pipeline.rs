//! The batch: sources → (threads, error rows), in parallel, in a fixed order.
//!
//! Each source goes through the same stages: read, decompress (gzip/zstd by magic bytes),
//! unpack (WARC records, HTTP headers), decode, parse. Sources run independently on the rayon
//! pool and results are collected in source order (rayon's indexed collect keeps it), so
//! reports are byte-identical whatever the thread count. A source, or a WARC record, that
//! fails becomes an [`ErrorRow`] and never stops the others.

use encoding_rs::Encoding;
use rayon::prelude::*;

use crate::error::InputError;
use crate::input::{self, Source};
use crate::model::{Format, Thread};
use crate::parse::{self, ParseOptions, http, warc};
use crate::report::ErrorRow;
use crate::score::model::Model;
use crate::score::{RunContext, ThreadScore, score_thread};

/// Everything that decides how one source is turned into threads.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Parser options.
    pub parse: ParseOptions,
    /// Forced text encoding (`--encoding`).
    pub encoding: Option<&'static Encoding>,
    /// Largest input read whole, before and after decompression (`--max-file-size`).
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

/// What one source yielded: its threads, and an error row for each part that failed.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Threads in input order.
    pub threads: Vec<Thread>,
    /// Failures (the whole source, or single WARC records).
    pub errors: Vec<ErrorRow>,
    /// The input as read (size and checksum), when it could be read.
    pub input: Option<InputRecord>,
}

/// An input as read, for the run manifest: same name, size and checksum, same input.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct InputRecord {
    /// The source as named in the reports.
    pub source: String,
    /// Bytes read (before decompression).
    pub bytes: u64,
    /// SHA-256 of those bytes.
    pub sha256: String,
}

impl Loaded {
    fn from_result(source: &str, result: Result<Vec<Thread>, InputError>) -> Self {
        match result {
            Ok(threads) => Loaded {
                threads,
                ..Loaded::default()
            },
            Err(e) => Loaded {
                errors: vec![error_row(source.to_string(), &e)],
                ..Loaded::default()
            },
        }
    }
}

/// Reads, decompresses, unpacks, decodes and parses one source.
pub fn load(source: &Source, options: &LoadOptions) -> Loaded {
    let name = source.display();
    match input::read(source, options.max_file_size) {
        Ok(bytes) => {
            let input = InputRecord {
                source: name.clone(),
                bytes: bytes.len() as u64,
                sha256: crate::ids::sha256_hex(&bytes),
            };
            Loaded {
                input: Some(input),
                ..load_bytes(&name, bytes, options)
            }
        }
        Err(e) => Loaded::from_result(&name, Err(e)),
    }
}

/// Everything after reading: decompress, unpack, decode, parse. `name` names the input in
/// reports.
pub fn load_bytes(name: &str, bytes: Vec<u8>, options: &LoadOptions) -> Loaded {
    match input::decompress(bytes, options.max_file_size) {
        Err(e) => Loaded::from_result(name, Err(e)),
        Ok(bytes)
            if warc::is_warc(&bytes) && options.parse.format.is_none_or(|f| f == Format::Warc) =>
        {
            load_warc(name, &bytes, options)
        }
        Ok(bytes) => Loaded::from_result(name, load_document(name, &bytes, options)),
    }
}

/// One document: an HTTP response or a saved file.
fn load_document(
    name: &str,
    bytes: &[u8],
    options: &LoadOptions,
) -> Result<Vec<Thread>, InputError> {
    let body = http::body(bytes);
    let text = input::decode(&body.bytes, options.encoding, body.charset)?;
    parse::parse(name, &text, &options.parse)
}

/// Every HTML response record of a WARC archive is a page; other records are skipped.
fn load_warc(name: &str, bytes: &[u8], options: &LoadOptions) -> Loaded {
    let records = match warc::responses(bytes) {
        Ok(records) => records,
        Err(e) => return Loaded::from_result(name, Err(e)),
    };
    let html = ParseOptions {
        format: Some(Format::Html),
    };
    let record_options = LoadOptions {
        parse: html,
        ..options.clone()
    };
    let mut loaded = Loaded::default();
    for record in records {
        let media = http::body(record.block).media_type.unwrap_or_default();
        if !(media.is_empty() || media.contains("html")) {
            continue;
        }
        match load_document(name, record.block, &record_options) {
            Ok(threads) => loaded.threads.extend(
                threads
                    .into_iter()
                    .map(|t| from_record(t, record.uri.as_deref())),
            ),
            Err(e) => loaded
                .errors
                .push(error_row(format!("{name}#record-{}", record.number), &e)),
        }
    }
    loaded
}

/// Marks a page as coming from a WARC record, with the record's address when it has none.
fn from_record(mut thread: Thread, uri: Option<&str>) -> Thread {
    thread.page.format = Format::Warc;
    if thread.page.url.is_none() {
        thread.page.url = uri.map(String::from);
        thread.page.site = uri.and_then(parse::html::meta::host);
    }
    thread
}

/// The outcome of a batch: threads in source order, their scores, and one error row per
/// failed input.
#[derive(Debug, Default)]
pub struct Batch {
    /// Threads, in source order then page order; ids unique within the batch.
    pub threads: Vec<Thread>,
    /// Scores, one per thread, same order.
    pub scores: Vec<ThreadScore>,
    /// Failed inputs, in source order.
    pub errors: Vec<ErrorRow>,
    /// Every input that could be read, in source order.
    pub inputs: Vec<InputRecord>,
}

/// Loads every source in parallel, then scores every thread in parallel (after the whole run
/// is read, because campaigns are counted per run); the result does not depend on scheduling.
pub fn run(sources: &[Source], options: &LoadOptions, scorer: &Scorer) -> Batch {
    let outcomes: Vec<Loaded> = sources.par_iter().map(|s| load(s, options)).collect();
    let mut batch = Batch::default();
    for loaded in outcomes {
        batch.threads.extend(loaded.threads);
        batch.errors.extend(loaded.errors);
        batch.inputs.extend(loaded.input);
    }
    crate::ids::dedupe(batch.threads.iter_mut().map(|t| &mut t.id));
    let run = RunContext::build(batch.threads.iter());
    batch.scores = batch
        .threads
        .par_iter()
        .map(|t| score_thread(t, &run, scorer.insult_model.as_ref()))
        .collect();
    batch
}

/// What the scorer uses besides the rules.
#[derive(Debug, Clone, Default)]
pub struct Scorer {
    /// The learned insult model (the shipped one, `--model FILE`, or none with `--no-model`).
    pub insult_model: Option<Model>,
}

/// The error row for `error` on `source`.
pub fn error_row(source: String, error: &InputError) -> ErrorRow {
    ErrorRow {
        source,
        stage: error.stage().to_string(),
        message: error.to_string(),
    }
}
