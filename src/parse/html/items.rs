//! The set of comment elements on a page, and questions about where an element sits in it.

use rustc_hash::FxHashMap;

use ego_tree::NodeId;
use scraper::ElementRef;

/// Comment elements in document order, with a fast "which comment owns this node" lookup.
pub struct Items<'a> {
    /// Keyed by node ids, arena positions the page cannot choose: the fast non-keyed hash is
    /// safe, and every search asks it of every element (as for the other sets of node ids).
    index: FxHashMap<NodeId, usize>,
    _elements: std::marker::PhantomData<ElementRef<'a>>,
}

impl<'a> Items<'a> {
    /// Wraps comment elements (given in document order).
    pub fn new(elements: Vec<ElementRef<'a>>) -> Self {
        let index = elements
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id(), i))
            .collect();
        Items {
            index,
            _elements: std::marker::PhantomData,
        }
    }

    /// Counts each of `parts` (an element outside a comment element, such as its header
    /// sibling) as part of comment number `i` given with it.
    pub fn with_parts(mut self, parts: impl Iterator<Item = (ElementRef<'a>, usize)>) -> Self {
        for (el, i) in parts {
            self.index.entry(el.id()).or_insert(i);
        }
        self
    }

    /// Index of the nearest comment element strictly above `el`.
    pub fn enclosing(&self, el: &ElementRef<'a>) -> Option<usize> {
        el.ancestors()
            .find_map(|a| self.index.get(&a.id()).copied())
    }

    /// True when `el` is a comment element other than number `i`.
    pub fn is_other(&self, i: usize, el: &ElementRef<'a>) -> bool {
        self.index.get(&el.id()).is_some_and(|&j| j != i)
    }

    /// The node ids of all comment elements.
    pub fn ids(&self) -> rustc_hash::FxHashSet<NodeId> {
        self.index.keys().copied().collect()
    }
}
