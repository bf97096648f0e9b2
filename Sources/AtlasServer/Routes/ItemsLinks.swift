/// The links of an items page: itself, the same page in the other formats, and the next and
/// previous pages.
struct ItemsLinks: Sendable {
    /// The base of every href.
    var base: BaseURL
    /// The items path (`/collections/incidents/items`).
    var path: String
    /// The request's parameters other than `limit`, `after`/`before`/`offset` and `f`, in name
    /// order.
    var parameters: [(String, String)]
    /// The page size.
    var limit: Int
    /// The paging parameter of this page (`after=…`, `before=…` or `offset=…`), if any.
    var current: (String, String)?

    /// The links, `next` and `prev` carrying `next` and `previous` as the paging parameter when
    /// there is such a page.
    func links(format: ResponseFormat, next: (String, String)?, previous: (String, String)? = nil) -> [Link] {
        func href(_ paging: (String, String)?, _ format: ResponseFormat) -> String {
            var query = parameters + [("limit", String(limit))]
            if let paging { query.append(paging) }
            query.append(("f", format.rawValue))
            return base.url(path, query: query)
        }
        var links = [Link(href: href(current, format), rel: "self", type: Self.type(of: format), title: "This page")]
        for other in ResponseFormat.allCases where other != format {
            links.append(Link(href: href(current, other), rel: "alternate", type: Self.type(of: other), title: "This page as \(other.rawValue.uppercased())"))
        }
        if let next {
            links.append(Link(href: href(next, format), rel: "next", type: Self.type(of: format), title: "The next page"))
        }
        if let previous {
            links.append(Link(href: href(previous, format), rel: "prev", type: Self.type(of: format), title: "The previous page"))
        }
        return links
    }

    /// The media type of a feature collection in `format`.
    static func type(of format: ResponseFormat) -> String {
        switch format {
        case .json: return MediaTypes.geoJSON
        case .html: return "text/html"
        case .csv: return "text/csv"
        }
    }
}
