import Hummingbird

/// `/map` and its files: the map page for browsers (also the landing page's HTML form), and
/// `/map/config.json`, what the page needs from the command line (the optional tile server).
struct MapController: Sendable {
    let state: ServerState
    let assets: MapAssets

    /// The page: `/map`, and `/` when the client asks for HTML.
    func page() throws -> Response {
        try file("index.html")
    }

    /// The map page when the landing request asks for HTML (`f=html` or `Accept: text/html`
    /// first), else nil: API clients keep the JSON landing document.
    func landing(_ request: Request) throws -> Response? {
        let parameters = try QueryParameters(query: request.uri.query, allowed: ["f"])
        let format = try ResponseFormat.negotiate(parameters["f"], accept: request.headers[.accept], offered: [.json, .html])
        return format == .html ? try page() : nil
    }

    /// One of the page's files by name; 404 for any other name.
    func file(_ name: String) throws -> Response {
        guard !assets.files.isEmpty else {
            throw Problem(.internalServerError, "the map page's files were not found (looked in \(assets.origin)); the API is unaffected")
        }
        guard let asset = assets.files[name] else { throw Problem.notFound("no map file '\(QueryParameters.shown(name))'") }
        var fields = HTTPFields()
        fields[.contentType] = asset.type
        fields[.contentLength] = String(asset.bytes.count)
        // The files change only with the binary: a day of caching, revalidated after.
        fields[.cacheControl] = "public, max-age=86400"
        return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }

    /// `{"tiles": URL or null, "attribution": text}`: the raster tile layer `--tiles` chose.
    func configuration() -> Response {
        let tiles = state.configuration.tileURL
        return Responses.json(.obj([
            "tiles": tiles.map { .string($0) } ?? .null,
            "attribution": .string(state.configuration.tileAttribution ?? ""),
        ]))
    }
}
