//! The county's settings (`perf.toml`): header synonyms, rule switches, thresholds — with the spec's defaults.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::i18n::Lang;
use crate::layout::{Field, HeaderDict};

mod error;
/// The whole-unit aspect words are the T006 rule's own settings.
pub use crate::rules::unit::UnitConfig;
pub use error::ConfigError;

/// Everything a county may set. Every field has the spec's default.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Extra header texts per column meaning: `target = ["考核目标值"]`.
    pub headers: BTreeMap<String, Vec<String>>,
    /// Rule switches: `V005 = "off"`, `V004 = "error"`.
    pub rules: BTreeMap<String, String>,
    pub check: CheckConfig,
    pub monitor: MonitorConfig,
    pub evaluate: EvaluateConfig,
    pub assess: AssessConfig,
    pub unit: UnitConfig,
    pub report: ReportConfig,
    pub direction: DirectionConfig,
    pub output: OutputConfig,
}

/// How results are listed on screen and in CSV/Markdown.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OutputConfig {
    /// Leave info findings (advice such as V003) out of the listings; they
    /// are still counted in the summary (`--quiet-info` does the same).
    pub quiet_info: bool,
}

/// How `perf report` tells the four budgets (四本预算) and the special
/// categories apart: the words that name each.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReportConfig {
    /// 一般公共预算
    pub general: Vec<String>,
    /// 政府性基金预算
    pub fund: Vec<String>,
    /// 国有资本经营预算
    pub state_capital: Vec<String>,
    /// 社会保险基金预算
    pub social_insurance: Vec<String>,
    /// The special categories, tried in this order: a project takes the first
    /// whose words its 项目类别 (else its name) holds.
    pub categories: Vec<CategoryConfig>,
}

/// One special category (基建投资项目, 政府采购 …) and its words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryConfig {
    pub name: String,
    pub words: Vec<String>,
}

impl Default for ReportConfig {
    fn default() -> Self {
        let c = crate::report::Classes::default();
        let of = |name: &str| {
            c.budgets
                .iter()
                .find(|(b, _)| *b == name)
                .map(|(_, w)| w.clone())
                .unwrap_or_default()
        };
        ReportConfig {
            general: of("一般公共预算"),
            fund: of("政府性基金预算"),
            state_capital: of("国有资本经营预算"),
            social_insurance: of("社会保险基金预算"),
            categories: c
                .categories
                .into_iter()
                .map(|(name, words)| CategoryConfig { name, words })
                .collect(),
        }
    }
}

/// Which way is better when no operator is written (`[direction]`): one
/// reading for V010, the monitoring lights and the self-evaluation points.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DirectionConfig {
    /// A 成本指标, or an indicator whose name holds one of these, valued not in %: a cap (≤).
    pub cost_words: Vec<String>,
    /// Names holding one of these are lower-is-better (rates of bad things: 投诉率 …).
    pub lower_is_better: Vec<String>,
    /// Names holding one of these are higher-is-better, before both lists above (下降率 …).
    pub higher_is_better: Vec<String>,
}

impl Default for DirectionConfig {
    fn default() -> Self {
        let w = crate::parse::meaning::DirectionWords::default();
        DirectionConfig {
            cost_words: w.cost,
            lower_is_better: w.lower,
            higher_is_better: w.higher,
        }
    }
}

impl ReportConfig {
    pub fn classes(&self) -> crate::report::Classes {
        crate::report::Classes {
            // 社会保险基金 before 政府性基金: `社会保险基金预算` holds `基金预算`.
            budgets: vec![
                ("社会保险基金预算", self.social_insurance.clone()),
                ("政府性基金预算", self.fund.clone()),
                ("国有资本经营预算", self.state_capital.clone()),
                ("一般公共预算", self.general.clone()),
            ],
            categories: self
                .categories
                .iter()
                .map(|c| (c.name.clone(), c.words.clone()))
                .collect(),
        }
    }
}

