#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ICPLanguage

extension CalendarDate {
    /// Today in the local time zone (`TZ`, else the system's): the clock sessions read unless
    /// they are given another. The C library's `localtime_r` reads the zone database itself.
    public static var today: CalendarDate {
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil,
              let date = CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday)) else {
            return CalendarDate(daysSinceEpoch: Int(now / 86_400))
        }
        return date
    }
}
