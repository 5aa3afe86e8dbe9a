//! What can go wrong between the merchant's values and the SDK's payloads.

use std::fmt;

use contractgen_runtime::{ParseError, ValidationErrors};

#[derive(Debug)]
pub enum BackendError {
    /// A value could not be turned into JSON (the signature payload or the request body).
    Encode(serde_json::Error),
    /// A request built here breaks the contract: it must not be sent.
    InvalidRequest(ValidationErrors),
    /// The SDK's response is not JSON, breaks the contract, or does not fit the types.
    Response(ParseError),
    /// The SDK reported a failure (`"error": true`).
    Sdk { code: String, message: String },
    /// A successful response without the `payload` (or its status and device flags) that
    /// carries the session state.
    MissingPayload,
}

impl fmt::Display for BackendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackendError::Encode(e) => write!(f, "cannot encode as JSON: {e}"),
            BackendError::InvalidRequest(errors) => {
                write!(f, "request breaks the contract: {errors}")
            }
            BackendError::Response(e) => write!(f, "bad Get Session Token response: {e}"),
            BackendError::Sdk { code, message } => write!(f, "SDK error {code}: {message}"),
            BackendError::MissingPayload => write!(f, "response has no payload"),
        }
    }
}

impl std::error::Error for BackendError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BackendError::Encode(e) => Some(e),
            BackendError::Response(e) => Some(e),
            BackendError::InvalidRequest(errors) => Some(errors),
            _ => None,
        }
    }
}
