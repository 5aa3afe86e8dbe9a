package contractgen.runtime

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject

/**
 * Parses JSON text exactly as RFC 8259 defines it, and as strictly as the Rust runtime reads it.
 * kotlinx.serialization's own parser is lenient in places (unquoted literals), so the text is
 * checked first and only then handed to it. Two things legal in RFC 8259 are refused: a property
 * name given twice in one object (parsers disagree on which value wins, and a signature covers the
 * bytes), and nesting deeper than [MAX_DEPTH], the one limit of every entry point in both
 * languages, so no recursive walk can exhaust the stack.
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
    fun parse(text: String, schemaFile: String = ""): JsonElement {
        when (val problem = Checker(text).check()) {
            null -> return Json.parseToJsonElement(text)
            is Problem.Malformed ->
                throw InvalidPayloadException("malformed JSON: ${problem.reason}")
            is Problem.Refused -> {
                val error = problem.refusal.error(schemaFile)
                throw InvalidPayloadException(error.toString(), listOf(error))
            }
        }
    }

    /** Whether [text] is strict JSON; the reason when it is not. */
    fun problem(text: String): String? =
        when (val problem = Checker(text).check()) {
            null -> null
            is Problem.Malformed -> problem.reason
            is Problem.Refused -> problem.refusal.toString()
        }

    /** The refusal of well-formed [text], or null when it is malformed or accepted. */
    fun refusal(text: String): Refusal? = (Checker(text).check() as? Problem.Refused)?.refusal

    /**
     * The pointer of the first value of [element] nested deeper than [MAX_DEPTH], found without
     * recursion (an element built in code may be any depth).
     */
    fun tooDeep(element: JsonElement): String? {
        val stack = ArrayDeque<Pair<JsonElement, Int>>()
        stack.addLast(element to 1)
        var within = true
        while (within && stack.isNotEmpty()) {
            val (value, depth) = stack.removeLast()
            val children = children(value) ?: continue
            if (depth > MAX_DEPTH) within = false
            else children.forEach { stack.addLast(it.second to depth + 1) }
        }
        return if (within) null else firstTooDeep(element)
    }

    /** [tooDeep] as a validator reports it: no error, or one at the too deep value. */
    fun depthErrors(element: JsonElement, schemaFile: String): List<ValidationError> =
        tooDeep(element)?.let { listOf(Refusal(it, TOO_DEEP).error(schemaFile)) } ?: emptyList()

    private fun children(value: JsonElement): List<Pair<String, JsonElement>>? =
        when (value) {
            is JsonArray -> value.mapIndexed { i, v -> i.toString() to v }
            is JsonObject -> value.entries.map { it.key to it.value }
            else -> null
        }

    /** The pointer of the first container at level `MAX_DEPTH + 1`, depth first. */
    private fun firstTooDeep(root: JsonElement): String {
        val tokens = ArrayList<String>()
        val frames = ArrayList<Iterator<Pair<String, JsonElement>>>()
        frames.add(children(root).orEmpty().iterator())
        while (frames.isNotEmpty()) {
            val frame = frames.last()
            if (!frame.hasNext()) {
                frames.removeAt(frames.size - 1)
                if (tokens.isNotEmpty()) tokens.removeAt(tokens.size - 1)
                continue
            }
            val (token, child) = frame.next()
            val grandchildren = children(child) ?: continue
            tokens.add(token)
            if (frames.size >= MAX_DEPTH) break
            frames.add(grandchildren.iterator())
        }
        return pointer(tokens)
    }

    private fun pointer(tokens: List<String>): String =
        tokens.joinToString("") { "/" + it.replace("~", "~0").replace("/", "~1") }

    private sealed class Problem {
        class Malformed(val reason: String) : Problem()

        class Refused(val refusal: Refusal) : Problem()
    }

    private class Checker(private val text: String) {
        private var at = 0

        /** Tokens from the root to the value being checked. */
        private val tokens = ArrayList<String>()

        fun check(): Problem? =
            try {
                space()
                value(0)
                space()
                if (at < text.length) fail("unexpected text after the value")
                null
            } catch (e: Malformed) {
                Problem.Malformed(e.message ?: "malformed JSON")
            } catch (e: Refused) {
                Problem.Refused(e.refusal)
            }

        private fun refuse(message: String): Nothing =
            throw Refused(Refusal(pointer(tokens), message))

        private fun fail(message: String): Nothing = throw Malformed("$message at offset $at")

        private fun peek(): Char = if (at < text.length) text[at] else '\u0000'

        private fun space() {
            while (at < text.length && text[at] in " \t\r\n") at++
        }

        private fun expect(c: Char) {
            if (peek() != c || at >= text.length) fail("expected '$c'")
            at++
        }

        /** [depth] counts the arrays and objects around the value. */
        private fun value(depth: Int) {
            when (peek()) {
                '{' -> objectValue(depth)
                '[' -> arrayValue(depth)
                '"' -> stringValue()
                't' -> literal("true")
                'f' -> literal("false")
                'n' -> literal("null")
                else -> numberValue()
            }
        }

        private fun objectValue(depth: Int) {
            if (depth >= MAX_DEPTH) refuse(TOO_DEEP)
            expect('{')
            space()
            if (peek() == '}') {
                at++
                return
            }
            val seen = HashSet<String>()
            while (true) {
                space()
                val name = StringBuilder()
                stringValue(name)
                tokens.add(name.toString())
                if (!seen.add(name.toString())) refuse(DUPLICATE_PROPERTY)
                space()
                expect(':')
                space()
                value(depth + 1)
                tokens.removeAt(tokens.size - 1)
                space()
                if (peek() == ',') {
                    at++
                } else {
                    expect('}')
                    return
                }
            }
        }

        private fun arrayValue(depth: Int) {
            if (depth >= MAX_DEPTH) refuse(TOO_DEEP)
            expect('[')
            space()
            if (peek() == ']') {
                at++
                return
            }
            var index = 0
            while (true) {
                space()
                tokens.add(index.toString())
                value(depth + 1)
                tokens.removeAt(tokens.size - 1)
                index++
                space()
                if (peek() == ',') {
                    at++
                } else {
                    expect(']')
                    return
                }
            }
        }

        /** Checks a string; appends its decoded content to [decoded] when given (names). */
        private fun stringValue(decoded: StringBuilder? = null) {
            expect('"')
            while (true) {
                if (at >= text.length) fail("unterminated string")
                val c = text[at++]
                when {
                    c == '"' -> return
                    c == '\\' -> escape(decoded)
                    c < ' ' -> fail("unescaped control character in a string")
                    else -> decoded?.append(c)
                }
            }
        }

        private fun escape(decoded: StringBuilder?) {
            val c = peek()
            at++
            when (c) {
                '"',
                '\\',
                '/' -> decoded?.append(c)
                'b' -> decoded?.append('\b')
                'f' -> decoded?.append('\u000C')
                'n' -> decoded?.append('\n')
                'r' -> decoded?.append('\r')
                't' -> decoded?.append('\t')
                'u' -> {
                    val start = at
                    repeat(4) {
                        if (!isHex(peek()) || at >= text.length) fail("bad \\u escape")
                        at++
                    }
                    decoded?.append(text.substring(start, at).toInt(16).toChar())
                }
                else -> fail("bad escape")
            }
        }

        private fun isHex(c: Char): Boolean = c in '0'..'9' || c in 'a'..'f' || c in 'A'..'F'

        private fun literal(word: String) {
            if (!text.startsWith(word, at)) fail("expected a value")
            at += word.length
        }

        private fun numberValue() {
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
        }

        private fun digits() {
            while (at < text.length && text[at] in '0'..'9') at++
        }
    }

    private class Malformed(message: String) : RuntimeException(message)

    private class Refused(val refusal: Refusal) : RuntimeException(refusal.message)
}
