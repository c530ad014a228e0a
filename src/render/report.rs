//! `perf report`: the narrative for the county government, then tables by unit, by budget kind, by light.

use std::fmt::Write as _;

use anyhow::Result;
use serde_json::json;

use super::monitor::Report;
use super::{money, percent};
use crate::disclose::{AHEAD_DAYS, Disclosed, Standing};
use crate::i18n::Lang;
use crate::monitor::assemble::Monitored;
use crate::report::{Disclosure, Group, Rollup};

/// How many lagging projects the narrative names one by one.
const NAMED: usize = 10;

/// At most this many projects in a list of the narrative (纠偏/暂缓/停止/调减):
/// a paragraph naming a hundred projects is unreadable; every project is in
/// the 附件 tables after the statistics.
const PROJECTS_LISTED: usize = 10;

/// At most this many units that did not report, named in the narrative.
const UNITS_LISTED: usize = 30;

/// A lagging project's row in the 附件 table: unit, project, budget,
/// executed, rate, gap and the stated reason (`none` when none is given).
pub(crate) fn lag_row(r: &Report, m: &Monitored, none: &str) -> Vec<String> {
    let e = m.execution;
    vec![
        m.unit.clone().unwrap_or_default(),
        m.name.clone(),
        e.map(|e| money(e.budget)).unwrap_or_default(),
        e.map(|e| money(e.executed)).unwrap_or_default(),
        e.map(|e| percent(e.rate)).unwrap_or_default(),
        e.map(|e| format!("{:.1}", e.lag_pp)).unwrap_or_default(),
        reason_of(r, m).unwrap_or_else(|| none.into()),
    ]
}

/// Up to `limit` names joined by `sep`, then `more(n)` when there are more.
pub(crate) fn listed(
    names: &[String],
    limit: usize,
    sep: &str,
    more: impl Fn(usize) -> String,
) -> String {
    let mut out = names
        .iter()
        .take(limit)
        .cloned()
        .collect::<Vec<_>>()
        .join(sep);
    if names.len() > limit {
        out.push_str(&more(names.len()));
    }
    out
}

/// The numbers of the 附件 tables (the lagging projects, the proposals), in
/// the order they follow the statistics; None for a list that is empty.
#[derive(Clone, Copy)]
pub(crate) struct Annexes {
    pub lagging: Option<usize>,
    pub proposals: Option<usize>,
}

impl Annexes {
    pub(crate) fn of(roll: &Rollup) -> Self {
        let lagging = (!roll.lagging.is_empty()).then_some(1);
        let any = [
            &roll.correct,
            &roll.overspent,
            &roll.suspend,
            &roll.stop,
            &roll.reduce,
        ]
        .iter()
        .any(|l| !l.is_empty());
        Annexes {
            lagging,
            proposals: any.then_some(lagging.map_or(1, |n| n + 1)),
        }
    }
}

/// The reason a lagging project gives, from its execution line or its indicator rows.
pub(crate) fn reason_of(r: &Report, m: &Monitored) -> Option<String> {
    let line = m
        .money_line(r.reading)
        .and_then(|l| l.reason_text.as_ref().map(|t| t.value.clone()));
    line.or_else(|| {
        m.indicators.iter().find_map(|w| {
            let i = &r.reading.projects[w.project].indicators[w.index];
            let kinds: Vec<&str> = i.reasons.iter().map(|k| k.zh()).collect();
            match (&i.reason_text, kinds.is_empty()) {
                (Some(t), true) => Some(t.value.clone()),
                (Some(t), false) => Some(format!("{}（{}）", t.value, kinds.join("、"))),
                (None, false) => Some(kinds.join("、")),
                (None, true) => None,
            }
        })
    })
}

/// A lagging project as the report names it: who, how far behind, and the
/// reason given (or that none was): `中小学校舍维修改造（执行率34.0%，低于序时进度16.0个百分点，原因：…）`.
pub(crate) fn lagging_item(r: &Report, m: &Monitored) -> String {
    let e = m
        .execution
        .map(|e| {
            format!(
                "执行率{}，低于序时进度{:.1}个百分点",
                percent(e.rate),
                e.lag_pp
            )
        })
        .unwrap_or_default();
    let why = reason_of(r, m)
        .map(|t| format!("，原因：{t}"))
        .unwrap_or_else(|| "，未说明原因".into());
    format!("{}（{e}{why}）", who(m))
}

