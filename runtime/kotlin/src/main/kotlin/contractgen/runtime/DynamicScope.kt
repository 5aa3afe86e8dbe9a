package contractgen.runtime

/**
 * The dynamic scope of `$dynamicRef`: the schema resources evaluation has entered, innermost first.
 * Only validators of schemas with `$dynamicRef` carry it.
 */
@InternalContractgenApi
class DynamicScope
private constructor(private val parent: DynamicScope?, private val resource: Int) {
    /** This scope with [resource] entered. */
    fun enter(resource: Int): DynamicScope = DynamicScope(this, resource)

    /** The outermost entered resource among [candidates]: where a `$dynamicRef` resolves. */
    fun outermost(vararg candidates: Int): Int? {
        var found: Int? = null
        var at: DynamicScope? = this
        while (at != null && at.parent != null) {
            if (at.resource in candidates) found = at.resource
            at = at.parent
        }
        return found
    }

    companion object {
        /** Nothing entered yet. */
        val ROOT: DynamicScope = DynamicScope(null, -1)
    }
}
