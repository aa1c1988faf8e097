//! The single-pass JSON parser against the jsonc-parser path, on every JSON document the
//! project holds (fixtures, examples, the tests' documents, the wild corpus beside the
//! project, the fuzz seeds and saved inputs) and on made variants of each: wherever the
//! subset parser gives a tree, it is the tree the jsonc-parser path gives, spans, values
//! and kinds. And most real documents are in the subset, or it would be no faster.

use std::path::{Path, PathBuf};

use invlint::source::SourceFile;
use invlint::syntax::json;

fn json_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            json_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "json") {
            found.push(path);
        }
    }
}

fn known(name: &str) -> Option<&'static str> {
    invlint::provider::known_name(name)
}

/// Compares the two ways on one text; whether the subset parser took it.
fn agree(name: &str, text: &str) -> bool {
    let source = SourceFile::new(name, text.to_string());
    let start = source.bom_len();
    let (subset, jsonc) = json::both_ways(&source, start, &known);
    let Some(subset) = subset else {
        return false;
    };
    let jsonc = jsonc.unwrap_or_else(|error| {
        panic!("{name}: the subset parser took a text jsonc-parser refuses: {error:?}\n{text}")
    });
    assert!(
        jsonc.recovered.is_empty(),
        "{name}: the subset parser took a text jsonc-parser had to recover\n{text}"
    );
    assert_eq!(
        format!("{subset:#?}"),
        format!("{jsonc:#?}"),
        "{name}: the trees differ\n{text}"
    );
    true
}

/// Variants of a document that stay in the subset or just leave it: each must agree too.
fn variants(text: &str) -> Vec<String> {
    vec![
        text.replace('\n', "\r\n"),
        text.replace(['\n', ' '], ""),
        text.replace("  ", "\t"),
        text.replace(": ", " :  "),
        text.replace(", ", " , "),
        text.replace("\": \"", "\": \"\\u0041"),
        text.replace("\"}", "\",}"),
        text.replace("}", "}/* c */"),
        text.replace("\": [", "\": [[1], "),
        text.replace("true", "1.5e3"),
        text.replacen('{', "\u{feff}{", 1),
        format!("{text} x"),
    ]
}

#[test]
fn the_subset_parser_builds_the_jsonc_paths_tree_wherever_it_takes_a_document() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        "fixtures",
        "examples",
        "tests",
        "fuzz/seeds",
        "fuzz/regressions",
    ] {
        json_files(&root.join(dir), &mut files);
    }
    json_files(&root.join("../shared/corpus/wild"), &mut files);
    let (mut taken, mut real) = (0, 0);
    let mut variants_taken = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let name = path.display().to_string();
        real += 1;
        if agree(&name, &text) {
            taken += 1;
        }
        for variant in variants(&text) {
            if agree(&name, &variant) {
                variants_taken += 1;
            }
        }
    }
    eprintln!("{taken} of {real} documents and {variants_taken} variants took the subset path");
    assert!(real > 50, "only {real} documents found");
    assert!(
        taken * 2 > real,
        "only {taken} of {real} took the subset path"
    );
}

#[test]
fn texts_at_the_edges_of_the_subset_agree() {
    let cases = [
        "{}",
        " { } ",
        "{\"a\": 1}",
        "{\"a\": -0, \"b\": 0, \"c\": 120, \"d\": -7}",
        "{\"a\": true, \"b\": false, \"c\": null}",
        "{\"a\": \"\", \"\": \"b\"}",
        "{\"a\": {\"b\": {\"c\": \"d\"}}}",
        "{\"a\": [], \"b\": [1, \"x\", {\"c\": 2}, null]}",
        "{\"a\": \"x\", \"a\": \"y\"}",
        "{\"a\": \"é😀\"}",
        "{\"IsEnabled\": true, \"Id\": \"report\"}",
        "{\"a\":1,\"b\":[2,3]}",
        "{\r\n\t\"a\" : 1\r\n}",
        "{\"a\": [[1]]}",
        "{\"a\": 1.5}",
        "{\"a\": 1e3}",
        "{\"a\": 01}",
        "{\"a\": -}",
        "{\"a\": +1}",
        "{\"a\": \"x\\\"y\"}",
        "{\"a\": \"x\ty\"}",
        "{\"a\": 1,}",
        "{\"a\": [1,]}",
        "{\"a\": 1} // c",
        "{/* c */\"a\": 1}",
        "{a: 1}",
        "{'a': 1}",
        "{\"a\": True}",
        "{\"a\": nul}",
        "{\"a\": 1 \"b\": 2}",
        "{\"a\" 1}",
        "{\"a\": 1}}",
        "{\"a\": 1} {}",
        "[{\"a\": 1}]",
        "\"a\"",
        "",
        "{",
        "{\"a\": ",
        "{\"a\": \"x",
        "\u{a0}{}",
        "{\"a\":\u{a0}1}",
    ];
    let mut taken = Vec::new();
    for case in cases {
        if agree(case, case) {
            taken.push(case);
        }
    }
    // What the subset is for takes the fast path; what jsonc-parser must judge does not.
    assert_eq!(
        taken,
        [
            "{}",
            " { } ",
            "{\"a\": 1}",
            "{\"a\": -0, \"b\": 0, \"c\": 120, \"d\": -7}",
            "{\"a\": true, \"b\": false, \"c\": null}",
            "{\"a\": \"\", \"\": \"b\"}",
            "{\"a\": {\"b\": {\"c\": \"d\"}}}",
            "{\"a\": [], \"b\": [1, \"x\", {\"c\": 2}, null]}",
            "{\"a\": \"x\", \"a\": \"y\"}",
            "{\"a\": \"é😀\"}",
            "{\"IsEnabled\": true, \"Id\": \"report\"}",
            "{\"a\":1,\"b\":[2,3]}",
            "{\r\n\t\"a\" : 1\r\n}",
        ]
    );
    let deep = |n: usize| format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n));
    let limit = invlint::syntax::json_subset::MAX_SUBSET_DEPTH;
    assert!(agree("deep", &deep(limit)));
    assert!(!agree("too deep", &deep(limit + 1)));
}
