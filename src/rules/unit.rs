//! T006: whole-unit targets (部门/单位/乡镇整体绩效) cover the six aspects, told by 二级指标 names and key words.

use crate::say;
use serde::Serialize;

use super::Ctx;
use crate::layout::TableKind;
use crate::model::Indicator;
use crate::parse::text::header_key;
use serde::Deserialize;

/// Settings of whole-unit targets (部门/单位/乡镇整体绩效, rule T006): which of
/// the six aspects an indicator covers. Each aspect has its own words — looked
/// for in the 二级指标, the 一级指标 and the indicator's name — and label
/// words (`…_labels`), looked for in the 二级/一级 labels only: a generic word
/// such as 管理 or 成本 inside an output's name (`城区道路管理养护面积`,
/// `道路养护单位成本`) says nothing of the unit's management or running cost.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UnitConfig {
    /// 运行成本
    pub running_cost: Vec<String>,
    pub running_cost_labels: Vec<String>,
    /// 管理效率
    pub efficiency: Vec<String>,
    pub efficiency_labels: Vec<String>,
    /// 履职效能
    pub effectiveness: Vec<String>,
    pub effectiveness_labels: Vec<String>,
    /// 社会效应
    pub social_effect: Vec<String>,
    pub social_effect_labels: Vec<String>,
    /// 可持续发展能力
    pub sustainability: Vec<String>,
    pub sustainability_labels: Vec<String>,
    /// 服务对象满意度
    pub satisfaction: Vec<String>,
    pub satisfaction_labels: Vec<String>,
}

impl Default for UnitConfig {
    fn default() -> Self {
        let v = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        UnitConfig {
            running_cost: v(&[
                "运行成本",
                "公用经费",
                "三公经费",
                "单位运行成本",
                "人均运行成本",
                "运行经费",
                "日常公用",
                "行政成本",
                "支出控制",
            ]),
            running_cost_labels: v(&["经费保障", "经费控制", "成本控制"]),
            efficiency: v(&[
                "管理效率",
                "预算执行",
                "预算管理",
                "资产管理",
                "财务管理",
                "制度建设",
                "内部控制",
                "内控",
                "政府采购",
                "资金使用",
                "信息公开",
            ]),
            efficiency_labels: v(&["管理", "效率", "制度", "规范"]),
            effectiveness: v(&["履职效能", "重点工作", "职责履行"]),
            effectiveness_labels: v(&["履职", "职责", "产出", "数量", "质量", "时效"]),
            social_effect: v(&["社会效应", "社会效益"]),
            social_effect_labels: v(&["经济效益", "生态效益", "效益", "影响"]),
            sustainability: v(&[
                "可持续发展能力",
                "可持续",
                "人才队伍",
                "队伍建设",
                "信息化建设",
                "长效机制",
                "干部培训",
            ]),
            sustainability_labels: v(&["发展能力", "人才", "队伍", "信息化", "长效", "培训"]),
            satisfaction: v(&["服务对象满意度", "满意度", "满意"]),
            satisfaction_labels: Vec::new(),
        }
    }
}

/// The six aspects of whole-unit performance, in the order the policy names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitAspect {
    /// 运行成本
    RunningCost,
    /// 管理效率
    Efficiency,
    /// 履职效能
    Effectiveness,
    /// 社会效应
    SocialEffect,
    /// 可持续发展能力
    Sustainability,
    /// 服务对象满意度
    Satisfaction,
}

impl UnitAspect {
    pub const ALL: [UnitAspect; 6] = [
        UnitAspect::RunningCost,
        UnitAspect::Efficiency,
        UnitAspect::Effectiveness,
        UnitAspect::SocialEffect,
        UnitAspect::Sustainability,
        UnitAspect::Satisfaction,
    ];

