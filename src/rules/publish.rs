//! P001, P002: reports published within 20 days of being formed; targets published with the budget.

use super::Settings;
use crate::diag::Finding;
use crate::disclose::{Disclosed, REPORT_DAYS, Standing};
use crate::i18n::Lang;
use crate::layout::{Field, Reading};
use crate::model::Loc;

/// The findings of the publication records judged in `disclosed`.
pub fn run(
    reading: &Reading,
    disclosed: &[Disclosed],
    settings: &Settings,
    lang: Lang,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in disclosed.iter().filter(|d| d.standing.is_problem()) {
        let p = &reading.publications[d.index];
        let code = if d.targets {
            crate::diag::Code::P002
        } else {
            crate::diag::Code::P001
        };
        let Some(severity) = settings.severity_of(code) else {
            continue;
        };
        let t = reading.table_of_record(p.table);
        // Point at the 公开日期 cell, filled or not; else at the item's name.
        let at = p.published.as_ref().map(|x| x.at).or_else(|| {
            t.columns
                .iter()
                .find(|c| c.field == Field::Published)
                .map(|c| Loc::new(p.row, c.col))
        });
        let at = at.unwrap_or(p.name.at);
        let name = &p.name.value;
        let late = d.days_late.unwrap_or(0);
        let due = d.due.map(|x| x.to_string()).unwrap_or_default();
        let published = p.published.as_ref().map(|x| x.value.to_string());
        let message = match (lang, d.targets, d.standing, published) {
            (Lang::Zh, false, Standing::Late, Some(on)) => format!(
                "「{name}」于{}形成，{on}才公开，超过{REPORT_DAYS}日时限{late}天 — 报告应在形成后{REPORT_DAYS}日内主动公开",
                p.formed
                    .as_ref()
                    .map(|x| x.value.to_string())
                    .unwrap_or_default()
            ),
            (Lang::Zh, false, _, _) => format!(
                "「{name}」应于{due}前公开，至今未公开，已逾期{late}天 — 请尽快公开并登记公开日期"
            ),
            (Lang::Zh, true, Standing::Late, Some(on)) => format!(
                "「{name}」绩效目标{on}才公开，晚于预算公开日{due}共{late}天 — 绩效目标应随预算一并公开"
            ),
            (Lang::Zh, true, _, _) => format!(
                "「{name}」绩效目标未随预算（{due}）公开，已逾期{late}天 — 请随预算公开绩效目标并登记公开日期"
            ),
            (Lang::En, false, Standing::Late, Some(on)) => format!(
                "「{name}」 was published on {on}, {late} days past the {REPORT_DAYS}-day limit (due {due}) — publish reports within {REPORT_DAYS} days of forming them"
            ),
            (Lang::En, false, _, _) => format!(
                "「{name}」 was due for publication by {due} and is not published, {late} days overdue — publish it and record the date"
            ),
            (Lang::En, true, Standing::Late, Some(on)) => format!(
                "the targets 「{name}」 were published on {on}, {late} days after the budget ({due}) — publish targets with the budget"
            ),
            (Lang::En, true, _, _) => format!(
                "the targets 「{name}」 were not published with the budget ({due}), {late} days overdue — publish them and record the date"
            ),
        };
        let mut f =
            Finding::at_file(code, severity, &t.file, message).in_sheet(&t.sheet, Some(at.a1()));
        f.unit = p.unit.as_ref().map(|u| u.value.clone());
        f.project = Some(name.clone());
        out.push(f);
    }
    out
}
