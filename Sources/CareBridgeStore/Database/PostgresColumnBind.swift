import NIOCore
import PostgresNIO

/// One column of a batch of rows, bound as a single PostgreSQL array (`text[]`, `int8[]` or `bool[]`) in PostgreSQL's
/// binary array format, NULL elements included (PostgresNIO's own arrays have none). `BulkInsert` sends a batch as one
/// such bind per column and unnests them, so its statement has a fixed text and bind count whatever the number of rows:
/// it is prepared once per connection, and it costs one bind per column instead of one per value.
/// Binary array layout (PostgreSQL's `array_send`, src/backend/utils/adt/arrayfuncs.c): dimensions, has-nulls flag,
/// element type; per dimension its length and lower bound; then per element its byte length (-1 for NULL) and bytes.
struct PostgresColumnBind: PostgresThrowingDynamicTypeEncodable, Encodable, Sendable {
    enum Kind: Sendable {
        case text, integer, bool

        var element: PostgresDataType {
            switch self {
            case .text: .text
            case .integer: .int8
            case .bool: .bool
            }
        }

        var array: PostgresDataType {
            switch self {
            case .text: .textArray
            case .integer: .int8Array
            case .bool: .boolArray
            }
        }

        /// The SQL type the unnested column is cast to.
        var sqlArray: String {
            switch self {
            case .text: "text[]"
            case .integer: "int8[]"
            case .bool: "bool[]"
            }
        }
    }

    let kind: Kind
    let values: [BulkValue]

    var psqlType: PostgresDataType { kind.array }
    var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) throws {
        let hasNulls = values.contains { $0.isNull }
        buffer.writeInteger(Int32(1))
        buffer.writeInteger(Int32(hasNulls ? 1 : 0))
        buffer.writeInteger(kind.element.rawValue)
        buffer.writeInteger(Int32(values.count))
        buffer.writeInteger(Int32(1))
        for value in values {
            switch value {
            case .text(let text?):
                let start = buffer.writerIndex
                buffer.writeInteger(Int32(0))
                let length = buffer.writeString(text)
                buffer.setInteger(Int32(length), at: start)
            case .integer(let integer?):
                buffer.writeInteger(Int32(8))
                buffer.writeInteger(integer)
            case .bool(let bool):
                buffer.writeInteger(Int32(1))
                buffer.writeInteger(UInt8(bool ? 1 : 0))
            case .text(nil), .integer(nil):
                buffer.writeInteger(Int32(-1))
            }
        }
    }

    /// Only PostgreSQL binds these; the Encodable form (an array) exists because SQLKit's binds are Encodable.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for value in values {
            switch value {
            case .text(let text): try container.encode(text)
            case .integer(let integer): try container.encode(integer)
            case .bool(let bool): try container.encode(bool)
            }
        }
    }
}

extension BulkValue {
    var isNull: Bool {
        switch self {
        case .text(nil), .integer(nil): true
        default: false
        }
    }

    var kind: PostgresColumnBind.Kind {
        switch self {
        case .text: .text
        case .integer: .integer
        case .bool: .bool
        }
    }
}
