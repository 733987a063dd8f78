import ICPCore

/// What `icp draft` and `icp refine` print beside the file: the words each parameter came
/// from, the words that fit no column, and the preview.
enum DraftReport {
    static func summary(_ draft: ICPDraft, preview: ICPPreview, dataset: String) -> String {
        var rows = [["from the words", "parameter"]]
        for drafted in draft.parameters {
            rows.append([drafted.words, describe(drafted.parameter)])
        }
        var text = "Drafted from: \(draft.sentence)\n\n" + PreviewTable.align(rows)
        if draft.parameters.isEmpty { text += "\n(no words of the sentence map onto a column of \(dataset))" }
        if !draft.unmapped.isEmpty {
            text += "\n\nNot mapped to any column, kept as comments in the file:\n"
            text += draft.unmapped.map { "  \($0.described)" }.joined(separator: "\n")
        }
        return text + "\n\n" + PreviewTable.render([preview]) + "\non \(dataset)"
    }

    /// `industry: filter in [Software]`, `tech_stack: score (weight 2) in [hubspot]`.
    static func describe(_ parameter: WrittenParameter) -> String {
        let condition = ICPFileText.condition(parameter.condition, quote: ICPFileText.yamlText).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let weight = parameter.weight.map { " (weight \(CountFormat.plain($0)))" } ?? ""
        return "\(parameter.field): \(parameter.mode.rawValue)\(weight), \(condition)"
    }
}
