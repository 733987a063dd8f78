import Synchronization

/// How far the reading of one or more data files has got: bytes and rows, updated by the
/// readers as they go (from any thread) and read by whoever reports progress.
public final class LoadProgress: Sendable {
    public struct Snapshot: Sendable {
        public var bytes = 0
        public var rows = 0
        /// The bytes of all the files being read.
        public var totalBytes = 0
        /// What is being done once the bytes are read ("typing 16 columns", "saving the cache"),
        /// the last seconds of a large read; nil while reading.
        public var stage: String?

        /// Done so far, 0 to 1.
        public var fraction: Double {
            totalBytes > 0 ? min(1, Double(bytes) / Double(totalBytes)) : 0
        }
    }

    private let state = Mutex(Snapshot())
    /// For the count of one attempt at reading: passed on as it goes.
    private let parent: LoadProgress?

    public init() {
        parent = nil
    }

    /// The count of one attempt at reading (a file cut into stretches), passed on to `parent`
    /// as it goes; ``withdraw()`` takes it back when the attempt is given up and redone.
    init(within parent: LoadProgress) {
        self.parent = parent
    }

    public var snapshot: Snapshot { state.withLock { $0 } }

    private let cancelled = Atomic(false)

    /// Asks the readers to stop: they throw at their next progress report (every 65,536 rows).
    public func cancel() {
        cancelled.store(true, ordering: .relaxed)
    }

    /// Whether ``cancel()`` was called, on this count or the one it reports to.
    public var isCancelled: Bool {
        cancelled.load(ordering: .relaxed) || (parent?.isCancelled ?? false)
    }

    /// More files to read: their size counts towards the total.
    public func expect(bytes: Int) {
        state.withLock { $0.totalBytes += max(0, bytes) }
    }

    /// Says what is being done past the reading of bytes, for the progress message.
    public func enter(_ stage: String?) {
        state.withLock { $0.stage = stage }
        parent?.enter(stage)
    }

    func advance(bytes: Int, rows: Int) {
        add(bytes: max(0, bytes), rows: max(0, rows))
    }

    /// Takes back from the parent all this attempt counted.
    func withdraw() {
        let counted = state.withLock { state in
            defer { (state.bytes, state.rows) = (0, 0) }
            return (bytes: state.bytes, rows: state.rows)
        }
        parent?.add(bytes: -counted.bytes, rows: -counted.rows)
    }

    private func add(bytes: Int, rows: Int) {
        state.withLock { state in
            state.bytes += bytes
            state.rows += rows
        }
        parent?.add(bytes: bytes, rows: rows)
    }
}
