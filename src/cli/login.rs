//! `tenantscope login` (a user, through the browser), `token` (an application's client
//! credentials) and what they print: each token decoded and verified as `decode --verify` shows
//! it, the refresh token's presence but not its value — the values only with `--json`.

use std::collections::BTreeMap;

use secrecy::ExposeSecret;

use crate::auth0::login::{DEFAULT_CALLBACK_PORT, LOGIN_TIMEOUT, LoginRequest, PendingLogin, open_browser};
use crate::auth0::{AuthenticationApi, Http, HttpOptions, ManagementClient, Tenant, TokenResponse};
use crate::config::{self, AppProfile};
use crate::timefmt::Clock;
use crate::token::checks::{DEFAULT_LEEWAY, Expectations};
use crate::token::{Decoded, KeySource, decode, inspect, verify};

use super::app_args::app_credentials;
use super::args::{GlobalArgs, LoginArgs, TokenArgs};
use super::{CliError, note};

/// What the token commands work with: the tenant, and its Management API when credentials allow
/// (only to check an app's settings first).
pub struct TokenContext {
    pub tenant: Tenant,
    pub http: Http,
    pub management: Option<ManagementClient>,
    pub apps: BTreeMap<String, AppProfile>,
    /// The demo's simulated tenant, alive as long as the command.
    pub demo: Option<super::demo::DemoTenant>,
    /// The caller keeps the refresh token itself (`refresh-token use`), so the report leaves it out.
    pub keeps_refresh_token: bool,
}

impl TokenContext {
    pub async fn new(global: &GlobalArgs) -> Result<TokenContext, CliError> {
        if global.demo {
            let (settings, handle) = super::demo::demo_settings(global.read_only).await?;
            let http = super::http(HttpOptions::default())?.read_only(settings.read_only);
            let tenant = settings.tenant.clone();
            let apps = settings.apps.clone();
            let management = Some(super::connect(settings)?);
            return Ok(TokenContext {
                tenant,
                http,
                management,
                apps,
                demo: Some(handle),
                keeps_refresh_token: false,
            });
        }
        let connection = global.connection();
        let http = super::http(HttpOptions {
            ca_certs: config::read_ca_certs(&connection)?,
            ..HttpOptions::default()
        })?;
        // Getting a user's token needs no Management API credentials; with them, the app's
        // settings are checked first.
        match config::resolve_without_credentials(&connection, &mut |_| {}) {
            Ok(settings) => {
                let (tenant, apps) = (settings.tenant.clone(), settings.apps.clone());
                let http = http.read_only(settings.read_only);
                let has_credentials = !matches!(settings.credentials, crate::auth0::Credentials::None(_));
                let management = has_credentials.then(|| super::connect(settings).ok()).flatten();
                Ok(TokenContext { tenant, http, management, apps, demo: None, keeps_refresh_token: false })
            }
            Err(_) => {
                let tenant = config::resolve_tenant(&connection, &mut |w| note(format!("warning: {w}")))?
                    .ok_or_else(|| {
                        CliError::Usage("no tenant given: pass --domain or set AUTH0_DOMAIN".into())
                    })?;
                let http = http.read_only(global.read_only);
                Ok(TokenContext {
                    tenant,
                    http,
                    management: None,
                    apps: BTreeMap::new(),
                    demo: None,
                    keeps_refresh_token: false,
                })
            }
        }
    }

    /// The context of a command that already has its Management API client.
    pub fn of_client(client: &ManagementClient) -> TokenContext {
        TokenContext {
            tenant: client.tenant().clone(),
            http: client.http().clone(),
            management: Some(client.clone()),
            apps: BTreeMap::new(),
            demo: None,
            keeps_refresh_token: true,
        }
    }

    fn authentication(&self) -> AuthenticationApi {
        AuthenticationApi::new(self.http.clone(), self.tenant.clone())
    }
}

