//! Deadlines in timeliness targets: `2024年12月31日前`, `12月底前`, `年底前`, `第三季度`, `上半年`, `2024-11-30`.
//!
//! [`find`] looks for the first deadline form in normalised text and reports
//! where it sits, so the caller can tell a target (`6月底前完成`) from an
//! "as of" prefix (`截至6月底，完成80%`).

use super::scan::{at, cn_digit, cn_small, digit_run_end, is_digit_at, skip_spaces, uint};
use serde::Serialize;

/// A deadline: year (when written), month, and day (None = end of month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub year: Option<i32>,
    pub month: u32,
    pub day: Option<u32>,
}

/// A deadline found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub deadline: Deadline,
    /// Index of the first character of the date (the year when written).
    pub start: usize,
    /// Index just past the date (past `底` / `末` / `内` when written).
    pub end: usize,
    /// Written as "by / before / within" (`前`, `之前`, `以前`, `内`, `年内`).
    pub before: bool,
}

const YEARS: std::ops::RangeInclusive<u32> = 1900..=2100;

/// The first deadline written in `c` (normalised characters), if any.
///
/// Forms, tried in this order: a period `2023.07-2024.01`, `2023.7-2024.1`,
/// `2023年7月-2024年1月`, `2023年7月至12月`, `2024-01-01至2024-12-31` (its end,
/// written "by": the work is done within the period); `2024-11-30` / `2024/11/30` / `2024.11.30` /
/// `2024-11`; `[2024年]12月[31日|底|末|上旬…]`, also `十二月`, `元月`;
/// `[2024年][第|前]三季度[末]`, `Q3`; `[2024年]上半年` / `下半年`;
/// `[2024年]年底|年末|年终|年内|年度内`; a lone `2024年` with no other number.
/// Not deadlines: `12个月`, `3年内` (durations), `1-6月` (a period), `每月`.
pub(crate) fn find(c: &[char]) -> Option<Found> {
    let mut f = period(c)
        .or_else(|| numeric_date(c))
        .or_else(|| month_date(c))
        .or_else(|| quarter(c))
        .or_else(|| half_year(c))
        .or_else(|| year_end(c))
        .or_else(|| lone_year(c))?;
    let k = skip_spaces(c, f.end);
    if ["前", "之前", "以前", "内", "之内", "以内"]
        .iter()
        .any(|w| at(c, k, w))
    {
        f.before = true;
    }
    Some(f)
}

fn found(year: Option<i32>, month: u32, day: Option<u32>, start: usize, end: usize) -> Found {
    Found {
        deadline: Deadline { year, month, day },
        start,
        end,
        before: false,
    }
}

/// A 4-digit year in range, written at `c[i..i+4]` and not part of a longer number.
fn year_at(c: &[char], i: usize) -> Option<i32> {
    let e = digit_run_end(c, i);
    if e - i != 4 || (i > 0 && (is_digit_at(c, i - 1) || c[i - 1] == '.')) {
        return None;
    }
    let y = uint(c, i, e).filter(|y| YEARS.contains(y))?;
    i32::try_from(y).ok()
}

/// `2024年` written just before index `at_`: (start, year).
fn year_before(c: &[char], at_: usize) -> (usize, Option<i32>) {
    if at_ >= 5
        && c[at_ - 1] == '年'
        && let Some(y) = year_at(c, at_ - 5)
    {
        return (at_ - 5, Some(y));
    }
    (at_, None)
}

