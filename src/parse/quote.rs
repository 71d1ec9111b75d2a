//! Quotes written as text: `X wrote: "…"`, `Quoting X: …`, and e-mail style `> …` lines.
//!
//! Commenters quote the comment they answer; if the quote stayed in their text, every insult
//! they quote would be blamed on them. So quotes are cut out of the comment's own words and kept
//! as [`Quote`]s, with the quoted author and, when it can be found, the quoted comment.

use std::collections::{HashMap, HashSet};

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Comment, Quote};

/// `Name wrote :"…`, `Name said: …`, `Quoting Name: …` at the start of a paragraph.
static ATTRIBUTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?is)^(?:(?:quote from|quoting|zitat von)\s+(?P<a1>[^\s:][^:\n]{{0,58}}?)|(?P<a2>[^\s:"“”][^:\n]{{0,58}}?)\s+(?:{}))\s*:\s*(?P<rest>.*)$"#,
        crate::parse::html::saying_verbs_pattern()
    ))
    .expect("quote pattern compiles")
});

/// A first line that says whom the comment answers: `(In reply to Ann Lee from comment #2)`
/// (Bugzilla), `Replying to ann:` (Trac), `In reply to Ann`, and the same in German, French,
/// Spanish, Italian, Portuguese, Dutch and Russian. The name ends before `from comment …`.
static REPLY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\(?\s*(?:in reply to|replying to|in response to|antwort auf|en réponse à|en respuesta a|in risposta a|em resposta a|als antwoord op|в ответ на|ответ на)\s+(?P<name>[^\n():\[\]]{1,60}?)(?:\s+(?:from|in|on|à|de|zu)\s+(?:comment|post|message|kommentar|beitrag|commentaire|comentario|commento)\b[^\n)]*)?\s*\)?\s*[:.]?$",
    )
    .expect("reply line pattern compiles")
});

/// Words that open what a reply line answers when it is no person: `In reply to your
/// question:`, `In response to the article`.
const NOT_A_NAME: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "your", "my", "his", "her", "their", "our",
    "its", "comment", "comments", "post", "question", "article", "all", "everyone",
];

/// The writer a comment's first line says it answers, and the text after that line: the line
/// is a header, not the commenter's words. `None` when the first line is no such line, names
/// no one (`In reply to your question:`) or is all the comment says.
pub fn reply_line(text: &str) -> Option<(String, &str)> {
    /// How the line may open (ASCII case aside): checked before the pattern runs.
    const OPENINGS: &[&str] = &[
        "in ",
        "replying",
        "antwort",
        "en r",
        "em r",
        "als ",
        "в ответ",
        "ответ",
    ];
    let text = text.trim_start();
    let start = text.trim_start_matches(['(', ' ']);
    let opens = OPENINGS.iter().any(|o| {
        start
            .get(..o.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(o))
    });
    if !opens {
        return None;
    }
    let (first, rest) = text.split_once('\n')?;
    if rest.trim().is_empty() {
        return None;
    }
    let name = REPLY_LINE
        .captures(first.trim())?
        .name("name")?
        .as_str()
        .trim();
    let opening = name.split_whitespace().next()?.to_lowercase();
    let named = looks_like_name(name)
        && !NOT_A_NAME.contains(&opening.as_str())
        && !name.starts_with(|c: char| c.is_ascii_digit() || c == '#' || c == '@');
    named.then(|| (name.to_string(), rest))
}

const OPENING_MARKS: &[char] = &['"', '“', '”', '„', '«', '»', '\''];

/// Splits a comment's text into the commenter's own words and the quotes it contains.
pub fn split_quotes(text: &str) -> (String, Vec<Quote>) {
    let mut own: Vec<String> = Vec::new();
    let mut quotes = Vec::new();
    // Code is never a quote: a paragraph in or around a Markdown code fence stays as written.
    let mut in_fence = false;
    for paragraph in paragraphs(text) {
        let fences = paragraph
            .lines()
            .filter(|l| l.trim_start().starts_with("```"))
            .count();
        if in_fence || fences > 0 {
            in_fence ^= fences % 2 == 1;
            own.push(paragraph);
            continue;
        }
        let (rest, found) = take_quotes(&paragraph);
        quotes.extend(found);
        if !rest.trim().is_empty() {
            own.push(rest.trim().to_string());
        }
    }
    (own.join("\n\n"), quotes)
}

