//! Pushshift-style NDJSON dumps, the parse stage: one Reddit comment per line, a thread's
//! comments scattered over the file (or over several files), grouped into threads here.
//!
//! Lines are grouped by `link_id` into threads. To keep memory bounded whatever the dump's
//! size, every thread is assigned to one of [`BUCKETS`] buckets by a hash of its `link_id`;
//! the streaming path of `analyze` ([`crate::pipeline`]) spills lines to files that each hold a
//! contiguous range of buckets when a run outgrows its memory budget, and processes them one
//! range at a time (see [`crate::spill`]). Threads are reported in bucket order, then by id:
//! an order that does not depend on the budget, the number of files spilled, or the number of
//! worker threads. Data flows one way: the pipeline and the spill call this module, and the
//! whole-file JSON reader ([`super::json`]) reads dump files through it too.

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::Value;

use super::json::{
    DumpRecord, pushshift_record, reddit_comment_from, reddit_page, submission_from,
};
use super::{RawComment, build_comments};
use crate::model::{Format, Thread};

/// Fixed number of hash buckets threads are ordered and spilled by.
pub const BUCKETS: u32 = 1 << 16;

/// One line of a dump and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DumpLine {
    /// Index of the source in the run.
    pub source: u32,
    /// 1-based line number in the source.
    pub line: u64,
    /// The thread it belongs to (`link_id` without `t3_`).
    pub link: String,
    /// The line itself.
    pub json: String,
}

impl DumpLine {
    /// The bucket of the line's thread.
    pub fn bucket(&self) -> u32 {
        bucket_of(&self.link)
    }
}

/// FNV-1a of the link id, reduced to a bucket.
pub fn bucket_of(link: &str) -> u32 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in link.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (hash % u64::from(BUCKETS)) as u32
}

/// What the reading pass needs of a dump line: its thread and its text (counted for campaigns
/// before any thread is scored).
#[derive(Debug, PartialEq, Eq)]
pub struct LineHead {
    /// `link_id` without `t3_`; empty when missing or not a string.
    pub link: String,
    /// `body` with Reddit's HTML escapes undone; empty when missing or not a string.
    pub body: String,
}

/// Reads a line's [`LineHead`], or `None` when the line is not a JSON object.
///
/// Only the two fields are built; the others are checked for syntax and skipped, a fraction
/// of the cost of a `Value` tree. A line the typed read refuses (a key given twice) is read as
/// a `Value`, as before, so such lines keep their last value. The streaming and whole-file
/// paths both read lines here, so they accept the same lines.
pub fn line_head(json: &str) -> Option<LineHead> {
    #[derive(Deserialize)]
    struct Fields {
        link_id: Option<Value>,
        body: Option<Value>,
        id: Option<Value>,
        title: Option<serde::de::IgnoredAny>,
    }
    let typed = json
        .trim_start()
        .starts_with('{')
        .then(|| serde_json::from_str::<Fields>(json).ok())
        .flatten();
    let (link, body, id, titled) = match typed {
        Some(f) => (f.link_id, f.body, f.id, f.title.is_some()),
        None => match serde_json::from_str::<Value>(json).ok()? {
            Value::Object(mut map) => (
                map.remove("link_id"),
                map.remove("body"),
                map.remove("id"),
                map.contains_key("title"),
            ),
            _ => return None,
        },
    };
    let text = |v: Option<Value>| match v {
        Some(Value::String(s)) => s,
        _ => String::new(),
    };
    // A submission (Arctic Shift `RS_*` dumps) has no `link_id`: it is the page of the thread
    // its own id names.
    if link.is_none() && titled {
        return Some(LineHead {
            link: text(id),
            body: String::new(),
        });
    }
    Some(LineHead {
        link: text(link).trim_start_matches("t3_").to_string(),
        body: crate::parse::json::unescape(&text(body)),
    })
}

/// True when `head` (the start of a decompressed input) is a Pushshift-style NDJSON dump (see
/// [`crate::parse::json::is_pushshift_head`]).
pub fn looks_like_dump(head: &[u8]) -> bool {
    crate::parse::json::is_pushshift_head(head)
}

