//! Each shared definition is one type: values move between messages and contracts without
//! conversion, and unions and recursive types declared in the shared file decode.

use shared_types::contracts::shared::money::{Amount, BankAccount, Category, Currency, Payer};
use shared_types::contracts::{pay, refund};

const PAY: &str = r#"{
  "amount": {"value": "10.00", "currency": "INR"},
  "payer": {"vpa": "asha@upi"},
  "category": {"name": "food", "parent": {"name": "retail"}, "children": [{"name": "snacks"}]},
  "note": {"text": "lunch"}
}"#;

const RESPONSE: &str = r#"{"status": "SUCCESS", "amount": {"value": "10.00", "currency": "INR"}}"#;

/// Takes the one shared type; each call below would fail to compile with a per-message copy.
fn value_of(amount: &Amount) -> &str {
    &amount.value
}

#[test]
fn one_amount_type_serves_both_contracts() -> Result<(), Box<dyn std::error::Error>> {
    let request: pay::Request = pay::request::from_str(PAY)?;
    let response: pay::Response = pay::response::from_str(RESPONSE)?;
    assert_eq!(value_of(&request.amount), "10.00");
    assert_eq!(value_of(&response.amount), "10.00");
    assert_eq!(request.amount.currency, Currency::Inr);

    // A refund is built from what the pay messages decoded, moved over as they are.
    let refund = refund::Request {
        amount: response.amount.clone(),
        payer: Some(request.payer.clone()),
        original: response,
        extra: Default::default(),
    };
    refund::request::validate_typed(&refund).map_err(|e| format!("{e:?}"))?;
    assert_eq!(value_of(&refund.amount), "10.00");
    Ok(())
}

#[test]
fn a_message_whose_root_is_a_shared_type_decodes_into_it() -> Result<(), Box<dyn std::error::Error>>
{
    let text = r#"{"value": "3.00", "currency": "USD"}"#;
    let refunded: Amount = refund::response::from_str(text)?;
    let as_root: refund::Response = refunded.clone();
    assert_eq!(value_of(&as_root), "3.00");
    assert!(refund::response::from_str(r#"{"value": "3", "currency": "USD"}"#).is_err());
    Ok(())
}

#[test]
fn a_definition_of_one_message_is_the_same_type_in_another(
) -> Result<(), Box<dyn std::error::Error>> {
    let request: pay::Request = pay::request::from_str(PAY)?;
    let text = r#"{"status": "FAILURE", "amount": {"value": "1.00", "currency": "USD"}, "note": {"text": "x"}}"#;
    let response: pay::Response = pay::response::from_str(text)?;
    let note: Option<pay::request::Note> = response.note;
    assert_eq!(note.map(|n| n.text), Some("x".to_string()));
    assert!(request.note.is_some());
    Ok(())
}

#[test]
fn shared_unions_decode_through_their_branch_checks() -> Result<(), Box<dyn std::error::Error>> {
    let request: pay::Request = pay::request::from_str(PAY)?;
    assert!(matches!(request.payer, Payer::Vpa(ref v) if v.vpa == "asha@upi"));
    let account = r#"{"amount": {"value": "2.50", "currency": "INR"}, "payer": {"accountNumber": "1234567", "ifsc": "HDFC0001234"}}"#;
    let request: pay::Request = pay::request::from_str(account)?;
    let expected = BankAccount {
        account_number: "1234567".to_string(),
        ifsc: "HDFC0001234".to_string(),
        extra: Default::default(),
    };
    assert_eq!(request.payer, Payer::BankAccount(expected));
    // Neither branch: the shared union's own check rejects it when decoding without `validate`.
    let neither = serde_json::json!({"vpa": "NOT A VPA"});
    assert!(serde_json::from_value::<Payer>(neither).is_err());
    Ok(())
}

#[test]
fn recursive_shared_types_nest() -> Result<(), Box<dyn std::error::Error>> {
    let request: pay::Request = pay::request::from_str(PAY)?;
    let category: Category = request.category.ok_or("no category")?;
    let parent: Box<Category> = category.parent.ok_or("no parent")?;
    assert_eq!(parent.name, "retail");
    assert_eq!(category.children.map(|c| c.len()), Some(1));
    let invalid = PAY.replace(r#""name": "snacks""#, r#""name": """#);
    let errors = pay::request::validate(&serde_json::from_str(&invalid)?)
        .err()
        .ok_or("an empty nested name must be rejected")?;
    assert_eq!(errors[0].instance_path, "/category/children/0/name");
    Ok(())
}
