//! The county roll-up, pure: totals by unit, by budget kind and by light; the lists a report names.

pub mod targets;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

use crate::disclose::{Disclosed, Standing};
use crate::layout::{Reading, TableKind};
use crate::model::project::{code_key, name_key};
use crate::monitor::Level;
use crate::monitor::actions::{Action, ActionKind};
use crate::monitor::assemble::Monitored;
use crate::parse::text::header_key;

/// Totals of a group of projects (a unit, a budget kind, the county).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Group {
    pub key: String,
    pub projects: usize,
    pub budget: f64,
    pub executed: f64,
    pub red: usize,
    pub yellow: usize,
    pub green: usize,
    pub over: usize,
    pub na: usize,
}

impl Group {
    fn add(&mut self, m: &Monitored, unreported: bool) {
        self.projects += 1;
        if let Some((budget, executed)) = m.counted_money() {
            self.budget += budget;
            self.executed += executed;
        }
        // A unit that sent no indicator monitoring is not green: half of
        // 双监控 is missing. Its warnings still count.
        let level = match m.worst() {
            Level::Green | Level::Over if unreported => Level::Na,
            l => l,
        };
        match level {
            Level::Red => self.red += 1,
            Level::Yellow => self.yellow += 1,
            Level::Green => self.green += 1,
            Level::Over => self.over += 1,
            Level::Na => self.na += 1,
        }
    }

    /// executed / budget, when there is a budget.
    pub fn rate(&self) -> Option<f64> {
        (self.budget > 0.0).then(|| self.executed / self.budget)
    }

    /// (time progress − rate) × 100.
    pub fn lag_pp(&self, time_progress: f64) -> Option<f64> {
        self.rate().map(|r| (time_progress - r) * 100.0)
    }
}

/// The four budgets (四本预算), in the order reports list them.
pub const BUDGET_KINDS: [&str; 4] = [
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
    "社会保险基金预算",
];

/// The group of projects whose budget kind no input states.
pub const NO_KIND: &str = "未注明";

/// The last row of every table by unit, tier and budget kind: the county's totals.
pub const TOTAL: &str = "合计";

/// How budget kinds and the special categories are told apart (configurable
/// under `[report]` in perf.toml).
#[derive(Debug, Clone, PartialEq)]
pub struct Classes {
    /// Each of the four budgets with the words that name it, in the order tried.
    pub budgets: Vec<(&'static str, Vec<String>)>,
    /// The special categories, each with its words, in the order tried and shown.
    pub categories: Vec<(String, Vec<String>)>,
}

fn words(w: &[&str]) -> Vec<String> {
    w.iter().map(|s| s.to_string()).collect()
}

impl Default for Classes {
    fn default() -> Self {
        Classes {
            // 社会保险基金 before 政府性基金: `社会保险基金预算` holds `基金预算`.
            budgets: vec![
                (
                    "社会保险基金预算",
                    words(&["社会保险基金", "社保基金", "社会保险"]),
                ),
                (
                    "政府性基金预算",
                    words(&["政府性基金", "政府基金", "基金预算", "性基金"]),
                ),
                (
                    "国有资本经营预算",
                    words(&["国有资本经营", "国有资本", "国资经营", "国资预算"]),
                ),
                (
                    "一般公共预算",
                    words(&[
                        "一般公共预算",
                        "一般公共",
                        "一般预算",
                        "公共财政预算",
                        "公共财政",
                        "公共预算",
                    ]),
                ),
            ],
            // 财预〔2020〕10号 and the seed: the special categories of performance
            // management. A project takes the first that fits (PPP before 基建).
            categories: vec![
                ("PPP项目".into(), words(&["PPP", "政府和社会资本合作"])),
                (
                    "政府债务".into(),
                    words(&["政府债务", "专项债", "债券", "还本付息", "债务"]),
                ),
                (
                    "政府投资基金".into(),
                    words(&["政府投资基金", "投资基金", "产业基金", "引导基金"]),
                ),
                (
                    "政府购买服务".into(),
                    words(&["政府购买服务", "购买服务", "服务外包"]),
                ),
                ("政府采购".into(), words(&["政府采购", "采购", "购置"])),
                (
                    "基建投资项目".into(),
                    words(&[
                        "基建",
                        "基本建设",
                        "新建",
                        "改扩建",
                        "扩建",
                        "改建",
                        "建设工程",
                        "工程建设",
                        "基础设施建设",
                    ]),
                ),
            ],
        }
    }
}

impl Classes {
    /// The words as they are compared: white space and full-width forms
    /// dropped, letters in upper case (`ppp` is PPP). Done once per run, not
    /// for every project.
    pub fn normalised(mut self) -> Self {
        let norm = |ws: &mut Vec<String>| {
            for w in ws.iter_mut() {
                *w = header_key(w).to_uppercase();
            }
            ws.retain(|w| !w.is_empty());
        };
        for (_, ws) in &mut self.budgets {
            norm(ws);
        }
        for (_, ws) in &mut self.categories {
            norm(ws);
        }
        self
    }

