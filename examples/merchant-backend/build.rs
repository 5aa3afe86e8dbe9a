//! Generates the contract types from the repository's schemas into `OUT_DIR/contracts/`.

fn main() {
    // A failed build script shows its panic message: the error names the schema file and the
    // JSON pointer of the problem, which is what the developer needs to fix it.
    if let Err(e) = contractgen::Config::new()
        .schema_dir("../../schema")
        .generate()
    {
        panic!("contractgen: {e}");
    }
}
