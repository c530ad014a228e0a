//! Flat summary templates: one indicator (or one project) per row, under one header row.
//!
//! Every header text is one that `layout::fields` recognises; the round-trip
//! test in `tests/cli/template.rs` proves it by reading each form back.

use super::lists::{BUDGET_KINDS, MEASURE_UNITS, OPERATORS, POSSIBILITIES, REASONS, STATUSES};
use super::{Cell, Choice, EXAMPLE_MARK, Input, Kind, Params, Role, Template, Value};

/// Blank rows offered under the example rows, with their dropdowns.
pub const BLANK_ROWS: u32 = 300;

/// The header row of every flat template (title above, notes and money unit between).
const HEADER_ROW: u32 = 2;

/// One column of a flat template.
pub(super) struct Col {
    header: String,
    width: f64,
    choice: Choice,
    message: &'static str,
}

pub(super) fn col(
    header: impl Into<String>,
    width: f64,
    choice: Choice,
    message: &'static str,
) -> Col {
    Col {
        header: header.into(),
        width,
        choice,
        message,
    }
}

pub(super) fn t(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

pub(super) fn n(x: f64) -> Value {
    Value::Number(x)
}

fn money(x: f64) -> Value {
    Value::Money(x)
}

/// The example project every flat template shows.
struct Example {
    unit: &'static str,
    code: String,
    name: String,
    period: String,
    budget: f64,
}

fn example(p: &Params) -> Example {
    Example {
        unit: "县交通运输局",
        code: format!("{}-JT-001", p.year),
        name: format!("{EXAMPLE_MARK}村级道路日常养护"),
        period: format!("{}-{}年", p.year - 1, p.year + 1),
        budget: 96.0,
    }
}

/// One example indicator: 一级, 二级, 三级, operator, value, unit, points.
type Indicator = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    String,
    &'static str,
    f64,
);

fn indicators(p: &Params) -> Vec<Indicator> {
    vec![
        (
            "产出指标",
            "数量指标",
            "养护村级道路里程",
            "≥",
            "120".into(),
            "公里",
            20.0,
        ),
        (
            "产出指标",
            "质量指标",
            "道路养护合格率",
            "≥",
            "95".into(),
            "%",
            20.0,
        ),
        (
            "产出指标",
            "时效指标",
            "年度养护任务完成时间",
            "",
            format!("{}年11月30日前", p.year),
            "",
            10.0,
        ),
        (
            "产出指标",
            "成本指标",
            "每公里年均养护成本",
            "≤",
            "0.8".into(),
            "万元/公里",
            10.0,
        ),
        (
            "效益指标",
            "社会效益指标",
            "通畅道路覆盖行政村",
            "≥",
            "36".into(),
            "个",
            20.0,
        ),
        (
            "满意度指标",
            "服务对象满意度指标",
            "沿线群众满意度",
            "≥",
            "90".into(),
            "%",
            10.0,
        ),
    ]
}

/// A target as one text (`≥120公里`), as the monitoring and self-evaluation forms write it.
fn joined(ind: &Indicator) -> String {
    format!("{}{}{}", ind.3, ind.4, ind.5)
}

