//! The fixture-driven test. Every file under `fixtures/<provider>/<rule-name>/`:
//! - `valid_*` must give no finding at all, with its provider told by detection as a
//!   user's file would be (a folder whose documents cannot show their provider says so
//!   in an `invlint.toml` of its own, as a user's repository would);
//! - any other file in a rule's folder must give at least one finding of that rule, with
//!   the folder's provider given (a mistake may hide the provider's markers);
//! - every file that is not `valid_*` has its concise and full output as a snapshot;
//! - a folder that names no rule is an error, unless it is `seeds/` (the provider pages'
//!   own samples) or `fixtures/detect/` (detection's own cases).
//!
//! And the same mistake written in XML and in JSON (`invalid_x.xml` beside
//! `invalid_x.json`) must give the same codes and messages.

use std::path::Path;

use invlint::checks::find_rule;
use invlint::provider::by_id;
use invlint::render::{self, OutputFormat, RenderOptions};
use invlint::report::FileReport;
use invlint::{LintOptions, check_bytes};

fn check_fixture(path: &Path) -> FileReport {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let name = path
        .strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string();
    let bytes = std::fs::read(path).expect("fixture is readable");
    let valid = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("valid_"));
    // Invalid fixtures under `fixtures/<provider>/` are checked against that provider;
    // valid ones, and everything under `fixtures/detect/`, are left to detection unless an
    // invlint.toml beside them names the provider.
    let folder_provider = path
        .strip_prefix(root.join("fixtures"))
        .ok()
        .and_then(|p| p.components().next())
        .and_then(|c| by_id(&c.as_os_str().to_string_lossy()));
    let configured = configured_provider(path);
    let provider = configured.or(if valid { None } else { folder_provider });
    let options = LintOptions {
        now: NOW,
        provider,
        ..LintOptions::default()
    };
    check_bytes(&name, bytes, &options)
}

/// The provider an `invlint.toml` in the fixture's folder names, if there is one.
fn configured_provider(path: &Path) -> Option<&'static invlint::provider::Schema> {
    let config = path.parent()?.join("invlint.toml");
    if !config.is_file() {
        return None;
    }
    let loaded = invlint::config::load(&config).expect("a fixture's invlint.toml is valid");
    let provider = loaded.settings(path).provider?;
    by_id(&provider.value)
}

/// The moment every fixture is checked at: 2026-11-29T00:00:00Z.
const NOW: i64 = 1_795_910_400;

fn rendered(report: &FileReport) -> String {
    let options = RenderOptions {
        color: false,
        width: 100,
        ..RenderOptions::default()
    };
    let reports = std::slice::from_ref(report);
    format!(
        "--- concise ---\n{}\n--- full ---\n{}",
        render::render(OutputFormat::Concise, reports, &options),
        render::render(OutputFormat::Full, reports, &options)
    )
}

#[test]
fn fixtures() {
    insta::glob!("../fixtures", "**/*.{xml,json,http}", |path| {
        let report = check_fixture(path);
        let file_name = path.file_name().unwrap().to_string_lossy();
        if file_name.starts_with("valid_") {
            assert!(
                report.diagnostics.is_empty(),
                "{} must give no finding, gave:\n{}",
                report.source.name,
                rendered(&report)
            );
            return;
        }
        let folder = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy();
        let in_detect = path.parent().and_then(|p| p.file_name()) == Some("detect".as_ref());
        match find_rule(&folder) {
            Some(rule) => assert!(
                report.diagnostics.iter().any(|d| d.rule == rule),
                "{} must give a {} finding, gave:\n{}",
                report.source.name,
                rule.name,
                rendered(&report)
            ),
            None => assert!(
                folder == "seeds" || in_detect,
                "{}: the folder `{folder}` names no rule (a misspelt folder would check nothing)",
                report.source.name
            ),
        }
        insta::assert_snapshot!(rendered(&report));
    });
}

