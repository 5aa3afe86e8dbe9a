//! Fixture for types shared across messages and contracts: `pay` and `refund` both refer to
//! `schema/shared/money.json`, and `pay/response` refers to a definition of `pay/request`.
//! The tests prove, by compiling, that each shared definition is one Rust type.

/// The generated contracts, as `build.rs` wrote them into `OUT_DIR`.
pub mod contracts {
    include!(concat!(env!("OUT_DIR"), "/contracts/lib.rs"));
}
