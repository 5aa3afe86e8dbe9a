//! `validate_typed` on values built in code gives exactly what `validate` gives on the value's
//! JSON (`serde_json::to_value`): the same verdict and the same errors in the same order, also
//! where the typed value is nested deeper than the depth limit or its catch-all map repeats a
//! field's wire name.

use contractgen_runtime::__private::{dispose, MAX_DEPTH};
use contracts::get_session_token::request::{self, Request};
use serde_json::{json, Map, Value};

const VALID: &str =
    include_str!("../../vectors/get_session_token/request/valid/with_udf_parameters.json");

fn valid() -> Request {
    request::from_str(VALID).unwrap_or_else(|e| panic!("the vector decodes: {e}"))
}

/// `[[...[0]...]]` with `levels` arrays, built without recursion.
fn nested(levels: usize) -> Value {
    (0..levels).fold(json!(0), |inner, _| Value::Array(vec![inner]))
}

fn same_as_json(typed: &Request) -> Result<(), contractgen_runtime::ValidationErrors> {
    let instance = serde_json::to_value(typed).unwrap_or_else(|e| panic!("{e}"));
    let verdict = request::validate(&instance);
    assert_eq!(request::validate_typed(typed), verdict);
    verdict
}

#[test]
fn a_valid_value_is_valid_both_ways() {
    assert_eq!(same_as_json(&valid()), Ok(()));
}

#[test]
fn depth_at_and_past_the_limit_reads_as_validate() {
    // The catch-all map's value sits one level below the root object.
    for levels in [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, MAX_DEPTH + 30] {
        let mut typed = valid();
        typed.extra.insert("deep".to_string(), nested(levels));
        let verdict = same_as_json(&typed);
        assert_eq!(verdict.is_err(), levels >= MAX_DEPTH, "{levels}");
    }
}

#[test]
fn a_value_too_deep_to_serialize_is_refused_without_overflowing() {
    // Serializing this whole would recurse once per level and exhaust the stack.
    let levels = 200_000;
    let mut typed = valid();
    typed.extra.insert("deep".to_string(), nested(levels));
    let got = request::validate_typed(&typed);
    // What `validate` gives on the same JSON, built without serializing the deep part.
    let deep = typed.extra.remove("deep").unwrap_or(Value::Null);
    let mut instance = serde_json::to_value(&typed).unwrap_or_else(|e| panic!("{e}"));
    if let Value::Object(members) = &mut instance {
        members.insert("deep".to_string(), deep);
    }
    let expected = request::validate(&instance);
    dispose(instance);
    assert!(expected.is_err());
    assert_eq!(got, expected);
}

#[test]
fn a_catch_all_key_equal_to_a_field_name_is_checked_as_sent() {
    // Serialized, the map's entry replaces the field's value: what is sent is what is checked.
    let cases: [(&str, Value); 4] = [
        ("service", json!(5)),
        ("service", json!("in.juspay.hyperapi")),
        ("requestId", json!("")),
        ("payload", json!({"action": "upiGetSessionToken"})),
    ];
    for (key, value) in cases {
        let mut typed = valid();
        typed.extra.insert(key.to_string(), value.clone());
        let verdict = same_as_json(&typed);
        let valid_anyway = key == "service" && value.is_string();
        assert_eq!(verdict.is_ok(), valid_anyway, "{key}: {value}");
    }
    let mut typed = valid();
    typed
        .payload
        .extra
        .insert("action".to_string(), json!("somethingElse"));
    assert!(same_as_json(&typed).is_err());
    let mut members = Map::new();
    members.insert("signature".to_string(), json!(5));
    typed.payload.extra = members.into();
    assert!(same_as_json(&typed).is_err());
}

type Verdict = Result<(), contractgen_runtime::ValidationErrors>;

