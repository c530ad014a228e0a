//! The official per-project forms: 政策及项目绩效目标表, 项目支出绩效目标执行监控表, 项目支出绩效自评表.
//!
//! The cells and merges follow the provincial samples in
//! `tests/fixtures/official-forms/`, which perf already reads; the indicator
//! rows carry one 一级/二级 cell each (not merged down) so every row has its
//! own dropdown.

use super::lists::{MARKS, REASONS};
use super::{Cell, Choice, EXAMPLE_MARK, Input, Kind, Params, Role, Template, Value};

/// Indicator rows of a form: the example's six, then blank ones.
const INDICATOR_ROWS: u32 = 12;

/// Cells and input areas of a form, added in reading order.
pub(super) struct Sheet {
    cells: Vec<Cell>,
    inputs: Vec<Input>,
}

impl Sheet {
    pub(super) fn new() -> Sheet {
        Sheet {
            cells: Vec::new(),
            inputs: Vec::new(),
        }
    }

    pub(super) fn put(&mut self, r: u32, c: u16, r2: u32, c2: u16, value: Value, role: Role) {
        self.cells.push(Cell::new(r, c, value, role).to(r2, c2));
    }

    /// A locked label or header cell (merged over `r..=r2`, `c..=c2`).
    pub(super) fn label(&mut self, r: u32, c: u16, r2: u32, c2: u16, text: &str) {
        self.put(r, c, r2, c2, Value::text(text), Role::Header);
    }

    /// An input cell showing an example value, or blank when `value` is empty text.
    pub(super) fn field(&mut self, r: u32, c: u16, r2: u32, c2: u16, value: Value) {
        let role = match &value {
            Value::Text(s) if s.is_empty() => Role::Input,
            _ => Role::Example,
        };
        self.put(r, c, r2, c2, value, role);
    }

    /// A labelled free-text field with its input message: the label over
    /// `label` columns of row `r`, the example value over `value` columns,
    /// the message (titled as the label) on the value's first column.
    pub(super) fn entry(
        &mut self,
        r: u32,
        label: (u16, u16),
        value: (u16, u16),
        title: &str,
        example: Value,
        message: &str,
    ) {
        self.choice_entry(r, label, value, title, example, Choice::Free, message);
    }

    /// As [`Sheet::entry`], with the input's choice (a dropdown, an amount).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn choice_entry(
        &mut self,
        r: u32,
        label: (u16, u16),
        value: (u16, u16),
        title: &str,
        example: Value,
        choice: Choice,
        message: &str,
    ) {
        self.label(r, label.0, r, label.1, title);
        self.field(r, value.0, r, value.1, example);
        self.input((r, r), value.0, choice, title, message);
    }

    /// The form's title over row `r` (merged to `last`) and the budget year below it.
    pub(super) fn title(&mut self, r: u32, last: u16, title: &str, year: i32) {
        self.put(r, 0, r, last, t(title), Role::Title);
        self.put(
            r + 1,
            0,
            r + 1,
            last,
            t(format!("（{year}年度）")),
            Role::Plain,
        );
    }

    pub(super) fn input(
        &mut self,
        rows: (u32, u32),
        col: u16,
        choice: Choice,
        title: &str,
        message: &str,
    ) {
        self.inputs.push(Input {
            first_row: rows.0,
            last_row: rows.1,
            first_col: col,
            last_col: col,
            choice,
            title: title.to_string(),
            message: message.to_string(),
        });
    }

    /// Amount inputs over `rows`: each (column, title, message).
    fn amount_inputs(&mut self, rows: (u32, u32), columns: &[(u16, &str, &str)]) {
        for &(col, title, message) in columns {
            self.input(rows, col, Choice::Amount, title, message);
        }
    }

    /// 一级, 二级 dropdowns and the messages of the indicator name and value columns.
    fn indicator_inputs(&mut self, rows: (u32, u32), level1: u16, target_col: u16) {
        self.input(
            rows,
            level1,
            Choice::Level1,
            "一级指标",
            "从下拉列表选择：产出指标、效益指标、满意度指标。",
        );
        self.input(
            rows,
            level1 + 1,
            Choice::Level2 { level1_col: level1 },
            "二级指标",
            "先选一级指标，再从下拉列表选择二级指标。须有数量、质量、时效和效益（含满意度）指标。",
        );
        self.input(
            rows,
            level1 + 2,
            Choice::Free,
            "三级指标",
            "具体指标名称，如「培训人次」「验收合格率」。行数不够时可插入行。",
        );
        self.input(
            rows,
            target_col,
            Choice::Free,
            "指标值",
            "含符号和单位，如「≥95%」「≥120公里」「≤0.8万元/公里」「11月30日前」。不要写「有所提高」等模糊表述，不要留 *、XX 等占位符。",
        );
    }

    pub(super) fn finish(
        self,
        kind: Kind,
        sheet: &str,
        header_rows: (u32, u32),
        widths: &[f64],
        heights: Vec<(u32, f64)>,
    ) -> Template {
        Template {
            kind,
            sheet: sheet.to_string(),
            cells: self.cells,
            inputs: self.inputs,
            header_rows,
            freeze_rows: None,
            open_ended: false,
            widths: widths.to_vec(),
            heights,
        }
    }
}

