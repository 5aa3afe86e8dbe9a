//! A small merchant backend on the Get Session Token contract. Its types and validators are not
//! checked in: `build.rs` generates them from `schema/` with `contractgen::Config`, and
//! [`contracts`] `include!`s the result.
//!
//! The backend builds a signed request from typed values ([`build_session_token_request`]) and
//! reads the SDK's answer into plain Rust values ([`read_session_token_response`]).

/// The generated contracts, as `build.rs` wrote them into `OUT_DIR`.
pub mod contracts {
    include!(concat!(env!("OUT_DIR"), "/contracts/lib.rs"));
}

mod error;
mod session_token;
mod signing;

pub use error::BackendError;
pub use session_token::{
    build_session_token_request, read_session_token_response, request_body, LinkedAccount,
    SessionState, SessionTokenParams, ACTION, SERVICE,
};
pub use signing::{Signer, StandInSigner};
