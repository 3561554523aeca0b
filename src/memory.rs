//! Giving freed memory back to the system between the load's stages, and the allocator
//! settings that let it.
//!
//! The C allocator keeps what a program frees for its next requests, per thread arena. A load
//! frees large temporaries (each article's mentions before they are gathered, alignment's word
//! vectors and candidate buffers) on one thread and allocates the next stage's on others, so
//! without a trim the process's resident memory is the sum of every stage's, not the largest
//! (at 10,000 articles: 656 MiB peak instead of 550).
//!
//! The one module allowed `unsafe` (`tests/architecture.rs` checks it): calls into the C
//! library that take no pointers.

/// The C allocator's thresholds, fixed for a load: free memory at the top of a heap is given
/// back past `TRIM_THRESHOLD`, and blocks of `MMAP_THRESHOLD` and more are mapped on their own.
/// Left to glibc, both rise as large blocks are freed (up to 64 and 32 MiB), and a worker
/// thread's heap, which `malloc_trim` does not shorten, kept that much free at its top: at
/// 10,000 articles 25 MB more at the peak when alignment's sweeps were scored side by side.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const TRIM_THRESHOLD: i32 = 2 << 20;
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: i32 = 4 << 20;

/// Fixes the allocator's trim and mapping thresholds (2 and 4 MiB) for the rest of the
/// process; elsewhere than glibc a no-op. Called before a load allocates.
pub fn tune_allocator() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        #[allow(unsafe_code)]
        // SAFETY: mallopt changes only the allocator's own settings; it takes no pointers and
        // is thread-safe.
        unsafe {
            libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD);
            libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
        }
    });
}

/// Returns the allocator's free pages to the system (glibc's `malloc_trim`); elsewhere a
/// no-op. Costs a walk of the free lists: tens of milliseconds after a large load stage.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[allow(unsafe_code)]
    // SAFETY: malloc_trim reads and changes only the allocator's own state; it takes no
    // pointers and is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}
