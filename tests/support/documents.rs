//! What the tests of the single-pass parsers share: every document of one extension the
//! project holds.

use std::path::{Path, PathBuf};

/// Every file ending in `.extension` under the fixtures, the examples, the tests'
/// documents, the fuzz seeds and saved inputs, and the wild corpus beside the project.
pub fn documents_with_extension(extension: &str) -> Vec<PathBuf> {
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
