import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace
import ICPFeatures

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
}
