//! `perf inspect` output: each table found and each project with its parsed indicators.

use crate::say;
use std::fmt::Write as _;

use anyhow::Result;
use serde::Serialize;
use serde_json::{Value, json};

use super::values::{ParsedJson, parsed_json, parsed_short};
use super::{ascii_safe, money, new_table};
use crate::diag::Counts;
use crate::i18n::Lang;
use crate::layout::{Layout, Reading, Table};
use crate::model::{Category, LineKind, Located, Project};
use crate::parse::MoneyUnit;
use crate::read::{a1, column_name};

fn unit_name(u: MoneyUnit) -> &'static str {
    match u {
        MoneyUnit::Yuan => "元",
        MoneyUnit::Wan => "万元",
        MoneyUnit::Yi => "亿元",
    }
}

#[derive(Serialize)]
struct ColumnJson<'a> {
    column: String,
    field: &'static str,
    header: &'a str,
}

#[derive(Serialize)]
struct TableJson<'a> {
    file: &'a str,
    sheet: &'a str,
    hidden: bool,
    kind: &'static str,
    layout: &'static str,
    header_rows: [u32; 2],
    columns: Vec<ColumnJson<'a>>,
    year: Option<i32>,
    money_unit: &'static str,
    money_unit_stated: bool,
    month: Option<u32>,
    rows: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    decision: Option<&'a crate::layout::kind::Decision>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    ignored: &'a [crate::layout::Ignored],
}

fn layout_key(l: Layout) -> &'static str {
    match l {
        Layout::Flat => "flat",
        Layout::Form => "form",
    }
}

fn table_json(t: &Table) -> TableJson<'_> {
    TableJson {
        file: &t.file,
        sheet: &t.sheet,
        hidden: t.hidden,
        kind: t.kind.key(),
        layout: layout_key(t.layout),
        header_rows: [t.header_rows.0 + 1, t.header_rows.1 + 1],
        columns: t
            .columns
            .iter()
            .map(|c| ColumnJson {
                column: column_name(c.col),
                field: c.field.key(),
                header: &c.header,
            })
            .collect(),
        year: t.year.as_ref().map(|y| y.value),
        money_unit: unit_name(t.money_unit),
        money_unit_stated: t.money_unit_stated,
        month: t.month,
        rows: t.rows,
        decision: t.decision.as_ref(),
        ignored: &t.ignored,
    }
}

/// `判定依据：「得分」列、标题中的「自评」；其次是 绩效监控表`.
fn decision_line(t: &Table, lang: Lang) -> Option<String> {
    let d = t.decision.as_ref()?;
    let mut clues: Vec<&crate::layout::kind::Clue> =
        d.clues.iter().filter(|c| c.kind == t.kind).collect();
    clues.sort_by_key(|c| std::cmp::Reverse(c.weight));
    // A column is named by its header as written (`完成值`, not the official name).
    let said: Vec<String> = clues
        .iter()
        .map(|c| match c.what {
            crate::layout::kind::ClueWhat::Column { field } => {
                match t.columns.iter().find(|col| col.field == field) {
                    Some(col) => say!(
                        lang,
                        ("「{}」列", col.header),
                        ("the column 「{}」", col.header)
                    ),
                    None => c.describe(lang),
                }
            }
            _ => c.describe(lang),
        })
        .collect();
    let second = d
        .runner_up
        .map(|k| say!(lang, ("；其次是{}", k.zh()), ("; runner-up: {}", k.key())));
    Some(say!(
        lang,
        (
            "  判定为{}的依据：{}{}",
            t.kind.zh(),
            said.join("、"),
            second.unwrap_or_default()
        ),
        (
            "  {} because of: {}{}",
            t.kind.key(),
            said.join(", "),
            second.unwrap_or_default()
        )
    ))
}

