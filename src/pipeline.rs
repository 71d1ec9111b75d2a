//! The batch: sources → (threads, error rows), in parallel, in a fixed order.
//!
//! Each source goes through the same stages: read, decompress (gzip/zstd by magic bytes,
//! streaming), unpack (WARC records, HTTP headers), decode, parse. Pushshift-style NDJSON
//! dumps are streamed line by line into a bounded-memory spill instead of being read whole
//! (see [`crate::pipeline`]). Sources run independently on the rayon pool and results are
//! collected in source order (rayon's indexed collect keeps it), so reports are byte-identical
//! whatever the thread count. A source, or a WARC record, that fails becomes an [`ErrorRow`]
//! and never stops the others; what was read before a failure is kept.

use std::collections::HashMap;
use std::io::BufRead;
use std::sync::{Arc, Mutex};

use encoding_rs::Encoding;
use rayon::prelude::*;

use crate::input::Tally;
use crate::parse::pushshift::DumpLine;
use crate::parse::stackexchange;
use crate::progress::Progress;
use crate::spill::Spill;

use crate::error::InputError;
use crate::input::{self, Source};
use crate::model::{Format, Thread};
use crate::parse::{self, ParseOptions, http, warc};
use crate::report::ErrorRow;
use crate::score::{RunContext, ThreadScore, score_thread};
use crate::testing::Fault;

/// Everything that decides how one source is turned into threads.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Parser options.
    pub parse: ParseOptions,
    /// Forced text encoding (`--encoding`).
    pub encoding: Option<&'static Encoding>,
    /// Largest input read whole, counted after decompression (`--max-file-size`).
    pub max_file_size: u64,
    /// Longest line of an NDJSON dump; longer ones are skipped (`--max-line-size`).
    pub max_line_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            parse: ParseOptions::default(),
            encoding: None,
            max_file_size: 256 << 20,
            max_line_size: 4 << 20,
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
    let tally = Arc::new(Mutex::new(Tally::default()));
    let loaded = match input::open(source, tally.clone(), &indicatif::ProgressBar::hidden()) {
        Err(e) => Loaded::from_result(&name, Err(e)),
        Ok(opened) => read_whole(&name, opened, options),
    };
    with_input(loaded, name, &tally)
}

/// Reads an opened input whole and parses it.
fn read_whole(name: &str, opened: input::Opened, options: &LoadOptions) -> Loaded {
    let read = input::read_limited(opened, options.max_file_size);
    load_read(name, read, options)
}

/// Parses what was read whole; a stream that broke off is parsed as far as it goes, and the
/// break is an error row beside what it yielded.
fn load_read(
    name: &str,
    read: Result<input::ReadWhole, InputError>,
    options: &LoadOptions,
) -> Loaded {
    match read {
        Ok((bytes, note)) => {
            let mut loaded = contained(name, || load_decompressed(name, bytes, options));
            loaded
                .errors
                .extend(note.map(|n| error_row(name.to_string(), &n)));
            loaded
        }
        Err(e) => Loaded::from_result(name, Err(e)),
    }
}

/// Runs `load`, turning a panic into an error row (stage `internal`) for `name`: a bug met on
/// one input costs that input, never the batch.
fn contained(name: &str, load: impl FnOnce() -> Loaded) -> Loaded {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::testing::maybe_panic(Fault::Load, name);
        load()
    }))
    .unwrap_or_else(|panic| {
        Loaded::from_result(name, Err(InputError::Internal(panic_message(&*panic))))
    })
}

/// The message a panic was raised with.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic without a message".to_string())
}

/// Adds the input's size and checksum, when it could be opened.
fn with_input(loaded: Loaded, name: String, tally: &Mutex<Tally>) -> Loaded {
    let input = tally.lock().ok().filter(|t| t.opened).map(|t| InputRecord {
        source: name,
        bytes: t.bytes,
        sha256: t.digest(),
    });
    Loaded { input, ..loaded }
}

