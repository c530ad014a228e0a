//! W001 and B rules: weights add up; target amounts tie to budget lines; money lines add up.

use super::Ctx;
use super::join::{Joined, budget_amount};
use crate::model::format::money;
use crate::model::{LineKind, Located, MoneyLine};
use crate::say;

pub fn run(ctx: &mut Ctx, joined: &Joined) {
    let tol = ctx.settings.money_tolerance;
    for p in ctx.target_projects() {
        let project = &ctx.reading.projects[p];
        let weights: Vec<f64> = project
            .indicators
            .iter()
            .filter_map(|i| i.weight.as_ref().map(|w| w.value))
            .collect();
        if !weights.is_empty() {
            let sum: f64 = weights.iter().sum();
            if !ctx
                .settings
                .weight_totals
                .iter()
                .any(|t| (sum - t).abs() < 0.01)
            {
                let at = project
                    .indicators
                    .iter()
                    .find_map(|i| i.weight.as_ref().map(|w| w.at));
                let totals: Vec<String> = ctx
                    .settings
                    .weight_totals
                    .iter()
                    .map(|t| crate::model::cell::format_number(*t))
                    .collect();
                let msg = say!(
                    ctx.lang,
                    (
                        "项目「{}」的指标分值合计为{}，应为{} — 请调整各指标分值",
                        project.name.value,
                        crate::model::cell::format_number(sum),
                        totals.join("或")
                    ),
                    (
                        "the weights of 「{}」 add up to {}, not {} — adjust them",
                        project.name.value,
                        crate::model::cell::format_number(sum),
                        totals.join(" or ")
                    )
                );
                ctx.report(crate::diag::Code::W001, p, at, None, None, msg);
            }
        }
        // Whole-unit targets have no project budget line to tie to.
        let whole_unit =
            ctx.reading.table_of(project).kind == crate::layout::TableKind::UnitTargets;
        if joined.has_budget && !whole_unit {
            match joined.budget_of.get(&p) {
                None => {
                    let msg = say!(
                        ctx.lang,
                        (
                            "项目「{}」有绩效目标，但预算中没有对应的项目 — 请核对项目编码和名称，或补列预算",
                            project.name.value
                        ),
                        (
                            "「{}」 has targets but no budget line — check its code and name, or add the line",
                            project.name.value
                        )
                    );
                    ctx.report(
                        crate::diag::Code::B002,
                        p,
                        Some(project.name.at),
                        None,
                        None,
                        msg,
                    );
                }
                Some(&b) => {
                    let line = &ctx.reading.projects[b];
                    let on_targets = project
                        .total_line()
                        .and_then(|m| m.budget_initial.as_ref().or(m.budget_adjusted.as_ref()));
                    let budget_values: Vec<f64> = line
                        .total_line()
                        .map(|m| {
                            [m.budget_initial.as_ref(), m.budget_adjusted.as_ref()]
                                .into_iter()
                                .flatten()
                                .map(|v| v.value)
                                .collect()
                        })
                        .unwrap_or_default();
                    let form = ctx.reading.table_of(project).layout == crate::layout::Layout::Form;
                    if on_targets.is_none() && form && budget_amount(line).is_some() {
                        // B001 rests on both amounts: without the form's, say so and withhold it.
                        let at = project
                            .money
                            .first()
                            .map(|m| crate::model::Loc::new(m.row, 0))
                            .unwrap_or(project.name.at);
                        let msg = say!(
                            ctx.lang,
                            (
                                "项目「{}」的目标表中没有可读的项目资金金额，未与预算核对 — 请在项目资金（年度资金总额）一栏填写金额",
                                project.name.value
                            ),
                            (
                                "「{}」: no readable amount under 项目资金 on the target form, so it was not checked against the budget — fill in the amount",
                                project.name.value
                            )
                        );
                        ctx.report(crate::diag::Code::S004, p, Some(at), None, None, msg);
                    }
                    if let (Some(t), Some(expected)) = (on_targets, budget_amount(line))
                        && !budget_values.iter().any(|v| (v - t.value).abs() <= tol)
                    {
                        let bt = ctx.reading.table_of(line);
                        let msg = say!(
                            ctx.lang,
                            (
                                "目标表项目资金{}万元，与预算（{}:{}!{}）的{}万元不一致 — 请核对",
                                money(t.value),
                                bt.file,
                                bt.sheet,
                                line.name.at.a1(),
                                money(expected)
                            ),
                            (
                                "the target sheet says {} (10k yuan) but the budget line ({}:{}!{}) says {} — reconcile them",
                                money(t.value),
                                bt.file,
                                bt.sheet,
                                line.name.at.a1(),
                                money(expected)
                            )
                        );
                        ctx.report(crate::diag::Code::B001, p, Some(t.at), None, None, msg);
                    }
                }
            }
        }
        check_money_lines(ctx, p);
    }
}

