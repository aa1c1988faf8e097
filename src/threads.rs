//! rayon's global pool of threads, set up the same way wherever the library first needs
//! it: by the engine for a run of many documents, or by the checks for one large document.

/// Makes sure the global pool exists, its workers with the main thread's 8 MiB of stack,
/// as a single-file run has: a check never has less stack on a worker than on the main
/// thread. Cheap once the pool exists.
pub fn ensure_pool() {
    // An error only says that the pool was already built, which is what is wanted.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(8 * 1024 * 1024)
        .build_global();
}

/// Drops `value` on one of the pool's threads, and returns at once: for a value whose drop
/// takes long, like the tree of a 50 MB list (a million nodes, each freed on its own). A
/// process that ends before the drop does leaves the memory to the kernel, which is the
/// point: a one-document run no longer waits for it before it reports.
pub fn drop_aside<T: Send + 'static>(value: T) {
    ensure_pool();
    rayon::spawn(move || drop(value));
}
