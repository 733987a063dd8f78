import FoundationEssentials

/// Answers computed off the actor: the request waits (as for data) while its answer is worked
/// out on a snapshot, and is answered when it is in; other messages are served meanwhile.
extension LanguageServer {
    /// The answer computed in the background for the current request by the work `prepare`
    /// returns (`prepare` runs on the actor, once: it takes the snapshot the work needs). The
    /// first call starts it and throws ``WaitingForData``; the call made when it is done returns
    /// it. A request whose wait runs out first is answered `fallback`.
    func answeredInBackground(fallback: JSONValue, _ prepare: () -> @Sendable () -> JSONValue) throws -> JSONValue {
        guard let id = currentRequest else { return prepare()() }
        if answeringWithoutWaiting { return fallback }
        switch backgroundAnswers[id] {
        case .some(.some(let answer)):
            return answer
        case .some(.none):
            throw WaitingForData()
        case .none:
            backgroundAnswers[id] = .some(nil)
            let work = prepare()
            requestWork[id] = Task.detached { [weak self] in
                let answer = work()
                await self?.finishBackgroundAnswer(id, answer)
            }
            throw WaitingForData()
        }
    }

    private func finishBackgroundAnswer(_ id: RequestID, _ answer: JSONValue) {
        ActorContext.$isOnActor.withValue(true) {
            requestWork[id] = nil
            // Answered meanwhile (its wait ran out, or it was cancelled): nobody waits for it.
            guard backgroundAnswers[id] != nil else { return }
            backgroundAnswers[id] = .some(answer)
            answerWaitingRequests()
        }
    }
}
