//! Understanding sheets: tables recognised by their headers (never by position) → projects.

use crate::say;
pub mod cells;
pub mod context;
pub mod error_cells;
pub mod fields;
pub mod form;
pub mod grid;
pub mod header;
pub mod kind;
pub mod records;
pub mod review;
pub mod rows;
pub mod unit;
pub mod unknown;

use serde::Serialize;

use crate::diag::{Finding, Severity};
use crate::i18n::Lang;
use crate::model::{Assessment, Loc, Located, Project, Publication};
use crate::parse::MoneyUnit;
use crate::read::{Format, Sheet, Workbook};
pub use fields::{Field, HeaderDict};
use grid::Grid;
use header::{Column, Header, HeaderKind};

/// What a table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// 绩效目标: indicators with target values.
    Targets,
    /// 绩效监控: indicators with actuals to date.
    Monitoring,
    /// 绩效自评: indicators with actuals, points and scores.
    SelfEvaluation,
    /// 预算 lines: projects with budget amounts.
    Budget,
    /// 资金执行: projects with budget and executed amounts.
    Execution,
    /// 部门/单位整体绩效目标 (townships too): targets of a unit as a whole.
    UnitTargets,
    /// 事前绩效评估: new policies and projects with their aspects and conclusion.
    Assessment,
    /// 绩效信息公开: reports and targets with the dates formed and published.
    Publication,
}

impl TableKind {
    pub fn key(self) -> &'static str {
        match self {
            TableKind::Targets => "targets",
            TableKind::Monitoring => "monitoring",
            TableKind::SelfEvaluation => "self_evaluation",
            TableKind::Budget => "budget",
            TableKind::Execution => "execution",
            TableKind::UnitTargets => "unit_targets",
            TableKind::Assessment => "assessment",
            TableKind::Publication => "publication",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            TableKind::Targets => "绩效目标表",
            TableKind::Monitoring => "绩效监控表",
            TableKind::SelfEvaluation => "绩效自评表",
            TableKind::Budget => "预算表",
            TableKind::Execution => "资金执行表",
            TableKind::UnitTargets => "整体绩效目标表",
            TableKind::Assessment => "事前绩效评估表",
            TableKind::Publication => "绩效信息公开登记表",
        }
    }

    pub fn has_indicators(self) -> bool {
        matches!(
            self,
            TableKind::Targets
                | TableKind::UnitTargets
                | TableKind::Monitoring
                | TableKind::SelfEvaluation
        )
    }

    /// Target tables reviewed by `perf check`: projects' and whole units'.
    pub fn is_targets(self) -> bool {
        matches!(self, TableKind::Targets | TableKind::UnitTargets)
    }
}

/// Flat summary (one indicator or project per row) or official form (one project per block).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    Flat,
    Form,
}

/// One recognised table.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// Index of the input file.
    pub input: usize,
    pub file: String,
    pub sheet: String,
    pub hidden: bool,
    pub kind: TableKind,
    pub layout: Layout,
    /// First and last header row, zero-based.
    pub header_rows: (u32, u32),
    pub columns: Vec<Column>,
    pub year: Option<Located<i32>>,
    pub money_unit: MoneyUnit,
    /// Whether the money unit was stated (else 万元 is assumed).
    pub money_unit_stated: bool,
    pub month: Option<u32>,
    /// Data rows read.
    pub rows: usize,
    pub last_row: u32,
    /// Why an indicator table is the kind it is (None for other tables, whose
    /// kind their header alone says).
    pub decision: Option<kind::Decision>,
    /// Rows under the header that were not read as data, and why.
    pub ignored: Vec<Ignored>,
}

/// A row under a table's header that was not read as data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ignored {
    /// Zero-based row.
    pub row: u32,
    #[serde(flatten)]
    pub why: IgnoredWhy,
}

/// Why a row was not read as data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum IgnoredWhy {
    /// A row left from the form's template (`……`, `指标2:`).
    Template,
    /// The table ends here: a 合计 row, narrative (评价结论) or sign-off (填表人).
    EndOfTable { label: String },
    /// A row that could not be read (also reported as S004).
    Unreadable { reason: String },
}

