//! The command line in Chinese: clap's help headings and its argument
//! errors, rendered from the error's kind and context rather than clap's
//! English text (English stays under `--lang en` or `PERF_LANG=en`).

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::Lang;

/// The language asked for before the arguments are parsed: `--lang en`
/// (or `--lang=en`) anywhere, else `PERF_LANG`, else Chinese.
pub fn early_lang(args: &[std::ffi::OsString]) -> Lang {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let given = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .map(str::to_string)
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned().unwrap_or_default()))
    });
    let word = given.or_else(|| std::env::var("PERF_LANG").ok());
    match word.as_deref().map(str::trim) {
        Some(w) if w.eq_ignore_ascii_case("en") => Lang::En,
        _ => Lang::Zh,
    }
}

/// clap's help text with its English headings and stock phrases in Chinese.
pub fn help(text: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("Usage: ", "用法："),
        ("Usage:", "用法："),
        ("Commands:", "命令："),
        ("Arguments:", "参数："),
        ("Options:", "选项："),
        ("Possible values:", "可选值："),
        ("[possible values: ", "[可选值："),
        ("[default: ", "[默认："),
        ("[env: ", "[环境变量："),
        (
            "Print this message or the help of the given subcommand(s)",
            "显示帮助（或某个命令的帮助）",
        ),
        (
            "Print help (see a summary with '-h')",
            "显示帮助（-h 显示简要帮助）",
        ),
        (
            "Print help (see more with '--help')",
            "显示帮助（--help 显示详细帮助）",
        ),
        ("Print help", "显示帮助"),
        ("Print version", "显示版本"),
        ("<COMMAND>", "<命令>"),
        ("[OPTIONS]", "[选项]"),
        ("<FILE>", "<文件>"),
    ];
    let mut out = text.to_string();
    for (en, zh) in WORDS {
        out = out.replace(en, zh);
    }
    out
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join("、"),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An argument error in Chinese: what is wrong, a suggestion when clap has
/// one, and where to read more. None for what is not an error (help, version).
pub fn error(e: &clap::Error) -> Option<String> {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut lines = vec![match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::InvalidSubcommand => {
            let name = context(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("「{name}」既不是 perf 的命令，也不是存在的文件")
        }
        ErrorKind::UnknownArgument => format!("不认识的选项「{arg}」"),
        ErrorKind::InvalidValue if value.is_empty() => format!("选项「{arg}」后面缺少取值"),
        ErrorKind::InvalidValue => format!("选项「{arg}」的取值「{value}」不对"),
        ErrorKind::ValueValidation => format!("选项「{arg}」的取值「{value}」不对"),
        ErrorKind::MissingRequiredArgument => format!(
            "缺少必须给出的参数：{}",
            context(e, ContextKind::InvalidArg).unwrap_or_default()
        ),
        ErrorKind::MissingSubcommand => "缺少命令（如 check、monitor、evaluate）".to_string(),
        ErrorKind::ArgumentConflict => format!(
            "选项「{arg}」不能与「{}」同时使用",
            context(e, ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("选项「{arg}」的取值个数不对")
        }
        ErrorKind::NoEquals => format!("选项「{arg}」须写成「{arg}=取值」"),
        _ => format!("参数有误（{}）", e.kind()),
    }];
    if let Some(valid) = context(e, ContextKind::ValidValue) {
        lines.push(format!("  可选的取值：{valid}"));
    }
    if let Some(s) = context(e, ContextKind::SuggestedSubcommand) {
        lines.push(format!("  是不是要用命令：{s}"));
    }
    if let Some(s) = context(e, ContextKind::SuggestedArg) {
        lines.push(format!("  是不是要用选项：{s}"));
    }
    if let Some(usage) = context(e, ContextKind::Usage) {
        lines.push(String::new());
        lines.push(help(usage.trim()));
    }
    lines.push(String::new());
    lines.push("查看用法：perf --help，或 perf 命令 --help（如 perf check --help）".to_string());
    Some(help(&format!("perf: 错误: {}\n", lines.join("\n"))))
}
