import Foundation
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

extension CalendarDate {
    /// Today in the local time zone: the clock sessions read unless they are given another.
    public static var today: CalendarDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? CalendarDate(daysSinceEpoch: 0)
    }
}