/// Paragraphs: runs of non-blank lines.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect()
}

/// The part of `paragraph` that is the commenter's own, and the quotes taken out of it.
fn take_quotes(paragraph: &str) -> (String, Vec<Quote>) {
    if let Some((quote, rest)) = attributed_quote(paragraph) {
        return (rest, vec![quote]);
    }
    let lines: Vec<&str> = paragraph.lines().collect();
    // A `>>> ` line is a Python prompt in a pasted session, not a quote three deep; `>>12`
    // (and `>>>/board/12`) points at a post, as imageboards and Japanese boards write a
    // reply, and the words after it are the writer's own.
    let is_quoted = |line: &str| {
        let line = line.trim_start();
        let reference = line
            .strip_prefix(">>")
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()) || r.starts_with(">/"));
        line.starts_with('>') && !(line.starts_with(">>> ") || line == ">>>") && !reference
    };
    let Some(first_quoted) = lines.iter().position(|l| is_quoted(l)) else {
        return (paragraph.to_string(), Vec::new());
    };
    // The line just before the quoted lines may say who wrote them, as mail clients write it.
    let attribution = first_quoted
        .checked_sub(1)
        .and_then(|k| Some((k, mail_attribution(lines[k])?)));
    let text = lines
        .iter()
        .filter(|l| is_quoted(l))
        .map(|l| l.trim_start().trim_start_matches('>').trim())
        .collect::<Vec<_>>()
        .join("\n");
    let own: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|(k, l)| !is_quoted(l) && Some(*k) != attribution.as_ref().map(|a| a.0))
        .map(|(_, l)| *l)
        .collect();
    (
        own.join("\n"),
        vec![Quote {
            author: attribution.map(|(_, name)| name),
            text,
            comment_id: None,
        }],
    )
}

/// Verbs a mail client's attribution line ends with, colon included.
const MAIL_VERBS: &[&str] = &[
    " wrote:",
    " writes:",
    " schrieb:",
    " a écrit :",
    " a écrit:",
    " escribió:",
    " ha scritto:",
    " schreef:",
    " napisał:",
    " написал:",
    " написала:",
];

/// Words of a date and time before the name in an attribution line (`On Mon, Jun 3, 2024 at
/// 10:12 AM Ann Lee wrote:`, `Am 03.06.2024 um 10:12 schrieb Ann Lee:`).
const TIME_WORDS: &[&str] = &[
    "am", "pm", "a.m.", "p.m.", "at", "um", "à", "alle", "utc", "gmt",
];

/// The writer a mail client's attribution line names: `On Mon, Jun 3, 2024 at 10:12 AM Ann
/// Lee <ann@example.org> wrote:` → `Ann Lee`; also `Ann Lee <ann@example.org> wrote:` and
/// `Am 03.06.2024 um 10:12 schrieb Ann Lee:`. The name is the words after the date and time,
/// without the address; `None` when no name of one to four words is left.
fn mail_attribution(line: &str) -> Option<String> {
    let line = line.trim();
    // ASCII lowercasing keeps every byte offset, so positions found in `lower` hold in `line`.
    let lower = line.to_ascii_lowercase();
    // "… wrote:" after the name, or "schrieb Name:" (German clients put the verb first).
    let (head, verb_first) = match MAIL_VERBS.iter().find(|v| lower.ends_with(*v)) {
        Some(v) => (&line[..line.len() - v.len()], false),
        None => {
            let at = lower.find(" schrieb ")?;
            (line[at + " schrieb ".len()..].strip_suffix(':')?, true)
        }
    };
    // The address after the name, in angle brackets or parentheses.
    let head = head.trim();
    let head = match head.chars().last() {
        Some('>') => &head[..head.rfind('<')?],
        Some(')') if head.contains('@') => &head[..head.rfind('(')?],
        _ => head,
    };
    let words: Vec<&str> = head.split_whitespace().collect();
    let name: Vec<&str> = if verb_first {
        words
    } else {
        let mut name: Vec<&str> = words
            .iter()
            .rev()
            .take_while(|w| {
                !w.contains(|c: char| c.is_ascii_digit())
                    && !w.ends_with(',')
                    && !TIME_WORDS.contains(&w.to_lowercase().as_str())
            })
            .copied()
            .collect();
        name.reverse();
        // "On Monday Ann Lee wrote:": a weekday or "On" opens the line, not the name.
        let dated = words.len() > name.len() || lower.starts_with("on ");
        if !dated && !head.contains('@') && words.len() > 4 {
            return None;
        }
        name
    };
    let name = name.join(" ");
    let name = name.trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
    ((1..=4).contains(&name.split_whitespace().count()) && looks_like_name(name))
        .then(|| name.to_string())
}

