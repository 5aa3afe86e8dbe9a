//! Why [`crate::Config::generate`] failed. Each case says what to do: where the binary was
//! looked for and how to install it, which two versions differ, or the generator's own
//! message (the schema file and JSON pointer of the problem), passed on as it printed it.

use std::fmt;
use std::path::PathBuf;

/// The environment variable that names the `contractgen` binary; without it, `PATH` is
/// searched.
pub const BINARY_ENV: &str = "CONTRACTGEN";

/// This crate's version, which the binary's must equal: the settings' form is private to one
/// version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A failed [`crate::Config::generate`].
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// No `contractgen` binary: `CONTRACTGEN` names a file that does not exist, or it is unset
    /// and no directory of `PATH` holds one.
    NotFound {
        /// Where it was looked for: the variable's value, or `PATH`.
        looked_in: String,
    },
    /// The binary could not be started, or its output could not be read.
    Run {
        binary: PathBuf,
        source: std::io::Error,
    },
    /// The binary is another version than this crate.
    VersionMismatch {
        binary: PathBuf,
        /// What `contractgen --version` printed.
        found: String,
    },
    /// Generation failed: the generator's message, as it printed it (it names the schema file
    /// and the JSON pointer).
    Generator {
        /// The binary that ran, or `None` in process (feature `bundled`).
        binary: Option<PathBuf>,
        message: String,
    },
    /// A setting the binary cannot be given: a path that is not UTF-8 (the settings travel as
    /// JSON text).
    Setting { name: &'static str, value: PathBuf },
}

/// The command that installs the binary this crate runs.
pub fn install_command() -> String {
    format!("cargo install contractgen --version {VERSION} --locked")
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotFound { looked_in } => write!(
                f,
                "the contractgen binary was not found ({looked_in}); install it with `{}`, \
                 or set {BINARY_ENV} to its path",
                install_command()
            ),
            Error::Run { binary, source } => {
                write!(f, "could not run {}: {source}", binary.display())
            }
            Error::VersionMismatch { binary, found } => write!(
                f,
                "{} is contractgen {found}, but contractgen-build is {VERSION}: the two must be \
                 the same version; install the matching binary with `{}`, or set {BINARY_ENV} \
                 to it",
                binary.display(),
                install_command()
            ),
            Error::Generator { message, .. } => f.write_str(message),
            Error::Setting { name, value } => write!(
                f,
                "contractgen-build: {name} {} is not valid UTF-8, which the contractgen binary \
                 cannot be given",
                value.display()
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Run { source, .. } => Some(source),
            _ => None,
        }
    }
}
