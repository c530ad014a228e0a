//! `perf template`: every blank form is read back as the table it claims to be, its
//! example passes the command it is for, and `templates-xlsx/` holds the current forms.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};

use crate::support::Work;

/// Budget year and month the committed templates are made for.
const YEAR: &str = "2026";
const MONTH: &str = "6";

/// Each kind: the table perf must recognise (kind, layout) and the column meanings it must find.
const KINDS: &[(&str, &str, &str, &[&str])] = &[
    (
        "targets",
        "targets",
        "flat",
        &[
            "unit",
            "code",
            "project",
            "budget",
            "goal",
            "level1",
            "level2",
            "indicator",
            "operator",
            "target",
            "measure_unit",
            "weight",
            "note",
        ],
    ),
    (
        "target-form",
        "targets",
        "form",
        &["level1", "level2", "indicator", "target"],
    ),
    (
        "budget",
        "budget",
        "flat",
        &[
            "unit",
            "code",
            "project",
            "budget_kind",
            "status",
            "period",
            "budget_initial",
            "budget",
            "note",
        ],
    ),
    (
        "execution",
        "execution",
        "flat",
        &[
            "unit",
            "code",
            "project",
            "budget_initial",
            "budget",
            "executed",
            "reason",
        ],
    ),
    (
        "monitoring",
        "monitoring",
        "flat",
        &[
            "unit",
            "code",
            "project",
            "level1",
            "level2",
            "indicator",
            "target",
            "actual",
            "forecast",
            "reason",
            "possibility",
            "note",
        ],
    ),
    (
        "monitoring-form",
        "monitoring",
        "form",
        &[
            "level1",
            "level2",
            "indicator",
            "target",
            "actual",
            "forecast",
            "reason_funding",
            "reason_system",
            "reason_staff",
            "reason_hardware",
            "reason_other",
            "reason",
            "possibility_sure",
            "possibility_maybe",
            "possibility_impossible",
            "note",
        ],
    ),
    (
        "selfeval",
        "self_evaluation",
        "flat",
        &[
            "unit",
            "code",
            "project",
            "period",
            "budget",
            "executed",
            "level1",
            "level2",
            "indicator",
            "target",
            "actual",
            "weight",
            "score",
            "reason",
        ],
    ),
    (
        "selfeval-form",
        "self_evaluation",
        "form",
        &[
            "level1",
            "level2",
            "indicator",
            "target",
            "actual",
            "weight",
            "score",
            "reason",
        ],
    ),
    (
        "assessment",
        "assessment",
        "flat",
        &[
            "unit",
            "code",
            "project",
            "status",
            "aspect_necessity",
            "aspect_economy",
            "aspect_targets",
            "aspect_completeness",
            "aspect_feasibility",
            "aspect_funding",
            "total_score",
            "assessor",
            "conclusion",
            "note",
        ],
    ),
    (
        "assessment-form",
        "assessment",
        // One project above an aspect per row: a form, as perf inspect now says.
        "form",
        &["assess_item", "weight", "score"],
    ),
    (
        "publication",
        "publication",
        "flat",
        &[
            "unit",
            "publication_item",
            "publication_kind",
            "formed",
            "budget_published",
            "published",
            "published_at",
            "note",
        ],
    ),
    (
        "unit-targets",
        "unit_targets",
        "flat",
        &[
            "unit",
            "unit_type",
            "goal",
            "level1",
            "level2",
            "indicator",
            "target",
            "note",
        ],
    ),
];

/// Record tables (assessments, publications) hold no projects of their own for `inspect`.
fn is_record(table_kind: &str) -> bool {
    matches!(table_kind, "assessment" | "publication")
}

fn committed(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates-xlsx")
        .join(format!("{kind}.xlsx"))
}

