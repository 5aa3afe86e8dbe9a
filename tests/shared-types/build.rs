//! Generates the fixture's contracts into `OUT_DIR/contracts/`, as a consumer's build script
//! would, without the `schemars` derives (the crate does not depend on schemars).

fn main() {
    if let Err(e) = contractgen::Config::new()
        .schema_dir("schema")
        .schemars(false)
        .generate()
    {
        panic!("contractgen: {e}");
    }
}
