//! Which cell styles show dates: the number format of each `cellXfs` entry of styles.xml.

use std::collections::HashMap;

use quick_xml::events::Event;

use super::Refusal;
use super::package::attr;

/// How a number in a cell of some style is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    Plain,
    /// A date or a clock time: a serial day number.
    Date,
    /// An elapsed time (`[h]:mm`): stays a number.
    Duration,
}

/// Style index (the `s` attribute of a cell) → how its numbers are meant.
pub fn number_kinds(xml: &[u8]) -> Result<Vec<NumberKind>, Refusal> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut custom: HashMap<u32, NumberKind> = HashMap::new();
    let mut kinds = Vec::new();
    let mut in_cell_xfs = false;
    loop {
        match reader.read_event().map_err(|_| Refusal::Fallback)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "numFmt" => {
                    let id = attr(&e, "numFmtId").and_then(|v| v.parse().ok());
                    if let (Some(id), Some(code)) = (id, attr(&e, "formatCode")) {
                        custom.insert(id, custom_kind(&code));
                    }
                }
                "cellXfs" => in_cell_xfs = true,
                "xf" if in_cell_xfs => {
                    let id: u32 = attr(&e, "numFmtId")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    kinds.push(custom.get(&id).copied().unwrap_or_else(|| builtin_kind(id)));
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
            Event::Eof => return Ok(kinds),
            _ => {}
        }
    }
}

/// The built-in formats of ECMA-376 §18.8.30, with the East Asian date ids.
fn builtin_kind(id: u32) -> NumberKind {
    match id {
        14..=22 | 27..=36 | 45 | 47 | 50..=58 => NumberKind::Date,
        46 => NumberKind::Duration,
        _ => NumberKind::Plain,
    }
}

/// A custom format code is a date when its first section uses y, m, d, h or s
/// outside quotes, escapes and brackets; `[h]` and the like make it a duration.
fn custom_kind(code: &str) -> NumberKind {
    let mut chars = code.chars().peekable();
    let mut in_quote = false;
    let mut in_bracket = false;
    let mut bracket = String::new();
    while let Some(c) = chars.next() {
        if in_quote {
            in_quote = c != '"';
            continue;
        }
        if in_bracket {
            if c == ']' {
                in_bracket = false;
                let b = bracket.to_ascii_lowercase();
                if !b.is_empty() && b.chars().all(|c| matches!(c, 'h' | 'm' | 's')) {
                    return NumberKind::Duration;
                }
            } else {
                bracket.push(c);
            }
            continue;
        }
        match c {
            '"' => in_quote = true,
            '[' => {
                in_bracket = true;
                bracket.clear();
            }
            // The next character is a literal (escape, padding, fill).
            '\\' | '_' | '*' => {
                chars.next();
            }
            ';' => return NumberKind::Plain,
            'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' => return NumberKind::Date,
            _ => {}
        }
    }
    NumberKind::Plain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_formats_are_told_apart() {
        assert_eq!(custom_kind("yyyy\"年\"m\"月\"d\"日\""), NumberKind::Date);
        assert_eq!(custom_kind("[$-F800]dddd, mmmm dd, yyyy"), NumberKind::Date);
        assert_eq!(custom_kind("[h]:mm:ss"), NumberKind::Duration);
        assert_eq!(custom_kind("#,##0.00_ ;[Red]-#,##0.00 "), NumberKind::Plain);
        assert_eq!(custom_kind("0.00\"万元\""), NumberKind::Plain);
        assert_eq!(custom_kind("0%"), NumberKind::Plain);
        assert_eq!(custom_kind("General"), NumberKind::Plain);
    }

    #[test]
    fn cell_xfs_give_the_kinds_in_order() {
        let xml = br#"<styleSheet><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy/m/d"/></numFmts>
            <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
            <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="14"/><xf numFmtId="46"/></cellXfs></styleSheet>"#;
        assert_eq!(
            number_kinds(xml).unwrap(),
            vec![
                NumberKind::Plain,
                NumberKind::Date,
                NumberKind::Date,
                NumberKind::Duration
            ]
        );
    }
}
