package contractgen.runtime

import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** The runtime's tree decoder reads every shape generated classes have as kotlinx reads it. */
class TreeDecoderTest {
    @Serializable
    enum class Kind {
        @SerialName("first") FIRST,
        @SerialName("second") SECOND,
    }

    @Serializable data class Inner(val name: String, val note: String? = null)

    @Serializable
    data class Shapes(
        val text: String,
        val flag: Boolean,
        val small: Int,
        val big: Long,
        val ratio: Double,
        @Serializable(with = JsonIntegerSerializer::class) val integer: Long,
        @Serializable(with = StringBoolSerializer::class) val stringBool: Boolean,
        val kind: Kind,
        val inner: Inner,
        val items: List<Inner>,
        val numbers: List<Long>,
        val byName: Map<String, Int>,
        val any: JsonElement,
        val absent: String? = null,
        val nullable: String?,
        val nested: List<List<String>> = emptyList(),
    )

    private fun <T> bothWays(serializer: KSerializer<T>, text: String): T {
        val ours = TreeDecoding.decode(Json, serializer, StrictJson.parse(text))
        assertEquals(Json.decodeFromString(serializer, text), ours)
        return ours
    }

    @Test
    fun everyShapeDecodesAsKotlinxDecodesIt() {
        val text =
            """
            |{"text": "a\"b\u00e9", "flag": true, "small": -3, "big": 9007199254740993,
            |"ratio": 1.5e1, "integer": 2.0, "stringBool": "false", "kind": "second",
            |"inner": {"name": "x"}, "items": [{"name": "y", "note": "z"}, {"name": "w"}],
            |"numbers": [1, 2, 3], "byName": {"one": 1, "two": 2}, "any": [1, {"a": null}],
            |"nullable": null, "nested": [["p"], [], ["q", "r"]]}
            """
                .trimMargin()
        val shapes = bothWays(Shapes.serializer(), text)
        assertEquals(2L, shapes.integer)
        assertEquals(listOf("one", "two"), shapes.byName.keys.toList())
        assertEquals(Kind.SECOND, shapes.kind)
    }

    @Test
    fun onlyAnObjectOfNamedPropertiesDecodesAsNamed() {
        fun named(text: String) =
            TreeDecoding.decodeNamed(Json, Inner.serializer(), StrictJson.parse(text) as JsonObject)
        assertEquals(Inner("x", "y"), named("""{"note": "y", "name": "x"}"""))
        // An unknown name, or an explicit null the class would read as absence, is for `extra`.
        assertNull(named("""{"name": "x", "other": 1}"""))
        assertNull(named("""{"name": "x", "note": null}"""))
    }

    @Test
    fun aMismatchIsASerializationException() {
        for (text in listOf("""{"name": 1}""", """{"name": null}""", "[]", """{"note": "n"}""")) {
            assertThrows<SerializationException>(text) {
                TreeDecoding.decode(Json, Inner.serializer(), StrictJson.parse(text))
            }
        }
    }
}
