//! The checks an API runs on a token, each pass / fail / skip with its reason: exp, nbf and iat
//! with a leeway, iss against the tenant's issuer, aud against the one expected; and, when an
//! API's needs are given, the scopes it requires and the app it expects (`api_checks.rs`).

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::claims::audiences;
use crate::timefmt::{Clock, span};

use super::check::check;
pub use super::check::{Check, CheckStatus};

/// The most clock difference forgiven, in seconds (a day): a larger leeway is read as this.
pub const MAX_LEEWAY: u64 = 86_400;

/// What the checks compare against.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Expectations {
    /// The tenant's issuer (`{base}/`) or `--expect-iss`, and which of the two it is.
    pub issuer: Option<(String, &'static str)>,
    pub audience: Option<String>,
    /// Seconds of clock difference forgiven in time checks.
    pub leeway: u64,
    /// Scopes an API requires (checked only when some are given).
    pub scopes: Vec<String>,
    /// The application the token must have been issued to (checked only when given).
    pub azp: Option<String>,
}

pub const DEFAULT_LEEWAY: u64 = 60;

/// exp, nbf, iat, iss and aud, each pass / fail / skip with its reason.
pub fn run_checks(payload: &Map<String, Value>, clock: &Clock, expect: &Expectations) -> Vec<Check> {
    let now = clock.now.timestamp();
    let leeway = i64::try_from(expect.leeway.min(MAX_LEEWAY)).unwrap_or(0);
    let mut checks = vec![
        exp(time(payload, "exp"), now, leeway, clock),
        nbf(time(payload, "nbf"), now, leeway, clock),
        iat(time(payload, "iat"), now, leeway, clock),
        iss(payload, expect),
        aud(payload, expect),
    ];
    checks.extend(super::api_checks::scope(payload, &expect.scopes));
    checks.extend(super::api_checks::azp(payload, expect.azp.as_deref()));
    checks
}

/// A time claim: absent, a time, or a failed check saying it is not one.
fn time(payload: &Map<String, Value>, name: &'static str) -> Result<Option<DateTime<Utc>>, Check> {
    let Some(value) = payload.get(name) else { return Ok(None) };
    value
        .as_i64()
        .or_else(|| value.as_f64().map(|f| f as i64))
        .and_then(|s| DateTime::<Utc>::from_timestamp(s, 0))
        .map(Some)
        .ok_or_else(|| check(name, CheckStatus::Fail, format!("{name} is not a time in seconds: {value}")))
}

fn exp(claim: Result<Option<DateTime<Utc>>, Check>, now: i64, leeway: i64, clock: &Clock) -> Check {
    let at = match claim {
        Err(failed) => return failed,
        Ok(None) => {
            return check(
                "exp",
                CheckStatus::Skip,
                "no exp claim: the token never expires, which Auth0 never issues",
            );
        }
        Ok(Some(at)) => at,
    };
    let past = now - at.timestamp();
    if past > leeway {
        let detail =
            format!("expired {} ago, at {}; APIs answer invalid_token", span(past as u64), clock.local(at));
        check("exp", CheckStatus::Fail, detail)
    } else if past >= 0 {
        check("exp", CheckStatus::Pass, format!("expired {past} s ago, within the {leeway} s leeway"))
    } else {
        check("exp", CheckStatus::Pass, format!("expires {}, at {}", clock.relative(at), clock.local(at)))
    }
}

fn nbf(claim: Result<Option<DateTime<Utc>>, Check>, now: i64, leeway: i64, clock: &Clock) -> Check {
    match claim {
        Err(failed) => failed,
        Ok(None) => check("nbf", CheckStatus::Skip, "no nbf claim"),
        Ok(Some(at)) if at.timestamp() - leeway > now => check(
            "nbf",
            CheckStatus::Fail,
            format!(
                "not valid before {} ({}), beyond the {leeway} s leeway",
                clock.local(at),
                clock.relative(at)
            ),
        ),
        Ok(Some(at)) => check(
            "nbf",
            CheckStatus::Pass,
            format!("valid since {} ({})", clock.local(at), clock.relative(at)),
        ),
    }
}