impl DirectionConfig {
    pub fn words(&self) -> crate::parse::meaning::DirectionWords {
        crate::parse::meaning::DirectionWords {
            cost: self.cost_words.clone(),
            lower: self.lower_is_better.clone(),
            higher: self.higher_is_better.clone(),
        }
    }
}

/// Settings of 事前绩效评估 (`perf assess`).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AssessConfig {
    /// Weights of the six aspects, in the order 立项必要性, 投入经济性, 绩效目标合理性,
    /// 方案完整性, 计划可行性, 筹资合规性; equal by default.
    pub weights: [f64; 6],
    /// 予以支持 from this total (0–100).
    pub support_from: f64,
    /// 调整完善后予以支持 from this total; 不予支持 below.
    pub adjust_from: f64,
    /// On a 审核表 whose form does not say: the percent of an item's points
    /// that 优, 良, 中 and 差 earn.
    pub tick_shares: [f64; 4],
}

impl Default for AssessConfig {
    fn default() -> Self {
        let s = crate::assess::Scheme::default();
        AssessConfig {
            weights: s.weights,
            support_from: s.support_from,
            adjust_from: s.adjust_from,
            tick_shares: s.shares.map(|v| v * 100.0),
        }
    }
}

impl AssessConfig {
    pub fn scheme(&self) -> crate::assess::Scheme {
        crate::assess::Scheme {
            weights: self.weights,
            support_from: self.support_from,
            adjust_from: self.adjust_from,
            shares: self.tick_shares.map(|v| v / 100.0),
        }
    }
}

/// Settings of 绩效自评 (`perf evaluate`).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EvaluateConfig {
    /// Points for budget execution, output, effect and satisfaction indicators when the sheet gives none.
    pub budget_points: f64,
    pub output_points: f64,
    pub effect_points: f64,
    pub satisfaction_points: f64,
    /// Lower bounds of 优, 良 and 中 (差 below).
    pub grades: [f64; 3],
    /// How far a stated score may exceed the recomputed one (E003).
    pub tolerance: f64,
    /// The cut proposed for a 差 project, in percent of next year's budget (0 = none).
    pub cut_percent: f64,
    /// The cut proposed for a 中 project, in percent of next year's budget (0 = none).
    pub cut_fair_percent: f64,
    /// Grades that count as 绩效不高: a project expiring with one of them is cleared out (清退).
    pub clear_out_grades: Vec<String>,
}

impl Default for EvaluateConfig {
    fn default() -> Self {
        let s = crate::evaluate::Scheme::default();
        let a = crate::evaluate::apply::Application::default();
        EvaluateConfig {
            budget_points: s.budget_points,
            output_points: s.output_points,
            effect_points: s.effect_points,
            satisfaction_points: s.satisfaction_points,
            grades: s.grade_bounds,
            tolerance: s.tolerance,
            cut_percent: a.cut_poor_percent,
            cut_fair_percent: a.cut_fair_percent,
            clear_out_grades: a.clear_out.iter().map(|g| g.zh().to_string()).collect(),
        }
    }
}

impl EvaluateConfig {
    /// How results are applied: the cuts and the grades cleared out on expiry.
    pub fn application(&self) -> crate::evaluate::apply::Application {
        use crate::evaluate::Grade;
        crate::evaluate::apply::Application {
            cut_fair_percent: self.cut_fair_percent,
            cut_poor_percent: self.cut_percent,
            clear_out: [Grade::Excellent, Grade::Good, Grade::Fair, Grade::Poor]
                .into_iter()
                .filter(|g| self.clear_out_grades.iter().any(|t| t == g.zh()))
                .collect(),
        }
    }

    pub fn scheme(&self) -> crate::evaluate::Scheme {
        crate::evaluate::Scheme {
            budget_points: self.budget_points,
            output_points: self.output_points,
            effect_points: self.effect_points,
            satisfaction_points: self.satisfaction_points,
            grade_bounds: self.grades,
            tolerance: self.tolerance,
            ..crate::evaluate::Scheme::default()
        }
    }
}

