import ICPLanguage
import ICPEngine
/// How far a range filter must widen to let in the accounts it alone keeps out, nearest first.
public struct RangeWidening: Sendable {
    /// The new bounds as they would be written (nil: unchanged).
    public let min: Double?
    public let max: Double?
    /// Accounts brought in: the nearest misses, with any tied at the new bounds.
    public let misses: Int
}

extension Engine {
    /// The bounds that let in the `count` accounts nearest to parameter `index`'s range among
    /// those that pass every other filter and exclude and fail only this one (with a value);
    /// nil when it is not a range filter on a number column or nothing misses it.
    public func widening(_ icp: ICP, parameter index: Int, count: Int) -> RangeWidening? {
        guard index >= 0, index < icp.parameters.count, count > 0, let field = icp.parameters[index].field?.value,
              icp.parameters[index].mode?.value == .filter, case .range(let min, let max)? = icp.parameters[index].condition?.value,
              let column = accounts.column(named: field), case .number(let numbers) = column.cells else { return nil }
        let low = min.flatMap { ScalarReading.number($0.text) }, high = max.flatMap { ScalarReading.number($0.text) }
        var others = icp
        others.parameters.remove(at: index)
        others.minScore = 0
        let gate = others.parameters.isEmpty ? Bitset.all(accounts.rowCount) : evaluate(others).gate
        // The distance of each miss below the floor (negative) or above the ceiling (positive).
        var below: [Double] = [], above: [Double] = []
        gate.forEach { row in
            let code = Int(column.codes[row])
            guard code != 0 else { return }
            let value = numbers[code]
            if let low, value < low { below.append(value) } else if let high, value > high { above.append(value) }
        }
        guard !below.isEmpty || !above.isEmpty else { return nil }
        let nearest = (below.map { (distance: (low ?? 0) - $0, value: $0) } + above.map { (distance: $0 - (high ?? 0), value: $0) })
            .sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.value < $1.value }.prefix(count)
        let newLow = nearest.filter { $0.value < (low ?? -.infinity) }.map(\.value).min()
        let newHigh = nearest.filter { $0.value > (high ?? .infinity) }.map(\.value).max()
        let taken = below.filter { $0 >= (newLow ?? .infinity) }.count + above.filter { $0 <= (newHigh ?? -.infinity) }.count
        return RangeWidening(min: newLow, max: newHigh, misses: taken)
    }
}
