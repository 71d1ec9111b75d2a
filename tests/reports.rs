//! Reports as researchers and auditors use them: NDJSON mirrors CSV, spreadsheet formulas are
//! defused, the HTML view never runs page content, the manifest pins the inputs.

use std::fs;
use std::path::Path;
use std::process::Command;

/// A page whose comments attack the report itself.
const HOSTILE: &str = "Hostile comments test page headline\n\nArticle text here.\n\n  • <b>Mallory</b>\n\n    <script>alert('x')</script> you idiot <img src=x onerror=alert(1)>\n\n    • =HYPERLINK(\"http://evil.example\",\"click\")\n\n      @SUM(1+1) -2+3 see http://evil.example/a?b=<x>\n";

fn analyze(dir: &Path, extra: &[&str]) {
    fs::write(dir.join("hostile.txt"), HOSTILE).unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_threadscan"))
        .args(["analyze", "hostile.txt", "--quiet"])
        .args(extra)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn html_view_escapes_everything_and_loads_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    analyze(tmp.path(), &["--out", "r", "--html"]);
    let index = fs::read_to_string(tmp.path().join("r/index.html")).unwrap();
    let pages: Vec<String> = fs::read_dir(tmp.path().join("r/threads"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(pages.len(), 1);
    for html in pages.iter().chain(std::iter::once(&index)) {
        let lower = html.to_lowercase();
        // Every real tag (page text is escaped, so `<` only opens our own markup).
        let tags: Vec<&str> = lower
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap_or(""))
            .collect();
        for tag in &tags {
            let name = tag.split_whitespace().next().unwrap_or("");
            assert!(
                !["script", "img", "iframe", "object", "embed", "link"].contains(&name),
                "tag <{tag}> leaked"
            );
            let handler = tag
                .split_whitespace()
                .any(|a| a.starts_with("on") && a.contains('='));
            assert!(
                !tag.contains(" src=") && !handler,
                "tag <{tag}> could load or run something"
            );
            if let Some(href) = tag.split("href=\"").nth(1) {
                assert!(
                    !href.starts_with("http")
                        && !href.starts_with("//")
                        && !href.starts_with("javascript"),
                    "external link in <{tag}>"
                );
            }
        }
        assert!(
            !lower.contains("url(") && !lower.contains("@import"),
            "a style would load something"
        );
        assert!(!lower.contains("<b>mallory"), "the author's markup leaked");
    }
    let page = &pages[0];
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(
        page.contains("title=\"INS001 second-person-insult"),
        "the finding is highlighted with its code"
    );
    assert!(page.contains("<sup class=\"code\">INS001 +0.85</sup>"));
}

#[test]
fn csv_cells_cannot_run_as_formulas_ndjson_keeps_raw_text() {
    let tmp = tempfile::tempdir().unwrap();
    analyze(tmp.path(), &["--out", "csv"]);
    analyze(tmp.path(), &["--out", "nd", "--format", "ndjson"]);
    let mut reader = csv::Reader::from_path(tmp.path().join("csv/comments.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (text, author) = (column("text"), column("author"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let texts: Vec<&str> = rows.iter().map(|r| &r[text]).collect();
    assert!(
        rows[1][author].starts_with("'=HYPERLINK("),
        "{:?}",
        &rows[1][author]
    );
    assert!(texts[1].starts_with("'@SUM("), "{:?}", texts[1]);
    let lines: Vec<serde_json::Value> = fs::read_to_string(tmp.path().join("nd/comments.ndjson"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), texts.len());
    assert!(
        lines[1]["author"]
            .as_str()
            .unwrap()
            .starts_with("=HYPERLINK("),
        "NDJSON is raw"
    );
    assert!(lines[0]["insult_score"].is_f64(), "numbers stay numbers");
    let keys: Vec<&str> = lines[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut columns: Vec<&str> = header.iter().collect();
    columns.sort_unstable();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort_unstable();
    assert_eq!(keys_sorted, columns, "same fields in both formats");
}

#[test]
fn manifest_pins_version_rules_and_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    analyze(tmp.path(), &["--out", "r"]);
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(tmp.path().join("r/run.json")).unwrap()).unwrap();
    let input = &manifest["inputs"][0];
    assert_eq!(input["source"], "hostile.txt");
    assert_eq!(input["bytes"], HOSTILE.len());
    assert_eq!(
        input["sha256"],
        threadscan::ids::sha256_hex(HOSTILE.as_bytes())
    );
    let version = Command::new(env!("CARGO_BIN_EXE_threadscan"))
        .arg("--version")
        .output()
        .unwrap();
    let version = String::from_utf8(version.stdout).unwrap();
    let digest = manifest["ruleset_sha256"].as_str().unwrap();
    assert!(
        version.contains(digest),
        "--version {version:?} cites the manifest's rule-set digest {digest}"
    );
    assert_eq!(manifest["counts"]["comments"], 2);
}

#[test]
fn authors_report_has_thread_and_run_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tmp.path().join("r");
    let status = Command::new(env!("CARGO_BIN_EXE_threadscan"))
        .args(["analyze", "corpus", "--quiet", "--out"])
        .arg(&out)
        .current_dir(root)
        .status()
        .unwrap();
    assert!(status.success());
    let mut reader = csv::Reader::from_path(out.join("authors.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let oberts: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[2] == "oberts mail").collect();
    assert_eq!(oberts.len(), 2, "one thread row, one run row");
    assert_eq!((&oberts[0][0], &oberts[1][0]), ("thread", "run"));
    assert_eq!(&oberts[1][4], "3", "three comments");
}