pub(crate) fn who(m: &Monitored) -> String {
    match &m.unit {
        Some(u) => format!("{u}「{}」", m.name),
        None => format!("「{}」", m.name),
    }
}

/// The input files that could not be read: the S001 findings of files (a
/// unit's workbook that could not be written is an S001 of its unit), each
/// file's name once, in order.
pub(crate) fn unreadable(r: &Report) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for f in r
        .findings
        .iter()
        .filter(|f| f.code == "S001" && f.unit.is_none())
    {
        let path = std::path::Path::new(&f.file);
        let name = path
            .file_name()
            .map_or_else(|| f.file.clone(), |n| n.to_string_lossy().into_owned());
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The units whose monitoring workbook a batch could not write (S001 of a unit).
pub(crate) fn unwritten(r: &Report) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    for f in r.findings.iter().filter(|f| f.code == "S001") {
        if let Some(u) = &f.unit
            && !units.contains(u)
        {
            units.push(u.clone());
        }
    }
    units
}

/// The narrative's paragraphs on files that could not be read (their data
/// are not in the figures, which the reader must know) and on units whose
/// workbooks could not be written.
fn failed_text(r: &Report) -> String {
    let mut s = String::new();
    let files = unreadable(r);
    if !files.is_empty() {
        let n = files.len();
        let _ = match r.lang {
            Lang::Zh => write!(
                s,
                "未能读取的文件（{n}个）：{}。其数据未纳入本报告，原因见问题清单（S001），请核实后重新报送。\n\n",
                listed(&files, UNITS_LISTED, "、", |n| format!("等{n}个文件"))
            ),
            Lang::En => write!(
                s,
                "Files that could not be read ({n}): {}. Their data are not in this report; the reasons are in the findings (S001).\n\n",
                listed(&files, UNITS_LISTED, ", ", |n| format!(
                    " and others ({n} in all)"
                ))
            ),
        };
    }
    let units = unwritten(r);
    if !units.is_empty() {
        let n = units.len();
        let _ = match r.lang {
            Lang::Zh => write!(
                s,
                "未能写出监控工作簿的单位（{n}个）：{}。其数据已计入本报告，原因见问题清单（S001），处理后请重新运行。\n\n",
                listed(&units, UNITS_LISTED, "、", |n| format!("等{n}个单位"))
            ),
            Lang::En => write!(
                s,
                "Units whose monitoring workbook could not be written ({n}): {}. Their data are in this report; the reasons are in the findings (S001).\n\n",
                listed(&units, UNITS_LISTED, ", ", |n| format!(
                    " and others ({n} in all)"
                ))
            ),
        };
    }
    s
}

