package contractgen.runtime

/**
 * Punycode (RFC 3492), the encoding of an IDNA A-label's part after `xn--`. Written out because
 * neither the JDK nor ICU4J has it as public API (`java.net.IDN` and ICU's UTS #46 processing
 * decode only as part of their own, different, label checks).
 */
internal object Punycode {
    private const val BASE = 36
    private const val T_MIN = 1
    private const val T_MAX = 26
    private const val SKEW = 38
    private const val DAMP = 700
    private const val INITIAL_BIAS = 72
    private const val INITIAL_N = 0x80
    /** Deltas are 32-bit unsigned in RFC 3492. */
    private const val MAX_DELTA = 0xFFFFFFFFL

    /**
     * The code points [input] encodes, or `null` when it is no Punycode. The basic code points
     * before the last hyphen are kept as they are, letter case included.
     */
    fun decode(input: String): IntArray? {
        val delimiter = input.lastIndexOf('-')
        val output = ArrayList<Int>()
        for (i in 0 until maxOf(delimiter, 0)) {
            if (input[i].code >= 0x80) return null
            output.add(input[i].code)
        }
        var at = if (delimiter > 0) delimiter + 1 else 0
        var n = INITIAL_N.toLong()
        var bias = INITIAL_BIAS
        var i = 0L
        while (at < input.length) {
            val previous = i
            var weight = 1L
            var k = BASE
            while (true) {
                if (at == input.length) return null
                val digit = digit(input[at++])
                if (digit < 0) return null
                i += digit * weight
                val t = threshold(k, bias)
                if (digit < t) break
                weight *= BASE - t
                // Past any code point: no Unicode label is that long.
                if (i > Int.MAX_VALUE || weight > Int.MAX_VALUE) return null
                k += BASE
            }
            bias = adapt(i - previous, output.size + 1, previous == 0L)
            n += i / (output.size + 1)
            i %= output.size + 1
            if (n > Character.MAX_CODE_POINT || n in 0xD800L..0xDFFFL) return null
            output.add(i.toInt(), n.toInt())
            i++
        }
        return output.toIntArray()
    }

    /** The Punycode of [input], digits in lower case; `null` when a delta overflows. */
    fun encode(input: IntArray): String? {
        val output = StringBuilder()
        for (c in input) {
            if (c < 0x80) output.append(c.toChar())
        }
        val basic = output.length
        var handled = basic
        if (basic > 0) output.append('-')
        var n = INITIAL_N
        var delta = 0L
        var bias = INITIAL_BIAS
        while (handled < input.size) {
            val next = input.filter { it >= n }.min()
            delta += (next - n).toLong() * (handled + 1)
            if (delta > MAX_DELTA) return null
            n = next
            for (c in input) {
                if (c < n) delta++
                if (delta > MAX_DELTA) return null
                if (c != n) continue
                var q = delta
                var k = BASE
                while (true) {
                    val t = threshold(k, bias)
                    if (q < t) break
                    output.append(digitChar((t + (q - t) % (BASE - t)).toInt()))
                    q = (q - t) / (BASE - t)
                    k += BASE
                }
                output.append(digitChar(q.toInt()))
                bias = adapt(delta, handled + 1, handled == basic)
                delta = 0
                handled++
            }
            delta++
            n++
        }
        return output.toString()
    }

    private fun threshold(k: Int, bias: Int): Int =
        when {
            k <= bias -> T_MIN
            k >= bias + T_MAX -> T_MAX
            else -> k - bias
        }

    private fun adapt(delta: Long, points: Int, first: Boolean): Int {
        var d = if (first) delta / DAMP else delta / 2
        d += d / points
        var k = 0
        while (d > ((BASE - T_MIN) * T_MAX) / 2) {
            d /= BASE - T_MIN
            k += BASE
        }
        return (k + (BASE - T_MIN + 1) * d / (d + SKEW)).toInt()
    }

    /** A digit's value: `a` to `z` (either case) are 0 to 25, `0` to `9` are 26 to 35; else -1. */
    private fun digit(c: Char): Int =
        when (c) {
            in 'a'..'z' -> c - 'a'
            in 'A'..'Z' -> c - 'A'
            in '0'..'9' -> c - '0' + 26
            else -> -1
        }

    private fun digitChar(value: Int): Char = if (value < 26) 'a' + value else '0' + (value - 26)
}
