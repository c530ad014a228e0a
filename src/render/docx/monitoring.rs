//! The 绩效运行监控情况报告 to the county government: 总体情况, 预算执行, 绩效目标, 问题, 处理建议, 附件.

use std::fmt::Write as _;

use super::Doc;
use super::style::chinese_number;
use super::table::{Align, Column, table};
use crate::i18n::Lang;
use crate::model::format::{money, percent};
use crate::monitor::assemble::Monitored;
use crate::render::monitor::Report;
use crate::render::report::{
    disclosure_text, lag_row, lagging_item, listed, reason_of, targets_text, unreadable, unwritten,
    who,
};
use crate::report::{Group, Rollup};

/// How many projects a list in the body names; the rest are in its 附件.
const NAMED: usize = 10;

/// How many lagging projects the body describes one by one.
const DESCRIBED: usize = 5;

/// By-unit tables longer than this go to an 附件.
const UNITS_IN_BODY: usize = 15;

/// An attachment: its title and table.
pub(super) struct Attachment {
    title: String,
    columns: Vec<Column<'static>>,
    rows: Vec<Vec<String>>,
}

/// The numbered headings and the attachments, as the body is written.
pub(super) struct Writer {
    doc: Doc,
    section: usize,
    sub: usize,
    attachments: Vec<Attachment>,
}

impl Writer {
    /// A report to the county government: its title, the addressee, the opening.
    pub(super) fn begin(title: &str, opening: &str) -> Self {
        let mut doc = Doc::new();
        doc.title(title).addressee("县人民政府：");
        let mut w = Writer {
            doc,
            section: 0,
            sub: 0,
            attachments: Vec::new(),
        };
        w.body(opening);
        w
    }

    /// The closing, the signature, then the attachments each on a new page.
    pub(super) fn finish(mut self) -> Doc {
        self.body("特此报告。");
        let Writer {
            mut doc,
            attachments,
            ..
        } = self;
        doc.signature(&["县财政局", "    年  月  日"]);
        for (i, a) in attachments.into_iter().enumerate() {
            doc.attachment(i + 1, &a.title)
                .table(table(&a.columns, &a.rows));
        }
        doc
    }

    pub(super) fn heading(&mut self, text: &str) {
        self.section += 1;
        self.sub = 0;
        self.doc
            .heading(&format!("{}、{text}", chinese_number(self.section)));
    }

    pub(super) fn subheading(&mut self, text: &str) {
        self.sub += 1;
        self.doc
            .subheading(&format!("（{}）{text}", chinese_number(self.sub)));
    }

    pub(super) fn body(&mut self, text: &str) {
        self.doc.body(text);
    }

    pub(super) fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        self.doc.table(table(columns, rows));
    }

    /// Files an attachment; returns its number (附件N).
    pub(super) fn attach(
        &mut self,
        title: String,
        columns: Vec<Column<'static>>,
        rows: Vec<Vec<String>>,
    ) -> usize {
        self.attachments.push(Attachment {
            title,
            columns,
            rows,
        });
        self.attachments.len()
    }
}