/// `Name wrote: "quoted" own words` → the quote and the own words after its closing mark.
fn attributed_quote(paragraph: &str) -> Option<(Quote, String)> {
    let caps = ATTRIBUTED.captures(paragraph)?;
    let author = caps.name("a1").or(caps.name("a2"))?.as_str().trim();
    if !looks_like_name(author) {
        return None;
    }
    let rest = caps.name("rest")?.as_str().trim();
    let (quoted, own) = match rest.chars().next() {
        Some(open) if OPENING_MARKS.contains(&open) => {
            split_at_closing_mark(&rest[open.len_utf8()..])
        }
        _ => (rest, ""),
    };
    let quoted = quoted.trim();
    if quoted.is_empty() {
        return None;
    }
    let quote = Quote {
        author: Some(author.to_string()),
        text: quoted.to_string(),
        comment_id: None,
    };
    Some((quote, own.trim().to_string()))
}

/// Up to five words, no sentence break inside (initials like `J. Smith` are fine).
fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let sentence_break = words
        .iter()
        .any(|w| w.ends_with(['!', '?']) || (w.ends_with('.') && w.chars().count() > 2));
    (1..=5).contains(&words.len()) && !sentence_break
}

/// Splits after the first closing quote mark; the whole text is quoted when there is none.
fn split_at_closing_mark(text: &str) -> (&str, &str) {
    match text.find(['"', '”', '“', '»', '«']) {
        Some(end) => {
            let mark_len = text[end..].chars().next().map_or(1, char::len_utf8);
            (&text[..end], &text[end + mark_len..])
        }
        None => (text, ""),
    }
}

/// Links each quote to the earlier comment it comes from: the post the markup names, else the
/// earlier comment by the quoted author that contains the quoted words.
///
/// Earlier comments are indexed as the thread is walked (ids in a set, comments by author),
/// so a thread of 100,000 comments is not searched from the start for every quote; a quote is
/// looked for among its author's last [`QUOTE_LOOKBACK`] comments.
pub fn resolve_quote_sources(comments: &mut [Comment]) {
    let mut ids: HashSet<String> = HashSet::new();
    let mut by_author: HashMap<String, Vec<usize>> = HashMap::new();
    let mut normalised: Vec<Option<String>> = vec![None; comments.len()];
    for i in 0..comments.len() {
        let (earlier, rest) = comments.split_at_mut(i);
        for quote in &mut rest[0].quotes {
            // A post number from the markup counts only if that post is in this thread (a
            // forum page may quote a post from an earlier page).
            let stated = quote.comment_id.take().filter(|id| ids.contains(id));
            quote.comment_id =
                stated.or_else(|| quote_source(quote, earlier, &by_author, &mut normalised));
        }
        let comment = &rest[0];
        ids.insert(comment.id.clone());
        if let Some(author) = &comment.author {
            by_author.entry(author.to_lowercase()).or_default().push(i);
        }
    }
}

/// How many of an author's latest comments a quote of theirs is looked for in.
pub const QUOTE_LOOKBACK: usize = 256;

/// Longest author name (in bytes) a leading `@name` is matched against.
pub const MENTION_MAX_BYTES: usize = 128;

