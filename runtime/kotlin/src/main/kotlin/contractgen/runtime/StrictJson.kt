package contractgen.runtime

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * Parses JSON text exactly as RFC 8259 defines it, and as strictly as the Rust runtime reads it.
 * kotlinx.serialization's own parser is lenient in places (unquoted literals), so this reader
 * builds the same tree itself while it checks the text. Two things legal in RFC 8259 are refused: a
 * property name given twice in one object (parsers disagree on which value wins, and a signature
 * covers the bytes), and nesting deeper than [MAX_DEPTH], the one limit of every entry point in
 * both languages, so no recursive walk can exhaust the stack.
 */
object StrictJson {
    /** The deepest nesting of arrays and objects a payload may have (the payload is level 1). */
    const val MAX_DEPTH = 100

    /** The catalogue's `duplicate_property` text. */
    const val DUPLICATE_PROPERTY = "expected each property name once, found this one again"

    /** The catalogue's `too_deep` text. */
    const val TOO_DEEP = "expected at most 100 levels of nested arrays and objects, found more"

    /** Why well-formed JSON text is refused: the instance pointer and the catalogue's message. */
    data class Refusal(val pointer: String, val message: String) {
        /** The refusal inside embedded JSON, as the catalogue's `content_invalid` words it. */
        fun embedded(): String = "embedded JSON at $pointer: $message"

        /** The refusal as a validation error of [schemaFile] (no keyword of it failed). */
        fun error(schemaFile: String): ValidationError =
            ValidationError(pointer, schemaFile, message)
    }

    /**
     * The value [text] holds; throws [InvalidPayloadException] when it is not strict JSON, with the
     * refusal as an error of [schemaFile] when it is JSON this runtime refuses.
     */
    fun parse(text: String, schemaFile: String = ""): JsonElement =
        when (val read = read(text)) {
            is Read.Value -> read.element
            is Read.Malformed -> throw InvalidPayloadException("malformed JSON: ${read.reason}")
            is Read.Refused -> {
                val error = read.refusal.error(schemaFile)
                throw InvalidPayloadException(error.toString(), listOf(error))
            }
        }

    /** Whether [text] is strict JSON; the reason when it is not. */
    fun problem(text: String): String? =
        when (val read = read(text)) {
            is Read.Value -> null
            is Read.Malformed -> read.reason
            is Read.Refused -> read.refusal.toString()
        }

    /** The refusal of well-formed [text], or null when it is malformed or accepted. */
    fun refusal(text: String): Refusal? = (read(text) as? Read.Refused)?.refusal

    /** What reading [text] gave: its value, or why it is not strict JSON. */
    internal sealed class Read {
        class Value(val element: JsonElement) : Read()

        class Malformed(val reason: String) : Read()

        class Refused(val refusal: Refusal) : Read()
    }

    /**
     * Reads [text] in one pass: the strict checks and the tree together, so a payload is scanned
     * once and no second parser sees it.
     */
    internal fun read(text: String): Read =
        try {
            Read.Value(Reader(text, THREAD_LEVELS.get()).document())
        } catch (e: Malformed) {
            Read.Malformed(e.message ?: "malformed JSON")
        } catch (e: Refused) {
            Read.Refused(e.refusal)
        }

    /**
     * The pointer of the first value of [element] nested deeper than [MAX_DEPTH], depth first. The
     * walk recurses, but never below level `MAX_DEPTH + 1`, so an element built in code may be any
     * depth; it allocates nothing while the element is within the limit.
     */
    fun tooDeep(element: JsonElement): String? {
        if (!isContainer(element) || withinLimit(element, 1)) return null
        val tokens = ArrayList<String>()
        firstTooDeep(element, 1, tokens)
        return pointer(tokens)
    }

    /** [tooDeep] as a validator reports it: no error, or one at the too deep value. */
    fun depthErrors(element: JsonElement, schemaFile: String): List<ValidationError> =
        tooDeep(element)?.let { listOf(Refusal(it, TOO_DEEP).error(schemaFile)) } ?: emptyList()

    private fun isContainer(value: JsonElement): Boolean = value is JsonArray || value is JsonObject

    /** Whether container [value], at level [depth], holds no container past [MAX_DEPTH]. */
    private fun withinLimit(value: JsonElement, depth: Int): Boolean {
        if (depth > MAX_DEPTH) return false
        when (value) {
            is JsonArray -> for (child in value) if (!childWithin(child, depth)) return false
            is JsonObject ->
                for (child in value.values) if (!childWithin(child, depth)) return false
            else -> {}
        }
        return true
    }

    private fun childWithin(child: JsonElement, depth: Int): Boolean =
        !isContainer(child) || withinLimit(child, depth + 1)

