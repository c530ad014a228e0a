//! The user guide's sample outputs are real: each `<!-- sample: ARGS -->` block in
//! `docs/guide/*/*.md` is what `perf ARGS` prints today, run from the project root
//! on the example county. `PERF_UPDATE_GUIDE=1` rewrites the blocks after a
//! deliberate change; review the diff like any snapshot.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const OPEN: &str = "<!-- sample: ";
const CLOSE: &str = "<!-- /sample -->";
/// Where a sample's output files go, as the guide shows it; a temporary folder in the test.
const SHOWN_TMP: &str = "/tmp/perf-guide";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn guide_pages() -> Vec<PathBuf> {
    let mut pages = Vec::new();
    for lang in ["zh", "en"] {
        let dir = root().join("docs/guide").join(lang);
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "md") {
                pages.push(path);
            }
        }
    }
    pages.sort();
    pages
}

/// The block the guide shows for `perf ARGS`: the command, what it printed, its exit code.
fn render_sample(args: &str, tmp: &Path) -> String {
    let real = tmp.to_string_lossy().into_owned();
    let argv: Vec<String> = args
        .split_whitespace()
        .map(|a| a.replace("{tmp}", &real))
        .collect();
    let out = Command::cargo_bin("perf")
        .expect("perf binary")
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("PERF_LANG")
        .args(&argv)
        .output()
        .expect("run perf");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
    .replace(&real, SHOWN_TMP);
    let code = out.status.code().unwrap_or(-1);
    let shown_args = args.replace("{tmp}", SHOWN_TMP);
    let mut block = format!("```console\n$ perf {shown_args}\n{printed}");
    if !block.ends_with('\n') {
        block.push('\n');
    }
    block.push_str(&format!("$ echo $?\n{code}\n```\n"));
    block
}

/// The page with every sample block regenerated.
fn regenerate(page: &str, tmp: &Path) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(start) = rest.find(OPEN) {
        let after_open = &rest[start..];
        let line_end = after_open.find("-->").expect("sample marker closed") + 3;
        let args = after_open[OPEN.len()..line_end - 3].trim();
        let close = after_open
            .find(CLOSE)
            .unwrap_or_else(|| panic!("sample {args:?} has no {CLOSE}"));
        out.push_str(&rest[..start]);
        out.push_str(&after_open[..line_end]);
        out.push('\n');
        out.push_str(&render_sample(args, tmp));
        out.push_str(CLOSE);
        rest = &after_open[close + CLOSE.len()..];
    }
    out.push_str(rest);
    out
}

#[test]
fn guide_samples_are_what_perf_prints() {
    let update = std::env::var_os("PERF_UPDATE_GUIDE").is_some();
    let mut stale = Vec::new();
    let mut samples = 0;
    for page in guide_pages() {
        let text = std::fs::read_to_string(&page).expect("read page");
        samples += text.matches(OPEN).count();
        let tmp = tempfile::tempdir().expect("temp dir");
        let fresh = regenerate(&text, tmp.path());
        if fresh != text {
            if update {
                std::fs::write(&page, &fresh).expect("update page");
            } else {
                stale.push(page.display().to_string());
            }
        }
    }
    assert!(
        samples >= 20,
        "the guide shows every command: {samples} samples"
    );
    assert!(
        stale.is_empty(),
        "guide samples out of date (PERF_UPDATE_GUIDE=1 cargo test --test cli guide, then review): {stale:?}"
    );
}

/// `examples/run_all.sh` runs every command on the example county and each
/// ends as the county's deliberate defects say it must.
#[test]
fn the_county_script_runs_every_command_as_expected() {
    let out_dir = tempfile::tempdir().expect("temp dir");
    let perf = assert_cmd::cargo::cargo_bin("perf");
    let out = std::process::Command::new("bash")
        .arg(root().join("examples/run_all.sh"))
        .env("PERF", &perf)
        .env("OUT", out_dir.path())
        .output()
        .expect("run bash");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{printed}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for command in [
        "inspect", "check", "monitor", "evaluate", "assess", "report", "batch", "template",
        "explain", "config",
    ] {
        assert!(
            printed.contains(&format!("perf {command} "))
                || printed.contains(&format!("perf {command}\n")),
            "run_all.sh runs {command}: {printed}"
        );
    }
    for file in [
        "review.xlsx",
        "monitoring.xlsx",
        "selfeval.xlsx",
        "summary.xlsx",
        "assess.xlsx",
        "summary-disclosure.xlsx",
        "batch-06/manifest.json",
    ] {
        assert!(out_dir.path().join(file).exists(), "{file} written");
    }
}

