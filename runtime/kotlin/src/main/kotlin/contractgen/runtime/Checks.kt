package contractgen.runtime

import com.google.re2j.Pattern
import java.math.BigDecimal
import java.util.Base64
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * The leaf keywords of JSON Schema 2020-12, one function each. Every check applies only to the
 * instance types its keyword is defined for and reports at the instance's own pointer.
 */
@InternalContractgenApi
object Checks {
    fun type(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        vararg types: JsonType,
    ) {
        if (types.none { JsonValues.isOfType(value, it) }) {
            val expected = types.joinToString(" or ") { it.jsonName }
            errors.add(at, keyword, "expected $expected, found ${JsonValues.describe(value)}")
        }
    }

    fun const(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        expected: JsonElement,
    ) {
        if (!JsonValues.equal(value, expected)) {
            errors.add(at, keyword, "expected $expected, found $value")
        }
    }

    fun enum(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        allowed: List<JsonElement>,
    ) {
        if (allowed.none { JsonValues.equal(value, it) }) {
            errors.add(at, keyword, "expected one of ${allowed.joinToString(", ")}, found $value")
        }
    }

    fun multipleOf(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        divisor: BigDecimal,
    ) {
        val number = JsonValues.decimal(value) ?: return
        if (number.remainder(divisor).signum() != 0) {
            errors.add(at, keyword, "expected a multiple of $divisor, found $number")
        }
    }

    fun maximum(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: BigDecimal,
    ) {
        val number = JsonValues.decimal(value) ?: return
        if (number > limit) errors.add(at, keyword, "expected at most $limit, found $number")
    }

    fun exclusiveMaximum(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: BigDecimal,
    ) {
        val number = JsonValues.decimal(value) ?: return
        if (number >= limit) errors.add(at, keyword, "expected less than $limit, found $number")
    }

    fun minimum(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: BigDecimal,
    ) {
        val number = JsonValues.decimal(value) ?: return
        if (number < limit) errors.add(at, keyword, "expected at least $limit, found $number")
    }

    fun exclusiveMinimum(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: BigDecimal,
    ) {
        val number = JsonValues.decimal(value) ?: return
        if (number <= limit) errors.add(at, keyword, "expected more than $limit, found $number")
    }

    fun maxLength(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: Long,
    ) {
        val text = JsonValues.string(value) ?: return
        val length = JsonValues.codePointLength(text)
        if (length > limit)
            errors.add(at, keyword, "expected at most $limit characters, found $length")
    }

    fun minLength(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: Long,
    ) {
        val text = JsonValues.string(value) ?: return
        val length = JsonValues.codePointLength(text)
        if (length < limit)
            errors.add(at, keyword, "expected at least $limit characters, found $length")
    }

    /** `pattern`: unanchored, as in ECMA-262, on RE2/J so matching time is linear. */
    fun pattern(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        pattern: Pattern,
    ) {
        val text = JsonValues.string(value) ?: return
        if (!pattern.matcher(text).find()) {
            errors.add(at, keyword, "\"$text\" does not match /${pattern.pattern()}/")
        }
    }

    fun format(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        format: Format,
    ) {
        val text = JsonValues.string(value) ?: return
        if (!format.accepts(text))
            errors.add(at, keyword, "\"$text\" is not a valid ${format.formatName}")
    }

    /**
     * `contentEncoding` / `contentMediaType` / `contentSchema`: decodes the string, parses it as
     * JSON and runs [schema] on the result. Failures are reported at the string's own pointer; the
     * message names the pointer inside the content.
     */
    fun content(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        base64: Boolean,
        json: Boolean,
        schema: ((JsonElement, Errors) -> Unit)? = null,
    ) {
        var text = JsonValues.string(value) ?: return
        if (base64) {
            text =
                try {
                    String(Base64.getDecoder().decode(text), Charsets.UTF_8)
                } catch (_: IllegalArgumentException) {
                    errors.add(at, keyword, "expected base64 content")
                    return
                }
        }
        if (!json) return
        val problem = StrictJson.problem(text)
        if (problem != null) {
            errors.add(at, keyword, "expected JSON content: $problem")
            return
        }
        if (schema == null) return
        val inner = Errors()
        schema(StrictJson.parse(text), inner)
        for (error in inner.toList()) {
            val where = error.instancePath.ifEmpty { "(root)" }
            errors.add(at, error.schemaLocation, "content at $where: ${error.message}")
        }
    }

