//! The Rust emitter (placeholder while being written).
use crate::emit::GeneratedFile;
use crate::error::Result;
use crate::ir::{Message, Vocabulary};

#[derive(Debug, Clone)]
pub struct RustOptions {
    pub crate_name: String,
}
impl Default for RustOptions {
    fn default() -> Self {
        RustOptions { crate_name: "contracts".into() }
    }
}
pub fn emit(messages: &[Message], vocabulary: Vocabulary, options: &RustOptions) -> Result<Vec<GeneratedFile>> {
    let _ = (messages, vocabulary, options);
    Ok(Vec::new())
}
