//! `cargo bench --bench allocations`: how many heap allocations, and how many bytes, one
//! document costs from bytes to findings (`check_bytes`), counted by a global allocator
//! that wraps the system's. Counts, unlike times, do not depend on the machine's load, so
//! one run is the figure. Each document is checked once first, so that what is made once
//! per process (the provider tables, compiled patterns) is not counted against it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};

use invlint::{LintOptions, check_bytes};

struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; the counters are
// only added to.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size() as u64, Ordering::Relaxed);
        // SAFETY: the caller's layout is passed on as it came.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` through `alloc` or `realloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(new_size as u64, Ordering::Relaxed);
        // SAFETY: as for `dealloc`, and `new_size` is the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const CASES: &[(&str, &str)] = &[
    (
        "clean xml (1 KB)",
        "fixtures/oss/required-element/valid_minimal.xml",
    ),
    (
        "clean xml, every element",
        "fixtures/oss/unknown-element/valid_every_element.xml",
    ),
    (
        "clean json, every element",
        "fixtures/oss/unknown-element/valid_every_element.json",
    ),
    (
        "xml with findings",
        "fixtures/oss/seeds/put_bucket_inventory_request_syntax.xml",
    ),
    (
        "list (100 configurations)",
        "fixtures/oss/list-page-size/valid_100_configurations.xml",
    ),
];

fn main() {
    let options = LintOptions::default();
    println!(
        "{:<28} {:>8} {:>14} {:>14} {:>14}",
        "case", "bytes", "allocations", "bytes asked", "per input KB"
    );
    for (name, path) in CASES {
        let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&full).expect("benchmark inputs are fixtures");
        black_box(check_bytes(path, bytes.clone(), &options));
        let input = bytes.clone();
        let (count, asked) = counted(|| {
            black_box(check_bytes(path, input, &options));
        });
        println!(
            "{name:<28} {:>8} {count:>14} {asked:>14} {:>14.0}",
            bytes.len(),
            count as f64 / (bytes.len() as f64 / 1024.0)
        );
    }
}

/// The allocations and bytes asked for while `f` runs.
fn counted(f: impl FnOnce()) -> (u64, u64) {
    let (count, asked) = (
        ALLOCATIONS.load(Ordering::Relaxed),
        BYTES.load(Ordering::Relaxed),
    );
    f();
    (
        ALLOCATIONS.load(Ordering::Relaxed) - count,
        BYTES.load(Ordering::Relaxed) - asked,
    )
}
