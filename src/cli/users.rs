//! `tenantscope users` and `tenantscope user`.

use serde_json::Value;

use crate::auth0::management::SEARCH_RESULT_CAP;
use crate::auth0::{ManagementClient, SearchEnd, User, UserQuery};

use super::args::{UserAction, UserArgs, UsersArgs};
use super::export_progress::ExportBar;
use super::table::{local_time, or_blank, print_json, print_record, print_table};
use super::verdict::patience;
use super::{CliError, confirm_revoke, note, report};
use crate::revoke::{Revoker, Target};

pub async fn list(client: &ManagementClient, args: &UsersArgs) -> Result<(), CliError> {
    if args.all {
        return export_all(client).await;
    }
    let query = UserQuery { q: args.query.clone(), sort: args.sort.clone(), ..Default::default() };
    let search = client.search_users(&query, args.limit as usize).await?;
    if args.json {
        print_json(&search.users)?;
    } else {
        print_table(
            &["NAME", "EMAIL", "USER_ID", "CONNECTION", "LAST LOGIN", "LOGINS", "BLOCKED"],
            search.users.iter().map(user_row).collect(),
        );
    }
    let shown = search.users.len();
    let total = search.total.map(|t| t.to_string()).unwrap_or_else(|| "more".into());
    match search.end {
        SearchEnd::Complete => {}
        SearchEnd::CallerLimit => note(format!(
            "showing {shown} of {total} users; raise --limit (up to {SEARCH_RESULT_CAP}) to see more"
        )),
        SearchEnd::SearchCap => note(format!(
            "showing {shown} of {total} users: Auth0 pages through at most {SEARCH_RESULT_CAP} results of a search; narrow --query to see the rest"
        )),
    }
    Ok(())
}

fn user_row(user: &User) -> Vec<String> {
    vec![
        or_blank(user.name()),
        or_blank(user.email()),
        or_blank(user.user_id()),
        or_blank(user.connection()),
        local_time(user.last_login()),
        user.logins_count().map(|n| n.to_string()).unwrap_or_default(),
        if user.blocked() { "blocked".into() } else { String::new() },
    ]
}

/// A user id, or an email when it has an `@` and no `|` (user ids always have a `|`).
/// `user ID`, or one of its actions.
pub async fn run(client: &ManagementClient, args: &UserArgs, revoker: &Revoker) -> Result<(), CliError> {
    let target = match &args.action {
        None => return show(client, args.id.as_deref().unwrap_or_default(), args.json).await,
        Some(UserAction::Blocks { who, json }) => return blocks(client, who, *json).await,
        Some(UserAction::Block(t)) => (Target::Block { user_id: t.id.clone(), blocked: true }, t.how),
        Some(UserAction::Unblock(t)) => (Target::Block { user_id: t.id.clone(), blocked: false }, t.how),
        Some(UserAction::UnblockAttempts(t)) => (Target::LoginBlocks { who: t.id.clone() }, t.how),
    };
    let (target, how) = target;
    confirm_revoke(revoker, &target, "", how.yes).await?;
    let verdict = revoker.revoke(&target, patience(&how)).await;
    let reported = report(&verdict, &target, how.json);
    if verdict.was_taken() && matches!(target, Target::Block { blocked: true, .. }) {
        note(format!(
            "existing tokens and sessions live on until revoked: tenantscope grants revoke --user {0}, and sessions / refresh-tokens revoke --user {0}",
            target.user_id().unwrap_or_default()
        ));
    }
    reported
}

/// The brute-force and suspicious-IP blocks on a user id or identifier.
async fn blocks(client: &ManagementClient, who: &str, json: bool) -> Result<(), CliError> {
    let answer = client.user_blocks(who).await?;
    if json {
        return print_json(&answer);
    }
    let rows: Vec<Vec<String>> = answer["blocked_for"]
        .as_array()
        .map(|blocks| {
            blocks
                .iter()
                .map(|b| {
                    ["identifier", "ip", "connection"]
                        .map(|k| b[k].as_str().unwrap_or_default().to_string())
                        .to_vec()
                })
                .collect()
        })
        .unwrap_or_default();
    if rows.is_empty() {
        crate::outln!("no login blocks on {}", crate::output::text::clean(who));
    } else {
        print_table(&["IDENTIFIER", "IP", "CONNECTION"], rows);
    }
    Ok(())
}

