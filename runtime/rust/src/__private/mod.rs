//! What generated validators and types call, and nothing a user needs to name: it may change
//! in any release, together with the generator that emits the calls. Generated message files
//! import it as `support` (`use ::contractgen_runtime::__private as support;`).

mod capped;
mod content;
mod instance;
mod json;
mod one_pass;
mod pattern;
mod strict;
mod typed;

pub mod de;
pub mod double_option;
pub mod format;
pub mod integer;

// Format checks that need crates of their own, each behind the feature of the same purpose, so
// a crate whose schemas assert none of those formats builds none of those crates.
#[cfg(feature = "ecma-regex")]
pub mod ecma_regex;
#[cfg(feature = "idn")]
pub mod idn;
#[cfg(feature = "uri")]
pub mod uri;

pub use crate::{EmbeddedJson, ParseError, StringBool, ValidationError};
pub use capped::capped_json;
pub use content::decode_content;
pub use instance::{Annotations, Evaluated, Name, Path, Scope};
pub use json::{
    char_count, compare_numbers, has_duplicates, has_property, is_integer, is_integral, json_equal,
    property, type_name, Limit,
};
pub use one_pass::{decode_strict, decode_strict_str, decode_unbounded};
pub use pattern::{skip_bytes, skip_chars, skip_exact, ByteClass, Matcher};
pub use strict::{
    check_depth, check_text, dispose, parse_payload, parse_strict, too_deep, Refusal, StrictError,
    DUPLICATE_PROPERTY, MAX_DEPTH, TOO_DEEP,
};
pub use typed::{
    field_order, json_of, keeps_insertion_order, shadows, unserializable, within_depth,
};
