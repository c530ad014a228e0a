//! Files that are not what they claim: exit 2, one clear message naming the file, never a panic.

use std::io::Write;

use crate::support::{Work, fixture};

fn refused(name: &str, bytes: &[u8], says: &str) {
    let w = Work::new();
    w.write(name, bytes);
    w.perf(&["inspect", name]).assert_refused(name, says);
}

#[test]
fn missing_file() {
    Work::new()
        .perf(&["inspect", "没有这个文件.xlsx"])
        .assert_refused("没有这个文件.xlsx", "找不到该文件");
}

#[test]
fn a_folder() {
    let w = Work::new();
    std::fs::create_dir(w.path("county")).unwrap();
    w.perf(&["inspect", "county"])
        .assert_refused("county", "这是一个文件夹");
}

#[test]
fn empty_file() {
    refused("empty.xlsx", b"", "文件是空的");
}

#[test]
fn random_bytes() {
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    refused("random.xlsx", &bytes, "不是可识别的电子表格");
}

#[test]
fn truncated_zip() {
    let full = std::fs::read(fixture("budget_lines_yuan.xlsx")).unwrap();
    refused("truncated.xlsx", &full[..full.len() / 2], "已损坏");
}

#[test]
fn word_document_renamed_xlsx() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "[Content_Types].xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(b"<Types/>").unwrap();
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(b"<w:document/>").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    refused("报告.xlsx", &bytes, "Word 文档");
}

#[test]
fn password_protected_workbook() {
    let w = Work::with(&[fixture("encrypted_password.xlsx")]);
    w.perf(&["inspect", "encrypted_password.xlsx"])
        .assert_refused("encrypted_password.xlsx", "设有打开密码");
}

#[test]
fn text_named_xlsx() {
    refused(
        "notes.xlsx",
        "这只是一段文字".as_bytes(),
        "不是可识别的电子表格",
    );
}

#[test]
fn english_messages_with_lang_en() {
    let w = Work::new();
    w.perf(&["inspect", "missing.xlsx", "--lang", "en"])
        .assert_refused("missing.xlsx", "file not found");
}

#[test]
fn a_config_that_is_no_small_regular_file_is_refused_at_once() {
    let w = crate::support::Work::new();
    w.write(
        "t.csv",
        "项目名称,一级指标,二级指标,三级指标,指标值\n道路养护,产出指标,数量指标,养护里程,≥45公里\n"
            .as_bytes(),
    );
    // A device that never ends (`/dev/zero`): refused, not read without bound.
    let out = w.perf(&["check", "t.csv", "--config", "/dev/zero"]);
    out.assert_refused("/dev/zero", "不是普通的小文本文件");
    // A file over 1 MB.
    let big = format!("# {}\n", "x".repeat(1 << 20));
    w.write("big.toml", big.as_bytes());
    let out = w.perf(&["check", "t.csv", "--config", "big.toml"]);
    out.assert_refused("big.toml", "不超过 1 MB");
    // Near miss: a small config is read.
    w.write("ok.toml", b"[rules]\nV005 = \"off\"\n");
    let out = w.perf(&["check", "t.csv", "--config", "ok.toml"]);
    assert!(out.code < 2, "{}", out.stderr);
}

#[test]
fn jobs_beyond_any_use_are_capped_not_started() {
    let w = crate::support::Work::new();
    std::fs::create_dir(w.path("in")).unwrap();
    std::fs::write(
        w.path("in/u.csv"),
        "2024年1-6月项目资金执行情况\n单位名称,项目名称,调整预算数,1-6月执行数\n县教育局,学生资助,100,50\n",
    )
    .unwrap();
    let started = std::time::Instant::now();
    let out = w.perf(&[
        "batch", "in", "--month", "6", "-o", "out", "--jobs", "100000", "--quiet",
    ]);
    assert!(out.code < 2, "{}", out.stderr);
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn an_error_stays_on_one_line_whatever_the_file_name_holds() {
    let w = crate::support::Work::new();
    let name = "bad\nname\x1b[31m.xlsx";
    w.write(name, b"not a workbook at all");
    let out = w.perf(&["check", name]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(out.stderr.trim().lines().count(), 1, "{:?}", out.stderr);
    assert!(!out.stderr.contains('\x1b'), "{:?}", out.stderr);
    assert!(out.stderr.contains("bad name"), "{:?}", out.stderr);
}
