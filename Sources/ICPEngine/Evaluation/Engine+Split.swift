import ICPLanguage

/// Which accounts a backtest (or a derivation) measures on: all of them, those created on or after a date (the
/// ICP was written before them), or a seeded random share held out from whatever built the ICP.
public enum BacktestSplit: Sendable, Equatable {
    case all
    /// Accounts whose `keys.created` date is on or after this day; accounts without one are left out.
    case createdOnOrAfter(CalendarDate)
    /// A share (0...1) of accounts picked by a hash of their key and the seed: the same accounts
    /// for the same data, seed and share, whatever the row order.
    case holdout(fraction: Double, seed: UInt64)

    /// Whether an account with key `id` falls in a `holdout` share: the same answer every run.
    public static func isHeldOut(_ id: String, fraction: Double, seed: UInt64) -> Bool {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ seed
        for byte in id.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        // A final mix spreads the FNV hash over all 64 bits before it is read as a fraction.
        hash = (hash ^ (hash >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        hash = (hash ^ (hash >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return Double(hash >> 11) / Double(1 << 53) < min(max(fraction, 0), 1)
    }
}

extension Engine {
    /// Why `--split` cannot select accounts by creation date, or nil: the key is not set, or its
    /// column is missing or holds no dates.
    public var missingCreatedDate: String? {
        guard let field = settings.createdField else {
            return "a split by date needs each account's creation date: set keys.created in icp.workspace.yaml to the column that holds it"
        }
        guard let column = accounts.column(named: field) else { return "keys.created names `\(field)`, which is not a column of the data" }
        guard case .date = column.cells else { return "keys.created names `\(field)`, which does not hold dates (YYYY-MM-DD)" }
        return nil
    }

    public func rows(in split: BacktestSplit) -> Bitset {
        let count = accounts.rowCount
        switch split {
        case .all:
            return .all(count)
        case .createdOnOrAfter(let day):
            var selected = Bitset(count: count)
            guard let field = settings.createdField, let column = accounts.column(named: field), case .date(let days) = column.cells else { return selected }
            for row in 0..<count where column.codes[row] != 0 && Int(days[Int(column.codes[row])]) >= day.daysSinceEpoch {
                selected.insert(row)
            }
            return selected
        case .holdout(let fraction, let seed):
            var selected = Bitset(count: count)
            let ids = accounts.column(named: settings.accountIDField)
            for row in 0..<count where BacktestSplit.isHeldOut(ids?.text(atRow: row) ?? String(row), fraction: fraction, seed: seed) {
                selected.insert(row)
            }
            return selected
        }
    }
}