/// `未作为数据的行：第16行（模板行）；第28行（表格在此结束：总分）`.
fn ignored_line(t: &Table, lang: Lang) -> Option<String> {
    use crate::layout::IgnoredWhy;
    if t.ignored.is_empty() {
        return None;
    }
    let items: Vec<String> = t
        .ignored
        .iter()
        .map(|i| {
            let row = i.row + 1;
            match (&i.why, lang) {
                (IgnoredWhy::Template, Lang::Zh) => format!("第{row}行（模板行）"),
                (IgnoredWhy::Template, Lang::En) => format!("row {row} (template row)"),
                (IgnoredWhy::EndOfTable { label }, Lang::Zh) => {
                    format!("第{row}行起（表格在此结束：{}）", clip(label))
                }
                (IgnoredWhy::EndOfTable { label }, Lang::En) => {
                    format!("rows from {row} (the table ends: {})", clip(label))
                }
                (IgnoredWhy::Unreadable { .. }, Lang::Zh) => {
                    format!("第{row}行（无法读取，见 S004）")
                }
                (IgnoredWhy::Unreadable { .. }, Lang::En) => {
                    format!("row {row} (unreadable, see S004)")
                }
            }
        })
        .collect();
    Some(say!(
        lang,
        ("  未作为数据的行：{}", items.join("；")),
        ("  rows not read as data: {}", items.join("; "))
    ))
}

/// A label cut to a few characters for a one-line listing.
fn clip(label: &str) -> String {
    let mut out: String = label.chars().take(12).collect();
    if label.chars().count() > 12 {
        out.push('…');
    }
    out
}

fn opt_text(l: &Option<Located<String>>) -> Option<&str> {
    l.as_ref().map(|l| l.value.as_str())
}

#[derive(Serialize)]
struct MoneyJson<'a> {
    label: &'a str,
    kind: LineKind,
    budget_initial: Option<f64>,
    budget: Option<f64>,
    executed: Option<f64>,
    row: u32,
}

#[derive(Serialize)]
struct IndicatorJson<'a> {
    level1: Option<&'a str>,
    level2: Option<&'a str>,
    name: &'a str,
    dimension: Option<&'static str>,
    category: Option<Category>,
    target: Option<ParsedJson<'a>>,
    actual: Option<ParsedJson<'a>>,
    weight: Option<f64>,
    cell: String,
    target_cell: Option<String>,
}

#[derive(Serialize)]
struct ProjectJson<'a> {
    name: &'a str,
    code: Option<&'a str>,
    unit: Option<&'a str>,
    implementer: Option<&'a str>,
    file: &'a str,
    sheet: &'a str,
    kind: &'static str,
    cell: String,
    goal: Option<&'a str>,
    money: Vec<MoneyJson<'a>>,
    stated_total: Option<f64>,
    indicators: Vec<IndicatorJson<'a>>,
}

fn project_json<'a>(r: &'a Reading, p: &'a Project) -> ProjectJson<'a> {
    let t = r.table_of(p);
    ProjectJson {
        name: &p.name.value,
        code: opt_text(&p.code),
        unit: opt_text(&p.unit),
        implementer: opt_text(&p.implementer),
        file: &t.file,
        sheet: &t.sheet,
        kind: t.kind.key(),
        cell: p.name.at.a1(),
        goal: opt_text(&p.goal),
        money: p
            .money
            .iter()
            .map(|m| MoneyJson {
                label: &m.label,
                kind: m.kind,
                budget_initial: m.budget_initial.as_ref().map(|v| v.value),
                budget: m.budget_adjusted.as_ref().map(|v| v.value),
                executed: m.executed.as_ref().map(|v| v.value),
                row: m.row + 1,
            })
            .collect(),
        stated_total: p.stated_total.as_ref().map(|s| s.value),
        indicators: p
            .indicators
            .iter()
            .map(|i| IndicatorJson {
                level1: opt_text(&i.level1),
                level2: opt_text(&i.level2),
                name: &i.name.value,
                dimension: i.dimension().map(|d| d.key()),
                category: i.category,
                target: i.target.as_ref().map(|t| parsed_json(&t.value)),
                actual: i.actual.as_ref().map(|t| parsed_json(&t.value)),
                weight: i.weight.as_ref().map(|w| w.value),
                cell: i.name.at.a1(),
                target_cell: i.target.as_ref().map(|t| t.at.a1()),
            })
            .collect(),
    }
}
/// The JSON document (stable minimum in the reading issue: tables, projects with indicators).
pub fn write_json(r: &Reading, out: &mut dyn std::io::Write) -> Result<()> {
    let counts = Counts::of(&r.findings);
    let doc = json!({
        "command": "inspect",
        "perf_version": crate::VERSION,
        "inputs": r.inputs.iter().enumerate().map(|(i, input)| json!({
            "path": input.path,
            "format": input.format.label(),
            "encoding": input.encoding,
            "sheets": input.sheets,
            "tables": r.tables.iter().filter(|t| t.input == i).map(|t| json!({
                "sheet": t.sheet, "kind": t.kind.key(), "layout": layout_key(t.layout), "rows": t.rows,
            })).collect::<Vec<_>>(),
            "unknown_sheets": input.unknown_sheets,
        })).collect::<Vec<_>>(),
        "summary": {
            "tables": r.tables.len(),
            "projects": r.projects.len(),
            "indicators": r.projects.iter().map(|p| p.indicators.len()).sum::<usize>(),
            "errors": counts.errors, "warnings": counts.warnings, "infos": counts.infos,
        },
    });
    // The big parts are serialised straight from borrowed structs, not through a Value tree.
    #[derive(Serialize)]
    struct Doc<'a> {
        #[serde(flatten)]
        head: Value,
        tables: Vec<TableJson<'a>>,
        projects: Vec<ProjectJson<'a>>,
        findings: &'a [crate::diag::Finding],
    }
    let doc = Doc {
        head: doc,
        tables: r.tables.iter().map(table_json).collect(),
        projects: r.projects.iter().map(|p| project_json(r, p)).collect(),
        findings: &r.findings,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")?;
    Ok(())
}

