//! What `--fix` and `--diff` do with the fixed texts the engine made: write each changed
//! file (atomically, through [`super::sink`]), or show them as unified diffs.

use invlint::report::FileReport;

use super::sink;

/// How many fixes were made, and in how many files.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub fixes: usize,
    pub files: usize,
}

/// The fixes of a run.
pub fn count(reports: &[FileReport]) -> Count {
    reports
        .iter()
        .filter_map(|r| r.fixed.as_ref())
        .fold(Count::default(), |count, fixed| Count {
            fixes: count.fixes + fixed.applied,
            files: count.files + 1,
        })
}

/// Writes every fixed file that came from disk (not stdin, which the caller prints). A
/// file that cannot be written is an error naming it; files written before it stay fixed.
pub fn write(reports: &[FileReport], stdin_name: Option<&str>) -> Result<(), String> {
    for report in reports {
        if report.fixed.is_none() || Some(report.source.name.as_str()) == stdin_name {
            continue;
        }
        let Some(path) = &report.source.path else {
            continue;
        };
        sink::file(path, report.source.text.as_bytes())?;
    }
    Ok(())
}

/// A unified diff per fixed file, `a/` and `b/` before its name as git writes them.
pub fn diff(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let Some(fixed) = &report.fixed else {
            continue;
        };
        let name = &report.source.name;
        let diff = similar::TextDiff::from_lines(&fixed.original, &report.source.text);
        out.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{name}"), &format!("b/{name}"))
                .to_string(),
        );
    }
    out
}

/// The summary's words for the fixes, or nothing when none were made.
pub fn describe(count: Count, made: bool) -> Option<String> {
    if count.fixes == 0 {
        return None;
    }
    let fixes = if count.fixes == 1 { "fix" } else { "fixes" };
    let files = if count.files == 1 { "file" } else { "files" };
    let verb = if made { "made" } else { "would be made" };
    Some(format!(
        "{} {fixes} {verb} in {} {files}",
        count.fixes, count.files
    ))
}
