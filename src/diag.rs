//! Findings: what a rule says about a place in a workbook, with its stable code.

use serde::Serialize;

use crate::model::Dimension;

/// How serious a finding is (rules.md): error blocks, warning needs a look, info advises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// One finding, in the JSON shape of output.md.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub file: String,
    pub sheet: Option<String>,
    /// A1 reference, or None when the finding is about a whole file or sheet.
    pub cell: Option<String>,
    pub unit: Option<String>,
    pub project_code: Option<String>,
    pub project: Option<String>,
    pub dimension: Option<Dimension>,
    pub indicator: Option<String>,
    pub message: String,
}

impl Finding {
    /// A finding about a file (or a sheet of it) with no project attached.
    pub fn at_file(code: &'static str, severity: Severity, file: &str, message: String) -> Self {
        Finding {
            code,
            severity,
            file: file.to_string(),
            sheet: None,
            cell: None,
            unit: None,
            project_code: None,
            project: None,
            dimension: None,
            indicator: None,
            message,
        }
    }

    pub fn in_sheet(mut self, sheet: &str, cell: Option<String>) -> Self {
        self.sheet = Some(sheet.to_string());
        self.cell = cell;
        self
    }

    /// `targets.xlsx:绩效目标!H12`, quoting sheet names with spaces as Excel does.
    pub fn location(&self) -> String {
        let mut s = self.file.clone();
        if let Some(sheet) = &self.sheet {
            s.push(':');
            s.push_str(&quote_sheet(sheet));
            if let Some(cell) = &self.cell {
                s.push('!');
                s.push_str(cell);
            }
        }
        s
    }
}

/// Quotes a sheet name for a reference when it needs it (`'Q1 目标'`).
pub use crate::read::sheet::quote_sheet;

/// Counts by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Self {
        let mut c = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_quote_sheets_with_spaces() {
        let f = Finding::at_file("V004", Severity::Warning, "t.xlsx", "m".into())
            .in_sheet("Q1 目标", Some("D12".into()));
        assert_eq!(f.location(), "t.xlsx:'Q1 目标'!D12");
        let f = Finding::at_file("V004", Severity::Warning, "t.xlsx", "m".into())
            .in_sheet("绩效目标", Some("H12".into()));
        assert_eq!(f.location(), "t.xlsx:绩效目标!H12");
    }
}
