//! What a failed check or a failed parse reports.

use std::fmt;

use crate::__private::Path;

/// One broken rule: where in the payload, which schema keyword, and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// RFC 6901 pointer into the payload (`""` is the whole payload).
    pub instance_path: String,
    /// The schema keyword that failed, as `file#/json/pointer/keyword`.
    pub schema_location: &'static str,
    /// What was wrong, in words (`must be at most 8 characters long`).
    pub message: String,
}

impl ValidationError {
    /// The error generated code reports at `path`; users read errors, they do not build them.
    #[doc(hidden)]
    #[must_use]
    pub fn new(path: &Path<'_>, schema_location: &'static str, message: String) -> Self {
        ValidationError {
            instance_path: path.to_pointer(),
            schema_location,
            message,
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.instance_path.is_empty() {
            "(root)"
        } else {
            &self.instance_path
        };
        write!(f, "{at}: {} [{}]", self.message, self.schema_location)
    }
}

impl std::error::Error for ValidationError {}

/// Every rule a payload breaks: what a generated `validate` returns, one [`std::error::Error`]
/// so that `?` works in an application returning `Box<dyn Error>` or `anyhow::Result`.
/// It reads as the slice of errors (`len`, `iter`, indexing) and iterates by value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValidationErrors(Vec<ValidationError>);

impl ValidationErrors {
    /// The errors, to keep or to reorder.
    #[must_use]
    pub fn into_vec(self) -> Vec<ValidationError> {
        self.0
    }
}

impl From<Vec<ValidationError>> for ValidationErrors {
    fn from(errors: Vec<ValidationError>) -> Self {
        ValidationErrors(errors)
    }
}

impl From<ValidationErrors> for Vec<ValidationError> {
    fn from(errors: ValidationErrors) -> Self {
        errors.0
    }
}

impl std::ops::Deref for ValidationErrors {
    type Target = [ValidationError];

    fn deref(&self) -> &[ValidationError] {
        &self.0
    }
}

impl PartialEq<Vec<ValidationError>> for ValidationErrors {
    fn eq(&self, other: &Vec<ValidationError>) -> bool {
        &self.0 == other
    }
}

impl IntoIterator for ValidationErrors {
    type Item = ValidationError;
    type IntoIter = std::vec::IntoIter<ValidationError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a ValidationError;
    type IntoIter = std::slice::Iter<'a, ValidationError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// A count line, then one line per error (pointer, message, keyword location).
impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} contract violation(s)", self.0.len())?;
        for error in &self.0 {
            write!(f, "\n  {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Why bytes did not become a typed payload.
#[derive(Debug)]
pub enum ParseError {
    /// The bytes are not JSON.
    Json(serde_json::Error),
    /// The JSON breaks the contract: every broken rule.
    Invalid(ValidationErrors),
    /// Valid JSON that the typed model still cannot hold (a defect: please report it).
    Decode(serde_json::Error),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Json(e) => write!(f, "not JSON: {e}"),
            ParseError::Invalid(errors) => errors.fmt(f),
            ParseError::Decode(e) => {
                write!(f, "valid payload does not fit the generated type: {e}")
            }
        }
    }
}

impl std::error::Error for ParseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ParseError::Json(e) | ParseError::Decode(e) => Some(e),
            ParseError::Invalid(_) => None,
        }
    }
}

/// A string that is none of a closed enum's values (`str::parse` of a generated enum).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// The enum's name, as generated.
    pub enum_name: &'static str,
    /// The string given.
    pub value: String,
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a value of {}", self.value, self.enum_name)
    }
}

impl std::error::Error for UnknownValue {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_value_names_the_enum_and_the_value() {
        let error = UnknownValue {
            enum_name: "Status",
            value: "FOO".into(),
        };
        assert_eq!(error.to_string(), "\"FOO\" is not a value of Status");
    }

    #[test]
    fn errors_read_as_pointer_message_and_keyword() {
        let root = Path::Root;
        let at = root.key("amount");
        let error = ValidationError::new(
            &at,
            "x.schema.json#/properties/amount/pattern",
            "does not match".into(),
        );
        assert_eq!(
            error.to_string(),
            "/amount: does not match [x.schema.json#/properties/amount/pattern]"
        );
        let whole = ValidationError::new(&root, "x.schema.json#/required", "lacks id".into());
        assert_eq!(
            whole.to_string(),
            "(root): lacks id [x.schema.json#/required]"
        );
        let errors = ValidationErrors::from(vec![error, whole]);
        assert_eq!(
            errors.to_string(),
            "2 contract violation(s)\n  /amount: does not match [x.schema.json#/properties/amount/pattern]\n  (root): lacks id [x.schema.json#/required]"
        );
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[1].instance_path, "");
        let boxed: Box<dyn std::error::Error> = Box::new(errors.clone());
        assert_eq!(boxed.to_string(), errors.to_string());
        let parse = ParseError::Invalid(errors);
        assert_eq!(parse.to_string().lines().count(), 3);
        assert!(std::error::Error::source(&parse).is_none());
    }
}
