//! The single-pass JSON parser against the jsonc-parser path, on every JSON document the
//! project holds (fixtures, examples, the tests' documents, the wild corpus beside the
//! project, the fuzz seeds and saved inputs) and on made variants of each: wherever the
//! subset parser gives a tree, it is the tree the jsonc-parser path gives, spans, values
//! and kinds. And most real documents are in the subset, or it would be no faster.

#[path = "support/documents.rs"]
mod documents;

use invlint::source::SourceFile;
use invlint::syntax::json;

/// Compares the two ways on one text; whether the subset parser took it.
fn agree(name: &str, text: &str) -> bool {
    let source = SourceFile::new(name, text.to_string());
    let start = source.bom_len();
    let (subset, jsonc) = json::both_ways(&source, start, &invlint::provider::known_name);
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
    let taken = documents::compare_both_ways("json", agree, variants);
    let (taken, real) = (taken.documents, taken.read);
    assert!(real > 50, "only {real} documents found");
    assert!(
        taken * 2 > real,
        "only {taken} of {real} took the subset path"
    );
}

#[test]
fn texts_at_the_edges_of_the_subset_agree() {
    // Each text, and whether it takes the fast path: what the subset is for does, what
    // jsonc-parser must judge does not.
    let cases = [
        ("{}", true),
        (" { } ", true),
        ("{\"a\": 1}", true),
        ("{\"a\": -0, \"b\": 0, \"c\": 120, \"d\": -7}", true),
        ("{\"a\": true, \"b\": false, \"c\": null}", true),
        ("{\"a\": \"\", \"\": \"b\"}", true),
        ("{\"a\": {\"b\": {\"c\": \"d\"}}}", true),
        ("{\"a\": [], \"b\": [1, \"x\", {\"c\": 2}, null]}", true),
        ("{\"a\": \"x\", \"a\": \"y\"}", true),
        ("{\"a\": \"é😀\"}", true),
        ("{\"IsEnabled\": true, \"Id\": \"report\"}", true),
        ("{\"a\":1,\"b\":[2,3]}", true),
        ("{\r\n\t\"a\" : 1\r\n}", true),
        ("{\"a\": [[1]]}", false),
        ("{\"a\": 1.5}", false),
        ("{\"a\": 1e3}", false),
        ("{\"a\": 01}", false),
        ("{\"a\": -}", false),
        ("{\"a\": +1}", false),
        ("{\"a\": \"x\\\"y\"}", false),
        ("{\"a\": \"x\ty\"}", false),
        ("{\"a\": 1,}", false),
        ("{\"a\": [1,]}", false),
        ("{\"a\": 1} // c", false),
        ("{/* c */\"a\": 1}", false),
        ("{a: 1}", false),
        ("{'a': 1}", false),
        ("{\"a\": True}", false),
        ("{\"a\": nul}", false),
        ("{\"a\": 1 \"b\": 2}", false),
        ("{\"a\" 1}", false),
        ("{\"a\": 1}}", false),
        ("{\"a\": 1} {}", false),
        ("[{\"a\": 1}]", false),
        ("\"a\"", false),
        ("", false),
        ("{", false),
        ("{\"a\": ", false),
        ("{\"a\": \"x", false),
        ("\u{a0}{}", false),
        ("{\"a\":\u{a0}1}", false),
    ];
    for (text, taken) in cases {
        assert_eq!(agree(text, text), taken, "{text:?}");
    }
    let deep = |n: usize| format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n));
    let limit = invlint::syntax::json_subset::MAX_SUBSET_DEPTH;
    assert!(agree("deep", &deep(limit)));
    assert!(!agree("too deep", &deep(limit + 1)));
}