/// The narrative, in the register of a finance bureau's report.
pub fn narrative(r: &Report, roll: &Rollup) -> String {
    let mut s = String::new();
    let annexes = Annexes::of(roll);
    let tp = r.as_of.time_progress();
    if !roll.monitoring {
        // Publication records alone: the 信息公开 section is the report.
        if let Some(d) = &roll.disclosure {
            s.push_str(&disclosure_text(r, d));
        }
        return s.trim_end().to_string() + "\n";
    }
    match r.lang {
        Lang::Zh => {
            let c = &roll.county;
            let rate = c.rate().unwrap_or(0.0);
            let lag = (tp - rate) * 100.0;
            let gap = if lag >= 0.0 {
                format!("低于序时进度{lag:.1}个百分点")
            } else {
                format!("高于序时进度{:.1}个百分点", -lag)
            };
            // No execution figure is invented where no input gives one.
            let money_part = if r.monitored.iter().any(|m| m.execution.is_some()) {
                format!(
                    "涉及预算资金{}万元，已执行{}万元，预算执行率{}，{gap}",
                    money(c.budget),
                    money(c.executed),
                    percent(rate)
                )
            } else {
                "输入中没有资金执行数据，预算执行率未作计算".to_string()
            };
            let _ = write!(
                s,
                "{}，全县纳入绩效运行监控的项目共{}个，{money_part}。其中红色预警{}个，黄色预警{}个，绿色{}个",
                r.as_of_text(),
                c.projects,
                c.red,
                c.yellow,
                c.green
            );
            if c.over > 0 {
                let _ = write!(s, "，超额{}个", c.over);
            }
            if c.na > 0 {
                let _ = write!(s, "，暂无法判断{}个", c.na);
            }
            s.push('。');
            if let Some(note) = r.unpaced_note() {
                s.push_str(&note);
            }
            s.push_str("\n\n");
            if let Some(t) = targets_text(&roll.targets) {
                s.push_str(&t);
                s.push_str("\n\n");
            }
            if !roll.lagging.is_empty() {
                s.push_str("预算执行滞后的项目主要有：");
                let items: Vec<String> = roll
                    .lagging
                    .iter()
                    .take(NAMED)
                    .map(|&i| lagging_item(r, &r.monitored[i]))
                    .collect();
                s.push_str(&items.join("；"));
                if roll.lagging.len() > NAMED {
                    let _ = write!(s, "等{}个项目", roll.lagging.len());
                    if let Some(n) = annexes.lagging {
                        let _ = write!(s, "（详见附件{n}）");
                    }
                }
                s.push_str("。\n\n");
            }
            for (list, what) in [
                (&roll.correct, "建议单位分析原因、及时纠偏的项目"),
                (
                    &roll.overspent,
                    "执行超过全年预算、建议核实超支原因并按程序调整预算或收回超支资金的项目",
                ),
                (&roll.suspend, "建议暂缓执行的项目"),
                (&roll.stop, "建议停止执行的项目"),
                (
                    &roll.reduce,
                    "上一轮预警后整改不到位、建议调减或收回资金并报告县政府的项目",
                ),
            ] {
                if !list.is_empty() {
                    let names: Vec<String> = list.iter().map(|&i| who(&r.monitored[i])).collect();
                    let names = listed(&names, PROJECTS_LISTED, "、", |n| {
                        match annexes.proposals {
                            Some(a) => format!("等{n}个项目（详见附件{a}）"),
                            None => format!("等{n}个项目"),
                        }
                    });
                    let _ = writeln!(s, "{what}（{}个）：{names}。\n", list.len());
                }
            }
            if !roll.not_reported.is_empty() {
                let _ = writeln!(
                    s,
                    "未报送绩效监控材料的单位（{}个）：{}。\n",
                    roll.not_reported.len(),
                    listed(&roll.not_reported, UNITS_LISTED, "、", |n| format!(
                        "等{n}个单位"
                    ))
                );
            }
            s.push_str(&failed_text(r));
        }
        Lang::En => {
            s.push_str(&r.summary());
            s.push_str("\n\n");
            if !roll.lagging.is_empty() {
                let names: Vec<String> = roll
                    .lagging
                    .iter()
                    .take(NAMED)
                    .map(|&i| who(&r.monitored[i]))
                    .collect();
                let more = match (roll.lagging.len() > NAMED, annexes.lagging) {
                    (true, Some(a)) => {
                        format!(" and others ({} in all, see Annex {a})", roll.lagging.len())
                    }
                    _ => String::new(),
                };
                let _ = writeln!(s, "Lagging: {}{more}.\n", names.join("; "));
            }
            for (list, what) in [
                (&roll.correct, "Correct"),
                (
                    &roll.overspent,
                    "Overspent (verify, adjust the budget or take the excess back)",
                ),
                (&roll.suspend, "Suspend"),
                (&roll.stop, "Stop"),
                (&roll.reduce, "Reduce or take back and report"),
            ] {
                if !list.is_empty() {
                    let names: Vec<String> = list.iter().map(|&i| who(&r.monitored[i])).collect();
                    let names =
                        listed(&names, PROJECTS_LISTED, ", ", |n| match annexes.proposals {
                            Some(a) => format!(" and others ({n} in all, see Annex {a})"),
                            None => format!(" and others ({n} in all)"),
                        });
                    let _ = writeln!(s, "{what}: {names}.\n");
                }
            }
            if !roll.not_reported.is_empty() {
                let _ = writeln!(
                    s,
                    "Units that did not report: {}.\n",
                    listed(&roll.not_reported, UNITS_LISTED, ", ", |n| format!(
                        " and others ({n} in all)"
                    ))
                );
            }
            s.push_str(&failed_text(r));
        }
    }
    if let Some(d) = &roll.disclosure {
        s.push_str(&disclosure_text(r, d));
    }
    s.trim_end().to_string() + "\n"
}