/// Everything after reading: decompress, unpack, decode, parse. `name` names the input in
/// reports.
pub fn load_bytes(name: &str, bytes: Vec<u8>, options: &LoadOptions) -> Loaded {
    load_read(
        name,
        input::decompress(bytes, options.max_file_size),
        options,
    )
}

/// Unpack (WARC), decode and parse decompressed bytes.
fn load_decompressed(name: &str, bytes: Vec<u8>, options: &LoadOptions) -> Loaded {
    if warc::is_warc(&bytes) && options.parse.format.is_none_or(|f| f == Format::Warc) {
        return load_warc(name, &bytes, options);
    }
    match load_document(name, &bytes, options) {
        Ok((threads, note)) => {
            let mut loaded = Loaded::from_result(name, Ok(threads));
            loaded
                .errors
                .extend(note.map(|n| error_row(name.to_string(), &n)));
            loaded
        }
        Err(e) => Loaded::from_result(name, Err(e)),
    }
}

/// One document: an HTTP response or a saved file. Its threads, and a note when the text
/// was read with a few broken sequences replaced ([`InputError::Repaired`]).
fn load_document(
    name: &str,
    bytes: &[u8],
    options: &LoadOptions,
) -> Result<(Vec<Thread>, Option<InputError>), InputError> {
    let body = http::body(bytes, options.max_file_size)?;
    let (text, note) = input::decode(&body.bytes, options.encoding, body.charset)?;
    Ok((
        parse::parse(name, &text, &options.parse)?,
        note.or(body.note),
    ))
}

