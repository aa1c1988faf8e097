//! `cargo bench`: parse plus lint of one document of each kind (XML, JSON, the HTTP form,
//! a list), in process, without start-up. A plain harness: each case runs in batches for
//! about a second and prints the median time per document. Whole-process, whole-corpus
//! and memory figures come from `bench/run.sh`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use invlint::{LintOptions, check_bytes};

const CASES: &[(&str, &str)] = &[
    (
        "xml body",
        "fixtures/oss/unknown-element/valid_every_element.xml",
    ),
    (
        "json body",
        "fixtures/oss/unknown-element/valid_every_element.json",
    ),
    (
        "http form",
        "fixtures/oss/seeds/put_bucket_inventory_sample.http",
    ),
    (
        "list (2 configurations)",
        "fixtures/oss/required-element/valid_list.xml",
    ),
    (
        "list (100 configurations)",
        "fixtures/oss/list-page-size/valid_100_configurations.json",
    ),
    (
        "xml with findings",
        "fixtures/oss/seeds/put_bucket_inventory_request_syntax.xml",
    ),
];

fn main() {
    let options = LintOptions::default();
    // `cargo bench -- NAME` runs only the cases whose name contains NAME.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    println!(
        "{:<28} {:>12} {:>12} {:>10}",
        "case", "median", "bytes", "MB/s"
    );
    for (name, path) in CASES {
        if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&full).expect("benchmark inputs are fixtures");
        let median = measure(|| {
            let report = check_bytes(path, bytes.clone(), &options);
            black_box(report.diagnostics.len());
        });
        let mb_per_s = bytes.len() as f64 / median.as_secs_f64() / 1e6;
        println!(
            "{name:<28} {:>10.1}µs {:>12} {mb_per_s:>10.1}",
            median.as_secs_f64() * 1e6,
            bytes.len()
        );
    }
}

/// The median time of one call, over batches sized to take about 10 ms each.
fn measure(mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    let mut calls = 0u32;
    while start.elapsed() < Duration::from_millis(100) {
        f();
        calls += 1;
    }
    let per_batch = (calls / 10).max(1);
    let mut samples = Vec::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(1) || samples.len() < 5 {
        let batch = Instant::now();
        for _ in 0..per_batch {
            f();
        }
        samples.push(batch.elapsed() / per_batch);
    }
    samples.sort();
    samples[samples.len() / 2]
}
