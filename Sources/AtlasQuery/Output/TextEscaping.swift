import AtlasModel

/// Escaping for JSON strings and CSV fields: the two text formats IncidentAtlas writes.
public enum TextEscaping {
    /// `text` as a JSON string literal, with quotes: `"`, `\`, and control characters escaped.
    public static func jsonString(_ text: String) -> String {
        FlatJSON.quoted(text)
    }

    /// `text` as one CSV field: quoted (quotes doubled) when it holds a comma, quote or line break.
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
