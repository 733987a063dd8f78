#if canImport(Glibc)
import Glibc
#endif

/// Hands memory the reader has freed back to the system. glibc keeps freed heap pages for
/// reuse, so a reader that frees each stretch of a file after parsing it would still peak at
/// the size of everything it ever held; trimming keeps the peak near what is really in use.
enum FreedMemory {
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
