package contractgen.runtime

import java.math.BigInteger

/**
 * The `regex` format: an ECMA-262 regular expression with the `u` flag, as JSON Schema 2020-12
 * reads patterns. A syntax check over the grammar of ECMA-262 section 22.2.1 in Unicode mode, where
 * Annex B's leniency is gone (`\a`, a lone `{` or `]`, `(?i)` are errors), with named groups,
 * lookbehind, modifiers (`(?i:...)`) and a name repeated only in different alternatives. Nothing is
 * compiled: no JVM regex engine reads this dialect.
 */
internal object EcmaRegex {
    /** Deeper groups are refused rather than risk the stack (as the Rust side's `regress` does). */
    private const val MAX_DEPTH = 256

    fun isValid(pattern: String): Boolean =
        try {
            Parser(pattern).pattern()
            true
        } catch (_: SyntaxError) {
            false
        }

    /**
     * Thrown on each refusal, so it fills in no stack trace (by overriding [fillInStackTrace]: the
     * constructor that turns it off is Android API level 24, above the runtime's 21).
     */
    private class SyntaxError : RuntimeException() {
        override fun fillInStackTrace(): Throwable = this
    }

    private class Parser(private val text: String) {
        private var at = 0
        private var depth = 0
        /** Back-references may point ahead: both are counted over the whole pattern first. */
        private var groupCount = 0
        private val groupNames = HashSet<String>()
        /** The disjunctions around the parser: an id and the index of the current alternative. */
        private val path = ArrayList<IntArray>()
        private var disjunctions = 0
        /** Where each group name was given, as [path] was then. */
        private val namedAt = HashMap<String, MutableList<List<IntArray>>>()

        fun pattern() {
            countGroups()
            disjunction()
            // Only an unbalanced `)` stops a disjunction before the end.
            if (at < text.length) fail()
        }

        private fun fail(): Nothing = throw SyntaxError()

        private fun peek(): Char? = text.getOrNull(at)

        private fun next(): Char = text.getOrNull(at++) ?: fail()

        private fun eat(c: Char): Boolean {
            if (peek() != c) return false
            at++
            return true
        }

        private fun expect(c: Char) {
            if (!eat(c)) fail()
        }

        /** The code point at the parser, consumed. */
        private fun codePoint(): Int {
            if (at >= text.length) fail()
            val c = text.codePointAt(at)
            at += Character.charCount(c)
            return c
        }

        private fun countGroups() {
            while (at < text.length) {
                when (next()) {
                    '\\' -> at++
                    '[' -> skipClass()
                    '(' ->
                        if (!eat('?')) {
                            groupCount++
                        } else if (peek() == '<' && text.getOrNull(at + 1) !in listOf('=', '!')) {
                            groupCount++
                            runCatching { groupName() }.onSuccess { groupNames.add(it) }
                        }
                }
            }
            at = 0
        }

        private fun skipClass() {
            while (at < text.length) {
                when (next()) {
                    '\\' -> at++
                    ']' -> return
                }
            }
        }

        private fun disjunction() {
            if (++depth > MAX_DEPTH) fail()
            val here = intArrayOf(disjunctions++, 0)
            path.add(here)
            alternative()
            while (eat('|')) {
                here[1]++
                alternative()
            }
            path.removeAt(path.size - 1)
            depth--
        }

        private fun alternative() {
            while (at < text.length && peek() != '|' && peek() != ')') term()
        }

        private fun term() {
            val quantifiable =
                when (peek()) {
                    '^',
                    '$' -> {
                        at++
                        false
                    }
                    '\\' -> {
                        at++
                        if (eat('b') || eat('B')) false else atomEscape()
                    }
                    '(' -> {
                        at++
                        group()
                    }
                    '[' -> {
                        at++
                        characterClass()
                        true
                    }
                    '*',
                    '+',
                    '?',
                    '{',
                    '}',
                    ']' -> fail()
                    else -> {
                        codePoint()
                        true
                    }
                }
            if (quantifier() && !quantifiable) fail()
        }

        /** Whether a quantifier followed (and was consumed). */
        private fun quantifier(): Boolean {
            when (peek()) {
                '*',
                '+',
                '?' -> at++
                '{' -> {
                    at++
                    val min = decimal() ?: fail()
                    val max = if (eat(',')) decimal() else min
                    expect('}')
                    if (max != null && min > max) fail()
                }
                else -> return false
            }
            eat('?')
            return true
        }

        private fun decimal(): BigInteger? {
            val start = at
            while (peek()?.let { it in '0'..'9' } == true) at++
            return if (at == start) null else BigInteger(text.substring(start, at))
        }

