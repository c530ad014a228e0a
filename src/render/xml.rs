//! Text as XML 1.0 can hold it, for every workbook and document perf writes.

use std::borrow::Cow;

/// What XML 1.0 forbids: C0 controls but tab and line breaks, U+FFFE, U+FFFF.
fn forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// `text` without the characters XML forbids (Word leaves vertical tabs in
/// pasted text); borrowed when there are none, which is nearly always.
pub fn clean(text: &str) -> Cow<'_, str> {
    // One pass over the bytes decides for nearly every text: a C0 control
    // is one byte below 0x20; U+FFFE and U+FFFF are EF BF BE and EF BF BF.
    let bytes = text.as_bytes();
    let suspect = bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || (b == 0xEF
                && bytes.get(i + 1) == Some(&0xBF)
                && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)))
    });
    if suspect {
        text.chars()
            .filter(|&c| !forbidden(c))
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// Well-formed as XML 1.0 requires: no forbidden character anywhere, and
/// the elements nest (quick-xml checks end tags).
#[cfg(test)]
pub fn well_formed(name: &str, xml: &str) -> Result<(), String> {
    if let Some(c) = xml.chars().find(|&c| forbidden(c)) {
        return Err(format!("{name}: forbidden character {c:?}"));
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(format!("{name}: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_dropped_and_others_kept() {
        assert_eq!(clean("农村\u{b}公路\u{0}养护\n\t"), "农村公路养护\n\t");
        assert_eq!(clean("a\u{FFFE}b\u{FFFF}c\u{FFFD}"), "abc\u{FFFD}");
        assert!(matches!(clean("合计"), Cow::Borrowed(_)));
    }
}