type Amount = fn(&MoneyLine) -> Option<&Located<f64>>;

/// B003: the total line equals the sum of its parts, for each amount column,
/// in each money block on its own (this year's, and a multi-year one beside it);
/// B004: a total the form left empty was made up from its parts.
fn check_money_lines(ctx: &mut Ctx, p: usize) {
    let project = &ctx.reading.projects[p];
    let mut blocks: Vec<u8> = project.money.iter().map(|m| m.block).collect();
    blocks.sort_unstable();
    blocks.dedup();
    for b in blocks {
        check_block(ctx, p, b);
    }
}

fn check_block(ctx: &mut Ctx, p: usize, block: u8) {
    let project = &ctx.reading.projects[p];
    let Some(total) = project
        .money
        .iter()
        .find(|m| m.kind == LineKind::Total && m.block == block)
    else {
        return;
    };
    // B003 rests on every line of the block: one that could not be read is
    // said, and the sum not judged.
    if let Some(line) = project
        .money
        .iter()
        .find(|m| m.block == block && m.unread.is_some())
        && let Some(text) = &line.unread
    {
        let msg = say!(
            ctx.lang,
            (
                "项目资金「{}」一栏的金额「{}」无法读取，资金构成未核对合计 — 请填写数字（没有的填0）",
                line.label,
                text.value
            ),
            (
                "the amount 「{}」 of 「{}」 cannot be read, so the money lines were not checked against their total — write a number (0 for none)",
                text.value,
                line.label
            )
        );
        ctx.report(crate::diag::Code::S004, p, Some(text.at), None, None, msg);
        return;
    }
    if total.derived {
        let at = total
            .full_year_budget()
            .or(total.executed.as_ref())
            .map(|v| v.at);
        let parts: Vec<&str> = project
            .money
            .iter()
            .filter(|m| m.kind == LineKind::Part && m.block == block)
            .map(|m| m.label.as_str())
            .collect();
        let amount = total.full_year_budget().map_or(0.0, |v| v.value);
        let msg = say!(
            ctx.lang,
            (
                "项目资金的合计行未填写（或为0），已按其中各项（{}）合计为{}万元 — 请在表中填写合计",
                parts.join("、"),
                money(amount)
            ),
            (
                "the money total is not filled in (or 0); its parts ({}) add up to {} (10k yuan), used instead — fill in the total",
                parts.join(", "),
                money(amount)
            )
        );
        ctx.report(crate::diag::Code::B004, p, at, None, None, msg);
        return;
    }
    let parts: Vec<&MoneyLine> = project
        .money
        .iter()
        .filter(|m| m.kind == LineKind::Part && m.block == block)
        .collect();
    if parts.is_empty() {
        return;
    }
    let columns: [(Amount, &str, &str); 3] = [
        (
            |m| m.budget_initial.as_ref(),
            "年初预算数",
            "initial budget",
        ),
        (
            |m| m.budget_adjusted.as_ref(),
            "全年预算数",
            "full-year budget",
        ),
        (|m| m.executed.as_ref(), "执行数", "executed"),
    ];
    for (get, zh, en) in columns {
        let Some(t) = get(total) else { continue };
        let values: Vec<f64> = parts
            .iter()
            .filter_map(|m| get(m).map(|v| v.value))
            .collect();
        if values.len() != parts.len() {
            continue;
        }
        let sum: f64 = values.iter().sum();
        if (sum - t.value).abs() > ctx.settings.money_tolerance {
            let labels: Vec<&str> = parts.iter().map(|m| m.label.as_str()).collect();
            let msg = say!(
                ctx.lang,
                (
                    "{}合计{}万元，不等于各来源之和{}万元（{}）— 请更正",
                    zh,
                    money(t.value),
                    money(sum),
                    labels.join("、")
                ),
                (
                    "the {} total {} is not the sum of its parts {} ({}) — correct it",
                    en,
                    money(t.value),
                    money(sum),
                    labels.join(", ")
                )
            );
            ctx.report(crate::diag::Code::B003, p, Some(t.at), None, None, msg);
        }
    }
}