    /// The order key words are tried in: the narrow aspects first, so that
    /// `服务对象满意度指标` is satisfaction and `可持续影响指标` sustainability,
    /// and 履职效能 (any output: 数量, 质量, 时效) last.
    const PRECEDENCE: [UnitAspect; 6] = [
        UnitAspect::Satisfaction,
        UnitAspect::Sustainability,
        UnitAspect::RunningCost,
        UnitAspect::Efficiency,
        UnitAspect::SocialEffect,
        UnitAspect::Effectiveness,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            UnitAspect::RunningCost => "运行成本",
            UnitAspect::Efficiency => "管理效率",
            UnitAspect::Effectiveness => "履职效能",
            UnitAspect::SocialEffect => "社会效应",
            UnitAspect::Sustainability => "可持续发展能力",
            UnitAspect::Satisfaction => "服务对象满意度",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            UnitAspect::RunningCost => "running cost",
            UnitAspect::Efficiency => "management efficiency",
            UnitAspect::Effectiveness => "effectiveness of duties",
            UnitAspect::SocialEffect => "social effect",
            UnitAspect::Sustainability => "sustainability",
            UnitAspect::Satisfaction => "satisfaction of those served",
        }
    }

    fn example(self) -> &'static str {
        match self {
            UnitAspect::RunningCost => "「公用经费控制率≤100%」",
            UnitAspect::Efficiency => "「预算执行率≥90%」「资产管理制度健全」",
            UnitAspect::Effectiveness => "「重点工作完成率=100%」",
            UnitAspect::SocialEffect => "「辖区群众受益人数≥2万人」",
            UnitAspect::Sustainability => "「干部培训人次≥200人次」",
            UnitAspect::Satisfaction => "「服务对象满意度≥90%」",
        }
    }

    /// The aspect's own words: they tell it in a label and in an indicator's name.
    fn words(self, c: &UnitConfig) -> &[String] {
        match self {
            UnitAspect::RunningCost => &c.running_cost,
            UnitAspect::Efficiency => &c.efficiency,
            UnitAspect::Effectiveness => &c.effectiveness,
            UnitAspect::SocialEffect => &c.social_effect,
            UnitAspect::Sustainability => &c.sustainability,
            UnitAspect::Satisfaction => &c.satisfaction,
        }
    }

    /// Generic words that tell the aspect in a 二级/一级 label only.
    fn label_words(self, c: &UnitConfig) -> &[String] {
        match self {
            UnitAspect::RunningCost => &c.running_cost_labels,
            UnitAspect::Efficiency => &c.efficiency_labels,
            UnitAspect::Effectiveness => &c.effectiveness_labels,
            UnitAspect::SocialEffect => &c.social_effect_labels,
            UnitAspect::Sustainability => &c.sustainability_labels,
            UnitAspect::Satisfaction => &c.satisfaction_labels,
        }
    }
}

fn contains_any(key: &str, words: &[String]) -> bool {
    words
        .iter()
        .any(|w| !w.is_empty() && key.contains(w.as_str()))
}

/// The aspect a 二级/一级 label names, by the aspect's own words or its label words.
fn aspect_of_label(label: &str, c: &UnitConfig) -> Option<UnitAspect> {
    let k = header_key(label);
    UnitAspect::PRECEDENCE
        .into_iter()
        .find(|a| contains_any(&k, a.words(c)) || contains_any(&k, a.label_words(c)))
}

/// The aspect an indicator covers: its 二级指标 first, then its 一级指标, then
/// its own name — the name by the aspects' own words only.
pub fn aspect_of(i: &Indicator, c: &UnitConfig) -> Option<UnitAspect> {
    [i.level2.as_ref(), i.level1.as_ref()]
        .into_iter()
        .flatten()
        .find_map(|l| aspect_of_label(&l.value, c))
        .or_else(|| {
            let k = header_key(&i.name.value);
            UnitAspect::PRECEDENCE
                .into_iter()
                .find(|a| contains_any(&k, a.words(c)))
        })
}

/// Every aspect an indicator covers: the one of [`aspect_of`], and any whose
/// own words its name carries (`三公经费下降率` under 数量指标 still speaks of
/// 运行成本, `预算执行率` of 管理效率); generic label words in a name
/// (`城区道路管理养护面积`) cover nothing.
pub fn covered_by(i: &Indicator, c: &UnitConfig) -> Vec<UnitAspect> {
    let name = header_key(&i.name.value);
    let mut out: Vec<UnitAspect> = aspect_of(i, c).into_iter().collect();
    for a in UnitAspect::ALL {
        if !out.contains(&a) && contains_any(&name, a.words(c)) {
            out.push(a);
        }
    }
    out
}

