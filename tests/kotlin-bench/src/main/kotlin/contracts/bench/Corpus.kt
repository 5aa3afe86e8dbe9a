package contracts.bench

import java.io.File

/** The benchmark corpus: the conformance vectors of one message, valid or invalid. */
object Corpus {
    const val CONTRACT = "get_session_token"

    /**
     * The repository root: `-Dcontractgen.root=DIR`, else the nearest directory up from the working
     * directory that holds `tests/vectors` (JMH forks start in the caller's directory).
     */
    val root: File by lazy {
        System.getProperty("contractgen.root")?.let {
            return@lazy File(it).canonicalFile
        }
        generateSequence(File("").absoluteFile) { it.parentFile }
            .firstOrNull { File(it, "tests/vectors").isDirectory }
            ?: error("run from inside the repository, or pass -Dcontractgen.root=DIR")
    }

    /** The schema file of [message]. */
    fun schemaFile(message: String): File = File(root, "schema/$CONTRACT/$message.schema.json")

    /** The text of every vector of [message] in [kind] (`valid` or `invalid`), in name order. */
    fun texts(message: String, kind: String): List<String> {
        val dir = File(root, "tests/vectors/$CONTRACT/$message/$kind")
        val files = dir.listFiles { file -> file.name.endsWith(".json") }.orEmpty().sorted()
        check(files.isNotEmpty()) { "$dir: no vectors" }
        return files.map { it.readText() }
    }
}