/// Every HTML response record of a WARC archive is a page; other records are skipped.
fn load_warc(name: &str, bytes: &[u8], options: &LoadOptions) -> Loaded {
    let (records, broken) = warc::responses(bytes);
    let record_name = |number| format!("{name}#record-{number}");
    let mut loaded = Loaded::default();
    for b in broken {
        loaded
            .errors
            .push(error_row(record_name(b.number), &b.error));
    }
    let html = ParseOptions {
        format: Some(Format::Html),
    };
    let record_options = LoadOptions {
        parse: html,
        ..options.clone()
    };
    for record in records {
        let media = http::media_type(record.block).unwrap_or_default();
        if !(media.is_empty() || media.contains("html")) {
            continue;
        }
        let source = || record_name(record.number);
        match load_document(name, record.block, &record_options) {
            Ok((threads, note)) => {
                loaded.threads.extend(
                    threads
                        .into_iter()
                        .map(|t| from_record(t, record.uri.as_deref())),
                );
                loaded.errors.extend(note.map(|n| error_row(source(), &n)));
            }
            Err(e) => loaded.errors.push(error_row(source(), &e)),
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

/// Where scored threads go: report files as they come ([`crate::report::writer::ReportWriter`])
/// or memory ([`Batch`]). `Send`, so a batch is written while the next one is scored.
pub trait ThreadSink: Send {
    /// Takes a batch of threads in report order, with their scores.
    fn accept(&mut self, threads: Vec<Thread>, scores: Vec<ThreadScore>) -> anyhow::Result<()>;
}

impl ThreadSink for crate::report::writer::ReportWriter {
    fn accept(&mut self, threads: Vec<Thread>, scores: Vec<ThreadScore>) -> anyhow::Result<()> {
        self.write(&threads, &scores)
    }
}

/// The outcome of a batch held in memory: threads in report order, their scores, and one
/// error row per failed input.
#[derive(Debug, Default)]
pub struct Batch {
    /// Threads in report order; ids unique within the batch.
    pub threads: Vec<Thread>,
    /// Scores, one per thread, same order.
    pub scores: Vec<ThreadScore>,
    /// Failed inputs, in source order.
    pub errors: Vec<ErrorRow>,
    /// Every input that could be read, in source order.
    pub inputs: Vec<InputRecord>,
}

impl ThreadSink for Batch {
    fn accept(&mut self, threads: Vec<Thread>, scores: Vec<ThreadScore>) -> anyhow::Result<()> {
        self.threads.extend(threads);
        self.scores.extend(scores);
        Ok(())
    }
}

/// What a run did, besides the threads it handed to its sink.
#[derive(Debug, Default)]
pub struct RunSummary {
    /// Failed inputs (and broken parts of inputs), sorted.
    pub errors: Vec<ErrorRow>,
    /// Every input that could be read, in source order.
    pub inputs: Vec<InputRecord>,
}

/// Runs the whole batch in memory (for libraries and tests; `analyze` streams to files).
pub fn run(sources: &[Source], options: &LoadOptions, scorer: &Scorer) -> Batch {
    let mut batch = Batch::default();
    let summary = match run_into(
        sources,
        options,
        scorer,
        usize::MAX,
        &Progress::hidden(),
        &mut batch,
    ) {
        Ok(summary) => summary,
        Err(e) => RunSummary {
            errors: vec![ErrorRow {
                source: "-".into(),
                stage: "read".into(),
                message: format!("{e:#}"),
            }],
            ..Default::default()
        },
    };
    batch.errors = summary.errors;
    batch.inputs = summary.inputs;
    batch
}

/// Runs a batch: reads every source in parallel (Pushshift dumps streamed into a
/// bounded-memory [`Spill`], everything else parsed whole), counts the run's links and texts,
/// then scores and hands on the threads: pages and exports in source order first, then dump
/// threads bucket range by bucket range. `mem` is the budget for buffered dump lines.
pub fn run_into(
    sources: &[Source],
    options: &LoadOptions,
    scorer: &Scorer,
    mem: usize,
    progress: &Progress,
    sink: &mut dyn ThreadSink,
) -> anyhow::Result<RunSummary> {
    // Buffered dump lines take at most seven eighths of `--mem`: three quarters in the spill,
    // an eighth for Stack Exchange comments waiting for their question; the rest is headroom
    // for the readers' chunks and the parsed lines of the last chunk.
    let spill = Mutex::new(Spill::new(mem / 4 * 3));
    let run = RunContext::default();
    let dumps = Dumps {
        spill: &spill,
        answers: Mutex::new(stackexchange::Answers::default()),
        comments: Mutex::new(Spill::new(mem / 8)),
    };
    let outcomes: Vec<Loaded> = sources
        .par_iter()
        .enumerate()
        .map(|(i, s)| read_source(i as u32, s, options, &dumps, &run, progress))
        .collect();
    let Dumps {
        answers, comments, ..
    } = dumps;
    let mut summary = RunSummary::default();
    let mut threads = Vec::new();
    // An input whose bytes equal an earlier one's (a page saved twice) is read once and
    // reported once; a note names it. Streamed dumps are not compared (their lines are
    // already buffered when their checksum is known).
    let mut first_by_hash: HashMap<String, String> = HashMap::new();
    for loaded in outcomes {
        if let Some(input) = &loaded.input {
            if !loaded.threads.is_empty() {
                if let Some(first) = first_by_hash.get(&input.sha256) {
                    summary.errors.push(duplicate_row(&input.source, first));
                    summary.inputs.extend(loaded.input);
                    continue;
                }
                first_by_hash.insert(input.sha256.clone(), input.source.clone());
            }
        }
        threads.extend(loaded.threads);
        summary.errors.extend(loaded.errors);
        summary.inputs.extend(loaded.input);
    }
    let mut spill = spill
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // Stack Exchange comments waited for every answer's question to be known: file them now.
    let answers = answers
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .sorted();
    comments
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .drain(|lines| {
            for mut line in lines {
                if let Some((site, post)) = stackexchange::split_link(&line.link) {
                    line.link = stackexchange::link(site, answers.question_of(site, post));
                }
                spill.push(line)?;
            }
            Ok(())
        })?;
    drop(answers);
    // Campaign keys once per (thread, author), on the thread ids as the inputs give them:
    // one thread read through two formats (an HN page and its API items) is one thread.
    let mut seen = rustc_hash::FxHashSet::default();
    for t in &threads {
        run.add_thread(t, &mut seen);
    }
    drop(seen);
    let mut ids = crate::ids::UniqueIds::default();
    for t in &mut threads {
        ids.claim(&mut t.id);
    }
    progress.scoring(threads.iter().map(|t| t.comments.len()).sum());
    let mut scoring = Scoring {
        run: &run,
        scorer,
        progress,
        sink,
        scored: None,
        errors: Vec::new(),
    };
    scoring.add(threads)?;
    let names: Vec<String> = sources.iter().map(Source::display).collect();
    spill.drain(|lines| {
        let mut batch = crate::parse::pushshift::threads_from(lines, &names);
        for t in &mut batch {
            ids.claim(&mut t.id);
        }
        scoring.add(batch)
    })?;
    summary.errors.extend(scoring.finish()?);
    summary.errors.sort();
    Ok(summary)
}

/// Comments scored and rendered per step: enough to keep both cores busy, few enough that the
/// rendered rows of a step stay in the allocator's warm memory instead of fresh pages (one
/// step for a whole in-memory batch spent an eighth of the run zeroing new pages).
const STEP_COMMENTS: usize = 16_384;

/// Scores threads a step at a time and hands each step to the sink while the next one is
/// scored, across batches too (a drained spill file is often a single step): writing is serial
/// at its end, and the slowest thread of a step would otherwise leave the other cores waiting.
struct Scoring<'a> {
    run: &'a RunContext,
    scorer: &'a Scorer,
    progress: &'a Progress,
    sink: &'a mut dyn ThreadSink,
    /// The last step scored, not yet handed on.
    scored: Option<(Vec<Thread>, Vec<ThreadScore>)>,
    /// Threads whose scoring panicked: left out of the reports, each an error row.
    errors: Vec<ErrorRow>,
}

/// Scores one thread; a panic becomes the message of an error row for its source.
fn score_contained(
    thread: &Thread,
    run: &RunContext,
    scorer: &Scorer,
) -> Result<ThreadScore, ErrorRow> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::testing::maybe_panic(Fault::Score, &thread.page.source);
        score_thread(thread, run, scorer)
    }))
    .map_err(|panic| {
        let why = format!("thread {}: {}", thread.id, panic_message(&*panic));
        error_row(thread.page.source.clone(), &InputError::Internal(why))
    })
}

