import Foundation

/// The files of the map page (`Web/` among the target's resources: the page, its script and
/// style, the vendored Leaflet and Leaflet.markercluster, the Natural Earth country outlines),
/// read once when the server starts so that a request never touches the disk.
///
/// The resource bundle is looked for beside the executable (where SwiftPM puts it), without
/// `Bundle.module`, which stops the process when the bundle is missing: a server without its
/// bundle still serves the API and answers `/map` with a problem that says what is missing.
struct MapAssets: Sendable {
    /// One file: its bytes and media type.
    struct Asset: Sendable {
        let bytes: [UInt8]
        let type: String
    }

    /// Files by name (`leaflet.min.js`, `countries.geojson`, …); empty when the bundle was not found.
    let files: [String: Asset]
    /// Where the files were read from, or the places searched when none was found.
    let origin: String

    /// The bundle's folder name SwiftPM gives the target's resources.
    static let bundleName = "IncidentAtlas_AtlasServer.resources"

    /// Reads the assets from the first folder among the candidates that holds `Web/index.html`.
    static func load() -> MapAssets {
        let candidates = candidateFolders()
        for folder in candidates {
            let web = folder.appendingPathComponent(bundleName).appendingPathComponent("Web")
            guard FileManager.default.fileExists(atPath: web.appendingPathComponent("index.html").path) else { continue }
            var files: [String: Asset] = [:]
            for directory in [web, web.appendingPathComponent("vendor")] {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
                for name in names {
                    guard let type = mediaType(of: name),
                          let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { continue }
                    files[name] = Asset(bytes: [UInt8](data), type: type)
                }
            }
            return MapAssets(files: files, origin: web.path)
        }
        return MapAssets(files: [:], origin: candidates.map { $0.appendingPathComponent(bundleName).path }.joined(separator: ", "))
    }

    /// The executable's folder (symbolic links resolved, as `scripts/atlas` may link it) and
    /// the main bundle's.
    private static func candidateFolders() -> [URL] {
        var folders: [URL] = []
        if let executable = Bundle.main.executableURL {
            folders.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        folders.append(Bundle.main.bundleURL)
        return folders
    }

    /// The media type served for a file name; nil for files that are not served (licences are
    /// in the repository, not on the wire).
    static func mediaType(of name: String) -> String? {
        switch (name as NSString).pathExtension {
        case "html": return "text/html; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "png": return "image/png"
        case "geojson": return "application/geo+json"
        default: return nil
        }
    }
}
