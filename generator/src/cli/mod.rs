//! The `validate` subcommand's parts: settings lookup, payload inputs, checking and reports.

pub mod inputs;
pub mod settings;
pub mod validate;