/// A period of two dates (`2023.07-2024.01`, `2023年7月-2024年1月`, `2023年7月至12月`):
/// found as its end, written "by". The end must not come before the start.
fn period(c: &[char]) -> Option<Found> {
    for i in 0..c.len() {
        if i > 0 && (is_digit_at(c, i - 1) || c[i - 1] == '.') {
            continue;
        }
        let Some((from, e1)) = period_side(c, i, None) else {
            continue;
        };
        let k = skip_spaces(c, e1);
        if !matches!(c.get(k), Some('-' | '~' | '至' | '到' | '—' | '–')) {
            continue;
        }
        let mut k2 = k + 1;
        while matches!(c.get(k2), Some('-' | '—')) {
            k2 += 1;
        }
        let k2 = skip_spaces(c, k2);
        let Some((to, e2)) = period_side(c, k2, from.year) else {
            continue;
        };
        if is_digit_at(c, e2) || c.get(e2) == Some(&'.') {
            continue;
        }
        let first = (from.year, from.month, from.day.unwrap_or(0));
        let last = (to.year, to.month, to.day.unwrap_or(31));
        if last < first {
            continue;
        }
        let mut f = found(to.year, to.month, to.day, i, e2);
        f.before = true;
        return Some(f);
    }
    None
}

/// One end of a period at `i`: `2023.07`, `2023-7-15`, `2023/07`, `2023年7月[15日]`;
/// with `year` (the start's), also `12月[31日]`.
fn period_side(c: &[char], i: usize, year: Option<i32>) -> Option<(Deadline, usize)> {
    let Some(y) = year_at(c, i) else {
        return year.and_then(|y| month_day(c, i, y));
    };
    let ye = i + 4;
    let sep = match c.get(ye) {
        Some('年') => return month_day(c, ye + 1, y),
        Some(&sep @ ('-' | '/' | '.')) => sep,
        _ => return None,
    };
    let ms = ye + 1;
    let me = digit_run_end(c, ms);
    let month = uint(c, ms, me).filter(|m| me - ms <= 2 && (1..=12).contains(m))?;
    let mut side = Deadline {
        year: Some(y),
        month,
        day: None,
    };
    if c.get(me) == Some(&sep) {
        let ds = me + 1;
        let de = digit_run_end(c, ds);
        if let Some(day) = uint(c, ds, de).filter(|d| de - ds <= 2 && (1..=31).contains(d)) {
            side.day = Some(day);
            let end = if matches!(c.get(de), Some('日' | '号')) {
                de + 1
            } else {
                de
            };
            return Some((side, end));
        }
    }
    Some((side, me))
}

/// `7月` or `7月15日` at `i`, in year `y`.
fn month_day(c: &[char], i: usize, y: i32) -> Option<(Deadline, usize)> {
    let me = digit_run_end(c, i);
    let month = uint(c, i, me).filter(|m| me - i <= 2 && (1..=12).contains(m))?;
    if c.get(me) != Some(&'月') {
        return None;
    }
    let mut side = Deadline {
        year: Some(y),
        month,
        day: None,
    };
    let mut end = me + 1;
    let de = digit_run_end(c, end);
    if let Some(day) = uint(c, end, de).filter(|d| de - end <= 2 && (1..=31).contains(d))
        && matches!(c.get(de), Some('日' | '号'))
    {
        side.day = Some(day);
        end = de + 1;
    }
    Some((side, end))
}

fn numeric_date(c: &[char]) -> Option<Found> {
    for i in 0..c.len() {
        let Some(year) = year_at(c, i) else { continue };
        let ye = i + 4;
        let Some(&sep @ ('-' | '/' | '.')) = c.get(ye) else {
            continue;
        };
        let ms = ye + 1;
        let me = digit_run_end(c, ms);
        let Some(month) = uint(c, ms, me).filter(|m| me - ms <= 2 && (1..=12).contains(m)) else {
            continue;
        };
        if c.get(me) == Some(&sep) {
            let ds = me + 1;
            let de = digit_run_end(c, ds);
            if let Some(day) = uint(c, ds, de).filter(|d| de - ds <= 2 && (1..=31).contains(d)) {
                let end = if matches!(c.get(de), Some('日' | '号')) {
                    de + 1
                } else {
                    de
                };
                return Some(found(Some(year), month, Some(day), i, end));
            }
            continue;
        }
        // `2024-11` / `2024/11`: a month. `2024.11` stays a number.
        if sep != '.' {
            return Some(found(Some(year), month, None, i, me));
        }
    }
    None
}