/// A sheet in which no table was recognised, with what it showed.
#[derive(Debug, Clone, Serialize)]
pub struct UnknownSheet {
    pub sheet: String,
    pub hidden: bool,
    pub headers_seen: Vec<String>,
    pub suggestions: Vec<(String, String)>,
}

/// One input file as read and understood.
#[derive(Debug, Clone, Serialize)]
pub struct Input {
    pub path: String,
    pub format: Format,
    pub encoding: Option<&'static str>,
    pub sheets: usize,
    pub unknown_sheets: Vec<UnknownSheet>,
}

/// Everything perf understood from its inputs.
#[derive(Debug, Default, Serialize)]
pub struct Reading {
    pub inputs: Vec<Input>,
    pub tables: Vec<Table>,
    pub projects: Vec<Project>,
    /// Ex-ante assessment rows.
    pub assessments: Vec<Assessment>,
    /// Publication records.
    pub publications: Vec<Publication>,
    /// Structural findings (S002–S004).
    pub findings: Vec<Finding>,
}

impl Reading {
    pub fn table_of(&self, p: &Project) -> &Table {
        &self.tables[p.table]
    }

    /// The table of an assessment or publication record (by its `table` index).
    pub fn table_of_record(&self, table: usize) -> &Table {
        &self.tables[table]
    }

