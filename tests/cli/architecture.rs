//! The one rule of direction (docs/architecture.md): a module imports only
//! modules of lower layers, and no files import each other in a circle.
//! The test reads the sources, so a new import that runs back up fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Layers from the top (cli) to the bottom (cells and A1 references).
/// Modules of one layer may import each other as long as no circle forms.
const LAYERS: &[(&str, u32)] = &[
    ("lib", 100),
    ("main", 90),
    ("cli", 90),
    ("ops", 80),
    ("render", 70),
    ("config", 65),
    ("rules", 60),
    ("report", 55),
    ("evaluate", 50),
    ("monitor", 45),
    ("assess", 45),
    ("disclose", 45),
    ("template", 45),
    ("layout", 40),
    ("diag", 30),
    ("model", 25),
    ("parse", 25),
    ("read", 10),
    ("output", 8),
    ("fingerprint", 7),
    ("alloc", 7),
    ("i18n", 3),
    ("sys", 2),
];

/// Files that stand lower than their module: the cell type and its A1
/// references are what every reader produces.
const FILE_LAYERS: &[(&str, u32)] = &[("model/cell.rs", 5), ("model/format.rs", 5)];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn layer(rel: &str) -> Option<u32> {
    if let Some((_, l)) = FILE_LAYERS.iter().find(|(f, _)| *f == rel) {
        return Some(*l);
    }
    let top = rel.split('/').next()?.trim_end_matches(".rs");
    LAYERS.iter().find(|(m, _)| *m == top).map(|(_, l)| *l)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its tests and comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("readable source");
    let text = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => &text[..],
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(at) => &l[..at],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The file a `crate::a::b::c` path lands in: the deepest module file it names.
fn target(parts: &[&str]) -> Option<PathBuf> {
    let mut dir = src();
    let mut found = None;
    for part in parts {
        let file = dir.join(format!("{part}.rs"));
        let folder = dir.join(part);
        if file.is_file() {
            found = Some(file);
            dir = folder;
        } else if folder.join("mod.rs").is_file() {
            found = Some(folder.join("mod.rs"));
            dir = folder;
        } else {
            break;
        }
    }
    found
}

/// Every `crate::…` path a file's code names, also inside `use crate::{…}`.
fn crate_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `use crate::{a::b, c::{d, e}}`: the first segments at depth one.
            let mut depth = 1;
            let mut item = String::new();
            for ch in group.chars() {
                match ch {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
                if depth == 1 && ch == ',' {
                    push_path(&item, &mut out);
                    item.clear();
                } else if depth == 1 && ch != '{' {
                    item.push(ch);
                } else if depth > 1 && !item.ends_with("::") {
                    // Inside a nested group: the outer path is enough.
                }
            }
            push_path(&item, &mut out);
        } else {
            let end = rest
                .find(|c: char| !(ident(c) || c == ':'))
                .unwrap_or(rest.len());
            push_path(&rest[..end], &mut out);
        }
    }
    out
}

fn push_path(item: &str, out: &mut Vec<Vec<String>>) {
    let parts: Vec<String> = item
        .split("::")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if !parts.is_empty() {
        out.push(parts);
    }
}

/// File → the files it imports (paths relative to src/).
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let rel = |p: &Path| {
        p.strip_prefix(&root)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let name = rel(&f);
        if name.ends_with("tests.rs") {
            continue;
        }
        let set = edges.entry(name.clone()).or_default();
        for parts in crate_paths(&code(&f)) {
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            if let Some(t) = target(&parts) {
                let t = rel(&t);
                if t != name {
                    set.insert(t);
                }
            }
        }
    }
    edges
}

#[test]
fn no_module_imports_one_of_a_higher_layer() {
    let edges = imports();
    assert!(edges.len() > 100, "the sources were read: {}", edges.len());
    let mut upward = Vec::new();
    for (from, tos) in &edges {
        let lf = layer(from).unwrap_or_else(|| panic!("{from} has no layer in LAYERS"));
        let top = |p: &str| {
            p.split('/')
                .next()
                .unwrap_or("")
                .trim_end_matches(".rs")
                .to_string()
        };
        for to in tos {
            let lt = layer(to).unwrap_or_else(|| panic!("{to} has no layer in LAYERS"));
            let same_module = top(from) == top(to);
            if !same_module && lt > lf {
                upward.push(format!("{from} (layer {lf}) imports {to} (layer {lt})"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that run back up (see docs/architecture.md):\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_files_import_each_other_in_a_circle() {
    let edges = imports();
    // Depth-first search; a grey node met again closes a circle.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        White,
        Grey,
        Black,
    }
    let names: Vec<&String> = edges.keys().collect();
    let mut mark: BTreeMap<&str, Mark> = names.iter().map(|n| (n.as_str(), Mark::White)).collect();
    let mut circles = Vec::new();
    fn visit<'a>(
        n: &'a str,
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        mark: &mut BTreeMap<&'a str, Mark>,
        stack: &mut Vec<&'a str>,
        circles: &mut Vec<String>,
    ) {
        mark.insert(n, Mark::Grey);
        stack.push(n);
        for t in edges.get(n).into_iter().flatten() {
            match mark.get(t.as_str()).copied().unwrap_or(Mark::Black) {
                Mark::White => visit(t, edges, mark, stack, circles),
                Mark::Grey => {
                    let from = stack.iter().position(|s| *s == t).unwrap_or(0);
                    circles.push(format!("{} -> {t}", stack[from..].join(" -> ")));
                }
                Mark::Black => {}
            }
        }
        stack.pop();
        mark.insert(n, Mark::Black);
    }
    for n in names {
        if mark[n.as_str()] == Mark::White {
            visit(n, &edges, &mut mark, &mut Vec::new(), &mut circles);
        }
    }
    assert!(
        circles.is_empty(),
        "files in a circle:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_checker_sees_an_import_that_runs_back_up() {
    // Near miss for the checker itself: a path in code is seen, one in a
    // comment is not, and grouped imports are split.
    let paths = crate_paths(
        "use crate::{ops::Common, model::{Loc, Located}};\nlet x = crate::cli::main();",
    );
    let firsts: Vec<&str> = paths.iter().map(|p| p[0].as_str()).collect();
    assert_eq!(firsts, ["ops", "model", "cli"]);
    assert!(layer("ops/check.rs") > layer("render/mod.rs"));
    assert!(layer("model/cell.rs") < layer("read/sheet.rs"));
}
