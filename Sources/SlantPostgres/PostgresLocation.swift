import Foundation

/// Where a PostgreSQL server is and whom to connect as: parsed from a `postgres://` URL, with what
/// the URL leaves out taken from the standard environment variables (`PGHOST`, `PGPORT`, `PGUSER`,
/// `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`) and the password file (`PGPASSFILE`, else `~/.pgpass`),
/// as libpq does. Its `description` never shows the password.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// Whether TLS is used: `disable` never, `prefer` when the server offers it, `require` always.
    public enum TLSMode: String, Sendable, Hashable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(host: String, port: Int, user: String, password: String?, database: String, tls: TLSMode) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// The URL without the password.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(Self.escape(user))@\(shownHost):\(port)/\(Self.escape(database))"
    }

    /// Parses `url` (`postgres://user[:password]@host[:port]/database[?sslmode=…]`), filling in what
    /// it leaves out from `environment` and the password file.
    public static func parse(
        _ url: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SharedStoreError) -> PostgresLocation {
        let shown = redacted(url)
        let lower = url.lowercased()
        guard let scheme = ["postgresql://", "postgres://"].first(where: { lower.hasPrefix($0) }) else {
            throw .invalidURL(url: shown, reason: "it must start with postgres:// or postgresql://")
        }
        var rest = Substring(url.dropFirst(scheme.count))
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var userInfo: Substring?
        if let at = rest.lastIndex(of: "@") {
            userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        var user: String?
        var password: String?
        if let userInfo {
            if let colon = userInfo.firstIndex(of: ":") {
                user = try decode(userInfo[..<colon], shown)
                password = try decode(userInfo[userInfo.index(after: colon)...], shown)
            } else {
                user = try decode(userInfo, shown)
            }
        }
        var host: String?
        var port: Int?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw .invalidURL(url: shown, reason: "an IPv6 host lacks its closing `]`") }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .invalidURL(url: shown, reason: "unexpected `\(after)` after the host") }
                port = try parsePort(after.dropFirst(), shown)
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = String(rest[..<colon])
            port = try parsePort(rest[rest.index(after: colon)...], shown)
        } else if !rest.isEmpty {
            host = try decode(rest, shown)
        }
        if host?.isEmpty == true { host = nil }
        var database = path.isEmpty ? nil : try decode(path, shown)
        var mode: String?
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let value = parts.count > 1 ? try decode(parts[1], shown) : ""
            switch key {
            case "sslmode": mode = value
            case "user": user = value
            case "password": password = value
            case "host": host = value
            case "port": port = try parsePort(Substring(value), shown)
            case "dbname": database = value
            case "application_name", "connect_timeout": break
            default: throw .invalidURL(url: shown, reason: "unknown parameter `\(key)` (known: sslmode, user, password, host, port, dbname)")
            }
        }
        let resolvedHost = host ?? environment["PGHOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        let resolvedPort: Int
        if let port {
            resolvedPort = port
        } else if let text = environment["PGPORT"], !text.isEmpty {
            resolvedPort = try parsePort(Substring(text), "PGPORT=\(text)")
        } else {
            resolvedPort = 5432
        }
        let resolvedUser = user ?? environment["PGUSER"].flatMap { $0.isEmpty ? nil : $0 } ?? currentUserName(environment)
        let resolvedDatabase = database ?? environment["PGDATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? resolvedUser
        let modeText = mode ?? environment["PGSSLMODE"] ?? "prefer"
        let tls: TLSMode
        switch modeText {
        case "disable", "allow": tls = .disable
        case "prefer", "": tls = .prefer
        case "require", "verify-ca", "verify-full": tls = .require
        default: throw .invalidURL(url: shown, reason: "sslmode `\(modeText)` is not one of disable, prefer, require")
        }
        var location = PostgresLocation(
            host: resolvedHost, port: resolvedPort, user: resolvedUser, password: password, database: resolvedDatabase, tls: tls)
        if location.password == nil {
            location.password = environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 } ?? PasswordFile.password(for: location, environment: environment)
        }
        return location
    }

    /// `url` with any password replaced by `***`, for messages.
    public static func redacted(_ url: String) -> String {
        var text = url
        if let scheme = text.range(of: "://") {
            let authorityEnd = text[scheme.upperBound...].firstIndex(where: { $0 == "/" || $0 == "?" }) ?? text.endIndex
            let authority = text[scheme.upperBound..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                text.replaceSubrange(text.index(after: colon)..<at, with: "***")
            }
        }
        guard let mark = text.firstIndex(of: "?") else { return text }
        let query = text[text.index(after: mark)...].split(separator: "&").map { pair -> String in
            pair.hasPrefix("password=") ? "password=***" : String(pair)
        }
        return String(text[...mark]) + query.joined(separator: "&")
    }

    private static func parsePort(_ text: Substring, _ shown: String) throws(SharedStoreError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw .invalidURL(url: shown, reason: "the port `\(text)` is not a number from 1 to 65535")
        }
        return port
    }

    private static func decode(_ text: Substring, _ shown: String) throws(SharedStoreError) -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw .invalidURL(url: shown, reason: "it holds a malformed %-escape")
        }
        return decoded
    }

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed.subtracting(CharacterSet(charactersIn: ":@/"))) ?? text
    }

    private static func currentUserName(_ environment: [String: String]) -> String {
        if let name = environment["USER"], !name.isEmpty { return name }
        if let name = environment["LOGNAME"], !name.isEmpty { return name }
        return NSUserName()
    }
}

/// The password file (`hostname:port:database:username:password` lines, `*` matching anything, `\`
/// escaping `:` and `\`), as libpq reads it.
enum PasswordFile {
    static func password(for location: PostgresLocation, environment: [String: String]) -> String? {
        let path = environment["PGPASSFILE"] ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? NSHomeDirectory() + "/.pgpass")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let wanted = [location.host, String(location.port), location.database, location.user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(line)
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 || ($0 == "localhost" && $1 == "127.0.0.1") }) {
                return fields[4]
            }
        }
        return nil
    }

    static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var field = ""
        var escaped = false
        for character in line {
            if escaped {
                field.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}