/// Builds a flat template: title, notes and money unit line, header, example rows, blank rows.
pub(super) fn table(
    kind: Kind,
    sheet: &str,
    title: String,
    notes: &str,
    money: bool,
    cols: Vec<Col>,
    examples: Vec<Vec<Value>>,
) -> Template {
    debug_assert!(cols.iter().all(|c| match c.choice {
        Choice::Level2 { level1_col } => cols[usize::from(level1_col)].choice == Choice::Level1,
        _ => true,
    }));
    let last_col = (cols.len() - 1) as u16;
    let mut cells = vec![Cell::new(0, 0, t(title), Role::Title).to(0, last_col)];
    let note_end = if money { last_col - 1 } else { last_col };
    cells.push(Cell::new(1, 0, t(notes), Role::Note).to(1, note_end));
    if money {
        cells.push(Cell::new(1, last_col, t("单位：万元"), Role::Plain));
    }
    for (c, column) in cols.iter().enumerate() {
        cells.push(Cell::new(
            HEADER_ROW,
            c as u16,
            t(column.header.clone()),
            Role::Header,
        ));
    }
    let first = HEADER_ROW + 1;
    for (r, row) in examples.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let empty = matches!(value, Value::Text(s) if s.is_empty());
            if !empty {
                cells.push(Cell::new(
                    first + r as u32,
                    c as u16,
                    value.clone(),
                    Role::Example,
                ));
            }
        }
    }
    let last = first + examples.len() as u32 + BLANK_ROWS - 1;
    let inputs = cols
        .iter()
        .enumerate()
        .map(|(c, column)| Input {
            first_row: first,
            last_row: last,
            first_col: c as u16,
            last_col: c as u16,
            choice: column.choice.clone(),
            title: column.header.clone(),
            message: column.message.to_string(),
        })
        .collect();
    let note_lines = notes.lines().count().max(1) as f64;
    Template {
        kind,
        sheet: sheet.to_string(),
        cells,
        inputs,
        header_rows: (HEADER_ROW, HEADER_ROW),
        freeze_rows: Some(HEADER_ROW + 1),
        open_ended: true,
        widths: cols.iter().map(|c| c.width).collect(),
        heights: vec![(0, 30.0), (1, 15.0 * note_lines + 4.0), (HEADER_ROW, 30.0)],
    }
}

pub(super) const UNIT_MSG: &str =
    "填写预算单位全称，如「县教育局」「白云乡人民政府」。同一单位各行写法一致。";
const CODE_MSG: &str =
    "预算系统中的项目编码；与预算表、执行表一致，perf 按编码（无编码时按名称）对应各表。";
const PROJECT_MSG: &str =
    "项目（政策）全称，与预算表一致。每个指标一行，同一项目各行重复填写项目名称。示例行请删除。";
const LEVEL1_MSG: &str = "从下拉列表选择：产出指标、效益指标、满意度指标。";
const LEVEL2_MSG: &str = "先选一级指标，再从下拉列表选择对应的二级指标。每个项目须有数量、质量、时效和效益（含满意度）指标。";
pub(super) const LEVEL3_MSG: &str =
    "具体指标名称，如「培训人次」「验收合格率」。同一项目内不要重复。";
const OPERATOR_MSG: &str =
    "≥ 越高越好；≤ 越低越好；＝ 恰好达到；定性 为定性指标。成本指标一般用 ≤。时效指标可留空。";
const TARGET_MSG: &str = "只填数字（如 95），单位写在「度量单位」列；时效指标写期限，如「12月31日前」。不要写「有所提高」「力争」等模糊表述，也不要留 *、XX 等占位符。";
const MEASURE_MSG: &str = "从下拉列表选择，或直接输入其他单位（如「万元/公里」）。百分比选 %。";
const WEIGHT_MSG: &str = "各指标分值合计 100（预算执行另计 10 分时合计 90）。";
const GOAL_MSG: &str = "一句话写明年度总体目标：做什么、做多少、做到什么程度、何时完成。";
pub(super) const NOTE_MSG: &str = "其他需要说明的情况。";
const MONEY_MSG: &str = "金额单位：万元，保留两位小数。";
pub(super) const TARGET_TEXT_MSG: &str =
    "与绩效目标表一致，含符号和单位，如「≥95%」「≤0.8万元/公里」「11月30日前」。";
const REASON_MSG: &str = "黄灯、红灯或未达目标的指标必须填写：从下拉列表选择原因类别（经费保障、制度保障、人员保障、硬件条件保障、其他），并在后面写明具体原因和纠偏措施。";
const POSSIBILITY_MSG: &str =
    "从下拉列表选择：确定能、有可能、完全不可能。选「完全不可能」将建议暂缓或停止执行。";

