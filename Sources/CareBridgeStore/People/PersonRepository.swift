import CareBridgeCore
import Foundation
import SQLKit

/// Stored people (`people`, `person_documents`). Contact details and document numbers are sealed with the
/// field cipher before they reach SQL. Callers authorize and audit through the access policy first.
public struct PersonRepository: Sendable {
    let database: Database
    let cipher: FieldCipher
    public init(_ database: Database, cipher: FieldCipher) {
        self.database = database
        self.cipher = cipher
    }

    static let columns = ["id", "code", "given_name", "family_name", "patronymic", "name_script", "other_names", "sex",
                          "birth_year", "birth_month", "birth_day", "citizenship", "country_of_birth", "arrival", "languages",
                          "interpreter_needed", "region", "contact_ciphertext", "record_organization_id", "merged_into",
                          "created_at", "updated_at", "version", "phone_hash"]
    static let documentColumns = ["id", "person_id", "position", "type", "issuing_country", "number_ciphertext", "number_hash"]

    public func create(_ person: Person, in db: any SQLDatabase) async throws {
        try await insertMany([person], in: db)
    }

    /// A person as bound values, ready to insert. Building them (encryption, JSON) can run on any thread, off the
    /// single writer's path; inserting them is all the writer does.
    public struct Rows: Sendable {
        let person: [BulkValue]
        let documents: [[BulkValue]]
    }

    public func rows(_ person: Person) throws -> Rows {
        Rows(person: try rowValues(person, version: 1), documents: try documentRows(person))
    }

    public func insertMany(_ people: [Person], in db: any SQLDatabase) async throws {
        try await insert(try people.map(rows), in: db)
    }

    /// Inserts in multi-row statements (both engines accept thousands of bound values per statement).
    public func insert(_ rows: [Rows], in db: any SQLDatabase) async throws {
        try await BulkInsert.run(into: "people", columns: Self.columns, rows: rows.map(\.person), in: db)
        try await BulkInsert.run(into: "person_documents", columns: Self.documentColumns, rows: rows.flatMap(\.documents), in: db)
    }

    /// Replaces the record if nobody changed it since `expectedVersion`; returns the new version.
    public func update(_ person: Person, expectedVersion: Int64, in db: any SQLDatabase) async throws -> Int64 {
        let values = try rowValues(person, version: expectedVersion + 1)
        let update = db.update("people")
        for (column, value) in zip(Self.columns, values) where !["id", "created_at", "record_organization_id"].contains(column) {
            update.set(SQLIdentifier(column), to: value.bind)
        }
        let rows = try await update.where("id", .equal, person.id.text).where("version", .equal, expectedVersion).returning("version").all()
        guard !rows.isEmpty else { throw Self.stale }
        try await db.delete(from: "person_documents").where("person_id", .equal, person.id.text).run()
        try await BulkInsert.run(into: "person_documents", columns: Self.documentColumns, rows: try documentRows(person), in: db)
        return expectedVersion + 1
    }

    public static let stale = CareBridgeError(.preconditionFailed, title: "Edited elsewhere",
                                       detail: "The record was changed by someone else since you loaded it; compare the two versions and try again.",
                                       reason: "stale-version")

    /// Marks `id` as merged into `survivor` (or clears it), bumping its version.
    public func setMergedInto(_ survivor: UUID?, id: UUID, at date: Date, in db: any SQLDatabase) async throws {
        try await db.update("people").set("merged_into", to: SQLBind(survivor?.text)).set("updated_at", to: SQLBind(date.millis))
            .set(SQLIdentifier("version"), to: SQLRaw("version + 1")).where("id", .equal, id.text).run()
    }

    public func find(id: UUID) async throws -> Versioned<Person>? {
        try await database.read { db in try await find(id: id, in: db) }
    }

    public func find(id: UUID, in db: any SQLDatabase) async throws -> Versioned<Person>? {
        guard let row = try await db.select().columns(Self.columns).from("people").where("id", .equal, id.text).first() else { return nil }
        return try decode(row, documents: try await documents(of: id, in: db))
    }

