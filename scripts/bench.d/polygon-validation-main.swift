// In-process timing of PolygonValidation on 100k-vertex rings, compiled with -O against the
// AtlasGeo sources it needs by `scripts/polygon-validation-timing --in-process`.
import Foundation
func ring(_ count: Int, spiky: Bool, crossing: Bool) -> [Coordinate] {
    var g = SystemRandomNumberGenerator()
    let angles = (0..<count).map { _ in Double.random(in: 0..<(2 * .pi), using: &g) }.sorted()
    var pts = angles.map { a -> Coordinate in
        let r = spiky ? 0.1 + Double.random(in: 0..<1, using: &g) : 0.5 + 0.05 * sin(7 * a) + 0.0005 * Double.random(in: 0..<1, using: &g)
        return Coordinate(latitude: 36 + r * sin(a), longitude: 37 + r * cos(a))
    }
    if crossing { let k = count / 2; pts[k] = Coordinate(latitude: 36 - 1.5 * (pts[k].latitude - 36), longitude: 37 - 1.5 * (pts[k].longitude - 37)) }
    return pts + [pts[0]]
}
for spiky in [false, true] { for crossing in [false, true] {
    let r = ring(100_000, spiky: spiky, crossing: crossing)
    let t = Date()
    let found = PolygonValidation.firstCrossing(r)
    print("100k \(spiky ? "spiky" : "wavy ") \(crossing ? "crossing" : "simple  "): \(String(format: "%.3f", Date().timeIntervalSince(t))) s, found \(String(describing: found))")
}}
