//! Findings as CSV (UTF-8 with BOM for Excel) and as a terminal table.

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

/// The findings as CSV, UTF-8 with a BOM so Excel on Chinese Windows opens it right.
pub fn csv(findings: &[Finding], lang: Lang) -> Result<String> {
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

/// The findings as a terminal table (code, severity, place, project, message).
pub fn table(findings: &[Finding], lang: Lang) -> String {
    let head = match lang {
        Lang::Zh => ["代码", "级别", "位置", "项目", "说明"],
        Lang::En => ["code", "severity", "place", "project", "message"],
    };
    let mut t = super::new_table(&head);
    for f in findings {
        t.add_row(vec![
            f.code.to_string(),
            match lang {
                Lang::Zh => f.severity.zh().to_string(),
                Lang::En => f.severity.key().to_string(),
            },
            super::ascii_safe(&f.location()),
            super::ascii_safe(f.project.as_deref().unwrap_or("")),
            super::ascii_safe(&f.message),
        ]);
    }
    t.to_string()
}

/// Text for a Markdown table cell: `|` escaped, line breaks made spaces.
pub fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// The findings as a Markdown table after a blank line (code, severity,
/// place, project, message), or nothing when there are none.
pub fn markdown(findings: &[Finding], lang: Lang) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    if findings.is_empty() {
        return out;
    }
    let head = match lang {
        Lang::Zh => "| 代码 | 级别 | 位置 | 项目 | 说明 |",
        Lang::En => "| code | severity | place | project | message |",
    };
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