/// Settings of 双监控 (`perf monitor`): where the lights change.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MonitorConfig {
    /// Red below this pace (execution rate ÷ time progress, or actual ÷ expected).
    pub red_below: f64,
    /// Yellow below this pace; green from it.
    pub yellow_below: f64,
    /// 超额 (over) from this pace, for cumulative indicators.
    pub over_from: f64,
    /// 暂缓执行 only when the forecast reaches less than this share of the target.
    pub suspend_below: f64,
}

impl Default for MonitorConfig {
    fn default() -> Self {
        let t = crate::monitor::Thresholds::default();
        MonitorConfig {
            red_below: t.red_below,
            yellow_below: t.yellow_below,
            over_from: t.over_from,
            suspend_below: t.suspend_below,
        }
    }
}

impl MonitorConfig {
    pub fn thresholds(&self) -> crate::monitor::Thresholds {
        crate::monitor::Thresholds {
            red_below: self.red_below,
            yellow_below: self.yellow_below,
            over_from: self.over_from,
            suspend_below: self.suspend_below,
        }
    }
}

/// Settings of target review (`perf check`).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CheckConfig {
    /// Dimensions every project must cover (T002); add "cost" to require 成本指标.
    pub required_dimensions: Vec<String>,
    /// Vague words (V004).
    pub vague_words: Vec<String>,
    /// Money tolerance in 万元 for B001/B003.
    pub money_tolerance: f64,
    /// Weights must add up to one of these (W001).
    pub weight_totals: Vec<f64>,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            required_dimensions: ["quantity", "quality", "timeliness", "effect"]
                .map(String::from)
                .to_vec(),
            vague_words: crate::parse::default_vague_words()
                .iter()
                .map(|s| s.to_string())
                .collect(),
            money_tolerance: 0.01,
            weight_totals: vec![100.0, 90.0],
        }
    }
}

/// The largest config perf reads: a county's perf.toml is a few kilobytes.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

