/// Which database engine a `Database` runs on; the few places where the dialects differ switch on it.
public enum DatabaseKind: String, Sendable {
    case sqlite
    case postgres
}
