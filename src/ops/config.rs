//! `perf config`: the effective configuration with its defaults, commented, ready to save as perf.toml.

use std::fmt::Write as _;

use anyhow::Result;

use crate::cli::config::ConfigArgs;
use crate::config::Config;
use crate::render;

pub fn run(args: ConfigArgs) -> Result<u8> {
    let (config, path) = Config::discover(args.config.as_deref())?;
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
