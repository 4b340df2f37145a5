import Foundation
import PostgresNIO

/// Why a PostgreSQL store cannot be used. No case holds a password.
public enum SharedStoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// `store:` (or the test URL) is not a PostgreSQL URL Slant can read.
    case invalidURL(url: String, reason: String)
    /// Nothing listens at the host and port.
    case connectionRefused(location: String)
    /// The server could not be reached (name resolution, network, TLS).
    case unreachable(location: String, reason: String)
    /// The server refused the user's credentials.
    case authenticationFailed(location: String, reason: String)
    /// The server has no such database.
    case noDatabase(location: String)
    /// The database holds Slant tables of another schema version.
    case schemaMismatch(location: String, found: String, expected: String)
    /// The database already holds tables named like Slant's that are not a Slant store.
    case foreign(location: String, reason: String)
    /// The server answered a statement with an error.
    case server(location: String, message: String)
    /// `slant report` was asked for before every unit was done.
    case unfinished(location: String, done: Int, total: Int)
    /// Nothing is queued for this configuration.
    case emptyQueue(location: String)

    public var description: String {
        switch self {
        case .invalidURL(let url, let reason):
            "the store URL `\(url)` cannot be used: \(reason)"
        case .connectionRefused(let location):
            "cannot connect to the PostgreSQL server of \(location): connection refused (is the server running and listening on that address? see `listen_addresses` and `port` in postgresql.conf)"
        case .unreachable(let location, let reason):
            "cannot reach the PostgreSQL server of \(location): \(reason)"
        case .authenticationFailed(let location, let reason):
            "the PostgreSQL server refused the credentials for \(location): \(reason) (give the password in the URL, in PGPASSWORD, or in ~/.pgpass; see pg_hba.conf on the server)"
        case .noDatabase(let location):
            "the PostgreSQL server has no database for \(location); create it (`createdb`) or name another in `store:`"
        case .schemaMismatch(let location, let found, let expected):
            "the Slant tables of \(location) are of schema version \(found), and this Slant uses version \(expected); run the Slant that made them, or point `store:` at another database"
        case .foreign(let location, let reason):
            "\(location) holds tables that are not a Slant store (\(reason)); Slant leaves them as they are; point `store:` at another database"
        case .server(let location, let message):
            "the PostgreSQL server of \(location) reported: \(message)"
        case .unfinished(let location, let done, let total):
            "\(total - done) of the \(total) units queued in \(location) are not done yet; run `slant worker` until they are, then `slant report`"
        case .emptyQueue(let location):
            "nothing is queued in \(location) for this configuration; run `slant queue` (or `slant worker`) first"
        }
    }

    /// The typed error for what PostgresNIO threw while talking to `location`.
    static func classify(_ error: any Error, location: PostgresLocation) -> SharedStoreError {
        if let known = error as? SharedStoreError { return known }
        let shown = location.description
        guard let psql = error as? PSQLError else { return .unreachable(location: shown, reason: Self.scrub(String(describing: error), location)) }
        if psql.code == .server, let info = psql.serverInfo {
            let state = info[.sqlState] ?? ""
            let message = Self.scrub(info[.message] ?? "error \(state)", location)
            switch state {
            case "28P01", "28000": return .authenticationFailed(location: shown, reason: message)
            case "3D000": return .noDatabase(location: shown)
            default: return .server(location: shown, message: "\(message) (SQLSTATE \(state))")
            }
        }
        if psql.code == .authMechanismRequiresPassword || psql.code == .saslError || psql.code == .unsupportedAuthMechanism {
            return .authenticationFailed(location: shown, reason: psql.code == .authMechanismRequiresPassword ? "the server asks for a password and none was given" : "authentication failed (\(psql.code))")
        }
        if psql.code == .sslUnsupported {
            return .unreachable(location: shown, reason: "the server does not offer TLS, which `sslmode=require` asks for")
        }
        if psql.code == .connectionError, let underlying = psql.underlying {
            if Self.isRefused(underlying) { return .connectionRefused(location: shown) }
            return .unreachable(location: shown, reason: Self.scrub(String(describing: underlying), location))
        }
        return .unreachable(location: shown, reason: "\(psql.code)")
    }

    private static func isRefused(_ error: any Error) -> Bool {
        if let io = error as? IOError, io.errnoCode == ECONNREFUSED { return true }
        if let connection = error as? NIOConnectionError {
            return connection.connectionErrors.contains { isRefused($0.error) }
        }
        return String(describing: error).lowercased().contains("connection refused")
    }

    /// Removes the password from a text that might hold it.
    private static func scrub(_ text: String, _ location: PostgresLocation) -> String {
        guard let password = location.password, !password.isEmpty else { return text }
        return text.replacingOccurrences(of: password, with: "***")
    }
}