/// Writes every template into `work` for the committed year and month.
fn generate_all(work: &Work) {
    for (kind, ..) in KINDS {
        let file = format!("{kind}.xlsx");
        let out = work.perf(&[
            "template", kind, "--year", YEAR, "--month", MONTH, "-o", &file,
        ]);
        assert_eq!(out.code, 0, "{kind}: {}", out.stderr);
        assert!(out.stdout.contains(&file), "{}", out.stdout);
    }
}

#[test]
fn every_template_is_read_back_as_the_table_it_is() {
    let work = Work::new();
    generate_all(&work);
    for (kind, table_kind, layout, fields) in KINDS {
        let file = format!("{kind}.xlsx");
        let out = work.perf(&["inspect", &file, "--format", "json"]);
        assert_eq!(out.code, 0, "{kind}: {}", out.stderr);
        let json = out.json();
        let tables = json["tables"].as_array().expect("tables");
        assert_eq!(tables.len(), 1, "{kind}: one table expected: {tables:?}");
        let table = &tables[0];
        assert_eq!(table["kind"], *table_kind, "{kind}");
        assert_eq!(table["layout"], *layout, "{kind}");
        assert_eq!(table["year"], 2026, "{kind}: the year of the title");
        let seen: Vec<&str> = table["columns"]
            .as_array()
            .expect("columns")
            .iter()
            .filter_map(|c| c["field"].as_str())
            .collect();
        assert_eq!(seen, *fields, "{kind}: column meanings");
        assert_eq!(json["summary"]["errors"], 0, "{kind}: {}", json["findings"]);
        let projects = json["projects"].as_array().expect("projects");
        if is_record(table_kind) {
            // Read as records (checked by the commands below), not as projects.
            assert!(projects.is_empty(), "{kind}: {projects:?}");
            assert!(table["rows"].as_u64().is_some_and(|r| r >= 1), "{kind}");
            continue;
        }
        // The example is never a project: set aside, said once (S006).
        assert!(projects.is_empty(), "{kind}: {projects:?}");
    }
}

#[test]
fn example_rows_left_in_are_said_once_and_never_reviewed() {
    let work = Work::new();
    generate_all(&work);
    for (kind, ..) in KINDS {
        let file = format!("{kind}.xlsx");
        let json = work.perf(&["inspect", &file, "--format", "json"]).json();
        let findings = json["findings"].as_array().expect("findings");
        let s006: Vec<_> = findings.iter().filter(|f| f["code"] == "S006").collect();
        assert_eq!(s006.len(), 1, "{kind}: once per sheet: {findings:?}");
        assert_eq!(s006[0]["severity"], "warning", "{kind}");
        assert!(
            s006[0]["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("示例行未删除")),
            "{kind}: {}",
            s006[0]["message"]
        );
    }
    // A real project beside the example is reviewed; the example is not,
    // whether marked or only identical to the template's (the mark taken off).
    let rows = "单位名称,项目名称,一级指标,二级指标,三级指标,指标值\n\
县交通运输局,（示例）村级道路日常养护,产出指标,数量指标,养护村级道路里程,≥120公里\n\
县交通运输局,村级道路日常养护,产出指标,数量指标,养护村级道路里程,≥120公里\n\
青山县交通运输局,县乡公路大修,产出指标,数量指标,大修里程,≥12公里\n";
    work.write("mixed.csv", rows.as_bytes());
    let out = work.perf(&["check", "mixed.csv", "--format", "json"]);
    let json = out.json();
    let projects = json["projects"].as_array().expect("projects");
    assert_eq!(projects.len(), 1, "{projects:?}");
    assert_eq!(projects[0]["name"], "县乡公路大修");
    let codes: Vec<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert_eq!(
        codes.iter().filter(|c| **c == "S006").count(),
        1,
        "{codes:?}"
    );
    let table = work.perf(&["check", "mixed.csv"]).stdout;
    assert!(!table.contains("通过   | 县交通运输局"), "{table}");
}

/// The example's names made a real unit's (the mark and the bare example
/// unit taken off in every part of the workbook), so that the example itself
/// can be shown to pass the command it is for.
fn unmark(path: &Path) {
    let file = std::fs::File::open(path).expect("open");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let name = entry.name().expect("entry name").to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read entry");
        if name.ends_with(".xml") {
            let text = String::from_utf8(bytes).expect("utf-8 xml");
            bytes = text
                .replace("（示例）", "")
                .replace(">县交通运输局", ">青山县交通运输局")
                .into_bytes();
        }
        parts.push((name, bytes));
    }
    let out = std::fs::File::create(path).expect("rewrite");
    let mut w = zip::ZipWriter::new(out);
    for (name, bytes) in parts {
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("part");
        std::io::Write::write_all(&mut w, &bytes).expect("write part");
    }
    w.finish().expect("finish zip");
}

