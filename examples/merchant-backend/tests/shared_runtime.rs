//! Two module trees generated separately (the SDK contracts and the backend's webhooks) report
//! through one runtime: their errors go into one `Vec` and one `match`.

use contractgen_runtime::{ParseError, ValidationError};
use merchant_backend::{contracts, webhooks};
use serde_json::json;

#[test]
fn errors_of_separately_generated_contracts_are_one_type() {
    let mut errors: Vec<ValidationError> = Vec::new();
    errors.extend(contracts::get_session_token::request::validate(&json!({})).unwrap_err());
    errors.extend(
        webhooks::refund::notification::validate(&json!({"refundId": "", "amount": "1"}))
            .unwrap_err(),
    );

    let from = |prefix: &str| {
        errors
            .iter()
            .filter(|e| e.schema_location.starts_with(prefix))
            .count()
    };
    assert!(
        from("get_session_token/request.schema.json#") > 0,
        "{errors:#?}"
    );
    // `refundId` too short, `amount` without cents, `status` missing.
    assert_eq!(from("refund/notification.schema.json#"), 3, "{errors:#?}");
    assert_eq!(
        errors.len(),
        from("get_session_token/") + from("refund/"),
        "{errors:#?}"
    );
}

#[test]
fn parse_errors_of_both_trees_are_one_type() {
    let failures: Vec<ParseError> = [
        contracts::get_session_token::response::from_slice(b"{").map(drop),
        webhooks::refund::notification::from_str(r#"{"refundId": "r1"}"#).map(drop),
    ]
    .into_iter()
    .filter_map(Result::err)
    .collect();
    assert!(matches!(failures[0], ParseError::Json(_)));
    assert!(matches!(&failures[1], ParseError::Invalid(errors) if errors.len() == 2));

    let refund = webhooks::refund::notification::from_str(
        r#"{"refundId": "r1", "amount": "10.00", "status": "SUCCESS"}"#,
    )
    .unwrap();
    assert_eq!(refund.amount, "10.00");
}
