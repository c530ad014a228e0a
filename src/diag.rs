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

/// A finding code (rules.md). The set is closed: a mistyped code does not
/// compile, and each code carries its default severity here and its
/// documentation in the rule catalog (`perf explain`). Codes are permanent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    S001,
    S002,
    S003,
    S004,
    S005,
    S006,
    S007,
    T001,
    T002,
    T003,
    T004,
    T005,
    T006,
    T007,
    V001,
    V002,
    V003,
    V004,
    V005,
    V006,
    V007,
    V008,
    V009,
    V010,
    W001,
    B001,
    B002,
    B003,
    B004,
    A001,
    A002,
    A003,
    A004,
    P001,
    P002,
    M001,
    M002,
    M003,
    M004,
    M005,
    M006,
    M007,
    M008,
    M009,
    M010,
    E001,
    E002,
    E003,
    E004,
    E005,
    E006,
}

impl Code {
    /// Every code, in the order of rules.md.
    pub const ALL: &'static [Code] = &[
        Code::S001,
        Code::S002,
        Code::S003,
        Code::S004,
        Code::S005,
        Code::S006,
        Code::S007,
        Code::T001,
        Code::T002,
        Code::T003,
        Code::T004,
        Code::T005,
        Code::T006,
        Code::T007,
        Code::V001,
        Code::V002,
        Code::V003,
        Code::V004,
        Code::V005,
        Code::V006,
        Code::V007,
        Code::V008,
        Code::V009,
        Code::V010,
        Code::W001,
        Code::B001,
        Code::B002,
        Code::B003,
        Code::B004,
        Code::A001,
        Code::A002,
        Code::A003,
        Code::A004,
        Code::P001,
        Code::P002,
        Code::M001,
        Code::M002,
        Code::M003,
        Code::M004,
        Code::M005,
        Code::M006,
        Code::M007,
        Code::M008,
        Code::M009,
        Code::M010,
        Code::E001,
        Code::E002,
        Code::E003,
        Code::E004,
        Code::E005,
        Code::E006,
    ];

    /// The code as written: `S001`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::S001 => "S001",
            Code::S002 => "S002",
            Code::S003 => "S003",
            Code::S004 => "S004",
            Code::S005 => "S005",
            Code::S006 => "S006",
            Code::S007 => "S007",
            Code::T001 => "T001",
            Code::T002 => "T002",
            Code::T003 => "T003",
            Code::T004 => "T004",
            Code::T005 => "T005",
            Code::T006 => "T006",
            Code::T007 => "T007",
            Code::V001 => "V001",
            Code::V002 => "V002",
            Code::V003 => "V003",
            Code::V004 => "V004",
            Code::V005 => "V005",
            Code::V006 => "V006",
            Code::V007 => "V007",
            Code::V008 => "V008",
            Code::V009 => "V009",
            Code::V010 => "V010",
            Code::W001 => "W001",
            Code::B001 => "B001",
            Code::B002 => "B002",
            Code::B003 => "B003",
            Code::B004 => "B004",
            Code::A001 => "A001",
            Code::A002 => "A002",
            Code::A003 => "A003",
            Code::A004 => "A004",
            Code::P001 => "P001",
            Code::P002 => "P002",
            Code::M001 => "M001",
            Code::M002 => "M002",
            Code::M003 => "M003",
            Code::M004 => "M004",
            Code::M005 => "M005",
            Code::M006 => "M006",
            Code::M007 => "M007",
            Code::M008 => "M008",
            Code::M009 => "M009",
            Code::M010 => "M010",
            Code::E001 => "E001",
            Code::E002 => "E002",
            Code::E003 => "E003",
            Code::E004 => "E004",
            Code::E005 => "E005",
            Code::E006 => "E006",
        }
    }

    /// The code a text names (any case), if any.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// Its family: the letter (S reading, T targets, V values, W weights,
    /// B budget, A assessment, P publication, M monitoring, E evaluation).
    pub fn family(self) -> char {
        self.as_str().chars().next().unwrap_or('S')
    }

    /// The severity it reports with unless the config says otherwise.
    pub fn severity(self) -> Severity {
        match self {
            Code::S001 => Severity::Error,
            Code::S002 => Severity::Error,
            Code::S003 => Severity::Error,
            Code::S004 => Severity::Warning,
            Code::S005 => Severity::Info,
            Code::S006 => Severity::Warning,
            Code::S007 => Severity::Warning,
            Code::T001 => Severity::Error,
            Code::T002 => Severity::Error,
            Code::T003 => Severity::Warning,
            Code::T004 => Severity::Warning,
            Code::T005 => Severity::Warning,
            Code::T006 => Severity::Warning,
            Code::T007 => Severity::Error,
            Code::V001 => Severity::Error,
            Code::V002 => Severity::Error,
            Code::V003 => Severity::Info,
            Code::V004 => Severity::Warning,
            Code::V005 => Severity::Warning,
            Code::V006 => Severity::Error,
            Code::V007 => Severity::Error,
            Code::V008 => Severity::Warning,
            Code::V009 => Severity::Error,
            Code::V010 => Severity::Warning,
            Code::W001 => Severity::Warning,
            Code::B001 => Severity::Error,
            Code::B002 => Severity::Warning,
            Code::B003 => Severity::Error,
            Code::B004 => Severity::Warning,
            Code::A001 => Severity::Error,
            Code::A002 => Severity::Error,
            Code::A003 => Severity::Warning,
            Code::A004 => Severity::Warning,
            Code::P001 => Severity::Warning,
            Code::P002 => Severity::Warning,
            Code::M001 => Severity::Warning,
            Code::M002 => Severity::Warning,
            Code::M003 => Severity::Error,
            Code::M004 => Severity::Error,
            Code::M005 => Severity::Error,
            Code::M006 => Severity::Error,
            Code::M007 => Severity::Warning,
            Code::M008 => Severity::Error,
            Code::M009 => Severity::Info,
            Code::M010 => Severity::Warning,
            Code::E001 => Severity::Warning,
            Code::E002 => Severity::Error,
            Code::E003 => Severity::Error,
            Code::E004 => Severity::Warning,
            Code::E005 => Severity::Warning,
            Code::E006 => Severity::Error,
        }
    }
}

/// Codes sort as they are written (A001 before B001 before E001 …), as lists
/// of findings always have.
impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One finding, in the JSON shape of output.md.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub code: Code,
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
    pub fn at_file(code: Code, severity: Severity, file: &str, message: String) -> Self {
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
        let f = Finding::at_file(
            crate::diag::Code::V004,
            Severity::Warning,
            "t.xlsx",
            "m".into(),
        )
        .in_sheet("Q1 目标", Some("D12".into()));
        assert_eq!(f.location(), "t.xlsx:'Q1 目标'!D12");
        let f = Finding::at_file(
            crate::diag::Code::V004,
            Severity::Warning,
            "t.xlsx",
            "m".into(),
        )
        .in_sheet("绩效目标", Some("H12".into()));
        assert_eq!(f.location(), "t.xlsx:绩效目标!H12");
    }
}
