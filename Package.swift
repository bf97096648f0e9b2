// swift-tools-version:6.1
// IncidentAtlas: a geospatial incident store for conflict and ceasefire monitoring, over SpatiaLite.
import PackageDescription

// `ATLAS_FUZZ=<path of libclang_rt.fuzzer_no_main-ARCH.a>` (set by scripts/fuzz, which builds in
// its own --scratch-path) compiles the product modules with libFuzzer's coverage instrumentation
// and links `atlas-fuzz` against libFuzzer without its `main`, so the harness's own `main` hands
// control to `LLVMFuzzerRunDriver`. Without it, `atlas-fuzz` is a plain program that replays
// corpus files, and nothing needs libFuzzer.
let fuzzLibrary = Context.environment["ATLAS_FUZZ"]
let fuzzing = fuzzLibrary != nil
let fuzzCoverage: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer"])] : []

let package = Package(
    name: "IncidentAtlas",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "atlas", targets: ["atlas"]),
        .library(name: "AtlasQuery", targets: ["AtlasQuery"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // The HTTP server (atlas serve): Hummingbird 2 on SwiftNIO, with swift-log and service lifecycle.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        // C headers of SQLite and SpatiaLite, linked through pkg-config.
        .systemLibrary(
            name: "CSpatiaLite",
            pkgConfig: "spatialite",
            providers: [.apt(["libspatialite-dev", "libsqlite3-dev"])]
        ),
        // PROJ's geodesic.h (Karney's algorithms), linked from libproj.
        .systemLibrary(name: "CGeodesic", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        // zlib's crc32, for the checksums of the sidecar files.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Pure geometry and geodesy: no database.
        .target(name: "AtlasGeo", dependencies: ["CGeodesic"], swiftSettings: fuzzCoverage),
        // Plain model values shared by every layer: incidents, queries, places, reports. No
        // database types.
        .target(name: "AtlasModel", dependencies: ["AtlasGeo"], swiftSettings: fuzzCoverage),
        // Incident files (ACLED/UCDP/project CSV, GeoJSON, JSON Lines) read, validated and mapped
        // into batches: the one parser every backend's import uses. No database types.
        .target(name: "AtlasImport", dependencies: ["AtlasModel", "AtlasGeo"], swiftSettings: fuzzCoverage),
        // The SpatiaLite store: database, schema, gazetteer, incidents, regions; implements
        // AtlasQuery's backend protocols.
        .target(
            name: "AtlasStore",
            dependencies: [
                "CSpatiaLite", "CZlib", "AtlasGeo", "AtlasModel", "AtlasQuery", "AtlasImport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: fuzzCoverage
        ),
        // The backend protocols (the storage seam), clustering and streaming writers. No
        // database types.
        .target(name: "AtlasQuery", dependencies: ["AtlasModel", "AtlasGeo"], swiftSettings: fuzzCoverage),
        // The PostGIS backend: the same backend protocols over PostgreSQL + PostGIS (postgres-nio).
        // No GRDB or SQLite type; it does not depend on AtlasStore.
        .target(
            name: "AtlasPostGIS",
            dependencies: [
                "AtlasQuery", "AtlasModel", "AtlasGeo", "AtlasImport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // Report text to located incident candidates.
        .target(
            name: "AtlasExtract",
            dependencies: ["AtlasStore", "AtlasQuery", "AtlasImport", "AtlasModel", "AtlasGeo", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: fuzzCoverage
        ),
        // The OGC API – Features server behind `atlas serve`: routes over any `AtlasBackend` (the
        // storage seam), the query layer and writers; no store module.
        .target(
            name: "AtlasServer",
            dependencies: [
                "AtlasGeo", "AtlasModel", "AtlasQuery",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            // The map page and its vendored Leaflet (see Web/vendor/LICENSE-*), read by MapAssets.
            resources: [.copy("Web")],
            swiftSettings: fuzzCoverage
        ),
        // The command-line interface.
        .executableTarget(
            name: "atlas",
            dependencies: [
                "AtlasGeo", "AtlasModel", "AtlasImport", "AtlasStore", "AtlasQuery", "AtlasExtract", "AtlasPostGIS", "AtlasServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The fuzz targets (scripts/fuzz): one program, the target named by ATLAS_FUZZ_TARGET or
        // its first argument. It reaches internal parsers through @testable imports, so it is
        // built in debug (testing enabled) only.
        .executableTarget(
            name: "atlas-fuzz",
            dependencies: ["AtlasGeo", "AtlasModel", "AtlasImport", "AtlasStore", "AtlasQuery", "AtlasExtract", "AtlasServer"],
            swiftSettings: fuzzing ? [.define("ATLAS_FUZZ")] : [],
            linkerSettings: fuzzLibrary.map { [.unsafeFlags([$0, "-lstdc++"])] } ?? []
        ),
        // In-process timings for scripts/bench (release builds only; no product code).
        .executableTarget(
            name: "atlas-bench",
            dependencies: [
                "AtlasGeo", "AtlasModel", "AtlasStore", "AtlasQuery", "AtlasExtract", "AtlasPostGIS",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // Helpers shared by the test targets (no product code depends on it).
        .target(
            name: "AtlasTestSupport",
            dependencies: ["AtlasModel", "AtlasGeo", "AtlasQuery", "AtlasStore", "AtlasPostGIS", .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Tests/AtlasTestSupport"
        ),
        .testTarget(name: "AtlasGeoTests", dependencies: ["AtlasGeo", "AtlasTestSupport"]),
        .testTarget(name: "AtlasStoreTests", dependencies: ["AtlasStore", "AtlasImport", "AtlasModel", "AtlasQuery", "AtlasGeo", "AtlasTestSupport"]),
        .testTarget(name: "AtlasQueryTests", dependencies: ["AtlasQuery", "AtlasModel", "AtlasImport", "AtlasStore", "AtlasGeo", "AtlasTestSupport"]),
        .testTarget(
            name: "AtlasPostGISTests",
            dependencies: [
                "AtlasPostGIS", "AtlasImport", "AtlasStore", "AtlasQuery", "AtlasModel", "AtlasGeo", "AtlasTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(name: "AtlasExtractTests", dependencies: ["AtlasExtract", "AtlasModel", "AtlasImport", "AtlasStore", "AtlasGeo"]),
        .testTarget(
            name: "AtlasServerTests",
            dependencies: [
                "AtlasServer", "AtlasQuery", "AtlasModel", "AtlasGeo", "AtlasTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