fn group_columns(first: &'static str) -> Vec<Column<'static>> {
    let num = |head, weight| Column {
        head,
        weight,
        align: Align::Right,
    };
    vec![
        Column {
            head: first,
            weight: 24,
            align: Align::Left,
        },
        num("项目数", 8),
        num("预算（万元）", 16),
        num("已执行（万元）", 16),
        num("执行率", 10),
        num("差距（百分点）", 12),
        num("红色", 7),
        num("黄色", 7),
    ]
}

/// The rows of a roll-up table, then its 合计 when `total` is given.
fn group_rows(groups: &[Group], total: Option<&Group>, tp: f64) -> Vec<Vec<String>> {
    groups
        .iter()
        .chain(total)
        .map(|g| crate::render::report::group_cells(g, tp).to_vec())
        .collect()
}

/// Up to [`NAMED`] names joined with 、, then `等N个项目` and where to find them all.
pub(super) fn named(names: Vec<String>, what: &str, attachment: usize) -> String {
    let n = names.len();
    let mut s = names.into_iter().take(NAMED).collect::<Vec<_>>().join("、");
    if n > NAMED {
        let _ = write!(s, "等{n}个{what}");
    }
    let _ = write!(s, "（详见附件{attachment}）");
    s
}

fn title_period(r: &Report) -> String {
    match r.as_of.day {
        Some(d) => format!("{}年（截至{}月{}日）", r.as_of.year, r.as_of.month, d),
        None => format!("{}年1-{}月", r.as_of.year, r.as_of.month),
    }
}

/// Builds the monitoring report. It is written in Chinese whatever `--lang`
/// says: it goes to the county government in official form.
pub fn build(report: &Report, roll: &Rollup) -> Doc {
    let r = &Report {
        lang: Lang::Zh,
        ..*report
    };
    let tp = r.as_of.time_progress();
    let mut w = Writer::begin(
        &format!("关于{}预算绩效运行监控情况的报告", title_period(r)),
        "按照全面实施预算绩效管理的要求，县财政局组织各预算单位对纳入监控的项目开展了绩效运行监控，对预算执行进度和绩效目标实现程度实行“双监控”。现将有关情况报告如下：",
    );
    if roll.monitoring {
        overall(&mut w, r, roll);
        execution(&mut w, roll, tp);
        targets(&mut w, roll);
        problems(&mut w, r, roll, tp);
        proposals(&mut w, r, roll);
    }
    if let Some(d) = &roll.disclosure {
        w.heading("绩效信息公开情况");
        let text = disclosure_text(r, d);
        let text = text.trim();
        w.body(text.strip_prefix("信息公开：").unwrap_or(text));
    }
    w.finish()
}

/// 一、总体情况: scope, money, execution against 序时进度, the lights.
fn overall(w: &mut Writer, r: &Report, roll: &Rollup) {
    w.heading("总体情况");
    let narrative = crate::render::report::narrative(r, roll);
    let first = narrative.split("\n\n").next().unwrap_or_default().trim();
    w.body(&format!(
        "本次监控覆盖预算单位{}个，序时进度{}。{first}",
        roll.by_unit.len(),
        percent(r.as_of.time_progress())
    ));
}

/// 二、预算执行情况: by tier, by budget kind, by unit — each with 合计.
fn execution(w: &mut Writer, roll: &Rollup, tp: f64) {
    w.heading("预算执行情况");
    let total = roll.total();
    if !roll.by_tier.is_empty() {
        w.subheading("分单位层级");
        let parts: Vec<String> = roll
            .by_tier
            .iter()
            .filter_map(|g| {
                g.rate().map(|rate| {
                    format!(
                        "{}{}个项目预算{}万元，执行率{}",
                        g.key,
                        g.projects,
                        money(g.budget),
                        percent(rate)
                    )
                })
            })
            .collect();
        if !parts.is_empty() {
            w.body(&format!("{}。", parts.join("；")));
        }
        w.table(
            &group_columns("层级"),
            &group_rows(&roll.by_tier, Some(&total), tp),
        );
    }
    if !roll.by_kind.is_empty() {
        w.subheading("分预算类型");
        w.body("按一般公共预算、政府性基金预算、国有资本经营预算、社会保险基金预算分列如下（未注明预算类型的项目单列）。");
        w.table(
            &group_columns("预算类型"),
            &group_rows(&roll.by_kind, Some(&total), tp),
        );
    }
    if !roll.by_unit.is_empty() {
        w.subheading("分单位");
        let mut behind: Vec<&Group> = roll
            .by_unit
            .iter()
            .filter(|g| g.lag_pp(tp).is_some_and(|l| l > 0.0))
            .collect();
        behind.sort_by(|a, b| {
            b.lag_pp(tp)
                .unwrap_or(0.0)
                .total_cmp(&a.lag_pp(tp).unwrap_or(0.0))
        });
        let worst: Vec<String> = behind
            .iter()
            .take(3)
            .map(|g| {
                format!(
                    "{}（执行率{}，低于序时进度{:.1}个百分点）",
                    g.key,
                    g.rate().map(percent).unwrap_or_default(),
                    g.lag_pp(tp).unwrap_or(0.0)
                )
            })
            .collect();
        let mut s = format!(
            "{}个单位中，预算执行率低于序时进度的{}个",
            roll.by_unit.len(),
            behind.len()
        );
        if !worst.is_empty() {
            let _ = write!(s, "，差距最大的是{}", worst.join("、"));
        }
        let rows = group_rows(&roll.by_unit, Some(&total), tp);
        if roll.by_unit.len() <= UNITS_IN_BODY {
            s.push('。');
            w.body(&s);
            w.table(&group_columns("单位"), &rows);
        } else {
            let n = w.attach("各单位预算执行情况表".into(), group_columns("单位"), rows);
            let _ = write!(s, "。各单位情况详见附件{n}。");
            w.body(&s);
        }
    }
    if !roll.by_category.is_empty() {
        w.subheading("重点领域项目");
        w.body("基建投资、政府采购、政府购买服务、政府债务、政府投资基金、PPP等项目执行情况如下（项目不全属于其中一类，不设合计）。");
        w.table(
            &group_columns("专项类别"),
            &group_rows(&roll.by_category, None, tp),
        );
    }
}

/// 三、绩效目标完成情况.
fn targets(w: &mut Writer, roll: &Rollup) {
    w.heading("绩效目标完成情况");
    match targets_text(&roll.targets) {
        Some(t) => w.body(&t),
        None => w.body("本期输入中没有绩效指标监控数据，绩效目标完成情况未作分析。"),
    }
}

fn lag_columns() -> Vec<Column<'static>> {
    let num = |head, weight| Column {
        head,
        weight,
        align: Align::Right,
    };
    // Widths that keep 1,734.87 and 18.0% on one line in 五号.
    vec![
        Column {
            head: "单位",
            weight: 14,
            align: Align::Left,
        },
        Column {
            head: "项目",
            weight: 16,
            align: Align::Left,
        },
        num("预算（万元）", 13),
        num("已执行（万元）", 13),
        num("执行率", 10),
        num("差距（百分点）", 10),
        Column {
            head: "偏差原因",
            weight: 24,
            align: Align::Left,
        },
    ]
}

