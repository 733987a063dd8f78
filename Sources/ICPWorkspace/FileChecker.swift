import Foundation
import ICPCore

/// Every check of one ICP document, the data-driven ones when its dataset can be read: what
/// `icp check` reports for a file and what the language server publishes for it.
public struct FileCheck: Sendable {
    /// Syntax, schema, data-free and data-driven diagnostics (not `duplicate-code` across files).
    public var diagnostics: [Diagnostic]
    /// The data and the evaluation, when the dataset was readable and the document complete.
    public var data: EvaluationData?
    public var evaluation: ICPEvaluation?
    /// Why the dataset could not be used.
    public var failure: DatasetFailure?
}

public enum FileChecker {
    public static func check(_ document: ICPDocument, file: URL, workspace: Workspace, provider: DatasetProvider, today: CalendarDate) -> FileCheck {
        guard let icp = document.icp else {
            return FileCheck(diagnostics: document.check(in: workspace.checkContext(today: today)))
        }
        switch provider.data(for: icp, file: file, workspace: workspace) {
        case .success(let data):
            let engine = data.engine
            let context = CheckContext(asOf: engine.settings.asOf, thresholds: workspace.config.checks)
            var diagnostics = document.check(in: context)
            diagnostics += DataChecks.fieldsAndValues(of: icp, engine: engine, datasetName: data.datasetName)
            var evaluation: ICPEvaluation?
            if document.tree.isComplete {
                let evaluated = engine.evaluate(icp)
                evaluation = evaluated
                diagnostics += DataChecks.counts(of: icp, evaluation: evaluated, accounts: engine.accounts, thresholds: context.thresholds)
            }
            return FileCheck(diagnostics: diagnostics, data: data, evaluation: evaluation)
        case .failure(let failure):
            return FileCheck(diagnostics: document.check(in: workspace.checkContext(today: today)), failure: failure)
        }
    }

    /// The `dataset` diagnostic of a failure, placed where the path is given.
    public static func diagnostic(for failure: DatasetFailure) -> Diagnostic {
        Diagnostic(.dataset, failure.range ?? SourceRange(at: .start), "\(failure.error.description) Data checks are skipped until it can be read.")
    }
}
