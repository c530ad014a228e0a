//! `perf assess` output: each assessment's six aspects, the weighted total, the conclusion stated and borne out.

use crate::say;
use std::fmt::Write as _;

use anyhow::Result;
use serde_json::json;

use super::{ascii_safe, new_table};
use crate::assess::{Assessed, Conclusion, Scheme, is_new, round2};
use crate::diag::{Counts, Finding};
use crate::i18n::Lang;
use crate::layout::Reading;
use crate::model::{AssessAspect, Assessment};

/// Everything the assess renderers need.
pub struct Report<'a> {
    pub reading: &'a Reading,
    pub assessed: &'a [Assessed],
    pub findings: &'a [Finding],
    pub year: Option<i32>,
    pub lang: Lang,
    /// Whether budget lines were among the inputs (A001/A002 apply only then).
    pub has_budget: bool,
    pub scheme: Scheme,
}

/// Points as shown: two decimals without trailing zeros (`80`, `62.5`).
pub fn points(v: f64) -> String {
    crate::model::cell::format_number(round2(v))
}

impl Report<'_> {
    pub fn record(&self, a: &Assessed) -> &Assessment {
        &self.reading.assessments[a.index]
    }

    pub fn conclusion_word(&self, c: Conclusion) -> &'static str {
        self.lang.pick(c.zh(), c.en())
    }

    pub fn aspect_word(&self, a: AssessAspect) -> &'static str {
        self.lang.pick(a.zh(), a.en())
    }

    /// 新增 / 延续 as the table says, else blank.
    pub fn status_word(&self, a: &Assessed) -> &'static str {
        match self
            .record(a)
            .status
            .as_ref()
            .and_then(|s| is_new(&s.value))
        {
            Some(true) => self.lang.pick("新增", "new"),
            Some(false) => self.lang.pick("延续", "continuing"),
            None => "",
        }
    }

    /// What the officer should know beyond the figures: a conclusion not borne
    /// out, aspects not assessed or not understood.
    pub fn remarks(&self, a: &Assessed) -> String {
        let mut out = Vec::new();
        if !a.borne_out
            && let Some(s) = a.stated
        {
            out.push(say!(
                self.lang,
                (
                    "结论“{}”与得分不符：总分{}分只够“{}”",
                    s.zh(),
                    points(a.total),
                    a.derived.zh()
                ),
                (
                    "stated “{}” is not borne out: a total of {} supports only “{}”",
                    s.en(),
                    points(a.total),
                    a.derived.en()
                )
            ));
        }
        let names = |v: &[AssessAspect]| {
            v.iter()
                .map(|x| self.aspect_word(*x))
                .collect::<Vec<_>>()
                .join(self.lang.pick("、", ", "))
        };
        if !a.missing.is_empty() {
            out.push(say!(
                self.lang,
                ("未评：{}（按0分计）", names(&a.missing)),
                ("not assessed: {} (count 0)", names(&a.missing))
            ));
        }
        if !a.unreadable.is_empty() {
            out.push(say!(
                self.lang,
                ("无法识别的评分：{}（按0分计）", names(&a.unreadable)),
                ("unreadable: {} (count 0)", names(&a.unreadable))
            ));
        }
        if !a.partly_read.is_empty() {
            out.push(say!(
                self.lang,
                (
                    "部分审核要点未勾选或无法识别（按0分计）：{}",
                    names(&a.partly_read)
                ),
                (
                    "items not ticked or not readable (count 0): {}",
                    names(&a.partly_read)
                )
            ));
        }
        if !a.combined.is_empty() {
            out.push(say!(
                self.lang,
                ("{}在“实施方案可行性”中一并评估", names(&a.combined)),
                (
                    "{} assessed together with feasibility (实施方案可行性)",
                    names(&a.combined)
                )
            ));
        }
        for (at, stated, recomputed) in &a.subtotals_off {
            out.push(say!(
                self.lang,
                (
                    "得分小计（{}）为{}分，按勾选复算{}分",
                    at.a1(),
                    points(*stated),
                    points(*recomputed)
                ),
                (
                    "subtotal at {} states {}, the ticks give {}",
                    at.a1(),
                    points(*stated),
                    points(*recomputed)
                )
            ));
        }
        // The form's own thresholds, said where they differ from the configured ones.
        if a.thresholds_stated
            && a.thresholds != (self.scheme.support_from, self.scheme.adjust_from)
        {
            out.push(say!(
                self.lang,
                (
                    "按表内标准：{}分起予以支持，{}分起调整完善后予以支持",
                    points(a.thresholds.0),
                    points(a.thresholds.1)
                ),
                (
                    "thresholds stated on the form: support from {}, adjustment from {}",
                    points(a.thresholds.0),
                    points(a.thresholds.1)
                )
            ));
        }
        if let Some((scored, possible)) = a.form_points {
            out.push(say!(
                self.lang,
                (
                    "表内得分{}分（满分{}分），折合百分制",
                    points(scored),
                    points(possible)
                ),
                (
                    "{} of the form's {} points, on the 100-point scale",
                    points(scored),
                    points(possible)
                )
            ));
        }
        let recomputed = a.form_points.map_or(a.total, |(s, _)| s);
        if let Some(st) = self.record(a).stated_total.as_ref()
            && (st.value - recomputed).abs() >= 0.005
        {
            out.push(say!(
                self.lang,
                (
                    "表列总分{}分，复算{}分",
                    points(st.value),
                    points(recomputed)
                ),
                (
                    "stated total {}, recomputed {}",
                    points(st.value),
                    points(recomputed)
                )
            ));
        }
        out.join(self.lang.pick("；", "; "))
    }

    pub fn summary(&self) -> String {
        let n = self.assessed.len();
        let count = |c: Conclusion| self.assessed.iter().filter(|a| a.conclusion == c).count();
        let not_borne = self.assessed.iter().filter(|a| !a.borne_out).count();
        let a001 = self.findings.iter().filter(|f| f.code == "A001").count();
        let a002 = self.findings.iter().filter(|f| f.code == "A002").count();
        let year = self.year.map(|y| y.to_string()).unwrap_or_default();
        match self.lang {
            Lang::Zh => {
                let mut s = format!(
                    "{}{}事前绩效评估复核：共{n}个项目（政策），予以支持{}个、调整完善后予以支持{}个、不予支持{}个；结论与得分不符的{not_borne}个。",
                    year,
                    if year.is_empty() { "" } else { "年度" },
                    count(Conclusion::Support),
                    count(Conclusion::Adjust),
                    count(Conclusion::Reject)
                );
                if self.has_budget {
                    let _ = write!(
                        s,
                        "对照预算：未经评估的新增项目{a001}个，不予支持却安排预算的{a002}个。"
                    );
                }
                s
            }
            Lang::En => {
                let mut s = format!(
                    "{}ex-ante assessments: {n} projects — support {}, support after adjustment {}, do not support {}; {not_borne} stated conclusions not borne out by the scores.",
                    if year.is_empty() {
                        String::new()
                    } else {
                        format!("{year} ")
                    },
                    count(Conclusion::Support),
                    count(Conclusion::Adjust),
                    count(Conclusion::Reject)
                );
                if self.has_budget {
                    let _ = write!(
                        s,
                        " Against the budget: {a001} new projects without an assessment, {a002} not supported yet budgeted."
                    );
                }
                s
            }
        }
    }

    fn aspect_cells(&self, a: &Assessed) -> Vec<String> {
        a.scores
            .iter()
            .map(|(_, s)| s.map(points).unwrap_or_else(|| "-".into()))
            .collect()
    }

    fn head(&self) -> Vec<&'static str> {
        let mut h = vec![
            self.lang.pick("单位", "unit"),
            self.lang.pick("项目名称", "project"),
            self.lang.pick("类型", "status"),
        ];
        h.extend(
            AssessAspect::ALL
                .iter()
                .map(|a| self.lang.pick(a.short_zh(), a.en())),
        );
        h.extend([
            self.lang.pick("总分", "total"),
            self.lang.pick("表列结论", "stated"),
            self.lang.pick("按得分", "by the scores"),
            self.lang.pick("评估主体", "assessor"),
            self.lang.pick("说明", "remarks"),
        ]);
        h
    }

    fn row(&self, a: &Assessed) -> Vec<String> {
        let r = self.record(a);
        let mut row = vec![
            r.unit.as_ref().map_or(String::new(), |u| u.value.clone()),
            r.name.value.clone(),
            self.status_word(a).to_string(),
        ];
        row.extend(self.aspect_cells(a));
        row.extend([
            points(a.total),
            a.stated
                .map(|c| self.conclusion_word(c).to_string())
                .unwrap_or_default(),
            self.conclusion_word(a.derived).to_string(),
            a.assessor
                .map(|x| self.lang.pick(x.zh(), x.en()).to_string())
                .unwrap_or_default(),
            self.remarks(a),
        ]);
        row
    }
}