async fn show(client: &ManagementClient, id: &str, json: bool) -> Result<(), CliError> {
    let is_email = id.contains('@') && !id.contains('|');
    let users = if is_email {
        let users = client.users_by_email(id).await?;
        if users.is_empty() {
            return Err(CliError::Failed(format!(
                "no user has the email {:?} (Auth0 matches emails exactly, case included)",
                crate::output::text::clean(id)
            )));
        }
        users
    } else {
        vec![client.user(id).await?]
    };
    if json {
        // Always one object, whatever was asked by: a script reads the same shape for an id and
        // an email. An email shared by several users (one per connection) names them instead.
        return match users.as_slice() {
            [one] => print_json(one),
            many => Err(CliError::Failed(format!(
                "{} users have the email {:?}: {}; ask for one by its id, or list them all with users -q 'email:\"…\"' --json",
                many.len(),
                crate::output::text::clean(id),
                many.iter().filter_map(|u| u.user_id()).collect::<Vec<_>>().join(", ")
            ))),
        };
    }
    for (i, user) in users.iter().enumerate() {
        if i > 0 {
            crate::outln!();
        }
        print_record(detail_rows(user));
    }
    Ok(())
}

fn detail_rows(user: &User) -> Vec<Vec<String>> {
    let field = |key: &str| user.0.get(key).map(compact).unwrap_or_default();
    let mut rows = vec![
        vec!["user_id".into(), or_blank(user.user_id())],
        vec!["name".into(), or_blank(user.name())],
        vec!["email".into(), or_blank(user.email())],
        vec!["email_verified".into(), field("email_verified")],
        vec!["connection".into(), or_blank(user.connection())],
        vec!["created".into(), local_time(user.str_field("created_at"))],
        vec!["updated".into(), local_time(user.str_field("updated_at"))],
        vec!["last login".into(), local_time(user.last_login())],
        vec!["logins".into(), field("logins_count")],
        vec!["blocked".into(), user.blocked().to_string()],
    ];
    for identity in user.identity_lines() {
        rows.push(vec!["identity".into(), identity]);
    }
    for key in ["app_metadata", "user_metadata"] {
        if user.0.contains_key(key) {
            rows.push(vec![key.into(), field(key)]);
        }
    }
    rows
}

fn compact(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `users --all`: every user as one JSON line each, through an export job; progress on stderr.
async fn export_all(client: &ManagementClient) -> Result<(), CliError> {
    use std::io::Write;
    let bar = std::cell::RefCell::new(ExportBar::new(crate::output::stderr_is_terminal()));
    let progress = |p: crate::auth0::export::ExportProgress| bar.borrow_mut().show(&p);
    let mut out = crate::output::stdout();
    let (mut written, mut unwritten, mut reader_left) = (0u64, 0u64, false);
    let mut write_error = None;
    let exported = crate::auth0::export::export_users(client, progress, |user| {
        if reader_left {
            return;
        }
        // Auth0's own text, passed through (it was checked to be a JSON object), unless it holds
        // a character the JSON encoder escapes: then it is written again, escaped.
        match crate::output::write_json_line(&mut out, user.json()) {
            Ok(()) => written += 1,
            // Only a closed pipe (| head) means the reader went away: the output ends there.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => reader_left = true,
            Err(e) => {
                unwritten += 1;
                write_error.get_or_insert(e.to_string());
            }
        }
    })
    .await?;
    if let Err(e) = out.flush()
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        write_error.get_or_insert(e.to_string());
    }
    bar.into_inner().finish();
    note(format!("exported {written} users"));
    let mut problems = Vec::new();
    if exported.unreadable > 0 {
        problems.push(format!("{} lines of the export file are not users", exported.unreadable));
    }
    if let Some(e) = write_error {
        problems.push(format!("{unwritten} users could not be written ({e})"));
    }
    match problems.is_empty() {
        true => Ok(()),
        false => Err(CliError::Failed(format!("not every user was exported: {}", problems.join("; ")))),
    }
}
