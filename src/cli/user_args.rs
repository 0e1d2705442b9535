//! The arguments of `user` (show one; block, unblock, see and clear login blocks) and `logs`.

use clap::{Args, Subcommand};

use super::id_arg::id;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct UserArgs {
    #[command(subcommand)]
    pub action: Option<UserAction>,
    /// A user id (auth0|64ab…) or an email address (exact, case-sensitive)
    #[arg(value_parser = id, required = true)]
    pub id: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Block the user: no new logins or refreshes (tokens already issued live on until revoked)
    Block(UserTargetArgs),
    /// Unblock the user
    Unblock(UserTargetArgs),
    /// The brute-force and suspicious-IP blocks on a user id or an identifier (email, username)
    Blocks {
        #[arg(value_parser = id)]
        who: String,
        #[arg(long)]
        json: bool,
    },
    /// Clear those blocks
    UnblockAttempts(UserTargetArgs),
}

#[derive(Debug, Args)]
pub struct UserTargetArgs {
    /// The user id (for unblock-attempts, also an email or username)
    #[arg(value_parser = id)]
    pub id: String,
    #[command(flatten)]
    pub how: super::revoke_args::RevokeFlags,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tenantscope logs --user 'auth0|64ab…' --type f,fp,fertft
  tenantscope logs --follow --type fertft --json
  tenantscope logs --query 'ip:\"203.0.113.7\"' --take 200")]
pub struct LogsArgs {
    /// Only this user's events
    #[arg(long, value_name = "USER_ID", value_parser = id)]
    pub user: Option<String>,
    /// Only these event types (s, f, fp, fertft, sapi, …), comma-separated
    #[arg(long = "type", value_name = "CODE[,CODE…]")]
    pub types: Option<String>,
    /// Only this application's events
    #[arg(long, value_name = "CLIENT_ID")]
    pub client: Option<String>,
    /// Only events from this IP address
    #[arg(long, value_name = "IP")]
    pub ip: Option<String>,
    /// Auth0's log search (Lucene over type, user_id, user_name, client_id, ip, date, description…)
    #[arg(long, value_name = "LUCENE")]
    pub query: Option<String>,
    /// How many events at most (a search reaches 1000 at most)
    #[arg(long, default_value_t = 50)]
    pub take: usize,
    /// Start after this log_id (checkpoint paging: oldest first)
    #[arg(long, value_name = "LOG_ID")]
    pub from: Option<String>,
    /// Keep printing new events as they come, until Ctrl-C
    #[arg(long)]
    pub follow: bool,
    /// JSON (with --follow, one event per line)
    #[arg(long)]
    pub json: bool,
}
