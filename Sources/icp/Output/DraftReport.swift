import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// What `icp draft` and `icp refine` print beside the file: the words each parameter came
/// from, what to check (words read as another spelling, the outcome column), the words that
/// fit no column, and the preview.
enum DraftReport {
    static func summary(_ draft: ICPDraft, preview: ICPPreview, dataset: String) -> String {
        var rows = [["from the words", "parameter"]]
        for drafted in draft.parameters {
            rows.append([drafted.words, drafted.parameter.summary])
        }
        var text = "Drafted from: \(draft.sentence)\n\n" + PreviewTable.align(rows)
        if draft.parameters.isEmpty { text += "\n(no words of the sentence map onto a column of \(dataset))" }
        if !draft.questions.isEmpty {
            text += "\n\nQuestions (guesses to confirm, also in the file's comments):\n" + draft.questions.map { "  \($0)" }.joined(separator: "\n")
        }
        if !draft.notes.isEmpty {
            text += "\n\nCheck:\n" + draft.notes.map { "  \($0)" }.joined(separator: "\n")
        }
        if !draft.unmapped.isEmpty {
            text += "\n\nNot mapped to any column, kept as comments in the file:\n"
            text += draft.unmapped.map { "  \($0.described)" }.joined(separator: "\n")
        }
        return text + "\n\n" + PreviewTable.render([preview]) + "\non \(dataset)"
    }
}
