//! The previous monitoring round (`--previous`): which projects were red, for M008.

use std::collections::HashSet;

use super::Level;
use super::assemble::Monitored;
use crate::parse::text::header_key;

/// Keys of the projects that were red last round (execution or indicators).
#[derive(Debug, Clone, Default)]
pub struct Previous {
    red: HashSet<String>,
    /// How many projects the previous round held.
    pub projects: usize,
}

fn keys(code: Option<&str>, name: &str, unit: Option<&str>) -> Vec<String> {
    let mut k = Vec::new();
    if let Some(c) = code
        .map(|c| header_key(c).to_uppercase())
        .filter(|c| !c.is_empty())
    {
        k.push(format!("code:{c}"));
    }
    k.push(format!(
        "name:{}|{}",
        header_key(name),
        unit.map(header_key).unwrap_or_default()
    ));
    k
}

impl Previous {
    /// Records one project of the previous round.
    pub fn add(&mut self, code: Option<&str>, name: &str, unit: Option<&str>, red: bool) {
        self.projects += 1;
        if red {
            self.red.extend(keys(code, name, unit));
        }
    }

    /// Reads the JSON that `perf monitor --format json` wrote last month.
    pub fn from_json(text: &str) -> Result<Previous, String> {
        let doc: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let projects = doc
            .get("projects")
            .and_then(|p| p.as_array())
            .ok_or("no \"projects\" list")?;
        let mut prev = Previous::default();
        for p in projects {
            let s = |k: &str| p.get(k).and_then(|v| v.as_str());
            let red = s("level") == Some("red") || s("indicator_level") == Some("red");
            prev.add(s("code"), s("name").unwrap_or(""), s("unit"), red);
        }
        Ok(prev)
    }

    /// Red last round too.
    pub fn was_red(&self, m: &Monitored) -> bool {
        keys(m.code.as_deref(), &m.name, m.unit.as_deref())
            .iter()
            .any(|k| self.red.contains(k))
    }

    /// Red now and red last round.
    pub fn red_again(&self, m: &Monitored) -> bool {
        m.worst() == Level::Red && self.was_red(m)
    }
}
