//! Errors on user input: each names the file and, where there is one, the JSON pointer.

use std::path::PathBuf;

/// A place in a schema: the file it came from and a JSON pointer into it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// File path as the user gave it (or as discovered under the schema directory).
    pub file: String,
    /// RFC 6901 pointer inside that file; empty for the document root.
    pub pointer: String,
}

impl Location {
    pub fn new(file: impl Into<String>, pointer: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            pointer: pointer.into(),
        }
    }

    /// The location of a child keyword or property name.
    pub fn join(&self, token: &str) -> Self {
        Location {
            file: self.file.clone(),
            pointer: format!("{}/{}", self.pointer, escape_pointer_token(token)),
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}#{}", self.file, self.pointer)
    }
}

/// Escapes one reference token for a JSON pointer (RFC 6901 section 3).
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

// `Display` and `std::error::Error` are written out rather than derived with `thiserror`: a
// build script that runs the generator then compiles no derive macro of its own for them.
#[derive(Debug)]
pub enum Error {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Json {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// A JSON file that parses but is cut short or does not hold what it should.
    JsonContent {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    Schema {
        location: Location,
        message: String,
    },
    UnresolvedRef {
        location: Location,
        reference: String,
        reason: String,
    },
    Unsupported {
        location: Location,
        keyword: String,
        reason: String,
    },
    Config(String),
    Emit {
        language: &'static str,
        file: String,
        message: String,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Json {
                path,
                line,
                column,
                message,
            } => write!(
                f,
                "{}:{line}:{column}: malformed JSON: {message}",
                path.display()
            ),
            Error::JsonContent {
                path,
                line,
                column,
                message,
            } => write!(f, "{}:{line}:{column}: {message}", path.display()),
            Error::Schema { location, message } => write!(f, "{location}: {message}"),
            Error::UnresolvedRef {
                location,
                reference,
                reason,
            } => write!(
                f,
                "{location}: cannot resolve $ref \"{reference}\": {reason}"
            ),
            Error::Unsupported {
                location,
                keyword,
                reason,
            } => write!(
                f,
                "{location}: keyword \"{keyword}\" is not supported by the generator: {reason}"
            ),
            Error::Config(message) => f.write_str(message),
            Error::Emit {
                language,
                file,
                message,
            } => write!(
                f,
                "internal error: emitted {language} for {file} does not parse ({message}); \
                 please report this"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl Error {
    pub fn schema(location: &Location, message: impl Into<String>) -> Self {
        Error::Schema {
            location: location.clone(),
            message: message.into(),
        }
    }

    pub fn unsupported(location: &Location, keyword: &str, reason: impl Into<String>) -> Self {
        Error::Unsupported {
            location: location.clone(),
            keyword: keyword.to_string(),
            reason: reason.into(),
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Reads and parses a JSON file; a parse error names the file, line and column.
pub fn read_json_file<T: serde::de::DeserializeOwned>(path: &std::path::Path) -> Result<T> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    serde_json::from_str(&text).map_err(|e| json_error(path, &e))
}

/// The JSON type of a value, with its article, as error messages name what was found.
pub(crate) fn json_type(value: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A serde error as the user should read it: bad syntax, a file cut short and well-formed JSON
/// of the wrong shape call for different fixes.
pub(crate) fn json_error(path: &std::path::Path, e: &serde_json::Error) -> Error {
    use serde_json::error::Category;
    let (line, column, path) = (e.line(), e.column(), path.to_path_buf());
    let message = match e.classify() {
        Category::Syntax => {
            return Error::Json {
                path,
                line,
                column,
                message: e.to_string(),
            }
        }
        Category::Eof => format!("the JSON ends before it is complete: {e}"),
        Category::Data => format!("well-formed JSON, but not what this file must hold: {e}"),
        Category::Io => format!("could not read the JSON: {e}"),
    };
    Error::JsonContent {
        path,
        line,
        column,
        message,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn read(text: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, text).unwrap();
        match read_json_file::<BTreeMap<String, u32>>(&path) {
            Ok(_) => "ok".into(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn each_kind_of_bad_json_says_what_is_wrong() {
        assert!(read("{,}").contains("settings.json:1:2: malformed JSON"));
        let cut = read("{\"a\": 1");
        assert!(
            cut.contains("settings.json:1:7: the JSON ends before"),
            "{cut}"
        );
        let shape = read("{\"a\": \"x\"}");
        assert!(
            shape.contains("settings.json:1:9: well-formed JSON, but not what this file must hold"),
            "{shape}"
        );
        assert!(!shape.contains("malformed"), "{shape}");
        assert_eq!(read("{}"), "ok");
    }
}
