//! The fuzz targets' functions (`invlint::fuzzing`) on stable, over every seed the fuzzer
//! starts from and every input it ever saved (`fuzz/regressions/TARGET/`), so `cargo
//! test` keeps what fuzzing found fixed without a nightly toolchain.

use std::path::{Path, PathBuf};

fn files(dirs: &[PathBuf], extensions: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack: Vec<PathBuf> = dirs.iter().filter(|d| d.is_dir()).cloned().collect();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if extensions.is_empty()
                || path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| extensions.contains(&e))
                || extensions
                    .iter()
                    .any(|e| path.file_name().and_then(|n| n.to_str()) == Some(e))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The seed folders: the fixtures, the examples, the tests' own documents, and the wild
/// corpus beside the project when it is there.
fn seed_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = ["fixtures", "examples", "tests"]
        .iter()
        .map(|d| root().join(d))
        .collect();
    dirs.push(root().join("../shared/corpus/wild"));
    dirs
}

fn run(target: &str, extensions: &[&str], function: fn(&[u8])) -> usize {
    let mut inputs = files(&seed_dirs(), extensions);
    let own = [
        root().join("fuzz/seeds").join(target),
        root().join("fuzz/regressions").join(target),
    ];
    inputs.extend(files(&own, &[]));
    for input in &inputs {
        let bytes = std::fs::read(input).unwrap();
        // A panic names the input that made it.
        let result = std::panic::catch_unwind(|| function(&bytes));
        assert!(result.is_ok(), "{target} fails on {}", input.display());
    }
    inputs.len()
}

#[test]
fn the_xml_target_passes_its_seeds_and_saved_inputs() {
    assert!(run("xml", &["xml"], invlint::fuzzing::xml) > 100);
}

#[test]
fn the_xml_differential_target_passes_its_seeds_and_saved_inputs() {
    assert!(
        run(
            "xml_differential",
            &["xml"],
            invlint::fuzzing::xml_differential
        ) > 100
    );
}

#[test]
fn the_json_differential_target_passes_its_seeds_and_saved_inputs() {
    assert!(
        run(
            "json_differential",
            &["json"],
            invlint::fuzzing::json_differential
        ) > 50
    );
}

#[test]
fn the_json_target_passes_its_seeds_and_saved_inputs() {
    assert!(run("json", &["json"], invlint::fuzzing::json) > 50);
}

#[test]
fn the_http_target_passes_its_seeds_and_saved_inputs() {
    assert!(run("http", &["http"], invlint::fuzzing::http) > 10);
}

#[test]
fn the_configuration_target_passes_its_seeds_and_saved_inputs() {
    assert!(
        run(
            "configuration",
            &["invlint.toml"],
            invlint::fuzzing::configuration
        ) >= 4
    );
}

#[test]
fn the_whole_run_target_passes_pairs_of_examples_and_saved_inputs() {
    let examples = files(&[root().join("examples")], &["xml", "json", "http"]);
    for pair in examples.windows(2) {
        let mut bytes = std::fs::read(&pair[0]).unwrap();
        bytes.push(0);
        bytes.extend(std::fs::read(&pair[1]).unwrap());
        invlint::fuzzing::whole_run(&bytes);
    }
    run("whole_run", &["__none__"], invlint::fuzzing::whole_run);
}

/// Found by the xml target (2026-12-01): a StorageClass list of over a thousand empty
/// items gave the library's one-file call (`check_bytes`) every finding, past the limit of
/// a thousand per file that a run applies. The expected findings: the first thousand
/// and one INV036 that counts the rest.
#[test]
fn the_library_bounds_a_files_findings_as_a_run_does() {
    let path =
        root().join("fuzz/regressions/xml/more-than-a-thousand-findings-through-the-library.xml");
    let report = invlint::check_bytes(
        "a.xml",
        std::fs::read(path).unwrap(),
        &invlint::LintOptions::default(),
    );
    let limit = invlint::engine::filter::MAX_FINDINGS_PER_FILE;
    assert_eq!(report.diagnostics.len(), limit + 1);
    let last = report.diagnostics.last().unwrap();
    assert_eq!(last.rule.code, "INV036");
    assert!(
        last.message.ends_with(
            "more findings in this file are not shown: invlint shows at most 1000 per file"
        ),
        "{}",
        last.message
    );
}