/// Every fixture whose findings carry a fix, fixed as `check --fix --unsafe-fixes` fixes
/// it (in rounds, re-linting between them): the fixed text is a snapshot of its own, and
/// linting it again finds no mistake that a fix was offered for.
#[test]
fn fixes() {
    insta::glob!("../fixtures", "**/*.{xml,json,http}", |path| {
        let before = check_fixture(path);
        let fixed_rules: Vec<&str> = before
            .diagnostics
            .iter()
            .filter(|d| d.fix.is_some())
            .map(|d| d.rule.code)
            .collect();
        if fixed_rules.is_empty() {
            return;
        }
        let after = fixed_fixture(path, &before);
        let fixed = after.fixed.as_ref().unwrap_or_else(|| {
            panic!(
                "{}: its findings carry fixes, yet nothing was fixed",
                before.source.name
            )
        });
        assert_eq!(fixed.original, before.source.text);
        // What is left of a fixed rule carries no fix: a finding of the same rule that
        // no fix can mend (an unknown element without a near name) may stay.
        let still_fixable: Vec<String> = after
            .diagnostics
            .iter()
            .filter(|d| d.fix.is_some() && fixed_rules.contains(&d.rule.code))
            .map(|d| format!("{} {}", d.rule.code, d.message))
            .collect();
        assert!(
            still_fixable.is_empty(),
            "{}: fixable findings are left after fixing: {still_fixable:?}",
            before.source.name
        );
        insta::assert_snapshot!(after.source.text.as_str());
    });
}

/// The fixture fixed with every fix, through the engine as `--fix --unsafe-fixes` runs it.
fn fixed_fixture(path: &Path, before: &FileReport) -> FileReport {
    let options = LintOptions {
        now: NOW,
        provider: before.provider.as_ref().map(|choice| choice.schema),
        ..LintOptions::default()
    };
    let document = invlint::engine::Document {
        name: before.source.name.clone(),
        path: None,
        content: invlint::engine::Content::Bytes(std::fs::read(path).unwrap()),
        settings: invlint::engine::FileSettings {
            options,
            ..invlint::engine::FileSettings::default()
        },
    };
    let run = invlint::engine::RunOptions {
        fix: Some(invlint::fix::Mode::Unsafe),
        ..invlint::engine::RunOptions::default()
    };
    let mut outcome = invlint::engine::run(vec![document], &[], &run);
    outcome.reports.remove(0)
}

#[test]
fn the_same_mistake_in_xml_and_json_gives_the_same_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut pairs = 0;
    for entry in walk(&root) {
        if entry.extension().is_none_or(|e| e != "xml") {
            continue;
        }
        let json = entry.with_extension("json");
        let stem = entry.file_stem().unwrap().to_string_lossy();
        if !json.exists() || !stem.starts_with("invalid_") {
            continue;
        }
        // Syntax findings are about the syntax, which differs by design.
        if entry.parent().unwrap().ends_with("syntax") {
            continue;
        }
        let summary = |report: FileReport| -> Vec<(String, String)> {
            report
                .diagnostics
                .iter()
                .map(|d| (d.rule.code.to_string(), d.message.clone()))
                .collect()
        };
        assert_eq!(
            summary(check_fixture(&entry)),
            summary(check_fixture(&json)),
            "{} and its JSON twin differ",
            entry.display()
        );
        pairs += 1;
    }
    assert!(pairs >= 10, "only {pairs} XML/JSON pairs were compared");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn the_same_generic_mistake_reads_the_same_for_every_provider() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for mistake in [
        "required-element/invalid_missing_id",
        "enum-value/invalid_frequency_hourly",
    ] {
        for extension in ["xml", "json"] {
            let findings: Vec<Vec<(String, String)>> = ["oss", "obs", "s3"]
                .iter()
                .map(|provider| {
                    let path = root.join(provider).join(format!("{mistake}.{extension}"));
                    check_fixture(&path)
                        .diagnostics
                        .iter()
                        .map(|d| (d.rule.code.to_string(), d.message.clone()))
                        .collect()
                })
                .collect();
            assert!(
                !findings[0].is_empty(),
                "{mistake}.{extension} gives no finding"
            );
            assert_eq!(
                findings[0], findings[1],
                "{mistake}.{extension}: OSS and OBS differ"
            );
            assert_eq!(
                findings[0], findings[2],
                "{mistake}.{extension}: OSS and S3 differ"
            );
        }
    }
}
