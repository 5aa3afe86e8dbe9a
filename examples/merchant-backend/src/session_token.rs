//! Get Session Token: the request the merchant sends and the state its response reports.

use contractgen_runtime::EmbeddedJson;

use crate::contracts::get_session_token::{request, response};
use crate::error::BackendError;
use crate::signing::Signer;

/// What the merchant knows when it asks for a session token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionTokenParams {
    /// A fresh uuid v4 for this request.
    pub request_id: String,
    /// Names the key pair the signature is made with.
    pub merchant_key_id: String,
    /// The merchant's id at Juspay.
    pub merchant_id: String,
    /// The merchant's reference for the customer.
    pub customer_id: String,
    /// When the request is created, in milliseconds since the Unix epoch.
    pub timestamp_millis: u64,
}

/// Builds the request: the signature payload becomes its exact string, the signature covers
/// those bytes, and the whole request is checked against the contract before it is returned.
pub fn build_session_token_request(
    params: &SessionTokenParams,
    signer: &impl Signer,
) -> Result<request::Request, BackendError> {
    let signature_payload = EmbeddedJson::from_value(request::SignaturePayload::new(
        &params.merchant_id,
        &params.customer_id,
        params.timestamp_millis.to_string(),
    ))
    .map_err(BackendError::Encode)?;
    let signature = signer.sign(signature_payload.raw().as_bytes());
    // `action` and `service` are typed constants: `new` fills them in.
    let payload = request::Payload::new(&params.merchant_key_id, signature, signature_payload);
    let request = request::Request::new(&params.request_id, payload);
    request::validate_typed(&request).map_err(BackendError::InvalidRequest)?;
    Ok(request)
}

/// The bytes to send to the SDK: checked against the schema again, since a caller may have
/// changed the request since it was built.
pub fn request_body(request: &request::Request) -> Result<Vec<u8>, BackendError> {
    request::to_vec(request).map_err(BackendError::InvalidRequest)
}

/// The user's onboarding state, as the backend's own code wants it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionState {
    pub status: response::Status,
    pub device_bound: bool,
    pub device_activated: bool,
    /// Every bank account linked to any vpa, whichever form (`accounts` or `account`) the SDK
    /// used; empty unless the status is `LINKED`.
    pub accounts: Vec<LinkedAccount>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedAccount {
    pub vpa: String,
    pub default_vpa: bool,
    pub bank_name: String,
    pub masked_account_number: String,
    pub mpin_set: bool,
    pub primary: bool,
}

/// Parses and validates the SDK's response, then reads the session state from it.
pub fn read_session_token_response(
    bytes: &[u8],
) -> Result<(response::Response, SessionState), BackendError> {
    let response = response::from_slice(bytes).map_err(BackendError::Response)?;
    let state = session_state(&response)?;
    Ok((response, state))
}

fn session_state(response: &response::Response) -> Result<SessionState, BackendError> {
    if response.error == Some(true) {
        return Err(BackendError::Sdk {
            code: response.error_code.clone().unwrap_or_default(),
            message: response.error_message.clone().unwrap_or_default(),
        });
    }
    let payload = response
        .payload
        .as_ref()
        .ok_or(BackendError::MissingPayload)?;
    let mut accounts = Vec::new();
    for vpa in payload.vpa_accounts.iter().flatten() {
        let linked = vpa.accounts.iter().flatten().chain(vpa.account.as_ref());
        for account in linked {
            accounts.push(LinkedAccount {
                vpa: vpa.vpa.clone(),
                default_vpa: vpa.is_default.is_some_and(|b| b.get()),
                bank_name: account.bank_name.clone(),
                masked_account_number: account.masked_account_number.clone(),
                mpin_set: account.mpin_set.get(),
                primary: account.is_primary.is_some_and(|b| b.get()),
            });
        }
    }
    // A success reply that passed validation carries all three; an error reply was handled
    // above, so a missing one is the same fault as a missing payload.
    let (Some(status), Some(bound), Some(activated)) = (
        payload.status.clone(),
        payload.is_device_bound,
        payload.is_device_activated,
    ) else {
        return Err(BackendError::MissingPayload);
    };
    Ok(SessionState {
        status,
        device_bound: bound.get(),
        device_activated: activated.get(),
        accounts,
    })
}