    /// Makes room for `others` to be absorbed without growing step by step
    /// (a county's projects are thousands of large records).
    pub fn reserve<'a>(&mut self, others: impl Iterator<Item = &'a Reading> + Clone) {
        let total = |count: fn(&Reading) -> usize| others.clone().map(count).sum::<usize>();
        self.inputs.reserve(total(|r| r.inputs.len()));
        self.tables.reserve(total(|r| r.tables.len()));
        self.projects.reserve(total(|r| r.projects.len()));
        self.assessments.reserve(total(|r| r.assessments.len()));
        self.publications.reserve(total(|r| r.publications.len()));
        self.findings.reserve(total(|r| r.findings.len()));
    }

    /// Appends another reading (of later files), keeping its tables, projects
    /// and findings in order; table and input indices are shifted to fit.
    pub fn absorb(&mut self, other: Reading) {
        let (inputs, tables) = (self.inputs.len(), self.tables.len());
        self.inputs.extend(other.inputs);
        self.tables.extend(other.tables.into_iter().map(|mut t| {
            t.input += inputs;
            t
        }));
        self.projects
            .extend(other.projects.into_iter().map(|mut p| {
                p.table += tables;
                p
            }));
        self.assessments
            .extend(other.assessments.into_iter().map(|mut a| {
                a.table += tables;
                a
            }));
        self.publications
            .extend(other.publications.into_iter().map(|mut p| {
                p.table += tables;
                p
            }));
        self.findings.extend(other.findings);
    }

    /// Adds one workbook.
    pub fn add(&mut self, book: &Workbook, dict: &HeaderDict, lang: Lang) {
        let input = self.inputs.len();
        let file = book.path.display().to_string();
        let mut unknown = Vec::new();
        let before = self.tables.len();
        for sheet in &book.sheets {
            let kept = (
                self.projects.len(),
                self.findings.len(),
                self.assessments.len(),
                self.publications.len(),
            );
            let tables = self.tables.len();
            if !self.add_sheet(input, &file, sheet, dict, lang) && sheet.cell_count() > 0 {
                unknown.push(unknown::describe(sheet, dict));
            }
            self.set_examples_aside(kept, &file, &sheet.name, lang);
            if sheet.head_only {
                // Only its first rows were read: the table is known, its rows are not.
                self.projects.truncate(kept.0);
                self.findings.truncate(kept.1);
                self.assessments.truncate(kept.2);
                self.publications.truncate(kept.3);
                for t in &mut self.tables[tables..] {
                    t.rows = 0;
                }
            }
        }
        if self.tables.len() == before {
            self.findings.push(unknown::s002(&file, &unknown, lang));
        }
        self.inputs.push(Input {
            path: file,
            format: book.format,
            encoding: book.encoding,
            sheets: book.sheets.len(),
            unknown_sheets: unknown,
        });
    }

    /// Takes the template's example rows that a sheet's tables gave (from
    /// the counts in `kept` on) out of the projects and records: they are
    /// never judged. One S006 for the sheet names the first and the count.
    fn set_examples_aside(
        &mut self,
        kept: (usize, usize, usize, usize),
        file: &str,
        sheet: &str,
        lang: Lang,
    ) {
        use crate::model::example::is_example;
        fn text(l: &Option<Located<String>>) -> Option<&str> {
            l.as_ref().map(|l| l.value.as_str())
        }
        let mut first: Option<(Loc, String)> = None;
        let mut count = 0;
        let mut note = |name: &Located<String>| {
            count += 1;
            if first.as_ref().is_none_or(|(at, _)| name.at < *at) {
                first = Some((name.at, name.value.clone()));
            }
        };
        let mut i = kept.0;
        while i < self.projects.len() {
            let p = &self.projects[i];
            if is_example(&p.name.value, text(&p.unit)) {
                note(&p.name);
                self.projects.remove(i);
            } else {
                i += 1;
            }
        }
        let mut i = kept.2;
        while i < self.assessments.len() {
            let a = &self.assessments[i];
            if is_example(&a.name.value, text(&a.unit)) {
                note(&a.name);
                self.assessments.remove(i);
            } else {
                i += 1;
            }
        }
        let mut i = kept.3;
        while i < self.publications.len() {
            let p = &self.publications[i];
            if is_example(&p.name.value, text(&p.unit)) {
                note(&p.name);
                self.publications.remove(i);
            } else {
                i += 1;
            }
        }
        if let Some((at, name)) = first {
            // The sheet's example rows are one matter, said once.
            self.findings
                .push(example_rows(file, sheet, at, &name, count, lang));
        }
    }

    /// Reads the tables of one sheet; false when none was recognised.
    fn add_sheet(
        &mut self,
        input: usize,
        file: &str,
        sheet: &Sheet,
        dict: &HeaderDict,
        lang: Lang,
    ) -> bool {
        let grid = Grid::new(sheet);
        let headers = find_headers(&grid, dict);
        let sheet_titles =
            context::scan_titles(&grid, 0, headers.first().map_or(0, |h| h.first_row));
        let mut prev_end = 0u32;
        // The last form project of this sheet, and whether its indicators are
        // the long-term ones (长期绩效指标), which an annual block replaces.
        let mut sheet_form: Option<(usize, bool)> = None;
        for (i, header) in headers.iter().enumerate() {
            let end = headers.get(i + 1).map_or(u32::MAX, |h| h.first_row);
            let Some(kind) = header.kind() else { continue };
            let titles = context::scan_titles(&grid, prev_end, header.first_row);
            if matches!(kind, HeaderKind::Assessment | HeaderKind::Publication) {
                let t = self.tables.len();
                let assessment = kind == HeaderKind::Assessment;
                let from = header.last_row + 1;
                let form = assessment && !header.has(Field::Project) && !header.has(Field::Code);
                let recs = if form {
                    // An official form: named by its header block, else by its sheet.
                    let fallback = Located::new(sheet.name.clone(), Loc::new(header.first_row, 0));
                    records::read_form(&grid, header, t, (prev_end, from, end), dict, fallback)
                } else {
                    records::read(&grid, header, t, (prev_end, from, end), assessment)
                };
                for (at, why) in &recs.skipped {
                    self.findings.push(unreadable_cell(
                        file,
                        &sheet.name,
                        *at,
                        why.pick(lang),
                        lang,
                    ));
                }
                prev_end = recs.last_row + 1;
                self.tables.push(Table {
                    input,
                    file: file.to_string(),
                    sheet: sheet.name.clone(),
                    hidden: sheet.hidden,
                    kind: if assessment {
                        TableKind::Assessment
                    } else {
                        TableKind::Publication
                    },
                    layout: if form { Layout::Form } else { Layout::Flat },
                    header_rows: (header.first_row, header.last_row),
                    columns: header.columns.clone(),
                    year: titles
                        .year
                        .or(sheet_titles.year)
                        .map(|(y, at)| Located::new(y, at)),
                    money_unit: MoneyUnit::default(),
                    money_unit_stated: false,
                    month: None,
                    rows: recs.rows,
                    last_row: recs.last_row,
                    decision: None,
                    ignored: Vec::new(),
                });
                self.assessments.extend(recs.assessments);
                self.publications.extend(recs.publications);
                continue;
            }
            // Whole-unit targets: a title saying 整体绩效, or indicator rows named by unit alone.
            let by_unit = kind == HeaderKind::Indicators
                && header.has(Field::Unit)
                && !header.has(Field::Project)
                && !header.has(Field::Code);
            let whole_unit = by_unit
                || (kind == HeaderKind::Indicators
                    && unit::says_whole_unit(&grid, prev_end, header.first_row));
            let flat = header.has(Field::Project)
                || header.has(Field::Code)
                || kind == HeaderKind::Money
                || by_unit;
            let table_index = self.tables.len();
            let mut block = (!flat)
                .then(|| form::read_block(&grid, prev_end, header.first_row, dict, MoneyUnit::Wan));
            let stated_unit = header
                .money_unit
                .or(block.as_ref().and_then(|b| b.money_unit))
                .or(titles.money_unit)
                .or(sheet_titles.money_unit);
            let unit = stated_unit.unwrap_or_default();
            if let Some(b) = block.as_mut()
                && b.money_unit.is_none()
                && unit != MoneyUnit::Wan
            {
                // The block was read in 万元 before the unit was known; read it again in the stated one.
                *b = form::read_block(&grid, prev_end, header.first_row, dict, unit);
            }
            let reader = rows::RowReader {
                grid: &grid,
                header,
                unit,
                table: table_index,
                name_field: if by_unit { Field::Unit } else { Field::Project },
            };
            // A second indicator block with no header block of its own (长期绩效指标
            // then 年度绩效指标) belongs to the form's project above it.
            let long_term = !flat && form::says_long_term(&grid, header);
            let continues = sheet_form.filter(|_| {
                block
                    .as_ref()
                    .is_some_and(|b| b.name.is_none() && b.money.is_empty())
            });
            let fixed = block.map(|b| {
                let month = b.month;
                let fallback = Located::new(sheet.name.clone(), Loc::new(header.first_row, 0));
                let mut b = b;
                if whole_unit && b.name.is_none() {
                    // A whole-unit form is named by its unit (部门名称 / 单位名称).
                    b.name = b.unit.clone();
                }
                let missing_name = b.name.is_none();
                let p = b.into_project(table_index, fallback);
                if missing_name && continues.is_none() {
                    self.findings.push(missing_project_name(
                        file,
                        &sheet.name,
                        header.first_row,
                        lang,
                    ));
                }
                (p, month)
            });
            let form_month = fixed.as_ref().and_then(|f| f.1);
            let extracted = reader.read(header.last_row + 1, end, fixed.map(|f| f.0));
            let words = kind::title_words(&grid, prev_end, header.first_row, &sheet.name);
            let (mut kind, decision) = table_kind(header, kind, &extracted.projects, &words);
            if whole_unit && kind == TableKind::Targets {
                kind = TableKind::UnitTargets;
            }
            self.findings.extend(error_cells::findings(
                file,
                sheet,
                header,
                header.last_row + 1,
                extracted.last_row,
                lang,
            ));
            for (at, why) in &extracted.skipped {
                self.findings
                    .push(skipped_row(file, &sheet.name, *at, why.pick(lang), lang));
            }
            if let Some(first) = extracted.template_rows.first() {
                self.findings.push(template_rows(
                    file,
                    &sheet.name,
                    *first,
                    extracted.template_rows.len(),
                    lang,
                ));
            }
            if kind.has_indicators() {
                for missing in missing_columns(header, kind) {
                    self.findings
                        .push(missing_column(file, &sheet.name, header, missing, lang));
                }
            }
            let year = titles
                .year
                .or(sheet_titles.year)
                .map(|(y, at)| Located::new(y, at));
            prev_end = extracted.last_row + 1;
            self.tables.push(Table {
                input,
                file: file.to_string(),
                sheet: sheet.name.clone(),
                hidden: sheet.hidden,
                kind,
                layout: if flat { Layout::Flat } else { Layout::Form },
                header_rows: (header.first_row, header.last_row),
                columns: header.columns.clone(),
                year,
                money_unit: unit,
                money_unit_stated: stated_unit.is_some(),
                month: header
                    .month
                    .or(form_month)
                    .or(titles.month)
                    .or(sheet_titles.month),
                rows: extracted.rows,
                last_row: extracted.last_row,
                decision,
                ignored: ignored_rows(&extracted),
            });
            let mut projects = extracted.projects;
            match continues {
                Some((owner, owner_long_term)) if !flat && !projects.is_empty() => {
                    let block = projects.remove(0);
                    let owner_project = &mut self.projects[owner];
                    if owner_long_term && !long_term {
                        // The annual block is the one judged.
                        owner_project.indicators = block.indicators;
                        sheet_form = Some((owner, false));
                    } else if !long_term {
                        owner_project.indicators.extend(block.indicators);
                    }
                }
                _ if !flat && !projects.is_empty() => {
                    sheet_form = Some((self.projects.len(), long_term));
                }
                _ => {}
            }
            self.projects.extend(projects);
        }
        !headers.is_empty()
            && self
                .tables
                .last()
                .is_some_and(|t| t.sheet == sheet.name && t.input == input)
    }
}

