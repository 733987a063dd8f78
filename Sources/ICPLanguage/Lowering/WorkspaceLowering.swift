/// Turns the syntax tree of `icp.workspace.yaml` into a ``WorkspaceConfig`` (format.md, The workspace file),
/// reporting `schema` diagnostics; what is wrong or absent keeps its default.
struct WorkspaceLowering {
    private var reader: SchemaReader

    static func lower(_ tree: SyntaxTree) -> (config: WorkspaceConfig, diagnostics: [Diagnostic]) {
        var lowering = WorkspaceLowering(reader: SchemaReader(reportsMissingKeys: tree.isComplete))
        var config = WorkspaceConfig()
        if let root = tree.root, !root.isNull,
           let mapping = lowering.reader.mapping(root, as: "the workspace settings: `datasets:`, `keys:`, `outcome:` and other keys") {
            lowering.read(mapping, into: &config)
        }
        return (config, lowering.reader.diagnostics)
    }

    private mutating func read(_ mapping: MappingNode, into config: inout WorkspaceConfig) {
        let entries = reader.entries(of: mapping, subject: "the workspace file", known: WorkspaceKey.allCases.map(\.rawValue))
        for entry in entries.ordered {
            switch WorkspaceKey(rawValue: entry.key) {
            case .datasets?:
                config.keysRange = config.keysRange ?? entry.keyRange
                guard let section = section(entry, known: WorkspaceKey.Datasets.allCases.map(\.rawValue)) else { continue }
                reader.require(WorkspaceKey.Datasets.accounts.rawValue, in: section, "the accounts table, such as `accounts: data/accounts.csv`")
                if let accounts = section[WorkspaceKey.Datasets.accounts.rawValue] {
                    (config.accounts, config.accountsReading) = dataset(accounts)
                }
                if let contacts = section[WorkspaceKey.Datasets.contacts.rawValue] {
                    (config.contacts, config.contactsReading) = dataset(contacts)
                }
            case .keys?:
                config.keysRange = entry.keyRange
                guard let section = section(entry, known: WorkspaceKey.Keys.allCases.map(\.rawValue)) else { continue }
                if let value = column(section, .accountID, .accounts, into: &config) { config.accountIDField = value }
                if let value = column(section, .contactAccount, .contacts, into: &config) { config.contactAccountField = value }
                config.createdField = column(section, .created, .accounts, into: &config)
                config.syncedField = column(section, .synced, .accounts, into: &config)
            case .outcome?:
                guard let section = section(entry, known: WorkspaceKey.Outcome.allCases.map(\.rawValue)) else { continue }
                reader.require(WorkspaceKey.Outcome.field.rawValue, in: section, "the accounts column holding the deal stage, such as `field: stage`")
                let won = outcomeValues(section, .won, into: &config)
                let lost = outcomeValues(section, .lost, into: &config)
                let churned = outcomeValues(section, .churned, into: &config)
                if let field = section[WorkspaceKey.Outcome.field.rawValue].flatMap({ reader.text($0) }) {
                    config.outcome = OutcomeConfig(field: field.value, won: won, lost: lost, churned: churned)
                    config.columnReferences.append(ColumnReference(setting: "outcome.field", column: field, table: .accounts))
                }
            case .asOf?:
                let date = reader.date(entry)
                config.asOf = date?.value
                config.asOfRange = date?.range
            case .missingValues?:
                config.missingValues = reader.scalarList(entry, allowsEmpty: true, example: "[\"-\", \"N/A\"]")?.map(\.text) ?? []
            case .missing?:
                config.missingPolicy = reader.choice(entry, of: MissingPolicy.self)?.value ?? .fail
            case .fields?:
                config.fields = fields(entry, ranges: &config.fieldRanges)
            case .checks?:
                guard let section = section(entry, known: WorkspaceKey.Checks.allCases.map(\.rawValue)) else { continue }
                for check in section.ordered {
                    switch WorkspaceKey.Checks(rawValue: check.key) {
                    case .minQualified?: config.checks.minQualified = reader.integer(check, minimum: 0)?.value ?? config.checks.minQualified
                    case .maxShare?: config.checks.maxShare = reader.number(check, bounds: 0...1)?.value ?? config.checks.maxShare
                    case .staleAfterDays?: config.checks.staleAfterDays = reader.integer(check, minimum: 0)?.value ?? config.checks.staleAfterDays
                    case .maxMissingShare?: config.checks.maxMissingShare = reader.number(check, bounds: 0...1)?.value ?? config.checks.maxMissingShare
                    case .enrichmentGain?: config.checks.enrichmentGain = reader.number(check, bounds: 0...100)?.value ?? config.checks.enrichmentGain
                    case .minKeptShare?: config.checks.minKeptShare = reader.number(check, bounds: 0...1)?.value ?? config.checks.minKeptShare
                    case nil: break
                    }
                }
            case nil:
                break
            }
        }
    }

