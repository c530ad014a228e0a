//! `perf check` output: a verdict per project (通过/不通过) with counts per dimension, then the findings.

use crate::say;
use std::fmt::Write as _;

use anyhow::Result;
use serde_json::json;

use super::{ascii_safe, new_table};
use crate::diag::{Counts, Finding};
use crate::i18n::Lang;
use crate::layout::{Layout, Reading};
use crate::model::Dimension;
use crate::rules::verdict::Verdict;

/// Everything the check renderers need.
pub struct Report<'a> {
    pub reading: &'a Reading,
    pub verdicts: &'a [Verdict],
    pub findings: &'a [Finding],
    pub year: Option<i32>,
    pub lang: Lang,
}

impl Report<'_> {
    fn passed(&self) -> usize {
        self.verdicts.iter().filter(|v| v.pass).count()
    }

    /// The one-line summary: `审核 5 个项目：通过 3 个，不通过 2 个；错误 4 条，警告 6 条，提示 2 条`.
    pub fn summary(&self) -> String {
        let c = Counts::of(self.findings);
        let n = self.verdicts.len();
        let pass = self.passed();
        let year = match (self.year, self.lang) {
            (Some(y), Lang::Zh) => format!("{y}年度"),
            (Some(y), Lang::En) => format!("budget year {y}: "),
            (None, _) => String::new(),
        };
        say!(
            self.lang,
            (
                "{year}绩效目标审核：共 {n} 个项目，通过 {pass} 个，不通过 {} 个；错误 {} 条，警告 {} 条，提示 {} 条",
                n - pass,
                c.errors,
                c.warnings,
                c.infos
            ),
            (
                "{year}{n} projects reviewed, {pass} pass, {} fail; {} errors, {} warnings, {} infos",
                n - pass,
                c.errors,
                c.warnings,
                c.infos
            )
        )
    }

    /// Notes on what could not be judged.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if !self.reading.tables.iter().any(|t| t.kind.is_targets()) {
            notes.push(
                self.lang
                    .pick(
                        "输入中没有绩效目标表：只按事前绩效评估复核预算（A001–A004），绩效目标未审核（T、V、W、B类）；请加入绩效目标表一并审核。",
                        "no targets table among the inputs: only the ex-ante assessment gate was run (A001–A004), targets were not reviewed (T, V, W, B codes); add the targets table to review them.",
                    )
                    .to_string(),
            );
        }
        if self.year.is_none() {
            notes.push(
                self.lang
                    .pick(
                        "未能确定预算年度（标题中没有“XXXX年度”），时效期限的年度未检查（V008）；可用 --year 指定。",
                        "the budget year could not be found (no year in the titles), so deadline years were not checked (V008); give --year.",
                    )
                    .to_string(),
            );
        }
        notes
    }

    fn verdict_word(&self, v: &Verdict) -> &'static str {
        match (v.pass, self.lang) {
            (true, Lang::Zh) => "通过",
            (false, Lang::Zh) => "不通过",
            (true, Lang::En) => "pass",
            (false, Lang::En) => "fail",
        }
    }
}

