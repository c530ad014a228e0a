//! A config error as an officer reads it: in the language of the run, naming
//! the line, the section and the key, never TOML's own English.

use crate::i18n::Lang;
use crate::say;

/// What is wrong in a config, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// `[rules] V005`, `[check] vague`, or the section alone.
    pub key: Option<String>,
    zh: String,
    en: String,
}

impl ConfigError {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        ConfigError {
            line: None,
            key: None,
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// Names the key (`section`, `key`) and finds its line in `text`.
    pub fn at_key(mut self, text: &str, section: &str, key: &str) -> Self {
        self.line = line_of_key(text, section, key);
        self.key = Some(format!("[{section}] {key}"));
        self
    }

    /// The message, with the place: `第 2 行 [rules] V005：…`.
    pub fn message(&self, lang: Lang) -> String {
        let mut place = Vec::new();
        if let Some(l) = self.line {
            place.push(say!(lang, "第 {l} 行", "line {l}"));
        }
        if let Some(k) = &self.key {
            place.push(k.clone());
        }
        let what = lang.pick(&self.zh, &self.en);
        if place.is_empty() {
            what.to_string()
        } else {
            format!("{}{}{what}", place.join(" "), lang.pick("：", ": "))
        }
    }

    /// A TOML error (syntax, a type, an unknown or repeated key) in words:
    /// its line from the span, the key and section from the text there.
    pub fn from_toml(e: &toml::de::Error, text: &str) -> Self {
        let raw = e.message().trim().to_string();
        let start = e.span().map(|s| s.start).unwrap_or(0).min(text.len());
        let line = text[..start].matches('\n').count() + 1;
        // On a section's own header line, the section named is the one in
        // question, not the one it stands in.
        let on_header = text
            .lines()
            .nth(line - 1)
            .is_some_and(|l| l.trim_start().starts_with('['));
        let section = section_at(text, if on_header { line - 1 } else { line });
        let token = text
            .get(e.span().unwrap_or(start..start))
            .unwrap_or("")
            .trim()
            .trim_matches(['[', ']', '"'])
            .to_string();
        let quoted = |s: &str| s.split('`').nth(1).unwrap_or("").to_string();
        let (zh, en, key) = if raw.starts_with("unknown field") {
            let name = quoted(&raw);
            let expected: Vec<String> = raw
                .split("expected one of ")
                .nth(1)
                .unwrap_or("")
                .split(", ")
                .map(|s| s.trim_matches('`').to_string())
                .filter(|s| !s.is_empty())
                .collect();
            let allowed = expected.join("、");
            let (zh, en) = match &section {
                Some(s) => (
                    format!("「{name}」不是 [{s}] 中的设置项（可用：{allowed}）"),
                    format!(
                        "{name} is no setting of [{s}] (known: {})",
                        expected.join(", ")
                    ),
                ),
                None => (
                    format!("「{name}」不是配置文件的节（可用：{allowed}）"),
                    format!(
                        "{name} is no section of the config (known: {})",
                        expected.join(", ")
                    ),
                ),
            };
            (zh, en, Some(name))
        } else if raw.starts_with("duplicate key") {
            (
                format!("设置项「{token}」重复出现，每个设置项只能写一次"),
                format!("{token} is set twice; set each key once"),
                Some(token.clone()),
            )
        } else if raw.starts_with("invalid type") || raw.starts_with("invalid value") {
            let expected = raw.split("expected ").nth(1).unwrap_or("").trim();
            let want = match expected {
                "a string" => "用引号括起的文字，如 \"off\"",
                "f64" | "a float" | "a number" => "数字，如 0.5",
                "a boolean" => "true 或 false",
                e if e.contains("sequence") || e.contains("array") => "方括号列表，如 [\"…\"]",
                _ => "另一种写法",
            };
            let key = key_on_line(text, line);
            (
                format!("值的写法不对，应为{want}"),
                format!("the value is of the wrong kind (expected {expected})"),
                key,
            )
        } else {
            (
                "TOML 写法有误：请检查这一行的方括号、引号和等号是否成对，对照 perf config 打印的写法修改"
                    .to_string(),
                format!("not valid TOML ({raw}); compare with what perf config prints"),
                None,
            )
        };
        ConfigError {
            line: Some(line),
            key: match (&section, key) {
                (Some(s), Some(k)) if k != *s => Some(format!("[{s}] {k}")),
                (None, Some(k)) => Some(format!("[{k}]")),
                (None, None) if on_header => key_on_line(text, line)
                    .or_else(|| text.lines().nth(line - 1).map(|l| l.trim().to_string())),
                (Some(s), _) => Some(format!("[{s}]")),
                (None, None) => None,
            },
            zh,
            en,
        }
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Zh))
    }
}

impl std::error::Error for ConfigError {}

/// The section (`rules`, `report.categories`) whose header stands above `line`.
fn section_at(text: &str, line: usize) -> Option<String> {
    text.lines()
        .take(line)
        .filter_map(|l| {
            let l = l.trim();
            l.starts_with('[')
                .then(|| l.trim_matches(['[', ']']).trim().to_string())
        })
        .last()
}

/// The key written at the start of `line` (`V005` of `V005 = "of"`).
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let (key, _) = l.split_once('=')?;
    Some(key.trim().trim_matches('"').to_string()).filter(|k| !k.is_empty())
}

/// The 1-based line where `key` is set in `[section]`.
fn line_of_key(text: &str, section: &str, key: &str) -> Option<usize> {
    let mut current = String::new();
    for (i, l) in text.lines().enumerate() {
        let t = l.trim();
        if t.starts_with('[') {
            current = t.trim_matches(['[', ']']).trim().to_string();
        } else if current == section
            && t.split_once('=')
                .is_some_and(|(k, _)| k.trim().trim_matches('"') == key)
        {
            return Some(i + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> ConfigError {
        let e = toml::from_str::<toml::Table>(text)
            .err()
            .map(|e| ConfigError::from_toml(&e, text));
        e.unwrap_or_else(|| ConfigError::new("", ""))
    }

    #[test]
    fn syntax_errors_name_their_line() {
        let e = err("[rules]\nV005 = \"off\"\nV005 = \"off\"\n");
        assert_eq!(e.line, Some(3));
        assert!(
            e.message(Lang::Zh).starts_with("第 3 行 [rules] V005："),
            "{}",
            e.message(Lang::Zh)
        );
    }

    #[test]
    fn keys_are_found_in_their_section() {
        let text = "[check]\nmoney_tolerance = 1\n[rules]\nV005 = \"x\"\n";
        assert_eq!(line_of_key(text, "rules", "V005"), Some(4));
        assert_eq!(line_of_key(text, "check", "V005"), None);
    }
}