/// The columns that open most flat forms: 单位名称, 项目编码, 项目名称 (whose
/// input message each form words for itself).
pub(super) fn project_cols(name_width: f64, name_message: &'static str) -> [Col; 3] {
    [
        col("单位名称", 16.0, Choice::Free, UNIT_MSG),
        col("项目编码", 14.0, Choice::Free, CODE_MSG),
        col("项目名称", name_width, Choice::Free, name_message),
    ]
}

/// 一级, 二级 and 三级 指标, the 一级 column at index `at` (its dropdown
/// drives the 二级 one).
fn level_cols(at: u16) -> [Col; 3] {
    [
        col("一级指标", 11.0, Choice::Level1, LEVEL1_MSG),
        col(
            "二级指标",
            16.0,
            Choice::Level2 { level1_col: at },
            LEVEL2_MSG,
        ),
        col("三级指标", 24.0, Choice::Free, LEVEL3_MSG),
    ]
}

/// 项目支出绩效目标汇总表: one indicator per row.
pub fn targets(p: &Params) -> Template {
    let ex = example(p);
    let mut cols = Vec::from(project_cols(22.0, PROJECT_MSG));
    cols.extend([
        col("项目资金（万元）", 11.0, Choice::Amount, MONEY_MSG),
        col("年度绩效目标", 30.0, Choice::Free, GOAL_MSG),
    ]);
    cols.extend(level_cols(5));
    cols.extend([
        col("运算符", 8.0, Choice::List(OPERATORS), OPERATOR_MSG),
        col("指标值", 16.0, Choice::Free, TARGET_MSG),
        col(
            "度量单位",
            10.0,
            Choice::Suggest(MEASURE_UNITS),
            MEASURE_MSG,
        ),
        col("分值", 7.0, Choice::Amount, WEIGHT_MSG),
        col("备注", 14.0, Choice::Free, NOTE_MSG),
    ]);
    let goal = "完成村级道路日常养护120公里，养护合格率达到95%以上，11月30日前完成年度养护任务，每公里养护成本控制在0.8万元以内，保障36个行政村道路通畅，群众满意度达到90%以上。";
    let rows = indicators(p)
        .into_iter()
        .enumerate()
        .map(|(k, i)| {
            vec![
                t(ex.unit),
                t(ex.code.clone()),
                t(ex.name.clone()),
                money(ex.budget),
                // Once per project is enough: perf carries it to the project.
                t(if k == 0 { goal } else { "" }),
                t(i.0),
                t(i.1),
                t(i.2),
                t(i.3),
                if i.3.is_empty() {
                    t(i.4.clone())
                } else {
                    n(i.4.parse().unwrap_or(0.0))
                },
                t(i.5),
                n(i.6),
                t(""),
            ]
        })
        .collect();
    table(
        Kind::Targets,
        "绩效目标",
        format!("{}年度项目支出绩效目标汇总表", p.year),
        "填表说明：每个指标填一行；蓝色斜体为示例，填写前请删除。每个项目须有数量、质量、时效和效益指标，指标值须具体量化。\n填好后可用 perf check 本表 预算表 自查。",
        true,
        cols,
        rows,
    )
}

/// 项目支出预算表: one project per row.
pub fn budget(p: &Params) -> Template {
    let ex = example(p);
    let mut cols = Vec::from(project_cols(
        24.0,
        "项目（政策）全称，与绩效目标表一致。每个项目一行。示例行请删除。",
    ));
    cols.extend([
        col(
            "预算类型",
            16.0,
            Choice::List(BUDGET_KINDS),
            "从下拉列表选择四本预算之一。",
        ),
        col(
            "项目类型",
            9.0,
            Choice::List(STATUSES),
            "新增项目须先经事前绩效评估。",
        ),
        col(
            "项目期",
            12.0,
            Choice::Free,
            "如「2024-2026年」；到期项目自评为差时建议清退。",
        ),
        col("年初预算数", 12.0, Choice::Amount, MONEY_MSG),
        col(
            "调整预算数",
            12.0,
            Choice::Amount,
            "年中调整后的全年预算（万元）；未调整的填年初预算数。",
        ),
        col("备注", 16.0, Choice::Free, NOTE_MSG),
    ]);
    let rows = vec![vec![
        t(ex.unit),
        t(ex.code),
        t(ex.name),
        t("一般公共预算"),
        t("延续"),
        t(ex.period),
        money(ex.budget),
        money(ex.budget),
        t(""),
    ]];
    table(
        Kind::Budget,
        "预算",
        format!("{}年度项目支出预算表", p.year),
        "填表说明：每个项目一行，金额单位万元；蓝色斜体为示例，填写前请删除。",
        true,
        cols,
        rows,
    )
}

