//! Every rule's documentation carries examples that are run here. An `invalid` example
//! must give its rule's findings and no other rule's (but those its fence lists with
//! `also=CODE,...`, findings its mistake cannot help causing); a `valid` one must give no
//! finding at all. An example marked `fragment` shows only the elements it is about: the
//! harness completes it first with whatever its containers lack from the provider's
//! minimal valid document (`fixtures/<provider>/required-element/valid_minimal.*`), so a
//! fragment is checked as the whole document a user would write.

use invlint::checks::{ALL_RULES, Rule};
use invlint::provider::by_id;
use invlint::source::SourceFile;
use invlint::syntax::tree::Node;
use invlint::{LintOptions, check_all};

struct Example {
    language: String,
    valid: bool,
    /// The provider the example is checked against; `None` lets invlint detect it.
    provider: Option<String>,
    /// Shows only some elements; completed from the minimal valid document first.
    fragment: bool,
    /// Other rules an invalid example cannot help triggering.
    also: Vec<String>,
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
                    // Later words: a provider (`oss`, `obs`, `s3`; OSS when none is
                    // named) or `detect`, `fragment`, and `also=CODE,...`.
                    let mut example = Example {
                        language,
                        valid: kind == "valid",
                        provider: Some("oss".to_string()),
                        fragment: false,
                        also: Vec::new(),
                        text: String::new(),
                    };
                    for word in words {
                        match word {
                            "detect" => example.provider = None,
                            "fragment" => example.fragment = true,
                            _ if word.starts_with("also=") => {
                                example.also = word["also=".len()..]
                                    .split(',')
                                    .map(str::to_string)
                                    .collect();
                            }
                            id => {
                                assert!(
                                    by_id(id).is_some(),
                                    "{}: ```{info} names no provider `{id}`",
                                    rule.code
                                );
                                example.provider = Some(id.to_string());
                            }
                        }
                    }
                    current = Some(example);
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
        // The per-file limit takes a thousand findings to show; its docs say so, and a
        // command-line test makes one.
        if matches!(rule.kind, invlint::checks::RuleKind::Limit) {
            assert!(
                rule.documentation().contains("No example fits here"),
                "{}",
                rule.code
            );
            continue;
        }
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
                let mut files = files(&name, &example.text);
                if example.fragment {
                    files = complete(files, &options);
                }
                check_all(files, &options)
            };
            let fired: std::collections::BTreeSet<&str> = reports
                .iter()
                .flat_map(|r| &r.diagnostics)
                .map(|d| d.rule.code)
                .collect();
            let expected: std::collections::BTreeSet<&str> = if example.valid {
                Default::default()
            } else {
                std::iter::once(rule.code)
                    .chain(example.also.iter().map(String::as_str))
                    .collect()
            };
            assert_eq!(
                fired,
                expected,
                "{} {}: the {} example gives the wrong findings:\n{}\nfindings: {:#?}",
                rule.code,
                rule.name,
                if example.valid { "valid" } else { "invalid" },
                example.text,
                reports
                    .iter()
                    .flat_map(|r| &r.diagnostics)
                    .map(|d| format!("{}: {}", d.rule.code, d.message))
                    .collect::<Vec<_>>()
            );
        }
    }
}

