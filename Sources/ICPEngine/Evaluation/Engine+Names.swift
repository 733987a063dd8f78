import ICPLanguage
extension Engine {
    /// The column that names accounts: a text column called name (or company, account,
    /// organisation, employer, security...) whose values are mostly distinct.
    public var nameColumn: Column? {
        let preferred = ["name", "company", "company name", "account name", "organization", "organisation", "employer", "security", "legal name", "business name"]
        let candidates = accounts.columns.filter { column in
            guard case .text = column.cells, column.name != settings.accountIDField else { return false }
            return column.values.count - 1 > column.presentCount / 2
        }
        func words(_ name: String) -> String { TextNormalization.normalize(name.replacing("_", with: " ")) }
        return preferred.lazy.compactMap { word in candidates.first { words($0.name) == word } }.first
            ?? candidates.first { words($0.name).hasSuffix(" name") }
    }
}
