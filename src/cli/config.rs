//! `perf config` arguments.

use std::path::PathBuf;

use clap::Args;

/// 打印当前生效的配置（含默认值与注释），可另存为 perf.toml 后修改。
#[derive(Debug, Clone, Args)]
pub struct ConfigArgs {
    /// 配置文件（默认为当前目录下的 perf.toml）/ config file
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// 语言：zh 中文（默认）或 en / language of the comments and errors
    #[arg(long, value_enum, default_value = "zh", env = "PERF_LANG")]
    pub lang: crate::i18n::Lang,
}

impl From<ConfigArgs> for crate::ops::config::Options {
    fn from(a: ConfigArgs) -> Self {
        crate::ops::config::Options {
            config: a.config,
            lang: a.lang,
        }
    }
}
