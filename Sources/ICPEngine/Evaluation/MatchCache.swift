import Synchronization
import ICPLanguage

/// A condition bound to a column: the records it matches and the values that do not fit the column.
struct Binding: Sendable {
    let matches: Bitset
    let problems: [TypeProblem]
}

/// Bindings already computed, keyed by field and condition as written (not by where it is
/// written): a keystroke that changes one parameter rescans one column; the others come from here.
public final class MatchCache: Sendable {
    struct Key: Hashable {
        var field: String
        var condition: String
    }

    /// Past this many entries the cache starts over, so variants typed and abandoned do not pile up.
    static let capacity = 1024

    private let storage = Mutex<[Key: Binding]>([:])

    public init() {}


    static func key(field: String, condition: Condition) -> Key {
        let texts = condition.values.map(\.text)
        let detail: String = switch condition {
        case .range(let min, let max): "\(min?.text ?? "")\u{1}\(max?.text ?? "")"
        case .exists(let present): present ? "true" : "false"
        case .withinDays(let days): String(days)
        default: texts.joined(separator: "\u{1}")
        }
        return Key(field: field, condition: "\(condition.key.rawValue)\u{0}\(detail)")
    }

    func value(for key: Key, orCompute compute: () -> Binding) -> Binding {
        if let hit = storage.withLock({ $0[key] }) { return hit }
        let computed = compute()
        storage.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = computed
        }
        return computed
    }

    public var count: Int { storage.withLock { $0.count } }
}
