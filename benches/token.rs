//! Decoding a pasted token, and decoding plus verifying it with a cached key (RS256, the way
//! Auth0 signs), plus the full report with every check.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::json;
use tenantscope::sim::keys::SigningKeys;
use tenantscope::timefmt::Clock;
use tenantscope::token::checks::Expectations;
use tenantscope::token::verify::verify_with_key;
use tenantscope::token::{SignatureStatus, decode, inspect};

fn token(c: &mut Criterion) {
    let keys = SigningKeys::load();
    let now = chrono::Utc::now().timestamp();
    let token = keys.sign(&json!({
        "iss": "https://acme.eu.auth0.com/",
        "sub": "auth0|64ab0123456789abcdef0123",
        "aud": ["https://api.acme.test/orders", "https://acme.eu.auth0.com/userinfo"],
        "iat": now,
        "exp": now + 86_400,
        "azp": "8XVCaBcDeFgHiJkLmNoPqRsTuVwXyZ01",
        "scope": "openid profile email read:orders write:orders",
        "https://acme.test/roles": ["admin"],
    }));
    let jwk = keys.jwks().keys[0].clone();
    let decoded = decode(&token).unwrap();
    assert_eq!(verify_with_key(&decoded, &jwk, "bench").status, SignatureStatus::Verified);
    let expect = Expectations {
        issuer: Some(("https://acme.eu.auth0.com/".into(), "issuer")),
        leeway: 60,
        ..Default::default()
    };
    let clock = Clock::system();

    c.bench_function("decode", |b| b.iter(|| decode(black_box(&token)).unwrap()));
    c.bench_function("decode_and_verify_cached_key", |b| {
        b.iter(|| {
            let decoded = decode(black_box(&token)).unwrap();
            verify_with_key(&decoded, &jwk, "bench")
        })
    });
    c.bench_function("decode_verify_and_check", |b| {
        b.iter(|| {
            let decoded = decode(black_box(&token)).unwrap();
            let signature = verify_with_key(&decoded, &jwk, "bench");
            inspect(&decoded, signature, &clock, &expect)
        })
    });
}

criterion_group!(benches, token);
criterion_main!(benches);
