//! What the tests of the single-pass parsers share: both ways in compared on every
//! document of one extension the project holds, and on variants of each.

use std::path::{Path, PathBuf};

/// Every file ending in `.extension` under the fixtures, the examples, the tests'
/// documents, the fuzz seeds and saved inputs, and the wild corpus beside the project.
fn documents_with_extension(extension: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for dir in [
        "fixtures",
        "examples",
        "tests",
        "fuzz/seeds",
        "fuzz/regressions",
        "../shared/corpus/wild",
    ] {
        walk(&root.join(dir), extension, &mut found);
    }
    found
}

fn walk(dir: &Path, extension: &str, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, extension, found);
        } else if path.extension().is_some_and(|e| e == extension) {
            found.push(path);
        }
    }
}

/// How many documents of one extension a parser's fast path took, of how many read, and
/// how many of their variants it took.
pub struct Taken {
    pub documents: usize,
    pub read: usize,
    pub variants: usize,
}

/// Runs `agree` over every document of `extension` and every variant of each. `agree`
/// compares the two ways in on a named text (failing the test when they differ) and
/// answers whether the fast path took it.
pub fn compare_both_ways(
    extension: &str,
    agree: impl Fn(&str, &str) -> bool,
    variants: impl Fn(&str) -> Vec<String>,
) -> Taken {
    let mut taken = Taken {
        documents: 0,
        read: 0,
        variants: 0,
    };
    for path in documents_with_extension(extension) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path.display().to_string();
        taken.read += 1;
        taken.documents += usize::from(agree(&name, &text));
        for variant in variants(&text) {
            taken.variants += usize::from(agree(&name, &variant));
        }
    }
    eprintln!(
        "{} of {} documents and {} variants took the subset path",
        taken.documents, taken.read, taken.variants
    );
    taken
}
