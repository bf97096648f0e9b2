/// A trie over sequences of folded words, for finding every known multi-word name in a text
/// in one pass: at each word, follow the trie as far as the text allows and keep the longest
/// match. Building is linear in the total length of the names.
struct WordTrie<Value: Hashable & Sendable>: Sendable {
    private struct Node: Sendable {
        var children: [String: Int] = [:]
        var values: Set<Value> = []
    }

    private var nodes = [Node()]

    /// Adds `value` under the word sequence `words`.
    mutating func insert(_ words: [String], value: Value) {
        var current = 0
        for word in words {
            if let next = nodes[current].children[word] {
                current = next
            } else {
                nodes.append(Node())
                nodes[current].children[word] = nodes.count - 1
                current = nodes.count - 1
            }
        }
        nodes[current].values.insert(value)
    }

    /// The longest name starting at `words[start]`: how many words it spans and its values.
    func longestMatch(in words: [String], from start: Int) -> (length: Int, values: Set<Value>)? {
        var current = 0
        var best: (Int, Set<Value>)?
        var index = start
        while index < words.count, let next = nodes[current].children[words[index]] {
            current = next
            index += 1
            if !nodes[current].values.isEmpty { best = (index - start, nodes[current].values) }
        }
        return best
    }

    /// Number of names' nodes, for reports.
    var nodeCount: Int { nodes.count }
}
