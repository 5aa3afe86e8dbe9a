package contractgen.runtime

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement

/**
 * Parses JSON text exactly as RFC 8259 defines it. kotlinx.serialization's own parser is lenient in
 * places (unquoted literals), so the text is checked first and only then handed to it.
 */
object StrictJson {
    private const val MAX_DEPTH = 512

    /** The value [text] holds; throws [InvalidPayloadException] when it is not strict JSON. */
    fun parse(text: String): JsonElement {
        val problem = Checker(text).check()
        if (problem != null) throw InvalidPayloadException("malformed JSON: $problem")
        return Json.parseToJsonElement(text)
    }

    /** Whether [text] is strict JSON; the reason when it is not. */
    fun problem(text: String): String? = Checker(text).check()

    private class Checker(private val text: String) {
        private var at = 0

        fun check(): String? =
            try {
                space()
                value(0)
                space()
                if (at < text.length) fail("unexpected text after the value")
                null
            } catch (e: Malformed) {
                e.message
            }

        private fun fail(message: String): Nothing = throw Malformed("$message at offset $at")

        private fun peek(): Char = if (at < text.length) text[at] else '\u0000'

        private fun space() {
            while (at < text.length && text[at] in " \t\r\n") at++
        }

        private fun expect(c: Char) {
            if (peek() != c || at >= text.length) fail("expected '$c'")
            at++
        }

        private fun value(depth: Int) {
            if (depth > MAX_DEPTH) fail("nested deeper than $MAX_DEPTH")
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
            expect('{')
            space()
            if (peek() == '}') {
                at++
                return
            }
            while (true) {
                space()
                stringValue()
                space()
                expect(':')
                space()
                value(depth + 1)
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
            expect('[')
            space()
            if (peek() == ']') {
                at++
                return
            }
            while (true) {
                space()
                value(depth + 1)
                space()
                if (peek() == ',') {
                    at++
                } else {
                    expect(']')
                    return
                }
            }
        }

        private fun stringValue() {
            expect('"')
            while (true) {
                if (at >= text.length) fail("unterminated string")
                val c = text[at++]
                when {
                    c == '"' -> return
                    c == '\\' -> escape()
                    c < ' ' -> fail("unescaped control character in a string")
                }
            }
        }

        private fun escape() {
            val c = peek()
            at++
            when (c) {
                '"',
                '\\',
                '/',
                'b',
                'f',
                'n',
                'r',
                't' -> {}
                'u' -> {
                    repeat(4) {
                        if (!isHex(peek()) || at >= text.length) fail("bad \\u escape")
                        at++
                    }
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
}