/// 绩效目标完成情况: the indicator half of 双监控, when indicators were monitored.
pub(crate) fn targets_text(t: &crate::report::targets::Targets) -> Option<String> {
    if t.indicators == 0 {
        return None;
    }
    let mut s = format!(
        "绩效目标方面，纳入监控的绩效指标{}个，可判断进度的{}个，其中进度正常{}个，滞后于预期进度{}个（红色{}个），超额{}个",
        t.indicators, t.judged, t.green, t.behind, t.red, t.ahead
    );
    if t.deadlines_missed > 0 {
        let _ = write!(s, "；已过完成时限仍未完成的{}个", t.deadlines_missed);
    }
    if t.impossible > 0 {
        let _ = write!(s, "；单位判断“完全不可能”完成的{}个", t.impossible);
    }
    if t.effect_pending > 0 {
        let _ = write!(s, "；效果指标{}个年中暂无法评价", t.effect_pending);
    }
    if t.other_pending > 0 {
        let _ = write!(
            s,
            "；另有{}个指标缺少可比较的目标值或完成值，暂无法判断",
            t.other_pending
        );
    }
    let _ = write!(s, "。绩效指标滞后的项目{}个。", t.projects_behind);
    Some(s)
}

/// The item and unit of a publication record, as the narrative names it.
fn item(r: &Report, d: &Disclosed) -> String {
    let p = &r.reading.publications[d.index];
    match &p.unit {
        Some(u) if !p.name.value.contains(u.value.as_str()) => {
            format!("{}「{}」", u.value, p.name.value)
        }
        _ => format!("「{}」", p.name.value),
    }
}

/// 信息公开: counts, what is overdue, what falls due in the next days.
pub(crate) fn disclosure_text(r: &Report, d: &Disclosure) -> String {
    let mut s = String::new();
    let overdue = d.overdue();
    let soon = d.due_soon();
    let date = |x: Option<chrono::NaiveDate>| x.map(|v| v.to_string()).unwrap_or_default();
    match r.lang {
        Lang::Zh => {
            let _ = write!(
                s,
                "信息公开：截至{}，登记绩效信息公开事项{}项，按时公开{}项，逾期公开{}项，逾期未公开{}项，{}日内到期{}项。",
                d.as_of.format("%Y年%-m月%-d日"),
                d.records.len(),
                d.count(Standing::OnTime),
                d.count(Standing::Late),
                overdue.len(),
                AHEAD_DAYS,
                soon.len()
            );
            if !overdue.is_empty() {
                let items: Vec<String> = overdue
                    .iter()
                    .map(|x| {
                        format!(
                            "{}（应于{}前公开，已逾期{}天）",
                            item(r, x),
                            date(x.due),
                            x.days_late.unwrap_or(0)
                        )
                    })
                    .collect();
                let _ = write!(s, "逾期未公开的有：{}。", items.join("；"));
            }
            if !soon.is_empty() {
                let items: Vec<String> = soon
                    .iter()
                    .map(|x| format!("{}（{}前）", item(r, x), date(x.due)))
                    .collect();
                let _ = write!(s, "{}日内应公开的有：{}。", AHEAD_DAYS, items.join("；"));
            }
            let unknown = d.unknown();
            if !unknown.is_empty() {
                let items: Vec<String> = unknown
                    .iter()
                    .map(|x| {
                        format!(
                            "{}（缺少{}）",
                            item(r, x),
                            x.missing.map(|m| m.zh()).unwrap_or_default()
                        )
                    })
                    .collect();
                let _ = write!(
                    s,
                    "无法判断是否按时公开的{}项：{} — 请在登记表中补填相应日期（绩效目标随预算公开，按预算公开日期或预算批复后20日判断）。",
                    unknown.len(),
                    items.join("；")
                );
            }
        }
        Lang::En => {
            let _ = write!(
                s,
                "Disclosure as of {}: {} records, {} on time, {} published late, {} overdue, {} due within {} days.",
                d.as_of,
                d.records.len(),
                d.count(Standing::OnTime),
                d.count(Standing::Late),
                overdue.len(),
                soon.len(),
                AHEAD_DAYS
            );
            if !overdue.is_empty() {
                let items: Vec<String> = overdue
                    .iter()
                    .map(|x| {
                        format!(
                            "{} (due {}, {} days overdue)",
                            item(r, x),
                            date(x.due),
                            x.days_late.unwrap_or(0)
                        )
                    })
                    .collect();
                let _ = write!(s, " Overdue: {}.", items.join("; "));
            }
            if !soon.is_empty() {
                let items: Vec<String> = soon
                    .iter()
                    .map(|x| format!("{} (by {})", item(r, x), date(x.due)))
                    .collect();
                let _ = write!(s, " Due soon: {}.", items.join("; "));
            }
            let unknown = d.unknown();
            if !unknown.is_empty() {
                let items: Vec<String> = unknown
                    .iter()
                    .map(|x| {
                        format!(
                            "{} (no {})",
                            item(r, x),
                            x.missing.map(|m| m.en()).unwrap_or_default()
                        )
                    })
                    .collect();
                let _ = write!(
                    s,
                    " Not judged, {} without a date: {} — record the date (targets go with the budget: its publication date, or 20 days after its approval).",
                    unknown.len(),
                    items.join("; ")
                );
            }
        }
    }
    s.push_str("\n\n");
    s
}

