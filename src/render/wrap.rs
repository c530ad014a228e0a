//! Wrapping text to a terminal column without breaking an address: a cell
//! reference (`绩效目标!I35`), a file name or a number stays on one line.

use unicode_width::UnicodeWidthChar;

/// The display width of `s` in a terminal (a Chinese character is two).
pub fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Whether a line may break between `a` and `b`. Chinese text may break
/// anywhere; a run of ASCII letters, digits and signs (`I35`, `2024-BY-001`,
/// `75.00万元` up to the 万) may not, and `!` holds to both its neighbours, so
/// a sheet's last character, the `!` and the cell stay together; and a
/// closing bracket or a comma does not begin a line.
fn may_break(a: char, b: char) -> bool {
    if a == ' ' || b == ' ' {
        return true;
    }
    if a == '!' || b == '!' {
        return false;
    }
    // Closing signs never start a line, opening ones never end one.
    if "）」』】》〉，。、；：！？”’)]}>,.;:%".contains(b) || "（「『【《〈“‘([{<".contains(a)
    {
        return false;
    }
    let word = |c: char| c.is_ascii_graphic();
    !(word(a) && word(b))
}

/// `text` wrapped to lines of at most `columns` display columns, joined by
/// `\n`. Breaks fall where [`may_break`] allows (spaces are dropped at a
/// break); only a single unbreakable run longer than a line is cut.
pub fn wrap(text: &str, columns: usize) -> String {
    let columns = columns.max(2);
    let mut out = String::with_capacity(text.len() + 8);
    let mut line = String::new();
    let mut line_width = 0;
    // Pieces: the text split where it may break.
    let mut piece = String::new();
    let mut last: Option<char> = None;
    let mut pieces: Vec<String> = Vec::new();
    for c in text.chars() {
        if let Some(a) = last
            && may_break(a, c)
        {
            pieces.push(std::mem::take(&mut piece));
        }
        piece.push(c);
        last = Some(c);
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    for p in pieces {
        let w = width(&p);
        if line_width + w > columns && line_width > 0 {
            out.push_str(line.trim_end());
            out.push('\n');
            line.clear();
            line_width = 0;
            if p == " " {
                continue;
            }
        }
        if w > columns {
            // An unbreakable run longer than a line: cut it, character by character.
            for c in p.chars() {
                let cw = c.width().unwrap_or(0);
                if line_width + cw > columns && line_width > 0 {
                    out.push_str(&line);
                    out.push('\n');
                    line.clear();
                    line_width = 0;
                }
                line.push(c);
                line_width += cw;
            }
            continue;
        }
        line.push_str(&p);
        line_width += w;
    }
    out.push_str(line.trim_end());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_stay_whole() {
        let s = wrap("见绩效目标!I35单元格", 9);
        assert!(s.lines().any(|l| l.contains("标!I35")), "{s}");
        for l in s.lines() {
            assert!(width(l) <= 9, "{s}");
        }
    }

    #[test]
    fn chinese_breaks_anywhere_and_words_at_spaces() {
        assert_eq!(wrap("一二三四五", 4), "一二\n三四\n五");
        assert_eq!(wrap("ab cd ef", 5), "ab cd\nef");
    }

    #[test]
    fn an_overlong_run_is_cut() {
        assert_eq!(wrap("abcdefgh", 3), "abc\ndef\ngh");
    }
}
