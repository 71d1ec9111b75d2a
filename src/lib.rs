//! threadscan audits reader-comment threads: it rebuilds each page's reply tree, flags
//! comments, and writes per-thread CSV reports.
//!
//! The pipeline has three stages, one module each, and data flows one way:
//!
//! 1. [`parse`], the thread parser: a decoded input → [`model::Thread`]s (page metadata and a
//!    repaired reply tree of [`model::Comment`]s);
//! 2. [`score`], the scorer: comments (with their thread and the run's campaign counts) →
//!    findings and scores;
//! 3. [`report`], the reporter: threads and scores → report rows and files.
//!
//! [`input`] finds and decodes sources, [`pipeline`] runs the stages over a batch in parallel
//! with deterministic output, and [`cli`] is the command line on top. The Python package
//! (`python/`) calls the same functions: [`cli::run_argv`] for a whole run, and per thread
//! [`parse::records`], [`score::score_thread`] and the report rows; a run split across
//! machines counts campaign keys with [`score::thread_campaign_keys`] or
//! [`score::text_campaign_keys`] and merges [`score::RunContext`]s.
//!
//! ```
//! let page = "A headline in a few words\n\nArticle text.\n\n• Ann\n\n  First!\n\n  • Bob\n\n    Reply.\n";
//! let threads = threadscan::parse::parse("page.txt", page, &Default::default()).unwrap();
//! let comments = &threads[0].comments;
//! assert_eq!(comments[1].parent_id.as_deref(), Some("c1"));
//! assert_eq!(comments[1].depth, 1);
//! ```

#![deny(missing_docs)]

pub mod cli;
pub mod dynamics;
pub mod error;
pub mod eval;
pub mod ids;
pub mod input;
pub mod links;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod progress;
pub mod report;
pub mod score;
pub mod spill;
pub mod testing;
pub mod tree;
pub mod tree_check;