/// Rows of the disclosure table: what was late, is overdue or falls due soon.
fn disclosure_rows(r: &Report, d: &Disclosure) -> Vec<[String; 8]> {
    let date = |x: Option<chrono::NaiveDate>| x.map(|v| v.to_string()).unwrap_or_default();
    let mut listed: Vec<&Disclosed> = d.overdue();
    listed.extend(d.records.iter().filter(|x| x.standing == Standing::Late));
    listed.extend(d.due_soon());
    listed.extend(d.unknown());
    listed
        .into_iter()
        .map(|x| {
            let p = &r.reading.publications[x.index];
            [
                p.unit.as_ref().map(|u| u.value.clone()).unwrap_or_default(),
                p.name.value.clone(),
                p.kind
                    .as_ref()
                    .map(|k| r.lang.pick(k.value.zh(), k.value.en()).to_string())
                    .unwrap_or_default(),
                date(p.formed.as_ref().map(|f| f.value)),
                date(x.due),
                date(p.published.as_ref().map(|f| f.value)),
                r.lang.pick(x.standing.zh(), x.standing.en()).to_string(),
                match (x.days_late, x.days_left, r.lang) {
                    _ if x.missing.is_some() => match (x.missing, r.lang) {
                        (Some(m), Lang::Zh) => format!("缺{}", m.zh()),
                        (Some(m), Lang::En) => format!("no {}", m.en()),
                        (None, _) => String::new(),
                    },
                    (Some(n), _, Lang::Zh) => format!("逾期{n}天"),
                    (Some(n), _, Lang::En) => format!("{n} late"),
                    (None, Some(n), Lang::Zh) => format!("还剩{n}天"),
                    (None, Some(n), Lang::En) => format!("{n} left"),
                    _ => String::new(),
                },
            ]
        })
        .collect()
}

/// The rows of a table by unit, tier or budget kind, ending in the 合计 row
/// (the county's totals, which the rows add up to).
fn group_rows(groups: &[Group], total: &Group, tp: f64) -> Vec<[String; 8]> {
    groups
        .iter()
        .chain(std::iter::once(total))
        .map(|g| group_cells(g, tp))
        .collect()
}