/// Builds the threads of a set of lines: grouped by link, comments in (source, line) order,
/// threads in (bucket, id) order. `source_names` names the sources by index. Stack Exchange
/// rows (links `se:…`, see [`super::stackexchange`]) share the spill and become their threads.
pub fn threads_from(mut lines: Vec<DumpLine>, source_names: &[String]) -> Vec<Thread> {
    // (source, line) is unique, so an unstable sort gives the one order; in parallel, as the
    // rest of the batch waits for it.
    let mut keyed: Vec<(u32, DumpLine)> = lines.drain(..).map(|l| (l.bucket(), l)).collect();
    keyed.par_sort_unstable_by(|(a_bucket, a), (b_bucket, b)| {
        (a_bucket, &a.link, a.source, a.line).cmp(&(b_bucket, &b.link, b.source, b.line))
    });
    // Sorted, so a thread's lines are consecutive.
    let mut groups: Vec<Vec<DumpLine>> = Vec::new();
    for (_, line) in keyed {
        match groups.last_mut() {
            Some(group) if group[0].link == line.link => group.push(line),
            _ => groups.push(vec![line]),
        }
    }
    // Parsing the lines and building the trees is the costly part: spread it over the cores.
    groups
        .into_par_iter()
        .map(|lines| {
            if lines[0].link.starts_with("se:") {
                // The thread comes from the file of its question (Posts.xml), when it has one.
                let first = lines
                    .iter()
                    .find(|l| super::stackexchange::is_question(&l.json))
                    .unwrap_or(&lines[0]);
                let source = source_names
                    .get(first.source as usize)
                    .map_or("", String::as_str);
                let rows: Vec<&str> = lines.iter().map(|l| l.json.as_str()).collect();
                super::stackexchange::thread(&lines[0].link, &rows, source)
            } else {
                thread(&lines[0].link, &lines, source_names)
            }
        })
        .collect()
}

/// The threads of dump lines gathered elsewhere, each with the name of its file and its
/// 1-based line number: a distributed job groups lines by their [`line_head`] link and hands
/// each group here. Files are ordered by name, so the threads equal those the streaming path
/// builds from the same files read in name order.
pub fn threads_of_lines(lines: Vec<(String, u64, String)>) -> Vec<Thread> {
    let mut names: Vec<String> = lines.iter().map(|(name, _, _)| name.clone()).collect();
    names.sort_unstable();
    names.dedup();
    let dump_lines = lines
        .into_iter()
        .filter_map(|(name, line, json)| {
            let head = line_head(&json)?;
            let source = names.binary_search(&name).unwrap_or(0) as u32;
            Some(DumpLine {
                source,
                line,
                link: head.link,
                json,
            })
        })
        .collect();
    threads_from(dump_lines, &names)
}