        /** After `(`: a group or a lookaround; whether a quantifier may follow it. */
        private fun group(): Boolean {
            val lookaround =
                when {
                    !eat('?') || eat(':') -> false
                    eat('=') || eat('!') -> true
                    peek() == '<' && text.getOrNull(at + 1) in listOf('=', '!') -> {
                        at += 2
                        true
                    }
                    peek() == '<' -> {
                        nameGroup(groupName())
                        false
                    }
                    else -> {
                        modifiers()
                        false
                    }
                }
            disjunction()
            expect(')')
            return !lookaround
        }

        /** A name may repeat only where the two groups cannot both take part in a match. */
        private fun nameGroup(name: String) {
            val here = path.map { it.copyOf() }
            val earlier = namedAt.getOrPut(name) { ArrayList() }
            if (earlier.any { mightBothParticipate(it, here) }) fail()
            earlier.add(here)
        }

        private fun mightBothParticipate(a: List<IntArray>, b: List<IntArray>): Boolean {
            for (i in 0 until minOf(a.size, b.size)) {
                if (a[i][0] != b[i][0]) return true
                if (a[i][1] != b[i][1]) return false
            }
            return true
        }

        /** `(?ims-ims:`: each flag at most once, at least one in all. */
        private fun modifiers() {
            val seen = HashSet<Char>()
            var hyphen = false
            while (true) {
                when (val c = next()) {
                    'i',
                    'm',
                    's' -> if (!seen.add(c)) fail()
                    '-' -> if (hyphen) fail() else hyphen = true
                    ':' -> if (seen.isEmpty()) fail() else return
                    else -> fail()
                }
            }
        }

        /** `<name>`: an identifier, where `\u` escapes may stand for its characters. */
        private fun groupName(): String {
            expect('<')
            val name = StringBuilder()
            while (!eat('>')) {
                val c =
                    when {
                        !eat('\\') -> codePoint()
                        next() == 'u' -> unicodeEscape()
                        else -> fail()
                    }
                val ok =
                    c == '$'.code ||
                        c == '_'.code ||
                        if (name.isEmpty()) {
                            Character.isUnicodeIdentifierStart(c)
                        } else {
                            c == 0x200C ||
                                c == 0x200D ||
                                (Character.isUnicodeIdentifierPart(c) &&
                                    !Character.isIdentifierIgnorable(c))
                        }
                if (!ok) fail()
                name.appendCodePoint(c)
            }
            if (name.isEmpty()) fail()
            return name.toString()
        }

        /** After `\` outside a class; whether a quantifier may follow. */
        private fun atomEscape(): Boolean {
            when (peek()) {
                in '1'..'9' -> if (decimal()!! > BigInteger.valueOf(groupCount.toLong())) fail()
                'k' -> {
                    at++
                    if (groupName() !in groupNames) fail()
                }
                else -> escape(inClass = false)
            }
            return true
        }

        /**
         * After `\`: a character escape (its code point) or a class escape such as `\d` or `\p{L}`
         * ([CLASS]).
         */
        private fun escape(inClass: Boolean): Int =
            when (val c = next()) {
                'd',
                'D',
                's',
                'S',
                'w',
                'W' -> CLASS
                'p',
                'P' -> {
                    propertyExpression()
                    CLASS
                }
                'f' -> 0x0C
                'n' -> 0x0A
                'r' -> 0x0D
                't' -> 0x09
                'v' -> 0x0B
                'c' -> {
                    val letter = next()
                    if (letter in 'a'..'z' || letter in 'A'..'Z') letter.code % 32 else fail()
                }
                '0' -> if (peek()?.let { it in '0'..'9' } == true) fail() else 0
                'x' -> hexDigits(2)
                'u' -> unicodeEscape()
                'b' -> if (inClass) 0x08 else fail()
                '-' -> if (inClass) c.code else fail()
                '^',
                '$',
                '\\',
                '.',
                '*',
                '+',
                '?',
                '(',
                ')',
                '[',
                ']',
                '{',
                '}',
                '|',
                '/' -> c.code
                else -> fail()
            }

        /** After `\u`: `{hex}` up to U+10FFFF, or four hex digits (two escapes for a pair). */
        private fun unicodeEscape(): Int {
            if (eat('{')) {
                val start = at
                while (!eat('}')) if (hexDigit(next()) < 0) fail()
                val digits = text.substring(start, at - 1)
                if (digits.isEmpty()) fail()
                val value = BigInteger(digits, 16)
                if (value > BigInteger.valueOf(0x10FFFF)) fail()
                return value.toInt()
            }
            val lead = hexDigits(4)
            if (lead !in 0xD800..0xDBFF || !text.startsWith("\\u", at)) return lead
            val resume = at
            at += 2
            val trail = runCatching { hexDigits(4) }.getOrNull()
            if (trail != null && trail in 0xDC00..0xDFFF) {
                return Character.toCodePoint(lead.toChar(), trail.toChar())
            }
            at = resume
            return lead
        }

