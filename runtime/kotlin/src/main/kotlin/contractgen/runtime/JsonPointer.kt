package contractgen.runtime

/**
 * An RFC 6901 pointer into a payload. The validator builds one per step down and renders it only
 * when it reports an error, so valid payloads cost no string building.
 */
@InternalContractgenApi
class JsonPointer private constructor(private val parent: JsonPointer?, private val token: String) {
    /** The pointer to property [name] of the object here. */
    fun child(name: String): JsonPointer = JsonPointer(this, name)

    /** The pointer to item [index] of the array here. */
    fun child(index: Int): JsonPointer = JsonPointer(this, index.toString())

    /** The pointer as text: empty for the root, else `/`-separated escaped tokens. */
    override fun toString(): String {
        val tokens = ArrayList<String>()
        var at: JsonPointer = this
        while (true) {
            val up = at.parent ?: break
            tokens.add(at.token)
            at = up
        }
        return tokens.asReversed().joinToString("") { "/" + escape(it) }
    }

    companion object {
        /** The whole payload. */
        val ROOT: JsonPointer = JsonPointer(null, "")

        /** Escapes one reference token (RFC 6901 section 3). */
        fun escape(token: String): String = token.replace("~", "~0").replace("/", "~1")
    }
}