impl Config {
    /// `--config FILE`, else `perf.toml` in the working folder, else the
    /// defaults. Errors are in `lang` and name the file (and the line and key).
    pub fn discover(explicit: Option<&Path>, lang: Lang) -> Result<(Config, Option<PathBuf>)> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => Some(PathBuf::from("perf.toml")).filter(|p| p.is_file()),
        };
        let Some(path) = path else {
            return Ok((Config::default(), None));
        };
        let unreadable = || {
            format!(
                "{} {}",
                lang.pick("无法读取配置文件", "cannot read the config file"),
                path.display()
            )
        };
        // A config is a small text file: a device (`/dev/zero`), a pipe that
        // never ends, or a huge file is refused before it is read.
        let meta = std::fs::metadata(&path).with_context(unreadable)?;
        if !meta.is_file() || meta.len() > MAX_CONFIG_BYTES {
            bail!(
                "{} {} {}",
                lang.pick("配置文件", "the config file"),
                path.display(),
                lang.pick(
                    "不是普通的小文本文件（不超过 1 MB），未读取",
                    "is no regular text file of at most 1 MB, not read"
                )
            );
        }
        let text = std::fs::read_to_string(&path).with_context(unreadable)?;
        match Config::parse(&text) {
            Ok(config) => Ok((config, Some(path))),
            Err(e) => bail!(
                "{} {} {}{}",
                lang.pick("配置文件", "the config file"),
                path.display(),
                lang.pick("有误：", "is wrong: "),
                e.message(lang)
            ),
        }
    }

    /// The config in `text`, validated; an error names its line and key.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| ConfigError::from_toml(&e, text))?;
        for key in config.headers.keys() {
            if Field::from_key(key).is_none() {
                return Err(ConfigError::new(
                    "不是已知的列含义（perf inspect 显示的名称，如 indicator、target）",
                    "is no known column meaning (the names perf inspect shows, such as indicator, target)",
                )
                .at_key(text, "headers", key));
            }
        }
        for (code, value) in &config.rules {
            if crate::rules::catalog::find(code).is_none() {
                return Err(ConfigError::new(
                    "不是已知的问题代码（见 perf explain）",
                    "is no known finding code (see perf explain)",
                )
                .at_key(text, "rules", code));
            }
            if !matches!(value.as_str(), "off" | "error" | "warning" | "info") {
                return Err(ConfigError::new(
                    format!("「{value}」只能是 \"off\"、\"error\"、\"warning\" 或 \"info\""),
                    format!("\"{value}\" must be \"off\", \"error\", \"warning\" or \"info\""),
                )
                .at_key(text, "rules", code));
            }
        }
        let m = &config.monitor;
        let ordered =
            0.0 < m.red_below && m.red_below <= m.yellow_below && m.yellow_below <= m.over_from;
        if !ordered {
            return Err(ConfigError::new(
                "需满足 0 < red_below ≤ yellow_below ≤ over_from",
                "must be 0 < red_below ≤ yellow_below ≤ over_from",
            )
            .at_key(text, "monitor", "red_below"));
        }
        if !(0.0..=1.0).contains(&m.suspend_below) {
            return Err(
                ConfigError::new("应在 0 到 1 之间", "must be between 0 and 1").at_key(
                    text,
                    "monitor",
                    "suspend_below",
                ),
            );
        }
        let a = &config.assess;
        if !(0.0 <= a.adjust_from && a.adjust_from <= a.support_from && a.support_from <= 100.0) {
            return Err(ConfigError::new(
                "需满足 0 ≤ adjust_from ≤ support_from ≤ 100",
                "must be 0 ≤ adjust_from ≤ support_from ≤ 100",
            )
            .at_key(text, "assess", "support_from"));
        }
        if a.weights.iter().any(|w| *w < 0.0) || a.weights.iter().sum::<f64>() <= 0.0 {
            return Err(ConfigError::new(
                "权重不能为负，也不能全为 0",
                "weights may not be negative nor all 0",
            )
            .at_key(text, "assess", "weights"));
        }
        if a.tick_shares.iter().any(|v| !(0.0..=100.0).contains(v)) {
            return Err(
                ConfigError::new("应在 0 到 100 之间", "must be between 0 and 100").at_key(
                    text,
                    "assess",
                    "tick_shares",
                ),
            );
        }
        let e = &config.evaluate;
        for (key, v) in [
            ("cut_percent", e.cut_percent),
            ("cut_fair_percent", e.cut_fair_percent),
        ] {
            if !(0.0..=100.0).contains(&v) {
                return Err(
                    ConfigError::new("应在 0 到 100 之间", "must be between 0 and 100")
                        .at_key(text, "evaluate", key),
                );
            }
        }
        for g in &e.clear_out_grades {
            if !matches!(g.as_str(), "优" | "良" | "中" | "差") {
                return Err(ConfigError::new(
                    format!("「{g}」不是等级（优、良、中、差）"),
                    format!("\"{g}\" is no grade (优, 良, 中, 差)"),
                )
                .at_key(text, "evaluate", "clear_out_grades"));
            }
        }
        for d in &config.check.required_dimensions {
            if crate::model::Dimension::parse_key(d).is_none() {
                return Err(ConfigError::new(
                    format!("「{d}」不是维度（quantity、quality、timeliness、cost、effect）"),
                    format!(
                        "\"{d}\" is no dimension (quantity, quality, timeliness, cost, effect)"
                    ),
                )
                .at_key(text, "check", "required_dimensions"));
            }
        }
        Ok(config)
    }

    /// The self-evaluation scheme: `[evaluate]`, judged by the `[direction]` words.
    pub fn evaluate_scheme(&self) -> crate::evaluate::Scheme {
        crate::evaluate::Scheme {
            direction: self.direction.words(),
            ..self.evaluate.scheme()
        }
    }

    /// The header dictionary: built-in synonyms plus this config's.
    pub fn header_dict(&self) -> HeaderDict {
        let extra: Vec<(Field, String)> = self
            .headers
            .iter()
            .filter_map(|(k, v)| Field::from_key(k).map(|f| (f, v)))
            .flat_map(|(f, v)| v.iter().map(move |s| (f, s.clone())))
            .collect();
        HeaderDict::new(&extra)
    }
}

