import AtlasModel
import AtlasImport
import AtlasStore
import Foundation

/// Actors by alias: `Nusra`, `Jabhat al-Nusra` and `Al-Nusra Front` are one actor. Loaded from a
/// TSV (`canonical<TAB>kind<TAB>alias|alias|…`; `#` comments), matched with the gazetteer's folding.
public struct ActorTable: Sendable {
    /// One actor.
    public struct Actor: Sendable, Hashable {
        /// The name written to incidents (ACLED style).
        public var name: String
        /// `state`, `rebel`, `jihadist`, `foreign`, `coalition`, `militia`.
        public var kind: String
    }

    private var actors: [Actor] = []
    private var trie = WordTrie<Int>()

    /// Parses the TSV text; `source` names it in errors.
    ///
    /// - throws: `InputError.malformed` naming the line that lacks a column.
    public init(tsv text: String, source: String) throws {
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 3, !columns[0].isEmpty else {
                throw InputError.malformed(file: source, line: offset + 1, reason: "expected canonical name, kind and aliases separated by tabs")
            }
            let index = actors.count
            actors.append(Actor(name: columns[0], kind: columns[1]))
            for alias in [columns[0]] + columns[2].split(separator: "|").map(String.init) {
                let words = NameFolding.words(in: alias).filter { !$0.isArticle }.map(\.key)
                if !words.isEmpty { trie.insert(words, value: index) }
            }
        }
    }

    /// Reads the table from a file.
    public init(path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw InputError.unreadable(file: path, reason: "cannot read the actor table")
        }
        try self.init(tsv: text, source: path)
    }

    /// Actors named in `words` between `start` and `end` (word indices), with where they start.
    func mentions(in words: [String], from start: Int, to end: Int) -> [(word: Int, length: Int, actor: Actor)] {
        var found: [(Int, Int, Actor)] = []
        var index = start
        while index < end {
            if let match = trie.longestMatch(in: words, from: index), index + match.length <= end, let first = match.values.min() {
                found.append((index, match.length, actors[first]))
                index += match.length
            } else {
                index += 1
            }
        }
        return found
    }
}