impl Scoring<'_> {
    fn add(&mut self, mut threads: Vec<Thread>) -> anyhow::Result<()> {
        while !threads.is_empty() {
            let mut comments = 0;
            let take = threads
                .iter()
                .position(|t| {
                    comments += t.comments.len().max(1);
                    comments >= STEP_COMMENTS
                })
                .map_or(threads.len(), |i| i + 1);
            let rest = threads.split_off(take);
            let step = std::mem::replace(&mut threads, rest);
            let (run, scorer) = (self.run, self.scorer);
            let (sink, previous) = (&mut *self.sink, self.scored.take());
            let (written, scored) = rayon::join(
                || previous.map_or(Ok(()), |(t, s)| sink.accept(t, s)),
                || -> Vec<Result<ThreadScore, ErrorRow>> {
                    step.par_iter()
                        .map(|t| score_contained(t, run, scorer))
                        .collect()
                },
            );
            written?;
            let (step, scores) = self.keep_scored(step, scored);
            let comments = step.iter().map(|t| t.comments.len()).sum();
            self.progress.scored(step.len(), comments);
            self.scored = Some((step, scores));
        }
        Ok(())
    }

    /// The threads that were scored, with their scores; the others become error rows.
    fn keep_scored(
        &mut self,
        step: Vec<Thread>,
        scored: Vec<Result<ThreadScore, ErrorRow>>,
    ) -> (Vec<Thread>, Vec<ThreadScore>) {
        let mut kept = (
            Vec::with_capacity(step.len()),
            Vec::with_capacity(step.len()),
        );
        for (thread, score) in step.into_iter().zip(scored) {
            match score {
                Ok(score) => {
                    kept.0.push(thread);
                    kept.1.push(score);
                }
                Err(row) => self.errors.push(row),
            }
        }
        kept
    }

    /// Hands on the last step; returns the error rows of threads whose scoring panicked.
    fn finish(mut self) -> anyhow::Result<Vec<ErrorRow>> {
        if let Some((t, s)) = self.scored.take() {
            self.sink.accept(t, s)?;
        }
        Ok(self.errors)
    }
}