    /** Pushes onto [tokens] the path to the first container past the limit; true when found. */
    private fun firstTooDeep(value: JsonElement, depth: Int, tokens: ArrayList<String>): Boolean {
        if (depth > MAX_DEPTH) return true
        val children: Iterable<Pair<String, JsonElement>> =
            when (value) {
                is JsonArray -> value.mapIndexed { i, v -> i.toString() to v }
                is JsonObject -> value.entries.map { it.key to it.value }
                else -> return false
            }
        for ((token, child) in children) {
            if (!isContainer(child)) continue
            tokens.add(token)
            if (firstTooDeep(child, depth + 1, tokens)) return true
            tokens.removeAt(tokens.size - 1)
        }
        return false
    }

    private fun pointer(tokens: List<String>): String =
        tokens.joinToString("") { "/" + it.replace("~", "~0").replace("/", "~1") }

    /**
     * A number exactly as written: `JsonPrimitive(Number)` keeps `toString()` as the content, which
     * is what kotlinx's own parser keeps for a number, so the tree is the one it would build.
     */
    private class NumberText(private val text: String) : Number() {
        override fun toString(): String = text

        override fun toDouble(): Double = text.toDouble()

        override fun toFloat(): Float = text.toFloat()

        override fun toLong(): Long = toDouble().toLong()

        override fun toInt(): Int = toDouble().toInt()

        override fun toShort(): Short = toInt().toShort()

        override fun toByte(): Byte = toInt().toByte()
    }

    /**
     * Property names read before, by hash. Threads may race on a slot; each write is a whole
     * `String` (immutable, so safely shared), and a lost write only costs a later allocation.
     */
    private val NAMES = arrayOfNulls<String>(1024)

    /** How many levels a reader's per-level arrays hold before they first grow. */
    private const val LEVELS = 8

    /** Longer names are not kept: they are rarely a schema's, and comparing them costs more. */
    private const val MAX_KEPT_NAME = 48

    private val TRUE = JsonPrimitive(true)
    private val FALSE = JsonPrimitive(false)

    /**
     * A reader's per-level arrays. Each thread keeps one set for all its reads (a read never starts
     * another), so a read allocates none of them: for a small payload they were a quarter of what
     * its read allocated. They grow with the deepest payload read, at most [MAX_DEPTH] levels.
     */
    private class Levels {
        /**
         * The path from the root to the value being read, one level per array or object: a name, or
         * (name null) an index. Only a refusal renders it, so reading builds no tokens.
         */
        var names = arrayOfNulls<String>(LEVELS)
        var indices = IntArray(LEVELS)

        /** Per level, the names and values of the object being read there. */
        var memberNames = arrayOfNulls<Array<String?>>(LEVELS)
        var memberValues = arrayOfNulls<Array<JsonElement?>>(LEVELS)

        /**
         * Drops what a failed read left in the member arrays (a finished object clears its own), so
         * a thread holds no part of a refused payload.
         */
        fun clear() {
            for (level in memberNames) level?.fill(null)
            for (level in memberValues) level?.fill(null)
        }
    }

    // Not `ThreadLocal.withInitial`: Android has it only from API level 26.
    private val THREAD_LEVELS =
        object : ThreadLocal<Levels>() {
            override fun initialValue(): Levels = Levels()
        }

    private class Reader(private val text: String, private val levels: Levels) {
        private var at = 0

        fun document(): JsonElement =
            try {
                space()
                val value = value(0)
                space()
                if (at < text.length) fail("unexpected text after the value")
                value
            } catch (e: RuntimeException) {
                levels.clear()
                throw e
            }

        private fun refuse(message: String, levels: Int): Nothing {
            val names = this.levels.names
            val indices = this.levels.indices
            val tokens = (0 until levels).map { names[it] ?: indices[it].toString() }
            throw Refused(Refusal(pointer(tokens), message))
        }

        private fun fail(message: String): Nothing = throw Malformed("$message at offset $at")

        private fun peek(): Char = if (at < text.length) text[at] else '\u0000'

        private fun space() {
            var i = at
            while (i < text.length) {
                val c = text[i]
                if (c != ' ' && c != '\t' && c != '\r' && c != '\n') break
                i++
            }
            at = i
        }

        private fun expect(c: Char) {
            if (peek() != c || at >= text.length) fail("expected '$c'")
            at++
        }

        /** [depth] counts the arrays and objects around the value. */
        private fun value(depth: Int): JsonElement =
            when (peek()) {
                '{' -> objectValue(depth)
                '[' -> arrayValue(depth)
                '"' -> JsonPrimitive(stringValue())
                't' -> literal("true", TRUE)
                'f' -> literal("false", FALSE)
                'n' -> literal("null", JsonNull)
                else -> numberValue()
            }

