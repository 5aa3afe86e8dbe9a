package contractgen.runtime

/**
 * Marks the part of the runtime that exists for the code contractgen generates: the keyword and
 * format checks, the error collector, pointers, annotations, the dynamic scope and the serializers
 * that generated classes use. It follows the generator and may change in any release, so
 * hand-written code should not depend on it; generated files opt in with
 * `@file:OptIn(InternalContractgenApi::class)`.
 *
 * The stable API is what the generated messages expose: [ContractMessage] (validate, decode and
 * encode one message), [ValidationError], [InvalidPayloadException], [EmbeddedJson] and
 * [StrictJson].
 */
@RequiresOptIn(
    message = "Used by the code contractgen generates; it may change in any release.",
    level = RequiresOptIn.Level.ERROR,
)
@Retention(AnnotationRetention.BINARY)
@Target(AnnotationTarget.CLASS)
annotation class InternalContractgenApi
