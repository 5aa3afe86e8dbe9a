package contractgen.runtime

import com.google.re2j.Pattern

/**
 * The `format` names the generator asserts (draft 2020-12, RFC 3339, RFC 3986, RFC 4291, ...).
 *
 * The host name formats (`hostname`, `idn-hostname`, `idn-email`) check A-labels and U-labels
 * against IDNA2008 with ICU4J, an optional dependency of the runtime: a project that checks them
 * has ICU4J on its class path (a generated pom adds it exactly then).
 */
@InternalContractgenApi
enum class Format(val formatName: String) {
    DATE_TIME("date-time") {
        override fun accepts(text: String): Boolean {
            val t = text.indexOfFirst { it == 'T' || it == 't' }
            return t > 0 &&
                Formats.date(text.substring(0, t)) &&
                Formats.time(text.substring(t + 1))
        }
    },
    DATE("date") {
        override fun accepts(text: String): Boolean = Formats.date(text)
    },
    TIME("time") {
        override fun accepts(text: String): Boolean = Formats.time(text)
    },
    DURATION("duration") {
        override fun accepts(text: String): Boolean = Formats.duration(text)
    },
    EMAIL("email") {
        override fun accepts(text: String): Boolean =
            Formats.mailbox(text, utf8 = false, domainName = Formats::dnsName)
    },
    HOSTNAME("hostname") {
        override fun accepts(text: String): Boolean = Idna.hostname(text)
    },
    IPV4("ipv4") {
        override fun accepts(text: String): Boolean = Formats.ipv4(text)
    },
    IPV6("ipv6") {
        override fun accepts(text: String): Boolean = Formats.ipv6(text)
    },
    URI("uri") {
        override fun accepts(text: String): Boolean = Formats.uri(text, absolute = true)
    },
    URI_REFERENCE("uri-reference") {
        override fun accepts(text: String): Boolean = Formats.uri(text, absolute = false)
    },
    UUID("uuid") {
        override fun accepts(text: String): Boolean = Formats.uuid(text)
    },
    JSON_POINTER("json-pointer") {
        override fun accepts(text: String): Boolean = Formats.matches(Formats.JSON_POINTER, text)
    },
    RELATIVE_JSON_POINTER("relative-json-pointer") {
        override fun accepts(text: String): Boolean =
            Formats.matches(Formats.RELATIVE_JSON_POINTER, text)
    },
    REGEX("regex") {
        override fun accepts(text: String): Boolean = EcmaRegex.isValid(text)
    },
    IDN_EMAIL("idn-email") {
        override fun accepts(text: String): Boolean =
            Formats.mailbox(text, utf8 = true, domainName = Idna::idnHostname)
    },
    IDN_HOSTNAME("idn-hostname") {
        override fun accepts(text: String): Boolean = Idna.idnHostname(text)
    },
    IRI("iri") {
        override fun accepts(text: String): Boolean =
            Formats.uri(Formats.asciiShape(text), absolute = true)
    },
    IRI_REFERENCE("iri-reference") {
        override fun accepts(text: String): Boolean =
            Formats.uri(Formats.asciiShape(text), absolute = false)
    },
    URI_TEMPLATE("uri-template") {
        override fun accepts(text: String): Boolean = Formats.uriTemplate(text)
    };

    /** Whether [text] is in this format. */
    abstract fun accepts(text: String): Boolean
}

/** The format grammars, written for RE2/J (no backtracking) plus range checks in code. */
internal object Formats {
    /** 8-4-4-4-12 hex digits: a loop, since a regex match costs twenty times as much here. */
    fun uuid(text: String): Boolean =
        text.length == 36 &&
            text.indices.all { i ->
                val c = text[i]
                if (i == 8 || i == 13 || i == 18 || i == 23) c == '-'
                else c in '0'..'9' || c in 'a'..'f' || c in 'A'..'F'
            }

