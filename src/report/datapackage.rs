//! `datapackage.json`: the reports described as a [Frictionless Data] tabular data package, so
//! pandas, R, DuckDB or `frictionless validate` read every column with its type instead of
//! guessing (an id column of digits is text, not a number).
//!
//! It is generated from `columns.md`, the column dictionary the README shows (a test keeps
//! the README's copy, this file and the report structs in step), so the contract is written
//! once.
//!
//! [Frictionless Data]: https://specs.frictionlessdata.io/data-package/

use serde_json::{Value, json};

use super::OutputFormat;

/// The column dictionary (Markdown), the one source of column names, types and meanings.
pub const COLUMNS_MD: &str = include_str!("columns.md");

/// One documented column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Column name.
    pub name: String,
    /// Dictionary type: `text`, `integer`, `decimal`, `boolean`, `timestamp` or `list`.
    pub kind: String,
    /// What it means.
    pub meaning: String,
}

/// Every report's documented columns, in order: (`threads.csv`, columns), …
pub fn dictionary() -> Vec<(String, Vec<Column>)> {
    let mut out: Vec<(String, Vec<Column>)> = Vec::new();
    for line in COLUMNS_MD.lines() {
        if let Some(rest) = line.strip_prefix("### `") {
            if let Some((file, _)) = rest.split_once('`') {
                out.push((file.to_string(), Vec::new()));
            }
            continue;
        }
        let Some((_, columns)) = out.last_mut() else {
            continue;
        };
        let cells: Vec<&str> = line.split(" | ").collect();
        if cells.len() >= 3 && line.starts_with("| `") {
            columns.push(Column {
                name: cells[0]
                    .trim_start_matches("| ")
                    .trim_matches('`')
                    .to_string(),
                kind: cells[1].trim().to_string(),
                meaning: cells[2..].join(" | ").trim_end_matches(" |").to_string(),
            });
        }
    }
    out
}

/// Lines matching the timestamp columns' two forms.
const TIMESTAMP_PATTERN: &str = r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?";

fn field(column: &Column, format: OutputFormat) -> Value {
    let mut f = json!({
        "name": column.name,
        "description": column.meaning,
    });
    let (kind, extra) = match (column.kind.as_str(), format) {
        ("integer", _) => ("integer", None),
        ("decimal", _) => ("number", None),
        ("boolean", _) => ("boolean", None),
        ("timestamp", _) => (
            "string",
            Some(json!({"constraints": {"pattern": TIMESTAMP_PATTERN}})),
        ),
        ("list", OutputFormat::Ndjson) => ("array", None),
        _ => ("string", None),
    };
    f["type"] = json!(kind);
    if let Some(Value::Object(extra)) = extra {
        for (k, v) in extra {
            f[k] = v;
        }
    }
    f
}

/// The data package describing the reports of one run in `format`.
pub fn datapackage(format: OutputFormat) -> Value {
    let resources: Vec<Value> = dictionary()
        .into_iter()
        .map(|(file, columns)| {
            let name = file.trim_end_matches(".csv").to_string();
            let path = format!("{name}.{}", format.extension());
            let fields: Vec<Value> = columns.iter().map(|c| field(c, format)).collect();
            let mut resource = json!({
                "name": name,
                "path": path,
                "profile": "tabular-data-resource",
                "encoding": "utf-8",
                "schema": {"fields": fields, "missingValues": [""]},
            });
            match format {
                OutputFormat::Csv => {
                    resource["format"] = json!("csv");
                    resource["mediatype"] = json!("text/csv");
                    resource["dialect"] = json!({
                        "delimiter": ",",
                        "lineTerminator": "\n",
                        "quoteChar": "\"",
                        "doubleQuote": true,
                        "header": true,
                    });
                }
                OutputFormat::Ndjson => {
                    resource["format"] = json!("ndjson");
                    resource["mediatype"] = json!("application/x-ndjson");
                }
            }
            resource
        })
        .collect();
    json!({
        "profile": "tabular-data-package",
        "name": "threadscan-reports",
        "title": "threadscan reports",
        "description": "Reader-comment threads rebuilt and audited by threadscan: one row per thread, comment, finding, author, page link and failed input. The run's inputs, options and rule-set digest are in run.json.",
        "version": env!("CARGO_PKG_VERSION"),
        "resources": resources,
    })
}

/// The data package as written: pretty JSON with a final newline.
pub fn to_json(format: OutputFormat) -> String {
    let mut text = serde_json::to_string_pretty(&datapackage(format)).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_matches_the_report_structs() {
        let documented = dictionary();
        let actual = super::super::all_columns();
        assert_eq!(documented.len(), actual.len());
        for ((file, columns), (actual_file, actual_columns)) in documented.iter().zip(&actual) {
            assert_eq!(file, actual_file);
            let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
            assert_eq!(names, *actual_columns, "columns.md for {file}");
            for c in columns {
                assert!(
                    ["text", "integer", "decimal", "boolean", "timestamp", "list"]
                        .contains(&c.kind.as_str()),
                    "{file} {}: type {:?}",
                    c.name,
                    c.kind
                );
                assert!(!c.meaning.is_empty(), "{file} {} has no meaning", c.name);
            }
        }
    }

    #[test]
    fn ids_are_strings_and_lists_are_arrays_in_ndjson() {
        let package = datapackage(OutputFormat::Ndjson);
        let comments = &package["resources"][1];
        assert_eq!(comments["path"], "comments.ndjson");
        let field = |name: &str| {
            comments["schema"]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["name"] == name)
                .cloned()
                .unwrap()
        };
        assert_eq!(field("comment_id")["type"], "string");
        assert_eq!(field("finding_codes")["type"], "array");
        assert_eq!(field("insult_score")["type"], "number");
        let csv = datapackage(OutputFormat::Csv);
        assert_eq!(csv["resources"][1]["schema"]["fields"][0]["type"], "string");
    }
}
