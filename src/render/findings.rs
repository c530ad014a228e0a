//! Findings as CSV (UTF-8 with BOM for Excel) and as a terminal table.

use crate::say;
use anyhow::Result;

use crate::diag::Finding;
use crate::i18n::Lang;

/// Cell text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, CR)
/// gets a leading apostrophe in CSV, so opening the file never runs anything.
pub fn neutralise(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// Whether info findings (advice such as V003) are left out of listings
/// (`--quiet-info`, `[output] quiet_info`); they are counted all the same.
static QUIET_INFO: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Tells the listings to leave info findings out (set by the command before it renders).
pub fn set_quiet_info(quiet: bool) {
    QUIET_INFO.store(quiet, std::sync::atomic::Ordering::Relaxed);
}

fn quiet_info() -> bool {
    QUIET_INFO.load(std::sync::atomic::Ordering::Relaxed)
}

/// The findings as a listing shows them: problems (errors and warnings) in
/// their order, then the advice (infos), unless left out; and how many
/// infos were left out.
pub fn listed(findings: &[Finding]) -> (Vec<&Finding>, usize) {
    let is_info = |f: &&Finding| f.severity == crate::diag::Severity::Info;
    let mut out: Vec<&Finding> = findings.iter().filter(|f| !is_info(f)).collect();
    let infos = findings.len() - out.len();
    if quiet_info() {
        return (out, infos);
    }
    out.extend(findings.iter().filter(is_info));
    (out, 0)
}

/// `另有 3 条提示未列出（--quiet-info）`, when infos were left out.
pub fn omitted_line(omitted: usize, lang: Lang) -> Option<String> {
    (omitted > 0).then(|| {
        say!(
            lang,
            "另有 {omitted} 条提示未列出（--quiet-info）",
            "{omitted} infos not listed (--quiet-info)"
        )
    })
}

/// The findings as CSV, UTF-8 with a BOM so Excel on Chinese Windows opens it
/// right: errors and warnings first, then infos (left out under `--quiet-info`).
pub fn csv(findings: &[Finding], lang: Lang) -> Result<String> {
    let (findings, _) = listed(findings);
    let mut w = csv::Writer::from_writer(Vec::new());
    // Officers open it in Excel: Chinese headers and values by default; JSON
    // keeps the English keys and values scripts read.
    w.write_record(match lang {
        Lang::Zh => [
            "代码",
            "级别",
            "文件",
            "工作表",
            "单元格",
            "单位",
            "项目编码",
            "项目",
            "维度",
            "指标",
            "说明",
        ],
        Lang::En => [
            "code",
            "severity",
            "file",
            "sheet",
            "cell",
            "unit",
            "project_code",
            "project",
            "dimension",
            "indicator",
            "message",
        ],
    })?;
    for f in findings {
        let o = |s: &Option<String>| neutralise(s.as_deref().unwrap_or(""));
        w.write_record([
            f.code.to_string(),
            lang.pick(f.severity.zh(), f.severity.key()).to_string(),
            neutralise(&f.file),
            o(&f.sheet),
            o(&f.cell),
            o(&f.unit),
            o(&f.project_code),
            o(&f.project),
            f.dimension
                .map(|d| lang.pick(d.zh(), d.key()).to_string())
                .unwrap_or_default(),
            o(&f.indicator),
            neutralise(&f.message),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(format!("\u{FEFF}{}", String::from_utf8(bytes)?))
}

/// The findings as terminal tables, one per file: the file's full path once,
/// as a heading, then code, severity, place (sheet!cell, never wrapped),
/// project and message (wrapped), fitted to [`super::width`]. Errors and
/// warnings come first; the infos (advice) follow under a heading of their
/// own, or are only counted under `--quiet-info`.
pub fn table(findings: &[Finding], lang: Lang) -> String {
    let (listed, omitted) = listed(findings);
    let split = listed
        .iter()
        .position(|f| f.severity == crate::diag::Severity::Info)
        .unwrap_or(listed.len());
    let (problems, infos) = listed.split_at(split);
    let mut shown = rustc_hash::FxHashSet::default();
    let mut out = by_file(problems, &mut shown, lang);
    if !infos.is_empty() {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        let heading = say!(
            lang,
            (
                "提示 {} 条（改进建议，不影响结论；--quiet-info 可不列出）：",
                infos.len()
            ),
            (
                "{} infos (advice, no effect on the verdicts; --quiet-info leaves them out):",
                infos.len()
            )
        );
        out.push_str(&super::wrap::wrap(&heading, super::width()));
        out.push('\n');
        out.push_str(&by_file(infos, &mut shown, lang));
    }
    if let Some(line) = omitted_line(omitted, lang) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&super::wrap::wrap(&line, super::width()));
    }
    out
}

/// Findings grouped by file, each group under its file's heading.
/// A file already headed by its full path (in `shown`) is headed by its
/// name alone: the full path is printed once.
fn by_file<'a>(
    findings: &[&'a Finding],
    shown: &mut rustc_hash::FxHashSet<&'a str>,
    lang: Lang,
) -> String {
    use std::fmt::Write as _;
    // Files in the order their first finding comes; the findings of each in their order.
    let mut files: Vec<(&'a str, Vec<&'a Finding>)> = Vec::new();
    let mut index: rustc_hash::FxHashMap<&'a str, usize> = Default::default();
    for &f in findings {
        let i = *index.entry(f.file.as_str()).or_insert_with(|| {
            files.push((f.file.as_str(), Vec::new()));
            files.len() - 1
        });
        files[i].1.push(f);
    }
    let mut out = String::new();
    for (n, (file, group)) in files.iter().enumerate() {
        if n > 0 {
            out.push_str("\n\n");
        }
        if !file.is_empty() {
            let name = if shown.insert(file) {
                file
            } else {
                std::path::Path::new(file)
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or(file)
            };
            let _ = writeln!(
                out,
                "{}{}",
                lang.pick("文件：", "file: "),
                super::ascii_safe(name)
            );
        }
        out.push_str(&file_table(group, lang));
    }
    out
}

/// The place within its file: `绩效目标!I35`, `'Q1 目标'!D12`, or the sheet alone.
fn place(f: &Finding) -> String {
    match (&f.sheet, &f.cell) {
        (Some(sheet), Some(cell)) => format!("{}!{cell}", crate::diag::quote_sheet(sheet)),
        (Some(sheet), None) => crate::diag::quote_sheet(sheet),
        _ => String::new(),
    }
}

/// One file's findings. Code, severity and place keep their width; the
/// project and the message share what is left of the line, wrapped where
/// no address is broken ([`super::wrap`]).
fn file_table(findings: &[&Finding], lang: Lang) -> String {
    use super::wrap::{width, wrap};
    let head = match lang {
        Lang::Zh => ["代码", "级别", "位置", "项目", "说明"],
        Lang::En => ["code", "severity", "place", "project", "message"],
    };
    let rows: Vec<[String; 5]> = findings
        .iter()
        .map(|f| {
            [
                f.code.to_string(),
                lang.pick(f.severity.zh(), f.severity.key()).to_string(),
                super::ascii_safe(&place(f)),
                super::ascii_safe(f.project.as_deref().unwrap_or("")),
                super::ascii_safe(&f.message),
            ]
        })
        .collect();
    let widest = |i: usize| {
        rows.iter()
            .map(|r| width(&r[i]))
            .chain([width(head[i])])
            .max()
            .unwrap_or(0)
    };
    let fixed: usize = (0..3).map(widest).sum();
    // "| a | b | c | d | e |": three columns of border and padding per
    // column, and one more.
    let free = super::width().saturating_sub(fixed + 3 * head.len() + 1);
    let (project, message) = share(free, widest(3), widest(4));
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::ASCII_FULL_CONDENSED);
    // The lines are wrapped here; the table only lays them out.
    t.set_content_arrangement(comfy_table::ContentArrangement::Disabled);
    t.force_no_tty();
    t.set_header(head.iter().map(|h| super::ascii_safe(h)));
    for [code, severity, place, p, m] in rows {
        t.add_row(vec![
            code,
            severity,
            place,
            wrap(&p, project),
            wrap(&m, message),
        ]);
    }
    t.to_string()
}

/// How the project and the message columns share `free` columns: the
/// project as wide as its longest name up to a third, the message the rest,
/// and neither below a readable minimum (the table may then be wider than
/// the terminal rather than unreadable).
fn share(free: usize, project: usize, message: usize) -> (usize, usize) {
    const MIN_PROJECT: usize = 8;
    const MIN_MESSAGE: usize = 16;
    let p = project.min((free / 3).max(MIN_PROJECT)).max(2);
    let m = free.saturating_sub(p).max(MIN_MESSAGE).min(message.max(2));
    (p, m)
}

/// Text for a Markdown table cell: `|` escaped, line breaks made spaces.
pub fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// The findings as a Markdown table after a blank line (code, severity,
/// place, project, message), errors and warnings before infos, or nothing
/// when there are none.
pub fn markdown(findings: &[Finding], lang: Lang) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let (findings, omitted) = listed(findings);
    if let Some(line) = omitted_line(omitted, lang) {
        let _ = writeln!(out, "\n> {line}");
    }
    if findings.is_empty() {
        return out;
    }
    let head = lang.pick(
        "| 代码 | 级别 | 位置 | 项目 | 说明 |",
        "| code | severity | place | project | message |",
    );
    let _ = writeln!(out, "\n{head}\n|---|---|---|---|---|");
    for f in findings {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            f.code,
            lang.pick(f.severity.zh(), f.severity.key()),
            md_cell(&f.location()),
            md_cell(f.project.as_deref().unwrap_or("")),
            md_cell(&f.message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("-5%"), "'-5%");
        assert_eq!(neutralise("项目"), "项目");
    }
}
