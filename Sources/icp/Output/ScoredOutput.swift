import ArgumentParser
import Foundation
import ICPCore
import ICPDataset
import ICPWorkspace

/// The file `icp score` writes: one line per account.
enum ScoredOutput {
    static func csv(ids: Column, _ assignments: [RecordAssignment]) -> String {
        var lines = ["id,icp_code,icp_score,icp_tier"]
        lines.reserveCapacity(assignments.count + 1)
        for (row, assignment) in assignments.enumerated() {
            let fields = [ids.text(atRow: row) ?? "", assignment.code ?? "", CountFormat.decimal(assignment.score, digits: 1), assignment.tier ?? ""]
            lines.append(fields.map(CSVWriting.field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func jsonLines(ids: Column, _ assignments: [RecordAssignment]) throws -> String {
        struct Line: Encodable {
            @EncodedAsNull var id: String?
            @EncodedAsNull var icp_code: String?
            let icp_score: Double
            @EncodedAsNull var icp_tier: String?
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var text = ""
        for (row, assignment) in assignments.enumerated() {
            let line = Line(id: ids.text(atRow: row), icp_code: assignment.code, icp_score: ScoreMath.rounded(assignment.score), icp_tier: assignment.tier)
            text += String(decoding: try encoder.encode(line), as: UTF8.self) + "\n"
        }
        return text
    }

    /// Writes whole or not at all, never over an input or a file of the workspace (see ``OutputFile``).
    static func write(_ text: String, to url: URL, inputs: [URL]) throws {
        do {
            try OutputFile.write(Data(text.utf8), to: url, protecting: inputs)
        } catch {
            Output.error(error.description)
            throw ExitCode(1)
        }
    }
}