    /// The record, its documents and the person's consents (what the access policy decides on), in one statement.
    /// Documents and consents are both joined to the person, so the statement returns a row per pair of them: a
    /// person has a few of each (a passport and a residence permit; a consent per organization they were referred to).
    public func findWithConsents(id: UUID, in db: any SQLDatabase) async throws -> (record: Versioned<Person>, consents: [Consent])? {
        let query = db.select().column(Self.joinedColumns).column(Self.joinedDocumentColumns)
            .join(SQLAlias(SQLIdentifier("person_documents"), as: SQLIdentifier("d")), method: SQLJoinMethod.left,
                  on: SQLColumn("person_id", table: "d"), .equal, SQLColumn("id", table: "p"))
        let rows = try await Self.withConsents(query, of: id).orderBy(SQLColumn("position", table: "d"), SQLDirection.ascending).all()
        guard let first = rows.first else { return nil }
        var seen = Set<String>()
        let documents: [any SQLRow] = try rows.compactMap { row in
            guard let document = try row.decode(column: "d_id", as: String?.self), seen.insert(document).inserted else { return nil }
            return PrefixedRow(row: row, prefix: "d_")
        }
        return (try decode(first, documents: documents), try ConsentRepository.joined(rows))
    }

    static let joinedColumns = PrefixedRow.columns(columns, of: "p", prefix: "")
    static let joinedDocumentColumns = PrefixedRow.columns(documentColumns, of: "d", prefix: "d_")

    /// Who holds the person's record and their consents, in one statement; nil when there is no such person.
    public func access(of id: UUID, in db: any SQLDatabase) async throws -> (recordOrganizationID: UUID, consents: [Consent])? {
        let rows = try await Self.withConsents(db.select().column(SQLColumn("record_organization_id", table: "p")), of: id).all()
        guard let first = rows.first else { return nil }
        return (try first.uuid("record_organization_id"), try ConsentRepository.joined(rows))
    }

    /// `query` over the person `id` (as `p`), with their consents joined.
    static func withConsents(_ query: SQLSelectBuilder, of id: UUID) -> SQLSelectBuilder {
        ConsentRepository.joining(query.from(SQLAlias(SQLIdentifier("people"), as: SQLIdentifier("p"))), toPerson: SQLColumn("id", table: "p"))
            .where(SQLColumn("id", table: "p"), .equal, SQLBind(id.text))
    }

    func documents(of id: UUID, in db: any SQLDatabase) async throws -> [any SQLRow] {
        try await db.select().columns(Self.documentColumns).from("person_documents").where("person_id", .equal, id.text).orderBy("position").all()
    }

    /// The records a list of ids names, in that order (missing ids skipped).
    public func find(ids: [UUID]) async throws -> [Versioned<Person>] {
        guard !ids.isEmpty else { return [] }
        return try await database.read { db in
            let texts = ids.map(\.text)
            let rows = try await db.select().columns(Self.columns).from("people").where("id", .in, texts).all()
            let documents = try await db.select().columns(Self.documentColumns).from("person_documents")
                .where("person_id", .in, texts).orderBy("position").all()
            let byPerson = Dictionary(grouping: documents) { (try? $0.string("person_id")) ?? "" }
            let people = try rows.map { try decode($0, documents: byPerson[try $0.string("id")] ?? []) }
            let index = Dictionary(people.map { ($0.value.id, $0) }, uniquingKeysWith: { a, _ in a })
            return ids.compactMap { index[$0] }
        }
    }

    /// The record-holding organization, which the access policy needs before the record is read.
    public func recordOrganization(of id: UUID) async throws -> UUID? {
        try await database.read { db in try await recordOrganization(of: id, in: db) }
    }

    /// The record holders of the people among `ids` who exist.
    public func recordOrganizations(of ids: [UUID], in db: any SQLDatabase) async throws -> [UUID: UUID] {
        guard !ids.isEmpty else { return [:] }  // PostgreSQL refuses `IN ()`.
        var holders: [UUID: UUID] = [:]
        for row in try await db.select().columns("id", "record_organization_id").from("people").where("id", .in, Array(Set(ids)).map(\.text)).all() {
            holders[try row.uuid("id")] = try row.uuid("record_organization_id")
        }
        return holders
    }