        /**
         * Makes room for level [depth] in the per-level arrays, which start at a few levels (most
         * payloads are shallow, and a small one should not pay for a hundred) and double.
         */
        private fun reserve(depth: Int) {
            val levels = levels
            if (depth < levels.names.size) return
            val size = maxOf(depth + 1, levels.names.size * 2)
            levels.names = levels.names.copyOf(size)
            levels.indices = levels.indices.copyOf(size)
            levels.memberNames = levels.memberNames.copyOf(size)
            levels.memberValues = levels.memberValues.copyOf(size)
        }

        private fun objectValue(depth: Int): JsonElement {
            if (depth >= MAX_DEPTH) refuse(TOO_DEEP, depth)
            reserve(depth)
            expect('{')
            space()
            if (peek() == '}') {
                at++
                return JsonObject(emptyMap())
            }
            // Up to SmallMap.MAX members are gathered in this level's scratch arrays (a duplicate
            // found by comparing along them), then copied into a SmallMap; past that, a hash map.
            val memberNames = levels.memberNames[depth] ?: arrayOfNulls<String>(SmallMap.MAX)
            val memberValues = levels.memberValues[depth] ?: arrayOfNulls<JsonElement>(SmallMap.MAX)
            levels.memberNames[depth] = memberNames
            levels.memberValues[depth] = memberValues
            var count = 0
            var large: LinkedHashMap<String, JsonElement>? = null
            while (true) {
                space()
                val name = nameValue()
                // Not held in a local: reading a deeper value may grow the per-level arrays.
                levels.names[depth] = name
                val repeated =
                    if (large != null) name in large
                    else {
                        var found = false
                        val hash = name.hashCode()
                        for (i in 0 until count) {
                            val seen = memberNames[i]!!
                            if (seen === name || (seen.hashCode() == hash && seen == name)) {
                                found = true
                                break
                            }
                        }
                        found
                    }
                if (repeated) refuse(DUPLICATE_PROPERTY, depth + 1)
                space()
                expect(':')
                space()
                val value = value(depth + 1)
                if (large != null) {
                    large[name] = value
                } else if (count < SmallMap.MAX) {
                    memberNames[count] = name
                    memberValues[count] = value
                    count++
                } else {
                    large = LinkedHashMap()
                    for (i in 0 until count) large[memberNames[i]!!] = memberValues[i]!!
                    large[name] = value
                }
                space()
                if (peek() == ',') {
                    at++
                } else {
                    expect('}')
                    if (large != null) return JsonObject(large)
                    val members =
                        SmallMap(memberNames.copyOf(count), memberValues.copyOf(count), count)
                    // The scratch arrays hold no reference past the object they were read for.
                    memberNames.fill(null, 0, count)
                    memberValues.fill(null, 0, count)
                    return JsonObject(members)
                }
            }
        }

        private fun arrayValue(depth: Int): JsonElement {
            if (depth >= MAX_DEPTH) refuse(TOO_DEEP, depth)
            reserve(depth)
            expect('[')
            space()
            val items = ArrayList<JsonElement>()
            if (peek() == ']') {
                at++
                return JsonArray(items)
            }
            levels.names[depth] = null
            var index = 0
            while (true) {
                space()
                levels.indices[depth] = index
                items.add(value(depth + 1))
                index++
                space()
                if (peek() == ',') {
                    at++
                } else {
                    expect(']')
                    return JsonArray(items)
                }
            }
        }

        /**
         * Where the text from [plainFrom] on first holds a backslash or a control character (its
         * length when nowhere): no string that starts at or after [plainFrom] and closes before it
         * needs decoding. Strings are read in order, so each character is scanned for these once
         * per document, not once per string.
         */
        private var plainUntil = -1
        private var plainFrom = 0

        /**
         * Reads a string and returns its content. Most strings have no escape: their content is a
         * substring of the text, ended by the next quote (`indexOf`, which the VM scans in blocks),
         * when [plainUntil] is past that quote. Any other string is decoded from its start, in runs
         * between escapes, which also reports where it is malformed.
         */
        private fun stringValue(): String {
            expect('"')
            val start = at
            val end = text.indexOf('"', start)
            if (end >= 0) {
                if (start < plainFrom || start > plainUntil) {
                    plainFrom = start
                    plainUntil = plainScan(start)
                }
                if (end < plainUntil) {
                    at = end + 1
                    return text.substring(start, end)
                }
            }
            return decodedString(start)
        }

