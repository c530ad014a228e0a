//! Sheets where no table was recognised: the headers seen and the nearest known ones (S002).

use super::UnknownSheet;
use super::fields::HeaderDict;
use crate::diag::{Finding, Severity};
use crate::i18n::Lang;
use crate::parse::text::header_key;
use crate::read::Sheet;
use crate::say;

/// The most header-like row among the first rows of a sheet, and suggestions for its texts.
pub fn describe(sheet: &Sheet, dict: &HeaderDict) -> UnknownSheet {
    let header_like = |t: &str| {
        let k = header_key(t);
        let n = k.chars().count();
        (1..=20).contains(&n) && !k.chars().all(|c| c.is_ascii_digit() || ".,-%".contains(c))
    };
    let best = sheet.rows.iter().take(30).max_by_key(|r| {
        r.cells
            .iter()
            .filter(|(_, c)| c.as_text().is_some_and(header_like))
            .count()
    });
    let headers_seen: Vec<String> = best
        .map(|r| {
            r.cells
                .iter()
                .filter_map(|(_, c)| {
                    c.as_text()
                        .filter(|t| header_like(t))
                        .map(|t| t.trim().to_string())
                })
                .take(20)
                .collect()
        })
        .unwrap_or_default();
    let suggestions = headers_seen
        .iter()
        .filter_map(|h| nearest(h, dict).map(|n| (h.clone(), n)))
        .collect();
    UnknownSheet {
        sheet: sheet.name.clone(),
        hidden: sheet.hidden,
        headers_seen,
        suggestions,
    }
}

/// The known header closest to `seen`, when it is close enough to be a likely rename.
fn nearest(seen: &str, dict: &HeaderDict) -> Option<String> {
    let key = header_key(seen);
    if dict.match_header(seen).is_some() {
        return None;
    }
    dict.known()
        .map(|(k, _)| (strsim::normalized_levenshtein(&key, k), k))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, k)| k.to_string())
}

/// The S002 finding for a workbook in which nothing was recognised.
pub fn s002(file: &str, unknown: &[UnknownSheet], lang: Lang) -> Finding {
    let seen: Vec<String> = unknown
        .iter()
        .flat_map(|u| u.headers_seen.iter().take(12).cloned())
        .collect();
    let hints: Vec<String> = unknown
        .iter()
        .flat_map(|u| u.suggestions.iter())
        .map(|(a, b)| say!(lang, "「{a}」→「{b}」", "'{a}' → '{b}'"))
        .collect();
    let message = match lang {
        Lang::Zh => {
            let mut m = String::from("未识别出绩效目标表、监控表、自评表或预算表。");
            if seen.is_empty() {
                m.push_str("工作簿中没有可作表头的文字。");
            } else {
                m.push_str(&format!("看到的表头：{}。", seen.join("、")));
            }
            if !hints.is_empty() {
                m.push_str(&format!("最接近的已知表头：{}。", hints.join("，")));
            }
            m.push_str("需要「三级指标/指标名称」与「指标值」等列，或「项目名称」与「预算数」等列；可改用标准表头，或在配置文件 [headers] 中加入本县的叫法。");
            m
        }
        Lang::En => {
            let mut m = String::from(
                "no targets, monitoring, self-evaluation or budget table was recognised. ",
            );
            if seen.is_empty() {
                m.push_str("The workbook holds no header-like text. ");
            } else {
                m.push_str(&format!("Headers seen: {}. ", seen.join(", ")));
            }
            if !hints.is_empty() {
                m.push_str(&format!("Nearest known headers: {}. ", hints.join(", ")));
            }
            m.push_str("A table needs columns such as 三级指标/指标名称 and 指标值, or 项目名称 and 预算数; rename them or add your names under [headers] in the config.");
            m
        }
    };
    let sheet = unknown.first().map(|u| u.sheet.clone());
    let mut f = Finding::at_file(crate::diag::Code::S002, Severity::Error, file, message);
    f.sheet = sheet;
    f
}
