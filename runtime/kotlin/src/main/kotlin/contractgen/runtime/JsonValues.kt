package contractgen.runtime

import java.math.BigDecimal
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/** The JSON Schema type names; [INTEGER] is a number with a zero fractional part. */
@InternalContractgenApi
enum class JsonType(val jsonName: String) {
    NULL("null"),
    BOOLEAN("boolean"),
    OBJECT("object"),
    ARRAY("array"),
    NUMBER("number"),
    INTEGER("integer"),
    STRING("string"),
}

/** What JSON Schema sees in a [JsonElement]: its type, numbers as decimals, equality. */
@InternalContractgenApi
object JsonValues {
    /** The basic type of [value]: never [JsonType.INTEGER]. */
    fun typeOf(value: JsonElement): JsonType =
        when (value) {
            is JsonNull -> JsonType.NULL
            is JsonObject -> JsonType.OBJECT
            is JsonArray -> JsonType.ARRAY
            is JsonPrimitive ->
                when {
                    value.isString -> JsonType.STRING
                    value.content == "true" || value.content == "false" -> JsonType.BOOLEAN
                    else -> JsonType.NUMBER
                }
        }

    /** Whether [value] is of [type]; `1.0` is an integer, as in draft 2020-12. */
    fun isOfType(value: JsonElement, type: JsonType): Boolean {
        val actual = typeOf(value)
        return when (type) {
            JsonType.INTEGER -> actual == JsonType.NUMBER && isInteger(decimal(value))
            JsonType.NUMBER -> actual == JsonType.NUMBER
            else -> actual == type
        }
    }

    /** The number [value] holds, exactly; null when it is not a number. */
    fun decimal(value: JsonElement): BigDecimal? {
        if (value !is JsonPrimitive || typeOf(value) != JsonType.NUMBER) return null
        return try {
            BigDecimal(value.content)
        } catch (_: NumberFormatException) {
            null
        }
    }

    /** Whether [number] has no fractional part. */
    fun isInteger(number: BigDecimal?): Boolean =
        number != null && (number.signum() == 0 || number.stripTrailingZeros().scale() <= 0)

    /** The string [value] holds; null when it is not a string. */
    fun string(value: JsonElement): String? =
        if (value is JsonPrimitive && value.isString) value.content else null

    /** Whether [value] is a string and one of [names] (an `enum` of strings only). */
    fun isStringIn(value: JsonElement, names: Set<String>): Boolean =
        value is JsonPrimitive && value.isString && value.content in names

    /** The length of [text] in Unicode code points, as JSON Schema counts it. */
    fun codePointLength(text: String): Int = text.codePointCount(0, text.length)

    /** JSON equality: numbers compare by value (`1 == 1.0`), objects ignore property order. */
    fun equal(a: JsonElement, b: JsonElement): Boolean {
        val type = typeOf(a)
        if (type != typeOf(b)) return false
        return when (type) {
            JsonType.NUMBER -> {
                val x = decimal(a)
                val y = decimal(b)
                if (x != null && y != null) x.compareTo(y) == 0 else a == b
            }
            JsonType.ARRAY -> {
                val x = a as JsonArray
                val y = b as JsonArray
                x.size == y.size && x.indices.all { equal(x[it], y[it]) }
            }
            JsonType.OBJECT -> {
                val x = a as JsonObject
                val y = b as JsonObject
                x.size == y.size &&
                    x.all { (name, value) -> y[name]?.let { equal(value, it) } == true }
            }
            else -> (a as JsonPrimitive).content == (b as JsonPrimitive).content
        }
    }

    /** A readable name of [value]'s type for error messages. */
    fun describe(value: JsonElement): String {
        val type = typeOf(value)
        return if (type == JsonType.NUMBER && isInteger(decimal(value))) "integer"
        else type.jsonName
    }
}
