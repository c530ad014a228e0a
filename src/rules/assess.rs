//! A001, A002: budget lines against ex-ante assessments — a new project needs a passing one; 不予支持 gets no budget.

use crate::say;
use std::collections::HashMap;

use super::Ctx;
use super::join::{budget_amount, code_key, name_key};
use crate::assess::{Assessed, Conclusion, is_new};
use crate::layout::TableKind;
use crate::model::Assessment;
use crate::model::format::money;
use crate::parse::text::header_key;

/// The assessment of a budget line: by project code, else by name (and unit where names repeat).
pub struct Index<'a> {
    by_code: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    all: &'a [Assessment],
}

fn key(s: &str) -> String {
    header_key(s).to_uppercase()
}

impl<'a> Index<'a> {
    pub fn new(all: &'a [Assessment]) -> Self {
        let mut by_code = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, a) in all.iter().enumerate() {
            if let Some(c) = a
                .code
                .as_ref()
                .map(|c| key(&c.value))
                .filter(|c| !c.is_empty())
            {
                by_code.entry(c).or_insert(i);
            }
            by_name
                .entry(header_key(&a.name.value))
                .or_default()
                .push(i);
        }
        Index {
            by_code,
            by_name,
            all,
        }
    }

    /// The assessment of a project with this code, name and unit.
    pub fn find(&self, code: Option<String>, name: &str, unit: Option<&str>) -> Option<usize> {
        if let Some(i) = code.and_then(|c| self.by_code.get(&c).copied()) {
            return Some(i);
        }
        let same = self.by_name.get(&header_key(name))?;
        match same.as_slice() {
            [only] => Some(*only),
            many => many.iter().copied().find(|&i| {
                self.all[i].unit.as_ref().map(|u| header_key(&u.value)) == unit.map(header_key)
            }),
        }
    }
}

pub fn run(ctx: &mut Ctx, assessed: &[Assessed]) {
    let reading = ctx.reading;
    if reading.assessments.is_empty() {
        return;
    }
    for a in assessed {
        let rec = &reading.assessments[a.index];
        let name = &rec.name.value;
        let at = rec.conclusion.as_ref().map_or(rec.name.at, |c| c.at);
        match (a.stated, &rec.conclusion) {
            (Some(stated), _) if !a.borne_out => {
                let total = crate::assess::round2(a.total);
                let msg = say!(
                    ctx.lang,
                    (
                        "项目「{name}」评估结论为“{}”，但各方面得分合计{}分只够“{}” — 请核实评分或结论（预算安排按较严的“{}”把关）",
                        stated.zh(),
                        crate::model::cell::format_number(total),
                        a.derived.zh(),
                        a.conclusion.zh()
                    ),
                    (
                        "「{name}」 is concluded {} but its aspects total {}, which bears out only {} — check the scores or the conclusion (the budget gate uses the stricter, {})",
                        stated.en(),
                        crate::model::cell::format_number(total),
                        a.derived.en(),
                        a.conclusion.en()
                    )
                );
                ctx.report_record(crate::diag::Code::A003, a.index, at, msg);
            }
            (None, Some(text)) if !text.value.trim().is_empty() => {
                let msg = say!(
                    ctx.lang,
                    (
                        "项目「{name}」的评估结论「{}」无法识别为予以支持、调整完善后予以支持或不予支持，未据此把关 — 请写明其中之一（勾选框只勾一项）",
                        text.value.trim()
                    ),
                    (
                        "the conclusion 「{}」 of 「{name}」 is none of 予以支持 / 调整完善后予以支持 / 不予支持 as far as perf can tell; it was not used — state one (tick one box)",
                        text.value.trim()
                    )
                );
                ctx.report_record(crate::diag::Code::A004, a.index, at, msg);
            }
            _ => {}
        }
    }
    let index = Index::new(&reading.assessments);
    // Whether a project is new, as any table says (budget line, targets, assessment), by code or name.
    let mut new_by: HashMap<String, bool> = HashMap::new();
    for p in &reading.projects {
        if let Some(n) = p.status.as_ref().and_then(|s| is_new(&s.value)) {
            if let Some(c) = code_key(p) {
                new_by.entry(c).or_insert(n);
            }
            new_by.entry(name_key(p)).or_insert(n);
        }
    }
    // An assessment of the 2025 budget says nothing of the 2024 lines: where the
    // titles name the years, only lines of an assessed year are judged.
    let years: Vec<i32> = reading
        .tables
        .iter()
        .filter(|t| t.kind == TableKind::Assessment)
        .filter_map(|t| t.year.as_ref().map(|y| y.value))
        .collect();
    let mut seen = std::collections::HashSet::new();
    for (b, p) in reading.projects.iter().enumerate() {
        let table = reading.table_of(p);
        if !matches!(table.kind, TableKind::Budget | TableKind::Execution) {
            continue;
        }
        if let Some(y) = &table.year
            && !years.is_empty()
            && !years.contains(&y.value)
        {
            continue;
        }
        let Some(amount) = budget_amount(p).filter(|v| *v > 0.0) else {
            continue;
        };
        // A project in both a budget and an execution table is one budget line.
        if !seen.insert(code_key(p).unwrap_or_else(|| name_key(p))) {
            continue;
        }
        let found = index.find(
            code_key(p),
            &p.name.value,
            p.unit.as_ref().map(|u| u.value.as_str()),
        );
        let own_status = p.status.as_ref().and_then(|s| is_new(&s.value));
        let assessment_status = found
            .and_then(|i| reading.assessments[i].status.as_ref())
            .and_then(|s| is_new(&s.value));
        let is_new_project = own_status
            .or(assessment_status)
            .or_else(|| code_key(p).and_then(|c| new_by.get(&c).copied()))
            .or_else(|| new_by.get(&name_key(p)).copied())
            .unwrap_or(false);
        let name = p.name.value.clone();
        match found.map(|i| &assessed[i]) {
            // 不予支持 stated, or derived from scores that were all read: never
            // from a total that an unreadable aspect pulled down.
            Some(a)
                if a.conclusion == Conclusion::Reject
                    && (a.stated == Some(Conclusion::Reject) || a.complete) =>
            {
                let rec = &reading.assessments[a.index];
                let t = reading.table_of_record(rec.table);
                let at = rec.conclusion.as_ref().map_or(rec.name.at, |c| c.at);
                let msg = say!(
                    ctx.lang,
                    (
                        "项目「{name}」事前绩效评估结论为“不予支持”（{}:{}!{}），却安排预算{}万元 — 请撤销预算或重新评估",
                        t.file,
                        t.sheet,
                        at.a1(),
                        money(amount)
                    ),
                    (
                        "「{name}」 was assessed 不予支持 (do not support, {}:{}!{}) yet has a budget of {} (10k yuan) — withdraw the budget or reassess",
                        t.file,
                        t.sheet,
                        at.a1(),
                        money(amount)
                    )
                );
                ctx.report(crate::diag::Code::A002, b, Some(p.name.at), None, None, msg);
            }
            Some(_) => {}
            None if is_new_project => {
                let msg = say!(
                    ctx.lang,
                    (
                        "新增项目「{name}」安排预算{}万元，但事前绩效评估表中没有该项目 — 评估结果是申请预算的必备条件，请先完成事前绩效评估",
                        money(amount)
                    ),
                    (
                        "new project 「{name}」 has a budget of {} (10k yuan) but no ex-ante assessment — the assessment is a precondition for budget; assess it first",
                        money(amount)
                    )
                );
                ctx.report(crate::diag::Code::A001, b, Some(p.name.at), None, None, msg);
            }
            None => {}
        }
    }
}
