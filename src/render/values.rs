//! How parsed values are shown: JSON objects and short human text.

use serde::Serialize;

use crate::i18n::Lang;
use crate::parse::{Op, Parsed, ValueKind};

fn op_key(op: Op) -> &'static str {
    match op {
        Op::Ge => ">=",
        Op::Gt => ">",
        Op::Eq => "=",
        Op::Lt => "<",
        Op::Le => "<=",
    }
}

/// A parsed value as JSON: `{"text", "op", "type", "value", "unit", "deadline", "vague"}`.
#[derive(Debug, Serialize)]
pub struct ParsedJson<'a> {
    pub text: &'a str,
    pub op: Option<&'static str>,
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<&'a crate::parse::Deadline>,
    pub vague: Option<&'a str>,
}

/// The JSON view of a parsed value (borrowed: no copy of the text).
pub fn parsed_json(p: &Parsed) -> ParsedJson<'_> {
    let mut out = ParsedJson {
        text: &p.raw,
        op: p.op.map(op_key),
        kind: "qualitative",
        value: None,
        unit: None,
        deadline: None,
        vague: p.vague.as_deref(),
    };
    match &p.kind {
        ValueKind::Empty => out.kind = "empty",
        ValueKind::Placeholder => out.kind = "placeholder",
        ValueKind::Number { value, unit } => {
            out.kind = "number";
            out.value = Some(*value);
            out.unit = unit.as_deref();
        }
        ValueKind::Deadline(d) => {
            out.kind = "deadline";
            out.deadline = Some(d);
        }
        ValueKind::Qualitative { .. } => {}
    }
    out
}

/// A short reading of a parsed value for tables: `>= 350 人次`, `期限 2024-12-25`, `定性`.
pub fn parsed_short(p: &Parsed, lang: Lang) -> String {
    let op = p.op.map(|o| format!("{} ", op_key(o))).unwrap_or_default();
    let mut s = match &p.kind {
        ValueKind::Empty => lang.pick("（空）", "(empty)").to_string(),
        ValueKind::Placeholder => lang.pick("未填占位符", "placeholder").to_string(),
        ValueKind::Number { value, unit } => format!(
            "{op}{} {}",
            crate::model::cell::format_number(*value),
            unit.as_deref().unwrap_or("")
        )
        .trim_end()
        .to_string(),
        ValueKind::Deadline(d) => {
            let date = match (d.year, d.day) {
                (Some(y), Some(day)) => format!("{y}-{:02}-{day:02}", d.month),
                (Some(y), None) => format!("{y}-{:02} {}", d.month, lang.pick("月底", "month end")),
                (None, Some(day)) => format!("{}-{day:02}", d.month),
                (None, None) => format!("{}{}", d.month, lang.pick("月底", " (month end)")),
            };
            format!("{} {date}", lang.pick("期限", "by"))
        }
        ValueKind::Qualitative { .. } => lang.pick("定性", "qualitative").to_string(),
    };
    if let Some(w) = &p.vague {
        s.push_str(&format!(" [{}{w}]", lang.pick("模糊:", "vague: ")));
    }
    s
}
