/// A problem with the data a command was given (a place the gazetteer does not know, a polygon
/// file that does not hold a valid polygon), as opposed to a malformed option.
///
/// The argument parser follows a `ValidationError` with a "Usage:" line, which only helps when
/// the command line itself is wrong; this error is printed as `Error: MESSAGE` alone.
struct InputProblem: Error, CustomStringConvertible {
    /// The message, naming the option or file and what was wrong.
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
