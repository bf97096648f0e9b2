import ArgumentParser
import AtlasGeo
import AtlasModel
import Foundation

/// `--at LAT,LON`: a position, latitude first like a map application (degrees).
struct PositionOption: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("A position, latitude first like a map application.", valueName: "LAT,LON"))
    var at: String?

    func validate() throws {
        if let at { _ = try Self.parse(at) }
    }

    /// The position, nil without `--at`.
    func coordinate() throws -> Coordinate? {
        try at.map(Self.parse)
    }

    /// Parses `LAT,LON` in decimal degrees.
    static func parse(_ text: String) throws -> Coordinate {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let latitude = DecimalNumber.value(parts[0]), let longitude = DecimalNumber.value(parts[1]) else {
            throw ValidationError("--at takes LAT,LON in decimal degrees, got '\(text)'")
        }
        do {
            return try Coordinate(validatingLatitude: latitude, longitude: longitude)
        } catch {
            throw ValidationError("--at: \(error)")
        }
    }
}

/// `--in GOVERNORATE`: prefer places of this governorate (any spelling, code or p-code).
struct GovernorateOption: ParsableArguments {
    @Option(name: .customLong("in"), help: ArgumentHelp("Prefer places in this governorate (name, code or p-code).", valueName: "governorate"))
    var admin1: String?
}

/// `--limit N`: at most this many results.
struct LimitOption: ParsableArguments {
    @Option(parsing: .unconditional, help: "At most this many results.")
    var limit: Int?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1, got \(limit)") }
    }
}

/// `--date YYYY-MM-DD`: a calendar day.
struct DayOption: ParsableArguments {
    @Option(help: ArgumentHelp("The day (for extract: the report's; default a date in the text, else today).", valueName: "YYYY-MM-DD"))
    var date: String?

    func validate() throws {
        _ = try day()
    }

    /// The day, nil without `--date`.
    func day() throws -> ISODate? {
        try date.map { text in
            guard let day = ISODate(text) else { throw ValidationError("--date '\(text)' is not a real date of the form YYYY-MM-DD") }
            return day
        }
    }
}
