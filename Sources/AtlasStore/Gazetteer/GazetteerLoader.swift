import AtlasImport
import AtlasGeo
import AtlasModel
import Foundation
import GRDB

/// Loads gazetteer files into the store, streaming, in batches of `batchSize` records per
/// transaction (so a 12M-line dump neither sits in memory nor in one giant WAL).
///
/// Every malformed line is reported as `FILE:LINE: what is wrong` in the returned
/// `LoadReport` and skipped; the rest loads. Re-loading a file updates the same places.
public struct GazetteerLoader: Sendable {
    /// Which places of a file to keep.
    public struct Options: Sendable {
        /// Keep only these ISO country codes (empty: all).
        public var countries: Set<String> = []
        /// Keep only these GeoNames feature classes (empty: all).
        public var featureClasses: Set<String> = []
        /// The `source` recorded on each place; defaults to the format name.
        public var source: String?
        /// Records per transaction outside bulk mode.
        public var batchSize = 100_000
        /// Force bulk mode on or off; nil decides by file size (`bulkThresholdBytes`).
        public var bulk: Bool?

        /// Default options: everything in the file.
        public init() {}
    }

    private let database: SpatialDatabase

    /// A loader writing into `database`.
    public init(database: SpatialDatabase) {
        self.database = database
    }

    /// Files at least this large load in bulk mode (see `loadPlaces`).
    public static let bulkThresholdBytes = 16 << 20

