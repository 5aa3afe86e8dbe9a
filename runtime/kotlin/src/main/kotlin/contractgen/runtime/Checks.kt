package contractgen.runtime

import com.google.re2j.Pattern
import java.math.BigDecimal
import java.nio.ByteBuffer
import java.nio.charset.CharacterCodingException
import java.util.Base64
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * The leaf keywords of JSON Schema 2020-12, one function each. Every check applies only to the
 * instance types its keyword is defined for and reports at the instance's own pointer.
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

    fun type(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        message: String,
        vararg types: JsonType,
    ) {
        if (types.none { JsonValues.isOfType(value, it) }) {
            errors.add(at, keyword, fill(message, JsonValues.describe(value)))
        }
    }

    fun const(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        expected: JsonElement,
        message: String,
    ) {
        if (!JsonValues.equal(value, expected)) {
            errors.add(at, keyword, fill(message, JsonValues.describe(value)))
        }
    }

    fun enum(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        allowed: List<JsonElement>,
        message: String,
    ) {
        if (allowed.none { JsonValues.equal(value, it) }) {
            errors.add(at, keyword, fill(message, JsonValues.describe(value)))
        }
    }

    fun multipleOf(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        divisor: BigDecimal,
        message: String,
    ) {
        val number = JsonValues.decimal(value) ?: return
        if (number.remainder(divisor).signum() != 0) errors.add(at, keyword, message)
    }

    fun maximum(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: BigDecimal,
        message: String,
    ) {
        val number = JsonValues.decimal(value) ?: return
        if (number > limit) errors.add(at, keyword, message)
    }

    fun exclusiveMaximum(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: BigDecimal,
        message: String,
    ) {
        val number = JsonValues.decimal(value) ?: return
        if (number >= limit) errors.add(at, keyword, message)
    }

    fun minimum(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: BigDecimal,
        message: String,
    ) {
        val number = JsonValues.decimal(value) ?: return
        if (number < limit) errors.add(at, keyword, message)
    }

    fun exclusiveMinimum(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: BigDecimal,
        message: String,
    ) {
        val number = JsonValues.decimal(value) ?: return
        if (number <= limit) errors.add(at, keyword, message)
    }

    fun maxLength(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: Long,
        message: String,
    ) {
        val text = JsonValues.string(value) ?: return
        val length = JsonValues.codePointLength(text)
        if (length > limit) errors.add(at, keyword, fill(message, length))
    }

    fun minLength(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: Long,
        message: String,
    ) {
        val text = JsonValues.string(value) ?: return
        val length = JsonValues.codePointLength(text)
        if (length < limit) errors.add(at, keyword, fill(message, length))
    }

    /** `pattern`: unanchored, as in ECMA-262, on RE2/J so matching time is linear. */
    fun pattern(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        pattern: Pattern,
        message: String,
    ) {
        val text = JsonValues.string(value) ?: return
        if (!pattern.matcher(text).find()) errors.add(at, keyword, message)
    }

    fun format(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        format: Format,
        message: String,
    ) {
        val text = JsonValues.string(value) ?: return
        if (!format.accepts(text)) errors.add(at, keyword, message)
    }

    /** The catalogue's texts for [content], rendered by the generator. */
    class ContentMessages(
        val notBase64: String,
        val notUtf8: String,
        val notJson: String,
        /** A format string: the pointer inside the content, then the inner error's message. */
        val embedded: String,
    )

    /**
     * `contentEncoding` / `contentMediaType` / `contentSchema`: decodes the string, parses it as
     * JSON and runs [schema] on the result. Failures are reported at the string's own pointer; the
     * message names the pointer inside the content. The decoder's and parser's own texts differ
     * from Rust's and never reach the message.
     */
    fun content(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        base64: Boolean,
        json: Boolean,
        messages: ContentMessages,
        schema: ((JsonElement, Errors) -> Unit)? = null,
    ) {
        var text = JsonValues.string(value) ?: return
        if (base64) {
            val bytes =
                try {
                    Base64.getDecoder().decode(text)
                } catch (_: IllegalArgumentException) {
                    errors.add(at, keyword, messages.notBase64)
                    return
                }
            if (!json) return
            text =
                try {
                    Charsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString()
                } catch (_: CharacterCodingException) {
                    errors.add(at, keyword, messages.notUtf8)
                    return
                }
        }
        if (!json) return
        if (StrictJson.problem(text) != null) {
            // Well-formed JSON with a repeated name or too deep is refused where it is refused.
            val refusal = StrictJson.refusal(text)
            val message = refusal?.let { fill(messages.embedded, it.pointer, it.message) }
            errors.add(at, keyword, message ?: messages.notJson)
            return
        }
        if (schema == null) return
        val inner = Errors()
        schema(StrictJson.parse(text), inner)
        for (error in inner.toList()) {
            val where = error.instancePath.ifEmpty { "(root)" }
            errors.add(at, error.schemaLocation, fill(messages.embedded, where, error.message))
        }
    }

    fun maxItems(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: Long,
        message: String,
    ) {
        if (value is JsonArray && value.size > limit) {
            errors.add(at, keyword, fill(message, value.size))
        }
    }

    fun minItems(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: Long,
        message: String,
    ) {
        if (value is JsonArray && value.size < limit) {
            errors.add(at, keyword, fill(message, value.size))
        }
    }

    fun uniqueItems(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        message: String,
    ) {
        if (value !is JsonArray) return
        for (i in value.indices) {
            for (j in 0 until i) {
                if (JsonValues.equal(value[i], value[j])) {
                    errors.add(at, keyword, message)
                    return
                }
            }
        }
    }

    /**
     * `contains` with `minContains` and `maxContains`, given how many items matched; [tooFew] and
     * [tooMany] are format strings taking that count.
     */
    fun contains(
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        matched: Int,
        min: Long,
        max: Long?,
        tooFew: String,
        tooMany: String,
    ) {
        // Each broken bound is reported, as in Rust (both when `maxContains` < `minContains`).
        if (matched < min) errors.add(at, keyword, fill(tooFew, matched))
        if (max != null && matched > max) errors.add(at, keyword, fill(tooMany, matched))
    }

    fun maxProperties(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: Long,
        message: String,
    ) {
        if (value is JsonObject && value.size > limit) {
            errors.add(at, keyword, fill(message, value.size))
        }
    }

    fun minProperties(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: Long,
        message: String,
    ) {
        if (value is JsonObject && value.size < limit) {
            errors.add(at, keyword, fill(message, value.size))
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

    /**
     * `dependentRequired` for one property: when [property] is present, [names] (each a name and
     * its message) must be too.
     */
    fun dependentRequired(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        property: String,
        vararg names: Pair<String, String>,
    ) {
        if (value !is JsonObject || property !in value) return
        for ((name, message) in names) {
            if (name !in value) errors.add(at, keyword, message)
        }
    }

    /** `anyOf`: [branches] hold each alternative's errors; one must have none. */
    fun anyOf(
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        message: String,
        vararg branches: Errors,
    ) {
        if (branches.none { it.isEmpty() }) errors.add(at, keyword, message)
    }

    /**
     * `oneOf`: exactly one of [branches] must have no errors; [several] is a format string taking
     * how many matched.
     */
    fun oneOf(
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        none: String,
        several: String,
        vararg branches: Errors,
    ) {
        val matched = branches.count { it.isEmpty() }
        if (matched == 0) {
            errors.add(at, keyword, none)
        } else if (matched > 1) {
            errors.add(at, keyword, fill(several, matched))
        }
    }

    /** `not`: the subschema, whose errors are [branch], must fail. */
    fun not(at: JsonPointer, errors: Errors, keyword: String, branch: Errors, message: String) {
        if (branch.isEmpty()) errors.add(at, keyword, message)
    }

    /** A `false` schema: nothing is valid here; [message] takes the value's type. */
    fun never(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        message: String,
    ) {
        errors.add(at, keyword, fill(message, JsonValues.describe(value)))
    }

    /** A JSON number constant, exactly as written in the schema. */
    fun number(literal: String): JsonPrimitive = StrictJson.parse(literal) as JsonPrimitive
}