/// One roll-up row: name, projects, budget, executed, rate, lag, red, yellow
/// (every text and the Word report lay it out alike).
pub(crate) fn group_cells(g: &Group, tp: f64) -> [String; 8] {
    [
        g.key.clone(),
        g.projects.to_string(),
        money(g.budget),
        money(g.executed),
        g.rate().map(percent).unwrap_or_default(),
        g.lag_pp(tp).map(|l| format!("{l:.1}")).unwrap_or_default(),
        g.red.to_string(),
        g.yellow.to_string(),
    ]
}

fn head(lang: Lang, first: &str) -> [String; 8] {
    let h = match lang {
        Lang::Zh => [
            "",
            "项目数",
            "预算(万元)",
            "已执行(万元)",
            "执行率",
            "差距(百分点)",
            "红色",
            "黄色",
        ],
        Lang::En => [
            "", "projects", "budget", "executed", "rate", "gap (pp)", "red", "yellow",
        ],
    };
    let mut out = h.map(String::from);
    out[0] = first.to_string();
    out
}

fn tables(r: &Report, roll: &Rollup) -> Vec<(String, [String; 8], Vec<[String; 8]>)> {
    if !roll.monitoring {
        return disclosure_table(r, roll).into_iter().collect();
    }
    let tp = r.as_of.time_progress();
    let mut total = roll.total();
    if r.lang == Lang::En {
        total.key = "total".into();
    }
    let mut t = vec![(
        r.lang.pick("按单位", "By unit").to_string(),
        head(r.lang, r.lang.pick("单位", "unit")),
        group_rows(&roll.by_unit, &total, tp),
    )];
    if !roll.by_tier.is_empty() {
        t.push((
            r.lang
                .pick("按单位层级（县级部门、乡镇）", "By tier")
                .to_string(),
            head(r.lang, r.lang.pick("层级", "tier")),
            group_rows(&roll.by_tier, &total, tp),
        ));
    }
    if !roll.by_kind.is_empty() {
        t.push((
            r.lang
                .pick("按预算类型（四本预算）", "By budget")
                .to_string(),
            head(r.lang, r.lang.pick("预算类型", "budget")),
            group_rows(&roll.by_kind, &total, tp),
        ));
    }
    if !roll.by_category.is_empty() {
        t.push((
            r.lang
                .pick(
                    "按专项类别（基建、投资基金、采购、购买服务、债务、PPP）",
                    "By special category",
                )
                .to_string(),
            head(r.lang, r.lang.pick("专项类别", "category")),
            // The categories do not cover every project: no 合计 to mislead.
            roll.by_category
                .iter()
                .flat_map(|g| group_rows(&[], g, tp))
                .collect(),
        ));
    }
    let levels = [
        (r.lang.pick("红色", "red"), roll.county.red),
        (r.lang.pick("黄色", "yellow"), roll.county.yellow),
        (r.lang.pick("绿色", "green"), roll.county.green),
        (r.lang.pick("超额", "over"), roll.county.over),
        (r.lang.pick("暂无法判断", "not assessable"), roll.county.na),
    ];
    let mut by_level = head(r.lang, r.lang.pick("预警等级", "light"));
    by_level[2..].iter_mut().for_each(|c| c.clear());
    t.push((
        r.lang.pick("按预警等级", "By light").to_string(),
        by_level,
        levels
            .iter()
            .copied()
            .chain(std::iter::once((
                r.lang.pick("合计", "total"),
                roll.county.projects,
            )))
            .map(|(l, n)| {
                [
                    l.to_string(),
                    n.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]
            })
            .collect(),
    ));
    t.extend(disclosure_table(r, roll));
    t.extend(annex_tables(r, roll));
    t
}