/// Sets `reply_to_author` from what the text says: a reply line (kept when the comment was
/// built), a leading `@name` (matched against earlier authors, so multi-word names work) or
/// the author of the first attributed quote.
///
/// Earlier authors are kept in a map by lower-case name; a mention is looked up at each word
/// end of its first [`MENTION_MAX_BYTES`] bytes, longest first, so the work per comment does
/// not grow with the thread.
pub fn resolve_reply_to_author(comments: &mut [Comment]) {
    let mut authors: HashMap<String, String> = HashMap::new();
    for comment in comments.iter_mut() {
        // A reply line (see [`reply_line`]) was read when the comment was built.
        comment.reply_to_author = comment
            .reply_to_author
            .take()
            .or_else(|| mentioned_author(&comment.text, &authors))
            .or_else(|| comment.quotes.iter().find_map(|q| q.author.clone()));
        if let Some(author) = &comment.author {
            authors.insert(author.to_lowercase(), author.clone());
        }
    }
}

/// The name after a leading `@`: the longest earlier author it starts with, else one word.
fn mentioned_author(text: &str, authors: &HashMap<String, String>) -> Option<String> {
    let rest = text.trim_start().strip_prefix('@')?;
    // Places where a name may end: before a character that is not alphanumeric, or the end.
    let mut ends: Vec<usize> = rest
        .char_indices()
        .take_while(|(i, _)| *i <= MENTION_MAX_BYTES)
        .filter(|(_, c)| !c.is_alphanumeric())
        .map(|(i, _)| i)
        .collect();
    if rest.len() <= MENTION_MAX_BYTES {
        ends.push(rest.len());
    }
    let known = ends
        .iter()
        .rev()
        .find_map(|&end| authors.get(&rest[..end].to_lowercase()));
    let word = || {
        let w: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
            .collect();
        let w = w.trim_end_matches('.').to_string();
        (!w.is_empty()).then_some(w)
    };
    known.cloned().or_else(word)
}

fn quote_source(
    quote: &Quote,
    earlier: &[Comment],
    by_author: &HashMap<String, Vec<usize>>,
    normalised: &mut [Option<String>],
) -> Option<String> {
    let author = quote.author.as_deref()?.to_lowercase();
    let needle: String = normalise(&quote.text).chars().take(60).collect();
    let needle = needle.trim();
    if needle.is_empty() {
        return None;
    }
    let theirs = by_author.get(&author)?;
    theirs
        .iter()
        .rev()
        .take(QUOTE_LOOKBACK)
        .find(|&&j| {
            normalised[j]
                .get_or_insert_with(|| normalise(&earlier[j].text))
                .contains(needle)
        })
        .map(|&j| earlier[j].id.clone())
}

