//! The reference validator: the `jsonschema` crate, configured with the same vocabulary as
//! the generated code (format and content assertion), used by `contractgen validate` and as
//! the independent baseline in conformance tests.

use std::path::Path;

use serde_json::Value;

use crate::error::{Error, Result};
pub use crate::reference_messages::{display_pointer, errors, ReportedError};

/// Reads a schema file and builds a `jsonschema` validator that asserts formats and content
/// when the settings of the folder two above it (`<schema dir>/<contract>/<message>.schema.json`)
/// say so. The CLI finds settings itself and calls [`validator_with`].
pub fn validator_for_file(schema: &Path) -> Result<jsonschema::Validator> {
    let value = read_json(schema)?;
    let settings_dir = schema
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."));
    let vocabulary = crate::settings::read_settings(settings_dir)?.vocabulary;
    validator_with(schema, &value, vocabulary)
}

/// A `jsonschema` validator for `document`, read from `schema` (its location resolves
/// relative references), with the given vocabulary.
pub fn validator_with(
    schema: &Path,
    document: &Value,
    vocabulary: crate::Vocabulary,
) -> Result<jsonschema::Validator> {
    let base = std::path::absolute(schema).map_err(|e| Error::io(schema, e))?;
    let base_uri = crate::schema::Uri::from_file_path(&base)
        .ok_or_else(|| Error::Config(format!("{}: cannot form a file URI", schema.display())))?;
    build(document, base_uri.as_str(), vocabulary, schema)
}

fn build(
    schema: &Value,
    base_uri: &str,
    vocabulary: crate::Vocabulary,
    path: &Path,
) -> Result<jsonschema::Validator> {
    // `<schema dir>/<contract>/<message>.schema.json`: references by `$id` are looked up there.
    let schema_dir = path
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."));
    let schema_dir = std::path::absolute(schema_dir).map_err(|e| Error::io(schema_dir, e))?;
    let mut options = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .with_base_uri(base_uri.to_string())
        .with_retriever(crate::reference_retriever::SchemaDirRetriever::new(
            &schema_dir,
        ))
        .should_validate_formats(vocabulary.assert_format);
    if vocabulary.assert_content {
        options = crate::reference_content::with_content_assertion(options, schema);
    }
    options.build(schema).map_err(|e| Error::Schema {
        location: crate::Location::new(path.display().to_string(), e.instance_path().to_string()),
        message: format!("invalid schema: {e}"),
    })
}

/// Every error the reference validator reports for one payload file, as `pointer: message`
/// in the words of the message catalogue. `schema` is the validator's schema document.
pub fn validate_file(
    validator: &jsonschema::Validator,
    schema: &Value,
    file: &Path,
) -> Result<Vec<String>> {
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    Ok(validate_bytes(validator, schema, &bytes, file)?
        .into_iter()
        .map(|e| format!("{}: {}", display_pointer(&e.instance_path), e.message))
        .collect())
}

/// Every error the reference validator reports for one payload's bytes; `Err` when they are
/// not JSON (`path` names them in that error).
pub fn validate_bytes(
    validator: &jsonschema::Validator,
    schema: &Value,
    bytes: &[u8],
    path: &Path,
) -> Result<Vec<ReportedError>> {
    // Payload text is refused where the generated `from_slice` refuses it (a property name
    // given twice, nesting past the runtimes' limit): the reference reads bytes the same way.
    use contractgen_runtime::__private::{check_text, StrictError};
    match check_text(bytes) {
        Err(StrictError::Refused(refusal)) => {
            // No keyword failed: the text itself is refused, so there is no schema location.
            return Ok(vec![ReportedError {
                instance_path: refusal.pointer,
                schema_path: String::new(),
                message: refusal.message.to_string(),
            }]);
        }
        Err(StrictError::Json(_)) | Ok(()) => {}
    }
    let instance: Value =
        serde_json::from_slice(bytes).map_err(|e| crate::error::json_error(path, &e))?;
    Ok(errors(validator, schema, &instance))
}

/// Reads a payload or schema file as JSON.
pub fn read_json(path: &Path) -> Result<Value> {
    crate::error::read_json_file(path)
}
