import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened for reading only once it is known to be a regular file, so that a named
/// pipe, a device or a socket given as an input is refused with a message instead of
/// blocking the reader forever or reading without end (`/dev/zero`).
///
/// The file is opened without blocking and checked on the open descriptor, so nothing can be
/// swapped in between the check and the read. Symbolic links are followed: what counts is
/// what they point to.
public final class RegularFile: Sendable {
    /// Why a path cannot be read as a regular file; the message says what is there.
    public struct Failure: Error, LocalizedError, CustomStringConvertible, Sendable {
        public let message: String
        /// Nothing is at the path (as opposed to something that is not a regular file).
        public let isMissing: Bool
        public var errorDescription: String? { message }
        public var description: String { message }

        public init(message: String, isMissing: Bool = false) {
            self.message = message
            self.isMissing = isMissing
        }
    }

    public let size: Int
    /// The modification time in nanoseconds since 1970.
    public let modified: UInt64
    private let descriptor: Int32

    public init(opening url: URL) throws(Failure) {
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure(errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw Self.failure(code)
        }
        guard let problem = Self.kindProblem(info.st_mode) else {
            // Reads of a regular file never block; clear the flag all the same.
            _ = fcntl(descriptor, F_SETFL, 0)
            self.descriptor = descriptor
            size = Int(info.st_size)
            modified = UInt64(max(0, info.st_mtim.tv_sec)) &* 1_000_000_000 &+ UInt64(max(0, info.st_mtim.tv_nsec))
            return
        }
        close(descriptor)
        throw Failure(message: problem)
    }

    /// The whole file mapped read-only and private; nil when it cannot be.
    func map() -> UnsafeMutableRawPointer? {
        let pointer = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0)
        return pointer == MAP_FAILED ? nil : pointer
    }

    deinit {
        close(descriptor)
    }

    /// Up to `count` bytes from `offset`.
    public func read(at offset: Int, count: Int) throws(Failure) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: max(0, count))
        var filled = 0
        while filled < bytes.count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + filled, buffer.count - filled, off_t(offset + filled))
            }
            if result < 0, errno == EINTR { continue }
            guard result >= 0 else { throw Self.failure(errno) }
            if result == 0 { break }
            filled += result
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// The whole file, as long as it was when opened.
    public func readAll() throws(Failure) -> [UInt8] {
        try read(at: 0, count: size)
    }

    private static func kindProblem(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "is a folder, not a file"
        case S_IFIFO: "is a named pipe (FIFO), not a regular file; icp reads only regular files"
        case S_IFCHR, S_IFBLK: "is a device, not a regular file; icp reads only regular files"
        case S_IFSOCK: "is a socket, not a regular file; icp reads only regular files"
        default: "is not a regular file; icp reads only regular files"
        }
    }

    private static func failure(_ code: Int32) -> Failure {
        switch code {
        case ENOENT, ENOTDIR: Failure(message: "no such file", isMissing: true)
        case EACCES, EPERM: Failure(message: "permission denied")
        case ELOOP: Failure(message: "is a loop of symbolic links")
        default: Failure(message: "cannot be opened (\(String(cString: strerror(code))))")
        }
    }
}