impl Config {
    /// The config as TOML with a comment on every setting (what `perf config` prints).
    pub fn to_commented_toml(&self) -> String {
        let list = |v: &[String]| {
            v.iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let nums = |v: &[f64]| {
            v.iter()
                .map(|n| format!("{n:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut s = String::new();
        // Each commented example stands inside its own section and names a
        // key not yet set, so that it can be switched on as it stands.
        let examples = |s: &mut String, set: &dyn Fn(&str) -> bool, lines: &[(&str, &str)]| {
            for (key, value) in lines {
                if !set(key) {
                    s.push_str(&format!("# {key} = {value}\n"));
                }
            }
        };
        s.push_str("\n[headers]\n");
        s.push_str("# 本县的表头叫法，按列含义（perf inspect 显示的名称）列出；去掉行首的 # 即生效，例如：\n");
        for (k, v) in &self.headers {
            s.push_str(&format!("{k} = [{}]\n", list(v)));
        }
        examples(
            &mut s,
            &|k| self.headers.contains_key(k),
            &[
                ("indicator", "[\"考核内容\"]"),
                ("target", "[\"考核标准\"]"),
            ],
        );
        s.push_str("\n[rules]\n");
        s.push_str("# 规则开关与级别：\"off\" 关闭，或 \"error\" / \"warning\" / \"info\"；代码见 perf explain。例如：\n");
        for (k, v) in &self.rules {
            s.push_str(&format!("{k} = {v:?}\n"));
        }
        examples(
            &mut s,
            &|k| self.rules.keys().any(|r| r.eq_ignore_ascii_case(k)),
            &[("V005", "\"off\""), ("V003", "\"off\"")],
        );
        let c = &self.check;
        s.push_str("\n[check]\n");
        s.push_str("# 每个项目必须具备的指标维度（T002）；要求成本指标时加入 \"cost\"。\n");
        s.push_str(&format!(
            "required_dimensions = [{}]\n",
            list(&c.required_dimensions)
        ));
        s.push_str("# 视为表述模糊的词（V004）。\n");
        s.push_str(&format!("vague_words = [{}]\n", list(&c.vague_words)));
        s.push_str("# 金额比较的容差，万元（B001、B003）。\n");
        s.push_str(&format!("money_tolerance = {:?}\n", c.money_tolerance));
        s.push_str("# 指标分值合计应等于其中之一（W001）：100，或预算执行率单列10分时的90。\n");
        s.push_str(&format!("weight_totals = [{}]\n", nums(&c.weight_totals)));
        let m = &self.monitor;
        s.push_str("\n[monitor]\n");
        s.push_str("# 预警界限（进度比 = 执行率 ÷ 序时进度，或实际 ÷ 序时应完成）：低于 red_below 为红色，\n");
        s.push_str("# 低于 yellow_below 为黄色，其余为绿色；累计类指标达到 over_from 为超额。\n");
        s.push_str(&format!(
            "red_below = {:?}\nyellow_below = {:?}\nover_from = {:?}\n",
            m.red_below, m.yellow_below, m.over_from
        ));
        s.push_str("# 全年预计完成情况不到目标的这一比例（或“完全不可能”）才建议暂缓执行；差得较少的建议纠偏。\n");
        s.push_str(&format!("suspend_below = {:?}\n", m.suspend_below));
        let e = &self.evaluate;
        s.push_str("\n[evaluate]\n");
        s.push_str("# 表中未给分值时的默认分值：预算执行、产出、效益、满意度（合计100）。\n");
        s.push_str(&format!(
            "budget_points = {:?}\noutput_points = {:?}\neffect_points = {:?}\nsatisfaction_points = {:?}\n",
            e.budget_points, e.output_points, e.effect_points, e.satisfaction_points
        ));
        s.push_str("# 等级下限：优、良、中（低于最后一个为差）。\n");
        s.push_str(&format!(
            "grades = [{:?}, {:?}, {:?}]\n",
            e.grades[0], e.grades[1], e.grades[2]
        ));
        s.push_str("# 自评得分高于复算得分超过此分值时报告 E003。\n");
        s.push_str(&format!("tolerance = {:?}\n", e.tolerance));
        s.push_str("# 结果应用（财预〔2020〕10号：对中、差等级根据情况核减预算）：等级为“差”、“中”时建议核减\n");
        s.push_str("# 下年度预算的比例（%），0 为只提出建议、不给金额。\n");
        s.push_str(&format!("cut_percent = {:?}\n", e.cut_percent));
        s.push_str(&format!("cut_fair_percent = {:?}\n", e.cut_fair_percent));
        s.push_str("# 视为“绩效不高”的等级：项目期本年到期且为其中之一的，建议清退。\n");
        s.push_str(&format!(
            "clear_out_grades = [{}]\n",
            list(&e.clear_out_grades)
        ));
        let a = &self.assess;
        s.push_str("\n[assess]\n");
        s.push_str("# 事前绩效评估六个方面的权重，依次为立项必要性、投入经济性、绩效目标合理性、方案完整性、计划可行性、筹资合规性（默认相等）。\n");
        s.push_str(&format!("weights = [{}]\n", nums(&a.weights)));
        s.push_str("# 表中未给评估结论时：总分达到 support_from 为“予以支持”，达到 adjust_from 为“调整完善后予以支持”，其下为“不予支持”。\n");
        s.push_str(&format!(
            "support_from = {:?}\nadjust_from = {:?}\n",
            a.support_from, a.adjust_from
        ));
        s.push_str("# 审核表逐项勾选“优□良□中□差□”、表中又未写明折算办法时，优、良、中、差各得该项分值的百分比。\n");
        s.push_str("# 表中写明的（如“优、良、中、差分别按分值的100%、80%、60%、40%计分”）、表内写明的评估结论分数线（如“80分（含）以上予以支持”）优先。\n");
        s.push_str(&format!("tick_shares = [{}]\n", nums(&a.tick_shares)));
        let u = &self.unit;
        s.push_str("\n[unit]\n");
        s.push_str(
            "# 整体绩效目标的六个方面（T006）：各方面的专属词在二级指标、一级指标和指标名称中查找；\n",
        );
        s.push_str(
            "# …_labels 为泛用词（管理、成本、数量等），只在二级/一级指标中查找，不看指标名称\n",
        );
        s.push_str("# （“城区道路管理养护面积”“道路养护单位成本”不算管理效率、运行成本）。\n");
        for (k, v) in [
            ("running_cost", &u.running_cost),
            ("running_cost_labels", &u.running_cost_labels),
            ("efficiency", &u.efficiency),
            ("efficiency_labels", &u.efficiency_labels),
            ("effectiveness", &u.effectiveness),
            ("effectiveness_labels", &u.effectiveness_labels),
            ("social_effect", &u.social_effect),
            ("social_effect_labels", &u.social_effect_labels),
            ("sustainability", &u.sustainability),
            ("sustainability_labels", &u.sustainability_labels),
            ("satisfaction", &u.satisfaction),
            ("satisfaction_labels", &u.satisfaction_labels),
        ] {
            s.push_str(&format!("{k} = [{}]\n", list(v)));
        }
        let d = &self.direction;
        s.push_str("\n[direction]\n");
        s.push_str("# 指标值未写运算符（≥、≤、=）、也无指标性质列时，按指标含义判断方向；审核（V010）、监控亮灯和自评计分都按此判断。\n");
        s.push_str("# 成本类：成本指标，或指标名称含下列词且指标值不是百分比的，视为“不超过”（≤，上限）。\n");
        s.push_str(&format!("cost_words = [{}]\n", list(&d.cost_words)));
        s.push_str("# 名称含下列词的比率越低越好（投诉率、事故率等）。\n");
        s.push_str(&format!(
            "lower_is_better = [{}]\n",
            list(&d.lower_is_better)
        ));
        s.push_str("# 名称含下列词的越高越好，优先于以上两项（下降率、节约率等不报 V010）。\n");
        s.push_str(&format!(
            "higher_is_better = [{}]\n",
            list(&d.higher_is_better)
        ));
        s.push_str("\n[output]\n");
        s.push_str("# true：终端、Markdown 和 CSV 的问题清单不列出提示（如 V003），提示仍计入汇总（同 --quiet-info）。\n");
        s.push_str(&format!("quiet_info = {}\n", self.output.quiet_info));
        let r = &self.report;
        s.push_str("\n[report]\n");
        s.push_str("# 四本预算的各种写法（按预算类型汇总时归类用）：一般公共预算、政府性基金预算、国有资本经营预算、社会保险基金预算。\n");
        for (k, v) in [
            ("general", &r.general),
            ("fund", &r.fund),
            ("state_capital", &r.state_capital),
            ("social_insurance", &r.social_insurance),
        ] {
            s.push_str(&format!("{k} = [{}]\n", list(v)));
        }
        s.push_str("\n# 专项类别（按专项类别汇总）：按项目类别列、否则按项目名称中的关键词归类，依次尝试，取第一个。\n");
        for c in &r.categories {
            s.push_str(&format!(
                "[[report.categories]]\nname = {:?}\nwords = [{}]\n",
                c.name,
                list(&c.words)
            ));
        }
        s
    }
}

impl Config {
    /// The rule settings this config makes. It was validated when parsed
    /// (`Config::parse`), so every code and dimension it names is known.
    pub fn settings(&self) -> crate::rules::Settings {
        use crate::diag::Severity;
        let severity = self
            .rules
            .iter()
            .filter(|(code, _)| crate::rules::catalog::find(code).is_some())
            .map(|(code, value)| (code.to_ascii_uppercase(), Severity::parse(value)))
            .collect();
        let required = self
            .check
            .required_dimensions
            .iter()
            .filter_map(|d| crate::model::Dimension::parse_key(d))
            .collect();
        crate::rules::Settings {
            severity,
            required,
            vague_words: self.check.vague_words.clone(),
            money_tolerance: self.check.money_tolerance,
            weight_totals: self.check.weight_totals.clone(),
            unit: self.unit.clone(),
            assess: self.assess.scheme(),
            direction: self.direction.words(),
        }
    }
}

impl Default for crate::rules::Settings {
    fn default() -> Self {
        Config::default().settings()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_synonyms_from_config_are_used() {
        let c = Config::parse("[headers]\ntarget = [\"考核目标\"]\n").unwrap();
        assert_eq!(
            c.header_dict().match_header("考核目标").map(|m| m.field),
            Some(Field::Target)
        );
    }

    #[test]
    fn the_printed_config_parses_back_to_the_defaults() {
        let printed = Config::default().to_commented_toml();
        let back = Config::parse(&printed).unwrap();
        assert_eq!(
            back.check.required_dimensions,
            CheckConfig::default().required_dimensions
        );
        assert_eq!(back.check.vague_words, CheckConfig::default().vague_words);
        assert_eq!(back.check.weight_totals, vec![100.0, 90.0]);
        assert_eq!(back.report.classes(), crate::report::Classes::default());
        assert_eq!(
            back.direction.words(),
            crate::parse::meaning::DirectionWords::default()
        );
    }

    #[test]
    fn direction_words_are_configurable() {
        let c = Config::parse("[direction]\nlower_is_better = [\"空驶率\"]\n").unwrap();
        assert_eq!(c.direction.lower_is_better, ["空驶率"]);
        assert_eq!(
            c.direction.cost_words,
            DirectionConfig::default().cost_words,
            "an unset list keeps its defaults"
        );
        assert_eq!(c.evaluate_scheme().direction.lower, ["空驶率"]);
        // Near miss: a misspelt key is refused, not ignored.
        assert!(Config::parse("[direction]\nlower_words = [\"空驶率\"]\n").is_err());
    }

    #[test]
    fn unknown_keys_are_refused() {
        assert!(Config::parse("[headers]\nnonsense = [\"x\"]\n").is_err());
        assert!(Config::parse("[oops]\n").is_err());
    }
}
