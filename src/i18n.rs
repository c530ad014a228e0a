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