/// The 附件 the narrative refers to: every lagging project with its reason,
/// every proposed action with its reason (strongest first).
pub(crate) fn annex_tables(
    r: &Report,
    roll: &Rollup,
) -> Vec<(String, [String; 8], Vec<[String; 8]>)> {
    let annexes = Annexes::of(roll);
    let mut t = Vec::new();
    let cells = |v: Vec<String>| -> [String; 8] {
        let mut out: [String; 8] = Default::default();
        for (o, c) in out.iter_mut().zip(v) {
            *o = c;
        }
        out
    };
    if let Some(n) = annexes.lagging {
        let head = match r.lang {
            Lang::Zh => [
                "单位",
                "项目",
                "预算(万元)",
                "已执行(万元)",
                "执行率",
                "差距(百分点)",
                "偏差原因",
                "",
            ],
            Lang::En => [
                "unit", "project", "budget", "executed", "rate", "gap (pp)", "reason", "",
            ],
        };
        let rows = roll
            .lagging
            .iter()
            .map(|&i| {
                let none = r.lang.pick("未说明原因", "none given");
                cells(lag_row(r, &r.monitored[i], none))
            })
            .collect();
        let title = match r.lang {
            Lang::Zh => format!("附件{n} 预算执行滞后项目"),
            Lang::En => format!("Annex {n}: lagging projects"),
        };
        t.push((title, head.map(String::from), rows));
    }
    if let Some(n) = annexes.proposals {
        let head = match r.lang {
            Lang::Zh => ["单位", "项目", "建议措施", "理由", "", "", "", ""],
            Lang::En => ["unit", "project", "action", "why", "", "", "", ""],
        };
        let mut rows = Vec::new();
        for list in [
            &roll.reduce,
            &roll.stop,
            &roll.suspend,
            &roll.overspent,
            &roll.correct,
        ] {
            for &i in list.iter() {
                let m = &r.monitored[i];
                let a = r.actions[i].first();
                rows.push(cells(vec![
                    m.unit.clone().unwrap_or_default(),
                    m.name.clone(),
                    a.map(|a| a.kind.label(r.lang).to_string())
                        .unwrap_or_default(),
                    a.map(|a| a.reason.clone()).unwrap_or_default(),
                ]));
            }
        }
        let title = match r.lang {
            Lang::Zh => format!("附件{n} 处理建议项目清单"),
            Lang::En => format!("Annex {n}: proposed actions"),
        };
        t.push((title, head.map(String::from), rows));
    }
    t
}

/// The 信息公开 table, when there are records to list.
fn disclosure_table(r: &Report, roll: &Rollup) -> Option<(String, [String; 8], Vec<[String; 8]>)> {
    let d = roll.disclosure.as_ref()?;
    let rows = disclosure_rows(r, d);
    if rows.is_empty() {
        return None;
    }
    let h = match r.lang {
        Lang::Zh => [
            "单位",
            "公开事项",
            "类型",
            "形成日期",
            "应公开日期",
            "公开日期",
            "状态",
            "天数",
        ],
        Lang::En => [
            "unit",
            "item",
            "kind",
            "formed",
            "due",
            "published",
            "standing",
            "days",
        ],
    };
    Some((
        r.lang
            .pick(
                "信息公开（逾期与即将到期）",
                "Disclosure (late and due soon)",
            )
            .to_string(),
        h.map(String::from),
        rows,
    ))
}

/// Markdown: the narrative, then the tables.
pub fn markdown(r: &Report, roll: &Rollup) -> String {
    let mut s = narrative(r, roll);
    for (title, head, rows) in tables(r, roll) {
        let width = head.iter().filter(|h| !h.is_empty()).count().max(2);
        let _ = writeln!(s, "\n### {title}\n");
        let _ = writeln!(s, "| {} |", head[..width].join(" | "));
        let _ = writeln!(s, "|{}", "---|".repeat(width));
        for row in rows {
            // A name holding `|` or a line break must not add a column or end the row.
            let cells: Vec<String> = row[..width]
                .iter()
                .map(|c| super::findings::md_cell(c))
                .collect();
            let _ = writeln!(s, "| {} |", cells.join(" | "));
        }
    }
    s
}

/// Plain text to paste into a word processor: the narrative, then the tables
/// with their cells separated by tabs, which Word (表格 › 文本转换成表格) and
/// Excel take as columns.
pub fn text(r: &Report, roll: &Rollup) -> String {
    let mut s = narrative(r, roll);
    // A tab or line break inside a cell would start a new cell or row.
    let cell = |c: &str| c.replace(['\t', '\r', '\n'], " ");
    for (title, head, rows) in tables(r, roll) {
        let width = head.iter().filter(|h| !h.is_empty()).count().max(2);
        let _ = writeln!(s, "\n{title}");
        let line = |cells: &[String]| cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join("\t");
        let _ = writeln!(s, "{}", line(&head[..width]));
        for row in &rows {
            let _ = writeln!(s, "{}", line(&row[..width]));
        }
    }
    s
}

