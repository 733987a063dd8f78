import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPDataset
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an output file whole or not at all, and never over something the user must keep.
///
/// Refused as targets: the run's inputs (ICP files, datasets) and whatever else the caller
/// protects (every dataset its workspaces name), any ICP file or workspace file by
/// its name, the dataset cache, a symbolic link, and anything that is not a regular file (a
/// device, a pipe, a folder). The text goes to a temporary file beside the target, created with
/// the target's permissions (an existing file keeps its mode), then renamed over it. SIGINT,
/// SIGTERM and SIGHUP during the write remove the temporary file before the process ends.
public enum OutputFile {
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public static func write(_ data: Data, to url: URL, protecting inputs: [URL]) throws(Refusal) {
        try refuseProtected(url.standardizedFileURL, inputs: inputs)
        try write(data, to: url, replacing: true)
    }

    /// Writes a new file, whole or not at all; refuses when anything at all is at `url`. Creating
    /// cannot replace what the user keeps, so new ICP files are allowed here.
    public static func create(_ data: Data, at url: URL) throws(Refusal) {
        try write(data, to: url, replacing: false)
    }

    /// Rewrites the file the user asked to edit (`icp refine`), whole or not at all, only if it
    /// still holds `original`: an edit made meanwhile in another program is never lost.
    ///
    /// The file is compared again once the new text is on disk, just before it takes the file's
    /// place; where the system can swap two files in one step (Linux's `renameat2` with
    /// `RENAME_EXCHANGE`), the text swapped out is compared too, and swapped back if another
    /// program saved meanwhile. A file the user may not write (no write permission, even for root)
    /// is refused.
    public static func update(_ data: Data, at url: URL, expecting original: String) throws(Refusal) {
        try requireUnchanged(url, original)
        var status = stat()
        if stat(url.path, &status) == 0, status.st_mode & 0o222 == 0 || access(url.path, W_OK) != 0 {
            throw Refusal(description: "\(url.path) is read-only; nothing was written. Make it writable (chmod u+w) if it is yours to change.")
        }
        try write(data, to: url, replacing: true, expecting: original)
    }

    /// Throws unless the file at `url` (or `path`) holds `original`.
    private static func requireUnchanged(_ url: URL, _ original: String, at path: String? = nil) throws(Refusal) {
        let current: SourceFile
        do {
            current = try SourceFile.read(path.map { URL(fileURLWithPath: $0) } ?? url)
        } catch {
            throw Refusal(description: "\(url.path) \(error.message); nothing was written.")
        }
        guard current.text == original else {
            throw Refusal(description: "\(url.path) changed while icp was rewriting it; nothing was written. Run the command again.")
        }
    }

