//! The arguments of the revoking subcommands, and the flags they share: ask or not, prove or
//! not, and how to say the verdict.

use clap::Args;

use super::id_arg::id;

/// What every revoke, block and unblock accepts.
#[derive(Debug, Clone, Copy, Args)]
pub struct RevokeFlags {
    /// Do not ask for confirmation
    #[arg(long, short)]
    pub yes: bool,
    /// The verdict as JSON: {"verdict": "revoked|accepted|absent|failed", …}
    #[arg(long)]
    pub json: bool,
    /// Wait up to 10 s for Auth0 to apply the revoke, looking again until it is gone
    #[arg(long)]
    pub verify: bool,
}

#[derive(Debug, Args)]
pub struct ItemRevokeArgs {
    /// The id (looked up before and after, to prove it gone)
    #[arg(required_unless_present = "user", conflicts_with = "user", value_parser = id)]
    pub id: Option<String>,
    /// Revoke all of this user's instead
    #[arg(long, value_name = "USER_ID", value_parser = id)]
    pub user: Option<String>,
    #[command(flatten)]
    pub how: RevokeFlags,
}

#[derive(Debug, Args)]
pub struct GrantRevokeArgs {
    /// The grant id; with --user, only that grant of the user (listed before and after as proof)
    #[arg(required_unless_present = "user", value_parser = id)]
    pub grant_id: Option<String>,
    /// The user whose grants to list (with a grant id), or whose every grant to revoke (without)
    #[arg(long, value_name = "USER_ID", value_parser = id)]
    pub user: Option<String>,
    #[command(flatten)]
    pub how: RevokeFlags,
}

#[derive(Debug, Args)]
pub struct DeviceRevokeArgs {
    /// The device credential id (dcr_…)
    #[arg(value_parser = id)]
    pub id: String,
    /// The credential's user: their device credentials are listed before and after, as proof
    #[arg(long, value_name = "USER_ID", value_parser = id)]
    pub user: Option<String>,
    #[command(flatten)]
    pub how: RevokeFlags,
}
