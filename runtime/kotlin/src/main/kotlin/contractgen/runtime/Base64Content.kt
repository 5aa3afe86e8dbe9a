package contractgen.runtime

/**
 * The base64 of `contentEncoding: base64` (RFC 4648 section 4, the standard alphabet), read exactly
 * as the Rust runtime reads it (`__private::content`), so a payload's content checks agree in both
 * languages: the length is a multiple of four, at most two `=` end it and none appears elsewhere,
 * and nothing outside the alphabet (no whitespace, no line breaks, no URL-safe `-`/`_`) is read.
 * The bits a final group leaves over are not checked, as on the Rust side.
 *
 * Written here rather than through `java.util.Base64`, which Android has only from API level 26
 * (the runtime runs on 21), and which also reads input without its padding, which Rust refuses.
 */
internal object Base64Content {
    /** The bytes [text] encodes, or null when it is not base64. */
    fun decode(text: String): ByteArray? {
        if (text.length % 4 != 0) return null
        var end = text.length
        while (end > 0 && text[end - 1] == '=') end--
        if (text.length - end > 2) return null
        val out = ByteArray(end * 6 / 8)
        var written = 0
        var buffer = 0
        var bits = 0
        for (i in 0 until end) {
            val value = sextet(text[i])
            if (value < 0) return null
            buffer = (buffer shl 6) or value
            bits += 6
            if (bits >= 8) {
                bits -= 8
                out[written++] = (buffer shr bits).toByte()
            }
        }
        return out
    }

    /** The value of one character of the alphabet, or -1. */
    private fun sextet(c: Char): Int =
        when (c) {
            in 'A'..'Z' -> c - 'A'
            in 'a'..'z' -> c - 'a' + 26
            in '0'..'9' -> c - '0' + 52
            '+' -> 62
            '/' -> 63
            else -> -1
        }
}
