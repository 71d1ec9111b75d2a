//! Reply-tree repair: turns comments with claimed parent ids into a valid forest.
//!
//! Every parser hands its comments here instead of trusting its input, because scraped and
//! exported threads are routinely broken: parents deleted or cut off by pagination (orphans),
//! ids reused, comments that reply to themselves, and, in hand-edited or corrupted dumps,
//! parent chains that loop. Each repair keeps every comment and leaves a note, so nothing is
//! silently lost and the loop can never hang a run.

use std::collections::HashMap;

use crate::model::Comment;

/// Makes `comments` a valid forest and sets every `depth`; returns one note per repair.
///
/// Repairs, in this order: a duplicate id gets a `~N` suffix; a self-reply or a reply to a
/// missing parent becomes top level; a parent cycle is broken at its earliest comment, which
/// becomes top level.
///
/// Notes are kept to [`NOTES_PER_KIND`] of each kind, then one line counts the rest: a dump
/// with 50,000 duplicate ids gets a readable `notes` cell, not 2 MB of them.
pub fn repair(comments: &mut [Comment]) -> Vec<String> {
    let mut notes = Notes::default();
    dedupe_ids(comments, &mut notes);
    let index: HashMap<String, usize> = comments
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(comments.len());
    for comment in comments.iter_mut() {
        parents.push(resolve_parent(comment, &index, &mut notes));
    }
    for start in break_cycles(&mut parents) {
        let comment = &mut comments[start];
        notes.push("reply cycles broken", || {
            format!(
                "reply cycle through comment {} broken: it is now top level",
                comment.id
            )
        });
        comment.parent_id = None;
    }
    for (i, depth) in depths(&parents).into_iter().enumerate() {
        comments[i].depth = depth;
    }
    notes.finish()
}

/// Notes written in full per kind before the rest of that kind are only counted.
pub const NOTES_PER_KIND: usize = 20;

/// Repair notes, at most [`NOTES_PER_KIND`] of a kind in full.
#[derive(Default)]
struct Notes {
    lines: Vec<String>,
    /// Per kind, in the order first met: how many notes of it there were.
    counts: Vec<(&'static str, usize)>,
}

impl Notes {
    fn push(&mut self, kind: &'static str, note: impl FnOnce() -> String) {
        let count = match self.counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => n,
            None => {
                self.counts.push((kind, 0));
                &mut self.counts.last_mut().expect("just pushed").1
            }
        };
        *count += 1;
        if *count <= NOTES_PER_KIND {
            self.lines.push(note());
        }
    }

    fn finish(mut self) -> Vec<String> {
        for (kind, n) in self.counts {
            if n > NOTES_PER_KIND {
                let more = n - NOTES_PER_KIND;
                self.lines.push(format!("{more} more {kind} ({n} in all)"));
            }
        }
        self.lines
    }
}

/// Renames repeated ids (`7`, `7` → `7`, `7~2`) so each comment can be addressed; a name it
/// makes is never one the thread already uses (`7`, `7`, `7~2` → `7`, `7~3`, `7~2`).
fn dedupe_ids(comments: &mut [Comment], notes: &mut Notes) {
    let mut unique = crate::ids::UniqueIds::with_separator('~');
    // Every id as given is claimed first, so a made one cannot take a later one's name.
    let mut repeats = Vec::new();
    for (i, comment) in comments.iter().enumerate() {
        if !unique.take(&comment.id) {
            repeats.push(i);
        }
    }
    for i in repeats {
        let comment = &mut comments[i];
        let mut renamed = comment.id.clone();
        unique.claim(&mut renamed);
        notes.push("duplicate comment ids renamed", || {
            format!("duplicate comment id {} renamed {}", comment.id, renamed)
        });
        comment.id = renamed;
    }
}

/// The index of `comment`'s parent, clearing parent ids that cannot be followed.
fn resolve_parent(
    comment: &mut Comment,
    index: &HashMap<String, usize>,
    notes: &mut Notes,
) -> Option<usize> {
    let parent = comment.parent_id.as_deref()?;
    if parent == comment.id {
        notes.push("self-replies made top level", || {
            format!("comment {} replies to itself: now top level", comment.id)
        });
    } else if let Some(&i) = index.get(parent) {
        return Some(i);
    } else {
        notes.push("orphan comments attached at top level", || {
            format!(
                "orphan comment {}: parent {} not found, attached at top level",
                comment.id, parent
            )
        });
    }
    comment.parent_id = None;
    None
}

