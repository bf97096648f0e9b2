import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The dates the server writes, formatted from the broken-down UTC time: `timeStamp` members
/// (RFC 3339) and `Last-Modified` headers (IMF-fixdate, RFC 9110).
///
/// Not Foundation's formatters: each one is built through ICU, which cost more than the rest of
/// a 100-feature page. Only whole seconds are written, in UTC, from the Gregorian calendar.
enum ServerDates {
    /// `2016-05-23T08:49:37Z`.
    static func rfc3339(_ date: Date) -> String {
        let t = utc(date)
        return "\(digits(t.year, 4))-\(digits(t.month, 2))-\(digits(t.day, 2))T"
            + "\(digits(t.hour, 2)):\(digits(t.minute, 2)):\(digits(t.second, 2))Z"
    }

    /// `Mon, 23 May 2016 08:49:37 GMT`.
    static func imfFixdate(_ date: Date) -> String {
        let t = utc(date)
        return "\(weekdays[t.weekday]), \(digits(t.day, 2)) \(months[t.month - 1]) \(digits(t.year, 4)) "
            + "\(digits(t.hour, 2)):\(digits(t.minute, 2)):\(digits(t.second, 2)) GMT"
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The UTC calendar fields of `date`, truncated to the second, within the four-digit years
    /// both formats allow (0000-01-01 to 9999-12-31; not a number gives 1970).
    private static func utc(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int) {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.isNaN ? 0 : min(max(interval.rounded(.down), -62_167_219_200), 253_402_300_799))
        var fields = tm()
        gmtime_r(&seconds, &fields)
        return (Int(fields.tm_year) + 1900, Int(fields.tm_mon) + 1, Int(fields.tm_mday),
                Int(fields.tm_hour), Int(fields.tm_min), Int(fields.tm_sec), Int(fields.tm_wday))
    }

    /// `value` in decimal, zero-padded to `width`.
    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
