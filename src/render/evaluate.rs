//! `perf evaluate` output: recomputed scores beside stated ones, grades, proposed use of the results.

use crate::say;
use std::fmt::Write as _;

use anyhow::Result;
use serde_json::json;

use super::{ascii_safe, money, new_table, percent};
use crate::diag::{Counts, Finding};
use crate::evaluate::apply::Evaluated;
use crate::evaluate::{Grade, round2};
use crate::i18n::Lang;
use crate::layout::Reading;

/// Everything the evaluate renderers need.
pub struct Report<'a> {
    pub reading: &'a Reading,
    pub results: &'a [Evaluated],
    pub findings: &'a [Finding],
    pub year: i32,
    pub lang: Lang,
    /// How results are applied (the cuts and the grades cleared out).
    pub application: crate::evaluate::apply::Application,
}

use crate::evaluate::points_text as two;

impl Report<'_> {
    pub fn summary(&self) -> String {
        let n = self.results.len();
        let count = |g: Grade| {
            self.results
                .iter()
                .filter(|r| r.scored.judged && r.scored.grade == g)
                .count()
        };
        let unjudged = self.results.iter().filter(|r| !r.scored.judged).count();
        let overstated = self.findings.iter().filter(|f| f.code == "E003").count();
        say!(
            self.lang,
            (
                "{}年度绩效自评复算：共{n}个项目，优{}个、良{}个、中{}个、差{}个{}；自评得分高于复算的{overstated}个。",
                self.year,
                count(Grade::Excellent),
                count(Grade::Good),
                count(Grade::Fair),
                count(Grade::Poor),
                if unjudged > 0 {
                    format!("，因数据无法读取未判定{unjudged}个")
                } else {
                    String::new()
                }
            ),
            (
                "{} self-evaluation recomputed: {n} projects — excellent {}, good {}, fair {}, poor {}{}; {overstated} stated above the figures.",
                self.year,
                count(Grade::Excellent),
                count(Grade::Good),
                count(Grade::Fair),
                count(Grade::Poor),
                if unjudged > 0 {
                    format!(", {unjudged} not judged (figures unreadable)")
                } else {
                    String::new()
                }
            )
        )
    }

    pub fn grade_word(&self, g: Grade) -> &'static str {
        self.lang.pick(g.zh(), g.en())
    }

    /// The proposed use, with next year's budget line and the amount it takes
    /// away when `--next-budget` gave the line.
    pub fn use_text(&self, r: &Evaluated) -> String {
        let mut s = r.usage.label(self.lang).to_string();
        match (r.next_budget, r.affected) {
            (Some(b), Some(a)) => s.push_str(&say!(
                self.lang,
                ("（下年度预算{}万元，核减{}万元）", money(b), money(a)),
                (" (next year {}, less {})", money(b), money(a))
            )),
            (Some(b), None) => s.push_str(&say!(
                self.lang,
                ("（下年度预算{}万元）", money(b)),
                (" (next year {})", money(b))
            )),
            (None, Some(a)) => s.push_str(&say!(
                self.lang,
                ("（{}万元）", money(a)),
                (" ({})", money(a))
            )),
            (None, None) => {}
        }
        s
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
            "执行率",
            "预算执行得分",
            "复算总分",
            "自评总分",
            "差额",
            "等级",
            "结果应用",
        ],
        Lang::En => [
            "unit",
            "project",
            "execution",
            "budget pts",
            "recomputed",
            "stated",
            "difference",
            "grade",
            "use",
        ],
    };
    let mut t = new_table(&head);
    for res in r.results {
        let p = &r.reading.projects[res.project];
        let s = &res.scored;
        t.add_row(vec![
            ascii_safe(p.unit.as_ref().map_or("", |u| u.value.as_str())),
            ascii_safe(&p.name.value),
            s.execution_rate.map(percent).unwrap_or_default(),
            two(s.budget_score),
            two(s.score),
            s.stated_score.map(two).unwrap_or_default(),
            s.stated_score
                .map(|st| two(st - s.score))
                .unwrap_or_default(),
            r.grade_word(s.grade).to_string(),
            r.use_text(res),
        ]);
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
        "command": "evaluate",
        "perf_version": crate::VERSION,
        "year": r.year,
        "inputs": r.reading.inputs.iter().map(|i| json!({"path": i.path, "format": i.format.label()})).collect::<Vec<_>>(),
        "summary": {
            "projects": r.results.len(),
            "errors": c.errors, "warnings": c.warnings, "infos": c.infos,
            "text": r.summary(),
        },
    });
    // Each project is built as a value and written before the next: the
    // document of a county (tens of thousands of indicators) is never whole in memory.
    let project = |res: &Evaluated| {
        let p = &r.reading.projects[res.project];
        let s = &res.scored;
        json!({
            "name": p.name.value,
            "code": p.code.as_ref().map(|c| c.value.clone()),
            "unit": p.unit.as_ref().map(|u| u.value.clone()),
            "budget": s.budget,
            "executed": s.executed,
            "execution_rate": s.execution_rate,
            "budget_points": s.budget_points,
            "budget_score": round2(s.budget_score),
            "score": round2(s.score),
            "grade": s.grade.zh(),
            "stated_score": s.stated_score,
            "difference": s.stated_score.map(|st| round2(st - s.score)),
            "expiring": res.expiring,
            "actions": [{
                "kind": res.usage,
                "action": res.usage.label(r.lang),
                "reason": res.usage.reason(s.grade, s.score, r.lang),
                "next_budget": res.next_budget,
                "affected": res.affected,
            }],
            "indicators": s.indicators.iter().map(|is| {
                let i = &p.indicators[is.index];
                json!({
                    "name": i.name.value,
                    "dimension": i.dimension().map(|d| d.key()),
                    "target": i.target.as_ref().map(|t| t.value.raw.clone()),
                    "actual": i.actual.as_ref().map(|t| t.value.raw.clone()),
                    "points": is.points,
                    "score": round2(is.score),
                    "stated": is.stated,
                    "method": is.method,
                })
            }).collect::<Vec<_>>(),
        })
    };
    let doc = super::JsonDoc {
        head: doc,
        projects: super::Streamed(|| r.results.iter().map(project)),
        findings: r.findings,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Markdown ready to paste.
pub fn markdown(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", r.summary());
    let head = match r.lang {
        Lang::Zh => "| 单位 | 项目名称 | 执行率 | 复算总分 | 自评总分 | 差额 | 等级 | 结果应用 |",
        Lang::En => {
            "| unit | project | execution | recomputed | stated | difference | grade | use |"
        }
    };
    let _ = writeln!(out, "{head}\n|---|---|---:|---:|---:|---:|---|---|");
    for res in r.results {
        let p = &r.reading.projects[res.project];
        let s = &res.scored;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            p.unit.as_ref().map_or("", |u| u.value.as_str()),
            p.name.value,
            s.execution_rate.map(percent).unwrap_or_default(),
            two(s.score),
            s.stated_score.map(two).unwrap_or_default(),
            s.stated_score
                .map(|st| two(st - s.score))
                .unwrap_or_default(),
            r.grade_word(s.grade),
            r.use_text(res)
        );
    }
    out.push_str(&super::findings::markdown(r.findings, r.lang));
    out
}
