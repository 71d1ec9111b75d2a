//! Fault injection for tests: a test names a marker, and loading or scoring any input whose
//! name contains it panics, which proves that a panic costs one input, never the batch (see
//! [`crate::pipeline`]). Nothing is injected unless a test asks; the check is one read of an
//! empty list per input.

use std::sync::RwLock;

/// Where an injected panic strikes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// While the input is read and parsed.
    Load,
    /// While one of its threads is scored.
    Score,
}

static MARKERS: RwLock<Vec<(Fault, String)>> = RwLock::new(Vec::new());

/// Makes every input whose name contains `marker` panic at `fault`. For tests only.
#[doc(hidden)]
pub fn inject_panic(fault: Fault, marker: &str) {
    if let Ok(mut markers) = MARKERS.write() {
        markers.push((fault, marker.to_string()));
    }
}

/// Panics when a test asked for a panic at `fault` on inputs named like `name`.
pub(crate) fn maybe_panic(fault: Fault, name: &str) {
    let hit = MARKERS.read().is_ok_and(|m| {
        m.iter()
            .any(|(f, s)| *f == fault && name.contains(s.as_str()))
    });
    if hit {
        panic!("injected {fault:?} panic on {name}");
    }
}
