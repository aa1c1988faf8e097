//! Every rule's documentation carries examples that are run here: an `invalid` example must
//! trigger its rule, a `valid` one must not.

use invlint::checks::{ALL_RULES, Rule};
use invlint::provider::by_id;
use invlint::{LintOptions, check_all};

struct Example {
    language: String,
    valid: bool,
    /// The provider the example is checked against; `None` lets invlint detect it.
    provider: Option<String>,
    text: String,
}

fn examples(rule: &Rule) -> Vec<Example> {
    let mut out = Vec::new();
    let mut current: Option<Example> = None;
    for line in rule.documentation().lines() {
        if let Some(info) = line.strip_prefix("```") {
            match current.take() {
                Some(example) => out.push(example),
                None => {
                    let mut words = info.split_whitespace();
                    let language = words.next().unwrap_or_default().to_string();
                    let kind = words.next().unwrap_or_default();
                    assert!(
                        kind == "valid" || kind == "invalid",
                        "{}: a code block must be marked `valid` or `invalid`, found ```{info}",
                        rule.code
                    );
                    // A third word names the provider (`oss`, `obs`, `s3`) or asks for
                    // detection (`detect`); the examples are OSS's unless they say so.
                    let provider = match words.next().unwrap_or("oss") {
                        "detect" => None,
                        id => Some(id.to_string()),
                    };
                    current = Some(Example {
                        language,
                        valid: kind == "valid",
                        provider,
                        text: String::new(),
                    });
                }
            }
        } else if let Some(example) = current.as_mut() {
            example.text.push_str(line);
            example.text.push('\n');
        }
    }
    assert!(current.is_none(), "{}: an unclosed code block", rule.code);
    out
}

/// A configuration example: loaded as an invlint.toml; its findings are the load's.
fn check_config(text: &str) -> Vec<invlint::report::FileReport> {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("config-example-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("invlint.toml");
    std::fs::write(&path, text).unwrap();
    match invlint::config::load(&path) {
        Ok(_) => Vec::new(),
        Err(report) => vec![*report],
    }
}

/// An example is one file, or several, each starting with a line `=== name`.
fn files(default_name: &str, text: &str) -> Vec<(String, Vec<u8>)> {
    if !text.starts_with("=== ") {
        return vec![(default_name.to_string(), text.as_bytes().to_vec())];
    }
    text.split("=== ")
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (name, body) = part.split_once('\n').unwrap_or((part, ""));
            (name.trim().to_string(), body.as_bytes().to_vec())
        })
        .collect()
}

#[test]
fn every_rule_documents_an_invalid_and_a_valid_example_that_behave() {
    for rule in ALL_RULES {
        let examples = examples(rule);
        assert!(
            examples.iter().any(|e| !e.valid),
            "{} has no invalid example",
            rule.code
        );
        assert!(
            examples.iter().any(|e| e.valid),
            "{} has no valid example",
            rule.code
        );
        for example in examples {
            let name = format!("example.{}", example.language);
            let options = LintOptions {
                provider: example
                    .provider
                    .as_deref()
                    .map(|id| by_id(id).expect("a known provider")),
                ..LintOptions::default()
            };
            let reports = if example.language == "toml" {
                check_config(&example.text)
            } else {
                check_all(files(&name, &example.text), &options)
            };
            let fired = reports
                .iter()
                .flat_map(|r| &r.diagnostics)
                .any(|d| d.rule == *rule);
            assert_eq!(
                fired,
                !example.valid,
                "{} {}: the {} example {}:\n{}\nfindings: {:#?}",
                rule.code,
                rule.name,
                if example.valid { "valid" } else { "invalid" },
                if example.valid {
                    "triggers the rule"
                } else {
                    "does not trigger the rule"
                },
                example.text,
                reports
                    .iter()
                    .flat_map(|r| &r.diagnostics)
                    .map(|d| &d.message)
                    .collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut seen = std::collections::HashSet::new();
    for rule in ALL_RULES {
        assert!(seen.insert(rule.code), "{} is used twice", rule.code);
        assert!(seen.insert(rule.name), "{} is used twice", rule.name);
        let digits = rule.code.strip_prefix("INV").expect("codes start with INV");
        assert!(
            digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit()),
            "{}",
            rule.code
        );
        assert!(
            rule.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{} is not kebab-case",
            rule.name
        );
        assert!(!rule.summary.is_empty());
    }
}

#[test]
fn docs_rules_md_is_generated_from_the_rules() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let generated = invlint::checks::rules_markdown();
    if std::env::var_os("INVLINT_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is stale: run `cargo run -- rules --markdown > docs/rules.md` (or INVLINT_UPDATE_DOCS=1 cargo test)"
    );
}
