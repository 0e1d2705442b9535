//! Who each kind of command belongs to, and what the app needs to know of it on its way out:
//! the id its answer comes back with, who asked (and so takes the answer), and whether it goes to
//! the tenant. Each match names every command: a new one must say all three.

use super::command::Command;
use super::panes::Pane;
use super::remote::RequestId;

/// Who asked for a request, and so takes its outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asker {
    Pane(Pane),
    /// What spans panes: revokes, application names, the clipboard, the read-only lock.
    App,
}

impl Command {
    /// The id its outcome comes back with.
    pub fn req(&self) -> RequestId {
        match self {
            Command::LoadUsersPage { req, .. }
            | Command::LoadGrants { req, .. }
            | Command::LoadDevices { req, .. }
            | Command::LoadClientNames { req }
            | Command::Revoke { req, .. }
            | Command::CopyToClipboard { req, .. }
            | Command::ReadClipboard { req }
            | Command::VerifyToken { req, .. }
            | Command::LoadSessions { req, .. }
            | Command::ExportUsers { req }
            | Command::PastedRefreshToken { req, .. }
            | Command::RefreshHeld { req, .. }
            | Command::Login { req, .. }
            | Command::UserInfo { req, .. }
            | Command::LockReadOnly { req }
            | Command::LoadLoginBlocks { req, .. }
            | Command::LoadLogs { req, .. }
            | Command::LoadApis { req }
            | Command::PollLogs { req, .. } => *req,
        }
    }

    /// Who asked for it, and so takes its outcome: each kind of request has one owner. No
    /// wildcard: a new command must say whose it is.
    pub fn asker(&self) -> Asker {
        match self {
            Command::LoadUsersPage { .. } | Command::ExportUsers { .. } | Command::LoadLoginBlocks { .. } => {
                Asker::Pane(Pane::Users)
            }
            Command::LoadGrants { .. } => Asker::Pane(Pane::Grants),
            Command::LoadDevices { .. } => Asker::Pane(Pane::Devices),
            Command::LoadSessions { .. } => Asker::Pane(Pane::Sessions),
            Command::VerifyToken { .. }
            | Command::PastedRefreshToken { .. }
            | Command::RefreshHeld { .. }
            | Command::Login { .. }
            | Command::LoadApis { .. }
            | Command::UserInfo { .. }
            | Command::ReadClipboard { .. } => Asker::Pane(Pane::Token),
            Command::LoadLogs { .. } | Command::PollLogs { .. } => Asker::Pane(Pane::Logs),
            Command::LoadClientNames { .. }
            | Command::Revoke { .. }
            | Command::CopyToClipboard { .. }
            | Command::LockReadOnly { .. } => Asker::App,
        }
    }

    /// Whether the command is a request to the tenant: the spinner turns while one is open
    /// (see [`Requests`](super::requests::Requests)).
    pub fn is_network(&self) -> bool {
        match self {
            Command::LoadUsersPage { .. }
            | Command::LoadGrants { .. }
            | Command::LoadDevices { .. }
            | Command::LoadClientNames { .. }
            | Command::Revoke { .. }
            | Command::VerifyToken { .. }
            | Command::LoadSessions { .. }
            | Command::ExportUsers { .. }
            | Command::PastedRefreshToken { .. }
            | Command::RefreshHeld { .. }
            | Command::Login { .. }
            | Command::UserInfo { .. }
            | Command::LoadLoginBlocks { .. }
            | Command::LoadLogs { .. }
            | Command::LoadApis { .. }
            | Command::PollLogs { .. } => true,
            Command::CopyToClipboard { .. }
            | Command::ReadClipboard { .. }
            | Command::LockReadOnly { .. } => false,
        }
    }
}
