import Foundation
import AtlasTestSupport
import Testing
@testable import AtlasServer

/// `ServerDates` against Foundation's formatters (the oracle) over dates spread across the
/// calendar: leap days, year ends, every weekday and month, before and after 2000.
@Suite struct ServerDatesTests {
    /// Seconds since 1970 drawn from 1970 to 2100, with fractions, plus calendar edges.
    static let samples: [Double] = {
        var generator = SeededRandom(seed: 20_160_523)
        var values: [Double] = [0, 951_782_400, 951_868_799.75, 1_464_000_000, 1_704_067_199, 1_709_164_800, 4_102_444_799]
        for _ in 0..<500 { values.append(Double.random(in: 0..<4_102_444_800, using: &generator)) }
        return values
    }()

    @Test func rfc3339MatchesISO8601DateFormatter() {
        let oracle = ISO8601DateFormatter()
        oracle.formatOptions = [.withInternetDateTime]
        for seconds in Self.samples {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(ServerDates.rfc3339(date) == oracle.string(from: Date(timeIntervalSince1970: seconds.rounded(.down))), "\(seconds)")
        }
    }

    @Test func imfFixdateMatchesDateFormatter() {
        let oracle = DateFormatter()
        oracle.locale = Locale(identifier: "en_US_POSIX")
        oracle.timeZone = TimeZone(identifier: "GMT")
        oracle.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        for seconds in Self.samples {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(ServerDates.imfFixdate(date) == oracle.string(from: Date(timeIntervalSince1970: seconds.rounded(.down))), "\(seconds)")
        }
        #expect(ServerDates.imfFixdate(Date(timeIntervalSince1970: 784_111_777)) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    /// Dates outside four-digit years, and not-a-number, are held to the formats' range.
    @Test func datesOutsideFourDigitYearsAreClamped() {
        #expect(ServerDates.rfc3339(Date(timeIntervalSince1970: 1e15)) == "9999-12-31T23:59:59Z")
        #expect(ServerDates.rfc3339(Date(timeIntervalSince1970: -1e15)) == "0000-01-01T00:00:00Z")
        #expect(ServerDates.rfc3339(Date(timeIntervalSince1970: .infinity)) == "9999-12-31T23:59:59Z")
        #expect(ServerDates.rfc3339(Date(timeIntervalSince1970: .nan)) == "1970-01-01T00:00:00Z")
        #expect(ServerDates.imfFixdate(Date(timeIntervalSince1970: 1e15)) == "Fri, 31 Dec 9999 23:59:59 GMT")
    }
}
