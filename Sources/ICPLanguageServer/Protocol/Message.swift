/// A JSON-RPC request id: a number or a string.
public enum RequestID: Sendable, Hashable, Codable, CustomStringConvertible {
    case number(Int)
    case string(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .string(let string): try container.encode(string)
        }
    }

    var json: JSONValue {
        switch self {
        case .number(let number): .int(number)
        case .string(let string): .string(string)
        }
    }

    public var description: String {
        switch self {
        case .number(let number): String(number)
        case .string(let string): "\"\(string)\""
        }
    }
}

/// JSON-RPC and LSP error codes the server answers with.
public enum ErrorCode: Int, Sendable {
    case parseError = -32700
    case invalidRequest = -32600
    case methodNotFound = -32601
    case invalidParams = -32602
    case internalError = -32603
    case serverNotInitialized = -32002
    case requestFailed = -32803
    case requestCancelled = -32800
    case contentModified = -32801
}

/// An error answer to a request.
public struct ResponseError: Error, Sendable {
    public var code: ErrorCode
    public var message: String

    public init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }
}

/// One message from the client, read from its JSON form.
public enum IncomingMessage: Sendable {
    case request(id: RequestID, method: String, params: JSONValue?)
    case notification(method: String, params: JSONValue?)
    case response(id: RequestID?, result: JSONValue?, error: JSONValue?)
    /// Not a JSON-RPC message; `id` when one could be read.
    case invalid(id: RequestID?, reason: String)

    /// The method of a request or notification.
    public var method: String? {
        switch self {
        case .request(_, let method, _), .notification(let method, _): method
        case .response, .invalid: nil
        }
    }

    public init(_ json: JSONValue) {
        guard case .object(let object) = json else {
            self = .invalid(id: nil, reason: "a message must be a JSON object")
            return
        }
        let id: RequestID? = switch object["id"] {
        case .int(let number)?: .number(number)
        case .string(let string)?: .string(string)
        default: nil
        }
        if let method = object["method"] {
            guard let name = method.stringValue else {
                self = .invalid(id: id, reason: "`method` must be a string")
                return
            }
            if let id {
                self = .request(id: id, method: name, params: object["params"])
            } else if object["id"] != nil, object["id"] != .null {
                self = .invalid(id: nil, reason: "`id` must be a number or a string")
            } else {
                self = .notification(method: name, params: object["params"])
            }
        } else if object["result"] != nil || object["error"] != nil {
            self = .response(id: id, result: object["result"], error: object["error"])
        } else {
            self = .invalid(id: id, reason: "a message needs `method` (a request or notification) or `result`/`error` (a response)")
        }
    }
}