/// 四、存在的问题: lagging projects and their reasons, missing reasons, units that did not report.
fn problems(w: &mut Writer, r: &Report, roll: &Rollup, tp: f64) {
    let no_reason: Vec<&Monitored> = roll
        .lagging
        .iter()
        .map(|&i| &r.monitored[i])
        .filter(|m| reason_of(r, m).is_none())
        .collect();
    let unread = unreadable(r);
    let unwritten = unwritten(r);
    if roll.lagging.is_empty()
        && roll.not_reported.is_empty()
        && unread.is_empty()
        && unwritten.is_empty()
    {
        w.heading("存在的问题");
        w.body("本期未发现预算执行明显滞后的项目，各单位均已报送监控材料。");
        return;
    }
    w.heading("存在的问题");
    if !roll.lagging.is_empty() {
        w.subheading("部分项目预算执行滞后");
        let rows: Vec<Vec<String>> = roll
            .lagging
            .iter()
            .map(|&i| lag_row(r, &r.monitored[i], "未说明原因"))
            .collect();
        let n = w.attach("预算执行滞后项目表".into(), lag_columns(), rows);
        let described: Vec<String> = roll
            .lagging
            .iter()
            .take(DESCRIBED)
            .map(|&i| lagging_item(r, &r.monitored[i]))
            .collect();
        w.body(&format!(
            "预算执行率低于序时进度、亮黄灯或红灯的项目{}个（序时进度{}），执行滞后较多的有：{}。全部滞后项目详见附件{n}。",
            roll.lagging.len(),
            percent(tp),
            described.join("；")
        ));
    }
    if !no_reason.is_empty() {
        w.subheading("部分单位未说明偏差原因");
        let names: Vec<String> = no_reason.iter().map(|m| who(m)).collect();
        let n = w.attachments.len();
        w.body(&format!(
            "执行滞后但未说明偏差原因的项目{}个：{}。",
            no_reason.len(),
            named(names, "项目", n)
        ));
    }
    if !roll.not_reported.is_empty() {
        w.subheading("部分单位未报送绩效监控材料");
        let list = listed(&roll.not_reported, NAMED * 3, "、", |n| {
            format!("等{n}个单位")
        });
        w.body(&format!(
            "未报送绩效指标监控材料的单位{}个：{list}。其项目未计入绿色，按“暂无法判断”统计。",
            roll.not_reported.len()
        ));
    }
    if !unread.is_empty() {
        w.subheading("部分文件未能读取");
        let list = listed(&unread, NAMED * 3, "、", |n| format!("等{n}个文件"));
        w.body(&format!(
            "未能读取的文件{}个：{list}。其数据未纳入本报告，原因见问题清单（S001），请核实后重新报送。",
            unread.len()
        ));
    }
    if !unwritten.is_empty() {
        w.subheading("部分单位监控工作簿未能写出");
        w.body(&format!(
            "未能写出监控工作簿的单位{}个：{}。其数据已计入本报告，原因见问题清单（S001），处理后请重新运行。",
            unwritten.len(),
            listed(&unwritten, NAMED * 3, "、", |n| format!("等{n}个单位"))
        ));
    }
}