/// T006 for every whole-unit target set: one finding per aspect left uncovered.
pub fn run(ctx: &mut Ctx) {
    for p in ctx.target_projects() {
        let project = &ctx.reading.projects[p];
        if ctx.reading.table_of(project).kind != TableKind::UnitTargets
            || project.indicators.is_empty()
        {
            continue;
        }
        let covered: Vec<UnitAspect> = project
            .indicators
            .iter()
            .flat_map(|i| covered_by(i, &ctx.settings.unit))
            .collect();
        let name = project.name.value.clone();
        let at = project.name.at;
        for a in UnitAspect::ALL {
            if covered.contains(&a) {
                continue;
            }
            let msg = say!(
                ctx.lang,
                (
                    "「{name}」的整体绩效目标未覆盖「{}」方面 — 请补充相应指标，如{}",
                    a.zh(),
                    a.example()
                ),
                (
                    "the whole-unit targets of 「{name}」 leave {} uncovered — add an indicator for it, e.g. {}",
                    a.en(),
                    a.example()
                )
            );
            ctx.report(crate::diag::Code::T006, p, Some(at), None, None, msg);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Loc, Located};

    fn ind(l1: &str, l2: &str, name: &str) -> Indicator {
        let at = Loc::new(0, 0);
        let mut i = Indicator::new(0, Located::new(name.into(), at));
        if !l1.is_empty() {
            i.level1 = Some(Located::new(l1.into(), at));
        }
        if !l2.is_empty() {
            i.level2 = Some(Located::new(l2.into(), at));
        }
        i
    }

    #[test]
    fn each_aspect_by_level2_name() {
        let c = UnitConfig::default();
        let cases = [
            ("运行成本", "公用经费控制率", UnitAspect::RunningCost),
            ("成本控制", "公用经费控制率", UnitAspect::RunningCost),
            ("预算管理", "预算执行率", UnitAspect::Efficiency),
            ("管理效率", "资产管理规范性", UnitAspect::Efficiency),
            ("履职效能", "重点工作完成率", UnitAspect::Effectiveness),
            ("数量指标", "巡查次数", UnitAspect::Effectiveness),
            ("社会效益指标", "受益群众", UnitAspect::SocialEffect),
            ("可持续影响指标", "长效机制", UnitAspect::Sustainability),
            ("可持续发展能力", "干部培训", UnitAspect::Sustainability),
            ("服务对象满意度指标", "群众满意度", UnitAspect::Satisfaction),
        ];
        for (l2, name, want) in cases {
            assert_eq!(aspect_of(&ind("", l2, name), &c), Some(want), "{l2}");
        }
    }

    #[test]
    fn key_words_in_the_name_when_level2_says_nothing() {
        let c = UnitConfig::default();
        assert_eq!(
            aspect_of(&ind("", "其他", "三公经费下降率"), &c),
            Some(UnitAspect::RunningCost)
        );
        assert_eq!(aspect_of(&ind("", "", "辖区道路保洁"), &c), None);
        // 预算执行率 speaks of 管理效率 whatever its label.
        assert!(
            covered_by(&ind("产出指标", "数量指标", "预算执行率"), &c)
                .contains(&UnitAspect::Efficiency)
        );
    }

    #[test]
    fn generic_words_in_an_output_name_cover_nothing() {
        let c = UnitConfig::default();
        // A city-management bureau's project-style outputs: 管理 and 成本 in their
        // names are no 管理效率 and no 运行成本.
        for (l1, l2, name) in [
            ("产出指标", "数量指标", "城区道路管理养护面积"),
            ("产出指标", "成本指标", "道路养护单位成本"),
        ] {
            let covered = covered_by(&ind(l1, l2, name), &c);
            assert_eq!(covered, vec![UnitAspect::Effectiveness], "{name}");
        }
        // Near miss: the same words as labels do count.
        assert_eq!(
            aspect_of(&ind("", "管理效率", "道路养护巡查覆盖率"), &c),
            Some(UnitAspect::Efficiency)
        );
        assert_eq!(
            aspect_of(&ind("", "运行成本", "道路养护单位成本"), &c),
            Some(UnitAspect::RunningCost)
        );
    }

    #[test]
    fn key_words_are_configurable() {
        let c = UnitConfig {
            running_cost: vec!["保洁".into()],
            ..UnitConfig::default()
        };
        assert_eq!(
            aspect_of(&ind("", "", "辖区道路保洁"), &c),
            Some(UnitAspect::RunningCost)
        );
    }
}