/// A fragment made a whole document: every container of each file gets the children it
/// lacks, copied from the same container of the provider's minimal valid document in the
/// same syntax. A file whose provider cannot be told is left as it is.
fn complete(files: Vec<(String, Vec<u8>)>, options: &LintOptions) -> Vec<(String, Vec<u8>)> {
    files
        .into_iter()
        .map(|(name, bytes)| {
            let text = String::from_utf8(bytes).expect("examples are UTF-8");
            let report = invlint::check_bytes(&name, text.clone().into_bytes(), options);
            let Some(choice) = &report.provider else {
                return (name, text.into_bytes());
            };
            let source = SourceFile::new(name.clone(), text.clone());
            let Ok(parsed) = invlint::syntax::parse(&source, &|_| None) else {
                return (name, text.into_bytes());
            };
            let json = parsed.document.format == invlint::syntax::tree::Format::Json;
            let template_path = format!(
                "{}/fixtures/{}/required-element/valid_minimal.{}",
                env!("CARGO_MANIFEST_DIR"),
                choice.schema.provider.id,
                if json { "json" } else { "xml" }
            );
            let template_text = std::fs::read_to_string(&template_path).expect("a template");
            let template_source = SourceFile::new("template", template_text.clone());
            let template = invlint::syntax::parse(&template_source, &|_| None)
                .expect("the template parses")
                .document
                .root;
            let roots: Vec<&str> = choice.schema.root_names().collect();
            let mut insertions = Vec::new();
            let mut stack = vec![&parsed.document.root];
            while let Some(node) = stack.pop() {
                stack.extend(node.children.iter());
                let Some(model) = model_for(&template, node, &roots) else {
                    continue;
                };
                let Some(at) = content_end(&text, node, json) else {
                    continue;
                };
                let mut added = String::new();
                for child in &model.children {
                    let present = node.children.iter().any(|c| c.name == child.name);
                    let already = added.contains(&format!("\"{}\"", child.name))
                        || added.contains(&format!("<{}>", child.name));
                    if present || already {
                        continue;
                    }
                    let piece = &template_text[child.span.range()];
                    if json {
                        // Array items are not members; their container is copied whole.
                        if !piece.starts_with('"') {
                            continue;
                        }
                        if !node.children.is_empty() || !added.is_empty() {
                            added.push_str(", ");
                        }
                    }
                    added.push_str(piece);
                }
                if !added.is_empty() {
                    insertions.push((at, added));
                }
            }
            insertions.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
            let mut completed = text;
            for (at, piece) in insertions {
                completed.insert_str(at, &piece);
            }
            (name, completed.into_bytes())
        })
        .collect()
}

/// The template's node for a fragment's node: the first template node of the same name
/// that holds children. A bare JSON template's unnamed root stands for the fragment's
/// unnamed root (unless that holds roots itself: a wrapper or a bare list) and for a node
/// named like one of the table's roots.
fn model_for<'t>(template: &'t Node, node: &Node, roots: &[&str]) -> Option<&'t Node> {
    let is_root = |name: &str| roots.contains(&name);
    if node.name.is_empty() {
        // A wrapper (`{"InventoryConfiguration": {...}}`) or a bare list
        // (`{"InventoryConfiguration": [...]}`) is not a configuration itself.
        let holds_roots = node.children.iter().any(|c| is_root(&c.name));
        return (!holds_roots).then_some(template);
    }
    let mut stack = vec![template];
    while let Some(candidate) = stack.pop() {
        if candidate.name == node.name && !candidate.children.is_empty() {
            return Some(candidate);
        }
        stack.extend(candidate.children.iter());
    }
    (template.name.is_empty() && is_root(&node.name)).then_some(template)
}

/// Where a container's content ends: before its end tag, or its closing brace.
fn content_end(text: &str, node: &Node, json: bool) -> Option<usize> {
    let whole = &text[node.span.range()];
    if json {
        return whole.rfind('}').map(|i| node.span.start() + i);
    }
    if whole.ends_with("/>") {
        return None;
    }
    whole.rfind("</").map(|i| node.span.start() + i)
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
    assert_generated("docs/rules.md", "rules", &invlint::checks::rules_markdown());
}

/// Fails when the committed page differs from what the command generates; with
/// INVLINT_UPDATE_DOCS set, writes it first.
fn assert_generated(page: &str, command: &str, generated: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(page);
    if std::env::var_os("INVLINT_UPDATE_DOCS").is_some() {
        std::fs::write(&path, generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{page} is stale: run `cargo run -- {command} --markdown > {page}` (or INVLINT_UPDATE_DOCS=1 cargo test)"
    );
}

#[test]
fn docs_providers_md_is_generated_from_the_tables() {
    let generated = invlint::provider::docs::markdown();
    assert_generated("docs/providers.md", "providers", &generated);
    // Every table has its section, and a variant lists only what it changes.
    for schema in invlint::provider::providers() {
        assert!(generated.contains(&format!("\n## {}\n", schema.provider.id)));
    }
    let coreweave = generated.split("\n## coreweave\n").nth(1).unwrap();
    let coreweave = coreweave.split("\n## ").next().unwrap();
    assert!(coreweave.contains("`TSV`"));
    assert!(!coreweave.contains("`InventoryConfiguration/Id`"));
}