    /// Which of the four budgets a written kind names (`一般预算` → 一般公共预算);
    /// the words are taken as [`Classes::normalised`] left them.
    pub fn budget_of(&self, text: &str) -> Option<&'static str> {
        let k = header_key(text).to_uppercase();
        self.budgets
            .iter()
            .find(|(_, ws)| ws.iter().any(|w| k.contains(w.as_str())))
            .map(|(b, _)| *b)
    }

    /// The special category a project belongs to: by its stated category
    /// (项目类别) when that names one, else by the words of its name.
    pub fn category_of(&self, stated: Option<&str>, name: &str) -> Option<&str> {
        let find = |text: &str| {
            let k = header_key(text).to_uppercase();
            self.categories
                .iter()
                .find(|(_, ws)| ws.iter().any(|w| k.contains(w.as_str())))
                .map(|(c, _)| c.as_str())
        };
        stated.and_then(find).or_else(|| find(name))
    }
}

/// Which of the four budgets a written kind names, with the default words.
pub fn budget_kind_of(text: &str) -> Option<&'static str> {
    Classes::default().normalised().budget_of(text)
}

/// The roll-up of one monitoring round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rollup {
    pub county: Group,
    pub by_unit: Vec<Group>,
    /// The kinds the inputs name, in the order of the four budgets, then
    /// 未注明 for projects no input gives a kind; empty when no input says.
    pub by_kind: Vec<Group>,
    /// The special categories (基建投资项目, 政府采购 …) the projects fall in.
    pub by_category: Vec<Group>,
    /// Indices into the monitored projects, most behind first.
    pub lagging: Vec<usize>,
    /// The proposed actions, one list per kind; a project is in one list at
    /// most (the strongest action that applies).
    pub correct: Vec<usize>,
    pub overspent: Vec<usize>,
    pub suspend: Vec<usize>,
    pub stop: Vec<usize>,
    pub reduce: Vec<usize>,
    /// Units that appear in the inputs (budget lines, targets, execution) but
    /// sent no indicator monitoring; their projects count as 暂无法判断, not green.
    pub not_reported: Vec<String>,
    /// 乡镇 apart from 县级部门, when the inputs name both (by 单位类型 or by name).
    pub by_tier: Vec<Group>,
    /// 信息公开, when publication records are among the inputs.
    pub disclosure: Option<Disclosure>,
    /// How the performance targets are being met (indicator counts).
    pub targets: targets::Targets,
    /// Whether execution or monitoring tables were among the inputs: without
    /// them the report is its 信息公开 section alone.
    pub monitoring: bool,
}

/// The disclosure section: every record judged as of a date, and what the report names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disclosure {
    pub as_of: chrono::NaiveDate,
    pub records: Vec<Disclosed>,
}

impl Rollup {
    /// The county's totals as the last row of a table (`合计`): by unit, by
    /// tier and by budget kind each add up to it.
    pub fn total(&self) -> Group {
        Group {
            key: TOTAL.into(),
            ..self.county.clone()
        }
    }
}

impl Disclosure {
    pub fn count(&self, s: Standing) -> usize {
        self.records.iter().filter(|d| d.standing == s).count()
    }

    /// Not published and past due, most overdue first.
    pub fn overdue(&self) -> Vec<&Disclosed> {
        let mut v: Vec<&Disclosed> = self
            .records
            .iter()
            .filter(|d| d.standing == Standing::Overdue)
            .collect();
        v.sort_by_key(|d| std::cmp::Reverse(d.days_late));
        v
    }

