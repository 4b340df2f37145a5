/// Closed word classes that voice analysis needs: speech verbs, determiners,
/// prepositions, titles, negators and the like.
///
/// Words are looked up by a 64-bit FNV-1a key of their case-folded UTF-8 bytes
/// (ASCII and Cyrillic capitals folded, `’` read as `'`), so a lookup costs one
/// pass over the token's bytes and one hash-table probe, without building a
/// `String`. A key collision with a word outside these lists would only give
/// that word a wrong class, never a crash.
struct WordClass: OptionSet, Sendable {
    let rawValue: UInt64

    /// Verbs of saying, any form: said, says, told, stressed, denied, …
    static let speech = WordClass(rawValue: 1 << 0)
    /// Verbs that take a bare clause as their object: "Baku says its forces …", "vows there can be …".
    static let bareClause = WordClass(rawValue: 1 << 1)
    /// Verbs that name what something is: "called it “one-sided”", "dubbed".
    static let label = WordClass(rawValue: 1 << 2)
    /// accuse / accuses / accused / accusing: "X accused Y of …".
    static let accuse = WordClass(rawValue: 1 << 3)
    /// A verb's base form (say, tell, claim): a verb only after a subject pronoun, a plural or a modal.
    static let baseForm = WordClass(rawValue: 1 << 4)
    /// A verb's -ing form (saying, claiming, emphasizing): its subject is the clause's.
    static let ingForm = WordClass(rawValue: 1 << 5)
    static let determiner = WordClass(rawValue: 1 << 6)
    /// Prepositions that end a noun phrase read backwards (in, on, at, to, with, …).
    static let preposition = WordClass(rawValue: 1 << 7)
    /// Prepositions inside a noun phrase: "the Ministry of Defense", "spokesperson for the ministry".
    static let nounPreposition = WordClass(rawValue: 1 << 8)
    /// and, or, but, nor.
    static let conjunction = WordClass(rawValue: 1 << 9)
    /// that, which, who, when, while, as, if, because, …
    static let subordinator = WordClass(rawValue: 1 << 10)
    /// who (a relative pronoun whose antecedent may be the speaker).
    static let relativeWho = WordClass(rawValue: 1 << 11)
    /// that / что (introduces reported content).
    static let that = WordClass(rawValue: 1 << 12)
    /// Auxiliaries and modals: is, was, has, had, will, would, can, must, …
    static let auxiliary = WordClass(rawValue: 1 << 13)
    /// Adverbs that may stand between a subject and its verb or after the verb: also, later, only, …
    static let adverb = WordClass(rawValue: 1 << 14)
    /// Words that open a sentence before its subject: However, Moreover, Meanwhile, …
    static let sentenceAdverb = WordClass(rawValue: 1 << 15)
    /// he, she.
    static let personPronoun = WordClass(rawValue: 1 << 16)
    /// it.
    static let itPronoun = WordClass(rawValue: 1 << 17)
    /// they.
    static let theyPronoun = WordClass(rawValue: 1 << 18)
    /// I, we, you.
    static let otherPronoun = WordClass(rawValue: 1 << 19)
    /// Person titles and roles: President, Minister, spokesperson, Mr, …
    static let title = WordClass(rawValue: 1 << 20)
    /// Organisation head words: Ministry, government, army, Kremlin, MoD, …
    static let organisation = WordClass(rawValue: 1 << 21)
    /// Words that close a title phrase: "Secretary of State", "Minister of Foreign Affairs".
    static let office = WordClass(rawValue: 1 << 22)
    /// Countries, capitals and regions: their names are not persons.
    static let place = WordClass(rawValue: 1 << 23)
    /// not, no, never, nobody, nothing, none, neither, nor, without, не, нет, ни, …
    static let negator = WordClass(rawValue: 1 << 24)
    /// Words that open a new clause for negation scope: but, while, whereas, although, …
    static let clauseBoundary = WordClass(rawValue: 1 << 25)
    /// according (in "according to"), словам (in "по словам").
    static let according = WordClass(rawValue: 1 << 26)
    /// Nouns that may stand between a speech verb and "that": told reporters that, said in a statement that.
    static let preambleNoun = WordClass(rawValue: 1 << 27)
    /// there (existential: "says there is").
    static let there = WordClass(rawValue: 1 << 28)
    /// Words after a leading apostrophe that make it an elision: 'em, 'tis, 'n'.
    static let elision = WordClass(rawValue: 1 << 29)
    /// Objects after "claimed" that make it not a verb of saying: claimed the lives, claimed responsibility.
    static let claimObject = WordClass(rawValue: 1 << 30)
    /// Common verbs (not of saying) that end a subject read forwards: met, spoke, comes, …
    static let commonVerb = WordClass(rawValue: 1 << 31)
    /// Prepositions and subordinators that open a sentence before its subject: In, On, After, When, …
    static let frontingWord = WordClass(rawValue: 1 << 32)
    /// Verbs whose object is a request or an act, not content: asked, urged, called (for/on).
    static let requestVerb = WordClass(rawValue: 1 << 33)
    /// "to" (infinitive marker or preposition).
    static let to = WordClass(rawValue: 1 << 34)
    /// "по" (Russian "по словам").
    static let po = WordClass(rawValue: 1 << 35)
    /// deny / denies / denied: takes a that-clause, the content is what is denied.
    static let deny = WordClass(rawValue: 1 << 36)
    /// Objects of a base-form verb's subject that make it a verb: modals and plural pronouns precede "say".
    static let modal = WordClass(rawValue: 1 << 37)
    /// "as" in "described it as …".
    static let asWord = WordClass(rawValue: 1 << 38)
    /// "only" in "not only": the negator does not negate.
    static let only = WordClass(rawValue: 1 << 39)
    /// Forms of "be": a passive "was said", "were reported" is no one's speech.
    static let be = WordClass(rawValue: 1 << 40)
    /// "people" and other plural nouns without -s that can say things.
    static let pluralNoun = WordClass(rawValue: 1 << 41)
    /// Function words a negator reaches over to the word it negates: articles, "any", forms of be
    /// and have, auxiliaries, degree adverbs, verbs of doing ("did not commit atrocities") and of
    /// naming ("did not call it genocide").
    static let negationTransparent = WordClass(rawValue: 1 << 42)
    /// Negators that follow what they negate: Turkish değil / yok, Azerbaijani deyil / yox, Armenian չէ.
    static let postNegator = WordClass(rawValue: 1 << 43)
    /// Nouns of time that stand between a subject and its verb ("Azerbaijan last night accused"): never speakers.
    static let temporal = WordClass(rawValue: 1 << 44)
    /// Words that open a time phrase: last, this, next, on, early, late ("last night", "on Monday").
    static let timeModifier = WordClass(rawValue: 1 << 45)
    /// Verbs that make a following participle passive like "be" does: "They stand accused", "remained accused".
    static let passiveMarker = WordClass(rawValue: 1 << 46)
    /// Verbs of naming ("call it", "describe it as"): a negator reaches over them and their pronoun object.
    static let namingVerb = WordClass(rawValue: 1 << 47)
    /// Object pronouns after a verb of naming: it, them, this, that.
    static let objectPronoun = WordClass(rawValue: 1 << 48)
    /// tell / tells / told / telling: an addressee may stand before the reported clause ("told reporters the …").
    static let tell = WordClass(rawValue: 1 << 49)
    /// amount / amounts / amounted: "does not amount to genocide".
    static let amountVerb = WordClass(rawValue: 1 << 50)
    /// Negators that are determiners of a subject: "No army occupied", "Neither side committed".
    static let subjectNegator = WordClass(rawValue: 1 << 51)
}