/// The kind of the table a sheet begins with, as far as its header tells
/// (for [`crate::read::Skip`]); None when no header is found or the kind
/// depends on the rows (a money table without an executed column).
pub fn first_table_kind(sheet: &Sheet, dict: &HeaderDict) -> Option<TableKind> {
    let grid = Grid::new(sheet);
    let mut seen = header::Seen::default();
    let header = sheet
        .rows
        .iter()
        .find_map(|row| header::header_at(&grid, row.index, dict, &mut seen))?;
    let words = kind::title_words(&grid, 0, header.first_row, &sheet.name);
    match header.kind()? {
        HeaderKind::Money if header.has(Field::Executed) => Some(TableKind::Execution),
        HeaderKind::Money => None,
        kind => match table_kind(&header, kind, &[], &words) {
            // A close call may turn on the rows (a stated total): read them.
            (_, Some(d)) if d.margin < 3 => None,
            (k, _) => Some(k),
        },
    }
}

/// The rows under a header that were not read as data, in order.
fn ignored_rows(e: &rows::Extracted) -> Vec<Ignored> {
    let mut out: Vec<Ignored> = e
        .template_rows
        .iter()
        .map(|at| Ignored {
            row: at.row,
            why: IgnoredWhy::Template,
        })
        .chain(e.skipped.iter().map(|(at, why)| Ignored {
            row: at.row,
            why: IgnoredWhy::Unreadable {
                reason: why.en.clone(),
            },
        }))
        .chain(e.ended_by.iter().map(|(at, label)| Ignored {
            row: at.row,
            why: IgnoredWhy::EndOfTable {
                label: label.clone(),
            },
        }))
        .collect();
    out.sort_by_key(|i| i.row);
    out
}

