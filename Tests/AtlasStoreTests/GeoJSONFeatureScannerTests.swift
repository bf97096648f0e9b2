import AtlasModel
import AtlasTestSupport
import Foundation
import Testing
@testable import AtlasImport
@testable import AtlasStore

/// `GeoJSONFeatureScanner` streams a FeatureCollection's features; `JSONSerialization` of the
/// whole file is the oracle for what each feature holds.
@Suite struct GeoJSONFeatureScannerTests {
    /// Features one by one, read in chunks of `chunk` bytes (small chunks cut every token).
    private func features(_ text: String, chunk: Int, maxBytes: Int = InputLimits.maxLineBytes) throws -> (features: [GeoJSONFeatureScanner.Feature], type: String?) {
        let file = try TemporaryFile(contents: text, suffix: ".geojson")
        let scanner = GeoJSONFeatureScanner(source: try ByteSource(path: file.path, chunkSize: chunk), maxFeatureBytes: maxBytes)
        var all: [GeoJSONFeatureScanner.Feature] = []
        while let feature = try scanner.next() { all.append(feature) }
        return (all, scanner.collectionType)
    }

    private func canonical(_ object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }

    /// Random collections with brackets, quotes and escapes inside strings, members before and
    /// after `features`, and scalar and nested features: each feature equals the oracle's.
    @Test func randomCollectionsSplitLikeJSONSerialization() throws {
        var random = SeededRandom(seed: 25)
        let awkward = ["a]b", "{", "\\\"}", "\\\\", "x,y", "[[", "\\u005d", " ", "é"]
        func string() -> String { "\"" + (0..<Int(random.unit() * 4)).map { _ in awkward[Int(random.unit() * Double(awkward.count))] }.joined() + "\"" }
        func value(_ depth: Int) -> String {
            switch Int(random.unit() * (depth > 2 ? 3 : 5)) {
            case 0: return string()
            case 1: return ["1", "-2.5e3", "true", "null", "0"][Int(random.unit() * 5)]
            case 2: return "\(Int(random.unit() * 1000))"
            case 3: return "[" + (0..<Int(random.unit() * 3)).map { _ in value(depth + 1) }.joined(separator: " ,") + "]"
            default: return "{" + (0..<Int(random.unit() * 3)).map { _ in "\(string()) :\(value(depth + 1))" }.joined(separator: ",\n") + " }"
            }
        }
        for trial in 0..<200 {
            let items = (0..<Int(random.unit() * 6)).map { _ in value(0) }
            let members = ["\"type\":\"FeatureCollection\"", "\"features\" : [ \(items.joined(separator: " , "))\n]",
                           "\"name\":\(value(0))", "\"bbox\":[1,2,3,4]"].shuffled(using: &random)
            let text = " {" + members.joined(separator: ",") + "}\n"
            let expected = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])["features"] as? [Any]
            for chunk in [1, 3, 64] {
                let (got, type) = try features(text, chunk: chunk)
                #expect(type == "\"FeatureCollection\"")
                let parsed = try got.map { feature -> String in
                    guard case let .bytes(data) = feature else { return "too long" }
                    return try canonical(try JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed))
                }
                #expect(parsed == (try expected?.map(canonical)), "trial \(trial), chunk \(chunk): \(text)")
            }
        }
    }

    @Test func aBrokenSkeletonIsRefusedNamingTheByte() throws {
        let cases = [
            "[]": "does not start with '{'",
            "{\"type\":\"FeatureCollection\",\"features\":[{}": "the file ends inside 'features'",
            "{\"type\":\"FeatureCollection\",\"features\":[{\"a\":[1}": "the file ends inside a value",
            "{\"type\":\"FeatureCollection\" \"features\":[]}": "expected ',' or '}' between members",
            "{\"features\":[{} {}]}": "expected ',' or ']' after feature 1",
            "{\"features\":[]} x": "content after the top-level object",
            "{\"features\":7}": "'features' is not an array",
        ]
        for (text, reason) in cases {
            #expect {
                _ = try features(text, chunk: 2)
            } throws: { error in
                guard case let InputError.malformed(_, _, message) = error else { return false }
                return message.hasPrefix("not a GeoJSON FeatureCollection: \(reason) (byte ")
            }
        }
    }

    /// A feature over the limit is reported with its length and start, and the next is read.
    @Test func aFeatureOverTheLimitIsSkippedAndTheNextRead() throws {
        let long = "{\"p\":\"" + String(repeating: "x", count: 500) + "\"}"
        let (got, _) = try features("{\"features\":[\(long),{\"b\":1}],\"type\":\"FeatureCollection\"}", chunk: 16, maxBytes: 100)
        #expect(got.count == 2)
        if case let .tooLong(length, start) = got.first { #expect(length == long.utf8.count && start.count == 100) } else { Issue.record("not too long") }
        if case let .bytes(data) = got.last { #expect(String(decoding: data, as: UTF8.self) == "{\"b\":1}") } else { Issue.record("second feature lost") }
    }

    /// Through the importer: `type` after the features still counts; a file that is not a
    /// FeatureCollection is refused before any row; an over-long feature is one rejected row.
    @Test func importsStreamAndRefuseAsBefore() throws {
        let test = try TestDatabase()
        let point = { (key: String) in "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[37.1,36.2]},\"properties\":{\"source_key\":\"\(key)\",\"event_date\":\"2016-05-22\",\"event_type\":\"shelling\"}}" }
        let huge = "{\"type\":\"Feature\",\"properties\":{\"notes\":\"" + String(repeating: "y", count: InputLimits.maxLineBytes) + "\"}}"
        let file = try TemporaryFile(contents: "{\"features\":[\(point("s1")),\(huge),\(point("s2"))],\"type\":\"FeatureCollection\"}", suffix: ".geojson")
        let report = try IncidentImporter(database: test.database).importFile(file.path)
        #expect(report.inserted == 2)
        #expect(report.rejections.map { "\($0.line) \($0.field)" } == ["2 row"])
        #expect(report.rejections.first?.reason.hasPrefix("feature of \(huge.utf8.count) bytes, longer than \(InputLimits.maxLineBytes)") == true)

        let single = try TemporaryFile(contents: point("s3"), suffix: ".geojson")
        #expect(throws: InputError.malformed(file: single.path, line: nil,
                                             reason: "not a GeoJSON FeatureCollection (no \"type\": \"FeatureCollection\" with a \"features\" array)")) {
            try IncidentImporter(database: test.database).importFile(single.path)
        }
    }
}
