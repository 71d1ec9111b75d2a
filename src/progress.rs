//! Progress on stderr for long runs, in two steps, each with its own time left: reading
//! (bytes of the total, comments read) and scoring (comments scored of those read). The time
//! left of a step is that step's only, and says so. Drawn only when stderr is a terminal and
//! `--quiet` is not given; otherwise every call is a no-op, so logs and pipes get nothing
//! extra. The bar is cleared at the end; the run's summary line stays.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The run's progress display.
pub struct Progress {
    bar: ProgressBar,
    comments: AtomicU64,
    scored: AtomicU64,
}

impl Progress {
    /// No display.
    pub fn hidden() -> Self {
        Progress {
            bar: ProgressBar::hidden(),
            comments: AtomicU64::new(0),
            scored: AtomicU64::new(0),
        }
    }

    /// A bar over `total_bytes` of input when stderr is a terminal and `quiet` is off.
    pub fn new(total_bytes: u64, quiet: bool) -> Self {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} step 1/2 reading {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left to read) {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Progress {
            bar,
            ..Progress::hidden()
        }
    }

    /// The bar, for readers to advance by the bytes they read.
    pub fn bar(&self) -> &ProgressBar {
        &self.bar
    }

    /// One more dump comment read.
    pub fn comment(&self) {
        let n = self.comments.fetch_add(1, Ordering::Relaxed) + 1;
        if n % 10_000 == 0 {
            self.bar.set_message(format!("{n} comments"));
        }
    }

    /// Reading is done; scoring starts, over `in_memory` comments of pages and exports plus
    /// the dump comments counted while reading.
    pub fn scoring(&self, in_memory: usize) {
        if self.bar.is_hidden() {
            return;
        }
        let total = in_memory as u64 + self.comments.load(Ordering::Relaxed);
        self.bar.set_style(
            ProgressStyle::with_template(
                "{spinner} step 2/2 scoring {pos}/{len} comments ({per_sec}, {eta} left)",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        self.bar.reset();
        self.bar.set_length(total.max(1));
        self.bar.set_position(0);
    }

    /// A batch of threads was scored.
    pub fn scored(&self, _threads: usize, comments: usize) {
        self.scored.fetch_add(comments as u64, Ordering::Relaxed);
        self.bar.inc(comments as u64);
    }

    /// Clears the display.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
