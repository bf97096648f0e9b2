import AtlasGeo
import AtlasModel
import AtlasStore
import Foundation

/// Finds the places a report names, decides which of them it reports an incident at, and
/// resolves each to one gazetteer place: offline, in one pass over the text.
///
/// Rules, per sentence: a sentence without an event word (shelled, mortar, air strike, clashes,
/// captured, …) reports no incident. Within a sentence with one, a place is set aside when it is
/// where fire came *from* ("fired from X", "from the direction of X"), the attacker's home base
/// ("warplanes of the base in X"), a reference point ("30 km north of X"), the seat of a centre
/// ("the ceasefire center at X"), a dateline, a caption, a headline place the body repeats, or part
/// of an actor's, organisation's or person's name. A place that only locates another one
/// ("Sheikh Maqsood *in Aleppo*", "*the province of* Hama") gives no incident of its own when the
/// sentence names a more specific place; alone, it is the incident with precision 2 (a town's
/// area) or 3 (a governorate, at its seat). Ambiguous names resolve to the namesake near the places
/// located around them, then by the governorates named, importance and population. A name the
/// gazetteer lacks ("the neighbourhood of Halidia in Aleppo") is an incident at the nearest known
/// place containing it, with its name as written.
///
/// Long texts are processed paragraph by paragraph (at most 64 KiB at a time), so time is linear
/// and memory bounded whatever the size of the input.
public struct ReportExtractor: Sendable {
    /// What a report yields.
    public struct Extraction: Sendable {
        /// Incidents, in text order, one per place (a report restating an event adds nothing).
        public var candidates: [IncidentCandidate] = []
        /// Place mentions that are not incidents, with the rule that set each aside.
        public var skipped: [SkippedMention] = []
        /// The first place located, which locates unknown names in later segments.
        var firstPlace: Place?
    }

    private let index: GazetteerIndex
    private let actors: ActorTable

    /// An extractor over a gazetteer index and an actor table.
    public init(index: GazetteerIndex, actors: ActorTable) {
        self.index = index
        self.actors = actors
    }

    /// Extracts incidents from `text`.
    ///
    /// - throws: `StoreError` if the gazetteer cannot be read.
    public func extract(_ text: String) throws -> Extraction {
        var result = Extraction()
        var documentContext: [String: Int] = [:]
        var characterBase = 0
        for segment in Self.segments(of: text) {
            let segmentText = String(text[segment])
            try extract(segment: segmentText, characterBase: characterBase, context: &documentContext, into: &result)
            characterBase += segmentText.count
        }
        return result
    }

    // MARK: - One segment

    struct Mention {
        var firstWord: Int
        var wordCount: Int
        /// Gazetteer places of this spelling; empty for a name the gazetteer lacks.
        var placeIDs: Set<Int64>
        var range: Range<String.Index>
        /// Named as a part of a city ("the neighbourhood of X"): it must lie inside that city.
        var isQuarter = false
    }

    /// Places already located in the report, for resolving the next ambiguous name near them.
    private struct Anchors {
        /// The dateline's place or the first place the report locates.
        var document: [Place] = []
        /// Places located in the current paragraph.
        var paragraph: [Place] = []
    }

