package contractgen.runtime

import com.google.re2j.Pattern
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/** Patterns as plain code answer as RE2/J does on the translated pattern. */
class PatternsTest {
    private val digits = intArrayOf(0x30, 0x39)
    private val notA = intArrayOf(0, 0x60, 0x62, 0x10FFFF)

    /** `^[0-9]+\.[0-9]{2}$` as the generator prints it. */
    private fun amount(s: String): Boolean {
        var at = Patterns.span(s, 0, digits, 1, Patterns.UNBOUNDED)
        at = Patterns.literal(s, at, ".")
        at = Patterns.span(s, at, digits, 2, 2)
        return at == s.length
    }

    /** `^[^a]{2}$`. */
    private fun twoNotA(s: String): Boolean = Patterns.span(s, 0, notA, 2, 2) == s.length

    @Test
    fun piecesAnswerAsRe2jOnTheSameStrings() {
        val amountEngine = Pattern.compile("^[0-9]+\\.[0-9]{2}$")
        val twoNotAEngine = Pattern.compile("^[^a]{2}$")
        val strings =
            listOf(
                "",
                "1.23",
                "123.45",
                ".23",
                "1.2",
                "1.234",
                "1.23\n",
                "\n1.23",
                "x1.23",
                "bb",
                "ab",
                "b",
                "bbb",
                "\uD83D\uDE00b",
                "\uD83D\uDE00\uD83D\uDE00",
                "\uD800b",
                "b\uDFFF",
                "\uD800",
            )
        for (s in strings) {
            assertEquals(amountEngine.matcher(s).find(), amount(s), "amount on \"$s\"")
            assertEquals(twoNotAEngine.matcher(s).find(), twoNotA(s), "[^a]{2} on \"$s\"")
        }
    }

    @Test
    fun aFailedPiecePassesItsFailureOn() {
        assertEquals(-1, Patterns.span("12", -1, digits, 0, 1))
        assertEquals(-1, Patterns.literal("12", -1, ""))
        assertEquals(-1, Patterns.span("", 0, digits, 1, 1))
        assertEquals(0, Patterns.span("", 0, intArrayOf(), 0, 3))
    }
}