/// The guide tells officers to quote `perf --version`: it names the version and the build.
#[test]
fn version_names_the_version_and_the_build() {
    let out = Command::cargo_bin("perf")
        .expect("perf binary")
        .arg("--version")
        .output()
        .expect("run perf");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        text.starts_with(&format!("perf {} (", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    // The build: a commit (or "unknown" outside git) and the target triple.
    let build = text.trim().split_once('(').map(|(_, b)| b).unwrap_or("");
    assert!(
        build.ends_with(')') && build.split_whitespace().count() == 2,
        "{text}"
    );
}

/// The guide's cron script, as printed, run on the first scheduled month
/// (no previous folder, no output folder yet) and on the second, with
/// `date` and `mail` stood in for and `perf` the binary under test.
#[cfg(unix)]
#[test]
fn the_cron_script_of_the_guide_runs_on_the_first_and_the_second_month() {
    use std::os::unix::fs::PermissionsExt;
    for page in ["docs/guide/zh/schedule.md", "docs/guide/en/schedule.md"] {
        let text = std::fs::read_to_string(root().join(page)).expect("schedule page");
        let start = text.find("```sh\n#!/bin/sh").expect("the cron script") + "```sh\n".len();
        let script = &text[start..start + text[start..].find("```").expect("block end")];
        let tmp = tempfile::tempdir().expect("temp dir");
        let base = tmp.path().join("data");
        let bin = tmp.path().join("bin");
        std::fs::create_dir_all(&bin).expect("bin");
        // Each month's sheets name their own months (1-6月, then 1-7月), as
        // the units' workbooks do: perf refuses a --month they contradict.
        for (month, m) in [("2024-06", 6), ("2024-07", 7)] {
            let dir = base.join("in").join(month);
            std::fs::create_dir_all(&dir).expect("input folder");
            std::fs::write(
                dir.join("教育局.csv"),
                format!(
                    "2024年1-{m}月\n单位名称,项目编码,项目名称,调整预算数,1-{m}月执行数,偏差原因\n\
                     县教育局,P1,学生资助,100,{},\n县教育局,P2,校舍维修,100,20,工程招标推迟\n",
                    m * 8
                ),
            )
            .expect("execution sheet");
        }
        let exec = |name: &str, body: &str| {
            let p = bin.join(name);
            std::fs::write(&p, body).expect("stand-in");
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        };
        exec(
            "date",
            "#!/bin/sh\ncase \"$2 $3\" in\n  \"last month +%Y-%m\") echo \"$LAST\";;\n  \"2 months ago +%Y-%m\") echo \"$PREV\";;\n  \"last month +%-m\") echo \"$M\";;\nesac\n",
        );
        exec("mail", "#!/bin/sh\ncat >> \"$MAILBOX\"\n");
        std::os::unix::fs::symlink(assert_cmd::cargo::cargo_bin("perf"), bin.join("perf"))
            .expect("perf on the path");
        let script_path = tmp.path().join("perf-monthly.sh");
        std::fs::write(
            &script_path,
            script.replace("/data/perf", &base.display().to_string()),
        )
        .expect("script");
        let mailbox = tmp.path().join("mailbox");
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        for (last, prev, m) in [("2024-06", "2024-05", "6"), ("2024-07", "2024-06", "7")] {
            let out = std::process::Command::new("sh")
                .arg(&script_path)
                .env("PATH", &path)
                .env("LAST", last)
                .env("PREV", prev)
                .env("M", m)
                .env("MAILBOX", &mailbox)
                .env_remove("PERF_LANG")
                .output()
                .expect("run the script");
            let log = std::fs::read_to_string(base.join("out/batch.log")).unwrap_or_default();
            assert!(out.status.success(), "{page} {last}: {out:?}\n{log}");
            assert!(
                base.join("out").join(last).join("findings.csv").is_file(),
                "{page} {last}: nothing written\n{log}"
            );
            assert!(
                !mailbox.exists(),
                "{page} {last}: the administrator was told it failed\n{log}"
            );
        }
    }
}
