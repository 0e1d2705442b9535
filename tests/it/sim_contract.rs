//! The simulated tenant answers as the contract says Auth0 does: raw HTTP over loopback, no
//! tenantscope client in between.

use crate::common;

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tenantscope::sim::{SimHandle, SimOptions, seed};

use common::management_token;

async fn get(
    sim: &SimHandle,
    token: &str,
    path_and_query: &str,
) -> (StatusCode, reqwest::header::HeaderMap, Value) {
    let response = reqwest::Client::new()
        .get(format!("{}{path_and_query}", sim.base_url()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, headers, body)
}

#[tokio::test]
async fn client_credentials_token_has_auth0s_claims_and_verifies_against_the_jwks() {
    let sim = common::default_sim().await;
    let token = management_token(&sim, seed::FULL_ACCESS_APP).await;
    let jwks: JwkSet = reqwest::get(format!("{}/.well-known/jwks.json", sim.base_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let header = jsonwebtoken::decode_header(&token).unwrap();
    let jwk = jwks.find(header.kid.as_deref().unwrap()).expect("the kid is in the JWKS");
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&[format!("{}/api/v2/", sim.base_url())]);
    validation.set_issuer(&[format!("{}/", sim.base_url())]);
    let claims = jsonwebtoken::decode::<Value>(&token, &DecodingKey::from_jwk(jwk).unwrap(), &validation)
        .unwrap()
        .claims;
    assert_eq!(claims["gty"], "client-credentials");
    assert_eq!(claims["sub"], format!("{}@clients", sim.full_access().client_id));
    assert!(claims["scope"].as_str().unwrap().split(' ').any(|s| s == "delete:grants"));
}

#[tokio::test]
async fn token_endpoint_errors_are_auth0s() {
    let sim = common::default_sim().await;
    let app = sim.full_access();
    let post = |body: Value| {
        let url = format!("{}/oauth/token", sim.base_url());
        async move {
            let response = reqwest::Client::new().post(url).json(&body).send().await.unwrap();
            (response.status(), response.json::<Value>().await.unwrap())
        }
    };
    let audience = format!("{}/api/v2/", sim.base_url());
    let (status, body) = post(json!({"grant_type":"client_credentials","client_id":app.client_id,"client_secret":"wrong","audience":audience})).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("access_denied")));

    let worker = sim.app(seed::NO_MANAGEMENT_APP).unwrap();
    let (status, body) = post(json!({"grant_type":"client_credentials","client_id":worker.client_id,"client_secret":worker.client_secret,"audience":audience})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        body["error_description"]
            .as_str()
            .unwrap()
            .starts_with(&format!("Client is not authorized to access \"{audience}\""))
    );

    let web = sim.app("Acme Web").unwrap();
    let (status, body) = post(json!({"grant_type":"client_credentials","client_id":web.client_id,"client_secret":web.client_secret,"audience":audience})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"], "unauthorized_client");

    let (status, body) = post(json!({"client_id": app.client_id})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error_description"], "Missing required parameter: grant_type");
}

#[tokio::test]
async fn users_page_with_totals_and_the_1000_limit() {
    let sim = common::start_sim(SimOptions { users: 1200, ..SimOptions::default() }).await;
    let token = management_token(&sim, seed::FULL_ACCESS_APP).await;
    let (status, headers, body) =
        get(&sim, &token, "/api/v2/users?page=0&per_page=100&include_totals=true").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (body["start"].as_u64(), body["limit"].as_u64(), body["length"].as_u64()),
        (Some(0), Some(100), Some(100))
    );
    assert_eq!(body["total"], 1200);
    for name in ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"] {
        assert!(headers.contains_key(name), "{name}");
    }
    let (status, _, body) = get(&sim, &token, "/api/v2/users?page=9&per_page=100").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body.as_array().unwrap().len(), 100, "a bare array without include_totals");
    let (status, _, body) = get(&sim, &token, "/api/v2/users?page=10&per_page=100").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"].as_str().unwrap().starts_with("You can only page through the first 1000 records.")
    );
    assert_eq!(body["errorCode"], "invalid_paging");
    let (status, _, body) = get(&sim, &token, "/api/v2/users?per_page=101&page=0").await;
    assert_eq!((status, body["errorCode"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_query_string")));
    let (_, _, body) = get(&sim, &token, "/api/v2/users").await;
    assert_eq!(body.as_array().unwrap().len(), 50, "without page at most 50 come back");
}

#[tokio::test]
async fn ids_with_pipes_and_slashes_work_percent_encoded() {
    let sim = common::default_sim().await;
    let token = management_token(&sim, seed::FULL_ACCESS_APP).await;
    let id = common::id_with_slash(&sim);
    let encoded = id.replace('|', "%7C").replace('/', "%2F");
    let (status, _, body) = get(&sim, &token, &format!("/api/v2/users/{encoded}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["user_id"], id.as_str());
    let (status, _, body) = get(&sim, &token, "/api/v2/users/auth0%7Cnobody").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body,
        json!({"statusCode":404,"error":"Not Found","message":"The user does not exist.","errorCode":"inexistent_user"})
    );
}

#[tokio::test]
async fn scopes_are_enforced_per_endpoint() {
    let sim = common::default_sim().await;
    let token = management_token(&sim, seed::READ_ONLY_APP).await;
    let (status, _, _) = get(&sim, &token, "/api/v2/grants?per_page=5&page=0").await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, body) = get(&sim, &token, "/api/v2/clients").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["errorCode"], "insufficient_scope");
    assert!(
        body["message"].as_str().unwrap().starts_with("Insufficient scope, expected any of: read:clients,")
    );
    let (status, _, body) = get(&sim, "not-a-token", "/api/v2/users").await;
    assert_eq!((status, body["statusCode"].as_u64()), (StatusCode::UNAUTHORIZED, Some(401)));
}

#[tokio::test]
async fn grant_and_device_lists_have_auth0s_shapes() {
    let sim = common::default_sim().await;
    let token = management_token(&sim, seed::FULL_ACCESS_APP).await;
    let (_, _, body) = get(&sim, &token, "/api/v2/grants?page=0&per_page=3&include_totals=true").await;
    let object = body.as_object().unwrap();
    assert!(object.contains_key("total") && object.contains_key("grants") && !object.contains_key("length"));
    let grant = &body["grants"][0];
    assert!(grant["clientID"].is_string() && grant["scope"].is_array());
    let (_, _, body) =
        get(&sim, &token, "/api/v2/device-credentials?page=0&per_page=3&include_totals=true").await;
    assert!(body["device_credentials"][0]["id"].as_str().unwrap().starts_with("dcr_"));
    let (status, _, _) = get(&sim, &token, "/api/v2/device-credentials?type=bogus").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_burst_past_the_limit_gets_429_with_auth0s_message() {
    let sim = common::start_sim(SimOptions {
        limit: tenantscope::sim::LimitConfig { capacity: 2, per_second: 0.5 },
        ..SimOptions::default()
    })
    .await;
    let token = management_token(&sim, seed::FULL_ACCESS_APP).await;
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let (status, headers, body) = get(&sim, &token, "/api/v2/users?per_page=1&page=0").await;
        statuses.push(status);
        if status == StatusCode::TOO_MANY_REQUESTS {
            assert_eq!(body["message"], "Global limit has been reached");
            assert_eq!(headers["x-ratelimit-remaining"], "0");
        }
    }
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS));
}

