/// The media types the server answers with, spelled once.
enum MediaTypes {
    /// GeoJSON (RFC 7946), for feature collections and features.
    static let geoJSON = "application/geo+json"
    /// Plain JSON, for the landing page, conformance, collections.
    static let json = "application/json"
    /// RFC 9457 problem documents.
    static let problem = "application/problem+json"
    /// The OpenAPI 3.0 document.
    static let openAPI = "application/vnd.oai.openapi+json;version=3.0"
    /// HTML pages for people.
    static let html = "text/html; charset=utf-8"
    /// CSV (RFC 4180) with a header row.
    static let csv = "text/csv; charset=utf-8"
}
