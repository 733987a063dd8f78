#if canImport(Glibc)
import Glibc
#endif

/// Hands memory the reader has freed back to the system. glibc keeps freed heap pages for
/// reuse, so a reader that frees each stretch of a file after parsing it would still peak at
/// the size of everything it ever held; trimming keeps the peak near what is really in use.
enum FreedMemory {
    /// Before a dataset of `bytes` is read: glibc raises its mapping threshold as large blocks
    /// are freed (up to 32 MB), after which the reader's transient column buffers stay in the
    /// heap, fragment it and keep the peak up (about 55 MB on a 124 MB CSV). A fixed threshold
    /// keeps them mapped, so each goes back to the system when freed. It grows with the file
    /// (1 MB up to 128 MB of data, then 1/128 of it, at most 32 MB): at 1.2 GB, blocks of 1 MB
    /// mapped and unmapped one by one cost more time in page faults than the reading itself.
    static func prepare(forReading bytes: Int) {
        #if canImport(Glibc)
        typealias Option = @convention(c) (Int32, Int32) -> Int32
        let threshold = min(max(bytes / 128, 1 << 20), 32 << 20)
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
            let option = unsafeBitCast(symbol, to: Option.self)
            _ = option(-3, Int32(threshold)) // M_MMAP_THRESHOLD
            // Fixing one fixes the other at its default (128 KB): every free at the heap's top
            // would go back to the system and the next allocation fault its pages in again (the
            // keystroke's bitsets at 10,000,000 records). Twice the threshold, as glibc sets it.
            _ = option(-1, Int32(2 * threshold)) // M_TRIM_THRESHOLD
        }
        #endif
    }

    static func release() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        // Looked up at run time: `malloc_trim` is glibc's own, absent from other C libraries.
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        #endif
    }
}
