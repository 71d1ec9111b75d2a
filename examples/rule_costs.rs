//! Profiling aid: where scoring time goes, per stage and per rule, over the comment bodies of
//! a Pushshift NDJSON file. `cargo run --release --example rule_costs -- FILE.ndjson`
use std::time::{Duration, Instant};

use threadscan::model::Comment;
use threadscan::score::{CommentContext, RunContext, learned, rules, text};

fn main() {
    let path = std::env::args().nth(1).expect("ndjson file");
    let data = std::fs::read_to_string(path).expect("read");
    let bodies: Vec<String> = data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["body"].as_str().map(str::to_string))
        .collect();
    let run = RunContext::default();
    let comments: Vec<Comment> = bodies
        .iter()
        .enumerate()
        .map(|(i, b)| Comment {
            id: i.to_string(),
            text: b.clone(),
            ..Comment::default()
        })
        .collect();
    let time = |label: &str, f: &mut dyn FnMut()| {
        let start = Instant::now();
        f();
        let d = start.elapsed();
        println!(
            "{label:32} {:>8.1} ms  {:>6.2} µs/comment",
            d.as_secs_f64() * 1e3,
            d.as_secs_f64() * 1e6 / bodies.len() as f64
        );
        d
    };
    use threadscan::score::lexicon::{LEXICONS, PHRASES};
    let lowers: Vec<String> = bodies.iter().map(|b| b.to_lowercase()).collect();
    time("phrases, one scan per list", &mut || {
        for (b, l) in bodies.iter().zip(&lowers) {
            for list in LEXICONS.phrase_lists() {
                std::hint::black_box(list.find_lowered(l, b));
            }
        }
    });
    time("phrases, one scan", &mut || {
        for (b, l) in bodies.iter().zip(&lowers) {
            std::hint::black_box(PHRASES.find_all_lowered(l, b));
        }
    });
    time("analyse", &mut || {
        for b in &bodies {
            std::hint::black_box(text::analyse(b));
        }
    });
    time("links", &mut || {
        for b in &bodies {
            std::hint::black_box(threadscan::score::links::comment_links(b));
        }
    });
    time("to_lowercase", &mut || {
        for b in &bodies {
            std::hint::black_box(b.to_lowercase());
        }
    });
    time("run.add", &mut || {
        for b in &bodies {
            run.add(b);
        }
    });
    let ctxs: Vec<CommentContext<'_>> = comments
        .iter()
        .map(|c| CommentContext::new(c, Vec::new(), &run))
        .collect();
    let mut total = Duration::ZERO;
    for rule in rules::REGISTRY {
        total += time(rule.code, &mut || {
            for c in &ctxs {
                std::hint::black_box((rule.check)(c));
            }
        });
    }
    println!("all rules {:.1} ms", total.as_secs_f64() * 1e3);
    let m = learned::shipped(threadscan::score::Flag::Insult).expect("model");
    time("model findings", &mut || {
        for c in &ctxs {
            std::hint::black_box(m.findings(c.text, &c.analysed, &c.links));
        }
    });
}
