//! Formats every perf workbook shares, built once per workbook: copied-sheet cells by role and fill, tables, lights.
//!
//! rust_xlsxwriter hashes a whole format each time a cell is written with
//! one, and building a format allocates; so each look is built here once and
//! handed around by reference.

use rust_xlsxwriter::{Format, FormatAlign};

use super::common::{self, CellStyle};
use crate::diag::Severity;

/// How a row of a copied sheet looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A one-cell title merged across, above the header.
    Title = 0,
    /// A loose line (金额单位：万元, 填报人 …): no border.
    Plain = 1,
    /// A header row of a table.
    Header = 2,
    /// A table row.
    Body = 3,
    /// A loose line merged across (填表说明 …): wraps inside its merge, no border.
    Note = 4,
}

/// Every format the workbook uses, built once.
pub struct Styles {
    /// By role, then fill: none, error, warning, info.
    cells: Vec<[CellStyle; 4]>,
    pub header: Format,
    pub title: Format,
    pub summary: Format,
    pub body: Format,
    pub centred: Format,
    pub link: Format,
    /// Centred with a fill: error, warning, info.
    pub centred_fill: [Format; 3],
    pub pass: Format,
    pub fail: Format,
}

impl Default for Styles {
    fn default() -> Self {
        Self::new()
    }
}

impl Styles {
    pub fn new() -> Self {
        let bases = [
            common::title_format(),
            Format::new().set_align(FormatAlign::VerticalCenter),
            common::header_format(),
            common::body_format(),
            Format::new()
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
        ];
        let cells = bases
            .iter()
            .map(|base| {
                [
                    CellStyle::new(base.clone()),
                    CellStyle::new(fill(base, Severity::Error)),
                    CellStyle::new(fill(base, Severity::Warning)),
                    CellStyle::new(fill(base, Severity::Info)),
                ]
            })
            .collect();
        let body = common::body_format();
        let centred = body.clone().set_align(FormatAlign::Center);
        Styles {
            cells,
            header: common::header_format(),
            title: common::title_format(),
            summary: Format::new()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            link: body.clone().set_hyperlink(),
            centred_fill: [
                fill(&centred, Severity::Error),
                fill(&centred, Severity::Warning),
                fill(&centred, Severity::Info),
            ],
            pass: centred
                .clone()
                .set_bold()
                .set_background_color(common::PASS_FILL),
            fail: centred
                .clone()
                .set_bold()
                .set_background_color(common::ERROR_FILL),
            centred,
            body,
        }
    }

    pub fn cell(&self, role: Role, severity: Option<Severity>) -> &CellStyle {
        let fill = match severity {
            None => 0,
            Some(Severity::Error) => 1,
            Some(Severity::Warning) => 2,
            Some(Severity::Info) => 3,
        };
        &self.cells[role as usize][fill]
    }

    pub fn severity(&self, severity: Severity) -> &Format {
        match severity {
            Severity::Error => &self.centred_fill[0],
            Severity::Warning => &self.centred_fill[1],
            Severity::Info => &self.centred_fill[2],
        }
    }
}

/// `base` filled with the colour of `severity`.
pub fn fill(base: &Format, severity: Severity) -> Format {
    base.clone()
        .set_background_color(common::severity_color(severity))
}
