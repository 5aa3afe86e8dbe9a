//! The example backend against the contract: a request built from typed values, and the
//! page's responses read back.

use std::path::{Path, PathBuf};

use contractgen_runtime::ParseError;
use merchant_backend::contracts::get_session_token::{request, response};
use merchant_backend::{
    build_session_token_request, read_session_token_response, request_body, BackendError,
    SessionTokenParams, StandInSigner,
};

fn vector(name: &str) -> Vec<u8> {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/vectors/get_session_token/response")
        .join(name);
    std::fs::read(path).unwrap()
}

fn params() -> SessionTokenParams {
    SessionTokenParams {
        request_id: "f7443c1d-9acb-4b3d-9ae5-0e3c33dfcf5b".to_string(),
        merchant_key_id: "key-2024-01".to_string(),
        merchant_id: "stock".to_string(),
        customer_id: "abcde12345".to_string(),
        timestamp_millis: 1_668_389_349_848,
    }
}

#[test]
fn a_built_request_validates_and_keeps_the_signature_payload_bytes() {
    let signer = StandInSigner::new("merchant secret");
    let built = build_session_token_request(&params(), &signer).unwrap();
    let raw = built.payload.signature_payload.raw().to_string();
    // The string the page documents, byte for byte.
    assert_eq!(
        raw,
        r#"{"merchant_id":"stock","customer_id":"abcde12345","timestamp":"1668389349848"}"#
    );
    assert!(signer.verify(raw.as_bytes(), &built.payload.signature));

    let body = request_body(&built).unwrap();
    let sent: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(sent["payload"]["signaturePayload"], raw.as_str());
    assert_eq!(sent["payload"]["action"], "upiGetSessionToken");
    assert_eq!(sent["service"], "in.juspay.hyperapi");

    // What the SDK receives parses under the contract with the very same bytes.
    let received = request::from_slice(&body).unwrap();
    assert_eq!(received.payload.signature_payload.raw(), raw);
    assert_eq!(
        received.payload.signature_payload.value().timestamp,
        "1668389349848"
    );
    assert_eq!(received, built);
}

#[test]
fn a_request_that_breaks_the_contract_is_not_built() {
    let mut bad = params();
    bad.request_id = "abcd-12345-abcd-12345".to_string();
    match build_session_token_request(&bad, &StandInSigner::new("k")) {
        Err(BackendError::InvalidRequest(errors)) => {
            assert!(
                errors.iter().all(|e| e.instance_path == "/requestId"),
                "{errors:?}"
            );
        }
        other => panic!("expected an invalid request, got {other:?}"),
    }
}

/// What an application does with a request built in code: `?` into `Box<dyn Error>`.
fn checked(request: &request::Request) -> Result<(), Box<dyn std::error::Error>> {
    request::validate_typed(request)?;
    Ok(())
}

#[test]
fn a_failed_validation_is_one_error_listing_every_rule() {
    let built = build_session_token_request(&params(), &StandInSigner::new("k")).unwrap();
    assert!(checked(&built).is_ok());
    let mut bad = built;
    bad.request_id = "abcd".to_string();
    // `service` is a typed constant; only a catch-all entry of that name can send another.
    bad.extra
        .insert("service".to_string(), serde_json::json!("in.juspay.other"));
    let errors = request::validate_typed(&bad).unwrap_err();
    let text = checked(&bad).unwrap_err().to_string();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(format!("{} contract violation(s)", errors.len()).as_str())
    );
    // One line per error, each with its pointer and keyword location.
    let rest: Vec<&str> = lines.collect();
    assert_eq!(rest.len(), errors.len());
    for (line, error) in rest.iter().zip(&errors) {
        assert_eq!(line.trim(), error.to_string());
        assert!(line.contains(error.schema_location), "{line}");
    }
    assert!(rest.iter().any(|l| l.contains("/requestId")), "{text}");
    assert!(rest.iter().any(|l| l.contains("/service")), "{text}");
}

#[test]
fn the_page_example_response_round_trips_and_reads() {
    let bytes = vector("valid/page_example.json");
    let (typed, state) = read_session_token_response(&bytes).unwrap();

    let original: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(serde_json::to_value(&typed).unwrap(), original);
    response::validate_typed(&typed).unwrap();

    assert_eq!(state.status, response::Status::Linked);
    assert!(state.device_bound && state.device_activated);
    assert_eq!(state.accounts.len(), 1);
    let account = &state.accounts[0];
    assert_eq!(account.vpa, "abc@xyz");
    assert_eq!(account.bank_name, "ABCD");
    assert_eq!(account.masked_account_number, "XXXX203891");
    assert!(account.default_vpa && account.mpin_set && account.primary);
}

#[test]
fn both_account_forms_are_read() {
    let bytes = vector("valid/linked_multiple_vpas_mixed_forms.json");
    let (_, state) = read_session_token_response(&bytes).unwrap();
    let read: Vec<(&str, &str, bool, bool)> = state
        .accounts
        .iter()
        .map(|a| {
            (
                a.vpa.as_str(),
                a.bank_name.as_str(),
                a.mpin_set,
                a.default_vpa,
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            ("abc@okicici", "ICICI Bank", true, true),
            ("abc@okicici", "HDFC Bank", false, true),
            ("abc@okhdfc", "HDFC Bank", false, false),
        ]
    );
}

#[test]
fn sdk_errors_and_contract_violations_are_reported() {
    match read_session_token_response(&vector("valid/error_without_payload.json")) {
        Err(BackendError::Sdk { code, message }) => {
            assert_eq!(
                (code.as_str(), message.as_str()),
                ("JP_002", "SDK not initiated")
            );
        }
        other => panic!("expected an SDK error, got {other:?}"),
    }
    // The reply the SDK sends when the operation fails, with only the action in its payload.
    match read_session_token_response(&vector("valid/error_reply_action_only.json")) {
        Err(BackendError::Sdk { code, .. }) => assert_eq!(code, "JP_001"),
        other => panic!("expected an SDK error, got {other:?}"),
    }
    match read_session_token_response(&vector("invalid/error_reply_status_number.json")) {
        Err(BackendError::Response(ParseError::Invalid(errors))) => {
            assert!(
                errors.iter().any(|e| e.instance_path == "/payload/status"),
                "{errors:?}"
            );
        }
        other => panic!("expected a contract violation, got {other:?}"),
    }
}

#[test]
fn a_status_the_contract_does_not_list_is_kept_as_sent() {
    let (_, state) = read_session_token_response(&vector("valid/status_unknown.json")).unwrap();
    assert_eq!(
        state.status,
        response::Status::Other("SUSPENDED".to_string())
    );
    assert_eq!(state.status.as_str(), "SUSPENDED");
    let (_, failure) = read_session_token_response(&vector("valid/status_failure.json")).unwrap();
    assert_eq!(failure.status, response::Status::Failure);
    assert_eq!("LINKED".parse(), Ok(response::Status::Linked));
    assert!("linked".parse::<response::PayloadAction>().is_err());
}