    fun maxItems(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: Long,
    ) {
        if (value is JsonArray && value.size > limit) {
            errors.add(at, keyword, "expected at most $limit items, found ${value.size}")
        }
    }

    fun minItems(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: Long,
    ) {
        if (value is JsonArray && value.size < limit) {
            errors.add(at, keyword, "expected at least $limit items, found ${value.size}")
        }
    }

    fun uniqueItems(value: JsonElement, at: JsonPointer, errors: Errors, keyword: String) {
        if (value !is JsonArray) return
        for (i in value.indices) {
            for (j in 0 until i) {
                if (JsonValues.equal(value[i], value[j])) {
                    errors.add(at, keyword, "expected unique items, items $j and $i are equal")
                    return
                }
            }
        }
    }

    /** `contains` with `minContains` and `maxContains`, given how many items matched. */
    fun contains(
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        matched: Int,
        min: Long,
        max: Long?,
    ) {
        if (matched < min) {
            errors.add(at, keyword, "expected at least $min matching items, found $matched")
        } else if (max != null && matched > max) {
            errors.add(at, keyword, "expected at most $max matching items, found $matched")
        }
    }

    fun maxProperties(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: Long,
    ) {
        if (value is JsonObject && value.size > limit) {
            errors.add(at, keyword, "expected at most $limit properties, found ${value.size}")
        }
    }

    fun minProperties(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        limit: Long,
    ) {
        if (value is JsonObject && value.size < limit) {
            errors.add(at, keyword, "expected at least $limit properties, found ${value.size}")
        }
    }

    fun required(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        vararg names: String,
    ) {
        if (value !is JsonObject) return
        for (name in names) {
            if (name !in value) errors.add(at, keyword, "missing required property \"$name\"")
        }
    }

    /** `dependentRequired` for one property: when [property] is present, [names] must be too. */
    fun dependentRequired(
        value: JsonElement,
        at: JsonPointer,
        errors: Errors,
        keyword: String,
        property: String,
        vararg names: String,
    ) {
        if (value !is JsonObject || property !in value) return
        for (name in names) {
            if (name !in value) {
                errors.add(at, keyword, "missing property \"$name\", required by \"$property\"")
            }
        }
    }

    /** `anyOf`: [branches] hold each alternative's errors; one must have none. */
    fun anyOf(at: JsonPointer, errors: Errors, keyword: String, vararg branches: Errors) {
        if (branches.none { it.isEmpty() }) {
            errors.add(
                at,
                keyword,
                "expected a match for at least one of ${branches.size} alternatives",
            )
        }
    }

    /** `oneOf`: exactly one of [branches] must have no errors. */
    fun oneOf(at: JsonPointer, errors: Errors, keyword: String, vararg branches: Errors) {
        val matched = branches.count { it.isEmpty() }
        if (matched != 1) {
            errors.add(
                at,
                keyword,
                "expected a match for exactly one of ${branches.size} alternatives, found $matched",
            )
        }
    }

    /** `not`: the subschema, whose errors are [branch], must fail. */
    fun not(at: JsonPointer, errors: Errors, keyword: String, branch: Errors) {
        if (branch.isEmpty()) errors.add(at, keyword, "expected the value not to match the schema")
    }

    /** A `false` schema: nothing is valid here. */
    fun never(at: JsonPointer, errors: Errors, keyword: String) {
        errors.add(at, keyword, "no value is allowed here")
    }

    /** A JSON number constant, exactly as written in the schema. */
    fun number(literal: String): JsonPrimitive = StrictJson.parse(literal) as JsonPrimitive
}
