//! Tuning aid: prints up to 60 texts of a labelled set that the scorer gets wrong.
//!
//! `cargo run --release --example misses -- "kaggle-insults" fn [train]` lists false
//! negatives (`fp` for false positives) of a set named as in `threadscan eval`, from its test
//! split or, with `train`, its training split. Tune on training splits, never on test splits.
use threadscan::eval::{load_all, measured};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (sets, _) = load_all(std::path::Path::new("../shared/eval"));
    let set = sets.iter().find(|s| s.name == args[1]).expect("set");
    let train = args.get(3).is_some_and(|a| a == "train");
    let data = if train { &set.train } else { &set.test };
    let want_fn = args[2] == "fn";
    let shipped = threadscan::score::learned::shipped_models();
    let models: Vec<_> = shipped.iter().filter(|m| m.flag == set.flag).collect();
    let mut n = 0;
    for (text, y) in data {
        let s = measured(set, text, &models);
        let wrong = if want_fn {
            *y && s < 0.5
        } else {
            !*y && s >= 0.5
        };
        if wrong && n < 60 {
            n += 1;
            println!("{s:.2} {:?}", text.chars().take(170).collect::<String>());
        }
    }
}
