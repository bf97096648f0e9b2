import Foundation
import GRDB

/// `atlas check`: verifies a whole store — SQLite's own page and index checks, every R*Tree,
/// the generation tokens the sidecars are bound to, and each sidecar file.
///
/// Derived files are not evidence: a sidecar that is stale or damaged is reported and rebuilt on
/// its next use, so it does not fail the check. A sidecar that claims to be current but holds
/// other content than the tables would give does fail it: that is the one state in which a
/// query could answer wrongly without a message.
public enum StoreCheck {
    /// One verified part of the store.
    public struct Finding: Sendable, Equatable {
        /// What was checked: `integrity`, `rtree idx_incident_geom`, `generations`, `<db>.points`, ….
        public var part: String
        /// False when the store is damaged in this part.
        public var passed: Bool
        /// What was found, for a person.
        public var detail: String
    }

    /// Checks every part of `database`, in a single read transaction so the parts agree.
    ///
    /// - throws: `StoreError` when the database cannot be read at all.
    public static func run(on database: SpatialDatabase) throws -> [Finding] {
        var findings = try database.read { db -> [Finding] in
            var findings: [Finding] = []
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            findings.append(Finding(part: "integrity", passed: integrity == ["ok"],
                                    detail: integrity == ["ok"] ? "PRAGMA integrity_check: ok" : integrity.prefix(5).joined(separator: "; ")))
            let trees = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING rtree%' ORDER BY name")
            for tree in trees {
                let result = try String.fetchOne(db, sql: "SELECT rtreecheck(?)", arguments: [tree]) ?? "no answer"
                findings.append(Finding(part: "rtree \(tree)", passed: result == "ok", detail: "rtreecheck: \(result.prefix(300))"))
            }
            findings.append(generations(in: db))
            return findings
        }
        findings.append(try pointsSidecar(of: database))
        findings.append(try namesSidecar(of: database))
        return findings
    }

    /// The store id and both generation tokens must be present and integers: sidecars are bound
    /// to them, and a missing one would let a stale sidecar pass for current.
    private static func generations(in db: Database) -> Finding {
        var missing: [String] = []
        for key in [StoreIdentity.key, IncidentGeneration.key, PlaceGeneration.key] {
            let value = try? String.fetchOne(db, sql: "SELECT value FROM atlas_meta WHERE key = ?", arguments: [key])
            if value.flatMap({ $0 }).flatMap({ Int64($0) }) == nil { missing.append(key) }
        }
        return Finding(part: "generations", passed: missing.isEmpty,
                       detail: missing.isEmpty ? "store id and generation tokens present" : "missing or not an integer in atlas_meta: \(missing.joined(separator: ", "))")
    }

    /// `<db>.points`: a current file must hold exactly the index built from the table now.
    private static func pointsSidecar(of database: SpatialDatabase) throws -> Finding {
        let path = database.path + ".points"
        let stamp = try database.read { db in try SidecarStamp.incidents(in: db) }
        return try sidecar(path, SidecarFile.inspect(at: path, magic: PointIndex.magic, stamp: stamp)) { payload in
            let (builtStamp, built) = try PointIndex.build(from: database)
            // A write between the two reads changed the stamp: the file is merely stale now.
            guard builtStamp == stamp else { return nil }
            return built == payload ? nil : "its records differ from the incident table's (\(payload.count) bytes, rebuilt \(built.count))"
        }
    }

    /// `<db>.names`: a current file must read as a name index.
    private static func namesSidecar(of database: SpatialDatabase) throws -> Finding {
        let path = NameIndexStore.path(forDatabase: database.path)
        let stamp = try database.read { db in try SidecarStamp.places(in: db) }
        return try sidecar(path, SidecarFile.inspect(at: path, magic: NameIndex.magic, stamp: stamp)) { payload in
            do { _ = try NameIndex(data: payload); return nil } catch { return "does not read as a name index: \(error)" }
        }
    }

    /// The finding for a sidecar at `path` as `inspection` found it; `verify` checks a current
    /// payload's content (nil when it holds).
    private static func sidecar(_ path: String, _ inspection: SidecarFile.Inspection, verify: (Data) throws -> String?) throws -> Finding {
        let name = (path as NSString).lastPathComponent
        switch inspection {
        case .absent: return Finding(part: name, passed: true, detail: "absent (built on first use)")
        case .stale: return Finding(part: name, passed: true, detail: "stale: built for another generation (rebuilt on next use)")
        case let .damaged(reason): return Finding(part: name, passed: true, detail: "damaged, \(reason) (rebuilt on next use)")
        case let .current(payload):
            if let problem = try verify(payload) { return Finding(part: name, passed: false, detail: "stamp and checksum current, but \(problem)") }
            return Finding(part: name, passed: true, detail: "current (\(payload.count) bytes)")
        }
    }
}