    /// A dataset entry: a path, or a mapping with `path` and how to read the file (format.md, Reading a data file).
    private mutating func dataset(_ entry: KeyedEntry) -> (Located<String>?, ReadingSettings) {
        var settings = ReadingSettings()
        guard entry.value.mapping != nil else { return (reader.text(entry), settings) }
        guard let section = section(entry, known: WorkspaceKey.Dataset.allCases.map(\.rawValue)) else { return (nil, settings) }
        reader.require(WorkspaceKey.Dataset.path.rawValue, in: section, "the data file, such as `path: data/accounts.csv`")
        for setting in section.ordered {
            switch WorkspaceKey.Dataset(rawValue: setting.key) {
            case .encoding?:
                guard let name = reader.text(setting) else { continue }
                guard let encoding = TextEncoding.named(name.value) else {
                    reader.report(name.range, "`encoding` must be one of \(SchemaReader.list(TextEncoding.allCases.map(\.rawValue))), not `\(name.value)`.")
                    continue
                }
                settings.encoding = encoding
            case .delimiter?:
                guard let text = reader.text(setting) else { continue }
                let written = text.value == "tab" || text.value == "\\t" ? "\t" : text.value
                guard written.unicodeScalars.count == 1, let scalar = written.unicodeScalars.first, scalar.isASCII,
                      !["\"", "'", "\n", "\r"].contains(written), !(scalar.properties.isAlphabetic || scalar.properties.numericType != nil) else {
                    reader.report(text.range, "`delimiter` must be one character that is not a letter, a digit, a quote or a line break, such as `\";\"`, `\"|\"` or `tab`; not `\(text.value)`.")
                    continue
                }
                settings.delimiter = UInt8(scalar.value)
            case .quote?:
                guard let text = reader.text(setting) else { continue }
                if text.value == "none" || text.value.isEmpty {
                    settings.quote = QuoteSetting.none
                } else if text.value == "\"" || text.value == "'" {
                    settings.quote = .character(UInt8(ascii: text.value.unicodeScalars.first ?? "\""))
                } else {
                    reader.report(text.range, "`quote` must be `'\"'`, `\"'\"` or `none` (quote marks are text), not `\(text.value)`.")
                }
            case .decimal?:
                guard let text = reader.text(setting) else { continue }
                guard let mark = DecimalMark(rawValue: text.value) else {
                    reader.report(text.range, "`decimal` must be `\".\"` (1,234.5) or `\",\"` (1.234,5), not `\(text.value)`.")
                    continue
                }
                settings.decimal = mark
            case .header?:
                settings.header = reader.boolean(setting)?.value
            case .badRows?:
                settings.badRows = reader.choice(setting, of: BadRows.self)?.value ?? .stop
            case .path?, nil:
                break
            }
        }
        return (section[WorkspaceKey.Dataset.path.rawValue].flatMap { reader.text($0) }, settings)
    }

    /// A column named under `keys`, remembered with where it is written.
    private mutating func column(_ section: KeyedEntries, _ key: WorkspaceKey.Keys, _ table: ColumnReference.Table, into config: inout WorkspaceConfig) -> String? {
        guard let value = section[key.rawValue].flatMap({ reader.text($0) }) else { return nil }
        config.columnReferences.append(ColumnReference(setting: "keys.\(key.rawValue)", column: value, table: table))
        return value.value
    }

