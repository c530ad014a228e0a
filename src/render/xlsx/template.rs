//! Writes a blank form (`template::Template`) as a workbook: dropdowns, input messages, locked header, print setup.
//!
//! The 一级/二级 dropdowns stay consistent through a hidden sheet of lists:
//! `一级指标` names the list of 一级, and each 一级 (`产出指标` …) names the list
//! of its 二级, so a 二级 cell offers `INDIRECT(一级 cell of its row)` — which
//! Excel, WPS and LibreOffice all evaluate (see docs/decisions.md).

use std::collections::HashSet;
use std::path::Path;

use anyhow::Result;
use chrono::Datelike;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format,
    FormatAlign, Formula, ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use super::common;
use crate::template::lists::{LEVEL1_NAME, LEVELS, LIST_SHEET};
use crate::template::{Choice, Input, Role, Template, Value};

/// Example values are blue and italic so they are seen to be replaced.
const EXAMPLE_COLOR: u32 = 0x1F4E79;

/// The looks of a template, built once.
struct Looks {
    title: Format,
    plain: Format,
    plain_centred: Format,
    header: Format,
    example: Format,
    example_percent: Format,
    example_money: Format,
    example_date: Format,
    input: Format,
    note: Format,
    fixed: Format,
}

impl Looks {
    fn new() -> Looks {
        let input = common::body_format().set_unlocked();
        let example = input.clone().set_font_color(EXAMPLE_COLOR).set_italic();
        Looks {
            title: common::title_format().set_font_size(16),
            plain: Format::new().set_align(FormatAlign::VerticalCenter),
            plain_centred: Format::new()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            header: common::header_format(),
            example_percent: example.clone().set_num_format("0.00%"),
            example_money: example.clone().set_num_format("#,##0.00"),
            example_date: example.clone().set_num_format("yyyy-mm-dd"),
            example,
            fixed: common::body_format(),
            input,
            note: Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top),
        }
    }

    fn of(&self, role: Role, merged_across: bool, value: &Value) -> &Format {
        match role {
            Role::Title => &self.title,
            Role::Plain if merged_across => &self.plain_centred,
            Role::Plain => &self.plain,
            Role::Header => &self.header,
            Role::Example if matches!(value, Value::Percent(_)) => &self.example_percent,
            Role::Example if matches!(value, Value::Money(_)) => &self.example_money,
            Role::Example if matches!(value, Value::Date(_)) => &self.example_date,
            Role::Example => &self.example,
            Role::Input => &self.input,
            Role::Note => &self.note,
            Role::Fixed => &self.fixed,
        }
    }
}

/// Writes `template` to `out` (atomically).
pub fn save(template: &Template, out: &Path) -> Result<()> {
    let mut workbook = workbook(template)?;
    common::save_atomically(&mut workbook, out)?;
    Ok(())
}

/// The workbook of `template`: the form, then the hidden sheet of lists.
pub fn workbook(template: &Template) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let looks = Looks::new();
    let ws = workbook.add_worksheet();
    ws.set_name(&template.sheet)?;
    write_form(ws, template, &looks)?;
    let needs_levels = template
        .inputs
        .iter()
        .any(|i| matches!(i.choice, Choice::Level1 | Choice::Level2 { .. }));
    if needs_levels {
        let lists = workbook.add_worksheet();
        write_lists(lists)?;
        define_level_names(&mut workbook)?;
    }
    Ok(workbook)
}

fn write_form(ws: &mut Worksheet, t: &Template, looks: &Looks) -> Result<(), XlsxError> {
    for (c, width) in t.widths.iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
    }
    if t.open_ended {
        let unlocked = Format::new().set_unlocked();
        for input in &t.inputs {
            for c in input.first_col..=input.last_col {
                ws.set_column_format(c, &unlocked)?;
            }
        }
    }
    row_heights(t).apply(ws)?;
    let mut written: HashSet<(u32, u16)> = HashSet::new();
    for cell in &t.cells {
        let merged = cell.last_row > cell.row || cell.last_col > cell.col;
        let format = looks.of(cell.role, cell.last_col > cell.col, &cell.value);
        if merged {
            ws.merge_range(cell.row, cell.col, cell.last_row, cell.last_col, "", format)?;
        }
        match &cell.value {
            Value::Text(s) if s.is_empty() => {
                if !merged {
                    ws.write_blank(cell.row, cell.col, format)?;
                }
            }
            Value::Text(s) => {
                ws.write_string_with_format(cell.row, cell.col, s, format)?;
            }
            Value::Number(x) | Value::Money(x) | Value::Percent(x) => {
                ws.write_number_with_format(cell.row, cell.col, *x, format)?;
            }
            Value::Date(d) => {
                ws.write_datetime_with_format(cell.row, cell.col, excel_date(*d)?, format)?;
            }
        }
        for r in cell.row..=cell.last_row {
            for c in cell.col..=cell.last_col {
                written.insert((r, c));
            }
        }
    }
    for input in &t.inputs {
        // Blank input rows: bordered and unlocked, like the example above them.
        for r in input.first_row..=input.last_row {
            for c in input.first_col..=input.last_col {
                if written.insert((r, c)) {
                    ws.write_blank(r, c, &looks.input)?;
                }
            }
        }
        ws.add_data_validation(
            input.first_row,
            input.first_col,
            input.last_row,
            input.last_col,
            &validation(input)?,
        )?;
    }
    common::page_setup(ws);
    ws.set_repeat_rows(t.header_rows.0, t.header_rows.1)?;
    if let Some(rows) = t.freeze_rows {
        ws.set_freeze_panes(rows, 0)?;
    }
    // Labels and headers are locked; inputs are unlocked cells. No password:
    // the protection guards against slips, and a county may adapt its copy.
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        insert_rows: true,
        delete_rows: true,
        sort: true,
        use_autofilter: true,
        ..ProtectionOptions::new()
    });
    Ok(())
}

