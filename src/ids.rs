//! Identifiers that stay the same from run to run.
//!
//! A thread from a platform export keeps the platform's id. A page without one is named by
//! its content (the first 16 hex digits of SHA-256), not by its path: the same page gets the
//! same id wherever it is stored and however the path was typed, which is what lets two
//! researchers' reports be joined.

use sha2::{Digest, Sha256};

/// First 16 hex digits of the SHA-256 of `bytes`.
pub fn content_id(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Full lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Makes thread ids unique within a run: the second thread with id `x` becomes `x-2`, and so
/// on, in report order (identical copies of a page are kept, not merged).
pub fn dedupe<'a>(ids: impl Iterator<Item = &'a mut String>) {
    let mut seen = std::collections::HashMap::new();
    for id in ids {
        let count = seen.entry(id.clone()).or_insert(0u32);
        *count += 1;
        if *count > 1 {
            *id = format!("{id}-{count}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_id_is_sha256_prefix() {
        assert_eq!(content_id(b"abc"), "ba7816bf8f01cfea");
    }

    #[test]
    fn dedupe_suffixes_repeats_in_order() {
        let mut ids = vec!["a".to_string(), "b".into(), "a".into(), "a".into()];
        dedupe(ids.iter_mut());
        assert_eq!(ids, vec!["a", "b", "a-2", "a-3"]);
    }
}
