//! Generates the contract types from the repository's schemas into `OUT_DIR/contracts/`, and
//! those of the backend's own schemas into `OUT_DIR/webhooks/`.

fn main() {
    // A failed build script shows its panic message: the error names the schema file and the
    // JSON pointer of the problem, which is what the developer needs to fix it.
    if let Err(e) = contractgen::Config::new()
        .schema_dir("../../schema")
        .generate()
    {
        panic!("contractgen: {e}");
    }
    // The backend's own webhook contract, generated separately into `OUT_DIR/webhooks/`: its
    // errors are the same `contractgen_runtime` types as those of the SDK contracts. It names
    // the runtime through the crate's re-export (`crate::runtime`), as a crate that hands its
    // users the runtime would.
    if let Err(e) = contractgen::Config::new()
        .schema_dir("schema")
        .module_dir("webhooks")
        .runtime_crate("crate::runtime")
        .generate()
    {
        panic!("contractgen: {e}");
    }
}
