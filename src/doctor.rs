//! `tenantscope doctor`: the configured tenant walked as Auth0's troubleshooting steps go — the
//! tenant answers, the credentials get a token, the token is for this tenant's Management API,
//! the clocks agree, one cheap call works — then, feature by feature, whether the granted scopes
//! allow it, naming what is missing.

use chrono::Utc;
use reqwest::Method;
use secrecy::ExposeSecret;
use serde_json::Value;

use crate::auth0::error::Api;
use crate::auth0::request::{Effect, Request};
use crate::auth0::{ManagementClient, UserQuery};
use crate::token::{Decoded, api_checks, decode};

/// Each feature of tenantscope and the Management API scopes it needs.
pub const FEATURES: &[(&str, &[&str])] = &[
    ("users and search", &["read:users"]),
    ("every user (export jobs)", &["read:users"]),
    ("grants", &["read:grants"]),
    ("revoking grants", &["delete:grants"]),
    ("device credentials", &["read:device_credentials"]),
    ("revoking device credentials", &["delete:device_credentials"]),
    ("sessions (Enterprise plans)", &["read:sessions"]),
    ("revoking sessions", &["delete:sessions"]),
    ("refresh tokens (Enterprise plans)", &["read:refresh_tokens"]),
    ("revoking refresh tokens", &["delete:refresh_tokens"]),
    ("application names, login checks", &["read:clients"]),
    ("logs, and following them", &["read:logs"]),
    ("blocking users, lifting login blocks", &["update:users"]),
    ("the token lab's choice of API", &["read:resource_servers"]),
];

/// The most clock difference that is fine, in seconds.
const SKEW_TOLERATED: i64 = 30;

/// One step's result: `ok` is `None` for a step that could not run. A `warning` is something to
/// fix that leaves tenantscope usable (a file open to others), so it does not fail `doctor`.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub step: String,
    pub ok: Option<bool>,
    pub warning: bool,
    pub detail: String,
}

fn finding(step: &str, ok: Option<bool>, detail: impl Into<String>) -> Finding {
    Finding { step: step.to_string(), ok, warning: false, detail: detail.into() }
}

/// Every step, in order; later steps are skipped when an earlier one makes them meaningless.
pub async fn examine(client: &ManagementClient) -> Vec<Finding> {
    let mut findings = vec![kept_files(), tenant_answers(client).await];
    let token = match client.access_token().await {
        Ok(token) => token,
        Err(err) => {
            findings.push(finding("credentials", Some(false), err.with_hint()));
            return findings;
        }
    };
    findings.push(finding("credentials", Some(true), "Auth0 issued a Management API token"));
    let scopes = match decode(token.expose_secret()) {
        Ok(Decoded::Jws { payload, .. }) => {
            findings.extend(token_claims(client, &payload));
            api_checks::granted(&payload)
        }
        _ => {
            findings.push(finding("token", None, "the token is not a JWT: its scopes cannot be read"));
            return findings;
        }
    };
    findings.push(cheap_call(client).await);
    for (feature, needed) in FEATURES {
        let missing: Vec<&str> = needed.iter().filter(|s| !scopes.iter().any(|g| g == *s)).copied().collect();
        findings.push(if missing.is_empty() {
            finding(feature, Some(true), needed.join(" "))
        } else {
            finding(feature, Some(false), format!("missing {}: grant it to the app (Dashboard → Applications → APIs → Auth0 Management API → Machine to Machine Applications)", missing.join(" ")))
        });
    }
    findings
}

/// The files tenantscope keeps (the audit log, the history, the export spool) and their folders:
/// tenantscope creates them private, but one that already existed may be open to others.
fn kept_files() -> Finding {
    let audit = crate::audit::AuditLog::default_path();
    let history = crate::private_files::history_file();
    let kept: Vec<std::path::PathBuf> = [audit, history]
        .into_iter()
        .flatten()
        .flat_map(|file| [file.parent().map(std::path::Path::to_path_buf), Some(file)])
        .flatten()
        .collect();
    let loose: Vec<String> =
        kept.iter().filter_map(|path| crate::private_files::looser_than_private(path)).collect();
    if loose.is_empty() {
        finding("local files", Some(true), "the audit log, the history and their folders are private")
    } else {
        Finding { warning: true, ..finding("local files", None, loose.join("; ")) }
    }
}