/// Row heights: the form's own, raised where wrapped text needs more lines
/// (neither Excel nor LibreOffice grows a row for text wrapped in a merge).
fn row_heights(t: &Template) -> common::RowHeights {
    let mut heights = common::RowHeights::new();
    for (row, height) in &t.heights {
        let lines = (height / common::LINE_HEIGHT).ceil() as usize;
        heights.need(*row, 1, lines, common::LINE_HEIGHT);
    }
    for cell in &t.cells {
        let Value::Text(text) = &cell.value else {
            continue;
        };
        let width: f64 = (cell.col..=cell.last_col)
            .map(|c| t.widths.get(usize::from(c)).copied().unwrap_or(8.43))
            .sum();
        let line = if cell.role == Role::Title {
            24.0
        } else {
            common::LINE_HEIGHT
        };
        heights.need(
            cell.row,
            cell.last_row - cell.row + 1,
            common::wrapped_lines(text, width),
            line,
        );
    }
    heights
}

/// The dropdown (or number check) and input message of one input area.
fn validation(input: &Input) -> Result<DataValidation, XlsxError> {
    let warn = |dv: DataValidation| {
        dv.set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title("不在下拉列表中")
            .and_then(|dv| {
                dv.set_error_message("所填内容不在下拉列表中。请从列表中选择，或确认后继续。")
            })
    };
    let dv = match &input.choice {
        Choice::Free => DataValidation::new().allow_any_value(),
        Choice::Level1 => {
            warn(DataValidation::new().allow_list_formula(Formula::new(format!("={LEVEL1_NAME}"))))?
        }
        Choice::Level2 { level1_col } => {
            // Relative to the area's first cell: each row looks at its own 一级.
            let cell = format!("${}{}", column_letters(*level1_col), input.first_row + 1);
            warn(
                DataValidation::new()
                    .allow_list_formula(Formula::new(format!("=INDIRECT({cell})"))),
            )?
        }
        Choice::List(items) => warn(DataValidation::new().allow_list_strings(items)?)?,
        Choice::Suggest(items) => DataValidation::new()
            .allow_list_strings(items)?
            .show_error_message(false),
        Choice::Amount => DataValidation::new()
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title("请填写数字")?
            .set_error_message("请填写不小于 0 的数字，不带单位（金额以万元计）。")?,
        Choice::Score => DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title("请填写 0-100 的分数")?
            .set_error_message("请填写 0 到 100 的分数。填写优、良、中、差等级时请确认继续。")?,
        Choice::Date => DataValidation::new()
            .allow_date(DataValidationRule::Between(
                ExcelDateTime::from_ymd(2000, 1, 1)?,
                ExcelDateTime::from_ymd(2100, 12, 31)?,
            ))
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title("请填写日期")?
            .set_error_message(
                "请填写日期，如 2026-05-10 或 2026年5月10日；尚未公开的留空或填「未公开」。",
            )?,
    };
    dv.set_input_title(input.title.clone())?
        .set_input_message(input.message.clone())
}

/// The Excel date of `d` (templates carry dates of years 2000-2100).
fn excel_date(d: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
}

/// `A`, `B`, …, `Z`, `AA` … for a zero-based column.
fn column_letters(col: u16) -> String {
    let mut n = u32::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// The hidden sheet: 一级 in column A, the 二级 of each 一级 in the next columns.
fn write_lists(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name(LIST_SHEET)?;
    for (i, (level1, level2s)) in LEVELS.iter().enumerate() {
        ws.write_string(i as u32, 0, *level1)?;
        for (r, level2) in level2s.iter().enumerate() {
            ws.write_string(r as u32, i as u16 + 1, *level2)?;
        }
    }
    ws.set_hidden(true);
    ws.protect();
    Ok(())
}

/// `一级指标` → the 一级 list; `产出指标` → its 二级 list, and so on.
fn define_level_names(workbook: &mut Workbook) -> Result<(), XlsxError> {
    let range = |col: u16, rows: usize| {
        let c = column_letters(col);
        format!("='{LIST_SHEET}'!${c}$1:${c}${rows}")
    };
    workbook.define_name(LEVEL1_NAME, &range(0, LEVELS.len()))?;
    for (i, (level1, level2s)) in LEVELS.iter().enumerate() {
        workbook.define_name(*level1, &range(i as u16 + 1, level2s.len()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_count_like_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }
}
