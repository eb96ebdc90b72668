/// A record kind declared in a schema file under `rules/`: its fields, their
/// types, and the labels and help a form or a document shows for them.
public struct Schema: Sendable {
    /// The record kind, as written in a record's `kind:` field (`lle-application`).
    public var kind: String
    public var title: String?
    public var root: ObjectType
    public var file: String

    public init(kind: String, title: String?, root: ObjectType, file: String) {
        self.kind = kind
        self.title = title
        self.root = root
        self.file = file
    }
}