/// The terminal rendering.
pub fn table(r: &Report) -> String {
    let mut out = String::new();
    // The terminal's width, as the tables below (the markdown keeps one line).
    let _ = writeln!(out, "{}", super::wrap::wrap(&r.summary(), super::width()));
    let mut t = new_table(&r.head());
    for a in r.assessed {
        t.add_row(r.row(a).iter().map(|c| ascii_safe(c)).collect::<Vec<_>>());
    }
    let _ = writeln!(out, "{t}");
    if !r.findings.is_empty() {
        let _ = writeln!(out, "\n{}", super::findings::table(r.findings, r.lang));
    }
    out
}

/// The JSON document (output.md's shape: command, inputs, summary, projects, findings).
pub fn json(r: &Report) -> Result<String> {
    let c = Counts::of(r.findings);
    let count = |k: Conclusion| r.assessed.iter().filter(|a| a.conclusion == k).count();
    let doc = json!({
        "command": "assess",
        "perf_version": crate::VERSION,
        "year": r.year,
        "inputs": r.reading.inputs.iter().map(|i| json!({
            "path": i.path,
            "format": i.format.label(),
            "tables": r.reading.tables.iter().filter(|t| t.file == i.path).map(|t| json!({
                "sheet": t.sheet, "kind": t.kind.key(), "rows": t.rows,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "weights": AssessAspect::ALL.iter().zip(r.scheme.weights).map(|(a, w)| (a.en().to_string(), json!(w))).collect::<serde_json::Map<_, _>>(),
        "thresholds": {"support_from": r.scheme.support_from, "adjust_from": r.scheme.adjust_from},
        "summary": {
            "projects": r.assessed.len(),
            "support": count(Conclusion::Support),
            "adjust": count(Conclusion::Adjust),
            "reject": count(Conclusion::Reject),
            "not_borne_out": r.assessed.iter().filter(|a| !a.borne_out).count(),
            "errors": c.errors, "warnings": c.warnings, "infos": c.infos,
            "text": r.summary(),
        },
        "projects": r.assessed.iter().map(|a| {
            let rec = r.record(a);
            let t = r.reading.table_of_record(rec.table);
            json!({
                "name": rec.name.value,
                "code": rec.code.as_ref().map(|c| c.value.clone()),
                "unit": rec.unit.as_ref().map(|u| u.value.clone()),
                "status": rec.status.as_ref().map(|s| s.value.clone()),
                "is_new": rec.status.as_ref().and_then(|s| is_new(&s.value)),
                "file": t.file,
                "sheet": t.sheet,
                "cell": rec.name.at.a1(),
                "aspects": a.scores.iter().map(|(x, s)| (x.en().to_string(), json!(s))).collect::<serde_json::Map<_, _>>(),
                "missing": a.missing.iter().map(|x| x.zh()).collect::<Vec<_>>(),
                "unreadable": a.unreadable.iter().map(|x| x.zh()).collect::<Vec<_>>(),
                "partly_read": a.partly_read.iter().map(|x| x.zh()).collect::<Vec<_>>(),
                "combined": a.combined.iter().map(|x| x.zh()).collect::<Vec<_>>(),
                "form_points": a.form_points.map(|(s, p)| json!({"scored": round2(s), "possible": round2(p)})),
                "thresholds": {"support_from": a.thresholds.0, "adjust_from": a.thresholds.1, "stated": a.thresholds_stated},
                "total": round2(a.total),
                "stated_total": rec.stated_total.as_ref().map(|s| s.value),
                "stated_conclusion": a.stated.map(Conclusion::zh),
                "derived_conclusion": a.derived.zh(),
                "conclusion": a.conclusion.zh(),
                "borne_out": a.borne_out,
                "assessor": a.assessor,
                "remarks": r.remarks(a),
            })
        }).collect::<Vec<_>>(),
        "findings": r.findings,
    });
    Ok(serde_json::to_string_pretty(&doc)? + "\n")
}

/// Markdown ready to paste.
pub fn markdown(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", r.summary());
    let head = r.head();
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
    for a in r.assessed {
        let cells: Vec<String> = r.row(a).iter().map(|c| c.replace('|', "\\|")).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push_str(&super::findings::markdown(r.findings, r.lang));
    out
}