enum VoiceLexicon {
    /// Case-folded FNV-1a key of `bytes[start..<end]`.
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte < 0x80 {
                mix(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                index += 1
            } else if byte == 0xD0, index + 1 < end {
                // Cyrillic capitals А–Я (D0 90–AF) and Ё (D0 81) fold to а–я (D0 B0–BF, D1 80–8F) and ё (D1 91).
                let next = bytes[index + 1]
                switch next {
                case 0x90...0x9F: mix(0xD0); mix(next &+ 0x20)
                case 0xA0...0xAF: mix(0xD1); mix(next &- 0x20)
                case 0x81: mix(0xD1); mix(0x91)
                default: mix(0xD0); mix(next)
                }
                index += 2
            } else if byte == 0xE2, index + 2 < end, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 {
                mix(0x27)  // ’ as '
                index += 3
            } else {
                mix(byte)
                index += 1
            }
        }
        return hash
    }

    /// The classes of the word at `bytes[start..<end]` (empty for words longer than any listed).
    @inline(__always)
    static func classes(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> WordClass {
        guard end - start <= 40 else { return [] }
        return table[key(bytes, start, end)] ?? []
    }

    static func key(_ word: String) -> UInt64 {
        var word = word
        return word.withUTF8 { key($0, 0, $0.count) }
    }

    static let table: [UInt64: WordClass] = {
        var table: [UInt64: WordClass] = [:]
        func add(_ words: [String], _ classes: WordClass) {
            for word in words { table[key(word), default: []].formUnion(classes) }
        }
        /// Verb forms: base, -s, past, -ing (and past participle when different).
        func verb(_ forms: [String], _ extra: WordClass = []) {
            guard let base = forms.first else { return }
            add([base], WordClass([.speech, .baseForm]).union(extra))
            for form in forms.dropFirst() {
                add([form], form.hasSuffix("ing") ? WordClass([.speech, .ingForm]).union(extra) : WordClass.speech.union(extra))
            }
        }
        // Verbs of saying that take a bare clause ("says its forces have …").
        for forms in [
            ["say", "says", "said", "saying"], ["claim", "claims", "claimed", "claiming"],
            ["insist", "insists", "insisted", "insisting"], ["argue", "argues", "argued", "arguing"],
            ["assert", "asserts", "asserted", "asserting"], ["contend", "contends", "contended", "contending"],
            ["allege", "alleges", "alleged", "alleging"], ["vow", "vows", "vowed", "vowing"],
            ["maintain", "maintains", "maintained", "maintaining"],
        ] {
            verb(forms, .bareClause)
        }
        // Verbs of saying that report content only through "that", a colon or a quotation.
        for forms in [
            ["tell", "tells", "told", "telling"], ["add", "adds", "added", "adding"],
            ["stress", "stresses", "stressed", "stressing"], ["note", "notes", "noted", "noting"],
            ["warn", "warns", "warned", "warning"], ["reply", "replies", "replied", "replying"],
            ["retort", "retorts", "retorted", "retorting"], ["emphasize", "emphasizes", "emphasized", "emphasizing"],
            ["emphasise", "emphasises", "emphasised", "emphasising"], ["write", "writes", "wrote", "writing", "written"],
            ["tweet", "tweets", "tweeted", "tweeting"], ["declare", "declares", "declared", "declaring"],
            ["announce", "announces", "announced", "announcing"], ["explain", "explains", "explained", "explaining"],
            ["state", "states", "stated", "stating"], ["confirm", "confirms", "confirmed", "confirming"],
            ["report", "reports", "reported", "reporting"], ["admit", "admits", "admitted", "admitting"],
            ["acknowledge", "acknowledges", "acknowledged", "acknowledging"],
            ["pledge", "pledges", "pledged", "pledging"], ["promise", "promises", "promised", "promising"],
            ["threaten", "threatens", "threatened", "threatening"], ["hint", "hints", "hinted", "hinting"],
            ["complain", "complains", "complained", "complaining"], ["comment", "comments", "commented", "commenting"],
            ["remark", "remarks", "remarked", "remarking"], ["respond", "responds", "responded", "responding"],
            ["answer", "answers", "answered", "answering"], ["reiterate", "reiterates", "reiterated", "reiterating"],
            ["repeat", "repeats", "repeated", "repeating"], ["recall", "recalls", "recalled", "recalling"],
            ["observe", "observes", "observed", "observing"], ["predict", "predicts", "predicted", "predicting"],
            ["charge", "charges", "charged", "charging"], ["concede", "concedes", "conceded", "conceding"],
            ["announce", "announces", "announced", "announcing"], ["reveal", "reveals", "revealed", "revealing"],
            ["stress", "stresses", "stressed", "stressing"], ["underline", "underlines", "underlined", "underlining"],
            ["underscore", "underscores", "underscored", "underscoring"], ["describe", "describes", "described", "describing"],
            ["criticize", "criticizes", "criticized", "criticizing"], ["criticise", "criticises", "criticised", "criticising"],
            ["condemn", "condemns", "condemned", "condemning"], ["demand", "demands", "demanded", "demanding"],
            ["estimate", "estimates", "estimated", "estimating"],
            ["agree", "agrees", "agreed", "agreeing"], ["exclaim", "exclaims", "exclaimed", "exclaiming"],
        ] {
            verb(forms)
        }
        add(["tell", "tells", "told", "telling"], .tell)
        add(["amount", "amounts", "amounted", "amounting"], .amountVerb)
        add(["no", "neither"], .subjectNegator)
        verb(["deny", "denies", "denied", "denying"], .deny)
        verb(["accuse", "accuses", "accused", "accusing"], .accuse)
        verb(["ask", "asks", "asked", "asking"], .requestVerb)
        verb(["urge", "urges", "urged", "urging"], .requestVerb)
        verb(["call", "calls", "called", "calling"], [.label, .requestVerb])
        for forms in [
            ["dub", "dubs", "dubbed", "dubbing"], ["term", "terms", "termed", "terming"],
            ["label", "labels", "labeled", "labelled", "labeling", "labelling"], ["brand", "brands", "branded", "branding"],
        ] {
            for form in forms {
                let classes: WordClass = form == forms[0] ? [.label, .baseForm] : form.hasSuffix("ing") ? [.label, .ingForm] : .label
                add([form], classes)
            }
        }
        add(["described", "describes", "describe", "describing"], .label)
        // Russian verbs of saying (reported content follows ", что").
        add(
            [
                "сказал", "сказала", "сказали", "заявил", "заявила", "заявили", "отметил", "отметила", "отметили",
                "подчеркнул", "подчеркнула", "подчеркнули", "сообщил", "сообщила", "сообщили", "добавил", "добавила",
                "добавили", "говорит", "говорят", "заявляет", "заявляют", "пишет", "написал", "написала", "ответил",
                "ответила", "считает", "уточнил", "уточнила", "пояснил", "пояснила",
                "сообщает", "сообщают", "утверждает", "утверждают", "утверждал", "утверждала", "утверждали",
                "добавляет", "отмечает", "подчеркивает", "признал", "признала",
                // Azerbaijani (content after "ki"): bildirib, deyib, qeyd edib.
                "bildirib", "bildirdi", "bildirir", "deyib", "dedi", "deyir", "açıqlayıb", "vurğulayıb", "vurğuladı",
                "bəyan", "söyləyib",
                // Armenian (content after "որ"): հայտարարել է, ասել է, նշել է.
                "հայտարարել", "հայտարարեց", "ասել", "ասաց", "նշել", "նշեց", "շեշտել", "շեշտեց", "հայտնել",
                "հայտնեց", "պնդել", "պնդեց",
                // German, for the inverted "„…“, sagte X".
                "sagte", "sagt", "erklärte", "betonte",
            ], .speech)
        add(["что", "that", "ki", "որ"], .that)
        add(["է", "են", "էր", "էին"], .auxiliary)
        add(["словам"], .according)
        add(["по"], .po)
        add(["according"], .according)
        add(["to"], .to)
        add(["as"], .asWord)
        add(["only"], .only)

        add(
            [
                "the", "a", "an", "this", "these", "those", "its", "his", "her", "their", "our", "my", "your", "some",
                "many", "several", "both", "all", "each", "every", "another", "such", "any", "no", "two", "three", "four",
                "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands", "most", "other",
                "much", "more", "few", "one",
            ], .determiner)
        add(
            [
                "in", "on", "at", "by", "with", "to", "from", "into", "during", "over", "under", "about", "against",
                "between", "through", "without", "within", "across", "per", "via", "amid", "amidst", "despite", "toward",
                "towards", "upon", "onto", "among", "around", "near", "beyond", "behind", "inside", "outside", "after",
                "before", "since", "until", "throughout", "following", "like", "off", "out", "up", "down",
            ], .preposition)
        add(["of", "for"], .nounPreposition)
        add(["and", "or", "but", "nor", "yet", "so", "и", "а", "но"], .conjunction)
        add(
            [
                "that", "which", "who", "whom", "whose", "when", "where", "while", "as", "if", "because", "since",
                "although", "though", "after", "before", "until", "than", "whether", "whereas", "unless", "once",
                "why", "how", "what", "что", "который", "которая", "которые",
            ], .subordinator)
        add(["who"], .relativeWho)
        add(
            [
                "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does",
                "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "'s", "'d", "'ll",
                "cannot",
            ], .auxiliary)
        add(["will", "would", "shall", "should", "can", "could", "may", "might", "must", "did", "do", "does", "to", "cannot"], .modal)
        add(
            [
                "also", "later", "earlier", "again", "then", "previously", "repeatedly", "reportedly", "once", "still",
                "further", "only", "just", "recently", "now", "today", "yesterday", "tonight", "separately", "publicly",
                "privately", "openly", "officially", "allegedly", "apparently", "reportedly", "firmly", "flatly",
                "subsequently", "initially", "first", "last", "already", "even", "never", "not", "n't", "always",
                "often", "frequently", "explicitly", "clearly", "simply", "however", "meanwhile", "too",
                "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            ], .adverb)
        add(
            [
                "however", "moreover", "meanwhile", "also", "still", "yet", "instead", "earlier", "later", "separately",
                "additionally", "furthermore", "nevertheless", "nonetheless", "then", "now", "today", "yesterday",
                "previously", "finally", "indeed", "thus", "therefore", "hence", "but", "and", "so", "otherwise",
                "besides", "likewise", "similarly", "notably", "crucially", "importantly", "overnight", "again",
            ], .sentenceAdverb)
        add(
            [
                "in", "on", "at", "after", "before", "during", "since", "when", "while", "throughout", "following",
                "despite", "as", "amid", "speaking", "asked", "by", "for", "with", "from", "under", "over", "if",
                "although", "though", "because", "once", "until", "according", "to", "within", "upon", "besides",
                "along", "unlike", "like", "according",
            ], .frontingWord)
        add(["he", "she", "он", "она"], .personPronoun)
        add(["it"], .itPronoun)
        add(["they", "они"], .theyPronoun)
        add(["i", "we", "you", "я", "мы", "вы"], .otherPronoun)
        add(["is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re"], .be)
        add(["people", "police", "media", "military", "public", "children", "women", "men", "staff"], .pluralNoun)
        add(["there"], .there)
        add(["em", "tis", "twas", "til", "cause", "n", "bout", "round", "cos", "nuff"], .elision)
        add(["lives", "life", "responsibility", "victory", "credit", "ownership"], .claimObject)
        add(
            [
                "met", "spoke", "comes", "came", "went", "goes", "made", "makes", "took", "takes", "gave", "gives",
                "held", "holds", "began", "begins", "left", "leaves", "sent", "sends", "hosted", "visited", "launched",
                "continues", "continued", "remains", "remained", "became", "becomes", "got", "gets", "seems", "appears",
                "wants", "wanted", "needs", "sought", "seeks", "tried", "tries", "fought", "fights", "won", "lost",
                "killed", "kills", "broke", "struck", "fell", "rose", "led", "leads", "signed", "signs", "discussed",
                "offered", "offers", "raised", "received", "expressed", "rejected", "rejects", "refused", "refuses",
                "defends", "defended", "strives", "blame", "blamed", "blames", "reiterated",
            ], .commonVerb)
        add(
            [
                "president", "vice", "minister", "premier", "prime", "spokesperson", "spokesman", "spokeswoman",
                "secretary", "congressman", "congresswoman", "senator", "ambassador", "envoy", "chancellor", "general",
                "gen", "colonel", "col", "lieutenant", "lt", "major", "maj", "captain", "capt", "commander", "admiral",
                "chief", "head", "leader", "official", "officer", "adviser", "advisor", "aide", "deputy", "chairman",
                "chairwoman", "chair", "director", "mayor", "governor", "king", "queen", "prince", "princess", "emir",
                "sheikh", "pope", "patriarch", "archbishop", "bishop", "mr", "mrs", "ms", "dr", "prof", "professor",
                "sir", "lord", "lady", "judge", "attorney", "lawmaker", "mp", "analyst", "expert", "journalist",
                "correspondent", "reporter", "editor", "activist", "commentator", "researcher", "ombudsman",
                "representative", "speaker", "presidential", "press", "sergeant", "sgt", "colonel-general",
                "spokesmen", "officials", "diplomats", "ministers", "президент", "министр", "пресс-секретарь", "представитель", "глава", "премьер-министр",
                "депутат", "официальный",
            ], .title)
        add(
            [
                "ministry", "department", "office", "army", "forces", "force", "government", "council", "committee",
                "service", "agency", "kremlin", "mod", "corps", "parliament", "assembly", "embassy", "group", "union",
                "organization", "organisation", "party", "commission", "court", "administration", "cabinet", "command",
                "headquarters", "bureau", "mission", "guard", "navy", "police", "military", "pentagon", "ministries",
                "staff", "directorate", "secretariat", "presidency", "duma", "министерство", "мид", "минобороны",
                "кремль", "правительство",
            ], .organisation)
        add(
            [
                "state", "affairs", "defense", "defence", "interior", "justice", "finance", "health", "security",
                "intelligence", "staff", "economy", "energy", "foreign", "commerce", "treasury",
            ], .office)
        add(
            [
                "armenia", "azerbaijan", "russia", "turkey", "türkiye", "iran", "georgia", "ukraine", "syria", "israel",
                "france", "germany", "britain", "uk", "us", "usa", "china", "baku", "yerevan", "moscow", "ankara",
                "tehran", "tbilisi", "kyiv", "kiev", "washington", "paris", "london", "berlin", "brussels", "beijing",
                "stepanakert", "shusha", "shushi", "karabakh", "nagorno-karabakh", "artsakh", "ganja", "kremlin",
                "pentagon", "nato", "eu", "osce", "un", "europe", "damascus", "jerusalem", "nakhchivan", "lachin",
                "kelbajar", "fizuli", "agdam", "hadrut", "istanbul", "america", "india", "pakistan", "iraq", "egypt",
                "qatar", "belarus", "kazakhstan", "uzbekistan", "turkmenistan", "poland", "italy", "spain", "japan",
                "canada", "minsk", "vienna", "geneva", "sochi", "crimea", "donbas", "gaza", "lebanon", "libya",
                "ossetia", "abkhazia", "abhazia", "mail", "reuters", "ap", "afp", "tass", "ria", "interfax", "cnn",
                "bbc", "asbarez", "southfront", "yeni", "trend", "armenpress", "apa", "azertac",
            ], .place)
        add(
            [
                "not", "no", "never", "neither", "nor", "without", "nobody", "nothing", "none", "nowhere", "cannot",
                "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "cant", "couldnt", "wouldnt",
                "shouldnt", "wont", "hasnt", "havent", "hadnt", "aint", "n't",
                "не", "нет", "ни", "никто", "ничто", "ничего", "никогда", "нигде", "без", "нельзя", "никакой",
                "никакая", "никакое", "никакие", "никакого", "никакую", "никаких", "никаким", "ոչ", "չկա",
            ], .negator)
        add(
            [
                "değil", "değildir", "değiller", "değildi", "yok", "yoktur", "yoktu", "deyil", "deyildir", "deyildi",
                "yox", "yoxdur", "yoxdu", "չէ", "չեն", "չէր", "չէին", "չկա",
            ], .postNegator)
        add(
            [
                "the", "a", "an", "any", "such", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have",
                "had", "having", "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may",
                "might", "must", "really", "actually", "truly", "even", "ever", "longer", "yet", "so", "very", "quite",
                "entirely", "fully", "necessarily", "merely", "simply", "just", "commit", "commits", "committed",
                "committing", "perpetrate", "perpetrates", "perpetrated", "perpetrating", "conduct", "conducts",
                "conducted", "cause", "causes", "caused", "constitute", "constitutes", "constituted", "amount",
                "amounts", "amounted", "был", "была", "было", "были", "будет", "является", "являются",
                "являлась", "являлся", "являлось", "это", "бы",
            ], .negationTransparent)
        add(
            [
                "call", "calls", "called", "calling", "describe", "describes", "described", "describing", "term",
                "terms", "termed", "label", "labels", "labeled", "labelled", "brand", "brands", "branded", "dub",
                "dubs", "dubbed", "consider", "considers", "considered", "as",
            ], .namingVerb)
        add(["it", "them", "this", "that", "these", "those", "him", "her"], .objectPronoun)
        add(
            [
                "night", "nights", "morning", "mornings", "evening", "evenings", "afternoon", "week", "weeks", "weekend",
                "month", "months", "year", "years", "day", "days", "hour", "hours", "today", "yesterday", "tonight",
                "overnight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "ago",
                "january", "february", "march", "april", "june", "july", "august", "september", "october",
                "november", "december", "earlier", "later", "time",
            ], .temporal)
        add(["last", "this", "next", "on", "early", "late", "earlier", "later", "in", "at", "that", "every", "each"], .timeModifier)
        add(
            [
                "stand", "stands", "stood", "standing", "remain", "remains", "remained", "get", "gets", "got", "become",
                "becomes", "became", "seem", "seems", "seemed", "appear", "appears", "appeared", "feel", "feels", "felt",
            ], .passiveMarker)
        add(
            [
                "but", "while", "whereas", "although", "though", "however", "yet", "whilst", "unless", "except",
                "но", "а", "однако",
            ], .clauseBoundary)
        add(
            [
                "reporters", "journalists", "statement", "post", "interview", "conference", "briefing", "television",
                "radio", "parliament", "lawmakers", "officials", "week", "weekend", "morning", "evening", "night",
                "afternoon", "day", "call", "phone", "speech", "address", "letter", "message", "tweet", "video",
                "meeting", "session", "summit", "forum", "press", "media", "news", "website", "telegram", "channel",
                "interviewer", "audience", "crowd", "supporters", "broadcast", "remarks", "comments", "release",
                "report", "reports", "statements", "people", "nation", "parliamentarians", "counterpart", "counterparts",
                "him", "her", "them", "us", "me", "late", "early", "briefly", "repeatedly",
            ], .preambleNoun)
        return table
    }()
}
