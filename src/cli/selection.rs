//! `--select`, `--extend-select` and `--ignore`: the command line's choice of rules, which
//! wins over every invlint.toml. `--select` replaces what the file runs (its `select`,
//! `ignore` and `off`), `--extend-select` adds to it, `--ignore` takes away from either.

use std::collections::HashMap;
use std::sync::Arc;

use invlint::checks::{ALL_RULES, Rule, find_rule};

/// The rule flags of a run, resolved to rules.
#[derive(Debug, Default)]
pub struct RuleFlags {
    select: Option<Vec<&'static Rule>>,
    extend: Vec<&'static Rule>,
    ignore: Vec<&'static Rule>,
    /// The rules already worked out, by the set the file's configuration runs: files of
    /// one configuration share it, so a run works it out once per configuration.
    resolved: HashMap<usize, Arc<[&'static Rule]>>,
}

impl RuleFlags {
    /// Resolves the flags' values (codes, names or `ALL`, which clap has checked).
    pub fn new(select: &[String], extend: &[String], ignore: &[String]) -> Self {
        Self {
            select: (!select.is_empty()).then(|| rules(select)),
            extend: rules(extend),
            ignore: rules(ignore),
            resolved: HashMap::new(),
        }
    }

    /// Whether any flag was given.
    pub fn any(&self) -> bool {
        self.select.is_some() || !self.extend.is_empty() || !self.ignore.is_empty()
    }

    /// The rules a file runs: the flags applied to what its configuration runs, in the
    /// order of [`ALL_RULES`].
    pub fn apply(&mut self, configured: &Arc<[&'static Rule]>) -> Arc<[&'static Rule]> {
        if !self.any() {
            return configured.clone();
        }
        let key = configured.as_ptr() as usize;
        if let Some(found) = self.resolved.get(&key) {
            return found.clone();
        }
        let base: &[&'static Rule] = self.select.as_deref().unwrap_or(configured);
        let chosen: Arc<[&'static Rule]> = ALL_RULES
            .iter()
            .copied()
            .filter(|rule| base.contains(rule) || self.extend.contains(rule))
            .filter(|rule| !self.ignore.contains(rule))
            .collect();
        self.resolved.insert(key, chosen.clone());
        chosen
    }

    /// What `--show-config` says the flags did, or `None` without flags.
    pub fn describe(&self) -> Option<String> {
        let codes = |rules: &[&Rule]| {
            rules
                .iter()
                .map(|rule| rule.code)
                .collect::<Vec<_>>()
                .join(",")
        };
        let mut parts = Vec::new();
        if let Some(select) = &self.select {
            parts.push(format!("--select {}", codes(select)));
        }
        if !self.extend.is_empty() {
            parts.push(format!("--extend-select {}", codes(&self.extend)));
        }
        if !self.ignore.is_empty() {
            parts.push(format!("--ignore {}", codes(&self.ignore)));
        }
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// Whether `--select` replaced the configuration's choice altogether.
    pub fn replaces(&self) -> bool {
        self.select.is_some()
    }
}

/// Codes and names as rules; `ALL` is every rule. Unknown values cannot reach here: clap
/// accepts only the possible values.
fn rules(values: &[String]) -> Vec<&'static Rule> {
    if values.iter().any(|v| v.eq_ignore_ascii_case("ALL")) {
        return ALL_RULES.to_vec();
    }
    let mut found: Vec<&'static Rule> = values.iter().filter_map(|v| find_rule(v)).collect();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(rules: &[&Rule]) -> Vec<&'static str> {
        rules.iter().map(|r| r.code).collect()
    }

    #[test]
    fn select_replaces_extend_adds_ignore_removes() {
        let configured: Arc<[&'static Rule]> = ALL_RULES[..3].iter().copied().collect();
        let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();

        let mut select = RuleFlags::new(&strings(&["INV005", "unknown-element"]), &[], &[]);
        assert_eq!(codes(&select.apply(&configured)), ["INV003", "INV005"]);

        let mut extend = RuleFlags::new(&[], &strings(&["inv010"]), &strings(&["INV001"]));
        assert_eq!(
            codes(&extend.apply(&configured)),
            ["INV002", "INV003", "INV010"]
        );

        let mut all = RuleFlags::new(&strings(&["ALL"]), &[], &strings(&["INV002"]));
        assert_eq!(all.apply(&configured).len(), ALL_RULES.len() - 1);

        let mut none = RuleFlags::new(&[], &[], &[]);
        assert!(Arc::ptr_eq(&none.apply(&configured), &configured));
        assert_eq!(none.describe(), None);
        assert_eq!(
            extend.describe().as_deref(),
            Some("--extend-select INV010 --ignore INV001")
        );
    }
}
