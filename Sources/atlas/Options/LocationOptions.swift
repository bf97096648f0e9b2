import ArgumentParser
import AtlasGeo
import AtlasQuery
import Foundation

/// Where a distance query starts: a place name (resolved through the gazetteer) or `--at LAT,LON`.
struct LocationOptions: ParsableArguments {
    @Argument(help: "A place name in any spelling (the best gazetteer match is used).")
    var place: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("A position instead of a place, latitude first like a map application.", valueName: "LAT,LON"))
    var at: String?

    @Option(name: .customLong("in"), help: ArgumentHelp("Prefer places in this governorate when resolving PLACE.", valueName: "governorate"))
    var admin1: String?

    func validate() throws {
        if (place == nil) == (at == nil) { throw ValidationError("give either a PLACE or --at LAT,LON") }
        if let at { _ = try Self.parse(at) }
    }

    /// The coordinate, saying on standard error which place a name resolved to.
    func resolve(in gazetteer: any GazetteerResolving) throws -> Coordinate {
        if let at { return try Self.parse(at) }
        let name = place ?? ""
        let (best, alternatives) = try gazetteer.resolve(name, in: admin1)
        guard let best else { throw try Self.noMatch(name, in: gazetteer) }
        let place = best.place
        var message = "place: \(place.name) (\(place.featureClass).\(place.featureCode)"
        if let admin1 = place.admin1Name { message += ", \(admin1)" }
        message += ") at \(place.coordinate), \(best.kind.rawValue) match on '\(best.matchedName)'"
        if best.kind == .fuzzy, !alternatives.isEmpty {
            message += "; other candidates: " + alternatives.prefix(3).map { "\($0.place.name) (\($0.place.admin1Name ?? $0.place.admin1))" }.joined(separator: ", ")
        }
        StandardError.print(message)
        return place.coordinate
    }

    /// The error for a name the gazetteer does not know, naming the closest names it does know.
    static func noMatch(_ name: String, in gazetteer: any GazetteerResolving) throws -> InputProblem {
        let closest = try gazetteer.suggestions(for: name, limit: 3)
        var message = "no place matches '\(name)' in the gazetteer"
        if !closest.isEmpty {
            message += "; closest: " + closest.map { "\($0.place.name) (\($0.place.admin1Name ?? $0.place.admin1))" }.joined(separator: ", ")
        }
        return InputProblem(message + "; try `atlas gazetteer find` with another spelling")
    }

    /// Parses `LAT,LON`.
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
