//! Logging a user in against the simulated tenant over real sockets, with the browser played by
//! `sim::browser`: the whole walkthrough (login, read, refresh, rotation, revoke, proof) and every
//! error the contract names, each in Auth0's words.

use crate::common;

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use tenantscope::auth0::login::{LoginError, LoginRequest, PendingLogin};
use tenantscope::auth0::{AppCredentials, Auth0Error, AuthenticationApi, Http, HttpOptions, Tenant};
use tenantscope::sim::{SimHandle, browser, seed};

const APP: &str = "Acme iOS";

/// A free loopback port the app is allowed to call back to.
fn callback_for(sim: &SimHandle, app: &str) -> url::Url {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = LoginRequest::loopback_callback(port);
    sim.allow_callback(app, url.as_str());
    url
}

fn request(sim: &SimHandle, app: &str, audience: Option<&str>) -> LoginRequest {
    let secrets = sim.app(app).unwrap();
    LoginRequest {
        app: AppCredentials {
            client_id: secrets.client_id,
            client_secret: secrets.client_secret.map(SecretString::from),
        },
        audience: audience.map(str::to_string),
        scope: "openid profile email offline_access".into(),
        connection: None,
        login_hint: None,
        redirect_uri: callback_for(sim, app),
    }
}

fn auth(sim: &SimHandle) -> AuthenticationApi {
    AuthenticationApi::new(Http::new(HttpOptions::default()).unwrap(), Tenant::parse(sim.base_url()).unwrap())
}

fn user_email(sim: &SimHandle, blocked: bool) -> String {
    let tenant = sim.state.tenant();
    let is_blocked =
        |u: &serde_json::Map<String, serde_json::Value>| u.get("blocked") == Some(&serde_json::json!(true));
    let user = tenant.users.iter().find(|u| is_blocked(u) == blocked).unwrap();
    user["email"].as_str().unwrap().to_string()
}

/// Starts a login and plays the person; the result of `finish` and of the browser.
async fn log_in(
    sim: &SimHandle,
    request: LoginRequest,
    email: &str,
    password: &str,
) -> (Result<tenantscope::auth0::login::LoginTokens, LoginError>, Result<(), String>) {
    let pending = PendingLogin::start(&Tenant::parse(sim.base_url()).unwrap(), request).await.unwrap();
    let url = pending.authorize_url.to_string();
    let (email, password) = (email.to_string(), password.to_string());
    let person = tokio::spawn(async move { browser::log_in(&url, &email, &password).await });
    let login = pending.finish(&auth(sim), Duration::from_secs(5)).await;
    (login, person.await.unwrap())
}

fn claims(token: &str) -> serde_json::Map<String, serde_json::Value> {
    match tenantscope::token::decode(token) {
        Ok(tenantscope::token::Decoded::Jws { payload, .. }) => payload,
        other => panic!("not a JWT: {other:?}"),
    }
}

#[tokio::test]
async fn the_whole_walkthrough_from_login_to_a_dead_refresh_token() {
    let sim = common::default_sim().await;
    let audience = "https://api.acme.test/orders";
    let request = request(&sim, APP, Some(audience));
    let app = request.app.clone();
    // ①–④: the browser logs in, the code comes back, and is exchanged.
    let (login, person) = log_in(&sim, request, &user_email(&sim, false), seed::DEFAULT_PASSWORD).await;
    person.unwrap();
    let login = login.unwrap();
    assert!(!login.refresh_token_missing);
    let tokens = login.tokens;
    // ⑤: an access token for the API, an ID token for the app.
    let access = claims(tokens.access_token.expose_secret());
    assert_eq!(access["aud"][0], audience);
    let id_token = claims(tokens.id_token.as_ref().unwrap().expose_secret());
    assert!(id_token.contains_key("sid") && id_token.contains_key("nonce"));
    let first_refresh = tokens.refresh_token.unwrap();
    // The login left a grant, a session and a device credential for the user.
    let user_id = access["sub"].as_str().unwrap().to_string();
    {
        let tenant = sim.state.tenant();
        assert!(tenant.grants.iter().any(|g| g["user_id"] == user_id.as_str() && g["audience"] == audience));
        assert!(tenant.sessions.iter().any(|s| s["id"] == id_token["sid"]));
    }
    // ⑥–⑦: a refresh rotates the refresh token.
    let refreshed = auth(&sim).refresh(&app, &first_refresh).await.unwrap();
    let second_refresh = refreshed.refresh_token.expect("rotation issues a new refresh token");
    assert_ne!(second_refresh.expose_secret(), first_refresh.expose_secret());
    // ⑧: revoke by deleting the grant.
    let client = common::client_for(&sim, &sim.full_access());
    let grant_id = {
        let tenant = sim.state.tenant();
        let grant = tenant
            .grants
            .iter()
            .find(|g| g["user_id"] == user_id.as_str() && g["audience"] == audience)
            .unwrap();
        grant["id"].as_str().unwrap().to_string()
    };
    client.delete_grant(&grant_id).await.unwrap();
    // ⑨: the refresh token is dead, in Auth0's words.
    let err = auth(&sim).refresh(&app, &second_refresh).await.unwrap_err();
    assert!(
        matches!(&err, Auth0Error::Authentication { error, description, .. }
        if error == "invalid_grant" && description == "Unknown or invalid refresh token."),
        "{err}"
    );
}