/// 五、处理建议: one list per action, each project in one list only.
fn proposals(w: &mut Writer, r: &Report, roll: &Rollup) {
    w.heading("处理建议");
    let lists: [(&Vec<usize>, &str, &str); 5] = [
        (
            &roll.reduce,
            "调减或收回资金",
            "上一轮监控已为红色预警、本轮仍为红色、整改不到位的项目，建议调减或收回预算资金，并报县政府",
        ),
        (
            &roll.stop,
            "停止执行",
            "单位判断绩效目标“完全不可能”完成的项目，建议停止执行，收回剩余资金",
        ),
        (
            &roll.suspend,
            "暂缓执行",
            "预算执行和绩效目标偏差较大的项目，建议暂缓执行，待单位整改到位后再予拨付",
        ),
        (
            &roll.overspent,
            "核实超支",
            "执行数超过全年预算的项目，建议核实超支原因，按程序调整预算或收回超支资金",
        ),
        (
            &roll.correct,
            "督促纠偏",
            "执行或绩效指标偏离进度的项目，建议督促单位分析原因、及时纠偏",
        ),
    ];
    if lists.iter().all(|(l, _, _)| l.is_empty()) {
        w.body("本期没有需要纠偏、暂缓、停止执行或调减收回资金的项目。");
        return;
    }
    // One attachment lists every proposal, strongest first.
    let mut rows = Vec::new();
    for (list, _, _) in &lists {
        for &i in list.iter() {
            let m = &r.monitored[i];
            let a = r.actions[i].first();
            rows.push(vec![
                m.unit.clone().unwrap_or_default(),
                m.name.clone(),
                a.map(|a| a.kind.zh().to_string()).unwrap_or_default(),
                a.map(|a| a.reason.clone()).unwrap_or_default(),
            ]);
        }
    }
    let n = w.attach(
        "处理建议项目清单".into(),
        vec![
            Column {
                head: "单位",
                weight: 18,
                align: Align::Left,
            },
            Column {
                head: "项目",
                weight: 20,
                align: Align::Left,
            },
            Column {
                head: "建议措施",
                weight: 16,
                align: Align::Left,
            },
            Column {
                head: "理由",
                weight: 46,
                align: Align::Left,
            },
        ],
        rows,
    );
    for (list, title, lead) in lists {
        if list.is_empty() {
            continue;
        }
        w.subheading(title);
        let names: Vec<String> = list.iter().map(|&i| who(&r.monitored[i])).collect();
        w.body(&format!(
            "{lead}（{}个）：{}。",
            list.len(),
            named(names, "项目", n)
        ));
    }
    w.body("每个项目只列入一项建议，取最重的一项（调减收回、停止、暂缓、核实超支、纠偏依次从重到轻）。");
}