fn month_date(c: &[char]) -> Option<Found> {
    for i in 1..c.len() {
        if c[i] != '月' {
            continue;
        }
        let (ms, month) = if is_digit_at(c, i - 1) {
            let mut s = i - 1;
            while s > 0 && is_digit_at(c, s - 1) {
                s -= 1;
            }
            if s > 0 && c[s - 1] == '.' {
                continue;
            }
            (s, uint(c, s, i).filter(|_| i - s <= 2))
        } else if c[i - 1] == '元' && !(i >= 2 && is_digit_at(c, i - 2)) {
            (i - 1, Some(1))
        } else {
            let mut s = i;
            while s > 0 && i - s < 2 && cn_digit(c[s - 1]).is_some() {
                s -= 1;
            }
            (s, cn_small(c, s, i))
        };
        let Some(month) = month.filter(|m| (1..=12).contains(m)) else {
            continue;
        };
        if ms > 0 {
            let p = c[ms - 1];
            // `1-6月`, `1至6月`: a period of months, not a deadline.
            let range_sep = matches!(p, '-' | '~' | '至' | '到' | '—' | '–');
            if range_sep && ms >= 2 && (is_digit_at(c, ms - 2) || cn_digit(c[ms - 2]).is_some()) {
                continue;
            }
            if p == '每' || cn_digit(p).is_some() {
                continue;
            }
        }
        let (start, year) = year_before(c, ms);
        let mut j = i + 1;
        if c.get(j) == Some(&'份') {
            j += 1;
        }
        let mut day = None;
        if is_digit_at(c, j) {
            let de = digit_run_end(c, j);
            let d = uint(c, j, de).filter(|d| de - j <= 2 && (1..=31).contains(d));
            if let (Some(d), Some('日' | '号')) = (d, c.get(de)) {
                day = Some(d);
                j = de + 1;
            }
        } else if matches!(c.get(j), Some('底' | '末')) {
            j += 1;
        } else if at(c, j, "上旬") {
            day = Some(10);
            j += 2;
        } else if at(c, j, "中旬") {
            day = Some(20);
            j += 2;
        } else if at(c, j, "下旬") {
            j += 2;
        }
        return Some(found(year, month, day, start, j));
    }
    None
}

fn quarter(c: &[char]) -> Option<Found> {
    for i in 0..c.len() {
        // Q1 … Q4
        let latin = |k: usize| c.get(k).is_some_and(char::is_ascii_alphabetic);
        let glued = (i > 0 && latin(i - 1)) || latin(i + 2) || is_digit_at(c, i + 2);
        if matches!(c[i], 'Q' | 'q')
            && !glued
            && let Some(q) = c
                .get(i + 1)
                .and_then(|d| d.to_digit(10))
                .filter(|q| (1..=4).contains(q))
        {
            let (start, year) = year_before(c, i);
            return Some(found(year, q * 3, None, start, i + 2));
        }
        let len = if at(c, i, "季度") {
            2
        } else if at(c, i, "季末") || at(c, i, "季底") {
            1
        } else {
            continue;
        };
        if i == 0 {
            continue;
        }
        let ns = i - 1;
        let q = match c[ns] {
            d @ '1'..='4' if !(ns > 0 && is_digit_at(c, ns - 1)) => d.to_digit(10),
            '一' => Some(1),
            '二' => Some(2),
            '三' => Some(3),
            '四' => Some(4),
            _ => None,
        };
        let Some(q) = q else { continue };
        if ns > 0 && (cn_digit(c[ns - 1]).is_some() || c[ns - 1] == '每') {
            continue;
        }
        let ps = if ns > 0 && matches!(c[ns - 1], '第' | '前') {
            ns - 1
        } else {
            ns
        };
        let mut end = i + len;
        if matches!(c.get(end), Some('末' | '底')) {
            end += 1;
        } else if at(c, end, "结束") {
            end += 2;
        }
        let (start, year) = year_before(c, ps);
        return Some(found(year, q * 3, None, start, end));
    }
    None
}

