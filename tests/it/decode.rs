//! The token inspector: every algorithm, the refusals, key rotation, hostile issuers, and the
//! `decode` subcommand's output and exit codes, against the simulated tenant and wiremock.

use crate::common;

use std::io::Write;
use std::process::Stdio;

use jsonwebtoken::jwk::{Jwk, JwkSet, KeyAlgorithm};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use tenantscope::auth0::{Http, HttpOptions};
use tenantscope::key_sets;
use tenantscope::sim::keys::SigningKeys;
use tenantscope::token::{KeySource, SignatureStatus, decode, verify};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const RSA: &[u8] = include_bytes!("fixtures/rsa.pem");
const ES256: &[u8] = include_bytes!("fixtures/es256.pem");
const ES384: &[u8] = include_bytes!("fixtures/es384.pem");

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

fn claims(iss: &str) -> Value {
    json!({"iss": iss, "sub": "auth0|64ab", "aud": ["https://api.acme.test/orders"], "iat": now(), "exp": now() + 3600, "scope": "read:orders"})
}

fn key_for(alg: Algorithm) -> EncodingKey {
    match alg {
        Algorithm::ES256 => EncodingKey::from_ec_pem(ES256).unwrap(),
        Algorithm::ES384 => EncodingKey::from_ec_pem(ES384).unwrap(),
        _ => EncodingKey::from_rsa_pem(RSA).unwrap(),
    }
}

fn sign(alg: Algorithm, kid: &str, claims: &Value) -> String {
    let mut header = Header::new(alg);
    header.kid = Some(kid.into());
    jsonwebtoken::encode(&header, claims, &key_for(alg)).unwrap()
}

fn jwk(alg: Algorithm, kid: &str) -> Jwk {
    let mut jwk = Jwk::from_encoding_key(&key_for(alg), alg).unwrap();
    jwk.common.key_id = Some(kid.into());
    jwk
}

fn http() -> Http {
    Http::new(HttpOptions::default()).unwrap()
}

#[tokio::test]
async fn every_supported_algorithm_verifies_as_the_key_says() {
    let algorithms = [
        Algorithm::RS256,
        Algorithm::RS384,
        Algorithm::RS512,
        Algorithm::PS256,
        Algorithm::PS384,
        Algorithm::PS512,
        Algorithm::ES256,
        Algorithm::ES384,
    ];
    let mut keys = Vec::new();
    for alg in algorithms {
        let mut key = jwk(alg, &format!("{alg:?}"));
        key.common.key_algorithm = Some(match alg {
            Algorithm::RS384 => KeyAlgorithm::RS384,
            Algorithm::RS512 => KeyAlgorithm::RS512,
            Algorithm::PS256 => KeyAlgorithm::PS256,
            Algorithm::PS384 => KeyAlgorithm::PS384,
            Algorithm::PS512 => KeyAlgorithm::PS512,
            Algorithm::ES256 => KeyAlgorithm::ES256,
            Algorithm::ES384 => KeyAlgorithm::ES384,
            _ => KeyAlgorithm::RS256,
        });
        keys.push(key);
    }
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), serde_json::to_vec(&JwkSet { keys }).unwrap()).unwrap();
    let cache = key_sets::cache(KeySource::File(file.path().to_path_buf()), http());
    for alg in algorithms {
        let token = sign(alg, &format!("{alg:?}"), &claims("https://acme.auth0.com/"));
        let report = verify(&decode(&token).unwrap(), &cache).await;
        assert_eq!(report.status, SignatureStatus::Verified, "{alg:?}: {}", report.detail);
        // Change one character of the signature (not the last, whose low bits may be padding).
        let at = token.len() - 5;
        let flipped = if &token[at..at + 1] == "A" { "B" } else { "A" };
        let mut tampered = token.clone();
        tampered.replace_range(at..at + 1, flipped);
        let report = verify(&decode(&tampered).unwrap(), &cache).await;
        assert_ne!(report.status, SignatureStatus::Verified, "{alg:?} tampered");
    }
}