    /// Records without the date they are reckoned from, in the order of the sheet.
    pub fn unknown(&self) -> Vec<&Disclosed> {
        self.records
            .iter()
            .filter(|d| d.standing == Standing::Unknown)
            .collect()
    }

    /// Not published, due within the next days, soonest first.
    pub fn due_soon(&self) -> Vec<&Disclosed> {
        let mut v: Vec<&Disclosed> = self
            .records
            .iter()
            .filter(|d| d.standing == Standing::DueSoon)
            .collect();
        v.sort_by_key(|d| d.days_left);
        v
    }
}

/// What the reading says of units and budget lines, looked up once per run
/// instead of searched for every monitored project (a county has tens of
/// thousands of both).
struct Lookups<'r> {
    classes: &'r Classes,
    /// Unit key → the 单位类型 its rows state (the first found).
    unit_types: HashMap<String, &'r str>,
    /// Budget and target lines by code, then by name → their budget kind
    /// (the first line found for a key decides, as a search in order would).
    kind_by_code: HashMap<String, Option<&'static str>>,
    kind_by_name: HashMap<String, Option<&'static str>>,
    /// Budget and target lines by code, then by name → their stated 项目类别.
    category_by_code: HashMap<String, &'r str>,
    category_by_name: HashMap<String, &'r str>,
}

impl<'r> Lookups<'r> {
    fn of(reading: &'r Reading, classes: &'r Classes) -> Self {
        let mut l = Lookups {
            classes,
            unit_types: HashMap::default(),
            kind_by_code: HashMap::default(),
            kind_by_name: HashMap::default(),
            category_by_code: HashMap::default(),
            category_by_name: HashMap::default(),
        };
        for p in &reading.projects {
            if let (Some(u), Some(t)) = (&p.unit, &p.unit_type) {
                l.unit_types
                    .entry(header_key(&u.value))
                    .or_insert(t.value.as_str());
            }
            if matches!(
                reading.table_of(p).kind,
                TableKind::Budget | TableKind::Targets
            ) {
                let kind = p
                    .budget_kind
                    .as_ref()
                    .and_then(|k| classes.budget_of(&k.value));
                if let Some(code) = code_key(p) {
                    l.kind_by_code.entry(code.clone()).or_insert(kind);
                    if let Some(c) = &p.category {
                        l.category_by_code.entry(code).or_insert(c.value.as_str());
                    }
                }
                l.kind_by_name.entry(name_key(p)).or_insert(kind);
                if let Some(c) = &p.category {
                    l.category_by_name
                        .entry(name_key(p))
                        .or_insert(c.value.as_str());
                }
            }
        }
        l
    }

    /// 乡镇 or 县级部门 for a unit name: a 单位类型 column where one says, else the name.
    fn tier_of(&self, unit: &str) -> &'static str {
        let stated = self.unit_types.get(&header_key(unit)).copied();
        if crate::layout::unit::is_township(unit, stated) {
            "乡镇"
        } else {
            "县级部门"
        }
    }

    /// The budget kind of a monitored project: on its own rows, else on its budget line.
    fn kind_of(&self, m: &Monitored, reading: &Reading) -> Option<&'static str> {
        let own = m.sources.iter().find_map(|&s| {
            reading.projects[s]
                .budget_kind
                .as_ref()
                .and_then(|k| self.classes.budget_of(&k.value))
        });
        own.or_else(|| {
            let by_code = m
                .code
                .as_deref()
                .map(|c| header_key(c).to_uppercase())
                .and_then(|c| self.kind_by_code.get(&c).copied());
            by_code
                .or_else(|| self.kind_by_name.get(&header_key(&m.name)).copied())
                .flatten()
        })
    }

    /// The special category of a monitored project: a 项目类别 on its own rows
    /// or its budget line's, else the words of its name.
    fn category_of(&self, m: &Monitored, reading: &'r Reading) -> Option<&'r str> {
        let classes: &'r Classes = self.classes;
        let own = m
            .sources
            .iter()
            .find_map(|&s| reading.projects[s].category.as_ref())
            .map(|c| c.value.as_str());
        let stated = own.or_else(|| {
            m.code
                .as_deref()
                .map(|c| header_key(c).to_uppercase())
                .and_then(|c| self.category_by_code.get(&c).copied())
                .or_else(|| self.category_by_name.get(&header_key(&m.name)).copied())
        });
        classes.category_of(stated, &m.name)
    }
}

