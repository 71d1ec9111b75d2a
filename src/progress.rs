//! Progress on stderr for long runs: bytes read of the total, comments read, scoring rate,
//! time left. Drawn only when stderr is a terminal and `--quiet` is not given; otherwise
//! every call is a no-op, so logs and pipes get nothing extra.

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
                "{spinner} reading {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left) {msg}",
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

    /// Reading is done; scoring starts.
    pub fn scoring(&self) {
        if self.bar.is_hidden() {
            return;
        }
        self.bar.set_style(
            ProgressStyle::with_template("{spinner} scoring: {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        self.bar.set_message("starting");
    }

    /// A batch of threads was scored.
    pub fn scored(&self, threads: usize, comments: usize) {
        let total = self.scored.fetch_add(comments as u64, Ordering::Relaxed) + comments as u64;
        let secs = self.bar.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_message(format!(
            "{total} comments, {:.0} comments/s (last batch {threads} threads)",
            total as f64 / secs
        ));
    }

    /// Clears the display.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
