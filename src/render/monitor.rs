//! `perf monitor` output: the summary sentence, a row per project with both lights, the findings.

use std::fmt::Write as _;

use anyhow::Result;
use serde_json::json;

use serde::Serialize;

use super::values::{ParsedJson, parsed_json};
use super::{ascii_safe, money, new_table, percent};
use crate::diag::{Counts, Finding};
use crate::i18n::Lang;
use crate::layout::Reading;
use crate::model::{Possibility, ReasonKind};
use crate::monitor::actions::{Action, ActionKind};
use crate::monitor::assemble::Monitored;
use crate::monitor::indicator::Method;
use crate::monitor::{AsOf, Level};

/// Everything the monitor renderers need.
pub struct Report<'a> {
    pub reading: &'a Reading,
    pub as_of: AsOf,
    pub monitored: &'a [Monitored],
    pub actions: &'a [Vec<Action>],
    pub findings: &'a [Finding],
    pub lang: Lang,
}

impl<'a> Report<'a> {
    pub fn of(o: &'a crate::monitor::Outcome) -> Self {
        Report {
            reading: &o.reading,
            as_of: o.as_of,
            monitored: &o.monitored,
            actions: &o.actions,
            findings: &o.findings,
            lang: o.lang,
        }
    }

    /// `截至9月底` / `截至2024年7月15日`.
    pub fn as_of_text(&self) -> String {
        match (self.as_of.day, self.lang) {
            (None, Lang::Zh) => format!("截至{}年{}月底", self.as_of.year, self.as_of.month),
            (Some(d), Lang::Zh) => {
                format!("截至{}年{}月{}日", self.as_of.year, self.as_of.month, d)
            }
            (None, Lang::En) => format!(
                "as of the end of {}-{:02}",
                self.as_of.year, self.as_of.month
            ),
            (Some(d), Lang::En) => {
                format!("as of {}-{:02}-{:02}", self.as_of.year, self.as_of.month, d)
            }
        }
    }

    /// Budget and executed over the projects whose execution was judged.
    pub fn totals(&self) -> (f64, f64) {
        self.monitored
            .iter()
            .filter_map(|m| m.counted_money())
            .fold((0.0, 0.0), |(b, e), (budget, executed)| {
                (b + budget, e + executed)
            })
    }

    pub fn count(&self, level: Level) -> usize {
        self.monitored.iter().filter(|m| m.worst() == level).count()
    }

    /// The sentence a finance bureau's report opens with, and what it
    /// says of spending without a usable budget.
    pub fn summary(&self) -> String {
        let mut s = self.summary_sentence();
        if let Some(note) = self.unpaced_note() {
            s.push_str(&note);
        }
        s
    }

    /// The money spent on projects whose full-year budget is zero, negative
    /// or not credible (M010): counted in 已执行, but no pace was judged.
    pub fn unpaced_note(&self) -> Option<String> {
        let spent: Vec<f64> = self
            .monitored
            .iter()
            .filter_map(|m| m.unpaced_spending)
            .collect();
        if spent.is_empty() {
            return None;
        }
        let n = spent.len();
        let total = money(spent.iter().sum());
        Some(crate::say!(
            self.lang,
            "{n}个项目全年预算数有误（为零、负数或明显不实），其已执行的{total}万元计入上述已执行数，但未判断执行进度，请核实预算数（M010）。",
            " {n} projects have a full-year budget that is zero, negative or not credible: the {total} (10k yuan) they executed is counted above, but their pace is not judged; check their budgets (M010)."
        ))
    }