/// Reads one source: a dump is streamed line by line into the spill, anything else is read
/// whole and parsed. Lines streamed before a failure are kept.
fn read_source(
    index: u32,
    source: &Source,
    options: &LoadOptions,
    dumps: &Dumps<'_>,
    run: &RunContext,
    progress: &Progress,
) -> Loaded {
    let name = source.display();
    let tally = Arc::new(Mutex::new(Tally::default()));
    let loaded = match input::open(source, tally.clone(), progress.bar()) {
        Err(e) => Loaded::from_result(&name, Err(e)),
        Ok(mut opened) => contained(&name, || {
            let forced = options.parse.format;
            let head = opened.stream.fill_buf().unwrap_or_default();
            let rows = if forced.is_none_or(|f| f == Format::PushshiftNdjson)
                && crate::parse::pushshift::looks_like_dump(head)
            {
                Some(Rows::Pushshift)
            } else if forced.is_none_or(|f| f == Format::StackExchangeXml) {
                stackexchange::detect(head).map(|file| Rows::StackExchange {
                    file,
                    site: stackexchange::site_of(&name),
                })
            } else {
                None
            };
            match rows {
                Some(rows) => {
                    let shared = (dumps, run, progress);
                    stream_dump(index, &name, opened, options.max_line_size, &rows, shared)
                }
                None => read_whole(&name, opened, options),
            }
        }),
    };
    with_input(loaded, name, &tally)
}

/// Where streamed dump lines go: the spill they are grouped in, and for Stack Exchange dumps
/// each answer's question and the comments that wait for it (see [`stackexchange`]).
struct Dumps<'a> {
    spill: &'a Mutex<Spill>,
    answers: Mutex<stackexchange::Answers>,
    comments: Mutex<Spill>,
}

/// How a streamed dump's lines are read.
enum Rows {
    /// Pushshift / Arctic Shift NDJSON: one comment or submission per line.
    Pushshift,
    /// A Stack Exchange dump file of site `site`: one `<row/>` per line.
    StackExchange {
        file: stackexchange::DumpFile,
        site: String,
    },
}

/// Lines are handed to the spill in chunks, so readers of several dumps rarely wait; a chunk
/// also ends once it holds [`CHUNK_BYTES`], so a reader holds at most two chunks of about
/// that size (one being read, one being parsed), whatever the lines' length.
const CHUNK_LINES: usize = 4096;
const CHUNK_BYTES: usize = 8 << 20;

