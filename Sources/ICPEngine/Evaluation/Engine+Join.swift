import Dispatch
import ICPLanguage

extension Engine {
    /// The account row of each contact row (-1: none): the first account whose id has the
    /// contact's account key (``joinKey(_:)``).
    ///
    /// Both sides' keys are split into parts by hash (``HashPartitions``) and matched part by
    /// part, the parts shared out over the cores: each part's table stays in cache, and the
    /// parts write to different link codes.
    static func join(contacts: ColumnStore, accounts: ColumnStore, settings: EvaluationSettings) -> [Int32] {
        guard let ids = accounts.column(named: settings.accountIDField),
              let links = contacts.column(named: settings.contactAccountField) else {
            return [Int32](repeating: -1, count: contacts.rowCount)
        }
        var rowOfCode = [Int32](repeating: -1, count: ids.values.count)
        for (row, code) in ids.codes.enumerated() where code != 0 && rowOfCode[Int(code)] < 0 {
            rowOfCode[Int(code)] = Int32(row)
        }
        let sides = [(ids, (1..<max(ids.values.count, 1)).filter { rowOfCode[$0] >= 0 }), (links, Array(1..<max(links.values.count, 1)))]
        let bits = HashPartitions.bits(for: sides[0].1.count)
        let keyed = sides.concurrentMap { column, codes -> (keys: JoinKeys, parts: HashPartitions) in
            let keys = JoinKeys(column, codes: codes)
            return (keys, HashPartitions(items: (0..<keys.count).map(UInt32.init), hashes: keys.hashes, bits: bits))
        }
        let (accountKeys, accountParts) = keyed[0]
        let (linkKeys, linkParts) = keyed[1]
        var accountOfLinkCode = [Int32](repeating: -1, count: links.values.count)
        let lanes = 2
        accountOfLinkCode.withUnsafeMutableBufferPointer { target in
            nonisolated(unsafe) let accountOf = target
            let rowOf = rowOfCode
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                var table = ProbeTable()
                for part in stride(from: lane, to: accountParts.count, by: lanes) {
                    let members = accountParts.members(of: part)
                    table.reset(for: members.count)
                    // The first account code with a key keeps it (codes are in order within a part).
                    for member in members {
                        let entry = Int(member)
                        _ = table.findOrInsert(entry, hash: accountKeys.hashes[entry]) { accountKeys.same($0, as: entry, in: accountKeys) }
                    }
                    for member in linkParts.members(of: part) {
                        let entry = Int(member)
                        if let account = table.find(linkKeys.hashes[entry], where: { accountKeys.same($0, as: entry, in: linkKeys) }) {
                            accountOf[linkKeys.codes[entry]] = rowOf[accountKeys.codes[account]]
                        }
                    }
                }
            }
        }
        return links.codes.map { accountOfLinkCode[Int($0)] }
    }
}
