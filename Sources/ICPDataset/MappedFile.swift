import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's bytes mapped read-only into memory, unmapped when the last reference goes.
///
/// The dataset cache is kept mapped for the life of its store, so that columns are decoded
/// from it when first used; it is only ever replaced by renaming a new file over it, never
/// rewritten in place, so the mapping stays whole (removing the file keeps it readable too).
final class MappedFile: Sendable {
    private nonisolated(unsafe) let base: UnsafeMutableRawPointer
    let count: Int

    /// Nil when the file cannot be opened or mapped (or is empty).
    init?(_ file: RegularFile) {
        guard file.size > 0, let base = file.map() else { return nil }
        self.base = base
        self.count = file.size
    }

    deinit {
        munmap(base, count)
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Drops the pages wholly inside `range` from memory once read: they are read back from the
    /// file if needed again, and the columns keep copies of what they hold, so the file would
    /// otherwise count twice in the process's memory.
    func release(_ range: Range<Int>) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (Int(bitPattern: base) + range.lowerBound + page - 1) / page * page
        let end = (Int(bitPattern: base) + range.upperBound) / page * page
        if end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) {
            _ = madvise(pointer, end - start, Int32(MADV_DONTNEED))
        }
    }
}
