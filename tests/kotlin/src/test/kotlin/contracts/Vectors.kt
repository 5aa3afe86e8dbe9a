package contracts

import java.io.File

/**
 * One test vector: `<dir>/<contract>/<message>/{valid,invalid}/<name>.json`, and for an invalid one
 * the RFC 6901 pointer (in `<name>.pointer`) at which some error must be reported.
 */
data class Vector(
    val contract: String,
    val message: String,
    val valid: Boolean,
    val file: File,
    /** How the conformance results name the file: relative to the repository, else absolute. */
    val displayPath: String,
) {
    val name: String
        get() = "$contract/$message/${if (valid) "valid" else "invalid"}/${file.name}"

    /**
     * The pointer an invalid vector must be rejected at, or null without a `<name>.pointer` file (a
     * captured payload): then only its verdict is checked here, and agreement with Rust in
     * AgreementTest, as the Rust harness does.
     */
    fun expectedPointer(): String? {
        val pointer = File(file.path.removeSuffix(".json") + ".pointer")
        if (!pointer.isFile) return null
        return pointer.readText().lines().firstOrNull()?.trimEnd('\r') ?: ""
    }
}

/** Finds the vectors under `tests/vectors` and under each directory in `CONTRACTGEN_VECTORS`. */
object Vectors {
    /** The repository root, passed by Maven as `contractgen.root`. */
    val root: File by lazy {
        val configured = System.getProperty("contractgen.root")
        checkNotNull(configured) { "run the tests through Maven: contractgen.root is not set" }
        File(configured).canonicalFile
    }

    /** The directories holding vectors, each laid out as `<contract>/<message>/...`. */
    fun directories(): List<File> {
        val extra =
            System.getenv("CONTRACTGEN_VECTORS")
                ?.split(':')
                ?.filter { it.isNotBlank() }
                ?.map { File(it).absoluteFile }
                .orEmpty()
        return listOf(File(root, "tests/vectors")) + extra
    }

    /** Every vector, in a stable order. */
    fun all(): List<Vector> = directories().flatMap { scan(it) }

    /** The vectors under [dir]; a vector outside `<contract>/<message>/{valid,invalid}` fails. */
    fun scan(dir: File): List<Vector> {
        check(dir.isDirectory) { "$dir: no such vector directory" }
        val insideRepository = dir.canonicalFile.startsWith(File(root, "tests/vectors"))
        return dir.walkTopDown()
            .filter { it.isFile && it.name.endsWith(".json") }
            .sortedBy { it.path }
            .map { file ->
                val parts = file.relativeTo(dir).invariantSeparatorsPath.split('/')
                check(parts.size == 4 && parts[2] in setOf("valid", "invalid")) {
                    "$file: expected <contract>/<message>/{valid,invalid}/<name>.json"
                }
                val display =
                    if (insideRepository)
                        file.canonicalFile.relativeTo(root).invariantSeparatorsPath
                    else file.absolutePath
                Vector(parts[0], parts[1], parts[2] == "valid", file, display)
            }
            .toList()
    }

    /** The vector a conformance result names: relative to the repository, or absolute. */
    fun resolve(path: String): File {
        val file = File(path)
        return (if (file.isAbsolute) file else File(root, path)).canonicalFile
    }
}
