//! Effects as data: what `App::update` asks for, and the runner that does it in tokio tasks and
//! sends each result back as an action. Nothing here touches the terminal.

use std::sync::{Arc, Mutex};

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::{JoinError, JoinSet};

use std::collections::BTreeMap;

use super::session_row::SessionRow;
use crate::audit::AuditLog;
use crate::auth0::Auth0Error;
use crate::auth0::{DeviceFilter, GrantFilter, ManagementClient, UserQuery};
use crate::config::AppProfile;
use crate::revoke::{PATIENCE, Revoker};
use crate::secret::SecretText;
use crate::token::{JwksCache, KeySource};

use super::action::{
    Action, ApiChoice, AppChoice, Outcome, PastedTokenAction, RequestId, RevokeTarget, TokenOrigin,
};
use super::token_tasks;
use crate::auth0::login::StandIn;

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    LoadUsersPage {
        req: RequestId,
        query: UserQuery,
        page: usize,
        per_page: usize,
    },
    LoadGrants {
        req: RequestId,
        user_id: String,
    },
    LoadDevices {
        req: RequestId,
        user_id: String,
    },
    LoadClientNames {
        req: RequestId,
    },
    Revoke {
        req: RequestId,
        target: RevokeTarget,
    },
    CopyToClipboard {
        req: RequestId,
        what: String,
        text: String,
    },
    ReadClipboard {
        req: RequestId,
    },
    /// Check a pasted token's signature against the tenant's keys.
    VerifyToken {
        req: RequestId,
        token: SecretText,
    },
    /// A user's sessions and refresh tokens.
    LoadSessions {
        req: RequestId,
        user_id: String,
    },
    /// Every user of the tenant, through an export job, streamed back in batches.
    ExportUsers {
        req: RequestId,
    },
    /// Revoke or prove dead a refresh token pasted in the Token pane.
    PastedRefreshToken {
        req: RequestId,
        action: PastedTokenAction,
        app: AppChoice,
        token: SecretText,
    },
    /// Exchange the Token pane's refresh token for new tokens.
    RefreshHeld {
        req: RequestId,
        app: AppChoice,
        token: SecretText,
    },
    /// Log a user in through the browser (the login form prefilled with `login_hint`).
    Login {
        req: RequestId,
        app: AppChoice,
        login_hint: Option<String>,
        /// The API the access token is for; `None` for an opaque one.
        api: Option<ApiChoice>,
    },
    /// The tenant's APIs (`GET /resource-servers`), for the login's choice of audience.
    LoadApis {
        req: RequestId,
    },
    /// `GET /userinfo` with the Token pane's access token.
    UserInfo {
        req: RequestId,
        token: SecretText,
    },
    /// `:readonly`: the client refuses every destructive request from now on.
    LockReadOnly {
        req: RequestId,
    },
    /// A user's brute-force and suspicious-IP blocks.
    LoadLoginBlocks {
        req: RequestId,
        user_id: String,
    },
    /// The newest events, the tenant's or one user's.
    LoadLogs {
        req: RequestId,
        user_id: Option<String>,
    },
    /// The events after `checkpoint` (after the newest, when there is none yet).
    PollLogs {
        req: RequestId,
        checkpoint: Option<String>,
    },
}

/// Runs commands as tokio tasks; a task that panics ends the app (see `next_finished`).
pub struct Runner {
    tasks: JoinSet<()>,
    context: TaskContext,
}

/// What every task works with, and the one sender every task streams its results through.
#[derive(Clone)]
struct TaskContext {
    client: ManagementClient,
    /// The tenant's keys, fetched once and kept for every pasted token.
    keys: Arc<JwksCache>,
    tx: UnboundedSender<Action>,
    clipboard: Arc<Mutex<Option<arboard::Clipboard>>>,
    /// The one revoke path, shared with the CLI; it records in the audit trail.
    revoker: Revoker,
    /// The profile's applications, with their secrets, for pasted refresh tokens.
    apps: Arc<BTreeMap<String, AppProfile>>,
    /// Who logs in at the login page in place of a person (the demo's stand-in), if anyone.
    stand_in: Option<StandIn>,
    /// The loopback port logins come back to (the app must list its callback URL).
    callback_port: u16,
}

impl Runner {
    pub fn new(client: ManagementClient, tx: UnboundedSender<Action>) -> Runner {
        let keys = Arc::new(crate::key_sets::cache(
            KeySource::Url(client.tenant().jwks_url()),
            client.http().clone(),
        ));
        let notices = tx.clone();
        let revoker = Revoker::new(
            client.clone(),
            "tui",
            Arc::new(move |text: String| {
                let action =
                    if text.starts_with("warning: ") { Action::Warning(text) } else { Action::Notice(text) };
                let _ = notices.send(action);
            }),
        );
        let context = TaskContext {
            client,
            keys,
            tx,
            clipboard: Arc::new(Mutex::new(None)),
            revoker,
            apps: Arc::default(),
            stand_in: None,
            callback_port: crate::auth0::login::DEFAULT_CALLBACK_PORT,
        };
        Runner { tasks: JoinSet::new(), context }
    }

