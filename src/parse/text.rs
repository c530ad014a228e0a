//! Text normalisation shared by header matching and value parsing.

/// Maps full-width ASCII forms (`１２３`, `％`, `＞＝`, `（）`, `，`) and the
/// ideographic space to their half-width forms; everything else is kept.
pub fn to_half_width(s: &str) -> String {
    s.chars().map(half_width_char).collect()
}

/// One character's half-width form.
pub fn half_width_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{3002}' => '\u{3002}', // 。 keeps its meaning as a full stop
        _ => c,
    }
}

/// The key a header is matched by: half-width, with every kind of white space
/// removed (titles are often typed `绩 效 目 标` or broken over lines).
pub fn header_key(s: &str) -> String {
    s.chars()
        .map(half_width_char)
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
        .collect()
}

/// [`header_key`] without allocating when the text is already a key (the common case).
pub fn header_key_cow(s: &str) -> std::borrow::Cow<'_, str> {
    let plain = s.chars().all(|c| {
        !c.is_whitespace() && c != '\u{200B}' && !matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}')
    });
    if plain {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(header_key(s))
    }
}

/// Trimmed, half-width text with runs of inner white space folded to one space.
pub fn clean(s: &str) -> String {
    let half = to_half_width(s);
    half.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_becomes_half_width() {
        assert_eq!(to_half_width("＞＝９５％"), ">=95%");
        assert_eq!(to_half_width("（万元）"), "(万元)");
        assert_eq!(to_half_width("１，２００人"), "1,200人");
    }

    #[test]
    fn header_keys_drop_all_white_space() {
        assert_eq!(header_key("绩 效\n指　标"), "绩效指标");
        assert_eq!(header_key(" 项目资金\n（万元）\n "), "项目资金(万元)");
    }

    #[test]
    fn key_cow_borrows_plain_text_and_normalises_the_rest() {
        assert!(matches!(
            header_key_cow("项目名称"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(header_key_cow("项 目\n名称（万元）"), "项目名称(万元)");
    }

    #[test]
    fn clean_folds_inner_space() {
        assert_eq!(
            clean("  [208]青山县  城市管理局 "),
            "[208]青山县 城市管理局"
        );
    }
}
