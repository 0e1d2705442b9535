//! `tenantscope decode`: what a token is, whether the tenant signed it, and every check.
//! Exit 0 when it decoded and every check passed, 1 when the signature or a check failed, 2 when
//! the input is not a token.

use std::fmt::Write as _;
use std::io::{IsTerminal, Read};

use crate::auth0::{HttpOptions, Tenant};
use crate::output::text::push_clean;
use crate::timefmt::Clock;
use crate::token::checks::{CheckStatus, Expectations};
use crate::token::claims;
use crate::token::{
    Inspection, KeySource, SignatureReport, SignatureStatus, Verdict, decode, inspect, verify,
};

use super::CliError;
use super::args::DecodeArgs;
use super::table::print_json;

/// Larger input is not a token.
const MAX_INPUT: u64 = 1024 * 1024;

pub async fn run(args: &DecodeArgs, tenant: Option<Tenant>, ca_certs: Vec<Vec<u8>>) -> Result<(), CliError> {
    let input = read_input(args)?;
    let decoded = decode(&input).map_err(|e| CliError::Usage(format!("not a token: {e}")))?;
    let verify_requested = args.verify || args.jwks.is_some();
    let signature = if verify_requested {
        let source = match (&args.jwks, &tenant) {
            (Some(jwks), _) => KeySource::parse(jwks).map_err(CliError::Usage)?,
            (None, Some(tenant)) => KeySource::Url(tenant.jwks_url()),
            (None, None) => {
                return Err(CliError::Usage(
                    "--verify needs the tenant's keys: give --domain (or AUTH0_DOMAIN), or a key set with --jwks".into(),
                ));
            }
        };
        let http = super::http(HttpOptions { ca_certs, ..HttpOptions::default() })?;
        verify(&decoded, &crate::key_sets::cache(source, http)).await
    } else {
        SignatureReport::not_checked("pass --verify to check it against the tenant's keys")
    };
    let expect = Expectations {
        issuer: match (&args.expect_iss, &tenant) {
            (Some(iss), _) => Some((iss.clone(), "--expect-iss")),
            (None, Some(tenant)) => Some((tenant.issuer(), "the tenant's issuer")),
            (None, None) => None,
        },
        audience: args.expect_aud.clone(),
        leeway: args.leeway,
        scopes: args
            .expect_scope
            .iter()
            .flat_map(|s| s.split([' ', ',']))
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        azp: args.expect_azp.clone(),
    };
    let clock = Clock::system();
    let inspection = inspect(&decoded, signature, &clock, &expect);
    // Asked about an API: what it would answer, in RFC 6750's words.
    let about_an_api = expect.audience.is_some() || !expect.scopes.is_empty() || expect.azp.is_some();
    let verdict = about_an_api.then(|| Verdict::of(&inspection, verify_requested));
    if args.json {
        let mut report = inspection.to_json();
        if let Some(verdict) = &verdict {
            report["verdict"] = serde_json::to_value(verdict).unwrap_or_default();
        }
        print_json(&report)?;
    } else {
        crate::output::out(format_args!("{}", render(&inspection, &clock)));
        if let Some(verdict) = &verdict {
            crate::outln!("API answer {}", verdict.line());
        }
    }
    if inspection.passed(verify_requested) {
        Ok(())
    } else {
        let mut failed: Vec<&str> =
            inspection.checks.iter().filter(|c| c.status == CheckStatus::Fail).map(|c| c.name).collect();
        if verify_requested && inspection.signature.status != SignatureStatus::Verified {
            failed.insert(0, "signature");
        }
        Err(CliError::Failed(format!("the token failed: {}", failed.join(", "))))
    }
}

/// The token from the argument, or from stdin.
fn read_input(args: &DecodeArgs) -> Result<String, CliError> {
    if let Some(token) = args.token.as_ref().map(|t| t.expose()).filter(|t| *t != "-") {
        return Ok(token.to_string());
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(CliError::Usage(
            "no token: give it as an argument, or pipe it in (pbpaste | tenantscope decode)".into(),
        ));
    }
    let mut bytes = Vec::new();
    stdin
        .lock()
        .take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::Usage(format!("could not read stdin: {e}")))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(CliError::Usage("not a token: the input is over 1 MiB".into()));
    }
    String::from_utf8(bytes).map_err(|_| CliError::Usage("not a token: the input is not text".into()))
}

/// The human-readable report; every value from the token is cleaned before it is printed.
pub fn render(inspection: &Inspection, clock: &Clock) -> String {
    let mut out = String::with_capacity(2048);
    // Lines are written in place, through one scratch buffer: this runs once per `decode`, whose
    // whole-process time is measured against other tools.
    let mut scratch = String::with_capacity(256);
    let mut line = |label: &str, text: std::fmt::Arguments<'_>| {
        out.push_str(label);
        out.extend(std::iter::repeat_n(' ', 11usize.saturating_sub(label.chars().count())));
        scratch.clear();
        let _ = scratch.write_fmt(text);
        push_clean(&mut out, &scratch);
        out.push('\n');
    };
    line("Kind", format_args!("{}", inspection.kind.label));
    for evidence in &inspection.kind.evidence {
        line("", format_args!("· {evidence}"));
    }
    let word = match inspection.signature.status {
        SignatureStatus::Verified => "verified",
        SignatureStatus::Invalid => "INVALID",
        SignatureStatus::NotChecked => "not checked",
        SignatureStatus::Unavailable => "unavailable",
    };
    line("Signature", format_args!("{word}: {}", inspection.signature.detail));
    for (i, check) in inspection.checks.iter().enumerate() {
        let mark = match check.status {
            CheckStatus::Pass => "✓",
            CheckStatus::Fail => "✗",
            CheckStatus::Skip => "–",
        };
        line(if i == 0 { "Checks" } else { "" }, format_args!("{mark} {:<4} {}", check.name, check.detail));
    }
    if let Some(header) = &inspection.header {
        let parts: Vec<String> = header
            .iter()
            .map(|(k, v)| format!("{k} {}", v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())))
            .collect();
        line("Header", format_args!("{}", parts.join(" · ")));
    }
    if let Some(payload) = &inspection.payload {
        let names = crate::auth0::ClientNames::default();
        let width = payload.keys().map(|k| k.chars().count()).max().unwrap_or(0).min(28);
        let (custom, known): (Vec<_>, Vec<_>) = payload.iter().partition(|(k, _)| claims::is_custom(k));
        for (title, group) in [("Claims", known), ("Custom", custom)] {
            for (i, (key, value)) in group.iter().enumerate() {
                let mut text = claims::explain(key, value, clock, |id| names.name(id).map(str::to_string));
                // The Enter key belongs to the Token pane; here it is only a user.
                if key.as_str() == "sub" {
                    text = text.replace(" (a user: Enter opens them in Users)", " (a user)");
                }
                line(if i == 0 { title } else { "" }, format_args!("{key:<width$}  {text}"));
            }
        }
    }
    out
}
