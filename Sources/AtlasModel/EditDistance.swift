/// Edit distance between folded keys, for the gazetteer's fuzzy stage.
public enum EditDistance {
    /// The optimal-string-alignment distance (Levenshtein plus adjacent transposition) between
    /// `a` and `b`, counted in Unicode scalars; stops early and returns `limit + 1` once the
    /// distance is certain to exceed `limit`.
    public static func distance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty || y.isEmpty { return min(max(x.count, y.count), limit + 1) }
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for row in 1...x.count {
            current[0] = row
            var rowMinimum = row
            for column in 1...y.count {
                let cost = x[row - 1] == y[column - 1] ? 0 : 1
                var value = min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + cost)
                if row > 1, column > 1, x[row - 1] == y[column - 2], x[row - 2] == y[column - 1] {
                    value = min(value, previous2[column - 2] + 1)
                }
                current[column] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return min(previous[y.count], limit + 1)
    }
}
