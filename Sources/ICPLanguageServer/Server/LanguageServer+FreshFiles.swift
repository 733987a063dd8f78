import FoundationEssentials
import ICPWorkspace

/// Answers that edit or point into files the editor has not open (rename, references,
/// definition) need those files as they are on disk now. A client that watches files tells the
/// server of every change; for one that does not, the workspace is read again in the background
/// before such a request is answered, and whatever changed on disk is taken in.
extension LanguageServer {
    /// For a client that does not watch files, the first call for the current request starts
    /// reading `file`'s workspace again and throws ``WaitingForData``; the request is answered
    /// again once the read is in (and taken in, when it differs).
    func requireFreshFiles(around file: URL) throws {
        guard !client.watchedFilesRegistration, !answeringWithoutWaiting, let id = currentRequest else { return }
        switch freshRequests[id] {
        case true?:
            return
        case false?:
            throw WaitingForData()
        case nil:
            freshRequests[id] = false
            let fileSystem = fileSystem
            requestWork[id] = Task.detached { [weak self] in
                let resolution = await Self.resolve(file, fileSystem: fileSystem)
                await self?.finishFreshRead(id, resolution)
            }
            throw WaitingForData()
        }
    }

    private func finishFreshRead(_ id: RequestID, _ resolution: WorkspaceResolution) {
        ActorContext.$isOnActor.withValue(true) {
            requestWork[id] = nil
            // Answered meanwhile (its wait ran out, or it was cancelled): nothing waits for this read.
            guard freshRequests[id] == false else { return }
            freshRequests[id] = true
            if session.takeIn(resolution) {
                reanalyzeAll()
                requestRefresh()
            }
            answerWaitingRequests()
        }
    }
}