fn table_line(t: &Table, lang: Lang) -> String {
    let layout = match (t.layout, lang) {
        (Layout::Flat, Lang::Zh) => "汇总表",
        (Layout::Form, Lang::Zh) => "官方表样",
        (Layout::Flat, Lang::En) => "flat",
        (Layout::Form, Lang::En) => "form",
    };
    let rows = if t.header_rows.0 == t.header_rows.1 {
        format!("{}", t.header_rows.0 + 1)
    } else {
        format!("{}-{}", t.header_rows.0 + 1, t.header_rows.1 + 1)
    };
    let year = t
        .year
        .as_ref()
        .map(|y| y.value.to_string())
        .unwrap_or_else(|| lang.pick("未注明", "not stated").into());
    let unit = format!(
        "{}{}",
        unit_name(t.money_unit),
        if t.money_unit_stated {
            ""
        } else {
            lang.pick("（未注明，按万元）", " (not stated, assumed)")
        }
    );
    let month = t
        .month
        .map(|m| say!(lang, "，监控月份 1-{m}月", ", month 1-{m}"));
    let hidden = if t.hidden {
        lang.pick("（隐藏工作表）", " (hidden sheet)")
    } else {
        ""
    };
    say!(
        lang,
        (
            "{}:{}{hidden}  {}（{layout}），表头第{rows}行，年度 {year}，金额单位 {unit}{}，数据 {} 行",
            t.file,
            t.sheet,
            t.kind.zh(),
            month.unwrap_or_default(),
            t.rows
        ),
        (
            "{}:{}{hidden}  {} ({layout}), header row {rows}, year {year}, money in {unit}{}, {} data rows",
            t.file,
            t.sheet,
            t.kind.key(),
            month.unwrap_or_default(),
            t.rows
        )
    )
}