    val JSON_POINTER: Pattern = Pattern.compile("^(/([^/~]|~[01])*)*$")
    val RELATIVE_JSON_POINTER: Pattern = Pattern.compile("^(0|[1-9][0-9]*)(#|(/([^/~]|~[01])*)*)$")
    private val DATE = Pattern.compile("^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
    private val TIME =
        Pattern.compile(
            "^([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]+)?([zZ]|([+-])([0-9]{2}):([0-9]{2}))$"
        )
    private val DURATION =
        Pattern.compile(
            "^P([0-9]+W|([0-9]+Y([0-9]+M([0-9]+D)?)?|[0-9]+M([0-9]+D)?|[0-9]+D)?(T([0-9]+H([0-9]+M([0-9]+S)?)?|[0-9]+M([0-9]+S)?|[0-9]+S))?)$"
        )
    private val HOST_LABEL = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
    private val IPV4 = Pattern.compile("^(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}$")
    private val HEX16 = Pattern.compile("^[0-9a-fA-F]{1,4}$")
    private val DOT_ATOM =
        Pattern.compile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
    private val QUOTED_LOCAL =
        Pattern.compile("^\"([\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]|\\\\[\\x20-\\x7E])*\"$")
    private val SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*$")
    private val URI_CHARS =
        Pattern.compile("^([A-Za-z0-9\\-._~!$&'()*+,;=:@/?#\\[\\]]|%[0-9A-Fa-f]{2})*$")

    private val IP_FUTURE = Pattern.compile("^[vV][0-9A-Fa-f]+\\.[A-Za-z0-9\\-._~!$&'()*+,;=:]+$")
    private val HEX2 = Pattern.compile("^[0-9A-Fa-f]{2}$")
    /** RFC 6570 `varspec`: a name of dot-separated parts and a prefix or explode modifier. */
    private const val VARIABLE =
        "(([A-Za-z0-9_]|%[0-9A-Fa-f]{2})+(\\.([A-Za-z0-9_]|%[0-9A-Fa-f]{2})+)*)(:[1-9][0-9]{0,3}|\\*)?"
    private val URI_TEMPLATE_EXPRESSION = Pattern.compile("^[+#./;?&=,!@|]?$VARIABLE(,$VARIABLE)*$")

    fun matches(pattern: Pattern, text: String): Boolean = pattern.matcher(text).matches()

    fun date(text: String): Boolean {
        val m = DATE.matcher(text)
        if (!m.matches()) return false
        val year = m.group(1).toInt()
        val month = m.group(2).toInt()
        val day = m.group(3).toInt()
        if (month !in 1..12 || day < 1) return false
        val leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        val days = intArrayOf(31, if (leap) 29 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
        return day <= days[month - 1]
    }

    fun time(text: String): Boolean {
        val m = TIME.matcher(text)
        if (!m.matches()) return false
        val hour = m.group(1).toInt()
        val minute = m.group(2).toInt()
        val second = m.group(3).toInt()
        var offsetMinutes = 0
        if (m.group(6) != null) {
            val offsetHour = m.group(7).toInt()
            val offsetMinute = m.group(8).toInt()
            if (offsetHour > 23 || offsetMinute > 59) return false
            offsetMinutes = (offsetHour * 60 + offsetMinute) * if (m.group(6) == "-") -1 else 1
        }
        if (hour > 23 || minute > 59 || second > 60) return false
        if (second == 60) {
            // A leap second is 23:59:60 in UTC.
            val utc = Math.floorMod(hour * 60 + minute - offsetMinutes, 24 * 60)
            return utc == 23 * 60 + 59
        }
        return true
    }

    /** RFC 3339 appendix A: units in order, none skipped in between (`P1Y2D` is invalid). */
    fun duration(text: String): Boolean = text != "P" && DURATION.matcher(text).matches()

    /** RFC 1123 name syntax: dot-separated labels of letters, digits and inner hyphens. */
    fun dnsName(text: String): Boolean {
        if (text.isEmpty() || text.length > 253) return false
        return text.split('.').all { HOST_LABEL.matcher(it).matches() }
    }

    fun ipv4(text: String): Boolean =
        IPV4.matcher(text).matches() && text.split('.').all { it.toInt() <= 255 }

    fun ipv6(text: String): Boolean {
        if (text.isEmpty() || text.count { it == ':' } < 2) return false
        var groups = 8
        var body = text
        val lastColon = text.lastIndexOf(':')
        if ('.' in text.substring(lastColon + 1)) {
            if (!ipv4(text.substring(lastColon + 1))) return false
            groups = 6
            body = text.substring(0, lastColon + 1) + "0"
            if (body.endsWith("::0")) body = body.removeSuffix("0")
        }
        val halves = body.split("::")
        if (halves.size > 2) return false
        fun parts(half: String): List<String>? =
            if (half.isEmpty()) emptyList()
            else half.split(':').takeIf { p -> p.all { HEX16.matcher(it).matches() } }
        if (halves.size == 1) {
            val all = parts(body) ?: return false
            return all.size == if (groups == 6) 7 else 8
        }
        val head = parts(halves[0]) ?: return false
        val tail = parts(halves[1]) ?: return false
        val used = head.size + tail.size + if (groups == 6) 1 else 0
        return used <= 7
    }

    /**
     * An RFC 5321 mailbox `local@domain` whose domain [domainName] accepts (or is an address
     * literal); [utf8] admits the non-ASCII local parts of RFC 6531.
     */
    fun mailbox(text: String, utf8: Boolean, domainName: (String) -> Boolean): Boolean {
        val at = text.lastIndexOf('@')
        if (at <= 0 || at == text.length - 1) return false
        // RFC 6531 lets internationalized addresses use any non-ASCII character where ASCII
        // letters go.
        val local = if (utf8) asciiShape(text.substring(0, at)) else text.substring(0, at)
        val domain = text.substring(at + 1)
        val localOk = DOT_ATOM.matcher(local).matches() || QUOTED_LOCAL.matcher(local).matches()
        if (!localOk) return false
        if (domain.startsWith("[") && domain.endsWith("]")) {
            val literal = domain.substring(1, domain.length - 1)
            return if (literal.startsWith("IPv6:")) ipv6(literal.removePrefix("IPv6:"))
            else ipv4(literal)
        }
        return domainName(domain)
    }

    fun uri(text: String, absolute: Boolean): Boolean {
        if (!URI_CHARS.matcher(text).matches()) return false
        val hash = text.indexOf('#')
        if (hash >= 0 && '#' in text.substring(hash + 1)) return false
        val colon = text.indexOf(':')
        val firstDelimiter = text.indexOfFirst { it == '/' || it == '?' || it == '#' }
        val hasScheme = colon > 0 && (firstDelimiter < 0 || colon < firstDelimiter)
        if (hasScheme && !SCHEME.matcher(text.substring(0, colon)).matches()) return false
        if (absolute && !hasScheme) return false
        val rest = if (hasScheme) text.substring(colon + 1) else text
        if (rest.startsWith("//")) {
            val end = rest.indexOfFirst(2) { it == '/' || it == '?' || it == '#' }
            val authority = rest.substring(2, if (end < 0) rest.length else end)
            if (!authority(authority)) return false
            val remainder = rest.substring(if (end < 0) rest.length else end)
            return '[' !in remainder && ']' !in remainder
        }
        if (!hasScheme) {
            // A relative path's first segment must not look like a scheme.
            val segment = rest.substringBefore('/').substringBefore('?').substringBefore('#')
            if (':' in segment) return false
        }
        return '[' !in rest && ']' !in rest
    }

    /** [text] with every non-ASCII character (an IRI's `ucschar`) replaced by an ASCII letter. */
    fun asciiShape(text: String): String =
        buildString(text.length) { for (c in text) append(if (c.code < 0x80) c else 'a') }

    /** RFC 6570: literals and `{operator? name[:length|*], ...}` expressions. */
    fun uriTemplate(text: String): Boolean {
        var i = 0
        while (i < text.length) {
            val c = text[i]
            when {
                c == '{' -> {
                    val end = text.indexOf('}', i)
                    if (end < 0) return false
                    val expression = text.substring(i + 1, end)
                    if (!URI_TEMPLATE_EXPRESSION.matcher(expression).matches()) return false
                    i = end + 1
                }
                c == '}' || c.code <= 0x20 || c.code == 0x7f || c in "\"<>\\^`|" -> return false
                c == '%' -> {
                    val hex = text.substring(i + 1, minOf(i + 3, text.length))
                    if (!HEX2.matcher(hex).matches()) return false
                    i += 3
                }
                else -> i++
            }
        }
        return true
    }

    /** RFC 3986 `authority`: `[userinfo@]host[:port]`, the host a name, IPv4 or `[IP-literal]`. */
    private fun authority(authority: String): Boolean {
        if (authority.count { it == '@' } > 1) return false
        val userinfo = authority.substringBefore('@', "")
        if ('[' in userinfo || ']' in userinfo) return false
        val hostPort = authority.substringAfter('@')
        val port: String
        if (hostPort.startsWith("[")) {
            val close = hostPort.indexOf(']')
            if (close < 0) return false
            val literal = hostPort.substring(1, close)
            if (!IP_FUTURE.matcher(literal).matches() && !ipv6(literal)) return false
            val after = hostPort.substring(close + 1)
            if (after.isNotEmpty() && !after.startsWith(":")) return false
            port = after.removePrefix(":")
        } else {
            if ('[' in hostPort || ']' in hostPort) return false
            port = hostPort.substringAfter(':', "")
        }
        return port.all { it in '0'..'9' }
    }

    private inline fun String.indexOfFirst(from: Int, predicate: (Char) -> Boolean): Int {
        for (i in from until length) {
            if (predicate(this[i])) return i
        }
        return -1
    }
}
