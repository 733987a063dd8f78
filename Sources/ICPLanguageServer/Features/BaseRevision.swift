import Foundation
import ICPCore
import ICPWorkspace

/// An open ICP file as it is at the merge-base of HEAD with the default branch: what its code
/// lens compares the text being typed with ("vs main: +312 / −45 accounts"). The same lookup
/// finds the file's last change, the preview's `last_modified`.
struct BaseVersion: Sendable {
    /// `main`, as the lens names it.
    let branch: String
    /// The file's text there; nil when the file is new since.
    let text: String?
}

extension LanguageServer {
    /// Looks up, off the actor, each open ICP file's text at the merge-base with the default
    /// branch; outside a git repository nothing is shown.
    func startBaseLookup(for document: OpenDocument) {
        guard document.kind == .icp, bases[document.url] == nil, baseLookups[document.url] == nil else { return }
        let url = document.url
        baseLookups[url] = Task.detached { [weak self] in
            var found: BaseVersion?
            var history = FileHistory()
            let change = await history.lastChange(of: url)
            if let repository = try? await GitRepository.containing(url.deletingLastPathComponent()),
               let branch = try? await repository.defaultBranch(),
               let base = try? await repository.mergeBase(with: branch) {
                found = BaseVersion(branch: branch.split(separator: "/").last.map(String.init) ?? branch, text: await repository.text(of: url, at: base))
            }
            await self?.finishBaseLookup(url, found, change: change)
        }
    }

    private func finishBaseLookup(_ url: URL, _ found: BaseVersion?, change: FileHistory.Change?) {
        ActorContext.$isOnActor.withValue(true) {
            baseLookups[url] = nil
            bases[url] = .some(found)
            lastChanges[url] = .some(change)
            if found != nil { requestRefresh() }
            // A preview waits for the file's last change (its `last_modified`).
            answerWaitingRequests()
        }
    }

    /// `vs main: +312 / −45 accounts` for the document's current evaluation; nil without a base.
    func baseLensTitle(_ evaluated: Evaluated, url: URL) -> String? {
        guard let found = bases[url], let base = found else { return nil }
        guard let text = base.text else { return "new vs \(base.branch)" }
        guard let icp = ICPDocument(text: text, format: SourceFormat(fileName: url.lastPathComponent)).icp else { return nil }
        let comparison = ICPComparison.compare(base: (icp, evaluated.data.engine.evaluateUnchanged(icp)), head: (evaluated.icp, evaluated.evaluation), engine: evaluated.data.engine)
        if comparison.change == .none { return "vs \(base.branch): unchanged" }
        return "vs \(base.branch): +\(CountFormat.grouped(comparison.added.count)) / −\(CountFormat.grouped(comparison.removed.count)) accounts"
    }
}