/// Whether every step that ran went well.
pub fn all_usable(findings: &[Finding]) -> bool {
    findings.iter().all(|f| f.ok != Some(false))
}

/// The tenant answers its discovery document over HTTP(S), with the issuer it should, and its
/// clock agrees with this machine's.
async fn tenant_answers(client: &ManagementClient) -> Finding {
    let tenant = client.tenant();
    let url = tenant.url(".well-known/openid-configuration");
    let request = Request {
        api: Api::Authentication,
        method: Method::GET,
        url: url.clone(),
        bearer: None,
        body: None,
        effect: Effect::Reads,
    };
    let response = match client.http().send(&request).await {
        Ok(response) if response.status.is_success() => response,
        Ok(response) => {
            return finding(
                "tenant",
                Some(false),
                response.into_error(Api::Authentication, &url).with_hint(),
            );
        }
        Err(err) => return finding("tenant", Some(false), err.with_hint()),
    };
    let issuer = response.json::<Value>(&url).ok().and_then(|v| v["issuer"].as_str().map(str::to_string));
    if issuer.as_deref() != Some(tenant.issuer().as_str()) {
        let said = issuer.unwrap_or_else(|| "none".into());
        return finding(
            "tenant",
            Some(false),
            format!("{} answers, but names the issuer {said}, not {}", tenant.host(), tenant.issuer()),
        );
    }
    let skew = response.date.map(|server| Utc::now().signed_duration_since(server).num_seconds());
    match skew {
        Some(skew) if skew.abs() > SKEW_TOLERATED => finding(
            "tenant",
            Some(false),
            format!(
                "{} answers, but this machine's clock is {skew:+} s off the server's: token times will look wrong; fix the clock (NTP)",
                tenant.host()
            ),
        ),
        Some(skew) => finding(
            "tenant",
            Some(true),
            format!("{} answers; issuer {}; clock skew {skew:+} s", tenant.host(), tenant.issuer()),
        ),
        None => finding(
            "tenant",
            Some(true),
            format!(
                "{} answers; issuer {} (no Date header to compare clocks)",
                tenant.host(),
                tenant.issuer()
            ),
        ),
    }
}

/// The token is for this tenant's Management API, and how long it lives.
fn token_claims(client: &ManagementClient, payload: &serde_json::Map<String, Value>) -> Vec<Finding> {
    let tenant = client.tenant();
    let audiences = crate::token::claims::audiences(payload);
    let aud_ok = audiences.iter().any(|a| *a == tenant.management_audience());
    let iss_ok = payload.get("iss").and_then(Value::as_str) == Some(tenant.issuer().as_str());
    let left = payload.get("exp").and_then(Value::as_i64).map(|exp| exp - Utc::now().timestamp());
    let mut findings = vec![finding(
        "token",
        Some(aud_ok && iss_ok),
        if aud_ok && iss_ok {
            format!("for {} from {}", tenant.management_audience(), tenant.issuer())
        } else {
            format!(
                "aud [{}] and iss {:?}, not this tenant's Management API ({})",
                audiences.join(", "),
                payload.get("iss"),
                tenant.management_audience()
            )
        },
    )];
    if let Some(left) = left {
        let ok = left > 0;
        findings.push(finding(
            "token lifetime",
            Some(ok),
            if ok { format!("expires in {} min", left / 60) } else { "expired".into() },
        ));
    }
    findings
}

/// One cheap Management API call, and the rate-limit headroom it reports.
async fn cheap_call(client: &ManagementClient) -> Finding {
    match client.users_page(&UserQuery::default(), 0, 1).await {
        Ok(_) => {
            let headroom = client
                .rate_limit()
                .map(|limit| format!("; rate limit {} of {} left", limit.remaining, limit.limit))
                .unwrap_or_default();
            finding("management call", Some(true), format!("GET /api/v2/users answered{headroom}"))
        }
        Err(err) => finding("management call", Some(false), err.with_hint()),
    }
}