    /// Lets `stand_in` log users in at the login page in place of a person (the demo).
    pub fn with_stand_in(mut self, stand_in: StandIn) -> Runner {
        self.context.stand_in = Some(stand_in);
        self
    }

    /// Logins come back to `http://127.0.0.1:{port}/callback` instead of port 8484.
    pub fn with_callback_port(mut self, port: u16) -> Runner {
        self.context.callback_port = port;
        self
    }

    /// The profile's applications, for revoking and probing refresh tokens the user holds.
    pub fn with_apps(mut self, apps: BTreeMap<String, AppProfile>) -> Runner {
        self.context.apps = Arc::new(apps);
        self
    }

    /// Records every revoke's outcome in `log`.
    pub fn with_audit(mut self, log: AuditLog) -> Runner {
        self.context.revoker = self.context.revoker.with_audit(log);
        self
    }

    /// Runs `command` as a task; what it finds comes back as actions on the app's channel. A
    /// panic in it becomes the command's outcome with the error (see `task_failed.rs`), so the
    /// pane that asked shows it and the app goes on.
    pub fn spawn(&mut self, command: Command) {
        let context = self.context.clone();
        self.spawn_task(async move {
            let fallback = command.clone();
            let outcome = match crate::crash::catch(context.execute(command)).await {
                Ok(outcome) => outcome,
                Err(why) => fallback.failed(why),
            };
            let _ = context.tx.send(Action::Done(outcome));
        });
    }

    /// Runs `task` beside the commands; its panic ends the app like theirs (see `next_finished`).
    pub fn spawn_task(&mut self, task: impl std::future::Future<Output = ()> + Send + 'static) {
        self.tasks.spawn(task);
    }

    /// The next finished task; `Err` when it panicked. Pending forever while none run.
    pub async fn next_finished(&mut self) -> Result<(), JoinError> {
        match self.tasks.join_next().await {
            Some(result) => result,
            None => std::future::pending().await,
        }
    }
}

impl TaskContext {
    /// Does one command; a command with results along the way (an export) streams them through
    /// the same sender before its final outcome.
    /// L in Token: a login with the chosen app, where it calls back, and the demo's stand-in.
    async fn login(
        &self,
        req: RequestId,
        app: AppChoice,
        login_hint: Option<String>,
        api: Option<ApiChoice>,
    ) -> Outcome {
        let credentials = token_tasks::credentials(&self.apps, &app);
        let callback = app.label.as_ref().and_then(|l| self.apps.get(l)?.callback_url.clone());
        let (stand_in, port, tx) = (self.stand_in.clone(), self.callback_port, &self.tx);
        let who = token_tasks::LoginFor { login_hint, api };
        let result = token_tasks::login(&self.client, credentials, callback, who, stand_in, port, tx).await;
        Outcome::TokensReceived { req, origin: TokenOrigin::Login, app, result }
    }

    /// Copies to the system clipboard (the app falls back to OSC 52 when there is none).
    async fn copy(&self, req: RequestId, what: String, text: String) -> Outcome {
        let copy = text.clone();
        let result =
            with_clipboard(self.clipboard.clone(), move |c| c.set_text(copy).map_err(|e| e.to_string()))
                .await;
        Outcome::Copied { req, what, text, result }
    }

    async fn read_clipboard(&self, req: RequestId) -> Outcome {
        let result = with_clipboard(self.clipboard.clone(), |c| {
            c.get_text().map(SecretText::from).map_err(|e| e.to_string())
        })
        .await;
        Outcome::ClipboardRead { req, result }
    }

