//! What the fuzz targets run (`fuzz/`, cargo-fuzz on nightly), here so that a test on
//! stable (`tests/fuzz_corpus.rs`) runs the same functions over the seeds and every saved
//! crash. Each takes any bytes, must never panic, hang or grow without bound, and checks
//! the invariants every output relies on; a broken invariant is a panic, which the
//! fuzzer reports.

use crate::render::{self, OutputFormat, RenderOptions};
use crate::report::FileReport;
use crate::{LintOptions, check_bytes, engine};

/// An XML body, checked as a whole file is.
pub fn xml(data: &[u8]) {
    one_file("fuzz.xml", data);
}

/// The XML body through both ways in: wherever the single-pass subset parser gives a
/// tree, roxmltree must accept the text and the lowering must give the same tree.
pub fn xml_differential(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = crate::source::SourceFile::new("fuzz.xml", text.to_string());
    let (subset, roxmltree) =
        crate::syntax::xml::both_ways(&source, source.bom_len(), &crate::provider::known_name);
    let Some(subset) = subset else {
        return;
    };
    match roxmltree {
        Ok(tree) => assert_eq!(
            format!("{subset:?}"),
            format!("{tree:?}"),
            "the two ways in give different trees"
        ),
        Err(error) => panic!("the subset parser took a text roxmltree refuses: {error:?}"),
    }
}

/// The JSON body through both ways in: wherever the single-pass subset parser gives a
/// tree, jsonc-parser must accept the text without recovering anything, and its lowering
/// must give the same tree.
pub fn json_differential(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = crate::source::SourceFile::new("fuzz.json", text.to_string());
    let (subset, jsonc) =
        crate::syntax::json::both_ways(&source, source.bom_len(), &crate::provider::known_name);
    let Some(subset) = subset else {
        return;
    };
    match jsonc {
        Ok(tree) => {
            assert!(
                tree.recovered.is_empty(),
                "the subset parser took a text jsonc-parser had to recover"
            );
            assert_eq!(
                format!("{subset:?}"),
                format!("{tree:?}"),
                "the two ways in give different trees"
            );
        }
        Err(error) => panic!("the subset parser took a text jsonc-parser refuses: {error:?}"),
    }
}

/// A JSON body.
pub fn json(data: &[u8]) {
    one_file("fuzz.json", data);
}

/// An HTTP request with its body.
pub fn http(data: &[u8]) {
    one_file("fuzz.http", data);
}

/// An `invlint.toml`: loaded, or a report of its mistakes whose spans hold. Rendering the
/// report is left to `whole_run`: every format of a configuration's report is the same
/// code as a document's, and rendering SARIF's rule descriptors each time cost this
/// target 90% of its speed.
pub fn configuration(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(report) =
        crate::config::from_text(std::path::Path::new("/fuzz/invlint.toml"), text.to_string())
    {
        spans_hold(&report);
    }
}

/// A whole run: the bytes split at each `\0` into up to four files (XML, JSON, HTTP,
/// XML), checked together with the checks across files and the safe fixes, then every
/// output format rendered and parsed back.
pub fn whole_run(data: &[u8]) {
    let names = ["a.xml", "b.json", "c.http", "d.xml"];
    let documents = data
        .split(|b| *b == 0)
        .zip(names)
        .map(|(bytes, name)| engine::Document {
            name: name.to_string(),
            path: None,
            content: engine::Content::Bytes(bytes.to_vec()),
            settings: engine::FileSettings {
                options: LintOptions {
                    bucket: Some("fuzz".to_string()),
                    ..LintOptions::default()
                },
                ..engine::FileSettings::default()
            },
        })
        .collect();
    let options = engine::RunOptions {
        fix: Some(crate::fix::Mode::Unsafe),
        ..engine::RunOptions::default()
    };
    let outcome = engine::run(documents, &[], &options);
    assert!(
        outcome.internal_errors.is_empty(),
        "{:?}",
        outcome.internal_errors
    );
    for report in &outcome.reports {
        spans_hold(report);
    }
    every_output_parses(&outcome.reports);
}

fn one_file(name: &str, data: &[u8]) {
    let report = check_bytes(name, data.to_vec(), &LintOptions::default());
    spans_hold(&report);
    assert!(
        report.diagnostics.len() <= engine::filter::MAX_FINDINGS_PER_FILE + 1,
        "the finding limit holds"
    );
    // Positions of every finding, as every output computes them.
    for d in &report.diagnostics {
        let start = report.source.line_col(d.primary.span.start());
        let end = report.source.line_col(d.primary.span.end());
        assert!(start <= end, "{start:?} after {end:?}");
    }
}

/// Every span of every finding lies in the text, on character boundaries, start before
/// end: what each renderer slices by.
fn spans_hold(report: &FileReport) {
    let text = &report.source.text;
    let check = |span: crate::diagnostic::Span, what: &str| {
        assert!(
            span.start() <= span.end() && span.end() <= text.len(),
            "{what} {span:?} in {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()),
            "{what} {span:?} splits a character"
        );
    };
    for d in &report.diagnostics {
        check(d.primary.span, "primary");
        for label in &d.secondary {
            check(label.span, "label");
        }
        if let Some(fix) = &d.fix {
            for edit in &fix.edits {
                check(edit.span, "fix");
            }
        }
    }
}

/// Every format renders, and the machine-read ones parse: JSON, SARIF and GitLab as JSON,
/// JUnit as XML.
fn every_output_parses(reports: &[FileReport]) {
    let options = RenderOptions::default();
    for format in [
        OutputFormat::Full,
        OutputFormat::Concise,
        OutputFormat::Github,
    ] {
        let _ = render::render(format, reports, &options);
    }
    for format in [
        OutputFormat::Json,
        OutputFormat::Sarif,
        OutputFormat::Gitlab,
    ] {
        let text = render::render(format, reports, &options);
        // Read as JSON without building a tree: only whether it parses is checked.
        if let Err(error) = serde_json::from_str::<serde::de::IgnoredAny>(&text) {
            panic!("{format:?} is not JSON: {error}");
        }
    }
    let junit = render::render(OutputFormat::Junit, reports, &options);
    if let Err(error) = roxmltree::Document::parse(&junit) {
        panic!("JUnit is not XML: {error}");
    }
}