    private func extract(segment text: String, characterBase: Int, context documentContext: inout [String: Int],
                         into result: inout Extraction) throws {
        let words = TextWords(text)
        guard words.count > 0 else { return }
        var mentions: [Mention] = []
        var position = 0
        while position < words.count {
            if let match = index.trie.longestMatch(in: words.keys, from: position),
               Self.looksLikeAName(text, at: words.ranges[position].lowerBound) {
                let start = words.ranges[position].lowerBound
                let range = start..<words.ranges[position + match.length - 1].upperBound
                if match.length == 1, CommonWords.folded.contains(words.keys[position]), Self.withArticle(start, in: text) == start {
                    position += 1  // "Bab" or "June" as a word, not "al-Bab"
                    continue
                }
                if position > 0, PlaceCues.isNamePart(words, text: text, at: position - 1),
                   text[words.ranges[position - 1].upperBound..<start].allSatisfy({ $0 == " " || $0 == "-" || $0.isLetter }) {
                    // "Jabal al-Akrad" when only "Akrad" is known: a longer name the gazetteer lacks.
                    mentions.append(Mention(firstWord: position - 1, wordCount: match.length + 1, placeIDs: [],
                                            range: words.ranges[position - 1].lowerBound..<range.upperBound))
                } else {
                    mentions.append(Mention(firstWord: position, wordCount: match.length, placeIDs: match.values, range: range))
                }
                position += match.length
            } else {
                position += 1
            }
        }
        // Names introduced as neighbourhoods or villages: known ones learn they are quarters,
        // unknown ones become mentions of their own (located later at the place containing them).
        for cued in PlaceCues.names(in: words, text: text, span: 0..<words.count) {
            let cuedWords = cued.firstWord..<(cued.firstWord + cued.wordCount)
            if let known = mentions.firstIndex(where: { cuedWords.overlaps($0.firstWord..<($0.firstWord + $0.wordCount)) }) {
                let knownWords = mentions[known].firstWord..<(mentions[known].firstWord + mentions[known].wordCount)
                if cued.isQuarter { mentions[known].isQuarter = true }
                guard cuedWords.count > knownWords.count, cuedWords.lowerBound <= knownWords.lowerBound,
                      cuedWords.upperBound >= knownWords.upperBound else { continue }
                mentions.remove(at: known)  // "Bustan al-Qasr" is not the "Bustan" the gazetteer knows
            }
            mentions.append(Mention(firstWord: cued.firstWord, wordCount: cued.wordCount, placeIDs: [],
                                    range: Self.withArticle(words.ranges[cued.firstWord].lowerBound, in: text)..<words.ranges[cuedWords.upperBound - 1].upperBound,
                                    isQuarter: cued.isQuarter))
        }
        mentions.sort { $0.firstWord < $1.firstWord }
        guard !mentions.isEmpty else { return }
        let places = try index.names.places(ids: mentions.flatMap(\.placeIDs))
        let offsets = Self.characterOffsets(of: mentions.map(\.range), in: text, base: characterBase)

        // Governorates this segment names (through their seats or governorate names), for context.
        for mention in mentions {
            if let code = contextCode(of: mention, places: places) { documentContext[code, default: 0] += 1 }
        }

        var events: [(word: Int, length: Int, kind: EventLexicon.Kind)] = []
        var cursor = 0
        while cursor < words.count {
            if let match = EventLexicon.trie.longestMatch(in: words.keys, from: cursor), let first = match.values.min() {
                events.append((cursor, match.length, EventLexicon.kind(first)))
                cursor += match.length
            } else {
                cursor += 1
            }
        }

        let headline = characterBase == 0 ? Self.headline(of: text) : nil
        var paragraphActor: ActorTable.Actor?
        var anchors = Anchors()
        if let first = result.firstPlace { anchors.document = [first] }
        for sentence in Sentences.ranges(in: text) {
            let wordSpan = Self.wordSpan(of: sentence, in: words)
            let sentenceMentions = mentions.indices.filter { sentence.contains(mentions[$0].range.lowerBound) }
            let sentenceEvents = events.filter { wordSpan.contains($0.word) }
            let sentenceActors = actors.mentions(in: words.keys, from: wordSpan.lowerBound, to: wordSpan.upperBound)
            if Sentences.startsParagraph(sentence.lowerBound, in: text) { paragraphActor = nil; anchors.paragraph = [] }
            defer { if let last = sentenceActors.last?.actor { paragraphActor = last } }
            let evidence = text[sentence].trimmingCharacters(in: .whitespacesAndNewlines)
            func skip(_ index: Int, _ reason: String) {
                let mention = mentions[index]
                let name = mention.placeIDs.compactMap { places[$0]?.name }.sorted().first ?? String(text[mention.range])
                result.skipped.append(SkippedMention(mention: String(text[mention.range]), offsets: offsets[index], placeName: name, reason: reason))
            }
            // Places named without ambiguity in this sentence locate the ambiguous ones.
            let sentenceAnchors = sentenceMentions.compactMap { index -> Place? in
                guard mentions[index].placeIDs.count == 1, let id = mentions[index].placeIDs.first else { return nil }
                return places[id]
            }
            func located(_ index: Int, context: Set<String>) -> (Place, [Place], String)? {
                let mention = mentions[index]
                guard !mention.placeIDs.isEmpty else { return nil }
                return resolve(mention, places: places, sentenceContext: context, documentContext: documentContext,
                               anchors: sentenceAnchors + anchors.paragraph + anchors.document)
            }
            if Self.isCaption(evidence) {
                for index in sentenceMentions { skip(index, "photo caption") }
                continue
            }
            if let headline, headline.contains(sentence.lowerBound) {
                // A headline restates the story; a place it names that the body names again is the body's.
                let repeated = sentenceMentions.filter { index in
                    let key = words.keys[mentions[index].firstWord..<(mentions[index].firstWord + mentions[index].wordCount)]
                    return mentions.contains { other in
                        other.range.lowerBound >= headline.upperBound
                            && words.keys[other.firstWord..<(other.firstWord + other.wordCount)].elementsEqual(key)
                    }
                }
                for index in repeated { skip(index, "headline repeated in the body") }
                if repeated.count == sentenceMentions.count { continue }
            }
            guard !sentenceEvents.isEmpty else {
                for index in sentenceMentions {
                    if Sentences.startsParagraph(mentions[index].range.lowerBound, in: text),
                       Self.followedByDatelineMark(text, after: mentions[index].range.upperBound),
                       let (place, _, _) = located(index, context: []) {
                        anchors.document = [place]
                    }
                    skip(index, "no event word in its sentence")
                }
                continue
            }
            let actorWords = Set(sentenceActors.flatMap { $0.word..<($0.word + $0.length) })
            let skippedHere = Set(result.skipped.suffix(sentenceMentions.count).map(\.offsets.lowerBound))
            var specific: [Int] = [], containing: [(index: Int, area: String)] = []
            var sentenceContext = Set<String>()
            for (order, index) in sentenceMentions.enumerated() {
                let mention = mentions[index]
                if skippedHere.contains(offsets[index].lowerBound) { continue }
                let before = Self.previousWords(words, before: mention.firstWord, from: wordSpan.lowerBound)
                let afterIndex = mention.firstWord + mention.wordCount
                let after = afterIndex < wordSpan.upperBound ? words.keys[afterIndex] : ""
                let afterNext = afterIndex + 1 < wordSpan.upperBound ? words.keys[afterIndex + 1] : ""
                if (mention.firstWord..<afterIndex).contains(where: actorWords.contains) {
                    skip(index, "part of an actor's name"); continue
                }
                if before.suffix(2).contains(Rule.from) || before.suffix(3).contains(Rule.direction)
                    || (before.suffix(3).contains(Rule.from) && before.last == Rule.of) {
                    skip(index, "origin: where fire came from"); continue
                }
                if let last = before.last, Rule.at.contains(last), before.dropLast().suffix(3).contains(where: Rule.bases.contains),
                   before.dropLast().contains(where: { $0 == Rule.of || $0 == Rule.from }) {
                    skip(index, "home base of the attacker, not a target"); continue
                }
                if before.last == Rule.of, before.count >= 2, Rule.compass.contains(before[before.count - 2]) {
                    skip(index, "reference point (… of \(text[mention.range]))"); continue
                }
                if before.suffix(4).contains(where: Rule.centres.contains) { skip(index, "seat of a centre or headquarters, not a target"); continue }
                if Rule.organisations.contains(after) { skip(index, "part of an organisation's name"); continue }
                if Sentences.startsParagraph(mention.range.lowerBound, in: text), Self.followedByDatelineMark(text, after: mention.range.upperBound) {
                    if let (place, _, _) = located(index, context: []) { anchors.document = [place] }
                    skip(index, "dateline"); continue
                }
                if mention.wordCount == 1, !mention.placeIDs.isEmpty, Self.isInsideLongerName(mention.firstWord, words: words, text: text,
                                                                                             mentions: mentions, span: wordSpan) {
                    skip(index, "part of a longer name (a person or organisation)"); continue  // "Sergey Lavrov", "John Kerry"
                }
                if Rule.originVerbs.contains(after) {
                    skip(index, "origin: where fire came from"); continue  // "rebels in Jobar fired mortars at …"
                }
                if Rule.settlements.contains(after), afterNext == Rule.of {
                    // "the Hama town of Salamiyah": the governorate of the place that follows.
                    if let code = contextCode(of: mention, places: places) { sentenceContext.insert(code) }
                    skip(index, "names the governorate of another place"); continue
                }
                // "the Jobar district of Damascus": a quarter noun after a name makes the next name its city.
                let quarterOf = mention.firstWord >= 3 && words.keys[mention.firstWord - 1] == Rule.of
                    && PlaceCues.quarterNouns.contains(words.keys[mention.firstWord - 2])
                    && mentions.contains { $0.firstWord + $0.wordCount == mention.firstWord - 2 }
                let areaBefore = before.last == Rule.of && before.count >= 2
                    && (Rule.areas.contains(before[before.count - 2]) || quarterOf) ? before[before.count - 2] : nil
                // "A in X", "A in western X": X contains A; "in X" with nothing before it is the place itself.
                let inPlace = order > 0 && (before.last == Rule.in_
                    || (before.count >= 2 && before[before.count - 2] == Rule.in_ && Rule.compass.contains(before[before.count - 1])))
                let possessive = text[mention.range.upperBound...].hasPrefix("'s") || text[mention.range.upperBound...].hasPrefix("\u{2019}s")
                if after == Rule.city || possessive {
                    containing.append((index, ""))
                    if let code = contextCode(of: mention, places: places) { sentenceContext.insert(code) }
                } else if inPlace || areaBefore != nil || (Rule.areas.contains(after) && !mention.placeIDs.isEmpty) {
                    containing.append((index, areaBefore ?? (Rule.areas.contains(after) ? after : "")))
                    if let code = contextCode(of: mention, places: places) { sentenceContext.insert(code) }
                } else {
                    specific.append(index)
                }
            }
            let incidents: [(index: Int, area: String)]
            if specific.isEmpty {
                incidents = containing
            } else {
                incidents = specific.map { ($0, "") }
                for (index, _) in containing where !mentions[index].placeIDs.isEmpty {
                    skip(index, "names the area around another incident place")
                }
            }
            for (index, area) in incidents {
                let mention = mentions[index]
                let event = sentenceEvents.last(where: { $0.word < mention.firstWord }) ?? sentenceEvents[0]
                let prevented = Self.previousWords(words, before: event.word, from: wordSpan.lowerBound).suffix(3).contains(where: EventLexicon.prevention.contains)
                let actor1 = sentenceActors.last(where: { $0.word < event.word })?.actor ?? (sentenceActors.isEmpty ? paragraphActor : nil)
                let actor2 = sentenceActors.first(where: { $0.word > event.word && $0.actor != actor1 })?.actor
                let (eventType, subEventType) = event.kind.acledType(actorIsState: actor1?.kind == "state", prevented: prevented)
                let written = String(text[mention.range])
                // The place that contains this one, if the sentence or paragraph names one.
                // The nearest containing mention of the sentence, else the paragraph's last place, else the report's first.
                let container: (place: Place, area: String, wordsAfter: Int?)? = {
                    func rank(_ other: Int) -> (Int, Int) {
                        let gap = mentions[other].firstWord - mention.firstWord
                        return (gap > 0 && gap <= Self.containerReachWords ? 0 : 1, abs(gap))  // "X in Y" first
                    }
                    let candidates = containing.filter { $0.index != index }.sorted { rank($0.index) < rank($1.index) }
                    for (other, otherArea) in candidates {
                        if let (place, _, _) = located(other, context: sentenceContext) {
                            let gap = mentions[other].firstWord - mention.firstWord
                            return (place, otherArea, gap > 0 ? gap : nil)
                        }
                    }
                    return anchors.paragraph.last.map { ($0, "", nil) } ?? anchors.document.first.map { ($0, "", nil) }
                }()
                var location = ""
                var note = ""
                var precision = 1
                var resolved = located(index, context: sentenceContext)
                if mention.isQuarter, let (place, _, _) = resolved, let container, !Self.isGovernorateArea(container.area, place: container.place),
                   Haversine.distanceMeters(from: place.coordinate, to: container.place.coordinate) > Self.quarterReachMeters {
                    resolved = nil  // a namesake elsewhere, not the quarter of this city
                }
                if let (place, _, _) = resolved, let container, let gap = container.wordsAfter, gap <= Self.containerReachWords,
                   !specific.contains(where: { mentions[$0].firstWord > mention.firstWord && mentions[$0].firstWord < mention.firstWord + gap }),
                   Self.isGovernorateArea(container.area, place: container.place),
                   !Self.contextCodes(for: place).contains("\(container.place.country).\(container.place.admin1)") {
                    // "X in the countryside of Homs" with no other place between and the only X elsewhere: not that X.
                    resolved = nil
                }
                if resolved == nil {
                    guard let container else { skip(index, "a place the gazetteer lacks, with no known place around it"); continue }
                    let governorate = Self.isGovernorateArea(container.area, place: container.place)
                    precision = governorate ? 3 : 2
                    location = written
                    note = "\(written) is not in the gazetteer: placed at \(container.place.name), the nearest known place containing it"
                    resolved = (container.place, [], "contained in \(container.place.name)")
                }
                guard let (found, alternatives, reason) = resolved else { continue }
                var place = found
                if location.isEmpty && !area.isEmpty {
                    precision = Self.isGovernorateArea(area, place: place) ? 3 : 2
                    if precision == 3 { note = "only the governorate is named: placed at its seat" }
                    if precision == 3, place.featureCode == "PPLC", area == Rule.countryside {
                        // "the Damascus countryside" is Rif Dimashq, whose seat is Damascus itself.
                        place.admin1 = "08"
                        place.admin1Name = self.index.admin1.first { $0.code == "\(place.country).08" }?.name ?? "Rif Dimashq"
                        location = place.admin1Name ?? "Rif Dimashq"
                    }
                }
                if location.isEmpty { location = place.name }
                if result.candidates.contains(where: { $0.place.id == place.id && $0.location == location }) { continue }  // a restatement
                anchors.paragraph.append(place)
                if anchors.document.isEmpty { anchors.document = [place] }
                if result.firstPlace == nil { result.firstPlace = place }
                result.candidates.append(IncidentCandidate(
                    place: place, location: location, mention: written, offsets: offsets[index], eventType: eventType,
                    subEventType: subEventType, actor1: actor1?.name ?? "", actor2: actor2?.name ?? "", evidence: evidence,
                    geoPrecision: precision, alternatives: alternatives,
                    resolution: precision == 1 ? reason : reason + (precision == 2 ? "; only the area is named" : "; only the governorate is named"),
                    note: note))
            }
        }
    }

