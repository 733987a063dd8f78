import Synchronization

/// How far the reading of one or more data files has got: bytes and rows, updated by the
/// readers as they go (from any thread) and read by whoever reports progress.
public final class LoadProgress: Sendable {
    public struct Snapshot: Sendable {
        public var bytes = 0
        public var rows = 0
        /// The bytes of all the files being read.
        public var totalBytes = 0

        /// Done so far, 0 to 1.
        public var fraction: Double {
            totalBytes > 0 ? min(1, Double(bytes) / Double(totalBytes)) : 0
        }
    }

    private let state = Mutex(Snapshot())

    public init() {}

    public var snapshot: Snapshot { state.withLock { $0 } }

    /// More files to read: their size counts towards the total.
    public func expect(bytes: Int) {
        state.withLock { $0.totalBytes += max(0, bytes) }
    }

    func advance(bytes: Int, rows: Int) {
        state.withLock { state in
            state.bytes += max(0, bytes)
            state.rows += max(0, rows)
        }
    }
}