/// For every vector and a mutated corpus: each instance that decodes into the typed value
/// (whether or not it is valid) is checked both ways. Returns (decoded, of those invalid).
fn differential<T: serde::de::DeserializeOwned + serde::Serialize>(
    info: &contracts::MessageInfo,
    validate_typed: fn(&T) -> Verdict,
) -> (usize, usize) {
    let mut instances = Vec::new();
    let mut bases = Vec::new();
    for root in conformance::vector_roots() {
        let vectors = conformance::find_vectors(&root).unwrap_or_else(|e| panic!("{e}"));
        for vector in vectors {
            if vector.contract == info.contract && vector.message == info.message {
                let value = contractgen::reference::read_json(&vector.path)
                    .unwrap_or_else(|e| panic!("{e}"));
                if vector.valid {
                    bases.push(value.clone());
                }
                instances.push(value);
            }
        }
    }
    let (_, schema) = conformance::reference_validator(info).unwrap_or_else(|e| panic!("{e}"));
    let seeds = conformance::mutate::Seeds::new(bases, &schema);
    let mut rng = conformance::mutate::Rng::new(0x7919);
    instances.extend(
        (0..2000).filter_map(|_| conformance::mutate::generate(&mut rng, &seeds).map(|i| i.value)),
    );
    let (mut decoded, mut invalid) = (0, 0);
    for instance in instances {
        let Ok(typed) = serde_json::from_value::<T>(instance) else {
            continue;
        };
        let json = serde_json::to_value(&typed).unwrap_or_else(|e| panic!("{e}"));
        let expected = (info.validate)(&json);
        assert_eq!(validate_typed(&typed), expected, "{json}");
        decoded += 1;
        invalid += usize::from(expected.is_err());
    }
    (decoded, invalid)
}

#[test]
fn every_decodable_vector_and_mutant_reads_the_same_both_ways() {
    use contracts::get_session_token::response;
    let infos = contracts::MESSAGES;
    let find = |message: &str| {
        infos
            .iter()
            .find(|info| info.contract == "get_session_token" && info.message == message)
            .unwrap_or_else(|| panic!("{message} is listed"))
    };
    let counts = [
        differential::<Request>(find("request"), request::validate_typed),
        differential::<response::Response>(find("response"), response::validate_typed),
    ];
    for (decoded, invalid) in counts {
        // Not vacuous: invalid typed values (empty strings, unknown enum-like strings, ...)
        // are among those compared.
        assert!(
            decoded > 100 && invalid > 10,
            "{decoded} decoded, {invalid} invalid"
        );
    }
}

#[test]
fn to_string_sends_a_valid_payload_as_serde_writes_it() {
    let typed = valid();
    let text = request::to_string(&typed).unwrap_or_else(|e| panic!("valid: {e}"));
    assert_eq!(
        Ok(text.clone()),
        serde_json::to_string(&typed).map_err(|e| e.to_string())
    );
    assert_eq!(request::from_str(&text).ok(), Some(typed.clone()));
    let bytes = request::to_vec(&typed).unwrap_or_else(|e| panic!("valid: {e}"));
    assert_eq!(bytes, text.into_bytes());
}

#[test]
fn to_string_refuses_an_invalid_payload_with_every_broken_rule() {
    let mut typed = valid();
    // `action` is a typed constant: only a catch-all entry of that name sends another value.
    typed
        .payload
        .extra
        .insert("action".to_string(), json!("somethingElse"));
    typed.request_id = "not-a-uuid".to_string();
    let refused = request::to_string(&typed);
    assert_eq!(refused.clone().err(), request::validate_typed(&typed).err());
    let errors = refused.err().map(Vec::from).unwrap_or_default();
    let pointers: Vec<&str> = errors.iter().map(|e| e.instance_path.as_str()).collect();
    assert!(pointers.contains(&"/payload/action"), "{pointers:?}");
    assert!(pointers.contains(&"/requestId"), "{pointers:?}");
    assert_eq!(
        request::to_vec(&typed).err(),
        request::validate_typed(&typed).err()
    );
}