/// JSON: the narrative and the roll-up.
pub fn json(r: &Report, roll: &Rollup) -> Result<String> {
    let names = |list: &[usize]| {
        list.iter().map(|&i| json!({"name": r.monitored[i].name, "code": r.monitored[i].code, "unit": r.monitored[i].unit})).collect::<Vec<_>>()
    };
    let tp = r.as_of.time_progress();
    let group = |g: &Group| json!({"key": g.key, "projects": g.projects, "budget": g.budget, "executed": g.executed, "execution_rate": g.rate(), "lag_pp": g.lag_pp(tp), "red": g.red, "yellow": g.yellow, "green": g.green, "over": g.over, "na": g.na});
    let doc = json!({
        "command": "report",
        "perf_version": crate::VERSION,
        "as_of": {"year": r.as_of.year, "month": r.as_of.month, "day": r.as_of.day},
        "time_progress": tp,
        "narrative": narrative(r, roll),
        "county": group(&roll.county),
        "by_unit": roll.by_unit.iter().map(group).collect::<Vec<_>>(),
        "by_budget": roll.by_kind.iter().map(group).collect::<Vec<_>>(),
        // The 合计 row each table ends in: the county's totals.
        "total": group(&roll.total()),
        "lagging": names(&roll.lagging),
        "suspend": names(&roll.suspend),
        "stop": names(&roll.stop),
        "correct": names(&roll.correct),
        "overspent": names(&roll.overspent),
        "reduce_and_report": names(&roll.reduce),
        "not_reported": roll.not_reported,
        "unreadable": unreadable(r),
        "unwritten": unwritten(r),
        "targets": roll.targets,
        "findings": r.findings,
        "monitoring": roll.monitoring,
    });
    let mut doc = doc;
    if !roll.by_category.is_empty() {
        doc["by_category"] = roll
            .by_category
            .iter()
            .map(group)
            .collect::<Vec<_>>()
            .into();
    }
    if !roll.by_tier.is_empty() {
        doc["by_tier"] = roll.by_tier.iter().map(group).collect::<Vec<_>>().into();
    }
    if let Some(d) = &roll.disclosure {
        doc["disclosure"] = json!({
            "as_of": d.as_of.to_string(),
            "on_time": d.count(Standing::OnTime),
            "late": d.count(Standing::Late),
            "overdue": d.count(Standing::Overdue),
            "due_soon": d.count(Standing::DueSoon),
            "records": d.records.iter().map(|x| {
                let p = &r.reading.publications[x.index];
                json!({
                    "name": p.name.value,
                    "unit": p.unit.as_ref().map(|u| u.value.clone()),
                    "kind": p.kind.as_ref().map(|k| k.value),
                    "formed": p.formed.as_ref().map(|f| f.value.to_string()),
                    "due": x.due.map(|v| v.to_string()),
                    "published": p.published.as_ref().map(|f| f.value.to_string()),
                    "place": p.place.as_ref().map(|f| f.value.clone()),
                    "standing": x.standing,
                    "days_late": x.days_late,
                    "days_left": x.days_left,
                    "missing_date": x.missing,
                    "budget_published": p.budget_published.as_ref().map(|f| f.value.to_string()),
                    "budget_approved": p.budget_approved.as_ref().map(|f| f.value.to_string()),
                })
            }).collect::<Vec<_>>(),
        });
    }
    Ok(serde_json::to_string_pretty(&doc)? + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_name_ten_then_count_the_rest() {
        let names: Vec<String> = (1..=3498).map(|i| format!("项目{i}")).collect();
        let text = listed(&names, PROJECTS_LISTED, "、", |n| format!("等{n}个项目"));
        assert!(text.starts_with("项目1、项目2、"));
        assert!(text.ends_with("项目10等3498个项目"), "{text}");
        assert_eq!(
            listed(&names[..3], PROJECTS_LISTED, "、", |n| format!("等{n}个")),
            "项目1、项目2、项目3"
        );
    }
}