#[tokio::test]
async fn a_key_of_another_algorithm_is_refused() {
    let mut key = jwk(Algorithm::RS256, "k");
    key.common.key_algorithm = Some(KeyAlgorithm::RS256);
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), serde_json::to_vec(&JwkSet { keys: vec![key] }).unwrap()).unwrap();
    let cache = key_sets::cache(KeySource::File(file.path().to_path_buf()), http());
    let token = sign(Algorithm::PS256, "k", &claims("x"));
    let report = verify(&decode(&token).unwrap(), &cache).await;
    assert_eq!(report.status, SignatureStatus::Invalid);
    assert!(report.detail.contains("PS256") && report.detail.contains("RS256"), "{}", report.detail);
    let token = sign(Algorithm::ES256, "k", &claims("x"));
    assert_eq!(verify(&decode(&token).unwrap(), &cache).await.status, SignatureStatus::Invalid);
}

#[tokio::test]
async fn alg_none_and_hs256_are_refused_with_the_reason_and_fetch_nothing() {
    let server = MockServer::start().await;
    let cache = key_sets::cache(KeySource::parse(&format!("{}/jwks.json", server.uri())).unwrap(), http());
    let none = format!("{}.{}.", b64(r#"{"alg":"none"}"#), b64(&claims("x").to_string()));
    let report = verify(&decode(&none).unwrap(), &cache).await;
    assert_eq!(report.status, SignatureStatus::Invalid);
    assert!(report.detail.contains("alg is none"));
    let hs =
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims("x"), &EncodingKey::from_secret(b"s"))
            .unwrap();
    let report = verify(&decode(&hs).unwrap(), &cache).await;
    assert_eq!(report.status, SignatureStatus::Invalid);
    assert!(report.detail.contains("shared-secret"), "{}", report.detail);
    assert!(server.received_requests().await.unwrap().is_empty());
}

fn b64(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

#[tokio::test]
async fn an_unknown_kid_fetches_the_keys_once_more_for_rotation() {
    let server = MockServer::start().await;
    let old = JwkSet { keys: vec![jwk(Algorithm::RS256, "old")] };
    let rotated = JwkSet { keys: vec![jwk(Algorithm::RS256, "old"), jwk(Algorithm::ES256, "new")] };
    Mock::given(path("/.well-known/jwks.json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&old))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/.well-known/jwks.json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&rotated))
        .mount(&server)
        .await;
    let tenant = tenantscope::auth0::Tenant::parse(&server.uri()).unwrap();
    let cache = key_sets::cache(KeySource::Url(tenant.jwks_url()), http());

    let first = sign(Algorithm::RS256, "old", &claims("x"));
    assert_eq!(verify(&decode(&first).unwrap(), &cache).await.status, SignatureStatus::Verified);
    let again = sign(Algorithm::RS256, "old", &claims("y"));
    assert_eq!(verify(&decode(&again).unwrap(), &cache).await.status, SignatureStatus::Verified);
    assert_eq!(server.received_requests().await.unwrap().len(), 1, "cached");

    let rotated_token = sign(Algorithm::ES256, "new", &claims("x"));
    assert_eq!(verify(&decode(&rotated_token).unwrap(), &cache).await.status, SignatureStatus::Verified);
    assert_eq!(server.received_requests().await.unwrap().len(), 2, "fetched once more");

    let unknown = sign(Algorithm::RS256, "gone", &claims("x"));
    let report = verify(&decode(&unknown).unwrap(), &cache).await;
    assert_eq!(report.status, SignatureStatus::Invalid);
    assert!(report.detail.contains("no key with kid gone"), "{}", report.detail);
    assert_eq!(server.received_requests().await.unwrap().len(), 3, "one more fetch, not a loop");
}

#[tokio::test]
async fn keys_that_cannot_be_fetched_make_the_signature_unavailable_not_invalid() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    let cache = key_sets::cache(KeySource::parse(&format!("{}/jwks.json", server.uri())).unwrap(), http());
    let token = sign(Algorithm::RS256, "k", &claims("x"));
    let report = verify(&decode(&token).unwrap(), &cache).await;
    assert_eq!(report.status, SignatureStatus::Unavailable);
    assert!(report.detail.contains("503"), "{}", report.detail);
}

// ---- the decode subcommand ----

async fn decode_cli(args: &[&str], stdin: Option<&str>) -> (Option<i32>, String, String) {
    let mut command = common::binary_with(&["decode"]);
    command.args(args);
    let input = stdin.map(str::to_string);
    let output = tokio::task::spawn_blocking(move || {
        let mut child =
            command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let mut pipe = child.stdin.take().unwrap();
        if let Some(input) = input {
            pipe.write_all(input.as_bytes()).unwrap();
        }
        drop(pipe);
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap();
    (output.status.code(), common::stdout(&output), common::stderr(&output))
}

/// A token the simulated tenant signed, with these claims.
fn sim_signed(claims: &Value) -> String {
    SigningKeys::load().sign(claims)
}

#[tokio::test]
async fn json_report_of_a_token_verified_against_the_tenant() {
    let sim = common::default_sim().await;
    let token = sim_signed(&claims(&format!("{}/", sim.base_url())));
    let (code, out, err) = decode_cli(
        &[
            "--verify",
            "--domain",
            sim.base_url(),
            "--expect-aud",
            "https://api.acme.test/orders",
            "--json",
            &token,
        ],
        None,
    )
    .await;
    assert_eq!(code, Some(0), "{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    let keys: Vec<&str> = report.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["kind", "header", "payload", "signature", "checks", "verdict"]);
    assert_eq!(report["verdict"]["status"], 200, "asked about an API: what it would answer");
    assert_eq!(report["kind"], "access_token");
    assert_eq!(report["signature"]["status"], "verified");
    assert_eq!(report["signature"]["kid"], "tenantscope-sim-1");
    let checks: Vec<(&str, &str)> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap(), c["status"].as_str().unwrap()))
        .collect();
    assert_eq!(checks, [("exp", "pass"), ("nbf", "skip"), ("iat", "pass"), ("iss", "pass"), ("aud", "pass")]);
    assert!(!err.contains(&token), "the token is never echoed");
}

#[tokio::test]
async fn a_hostile_issuer_is_a_failed_check_not_a_fetch() {
    let sim = common::default_sim().await;
    let elsewhere = MockServer::start().await;
    let token = sim_signed(&claims(&format!("{}/", elsewhere.uri())));
    let (code, out, _) = decode_cli(&["--verify", "--domain", sim.base_url(), &token], None).await;
    assert_eq!(code, Some(1));
    assert!(out.contains("✗ iss") && out.contains(&elsewhere.uri()), "{out}");
    assert!(out.contains("Signature  verified"), "keys came from the configured tenant: {out}");
    assert!(elsewhere.received_requests().await.unwrap().is_empty(), "the token's iss was never called");
}

#[tokio::test]
async fn exit_codes_stdin_and_leeway() {
    let expired = sim_signed(&json!({"iss": "x", "sub": "s", "exp": now() - 30, "iat": now() - 3600}));
    let (code, out, _) = decode_cli(&["--leeway", "60"], Some(&format!("Bearer {expired}\n"))).await;
    assert_eq!(code, Some(0), "within the leeway: {out}");
    let (code, out, err) = decode_cli(&["--leeway", "0", "-"], Some(&expired)).await;
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("✗ exp") && err.contains("exp"), "{out}{err}");

    let (code, _, err) = decode_cli(&["not-a.token"], None).await;
    assert_eq!(code, Some(2));
    assert!(err.contains("three parts"), "{err}");
    let (code, _, err) = decode_cli(&[&format!("{}.e30.x", b64("[1]"))], None).await;
    assert_eq!(code, Some(2));
    assert!(err.contains("part 1 is not a JSON object"), "{err}");

    let (code, out, _) =
        decode_cli(&["--expect-aud", "https://other", &expired, "--leeway", "100"], None).await;
    assert_eq!(code, Some(1));
    assert!(out.contains("invalid_audience"), "{out}");
}

#[tokio::test]
async fn opaque_and_encrypted_tokens_are_explained() {
    let (code, out, _) = decode_cli(&["--json", "v1.MabcdefGHIJKL0123456789"], None).await;
    assert_eq!(code, Some(0));
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap()["kind"], "refresh_token");
    let jwe = format!("{}.k.iv.ct.tag", b64(r#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#));
    let (code, out, _) = decode_cli(&[&jwe], None).await;
    assert_eq!(code, Some(0));
    assert!(out.contains("encrypted token (JWE)") && out.contains("A256GCM"), "{out}");
    let (code, _, err) = decode_cli(&["--verify", &jwe], None).await;
    assert_eq!(code, Some(2), "--verify with no tenant and no --jwks is bad usage: {err}");
}

#[tokio::test]
async fn verify_with_an_explicit_jwks_file_and_the_demo_tenant() {
    let key = jwk(Algorithm::ES384, "file-key");
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), serde_json::to_vec(&JwkSet { keys: vec![key] }).unwrap()).unwrap();
    let token = sign(Algorithm::ES384, "file-key", &claims("https://acme.auth0.com/"));
    let (code, out, err) = decode_cli(&["--jwks", file.path().to_str().unwrap(), &token], None).await;
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("Signature  verified"));

    // The demo tenant's own keys and issuer.
    let (code, out, _) = decode_cli(&["--demo", "--verify", &token], None).await;
    assert_eq!(code, Some(1));
    assert!(out.contains("Signature  INVALID") && out.contains("no key with kid file-key"), "{out}");
}

#[tokio::test]
async fn no_claim_can_drive_the_terminal_in_either_output() {
    // A claim with ESC (C0) and a one-character CSI (C1, U+009B), as a hostile issuer might send.
    // In the token's JSON the C0 ones must be escaped; C1 may be raw.
    let payload = b64("{\"sub\":\"auth0|1\",\"name\":\"Mallory\u{9b}2J\\u001b]0;x\\u0007\"}");
    let token = format!("{}.{payload}.c2ln", b64(r#"{"alg":"RS256"}"#));
    for json in [true, false] {
        let args: Vec<&str> = if json { vec!["--json", token.as_str()] } else { vec![token.as_str()] };
        let (code, out, _) = decode_cli(&args, None).await;
        assert_eq!(code, Some(0));
        let raw = out.chars().filter(|c| c.is_control() && *c != '\n').collect::<Vec<_>>();
        assert!(raw.is_empty(), "control characters reached stdout: {raw:?}");
        if json {
            let report: Value = serde_json::from_str(&out).unwrap();
            assert_eq!(
                report["payload"]["name"], "Mallory\u{9b}2J\u{1b}]0;x\u{7}",
                "the JSON still says it exactly"
            );
        }
    }
}

#[tokio::test]
async fn crit_and_a_non_string_kid_fail_verification_before_any_key_is_fetched() {
    let server = MockServer::start().await;
    let cache = key_sets::cache(KeySource::parse(&format!("{}/jwks.json", server.uri())).unwrap(), http());
    let signed = sign(Algorithm::RS256, "k", &claims("x"));
    let (_, rest) = signed.split_once('.').unwrap();
    for (header, expected) in [
        (r#"{"alg":"RS256","kid":"k","crit":["exp-x"],"exp-x":1}"#, "exp-x as critical"),
        (r#"{"alg":"RS256","kid":"k","crit":[]}"#, "crit must be a non-empty list"),
        (r#"{"alg":"RS256","kid":42}"#, "kid must be a string, and it is a number"),
        (r#"{"alg":"RS256","kid":{"x":1}}"#, "kid must be a string, and it is an object"),
    ] {
        let token = format!("{}.{rest}", b64(header));
        let report = verify(&decode(&token).unwrap(), &cache).await;
        assert_eq!(report.status, SignatureStatus::Invalid, "{header}");
        assert!(report.detail.contains(expected), "{header}: {}", report.detail);
        // The same refusal with a key in hand.
        let report =
            tenantscope::token::verify_with_key(&decode(&token).unwrap(), &jwk(Algorithm::RS256, "k"), "f");
        assert_eq!(report.status, SignatureStatus::Invalid, "{header}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn words_are_not_tokens_and_the_leeway_is_bounded() {
    for words in ["abc", "hello world this is not a token"] {
        let (code, _, err) = decode_cli(&[words], None).await;
        assert_eq!(code, Some(2), "{words}: {err}");
        assert!(err.contains("not an opaque token"), "{err}");
    }
    let token = sim_signed(&json!({"iss": "x", "sub": "s", "exp": now() + 60}));
    let (code, _, err) = decode_cli(&["--leeway", "18446744073709551615", &token], None).await;
    assert_eq!(code, Some(2), "an absurd leeway is bad usage: {err}");
    let (code, _, err) = decode_cli(&["--leeway", "86400", &token], None).await;
    assert_eq!(code, Some(0), "{err}");
}

#[tokio::test]
async fn asked_about_an_api_decode_says_what_it_would_answer_in_rfc_6750s_words() {
    let sim = common::default_sim().await;
    let issuer = format!("{}/", sim.base_url());
    let fresh = sim_signed(&claims(&issuer));
    let api = ["--verify", "--domain", sim.base_url(), "--expect-aud", "https://api.acme.test/orders"];
    let (code, out, _) =
        decode_cli(&[&api[..], &["--expect-scope", "read:orders write:orders", &fresh]].concat(), None).await;
    assert_eq!(code, Some(1));
    assert!(out.contains("✗ scope lacks write:orders"), "{out}");
    assert!(out.contains("API answer 403 insufficient_scope"), "{out}");
    let mut expired_claims = claims(&issuer);
    expired_claims["exp"] = json!(now() - 7200);
    let expired = sim_signed(&expired_claims);
    let (code, out, _) = decode_cli(&[&api[..], &[&expired]].concat(), None).await;
    assert_eq!(code, Some(1));
    assert!(out.contains("API answer 401 invalid_token: the token has expired"), "{out}");
    let (_, out, _) = decode_cli(&[&api[..], &["--expect-azp", "someone-else", &fresh]].concat(), None).await;
    assert!(out.contains("401 invalid_token: the token was issued to another application"), "{out}");
    let wrong_api =
        ["--verify", "--domain", sim.base_url(), "--expect-aud", "https://api.acme.test/billing", &fresh];
    let (_, out, _) = decode_cli(&wrong_api, None).await;
    assert!(out.contains("invalid_audience") && out.contains("audience="), "{out}");
}

#[tokio::test]
async fn a_key_not_meant_for_verifying_signatures_verifies_nothing() {
    let token = sign(Algorithm::RS256, "k", &claims("https://acme.auth0.com/"));
    let base = serde_json::to_value(jwk(Algorithm::RS256, "k")).unwrap();
    let with = |extra: Value| {
        let mut key = base.clone();
        key.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        key
    };
    let cases = [
        (with(json!({"use": "enc"})), false, "encryption"),
        (with(json!({"key_ops": ["encrypt", "wrapKey"]})), false, "key_ops"),
        (with(json!({"alg": "RS384"})), false, "RS384"),
        (with(json!({"use": "sig", "key_ops": ["verify"]})), true, "signed with key k"),
    ];
    for (key, verifies, words) in cases {
        let server = MockServer::start().await;
        Mock::given(path("/jwks.json"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"keys": [key]})))
            .mount(&server)
            .await;
        let jwks = format!("{}/jwks.json", server.uri());
        let (code, out, err) = decode_cli(&["--json", "--jwks", &jwks, &token], None).await;
        let report: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
        let status = &report["signature"]["status"];
        assert_eq!(status == "verified", verifies, "{words}: {report}");
        assert!(report["signature"]["detail"].as_str().unwrap().contains(words), "{report}");
        assert_eq!(code == Some(0), verifies, "{words}: {err}");
    }
}

#[tokio::test]
async fn a_key_set_file_that_is_huge_or_not_a_file_is_refused_without_reading_it() {
    let token = sign(Algorithm::RS256, "k", &claims("x"));
    let huge = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(huge.path(), vec![b' '; 2 * 1024 * 1024]).unwrap();
    for path in [huge.path().to_path_buf(), std::path::PathBuf::from("/dev/zero")] {
        let cache = key_sets::cache(KeySource::File(path.clone()), http());
        let report = verify(&decode(&token).unwrap(), &cache).await;
        assert_ne!(report.status, SignatureStatus::Verified);
        assert!(report.detail.contains(&path.display().to_string()), "{}", report.detail);
        assert!(
            report.detail.contains("more than") || report.detail.contains("not a regular file"),
            "{}",
            report.detail
        );
    }
}
