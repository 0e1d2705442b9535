//! No input, however long or strange, makes the token inspector panic: arbitrary text, arbitrary
//! bytes in three or five base64 parts, and JSON of any shape as header and claims.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use proptest::prelude::*;
use serde_json::{Map, Value};
use tenantscope::timefmt::Clock;
use tenantscope::token::checks::Expectations;
use tenantscope::token::{SignatureReport, decode, inspect};

fn clock() -> Clock {
    Clock::fixed(DateTime::parse_from_rfc3339("2026-11-22T09:00:00Z").unwrap().with_timezone(&Utc))
}

/// Runs everything a pasted token goes through, in the CLI and the Token pane.
fn inspect_everything(input: &str) {
    if let Ok(decoded) = decode(input) {
        let expect = Expectations {
            issuer: Some(("https://acme.auth0.com/".into(), "the tenant's issuer")),
            audience: Some("https://api".into()),
            leeway: 60,
            ..Default::default()
        };
        let inspection = inspect(&decoded, SignatureReport::not_checked(""), &clock(), &expect);
        let _ = inspection.to_json().to_string();
        let _ = inspection.passed(true);
        if let Some(payload) = &inspection.payload {
            for (key, value) in payload {
                let _ = tenantscope::token::claims::explain(key, value, &clock(), |_| None);
            }
        }
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null)),
        ".*".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((".*", inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// Objects whose keys are the claims the inspector reads, with values of any type.
fn claims_object() -> impl Strategy<Value = Map<String, Value>> {
    let names = prop::sample::select(vec![
        "iss",
        "sub",
        "aud",
        "exp",
        "nbf",
        "iat",
        "auth_time",
        "updated_at",
        "scope",
        "permissions",
        "azp",
        "gty",
        "nonce",
        "alg",
        "kid",
        "https://x/y",
    ]);
    prop::collection::vec((names, json_value()), 0..10)
        .prop_map(|pairs| pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

proptest! {
    #[test]
    fn any_text(input in ".*") {
        inspect_everything(&input);
    }

    #[test]
    fn any_bytes_in_any_number_of_parts(parts in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..64), 1..7)) {
        let token = parts.iter().map(|p| URL_SAFE_NO_PAD.encode(p)).collect::<Vec<_>>().join(".");
        inspect_everything(&token);
    }

    #[test]
    fn any_json_as_header_and_claims(header in claims_object(), payload in claims_object(), extra in json_value()) {
        let encode = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());
        let token = format!("{}.{}.sig", encode(&Value::Object(header.clone())), encode(&Value::Object(payload)));
        inspect_everything(&token);
        inspect_everything(&format!("{}.{}.x", encode(&Value::Object(header)), encode(&extra)));
    }
}
