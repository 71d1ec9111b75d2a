//! The HTML audit view: `index.html` (threads, worst first) and one page per thread with the
//! reply tree indented and every finding highlighted in place with its rule code and weight.
//!
//! It must be safe to open on hostile data: every piece of page text is escaped (comments
//! contain markup and script), the pages carry no JavaScript, and they make no network
//! request (no external links are followed: addresses are shown as text, styles are inline).

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context;

use crate::dynamics::measure;
use crate::model::{Comment, Thread};
use crate::score::{CommentScore, Finding, Flag, ThreadScore};

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222;background:#fff}\
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}\
th{background:#f3f3f3}td.n{text-align:right}td{overflow-wrap:anywhere}.wide{overflow-x:auto}.bad{color:#a00;font-weight:bold}\
.c{border-left:3px solid #ccc;padding:.2em .8em;margin:.6em 0}.c.flagged{border-left-color:#c33}\
.meta{color:#666;font-size:90%}.badge{display:inline-block;border-radius:3px;padding:0 .35em;margin-right:.3em;font-size:85%;background:#eee}\
.badge.on{background:#c33;color:#fff}blockquote{margin:.3em 0 .3em 1em;padding:.2em .6em;border-left:3px solid #99c;color:#555;background:#f6f6fb}\
mark{padding:0 .1em}mark.insult{background:#ffc9c9}mark.spam{background:#ffe3a3}mark.unsupported{background:#d4e4ff}\
mark.support{background:#d3f5d3}sup.code{font-size:70%;color:#555;margin-left:.15em}p.t{white-space:pre-wrap;margin:.3em 0}";

/// What the colours mean, on every page.
const LEGEND: &str = "<p class=\"meta\">Legend: <mark class=\"insult\">insult</mark> <mark class=\"spam\">spam</mark> <mark class=\"unsupported\">unsupported assertion</mark> <mark class=\"support\">support (what backs a claim)</mark> · marked words are findings that counted toward a flag; a comment's findings below threshold open under it · <span class=\"bad\">red numbers</span>: flagged comments · a red left edge: a flagged comment.</p>\n";

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A thread id as a file name, one to one: lower-case ASCII letters, digits and `-` stand
/// for themselves, every other byte is `_` and two hex digits (`a.b` → `a_2eb`, `a_b` →
/// `a_5fb`, `A` → `_41`), so distinct ids never share a page, even on a case-insensitive file
/// system. A name that would pass 200 bytes is cut and ends in a hash of the whole id.
pub fn page_name(thread_id: &str) -> String {
    use std::fmt::Write;
    let mut safe = String::with_capacity(thread_id.len());
    for b in thread_id.bytes() {
        if b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' {
            safe.push(char::from(b));
        } else {
            let _ = write!(safe, "_{b:02x}");
        }
    }
    if safe.len() > 200 {
        safe.truncate(180);
        safe.push('~');
        safe.push_str(&crate::ids::content_id(thread_id.as_bytes()));
    }
    format!("threads/{safe}.html")
}

/// Writes thread pages as threads come, and the index (which needs them all) at the end.
pub struct HtmlWriter {
    dir: std::path::PathBuf,
    index: Vec<IndexRow>,
}

/// What the index shows of a thread.
struct IndexRow {
    id: String,
    title: String,
    source: String,
    comments: usize,
    counts: [usize; 3],
    page_spam: usize,
    max_depth: Option<u32>,
    longest_exchange: usize,
    first_flag: Option<u32>,
    flagged: usize,
}

impl HtmlWriter {
    /// Creates `dir/threads/`.
    pub fn create(dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir.join("threads"))
            .with_context(|| format!("cannot create {}", dir.join("threads").display()))?;
        Ok(HtmlWriter {
            dir: dir.to_path_buf(),
            index: Vec::new(),
        })
    }

    /// Writes one thread's page.
    pub fn add(&mut self, thread: &Thread, score: &ThreadScore) -> anyhow::Result<()> {
        let path = self.dir.join(page_name(&thread.id));
        std::fs::write(&path, thread_page(thread, score))
            .with_context(|| format!("cannot write {}", path.display()))?;
        let d = measure(thread, score);
        let counts = Flag::ALL.map(|f| flagged_count(score, f));
        let flagged = score
            .comments
            .iter()
            .filter(|c| Flag::ALL.iter().any(|f| c.flagged(*f)))
            .count()
            + score.page.len();
        self.index.push(IndexRow {
            id: thread.id.clone(),
            title: thread
                .page
                .title
                .clone()
                .unwrap_or_else(|| thread.page.source.clone()),
            source: thread.page.source.clone(),
            comments: thread.comments.len(),
            counts,
            page_spam: score.page.len(),
            max_depth: thread.max_depth(),
            longest_exchange: d.longest_exchange,
            first_flag: d.first_flag.map(|(p, _)| p),
            flagged,
        });
        Ok(())
    }

    /// Writes `index.html`: threads worst first (most flagged comments, then the highest
    /// flagged share, then id).
    pub fn finish(mut self, errors: &[super::ErrorRow], ruleset: &str) -> anyhow::Result<()> {
        let share = |r: &IndexRow| r.flagged as f64 / r.comments.max(1) as f64;
        self.index.sort_by(|a, b| {
            b.flagged
                .cmp(&a.flagged)
                .then(share(b).total_cmp(&share(a)))
                .then(a.id.cmp(&b.id))
        });
        let path = self.dir.join("index.html");
        std::fs::write(&path, index_page(&self.index, errors, ruleset))
            .with_context(|| format!("cannot write {}", path.display()))
    }
}

fn document(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <title>{}</title><style>{STYLE}</style></head><body>\n{body}</body></html>\n",
        escape(title)
    )
}

fn flagged_count(score: &ThreadScore, flag: Flag) -> usize {
    score.comments.iter().filter(|c| c.flagged(flag)).count()
}

fn index_page(rows: &[IndexRow], errors: &[super::ErrorRow], ruleset: &str) -> String {
    let comments: usize = rows.iter().map(|r| r.comments).sum();
    let mut body = format!(
        "<h1>threadscan audit</h1>\n<p class=\"meta\">{} threads · {} comments · {} inputs failed · threadscan {} · rule set sha256 {}</p>\n",
        rows.len(),
        comments,
        errors.len(),
        env!("CARGO_PKG_VERSION"),
        escape(ruleset)
    );
    body.push_str(LEGEND);
    body.push_str("<div class=\"wide\"><table><tr><th>thread</th><th>comments</th><th>insult</th><th>spam</th><th>unsupported</th><th>page spam</th><th>max depth</th><th>longest exchange</th><th>first flag at</th></tr>\n");
    let cell = |n: usize| {
        if n > 0 {
            format!("<td class=\"n bad\">{n}</td>")
        } else {
            "<td class=\"n\">0</td>".to_string()
        }
    };
    for r in rows {
        let _ = writeln!(
            body,
            "<tr><td><a href=\"{}\">{}</a><div class=\"meta\">{}</div></td><td class=\"n\">{}</td>{}{}{}{}<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&page_name(&r.id)),
            escape(&r.title),
            escape(&r.source),
            r.comments,
            cell(r.counts[0]),
            cell(r.counts[1]),
            cell(r.counts[2]),
            cell(r.page_spam),
            r.max_depth.map_or("–".into(), |m| m.to_string()),
            r.longest_exchange,
            r.first_flag.map_or("–".into(), |p| format!("#{p}")),
        );
    }
    body.push_str("</table></div>\n");
    if !errors.is_empty() {
        body.push_str("<h2>Inputs that failed</h2>\n<table><tr><th>source</th><th>stage</th><th>message</th></tr>\n");
        for e in errors {
            let _ = writeln!(
                body,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&e.source),
                escape(&e.stage),
                escape(&e.message)
            );
        }
        body.push_str("</table>\n");
    }
    document("threadscan audit", &body)
}

/// One thread's audit page: the tree, each comment with its counted findings marked.
pub fn thread_page(thread: &Thread, score: &ThreadScore) -> String {
    let page = &thread.page;
    let title = page.title.clone().unwrap_or_else(|| page.source.clone());
    let mut body = format!(
        "<p><a href=\"../index.html\">← all threads</a></p>\n<h1>{}</h1>\n",
        escape(&title)
    );
    let _ = writeln!(
        body,
        "<p class=\"meta\">{} · {} · thread {} · {} comments{}{}</p>",
        escape(&page.source),
        escape(page.format.name()),
        escape(&thread.id),
        thread.comments.len(),
        page.url
            .as_deref()
            .map(|u| format!(" · {}", escape(u)))
            .unwrap_or_default(),
        page.published
            .as_deref()
            .map(|p| format!(" · published {}", escape(p)))
            .unwrap_or_default(),
    );
    for note in &page.notes {
        let _ = writeln!(body, "<p class=\"meta\">note: {}</p>", escape(note));
    }
    if !score.page.is_empty() {
        body.push_str("<h2>Page-level spam</h2>\n<ul>\n");
        for f in &score.page {
            let _ = writeln!(
                body,
                "<li><code>{}</code> {} {:.2}: {}</li>",
                f.code,
                escape(f.name),
                f.weight,
                escape(&f.value)
            );
        }
        body.push_str("</ul>\n");
    }
    body.push_str("<h2>Comments</h2>\n");
    body.push_str(LEGEND);
    for (comment, cs) in thread.comments.iter().zip(&score.comments) {
        body.push_str(&comment_block(comment, cs));
    }
    document(&title, &body)
}

fn comment_block(comment: &Comment, score: &CommentScore) -> String {
    let flagged = Flag::ALL.iter().any(|f| score.flagged(*f));
    let badges: String = Flag::ALL
        .iter()
        .map(|f| {
            if !score.scored(*f) {
                // Not scored in the comment's language (README, "Languages"): say so, not 0.
                let lang = score.language.code.unwrap_or("?");
                return format!(
                    "<span class=\"badge\">{} not scored ({})</span>",
                    f.name(),
                    escape(lang)
                );
            }
            // A flagged insult says whom it is aimed at, where the words tell.
            let target = match (*f, score.insult_target) {
                (Flag::Insult, Some(target)) if score.flagged(*f) => {
                    format!(" at {}", target.name())
                }
                _ => String::new(),
            };
            format!(
                "<span class=\"badge{}\">{} {:.2}{target}</span>",
                if score.flagged(*f) { " on" } else { "" },
                f.name(),
                score.score(*f)
            )
        })
        .collect();
    let quotes: String = comment
        .quotes
        .iter()
        .map(|q| {
            format!(
                "<blockquote><span class=\"meta\">quoting {}</span><br>{}</blockquote>",
                escape(q.author.as_deref().unwrap_or("someone")),
                escape(&q.text)
            )
        })
        .collect();
    // Counted findings are marked in the text; the others (below a threshold) only on
    // demand, in a closed <details> beside it (no script needed).
    let counted: Vec<Finding> = score
        .findings
        .iter()
        .filter(|f| score.counted(f))
        .cloned()
        .collect();
    let uncounted = score.findings.len() - counted.len();
    let others = if uncounted == 0 {
        String::new()
    } else {
        format!(
            "<details style=\"margin-left:{}em\"><summary class=\"meta\">{uncounted} finding{} below threshold</summary><p class=\"t\">{}</p></details>\n",
            comment.depth.min(30) * 2,
            if uncounted == 1 { "" } else { "s" },
            highlighted(&comment.text, &score.findings)
        )
    };
    format!(
        "<div class=\"c{}\" id=\"c-{}\" style=\"margin-left:{}em\"><div class=\"meta\"><b>{}</b> · {}{} · {}</div>{}<p class=\"t\">{}</p></div>\n",
        if flagged { " flagged" } else { "" },
        escape(&comment.id),
        comment.depth.min(30) * 2,
        escape(comment.author.as_deref().unwrap_or("(anonymous)")),
        escape(&comment.id),
        comment
            .timestamp
            .as_deref()
            .map(|t| format!(" · {}", escape(t)))
            .unwrap_or_default(),
        badges,
        quotes,
        highlighted(&comment.text, &counted),
    ) + &others
}

/// The text with every finding's span marked and labelled with its code and weight. Spans
/// that overlap are cut at every boundary, so each piece is marked once, with the flags of
/// all the findings that cover it (the first [`TITLE_FINDINGS`] named in its title).
///
/// One sweep over the boundaries in order keeps the findings that cover the current piece
/// in sets ordered by weight and by finding, so marking costs O(F log F) for F findings, not F² (a 1 MB
/// comment with thousands of findings took minutes).
pub fn highlighted(text: &str, findings: &[Finding]) -> String {
    let valid: Vec<&Finding> = findings
        .iter()
        .filter(|f| {
            f.span.start < f.span.end
                && f.span.end <= text.len()
                && text.is_char_boundary(f.span.start)
                && text.is_char_boundary(f.span.end)
        })
        .collect();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    cuts.extend(valid.iter().flat_map(|f| [f.span.start, f.span.end]));
    cuts.sort_unstable();
    cuts.dedup();
    let mut by_start: Vec<usize> = (0..valid.len()).collect();
    by_start.sort_by_key(|&i| valid[i].span.start);
    let mut by_end: Vec<usize> = (0..valid.len()).collect();
    by_end.sort_by_key(|&i| (valid[i].span.end, i));
    // Covering findings: by weight (the heaviest, the last of equals, gives the class) and
    // in finding order (for the title).
    let key = |i: usize| (OrderedWeight(valid[i].weight), i);
    let mut by_weight = std::collections::BTreeSet::new();
    let mut covering = std::collections::BTreeSet::new();
    let (mut next_start, mut next_end) = (0, 0);
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        while next_end < by_end.len() && valid[by_end[next_end]].span.end <= a {
            by_weight.remove(&key(by_end[next_end]));
            covering.remove(&by_end[next_end]);
            next_end += 1;
        }
        while next_start < by_start.len() && valid[by_start[next_start]].span.start <= a {
            let i = by_start[next_start];
            if valid[i].span.end > a {
                by_weight.insert(key(i));
                covering.insert(i);
            }
            next_start += 1;
        }
        let piece = escape(&text[a..b]);
        match by_weight.last() {
            None => out.push_str(&piece),
            Some(&(_, top)) => {
                let top = valid[top];
                let class = if top.weight < 0.0 {
                    "support"
                } else {
                    top.flag.name()
                };
                let mut title: Vec<String> = covering
                    .iter()
                    .take(TITLE_FINDINGS)
                    .map(|&i| {
                        let f = valid[i];
                        format!("{} {} {:+.2}", f.code, f.name, f.weight)
                    })
                    .collect();
                if covering.len() > TITLE_FINDINGS {
                    title.push(format!("{} more", covering.len() - TITLE_FINDINGS));
                }
                let _ = write!(
                    out,
                    "<mark class=\"{class}\" title=\"{}\">{piece}</mark>",
                    escape(&title.join("; "))
                );
            }
        }
        while next_end < by_end.len() && valid[by_end[next_end]].span.end == b {
            let f = valid[by_end[next_end]];
            let _ = write!(out, "<sup class=\"code\">{} {:+.2}</sup>", f.code, f.weight);
            by_weight.remove(&key(by_end[next_end]));
            covering.remove(&by_end[next_end]);
            next_end += 1;
        }
    }
    out
}

/// How many covering findings a highlighted piece's title names.
pub const TITLE_FINDINGS: usize = 8;

/// A weight ordered by `f32::total_cmp`, for the sweep's ordered set.
#[derive(Clone, Copy, PartialEq)]
struct OrderedWeight(f32);

impl Eq for OrderedWeight {}

impl PartialOrd for OrderedWeight {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for OrderedWeight {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped_and_spans_are_marked() {
        let text = "you idiot <script>alert(1)</script>";
        let f = Finding {
            code: "INS001",
            name: "second-person-insult",
            flag: Flag::Insult,
            span: 0..9,
            text: "you idiot".into(),
            weight: 0.85,
        };
        let html = highlighted(text, &[f]);
        assert!(html.starts_with("<mark class=\"insult\" title=\"INS001 second-person-insult +0.85\">you idiot</mark><sup class=\"code\">INS001 +0.85</sup>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<script"));
    }

    #[test]
    fn overlapping_and_bad_spans_are_safe() {
        let text = "ab€cd";
        let mk = |span: std::ops::Range<usize>, w: f32| Finding {
            code: "X",
            name: "x",
            flag: Flag::Spam,
            span,
            text: String::new(),
            weight: w,
        };
        let html = highlighted(
            text,
            &[mk(0..4, 0.5), mk(2..7, 0.7), mk(3..4, 0.1), mk(6..99, 0.2)],
        );
        assert!(html.contains("€"), "{html}");
        assert_eq!(page_name("hn-1/../x"), "threads/hn-1_2f_2e_2e_2fx.html");
        let names: std::collections::HashSet<String> =
            ["a.b", "a_b", "a/b", "A_b", "a_2eb"].map(page_name).into();
        assert_eq!(names.len(), 5);
        let long = page_name(&"x".repeat(1000));
        assert!(long.len() < 230 && long != page_name(&"x".repeat(1001)));
    }
}
