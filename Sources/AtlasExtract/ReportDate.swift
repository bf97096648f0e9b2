import AtlasModel
import AtlasStore
import Foundation

/// The incident date a report implies.
public struct ReportDate: Sendable, Equatable {
    /// The date incidents get.
    public var date: ISODate
    /// ACLED time precision: 1 the day itself, 2 within a few days, 3 only roughly.
    public var timePrecision: Int
    /// How the date was found, for the output.
    public var note: String

    /// The date for `text`: `given` (the report's date) if any, else the first full date in the
    /// text ("23 May 2016", "May 23, 2016", "2016-05-23"), else `today` with precision 3. A report
    /// covering "the past/previous 24 hours" dates its incidents the day before, precision 2.
    public static func find(in text: String, given: ISODate?, today: ISODate) -> ReportDate {
        let lower = text.lowercased()
        let daily = lower.contains("24 hours") || lower.contains("twenty-four hours")
        func dated(_ date: ISODate, _ how: String) -> ReportDate {
            daily ? ReportDate(date: ISODate(dayNumber: date.dayNumber - 1), timePrecision: 2, note: how + "; the report covers the previous 24 hours")
                  : ReportDate(date: date, timePrecision: 1, note: how)
        }
        if let given { return dated(given, "report date given") }
        if let found = firstDate(in: text) { return dated(found, "date found in the text") }
        return ReportDate(date: today, timePrecision: 3, note: "no date in the text or given: today's date, time precision 3")
    }

    private static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                                 "october", "november", "december"]

    /// The first full date written in `text`.
    static func firstDate(in text: String) -> ISODate? {
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }).map { String($0) }
        for (index, word) in words.enumerated() {
            if word.count >= 10, let iso = ISODate(word.prefix(10)) { return iso }
            guard let month = months.firstIndex(where: { $0 == word.lowercased() || ($0.prefix(3) == word.lowercased() && word.count == 3) }) else { continue }
            if index > 0, index + 1 < words.count, let day = Int(words[index - 1]), let year = Int(words[index + 1]), year > 1900,
               let date = ISODate(year: year, month: month + 1, day: day) { return date }
            if index + 2 < words.count, let day = Int(words[index + 1]), let year = Int(words[index + 2]), year > 1900,
               let date = ISODate(year: year, month: month + 1, day: day) { return date }
        }
        return nil
    }
}
