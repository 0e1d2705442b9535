//! The tenant's rules: revocation, rotation, families and the propagation delay.

use super::*;
use serde_json::json;

fn object(value: Value) -> Object {
    value.as_object().unwrap().clone()
}

fn tenant_with_one_token(rotating: bool) -> Tenant {
    let mut tenant = Tenant::default();
    tenant.grants.push(object(
        json!({"id":"g1","clientID":"c1","user_id":"u1","audience":"https://api","scope":["offline_access"]}),
    ));
    tenant
        .device_credentials
        .push(object(json!({"id":"dcr_1","type":"rotating_refresh_token","user_id":"u1","client_id":"c1"})));
    tenant.refresh_tokens.insert(
        "v1.tok".into(),
        RefreshToken {
            id: "rt_1".into(),
            session_id: Some("s1".into()),
            created_at: "2026-11-01T00:00:00.000Z".into(),
            user_id: "u1".into(),
            client_id: "c1".into(),
            audience: "https://api".into(),
            scopes: vec!["offline_access".into()],
            rotating,
            device_credential_id: Some("dcr_1".into()),
            family: "f1".into(),
            valid: true,
            spent: false,
        },
    );
    tenant
}

#[test]
fn deleting_a_grant_kills_its_refresh_tokens_and_their_credentials() {
    let mut tenant = tenant_with_one_token(false);
    assert!(tenant.delete_grant("g1"));
    assert!(!tenant.refresh_tokens["v1.tok"].valid);
    assert!(tenant.device_credentials.is_empty());
    assert!(!tenant.delete_grant("g1"));
}

#[test]
fn deleting_a_device_credential_kills_its_token_family() {
    let mut tenant = tenant_with_one_token(true);
    let (_, next) = tenant.exchange_refresh_token("v1.tok", "c1", || "v1.next".into()).unwrap();
    assert_eq!(next.as_deref(), Some("v1.next"));
    assert!(tenant.delete_device_credential("dcr_1"));
    assert!(!tenant.refresh_tokens["v1.next"].valid);
    assert_eq!(tenant.grants.len(), 1, "the grant stays");
}

#[test]
fn rotation_uses_up_the_token_it_replaces() {
    let mut tenant = tenant_with_one_token(true);
    tenant.exchange_refresh_token("v1.tok", "c1", || "v1.next".into()).unwrap();
    assert!(tenant.exchange_refresh_token("v1.next", "c1", || "v1.y".into()).is_some());
}

#[test]
fn reusing_a_spent_token_revokes_its_family_and_grant() {
    let mut tenant = tenant_with_one_token(true);
    tenant.exchange_refresh_token("v1.tok", "c1", || "v1.next".into()).unwrap();
    assert!(tenant.exchange_refresh_token("v1.tok", "c1", || "v1.x".into()).is_none(), "spent");
    assert!(tenant.exchange_refresh_token("v1.next", "c1", || "v1.y".into()).is_none(), "the family went");
    assert!(tenant.grants.is_empty(), "and the grant with it, as Auth0's reuse detection does");
}

#[test]
fn a_token_only_works_for_its_own_client() {
    let mut tenant = tenant_with_one_token(false);
    assert!(tenant.exchange_refresh_token("v1.tok", "other", || unreachable!()).is_none());
}

#[test]
fn revoking_a_token_spent_by_rotation_ends_its_family() {
    let mut tenant = tenant_with_one_token(true);
    tenant.exchange_refresh_token("v1.tok", "c1", || "v1.next".into()).unwrap();
    tenant.revoke_refresh_token("v1.tok");
    assert!(!tenant.refresh_tokens["v1.next"].valid);
}

#[test]
fn revocations_apply_after_the_propagation_delay() {
    let mut tenant = tenant_with_one_token(false);
    tenant.settings.propagation_delay = Duration::from_secs(60);
    tenant.schedule(Pending::DeleteRefreshToken("rt_1".into()), 0);
    assert!(tenant.refresh_tokens["v1.tok"].valid, "not yet");
    assert_eq!(tenant.refresh_tokens_of("u1").len(), 1);
    tenant.settle(61_000);
    assert!(!tenant.refresh_tokens["v1.tok"].valid);
    assert!(tenant.refresh_tokens_of("u1").is_empty());
    assert!(tenant.device_credentials.is_empty());
}

#[test]
fn ending_a_session_revokes_the_tokens_issued_in_it() {
    let mut tenant = tenant_with_one_token(true);
    tenant.sessions.push(object(json!({"id": "s1", "user_id": "u1"})));
    tenant.schedule(Pending::DeleteUserSessions("u1".into()), 0);
    assert!(tenant.sessions.is_empty());
    assert!(!tenant.refresh_tokens["v1.tok"].valid);
}

#[test]
fn revocation_deletes_the_grant_only_when_the_setting_says_so() {
    let mut tenant = tenant_with_one_token(false);
    tenant.revoke_refresh_token("v1.tok");
    assert_eq!(tenant.grants.len(), 1);
    let mut tenant = tenant_with_one_token(false);
    tenant.settings.revocation_deletes_grant = true;
    tenant.revoke_refresh_token("v1.tok");
    assert!(tenant.grants.is_empty());
}
