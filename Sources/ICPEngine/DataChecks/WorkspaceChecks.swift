import ICPLanguage
/// The checks of `icp.workspace.yaml` against its data: every column it names under `keys` and
/// `outcome` is a column of its table, and every outcome value occurs in the outcome column.
/// Without them a typo silently drops the win rates or makes every account lookup fail.
public enum WorkspaceChecks {
    public static func run(on config: WorkspaceConfig, engine: Engine, accountsName: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for reference in config.columnReferences {
            // `keys.contact_account` with no contacts table points nowhere yet, and harms nothing.
            guard let store = reference.table == .accounts ? engine.accounts : engine.contacts,
                  store.column(named: reference.column.value) == nil else { continue }
            let tableName = reference.table == .accounts ? accountsName : "the contacts table"
            diagnostics.append(DataChecks.unknownColumn(reference.column, in: store, named: tableName, setting: reference.setting))
        }
        if let outcome = config.outcome, let column = engine.accounts.column(named: outcome.field) {
            let catalog = engine.catalog(of: column, onContacts: false)
            for value in config.outcomeValues where !catalog.contains(value.value) {
                let finding = "No record has `\(outcome.field)` = `\(value.value)`, so it counts no deal"
                if let suggestion = catalog.closest(to: value.value) {
                    diagnostics.append(Diagnostic(.valueNotFound, value.range, "\(finding); did you mean `\(suggestion.text)` (\(CountFormat.grouped(suggestion.count)) records)?", replacement: suggestion.text))
                } else {
                    diagnostics.append(Diagnostic(.valueNotFound, value.range, "\(finding); check the spelling against the data."))
                }
            }
        }
        return diagnostics
    }
}
