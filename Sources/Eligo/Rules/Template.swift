/// A message with `{expression}` holes, checked when the rules load and
/// filled in with the record's values: "You have {span(start, as_of)} of headship".
///
/// A hole may give the word its number counts, singular and plural after bars:
/// `{count(schools)|school|schools}` reads "1 school" or "3 schools"; a `#` in a form
/// places the number, and then it appears only there ("{count(schools)|your school|your # schools}").
struct Template: Sendable {
    enum Piece: Sendable {
        case text(String)
        case value(Code, ValueType, Plural?)
    }

    /// The two forms of the word a hole's number counts.
    struct Plural: Sendable {
        var one: String
        var other: String

        /// "1 year", "3 years"; when either form has a `#`, the number goes only where a `#` is.
        func text(_ number: String, isOne: Bool) -> String {
            let form = isOne ? one : other
            guard one.contains("#") || other.contains("#") else { return number + " " + form }
            return form.split(separator: "#", omittingEmptySubsequences: false).joined(separator: number)
        }
    }

    /// How a hole's value reads: formatted for its type, with its word's singular or plural form.
    static func text(of value: Value, type: ValueType, plural: Plural?) -> String {
        let formatted = ValueFormatter.text(value, type: type)
        guard let plural, !value.isNull else { return formatted }
        return plural.text(formatted, isOne: value.asDouble == 1)
    }
    var pieces: [Piece]
    /// Where each `{hole}` is written, in order, for diagnostics about holes.
    var holeRanges: [SourceRange] = []

    static func literal(_ text: String) -> Template { Template(pieces: [.text(text)]) }
}