    async fn execute(&self, command: Command) -> Outcome {
        panic_if_asked(&command);
        let TaskContext { client, keys, apps, revoker, .. } = self;
        match command {
            Command::LoadUsersPage { req, query, page, per_page } => {
                Outcome::UsersPage { req, page, result: client.users_page(&query, page, per_page).await }
            }
            Command::LoadGrants { req, user_id } => Outcome::Grants {
                req,
                result: client.grants(&GrantFilter { user_id: Some(user_id), ..Default::default() }).await,
            },
            Command::LoadDevices { req, user_id } => Outcome::Devices {
                req,
                result: client
                    .device_credentials(&DeviceFilter { user_id: Some(user_id), ..Default::default() })
                    .await,
            },
            Command::LoadClientNames { req } => {
                Outcome::ClientNames { req, result: client.client_names().await }
            }
            Command::Revoke { req, target: everything @ RevokeTarget::Everything { .. } } => {
                let results = revoker.revoke_everything(&everything, PATIENCE).await;
                let user_id = everything.user_id().unwrap_or_default().to_string();
                let results = results.into_iter().map(|(part, result)| (part_label(&part), result)).collect();
                Outcome::RevokedEverything { req, user_id, results }
            }
            Command::Revoke { req, target } => {
                // The task waits for the proof; the UI does not.
                let verdict = revoker.revoke(&target, PATIENCE).await;
                Outcome::Revoked { req, target, verdict }
            }
            Command::LoadSessions { req, user_id } => {
                Outcome::Sessions { req, result: sessions_and_tokens(client, &user_id).await }
            }
            Command::PastedRefreshToken { req, action, app, token } => {
                let credentials = token_tasks::credentials(apps, &app);
                let result = token_tasks::revoke_or_prove(client, revoker, credentials, action, token).await;
                Outcome::PastedRefreshToken { req, action, result }
            }
            Command::RefreshHeld { req, app, token } => {
                let result = token_tasks::refresh(client, token_tasks::credentials(apps, &app), token).await;
                Outcome::TokensReceived { req, origin: TokenOrigin::Refresh, app, result }
            }
            Command::Login { req, app, login_hint, api } => self.login(req, app, login_hint, api).await,
            Command::LoadApis { req } => Outcome::Apis { req, result: token_tasks::apis(&self.client).await },
            Command::LoadLogs { req, user_id } => {
                Outcome::Logs { req, result: token_tasks::load_logs(client, user_id.as_deref()).await }
            }
            Command::PollLogs { req, checkpoint } => {
                Outcome::LogsPolled { req, result: token_tasks::poll_logs(client, checkpoint).await }
            }
            Command::LockReadOnly { req } => {
                client.http().lock_read_only();
                Outcome::ReadOnlyLocked { req }
            }
            Command::LoadLoginBlocks { req, user_id } => {
                Outcome::LoginBlocks { req, result: client.user_blocks(&user_id).await, user_id }
            }
            Command::UserInfo { req, token } => {
                Outcome::UserInfo { req, result: token_tasks::userinfo(client, token).await }
            }
            Command::CopyToClipboard { req, what, text } => self.copy(req, what, text).await,
            Command::ReadClipboard { req } => self.read_clipboard(req).await,
            Command::VerifyToken { req, token } => {
                let report = match crate::token::decode(token.expose()) {
                    Ok(decoded) => crate::token::verify(&decoded, keys).await,
                    Err(e) => crate::token::SignatureReport::not_checked(&e.to_string()),
                };
                Outcome::TokenVerified { req, report }
            }
            Command::ExportUsers { req } => {
                Outcome::ExportDone { req, result: super::export_task::export(client, req, &self.tx).await }
            }
        }
    }
}

/// How a part of "revoke everything" is named in the status bar.
fn part_label(part: &RevokeTarget) -> String {
    match part {
        RevokeTarget::AllGrants { .. } => "grants".into(),
        RevokeTarget::AllRefreshTokens { .. } => "refresh tokens".into(),
        RevokeTarget::AllSessions { .. } => "sessions".into(),
        other => other.describe_short(),
    }
}

/// A user's sessions and refresh tokens, as the Sessions pane's rows.
async fn sessions_and_tokens(
    client: &ManagementClient,
    user_id: &str,
) -> Result<Vec<SessionRow>, Auth0Error> {
    let (sessions, tokens) = tokio::join!(client.sessions(user_id), client.refresh_tokens(user_id));
    let mut rows: Vec<SessionRow> = sessions?.into_iter().map(SessionRow::Session).collect();
    rows.extend(tokens?.into_iter().map(SessionRow::RefreshToken));
    Ok(rows)
}

/// Runs `use_it` on the system clipboard off the async threads. The clipboard object stays
/// alive: on X11 and Wayland its owner serves the contents.
async fn with_clipboard<T: Default + Send + 'static>(
    clipboard: Arc<Mutex<Option<arboard::Clipboard>>>,
    use_it: impl FnOnce(&mut arboard::Clipboard) -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    tokio::task::spawn_blocking(move || {
        let mut slot = clipboard.lock().unwrap_or_else(|p| p.into_inner());
        if slot.is_none() {
            *slot = Some(arboard::Clipboard::new().map_err(|e| e.to_string())?);
        }
        slot.as_mut().map(use_it).unwrap_or(Ok(T::default()))
    })
    .await
    .unwrap_or_else(|e| Err(e.to_string()))
}

/// Debug builds only: loading grants panics when `TENANTSCOPE_TEST_TASK_PANIC` is set, so a test
/// can prove that a task's panic becomes an error in its pane and the app goes on.
fn panic_if_asked(command: &Command) {
    #[cfg(debug_assertions)]
    if matches!(command, Command::LoadGrants { .. })
        && std::env::var_os("TENANTSCOPE_TEST_TASK_PANIC").is_some()
    {
        panic!("a panic in a task, asked for by TENANTSCOPE_TEST_TASK_PANIC");
    }
    let _ = command;
}
