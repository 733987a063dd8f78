import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// What the check of each file of a group asks of all the others, built once per group and
/// state: the codes in use (`duplicate-code`) and the live ICPs that may take its accounts
/// (`shadowed`). With them, checking n files costs n lookups rather than n walks over n files.
struct GroupIndexes {
    /// Per group, each code with the files that use it (open texts over the disk), in path order.
    var codes: [URL: [String: [(file: URL, code: Located<String>)]]] = [:]
    /// Per group, its ICPs on the workspace's dataset as saved, without errors.
    var peers: [URL: Peers] = [:]
}

extension WorkspaceSession {
    /// `duplicate-code` for `file`, whose code is `code` (the text analyzed, which may be neither
    /// open nor on disk), against the other ICP files of its workspace, each named as the
    /// session shows paths.
    func duplicateCode(of file: URL, code: Located<String>?) -> [Diagnostic] {
        guard let code else { return [] }
        let me = file.standardizedFileURL
        let others = codeIndex(around: file)[code.value, default: []].filter { $0.file != me }
        let members = others.lazy.map { DuplicateCodeCheck.Member(name: self.display($0.file), code: $0.code) }
        return DuplicateCodeCheck.diagnostic(for: code, firstOthers: members, otherCount: others.count).map { [$0] } ?? []
    }

    private func codeIndex(around file: URL) -> [String: [(file: URL, code: Located<String>)]] {
        resolveNow(file)
        guard let key = group(of: file) else { return [:] }
        if let known = indexes.codes[key] { return known }
        var index: [String: [(file: URL, code: Located<String>)]] = [:]
        for (member, document) in documents(sharingWorkspaceWith: file) {
            if let code = document.icp?.code { index[code.value, default: []].append((member, code)) }
        }
        indexes.codes[key] = index
        return index
    }

    /// The ICPs of `file`'s workspace that run on the workspace's dataset, as `icp` does (an
    /// ICP with a `dataset` of its own has none): those that may share and take its accounts,
    /// each as saved (what `icp check` sees) and without errors, `file`'s own entry named so
    /// that its current text replaces it. The set stays the same while files are edited.
    func peers(of icp: ICP?, at file: URL) -> Peers {
        guard let icp, icp.dataset == nil else { return Peers() }
        resolveNow(file)
        guard let key = group(of: file) else { return Peers() }
        var peers = indexes.peers[key] ?? {
            let context = workspace(for: file).checkContext(today: today)
            let members = (groups[key] ?? [:]).sorted { $0.key.path < $1.key.path }.compactMap { member, document -> (file: URL, icp: ICP)? in
                guard let document, let peer = document.icp, peer.code != nil, peer.dataset == nil,
                      !document.check(in: context).contains(where: { $0.code.blocksEvaluation }) else { return nil }
                return (member, peer)
            }
            let built = Peers(members)
            indexes.peers[key] = built
            return built
        }()
        peers.own = peers.files.firstIndex(of: file.standardizedFileURL)
        return peers
    }
}
