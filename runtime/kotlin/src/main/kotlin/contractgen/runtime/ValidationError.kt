package contractgen.runtime

/**
 * One way a payload breaks its schema.
 *
 * @property instancePath RFC 6901 pointer to the offending value; empty for the whole payload.
 * @property schemaLocation The keyword that failed, as `file#pointer` into the schema.
 * @property message What was expected and what was found.
 */
data class ValidationError(
    val instancePath: String,
    val schemaLocation: String,
    val message: String,
) {
    override fun toString(): String =
        "${instancePath.ifEmpty { "(root)" }}: $message ($schemaLocation)"
}

/** Thrown when a payload is not valid JSON or breaks its schema; [errors] lists every failure. */
class InvalidPayloadException(
    message: String,
    val errors: List<ValidationError> = emptyList(),
    cause: Throwable? = null,
) : IllegalArgumentException(message, cause)

/** The errors a validator collects; a subschema succeeded when it added none. */
@InternalContractgenApi
class Errors {
    /** Null until the first error: most validations find none, and then allocate no list. */
    private var list: ArrayList<ValidationError>? = null

    /** How many errors were collected so far. */
    val size: Int
        get() = list?.size ?: 0

    fun isEmpty(): Boolean = size == 0

    fun isNotEmpty(): Boolean = size != 0

    fun add(at: JsonPointer, schemaLocation: String, message: String) {
        add(ValidationError(at.toString(), schemaLocation, message))
    }

    fun add(error: ValidationError) {
        (list ?: ArrayList<ValidationError>().also { list = it }).add(error)
    }

    fun toList(): List<ValidationError> = list?.toList() ?: emptyList()
}
