//! The public corpus in `../shared/corpus/wild/`: documents from the providers' SDK test
//! suites and references, each with an expected verdict in `index.tsv`. Each is checked as
//! a user's file would be (the built binary, no configuration, the provider detected):
//! a `valid` document gets no error, an `invalid` one at least one error, and a
//! `disputed` one exits 0 or 1 (never a crash, never exit 3).

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/wild")
}

struct Row {
    file: String,
    expected: String,
    why: String,
}

fn rows() -> Vec<Row> {
    let index = corpus().join("index.tsv");
    let text = std::fs::read_to_string(&index)
        .unwrap_or_else(|e| panic!("{}: {e} (the corpus lives in ../shared)", index.display()));
    text.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let columns: Vec<&str> = line.split('\t').collect();
            assert_eq!(
                columns.len(),
                6,
                "a row of index.tsv has six columns: {line}"
            );
            Row {
                file: columns[0].to_string(),
                expected: columns[4].to_string(),
                why: columns[5].to_string(),
            }
        })
        .collect()
}

#[test]
fn every_corpus_document_gets_its_verdict() {
    let rows = rows();
    assert!(rows.len() >= 36, "the corpus has {} rows", rows.len());
    let mut wrong = Vec::new();
    let mut tally = std::collections::BTreeMap::<&str, (usize, usize)>::new();
    for row in &rows {
        let output = Command::new(env!("CARGO_BIN_EXE_invlint"))
            .current_dir(corpus())
            .args(["check", "--isolated", "--format", "concise", &row.file])
            .output()
            .expect("invlint runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let errors = stdout.lines().filter(|l| l.contains(": error: ")).count();
        let code = output.status.code();
        let right = match row.expected.as_str() {
            "valid" => errors == 0 && code == Some(0),
            "invalid" => errors > 0 && code == Some(1),
            "disputed" => matches!(code, Some(0 | 1)),
            other => panic!("{}: unknown verdict `{other}`", row.file),
        };
        let entry = tally.entry(row.expected.as_str()).or_default();
        entry.0 += 1;
        if right {
            entry.1 += 1;
        } else {
            wrong.push(format!(
                "{} ({}, exit {code:?}): {}\n{stdout}{}",
                row.file,
                row.expected,
                row.why,
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    eprintln!("corpus: {tally:?} (verdict: (rows, right))");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
