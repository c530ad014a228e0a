//! The example rows `perf template` writes into its blank forms, known
//! wherever a form is read back so that an example left in is never judged.

/// The mark before an example row's project (or unit) name.
pub const EXAMPLE_MARK: &str = "（示例）";

/// The unit the templates' examples belong to. A county's own bureau is
/// named with its county (青山县交通运输局), so this bare name is the form's.
pub const EXAMPLE_UNIT: &str = "县交通运输局";

/// The projects of the templates' examples, without the mark.
pub const EXAMPLE_PROJECTS: &[&str] = &[
    "村级道路日常养护",
    "农村公路安全生命防护工程",
    "农村公路危桥改造",
];

/// Whether a row named `name` of `unit` is a template's example: marked
/// （示例）, or one of the example projects under the example unit with
/// the mark taken off.
pub fn is_example(name: &str, unit: Option<&str>) -> bool {
    if name.contains(EXAMPLE_MARK) || unit.is_some_and(|u| u.contains(EXAMPLE_MARK)) {
        return true;
    }
    unit.is_some_and(|u| u.trim() == EXAMPLE_UNIT) && EXAMPLE_PROJECTS.contains(&name.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_or_identical_rows_are_examples() {
        assert!(is_example("（示例）村级道路日常养护", Some("县交通运输局")));
        assert!(is_example("村级道路日常养护", Some("县交通运输局")));
        assert!(is_example("县教育局", Some("（示例）县交通运输局")));
        assert!(!is_example("村级道路日常养护", Some("青山县交通运输局")));
        assert!(!is_example("村级道路日常养护", None));
    }
}
