import Foundation
import Testing
@testable import AtlasGeo

/// Numbers and areas that are not what they seem are refused with what was wrong, and where.
@Suite struct AreaInputTests {
    @Test func decimalNumbersOnly() {
        for (text, value) in [("36.2", 36.2), ("-37", -37.0), ("+.5", 0.5), ("1e-3", 0.001), ("5.", 5.0), ("2E+2", 200.0)] {
            #expect(DecimalNumber.value(text) == value, "\(text)")
        }
        for text in ["0x1p3", "nan", "NaN", "inf", "-infinity", "", ".", "-", "1e", "1 ", " 1", "1,5", "e5", "٣"] {
            #expect(DecimalNumber.value(text) == nil, "\(text)")
        }
    }

    /// Found by fuzzing (arguments target): an exponent past Double's range read as infinity.
    @Test func decimalNumbersOutOfDoubleRangeAreRefused() {
        for text in ["17.5e515", "-1e309", "1" + String(repeating: "0", count: 400)] {
            #expect(DecimalNumber.value(text) == nil, "\(text)")
        }
        #expect(DecimalNumber.value("1e-400") == 0, "underflow is a finite zero")
        #expect(DecimalNumber.value("1.7976931348623157e308") == .greatestFiniteMagnitude)
    }

    @Test func aWKTPositionThatIsNotANumberIsNamed() {
        #expect {
            try AreaParsing.wkt("POLYGON((37 36, nan 36, 37.1 36.1, 37 36))")
        } throws: { error in
            error as? GeometryError == .badPosition(ring: 0, index: 1, detail: "'nan 36' is not 'x y' in decimal degrees")
        }
    }

    @Test func aNaNInGeoJSONIsReportedWithItsLineAndColumn() {
        let text = "{\"type\": \"Polygon\",\n \"coordinates\": [[[37, 36], [NaN, 36], [37.1, 36.1], [37, 36]]]}"
        #expect {
            try AreaParsing.geoJSON(Data(text.utf8))
        } throws: { error in
            "\(error)".hasPrefix("not valid JSON at line 2, column 30 (near 'NaN, 36], [3'): JSON has no NaN or Infinity")
        }
    }

    /// 179 → -179 is 2° across the antimeridian to the writer, 358° the other way to a planar
    /// reader: refused with the reason instead of read the long way round.
    @Test func aRingAcrossTheAntimeridianIsRefused() {
        let text = #"{"type": "Polygon", "coordinates": [[[179, 10], [-179, 10], [-179, 11], [179, 11], [179, 10]]]}"#
        let parsed = try? AreaParsing.geoJSON(Data(text.utf8))
        #expect(parsed?.areas.isEmpty == true)
        #expect(parsed?.problems.first?.1.hasPrefix("ring 0, edge 0 goes from longitude 179.0 to -179.0, more than 180°") == true)
        #expect(throws: GeometryError.self) { try AreaParsing.wkt("POLYGON((179 10, -179 10, -179 11, 179 11, 179 10))") }
    }
}
