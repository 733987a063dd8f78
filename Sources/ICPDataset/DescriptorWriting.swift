#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing bytes to a file descriptor with the C library's `write`, as the cache, output files
/// and the language server's stream do (FoundationEssentials has no `FileHandle`).
public enum DescriptorWriting {
    /// Writes all of `bytes`, again after an interruption or a short write; 0, or the error
    /// number (`EIO` when the system wrote nothing and said nothing).
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        guard let base = bytes.baseAddress else { return 0 }
        var done = 0
        while done < bytes.count {
            let result = write(descriptor, base + done, bytes.count - done)
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { return result < 0 ? errno : EIO }
            done += result
        }
        return 0
    }
}