    /// How many words after a name "in the countryside of X" may still say where that name is.
    static let containerReachWords = 10

    /// How far from its city a named quarter may lie (Aleppo's and Damascus's edges are ~8 km out).
    static let quarterReachMeters = 10_000.0

    /// Whether an area word makes a mention stand for its governorate ("the province of Hama",
    /// "Idlib countryside") rather than for a town's surroundings ("the Palmyra region").
    private static func isGovernorateArea(_ area: String, place: Place) -> Bool {
        Rule.governorateAreas.contains(area) && ["PPLA", "PPLC"].contains(place.featureCode)
    }

    // MARK: - Resolution

    /// The best place for `mention`: near the places already located around it (within 30 km)
    /// or in a governorate named in its sentence, then in a governorate the report names, then
    /// the most important, then the most populous.
    private func resolve(_ mention: Mention, places: [Int64: Place], sentenceContext: Set<String>,
                         documentContext: [String: Int], anchors: [Place]) -> (Place, [Place], String) {
        let candidates = mention.placeIDs.compactMap { places[$0] }
        func near(_ place: Place) -> Bool {
            anchors.contains { $0.id != place.id && Haversine.distanceMeters(from: $0.coordinate, to: place.coordinate) <= Self.nearbyMeters }
        }
        func score(_ place: Place) -> (Int, Int, Int, Int, Int, Int64) {
            let codes = Self.contextCodes(for: place)
            let inSentence = codes.contains(where: sentenceContext.contains) ? 1 : 0
            let inDocument = codes.map { documentContext[$0] ?? 0 }.max() ?? 0
            let isNear = candidates.count > 1 && near(place) ? 1 : 0
            return (isNear + inSentence, isNear, inDocument, place.importance, place.population, -place.id)
        }
        let ranked = candidates.map { ($0, score($0)) }.sorted { $0.1 > $1.1 }
        let best = ranked[0]
        var reason = "only place of that name"
        if ranked.count > 1 {
            reason = best.1.1 == 1 ? "near the places named around it" : best.1.0 > 0 ? "in the governorate named in its sentence"
                : best.1.2 > 0 ? "in a governorate the report names" : "most important of \(ranked.count) places of that name"
        }
        return (best.0, Array(ranked.dropFirst().prefix(4).map(\.0)), reason)
    }

    /// How near a namesake must be to the places around it to win (the issue's ~30 km).
    static let nearbyMeters = 30_000.0

    /// The governorate a mention points to when it is a governorate seat or capital.
    private func contextCode(of mention: Mention, places: [Int64: Place]) -> String? {
        let seats = mention.placeIDs.compactMap { places[$0] }.filter { ["PPLA", "PPLC"].contains($0.featureCode) }
        return seats.max(by: { $0.population < $1.population }).map { "\($0.country).\($0.admin1)" }
    }

    /// Governorate keys of a place; Damascus and Rural Damascus stand for each other ("the
    /// province of Damascus" in reports often means the countryside around the city).
    private static func contextCodes(for place: Place) -> [String] {
        let code = "\(place.country).\(place.admin1)"
        if code == "SY.13" { return [code, "SY.08"] }
        if code == "SY.08" { return [code, "SY.13"] }
        return [code]
    }
}
