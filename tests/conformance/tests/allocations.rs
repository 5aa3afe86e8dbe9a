//! `validate_typed` allocates nothing on a valid payload: every valid vector is decoded
//! without checks (`MessageInfo::typed_check`), checked once, then checked again with the
//! allocations of the thread counted, which must be none. (`validate` on a parsed `Value` is
//! counted the same way over the official suite, in `tests/suite/run`; here it may allocate
//! for embedded JSON, which it decodes into its type to check it.)

use conformance::{find_vectors, vector_roots};
use libtest_mimic::{Arguments, Failed, Trial};

#[path = "../../support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::counted;

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    for root in vector_roots() {
        let vectors = match find_vectors(&root) {
            Ok(vectors) => vectors,
            Err(e) => {
                let name = format!("vectors in {}", root.display());
                trials.push(Trial::test(name, move || Err(e.into())));
                continue;
            }
        };
        for vector in vectors.into_iter().filter(|v| v.valid) {
            let name = format!("{} typed check allocates nothing", vector.name());
            trials.push(Trial::test(name, move || {
                let info = contracts::MESSAGES
                    .iter()
                    .find(|m| m.contract == vector.contract && m.message == vector.message)
                    .ok_or("no generated message for the vector")?;
                let text = std::fs::read(&vector.path).map_err(|e| e.to_string())?;
                let value: serde_json::Value =
                    serde_json::from_slice(&text).map_err(|e| e.to_string())?;
                let check = (info.typed_check)(&value)
                    .ok_or("the valid vector does not decode into the types")?;
                if !check() {
                    return Err("validate_typed refuses the valid vector".into());
                }
                let (count, valid) = counted(&check);
                match (valid, count) {
                    (true, 0) => Ok(()),
                    (valid, count) => Err(Failed::from(format!(
                        "validate_typed said {valid} after {count} allocation(s)"
                    ))),
                }
            }));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}
