//! Asking before a destructive action, and saying how it ended: the verdict's line on stdout
//! (or its JSON with `--json`), and its exit status.

use std::time::Duration;

use crate::output::text::clean;
use crate::revoke::{PATIENCE, Revoker, Target, Verdict};

use super::args::RevokeFlags;
use super::{CliError, confirm};

/// Asks before `target` goes, after the read-only guard had its say: what goes, whose, through
/// which application or API and on which tenant (read from Auth0 first), then what follows.
pub(crate) async fn confirm_revoke(
    revoker: &Revoker,
    target: &Target,
    listing: &str,
    yes: bool,
) -> Result<(), CliError> {
    revoker.check_allowed(target)?;
    if yes {
        return Ok(());
    }
    let verb = target.verb().base;
    let verb = format!("{}{}", verb[..1].to_uppercase(), &verb[1..]);
    let facts: String = super::confirm_facts::facts(revoker.client(), target)
        .await
        .iter()
        .map(|line| format!("  {line}\n"))
        .collect();
    let question = format!("{listing}{facts}{}\n{verb} {}", target.consequence(), target.describe());
    if confirm::confirm(&question, false)? { Ok(()) } else { Err(confirm::declined()) }
}

/// How long to look again after the request: up to [`PATIENCE`] with `--verify`, else once.
pub(crate) fn patience(how: &RevokeFlags) -> Duration {
    if how.verify { PATIENCE } else { Duration::ZERO }
}

/// Says the verdict (one line, or one JSON object), and turns it into the exit status: only a
/// proven revoke exits 0.
pub(crate) fn report(verdict: &Verdict, target: &Target, json: bool) -> Result<(), CliError> {
    // Refused before anything was sent: no verdict, the refusal itself (exit 2).
    if let Some(err @ crate::auth0::Auth0Error::ReadOnly { .. }) = verdict.error() {
        return Err(CliError::Auth0(err.clone()));
    }
    if json {
        let mut object = serde_json::Map::new();
        object.insert("verdict".into(), verdict.word().into());
        object.insert("action".into(), target.audit_action().into());
        object.insert("target".into(), target.audit_target().into());
        object.insert("user_id".into(), target.user_id().into());
        match verdict.error() {
            Some(err) => object.insert("error".into(), err.to_string().into()),
            None => object.insert("detail".into(), verdict.detail().into()),
        };
        super::table::print_json(&serde_json::Value::Object(object))?;
    } else if verdict.error().is_some() {
        // A failure is told where errors are, on stderr; the other verdicts are the output.
        super::note(verdict.line(&target.subject()));
    } else {
        crate::outln!("{}", clean(&verdict.line(&target.subject())));
    }
    match verdict.exit_code() {
        0 => Ok(()),
        code => Err(CliError::Verdict(code)),
    }
}
