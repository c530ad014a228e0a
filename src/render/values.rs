//! How parsed values are shown: JSON objects and short human text.

use serde_json::{Value, json};

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
pub fn parsed_json(p: &Parsed) -> Value {
    let mut v = json!({
        "text": p.raw,
        "op": p.op.map(op_key),
        "vague": p.vague,
    });
    match &p.kind {
        ValueKind::Empty => v["type"] = json!("empty"),
        ValueKind::Placeholder => v["type"] = json!("placeholder"),
        ValueKind::Number { value, unit } => {
            v["type"] = json!("number");
            v["value"] = json!(value);
            v["unit"] = json!(unit);
        }
        ValueKind::Deadline(d) => {
            v["type"] = json!("deadline");
            v["deadline"] = json!({"year": d.year, "month": d.month, "day": d.day});
        }
        ValueKind::Qualitative { .. } => v["type"] = json!("qualitative"),
    }
    v
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
