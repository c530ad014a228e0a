//! Text inside sheet XML: shared strings, inline strings, entities and Excel's `_xHHHH_` escapes.

use quick_xml::Reader;
use quick_xml::events::{BytesRef, Event};

use super::Refusal;

/// Appends the character an entity reference (`&amp;`, `&#20013;`) stands for.
pub fn push_ref(r: &BytesRef, out: &mut String) -> Result<(), Refusal> {
    if let Some(c) = r.resolve_char_ref().map_err(|_| Refusal::Fallback)? {
        out.push(c);
        return Ok(());
    }
    let name: &str = r.as_ref();
    let s = quick_xml::escape::resolve_xml_entity(name).ok_or(Refusal::Fallback)?;
    out.push_str(s);
    Ok(())
}

/// Reads the text of a string item (`<si>` or `<is>`) up to its end tag
/// (`depth` 1), or to the end of the input (`depth` 0, for an item's inner XML):
/// the `<t>` runs joined, phonetic runs (`<rPh>`) left out.
pub fn read_item(
    reader: &mut Reader<&[u8]>,
    out: &mut String,
    mut depth: usize,
) -> Result<(), Refusal> {
    let closes = depth > 0;
    let mut in_phonetic = false;
    let mut in_t = false;
    let mut run = String::new();
    let mut preserve = false;
    loop {
        match reader.read_event().map_err(|_| Refusal::Fallback)? {
            Event::Start(e) => {
                depth += 1;
                match e.local_name().as_ref() {
                    "rPh" => in_phonetic = true,
                    "t" if !in_phonetic => {
                        in_t = true;
                        run.clear();
                        preserve =
                            super::package::attr(&e, "space").is_some_and(|v| v == "preserve");
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                match e.local_name().as_ref() {
                    "rPh" => in_phonetic = false,
                    "t" if in_t => {
                        in_t = false;
                        // Like Excel, runs not marked to keep their spaces lose the
                        // ASCII white space around them.
                        let kept = if preserve {
                            run.as_str()
                        } else {
                            run.trim_matches([' ', '\t', '\r', '\n'])
                        };
                        push_unescaped(kept, out);
                    }
                    _ => {}
                }
                if closes && depth == 0 {
                    return Ok(());
                }
            }
            Event::Text(t) if in_t => run.push_str(&t.xml10_content()),
            Event::CData(t) if in_t => run.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_t => push_ref(&r, &mut run)?,
            Event::Eof if !closes => return Ok(()),
            Event::Eof => return Err(Refusal::Fallback),
            _ => {}
        }
    }
}

/// Every `<si>` of sharedStrings.xml, in order.
pub fn shared_strings(xml: &[u8]) -> Result<Vec<String>, Refusal> {
    let mut reader = Reader::from_reader(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().map_err(|_| Refusal::Fallback)? {
            Event::Start(e) if e.local_name().as_ref() == "si" => {
                let mut s = String::new();
                read_item(&mut reader, &mut s, 1)?;
                out.push(s);
            }
            Event::Empty(e) if e.local_name().as_ref() == "si" => out.push(String::new()),
            Event::Start(e) if e.local_name().as_ref() == "sst" => {
                let count = super::package::attr(&e, "uniqueCount")
                    .and_then(|c| c.parse::<usize>().ok())
                    .unwrap_or(0);
                // A hostile count must not reserve memory the file does not hold.
                out.reserve(count.min(xml.len() / 8));
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// The `uniqueCount` calamine would reserve room for: that of the first
/// `sst` start tag its XML reader meets (read with calamine's settings, so
/// what it reads past, this reads past too; where it stops, calamine stops
/// with an error before reserving). None when there is no such count.
pub fn declared_count(xml: &[u8]) -> Option<u64> {
    let mut reader = Reader::from_reader(xml);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "sst" => {
                return count_in(e.attributes_raw().as_ref());
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// The largest `uniqueCount="digits"` among raw attributes, by text: the
/// attributes of a damaged file need not parse, and a count too many is
/// only a refusal of a file that cannot be right.
fn count_in(attributes: &[u8]) -> Option<u64> {
    const KEY: &[u8] = b"uniqueCount";
    let mut most = None;
    for at in memchr::memmem::find_iter(attributes, KEY) {
        let rest = attributes[at + KEY.len()..].trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=").map(<[u8]>::trim_ascii_start) else {
            continue;
        };
        let Some((&quote, rest)) = rest.split_first() else {
            continue;
        };
        if quote != b'"' && quote != b'\'' {
            continue;
        }
        let value = &rest[..memchr::memchr(quote, rest).unwrap_or(rest.len())];
        let value = value.strip_prefix(b"+").unwrap_or(value);
        if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
            continue;
        }
        // Digits only, so valid UTF-8; past u64 it is no real count either.
        let digits = std::str::from_utf8(value)
            .unwrap_or("")
            .trim_start_matches('0');
        let n = if digits.is_empty() {
            0
        } else {
            digits.parse().unwrap_or(u64::MAX)
        };
        most = most.max(Some(n));
    }
    most
}

/// Appends `s` with Excel's `_xHHHH_` escapes (control characters, `_x000D_`) decoded.
pub fn push_unescaped(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(at) = rest.find("_x") {
        let code = rest
            .get(at + 2..at + 7)
            .filter(|t| t.ends_with('_'))
            .and_then(|t| u32::from_str_radix(&t[..4], 16).ok());
        match code {
            Some(code) => {
                out.push_str(&rest[..at]);
                out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                rest = &rest[at + 7..];
            }
            None => {
                out.push_str(&rest[..at + 2]);
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rich_text_runs_join_and_phonetics_drop() {
        let xml = r#"<sst uniqueCount="3"><si><t>项目名称</t></si><si><r><t xml:space="preserve">绩效 </t></r><r><t>指标</t></r><rPh><t>ji</t></rPh></si><si/><si><t>A &amp; B&#12288;_x000D_x</t></si></sst>"#;
        let s = shared_strings(xml.as_bytes()).unwrap();
        assert_eq!(s, vec!["项目名称", "绩效 指标", "", "A & B\u{3000}\rx"]);
    }

    #[test]
    fn underscores_that_are_not_escapes_stay() {
        let mut out = String::new();
        push_unescaped("a_x_b_x00_c_x0041_", &mut out);
        assert_eq!(out, "a_x_b_x00_cA");
    }
}
