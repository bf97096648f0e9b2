import AtlasTestSupport
import Foundation
import Testing
@testable import AtlasServer

/// Link query values are percent-encoded as Foundation encodes them with the same set of
/// characters left alone, and decode back to the value.
@Suite struct LinkEncodingTests {
    @Test func queryValuesEncodeLikeFoundation() {
        let kept = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~,:")
        var random = SeededRandom(seed: 5)
        let pieces = ["a", "Z", "9", " ", "&", "=", "%", "+", "/", "?", "#", ",", ":", ".", "~", "\"", "حلب", "é", "🚀", "\u{7F}", "\u{01}"]
        var values = ["", "37.0,36.1,37.3,36.3", "Sheikh Maqsood", "2016-05-23T00:00:00Z/.."]
        for _ in 0..<300 {
            values.append((0..<Int(random.unit() * 12)).map { _ in pieces[Int(random.unit() * Double(pieces.count))] }.joined())
        }
        for value in values {
            let encoded = BaseURL.encode(value)
            #expect(encoded == value.addingPercentEncoding(withAllowedCharacters: kept), "\(value)")
            #expect(encoded.removingPercentEncoding == value)
        }
    }
}
