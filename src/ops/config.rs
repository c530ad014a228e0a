//! `perf config`: the effective configuration with its defaults, commented, ready to save as perf.toml.

use std::fmt::Write as _;

use anyhow::Result;

use crate::config::Config;
use crate::render;

/// What `perf config` is asked to do: the command line's arguments as plain data
/// (the command line makes it; a caller may too).
#[derive(Debug, Clone)]
pub struct Options {
    /// 配置文件（默认为当前目录下的 perf.toml）/ config file
    pub config: Option<std::path::PathBuf>,
    /// The language of errors.
    pub lang: crate::i18n::Lang,
}

pub fn run(args: Options) -> Result<u8> {
    let (config, path) = Config::discover(args.config.as_deref(), args.lang)?;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# perf 配置文件（perf.toml）。{}",
        match &path {
            Some(p) => format!("当前生效：{}", p.display()),
            None => "当前使用默认值；另存为 perf.toml 后修改即可生效。".into(),
        }
    );
    s.push_str(&config.to_commented_toml());
    render::print(&s)?;
    Ok(0)
}
