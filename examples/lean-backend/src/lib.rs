//! A backend that reads the SDK's Get Session Token reply. Its types and validators come from
//! `build.rs`, which runs the prebuilt `contractgen` binary through `contractgen-build`.

/// The generated contracts, as `build.rs` wrote them into `OUT_DIR`.
pub mod contracts {
    include!(concat!(env!("OUT_DIR"), "/contracts/lib.rs"));
}

use contracts::get_session_token::{response, Response};

/// The reply's error code, when the SDK reports a failure; a reply that is not JSON, or breaks
/// the contract (every broken rule at once), is an error.
pub fn error_code(reply: &[u8]) -> Result<Option<String>, contractgen_runtime::ParseError> {
    let reply: Response = response::from_slice(reply)?;
    Ok(reply.error_code)
}
