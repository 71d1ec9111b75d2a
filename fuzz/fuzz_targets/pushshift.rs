//! Pushshift dump lines on arbitrary bytes: read by the bounded line reader, spilled with a
//! tiny budget and with none, the same threads come back (the spill framing holds whatever
//! a line holds), and each is a valid forest.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use threadscan::parse::pushshift::{DumpLine, line_head, threads_from};
use threadscan::input::{BoundedLines, LineRead};
use threadscan::pipeline::Loaded;
use threadscan::spill::Spill;

fuzz_target!(|bytes: &[u8]| {
    let mut lines = Vec::new();
    for read in BoundedLines::new(bytes, 4096) {
        let Ok((line, LineRead::Text(json))) = read else {
            continue;
        };
        assert!(json.len() <= 4096 && !json.contains('\n'));
        if let Some(head) = line_head(&json) {
            lines.push(DumpLine {
                source: 0,
                line,
                link: head.link,
                json,
            });
        }
    }
    let names = vec!["fuzz.ndjson".to_string()];
    // Half the input: it spills to disk, and a spill file is split again about once (a
    // budget of a few bytes splits every file down to single buckets: thousands of files).
    let mut spill = Spill::new(bytes.len() / 2);
    for line in lines.iter().cloned() {
        spill.push(line).expect("spill write");
    }
    let mut spilled = Vec::new();
    spill
        .drain(|group| {
            spilled.extend(threads_from(group, &names));
            Ok(())
        })
        .expect("spill drain");
    let whole = threads_from(lines, &names);
    assert_eq!(spilled, whole, "the same threads at any budget");
    common::score_and_check(&Loaded {
        threads: whole,
        ..Loaded::default()
    });
});