pub async fn login(args: &LoginArgs, global: &GlobalArgs) -> Result<(), CliError> {
    let context = TokenContext::new(global).await?;
    // Refused before a listener opens or a browser starts: a login issues a session and tokens.
    context.http.refuse_if_read_only(|| "log a user in (a session and tokens are issued)".into())?;
    let app = app_credentials(&args.app, &context.apps)?;
    let profile_callback =
        args.app.app.as_ref().and_then(|label| context.apps.get(label)?.callback_url.clone());
    let redirect_uri = match (args.callback_port, profile_callback) {
        (Some(port), _) => LoginRequest::loopback_callback(port),
        (None, Some(url)) => url::Url::parse(&url).map_err(|e| {
            CliError::Usage(format!(
                "the profile app's callback_url is not a URL ({e}): use http://127.0.0.1:PORT/callback"
            ))
        })?,
        (None, None) => LoginRequest::loopback_callback(DEFAULT_CALLBACK_PORT),
    };
    if let Some(management) = &context.management {
        check_app(management, &app.client_id, redirect_uri.as_str()).await?;
    }
    let request = LoginRequest {
        app,
        audience: args.audience.clone(),
        scope: args.scope.clone(),
        connection: args.connection.clone(),
        login_hint: args.login_hint.clone(),
        redirect_uri,
    };
    let pending =
        PendingLogin::start(&context.tenant, request).await.map_err(|e| CliError::Failed(e.to_string()))?;
    let url = pending.authorize_url.to_string();
    note(format!("Log in at this URL:\n{url}"));
    match &context.demo {
        Some(handle) => super::demo::play_the_demo_user(handle, &url, args.login_hint.as_deref()),
        None if args.no_browser => {}
        None if !open_browser(&url) => note("could not open a browser: open the URL above yourself"),
        None => note("opened in your browser; waiting for the login to come back (5 minutes at most)"),
    }
    let login = pending
        .finish(&context.authentication(), LOGIN_TIMEOUT)
        .await
        .map_err(|e| CliError::Failed(e.to_string()))?;
    if login.refresh_token_missing {
        note(match &args.audience {
            Some(api) => format!(
                "no refresh token although offline_access was asked: the API {api} has \"Allow Offline Access\" off (Dashboard → Applications → APIs → the API → Settings)"
            ),
            None => "no refresh token although offline_access was asked: check the app's Refresh Token grant"
                .to_string(),
        });
    }
    print_tokens(&context, &login.tokens, args.json).await
}

pub async fn token(args: &TokenArgs, global: &GlobalArgs) -> Result<(), CliError> {
    let context = TokenContext::new(global).await?;
    let app = app_credentials(&args.app, &context.apps)?;
    let tokens = context
        .authentication()
        .client_credentials_scoped(&app, &args.audience, args.scope.as_deref())
        .await?;
    print_tokens(&context, &tokens, args.json).await
}

/// Before the browser opens: the app must list the callback URL and allow the code grant, or
/// Auth0 shows an error page and never calls back.
async fn check_app(management: &ManagementClient, client_id: &str, callback: &str) -> Result<(), CliError> {
    match management.client(client_id).await {
        Ok(app) => {
            let problems = app.login_problems(callback);
            if problems.is_empty() { Ok(()) } else { Err(CliError::Failed(problems.join("; "))) }
        }
        Err(err) if err.status() == Some(404) => Err(CliError::Failed(format!(
            "this tenant has no application {client_id}: check --app or --app-client-id"
        ))),
        Err(err) => {
            note(format!("could not check the app's settings first ({}); going on", err.with_hint()));
            Ok(())
        }
    }
}

/// The tokens: as JSON when asked (they are secrets), else each decoded and verified.
pub async fn print_tokens(
    context: &TokenContext,
    tokens: &TokenResponse,
    json: bool,
) -> Result<(), CliError> {
    if json {
        let mut object = serde_json::Map::new();
        object.insert("access_token".into(), tokens.access_token.expose_secret().into());
        for (name, value) in [("id_token", &tokens.id_token), ("refresh_token", &tokens.refresh_token)] {
            if let Some(value) = value {
                object.insert(name.into(), value.expose_secret().into());
            }
        }
        object.insert("token_type".into(), tokens.token_type.clone().into());
        object.insert("expires_in".into(), tokens.expires_in.into());
        object.insert("scope".into(), tokens.scope.clone().into());
        return super::table::print_json(&serde_json::Value::Object(object));
    }
    let keys = crate::key_sets::cache(KeySource::Url(context.tenant.jwks_url()), context.http.clone());
    let clock = Clock::system();
    let expect = Expectations {
        issuer: Some((context.tenant.issuer(), "the tenant's issuer")),
        leeway: DEFAULT_LEEWAY,
        ..Default::default()
    };
    for (title, token) in
        [("Access token", Some(&tokens.access_token)), ("ID token", tokens.id_token.as_ref())]
    {
        let Some(token) = token else { continue };
        crate::outln!("── {title} ──");
        match decode(token.expose_secret()) {
            Ok(decoded @ Decoded::Jws { .. }) => {
                let inspection = inspect(&decoded, verify(&decoded, &keys).await, &clock, &expect);
                crate::output::out(format_args!("{}", super::decode::render(&inspection, &clock)));
            }
            _ => crate::outln!("opaque: no API (audience) was asked for, so it is good for /userinfo only"),
        }
        crate::outln!();
    }
    crate::outln!("Scope      {}", tokens.scope.as_deref().unwrap_or("—"));
    crate::outln!("Expires in {} s", tokens.expires_in.map_or_else(|| "—".to_string(), |s| s.to_string()));
    if tokens.refresh_token.is_none() {
        crate::outln!("Refresh    none");
    } else if !context.keeps_refresh_token {
        crate::outln!("Refresh    received; kept in memory only (--json prints it)");
    }
    Ok(())
}
