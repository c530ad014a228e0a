//! What title lines above a table say: the budget year (`（2024年度）`), the money unit (`单位：万元`), the month.

use super::fields::leading_month;
use super::grid::Grid;
use crate::model::Loc;
use crate::parse::MoneyUnit;
use crate::parse::text::header_key;

/// Facts found in title lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TitleFacts {
    pub year: Option<(i32, Loc)>,
    pub money_unit: Option<MoneyUnit>,
    pub month: Option<u32>,
}

/// Scans the text cells of rows `from..to` (title rows above a header).
pub fn scan_titles(grid: &Grid, from: u32, to: u32) -> TitleFacts {
    let mut facts = TitleFacts::default();
    for row in grid
        .sheet
        .rows
        .iter()
        .filter(|r| r.index >= from && r.index < to)
    {
        for (col, cell) in &row.cells {
            let Some(text) = cell.as_text() else { continue };
            let key = header_key(text);
            if key.chars().count() > 80 {
                continue; // a paragraph (年度总体目标), not a title line
            }
            if facts.year.is_none() {
                facts.year = find_year(&key).map(|y| (y, Loc::new(row.index, *col)));
            }
            if facts.money_unit.is_none() && (key.contains("单位") || key.starts_with('(')) {
                facts.money_unit = MoneyUnit::find_in(&key);
            }
            if facts.month.is_none() {
                facts.month = find_month(&key);
            }
        }
    }
    facts
}

/// A budget year in a title: `2024年度`, `（2024年度）`, `XX县2024年项目支出…`.
pub fn find_year(key: &str) -> Option<i32> {
    let chars: Vec<char> = key.chars().collect();
    for i in 0..chars.len().saturating_sub(4) {
        let digits: String = chars[i..i + 4].iter().collect();
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        if before_ok
            && digits.chars().all(|c| c.is_ascii_digit())
            && chars.get(i + 4) == Some(&'年')
        {
            let year: i32 = digits.parse().ok()?;
            if (2000..=2100).contains(&year) {
                return Some(year);
            }
        }
    }
    None
}

/// A monitoring month in a title: `1-6月`, `（截至6月底）`, `2024年1-9月`.
pub fn find_month(key: &str) -> Option<u32> {
    for (i, _) in key.char_indices() {
        let tail = &key[i..];
        if (tail.starts_with("1-")
            || tail.starts_with("1—")
            || tail.starts_with("截至")
            || tail.starts_with("截止"))
            && let Some((m, _)) = leading_month(tail)
        {
            return Some(m);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_titles() {
        assert_eq!(find_year("(2024年度)"), Some(2024));
        assert_eq!(find_year("青山县2024年项目支出绩效目标表"), Some(2024));
        assert_eq!(find_year("编号12024年"), None);
        assert_eq!(find_year("项目支出绩效自评表"), None);
    }

    #[test]
    fn months_in_titles() {
        assert_eq!(find_month("2024年1-6月绩效监控表"), Some(6));
        assert_eq!(find_month("(截至9月底)"), Some(9));
        assert_eq!(find_month("绩效目标表"), None);
    }
}
