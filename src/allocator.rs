//! The binary's allocator: mimalloc instead of the system's. The library leaves the
//! allocator to its caller; this is the command line's choice.
//!
//! A run allocates per document on every worker and frees on one thread what another
//! made. With glibc's allocator that was a sixth of a run's instructions, with lock waits
//! besides, and on a 50 MB list document its consolidating and trimming took more time
//! than the parse. bench/README.md has the side-by-side runs.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`, by its place in the `mi_option_e` enumeration of
/// the mimalloc.h that libmimalloc-sys 0.1.49 builds (v3), which the crate's bindings do
/// not name.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory stays with the process for the rest of a `check` run instead of being
/// handed back to the kernel after a delay: a run that ends in a second or less only
/// paid for giving pages back and faulting them in again, zeroed (the 50 MB list spent
/// 12% of its time there). A long-lived process, the language server, keeps the default.
pub fn keep_freed_memory() {
    // SAFETY: setting an option is a plain store that mimalloc allows at any time.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
}