    private static func write(_ data: Data, to url: URL, replacing: Bool, expecting original: String? = nil) throws(Refusal) {
        let target = url.standardizedFileURL
        var existing = stat()
        let exists = lstat(target.path, &existing) == 0
        if exists, !replacing {
            throw Refusal(description: "\(url.path) already exists; nothing was written. Choose a new file name, or remove the file first.")
        }
        if exists {
            switch existing.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFLNK: throw Refusal(description: "\(url.path) is a symbolic link; give the path of the file itself, so it is clear what gets replaced.")
            case S_IFDIR: throw Refusal(description: "\(url.path) is a folder; give a file name, such as \(url.appendingPathComponent("scored.csv").path).")
            default: throw Refusal(description: "\(url.path) is not a regular file (a device, a pipe or a socket); write to a regular file.")
            }
        }
        let mode = exists ? existing.st_mode & 0o7777 : 0o666 & ~currentUmask()
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).icp-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp").path
        CleanupOnSignal.watch(temporary)
        defer { CleanupOnSignal.release() }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure(url, errno) }
        var problem = data.withUnsafeBytes { DescriptorWriting.writeAll(descriptor, $0) }
        // The umask may have narrowed the mode at creation; an existing file's owner is kept where allowed.
        if problem == 0, fchmod(descriptor, mode) != 0 { problem = errno }
        if exists { _ = fchown(descriptor, existing.st_uid, existing.st_gid) }
        if problem == 0, fsync(descriptor) != 0 { problem = errno }
        close(descriptor)
        if problem == 0, let original {
            do {
                try requireUnchanged(url, original)
                try exchange(temporary, target.path, url: url, expecting: original)
                return
            } catch {
                unlink(temporary)
                throw error
            }
        }
        // A new file is linked into place, which fails rather than replace one created meanwhile.
        if problem == 0, replacing, rename(temporary, target.path) != 0 { problem = errno }
        if problem == 0, !replacing {
            if link(temporary, target.path) != 0 { problem = errno }
            unlink(temporary)
            if problem == EEXIST { throw Refusal(description: "\(url.path) already exists; nothing was written. Choose a new file name, or remove the file first.") }
        }
        if problem != 0 {
            unlink(temporary)
            throw failure(url, problem)
        }
    }

    /// Puts `temporary` in `target`'s place. With `RENAME_EXCHANGE` the two swap in one step, and
    /// the text swapped out must still be `original`, now and a moment later; if another program
    /// saved in between, the swap is undone, so its text stays. Without it (other systems, some file systems) a rename.
    private static func exchange(_ temporary: String, _ target: String, url: URL, expecting original: String) throws(Refusal) {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        let exchangeFlag: UInt32 = 2 // RENAME_EXCHANGE
        #if os(Linux)
        let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") // RTLD_DEFAULT
        #else
        let symbol: UnsafeMutableRawPointer? = nil
        #endif
        guard let symbol else {
            if rename(temporary, target) != 0 { throw failure(url, errno) }
            return
        }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        guard renameat2(AT_FDCWD, temporary, AT_FDCWD, target, exchangeFlag) == 0 else {
            // EINVAL or ENOSYS: the file system or kernel cannot swap; rename as before.
            guard errno == EINVAL || errno == ENOSYS else { throw failure(url, errno) }
            if rename(temporary, target) != 0 { throw failure(url, errno) }
            return
        }
        do {
            try requireUnchanged(url, original, at: temporary)
            // A program that opened the file before the swap (an editor saving in place: open,
            // truncate, write) writes to the file swapped out. Give it a moment, then look again.
            usleep(graceMicroseconds)
            try requireUnchanged(url, original, at: temporary)
        } catch {
            _ = renameat2(AT_FDCWD, temporary, AT_FDCWD, target, exchangeFlag)
            unlink(temporary)
            throw error
        }
        unlink(temporary)
    }

    /// How long a swapped-out file is watched for a write by a program that had it open.
    static let graceMicroseconds: UInt32 = 20_000

    /// Inputs, ICP and workspace files by name, and the cache are never replaced.
    private static func refuseProtected(_ target: URL, inputs: [URL]) throws(Refusal) {
        let resolved = target.resolvingSymlinksInPath().path
        if inputs.contains(where: { $0.standardizedFileURL.resolvingSymlinksInPath().path == resolved }) {
            throw Refusal(description: "\(target.path) is an input of this run or a dataset of its workspace; choose another --out file.")
        }
        let name = target.lastPathComponent
        if name == WorkspaceKey.fileName {
            throw Refusal(description: "\(target.path) is a workspace file; choose another --out file.")
        }
        if ICPFileName.matches(name) {
            throw Refusal(description: "\(target.path) is named like an ICP file; choose another --out file (for example scored.csv).")
        }
        if name.hasSuffix(".icpcache") || target.pathComponents.contains(".icp-cache") {
            throw Refusal(description: "\(target.path) is in the dataset cache; choose another --out file.")
        }
    }

    private static func failure(_ url: URL, _ code: Int32) -> Refusal {
        Refusal(description: "cannot write \(url.path) (\(String(cString: strerror(code)))); nothing was written.")
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }
}

/// Removes a temporary file if the process is interrupted (SIGINT, SIGTERM, SIGHUP) while it exists,
/// then ends the process as the signal would have. The handler only calls async-signal-safe
/// functions on a path prepared beforehand.
enum CleanupOnSignal {
    /// The temporary file's path as a C string; set before it is created, cleared once it is renamed or removed.
    private nonisolated(unsafe) static var path: UnsafeMutablePointer<CChar>?
    private nonisolated(unsafe) static var installed = false

    static func watch(_ temporary: String) {
        release()
        path = strdup(temporary)
        guard !installed else { return }
        installed = true
        for number in [SIGINT, SIGTERM, SIGHUP] {
            _ = signal(number) { number in
                if let path = CleanupOnSignal.path { unlink(path) }
                _ = signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    static func release() {
        let old = path
        path = nil
        free(old)
    }
}

