import Foundation
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights

enum FixturePaths {
    /// The repository's `fixtures/` folder.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures")
}

enum FixtureRendering {
    /// `line:column-endLine:endColumn severity code: message`, 1-based, columns in characters.
    static func line(_ diagnostic: Diagnostic, in source: SourceText) -> String {
        let start = diagnostic.range.start
        let end = diagnostic.range.end
        let startColumn = source.column(of: start, in: .unicodeScalars) + 1
        let endColumn = source.column(of: end, in: .unicodeScalars) + 1
        return "\(start.line + 1):\(startColumn)-\(end.line + 1):\(endColumn) \(diagnostic.severity.rawValue) \(diagnostic.code.rawValue): \(diagnostic.message)"
    }
}

/// Text with position markers (1️⃣, 2️⃣, ...) taken out: the clean text and each marker's byte offset.
struct MarkedText {
    let text: String
    let markers: [String: Int]

    static let markerNames = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣"]

    init(_ marked: String) {
        var text = marked
        var markers: [String: Int] = [:]
        while let (name, range) = Self.markerNames.compactMap({ name in text.range(of: name).map { (name, $0) } })
            .min(by: { $0.1.lowerBound < $1.1.lowerBound }) {
            markers[name] = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
            text.removeSubrange(range)
        }
        self.text = text
        self.markers = markers
    }
}
