// Encoding labels: the WHATWG Encoding Standard's label table, the iconv name of
// each encoding, and the language hints the detector may use.

extension TextDecoding {
    /// An encoding Slant can name, with its canonical WHATWG name as raw value.
    enum Charset: String, CaseIterable, Sendable {
        case utf8 = "UTF-8"
        case ibm866 = "IBM866"
        case iso8859_2 = "ISO-8859-2"
        case iso8859_3 = "ISO-8859-3"
        case iso8859_4 = "ISO-8859-4"
        case iso8859_5 = "ISO-8859-5"
        case iso8859_6 = "ISO-8859-6"
        case iso8859_7 = "ISO-8859-7"
        case iso8859_8 = "ISO-8859-8"
        case iso8859_8i = "ISO-8859-8-I"
        case iso8859_10 = "ISO-8859-10"
        case iso8859_13 = "ISO-8859-13"
        case iso8859_14 = "ISO-8859-14"
        case iso8859_15 = "ISO-8859-15"
        case iso8859_16 = "ISO-8859-16"
        case koi8r = "KOI8-R"
        case koi8u = "KOI8-U"
        case macintosh = "macintosh"
        case windows874 = "windows-874"
        case windows1250 = "windows-1250"
        case windows1251 = "windows-1251"
        case windows1252 = "windows-1252"
        case windows1253 = "windows-1253"
        case windows1254 = "windows-1254"
        case windows1255 = "windows-1255"
        case windows1256 = "windows-1256"
        case windows1257 = "windows-1257"
        case windows1258 = "windows-1258"
        case macCyrillic = "x-mac-cyrillic"
        case gbk = "GBK"
        case gb18030 = "gb18030"
        case big5 = "Big5"
        case eucJP = "EUC-JP"
        case iso2022JP = "ISO-2022-JP"
        case shiftJIS = "Shift_JIS"
        case eucKR = "EUC-KR"
        case utf16BE = "UTF-16BE"
        case utf16LE = "UTF-16LE"

        /// The name glibc's iconv knows the encoding by. Where WHATWG decodes a
        /// label as a superset (GBK as gb18030, EUC-KR as windows-949, Shift_JIS
        /// as windows-31J, Big5 with the HKSCS extensions), so does this.
        var iconvName: String {
            switch self {
            case .utf8: "UTF-8"
            case .ibm866: "CP866"
            case .iso8859_8i: "ISO-8859-8"
            case .macintosh: "MACINTOSH"
            case .windows874: "CP874"
            case .windows1250: "CP1250"
            case .windows1251: "CP1251"
            case .windows1252: "CP1252"
            case .windows1253: "CP1253"
            case .windows1254: "CP1254"
            case .windows1255: "CP1255"
            case .windows1256: "CP1256"
            case .windows1257: "CP1257"
            case .windows1258: "CP1258"
            case .macCyrillic: "MAC-CYRILLIC"
            case .gbk, .gb18030: "GB18030"
            case .big5: "BIG5-HKSCS"
            case .shiftJIS: "CP932"
            case .eucKR: "CP949"
            default: rawValue  // ISO-8859-n, KOI8-R/U, EUC-JP, ISO-2022-JP, UTF-16LE/BE
            }
        }

        /// Whether a byte below 0x80 always stands for the same ASCII character,
        /// so that pure-ASCII input decodes to itself.
        var isASCIICompatible: Bool {
            switch self {
            case .utf16BE, .utf16LE, .iso2022JP: false
            default: true
            }
        }

        /// Single-byte encodings for Latin-script languages: a page declaring one
        /// of these while its text is plainly Cyrillic has a lying declaration.
        var isLatinSingleByte: Bool {
            switch self {
            case .windows1250, .windows1252, .windows1254, .windows1257, .macintosh,
                 .iso8859_2, .iso8859_3, .iso8859_4, .iso8859_10, .iso8859_13, .iso8859_14,
                 .iso8859_15, .iso8859_16:
                true
            default: false
            }
        }

        /// Looks a label up the WHATWG way: ASCII white space trimmed, ASCII
        /// case ignored. Labels the standard does not list but that pages use
        /// (`win-1251`, `koi8r`, `utf_8`) are matched once punctuation is
        /// ignored. `nil` for an unknown label.
        static func forLabel(_ label: some Collection<UInt8>) -> Charset? {
            guard label.count <= 64 else { return nil }
            var key = [UInt8]()
            key.reserveCapacity(label.count)
            for byte in label { key.append(TextDecoding.asciiLowercased(byte)) }
            while let last = key.last, TextDecoding.isASCIIWhitespace(last) { key.removeLast() }
            let start = key.firstIndex { !TextDecoding.isASCIIWhitespace($0) } ?? key.endIndex
            let exact = String(decoding: key[start...], as: UTF8.self)
            if let found = labels[exact] { return found }
            return looseLabels[looseKey(exact)]
        }

        private static func looseKey(_ label: String) -> String {
            String(String.UnicodeScalarView(label.unicodeScalars.filter {
                ("a"..."z").contains($0) || ("0"..."9").contains($0)
            }))
        }

        private static let labels: [String: Charset] = {
            var table = [String: Charset]()
            for (charset, names) in whatwgLabels {
                for name in names { table[name] = charset }
            }
            return table
        }()