fn t(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn blank() -> Value {
    Value::Text(String::new())
}

/// The example project of the forms.
const NAME: &str = "农村公路安全生命防护工程";
const UNIT: &str = "县交通运输局";
const IMPLEMENTER: &str = "县农村公路管理所";
const BUDGET: f64 = 150.0;
const GOAL: &str = "完成农村公路安全生命防护工程45公里，工程验收合格率达到100%，11月30日前完工，每公里建设成本控制在3.3万元以内，农村公路交通事故起数较上年下降10%以上，沿线群众满意度达到90%以上。";

/// The example's indicators: 一级, 二级, 三级, target.
fn indicators(p: &Params) -> Vec<[String; 4]> {
    let rows: [(&str, &str, &str, String); 6] = [
        (
            "产出指标",
            "数量指标",
            "实施安全防护工程里程",
            "≥45公里".into(),
        ),
        ("产出指标", "质量指标", "工程验收合格率", "=100%".into()),
        (
            "产出指标",
            "时效指标",
            "工程完工时间",
            format!("{}年11月30日前", p.year),
        ),
        (
            "产出指标",
            "成本指标",
            "每公里建设成本",
            "≤3.3万元/公里".into(),
        ),
        (
            "效益指标",
            "社会效益指标",
            "农村公路交通事故起数下降率",
            "≥10%".into(),
        ),
        (
            "满意度指标",
            "服务对象满意度指标",
            "沿线群众满意度",
            "≥90%".into(),
        ),
    ];
    rows.into_iter()
        .map(|(a, b, c, d)| [a.into(), b.into(), c.into(), d])
        .collect()
}

fn name() -> String {
    format!("{EXAMPLE_MARK}{NAME}")
}

/// Where a form puts its 项目名称, 主管预算部门 and 项目实施单位: the label
/// columns end at `label_end`, the department's name at `unit_end`, the
/// implementer's label at `implementer_label_end`; names run to `last`.
struct ProjectBlock {
    row: u32,
    label_end: u16,
    unit_end: u16,
    implementer_label_end: u16,
    last: u16,
    /// The input message of the 项目名称 cell (each form words it for itself).
    name_message: &'static str,
}

impl Sheet {
    /// 项目名称 on `row`, 主管预算部门 and 项目实施单位 side by side below it.
    fn project_block(&mut self, b: &ProjectBlock) {
        let name_from = b.label_end + 1;
        self.entry(
            b.row,
            (0, b.label_end),
            (name_from, b.last),
            "项目名称",
            t(name()),
            b.name_message,
        );
        self.entry(
            b.row + 1,
            (0, b.label_end),
            (name_from, b.unit_end),
            "主管预算部门",
            t(UNIT),
            "主管部门全称，如「县教育局」。",
        );
        self.entry(
            b.row + 1,
            (b.unit_end + 1, b.implementer_label_end),
            (b.implementer_label_end + 1, b.last),
            "项目实施单位",
            t(IMPLEMENTER),
            "具体实施项目的单位。",
        );
    }

    /// The indicator rows `rows`: the example's 一级, 二级, 三级 and target in
    /// the column spans `spans` (blank below the example), then what the form
    /// adds on each row (`rest`, told the row and the example's index, if any).
    fn indicator_rows(
        &mut self,
        p: &Params,
        rows: (u32, u32),
        spans: [(u16, u16); 4],
        mut rest: impl FnMut(&mut Sheet, u32, Option<usize>),
    ) {
        let examples = indicators(p);
        for r in rows.0..=rows.1 {
            let i = (r - rows.0) as usize;
            let ex = examples.get(i);
            for (k, (c, c2)) in spans.into_iter().enumerate() {
                let value = ex.map(|e| t(e[k].clone())).unwrap_or_else(blank);
                self.field(r, c, r, c2, value);
            }
            rest(self, r, ex.map(|_| i));
        }
    }
}

/// 政策及项目绩效目标表: one project, header block above the indicator grid.
pub fn target_form(p: &Params) -> Template {
    let mut s = Sheet::new();
    let last: u16 = 8;
    s.put(0, 0, 0, 0, t("附件2"), Role::Plain);
    s.title(1, last, "政策及项目绩效目标表", p.year);
    s.project_block(&ProjectBlock {
        row: 3,
        label_end: 2,
        unit_end: 4,
        implementer_label_end: 6,
        last,
        name_message: "项目（政策）全称，与预算表一致。每个项目填一张表（复制本工作表）。示例请改为本单位内容。",
    });
    s.label(5, 0, 7, 2, "项目资金\n（万元）");
    s.field(5, 3, 7, 4, Value::Money(BUDGET));
    s.input(
        (5, 5),
        3,
        Choice::Amount,
        "项目资金",
        "项目资金总额（万元），等于下面各项之和，并与预算表一致。",
    );
    for (i, (label, amount)) in [
        ("其中：财政拨款", BUDGET),
        ("上年结转资金", 0.0),
        ("其他资金", 0.0),
    ]
    .into_iter()
    .enumerate()
    {
        let r = 5 + i as u32;
        s.label(r, 5, r, 6, label);
        s.field(r, 7, r, last, Value::Money(amount));
    }
    s.input(
        (5, 7),
        7,
        Choice::Amount,
        "资金来源",
        "各来源金额（万元），合计等于项目资金。",
    );
    s.entry(
        8,
        (0, 0),
        (1, last),
        "绩效目标",
        t(GOAL),
        "年度总体目标：做什么、做多少、做到什么程度、何时完成。",
    );
    let head = 9;
    let first = head + 1;
    let end = first + INDICATOR_ROWS - 1;
    s.label(head, 0, end, 0, "绩\n效\n指\n标");
    s.label(head, 1, head, 1, "一级指标");
    s.label(head, 2, head, 2, "二级指标");
    s.label(head, 3, head, 5, "三级指标");
    s.label(head, 6, head, last, "指标值");
    s.indicator_rows(
        p,
        (first, end),
        [(1, 1), (2, 2), (3, 5), (6, last)],
        |_, _, _| (),
    );
    s.indicator_inputs((first, end), 1, 6);
    let note = end + 1;
    s.put(
        note,
        0,
        note,
        last,
        t("注：1．绩效指标须涵盖数量、质量、时效和效益（含满意度），指标值须具体量化；行数不够时可插入行。\n2．跨年度项目在编制年度绩效目标及指标的同时，还要同步编制实施期绩效目标及指标。\n3．蓝色斜体为示例，填写前请改为本项目内容。"),
        Role::Note,
    );
    s.finish(
        Kind::TargetForm,
        "目标表",
        (head, head),
        &[6.0, 12.0, 16.0, 12.0, 12.0, 12.0, 8.0, 8.0, 10.0],
        vec![(1, 30.0), (8, 60.0), (note, 50.0)],
    )
}

/// 项目支出绩效目标执行监控表: one project, money to date, indicators with reasons and possibilities.
pub fn monitoring_form(p: &Params) -> Template {
    let mut s = Sheet::new();
    let last: u16 = 16;
    let m = p.month;
    let share = f64::from(m) / 12.0;
    s.put(0, 0, 0, 0, t("附件1"), Role::Plain);
    s.title(1, last, "项目支出绩效目标执行监控表", p.year);
    s.project_block(&ProjectBlock {
        row: 3,
        label_end: 2,
        unit_end: 5,
        implementer_label_end: 6,
        last,
        name_message: "项目全称，与预算表、绩效目标表一致。每个项目填一张表（复制本工作表）。",
    });
    // Money: a header line, then 年度资金总额 and its parts.
    s.label(5, 0, 9, 2, "项目资金（万元）");
    s.label(5, 3, 5, 4, "");
    s.label(5, 5, 5, 6, "年初预算数");
    s.label(5, 7, 5, 9, "调整预算数");
    s.label(5, 10, 5, 12, &format!("1-{m}月执行数"));
    s.label(5, 13, 5, 14, &format!("1-{m}月执行率"));
    s.label(5, 15, 5, last, "全年预计执行数");
    let executed = (BUDGET * share * 100.0).round() / 100.0;
    let lines = [
        ("年度资金总额：", BUDGET),
        ("其中：财政拨款", BUDGET),
        ("上年结转资金", 0.0),
        ("其他资金", 0.0),
    ];
    for (i, (label, amount)) in lines.into_iter().enumerate() {
        let r = 6 + i as u32;
        let done = if amount > 0.0 { executed } else { 0.0 };
        s.label(r, 3, r, 4, label);
        s.field(r, 5, r, 6, Value::Money(amount));
        s.field(r, 7, r, 9, Value::Money(amount));
        s.field(r, 10, r, 12, Value::Money(done));
        if amount > 0.0 {
            s.field(r, 13, r, 14, Value::Percent(done / amount));
        } else {
            s.field(r, 13, r, 14, blank());
        }
        s.field(r, 15, r, last, Value::Money(amount));
    }
    let money_rows = (6, 9);
    s.amount_inputs(
        money_rows,
        &[
            (5, "年初预算数", "年初批复的预算（万元）。"),
            (
                7,
                "调整预算数",
                "调整后的全年预算（万元）；未调整的同年初预算数。",
            ),
            (10, "执行数", "1月至本月累计实际支出（万元）。"),
            (13, "执行率", "执行数 ÷ 调整预算数；perf 会自行复算。"),
            (15, "全年预计执行数", "预计到年底的支出（万元）。"),
        ],
    );
    s.entry(
        10,
        (0, 0),
        (1, last),
        "年度总体目标",
        t(GOAL),
        "与绩效目标表一致。",
    );
    // The indicator grid: two header rows, reasons and possibility as ticked sub-columns.
    let head = 11;
    let first = head + 2;
    let end = first + INDICATOR_ROWS - 1;
    s.label(head, 0, end, 0, "绩效指标");
    for (c, text) in [
        (1, "一级指标"),
        (2, "二级指标"),
        (3, "三级指标"),
        (4, "年度指标值"),
        (5, &format!("1-{m}月执行情况") as &str),
        (6, "全年预计完成情况"),
    ] {
        s.label(head, c, head + 1, c, text);
    }
    s.label(head, 7, head, 12, "偏差原因分析");
    for (i, reason) in REASONS.iter().enumerate() {
        s.label(head + 1, 7 + i as u16, head + 1, 7 + i as u16, reason);
    }
    s.label(head + 1, 12, head + 1, 12, "原因说明");
    s.label(head, 13, head, 15, "完成目标可能性");
    for (i, text) in ["确定能", "有可能", "完全不可能"].iter().enumerate() {
        s.label(head + 1, 13 + i as u16, head + 1, 13 + i as u16, text);
    }
    s.label(head, last, head + 1, last, "备注");
    let km = (45.0 * share).round();
    let progress: [(String, String); 6] = [
        (format!("{km}公里"), "45公里".into()),
        ("100%".into(), "100%".into()),
        ("按计划推进".into(), format!("{}年11月30日前完工", p.year)),
        ("3.2万元/公里".into(), "3.25万元/公里".into()),
        ("已完工路段事故下降12%".into(), "12%".into()),
        ("91%".into(), "91%".into()),
    ];
    let spans = [(1, 1), (2, 2), (3, 3), (4, 4)];
    s.indicator_rows(p, (first, end), spans, |s, r, i| {
        let (actual, forecast) = i
            .and_then(|i| progress.get(i))
            .map(|(a, f)| (t(a.clone()), t(f.clone())))
            .unwrap_or_else(|| (blank(), blank()));
        s.field(r, 5, r, 5, actual);
        s.field(r, 6, r, 6, forecast);
        for c in 7..=12 {
            s.field(r, c, r, c, blank());
        }
        let sure = if i.is_some() { t("√") } else { blank() };
        s.field(r, 13, r, 13, sure);
        s.field(r, 14, r, 14, blank());
        s.field(r, 15, r, 15, blank());
        s.field(r, last, r, last, blank());
    });
    let rows = (first, end);
    s.indicator_inputs(rows, 1, 4);
    s.input(
        rows,
        5,
        Choice::Free,
        "执行情况",
        "1月至本月累计完成值，含单位，如「20公里」「100%」；时效指标写进展，完成的写「已完成」。",
    );
    s.input(
        rows,
        6,
        Choice::Free,
        "全年预计完成情况",
        "预计到年底的完成值，含单位。",
    );
    for c in 7..=11u16 {
        s.input(
            rows,
            c,
            Choice::List(MARKS),
            "偏差原因分析",
            "亮黄灯、红灯的指标须在原因类别下打 √，并在「原因说明」写明原因。",
        );
    }
    s.input(
        rows,
        12,
        Choice::Free,
        "原因说明",
        "写明偏差的具体原因，如「上级资金8月下达，开工推迟」。",
    );
    for c in 13..=15u16 {
        s.input(
            rows,
            c,
            Choice::List(MARKS),
            "完成目标可能性",
            "在确定能、有可能、完全不可能三者之一下打 √。选完全不可能将建议暂缓或停止执行。",
        );
    }
    s.input(
        rows,
        last,
        Choice::Free,
        "备注",
        "预计年底不能完成目标的，说明原因及拟采取的措施。",
    );
    // Who filled it in.
    let who = end + 1;
    s.label(who, 0, who + 1, 0, "填报人员信息");
    s.label(who, 1, who, 2, "姓名");
    s.label(who, 3, who, 4, "职务");
    s.label(who, 5, who, last, "工作单位及部门");
    s.field(who + 1, 1, who + 1, 2, blank());
    s.field(who + 1, 3, who + 1, 4, blank());
    s.field(who + 1, 5, who + 1, last, blank());
    let note = who + 2;
    s.put(
        note,
        0,
        note,
        last,
        t("注：1．偏差原因分析：针对与预期目标产生偏差的指标值，分别从经费保障、制度保障、人员保障、硬件条件保障等方面进行判断和分析，并说明原因。\n    2．完成目标可能性：对应所设定的实现绩效目标的路径，分确定能、有可能、完全不可能三级综合判断完成的可能性。\n    3．备注：说明预计到年底不能完成目标的原因及拟采取的措施。蓝色斜体为示例，填写前请改为本项目内容。"),
        Role::Note,
    );
    s.finish(
        Kind::MonitoringForm,
        "监控表",
        (head, head + 1),
        &[
            6.0, 10.0, 14.0, 20.0, 15.0, 15.0, 16.0, 5.0, 5.0, 5.0, 6.0, 5.0, 16.0, 6.0, 6.0, 6.0,
            16.0,
        ],
        vec![(1, 30.0), (10, 45.0), (head + 1, 30.0), (note, 60.0)],
    )
}

/// 项目支出绩效自评表: one project, year-end money and indicators with points and scores.
pub fn selfeval_form(p: &Params) -> Template {
    let mut s = Sheet::new();
    let last: u16 = 10;
    s.title(0, last, "项目支出绩效自评表", p.year);
    s.project_block(&ProjectBlock {
        row: 2,
        label_end: 1,
        unit_end: 3,
        implementer_label_end: 4,
        last,
        name_message: "项目全称，与预算表一致。每个项目填一张表（复制本工作表）。",
    });
    s.label(4, 0, 5, 1, "年度总体目标");
    s.label(4, 2, 4, 4, "年初预期目标");
    s.label(4, 5, 4, last, "年度实际完成情况");
    s.field(5, 2, 5, 4, t(GOAL));
    s.field(5, 5, 5, last, t("完成农村公路安全生命防护工程46公里，验收合格率100%，11月25日完工，每公里建设成本3.2万元，农村公路交通事故起数下降12%，沿线群众满意度92%。"));
    s.input(
        (5, 5),
        2,
        Choice::Free,
        "年初预期目标",
        "与绩效目标表一致。",
    );
    s.input(
        (5, 5),
        5,
        Choice::Free,
        "年度实际完成情况",
        "对照年初目标逐项写明实际完成情况。",
    );
    // Money: budget, executed, 10 points for execution.
    s.label(6, 0, 10, 1, "项目资金\n（万元）");
    s.label(6, 2, 6, 2, "");
    s.label(6, 3, 6, 3, "年初预算数");
    s.label(6, 4, 6, 4, "全年预算数（A）");
    s.label(6, 5, 6, 6, "全年执行数（B）");
    s.label(6, 7, 6, 7, "分值");
    s.label(6, 8, 6, 8, "得分");
    s.label(6, 9, 6, 9, "执行率（B/A)");
    s.label(6, 10, 6, 10, "偏差原因分析及改进措施");
    let executed = BUDGET * 0.98;
    let rate = executed / BUDGET;
    let budget_score = (rate.min(1.0) * 10.0 * 100.0).round() / 100.0;
    let lines = [
        ("年度资金总额", BUDGET, executed),
        ("其中：当年财政拨款", BUDGET, executed),
        ("上年结转资金", 0.0, 0.0),
        ("其他资金", 0.0, 0.0),
    ];
    for (i, (label, budget, done)) in lines.into_iter().enumerate() {
        let r = 7 + i as u32;
        s.label(r, 2, r, 2, label);
        s.field(r, 3, r, 3, Value::Money(budget));
        s.field(r, 4, r, 4, Value::Money(budget));
        s.field(r, 5, r, 6, Value::Money(done));
        if i == 0 {
            s.field(r, 7, r, 7, Value::Number(10.0));
            s.field(r, 8, r, 8, Value::Number(budget_score));
            s.field(r, 9, r, 9, Value::Percent(rate));
        } else {
            for c in 7..=9 {
                s.label(r, c, r, c, "—");
            }
        }
    }
    s.field(
        7,
        10,
        10,
        10,
        t("执行率98%，剩余资金为工程质保金，按合同于次年支付。"),
    );
    let money_rows = (7, 10);
    s.amount_inputs(
        money_rows,
        &[
            (3, "年初预算数", "年初批复的预算（万元）。"),
            (4, "全年预算数", "调整后的全年预算（万元）。"),
            (5, "全年执行数", "全年实际支出（万元）。"),
        ],
    );
    s.input(
        (7, 7),
        8,
        Choice::Amount,
        "预算执行得分",
        "执行率 × 10 分，最高 10 分；perf 会复算。",
    );
    s.input(
        (7, 7),
        10,
        Choice::Free,
        "偏差原因分析",
        "执行率低于 90% 的，须写明原因和改进措施。",
    );
    // The indicator grid.
    let head = 11;
    let first = head + 1;
    let end = first + INDICATOR_ROWS - 1;
    s.label(head, 0, end, 0, "绩效指标");
    s.label(head, 1, head, 1, "一级指标");
    s.label(head, 2, head, 2, "二级指标");
    s.label(head, 3, head, 3, "三级指标");
    s.label(head, 4, head, 4, "年度指标值(A)");
    s.label(head, 5, head, 6, "实际完成值(B)");
    s.label(head, 7, head, 7, "分值");
    s.label(head, 8, head, 8, "得分");
    s.label(head, 9, head, last, "偏差原因分析及改进措施");
    let actuals = [
        "46公里",
        "100%",
        &format!("{}年11月25日", p.year) as &str,
        "3.2万元/公里",
        "12%",
        "92%",
    ];
    let points = [20.0, 15.0, 10.0, 10.0, 20.0, 15.0];
    let mut total = budget_score;
    let spans = [(1, 1), (2, 2), (3, 3), (4, 4)];
    s.indicator_rows(p, (first, end), spans, |s, r, i| {
        match i.and_then(|i| actuals.get(i).zip(points.get(i))) {
            Some((actual, &pts)) => {
                total += pts;
                s.field(r, 5, r, 6, t(*actual));
                s.field(r, 7, r, 7, Value::Number(pts));
                s.field(r, 8, r, 8, Value::Number(pts));
                s.field(r, 9, r, last, t("已完成年度目标。"));
            }
            None => {
                s.field(r, 5, r, 6, blank());
                s.field(r, 7, r, 7, blank());
                s.field(r, 8, r, 8, blank());
                s.field(r, 9, r, last, blank());
            }
        }
    });
    let rows = (first, end);
    s.indicator_inputs(rows, 1, 4);
    s.input(rows, 5, Choice::Free, "实际完成值", "全年实际完成值，含单位；定性指标填达成年度指标、部分达成年度指标并具有一定效果或未达成年度指标且效果较差。");
    s.input(
        rows,
        7,
        Choice::Amount,
        "分值",
        "各指标分值合计 90 分（预算执行 10 分另计）。",
    );
    s.input(
        rows,
        8,
        Choice::Amount,
        "得分",
        "达到目标得满分，未达到按完成比例计分；自评得分不得高于 perf 复算的得分。",
    );
    s.input(
        rows,
        9,
        Choice::Free,
        "偏差原因分析及改进措施",
        "未达到目标的指标须写明原因和改进措施。",
    );
    let sum = end + 1;
    s.label(sum, 0, sum, 6, "总分");
    s.field(sum, 7, sum, 7, Value::Number(100.0));
    s.field(
        sum,
        8,
        sum,
        8,
        Value::Number((total * 100.0).round() / 100.0),
    );
    s.input(
        (sum, sum),
        8,
        Choice::Amount,
        "总分",
        "预算执行得分与各指标得分之和。",
    );
    let note = sum + 1;
    s.put(
        note,
        0,
        note,
        last,
        t("注：1．预算执行得分 = 执行率 × 10 分（最高 10 分）；指标达到年度指标值得满分，未达到的按完成比例计分，定性指标按达成程度分档计分。\n    2．偏差原因分析及改进措施：未达到目标的指标、执行率低于 90% 的项目须逐项说明。\n    3．蓝色斜体为示例，填写前请改为本项目内容。"),
        Role::Note,
    );
    s.finish(
        Kind::SelfevalForm,
        "自评表",
        (head, head),
        &[6.0, 10.0, 14.0, 20.0, 16.0, 10.0, 6.0, 7.0, 7.0, 12.0, 24.0],
        vec![(0, 30.0), (5, 60.0), (6, 30.0), (note, 50.0)],
    )
}
