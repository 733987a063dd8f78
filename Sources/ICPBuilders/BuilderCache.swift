import Synchronization
import ICPLanguage
import ICPEngine

/// What the builders keep per dataset (per engine), apart from the engine, whose cache holds
/// evaluation artefacts only: the derivation the editor proposes from, and the vocabulary
/// sentences are mapped onto. Entries go with their engine.
final class BuilderCache: Sendable {
    static let shared = BuilderCache()

    fileprivate struct Entry {
        weak var engine: Engine?
        var proposal: Derivation??
        var vocabulary: DraftVocabulary?
    }

    private let entries = Mutex<[ObjectIdentifier: Entry]>([:])

    fileprivate func value<T>(for engine: Engine, _ read: (Entry) -> T?, build: () -> T, store: (inout Entry, T) -> Void) -> T {
        let key = ObjectIdentifier(engine)
        if let entry = entries.withLock({ $0[key] }), entry.engine === engine, let known = read(entry) { return known }
        let built = build()
        var entry = entries.withLock { $0[key] }.flatMap { $0.engine === engine ? $0 : nil } ?? Entry(engine: engine)
        store(&entry, built)
        entries.withLock { entries in
            // An engine gone frees its entry (and its identifier, which a new engine may reuse).
            entries = entries.filter { $0.value.engine != nil }
            entries[key] = entry
        }
        return built
    }
}

extension Engine {
    /// ``derive(_:)`` with default options, computed once per dataset: the editor offers it often.
    public func proposal() -> Derivation? {
        BuilderCache.shared.value(for: self, { $0.proposal }, build: { derive(DeriveOptions()) }, store: { $0.proposal = .some($1) })
    }

    /// The columns, roles and values sentences are mapped onto, built once per dataset.
    func draftVocabulary() -> DraftVocabulary {
        BuilderCache.shared.value(for: self, { $0.vocabulary }, build: { DraftVocabulary(engine: self) }, store: { $0.vocabulary = $1 })
    }
}
