//! The `insult_target` agreement tables of `threadscan eval`, alone (about 20 s):
//! `cargo run --release --example target_check`.
fn main() {
    let shipped = threadscan::score::learned::shipped_models();
    let models: Vec<_> = shipped.iter().collect();
    let tables = threadscan::eval::target_tables(
        std::path::Path::new("../shared/eval"),
        std::path::Path::new("../shared/train"),
        &models,
    )
    .expect("OLID and ToxiChat");
    for (set, table) in tables {
        for (gold, placed, n) in table.rows {
            let flagged: usize = placed.iter().sum();
            println!(
                "{set} | {gold} | {n} | flagged {flagged} | participant, group, third-party, empty {placed:?}"
            );
        }
    }
}