        private static let looseLabels: [String: Charset] = {
            var table = [String: Charset]()
            for (charset, names) in whatwgLabels {
                for name in names where table[looseKey(name)] == nil { table[looseKey(name)] = charset }
            }
            // Spellings seen on pages that even the loose match of the WHATWG labels misses.
            let extra: [(String, Charset)] = [
                ("win1250", .windows1250), ("win1251", .windows1251), ("win1252", .windows1252),
                ("win1253", .windows1253), ("win1254", .windows1254), ("win1255", .windows1255),
                ("win1256", .windows1256), ("win1257", .windows1257), ("win1258", .windows1258),
                ("windowscp1251", .windows1251), ("isolatin1", .windows1252), ("isolatin2", .iso8859_2),
                ("koi8ru", .koi8u), ("koi8u", .koi8u), ("koi8r", .koi8r), ("cp866", .ibm866),
            ]
            for (name, charset) in extra where table[name] == nil { table[name] = charset }
            return table
        }()

        /// The label table of the WHATWG Encoding Standard (encodings.json).
        /// The "replacement" labels (ISO-2022-KR, HZ, ISO-2022-CN) are left out:
        /// a page declaring them is treated as declaring nothing.
        private static let whatwgLabels: [(Charset, [String])] = [
            (.utf8, ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"]),
            (.ibm866, ["866", "cp866", "csibm866", "ibm866"]),
            (.iso8859_2, ["csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2",
                          "iso_8859-2:1987", "l2", "latin2"]),
            (.iso8859_3, ["csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3",
                          "iso_8859-3:1988", "l3", "latin3"]),
            (.iso8859_4, ["csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4",
                          "iso_8859-4:1988", "l4", "latin4"]),
            (.iso8859_5, ["csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595",
                          "iso_8859-5", "iso_8859-5:1988"]),
            (.iso8859_6, ["arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114",
                          "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596",
                          "iso_8859-6", "iso_8859-6:1987"]),
            (.iso8859_7, ["csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7",
                          "iso-ir-126", "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek"]),
            (.iso8859_8, ["csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e", "iso-ir-138",
                          "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual"]),
            (.iso8859_8i, ["csiso88598i", "iso-8859-8-i", "logical"]),
            (.iso8859_10, ["csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6"]),
            (.iso8859_13, ["iso-8859-13", "iso8859-13", "iso885913"]),
            (.iso8859_14, ["iso-8859-14", "iso8859-14", "iso885914"]),
            (.iso8859_15, ["csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"]),
            (.iso8859_16, ["iso-8859-16"]),
            (.koi8r, ["cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"]),
            (.koi8u, ["koi8-ru", "koi8-u"]),
            (.macintosh, ["csmacintosh", "mac", "macintosh", "x-mac-roman"]),
            (.windows874, ["dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"]),
            (.windows1250, ["cp1250", "windows-1250", "x-cp1250"]),
            (.windows1251, ["cp1251", "windows-1251", "x-cp1251"]),
            (.windows1252, ["ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
                            "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
                            "us-ascii", "windows-1252", "x-cp1252",
                            // WHATWG: x-user-defined found by the prescan is read as windows-1252.
                            "x-user-defined"]),
            (.windows1253, ["cp1253", "windows-1253", "x-cp1253"]),
            (.windows1254, ["cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599",
                            "iso_8859-9", "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"]),
            (.windows1255, ["cp1255", "windows-1255", "x-cp1255"]),
            (.windows1256, ["cp1256", "windows-1256", "x-cp1256"]),
            (.windows1257, ["cp1257", "windows-1257", "x-cp1257"]),
            (.windows1258, ["cp1258", "windows-1258", "x-cp1258"]),
            (.macCyrillic, ["x-mac-cyrillic", "x-mac-ukrainian"]),
            (.gbk, ["chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk", "iso-ir-58",
                    "x-gbk"]),
            (.gb18030, ["gb18030"]),
            (.big5, ["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"]),
            (.eucJP, ["cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"]),
            (.iso2022JP, ["csiso2022jp", "iso-2022-jp"]),
            (.shiftJIS, ["csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"]),
            (.eucKR, ["cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
                      "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"]),
            (.utf16BE, ["unicodefffe", "utf-16be"]),
            (.utf16LE, ["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"]),
        ]
    }

    /// What the page's language (`<html lang>`, `Content-Language`) says about
    /// the legacy encoding its text is likely in, when nothing is declared.
    enum LanguageHint: Equatable, Sendable {
        /// Russian, Ukrainian, Bulgarian, ...: windows-1251 or KOI8-R.
        case cyrillic
        /// Polish, Czech, Hungarian, ...: windows-1250 or ISO-8859-2.
        case centralEuropean
        /// A language written in one legacy encoding the detector does not weigh
        /// (Greek, Hebrew, Arabic, Turkish, Baltic, Vietnamese, Thai).
        case specific(Charset)

        /// The hint for a BCP 47 language tag (only its primary subtag counts).
        init?(languageTag: some Collection<UInt8>) {
            var primary = ""
            for byte in languageTag {
                guard TextDecoding.isASCIILetter(byte) else { break }  // "ru-RU", "ru_RU", "ru, en"
                guard primary.utf8.count < 8 else { return nil }
                primary.unicodeScalars.append(Unicode.Scalar(TextDecoding.asciiLowercased(byte)))
            }
            switch primary {
            case "ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn", "tt", "ba", "cv": self = .cyrillic
            case "pl", "cs", "sk", "hu", "sl", "hr", "bs", "ro": self = .centralEuropean
            case "el": self = .specific(.windows1253)
            case "he", "iw", "yi": self = .specific(.windows1255)
            case "ar", "fa", "ur": self = .specific(.windows1256)
            case "tr": self = .specific(.windows1254)
            case "lt", "lv", "et": self = .specific(.windows1257)
            case "vi": self = .specific(.windows1258)
            case "th": self = .specific(.windows874)
            default: return nil
            }
        }
    }
}

extension TextDecoding {
    @inline(__always) static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    /// TAB, LF, FF, CR, SPACE: ASCII white space as WHATWG defines it.
    @inline(__always) static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    @inline(__always) static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26
    }
}