        /**
         * Reads a property name. Names are short: one pass finds the closing quote and hashes what
         * it passes, for the lookup in [NAMES], where `indexOf`, the scan for escapes and the hash
         * would each go over the name. A name with an escape is decoded as any string is.
         */
        private fun nameValue(): String {
            expect('"')
            val start = at
            var i = start
            var hash = 0
            while (i < text.length) {
                val c = text[i]
                if (c == '"') {
                    at = i + 1
                    return name(start, i, hash)
                }
                if (c == '\\' || c < ' ') break
                hash = 31 * hash + c.code
                i++
            }
            return decodedString(start)
        }

        /** The first index from [from] on holding a backslash or a control character. */
        private fun plainScan(from: Int): Int {
            var i = from
            while (i < text.length) {
                val c = text[i]
                if (c == '\\' || c < ' ') return i
                i++
            }
            return text.length
        }

        /**
         * The content of the string whose first character is at [start], decoded: each run of plain
         * characters appended whole, each escape decoded on its own.
         */
        private fun decodedString(start: Int): String {
            val decoded = StringBuilder(minOf(text.length - start, 64) + 16)
            var run = start
            at = start
            while (true) {
                if (at >= text.length) fail("unterminated string")
                val c = text[at]
                when {
                    c == '"' -> {
                        decoded.append(text, run, at)
                        at++
                        return decoded.toString()
                    }
                    c == '\\' -> {
                        decoded.append(text, run, at)
                        at++
                        escape(decoded)
                        run = at
                    }
                    c < ' ' -> {
                        at++
                        fail("unescaped control character in a string")
                    }
                    else -> at++
                }
            }
        }

        /**
         * The property name `text[start, end)` (no escapes; [hash] is `String.hashCode` of it),
         * from [NAMES] when it is there: the same few names recur in every payload of a contract,
         * and one shared `String` per name is allocated once and hashed once, for every map that
         * holds it and every lookup of it.
         */
        private fun name(start: Int, end: Int, hash: Int): String {
            val length = end - start
            if (length > MAX_KEPT_NAME) return text.substring(start, end)
            val slot = (hash xor (hash ushr 16)) and (NAMES.size - 1)
            val kept = NAMES[slot]
            if (
                // The kept name's hash is cached: a slot that holds another name mostly fails this
                // test before any character is compared.
                kept != null &&
                    kept.hashCode() == hash &&
                    kept.length == length &&
                    text.regionMatches(start, kept, 0, length)
            ) {
                return kept
            }
            // The VM's one instance of the name: generated code looks a member up by its literal,
            // which is that instance, so the lookup matches on identity and compares no characters.
            // Only a name not kept yet pays for `intern`.
            val name = text.substring(start, end).intern()
            NAMES[slot] = name
            return name
        }

        private fun escape(decoded: StringBuilder) {
            val c = peek()
            at++
            when (c) {
                '"',
                '\\',
                '/' -> decoded.append(c)
                'b' -> decoded.append('\b')
                'f' -> decoded.append('\u000C')
                'n' -> decoded.append('\n')
                'r' -> decoded.append('\r')
                't' -> decoded.append('\t')
                'u' -> {
                    val start = at
                    repeat(4) {
                        if (!isHex(peek()) || at >= text.length) fail("bad \\u escape")
                        at++
                    }
                    decoded.append(text.substring(start, at).toInt(16).toChar())
                }
                else -> fail("bad escape")
            }
        }

        private fun isHex(c: Char): Boolean = c in '0'..'9' || c in 'a'..'f' || c in 'A'..'F'

        private fun literal(word: String, value: JsonElement): JsonElement {
            if (!text.startsWith(word, at)) fail("expected a value")
            at += word.length
            return value
        }

        private fun numberValue(): JsonElement {
            val start = at
            if (peek() == '-') at++
            when {
                peek() == '0' && at < text.length -> at++
                peek() in '1'..'9' -> digits()
                else -> {
                    at = start
                    fail("expected a value")
                }
            }
            if (peek() == '.' && at < text.length) {
                at++
                if (peek() !in '0'..'9') fail("expected a digit after the decimal point")
                digits()
            }
            if ((peek() == 'e' || peek() == 'E') && at < text.length) {
                at++
                if (peek() == '+' || peek() == '-') at++
                if (peek() !in '0'..'9') fail("expected a digit in the exponent")
                digits()
            }
            return JsonPrimitive(NumberText(text.substring(start, at)))
        }

        private fun digits() {
            while (at < text.length && text[at] in '0'..'9') at++
        }
    }

    private class Malformed(message: String) : RuntimeException(message)

    private class Refused(val refusal: Refusal) : RuntimeException(refusal.message)
}
