//! Reads every file under the given paths and parses it (XML with roxmltree, JSON with
//! jsonc-parser, as invlint does), nothing else, on all cores. Prints the count of files,
//! bytes and parse failures so that the work cannot be optimised away.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

fn files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        entries.sort();
        for entry in entries {
            files(&entry, out);
        }
    } else {
        out.push(path.to_path_buf());
    }
}

fn main() {
    let mut all = Vec::new();
    for arg in std::env::args().skip(1) {
        files(Path::new(&arg), &mut all);
    }
    let (bytes, failures) = all
        .par_iter()
        .map(|path| {
            let Ok(text) = std::fs::read_to_string(path) else { return (0, 1) };
            let ok = if path.extension().is_some_and(|e| e == "json") {
                jsonc_parser::parse_to_ast(&text, &Default::default(), &Default::default()).is_ok()
            } else {
                roxmltree::Document::parse(&text).is_ok()
            };
            (text.len(), usize::from(!ok))
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!("{} files, {bytes} bytes, {failures} not parsed", all.len());
}