/// The terminal rendering.
pub fn table(r: &Reading, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        lang.pick("== 识别出的表 ==", "== Tables found ==")
    );
    for t in &r.tables {
        let _ = writeln!(out, "{}", ascii_safe(&table_line(t, lang)));
        let cols: Vec<String> = t
            .columns
            .iter()
            .map(|c| {
                format!(
                    "{} {} -> {}",
                    column_name(c.col),
                    ascii_safe(&c.header),
                    c.field.key()
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "  {}{}",
            lang.pick("列：", "columns: "),
            cols.join("; ")
        );
        for line in [decision_line(t, lang), ignored_line(t, lang)]
            .into_iter()
            .flatten()
        {
            let _ = writeln!(out, "{}", ascii_safe(&line));
        }
    }
    for input in &r.inputs {
        for u in &input.unknown_sheets {
            let _ = writeln!(
                out,
                "{}:{}  {}{}",
                input.path,
                u.sheet,
                lang.pick("未识别（看到的表头：", "not recognised (headers seen: "),
                ascii_safe(&u.headers_seen.join(", ")) + lang.pick("）", ")")
            );
        }
    }
    for p in &r.projects {
        let t = r.table_of(p);
        let _ = writeln!(out);
        let unit = p
            .unit
            .as_ref()
            .map(|u| format!(" [{}]", u.value))
            .unwrap_or_default();
        let code = p
            .code
            .as_ref()
            .map(|c| format!(" ({})", c.value))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{} {}{code}{unit}  {}:{}!{}",
            lang.pick("项目", "Project"),
            ascii_safe(&p.name.value),
            t.file,
            t.sheet,
            p.name.at.a1()
        );
        for m in &p.money {
            let amounts: Vec<String> = [
                (lang.pick("年初预算", "initial"), &m.budget_initial),
                (lang.pick("全年预算", "budget"), &m.budget_adjusted),
                (lang.pick("执行", "executed"), &m.executed),
            ]
            .iter()
            .filter_map(|(label, v)| v.as_ref().map(|v| format!("{label} {}", money(v.value))))
            .collect();
            let label = if m.label.is_empty() {
                lang.pick("资金", "money")
            } else {
                &m.label
            };
            let _ = writeln!(
                out,
                "  {}：{} {}",
                ascii_safe(label),
                amounts.join("，"),
                lang.pick("万元", "(10k yuan)")
            );
        }
        if p.indicators.is_empty() {
            continue;
        }
        let head = match lang {
            Lang::Zh => [
                "单元格",
                "一级指标",
                "二级指标",
                "三级指标",
                "维度",
                "指标值",
                "解析",
            ],
            Lang::En => [
                "cell",
                "level 1",
                "level 2",
                "indicator",
                "dimension",
                "target",
                "parsed",
            ],
        };
        let mut table = new_table(&head);
        for i in &p.indicators {
            let target = i.target.as_ref();
            table.add_row(vec![
                target
                    .map(|t| t.at.a1())
                    .unwrap_or_else(|| a1(i.name.at.row, i.name.at.col)),
                ascii_safe(i.level1.as_ref().map(|l| l.value.as_str()).unwrap_or("")),
                ascii_safe(i.level2.as_ref().map(|l| l.value.as_str()).unwrap_or("")),
                ascii_safe(&i.name.value),
                i.dimension()
                    .map(|d| match lang {
                        Lang::Zh => d.zh(),
                        Lang::En => d.key(),
                    })
                    .unwrap_or("?")
                    .to_string(),
                ascii_safe(target.map(|t| t.value.raw.as_str()).unwrap_or("")),
                ascii_safe(
                    &target
                        .map(|t| parsed_short(&t.value, lang))
                        .unwrap_or_default(),
                ),
            ]);
        }
        let _ = writeln!(out, "{table}");
    }
    if !r.findings.is_empty() {
        let _ = writeln!(out, "\n{}", lang.pick("== 问题 ==", "== Findings =="));
        let _ = writeln!(out, "\n{}", super::findings::table(&r.findings, lang));
    }
    out
}

/// Markdown: the tables found and each project's indicators, ready to paste.
pub fn markdown(r: &Reading, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| {} |\n|---|",
        lang.pick("识别出的表", "tables found")
    );
    for t in &r.tables {
        let _ = writeln!(out, "| {} |", table_line(t, lang).replace('|', "\\|"));
    }
    for p in &r.projects {
        let _ = writeln!(out, "\n**{}**\n", p.name.value);
        if p.indicators.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "| {} |\n|---|---|---|---|---|",
            lang.pick(
                "单元格 | 二级指标 | 三级指标 | 维度 | 指标值",
                "cell | level 2 | indicator | dimension | target"
            )
        );
        for i in &p.indicators {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                i.target
                    .as_ref()
                    .map(|t| t.at.a1())
                    .unwrap_or_else(|| i.name.at.a1()),
                i.level2.as_ref().map(|l| l.value.as_str()).unwrap_or(""),
                i.name.value,
                i.dimension().map(|d| d.zh()).unwrap_or("?"),
                i.target
                    .as_ref()
                    .map(|t| t.value.raw.as_str())
                    .unwrap_or(""),
            );
        }
    }
    out
}
