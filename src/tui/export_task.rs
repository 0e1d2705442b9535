//! The export of every user as a task: progress as it goes, users in batches, each user's JSON
//! in a private spool file so only its columns stay in memory.

use tokio::sync::mpsc::UnboundedSender;

use crate::auth0::ManagementClient;

use super::action::{Action, Outcome, RequestId};

/// Users arrive in batches this large, so the event loop is never flooded.
const EXPORT_BATCH: usize = 5_000;

/// Streams an export to the app: progress as it goes, users in batches. Each user's JSON text
/// goes to a private spool file as it arrives, so only its columns travel and stay in memory.
pub(super) async fn export(
    client: &ManagementClient,
    req: RequestId,
    tx: &UnboundedSender<Action>,
) -> Result<u64, crate::auth0::Auth0Error> {
    use crate::roster::{Batch, spool::Spool};
    let could_not_spool = |e: std::io::Error| {
        crate::auth0::Auth0Error::Setup(format!(
            "the users could not be kept in a temporary file under the cache folder: {e}"
        ))
    };
    let (spool, mut writer) = Spool::create().map_err(could_not_spool)?;
    let spool = std::sync::Arc::new(spool);
    let mut batch = Batch::spooled(spool.clone());
    let mut failed = None;
    let progress_tx = tx.clone();
    let exported = crate::auth0::export::export_users(
        client,
        move |progress| {
            let _ = progress_tx.send(Action::Done(Outcome::ExportProgress { req, progress }));
        },
        |user| {
            if failed.is_some() {
                return;
            }
            match writer.write(user.json()) {
                Ok(at) => batch.push_spooled(&user, at),
                Err(e) => failed = Some(e),
            }
            if batch.len() == EXPORT_BATCH {
                // The batch's text must be readable before its rows can be opened.
                if let Err(e) = writer.flush() {
                    failed = Some(e);
                }
                let full = std::mem::replace(&mut batch, Batch::spooled(spool.clone()));
                let _ = tx.send(Action::Done(Outcome::ExportBatch { req, batch: full }));
            }
        },
    )
    .await?;
    if let Some(e) = failed {
        return Err(could_not_spool(e));
    }
    writer.flush().map_err(could_not_spool)?;
    if !batch.is_empty() {
        let _ = tx.send(Action::Done(Outcome::ExportBatch { req, batch }));
    }
    if exported.unreadable > 0 {
        let _ = tx.send(Action::Notice(format!(
            "{} lines of the export are not users and are not shown",
            exported.unreadable
        )));
    }
    Ok(exported.users)
}
