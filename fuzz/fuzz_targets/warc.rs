//! WARC archives on arbitrary bytes: records read one by one (every record either a response,
//! skipped, or one broken-record row naming `#record-N`), each page a valid forest.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use threadscan::model::Format;
use threadscan::parse::{ParseOptions, warc};
use threadscan::pipeline::{LoadOptions, load_bytes};

fuzz_target!(|bytes: &[u8]| {
    let (responses, broken) = warc::responses(bytes);
    let mut numbers: Vec<usize> = responses
        .iter()
        .map(|r| r.number)
        .chain(broken.iter().map(|b| b.number))
        .collect();
    let count = numbers.len();
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!(numbers.len(), count, "a record is read once");
    for r in &responses {
        let start = r.block.as_ptr() as usize - bytes.as_ptr() as usize;
        assert!(
            start + r.block.len() <= bytes.len(),
            "a block lies inside the archive"
        );
    }
    let options = LoadOptions {
        parse: ParseOptions {
            format: Some(Format::Warc),
        },
        ..common::options()
    };
    let loaded = load_bytes("fuzz.warc", bytes.to_vec(), &options);
    for e in &loaded.errors {
        assert!(e.source.starts_with("fuzz.warc"), "{e:?}");
    }
    common::score_and_check(&loaded);
});
