import ArgumentParser
import AtlasGeo
import AtlasModel
import AtlasQuery
import Foundation

/// `atlas add`: one incident, typed in.
struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add one incident at a place (--place) or a position (--at).")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Place name, resolved through the gazetteer.") var place: String?
    @OptionGroup var position: PositionOption
    @OptionGroup var day: DayOption
    @Option(help: "Event type: shelling, airstrike, clash, … or a full ACLED name.") var type: String = "shelling"
    @Option(help: "Actor who did it.") var actor: String = ""
    @Option(help: "Who reported it.") var source: String = ""
    @Option(help: "Free text.") var notes: String = ""
    @Option(parsing: .unconditional, help: "Reported deaths.") var fatalities: Int = 0

    func validate() throws {
        if (place == nil) == (position.at == nil) { throw ValidationError("give either --place NAME or --at LAT,LON") }
        guard day.date != nil else { throw ValidationError("give the incident's --date YYYY-MM-DD") }
        guard fatalities >= 0 else { throw ValidationError("--fatalities must not be negative") }
    }

    func run() throws {
        let backend = try database.backend(forWriting: true)
        guard let resolved = EventTaxonomy.resolve(type) else {
            throw ValidationError("unknown event type '\(type)'; did you mean '\(EventTaxonomy.closest(to: type))'?")
        }
        let (eventType, subEventType): (String, String)
        switch resolved {
        case let .eventType(name): (eventType, subEventType) = (name, "")
        case let .subEventType(sub): (eventType, subEventType) = (sub.eventType, sub.name)
        }
        var coordinate: Coordinate
        var location = ""
        var placeID: Int64?
        var admin1 = ""
        var precision = GeoPrecision(level: 1, scheme: "exact", code: 1)
        if let at = try position.coordinate() {
            coordinate = at
        } else {
            let name = place ?? ""
            guard let best = try backend.gazetteer.resolve(name).best else {
                throw try LocationOptions.noMatch(name, in: backend.gazetteer)
            }
            coordinate = best.place.coordinate
            location = best.place.name
            placeID = best.place.id
            admin1 = best.place.admin1Name ?? ""
            precision = best.geoPrecision
            StandardError.print("place: \(best.place.name) at \(best.place.coordinate)")
        }
        let incident = Incident(
            sourceKey: "add:\(UUID().uuidString.lowercased())", eventDate: (try day.day()?.description) ?? "", eventType: eventType,
            subEventType: subEventType, actor1: actor, admin1: admin1, location: location, placeID: placeID,
            coordinate: coordinate, geoPrecision: precision, fatalities: fatalities, source: source, notes: notes)
        let id = try backend.writer.insert([incident])[0]
        print(id)
    }
}