/// The group of projects whose records name no unit.
pub const NO_UNIT: &str = "（未注明单位）";

/// Rolls up the monitored projects.
pub fn rollup(
    monitored: &[Monitored],
    actions: &[Vec<Action>],
    reading: &Reading,
    classes: &Classes,
) -> Rollup {
    let unit_name = |m: &Monitored| m.unit.clone().unwrap_or_else(|| NO_UNIT.to_string());
    let mut county = Group {
        key: "全县".into(),
        ..Group::default()
    };
    let mut units: BTreeMap<String, Group> = BTreeMap::new();
    let mut kinds: BTreeMap<usize, Group> = BTreeMap::new();
    let mut unkinded = Group {
        key: NO_KIND.into(),
        ..Group::default()
    };
    let mut categories: BTreeMap<usize, Group> = BTreeMap::new();
    let classes = &classes.clone().normalised();
    let lookups = Lookups::of(reading, classes);
    let is_monitoring =
        |s: &usize| reading.table_of(&reading.projects[*s]).kind == TableKind::Monitoring;
    // Units that sent indicator monitoring (by key); judged only when some
    // monitoring table is among the inputs (an execution-only report says
    // nothing of indicators).
    let any_monitoring = reading
        .tables
        .iter()
        .any(|t| t.kind == TableKind::Monitoring);
    let monitoring_units: std::collections::HashSet<String> = monitored
        .iter()
        .filter(|m| m.sources.iter().any(is_monitoring))
        .filter_map(|m| m.unit.as_deref().map(header_key))
        .collect();
    let unreported = |m: &Monitored| {
        any_monitoring
            && m.unit
                .as_deref()
                .is_some_and(|u| !monitoring_units.contains(&header_key(u)))
    };
    for m in monitored {
        let no = unreported(m);
        county.add(m, no);
        let u = unit_name(m);
        units
            .entry(u.clone())
            .or_insert_with(|| Group {
                key: u,
                ..Group::default()
            })
            .add(m, no);
        match lookups.kind_of(m, reading) {
            Some(k) => {
                let i = BUDGET_KINDS.iter().position(|b| *b == k).unwrap_or(0);
                kinds
                    .entry(i)
                    .or_insert_with(|| Group {
                        key: k.to_string(),
                        ..Group::default()
                    })
                    .add(m, no);
            }
            None => unkinded.add(m, no),
        }
        if let Some(c) = lookups.category_of(m, reading) {
            let i = classes
                .categories
                .iter()
                .position(|(name, _)| name == c)
                .unwrap_or(usize::MAX);
            categories
                .entry(i)
                .or_insert_with(|| Group {
                    key: c.to_string(),
                    ..Group::default()
                })
                .add(m, no);
        }
    }
    let mut by_kind: Vec<Group> = kinds.into_values().collect();
    // With any kind named, the projects of none are a row of their own, so
    // the table adds up to the county's total.
    if !by_kind.is_empty() && unkinded.projects > 0 {
        by_kind.push(unkinded);
    }
    let mut lagging: Vec<usize> = (0..monitored.len())
        .filter(|&i| monitored[i].lags())
        .collect();
    lagging.sort_by(|&a, &b| {
        let lag = |i: usize| monitored[i].execution.map_or(0.0, |e| e.lag_pp);
        lag(b).total_cmp(&lag(a)).then(a.cmp(&b))
    });
    let with = |kind: ActionKind| {
        (0..monitored.len())
            .filter(|&i| actions[i].iter().any(|a| a.kind == kind))
            .collect::<Vec<_>>()
    };
    let reported: std::collections::BTreeSet<String> = monitored
        .iter()
        .filter_map(|m| m.unit.as_deref().map(header_key))
        .collect();
    let mut not_reported: Vec<String> = reading
        .projects
        .iter()
        .filter(|p| {
            matches!(
                reading.table_of(p).kind,
                TableKind::Budget | TableKind::Targets | TableKind::UnitTargets
            )
        })
        .filter_map(|p| p.unit.as_ref().map(|u| u.value.clone()))
        .filter(|u| !reported.contains(&header_key(u)))
        .collect();
    // Units with execution lines but no indicator monitoring.
    not_reported.extend(
        monitored
            .iter()
            .filter(|m| unreported(m))
            .filter_map(|m| m.unit.clone()),
    );
    not_reported.sort();
    not_reported.dedup();
    let mut tiers: BTreeMap<&'static str, Group> = BTreeMap::new();
    let mut unplaced = Group {
        key: NO_UNIT.into(),
        ..Group::default()
    };
    for m in monitored {
        let no = unreported(m);
        match &m.unit {
            Some(u) => {
                let t = lookups.tier_of(u);
                tiers
                    .entry(t)
                    .or_insert_with(|| Group {
                        key: t.to_string(),
                        ..Group::default()
                    })
                    .add(m, no);
            }
            None => unplaced.add(m, no),
        }
    }
    // 县级部门 first, then 乡镇; only when the inputs hold both. Projects that
    // name no unit are a row of their own, so the table adds up.
    let mut by_tier: Vec<Group> = if tiers.len() == 2 {
        ["县级部门", "乡镇"]
            .iter()
            .filter_map(|k| tiers.remove(k))
            .collect()
    } else {
        Vec::new()
    };
    if !by_tier.is_empty() && unplaced.projects > 0 {
        by_tier.push(unplaced);
    }
    // County departments first, then townships, each by name: as officers
    // list them (by character code alone they interleave).
    let mut by_unit: Vec<Group> = units.into_values().collect();
    by_unit.sort_by_cached_key(|g| (lookups.tier_of(&g.key) == "乡镇", g.key.clone()));
    Rollup {
        targets: targets::targets(monitored, reading),
        by_tier,
        disclosure: None,
        monitoring: reading
            .tables
            .iter()
            .any(|t| matches!(t.kind, TableKind::Monitoring | TableKind::Execution)),
        county,
        by_unit,
        by_kind,
        by_category: categories.into_values().collect(),
        lagging,
        correct: with(ActionKind::Correct),
        overspent: with(ActionKind::Overspent),
        suspend: with(ActionKind::Suspend),
        stop: with(ActionKind::Stop),
        reduce: with(ActionKind::ReduceAndReport),
        not_reported,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_kinds_are_recognised_in_their_long_forms() {
        assert_eq!(budget_kind_of("一般公共预算资金"), Some("一般公共预算"));
        assert_eq!(budget_kind_of("政府性基金"), Some("政府性基金预算"));
        assert_eq!(budget_kind_of("社会保险基金预算"), Some("社会保险基金预算"));
        assert_eq!(budget_kind_of("专项资金"), None);
    }

    #[test]
    fn budget_kinds_in_their_common_spellings() {
        for (text, want) in [
            ("一般预算", "一般公共预算"),
            ("公共财政预算", "一般公共预算"),
            ("政府基金", "政府性基金预算"),
            ("基金预算", "政府性基金预算"),
            ("社会保险基金预算", "社会保险基金预算"),
            ("国有资本经营预算资金", "国有资本经营预算"),
        ] {
            assert_eq!(budget_kind_of(text), Some(want), "{text}");
        }
        // Near miss: 专项资金 names a purpose, not one of the four budgets.
        assert_eq!(budget_kind_of("上级专项资金"), None);
    }

    #[test]
    fn special_categories_by_stated_category_then_by_name() {
        let c = Classes::default();
        assert_eq!(
            c.category_of(Some("PPP项目"), "城南污水处理厂"),
            Some("PPP项目")
        );
        assert_eq!(
            c.category_of(None, "2024年新增专项债券还本付息"),
            Some("政府债务")
        );
        assert_eq!(c.category_of(None, "乡镇卫生院设备购置"), Some("政府采购"));
        assert_eq!(
            c.category_of(None, "城区保洁政府购买服务"),
            Some("政府购买服务")
        );
        assert_eq!(c.category_of(None, "县产业引导基金"), Some("政府投资基金"));
        assert_eq!(
            c.category_of(None, "第二中学教学楼新建工程"),
            Some("基建投资项目")
        );
        // Near misses: an ordinary project, and a stated category naming none.
        assert_eq!(c.category_of(None, "城乡居民医疗救助"), None);
        assert_eq!(c.category_of(Some("特定目标类"), "困难群众救助"), None);
    }
}
