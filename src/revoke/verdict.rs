//! How a destructive action ended, saying only what Auth0 proved. Every revoke, block, unblock
//! and "revoke everything" ends in exactly one [`Verdict`]; the human line, the `--json` field
//! and the audit record are all rendered from it, so the four words mean the same everywhere.

use crate::auth0::Auth0Error;

/// The four words, and what proves each.
#[derive(Debug, Clone)]
pub enum Verdict {
    /// Proven: seen before and absent after (a re-list), or Auth0's own answer shows it (the dead
    /// refresh token answered `invalid_grant`; the user came back `blocked: true`). The proof.
    Revoked(String),
    /// Auth0 took the request, but its answer cannot prove anything (204 for an unknown grant
    /// id, 200 from `/oauth/revoke` for any token, 202 for eventual deletes).
    Accepted { why: String, prove: String },
    /// It was not there: seen missing before (nothing was sent), or Auth0 answered 404.
    Absent(String),
    /// Auth0 said no, or the request did not get through: Auth0's own words.
    Failed(Auth0Error),
}

impl Verdict {
    /// `revoked`, `accepted`, `absent` or `failed`: the `verdict` field of `--json` and the audit.
    pub fn word(&self) -> &'static str {
        match self {
            Verdict::Revoked(_) => "revoked",
            Verdict::Accepted { .. } => "accepted",
            Verdict::Absent(_) => "absent",
            Verdict::Failed(_) => "failed",
        }
    }

    /// The exit status of a command that ends in this verdict (the README's table): 0 only
    /// when it is proven.
    pub fn exit_code(&self) -> i32 {
        match self {
            Verdict::Revoked(_) => 0,
            Verdict::Failed(Auth0Error::ReadOnly { .. } | Auth0Error::BadId(_) | Auth0Error::Setup(_)) => 2,
            Verdict::Failed(_) => 1,
            Verdict::Accepted { .. } => 3,
            Verdict::Absent(_) => 4,
        }
    }

    /// What is known, in one sentence after the word: the proof, why nothing is proven and how
    /// to prove it, why it is absent, or Auth0's words with a hint.
    pub fn detail(&self) -> String {
        match self {
            Verdict::Revoked(proof) => proof.clone(),
            Verdict::Accepted { why, prove } => format!("{why}; {prove}"),
            Verdict::Absent(why) => why.clone(),
            Verdict::Failed(err) => err.with_hint(),
        }
    }

    /// `revoked: grant 6430… — re-listed auth0|1's grants: it is gone`, the human line.
    pub fn line(&self, what: &str) -> String {
        format!("{}: {what} — {}", self.word(), self.detail())
    }

    /// Auth0's error, when it failed.
    pub fn error(&self) -> Option<&Auth0Error> {
        match self {
            Verdict::Failed(err) => Some(err),
            _ => None,
        }
    }

    /// Whether Auth0 took the request (revoked or accepted): a pane may drop or mark the row.
    pub fn was_taken(&self) -> bool {
        matches!(self, Verdict::Revoked(_) | Verdict::Accepted { .. })
    }

    /// The verdict of a whole made of parts ("revoke everything", a bulk action): failed if any
    /// part failed, else accepted if any was only accepted, else revoked if any was revoked,
    /// else absent.
    pub fn of_parts<'a>(parts: impl IntoIterator<Item = &'a Verdict>) -> Verdict {
        let parts: Vec<&Verdict> = parts.into_iter().collect();
        let count = |word: &str| parts.iter().filter(|v| v.word() == word).count();
        if let Some(failed) = parts.iter().find_map(|v| v.error()) {
            return Verdict::Failed(failed.clone());
        }
        let (accepted, revoked) = (count("accepted"), count("revoked"));
        if accepted > 0 {
            Verdict::Accepted {
                why: format!("{accepted} of {} parts were accepted but not proven", parts.len()),
                prove: "list the user's items again to see them gone".into(),
            }
        } else if revoked > 0 {
            Verdict::Revoked(format!("every part is proven gone or was not there ({revoked} revoked)"))
        } else {
            Verdict::Absent("none of it was there".into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepted() -> Verdict {
        Verdict::Accepted { why: "Auth0 answered 204".into(), prove: "pass --user".into() }
    }

    #[test]
    fn each_word_has_its_exit_status() {
        let failed = Verdict::Failed(Auth0Error::Connection { url: "u".into(), detail: "d".into() });
        let words: Vec<(&str, i32)> =
            [Verdict::Revoked("gone".into()), accepted(), Verdict::Absent("no".into()), failed]
                .iter()
                .map(|v| (v.word(), v.exit_code()))
                .collect();
        assert_eq!(words, [("revoked", 0), ("accepted", 3), ("absent", 4), ("failed", 1)]);
    }

    #[test]
    fn a_whole_is_as_weak_as_its_weakest_part() {
        let revoked = Verdict::Revoked("gone".into());
        let absent = Verdict::Absent("no".into());
        assert_eq!(Verdict::of_parts([&revoked, &absent]).word(), "revoked");
        assert_eq!(Verdict::of_parts([&revoked, &accepted()]).word(), "accepted");
        assert_eq!(Verdict::of_parts([&absent, &absent]).word(), "absent");
        let failed = Verdict::Failed(Auth0Error::Setup("x".into()));
        assert_eq!(Verdict::of_parts([&revoked, &failed, &accepted()]).word(), "failed");
    }

    #[test]
    fn the_line_starts_with_the_word() {
        assert_eq!(accepted().line("grant g1"), "accepted: grant g1 — Auth0 answered 204; pass --user");
    }
}