fn codes(v: &Verdict) -> String {
    v.findings
        .iter()
        .map(|(c, n)| {
            if *n > 1 {
                format!("{c}x{n}")
            } else {
                c.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn count(v: &Verdict, d: Dimension) -> String {
    v.dimensions.get(&d).copied().unwrap_or(0).to_string()
}

/// The terminal rendering.
pub fn table(r: &Report) -> String {
    let mut out = String::new();
    let width = super::width();
    let _ = writeln!(out, "{}", super::wrap::wrap(&r.summary(), width));
    for n in r.notes() {
        let note = format!("{}{}", r.lang.pick("注：", "note: "), n);
        let _ = writeln!(out, "{}", super::wrap::wrap(&note, width));
    }
    // Below this width the five counts share one column (`3 2 1 1 4`),
    // leaving the unit and the name room to be read.
    const NARROW: usize = 110;
    let narrow = width < NARROW;
    let mut head: Vec<&str> = match r.lang {
        Lang::Zh => vec!["结论", "单位", "项目编码", "项目名称"],
        Lang::En => vec!["verdict", "unit", "code", "project"],
    };
    match (narrow, r.lang) {
        (true, Lang::Zh) => head.push("数 质 时 本 效"),
        (true, Lang::En) => head.push("qn ql tm co ef"),
        (false, Lang::Zh) => head.extend(["数量", "质量", "时效", "成本", "效果"]),
        (false, Lang::En) => head.extend(["qty", "qual", "time", "cost", "effect"]),
    }
    head.push(r.lang.pick("问题", "findings"));
    let mut t = new_table(&head);
    // The verdict, the project code and the counts keep their width; the
    // unit, the name and the codes share what is left.
    let kept: &[usize] = if narrow {
        &[0, 2, 4]
    } else {
        &[0, 2, 4, 5, 6, 7, 8]
    };
    super::keep_width(&mut t, kept);
    const DIMENSIONS: [Dimension; 5] = [
        Dimension::Quantity,
        Dimension::Quality,
        Dimension::Timeliness,
        Dimension::Cost,
        Dimension::Effect,
    ];
    for v in r.verdicts {
        let mut row = vec![
            r.verdict_word(v).to_string(),
            ascii_safe(v.unit.as_deref().unwrap_or("")),
            ascii_safe(v.code.as_deref().unwrap_or("")),
            ascii_safe(&v.name),
        ];
        let counts = DIMENSIONS.iter().map(|d| count(v, *d));
        if narrow {
            // Each count under its one-character header (two columns wide).
            row.push(
                counts
                    .map(|c| format!("{c:<2}"))
                    .collect::<Vec<_>>()
                    .join(" ")
                    .trim_end()
                    .to_string(),
            );
        } else {
            row.extend(counts);
        }
        row.push(codes(v));
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
    if !r.findings.is_empty() {
        let _ = writeln!(out, "\n{}", super::findings::table(r.findings, r.lang));
    }
    out
}
/// The JSON document of output.md.
pub fn write_json(r: &Report, out: &mut dyn std::io::Write) -> Result<()> {
    let c = Counts::of(r.findings);
    let doc = json!({
        "command": "check",
        "perf_version": crate::VERSION,
        "year": r.year,
        "inputs": r.reading.inputs.iter().enumerate().map(|(i, input)| json!({
            "path": input.path,
            "format": input.format.label(),
            "tables": r.reading.tables.iter().filter(|t| t.input == i).map(|t| json!({
                "sheet": t.sheet, "kind": t.kind.key(),
                "layout": match t.layout { Layout::Flat => "flat", Layout::Form => "form" },
                "rows": t.rows,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "summary": {
            "projects": r.verdicts.len(),
            "passed": r.passed(),
            "failed": r.verdicts.len() - r.passed(),
            "indicators": r.verdicts.iter().map(|v| v.dimensions.values().sum::<usize>()).sum::<usize>(),
            "errors": c.errors, "warnings": c.warnings, "infos": c.infos,
        },
        "notes": r.notes(),
    });
    let project = |v: &Verdict| {
        json!({
            "name": v.name,
            "code": v.code,
            "unit": v.unit,
            "dimensions": Dimension::ALL.iter().map(|d| (d.key(), v.dimensions.get(d).copied().unwrap_or(0))).collect::<std::collections::BTreeMap<_, _>>(),
            "verdict": if v.pass { "pass" } else { "fail" },
            "budget": v.budget,
            "findings": v.findings,
        })
    };
    let doc = super::JsonDoc {
        head: doc,
        projects: super::Streamed(|| r.verdicts.iter().map(project)),
        findings: r.findings,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Markdown tables ready to paste into a report.
pub fn markdown(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", r.summary());
    for n in r.notes() {
        let _ = writeln!(out, "> {n}\n");
    }
    let head = match r.lang {
        Lang::Zh => {
            "| 结论 | 单位 | 项目编码 | 项目名称 | 数量 | 质量 | 时效 | 成本 | 效果 | 问题 |"
        }
        Lang::En => {
            "| verdict | unit | code | project | quantity | quality | timeliness | cost | effect | findings |"
        }
    };
    let _ = writeln!(
        out,
        "{head}\n|---|---|---|---|---:|---:|---:|---:|---:|---|"
    );
    for v in r.verdicts {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            r.verdict_word(v),
            super::findings::md_cell(v.unit.as_deref().unwrap_or("")),
            super::findings::md_cell(v.code.as_deref().unwrap_or("")),
            super::findings::md_cell(&v.name),
            count(v, Dimension::Quantity),
            count(v, Dimension::Quality),
            count(v, Dimension::Timeliness),
            count(v, Dimension::Cost),
            count(v, Dimension::Effect),
            codes(v)
        );
    }
    out.push_str(&super::findings::markdown(r.findings, r.lang));
    out
}
