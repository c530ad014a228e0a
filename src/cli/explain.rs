//! `perf explain [CODE]` arguments.

use clap::Args;

use crate::i18n::Lang;

/// 说明某个问题代码：检查什么、依据哪条规定、如何改正；不带代码时列出全部代码。
#[derive(Debug, Clone, Args)]
pub struct ExplainArgs {
    /// 问题代码，如 V004 / a finding code such as V004
    pub code: Option<String>,
    /// 语言 / language
    #[arg(long, value_enum, default_value = "zh", env = "PERF_LANG")]
    pub lang: Lang,
}

impl From<ExplainArgs> for crate::ops::explain::Options {
    fn from(a: ExplainArgs) -> Self {
        crate::ops::explain::Options {
            code: a.code,
            lang: a.lang,
        }
    }
}
