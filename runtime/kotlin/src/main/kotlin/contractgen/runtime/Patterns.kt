package contractgen.runtime

/**
 * What patterns compiled to plain code call. Such a pattern is a chain of pieces, each taking what
 * it matches from index `at` of the string and returning where it stopped, or -1 when it cannot
 * match (and every later piece passes -1 on); the string matches when the chain ends at its length.
 * Classes are code-point ranges, `[first, last, first, last, ...]` in order; a lone surrogate is
 * the code point it is, as RE2/J reads it.
 */
@InternalContractgenApi
object Patterns {
    /** The `max` of a piece without a limit. */
    const val UNBOUNDED: Int = Int.MAX_VALUE

    /**
     * Where a run of code points of [ranges] starting at [at] ends, taking at most [max]; -1 when
     * fewer than [min] start there.
     */
    fun span(text: String, at: Int, ranges: IntArray, min: Int, max: Int): Int {
        if (at < 0) return -1
        var end = at
        var taken = 0
        while (taken < max && end < text.length) {
            val c = text.codePointAt(end)
            if (!inRanges(c, ranges)) break
            end += Character.charCount(c)
            taken++
        }
        return if (taken < min) -1 else end
    }

    /** Where [literal] ends if it starts at [at]; else -1. */
    fun literal(text: String, at: Int, literal: String): Int =
        if (at >= 0 && text.startsWith(literal, at)) at + literal.length else -1

    private fun inRanges(c: Int, ranges: IntArray): Boolean {
        var i = 0
        while (i < ranges.size) {
            if (c < ranges[i]) return false
            if (c <= ranges[i + 1]) return true
            i += 2
        }
        return false
    }
}
