import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPDataset

/// A table of accounts other than the workspace's (`icp score --accounts visitors.csv`): read with
/// the workspace's column settings (types, missing values, list separators).
public enum AccountsSource: Sendable {
    case file(URL)
    /// CSV or JSON Lines read from standard input (JSON Lines when it starts with `{`).
    case standardInput([UInt8])
}

extension WorkspaceSession {
    /// The data an ICP at `file` runs on when its accounts come from `source` instead of its
    /// workspace's dataset: the same settings, `as_of` and outcome field (when the table has it).
    /// Read once per workspace.
    public func data(over source: AccountsSource, for file: URL) -> Result<EvaluationData, DatasetFailure> {
        let workspace = workspace(for: file)
        // A workspace on the built-in sample reads tables of its shape with the sample's settings.
        var config = workspace.usesSample ? SampleDataset.workspaceConfig : workspace.config
        if workspace.usesSample { config.asOf = workspace.config.asOf ?? SampleDataset.asOf }
        let key = "\(workspace.root?.path ?? "sample")"
        if let known = otherAccounts[key] { return known }
        let options = DatasetOptions(config: config)
        let result: Result<EvaluationData, DatasetFailure>
        do throws(DatasetError) {
            let store: ColumnStore
            let name: String
            var files: [URL] = []
            switch source {
            case .file(let url):
                name = display(url)
                store = try fileSystem.readDataset(FileLoad(url: url, name: name, options: options, confinedTo: nil), useCache: false, progress: nil).result.get()
                files = [url]
            case .standardInput(let bytes):
                name = "standard input"
                let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
                store = try DatasetLoader.load(bytes, name: name, format: first == UInt8(ascii: "{") ? .jsonLines : .csv, options: options)
            }
            let engine = Engine(accounts: store, settings: EvaluationSettings(config: config, today: today))
            result = .success(EvaluationData(engine: engine, datasetName: name, onSample: false, files: files))
        } catch {
            result = .failure(DatasetFailure(error: error, givenIn: nil, range: nil))
        }
        otherAccounts[key] = result
        return result
    }
}

extension ICP {
    /// The columns the ICP's account parameters name that `store` lacks.
    public func fieldsMissing(from store: ColumnStore) -> [String] {
        var seen = Set<String>()
        return parameters.compactMap(\.field?.value).filter { store.column(named: $0) == nil && seen.insert($0).inserted }
    }
}
