//! Lowering: schema documents in, one `ir::Message` per `<contract>/<message>.schema.json` out.

mod program;
mod types;
mod validation;
mod vocabularies;

use heck::ToUpperCamelCase;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::ir::{Message, Vocabulary};
use crate::schema::{Registry, SchemaRef};
use types::TypeBuilder;
use validation::ProgramBuilder;

/// Names the generated code itself uses next to the message's types.
const RESERVED_TYPE_NAMES: &[&str] =
    &["ValidationError", "ParseError", "Value", "Result", "Option"];

/// Lowers one message whose schema document was loaded as `doc`.
pub fn lower_message(
    registry: &mut Registry,
    vocabulary: Vocabulary,
    contract: &str,
    message: &str,
    doc: usize,
) -> Result<Message> {
    let root = SchemaRef {
        doc,
        pointer: String::new(),
    };
    let location = registry.location(&root);
    let vocabularies = vocabularies::vocabularies_of(registry, &root)?;
    let vocabulary = Vocabulary {
        assert_format: vocabulary.assert_format || vocabularies.format_assertion,
        ..vocabulary
    };
    let base = registry
        .base_of(&root)
        .ok_or_else(|| Error::schema(&location, "document has no base URI"))?;
    let root_name = message.to_upper_camel_case();
    let mut program = ProgramBuilder::new(registry, vocabulary, vocabularies);
    // Function 0 is the whole payload's validator.
    program.function_for(&root, &base, false);
    let mut reserved: Vec<&str> = RESERVED_TYPE_NAMES.to_vec();
    reserved.retain(|n| *n != root_name);
    let mut types = TypeBuilder::new(&mut program, vocabulary.assert_content, &reserved);
    let root_type = types.type_of(&root, &base, &root_name)?;
    let type_defs = types.finish()?;
    let (title, description) = match program.registry().value(&root) {
        Some(Value::Object(map)) => (
            map.get("title").and_then(Value::as_str).map(str::to_string),
            map.get("description")
                .and_then(Value::as_str)
                .map(str::to_string),
        ),
        _ => (None, None),
    };
    let program = program.finish()?;
    let checks = program::check_program(&program);
    Ok(Message {
        contract: contract.to_string(),
        message: message.to_string(),
        schema_file: location.file.clone(),
        title,
        description,
        root: root_type,
        types: type_defs,
        program,
        checks,
        location,
    })
}
