//! `perf explain [CODE]`: what a rule checks, the policy behind it, how to fix it.

use std::fmt::Write as _;

use anyhow::{Result, bail};

use crate::i18n::Lang;
use crate::render;
use crate::rules::catalog::{RULES, RuleDoc, find};

/// What `perf explain` is asked to do: the command line's arguments as plain data
/// (the command line makes it; a caller may too).
#[derive(Debug, Clone)]
pub struct Options {
    /// 问题代码，如 V004 / a finding code such as V004
    pub code: Option<String>,
    /// 语言 / language
    pub lang: crate::i18n::Lang,
}

pub fn run(args: Options) -> Result<u8> {
    let lang = args.lang;
    let text = match &args.code {
        Some(code) => match find(code) {
            Some(rule) => explain(rule, lang),
            None => bail!(
                "{}「{code}」{}",
                lang.pick("没有问题代码", "no finding code "),
                lang.pick(
                    "；perf explain 列出全部代码",
                    "; perf explain lists them all"
                )
            ),
        },
        None => list(lang),
    };
    render::print(&text)?;
    Ok(0)
}

fn explain(r: &RuleDoc, lang: Lang) -> String {
    let mut s = String::new();
    let sev = match lang {
        Lang::Zh => r.code.severity().zh(),
        Lang::En => r.code.severity().key(),
    };
    let _ = writeln!(s, "{} [{sev}] {}", r.code, r.title(lang));
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{}{}",
        lang.pick("依据：", "Why: "),
        lang.pick(r.why_zh, r.why_en)
    );
    let _ = writeln!(
        s,
        "{}{}",
        lang.pick("改正：", "Fix: "),
        lang.pick(r.fix_zh, r.fix_en)
    );
    let _ = writeln!(
        s,
        "{}perf {}",
        lang.pick("报告命令：", "Reported by: "),
        r.command
    );
    let _ = writeln!(
        s,
        "{}",
        lang.pick(
            "可在 perf.toml 的 [rules] 中关闭或改变级别，如 V005 = \"off\"。",
            "Switch it off or change its severity under [rules] in perf.toml, e.g. V005 = \"off\"."
        )
    );
    s
}

fn list(lang: Lang) -> String {
    let head = match lang {
        Lang::Zh => ["代码", "级别", "命令", "检查内容"],
        Lang::En => ["code", "severity", "command", "what it checks"],
    };
    let mut t = render::new_table(&head);
    for r in RULES {
        t.add_row(vec![
            r.code.to_string(),
            lang.pick(r.code.severity().zh(), r.code.severity().key())
                .to_string(),
            r.command.to_string(),
            render::ascii_safe(r.title(lang)),
        ]);
    }
    format!("{t}\n")
}
