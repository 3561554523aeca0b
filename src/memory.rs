//! Giving freed memory back to the system between the load's stages.
//!
//! The C allocator keeps what a program frees for its next requests, per thread arena. A load
//! frees large temporaries (each article's mentions before they are gathered, alignment's word
//! vectors and candidate buffers) on one thread and allocates the next stage's on others, so
//! without a trim the process's resident memory is the sum of every stage's, not the largest
//! (at 10,000 articles: 656 MiB peak instead of 550).
//!
//! The one module allowed `unsafe` (`tests/architecture.rs` checks it): a call into the C
//! library that takes no pointers.

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