/// Header rows of a sheet, top to bottom; rows inside a found header are not looked at again.
fn find_headers<'g>(grid: &Grid<'g>, dict: &HeaderDict) -> Vec<Header> {
    let mut out: Vec<Header> = Vec::new();
    let mut seen = header::Seen::default();
    for row in &grid.sheet.rows {
        if out.last().is_some_and(|h| row.index <= h.last_row) {
            continue;
        }
        if let Some(h) = header::header_at(grid, row.index, dict, &mut seen) {
            out.push(h);
        }
    }
    out
}

/// A table's kind; for an indicator table decided by the evidence together
/// (see [`kind::decide`]), with the decision.
fn table_kind(
    header: &Header,
    kind: HeaderKind,
    projects: &[Project],
    words: &[(&'static str, bool)],
) -> (TableKind, Option<kind::Decision>) {
    let plain = match kind {
        HeaderKind::Indicators => {
            let stated_total = projects.iter().any(|p| p.stated_total.is_some());
            let (k, d) = kind::decide(header, words, stated_total);
            return (k, Some(d));
        }
        HeaderKind::Assessment => TableKind::Assessment,
        HeaderKind::Publication => TableKind::Publication,
        HeaderKind::Money => {
            let executed = header.has(Field::Executed)
                || projects
                    .iter()
                    .any(|p| p.money.iter().any(|m| m.executed.is_some()));
            if executed {
                TableKind::Execution
            } else {
                TableKind::Budget
            }
        }
    };
    (plain, None)
}

/// Required columns of an indicator table that its header lacks.
fn missing_columns(header: &Header, kind: TableKind) -> Vec<Field> {
    let mut missing = Vec::new();
    if !header.has(Field::Target) && !header.has(Field::TargetAdjusted) {
        missing.push(Field::Target);
    }
    if kind.is_targets() && !header.has(Field::Level2) && !header.has(Field::Level1) {
        missing.push(Field::Level2);
    }
    missing
}

fn missing_column(file: &str, sheet: &str, header: &Header, field: Field, lang: Lang) -> Finding {
    let accepted = fields::synonyms(field).join("、");
    let message = say!(
        lang,
        (
            "第{}行的表头缺少「{}」列（可用的表头名称：{}），请补上该列或在配置文件 [headers] 中加入本县的叫法",
            header.first_row + 1,
            field.zh(),
            accepted
        ),
        (
            "the header in row {} has no {} column (accepted headers: {}); add the column or name your header in the config's [headers]",
            header.first_row + 1,
            field.key(),
            accepted
        )
    );
    Finding::at_file(crate::diag::Code::S003, Severity::Error, file, message).in_sheet(
        sheet,
        Some(crate::read::a1(
            header.first_row,
            header.columns.first().map_or(0, |c| c.col),
        )),
    )
}

fn missing_project_name(file: &str, sheet: &str, row: u32, lang: Lang) -> Finding {
    let message = say!(
        lang,
        "表头区未找到「项目名称」，已暂用工作表名「{sheet}」作为项目名称；请在指标表上方填写项目名称",
        "no 项目名称 (project name) above the indicator grid; the sheet name 「{sheet}」 is used meanwhile"
    );
    Finding::at_file(crate::diag::Code::S003, Severity::Error, file, message)
        .in_sheet(sheet, Some(crate::read::a1(row, 0)))
}

fn unreadable_cell(file: &str, sheet: &str, at: Loc, why: &str, lang: Lang) -> Finding {
    let message = say!(
        lang,
        ("{}单元格未能读取：{}", at.a1(), why),
        ("cell {} could not be read: {}", at.a1(), why)
    );
    Finding::at_file(crate::diag::Code::S004, Severity::Warning, file, message)
        .in_sheet(sheet, Some(at.a1()))
}

fn skipped_row(file: &str, sheet: &str, at: Loc, why: &str, lang: Lang) -> Finding {
    let message = say!(
        lang,
        ("第{}行未能读取，已跳过：{}", at.row + 1, why),
        (
            "row {} could not be read and was skipped: {}",
            at.row + 1,
            why
        )
    );
    Finding::at_file(crate::diag::Code::S004, Severity::Warning, file, message)
        .in_sheet(sheet, Some(at.a1()))
}

/// S006: example rows of a `perf template` form left in, once per sheet.
fn example_rows(file: &str, sheet: &str, at: Loc, name: &str, count: usize, lang: Lang) -> Finding {
    let message = say!(
        lang,
        (
            "示例行未删除：表中留有表样的示例（{count} 个，如{}「{name}」），未作为项目审核 — 请删除示例行后再报送",
            at.a1()
        ),
        (
            "example rows of the blank form are left in ({count}, first 「{name}」 at {}), not reviewed as projects — delete them before handing the form in",
            at.a1()
        )
    );
    Finding::at_file(crate::diag::Code::S006, Severity::Warning, file, message)
        .in_sheet(sheet, Some(at.a1()))
}

/// S005: rows left from the form's template (`……`, `指标2:`), once per table.
fn template_rows(file: &str, sheet: &str, first: Loc, count: usize, lang: Lang) -> Finding {
    let message = say!(
        lang,
        (
            "表中留有{count}行未填写的模板行（如{}），已不作为指标 — 请删除这些行",
            first.a1()
        ),
        (
            "{count} unfilled template row(s) left in (first at {}), not read as indicators — delete them",
            first.a1()
        )
    );
    Finding::at_file(crate::diag::Code::S005, Severity::Info, file, message)
        .in_sheet(sheet, Some(first.a1()))
}
