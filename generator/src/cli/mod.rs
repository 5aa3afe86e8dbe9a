//! The subcommands' parts: `validate`'s settings lookup, payload inputs, checking and reports,
//! and the hidden `build-script` that the `contractgen-build` crate runs.

pub mod build_script;
pub mod inputs;
pub mod settings;
pub mod validate;
