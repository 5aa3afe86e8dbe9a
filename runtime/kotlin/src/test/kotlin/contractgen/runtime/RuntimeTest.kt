package contractgen.runtime

import kotlinx.serialization.builtins.serializer
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** The runtime on its own, independent of any contract. */
class RuntimeTest {
    @Test
    fun catalogueFormatStringsAreFilledAsRustsFormatFillsThem() {
        assertEquals(
            "expected at most 5 characters, found 7",
            Checks.fill("expected at most 5 characters, found {}", 7),
        )
        assertEquals("{\"a\":1}, found string", Checks.fill("{{\"a\":1}}, found {}", "string"))
        assertEquals("at /a: b", Checks.fill("at {}: {}", "/a", "b"))
    }

    @Test
    fun contentThatDecodesToBytesOtherThanUtf8IsRejectedAsRustRejectsIt() {
        val errors = Errors()
        val messages = Checks.ContentMessages("not base64", "not UTF-8", "not JSON", "{}: {}")
        // "//4=" is the bytes FF FE, which no UTF-8 text holds.
        Checks.content("//4=", JsonPointer.ROOT, errors, "k", true, true, messages)
        assertEquals(listOf("not UTF-8"), errors.toList().map { it.message })
        assertFalse(Checks.decodes("//4=", base64 = true, json = true))
        assertTrue(Checks.decodes("//4=", base64 = true, json = false))
        assertEquals(StrictJson.parse("[1]"), Checks.decodeJson("WzFd", base64 = true))
        assertNull(Checks.decodeJson("{a:1}", base64 = false))
    }

    @Test
    fun strictJsonRejectsWhatRfc8259Rejects() {
        for (text in
            listOf("{a:1}", "[1,]", "01", "1.", "-", "\"\\x\"", "tru", "{} {}", "'a'", "[1 2]")) {
            assertThrows<InvalidPayloadException>(text) { StrictJson.parse(text) }
        }
        for (text in listOf("{}", " [1, -0.5e+3, \"\\u00e9\", null, true] ", "\"\"", "0")) {
            StrictJson.parse(text)
        }
    }

    @Test
    fun numbersCompareByValueAndIntegersMayHaveAZeroFraction() {
        assertTrue(
            JsonValues.equal(
                StrictJson.parse("[1, {\"a\": 2}]"),
                StrictJson.parse("[1.0, {\"a\": 2e0}]"),
            )
        )
        assertFalse(JsonValues.equal(StrictJson.parse("1"), StrictJson.parse("\"1\"")))
        assertTrue(
            JsonValues.equal(
                StrictJson.parse("{\"a\":1,\"b\":2}"),
                StrictJson.parse("{\"b\":2,\"a\":1}"),
            )
        )
        assertTrue(JsonValues.isOfType(StrictJson.parse("1.0"), JsonType.INTEGER))
        assertTrue(JsonValues.isOfType(StrictJson.parse("1e2"), JsonType.INTEGER))
        assertFalse(JsonValues.isOfType(StrictJson.parse("1.5"), JsonType.INTEGER))
        assertFalse(JsonValues.isOfType(StrictJson.parse("true"), JsonType.NUMBER))
        assertEquals(2, JsonValues.codePointLength("\uD83D\uDE00a"))
    }

    @Test
    fun pointersEscapeTheirTokens() {
        assertEquals("", JsonPointer.ROOT.toString())
        assertEquals("/a~1b/c~0d/0", JsonPointer.ROOT.child("a/b").child("c~d").child(0).toString())
    }

    @Test
    fun aPointerReusesItsChildAndEachRootIsItsOwn() {
        // Walked as a validator walks: depth first, each child used before its next sibling.
        val root = JsonPointer.ROOT
        val seen = ArrayList<String>()
        for (name in listOf("a", "b")) {
            val member = root.child(name)
            seen.add(member.toString())
            for (i in 0 until 2) seen.add(member.child(i).toString())
            seen.add(member.toString())
        }
        assertEquals(listOf("/a", "/a/0", "/a/1", "/a", "/b", "/b/0", "/b/1", "/b"), seen)
        // A second root (another validation, an embedded document) does not disturb the first.
        val inner = JsonPointer.ROOT.child("x")
        val outer = root.child("c")
        assertEquals("/x", inner.toString())
        assertEquals("/c", outer.toString())
    }

