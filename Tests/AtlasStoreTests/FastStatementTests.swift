import Foundation
import GRDB
import Testing
@testable import AtlasStore

/// `FastStatement` reports what went wrong with the statement's SQL, binds included.
@Suite struct FastStatementTests {
    @Test func aFailedBindIsThrownWithTheParameterAndTheSQL() throws {
        let test = try TestDatabase()
        try test.database.read { db in
            let statement = try FastStatement(db, sql: "SELECT ? + 1")
            statement.bind(2, Int64(5))  // there is no parameter 2
            #expect {
                try statement.run()
            } throws: { error in
                "\(error)".contains("binding parameter 2 of SELECT ? + 1") && "\(error)".contains("out of range")
            }
            // The failure is cleared: the statement runs again with a good bind.
            statement.bind(1, Int64(41))
            #expect(try statement.run() == 42)
        }
    }

    @Test func aStepErrorNamesTheStatement() throws {
        let test = try TestDatabase()
        try test.database.write { db in
            let statement = try FastStatement(db, sql: "INSERT INTO atlas_meta (key, value) VALUES (?, ?)")
            statement.bind(1, "k")
            statement.bindNull(2)
            #expect {
                try statement.run()
            } throws: { error in
                "\(error)".contains("INSERT INTO atlas_meta") && "\(error)".contains("NOT NULL")
            }
        }
    }

    @Test func aSyntaxErrorNamesTheStatement() throws {
        let test = try TestDatabase()
        try test.database.read { db in
            #expect {
                _ = try FastStatement(db, sql: "SELEC 1")
            } throws: { error in
                "\(error)".contains("preparing SELEC 1")
            }
        }
    }
}
