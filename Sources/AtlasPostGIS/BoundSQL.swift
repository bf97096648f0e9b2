import PostgresNIO

/// SQL text made of constant fragments and `$n` placeholders, with the values bound to them:
/// the only way values reach a statement, so no value is ever spliced into SQL text.
///
/// For example:
///
/// ```swift
/// var sql = BoundSQL("SELECT id FROM incident WHERE event_date >= ")
/// sql.bind("2016-02-27")
/// sql.append(" ORDER BY id")
/// ```
struct BoundSQL {
    /// The statement text; fragments are constants of the code.
    private(set) var text: String
    /// The values of `$1`, `$2`, … in order.
    private(set) var binds = PostgresBindings()

    /// A statement starting with the constant `text`.
    init(_ text: String = "") {
        self.text = text
    }

    /// Appends a constant fragment.
    mutating func append(_ fragment: String) {
        text += fragment
    }

    /// Appends the placeholder of `value` and binds it.
    mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value) {
        binds.append(value)
        text += "$\(binds.count)"
    }

    /// Appends the placeholder of `value` (NULL when nil) and binds it.
    mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value?) {
        if let value { binds.append(value) } else { binds.appendNull() }
        text += "$\(binds.count)"
    }

    /// Binds `value` without appending its placeholder, and returns the placeholder (`$n`) for
    /// the caller to place in a fragment.
    mutating func bindDetached<Value: PostgresDynamicTypeEncodable>(_ value: Value) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    /// The statement for postgres-nio.
    var query: PostgresQuery { PostgresQuery(unsafeSQL: text, binds: binds) }
}
