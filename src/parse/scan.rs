//! Small hand-written scanning helpers over `&[char]`, shared by the value, deadline and amount parsers.
//!
//! Nothing here allocates per character; the parsers normalise a cell once
//! ([`normalize`]) and then walk its characters by index.

use super::text::half_width_char;

/// Half-width text with the few extra look-alikes folded (`≧` → `≥`, `−` → `-`,
/// `﹪` → `%`, no-break space → space), trimmed.
pub(crate) fn normalize(raw: &str) -> String {
    let s: String = raw
        .chars()
        .map(|c| extra_fold(half_width_char(c)))
        .collect();
    let t = s.trim();
    if t.len() == s.len() { s } else { t.to_string() }
}

/// Folds characters [`half_width_char`] leaves alone but that mean the same thing here.
fn extra_fold(c: char) -> char {
    match c {
        '≧' | '⩾' => '≥',
        '≦' | '⩽' => '≤',
        '\u{2212}' | '\u{2010}' | '\u{2011}' | '\u{FE63}' => '-',
        '\u{301C}' => '~',
        '﹪' => '%',
        '\u{00A0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' => ' ',
        '\u{200B}' | '\u{FEFF}' => ' ',
        '￥' => '¥',
        c => c,
    }
}

/// Whether `w` occurs in `c` at index `i`.
pub(crate) fn at(c: &[char], i: usize, w: &str) -> bool {
    (i..).zip(w.chars()).all(|(j, wc)| c.get(j) == Some(&wc))
}

/// Whether `w` occurs anywhere in `c[lo..hi]` (the word must end before `hi`).
pub(crate) fn contains_in(c: &[char], lo: usize, hi: usize, w: &str) -> bool {
    let n = w.chars().count();
    let hi = hi.min(c.len());
    (lo..hi).any(|i| i + n <= hi && at(c, i, w))
}

/// The first index ≥ `i` that is not white space.
pub(crate) fn skip_spaces(c: &[char], mut i: usize) -> usize {
    while c.get(i).is_some_and(|ch| ch.is_whitespace()) {
        i += 1;
    }
    i
}

pub(crate) fn is_digit_at(c: &[char], i: usize) -> bool {
    c.get(i).is_some_and(char::is_ascii_digit)
}

/// The end of the run of ASCII digits starting at `i` (== `i` when none).
pub(crate) fn digit_run_end(c: &[char], mut i: usize) -> usize {
    while is_digit_at(c, i) {
        i += 1;
    }
    i
}

/// The value of the ASCII digits `c[start..end]` (at most 9 digits, so it fits).
pub(crate) fn uint(c: &[char], start: usize, end: usize) -> Option<u32> {
    if end <= start || end - start > 9 || end > c.len() {
        return None;
    }
    let mut v: u32 = 0;
    for ch in &c[start..end] {
        v = v * 10 + ch.to_digit(10)?;
    }
    Some(v)
}

/// A CJK ideograph (the basic block is enough for units and words here).
pub(crate) fn is_cjk(ch: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&ch) || ('\u{3400}'..='\u{4DBF}').contains(&ch)
}

/// 一 … 十 as 1 … 10.
pub(crate) fn cn_digit(ch: char) -> Option<u32> {
    Some(match ch {
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
}

/// A small Chinese numeral (一 … 九, 十, 十一, 十二 …, up to 十九) written as `c[start..end]`.
pub(crate) fn cn_small(c: &[char], start: usize, end: usize) -> Option<u32> {
    match c.get(start..end)? {
        [a] => cn_digit(*a),
        ['十', b] => Some(10 + cn_digit(*b).filter(|d| *d < 10)?),
        _ => None,
    }
}

/// A number token found in the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num {
    pub value: f64,
    /// Index of the first character (the sign, when there is one).
    pub start: usize,
    /// Index just past the last digit.
    pub end: usize,
    /// How many digits before the decimal point.
    pub int_digits: usize,
    /// Written without a decimal part.
    pub integral: bool,
}

/// Reads a number starting exactly at `i`: optional sign (when `allow_sign`),
/// digits with optional `,` thousands separators (`1,200`; a comma counts only
/// when exactly three digits follow), an optional decimal part (`.5` is read as 0.5).
pub(crate) fn number_at(c: &[char], i: usize, allow_sign: bool) -> Option<Num> {
    let mut j = i;
    let mut s = String::with_capacity(16);
    if allow_sign
        && let Some(&sign @ ('-' | '+')) = c.get(j)
        && (is_digit_at(c, j + 1) || (c.get(j + 1) == Some(&'.') && is_digit_at(c, j + 2)))
    {
        if sign == '-' {
            s.push('-');
        }
        j += 1;
    }
    let mut int_digits = 0;
    loop {
        while let Some(&d) = c.get(j).filter(|d| d.is_ascii_digit()) {
            s.push(d);
            j += 1;
            int_digits += 1;
        }
        let group = int_digits > 0
            && c.get(j) == Some(&',')
            && (1..=3).all(|k| is_digit_at(c, j + k))
            && !is_digit_at(c, j + 4);
        if group {
            j += 1;
            continue;
        }
        break;
    }
    let mut integral = true;
    if c.get(j) == Some(&'.') && is_digit_at(c, j + 1) {
        if int_digits == 0 {
            s.push('0');
        }
        s.push('.');
        j += 1;
        integral = false;
        while let Some(&d) = c.get(j).filter(|d| d.is_ascii_digit()) {
            s.push(d);
            j += 1;
        }
    } else if int_digits == 0 {
        return None;
    }
    let value: f64 = s.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    Some(Num {
        value,
        start: i,
        end: j,
        int_digits,
        integral,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn numbers_are_read_with_separators_and_signs() {
        let cases: &[(&str, bool, Option<f64>, usize)] = &[
            ("1,200人", false, Some(1200.0), 5),
            ("1,2000", false, Some(1.0), 1),
            ("-5%", true, Some(-5.0), 2),
            ("-5%", false, None, 0),
            ("+5", true, Some(5.0), 2),
            (".5", false, Some(0.5), 2),
            ("12.", false, Some(12.0), 2),
            ("1,234,567.89", false, Some(1_234_567.89), 12),
            ("abc", false, None, 0),
        ];
        for (s, sign, want, end) in cases {
            let got = number_at(&chars(s), 0, *sign);
            assert_eq!(got.map(|n| n.value), *want, "value of {s:?}");
            if let Some(n) = got {
                assert_eq!(n.end, *end, "end of {s:?}");
            }
        }
    }

    #[test]
    fn normalize_folds_look_alikes() {
        assert_eq!(normalize("  ≧９５％ "), "≥95%");
        assert_eq!(normalize("\u{2212}5"), "-5");
        assert_eq!(normalize("＞＝１"), ">=1");
    }

    #[test]
    fn small_chinese_numerals() {
        let c = chars("十二三十一");
        assert_eq!(cn_small(&c, 0, 2), Some(12));
        assert_eq!(cn_small(&c, 2, 3), Some(3));
        assert_eq!(cn_small(&c, 2, 4), None);
    }
}
