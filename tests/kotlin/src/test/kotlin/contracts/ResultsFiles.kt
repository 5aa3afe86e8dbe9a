package contracts

/** What the Rust conformance tests' results files share. */
object ResultsFiles {
    /** Reverses the Rust side's escaping of `\\`, tab, newline and carriage return. */
    fun unescape(field: String): String {
        val escapes = mapOf('t' to '\t', 'n' to '\n', 'r' to '\r')
        val out = StringBuilder(field.length)
        var i = 0
        while (i < field.length) {
            val c = field[i]
            if (c == '\\' && i + 1 < field.length) {
                out.append(escapes[field[i + 1]] ?: field[i + 1])
                i += 2
            } else {
                out.append(c)
                i++
            }
        }
        return out.toString()
    }
}
