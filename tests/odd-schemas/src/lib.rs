//! Fixture for legal schemas that once broke generation (`schema/`): types named `String`,
//! `Vec` or `Box`, an enum value `self`, empty property names, control characters in
//! descriptions, recursion through arrays and maps, integers written `1.0`, patterns of each
//! shape compiled to plain code. Any warning in the generated code fails the build, so compiling
//! this crate is the first test.
#![deny(warnings)]

/// The generated contracts, as `build.rs` wrote them into `OUT_DIR`.
pub mod contracts {
    include!(concat!(env!("OUT_DIR"), "/contracts/lib.rs"));
}
