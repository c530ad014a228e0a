//! perf.exe on an officer's desktop: files dropped on it arrive as
//! `perf FILE...` with no command, and are reviewed as `perf check` would,
//! the review workbook written beside the first file; started with nothing,
//! perf says in plain words how to use it.

use crate::say;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::i18n::Lang;

/// The arguments as clap is to read them, and whether they were files given
/// without a command (then `check FILE... -o 审核结果_<first>.xlsx`).
pub fn rewrite(args: Vec<OsString>, commands: &[String]) -> (Vec<OsString>, bool) {
    let Some(first) = args.get(1) else {
        return (args, false);
    };
    let word = first.to_string_lossy();
    let is_command = commands.iter().any(|c| *c == word);
    if is_command || word.starts_with('-') || !Path::new(first).exists() {
        return (args, false);
    }
    let files: Vec<PathBuf> = args[1..]
        .iter()
        .filter(|a| !a.to_string_lossy().starts_with('-'))
        .map(PathBuf::from)
        .collect();
    let has_output = args[1..].iter().any(|a| {
        matches!(a.to_str(), Some("-o" | "--output"))
            || a.to_string_lossy().starts_with("--output=")
    });
    let mut out = vec![args[0].clone(), OsString::from("check")];
    out.extend(args[1..].iter().cloned());
    if !has_output {
        out.push(OsString::from("-o"));
        out.push(output_for(&files).into_os_string());
    }
    (out, true)
}

/// `审核结果_<first file's stem>.xlsx` beside the first file; never the
/// name of an input (`审核结果_x_2.xlsx` … then).
pub fn output_for(files: &[PathBuf]) -> PathBuf {
    let Some(first) = files.first() else {
        return PathBuf::from("审核结果.xlsx");
    };
    let dir = first.parent().unwrap_or(Path::new(""));
    let stem = first
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let same = |a: &Path, b: &Path| {
        a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
    };
    (1..)
        .map(|n| {
            let name = if n == 1 {
                format!("审核结果_{stem}.xlsx")
            } else {
                format!("审核结果_{stem}_{n}.xlsx")
            };
            dir.join(name)
        })
        .find(|candidate| !files.iter().any(|f| same(f, candidate)))
        .unwrap_or_else(|| dir.join("审核结果.xlsx"))
}

/// What perf started with nothing says: how an officer uses it.
pub fn usage(lang: Lang) -> String {
    say!(
        lang,
        (
            "perf {} — 预算绩效管理工具\n\n\
             怎样使用：\n\
             \x20 把一个或几个绩效目标表（.xlsx、.xls、.csv，可连同预算表）拖到 perf.exe 的图标上，\n\
             \x20 perf 即审核这些表，在第一个文件旁写出「审核结果_文件名.xlsx」，窗口中显示审核结论。\n\n\
             在命令提示符或 PowerShell 中：\n\
             \x20 perf 文件…                      同上：审核并写出审核结果\n\
             \x20 perf check 文件… -o 审核.xlsx    绩效目标审核\n\
             \x20 perf monitor 执行表 监控表        双监控\n\
             \x20 perf evaluate 自评表             绩效自评复算\n\
             \x20 perf report 文件…               全县汇总报告\n\
             \x20 perf template targets           生成空白绩效目标表\n\
             \x20 perf --help                     全部命令；perf 命令 --help 看某个命令\n\n\
             加 --lang en（或设环境变量 PERF_LANG=en）改用英文。\n",
            crate::VERSION
        ),
        (
            "perf {} — budget performance management\n\n\
             How to use it:\n\
             \x20 drop one or more target workbooks (.xlsx, .xls, .csv, with the budget lines if you\n\
             \x20 have them) onto perf.exe: perf reviews them, writes 审核结果_<name>.xlsx beside the\n\
             \x20 first file and shows the verdicts in the window.\n\n\
             In a command prompt or PowerShell:\n\
             \x20 perf FILE...                     the same: review and write the result\n\
             \x20 perf check FILE... -o review.xlsx  target review\n\
             \x20 perf monitor EXECUTION MONITORING  in-year monitoring\n\
             \x20 perf evaluate SELFEVAL           year-end self-evaluation\n\
             \x20 perf report FILE...              the county report\n\
             \x20 perf template targets            a blank targets form\n\
             \x20 perf --help                      every command; perf COMMAND --help for one\n",
            crate::VERSION
        )
    )
}