#[tokio::test]
async fn reusing_a_rotated_refresh_token_revokes_the_whole_family() {
    let sim = common::default_sim().await;
    let request = request(&sim, APP, Some("https://api.acme.test/orders"));
    let app = request.app.clone();
    let (login, _) = log_in(&sim, request, &user_email(&sim, false), seed::DEFAULT_PASSWORD).await;
    let first = login.unwrap().tokens.refresh_token.unwrap();
    let second = auth(&sim).refresh(&app, &first).await.unwrap().refresh_token.unwrap();
    assert!(auth(&sim).refresh(&app, &first).await.is_err(), "the spent token is refused");
    let err = auth(&sim).refresh(&app, &second).await.unwrap_err();
    assert_eq!(err.code(), Some("invalid_grant"), "and its successor went with it: {err}");
}

#[tokio::test]
async fn a_wrong_password_stays_on_the_login_page() {
    let sim = common::default_sim().await;
    let pending =
        PendingLogin::start(&Tenant::parse(sim.base_url()).unwrap(), request(&sim, APP, None)).await.unwrap();
    let problem =
        browser::log_in(pending.authorize_url.as_str(), &user_email(&sim, false), "wrong").await.unwrap_err();
    assert!(problem.contains("Wrong email or password."), "{problem}");
}

#[tokio::test]
async fn a_callback_the_app_does_not_list_gets_auth0s_mismatch_page_and_no_redirect() {
    let sim = common::default_sim().await;
    let app = sim.app(APP).unwrap();
    let mut url = url::Url::parse(&format!("{}/authorize", sim.base_url())).unwrap();
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", &app.client_id)
        .append_pair("redirect_uri", "http://127.0.0.1:1/callback");
    let url = url.to_string();
    let problem = browser::log_in(&url, &user_email(&sim, false), seed::DEFAULT_PASSWORD).await.unwrap_err();
    assert!(problem.contains("Callback URL mismatch."), "{problem}");
}

#[tokio::test]
async fn a_blocked_user_comes_back_as_auth0s_unauthorized() {
    let sim = common::default_sim().await;
    let (login, _) =
        log_in(&sim, request(&sim, APP, None), &user_email(&sim, true), seed::DEFAULT_PASSWORD).await;
    let err = login.err().expect("refused");
    assert!(
        matches!(&err, LoginError::Denied { error, description } if error == "unauthorized" && description == "user is blocked")
    );
    assert!(err.to_string().contains("Unblock"), "{err}");
}

#[tokio::test]
async fn an_api_without_offline_access_gives_no_refresh_token_and_says_so() {
    let sim = common::default_sim().await;
    let (login, _) = log_in(
        &sim,
        request(&sim, APP, Some(seed::ONLINE_ONLY_API)),
        &user_email(&sim, false),
        seed::DEFAULT_PASSWORD,
    )
    .await;
    let login = login.unwrap();
    assert!(login.tokens.refresh_token.is_none());
    assert!(login.refresh_token_missing);
}

#[tokio::test]
async fn a_callback_with_another_or_no_state_is_ignored_and_the_login_still_completes() {
    let sim = common::default_sim().await;
    let request = request(&sim, APP, None);
    let callback = request.redirect_uri.clone();
    let pending = PendingLogin::start(&Tenant::parse(sim.base_url()).unwrap(), request).await.unwrap();
    let url = pending.authorize_url.to_string();
    let email = user_email(&sim, false);
    let person = tokio::spawn(async move {
        // Strangers first (a local process, an <img> on any web page): each gets an error page.
        let mut strangers = Vec::new();
        for query in ["code=stolen&state=not-this-login", "code=stolen", "error=access_denied&state=x"] {
            let answer = reqwest::get(format!("{callback}?{query}")).await.unwrap();
            strangers.push((answer.status(), answer.text().await.unwrap()));
        }
        // Then the person, whose answer carries the right state.
        (strangers, browser::log_in(&url, &email, seed::DEFAULT_PASSWORD).await)
    });
    let login = pending.finish(&auth(&sim), Duration::from_secs(10)).await;
    let (strangers, person) = person.await.unwrap();
    for (status, page) in strangers {
        assert_eq!(status, 400, "{page}");
        assert!(page.contains("was ignored"), "{page}");
    }
    assert!(person.is_ok(), "{person:?}");
    assert!(login.is_ok(), "the login waited for the right answer: {:?}", login.err());
}

