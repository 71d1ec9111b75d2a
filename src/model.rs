//! The data model every stage shares: a [`Page`] with one or more [`Thread`]s of [`Comment`]s.
//!
//! It mirrors ConvoKit's corpus model so researchers recognise it: a comment is an *utterance*
//! (`id`, `author` = speaker, `parent_id` = reply-to, `timestamp`, `text`) and a thread is a
//! *conversation*. What ConvoKit lacks and auditors need is kept apart explicitly: the words a
//! commenter quotes from someone else ([`Quote`]) are never part of [`Comment::text`], so no
//! later stage can blame the quoter for them.

use serde::Serialize;

/// The input format a page was parsed from; detected from content, or forced by `--input-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A plain-text rendering of a web page: article, then a bulleted, indented comment thread.
    Text,
    /// An HTML page (any comment system; see `comment_system`).
    Html,
    /// A WARC archive (`.warc`, `.warc.gz`): each HTML response record is a page.
    Warc,
    /// Pushshift-style NDJSON: one Reddit comment per line.
    PushshiftNdjson,
    /// A Reddit API comment listing (`/comments/ID.json`).
    RedditJson,
    /// Hacker News API items (one item, or an array of items).
    HnJson,
    /// A Discourse topic's `posts.json`.
    DiscourseJson,
    /// A video's `.info.json` with comments, written by `yt-dlp --write-comments`.
    YtDlpJson,
    /// A Hacker News item from the Algolia API (`/api/v1/items/ID`), comments nested.
    HnAlgoliaJson,
    /// A Lemmy comment list (`/api/v3/comment/list`), optionally with its post view.
    LemmyJson,
    /// A Mastodon status context (`/api/v1/statuses/ID/context`).
    MastodonJson,
    /// A Stack Exchange data dump's `Posts.xml` or `Comments.xml`, streamed.
    StackExchangeXml,
    /// A Disqus XML export.
    DisqusXml,
    /// A WordPress WXR export.
    Wxr,
    /// Comments a program handed over as records (the Python package's `score_thread`), not
    /// read from a file; never detected, and not an `--input-format`.
    #[value(skip)]
    Records,
}

impl Format {
    /// The format of a stable name (as `--input-format` takes it), if one has that name.
    pub fn from_name(name: &str) -> Option<Format> {
        <Format as clap::ValueEnum>::value_variants()
            .iter()
            .copied()
            .find(|f| f.name() == name)
    }

    /// The stable name written in reports (`threads.csv` column `format`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Warc => "warc",
            Format::PushshiftNdjson => "pushshift-ndjson",
            Format::RedditJson => "reddit-json",
            Format::HnJson => "hn-json",
            Format::DiscourseJson => "discourse-json",
            Format::YtDlpJson => "yt-dlp-json",
            Format::HnAlgoliaJson => "hn-algolia-json",
            Format::LemmyJson => "lemmy-json",
            Format::MastodonJson => "mastodon-json",
            Format::StackExchangeXml => "stack-exchange-xml",
            Format::DisqusXml => "disqus-xml",
            Format::Wxr => "wxr",
            Format::Records => "records",
        }
    }
}

/// Whether a page carries a comment section, as far as its saved content shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommentSection {
    /// A comment section is present (possibly empty); `declared` is the count the page itself
    /// states ("12 Comments"), which may differ from what was saved.
    Found {
        /// The count the page announces, when it announces one.
        declared: Option<u64>,
    },
    /// No trace of a comment section.
    Absent,
    /// A comment widget that loads by script (Disqus, Viafoura, …): the saved page has no
    /// comments even though the article has them.
    Widget {
        /// The widget's name.
        name: String,
    },
}

impl CommentSection {
    /// The stable name written in reports (`threads.csv` column `comment_section`).
    pub fn name(&self) -> &'static str {
        match self {
            CommentSection::Found { .. } => "found",
            CommentSection::Absent => "absent",
            CommentSection::Widget { .. } => "widget",
        }
    }

    /// The count the page itself announces, if any.
    pub fn declared(&self) -> Option<u64> {
        match self {
            CommentSection::Found { declared } => *declared,
            _ => None,
        }
    }
}

/// What kind of contact point a [`PageLink`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    /// A web address, with or without scheme.
    Url,
    /// An e-mail address.
    Email,
    /// A phone number (at least 9 digits), often offered for WhatsApp or Telegram contact.
    Phone,
}

/// Where on the page, outside the comments, a link was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    /// Inside the article text.
    Article,
    /// In page chrome: mastheads, share prompts, promo lines, related-story lists, footers.
    Chrome,
}

/// A link or contact found on the page outside the comments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageLink {
    /// URL, e-mail or phone.
    pub kind: LinkKind,
    /// The link as written on the page.
    pub value: String,
    /// Article or chrome.
    pub region: Region,
    /// The text around it: the line of a text rendering, the anchor text of an HTML link.
    /// Shared by the links of one line: a line with 8,000 links is held once, not 8,000 times.
    pub context: std::sync::Arc<str>,
}

/// One saved web page (or one thread of an export), with its article metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The input it came from, as the user named it (a path, or `-` for stdin).
    pub source: String,
    /// The format it was parsed as.
    pub format: Format,
    /// The page's address, when the input states it.
    pub url: Option<String>,
    /// The site's host name, when the URL is known.
    pub site: Option<String>,
    /// The article's headline.
    pub title: Option<String>,
    /// Publication date, ISO 8601 (`2017-09-29` or `2017-09-29T12:55`), when the page states one.
    pub published: Option<String>,
    /// The article's author, when stated.
    pub author: Option<String>,
    /// The article's own text, page chrome removed, one paragraph per line.
    pub article_text: String,
    /// Links and contacts found outside the comments.
    pub links: Vec<PageLink>,
    /// Whether the page has a comment section.
    pub comment_section: CommentSection,
    /// The comment system the comments came from (`wordpress`, `hackernews`, …), when known.
    pub comment_system: Option<String>,
    /// Replies the input itself says were left out ("load more" stubs), when it says.
    pub missing_comments: Option<u64>,
    /// Things the parser wants the user to know (repaired structure, skipped content).
    pub notes: Vec<String>,
}