fn stream_dump(
    index: u32,
    name: &str,
    opened: input::Opened,
    max_line: u64,
    rows: &Rows,
    shared: (&Dumps<'_>, &RunContext, &Progress),
) -> Loaded {
    let (dumps, run, progress) = shared;
    let compression = opened.compression;
    let limit = usize::try_from(max_line).unwrap_or(usize::MAX);
    let mut lines = input::BoundedLines::new(opened.stream, limit);
    let mut skipped = Skipped::default();
    let mut read_failure = None;
    let mut failure = None;
    let mut next = read_chunk(&mut lines, compression, &mut skipped, &mut read_failure);
    // Reading (decompressing, splitting lines) is serial; it runs while the previous chunk is
    // parsed on the other cores. Chunks still reach the spill one after another, in order.
    while !next.is_empty() {
        let chunk = std::mem::take(&mut next);
        let mut bad = LineCount::default();
        let (spilled, more) = rayon::join(
            || match rows {
                Rows::Pushshift => spill_chunk(index, chunk, dumps.spill, run, progress, &mut bad),
                Rows::StackExchange { file, site } => {
                    let target = (*file, site.as_str());
                    spill_rows(index, chunk, target, dumps, run, progress, &mut bad)
                }
            },
            || {
                if read_failure.is_some() {
                    Vec::new()
                } else {
                    read_chunk(&mut lines, compression, &mut skipped, &mut read_failure)
                }
            },
        );
        skipped.not_json.add(bad);
        if let Err(e) = spilled {
            failure = Some(e);
            break;
        }
        next = more;
    }
    let mut loaded = Loaded::default();
    let what = match rows {
        Rows::Pushshift => "JSON objects",
        Rows::StackExchange { .. } => "readable `<row>` elements",
    };
    let errors = skipped
        .errors(max_line, what)
        .into_iter()
        .chain(failure.or(read_failure));
    loaded
        .errors
        .extend(errors.map(|e| error_row(name.to_string(), &e)));
    loaded
}

/// Lines of one kind that were skipped: how many, and the first.
#[derive(Clone, Copy, Default)]
struct LineCount {
    count: u64,
    first: u64,
}

impl LineCount {
    fn note(&mut self, line: u64) {
        self.add(LineCount {
            count: 1,
            first: line,
        });
    }

    fn add(&mut self, other: LineCount) {
        if other.count > 0 && (self.count == 0 || other.first < self.first) {
            self.first = other.first;
        }
        self.count += other.count;
    }
}

/// The lines of a dump that were skipped, by cause; each cause is one error row.
#[derive(Default)]
struct Skipped {
    not_json: LineCount,
    not_utf8: LineCount,
    too_long: LineCount,
}

impl Skipped {
    fn errors(&self, limit: u64, what: &str) -> Vec<InputError> {
        let mut out = Vec::new();
        let LineCount { count, first } = self.not_json;
        if count > 0 {
            let message =
                format!("{count} lines are not {what} and were skipped (first: line {first})");
            out.push(InputError::Invalid(message));
        }
        let LineCount { count, first } = self.not_utf8;
        if count > 0 {
            out.push(InputError::LinesNotUtf8 { count, first });
        }
        let LineCount { count, first } = self.too_long;
        if count > 0 {
            out.push(InputError::LinesTooLong {
                count,
                first,
                limit,
            });
        }
        out
    }
}

/// The next chunk of non-blank lines with their line numbers; lines over the limit or not
/// UTF-8 are counted in `skipped` and left out. A read error ends the stream (the lines
/// before it are kept) and is left in `failure`.
fn read_chunk(
    lines: &mut impl Iterator<Item = std::io::Result<(u64, input::LineRead)>>,
    compression: Option<&'static str>,
    skipped: &mut Skipped,
    failure: &mut Option<InputError>,
) -> Vec<(u64, String)> {
    let mut chunk = Vec::with_capacity(CHUNK_LINES);
    let mut bytes = 0;
    let mut last = 0;
    for line in lines.by_ref() {
        match line {
            Ok((n, input::LineRead::Text(text))) => {
                last = n;
                if !text.trim().is_empty() {
                    bytes += text.len();
                    chunk.push((n, text));
                }
            }
            Ok((n, input::LineRead::TooLong)) => {
                last = n;
                skipped.too_long.note(n);
            }
            Ok((n, input::LineRead::NotUtf8)) => {
                last = n;
                skipped.not_utf8.note(n);
            }
            Err(e) => {
                let message = format!("after line {last}: {e}");
                *failure = Some(match compression {
                    Some(kind) => InputError::Compression { kind, message },
                    None => InputError::Invalid(format!("unreadable {message}")),
                });
                break;
            }
        }
        if chunk.len() >= CHUNK_LINES || bytes >= CHUNK_BYTES {
            break;
        }
    }
    chunk
}

/// Parses a chunk of lines in parallel (the costly part: JSON and link finding), counts them
/// for campaigns, and hands them to the spill in line order.
fn spill_chunk(
    index: u32,
    chunk: Vec<(u64, String)>,
    spill: &Mutex<Spill>,
    run: &RunContext,
    progress: &Progress,
    bad: &mut LineCount,
) -> Result<(), InputError> {
    let parsed: Vec<Result<DumpLine, u64>> = chunk
        .into_par_iter()
        .map(|(line, json)| {
            let head = crate::parse::pushshift::line_head(&json).ok_or(line)?;
            run.add(&head.body);
            progress.comment();
            Ok(DumpLine {
                source: index,
                line,
                link: head.link,
                json,
            })
        })
        .collect();
    // A reader that panicked while holding the lock left whole lines behind: keep them.
    let mut spill = spill
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for result in parsed {
        match result {
            Ok(line) => spill.push(line).map_err(InputError::Io)?,
            Err(line) => bad.note(line),
        }
    }
    Ok(())
}

/// Reads a chunk of Stack Exchange rows in parallel, counts their texts for campaigns, and
/// files them: questions and answers under their question in the spill (each answer's
/// question kept for the comments), comments in the comments' spill until every answer is
/// known.
fn spill_rows(
    index: u32,
    chunk: Vec<(u64, String)>,
    target: (stackexchange::DumpFile, &str),
    dumps: &Dumps<'_>,
    run: &RunContext,
    progress: &Progress,
    bad: &mut LineCount,
) -> Result<(), InputError> {
    use stackexchange::Row;
    let (file, site) = target;
    let parsed: Vec<Result<Option<(Row, u64)>, u64>> = chunk
        .into_par_iter()
        .map(|(line, text)| {
            let row = stackexchange::row(&text, file).ok_or(line)?;
            match &row {
                Row::Answer { text, .. } | Row::Comment { text, .. } => {
                    run.add(text);
                    progress.comment();
                }
                Row::Question { .. } => progress.comment(),
                Row::Other => return Ok(None),
            }
            Ok(Some((row, line)))
        })
        .collect();
    let line_of = |link: String, json: String, line: u64| DumpLine {
        source: index,
        line,
        link,
        json,
    };
    let mut spill = dumps
        .spill
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut answers = dumps
        .answers
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut comments = dumps
        .comments
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for result in parsed {
        match result {
            Ok(Some((Row::Question { id, json }, line))) => spill
                .push(line_of(stackexchange::link(site, id), json, line))
                .map_err(InputError::Io)?,
            Ok(Some((
                Row::Answer {
                    id, question, json, ..
                },
                line,
            ))) => {
                answers.insert(site, id, question);
                spill
                    .push(line_of(stackexchange::link(site, question), json, line))
                    .map_err(InputError::Io)?;
            }
            Ok(Some((Row::Comment { post, json, .. }, line))) => comments
                .push(line_of(stackexchange::link(site, post), json, line))
                .map_err(InputError::Io)?,
            Ok(_) => {}
            Err(line) => bad.note(line),
        }
    }
    Ok(())
}

pub use crate::score::Scorer;

/// The stage of an `errors.csv` note for an input identical to an earlier one.
pub const DUPLICATE_STAGE: &str = "duplicate";

/// The note for an input whose bytes equal `first`'s: read once, reported under `first`.
fn duplicate_row(source: &str, first: &str) -> ErrorRow {
    ErrorRow {
        source: source.to_string(),
        stage: DUPLICATE_STAGE.into(),
        message: format!("same bytes as {first} (SHA-256): reported once, as {first}"),
    }
}

/// The error row for `error` on `source`.
pub fn error_row(source: String, error: &InputError) -> ErrorRow {
    ErrorRow {
        source,
        stage: error.stage().to_string(),
        message: error.to_string(),
    }
}
