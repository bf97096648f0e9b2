import AtlasGeo
import AtlasModel

/// Parsers of the values of the OGC and vendor query parameters. Each throws a 400 `Problem`
/// that names the parameter and what is wrong with its value.
enum ParameterValues {
    /// `bbox=W,S,E,N` in degrees (WGS84 lon/lat); west > east crosses the antimeridian.
    static func bbox(_ text: String) throws -> BoundingBox {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        if parts.count == 6 {
            throw Problem.badRequest("bbox with six numbers (a 3D box) is not supported; give W,S,E,N")
        }
        guard parts.count == 4 else {
            throw Problem.badRequest("bbox takes four numbers W,S,E,N, got '\(QueryParameters.shown(text))'")
        }
        let names = ["west", "south", "east", "north"]
        var values: [Double] = []
        for (name, part) in zip(names, parts) {
            guard let value = Double(part.trimmingASCIISpaces()), value.isFinite else {
                throw Problem.badRequest("bbox \(name) '\(QueryParameters.shown(String(part)))' is not a number")
            }
            values.append(value)
        }
        for index in [0, 2] where !(-180...180).contains(values[index]) {
            throw Problem.badRequest("bbox \(names[index]) \(values[index]) is out of range [-180, 180]")
        }
        for index in [1, 3] where !(-90...90).contains(values[index]) {
            throw Problem.badRequest("bbox \(names[index]) \(values[index]) is out of range [-90, 90]")
        }
        guard values[1] <= values[3] else {
            throw Problem.badRequest("bbox south \(values[1]) is north of north \(values[3])")
        }
        return BoundingBox(west: values[0], south: values[1], east: values[2], north: values[3])
    }

    /// `datetime`: an instant (`2016-05-22` or an RFC 3339 date-time) or an interval `A/B`
    /// whose ends may be open (`..` or empty). Incidents carry days, so each end is taken at
    /// day precision: a time of day keeps its whole day.
    ///
    /// - returns: the first and last day kept (inclusive); nil for an open end.
    static func datetime(_ text: String) throws -> (since: ISODate?, until: ISODate?) {
        let ends = text.split(separator: "/", omittingEmptySubsequences: false)
        switch ends.count {
        case 1:
            guard let day = try instant(ends[0], in: text) else {
                throw Problem.badRequest("datetime '..' alone is not an instant; use '../..' for an interval open at both ends")
            }
            return (day, day)
        case 2:
            let since = try instant(ends[0], in: text), until = try instant(ends[1], in: text)
            if let since, let until, since > until {
                throw Problem.badRequest("datetime interval '\(text)' ends (\(until)) before it starts (\(since))")
            }
            return (since, until)
        default:
            throw Problem.badRequest("datetime takes an instant or an interval START/END, got '\(QueryParameters.shown(text))'")
        }
    }

    /// One end of a datetime: nil for an open end (`..` or empty).
    private static func instant(_ part: Substring, in whole: String) throws -> ISODate? {
        if part.isEmpty || part == ".." { return nil }
        let bad = Problem.badRequest("datetime '\(QueryParameters.shown(whole))': '\(QueryParameters.shown(String(part)))' is not a date (YYYY-MM-DD) or an RFC 3339 date-time")
        guard part.utf8.count >= 10 else { throw bad }
        let date = part.prefix(10)
        let rest = part.dropFirst(10)
        guard let day = ISODate(date) else { throw bad }
        if rest.isEmpty { return day }
        guard rest.first == "T" || rest.first == "t", isTimeOfDay(rest.dropFirst()) else { throw bad }
        return day
    }

    /// `hh:mm:ss[.fraction](Z|±hh:mm)`, as RFC 3339 spells a time with its offset.
    private static func isTimeOfDay(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>, max: Int) -> Bool {
            guard range.upperBound <= bytes.count, range.allSatisfy({ (0x30...0x39).contains(bytes[$0]) }) else { return false }
            return (Int(String(decoding: bytes[range], as: UTF8.self)) ?? Int.max) <= max
        }
        guard digits(0..<2, max: 23), bytes.count > 8, bytes[2] == 0x3A, digits(3..<5, max: 59), bytes[5] == 0x3A,
              digits(6..<8, max: 60) else { return false }
        var index = 8
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            guard index > start else { return false }
        }
        let zone = bytes[index...]
        if zone.count == 1 { return zone.first == 0x5A || zone.first == 0x7A }
        guard zone.count == 6, zone.first == 0x2B || zone.first == 0x2D else { return false }
        let offset = Array(zone)
        return offset[3] == 0x3A && offset[1...2].allSatisfy { (0x30...0x39).contains($0) }
            && offset[4...5].allSatisfy { (0x30...0x39).contains($0) }
    }

    /// A whole number in `range`, for `limit`, `minPoints`, `days`.
    static func integer(_ name: String, _ text: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text.trimmingASCIISpaces()) else {
            throw Problem.badRequest("\(name) '\(QueryParameters.shown(text))' is not a whole number")
        }
        guard range.contains(value) else {
            throw Problem.badRequest("\(name) \(value) is out of range [\(range.lowerBound), \(range.upperBound)]")
        }
        return value
    }

    /// A finite number in `range`, for `km`.
    static func number(_ name: String, _ text: String, in range: ClosedRange<Double>) throws -> Double {
        guard let value = Double(text.trimmingASCIISpaces()), value.isFinite else {
            throw Problem.badRequest("\(name) '\(QueryParameters.shown(text))' is not a number")
        }
        guard range.contains(value) else {
            throw Problem.badRequest("\(name) \(value) is out of range [\(range.lowerBound), \(range.upperBound)]")
        }
        return value
    }

    /// `LAT,LON` in decimal degrees, or nil when `text` is not two numbers (then it names a place).
    static func position(_ text: String) throws -> Coordinate? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let latitude = Double(parts[0].trimmingASCIISpaces()),
              let longitude = Double(parts[1].trimmingASCIISpaces()) else { return nil }
        do {
            return try Coordinate(validatingLatitude: latitude, longitude: longitude)
        } catch {
            throw Problem.badRequest("near '\(QueryParameters.shown(text))': \(error)")
        }
    }
}

extension StringProtocol {
    /// Without leading and trailing ASCII spaces and tabs.
    func trimmingASCIISpaces() -> Substring {
        let text = Substring(self)
        guard let start = text.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let end = text.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return text[start...end]
    }
}
