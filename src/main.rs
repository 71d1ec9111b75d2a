//! The `threadscan` binary: parse flags, run, map the outcome to an exit code.

use std::process::ExitCode;

/// Scoring allocates many small strings (tokens, n-grams, findings); mimalloc handles that
/// pattern far better than the system allocator (measured in the README's benchmarks).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    threadscan::cli::main()
}