    public func recordOrganization(of id: UUID, in db: any SQLDatabase) async throws -> UUID? {
        try await db.select().column("record_organization_id").from("people").where("id", .equal, id.text)
            .first()?.uuid("record_organization_id")
    }

    public func id(code: String) async throws -> UUID? {
        try await database.read { db in
            try await db.select().column("id").from("people").where("code", .equal, code).first()?.uuid("id")
        }
    }

    /// People holding a document: typed number matched through the keyed hash, never by decrypting.
    public func ids(document: IdentityDocument) async throws -> [UUID] {
        let hash = cipher.lookupHash(document.lookupValue)
        return try await database.read { db in
            try await db.select().column("person_id").from("person_documents").where("number_hash", .equal, hash).limit(50).all()
                .map { try $0.uuid("person_id") }
        }
    }

    /// People born in a year (not merged away), oldest records first.
    public func ids(birthYear: Int, limit: Int) async throws -> [UUID] {
        try await database.read { db in
            try await db.select().column("id").from("people").where("birth_year", .equal, Int64(birthYear))
                .where("merged_into", .is, SQLLiteral.null).orderBy("created_at").limit(limit).all().map { try $0.uuid("id") }
        }
    }

    public func count() async throws -> Int {
        try await database.read { db in
            Int(try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("people").first()?.int("n") ?? 0)
        }
    }

    /// Everything the identity matcher needs about every person not merged away, read in pages of `pageSize` ids.
    public func forEachMatchInput(pageSize: Int = 20_000, _ body: ([(UUID, MatchInput)]) async throws -> Void) async throws {
        var after = ""
        while true {
            let cursor = after
            let page: [(UUID, MatchInput)] = try await database.read { db in
                let rows = try await db.select().columns("id", "given_name", "family_name", "patronymic", "other_names", "sex",
                                                        "birth_year", "birth_month", "birth_day", "citizenship", "phone_hash")
                    .from("people").where("id", .greaterThan, cursor).where("merged_into", .is, SQLLiteral.null)
                    .orderBy("id").limit(pageSize).all()
                guard let first = rows.first, let last = rows.last else { return [] }
                let documents = try await db.select().columns("person_id", "number_hash").from("person_documents")
                    .where("person_id", .greaterThanOrEqual, try first.string("id")).where("person_id", .lessThanOrEqual, try last.string("id")).all()
                var keys: [String: [String]] = [:]
                for row in documents { keys[try row.string("person_id"), default: []].append(try row.string("number_hash")) }
                return try rows.map { row in
                    let id = try row.string("id")
                    let names = [PersonName(given: try row.string("given_name"), family: try row.string("family_name"),
                                            patronymic: try row.optionalString("patronymic"))]
                        + (try Self.decodeJSON([PersonName].self, try row.optionalString("other_names")) ?? [])
                    let input = MatchInput(
                        names: names.map { MatchName(given: $0.given, family: $0.family, patronymic: $0.patronymic) },
                        birthYear: try row.optionalInt("birth_year").map(Int.init), birthMonth: try row.optionalInt("birth_month").map(Int.init),
                        birthDay: try row.optionalInt("birth_day").map(Int.init), sex: try row.optionalString("sex"),
                        citizenship: try row.optionalString("citizenship"), documentKeys: keys[id] ?? [],
                        phoneKeys: try row.optionalString("phone_hash").map { [$0] } ?? [])
                    return (try row.uuid("id"), input)
                }
            }
            guard let last = page.last else { return }
            try await body(page)
            after = last.0.text
            if page.count < pageSize { return }
        }
    }

    /// The matcher's view of a person, with document keys computed the way they are stored.
    public func matchInput(_ person: Person) -> MatchInput {
        MatchInput(names: person.names.map { MatchName(given: $0.given, family: $0.family, patronymic: $0.patronymic) },
                   birthYear: person.birthDate?.year, birthMonth: person.birthDate?.month, birthDay: person.birthDate?.day,
                   sex: person.sex?.rawValue, citizenship: person.citizenship,
                   documentKeys: person.documents.map { cipher.lookupHash($0.lookupValue) },
                   phoneKeys: person.contact?.phoneLookupValue.map { [cipher.lookupHash($0)] } ?? [])
    }