    fn summary_sentence(&self) -> String {
        let (budget, executed) = self.totals();
        let tp = self.as_of.time_progress();
        let rate = if budget > 0.0 { executed / budget } else { 0.0 };
        let lag = (tp - rate) * 100.0;
        let n = self.monitored.len();
        let (red, yellow, green, over, na) = (
            self.count(Level::Red),
            self.count(Level::Yellow),
            self.count(Level::Green),
            self.count(Level::Over),
            self.count(Level::Na),
        );
        // No execution figure is invented where no input gives one.
        let executions = self.monitored.iter().any(|m| m.execution.is_some());
        match self.lang {
            Lang::Zh => {
                let gap = if lag >= 0.0 {
                    format!("低于序时进度{lag:.1}个百分点")
                } else {
                    format!("高于序时进度{:.1}个百分点", -lag)
                };
                let money_part = if executions {
                    format!(
                        "涉及预算资金{}万元，已执行{}万元，预算执行率{}，{gap}",
                        money(budget),
                        money(executed),
                        percent(rate)
                    )
                } else {
                    "输入中没有资金执行数据，预算执行率未作计算".to_string()
                };
                format!(
                    "{}，纳入绩效运行监控的项目共{n}个，{money_part}。其中红色预警{red}个，黄色预警{yellow}个，绿色{green}个{}{}。",
                    self.as_of_text(),
                    if over > 0 {
                        format!("，超额{over}个")
                    } else {
                        String::new()
                    },
                    if na > 0 {
                        format!("，暂无法判断{na}个")
                    } else {
                        String::new()
                    },
                )
            }
            Lang::En if !executions => format!(
                "{}, {n} projects monitored; no execution figures among the inputs, so no execution rate. Red {red}, yellow {yellow}, green {green}, over {over}, not assessable {na}.",
                self.as_of_text(),
            ),
            Lang::En => format!(
                "{}, {n} projects monitored with a budget of {} (10k yuan), {} executed, execution rate {}, {:.1} points {} time progress. Red {red}, yellow {yellow}, green {green}, over {over}, not assessable {na}.",
                self.as_of_text(),
                money(budget),
                money(executed),
                percent(rate),
                lag.abs(),
                if lag >= 0.0 { "behind" } else { "ahead of" }
            ),
        }
    }

    fn level_word(&self, l: Level) -> &'static str {
        self.lang.pick(l.zh(), l.key())
    }

    fn actions_text(&self, i: usize) -> String {
        self.actions[i]
            .iter()
            .map(|a| a.kind.label(self.lang))
            .collect::<Vec<_>>()
            .join(self.lang.pick("；", "; "))
    }
}

/// The terminal rendering.
pub fn table(r: &Report) -> String {
    let mut out = String::new();
    // The terminal's width, as the tables below (the markdown keeps one line).
    let _ = writeln!(out, "{}", super::wrap::wrap(&r.summary(), super::width()));
    let head = match r.lang {
        Lang::Zh => [
            "单位",
            "项目名称",
            "全年预算",
            "已执行",
            "执行率",
            "差距(百分点)",
            "执行预警",
            "指标预警",
            "建议措施",
        ],
        Lang::En => [
            "unit",
            "project",
            "budget",
            "executed",
            "rate",
            "gap (pp)",
            "execution",
            "indicators",
            "actions",
        ],
    };
    let mut t = new_table(&head);
    for (i, m) in r.monitored.iter().enumerate() {
        let e = m.execution;
        t.add_row(vec![
            ascii_safe(m.unit.as_deref().unwrap_or("")),
            ascii_safe(&m.name),
            e.map(|e| money(e.budget)).unwrap_or_default(),
            e.map(|e| money(e.executed)).unwrap_or_default(),
            e.map(|e| percent(e.rate)).unwrap_or_default(),
            e.map(|e| format!("{:.1}", e.lag_pp)).unwrap_or_default(),
            r.level_word(m.level).to_string(),
            r.level_word(m.indicator_level).to_string(),
            r.actions_text(i),
        ]);
    }
    let _ = writeln!(out, "{t}");
    if !r.findings.is_empty() {
        let _ = writeln!(out, "\n{}", super::findings::table(r.findings, r.lang));
    }
    out
}

#[derive(Serialize)]
struct ActionJson<'a> {
    kind: ActionKind,
    action: &'static str,
    reason: &'a str,
}

#[derive(Serialize)]
struct IndicatorJson<'a> {
    name: &'a str,
    dimension: Option<&'static str>,
    target: Option<ParsedJson<'a>>,
    actual: Option<ParsedJson<'a>>,
    forecast: Option<&'a str>,
    method: Method,
    expected: Option<f64>,
    progress: Option<f64>,
    level: &'static str,
    reasons: &'a [ReasonKind],
    reason_text: Option<&'a str>,
    possibility: Option<Possibility>,
}

#[derive(Serialize)]
struct ProjectJson<'a> {
    name: &'a str,
    code: Option<&'a str>,
    unit: Option<&'a str>,
    budget: Option<f64>,
    executed: Option<f64>,
    execution_rate: Option<f64>,
    pace: Option<f64>,
    lag_pp: Option<f64>,
    level: &'static str,
    indicator_level: &'static str,
    actions: Vec<ActionJson<'a>>,
    indicators: Vec<IndicatorJson<'a>>,
}

