/// The OpenAPI 3.0 document served at `/api`.
enum OpenAPIDocument {
    static func build(base: BaseURL, writesEnabled: Bool) -> JSONValue {
        .obj(["openapi": "3.0.3"])
    }
}
