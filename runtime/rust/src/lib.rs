//! The runtime of the code [contractgen](https://crates.io/crates/contractgen) generates from
//! JSON Schema (draft 2020-12) contracts, as `prost` is the runtime of what `prost-build`
//! generates. Every generated crate or `build.rs` module tree depends on it instead of carrying
//! a copy, so two of them share one [`ValidationError`] and one [`ParseError`].
//!
//! The public API is what a user of generated code names:
//!
//! - [`ValidationError`]: one broken rule, with the instance pointer, the schema keyword and a
//!   message.
//! - [`ValidationErrors`]: every broken rule of a payload, what a generated `validate` and
//!   `validate_typed` return; an [`std::error::Error`], so `?` works in an application.
//! - [`ParseError`]: why bytes did not become a typed payload (`from_slice`, `from_str`,
//!   `from_value`).
//! - [`UnknownValue`]: a string that is none of a closed generated enum's values (`str::parse`).
//! - [`StringBool`]: a boolean that travels as `"true"` / `"false"`.
//! - [`EmbeddedJson`]: a string holding JSON, parsed, with its exact original text kept.
//! - [`Extra`]: the members a struct's schema does not name, kept as received; it reads and
//!   changes as the [`serde_json::Map`] it dereferences to.
//!
//! ```
//! use contractgen_runtime::{EmbeddedJson, StringBool};
//!
//! let flag: StringBool = serde_json::from_str("\"true\"").unwrap();
//! assert!(*flag);
//! let inner: EmbeddedJson<serde_json::Value> = EmbeddedJson::from_raw(r#"{"a": 1}"#).unwrap();
//! assert_eq!(inner.raw(), r#"{"a": 1}"#);
//! assert_eq!(inner.value()["a"], 1);
//! ```
//!
//! Format checks that need other crates are behind features, which the generated `Cargo.toml`
//! enables exactly as its schemas need them (a `build.rs` consumer enables them itself):
//!
//! | feature | formats | crates |
//! |---|---|---|
//! | `idn` | `hostname`, `idn-hostname`, `idn-email` | `idna`, `icu_properties` |
//! | `uri` | `uri`, `uri-reference`, `iri`, `iri-reference` | `iri-string` |
//! | `ecma-regex` | `regex` | `regress` |
//!
//! Everything else lives in `__private`, which only generated code calls; it is hidden from the
//! docs and follows the generator's version, not semver on its own.

#![deny(missing_docs)]

mod error;
mod extra;
mod values;

#[doc(hidden)]
pub mod __private;

pub use error::{ParseError, UnknownValue, ValidationError, ValidationErrors};
pub use extra::Extra;
pub use values::{EmbeddedJson, StringBool};