    /// The values of `won`, `lost` or `churned`, remembered with where they are written.
    private mutating func outcomeValues(_ section: KeyedEntries, _ key: WorkspaceKey.Outcome, into config: inout WorkspaceConfig) -> [String] {
        let values = section[key.rawValue].flatMap { reader.scalarList($0, allowsEmpty: true, example: "[closed_won]") } ?? []
        config.outcomeValues += values.map { Located($0.text, $0.range) }
        return values.map(\.text)
    }

    private mutating func section(_ entry: KeyedEntry, known: [String]) -> KeyedEntries? {
        guard let mapping = entry.value.mapping else {
            reader.report(entry.keyRange.union(entry.value.range), "`\(entry.key)` must be a mapping with the keys \(SchemaReader.list(known)); found \(entry.value.kindDescription).")
            return nil
        }
        return reader.entries(of: mapping, subject: "`\(entry.key)`", known: known)
    }

    private mutating func fields(_ entry: KeyedEntry, ranges: inout [String: SourceRange]) -> [String: FieldOverride] {
        guard let mapping = entry.value.mapping else {
            reader.report(entry.keyRange.union(entry.value.range), "`fields` maps column names to types, such as `fields: {tech_stack: {type: list, separator: \";\"}}`; found \(entry.value.kindDescription).")
            return [:]
        }
        var overrides: [String: FieldOverride] = [:]
        for pair in mapping.entries {
            guard let name = pair.key.scalar, !name.isNull else {
                reader.report(pair.key.range, "A column name must be plain text, not \(pair.key.kindDescription).")
                continue
            }
            guard overrides[name.text] == nil else {
                reader.report(name.range, "The column `\(name.text)` is given twice under `fields`; remove one.")
                continue
            }
            ranges[name.text] = name.range
            let fieldEntry = KeyedEntry(key: name.text, keyRange: name.range, value: pair.value)
            guard let section = section(fieldEntry, known: WorkspaceKey.Field.allCases.map(\.rawValue)) else { continue }
            reader.require(WorkspaceKey.Field.type.rawValue, in: section, "one of \(SchemaReader.list(ColumnType.allCases.map(\.rawValue)))")
            guard let type = section[WorkspaceKey.Field.type.rawValue].flatMap({ reader.choice($0, of: ColumnType.self) }) else { continue }
            var separator = section[WorkspaceKey.Field.separator.rawValue].flatMap { reader.text($0) }
            if let given = separator, type.value != .list {
                reader.report(given.range, "`separator` applies to list columns only; remove it or set `type: list`.")
                separator = nil
            }
            var format: DateFormat?
            if let written = section[WorkspaceKey.Field.format.rawValue].flatMap({ reader.text($0) }) {
                if type.value != .date {
                    reader.report(written.range, "`format` applies to date columns only; remove it or set `type: date`.")
                } else if let parsed = DateFormat(written.value) {
                    format = parsed
                } else {
                    reader.report(written.range, "`format` must name a day, a month and a year, such as `DD/MM/YYYY` or `MM/DD/YYYY`; not `\(written.value)`.")
                }
            }
            var unit: NumberUnit?
            if let written = section[WorkspaceKey.Field.unit.rawValue].flatMap({ reader.text($0) }) {
                if type.value != .number, type.value != .range {
                    reader.report(written.range, "`unit` applies to number and range columns only; remove it or set `type: number`.")
                } else if let parsed = NumberUnit(declared: written.value) {
                    unit = parsed
                } else {
                    reader.report(written.range, "`unit` must be a number (`1000000`) or a unit as a header writes it (`$M`, `millions`, `EUR`, `%`); not `\(written.value)`.")
                }
            }
            // A list without a separator reads JSON or Python list cells (`["a", "b"]`), else `;`.
            overrides[name.text] = FieldOverride(type: type.value, separator: separator?.value, format: format, unit: unit)
        }
        return overrides
    }
}
