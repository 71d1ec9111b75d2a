//! Criterion micro-benchmarks of the hot paths: analysing and scoring a comment, parsing an
//! HTML page, grouping dump lines into threads. `cargo bench --bench hot_paths`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use threadscan::model::Comment;
use threadscan::score::learned::{Model, shipped_models};
use threadscan::score::{CommentContext, RunContext, score_comment, text};

const COMMENT: &str = "if the Russian people or anyone believes this bunch of bull sh**t ! then they are the stupidest creatures on the planet. It's hard to believe anyone would believe Putin, when there is overwhelming evidence that he supplied the troops and murdered his opposition. See https://www.example.org/x";

fn fixture(rel: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/pages")
            .join(rel),
    )
    .expect("fixture")
}

fn comment(text: &str) -> Comment {
    Comment {
        id: "c1".into(),
        parent_id: None,
        author: Some("a".into()),
        position: 1,
        text: text.into(),
        ..Default::default()
    }
}

fn hot_paths(c: &mut Criterion) {
    let shipped = shipped_models();
    let models: Vec<&Model> = shipped.iter().collect();
    let run = RunContext::default();
    let one = comment(COMMENT);
    c.bench_function("analyse comment", |b| {
        b.iter(|| text::analyse(black_box(COMMENT)))
    });
    c.bench_function("score comment (rules + model)", |b| {
        b.iter(|| {
            score_comment(
                &CommentContext::new(black_box(&one), Vec::new(), &run),
                &models,
            )
        })
    });
    let page = fixture("wordpress/netzpolitik.org.abmahnungen.html");
    c.bench_function("parse WordPress page (74 comments)", |b| {
        b.iter(|| threadscan::parse::html::parse("bench", black_box(&page)))
    });
    let ndjson = fixture("reddit-pushshift-ndjson/RC_sample.funny.3hahrw.ndjson");
    c.bench_function("group 476 dump lines into threads", |b| {
        b.iter(|| threadscan::parse::json::pushshift("bench", black_box(&ndjson)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = hot_paths
}
criterion_main!(benches);