    @Test
    fun formats() {
        assertTrue(Format.UUID.accepts("f7443c1d-9acb-4b3d-9ae5-0e3c33dfcf5b"))
        assertFalse(Format.UUID.accepts("f7443c1d9acb4b3d9ae50e3c33dfcf5b"))
        assertTrue(Format.DATE_TIME.accepts("1998-12-31T23:59:60Z"))
        assertTrue(Format.DATE_TIME.accepts("1998-12-31T15:59:60.123-08:00"))
        assertFalse(Format.DATE_TIME.accepts("1998-12-31T22:59:60Z"))
        assertFalse(Format.DATE.accepts("2021-02-29"))
        assertTrue(Format.DATE.accepts("2020-02-29"))
        assertTrue(Format.DURATION.accepts("P1DT2H"))
        assertFalse(Format.DURATION.accepts("PT"))
        assertTrue(Format.IPV4.accepts("192.168.0.1"))
        assertFalse(Format.IPV4.accepts("192.168.00.1"))
        assertTrue(Format.IPV6.accepts("::ffff:192.168.0.1"))
        assertFalse(Format.IPV6.accepts("1:2:3:4:5:6:7:8:9"))
        assertTrue(Format.HOSTNAME.accepts("www.example.com"))
        assertFalse(Format.HOSTNAME.accepts("-bad.example.com"))
        assertTrue(Format.HOSTNAME.accepts("xn--4gbwdl.xn--wgbh1c"))
        assertFalse(Format.HOSTNAME.accepts("\uC2E4\uB840.\uD14C\uC2A4\uD2B8"))
        assertTrue(Format.IDN_HOSTNAME.accepts("\uC2E4\uB840.\uD14C\uC2A4\uD2B8"))
        assertTrue(Format.EMAIL.accepts("joe.bloggs@example.com"))
        assertFalse(Format.EMAIL.accepts("2962"))
        assertTrue(Format.URI.accepts("https://example.com/a?b#c"))
        assertFalse(Format.URI.accepts("//example.com"))
        assertTrue(Format.URI_REFERENCE.accepts("//example.com"))
        assertTrue(Format.JSON_POINTER.accepts("/a~0b"))
        assertFalse(Format.JSON_POINTER.accepts("/a~2"))
        assertTrue(Format.RELATIVE_JSON_POINTER.accepts("1#"))
    }

    @Test
    fun requiredReportsEachMissingNameAtTheObjectAndSkipsOtherTypes() {
        val errors = Errors()
        val at = JsonPointer.ROOT.child("a/b")
        Checks.required(
            StrictJson.parse("{\"x\": 1}"),
            at,
            errors,
            "s.json#/required",
            "x" to "missing x",
            "y" to "missing y",
            "z" to "missing z",
        )
        Checks.required(StrictJson.parse("[]"), at, errors, "s.json#/required", "x" to "missing x")
        assertEquals(
            listOf(
                Triple("/a~1b", "s.json#/required", "missing y"),
                Triple("/a~1b", "s.json#/required", "missing z"),
            ),
            errors.toList().map { Triple(it.instancePath, it.schemaLocation, it.message) },
        )
    }

    @Test
    fun contentReportsInnerErrorsAtTheStringNamingWhereInsideTheyAre() {
        val errors = Errors()
        val at = JsonPointer.ROOT.child("payload")
        val messages = Checks.ContentMessages("not base64", "not UTF-8", "not JSON", "at {}: {}")
        Checks.content("{\"a\": 1}", at, errors, "s.json#/contentSchema", false, true, messages) {
            value,
            inner ->
            assertEquals(StrictJson.parse("{\"a\": 1}"), value)
            inner.add(JsonPointer.ROOT, "s.json#/contentSchema/required", "missing b")
            inner.add(JsonPointer.ROOT.child("a"), "s.json#/contentSchema/properties/a/type", "no")
        }
        Checks.content("{a}", at, errors, "s.json#/contentMediaType", false, true, messages)
        assertEquals(
            listOf(
                Triple("/payload", "s.json#/contentSchema/required", "at (root): missing b"),
                Triple("/payload", "s.json#/contentSchema/properties/a/type", "at /a: no"),
                Triple("/payload", "s.json#/contentMediaType", "not JSON"),
            ),
            errors.toList().map { Triple(it.instancePath, it.schemaLocation, it.message) },
        )
        assertEquals("1.0", Checks.number("1.0").content)
    }

    @Test
    fun typesAndDuplicatesAreTestedAsJsonSchemaSeesThem() {
        assertTrue(Checks.hasType(StrictJson.parse("1.0"), JsonType.STRING, JsonType.INTEGER))
        assertFalse(Checks.hasType(StrictJson.parse("null"), JsonType.STRING))
        assertTrue(Checks.hasDuplicates(StrictJson.parse("[1, \"a\", 1.0]") as JsonArray))
        assertFalse(Checks.hasDuplicates(StrictJson.parse("[1, \"1\"]") as JsonArray))
    }

    @Test
    fun evaluatedMergesEveryRecordIncludingAllOfThem() {
        val outer = Evaluated()
        val inner = Evaluated()
        inner.properties.add("a")
        inner.allItems = true
        outer.merge(inner)
        assertTrue(outer.hasProperty("a"))
        assertFalse(outer.hasProperty("b"))
        assertTrue(outer.hasItem(7))
    }

    @Test
    fun dynamicReferencesResolveToTheOutermostEnteredResource() {
        val scope = DynamicScope.ROOT.enter(1).enter(2).enter(3)
        assertEquals(2, scope.outermost(3, 2))
        assertEquals(1, scope.outermost(1, 3))
        assertNull(scope.outermost(4))
        assertNull(DynamicScope.ROOT.outermost(-1))
    }

    @Test
    fun embeddedJsonWritesBackTheExactStringItRead() {
        val raw = "{\"b\":1,  \"a\":[true, 1.0]}"
        val embedded = EmbeddedJson.parse(raw, JsonElement.serializer())
        assertEquals(StrictJson.parse(raw), embedded.value)
        assertEquals(
            Json.encodeToString(String.serializer(), raw),
            Json.encodeToString(EmbeddedJsonSerializer(JsonElement.serializer()), embedded),
        )
        assertThrows<InvalidPayloadException> {
            EmbeddedJson.parse("{a:1}", JsonElement.serializer())
        }
    }
}
