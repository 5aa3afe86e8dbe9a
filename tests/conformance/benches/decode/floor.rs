//! The floor: a plain serde derive of the same fields the generated types have, with no checks
//! at all (string booleans and digit strings stay strings, unknown members are dropped). What a
//! checked typed decode should cost hardly more than.

use serde::Deserialize;

#[derive(Deserialize)]
#[allow(dead_code)]
pub struct Response {
    #[serde(rename = "requestId")]
    request_id: Option<String>,
    service: Option<String>,
    payload: Option<Payload>,
    error: Option<bool>,
    #[serde(rename = "errorMessage")]
    error_message: Option<String>,
    #[serde(rename = "errorCode")]
    error_code: Option<String>,
    event: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
enum Action {
    #[serde(rename = "upiGetSessionToken")]
    UpiGetSessionToken,
    #[serde(rename = "getSessionToken")]
    GetSessionToken,
}

#[derive(Deserialize)]
#[allow(dead_code)]
enum Status {
    #[serde(rename = "NOPERMISSION")]
    Nopermission,
    #[serde(rename = "FRESH")]
    Fresh,
    #[serde(rename = "BOUND")]
    Bound,
    #[serde(rename = "LINKED")]
    Linked,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Payload {
    action: Action,
    status: Status,
    #[serde(rename = "isDeviceBound")]
    is_device_bound: String,
    #[serde(rename = "isDeviceActivated")]
    is_device_activated: String,
    prefix: String,
    #[serde(rename = "vpaAccounts")]
    vpa_accounts: Option<Vec<VpaAccount>>,
    #[serde(rename = "customerMobileNumber")]
    customer_mobile_number: Option<String>,
    #[serde(rename = "deviceFingerPrint")]
    device_finger_print: Option<String>,
    #[serde(rename = "expiryTimestamp")]
    expiry_timestamp: Option<String>,
    #[serde(rename = "otherInfo")]
    other_info: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct VpaAccount {
    vpa: String,
    accounts: Option<Vec<BankAccount>>,
    account: Option<BankAccount>,
    #[serde(rename = "isDefault")]
    is_default: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct BankAccount {
    #[serde(rename = "bankCode")]
    bank_code: String,
    #[serde(rename = "bankName")]
    bank_name: String,
    #[serde(rename = "maskedAccountNumber")]
    masked_account_number: String,
    #[serde(rename = "mpinLength")]
    mpin_length: String,
    #[serde(rename = "mpinSet")]
    mpin_set: String,
    #[serde(rename = "referenceId")]
    reference_id: String,
    #[serde(rename = "otpLength")]
    otp_length: String,
    #[serde(rename = "atmPinLength")]
    atm_pin_length: String,
    r#type: Option<String>,
    #[serde(rename = "branchName")]
    branch_name: Option<String>,
    #[serde(rename = "bankAccountUniqueId")]
    bank_account_unique_id: Option<String>,
    ifsc: Option<String>,
    #[serde(rename = "isPrimary")]
    is_primary: Option<String>,
    name: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Request {
    #[serde(rename = "requestId")]
    request_id: String,
    service: String,
    payload: RequestPayload,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct RequestPayload {
    action: String,
    #[serde(rename = "merchantKeyId")]
    merchant_key_id: String,
    signature: String,
    #[serde(rename = "signaturePayload")]
    signature_payload: String,
    #[serde(rename = "udfParameters")]
    udf_parameters: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct SignaturePayload {
    merchant_id: String,
    customer_id: String,
    timestamp: String,
}

/// Whether the bytes decode into the response's fields.
pub fn response(bytes: &[u8]) -> bool {
    serde_json::from_slice::<Response>(bytes).is_ok()
}

/// Whether the bytes decode into the request's fields, the embedded signature payload (and
/// UDF parameters) decoded too, as the generated type does.
pub fn request(bytes: &[u8]) -> bool {
    let Ok(request) = serde_json::from_slice::<Request>(bytes) else {
        return false;
    };
    let payload = &request.payload;
    let udf_ok = payload.udf_parameters.as_deref().is_none_or(|text| {
        serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(text).is_ok()
    });
    udf_ok && serde_json::from_str::<SignaturePayload>(&payload.signature_payload).is_ok()
}