/// The example's amount executed by the end of month `m`: on time progress.
fn executed_by(budget: f64, month: u32) -> f64 {
    (budget * f64::from(month) / 12.0 * 100.0).round() / 100.0
}

/// 预算资金执行情况表: one project per row, executed to the end of the month.
pub fn execution(p: &Params) -> Template {
    let ex = example(p);
    let mut cols = Vec::from(project_cols(
        24.0,
        "项目全称，与预算表一致。每个项目一行。示例行请删除。",
    ));
    cols.extend([
        col("年初预算数", 12.0, Choice::Amount, MONEY_MSG),
        col(
            "调整预算数",
            12.0,
            Choice::Amount,
            "年中调整后的全年预算（万元）；未调整的填年初预算数。",
        ),
        col(
            format!("1-{}月执行数", p.month),
            12.0,
            Choice::Amount,
            "1月至本月累计实际支出（万元），不含已下达未支付的资金。",
        ),
        col(
            "偏差原因",
            30.0,
            Choice::Suggest(REASONS),
            "执行进度低于序时进度时必须填写：选择原因类别或直接写明原因及纠偏措施。",
        ),
    ]);
    let rows = vec![vec![
        t(ex.unit),
        t(ex.code),
        t(ex.name),
        money(ex.budget),
        money(ex.budget),
        money(executed_by(ex.budget, p.month)),
        t(""),
    ]];
    table(
        Kind::Execution,
        "资金执行",
        format!("{}年度预算资金执行情况表（1-{}月）", p.year, p.month),
        "填表说明：每个项目一行，金额单位万元；蓝色斜体为示例，填写前请删除。序时进度 = 月份 ÷ 12。",
        true,
        cols,
        rows,
    )
}

/// The example's actual to date and forecast for each indicator.
fn progress(p: &Params) -> Vec<(String, String)> {
    let m = f64::from(p.month);
    let km = (120.0 * m / 12.0).round();
    vec![
        (format!("{km}公里"), "120公里".into()),
        ("96%".into(), "96%".into()),
        ("按计划推进".into(), format!("{}年11月30日前完成", p.year)),
        ("0.78万元/公里".into(), "0.79万元/公里".into()),
        // An effect count is judged against the whole target, not pro rata.
        ("34个".into(), "36个".into()),
        ("92%".into(), "92%".into()),
    ]
}

