//! The county report's tables add up: by unit, by tier and by budget kind each end in a 合计 equal to the headline.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::Work;

fn root(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// The example county's June inputs.
fn example() -> (Work, Vec<String>) {
    let files = [
        "examples/county/execution_2024H1.xlsx",
        "examples/county/monitoring_2024H1.xlsx",
        "examples/county/budget_2024.xlsx",
    ];
    let w = Work::with(&files.map(root));
    let names = files
        .iter()
        .map(|f| f.rsplit('/').next().unwrap().to_string())
        .collect();
    (w, names)
}

/// A county made by `examples/gen_county.rs` (6 units, June).
fn generated() -> (Work, Vec<String>) {
    let dir = root("tests/fixtures/generated_county");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let w = Work::with(&files);
    let names = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    (w, names)
}

const FIELDS: [&str; 8] = [
    "projects", "budget", "executed", "red", "yellow", "green", "over", "na",
];

/// Every row of `table` summed equals `total`, field by field.
fn assert_adds_up(doc: &Value, table: &str) {
    let rows = doc[table]
        .as_array()
        .unwrap_or_else(|| panic!("no {table}"));
    assert!(!rows.is_empty(), "{table} is empty");
    for f in FIELDS {
        let sum: f64 = rows.iter().map(|g| g[f].as_f64().unwrap()).sum();
        let total = doc["total"][f].as_f64().unwrap();
        assert!(
            (sum - total).abs() < 1e-6,
            "{table}: {f} adds up to {sum}, the 合计 says {total}"
        );
        assert_eq!(doc["county"][f], doc["total"][f], "{f}");
    }
}

/// The 合计 line of each Markdown table repeats the headline's money.
fn assert_markdown_totals(md: &str, county: &Value, tables: usize) {
    let money = |v: f64| {
        // 10481.03 → 10,481.03, as the report writes money.
        let s = format!("{v:.2}");
        let (int, frac) = s.split_once('.').unwrap();
        let mut out = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        format!("{out}.{frac}")
    };
    let line = format!(
        "| 合计 | {} | {} | {} |",
        county["projects"],
        money(county["budget"].as_f64().unwrap()),
        money(county["executed"].as_f64().unwrap())
    );
    assert_eq!(
        md.matches(&line).count(),
        tables,
        "{line} once per table:\n{md}"
    );
    let headline = md.lines().next().unwrap();
    assert!(
        headline.contains(&format!(
            "共{}个，涉及预算资金{}万元，已执行{}万元",
            county["projects"],
            money(county["budget"].as_f64().unwrap()),
            money(county["executed"].as_f64().unwrap())
        )),
        "{headline}"
    );
}

fn check(w: &Work, names: &[String], tables: &[&str]) {
    let mut args: Vec<&str> = vec!["report"];
    args.extend(names.iter().map(String::as_str));
    let mut json = args.clone();
    json.extend(["--format", "json"]);
    let doc = w.perf(&json).json();
    for t in tables {
        assert_adds_up(&doc, t);
    }
    let mut md = args.clone();
    md.extend(["--format", "md"]);
    let out = w.perf(&md);
    assert_markdown_totals(&out.stdout, &doc["county"], tables.len());
}

#[test]
fn the_example_county_adds_up_in_every_table() {
    let (w, names) = example();
    check(&w, &names, &["by_unit", "by_tier", "by_budget"]);
    // The project without a budget kind is a row of its own.
    let mut args: Vec<&str> = vec!["report"];
    args.extend(names.iter().map(String::as_str));
    args.extend(["--format", "json"]);
    let doc = w.perf(&args).json();
    let last = doc["by_budget"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["key"], "未注明");
    assert_eq!(doc["county"]["projects"], 31);
}

#[test]
fn a_generated_county_adds_up_in_every_table() {
    let (w, names) = generated();
    check(&w, &names, &["by_unit", "by_tier"]);
}
