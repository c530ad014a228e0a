//! Whole-unit targets (部门/单位整体绩效目标) and which units are townships (乡镇).

use super::grid::Grid;
use crate::parse::text::header_key;

/// True when a title line in rows `from..to` speaks of whole-unit performance
/// (`部门整体绩效目标表`, `单位整体支出绩效目标申报表`).
pub fn says_whole_unit(grid: &Grid, from: u32, to: u32) -> bool {
    grid.sheet
        .rows
        .iter()
        .filter(|r| r.index >= from && r.index < to)
        .flat_map(|r| r.cells.iter())
        .filter_map(|(_, c)| c.as_text())
        .map(header_key)
        .any(|k| k.chars().count() <= 60 && (k.contains("整体绩效") || k.contains("整体支出绩效")))
}

/// Whether a unit is a township (乡镇, 街道) rather than a county department:
/// by its 单位类型 when given, else by its name (`青石镇人民政府`, `白云乡`, `城关街道办事处`).
pub fn is_township(name: &str, stated_type: Option<&str>) -> bool {
    if let Some(t) = stated_type {
        let t = header_key(t);
        if t.contains('乡') || t.contains('镇') || t.contains("街道") {
            return true;
        }
        if t.contains("部门") || t.contains("县级") || t.contains("单位") {
            return false;
        }
    }
    let n = header_key(name);
    let n = n
        .trim_end_matches("人民政府")
        .trim_end_matches("办事处")
        .trim_end_matches("党委");
    n.ends_with('乡') || n.ends_with('镇') || n.ends_with("街道")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn townships_by_name_or_type() {
        assert!(is_township("青石镇人民政府", None));
        assert!(is_township("白云乡", None));
        assert!(is_township("城关街道办事处", None));
        assert!(!is_township("青山县教育局", None));
        assert!(!is_township("县乡村振兴局", None));
        assert!(is_township("县第一中学", Some("乡镇")));
        assert!(!is_township("青石镇卫生院", Some("县级部门")));
    }
}