/// 绩效目标执行监控汇总表: one indicator per row, actual to the end of the month.
pub fn monitoring(p: &Params) -> Template {
    let ex = example(p);
    let mut cols = Vec::from(project_cols(22.0, PROJECT_MSG));
    cols.extend(level_cols(3));
    cols.extend([
        col("年度指标值", 16.0, Choice::Free, TARGET_TEXT_MSG),
        col(
            format!("1-{}月指标完成情况", p.month),
            16.0,
            Choice::Free,
            "1月至本月累计完成值，含单位，如「60公里」「96%」；时效指标写进展，完成的写「已完成」。",
        ),
        col(
            "全年预计完成情况",
            16.0,
            Choice::Free,
            "预计到年底的完成值，含单位。",
        ),
        col("偏差原因分析", 30.0, Choice::Suggest(REASONS), REASON_MSG),
        col(
            "完成目标可能性",
            12.0,
            Choice::List(POSSIBILITIES),
            POSSIBILITY_MSG,
        ),
        col(
            "备注",
            16.0,
            Choice::Free,
            "预计年底不能完成目标的，说明原因及拟采取的措施。",
        ),
    ]);
    let rows = indicators(p)
        .iter()
        .zip(progress(p))
        .map(|(i, (actual, forecast))| {
            vec![
                t(ex.unit),
                t(ex.code.clone()),
                t(ex.name.clone()),
                t(i.0),
                t(i.1),
                t(i.2),
                t(joined(i)),
                t(actual),
                t(forecast),
                t(""),
                t("确定能"),
                t(""),
            ]
        })
        .collect();
    table(
        Kind::Monitoring,
        "指标监控",
        format!("{}年度绩效目标执行监控汇总表（1-{}月）", p.year, p.month),
        "填表说明：每个指标填一行；蓝色斜体为示例，填写前请删除。亮黄灯、红灯的指标须填写偏差原因分析；\n完成目标可能性分确定能、有可能、完全不可能三级。",
        false,
        cols,
        rows,
    )
}

/// The example's year-end actuals, and the reason column (none needed: all met).
fn year_end(p: &Params) -> Vec<String> {
    vec![
        "122公里".into(),
        "96.5%".into(),
        format!("{}年11月30日前", p.year),
        "0.78万元/公里".into(),
        "36个".into(),
        "93%".into(),
    ]
}

/// 项目支出绩效自评汇总表: one indicator per row, year-end actuals and scores.
pub fn selfeval(p: &Params) -> Template {
    let ex = example(p);
    let executed = (ex.budget * 0.98 * 100.0).round() / 100.0;
    let mut cols = Vec::from(project_cols(22.0, PROJECT_MSG));
    cols.extend([
        col(
            "项目期",
            12.0,
            Choice::Free,
            "如「2024-2026年」；本年到期且自评为差的项目建议清退。",
        ),
        col(
            "全年预算数",
            12.0,
            Choice::Amount,
            "调整后全年预算（万元）；同一项目各行相同。",
        ),
        col(
            "全年执行数",
            12.0,
            Choice::Amount,
            "全年实际支出（万元）；执行率低于 90% 须说明原因。",
        ),
    ]);
    cols.extend(level_cols(6));
    cols.extend([
        col("年度指标值", 16.0, Choice::Free, TARGET_TEXT_MSG),
        col(
            "实际完成值",
            16.0,
            Choice::Free,
            "全年实际完成值，含单位；定性指标选填达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差。",
        ),
        col("分值", 7.0, Choice::Amount, WEIGHT_MSG),
        col(
            "得分",
            7.0,
            Choice::Amount,
            "达到目标得满分，未达到按完成比例计分；perf evaluate 会复算，自评得分不得高于复算得分。",
        ),
        col(
            "偏差原因分析及改进措施",
            30.0,
            Choice::Free,
            "未达到目标的指标、执行率低于 90% 的项目必须写明原因和改进措施。",
        ),
    ]);
    let rows = indicators(p)
        .iter()
        .zip(year_end(p))
        .map(|(i, actual)| {
            vec![
                t(ex.unit),
                t(ex.code.clone()),
                t(ex.name.clone()),
                t(ex.period.clone()),
                money(ex.budget),
                money(executed),
                t(i.0),
                t(i.1),
                t(i.2),
                t(joined(i)),
                t(actual),
                n(i.6),
                n(i.6),
                t("已完成年度目标。"),
            ]
        })
        .collect();
    table(
        Kind::Selfeval,
        "绩效自评",
        format!("{}年度项目支出绩效自评汇总表", p.year),
        "填表说明：每个指标填一行；蓝色斜体为示例，填写前请删除。预算执行 10 分，各指标分值合计 90 分；\n得分按实际完成值复算，自评得分高于复算得分将被指出。",
        true,
        cols,
        rows,
    )
}