fn iat(claim: Result<Option<DateTime<Utc>>, Check>, now: i64, leeway: i64, clock: &Clock) -> Check {
    match claim {
        Err(failed) => failed,
        Ok(None) => check("iat", CheckStatus::Skip, "no iat claim"),
        Ok(Some(at)) if at.timestamp() - leeway > now => check(
            "iat",
            CheckStatus::Fail,
            format!(
                "issued in the future, {} ({}): the issuer's clock or this machine's is off",
                clock.local(at),
                clock.relative(at)
            ),
        ),
        Ok(Some(at)) => {
            check("iat", CheckStatus::Pass, format!("issued {} ({})", clock.local(at), clock.relative(at)))
        }
    }
}

fn iss(payload: &Map<String, Value>, expect: &Expectations) -> Check {
    match (&expect.issuer, payload.get("iss").and_then(Value::as_str)) {
        (None, _) => {
            check("iss", CheckStatus::Skip, "no issuer to compare with: give --domain or --expect-iss")
        }
        (Some(_), None) => check("iss", CheckStatus::Fail, "the token has no iss claim"),
        (Some((want, _)), Some(iss)) if iss == want => {
            check("iss", CheckStatus::Pass, format!("{iss} is the expected issuer"))
        }
        (Some((want, source)), Some(iss)) => {
            let slash = if iss.trim_end_matches('/') == want.trim_end_matches('/') {
                " (they differ only in the trailing slash, which Auth0's issuer always has)"
            } else {
                ""
            };
            check("iss", CheckStatus::Fail, format!("iss is {iss}, but {source} is {want}{slash}"))
        }
    }
}

fn aud(payload: &Map<String, Value>, expect: &Expectations) -> Check {
    let audiences = audiences(payload);
    match &expect.audience {
        None => check(
            "aud",
            CheckStatus::Skip,
            "no audience expected (tenantscope decode --expect-aud AUD checks one)",
        ),
        Some(want) if audiences.iter().any(|a| a == want) => {
            check("aud", CheckStatus::Pass, format!("aud contains {want}"))
        }
        Some(want) => check(
            "aud",
            CheckStatus::Fail,
            format!(
                "aud is [{}], without {want}: an API with that identifier answers invalid_audience",
                audiences.join(", ")
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    use crate::fixtures::{clock, payload};

    fn status(checks: &[Check], name: &str) -> CheckStatus {
        checks.iter().find(|c| c.name == name).unwrap().status
    }

    #[test]
    fn time_checks_honour_the_leeway() {
        let now = clock().now.timestamp();
        let expect = Expectations { leeway: 60, ..Default::default() };
        let checks = run_checks(
            &payload(json!({"exp": now - 30, "iat": now + 30, "nbf": now + 30})),
            &clock(),
            &expect,
        );
        assert_eq!(status(&checks, "exp"), CheckStatus::Pass);
        assert_eq!(status(&checks, "iat"), CheckStatus::Pass);
        assert_eq!(status(&checks, "nbf"), CheckStatus::Pass);
        let checks = run_checks(&payload(json!({"exp": now - 7200, "iat": now + 600})), &clock(), &expect);
        assert_eq!(status(&checks, "exp"), CheckStatus::Fail);
        assert!(checks[0].detail.starts_with("expired 2h ago"), "{}", checks[0].detail);
        assert_eq!(status(&checks, "iat"), CheckStatus::Fail);
        assert_eq!(status(&checks, "nbf"), CheckStatus::Skip);
    }

    #[test]
    fn issuer_and_audience() {
        let expect = Expectations {
            issuer: Some(("https://acme.auth0.com/".into(), "the tenant's issuer")),
            audience: Some("https://api".into()),
            leeway: 60,
            ..Default::default()
        };
        let ok = run_checks(
            &payload(json!({"iss": "https://acme.auth0.com/", "aud": ["https://api", "x"]})),
            &clock(),
            &expect,
        );
        assert_eq!((status(&ok, "iss"), status(&ok, "aud")), (CheckStatus::Pass, CheckStatus::Pass));
        let bad =
            run_checks(&payload(json!({"iss": "https://acme.auth0.com", "aud": "other"})), &clock(), &expect);
        assert_eq!(status(&bad, "iss"), CheckStatus::Fail);
        assert!(bad[3].detail.contains("trailing slash"));
        assert!(bad[4].detail.contains("invalid_audience"));
        let skipped = run_checks(&payload(json!({})), &clock(), &Expectations::default());
        assert_eq!(
            (status(&skipped, "iss"), status(&skipped, "aud")),
            (CheckStatus::Skip, CheckStatus::Skip)
        );
    }
}
