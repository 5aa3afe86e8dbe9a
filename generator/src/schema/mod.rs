//! Reading schema documents: files, `$id`s, anchors and `$ref` resolution.

mod keywords;
pub mod nesting;
mod pointer;
mod registry;
mod uri;

pub use keywords::{schema_children, SchemaChild};
pub use pointer::{pointer_get, pointer_tokens};
pub use registry::{DocId, Registry, Resolved, SchemaRef};
pub use uri::Uri;
