//! The whole path on arbitrary bytes, as `analyze` takes a file: decompress, unpack, decode,
//! detect, parse, score, write the reports and the audit view; then check the forest, the
//! spans, that every CSV cell is guarded and that the audit view has no foreign markup.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use threadscan::pipeline::load_bytes;
use threadscan::report::ReportOptions;
use threadscan::report::writer::ReportWriter;

fuzz_target!(|bytes: &[u8]| {
    let loaded = load_bytes("fuzz-input", bytes.to_vec(), &common::options());
    let scores = common::score_and_check(&loaded);
    for (thread, score) in loaded.threads.iter().zip(&scores) {
        common::check_audit_page(&threadscan::report::html::thread_page(thread, score));
    }
    let dir = std::env::temp_dir().join(format!("threadscan-fuzz-{}", std::process::id()));
    let mut writer =
        ReportWriter::create(&dir, ReportOptions::default()).expect("report files are created");
    writer
        .write(&loaded.threads, &scores)
        .expect("reports are written");
    let files = writer
        .finish(&loaded.errors, "fuzz")
        .expect("reports are finished");
    for file in files.iter().filter(|f| f.ends_with(".csv")) {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(dir.join(file))
            .expect("report opens");
        for record in reader.records() {
            let record = record.expect("every report row is valid CSV");
            for cell in record.iter() {
                assert!(!common::is_formula(cell), "{file}: formula cell {cell:?}");
            }
        }
    }
});
