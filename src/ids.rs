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

/// Hands out thread ids unique within a run, by construction: an id already handed out gets
/// `-2`, `-3`, … until the result is free too, and every id handed out (given or made) is
/// remembered, so a made `1-2` never meets a later given `1-2` (WXR posts `1`, `1`, `1-2`
/// become `1`, `1-2`, `1-2-2`). In report order, so the same input gives the same ids.
///
/// Ids are remembered by a 64-bit hash (16 bytes a thread in the set): a dump of millions of
/// threads stays small. Two ids with one hash would only cost a needless suffix, never a
/// duplicate.
#[derive(Debug)]
pub struct UniqueIds {
    taken: std::collections::HashSet<u64>,
    /// Per repeated id (by hash), the next suffix to try: 50,000 copies of one id cost
    /// 50,000 tries, not 50,000² / 2.
    next_suffix: std::collections::HashMap<u64, u64>,
    separator: char,
}

impl Default for UniqueIds {
    fn default() -> Self {
        UniqueIds::with_separator('-')
    }
}

impl UniqueIds {
    /// Suffixes made with `separator` (`-` for threads, `~` for comments within a thread).
    pub fn with_separator(separator: char) -> Self {
        UniqueIds {
            taken: std::collections::HashSet::new(),
            next_suffix: std::collections::HashMap::new(),
            separator,
        }
    }

    /// Claims `id` as it is; false when it was already taken (it is left for [`Self::claim`]).
    pub fn take(&mut self, id: &str) -> bool {
        self.taken.insert(hash(id))
    }

    /// Makes `id` unique among the ids claimed so far, and claims it; true when it had to be
    /// changed.
    pub fn claim(&mut self, id: &mut String) -> bool {
        let base_hash = hash(id);
        if self.taken.insert(base_hash) {
            return false;
        }
        let next = self.next_suffix.entry(base_hash).or_insert(2);
        loop {
            let candidate = format!("{id}{}{next}", self.separator);
            *next += 1;
            if self.taken.insert(hash(&candidate)) {
                *id = candidate;
                return true;
            }
        }
    }
}

fn hash(id: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_id_is_sha256_prefix() {
        assert_eq!(content_id(b"abc"), "ba7816bf8f01cfea");
    }

    #[test]
    fn repeats_get_suffixes_in_order_and_made_ids_are_remembered() {
        let mut ids: Vec<String> = ["a", "b", "a", "a", "1", "1", "1-2", "a-2"]
            .map(String::from)
            .to_vec();
        let mut unique = UniqueIds::default();
        ids.iter_mut().for_each(|id| {
            unique.claim(id);
        });
        assert_eq!(ids, ["a", "b", "a-2", "a-3", "1", "1-2", "1-2-2", "a-2-2"]);
    }
}
