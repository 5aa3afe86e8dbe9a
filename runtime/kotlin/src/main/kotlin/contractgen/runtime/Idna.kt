package contractgen.runtime

import com.ibm.icu.lang.UCharacter
import com.ibm.icu.lang.UCharacterEnums.ECharacterCategory
import com.ibm.icu.lang.UCharacterEnums.ECharacterDirection
import com.ibm.icu.lang.UProperty
import com.ibm.icu.lang.UScript

/**
 * Host names with internationalized labels, as IDNA2008 defines them (RFC 5890 to 5893), for the
 * `hostname`, `idn-hostname` and `idn-email` formats. The rules are computed from ICU4J's Unicode
 * properties; ICU's UTS #46 processing is not used: it maps labels (upper to lower case) and admits
 * code points IDNA2008 disallows (U+0640, U+302E, symbols).
 */
internal object Idna {
    /** The canonical combining class of a virama. */
    private const val VIRAMA = 9

    /** `hostname`: an ASCII host name (RFC 1123) whose `xn--` labels are valid A-labels. */
    fun hostname(text: String): Boolean = text.all { it.code < 0x80 } && idnHostname(text)

    /**
     * `idn-hostname`: ASCII labels, A-labels and U-labels separated by any of the full stops of RFC
     * 3490, at most 63 octets a label and 253 a name in their ASCII form.
     */
    fun idnHostname(text: String): Boolean {
        val labels = ArrayList<IntArray>()
        var asciiLength = 0
        for (label in text.split('.', '\u3002', '\uFF0E', '\uFF61')) {
            val parsed = parseLabel(label) ?: return false
            asciiLength += parsed.asciiLength
            labels.add(parsed.codePoints)
        }
        val nameLength = asciiLength + labels.size - 1
        // RFC 5893: in a name with a right-to-left label, every label must pass the Bidi rule.
        return nameLength <= 253 && (labels.none(::isRightToLeft) || labels.all(::bidiRule))
    }

    /** A label's code points (for the Bidi rule) and the length of its ASCII form. */
    private class Label(val codePoints: IntArray, val asciiLength: Int)

    /** The label, or `null` when it is no valid label. */
    private fun parseLabel(label: String): Label? {
        if (label.any { it.code >= 0x80 }) {
            val codePoints = codePoints(label)
            val length = "xn--".length + (Punycode.encode(codePoints) ?: return null).length
            return if (length <= 63 && uLabel(codePoints)) Label(codePoints, length) else null
        }
        if (!label.startsWith("xn--", ignoreCase = true)) {
            return if (ldhLabel(label)) Label(codePoints(label), label.length) else null
        }
        val encoded = label.substring(4)
        val decoded = Punycode.decode(encoded) ?: return null
        // RFC 5891 section 5.4: an A-label is the one encoding of a non-ASCII U-label.
        val canonical = Punycode.encode(decoded) ?: return null
        val valid =
            label.length <= 63 &&
                decoded.any { it >= 0x80 } &&
                canonical.equals(encoded, ignoreCase = true) &&
                uLabel(decoded)
        return if (valid) Label(decoded, label.length) else null
    }

    /** The code points of [text] (`String.codePoints` needs Android API level 24). */
    private fun codePoints(text: String): IntArray {
        val codePoints = IntArray(text.codePointCount(0, text.length))
        var i = 0
        for (n in codePoints.indices) {
            codePoints[n] = text.codePointAt(i)
            i += Character.charCount(codePoints[n])
        }
        return codePoints
    }

    /** An ASCII label that is not an A-label: letters, digits, inner hyphens. */
    private fun ldhLabel(label: String): Boolean =
        label.length in 1..63 &&
            !label.startsWith('-') &&
            !label.endsWith('-') &&
            label.all { it in 'a'..'z' || it in 'A'..'Z' || it in '0'..'9' || it == '-' }

    /**
     * RFC 5891 section 5.4: hyphens, the first code point, and every code point's IDNA2008
     * property, with its contextual rule where it has one.
     */
    private fun uLabel(label: IntArray): Boolean {
        if (label.isEmpty()) return false
        val hyphensOk =
            label.first() != '-'.code &&
                label.last() != '-'.code &&
                !(label.size >= 4 && label[2] == '-'.code && label[3] == '-'.code)
        return hyphensOk &&
            !isMark(label[0]) &&
            label.indices.all { at ->
                when (property(label[at])) {
                    Property.VALID -> true
                    Property.CONTEXT_J -> joinerAllowed(label, at)
                    Property.CONTEXT_O -> otherAllowed(label, at)
                    Property.DISALLOWED -> false
                }
            }
    }