#[tokio::test]
async fn a_busy_port_is_one_sentence_naming_the_flag() {
    let sim = common::default_sim().await;
    let request = request(&sim, APP, None);
    let _taken = std::net::TcpListener::bind(("127.0.0.1", request.redirect_uri.port().unwrap())).unwrap();
    let err =
        PendingLogin::start(&Tenant::parse(sim.base_url()).unwrap(), request).await.err().expect("busy");
    assert!(err.to_string().contains("--callback-port"), "{err}");
}

#[tokio::test]
async fn nobody_coming_back_times_out_with_a_sentence() {
    let sim = common::default_sim().await;
    let pending =
        PendingLogin::start(&Tenant::parse(sim.base_url()).unwrap(), request(&sim, APP, None)).await.unwrap();
    let err = pending.finish(&auth(&sim), Duration::from_millis(200)).await.err().expect("timed out");
    assert!(matches!(err, LoginError::TimedOut { .. }), "{err}");
}

/// A code from a real login, taken off the callback by hand, to exchange it more than once.
async fn a_code(sim: &SimHandle, app: &str) -> (LoginRequest, String, String) {
    let request = request(sim, app, None);
    let listener =
        tokio::net::TcpListener::bind(("127.0.0.1", request.redirect_uri.port().unwrap())).await.unwrap();
    let verifier = "a-verifier-of-at-least-forty-three-characters-long".to_string();
    let mut url = url::Url::parse(&format!("{}/authorize", sim.base_url())).unwrap();
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", &request.app.client_id)
        .append_pair("redirect_uri", request.redirect_uri.as_str())
        .append_pair("scope", "openid offline_access")
        .append_pair("code_challenge", &tenantscope::auth0::login::s256(&verifier))
        .append_pair("code_challenge_method", "S256");
    let email = user_email(sim, false);
    let person =
        tokio::spawn(async move { browser::log_in(url.as_str(), &email, seed::DEFAULT_PASSWORD).await });
    let (mut socket, _) = listener.accept().await.unwrap();
    let mut buffer = vec![0u8; 4096];
    let read = tokio::io::AsyncReadExt::read(&mut socket, &mut buffer).await.unwrap();
    let line = String::from_utf8_lossy(&buffer[..read]).lines().next().unwrap().to_string();
    tokio::io::AsyncWriteExt::write_all(&mut socket, b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
        .await
        .unwrap();
    drop(socket);
    let _ = person.await;
    let target = line.split(' ').nth(1).unwrap();
    let query = url::Url::parse(&format!("http://x{target}")).unwrap();
    let code = query.query_pairs().find(|(k, _)| k == "code").unwrap().1.into_owned();
    (request, code, verifier)
}

#[tokio::test]
async fn a_code_is_single_use_and_bound_to_its_verifier() {
    let sim = common::default_sim().await;
    let (request, code, _) = a_code(&sim, APP).await;
    let redirect = request.redirect_uri.as_str();
    let err =
        auth(&sim).authorization_code(&request.app, &code, "another-verifier", redirect).await.unwrap_err();
    assert!(
        matches!(&err, Auth0Error::Authentication { description, .. } if description == "Failed to verify code verifier"),
        "{err}"
    );
    let (request, code, verifier) = a_code(&sim, APP).await;
    let redirect = request.redirect_uri.as_str();
    auth(&sim).authorization_code(&request.app, &code, &verifier, redirect).await.unwrap();
    let err = auth(&sim).authorization_code(&request.app, &code, &verifier, redirect).await.unwrap_err();
    assert!(
        matches!(&err, Auth0Error::Authentication { error, description, .. }
        if error == "invalid_grant" && description == "Invalid authorization code"),
        "{err}"
    );
}

#[tokio::test]
async fn an_app_without_the_code_grant_is_refused_with_the_dashboard_setting() {
    let sim = common::default_sim().await;
    let (request, code, verifier) = a_code(&sim, APP).await;
    if let Some(app) = sim.state.tenant().apps.iter_mut().find(|a| a.name == APP) {
        app.grant_types.retain(|g| g != "authorization_code");
    }
    let err = auth(&sim)
        .authorization_code(&request.app, &code, &verifier, request.redirect_uri.as_str())
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("unauthorized_client"), "{err}");
    let client = common::client_for(&sim, &sim.full_access());
    let app = client.client(&request.app.client_id).await.unwrap();
    let problems = app.login_problems("http://127.0.0.1:9/callback");
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains("Allowed Callback URLs") && problems[1].contains("Grant Types"),
        "{problems:?}"
    );
}