/// Cuts every cycle in the parent graph; returns the comments cut loose (one per cycle).
fn break_cycles(parents: &mut [Option<usize>]) -> Vec<usize> {
    const UNSEEN: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![UNSEEN; parents.len()];
    let mut cut = Vec::new();
    for start in 0..parents.len() {
        let mut path = Vec::new();
        let mut node = Some(start);
        while let Some(i) = node {
            match state[i] {
                DONE => break,
                ON_PATH => {
                    let cycle_start = path.iter().position(|&p| p == i).unwrap_or(0);
                    let earliest = path[cycle_start..].iter().copied().min().unwrap_or(i);
                    parents[earliest] = None;
                    cut.push(earliest);
                    break;
                }
                _ => {
                    state[i] = ON_PATH;
                    path.push(i);
                    node = parents[i];
                }
            }
        }
        for i in path {
            state[i] = DONE;
        }
    }
    cut.sort_unstable();
    cut
}

/// Depth of every node of an acyclic parent graph (roots are 0).
fn depths(parents: &[Option<usize>]) -> Vec<u32> {
    let mut depth: Vec<Option<u32>> = vec![None; parents.len()];
    for start in 0..parents.len() {
        let mut chain = Vec::new();
        let mut node = Some(start);
        let mut base = 0;
        while let Some(i) = node {
            if let Some(d) = depth[i] {
                base = d + 1;
                break;
            }
            chain.push(i);
            node = parents[i];
        }
        for (offset, &i) in chain.iter().rev().enumerate() {
            depth[i] = Some(base + offset as u32);
        }
    }
    depth.into_iter().map(|d| d.unwrap_or(0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: &str, parent: Option<&str>) -> Comment {
        Comment {
            id: id.into(),
            parent_id: parent.map(Into::into),
            author: None,
            position: 0,
            text: String::new(),
            ..Default::default()
        }
    }

    fn shape(comments: &[Comment]) -> Vec<(String, Option<String>, u32)> {
        comments
            .iter()
            .map(|c| (c.id.clone(), c.parent_id.clone(), c.depth))
            .collect()
    }

    #[test]
    fn depths_follow_parents_in_any_order() {
        let mut cs = vec![
            comment("c", Some("b")),
            comment("a", None),
            comment("b", Some("a")),
        ];
        assert!(repair(&mut cs).is_empty());
        assert_eq!(
            cs.iter().map(|c| c.depth).collect::<Vec<_>>(),
            vec![2, 0, 1]
        );
    }

    #[test]
    fn orphans_and_self_replies_become_top_level_with_a_note() {
        let mut cs = vec![comment("a", Some("gone")), comment("b", Some("b"))];
        let notes = repair(&mut cs);
        assert_eq!(notes.len(), 2);
        assert!(notes[0].contains("orphan comment a"));
        assert_eq!(
            shape(&cs),
            vec![("a".into(), None, 0), ("b".into(), None, 0)]
        );
    }

    #[test]
    fn cycles_are_broken_at_their_earliest_comment() {
        let mut cs = vec![
            comment("x", None),
            comment("a", Some("c")),
            comment("b", Some("a")),
            comment("c", Some("b")),
            comment("d", Some("c")),
        ];
        let notes = repair(&mut cs);
        assert_eq!(
            notes,
            vec!["reply cycle through comment a broken: it is now top level"]
        );
        let depths: Vec<u32> = cs.iter().map(|c| c.depth).collect();
        assert_eq!(depths, vec![0, 0, 1, 2, 3]);
    }

    #[test]
    fn made_ids_never_take_a_given_one_and_notes_are_bounded() {
        let mut cs = vec![comment("7", None), comment("7", None), comment("7~2", None)];
        repair(&mut cs);
        let ids: Vec<&str> = cs.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["7", "7~3", "7~2"]);
        let mut many: Vec<Comment> = (0..5000)
            .map(|i| comment("x", Some(&format!("gone{i}"))))
            .collect();
        let notes = repair(&mut many);
        assert_eq!(notes.len(), 2 * NOTES_PER_KIND + 2, "{notes:?}");
        assert!(
            notes
                .iter()
                .any(|n| n == "4980 more orphan comments attached at top level (5000 in all)")
        );
        let ids: std::collections::HashSet<&str> = many.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), 5000);
    }

    #[test]
    fn duplicate_ids_are_renamed_not_dropped() {
        let mut cs = vec![comment("a", None), comment("a", Some("a"))];
        let notes = repair(&mut cs);
        assert_eq!(cs[1].id, "a~2");
        assert_eq!(cs[1].depth, 1);
        assert_eq!(notes.len(), 1);
    }
}
