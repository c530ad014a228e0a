//! Vague wording in targets (`有所提高`, `进一步改善`, `力争`, `基本完成` …): a finding, not a value.
//!
//! The list is configurable by the caller ([`find_vague`] takes any list);
//! [`default_vague_words`] is what [`parse_value`](super::value::parse_value) uses.

/// Word stems that make a target vague. The first one found (by position) is reported.
const DEFAULT_VAGUE_WORDS: &[&str] = &[
    "有所",
    "进一步",
    "明显",
    "逐步",
    "较好",
    "较高",
    "较大",
    "显著",
    "力争",
    "基本",
    "大幅",
    "稳步",
    "不断",
    "尽量",
    "尽可能",
    "努力",
    "适当",
    "逐年",
];

/// Fixed terms that contain a vague stem but are not vague (`基本医疗保险`,
/// `基本公共服务`, `基本农田` …): an occurrence that starts one of these is skipped.
const NOT_VAGUE: &[&str] = &[
    "基本医疗",
    "基本公共",
    "基本养老",
    "基本农田",
    "基本建设",
    "基本药物",
    "基本生活",
    "基本支出",
    "基本工资",
    "基本情况",
    "基本信息",
    "基本民生",
    "基本单元",
    "基本原则",
    "基本条件",
    "基本需求",
    "基本住房",
    "基本殡葬",
    "基本口粮",
    "基本国策",
    "显著性",
];

/// The default vague words (stems such as `有所`, `进一步`, `力争`).
pub fn default_vague_words() -> &'static [&'static str] {
    DEFAULT_VAGUE_WORDS
}

/// The vague word of `words` that occurs first in `text` (the longest one when
/// two start at the same place), or `None`. Occurrences that begin a known
/// fixed term (`基本医疗保险`, `基本公共卫生服务`, `基本农田` …) do not count.
/// `text` should already be normalised (half-width); matching is exact.
pub fn find_vague(text: &str, words: &[impl AsRef<str>]) -> Option<String> {
    // Fast reject: most values share no character with the start of any word.
    let starts_one = |c: char| words.iter().any(|w| w.as_ref().starts_with(c));
    if !text.chars().any(starts_one) {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for w in words {
        let w = w.as_ref();
        if w.is_empty() {
            continue;
        }
        if let Some(pos) = first_real_occurrence(text, w) {
            let better = match best {
                None => true,
                Some((bp, bw)) => pos < bp || (pos == bp && w.len() > bw.len()),
            };
            if better {
                best = Some((pos, w));
            }
        }
    }
    best.map(|(_, w)| w.to_string())
}

/// Byte position of the first occurrence of `w` in `text` that does not start a [`NOT_VAGUE`] term.
fn first_real_occurrence(text: &str, w: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(rel) = text.get(from..)?.find(w) {
        let pos = from + rel;
        let rest = &text[pos..];
        if !NOT_VAGUE
            .iter()
            .any(|t| t.starts_with(w) && rest.starts_with(t))
        {
            return Some(pos);
        }
        from = pos + w.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_words_are_found() {
        let cases: &[(&str, Option<&str>)] = &[
            ("有所提高", Some("有所")),
            ("进一步改善", Some("进一步")),
            ("明显提升", Some("明显")),
            ("逐步完善", Some("逐步")),
            ("较好", Some("较好")),
            ("效果显著", Some("显著")),
            ("力争≥95%", Some("力争")),
            ("基本完成", Some("基本")),
            ("基本医疗保险参保率≥95%", None),
            ("基本公共卫生服务基本完成", Some("基本")),
            ("≥95%", None),
            ("全覆盖", None),
            ("稳步提高，进一步完善", Some("稳步")),
        ];
        for (text, want) in cases {
            assert_eq!(
                find_vague(text, default_vague_words()).as_deref(),
                *want,
                "vague word in {text:?}"
            );
        }
    }

    #[test]
    fn custom_lists_work_with_owned_strings() {
        let words = vec!["左右".to_string(), "约".to_string()];
        assert_eq!(find_vague("95%左右", &words).as_deref(), Some("左右"));
        assert_eq!(find_vague("约95%", &words).as_deref(), Some("约"));
        let empty: Vec<String> = Vec::new();
        assert_eq!(find_vague("有所提高", &empty), None);
        assert_eq!(find_vague("abc", &[""]), None);
    }

    #[test]
    fn earliest_then_longest_wins() {
        assert_eq!(
            find_vague("尽可能提高", &["尽量", "尽可能", "尽"]).as_deref(),
            Some("尽可能")
        );
    }
}