#[test]
fn each_example_passes_the_command_it_is_for() {
    let work = Work::new();
    generate_all(&work);
    for (kind, ..) in KINDS {
        unmark(&work.path(&format!("{kind}.xlsx")));
    }
    let runs: &[&[&str]] = &[
        &["check", "targets.xlsx", "budget.xlsx"],
        &["check", "target-form.xlsx"],
        &["monitor", "execution.xlsx", "monitoring.xlsx", "--strict"],
        &["monitor", "monitoring-form.xlsx", "--strict"],
        &["evaluate", "selfeval.xlsx", "--strict"],
        &["evaluate", "selfeval-form.xlsx", "--strict"],
        &[
            "assess",
            "assessment.xlsx",
            "assessment-form.xlsx",
            "budget.xlsx",
            "--strict",
        ],
        &["check", "unit-targets.xlsx", "--strict"],
    ];
    for args in runs {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let out = work.perf(&all);
        assert_eq!(out.code, 0, "{args:?}: {}\n{}", out.stdout, out.stderr);
        let json = out.json();
        assert_eq!(json["summary"]["errors"], 0, "{args:?}");
        assert_eq!(
            json["summary"]["warnings"], 0,
            "{args:?}: {}",
            json["findings"]
        );
    }
    // The targets pass review with their budget line joined.
    let out = work.perf(&["check", "targets.xlsx", "budget.xlsx", "--format", "json"]);
    assert_eq!(out.json()["projects"][0]["verdict"], "pass");
    // The self-evaluation example is graded 优 with its stated score borne out.
    let out = work.perf(&["evaluate", "selfeval-form.xlsx", "--format", "json"]);
    let p = &out.json()["projects"][0];
    assert_eq!(p["grade"], "优");
    assert_eq!(p["score"], p["stated_score"]);
    // Both assessment examples are supported, their stated totals borne out.
    let out = work.perf(&[
        "assess",
        "assessment.xlsx",
        "assessment-form.xlsx",
        "--format",
        "json",
    ]);
    let json = out.json();
    let assessed = json["projects"].as_array().expect("assessments");
    assert_eq!(assessed.len(), 2, "{assessed:?}");
    for a in assessed {
        assert!(a["name"].as_str().is_some_and(|n| !n.contains("示例")));
        assert_eq!(a["total"], 88.0, "{a}");
        assert_eq!(a["conclusion"], "予以支持");
        assert_eq!(a["borne_out"], true);
        assert_eq!(a["assessor"], "third_party");
        assert_eq!(a["is_new"], true);
    }
    // The whole unit covers the four dimensions and the six aspects.
    let out = work.perf(&["check", "unit-targets.xlsx", "--format", "json"]);
    let json = out.json();
    assert_eq!(json["projects"][0]["verdict"], "pass");
    assert_eq!(
        json["findings"].as_array().map(Vec::len),
        Some(0),
        "{}",
        json["findings"]
    );
    // The publication record: both examples published in time, nothing flagged.
    let out = work.perf(&[
        "report",
        "execution.xlsx",
        "monitoring.xlsx",
        "publication.xlsx",
        "--strict",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let json = out.json();
    let disclosure = &json["disclosure"];
    assert_eq!(disclosure["on_time"], 2, "{disclosure}");
    assert_eq!(disclosure["records"][0]["kind"], "targets");
    assert_eq!(disclosure["records"][1]["kind"], "self_evaluation");
    assert_eq!(
        json["findings"].as_array().map(Vec::len),
        Some(0),
        "{}",
        json["findings"]
    );
}

#[test]
fn the_month_names_the_columns_and_the_dropdowns_are_there() {
    let work = Work::new();
    let out = work.perf(&[
        "template",
        "execution",
        "--year",
        "2027",
        "--month",
        "9",
        "-o",
        "e.xlsx",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let cells = values(&work.path("e.xlsx"));
    let texts: Vec<&String> = cells["资金执行"].values().collect();
    assert!(texts.iter().any(|t| *t == "1-9月执行数"), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("2027年度")), "{texts:?}");

    let out = work.perf(&["template", "targets", "--year", "2027", "-o", "t.xlsx"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let parts = xml_parts(&work.path("t.xlsx"));
    let sheet = &parts["xl/worksheets/sheet1.xml"];
    assert!(
        sheet.contains("INDIRECT($F4)"),
        "二级 follows 一级 of its row"
    );
    assert!(sheet.contains("<sheetProtection"), "header locked");
    assert!(sheet.contains("promptTitle=\"运算符\""), "input messages");
    let book = &parts["xl/workbook.xml"];
    for name in ["一级指标", "产出指标", "效益指标", "满意度指标"] {
        assert!(book.contains(&format!("name=\"{name}\"")), "{name}");
    }
    assert!(
        book.contains("state=\"hidden\""),
        "the lists sheet is hidden"
    );

    // The publication record checks its dates and offers the three kinds.
    let out = work.perf(&["template", "publication", "--year", "2027", "-o", "p.xlsx"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let parts = xml_parts(&work.path("p.xlsx"));
    let sheet = &parts["xl/worksheets/sheet1.xml"];
    assert_eq!(
        sheet.matches("type=\"date\"").count(),
        3,
        "three date columns"
    );
    assert!(
        sheet.contains("绩效目标,绩效自评报告,重点项目绩效评价报告"),
        "公开类型 list"
    );
    let cells = values(&work.path("p.xlsx"));
    let texts: Vec<&String> = cells["信息公开"].values().collect();
    assert!(texts.iter().any(|t| t.contains("2027年度")), "{texts:?}");
    // The example dates are date cells, not text.
    let mut book = open_workbook_auto(work.path("p.xlsx")).expect("open");
    let range = book.worksheet_range("信息公开").expect("sheet");
    let budget_published = range.get_value((3, 4)).expect("E4");
    let Data::DateTime(d) = budget_published else {
        panic!("E4 is not a date cell: {budget_published:?}");
    };
    assert_eq!(
        d.as_datetime().map(|d| d.date().to_string()),
        Some("2027-02-10".to_string())
    );
}

#[test]
fn a_bad_month_or_kind_is_refused() {
    let work = Work::new();
    let out = work.perf(&["template", "targets", "--month", "13", "-o", "x.xlsx"]);
    assert_eq!(out.code, 2);
    let out = work.perf(&["template", "no-such-form", "-o", "x.xlsx"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("target-form"),
        "lists the kinds: {}",
        out.stderr
    );
    let out = work.perf(&["template", "targets", "-o", "no/such/dir/x.xlsx"]);
    out.assert_refused("no/such/dir/x.xlsx", "文件夹");
}

#[test]
fn a_filled_in_form_is_not_overwritten() {
    let work = Work::new();
    let filled = work.write("targets.xlsx", b"the officer's own work");
    let out = work.perf(&["template", "targets"]);
    out.assert_refused("targets.xlsx", "--force");
    assert_eq!(std::fs::read(&filled).unwrap(), b"the officer's own work");
    let out = work.perf(&["template", "targets", "--force", "--year", "2026"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = work.perf(&["inspect", "targets.xlsx", "--format", "json"]);
    assert_eq!(out.json()["tables"][0]["kind"], "targets");
}

/// `templates-xlsx/` holds what `perf template` writes today. Set
/// `PERF_UPDATE_TEMPLATES=1` to rewrite the folder after a deliberate change.
#[test]
fn committed_templates_are_current() {
    let work = Work::new();
    generate_all(&work);
    let update = std::env::var_os("PERF_UPDATE_TEMPLATES").is_some();
    for (kind, ..) in KINDS {
        let fresh = work.path(&format!("{kind}.xlsx"));
        let kept = committed(kind);
        if update {
            std::fs::create_dir_all(kept.parent().expect("folder")).expect("mkdir");
            std::fs::copy(&fresh, &kept).expect("update template");
            continue;
        }
        assert!(
            kept.exists(),
            "{} missing: run PERF_UPDATE_TEMPLATES=1 cargo test --test cli template",
            kept.display()
        );
        assert_eq!(
            values(&fresh),
            values(&kept),
            "{kind}: cell values differ from templates-xlsx/ (PERF_UPDATE_TEMPLATES=1 to update)"
        );
        let (a, b) = (xml_parts(&fresh), xml_parts(&kept));
        for part in ["xl/worksheets/sheet1.xml", "xl/workbook.xml"] {
            for element in ["mergeCells", "dataValidations", "definedNames", "pageSetup"] {
                assert_eq!(
                    element_of(&a[part], element),
                    element_of(&b[part], element),
                    "{kind}: {part} <{element}> differs from templates-xlsx/"
                );
            }
        }
    }
}

/// Every sheet's cell values as text, by (row, column).
fn values(path: &Path) -> BTreeMap<String, BTreeMap<(u32, u32), String>> {
    let mut book = open_workbook_auto(path).expect("open workbook");
    let mut out = BTreeMap::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut cells = BTreeMap::new();
        for (r, c, v) in range.used_cells() {
            if !matches!(v, Data::Empty) {
                cells.insert((r0 + r as u32, c0 + c as u32), v.to_string());
            }
        }
        out.insert(name, cells);
    }
    out
}

/// The XML parts of an .xlsx, by name.
fn xml_parts(path: &Path) -> BTreeMap<String, String> {
    let file = std::fs::File::open(path).expect("open");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let name = entry.name().expect("entry name").to_string();
        let mut text = String::new();
        if name.ends_with(".xml") && entry.read_to_string(&mut text).is_ok() {
            out.insert(name, text);
        }
    }
    out
}

/// The text of `<name …>…</name>` (or `<name …/>`), empty when absent.
fn element_of(xml: &str, name: &str) -> String {
    let Some(start) = xml.find(&format!("<{name}")) else {
        return String::new();
    };
    let rest = &xml[start..];
    let end = rest
        .find(&format!("</{name}>"))
        .map(|e| e + name.len() + 3)
        .or_else(|| rest.find("/>").map(|e| e + 2))
        .unwrap_or(rest.len());
    rest[..end].to_string()
}

/// LibreOffice opens a template and keeps what makes it a form: the example,
/// the list names and the 二级 dropdown that follows the 一级 of its row.
#[test]
fn libreoffice_keeps_the_dropdowns() {
    let work = Work::with(&[committed("targets")]);
    let ods = crate::workbooks::convert(&work.path("targets.xlsx"), "ods", "ods");
    let file = std::fs::File::open(&ods).expect("open ods");
    let mut zip = zip::ZipArchive::new(file).expect("ods is a zip");
    let mut content = String::new();
    zip.by_name("content.xml")
        .expect("content.xml")
        .read_to_string(&mut content)
        .expect("read content.xml");
    assert!(content.contains("（示例）村级道路日常养护"), "the example");
    assert!(content.contains("INDIRECT("), "the dependent 二级 list");
    for name in ["一级指标", "产出指标", "效益指标", "满意度指标"] {
        assert!(
            content.contains(&format!("table:named-range table:name=\"{name}\"")),
            "{name}"
        );
    }
}
