import ICPLanguage
import ICPEngine
/// Everything `icp report` shows (Documentation/report.md): how to reproduce it, the alerts,
/// each ICP's preview figures with its chart series, and the overlap of the ICPs on each
/// dataset. `--format json` writes this; the page is drawn from it alone.
public struct ICPReport: Sendable, Encodable {
    /// A file the figures come from, with the SHA-256 of its bytes (what `sha256sum` prints).
    public struct HashedFile: Sendable, Encodable {
        public let path: String
        public let bytes: Int
        public let sha256: String

        public init(path: String, bytes: Int, sha256: String) {
            self.path = path
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    public struct Reproduction: Sendable, Encodable {
        public let tool_version: String
        /// Each dataset's `as_of`, as the ICPs were evaluated.
        public let as_of: [String]
        /// Data files read; empty on the built-in sample, which `datasets` names.
        public let data: [HashedFile]
        public let datasets: [String]
        public let definitions: [HashedFile]

        public init(as_of: [String], data: [HashedFile], datasets: [String], definitions: [HashedFile]) {
            tool_version = ToolVersion.current
            self.as_of = as_of
            self.data = data
            self.datasets = datasets
            self.definitions = definitions
        }
    }

    /// A finding worth reading before the charts: a check's diagnostic, or a figure resting on
    /// too few accounts (`small-sample`).
    public struct Alert: Sendable, Encodable {
        public let severity: Severity
        public let code: String
        public let file: String
        /// 1-based; 0 for a finding about the whole file.
        public let line: Int
        @EncodedAsNull public var icp: String?
        public let message: String

        public init(severity: Severity, code: String, file: String, line: Int, icp: String?, message: String) {
            self.severity = severity
            self.code = code
            self.file = file
            self.line = line
            self.icp = icp
            self.message = message
        }
    }

    /// One ICP: the preview's fields under its keys (as `icp preview --format json` writes
    /// them: `listing`, when given, is that object), its file and dataset, and `charts`.
    public struct Entry: Sendable, Encodable {
        public let preview: ICPPreview
        let listing: (any Encodable & Sendable)?
        public let file: String
        public let dataset: String
        public let charts: ReportCharts
        /// Minimum score to qualify, drawn on the score distribution.
        public let min_score: Double

        public init(preview: ICPPreview, listing: (any Encodable & Sendable)? = nil, file: String, dataset: String, charts: ReportCharts, minScore: Double) {
            self.preview = preview
            self.listing = listing
            self.file = file
            self.dataset = dataset
            self.charts = charts
            self.min_score = minScore
        }

        private enum Keys: String, CodingKey {
            case file, dataset, charts, min_score
        }

        public func encode(to encoder: any Encoder) throws {
            try (listing ?? preview).encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(file, forKey: .file)
            try container.encode(dataset, forKey: .dataset)
            try container.encode(charts, forKey: .charts)
            try container.encode(min_score, forKey: .min_score)
        }
    }

    public let reproduction: Reproduction
    /// Errors first, then warnings, then information; by file and line within each.
    public let alerts: [Alert]
    public let icps: [Entry]
    public let overlap: [OverlapReport]
    /// Whether account keys and names are left out.
    public let sensitive: Bool

    public init(reproduction: Reproduction, findings: [Alert], icps: [Entry], overlap: [OverlapReport], sensitive: Bool) {
        self.reproduction = reproduction
        self.icps = icps
        self.overlap = overlap
        self.sensitive = sensitive
        let smallSamples = icps.compactMap { entry -> Alert? in
            guard entry.preview.outcomes != nil else { return nil }
            let qualified = entry.charts.groups.filter(\.qualified)
            let decided = qualified.reduce(0) { $0 + $1.decided }
            let won = qualified.reduce(0) { $0 + $1.won }
            guard decided < BacktestResult.minimumDecided || won < BacktestResult.minimumEach else { return nil }
            return Alert(severity: .warning, code: "small-sample", file: entry.file, line: 0, icp: entry.preview.icp,
                         message: "`\(entry.preview.icp)`'s win rate rests on \(CountFormat.grouped(decided)) decided account\(decided == 1 ? "" : "s") (\(CountFormat.grouped(won)) won): "
                             + "fewer than \(BacktestResult.minimumDecided) decided or \(BacktestResult.minimumEach) won, read it as a hint, not a finding.")
        }
        alerts = (findings + smallSamples).enumerated().sorted { left, right in
            let (a, b) = (left.element, right.element)
            if a.severity != b.severity { return a.severity < b.severity }
            if a.file != b.file { return a.file < b.file }
            return a.line != b.line ? a.line < b.line : left.offset < right.offset
        }.map(\.element)
    }
}
