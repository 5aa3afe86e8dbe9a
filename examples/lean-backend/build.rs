//! Generates the contract types from the repository's schemas into `OUT_DIR/contracts/` by
//! running the `contractgen` binary.

fn main() {
    // The error says what to do: install the binary (the exact command), install the
    // matching version, or fix the schema file and JSON pointer the generator names.
    if let Err(e) = contractgen_build::Config::new()
        .schema_dir("../../schema")
        .generate()
    {
        panic!("contractgen: {e}");
    }
}