    /**
     * The IDNA2008 derived property of a code point (RFC 5892 section 3). Unassigned code points
     * count as disallowed.
     */
    private enum class Property {
        VALID,
        CONTEXT_J,
        CONTEXT_O,
        DISALLOWED,
    }

    private fun property(c: Int): Property {
        // Exceptions (RFC 5892 section 2.6) come first.
        when (c) {
            0xDF,
            0x3C2,
            0x6FD,
            0x6FE,
            0xF0B,
            0x3007 -> return Property.VALID
            0xB7,
            0x375,
            0x5F3,
            0x5F4,
            0x30FB,
            in 0x660..0x669,
            in 0x6F0..0x6F9 -> return Property.CONTEXT_O
            0x640,
            0x7FA,
            0x302E,
            0x302F,
            in 0x3031..0x3035,
            0x303B -> return Property.DISALLOWED
        }
        val category = UCharacter.getType(c)
        val noncharacter = UCharacter.hasBinaryProperty(c, UProperty.NONCHARACTER_CODE_POINT)
        if (category == ECharacterCategory.UNASSIGNED.toInt() && !noncharacter) {
            return Property.DISALLOWED
        }
        when (c) {
            in 'a'.code..'z'.code,
            in '0'.code..'9'.code,
            '-'.code -> return Property.VALID
            0x200C,
            0x200D -> return Property.CONTEXT_J
        }
        // Unstable under NFKC and case folding, ignorable properties, ignorable blocks, old Hangul
        // jamo; then letters, digits and the marks that combine with them.
        val unstable = UCharacter.hasBinaryProperty(c, UProperty.CHANGES_WHEN_NFKC_CASEFOLDED)
        val ignorable =
            noncharacter ||
                UCharacter.hasBinaryProperty(c, UProperty.DEFAULT_IGNORABLE_CODE_POINT) ||
                UCharacter.hasBinaryProperty(c, UProperty.WHITE_SPACE)
        val ignorableBlock = c in 0x20D0..0x20FF || c in 0x1D100..0x1D24F
        val oldHangulJamo =
            when (UCharacter.getIntPropertyValue(c, UProperty.HANGUL_SYLLABLE_TYPE)) {
                UCharacter.HangulSyllableType.LEADING_JAMO,
                UCharacter.HangulSyllableType.VOWEL_JAMO,
                UCharacter.HangulSyllableType.TRAILING_JAMO -> true
                else -> false
            }
        val letterOrDigit =
            when (category.toByte()) {
                ECharacterCategory.LOWERCASE_LETTER,
                ECharacterCategory.UPPERCASE_LETTER,
                ECharacterCategory.OTHER_LETTER,
                ECharacterCategory.DECIMAL_DIGIT_NUMBER,
                ECharacterCategory.MODIFIER_LETTER,
                ECharacterCategory.NON_SPACING_MARK,
                ECharacterCategory.COMBINING_SPACING_MARK -> true
                else -> false
            }
        return if (letterOrDigit && !unstable && !ignorable && !ignorableBlock && !oldHangulJamo) {
            Property.VALID
        } else {
            Property.DISALLOWED
        }
    }

    private fun isMark(c: Int): Boolean =
        when (UCharacter.getType(c).toByte()) {
            ECharacterCategory.NON_SPACING_MARK,
            ECharacterCategory.COMBINING_SPACING_MARK,
            ECharacterCategory.ENCLOSING_MARK -> true
            else -> false
        }

    /**
     * RFC 5892 appendix A.1 and A.2: ZERO WIDTH JOINER after a virama; ZERO WIDTH NON-JOINER after
     * a virama or between characters that join towards it (transparent ones skipped).
     */
    private fun joinerAllowed(label: IntArray, at: Int): Boolean {
        if (at > 0 && UCharacter.getCombiningClass(label[at - 1]) == VIRAMA) return true
        if (label[at] != 0x200C) return false
        val left = firstJoining(label, at - 1 downTo 0)
        val right = firstJoining(label, at + 1 until label.size)
        return (left == UCharacter.JoiningType.LEFT_JOINING ||
            left == UCharacter.JoiningType.DUAL_JOINING) &&
            (right == UCharacter.JoiningType.RIGHT_JOINING ||
                right == UCharacter.JoiningType.DUAL_JOINING)
    }

    /** The joining type of the first code point at [indices] that is not transparent. */
    private fun firstJoining(label: IntArray, indices: IntProgression): Int? =
        indices
            .map { UCharacter.getIntPropertyValue(label[it], UProperty.JOINING_TYPE) }
            .firstOrNull { it != UCharacter.JoiningType.TRANSPARENT }

