//! Fingerprints for CI systems that track findings across commits (SARIF, GitLab) and
//! for baselines. They hash what a finding is about (rule, file, node path, message),
//! never its line, so they stay put when lines move; an ordinal tells identical findings
//! in one file apart. The file is named relative to the repository's root, so a run from
//! a subdirectory, or with absolute paths, gives the same fingerprints.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::report::FileReport;

/// FNV-1a, 64 bits: small, stable across Rust versions and platforms (unlike the standard
/// library's hasher, which promises neither).
fn fnv1a(seed: u64, bytes: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325 ^ seed;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// A 32-hex-digit fingerprint for each finding of each report, in report order.
pub fn fingerprints(reports: &[FileReport], root: Option<&Path>) -> Vec<Vec<String>> {
    reports
        .iter()
        .map(|report| {
            let mut seen: HashMap<String, usize> = HashMap::new();
            let file = crate::render::location::repository_name(
                &report.source.name,
                report.source.path.as_deref(),
                root,
            );
            report
                .diagnostics
                .iter()
                .map(|d| {
                    let key = identity(&file, d);
                    let ordinal = seen.entry(key.clone()).or_default();
                    let text = format!("{key}\u{0}{ordinal}");
                    *ordinal += 1;
                    format!(
                        "{:016x}{:016x}",
                        fnv1a(0, text.as_bytes()),
                        fnv1a(0x9e37_79b9_7f4a_7c15, text.as_bytes())
                    )
                })
                .collect()
        })
        .collect()
}

fn identity(path: &str, d: &Diagnostic) -> String {
    format!(
        "{}\u{0}{}\u{0}{}\u{0}{}",
        d.rule.code,
        path.replace('\\', "/"),
        d.node_path.as_deref().unwrap_or_default(),
        d.message
    )
}