fn thread(link: &str, lines: &[DumpLine], source_names: &[String]) -> Thread {
    let first = &lines[0];
    let source = source_names
        .get(first.source as usize)
        .cloned()
        .unwrap_or_default();
    let mut page = reddit_page(&source, link);
    page.format = Format::PushshiftNdjson;
    let mut raw: Vec<RawComment> = Vec::with_capacity(lines.len());
    let mut sources: Vec<u32> = Vec::new();
    for line in lines {
        match pushshift_record(&line.json) {
            Some(DumpRecord::Comment(comment, title)) => {
                if page.title.is_none() {
                    page.title = title;
                }
                raw.push(comment);
            }
            Some(DumpRecord::Submission(submission)) => submission.fill(&mut page),
            None => match serde_json::from_str::<serde_json::Value>(&line.json) {
                Ok(value) if value.get("link_id").is_none() && value.get("title").is_some() => {
                    submission_from(&value).fill(&mut page);
                }
                Ok(value) => {
                    if page.title.is_none() {
                        page.title = value
                            .get("link_title")
                            .and_then(|t| t.as_str())
                            .map(String::from);
                    }
                    raw.push(reddit_comment_from(&value));
                }
                Err(_) => continue,
            },
        }
        if !sources.contains(&line.source) {
            sources.push(line.source);
        }
    }
    if sources.len() > 1 {
        page.notes.push(format!(
            "comments gathered from {} input files",
            sources.len()
        ));
    }
    let comments = build_comments(raw, &mut page.notes);
    Thread {
        id: format!("reddit-{link}"),
        page,
        comments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(source: u32, line: u64, id: &str, parent: &str, link: &str) -> DumpLine {
        let json = format!(
            r#"{{"id":"{id}","parent_id":"{parent}","link_id":"t3_{link}","author":"a","body":"b"}}"#
        );
        DumpLine {
            source,
            line,
            link: line_head(&json).unwrap().link,
            json,
        }
    }

    #[test]
    fn threads_span_files_and_keep_line_order() {
        let lines = vec![
            line(1, 1, "c", "t1_a", "x"),
            line(0, 2, "b", "t3_y", "y"),
            line(0, 1, "a", "t3_x", "x"),
        ];
        let names = vec!["one.ndjson".to_string(), "two.ndjson".to_string()];
        let threads = threads_from(lines, &names);
        let x = threads.iter().find(|t| t.id == "reddit-x").unwrap();
        assert_eq!(
            x.comments.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            vec!["a", "c"]
        );
        assert_eq!(x.comments[1].depth, 1);
        assert_eq!(x.page.source, "one.ndjson");
        assert!(x.page.notes[0].contains("2 input files"));
    }

    #[test]
    fn lines_gathered_elsewhere_give_the_same_threads() {
        let names = vec!["one.ndjson".to_string(), "two.ndjson".to_string()];
        let lines = vec![
            line(1, 1, "c", "t1_a", "x"),
            line(0, 2, "b", "t3_y", "y"),
            line(0, 1, "a", "t3_x", "x"),
        ];
        let want = threads_from(lines.clone(), &names);
        // As a distributed job hands them over: any order, files by name; a line that is not
        // a JSON object is left out, as the streaming path leaves it out.
        let mut gathered: Vec<(String, u64, String)> = lines
            .into_iter()
            .rev()
            .map(|l| (names[l.source as usize].clone(), l.line, l.json))
            .collect();
        gathered.push(("two.ndjson".into(), 9, "not json".into()));
        assert_eq!(threads_of_lines(gathered), want);
    }

    #[test]
    fn line_heads_read_link_and_body_or_refuse_non_objects() {
        let head = |json: &str| line_head(json).map(|h| (h.link, h.body));
        let pair = |l: &str, b: &str| Some((l.to_string(), b.to_string()));
        assert_eq!(
            head(r#"{"link_id":"t3_x","body":"a &amp; b","n":[1,{"z":null}]}"#),
            pair("x", "a & b")
        );
        // A key given twice keeps its last value, as a JSON object read whole does.
        assert_eq!(
            head(r#"{"link_id":"t3_x","link_id":"t3_y","body":"b"}"#),
            pair("y", "b")
        );
        assert_eq!(head(r#"{"link_id":7,"body":null}"#), pair("", ""));
        assert_eq!(head(r#"  {"body":"only"}"#), pair("", "only"));
        assert_eq!(head(r#"["t3_x","body"]"#), None);
        assert_eq!(head(r#""t3_x""#), None);
        assert_eq!(head(r#"{"link_id":"t3_x""#), None);
        assert_eq!(head("not json"), None);
    }

    #[test]
    fn dump_detection() {
        assert!(looks_like_dump(
            b"{\"id\":\"a\",\"link_id\":\"t3_x\"}\n{\"id\":\"b\"}\n"
        ));
        // One line, or a broken second line, is still a dump.
        assert!(looks_like_dump(b"{\"id\":\"a\",\"link_id\":\"t3_x\"}"));
        assert!(looks_like_dump(
            b"{\"id\":\"a\",\"link_id\":\"t3_x\"}\n{broken\n"
        ));
        assert!(!looks_like_dump(b"{\"post_stream\":{}}"));
        assert!(!looks_like_dump(b"{\n\"link_id\": \"t3_x\"}"));
        assert!(!looks_like_dump(b"<html>"));
    }
}
