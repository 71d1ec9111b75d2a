//! The scorer on arbitrary strings, alone and as a reply: every finding's span inside the
//! text on character boundaries, scores in [0, 1], and the highlighted text holds no markup
//! but the view's own.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use threadscan::model::{Comment, Format, Page, Thread};
use threadscan::pipeline::Loaded;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let (first, second) = text.split_at(
        text.char_indices()
            .nth(text.chars().count() / 2)
            .map_or(0, |(i, _)| i),
    );
    let comment = |position: u32, parent: Option<&str>, text: &str| Comment {
        id: format!("c{position}"),
        parent_id: parent.map(String::from),
        depth: u32::from(parent.is_some()),
        position,
        author: Some("a".into()),
        text: text.into(),
        ..Default::default()
    };
    let thread = Thread {
        id: "t".into(),
        page: Page::new("fuzz", Format::Text),
        comments: vec![
            comment(1, None, &text),
            comment(2, Some("c1"), second),
            comment(3, None, first),
        ],
    };
    let loaded = Loaded {
        threads: vec![thread],
        ..Loaded::default()
    };
    let scores = common::score_and_check(&loaded);
    let (thread, score) = (&loaded.threads[0], &scores[0]);
    for (c, s) in thread.comments.iter().zip(&score.comments) {
        common::check_audit_page(&threadscan::report::html::highlighted(&c.text, &s.findings));
    }
});
