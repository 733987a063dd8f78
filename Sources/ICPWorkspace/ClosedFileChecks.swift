import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// The checks that need no data, for many ICP files at once (the language server's
/// `workspace/diagnostic`): a snapshot taken from the session, whose ``run()`` works anywhere.
/// `duplicate-code` comes from one index of codes per workspace, so the whole is linear in the
/// number of files.
public struct ClosedFileChecks: Sendable {
    struct Item: Sendable {
        let file: URL
        let document: ICPDocument
        let context: CheckContext
        let duplicate: Diagnostic?
    }

    let items: [Item]

    /// Each file's findings, in reading order, by path.
    public func run() -> [(file: URL, document: ICPDocument, diagnostics: [Diagnostic])] {
        items.map { item in
            (item.file, item.document, (item.document.check(in: item.context) + (item.duplicate.map { [$0] } ?? [])).sortedByPosition())
        }
    }
}

extension WorkspaceSession {
    /// The data-free checks of every ICP file of the workspaces looked up so far, but those at `excluded`.
    public func closedFileChecks(excluding excluded: Set<URL>) -> ClosedFileChecks {
        let documents = allDocuments()
        // Group by workspace (or, with none, by folder) once; one code index per group.
        var byGroup: [URL: [(file: URL, document: ICPDocument)]] = [:]
        // A file whose workspace is still being looked up (just opened) waits for its next report.
        for entry in documents where isResolved(entry.file) {
            byGroup[workspace(for: entry.file).root ?? entry.file.deletingLastPathComponent().standardizedFileURL, default: []].append(entry)
        }
        var items: [ClosedFileChecks.Item] = []
        var contexts: [URL: CheckContext] = [:]
        for (group, members) in byGroup {
            let coded = members.compactMap { member in member.document.icp?.code.map { (member.file, $0) } }
            let duplicates = DuplicateCodeCheck.run(on: coded.map { DuplicateCodeCheck.Member(name: display($0.0), code: $0.1) })
            var duplicateOf: [URL: Diagnostic] = [:]
            for (index, diagnostic) in duplicates { duplicateOf[coded[index].0] = diagnostic }
            for member in members where !excluded.contains(member.file) {
                let context = contexts[group] ?? workspace(for: member.file).checkContext(today: today)
                contexts[group] = context
                items.append(.init(file: member.file, document: member.document, context: context, duplicate: duplicateOf[member.file]))
            }
        }
        return ClosedFileChecks(items: items.sorted { $0.file.path < $1.file.path })
    }
}
