//! The four dimensions of a target (quantity, quality, timeliness, effect) plus cost, from 二级指标.

use serde::Serialize;

use crate::parse::text::header_key;

/// The dimension `perf` judges completeness by (rules T002, V002, V003).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    Quantity,
    Quality,
    Timeliness,
    Cost,
    Effect,
}

impl Dimension {
    pub const ALL: [Dimension; 5] = [
        Dimension::Quantity,
        Dimension::Quality,
        Dimension::Timeliness,
        Dimension::Cost,
        Dimension::Effect,
    ];

    /// The stable machine name (`quantity` …).
    pub fn key(self) -> &'static str {
        match self {
            Dimension::Quantity => "quantity",
            Dimension::Quality => "quality",
            Dimension::Timeliness => "timeliness",
            Dimension::Cost => "cost",
            Dimension::Effect => "effect",
        }
    }

    /// The Chinese name used on forms.
    pub fn zh(self) -> &'static str {
        match self {
            Dimension::Quantity => "数量",
            Dimension::Quality => "质量",
            Dimension::Timeliness => "时效",
            Dimension::Cost => "成本",
            Dimension::Effect => "效果",
        }
    }

    pub fn parse_key(s: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.key() == s)
    }
}

/// The 二级指标 class of an indicator, finer than its dimension: effect
/// indicators keep whether they are economic, social … or satisfaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Quantity,
    Quality,
    Timeliness,
    Cost,
    Economic,
    Social,
    Ecological,
    Sustainable,
    /// 效益指标 without a finer class.
    Benefit,
    Satisfaction,
}

impl Category {
    pub fn dimension(self) -> Dimension {
        match self {
            Category::Quantity => Dimension::Quantity,
            Category::Quality => Dimension::Quality,
            Category::Timeliness => Dimension::Timeliness,
            Category::Cost => Dimension::Cost,
            _ => Dimension::Effect,
        }
    }

    /// Classifies by 二级指标 (preferred) or, when that is empty, 一级指标.
    pub fn classify(level1: Option<&str>, level2: Option<&str>) -> Option<Category> {
        if let Some(l2) = level2.map(header_key).filter(|k| !k.is_empty()) {
            return from_level2(&l2);
        }
        let l1 = header_key(level1?);
        // A 一级 column that holds 二级 labels written short (数量, 社会效益,
        // 成本指标 as a 一级 of the new-style forms) says the dimension itself.
        if let Some(c) = from_level2(&l1).filter(|c| *c != Category::Benefit) {
            return Some(c);
        }
        if l1.contains("满意") {
            Some(Category::Satisfaction)
        } else if l1.contains("效益") || l1.contains("效果") {
            Some(Category::Benefit)
        } else {
            None
        }
    }

    pub fn is_satisfaction(self) -> bool {
        self == Category::Satisfaction
    }
}

fn from_level2(k: &str) -> Option<Category> {
    const TABLE: &[(&str, Category)] = &[
        ("数量", Category::Quantity),
        ("质量", Category::Quality),
        ("时效", Category::Timeliness),
        ("进度", Category::Timeliness),
        ("成本", Category::Cost),
        ("经济效益", Category::Economic),
        ("经济效果", Category::Economic),
        ("社会效益", Category::Social),
        ("社会效果", Category::Social),
        ("生态效益", Category::Ecological),
        ("环境效益", Category::Ecological),
        ("可持续", Category::Sustainable),
        ("满意度", Category::Satisfaction),
        ("满意", Category::Satisfaction),
        ("效益", Category::Benefit),
        ("效果", Category::Benefit),
    ];
    TABLE
        .iter()
        .find(|(word, _)| k.contains(word))
        .map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level2_names_map_to_dimensions() {
        let d = |l2: &str| Category::classify(None, Some(l2)).map(|c| c.dimension());
        assert_eq!(d("数量指标"), Some(Dimension::Quantity));
        assert_eq!(d("质 量 指 标"), Some(Dimension::Quality));
        assert_eq!(d("时效指标"), Some(Dimension::Timeliness));
        assert_eq!(d("成本指标"), Some(Dimension::Cost));
        assert_eq!(d("社会效益指标"), Some(Dimension::Effect));
        assert_eq!(d("服务对象满意度指标"), Some(Dimension::Effect));
        assert_eq!(d("其他指标"), None);
    }

    #[test]
    fn satisfaction_stays_distinguishable() {
        let c = Category::classify(Some("满意度指标"), Some("服务对象满意度指标"));
        assert_eq!(c, Some(Category::Satisfaction));
        assert_eq!(
            Category::classify(Some("满意度指标"), None),
            Some(Category::Satisfaction)
        );
        assert_eq!(Category::classify(Some("产出指标"), None), None);
    }

    #[test]
    fn short_labels_in_the_level1_column_say_the_dimension() {
        let d = |l1: &str| Category::classify(Some(l1), None);
        assert_eq!(d("数量"), Some(Category::Quantity));
        assert_eq!(d("质量"), Some(Category::Quality));
        assert_eq!(d("时效"), Some(Category::Timeliness));
        assert_eq!(d("成本"), Some(Category::Cost));
        assert_eq!(d("社会效益"), Some(Category::Social));
        assert_eq!(d("可持续影响"), Some(Category::Sustainable));
        assert_eq!(d("服务对象满意度"), Some(Category::Satisfaction));
        assert_eq!(d("成本指标"), Some(Category::Cost));
        // Near misses: a 一级 that names a family, not a dimension.
        assert_eq!(d("效益指标"), Some(Category::Benefit));
        assert_eq!(d("产出指标"), None);
    }
}