    /// Loads a place file.
    ///
    /// Small files load in transactions of `batchSize` records. Files of 16 MiB and more load in
    /// **bulk mode**: one transaction (so a failure leaves the gazetteer as it was; with the
    /// rollback journal when possible, see `BulkJournal`), a larger page cache
    /// (`BulkWriteSettings`), the secondary indexes dropped and rebuilt once at the end (sorting
    /// beats a million random B-tree inserts), and the spatial index filled once at the end.
    ///
    /// - parameters:
    ///   - path: the file, or `-` for standard input.
    ///   - format: the file's format.
    /// - throws: `InputError` if the file cannot be read at all (a bad line is not thrown:
    ///   it is reported); `StoreError` on a database failure.
    public func loadPlaces(_ path: String, format: GazetteerFormat, options: Options = Options()) throws -> LoadReport {
        let source = options.source ?? (format == .geonames ? "geonames" : Self.baseName(path))
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        let keep = { (record: PlaceRecord) -> Bool in
            (options.countries.isEmpty || options.countries.contains(record.country))
                && (options.featureClasses.isEmpty || options.featureClasses.contains(record.featureClass))
        }
        var report = LoadReport()
        let reject = { (line: Int, message: String) in
            report.issues.append(LoadReport.Issue(file: path, line: line, message: message))
        }
        if options.bulk ?? (size >= Self.bulkThresholdBytes) {
            database.closeIdleReaders()
            // The name index of a load into an empty gazetteer: sorted and written to a
            // temporary file on the other core during the commit, then stamped and moved in.
            var namesTask: BackgroundTask<Result<String, StoreError>>?
            var namesStamp: SidecarStamp?
            var installed = false
            defer {
                // A load that failed after starting the file leaves no temporary file behind.
                if let namesTask, !installed, case let .success(temporary) = namesTask.wait() {
                    try? FileManager.default.removeItem(atPath: temporary)
                }
            }
            // A name no other load uses, stamped when the generation is known.
            let temporary = NameIndexStore.path(forDatabase: database.path) + ".load-" + UUID().uuidString
            try database.writeWithoutTransaction { db in
                try BulkWriteSettings.apply(to: db)
                defer { BulkWriteSettings.reset(db) }
                try BulkJournal.run(on: db, enabled: true) {
                    try db.inTransaction {
                        let indexes = try SecondaryIndexes.drop(on: ["place"], in: db)
                        // Into an empty gazetteer the load sees every spelling there will be, so
                        // the parsing thread builds the name index as it goes (places numbered
                        // in load order; `placeIDs` maps them to their ids) instead of reading
                        // the names back afterwards.
                        let wasEmpty = try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM place)") ?? false
                        let collected = wasEmpty ? CollectedNames() : nil
                        if options.countries.isEmpty && options.featureClasses.isEmpty {
                            // With a filter most of the file may be left out: grow as needed.
                            collected?.builder.reserveCapacity(forFileBytes: size)
                        }
                        var placeIDs: [Int64] = []
                        let writer = try PlaceWriter(db, deferSpatialIndex: true)
                        // Counted here, not in `report`, which the `reject` closure captures: each
                        // access to it would be checked for exclusivity at run time.
                        var loaded = 0
                        defer { report.loaded += loaded }
                        // Parsing and name folding run on a second thread while this one writes.
                        try BatchPipeline.run(produce: Self.parsing(path: path, format: format, source: source, options: options, names: collected), consume: { batches in
                            for batch in batches {
                                try batch.bytes.withUnsafeBufferPointer { bytes in
                                    for item in batch.items {
                                        switch item {
                                        case let .place(row):
                                            let id = try writer.write(row, in: bytes)
                                            if collected != nil { placeIDs.append(id) }
                                            loaded += 1
                                        case let .rejected(line, message):
                                            reject(line, message)
                                        }
                                    }
                                }
                            }
                        })
                        // The R*Tree, then the name index, are packed on the other core while
                        // this one rebuilds the indexes and commits.
                        try writer.prepareFinish()
                        let ids = placeIDs
                        namesTask = collected.map { collected in
                            // From here on only the task touches `collected`: it numbers the
                            // spellings in place (no second copy of 3M entries).
                            BackgroundTask { () -> Result<String, StoreError> in
                                let distinct = collected.builder.numberPlaces(ids)
                                let builder = collected.builder
                                return Result { try builder.write(builder.sorted(distinct: distinct), stamp: SidecarStamp(storeID: 0, generation: 0), to: temporary); return temporary }
                                    .mapError { $0 as? StoreError ?? .invalidValue("name index: \($0)") }
                            }
                        }
                        try indexes.recreate()
                        try writer.finish()
                        if namesTask != nil { namesStamp = try SidecarStamp.places(in: db) }
                        return .commit
                    }
                }
            }
            if let task = namesTask, let stamp = namesStamp {
                // Without the file the next search rebuilds the index: the load itself stands.
                installed = true
                if case let .success(file) = task.wait() {
                    try? NameIndexStore.install(fileAt: file, stamp: stamp, forDatabase: database.path, cache: database.sidecars)
                }
            }
            return report
        }
        var batch: [PlaceRecord] = []
        let flush = { (records: inout [PlaceRecord]) throws in
            guard !records.isEmpty else { return }
            let toWrite = records
            try database.write { db in
                let writer = try PlaceWriter(db)
                for record in toWrite { try writer.write(record) }
                try writer.finish()
            }
            records.removeAll(keepingCapacity: true)
        }
        try Self.readRecords(path: path, format: format, source: source, accept: { record in
            guard keep(record) else { return }
            batch.append(record)
            report.loaded += 1
            if batch.count >= options.batchSize { try flush(&batch) }
        }, reject: reject)
        try flush(&batch)
        return report
    }

    /// The spellings the parsing thread collects for the name index, numbered by place in load
    /// order. Written by the parsing thread only, then (once `BatchPipeline.run` has returned,
    /// which waits for that thread to finish) by the task that numbers, sorts and writes them.
    private final class CollectedNames: @unchecked Sendable {
        var builder = NameIndexBuilder()
    }

    /// The parsing stage of a bulk load: reads, filters and folds the records, and packs them
    /// (`PackedPlaces`) in batches of up to 1,024 items or about 1 MiB of text; adds their
    /// spellings to `names` when given. GeoNames lines are packed from their bytes
    /// (`GeoNamesLinePacker`) unless they need the general parser.
    private static func parsing(path: String, format: GazetteerFormat, source: String, options: Options, names: CollectedNames?)
        -> @Sendable (([PackedPlaces]) -> Bool) throws -> Void {
        { emit in
            let batchItems = 1024, batchBytes = 1 << 20
            var batch = PackedPlaces(capacity: batchItems)
            var placeNumber: Int64 = 0
            var stopped = false
            // The builder is moved out of `names` while this thread fills it (a local variable
            // is not checked for exclusive access on every spelling, a class's property is).
            var builder = names?.builder ?? NameIndexBuilder()
            names?.builder = NameIndexBuilder()
            defer { names?.builder = builder }
            func send() {
                if !stopped { stopped = !emit([batch]) }
                batch.removeAll()
            }
            func sendWhenFull() {
                if batch.count >= batchItems || batch.bytes.count >= batchBytes { send() }
            }
            struct ConsumerStopped: Error {}
            func accept(_ record: PlaceRecord) throws {
                guard !stopped else { throw ConsumerStopped() }
                guard (options.countries.isEmpty || options.countries.contains(record.country))
                    && (options.featureClasses.isEmpty || options.featureClasses.contains(record.featureClass)) else { return }
                let folded = record.foldedNames
                if names != nil { try builder.add(placeID: placeNumber, names: folded) }
                placeNumber += 1
                batch.append(record, folded: folded)
                sendWhenFull()
            }
            func reject(_ line: Int, _ message: String) {
                batch.reject(line: line, message: message)
            }
            do {
                if format != .geonames {
                    try readRecords(path: path, format: format, source: source, accept: accept, reject: reject)
                } else {
                    var packer = GeoNamesLinePacker(countries: options.countries, featureClasses: options.featureClasses)
                    let collecting = names != nil
                    let lines = try LineReader(path: path)
                    while try lines.nextBytes({ bytes, number in
                        if bytes.isEmpty || bytes[0] == UInt8(ascii: "#") { return }
                        guard !stopped else { throw ConsumerStopped() }
                        let outcome = try packer.pack(bytes, source: source, into: &batch) { name, key in
                            if collecting { try builder.add(placeID: placeNumber, nameBytes: name, keyBytes: key) }
                        }
                        switch outcome {
                        case .packed:
                            placeNumber += 1
                            sendWhenFull()
                        case .filteredOut:
                            return
                        case .needsRecord:
                            switch GeoNamesDumpParser.record(bytes: bytes, source: source) {
                            case let .success(record): try accept(record)
                            case let .failure(error): reject(number, error.description)
                            }
                        }
                    }) {}
                }
            } catch is ConsumerStopped {
                return
            }
            if batch.count > 0 { send() }
        }
    }

    /// Streams the records of a place file: `accept` for each valid one, `reject` (line,
    /// message) for each bad one.
    static func readRecords(
        path: String, format: GazetteerFormat, source: String,
        accept: (PlaceRecord) throws -> Void, reject: (Int, String) -> Void
    ) throws {
        switch format {
        case .geonames:
            let lines = try LineReader(path: path)
            while try lines.nextBytes({ bytes, number in
                if bytes.isEmpty || bytes[0] == UInt8(ascii: "#") { return }
                switch GeoNamesDumpParser.record(bytes: bytes, source: source) {
                case let .success(record): try accept(record)
                case let .failure(error): reject(number, error.description)
                }
            }) {}
        case .csv:
            try CSVPlaceReader.read(path: path, separator: UInt8(ascii: ","), source: source, accept: accept, reject: reject)
        case .tsv:
            try CSVPlaceReader.read(path: path, separator: UInt8(ascii: "\t"), source: source, accept: accept, reject: reject)
        case .geojson:
            try GeoJSONPlaceReader.read(path: path, source: source, accept: accept, reject: reject)
        }
    }

    /// Attaches the names of a GeoNames `alternateNamesV2.txt` (10 columns) or
    /// `alternateNames.txt` (8 columns) to places already loaded; names of other places are
    /// counted as ignored. Link, postal and Wikidata rows are not names and are skipped quietly.
    public func loadAlternateNames(_ path: String, batchSize: Int = 200_000) throws -> LoadReport {
        var report = LoadReport()
        let lines = try LineReader(path: path)
        var batch: [(Int64, PlaceRecord.AlternateName)] = []
        let flush = { (rows: inout [(Int64, PlaceRecord.AlternateName)]) throws in
            guard !rows.isEmpty else { return }
            let toWrite = rows
            let (added, unknown) = try database.write { db -> (Int, Int) in
                let writer = try PlaceWriter(db)
                var added = 0, unknown = 0
                for (id, name) in toWrite {
                    switch try writer.addName(name.name, language: name.language, isPreferred: name.isPreferred, to: id) {
                    case .added: added += 1
                    case .known: break
                    case .noSuchPlace: unknown += 1
                    }
                }
                try writer.finish()
                return (added, unknown)
            }
            report.namesAdded += added
            report.ignored += unknown
            rows.removeAll(keepingCapacity: true)
        }
        while let line = try lines.next() {
            if line.text.isEmpty || line.text.hasPrefix("#") { continue }
            let columns = line.text.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 10 || columns.count == 8 else {
                report.issues.append(.init(file: path, line: line.number,
                    message: "line has \(columns.count) tab-separated columns; alternate-names lines have 10 (or 8 in the old format)"))
                continue
            }
            guard let id = Int64(columns[1]), id > 0 else {
                report.issues.append(.init(file: path, line: line.number, message: "geonameid '\(InputExcerpt.of(columns[1]))' is not a positive integer"))
                continue
            }
            let language = String(columns[2])
            if Self.nonNameLanguages.contains(language) { continue }
            let name = columns[3].trimmingASCIISpaces()
            guard !name.isEmpty else {
                report.issues.append(.init(file: path, line: line.number, message: "alternate name is empty"))
                continue
            }
            batch.append((id, PlaceRecord.AlternateName(name, language: language, isPreferred: columns[4] == "1")))
            if batch.count >= batchSize { try flush(&batch) }
        }
        try flush(&batch)
        report.loaded = report.namesAdded
        return report
    }

    /// Pseudo-languages of `alternateNames` whose rows are links or codes, not names.
    static let nonNameLanguages: Set<String> = ["link", "wkdt", "post", "unlc", "faac", "tcid", "fr_1793", "phon", "piny"]

    /// Loads GeoNames `admin1CodesASCII.txt`: `CC.CODE<TAB>name<TAB>asciiname<TAB>geonameid`.
    /// Three optional extra columns are read when present: Arabic name, OCHA p-code, and
    /// alternate names separated by `|`.
    public func loadAdmin1(_ path: String) throws -> LoadReport {
        var report = LoadReport()
        let lines = try LineReader(path: path)
        var rows: [Admin1Record] = []
        while let line = try lines.next() {
            if line.text.isEmpty || line.text.hasPrefix("#") { continue }
            let columns = line.text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 4 else {
                report.issues.append(.init(file: path, line: line.number, message: "line has \(columns.count) tab-separated columns; admin1 lines have at least 4"))
                continue
            }
            let parts = columns[0].split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0].count == 2, !parts[1].isEmpty else {
                report.issues.append(.init(file: path, line: line.number, message: "code '\(InputExcerpt.of(columns[0]))' is not of the form CC.CODE"))
                continue
            }
            guard !columns[1].trimmingASCIISpaces().isEmpty else {
                report.issues.append(.init(file: path, line: line.number, message: "name is empty"))
                continue
            }
            rows.append(Admin1Record(
                country: parts[0].uppercased(), code: parts[1], name: columns[1],
                asciiName: columns[2].isEmpty ? columns[1] : columns[2], geonameID: Int64(columns[3]),
                nameArabic: columns.count > 4 && !columns[4].isEmpty ? columns[4] : nil,
                pcode: columns.count > 5 && !columns[5].isEmpty ? columns[5] : nil,
                alternateNames: columns.count > 6 ? columns[6].split(separator: "|").map(String.init) : []))
        }
        try database.write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO admin1 (country, code, name, ascii_name, name_ar, pcode, geonameid, alternate_names)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (country, code) DO UPDATE SET
                    name = excluded.name, ascii_name = excluded.ascii_name, name_ar = excluded.name_ar,
                    pcode = excluded.pcode, geonameid = excluded.geonameid, alternate_names = excluded.alternate_names
                """)
            for row in rows {
                try statement.execute(arguments: [
                    row.country, row.code, row.name, row.asciiName, row.nameArabic, row.pcode, row.geonameID,
                    row.alternateNames.joined(separator: "|"),
                ])
            }
        }
        report.loaded = rows.count
        return report
    }

    static func baseName(_ path: String) -> String {
        let last = (path as NSString).lastPathComponent
        return (last as NSString).deletingPathExtension
    }
}