        private fun hexDigits(count: Int): Int {
            var value = 0
            repeat(count) {
                val digit = hexDigit(next())
                if (digit < 0) fail()
                value = value * 16 + digit
            }
            return value
        }

        private fun hexDigit(c: Char): Int =
            when (c) {
                in '0'..'9' -> c - '0'
                in 'a'..'f' -> c - 'a' + 10
                in 'A'..'F' -> c - 'A' + 10
                else -> -1
            }

        /** After `\p` or `\P`: `{value}` or `{name=value}` from ECMA-262's property tables. */
        private fun propertyExpression() {
            expect('{')
            val start = at
            while (!eat('}')) {
                val c = next()
                if (c != '_' && c != '=' && !(c in 'a'..'z' || c in 'A'..'Z' || c in '0'..'9')) {
                    fail()
                }
            }
            val expression = text.substring(start, at - 1).split('=')
            val known =
                when (expression.size) {
                    1 -> expression[0] in BINARY_PROPERTIES || expression[0] in GENERAL_CATEGORIES
                    2 ->
                        when (expression[0]) {
                            "General_Category",
                            "gc" -> expression[1] in GENERAL_CATEGORIES
                            "Script",
                            "sc",
                            "Script_Extensions",
                            "scx" -> expression[1] in SCRIPTS
                            else -> false
                        }
                    else -> false
                }
            if (!known) fail()
        }

        /** After `[`: class atoms and ranges of single characters, in order, up to `]`. */
        private fun characterClass() {
            eat('^')
            while (!eat(']')) {
                val first = classAtom()
                if (!eat('-') || peek() == ']') continue
                val last = classAtom()
                if (first == CLASS || last == CLASS || first > last) fail()
            }
        }

        private fun classAtom(): Int = if (eat('\\')) escape(inClass = true) else codePoint()
    }

    /** What [Parser] returns for a class escape where a character may stand. */
    private const val CLASS = -1

    private fun names(vararg lines: String): Set<String> =
        lines.flatMap { it.split(' ') }.toHashSet()

    /** ECMA-262 table 67 (binary Unicode properties), names and aliases. */
    private val BINARY_PROPERTIES =
        names(
            "ASCII ASCII_Hex_Digit AHex Alphabetic Alpha Any Assigned Bidi_Control Bidi_C",
            "Bidi_Mirrored Bidi_M Case_Ignorable CI Cased Changes_When_Casefolded CWCF",
            "Changes_When_Casemapped CWCM Changes_When_Lowercased CWL",
            "Changes_When_NFKC_Casefolded CWKCF Changes_When_Titlecased CWT",
            "Changes_When_Uppercased CWU Dash Default_Ignorable_Code_Point DI Deprecated Dep",
            "Diacritic Dia Emoji Emoji_Component EComp Emoji_Modifier EMod Emoji_Modifier_Base",
            "EBase Emoji_Presentation EPres Extended_Pictographic ExtPict Extender Ext",
            "Grapheme_Base Gr_Base Grapheme_Extend Gr_Ext Hex_Digit Hex IDS_Binary_Operator IDSB",
            "IDS_Trinary_Operator IDST ID_Continue IDC ID_Start IDS Ideographic Ideo Join_Control",
            "Join_C Logical_Order_Exception LOE Lowercase Lower Math Noncharacter_Code_Point NChar",
            "Pattern_Syntax Pat_Syn Pattern_White_Space Pat_WS Quotation_Mark QMark Radical",
            "Regional_Indicator RI Sentence_Terminal STerm Soft_Dotted SD Terminal_Punctuation",
            "Term Unified_Ideograph UIdeo Uppercase Upper Variation_Selector VS White_Space space",
            "XID_Continue XIDC XID_Start XIDS",
        )

    /** The General_Category values of Unicode's PropertyValueAliases.txt. */
    private val GENERAL_CATEGORIES =
        names(
            "Cased_Letter LC Close_Punctuation Pe Connector_Punctuation Pc Control Cc cntrl",
            "Currency_Symbol Sc Dash_Punctuation Pd Decimal_Number Nd digit Enclosing_Mark Me",
            "Final_Punctuation Pf Format Cf Initial_Punctuation Pi Letter L Letter_Number Nl",
            "Line_Separator Zl Lowercase_Letter Ll Mark M Combining_Mark Math_Symbol Sm",
            "Modifier_Letter Lm Modifier_Symbol Sk Nonspacing_Mark Mn Number N Open_Punctuation Ps",
            "Other C Other_Letter Lo Other_Number No Other_Punctuation Po Other_Symbol So",
            "Paragraph_Separator Zp Private_Use Co Punctuation P punct Separator Z",
            "Space_Separator Zs Spacing_Mark Mc Surrogate Cs Symbol S Titlecase_Letter Lt",
            "Unassigned Cn Uppercase_Letter Lu",
        )

