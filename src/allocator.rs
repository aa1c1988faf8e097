//! The binary's allocator: mimalloc instead of the system's. The library leaves the
//! allocator to its caller; this is the command line's choice, made by the `mimalloc`
//! feature (on by default). Without it the system's allocator is used as it comes.
//!
//! A run allocates per document on every worker and frees on one thread what another
//! made. With glibc's allocator that was a sixth of a run's instructions, with lock waits
//! besides, and on a 50 MB list document its consolidating and trimming took more time
//! than the parse. bench/README.md has the side-by-side runs.

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`, by its place in the `mi_option_e` enumeration of
/// the mimalloc.h that libmimalloc-sys 0.1.49 builds, which the crate's bindings do not
/// name.
#[cfg(feature = "mimalloc")]
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Sets the allocator up, first thing in `main`.
///
/// Pages are of the ordinary size. mimalloc asks the kernel for transparent huge pages,
/// which made one 50 MB list a quarter faster, but the kernel may stop to compact memory
/// before it hands one out: the same 10 MB document of tiny elements took 4.4 s in one run
/// and 8.8 s and 10.0 s in others, where with ordinary pages it took 4.2 to 4.7 s every
/// time. And over many files each thread's heap held whole 2 MiB pages, so that peak
/// memory was 35 to 48 MiB at 10,000 files and 47 to 52 at 100,000.
///
/// Freed memory goes back to the kernel after 10 ms rather than mimalloc's second, so
/// that a run's peak memory stays flat in the number of files: 15 to 16 MiB at 10,000
/// files and 16 to 18 at 100,000, where with a second's delay 100,000 files peaked at 19
/// to 29 MiB, a run that long holding more of what it had freed. It costs 100,000 files
/// about 5% of their time, in system calls. Set only once a run's inputs were known, the
/// delay held 100,000 files at 18 to 26 MiB: it is set here.
pub fn set_at_start() {
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and changes only how the kernel
    // backs the pages this process touches from now on; no memory is read or written.
    #[cfg(all(feature = "mimalloc", target_os = "linux"))]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    // SAFETY: setting an option is a plain store that mimalloc allows at any time.
    #[cfg(feature = "mimalloc")]
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 10)
    };
}

/// A `check` run of one document (a large list, a pre-commit run) keeps the memory it
/// frees: a run that ends within a second only paid for giving pages back and faulting
/// them in again, zeroed (12% of the 50 MB list's time, measured while huge pages were on).
pub fn keep_freed_memory() {
    // SAFETY: setting an option is a plain store that mimalloc allows at any time.
    #[cfg(feature = "mimalloc")]
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, -1)
    };
}