fn project_json<'a>(r: &'a Report, i: usize, m: &'a Monitored) -> ProjectJson<'a> {
    let e = m.execution;
    ProjectJson {
        name: &m.name,
        code: m.code.as_deref(),
        unit: m.unit.as_deref(),
        budget: e.map(|e| e.budget),
        executed: e.map(|e| e.executed),
        execution_rate: e.map(|e| e.rate),
        pace: e.map(|e| e.pace),
        lag_pp: e.map(|e| e.lag_pp),
        level: m.level.key(),
        indicator_level: m.indicator_level.key(),
        actions: r.actions[i]
            .iter()
            .map(|a| ActionJson {
                kind: a.kind,
                action: a.kind.label(r.lang),
                reason: &a.reason,
            })
            .collect(),
        indicators: m
            .indicators
            .iter()
            .map(|w| {
                let ind = &r.reading.projects[w.project].indicators[w.index];
                IndicatorJson {
                    name: &ind.name.value,
                    dimension: ind.dimension().map(|d| d.key()),
                    target: ind.target.as_ref().map(|t| parsed_json(&t.value)),
                    actual: ind.actual.as_ref().map(|t| parsed_json(&t.value)),
                    forecast: ind.forecast.as_ref().map(|t| t.value.raw.as_str()),
                    method: w.judged.method,
                    expected: w.judged.expected,
                    progress: w.judged.progress,
                    level: w.judged.level.key(),
                    reasons: &ind.reasons,
                    reason_text: ind.reason_text.as_ref().map(|t| t.value.as_str()),
                    possibility: ind.possibility.as_ref().map(|p| p.value),
                }
            })
            .collect(),
    }
}

/// The JSON document of output.md, indented for a reader.
pub fn write_json(r: &Report, out: &mut dyn std::io::Write) -> Result<()> {
    write_json_as(r, out, true)
}

/// The same document on one line, for a file that scripts and the next
/// month's `--previous` read (`perf batch`'s monitor.json: a third the size).
pub fn write_json_compact(r: &Report, out: &mut dyn std::io::Write) -> Result<()> {
    write_json_as(r, out, false)
}

fn write_json_as(r: &Report, out: &mut dyn std::io::Write, pretty: bool) -> Result<()> {
    let c = Counts::of(r.findings);
    let (budget, executed) = r.totals();
    let as_of = match r.as_of.day {
        None => json!({"year": r.as_of.year, "month": r.as_of.month}),
        Some(_) => json!(r.as_of.as_date().format("%Y-%m-%d").to_string()),
    };
    let doc = json!({
        "command": "monitor",
        "perf_version": crate::VERSION,
        "as_of": as_of,
        "time_progress": r.as_of.time_progress(),
        "inputs": r.reading.inputs.iter().map(|i| json!({"path": i.path, "format": i.format.label()})).collect::<Vec<_>>(),
        "summary": {
            "projects": r.monitored.len(),
            "budget": budget,
            "executed": executed,
            "red": r.count(Level::Red), "yellow": r.count(Level::Yellow), "green": r.count(Level::Green),
            "over": r.count(Level::Over), "na": r.count(Level::Na),
            "indicators": r.monitored.iter().map(|m| m.indicators.len()).sum::<usize>(),
            "errors": c.errors, "warnings": c.warnings, "infos": c.infos,
            "text": r.summary(),
        },
    });
    // The big parts are serialised straight from borrowed structs, not through a Value tree.
    let doc = super::JsonDoc {
        head: doc,
        projects: super::Streamed(|| {
            r.monitored
                .iter()
                .enumerate()
                .map(|(i, m)| project_json(r, i, m))
        }),
        findings: r.findings,
    };
    if pretty {
        serde_json::to_writer_pretty(&mut *out, &doc)?;
    } else {
        serde_json::to_writer(&mut *out, &doc)?;
    }
    out.write_all(b"\n")?;
    Ok(())
}

/// Markdown ready to paste.
pub fn markdown(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", r.summary());
    let head = match r.lang {
        Lang::Zh => {
            "| 单位 | 项目名称 | 全年预算(万元) | 已执行(万元) | 执行率 | 差距(百分点) | 执行预警 | 指标预警 | 建议措施 |"
        }
        Lang::En => {
            "| unit | project | budget | executed | rate | gap (pp) | execution | indicators | actions |"
        }
    };
    let _ = writeln!(out, "{head}\n|---|---|---:|---:|---:|---:|---|---|---|");
    for (i, m) in r.monitored.iter().enumerate() {
        let e = m.execution;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            m.unit.as_deref().unwrap_or(""),
            m.name,
            e.map(|e| money(e.budget)).unwrap_or_default(),
            e.map(|e| money(e.executed)).unwrap_or_default(),
            e.map(|e| percent(e.rate)).unwrap_or_default(),
            e.map(|e| format!("{:.1}", e.lag_pp)).unwrap_or_default(),
            r.level_word(m.level),
            r.level_word(m.indicator_level),
            r.actions_text(i)
        );
    }
    out.push_str(&super::findings::markdown(r.findings, r.lang));
    out
}
