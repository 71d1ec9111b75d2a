//! HTML pages (every comment system's finder, the generic one included) on arbitrary text: a valid forest and spans inside the text.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use threadscan::model::Format;
use threadscan::parse::{ParseOptions, parse};
use threadscan::pipeline::Loaded;

/// The formats this target forces, chosen by the first byte; detection when it is past them.
const FORMATS: &[Format] = &[Format::Html];

fuzz_target!(|bytes: &[u8]| {
    let Some((&pick, rest)) = bytes.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let format = FORMATS.get(pick as usize % (FORMATS.len() + 1)).copied();
    if let Ok(threads) = parse("fuzz-input", &text, &ParseOptions { format }) {
        let loaded = Loaded {
            threads,
            ..Loaded::default()
        };
        common::score_and_check(&loaded);
    }
});
