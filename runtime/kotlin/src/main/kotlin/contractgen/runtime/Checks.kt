package contractgen.runtime

import java.nio.ByteBuffer
import java.nio.charset.CharacterCodingException
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * What generated validators call: tests they do not write out (types, duplicates, content
 * decoding), `required` with its messages, number constants, and filling the catalogue's format
 * strings. Every other check is written out in the generated code itself.
 *
 * Messages come from the generator's message catalogue, rendered when the code was generated: a
 * `message` argument is a format string whose `{}` stand for what is found at run time (see
 * [message]).
 */
@InternalContractgenApi
object Checks {
    /**
     * Fills the empty brace pairs of [format] with [args] in order; a doubled brace stands for one
     * brace (the syntax of Rust's `format!`, so both languages read the same rendered text).
     */
    fun fill(format: String, vararg args: Any): String {
        val out = StringBuilder(format.length + 16)
        var next = 0
        var i = 0
        while (i < format.length) {
            val c = format[i]
            val following = format.getOrNull(i + 1)
            if ((c == '{' || c == '}') && following == c) {
                out.append(c)
                i += 2
            } else if (c == '{' && following == '}') {
                out.append(args.getOrNull(next++) ?: "")
                i += 2
            } else {
                out.append(c)
                i++
            }
        }
        return out.toString()
    }

    /** Whether [value] has [type]: the common one-type case, with no array of types built. */
    fun hasType(value: JsonElement, type: JsonType): Boolean =
        when (type) {
            JsonType.OBJECT -> value is JsonObject
            JsonType.ARRAY -> value is JsonArray
            JsonType.STRING -> value is JsonPrimitive && value.isString
            else -> JsonValues.isOfType(value, type)
        }

    /** Whether [value] has one of [types]. */
    fun hasType(value: JsonElement, vararg types: JsonType): Boolean =
        types.any { JsonValues.isOfType(value, it) }

    /** Whether two items of [array] are equal as JSON (`uniqueItems` fails). */
    fun hasDuplicates(array: JsonArray): Boolean {
        for (i in array.indices) {
            for (j in 0 until i) {
                if (JsonValues.equal(array[i], array[j])) return true
            }
        }
        return false
    }

    /** The catalogue's texts for [content], rendered by the generator. */
    class ContentMessages(
        val notBase64: String,
        val notUtf8: String,
        val notJson: String,
        /** A format string: the pointer inside the content, then the inner error's message. */
        val embedded: String,
    )

    /** How a content string decodes: which step failed, or its JSON (null when not asked). */
    private sealed interface Decoded {
        object NotBase64 : Decoded

        object NotUtf8 : Decoded

        /** The text (decoded from base64 when asked) is no JSON the strict reader accepts. */
        class NotJson(val refusal: StrictJson.Refusal?) : Decoded

        class Json(val element: JsonElement?) : Decoded
    }

    private fun decode(text: String, base64: Boolean, json: Boolean): Decoded {
        var decoded = text
        if (base64) {
            val bytes = Base64Content.decode(text) ?: return Decoded.NotBase64
            if (!json) return Decoded.Json(null)
            decoded =
                try {
                    Charsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString()
                } catch (_: CharacterCodingException) {
                    return Decoded.NotUtf8
                }
        }
        if (!json) return Decoded.Json(null)
        // One read both checks the text and builds its tree, which the content schema checks.
        return when (val read = StrictJson.read(decoded)) {
            is StrictJson.Read.Value -> Decoded.Json(read.element)
            is StrictJson.Read.Refused -> Decoded.NotJson(read.refusal)
            is StrictJson.Read.Malformed -> Decoded.NotJson(null)
        }
    }

    /** Whether [text] decodes as `contentEncoding` (base64) and `contentMediaType` (JSON) ask. */
    fun decodes(text: String, base64: Boolean, json: Boolean): Boolean =
        decode(text, base64, json) is Decoded.Json

    /** The JSON [text] holds (base64-encoded when [base64]); null when it does not decode. */
    fun decodeJson(text: String, base64: Boolean): JsonElement? =
        (decode(text, base64, true) as? Decoded.Json)?.element

    /**
     * `contentEncoding` / `contentMediaType` / `contentSchema`: decodes the string, parses it as
     * JSON and runs [schema] on the result. Failures are reported at the string's own pointer; the
     * message names the pointer inside the content. The decoder's and parser's own texts differ
     * from Rust's and never reach the message.
     */
    fun content(
        text: String,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        base64: Boolean,
        json: Boolean,
        messages: ContentMessages,
        schema: ((JsonElement, Errors) -> Unit)? = null,
    ) {
        when (val decoded = decode(text, base64, json)) {
            Decoded.NotBase64 -> errors.add(at, keyword, messages.notBase64)
            Decoded.NotUtf8 -> errors.add(at, keyword, messages.notUtf8)
            is Decoded.NotJson -> {
                // Well-formed JSON with a repeated name or too deep is refused where it is.
                val refusal = decoded.refusal
                val message = refusal?.let { fill(messages.embedded, it.pointer, it.message) }
                errors.add(at, keyword, message ?: messages.notJson)
            }
            is Decoded.Json -> {
                val document = decoded.element ?: return
                // The string itself is the JSON: its decoding into an `EmbeddedJson` reuses this
                // tree instead of reading the text again.
                if (!base64) EmbeddedParses.keep(text, document)
                if (schema == null) return
                val inner = Errors()
                schema(document, inner)
                for (error in inner.toList()) {
                    val where = error.instancePath.ifEmpty { "(root)" }
                    errors.add(
                        at,
                        error.schemaLocation,
                        fill(messages.embedded, where, error.message),
                    )
                }
            }
        }
    }

    /** `required`: each of [names] is a property name and its message. */
    fun required(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        vararg names: Pair<String, String>,
    ) {
        if (value !is JsonObject) return
        for ((name, message) in names) {
            if (name !in value) errors.add(at, keyword, message)
        }
    }

    /** A JSON number constant, exactly as written in the schema. */
    fun number(literal: String): JsonPrimitive = StrictJson.parse(literal) as JsonPrimitive
}