    /**
     * RFC 5892 appendix A.3 to A.9: the code points allowed only next to, or in a label with,
     * certain others.
     */
    private fun otherAllowed(label: IntArray, at: Int): Boolean {
        val before = label.getOrNull(at - 1)
        val after = label.getOrNull(at + 1)
        return when (label[at]) {
            0xB7 -> before == 'l'.code && after == 'l'.code
            0x375 -> after != null && UScript.getScript(after) == UScript.GREEK
            0x5F3,
            0x5F4 -> before != null && UScript.getScript(before) == UScript.HEBREW
            0x30FB ->
                label.any {
                    when (UScript.getScript(it)) {
                        UScript.HIRAGANA,
                        UScript.KATAKANA,
                        UScript.HAN -> true
                        else -> false
                    }
                }
            in 0x660..0x669 -> label.none { it in 0x6F0..0x6F9 }
            in 0x6F0..0x6F9 -> label.none { it in 0x660..0x669 }
            else -> false
        }
    }

    /** Whether a label has a right-to-left character, which makes its name a Bidi domain name. */
    private fun isRightToLeft(label: IntArray): Boolean =
        label.any {
            when (UCharacter.getDirection(it)) {
                ECharacterDirection.RIGHT_TO_LEFT,
                ECharacterDirection.RIGHT_TO_LEFT_ARABIC,
                ECharacterDirection.ARABIC_NUMBER -> true
                else -> false
            }
        }

    /** The Bidi classes a right-to-left label may hold (RFC 5893 section 2, rule 2). */
    private val RIGHT_TO_LEFT_CLASSES =
        setOf(
            ECharacterDirection.RIGHT_TO_LEFT,
            ECharacterDirection.RIGHT_TO_LEFT_ARABIC,
            ECharacterDirection.ARABIC_NUMBER,
            ECharacterDirection.EUROPEAN_NUMBER,
            ECharacterDirection.EUROPEAN_NUMBER_SEPARATOR,
            ECharacterDirection.COMMON_NUMBER_SEPARATOR,
            ECharacterDirection.EUROPEAN_NUMBER_TERMINATOR,
            ECharacterDirection.OTHER_NEUTRAL,
            ECharacterDirection.BOUNDARY_NEUTRAL,
            ECharacterDirection.DIR_NON_SPACING_MARK,
        )

    /** The Bidi classes a right-to-left label may end in, trailing marks aside (rule 3). */
    private val RIGHT_TO_LEFT_ENDS =
        setOf(
            ECharacterDirection.RIGHT_TO_LEFT,
            ECharacterDirection.RIGHT_TO_LEFT_ARABIC,
            ECharacterDirection.EUROPEAN_NUMBER,
            ECharacterDirection.ARABIC_NUMBER,
        )

    /** The Bidi classes a left-to-right label may hold (rule 5). */
    private val LEFT_TO_RIGHT_CLASSES =
        setOf(
            ECharacterDirection.LEFT_TO_RIGHT,
            ECharacterDirection.EUROPEAN_NUMBER,
            ECharacterDirection.EUROPEAN_NUMBER_SEPARATOR,
            ECharacterDirection.COMMON_NUMBER_SEPARATOR,
            ECharacterDirection.EUROPEAN_NUMBER_TERMINATOR,
            ECharacterDirection.OTHER_NEUTRAL,
            ECharacterDirection.BOUNDARY_NEUTRAL,
            ECharacterDirection.DIR_NON_SPACING_MARK,
        )

    /**
     * The Bidi rule (RFC 5893 section 2): a label is right-to-left or left-to-right as its first
     * character says, and holds only the classes that direction allows.
     */
    private fun bidiRule(label: IntArray): Boolean {
        val classes = label.map { UCharacter.getDirection(it) }
        val last = classes.lastOrNull { it != ECharacterDirection.DIR_NON_SPACING_MARK }
        return when (classes.firstOrNull()) {
            ECharacterDirection.RIGHT_TO_LEFT,
            ECharacterDirection.RIGHT_TO_LEFT_ARABIC ->
                classes.all { it in RIGHT_TO_LEFT_CLASSES } &&
                    last in RIGHT_TO_LEFT_ENDS &&
                    !(ECharacterDirection.EUROPEAN_NUMBER in classes &&
                        ECharacterDirection.ARABIC_NUMBER in classes)
            ECharacterDirection.LEFT_TO_RIGHT ->
                classes.all { it in LEFT_TO_RIGHT_CLASSES } &&
                    (last == ECharacterDirection.LEFT_TO_RIGHT ||
                        last == ECharacterDirection.EUROPEAN_NUMBER)
            else -> false
        }
    }
}
