//! The two languages perf speaks: Chinese by default, English with `--lang en`.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Picks the text for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A message formatted in the language the run speaks, the other left
/// unformatted: `say!(lang, "中文{x}", "English {x}")`, or with arguments,
/// `say!(lang, ("第{}行", row), ("row {}", row))`. With [`Lang::pick`] for
/// fixed texts, this is how perf words every bilingual text: both languages
/// side by side, Chinese first, where the text is said.
#[macro_export]
macro_rules! say {
    ($lang:expr, $zh:tt, $en:tt $(,)?) => {
        match $lang {
            $crate::i18n::Lang::Zh => $crate::__say_format!($zh),
            $crate::i18n::Lang::En => $crate::__say_format!($en),
        }
    };
}

/// One side of [`say!`]: a bare format string, or one with its arguments.
#[doc(hidden)]
#[macro_export]
macro_rules! __say_format {
    (($($args:tt)+)) => {
        format!($($args)+)
    };
    ($text:literal) => {
        format!($text)
    };
}

/// A text in both languages, said in the one the run speaks: what layout
/// notes while reading (a row it skipped and why) before any language is chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub zh: String,
    pub en: String,
}

impl Said {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Said {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`.
    pub fn pick(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// Said as an error, by a layer that does not know the run's language (the
/// output writer, the folder walk): Chinese by default, and the command line
/// picks the run's language when it prints the error ([`error_text`]).
impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.zh)
    }
}

impl std::error::Error for Said {}

/// An error and its causes on one line, as `{:#}` shows them, each part that
/// was said in both languages ([`Said`]) given in `lang`.
pub fn error_text(e: &anyhow::Error, lang: Lang) -> String {
    e.chain()
        .map(|part| match part.downcast_ref::<Said>() {
            Some(said) => said.pick(lang).to_string(),
            None => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_said_in_both_languages_prints_in_the_runs() {
        let e = anyhow::Error::new(Said::new("无法写入 a.xlsx", "cannot write a.xlsx"));
        assert_eq!(error_text(&e, Lang::En), "cannot write a.xlsx");
        assert_eq!(error_text(&e, Lang::Zh), "无法写入 a.xlsx");
        // A cause said in one language only is shown as it is.
        let e = anyhow::Error::new(std::io::Error::other("disk full")).context("outer");
        assert_eq!(error_text(&e, Lang::En), "outer: disk full");
        assert_eq!(format!("{e:#}"), error_text(&e, Lang::Zh));
    }
}
