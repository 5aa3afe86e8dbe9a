//! Generates the fixture's contracts into `OUT_DIR/contracts/`, as a consumer's build script would.

fn main() {
    if let Err(e) = contractgen::Config::new().schema_dir("schema").generate() {
        panic!("contractgen: {e}");
    }
}
