import FoundationEssentials
import Synchronization
import ICPLanguage
import Dispatch

extension Array where Element: Sendable {
    /// `map` with the elements taken on all cores at once; the results in order.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let results = Mutex<[Int: T]>([:])
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let value = transform(self[index])
            results.withLock { $0[index] = value }
        }
        let all = results.withLock { $0 }
        return indices.compactMap { all[$0] }
    }
}
