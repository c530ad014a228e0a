//! Calendar dates as sheets hold them: Excel date cells, serial numbers, and text such as `2024-05-10` or `2024年5月10日`.

use chrono::{Duration, NaiveDate};

use crate::read::Cell;

/// What a date cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateCell {
    Date(NaiveDate),
    /// Written as "not (yet)": 未公开, 否, 无, 尚未, `-`.
    No,
    /// Something is written that is no date.
    Unreadable,
}

/// Reads a cell as a date.
pub fn date_of_cell(cell: &Cell) -> DateCell {
    match cell {
        Cell::Date(d) => DateCell::Date(d.date()),
        Cell::Number(n) => number_date(*n).map_or(DateCell::Unreadable, DateCell::Date),
        Cell::Text(t) => date_of_text(t),
        _ => DateCell::Unreadable,
    }
}

/// An Excel serial day number (1900 system, as Excel counts it past 1900-02-28)
/// or a number written as `20240510`.
fn number_date(n: f64) -> Option<NaiveDate> {
    if n.fract() != 0.0 {
        // A date-time serial: the day is the whole part.
        return number_date(n.trunc());
    }
    if (19_000_101.0..=21_001_231.0).contains(&n) {
        let v = n as u32;
        return NaiveDate::from_ymd_opt((v / 10_000) as i32, v / 100 % 100, v % 100);
    }
    if (1.0..=80_000.0).contains(&n) {
        let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
        return epoch.checked_add_signed(Duration::days(n as i64));
    }
    None
}

/// Text dates: `2024-05-10`, `2024/5/10`, `2024.5.10`, `2024年5月10日`, `20240510`,
/// full-width digits included; a time after the date is ignored.
pub fn date_of_text(text: &str) -> DateCell {
    let t = crate::parse::text::to_half_width(text.trim());
    if t.is_empty() {
        return DateCell::No;
    }
    let bare: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    if matches!(
        bare.as_str(),
        "-" | "—" | "/" | "无" | "否" | "未" | "未公开" | "尚未公开" | "暂未公开" | "未发布"
    ) || bare.starts_with("未公开")
        || bare.starts_with("尚未")
    {
        return DateCell::No;
    }
    // Split the text itself (white space separates too): `2024-05-10 09:30`.
    let nums: Vec<u32> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(3)
        .filter_map(|s| s.parse().ok())
        .collect();
    let date = match nums.as_slice() {
        [ymd] if bare.len() >= 8 && *ymd >= 19_000_101 => {
            NaiveDate::from_ymd_opt((ymd / 10_000) as i32, ymd / 100 % 100, ymd % 100)
        }
        [y, m, d] if (1900..=2100).contains(y) => NaiveDate::from_ymd_opt(*y as i32, *m, *d),
        _ => None,
    };
    date.map_or(DateCell::Unreadable, DateCell::Date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> DateCell {
        DateCell::Date(NaiveDate::from_ymd_opt(y, m, day).unwrap())
    }

    #[test]
    fn text_dates_in_their_usual_forms() {
        assert_eq!(date_of_text("2024-05-10"), d(2024, 5, 10));
        assert_eq!(date_of_text("2024/5/1"), d(2024, 5, 1));
        assert_eq!(date_of_text("2024.05.10"), d(2024, 5, 10));
        assert_eq!(date_of_text("2024年5月10日"), d(2024, 5, 10));
        assert_eq!(date_of_text("２０２４年５月１０日"), d(2024, 5, 10));
        assert_eq!(date_of_text("20240510"), d(2024, 5, 10));
        assert_eq!(date_of_text("2024-05-10 09:30"), d(2024, 5, 10));
        assert_eq!(date_of_text("未公开"), DateCell::No);
        assert_eq!(date_of_text("2024-02-30"), DateCell::Unreadable);
        assert_eq!(date_of_text("五月"), DateCell::Unreadable);
    }

    #[test]
    fn excel_serials_and_date_cells() {
        // 45422 is 2024-05-10 in Excel's 1900 date system.
        assert_eq!(date_of_cell(&Cell::Number(45422.0)), d(2024, 5, 10));
        assert_eq!(date_of_cell(&Cell::Number(45422.75)), d(2024, 5, 10));
        assert_eq!(date_of_cell(&Cell::Number(20240510.0)), d(2024, 5, 10));
        let dt = NaiveDate::from_ymd_opt(2024, 5, 10)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        assert_eq!(date_of_cell(&Cell::Date(dt)), d(2024, 5, 10));
    }
}
