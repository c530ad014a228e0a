//! The summary and monitoring workbooks print legibly: LibreOffice's PDF holds every paragraph whole, and no text under 8 points.

use std::path::{Path, PathBuf};

use crate::support::Work;
use crate::workbooks::convert;

fn root(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn pdftotext(pdf: &Path, bbox: bool) -> String {
    let mut cmd = std::process::Command::new("pdftotext");
    if bbox {
        cmd.arg("-bbox");
    }
    let out = cmd
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) reads the PDF");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The height of a word's box over its font size, as pdftotext measures
/// LibreOffice's PDF (11-point text is 10.0 high).
const BOX_PER_POINT: f64 = 10.0 / 11.0;

/// The smallest printed text of the PDF, in points, and the page it is on.
fn smallest_text(pdf: &Path) -> (f64, usize) {
    let xml = pdftotext(pdf, true);
    let mut smallest = (f64::MAX, 0);
    for (page, body) in xml.split("<page ").skip(1).enumerate() {
        for word in body.split("<word ").skip(1) {
            let attr = |name: &str| -> f64 {
                let at = word.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                let end = word[at..].find('"').unwrap();
                word[at..at + end].parse().unwrap()
            };
            let points = (attr("yMax") - attr("yMin")) / BOX_PER_POINT;
            if points < smallest.0 {
                smallest = (points, page + 1);
            }
        }
    }
    smallest
}

fn example() -> Work {
    Work::with(&[
        root("examples/county/execution_2024H1.xlsx"),
        root("examples/county/monitoring_2024H1.xlsx"),
        root("examples/county/budget_2024.xlsx"),
        root("examples/county/publication_2024.xlsx"),
    ])
}

const INPUTS: [&str; 4] = [
    "execution_2024H1.xlsx",
    "monitoring_2024H1.xlsx",
    "budget_2024.xlsx",
    "publication_2024.xlsx",
];

#[test]
fn the_summary_workbook_prints_every_paragraph_whole() {
    let w = example();
    let mut args = vec!["report"];
    args.extend(INPUTS);
    args.extend(["--as-of", "2024-06-30"]);
    let md = w.perf(&args).stdout;
    let narrative = md.split("\n### ").next().unwrap();
    let paragraphs: Vec<&str> = narrative
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    assert!(paragraphs.len() >= 5, "{narrative}");
    args.extend(["-o", "summary.xlsx"]);
    let out = w.perf(&args);
    assert!(out.code < 2, "{}", out.stderr);
    let pdf = convert(&w.path("summary.xlsx"), "pdf", "pdf");
    // Lines break anywhere in print: compare without white space.
    let text: String = pdftotext(&pdf, false)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for p in &paragraphs {
        let p: String = p.chars().filter(|c| !c.is_whitespace()).collect();
        let chars: Vec<char> = p.chars().collect();
        let opening: String = chars[..12.min(chars.len())].iter().collect();
        let closing: String = chars[chars.len().saturating_sub(12)..].iter().collect();
        assert!(text.contains(&opening), "{opening} not printed");
        assert!(
            text.contains(&closing),
            "the end of a paragraph is cut off: {closing}"
        );
    }
    let (points, page) = smallest_text(&pdf);
    assert!(
        points >= 8.0,
        "text printed at {points:.1} pt on page {page}"
    );
}

#[test]
fn the_monitoring_workbook_prints_at_eight_points_or_more() {
    let w = example();
    let out = w.perf(&[
        "monitor",
        "execution_2024H1.xlsx",
        "monitoring_2024H1.xlsx",
        "-o",
        "monitoring.xlsx",
    ]);
    assert!(out.code < 2, "{}", out.stderr);
    let pdf = convert(&w.path("monitoring.xlsx"), "pdf", "pdf");
    let (points, page) = smallest_text(&pdf);
    assert!(
        points >= 8.0,
        "text printed at {points:.1} pt on page {page}"
    );
    // The summary sentence prints whole on the first page.
    let first = pdftotext(&pdf, false);
    let first: String = first
        .split('\u{c}')
        .next()
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(
        first.contains("明细见「问题清单」；标色的单元格带批注。"),
        "{first}"
    );
}
