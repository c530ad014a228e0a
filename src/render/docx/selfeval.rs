//! The 绩效自评情况报告 to the county government: grades, scores not borne out (E003), results applied to next year's budget.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::Doc;
use super::monitoring::{Writer, named};
use super::table::{Align, Column};
use crate::evaluate::apply::{Evaluated, Use};
use crate::evaluate::{Grade, points_text};
use crate::i18n::Lang;
use crate::model::format::{money, percent};
use crate::render::evaluate::Report;

const GRADES: [Grade; 4] = [Grade::Excellent, Grade::Good, Grade::Fair, Grade::Poor];

fn text_column(head: &'static str, weight: usize) -> Column<'static> {
    Column {
        head,
        weight,
        align: Align::Left,
    }
}

fn number_column(head: &'static str, weight: usize) -> Column<'static> {
    Column {
        head,
        weight,
        align: Align::Right,
    }
}

/// Unit and project of a result.
fn names(r: &Report, e: &Evaluated) -> (String, String) {
    let p = &r.reading.projects[e.project];
    (
        p.unit.as_ref().map(|u| u.value.clone()).unwrap_or_default(),
        p.name.value.clone(),
    )
}

fn who(r: &Report, e: &Evaluated) -> String {
    match names(r, e) {
        (u, n) if u.is_empty() => format!("「{n}」"),
        (u, n) => format!("{u}「{n}」"),
    }
}

/// The proposed use in Chinese, with next year's line and the cut when known.
fn use_text(r: &Report, e: &Evaluated) -> String {
    let zh = Report {
        lang: Lang::Zh,
        application: r.application.clone(),
        ..*r
    };
    zh.use_text(e)
}

/// Builds the self-evaluation report (always in Chinese: it goes to the county government).
pub fn build(r: &Report) -> Doc {
    let mut w = Writer::begin(
        &format!("关于{}年度项目支出绩效自评情况的报告", r.year),
        &format!(
            "按照全面实施预算绩效管理的要求，各预算单位对{}年度项目支出开展了绩效自评，县财政局对自评结果逐项复算、核实。现将有关情况报告如下：",
            r.year
        ),
    );
    let n = r.results.len();
    let judged: Vec<&Evaluated> = r.results.iter().filter(|e| e.scored.judged).collect();
    let count = |g: Grade| judged.iter().filter(|e| e.scored.grade == g).count();
    let unjudged = n - judged.len();

    w.heading("总体情况");
    let mut s = format!(
        "纳入{}年度绩效自评的项目共{n}个。经复算，评为优{}个、良{}个、中{}个、差{}个",
        r.year,
        count(Grade::Excellent),
        count(Grade::Good),
        count(Grade::Fair),
        count(Grade::Poor)
    );
    if unjudged > 0 {
        let _ = write!(s, "，因数据无法读取未判定{unjudged}个");
    }
    s.push('。');
    if !judged.is_empty() {
        let mean = judged.iter().map(|e| e.scored.score).sum::<f64>() / judged.len() as f64;
        let _ = write!(s, "已判定项目复算平均得分{}分。", points_text(mean));
    }
    w.body(&s);
    let mut rows: Vec<Vec<String>> = GRADES
        .iter()
        .map(|&g| {
            let k = count(g);
            vec![
                g.zh().to_string(),
                k.to_string(),
                if n > 0 {
                    percent(k as f64 / n as f64)
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    if unjudged > 0 {
        rows.push(vec![
            "未判定".into(),
            unjudged.to_string(),
            percent(unjudged as f64 / n as f64),
        ]);
    }
    rows.push(vec![
        "合计".into(),
        n.to_string(),
        if n > 0 { percent(1.0) } else { String::new() },
    ]);
    w.table(
        &[
            text_column("等级", 30),
            number_column("项目数", 20),
            number_column("占比", 20),
        ],
        &rows,
    );
    let all: Vec<Vec<String>> = r
        .results
        .iter()
        .map(|e| {
            let (unit, name) = names(r, e);
            let s = &e.scored;
            vec![
                unit,
                name,
                s.execution_rate.map(percent).unwrap_or_default(),
                points_text(s.score),
                s.stated_score.map(points_text).unwrap_or_default(),
                if s.judged {
                    s.grade.zh().to_string()
                } else {
                    "未判定".into()
                },
                use_text(r, e),
            ]
        })
        .collect();
    let results_annex = w.attach(
        "项目绩效自评复算结果表".into(),
        vec![
            text_column("单位", 16),
            text_column("项目", 20),
            number_column("执行率", 9),
            number_column("复算得分", 9),
            number_column("自评得分", 9),
            text_column("等级", 7),
            text_column("结果应用", 30),
        ],
        all,
    );
    w.body(&format!("各项目复算结果详见附件{results_annex}。"));

    // 二、自评得分未得到数据支撑的项目 (E003).
    w.heading("自评得分与复算结果不符的项目");
    let overstated: HashSet<(Option<&str>, Option<&str>)> = r
        .findings
        .iter()
        .filter(|f| f.code == "E003")
        .map(|f| (f.unit.as_deref(), f.project.as_deref()))
        .collect();
    let flagged: Vec<&Evaluated> = r
        .results
        .iter()
        .filter(|e| {
            let p = &r.reading.projects[e.project];
            overstated.contains(&(
                p.unit.as_ref().map(|u| u.value.as_str()),
                Some(p.name.value.as_str()),
            ))
        })
        .collect();
    if flagged.is_empty() {
        w.body("各单位自评得分均与复算结果相符。");
    } else {
        let rows = flagged
            .iter()
            .map(|e| {
                let (unit, name) = names(r, e);
                let s = &e.scored;
                vec![
                    unit,
                    name,
                    s.stated_score.map(points_text).unwrap_or_default(),
                    points_text(s.score),
                    s.stated_score
                        .map(|st| points_text(st - s.score))
                        .unwrap_or_default(),
                ]
            })
            .collect();
        let k = w.attach(
            "自评得分高于复算结果的项目".into(),
            vec![
                text_column("单位", 24),
                text_column("项目", 28),
                number_column("自评得分", 14),
                number_column("复算得分", 14),
                number_column("差额", 12),
            ],
            rows,
        );
        let list = flagged.iter().map(|e| who(r, e)).collect();
        w.body(&format!(
            "自评得分高于按实际完成值复算结果、未得到数据支撑的项目{}个：{}。建议责成相关单位核实自评数据，重新评分。",
            flagged.len(),
            named(list, "项目", k)
        ));
    }

    // 三、结果应用.
    w.heading("评价结果应用");
    let uses = [
        (Use::Prioritise, "优先保障"),
        (Use::Keep, "保持"),
        (Use::Improve, "调整完善"),
        (Use::Cut, "压减"),
        (Use::ClearOut, "清退"),
        (Use::Undetermined, "未判定"),
    ];
    let parts: Vec<String> = uses
        .iter()
        .filter_map(|(u, word)| {
            let k = r.results.iter().filter(|e| e.usage == *u).count();
            (k > 0).then(|| format!("{word}{k}个"))
        })
        .collect();
    let cut: f64 = r.results.iter().filter_map(|e| e.affected).sum();
    let mut s = format!(
        "按照评价结果与预算安排挂钩的要求，建议下年度预算：{}。",
        parts.join("、")
    );
    if cut > 0.0 {
        let _ = write!(s, "据下年度预算测算，共核减{}万元。", money(cut));
    }
    w.body(&s);
    let affected: Vec<&Evaluated> = r
        .results
        .iter()
        .filter(|e| matches!(e.usage, Use::Improve | Use::Cut | Use::ClearOut))
        .collect();
    if !affected.is_empty() {
        let list = affected
            .iter()
            .map(|e| format!("{}（{}）", who(r, e), use_text(r, e)))
            .collect();
        w.body(&format!(
            "绩效不高、需调减或清退的项目{}个：{}。",
            affected.len(),
            named(list, "项目", results_annex)
        ));
    }
    w.finish()
}
