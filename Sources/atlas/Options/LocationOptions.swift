import ArgumentParser
import AtlasGeo
import AtlasQuery
import Foundation

/// Where a distance query starts: a place name (resolved through the gazetteer) or `--at LAT,LON`.
struct LocationOptions: ParsableArguments {
    @Argument(help: "A place name in any spelling (the best gazetteer match is used).")
    var place: String?

    @OptionGroup var position: PositionOption
    @OptionGroup var governorate: GovernorateOption

    func validate() throws {
        if (place == nil) == (position.at == nil) { throw ValidationError("give either a PLACE or --at LAT,LON") }
    }

    /// The coordinate, saying on standard error which place a name resolved to.
    func resolve(in gazetteer: any GazetteerResolving) throws -> Coordinate {
        if let at = try position.coordinate() { return at }
        let name = place ?? ""
        let (best, alternatives) = try gazetteer.resolve(name, in: governorate.admin1)
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
}