/// Lower case, letters and digits only, single spaces: robust to ellipses and curly quotes.
fn normalise(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrote_colon_with_unclosed_quote_takes_the_paragraph() {
        let (own, quotes) =
            split_quotes("Ann Lee wrote :”this is bull sh**t…\n\n\nbut I disagree.");
        assert_eq!(own, "but I disagree.");
        assert_eq!(quotes[0].author.as_deref(), Some("Ann Lee"));
        assert_eq!(quotes[0].text, "this is bull sh**t…");
    }

    #[test]
    fn code_is_no_quote() {
        let text = "Faster:\n```python\n> x\n\n>>> timeit(f)\n8.4\n```\n\n> you said slow\nNo.";
        let (own, quotes) = split_quotes(text);
        assert_eq!(
            own,
            "Faster:\n```python\n> x\n\n>>> timeit(f)\n8.4\n```\n\nNo."
        );
        assert_eq!(quotes.len(), 1);
        assert_eq!(quotes[0].text, "you said slow");
        let (own, quotes) = split_quotes(">>> def foo(bar=None):\n...     return bar");
        assert!(quotes.is_empty());
        assert_eq!(own, ">>> def foo(bar=None):\n...     return bar");
        // A post reference (`>>12`, imageboards and Japanese boards) is the writer's own line.
        let (own, quotes) = split_quotes(">>1 行った。朝八時にはもう売り切れてたよ");
        assert!(quotes.is_empty());
        assert_eq!(own, ">>1 行った。朝八時にはもう売り切れてたよ");
    }

    #[test]
    fn closed_quote_leaves_the_rest_as_own_words() {
        let (own, quotes) = split_quotes("Bob said: \"you idiot\" - that was rude.");
        assert_eq!(quotes[0].text, "you idiot");
        assert_eq!(own, "- that was rude.");
    }

    #[test]
    fn reply_lines_name_the_writer_answered() {
        let read = |t: &str| reply_line(t).map(|(name, rest)| (name, rest.trim().to_string()));
        let answer = |n: &str| Some((n.to_string(), "Yes.".to_string()));
        assert_eq!(
            read("(In reply to Ann Lee from comment #2)\nYes."),
            answer("Ann Lee")
        );
        assert_eq!(read("Replying to bob:\nYes."), answer("bob"));
        assert_eq!(read("En réponse à Claire\nYes."), answer("Claire"));
        assert_eq!(
            read("Antwort auf Kalle zu Beitrag 4\nYes."),
            answer("Kalle")
        );
        // What is answered is no person, the line is the whole comment, or it says more.
        assert_eq!(read("In reply to your question:\nYes."), None);
        assert_eq!(read("In reply to comment 4:\nYes."), None);
        assert_eq!(read("In reply to Ann Lee"), None);
        assert_eq!(read("In reply to Ann, I think you are right.\nYes."), None);
    }

    #[test]
    fn a_reply_line_attributes_the_quote_under_it() {
        let raw = |text: &str| crate::parse::RawComment {
            author: Some("Ann".into()),
            text: text.into(),
            ..Default::default()
        };
        let comments = crate::parse::build_comments(
            vec![
                raw("The importer hangs."),
                raw("(In reply to Ann from comment #0)\n> The importer hangs.\n\nHere too."),
            ],
            &mut Vec::new(),
        );
        assert_eq!(comments[1].text, "Here too.");
        assert_eq!(comments[1].reply_to_author.as_deref(), Some("Ann"));
        assert_eq!(comments[1].quotes[0].author.as_deref(), Some("Ann"));
        assert_eq!(comments[1].quotes[0].comment_id.as_deref(), Some("c1"));
    }

    #[test]
    fn a_mail_clients_attribution_line_names_the_quoted_writer() {
        let (own, quotes) = split_quotes(
            "On Mon, Jun 3, 2024 at 12:40 PM Diego Ferraz <diego@ferraz.example> wrote:\n> Delete the folder\n\nThat worked.",
        );
        assert_eq!(own, "That worked.");
        assert_eq!(quotes[0].author.as_deref(), Some("Diego Ferraz"));
        assert_eq!(quotes[0].text, "Delete the folder");
        let name = |line: &str| mail_attribution(line);
        assert_eq!(
            name("Ann Lee <ann@example.org> wrote:").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(
            name("Am 03.06.2024 um 10:12 schrieb Ann Lee:").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(
            name("On 2024-06-03 10:12, Ann wrote:").as_deref(),
            Some("Ann")
        );
        // A sentence that ends in "wrote:" names no one.
        assert_eq!(name("This is what the minister of transport wrote:"), None);
        // Letters whose lower case is longer never shift where the name is cut.
        assert_eq!(name("İİİ Am 3.6. schrieb Ann:").as_deref(), Some("Ann"));
    }

    #[test]
    fn email_style_quote_lines() {
        let (own, quotes) = split_quotes("> first\n> second\nMy answer.");
        assert_eq!(quotes[0].text, "first\nsecond");
        assert_eq!(quotes[0].author, None);
        assert_eq!(own, "My answer.");
    }

    #[test]
    fn reply_to_author_from_mentions_and_quotes() {
        let make = |author: &str, text: &str| Comment {
            id: author.into(),
            parent_id: None,
            author: Some(author.into()),
            position: 1,
            text: text.into(),
            ..Default::default()
        };
        let mut comments = vec![
            make("Mary Ann", "hi"),
            make("b", "@Mary Ann, no."),
            make("c", "@zed_9: yes"),
            make("d", "email me@example.org"),
        ];
        resolve_reply_to_author(&mut comments);
        let got: Vec<Option<&str>> = comments
            .iter()
            .map(|c| c.reply_to_author.as_deref())
            .collect();
        assert_eq!(got, vec![None, Some("Mary Ann"), Some("zed_9"), None]);
    }

    #[test]
    fn sentences_that_mention_writing_are_not_quotes() {
        let text = "The paper wrote about it. Nobody said: anything.";
        let (own, quotes) = split_quotes(text);
        assert!(quotes.is_empty(), "{quotes:?}");
        assert_eq!(own, text);
    }
}