impl Page {
    /// An empty page from `source`, to be filled in by a parser.
    pub fn new(source: impl Into<String>, format: Format) -> Self {
        Page {
            source: source.into(),
            format,
            url: None,
            site: None,
            title: None,
            published: None,
            author: None,
            article_text: String::new(),
            links: Vec::new(),
            comment_section: CommentSection::Absent,
            comment_system: None,
            missing_comments: None,
            notes: Vec::new(),
        }
    }
}

/// Text a commenter quotes from someone else, kept apart from their own words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// Whom the quote is attributed to ("X wrote:"), when the comment says.
    pub author: Option<String>,
    /// The quoted words.
    pub text: String,
    /// The earlier comment in the same thread the quote was taken from, when it can be found.
    pub comment_id: Option<String>,
}

/// A link set on a comment's words (`<a href="…">words</a>` in HTML and in exports that keep
/// HTML): where it points and the words it is set on. Addresses written out in the text stay
/// in the text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BodyLink {
    /// The address, absolute `http(s)`.
    pub url: String,
    /// The words the link is set on (its anchor text).
    pub words: String,
}

/// What kind of entry a comment is. Pingbacks and trackbacks are notices that another site
/// linked the article; they sit in the comment list but nobody wrote them as a reply. A deleted
/// comment keeps its place in the tree (its replies hang from it) without words of its own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CommentKind {
    /// A reader's comment (or a forum post).
    #[default]
    Comment,
    /// An automatic notice that another blog linked the article.
    Pingback,
    /// A manually sent link notice.
    Trackback,
    /// A comment the page or export marks deleted or removed (`[deleted]`, "This comment was
    /// deleted", a `deleted` class, an `isDeleted` field): its text is empty.
    Deleted,
}

impl CommentKind {
    /// Whether the entry is a notice that another site linked the article.
    pub fn is_link_notice(self) -> bool {
        matches!(self, CommentKind::Pingback | CommentKind::Trackback)
    }
}

/// One comment: a node of the reply tree.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comment {
    /// Identifier, unique and stable within its thread (the platform's own id where the input has
    /// one, else `c<position>`).
    pub id: String,
    /// The comment it replies to; `None` for top-level comments.
    pub parent_id: Option<String>,
    /// Reply depth: top level is 0, a reply to a top-level comment is 1, and so on.
    pub depth: u32,
    /// The commenter's display name.
    pub author: Option<String>,
    /// The link on the commenter's name, usually their website (blogs) or profile: the
    /// strongest spam signal on blogs. Absolute `http(s)` addresses only.
    pub author_url: Option<String>,
    /// 1-based position in page order.
    pub position: u32,
    /// When it was posted, ISO 8601, when known.
    pub timestamp: Option<String>,
    /// The commenter's own words (quotes removed), paragraphs separated by a blank line.
    pub text: String,
    /// What the comment quotes from others.
    pub quotes: Vec<Quote>,
    /// Comment, pingback or trackback.
    pub kind: CommentKind,
    /// Whom the comment answers according to its text (`@name`, a quote), which matters where
    /// the markup cannot show it (flat forums, threads capped at a maximum depth).
    pub reply_to_author: Option<String>,
    /// Links set on the comment's own words ([`BodyLink`]), in order.
    pub links: Vec<BodyLink>,
}

/// A comment thread: the reply tree under one page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Thread {
    /// Identifier, unique within a run: see [`crate::ids`].
    pub id: String,
    /// The page the comments belong to.
    pub page: Page,
    /// Comments in page order; parents always precede their replies.
    pub comments: Vec<Comment>,
}

impl Thread {
    /// Number of distinct named authors.
    pub fn author_count(&self) -> usize {
        let mut names: Vec<&str> = self
            .comments
            .iter()
            .filter_map(|c| c.author.as_deref())
            .collect();
        names.sort_unstable();
        names.dedup();
        names.len()
    }

    /// Deepest reply depth, `None` when the thread has no comments.
    pub fn max_depth(&self) -> Option<u32> {
        self.comments.iter().map(|c| c.depth).max()
    }

    /// For each comment, the index of its parent in `comments` (`None` for top level).
    pub fn parent_indices(&self) -> Vec<Option<usize>> {
        let index: std::collections::HashMap<&str, usize> = self
            .comments
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        self.comments
            .iter()
            .map(|c| c.parent_id.as_deref().and_then(|p| index.get(p).copied()))
            .collect()
    }

    /// Number of top-level comments.
    pub fn top_level_count(&self) -> usize {
        self.comments
            .iter()
            .filter(|c| c.parent_id.is_none())
            .count()
    }
}

/// The placeholder author names (`[deleted]`, `Anonymous`, `Guest`, …), lower-cased.
static PLACEHOLDER_AUTHORS: std::sync::LazyLock<std::collections::HashSet<String>> =
    std::sync::LazyLock::new(|| {
        include_str!("placeholder_authors.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect()
    });

/// True when an author name stands for no one in particular (deleted, anonymous, guest, or
/// empty): two comments under such a name may be two people.
pub fn is_placeholder_author(name: &str) -> bool {
    let name = name.trim();
    name.is_empty() || PLACEHOLDER_AUTHORS.contains(&name.to_lowercase())
}
