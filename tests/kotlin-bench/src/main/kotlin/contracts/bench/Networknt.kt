package contracts.bench

import com.fasterxml.jackson.core.JacksonException
import com.fasterxml.jackson.databind.DeserializationFeature
import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.databind.json.JsonMapper
import com.networknt.schema.Error
import com.networknt.schema.ExecutionContext
import com.networknt.schema.Schema
import com.networknt.schema.SchemaContext
import com.networknt.schema.SchemaLocation
import com.networknt.schema.SchemaRegistry
import com.networknt.schema.SchemaRegistryConfig
import com.networknt.schema.dialect.Dialect
import com.networknt.schema.dialect.Dialects
import com.networknt.schema.keyword.BaseKeywordValidator
import com.networknt.schema.keyword.Keyword
import com.networknt.schema.keyword.KeywordValidator
import com.networknt.schema.path.NodePath
import java.io.File
import java.util.Base64

/**
 * The baseline: the networknt validator for draft 2020-12 on the same schema files, with format
 * assertion on and, like the Rust baseline, `contentMediaType`/`contentSchema` asserted through a
 * custom keyword (networknt treats them as annotations in 2020-12).
 */
object Networknt {
    /** Jackson as the baseline parses: strict, so text after the value is an error too. */
    val mapper: ObjectMapper =
        JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build()

    /**
     * Every schema file under `schema/` by its `$id`, so a `$ref` into another file (the shared
     * `process_result.json`) resolves to that file, as in the generator, and not to the network.
     */
    private val byId: Map<String, String> by lazy {
        File(Corpus.root, "schema")
            .walk()
            .filter { it.isFile && it.name.endsWith(".json") && it.name != "contractgen.json" }
            .mapNotNull { file ->
                val text = file.readText()
                mapper.readTree(text).get("\$id")?.textValue()?.let { it to text }
            }
            .toMap()
    }

    /** The schema of [message]; [assertContent] false leaves the content keywords annotations. */
    fun schema(message: String, assertContent: Boolean): Schema {
        val dialect =
            if (assertContent) Dialect.builder(Dialects.getDraft202012()).keyword(Content).build()
            else Dialects.getDraft202012()
        val config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()
        val registry =
            SchemaRegistry.withDialect(dialect) { it.schemaRegistryConfig(config).schemas(byId) }
        // Loaded under its own `$id`, so the `$ref`s resolve as they do in the generator.
        val document = mapper.readTree(Corpus.schemaFile(message))
        val id = checkNotNull(document.get("\$id")?.textValue()) { "$message: no \$id" }
        val schema = registry.getSchema(SchemaLocation.of(id), document)
        schema.initializeValidators()
        return schema
    }

    /**
     * `contentMediaType: application/json` as an assertion: the string (base64-decoded first when
     * `contentEncoding` says so) must be JSON, and that JSON must pass `contentSchema`, which is
     * resolved in the same document as the keyword.
     */
    private object Content : Keyword {
        override fun getValue(): String = "contentMediaType"

        override fun newValidator(
            location: SchemaLocation,
            node: JsonNode,
            parent: Schema,
            context: SchemaContext,
        ): KeywordValidator = ContentValidator(location, node, parent, context)
    }

    private class ContentValidator(
        location: SchemaLocation,
        node: JsonNode,
        parent: Schema,
        context: SchemaContext,
    ) : BaseKeywordValidator(Content, node, location, parent, context) {
        private val json = node.textValue().let { it == "application/json" || it.endsWith("+json") }
        private val base64 = parent.schemaNode.get("contentEncoding")?.textValue() == "base64"
        private val inner: Schema? =
            parent.schemaNode.get("contentSchema")?.let {
                context.newSchema(parent.schemaLocation.append("contentSchema"), it, parent)
            }

        override fun preloadSchema() {
            inner?.initializeValidators()
        }

        override fun validate(
            executionContext: ExecutionContext,
            node: JsonNode,
            rootNode: JsonNode,
            instanceLocation: NodePath,
        ) {
            if (!json || !node.isTextual) return
            val problem = problem(executionContext, node.textValue(), instanceLocation) ?: return
            executionContext.addError(
                Error.builder()
                    .keyword(keyword)
                    .schemaLocation(schemaLocation)
                    .instanceLocation(instanceLocation)
                    .evaluationPath(executionContext.evaluationPath)
                    .instanceNode(node)
                    .message("{0}")
                    .arguments(problem)
                    .build()
            )
        }

        /** What is wrong with the content [text]; null when nothing is. */
        private fun problem(context: ExecutionContext, text: String, at: NodePath): String? {
            val decoded =
                if (!base64) text
                else
                    try {
                        String(Base64.getDecoder().decode(text), Charsets.UTF_8)
                    } catch (_: IllegalArgumentException) {
                        return "is not valid base64"
                    }
            val parsed =
                try {
                    mapper.readTree(decoded)
                } catch (e: JacksonException) {
                    return "is not valid JSON: ${e.originalMessage}"
                }
            // Jackson reads empty text as a missing node, not as an error.
            if (parsed.isMissingNode) return "is not valid JSON: no value"
            val schema = inner ?: return null
            // The content's errors are collected apart, as networknt's own `not` does, and
            // reported as one error of this keyword.
            val outer = context.errors
            val failFast = context.isFailFast
            val found = ArrayList<Error>()
            context.errors = found
            context.isFailFast = false
            try {
                schema.validate(context, parsed, parsed, at)
            } finally {
                context.errors = outer
                context.isFailFast = failFast
            }
            return if (found.isEmpty()) null
            else found.joinToString("; ") { "embedded JSON: ${it.message}" }
        }
    }
}
