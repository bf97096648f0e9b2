import AtlasModel
import AtlasQuery

/// The HTML representations (OGC conformance class `html`): plain pages for people browsing the
/// API, every value escaped.
enum HTMLPage {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }

    /// A whole page titled `title` around `body` (already HTML).
    static func page(_ title: String, _ body: String) -> String {
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(escape(title))</title></head>\n<body>\n<h1>\(escape(title))</h1>\n\(body)\n</body></html>\n"
    }

    /// A JSON document as nested lists; `href` values become links.
    static func document(_ title: String, _ value: JSONValue) -> String {
        page(title, render(value))
    }

    private static func render(_ value: JSONValue) -> String {
        switch value {
        case let .string(text): return escape(text)
        case let .integer(number): return String(number)
        case let .number(number): return String(number)
        case let .bool(flag): return flag ? "true" : "false"
        case .null: return "null"
        case let .array(values): return "<ol>" + values.map { "<li>" + render($0) + "</li>" }.joined() + "</ol>"
        case let .object(pairs):
            return "<ul>" + pairs.map { key, value in
                if key == "href", case let .string(url) = value { return "<li>href: <a href=\"\(escape(url))\">\(escape(url))</a></li>" }
                return "<li><b>\(escape(key))</b>: " + render(value) + "</li>"
            }.joined() + "</ul>"
        }
    }

    /// The start of an items page, up to the table's first row.
    static func incidentTableHead(matched: Int, withDistance: Bool) -> String {
        let columns = ["id", "date", "type", "location", "admin1", "actor1", "fatalities", "lat", "lon"] + (withDistance ? ["distance m"] : [])
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Incidents</title></head>\n<body>\n"
            + "<h1>Incidents</h1>\n<p>\(matched) match.</p>\n<table>\n<tr>"
            + columns.map { "<th>\($0)</th>" }.joined() + "</tr>\n"
    }

    /// One incident as a table row.
    static func incidentRow(_ incident: Incident, distanceMeters: Double?) -> String {
        var cells = [String(incident.id ?? 0), incident.eventDate, incident.subEventType.isEmpty ? incident.eventType : incident.subEventType,
                     incident.location, incident.admin1, incident.actor1, String(incident.fatalities),
                     DecimalText.fixed(incident.coordinate.latitude, digits: 6), DecimalText.fixed(incident.coordinate.longitude, digits: 6)]
        if let distanceMeters { cells.append(DecimalText.fixed(distanceMeters, digits: 0)) }
        let id = String(incident.id ?? 0)
        return "<tr><td><a href=\"items/\(id)?f=html\">\(id)</a></td>" + cells.dropFirst().map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n"
    }

    /// The end of an items page: the count and the paging links.
    static func incidentTableTail(returned: Int, links: [Link]) -> String {
        "</table>\n<p>\(returned) shown.</p>\n<ul>"
            + links.map { "<li><a href=\"\(escape($0.href))\">\(escape($0.rel))</a> (\(escape($0.type)))</li>" }.joined()
            + "</ul>\n</body></html>\n"
    }
}
