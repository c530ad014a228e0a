//! `perf config`: every commented example can be switched on as it stands,
//! and a wrong config is said in the officer's language, naming the file,
//! the line and the key.

use crate::support::{Work, fixture};

/// The printed config with every commented example (`# key = value`) switched on.
fn uncommented(printed: &str) -> (String, usize) {
    let mut n = 0;
    let text = printed
        .lines()
        .map(|l| {
            let rest = l.strip_prefix("# ").unwrap_or(l);
            let is_example = l.starts_with("# ")
                && rest
                    .split_once(" = ")
                    .is_some_and(|(k, _)| k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
            if is_example {
                n += 1;
                rest.to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    (text, n)
}

#[test]
fn every_example_of_the_printed_config_can_be_switched_on() {
    let w = Work::with(&[fixture("county/targets_qingshizhen.xlsx")]);
    let printed = w.perf(&["config"]);
    assert_eq!(printed.code, 0, "{}", printed.stderr);
    let (text, examples) = uncommented(&printed.stdout);
    assert!(examples >= 4, "examples expected:\n{}", printed.stdout);
    w.write("perf.toml", text.as_bytes());
    let again = w.perf(&["config"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains("V003 = \"off\""), "{}", again.stdout);
    // Printed again, the examples now set are not offered a second time.
    let (_, left) = uncommented(&again.stdout);
    assert_eq!(left, 0, "{}", again.stdout);
    let out = w.perf(&["check", "targets_qingshizhen.xlsx", "--format", "json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let json = out.json();
    assert_eq!(json["summary"]["infos"], 0, "V003 switched off");
    assert!(json["summary"]["errors"].as_u64().is_some_and(|n| n > 0));
}

#[test]
fn config_errors_name_the_file_the_line_and_the_key() {
    let w = Work::with(&[fixture("county/targets_qingshizhen.xlsx")]);
    w.write(
        "bad.toml",
        "[check]\nmoney_tolerance = 0.01\n\n[rules]\nV005 = \"of\"\n".as_bytes(),
    );
    let out = w.perf(&["check", "targets_qingshizhen.xlsx", "--config", "bad.toml"]);
    out.assert_refused("bad.toml", "第 5 行 [rules] V005：");
    assert!(out.stderr.contains("配置文件"), "{}", out.stderr);

    w.write("typo.toml", "[check]\nvague = [\"力争\"]\n".as_bytes());
    let out = w.perf(&["check", "targets_qingshizhen.xlsx", "--config", "typo.toml"]);
    out.assert_refused(
        "typo.toml",
        "第 2 行 [check] vague：「vague」不是 [check] 中的设置项",
    );
    assert!(
        out.stderr.contains("vague_words"),
        "the known keys: {}",
        out.stderr
    );

    w.write("type.toml", "[monitor]\nred_below = \"0.5\"\n".as_bytes());
    let out = w.perf(&["check", "targets_qingshizhen.xlsx", "--config", "type.toml"]);
    out.assert_refused(
        "type.toml",
        "第 2 行 [monitor] red_below：值的写法不对，应为数字",
    );

    // English when asked, by option or by PERF_LANG.
    let out = w.perf(&[
        "check",
        "targets_qingshizhen.xlsx",
        "--config",
        "typo.toml",
        "--lang",
        "en",
    ]);
    out.assert_refused(
        "typo.toml",
        "line 2 [check] vague: vague is no setting of [check]",
    );
    let out = w.perf_env(
        &["check", "targets_qingshizhen.xlsx", "--config", "bad.toml"],
        &[("PERF_LANG", "en")],
    );
    out.assert_refused("bad.toml", "line 5 [rules] V005:");
    assert!(!out.stderr.contains("配置"), "{}", out.stderr);
}
