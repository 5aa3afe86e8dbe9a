//! The built payloads of the decode benchmark: a LINKED response with many VPAs of three
//! accounts each, and the same with six broken rules. Shared with `examples/repeat.rs`.

use serde_json::{json, Value};

fn account(i: usize, j: usize) -> Value {
    json!({
        "bankCode": format!("{:06}", 500_000 + i * 3 + j),
        "bankName": "ICICI Bank",
        "maskedAccountNumber": format!("XXXXXXXX{:04}", i * 3 + j),
        "mpinLength": "6",
        "mpinSet": "true",
        "referenceId": format!("c2a1e0f9b8d7465a9e3f2b1c0d9e{:04x}", i * 3 + j),
        "otpLength": "6",
        "atmPinLength": "4",
        "type": "Savings",
        "branchName": "Koramangala",
        "bankAccountUniqueId": format!("ICIC0001234-XXXX{:04}-7f3e", i * 3 + j),
        "ifsc": "ICIC0001234",
        "isPrimary": if j == 0 { "true" } else { "false" },
        "name": "ABC"
    })
}

/// A LINKED response with `vpas` VPAs of three accounts each.
pub fn linked(vpas: usize) -> Value {
    let accounts: Vec<Value> = (0..vpas)
        .map(|i| {
            json!({
                "vpa": format!("user{i}@okicici"),
                "accounts": (0..3).map(|j| account(i, j)).collect::<Vec<_>>(),
                "isDefault": if i == 0 { "true" } else { "false" }
            })
        })
        .collect();
    json!({
        "requestId": "f7443c1d-9acb-4b3d-9ae5-0e3c33dfcf5b",
        "service": "in.juspay.hyperapi",
        "payload": {
            "action": "upiGetSessionToken",
            "status": "LINKED",
            "isDeviceBound": "true",
            "isDeviceActivated": "true",
            "prefix": "ABC",
            "vpaAccounts": accounts,
            "customerMobileNumber": "XXXXXX3210",
            "deviceFingerPrint": "6c1b0e4f2a9d8c7b",
            "expiryTimestamp": "1668475749848"
        },
        "error": false,
        "errorMessage": "",
        "errorCode": "",
        "event": "process_result"
    })
}

/// The same response with six broken rules spread over it.
pub fn linked_with_errors(vpas: usize) -> Value {
    let mut value = linked(vpas);
    let breaks: [(&str, Value); 6] = [
        ("/payload/vpaAccounts/0/accounts/0/mpinSet", json!("yes")),
        ("/payload/vpaAccounts/7/accounts/1/mpinLength", json!("six")),
        ("/payload/vpaAccounts/19/isDefault", json!("no")),
        ("/payload/vpaAccounts/23/accounts/2/bankName", json!(42)),
        ("/payload/vpaAccounts/31/vpa", json!(null)),
        ("/payload/isDeviceBound", json!("maybe")),
    ];
    for (pointer, broken) in breaks {
        if let Some(slot) = value.pointer_mut(pointer) {
            *slot = broken;
        }
    }
    value
}