    /** The Script values of Unicode 17's PropertyValueAliases.txt. */
    private val SCRIPTS =
        names(
            "Adlam Adlm Caucasian_Albanian Aghb Ahom Arabic Arab Imperial_Aramaic Armi Armenian",
            "Armn Avestan Avst Balinese Bali Bamum Bamu Bassa_Vah Bass Batak Batk Bengali Beng",
            "Beria_Erfe Berf Bhaiksuki Bhks Bopomofo Bopo Brahmi Brah Braille Brai Buginese Bugi",
            "Buhid Buhd Chakma Cakm Canadian_Aboriginal Cans Carian Cari Cham Cherokee Cher",
            "Chorasmian Chrs Coptic Copt Qaac Cypro_Minoan Cpmn Cypriot Cprt Cyrillic Cyrl",
            "Devanagari Deva Dives_Akuru Diak Dogra Dogr Deseret Dsrt Duployan Dupl",
            "Egyptian_Hieroglyphs Egyp Elbasan Elba Elymaic Elym Ethiopic Ethi Garay Gara Georgian",
            "Geor Glagolitic Glag Gunjala_Gondi Gong Masaram_Gondi Gonm Gothic Goth Grantha Gran",
            "Greek Grek Gujarati Gujr Gurung_Khema Gukh Gurmukhi Guru Hangul Hang Han Hani Hanunoo",
            "Hano Hatran Hatr Hebrew Hebr Hiragana Hira Anatolian_Hieroglyphs Hluw Pahawh_Hmong",
            "Hmng Nyiakeng_Puachue_Hmong Hmnp Old_Hungarian Hung Old_Italic Ital Javanese Java",
            "Kayah_Li Kali Katakana Kana Kawi Kharoshthi Khar Khmer Khmr Khojki Khoj",
            "Khitan_Small_Script Kits Kannada Knda Kirat_Rai Krai Kaithi Kthi Tai_Tham Lana Lao",
            "Laoo Latin Latn Lepcha Lepc Limbu Limb Linear_A Lina Linear_B Linb Lisu Lycian Lyci",
            "Lydian Lydi Mahajani Mahj Makasar Maka Mandaic Mand Manichaean Mani Marchen Marc",
            "Medefaidrin Medf Mende_Kikakui Mend Meroitic_Cursive Merc Meroitic_Hieroglyphs Mero",
            "Malayalam Mlym Modi Mongolian Mong Mro Mroo Meetei_Mayek Mtei Multani Mult Myanmar",
            "Mymr Nag_Mundari Nagm Nandinagari Nand Old_North_Arabian Narb Nabataean Nbat Newa Nko",
            "Nkoo Nushu Nshu Ogham Ogam Ol_Chiki Olck Ol_Onal Onao Old_Turkic Orkh Oriya Orya Osage",
            "Osge Osmanya Osma Old_Uyghur Ougr Palmyrene Palm Pau_Cin_Hau Pauc Old_Permic Perm",
            "Phags_Pa Phag Inscriptional_Pahlavi Phli Psalter_Pahlavi Phlp Phoenician Phnx Miao",
            "Plrd Inscriptional_Parthian Prti Rejang Rjng Hanifi_Rohingya Rohg Runic Runr",
            "Samaritan Samr Old_South_Arabian Sarb Saurashtra Saur SignWriting Sgnw Shavian Shaw",
            "Sharada Shrd Siddham Sidd Sidetic Sidt Khudawadi Sind Sinhala Sinh Sogdian Sogd",
            "Old_Sogdian Sogo Sora_Sompeng Sora Soyombo Soyo Sundanese Sund Sunuwar Sunu",
            "Syloti_Nagri Sylo Syriac Syrc Tagbanwa Tagb Takri Takr Tai_Le Tale New_Tai_Lue Talu",
            "Tamil Taml Tangut Tang Tai_Viet Tavt Tai_Yo Tayo Telugu Telu Tifinagh Tfng Tagalog",
            "Tglg Thaana Thaa Thai Tibetan Tibt Tirhuta Tirh Tangsa Tnsa Todhri Todr Tolong_Siki",
            "Tols Toto Tulu_Tigalari Tutg Ugaritic Ugar Vai Vaii Vithkuqi Vith Warang_Citi Wara",
            "Wancho Wcho Old_Persian Xpeo Cuneiform Xsux Yezidi Yezi Yi Yiii Zanabazar_Square Zanb",
            "Inherited Zinh Qaai Common Zyyy Unknown Zzzz",
        )
}
