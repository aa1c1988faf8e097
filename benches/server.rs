//! `cargo bench --bench server`: how long `invlint server` takes to answer a change with
//! diagnostics, measured as an editor sees it: from the moment the client has written a
//! `didChange` to the moment it has read the `publishDiagnostics` for that version, over
//! the built binary's stdin and stdout. Each case opens a 100-configuration list document
//! and changes it 60 times, each change alternately adding and removing one mistake, so
//! that every answer is a fresh check whose findings differ from the last.

#[path = "../tests/support/lsp_client.rs"]
mod lsp_client;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lsp_client::Client;
use serde_json::json;

/// Changes per case; the first few warm the caches and are not counted.
const CHANGES: usize = 60;
const WARM_UP: usize = 5;

/// Each case: its name, the list document, and how many other documents lie beside it on
/// disk (the checks across files read them on every check).
const CASES: &[(&str, &str, usize)] = &[
    (
        "xml list, alone",
        "fixtures/oss/list-page-size/valid_100_configurations.xml",
        0,
    ),
    (
        "json list, alone",
        "fixtures/oss/list-page-size/valid_100_configurations.json",
        0,
    ),
    (
        "xml list, 100 files beside",
        "fixtures/oss/list-page-size/valid_100_configurations.xml",
        100,
    ),
];

fn main() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    println!(
        "{:<28} {:>8} {:>10} {:>10} {:>10}",
        "case", "changes", "median", "p90", "max"
    );
    for (name, document, beside) in CASES {
        if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let mut times = answer_times(document, *beside);
        times.sort();
        let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
        println!(
            "{name:<28} {:>8} {:>8.1}ms {:>8.1}ms {:>8.1}ms",
            times.len(),
            millis(at(0.5)),
            millis(at(0.9)),
            millis(at(1.0)),
        );
    }
}

/// The time from each change to its diagnostics, after the warm-up.
fn answer_times(document: &str, beside: usize) -> Vec<Duration> {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join(document);
    let text = std::fs::read_to_string(&source).expect("benchmark inputs are fixtures");
    let dir = workspace(&source, beside);
    let name = source.file_name().unwrap().to_str().unwrap();
    let uri = format!("file://{}", dir.join(name).display());
    // One lower-case frequency is one finding (INV011) with a fix, and no other change.
    let mistaken = text.replacen("Daily", "daily", 1);
    assert_ne!(mistaken, text, "the document has a frequency to change");

    let mut client = Client::start(&dir);
    client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": format!("file://{}", dir.display()),
            "workspaceFolders": [{"uri": format!("file://{}", dir.display()), "name": "bench"}],
            "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
        }),
    );
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "xml", "version": 1, "text": text}}),
    );
    assert!(
        client.diagnostics(&uri, 1).is_empty(),
        "{document} is valid"
    );

    let mut times = Vec::new();
    for change in 0..CHANGES {
        let version = change as i64 + 2;
        let with_mistake = change % 2 == 0;
        let body = if with_mistake { &mistaken } else { &text };
        let start = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": body}],
            }),
        );
        let diagnostics = client.diagnostics(&uri, version);
        let elapsed = start.elapsed();
        // An answer that missed the change would be measured as fast and wrong.
        assert_eq!(
            diagnostics.len(),
            usize::from(with_mistake),
            "{diagnostics:?}"
        );
        if change >= WARM_UP {
            times.push(elapsed);
        }
    }
    client.shut_down();
    times
}

/// A fresh workspace holding the document and `beside` single-configuration documents of
/// other buckets' names, so the checks across files have files to read.
fn workspace(document: &Path, beside: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("server-bench-{beside}"));
    let _ = std::fs::remove_dir_all(&dir);
    // Its own repository, so that the project's `.gitignore` does not hide it.
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::copy(document, dir.join(document.file_name().unwrap())).unwrap();
    let single = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/oss/unknown-element/valid_every_element.xml");
    let single = std::fs::read_to_string(single).expect("the fixture exists");
    for i in 0..beside {
        let other = dir.join(format!("other-{i}"));
        std::fs::create_dir_all(&other).unwrap();
        std::fs::write(
            other.join("inventory.xml"),
            single.replacen("report-full", &format!("other{i}"), 1),
        )
        .unwrap();
    }
    dir.canonicalize().unwrap()
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}
