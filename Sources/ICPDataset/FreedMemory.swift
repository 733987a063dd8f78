#if canImport(Glibc)
import Glibc
#endif

/// Hands memory the reader has freed back to the system. glibc keeps freed heap pages for
/// reuse, so a reader that frees each stretch of a file after parsing it would still peak at
/// the size of everything it ever held; trimming keeps the peak near what is really in use.
enum FreedMemory {
    /// Blocks from this size up are mapped from the system and unmapped when freed.
    static let mappedFrom = 1 << 20

    /// Before the first dataset is read: glibc raises its mapping threshold as large blocks
    /// are freed (up to 32 MB), after which the reader's transient column buffers stay in the
    /// heap, fragment it and keep the peak up (about 55 MB on a 124 MB CSV). A fixed threshold
    /// keeps them mapped, so each goes back to the system when freed.
    static let prepared: Void = {
        #if canImport(Glibc)
        typealias Option = @convention(c) (Int32, Int32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
            _ = unsafeBitCast(symbol, to: Option.self)(-3, Int32(mappedFrom)) // M_MMAP_THRESHOLD
        }
        #endif
    }()

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
