/// Aligned text columns for people: a header, a rule, the rows; numbers right-aligned.
public struct TextTable: Sendable {
    /// One column: its title and whether its values align right.
    public struct Column: Sendable {
        /// Header text.
        public var title: String
        /// True for numbers.
        public var alignRight: Bool

        /// Creates a column.
        public init(_ title: String, alignRight: Bool = false) {
            self.title = title
            self.alignRight = alignRight
        }
    }

    /// The columns, in order.
    public var columns: [Column]
    /// Cells, row by row; each row as long as `columns`.
    public private(set) var rows: [[String]] = []
    /// Longest cell shown; longer text is cut with "…".
    public var maxCellWidth = 48

    /// An empty table with `columns`.
    public init(columns: [Column]) {
        self.columns = columns
    }

    /// Adds a row (missing cells are blank).
    public mutating func append(_ cells: [String]) {
        rows.append(cells + Array(repeating: "", count: max(0, columns.count - cells.count)))
    }

    /// The table as text, ending with a newline.
    public func render() -> String {
        let cut = rows.map { $0.map(clip) }
        var widths = columns.map { $0.title.count }
        for row in cut {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            zip(cells, zip(widths, columns)).map { cell, layout in
                let padding = String(repeating: " ", count: max(0, layout.0 - cell.count))
                return layout.1.alignRight ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var text = line(columns.map(\.title)) + "\n"
        text += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in cut { text += line(row) + "\n" }
        return text
    }

    private func clip(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count <= maxCellWidth ? flat : String(flat.prefix(maxCellWidth - 1)) + "…"
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