#[tokio::test]
async fn revoking_a_grant_kills_its_refresh_token_and_rotation_consumes_tokens() {
    let sim = common::default_sim().await;
    let (token_value, client_id, grant_id, rotating) = {
        let tenant = sim.state.tenant();
        // A rotating token of a user who is not blocked (Auth0 refuses a blocked user's refresh).
        let blocked = |user_id: &str| {
            tenant.users.iter().any(|u| u["user_id"] == user_id && u.get("blocked") == Some(&json!(true)))
        };
        let (value, record) =
            tenant.refresh_tokens.iter().find(|(_, t)| t.rotating && !blocked(&t.user_id)).unwrap();
        let grant = tenant
            .grants
            .iter()
            .find(|g| {
                g["user_id"] == record.user_id.as_str()
                    && g["clientID"] == record.client_id.as_str()
                    && g["audience"] == record.audience.as_str()
            })
            .unwrap();
        (value.clone(), record.client_id.clone(), grant["id"].as_str().unwrap().to_string(), record.rotating)
    };
    assert!(rotating);
    let app = sim.state.tenant().app(&client_id).cloned().unwrap();
    let refresh = |token: String| {
        let url = format!("{}/oauth/token", sim.base_url());
        let body = json!({"grant_type":"refresh_token","client_id":client_id,"client_secret":app.client_secret,"refresh_token":token});
        async move {
            let response = reqwest::Client::new()
                .post(url)
                .form(
                    &body
                        .as_object()
                        .unwrap()
                        .iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                        .collect::<Vec<_>>(),
                )
                .send()
                .await
                .unwrap();
            (response.status(), response.json::<Value>().await.unwrap())
        }
    };
    let (status, body) = refresh(token_value.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let next = body["refresh_token"].as_str().expect("rotation returns the next token").to_string();

    let token = management_token(&sim, seed::FULL_ACCESS_APP).await;
    let response = reqwest::Client::new()
        .delete(format!("{}/api/v2/grants/{grant_id}", sim.base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let (status, body) = refresh(next).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"], "invalid_grant");
    // The spent token is refused too. (Presented before the grant went, it would have been reuse,
    // which revokes the family and the grant as Auth0's reuse detection does.)
    let (status, body) = refresh(token_value).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body,
        json!({"error":"invalid_grant","error_description":"Unknown or invalid refresh token."})
    );
}

#[tokio::test]
async fn openid_configuration_names_the_issuer_with_a_trailing_slash() {
    let sim = common::default_sim().await;
    let body: Value = reqwest::get(format!("{}/.well-known/openid-configuration", sim.base_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["issuer"], format!("{}/", sim.base_url()));
    assert_eq!(body["revocation_endpoint"], format!("{}/oauth/revoke", sim.base_url()));
}

#[tokio::test]
async fn oauth_revoke_answers_200_for_unknown_and_already_revoked_tokens() {
    let sim = common::default_sim().await;
    let (token, client_id, secret) = {
        let tenant = sim.state.tenant();
        let (value, t) = tenant.refresh_tokens.iter().find(|(_, t)| t.valid).unwrap();
        (value.clone(), t.client_id.clone(), tenant.app(&t.client_id).and_then(|a| a.client_secret.clone()))
    };
    let revoke = |token: String| {
        let mut body = json!({"client_id": client_id, "token": token});
        if let Some(secret) = &secret {
            body["client_secret"] = json!(secret);
        }
        let url = format!("{}/oauth/revoke", sim.base_url());
        async move { reqwest::Client::new().post(url).json(&body).send().await.unwrap().status() }
    };
    assert_eq!(revoke(token.clone()).await, StatusCode::OK);
    assert_eq!(revoke(token).await, StatusCode::OK, "already revoked");
    assert_eq!(revoke("v1.Mnothing0123456789".into()).await, StatusCode::OK, "unknown");
}
