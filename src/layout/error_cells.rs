//! Error values (`#REF!`, `#DIV/0!` …) in a table's columns: each is read as blank, and said so (S004).
//!
//! A formula that broke in the unit's workbook leaves an error where a number
//! or a target belongs. The rules then see an empty cell (no amount, no
//! target value); without this finding the officer would not learn why.

use crate::diag::{Finding, Severity};
use crate::i18n::Lang;
use crate::read::{Cell, Sheet, a1};
use crate::say;

use super::header::Header;

/// One S004 warning per error cell in the columns of `header`, in rows `first..=last`.
pub fn findings(
    file: &str,
    sheet: &Sheet,
    header: &Header,
    first: u32,
    last: u32,
    lang: Lang,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for row in sheet
        .rows
        .iter()
        .filter(|r| r.index >= first && r.index <= last)
    {
        for (col, cell) in &row.cells {
            let Cell::Error(e) = cell else { continue };
            let Some(column) = header.columns.iter().find(|c| c.col == *col) else {
                continue;
            };
            let at = a1(row.index, *col);
            let message = say!(
                lang,
                (
                    "单元格 {at}（{}）是错误值 {e}（公式出错），已按空白处理；请在原表中修正公式或直接填写数值",
                    column.header
                ),
                (
                    "cell {at} ({}) holds the error {e} (a broken formula) and was read as blank; fix the formula or type the value",
                    column.header
                )
            );
            out.push(
                Finding::at_file(crate::diag::Code::S004, Severity::Warning, file, message)
                    .in_sheet(&sheet.name, Some(at)),
            );
        }
    }
    out
}