    // MARK: rows

    func rowValues(_ p: Person, version: Int64) throws -> [BulkValue] {
        let name = p.primaryName
        let others = p.names.count > 1 ? JSONText.names(p.names.dropFirst()) : nil
        let contact = try p.contact.map { try cipher.seal(JSONText.contact($0)) }
        return [BulkValue(p.id.text), BulkValue(p.code), BulkValue(name.given), BulkValue(name.family), BulkValue(name.patronymic),
                BulkValue(name.script.rawValue), BulkValue(others), BulkValue(p.sex?.rawValue),
                BulkValue(p.birthDate.map { Int64($0.year) }), BulkValue(p.birthDate?.month.map(Int64.init)), BulkValue(p.birthDate?.day.map(Int64.init)),
                BulkValue(p.citizenship), BulkValue(p.countryOfBirth), BulkValue(p.arrival?.description),
                BulkValue(p.languages.isEmpty ? nil : JSONText.strings(p.languages)), BulkValue(p.interpreterNeeded), BulkValue(p.region),
                BulkValue(contact), BulkValue(p.recordOrganizationID.text), BulkValue(p.mergedInto?.text),
                BulkValue(p.createdAt.millis), BulkValue(p.updatedAt.millis), BulkValue(version),
                BulkValue(p.contact?.phoneLookupValue.map(cipher.lookupHash))]
    }

    func documentRows(_ p: Person) throws -> [[BulkValue]] {
        try p.documents.enumerated().map { position, document in
            [BulkValue(Self.documentID(p.id, position).text), BulkValue(p.id.text), BulkValue(Int64(position)), BulkValue(document.type.rawValue),
             BulkValue(document.issuingCountry), BulkValue(try cipher.seal(document.number)), BulkValue(cipher.lookupHash(document.lookupValue))]
        }
    }

    /// A document row's id: the person's, with the position mixed into the last byte. Unique because person ids are,
    /// time-ordered with them, and free of the system random source on the bulk path.
    static func documentID(_ person: UUID, _ position: Int) -> UUID {
        var bytes = person.uuid
        bytes.15 ^= UInt8(truncatingIfNeeded: position + 1)
        return UUID(uuid: bytes)
    }

    func decode(_ row: any SQLRow, documents: [any SQLRow]) throws -> Versioned<Person> {
        let year = try row.optionalInt("birth_year").map(Int.init)
        let birth = try year.map { try PartialDate(year: $0, month: try row.optionalInt("birth_month").map(Int.init),
                                                    day: try row.optionalInt("birth_day").map(Int.init)) }
        let primary = PersonName(given: try row.string("given_name"), family: try row.string("family_name"),
                                 patronymic: try row.optionalString("patronymic"),
                                 script: try row.optionalEnum("name_script", as: NameScript.self))
        let contact = try row.optionalString("contact_ciphertext").map { try Self.decodeJSON(ContactDetails.self, try cipher.open($0))! }
        let person = Person(
            id: try row.uuid("id"), code: try row.optionalString("code") ?? "", names: [primary] + (try Self.decodeJSON([PersonName].self, try row.optionalString("other_names")) ?? []),
            sex: try row.optionalEnum("sex", as: Sex.self), birthDate: birth,
            citizenship: try row.optionalString("citizenship"), countryOfBirth: try row.optionalString("country_of_birth"),
            arrival: try row.optionalString("arrival").map { try PartialDate(parsing: $0, field: "arrival") },
            languages: try Self.decodeJSON([String].self, try row.optionalString("languages")) ?? [],
            interpreterNeeded: try row.decode(column: "interpreter_needed", as: Bool?.self) ?? false,
            region: try row.optionalString("region"), contact: contact,
            documents: try documents.map { d in
                IdentityDocument(type: try d.enumValue("type", as: DocumentType.self), issuingCountry: try d.string("issuing_country"),
                                 number: try cipher.open(try d.string("number_ciphertext")))
            },
            recordOrganizationID: try row.uuid("record_organization_id"), mergedInto: try row.optionalUUID("merged_into"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
        return Versioned(person, version: try row.int("version"))
    }

    static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String?) throws -> T? {
        guard let text else { return nil }
        return try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