fn half_year(c: &[char]) -> Option<Found> {
    for i in 0..c.len() {
        let month = if at(c, i, "上半年") {
            6
        } else if at(c, i, "下半年") {
            12
        } else {
            continue;
        };
        let (start, year) = year_before(c, i);
        let mut end = i + 3;
        if matches!(c.get(end), Some('末' | '底')) {
            end += 1;
        }
        return Some(found(year, month, None, start, end));
    }
    None
}

fn year_end(c: &[char]) -> Option<Found> {
    for i in 0..c.len() {
        if c[i] != '年' {
            continue;
        }
        let k = if c.get(i + 1) == Some(&'度') {
            i + 2
        } else {
            i + 1
        };
        let Some(&mark @ ('底' | '末' | '终' | '内')) = c.get(k) else {
            continue;
        };
        let (start, year) = if i == 0 {
            (i, None)
        } else {
            let p = c[i - 1];
            if p.is_ascii_digit() {
                // `2024年底` is a year end; `3年内` is a duration.
                match year_before(c, i + 1) {
                    (s, Some(y)) => (s, Some(y)),
                    _ => continue,
                }
            } else if matches!(p, '半' | '每' | '几' | '多' | '个') || cn_digit(p).is_some() {
                continue;
            } else {
                (i, None)
            }
        };
        let mut f = found(year, 12, None, start, k + 1);
        f.before = mark == '内';
        return Some(f);
    }
    None
}

/// A lone `2024年` (or `2024年度`) with no other number in the text: that year's end.
fn lone_year(c: &[char]) -> Option<Found> {
    let i = c.iter().position(char::is_ascii_digit)?;
    let year = year_at(c, i)?;
    let e = i + 4;
    if c.get(e) != Some(&'年') {
        return None;
    }
    let end = if c.get(e + 1) == Some(&'度') {
        e + 2
    } else {
        e + 1
    };
    if c[end..].iter().any(char::is_ascii_digit) {
        return None;
    }
    Some(found(Some(year), 12, None, i, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Want = Option<(Option<i32>, u32, Option<u32>, bool)>;

    fn f(s: &str) -> Want {
        let c: Vec<char> = s.chars().collect();
        find(&c).map(|f| (f.deadline.year, f.deadline.month, f.deadline.day, f.before))
    }

    #[test]
    fn forms_are_found() {
        let cases: &[(&str, Want)] = &[
            ("2024年12月31日前", Some((Some(2024), 12, Some(31), true))),
            ("12月底前", Some((None, 12, None, true))),
            ("年底前完成", Some((None, 12, None, true))),
            ("年内", Some((None, 12, None, true))),
            ("第三季度", Some((None, 9, None, false))),
            ("2024年第4季度末", Some((Some(2024), 12, None, false))),
            ("Q2", Some((None, 6, None, false))),
            ("2024年上半年", Some((Some(2024), 6, None, false))),
            ("2024-11-30", Some((Some(2024), 11, Some(30), false))),
            ("2024-11", Some((Some(2024), 11, None, false))),
            ("2024.11", None),
            ("十二月底", Some((None, 12, None, false))),
            ("元月15日前", Some((None, 1, Some(15), true))),
            ("6月上旬", Some((None, 6, Some(10), false))),
            ("12个月", None),
            ("3年内", None),
            ("半年内", None),
            ("1-6月", None),
            ("每月", None),
            ("每季度", None),
            ("2024年度", Some((Some(2024), 12, None, false))),
            ("2024年完成500万元", None),
            ("1.5月", None),
            ("2023.07-2024.01", Some((Some(2024), 1, None, true))),
            ("2023年7月-2024年1月", Some((Some(2024), 1, None, true))),
            ("2023年7月至12月底", Some((Some(2023), 12, None, true))),
            (
                "2024-01-01~2024-12-31",
                Some((Some(2024), 12, Some(31), true)),
            ),
            ("2024.01-2023.07", None),
            ("2024年1-6月", None),
        ];
        for (s, want) in cases {
            assert_eq!(f(s), *want, "deadline in {s:?}");
        }
    }
}
