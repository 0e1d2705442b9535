//! `tenantscope logs`: the tenant's events as a table or JSON; `--follow` keeps printing new ones
//! as they come (checkpoint paging from the newest log_id, filtered here, since Auth0 ignores `q`
//! there), politely within the rate limit, never losing or repeating an event.

use crate::auth0::logs_follow::{Filter, Follower, Outage};
use crate::auth0::{LogEvent, ManagementClient};

use super::CliError;
use super::args::LogsArgs;
use super::table::{local_time, print_json, print_table};

pub async fn run(client: &ManagementClient, args: &LogsArgs) -> Result<(), CliError> {
    let filter =
        Filter::new(args.types.as_deref(), args.client.as_deref(), args.ip.as_deref(), args.user.as_deref());
    if args.follow {
        return follow(client, args, filter).await;
    }
    let events = match (&args.from, &args.user) {
        (Some(from), _) => {
            let mut events = client.logs_after(from, args.take).await?;
            events.retain(|e| filter.matches(e));
            events
        }
        (None, Some(user)) if args.query.is_none() && filter.is_only_user() => {
            client.user_logs(user, 0, args.take).await?
        }
        (None, _) => search(client, args, &filter).await?,
    };
    if args.json {
        return print_json(&events);
    }
    print_events(&events);
    if events.is_empty() {
        super::note("no events: none match, or the tenant keeps none that old (1 to 30 days, by plan)");
    }
    Ok(())
}

/// A search with Auth0's `q` (the filters joined to the query), page after page up to `--take`.
async fn search(
    client: &ManagementClient,
    args: &LogsArgs,
    filter: &Filter,
) -> Result<Vec<LogEvent>, CliError> {
    let q = filter.lucene(args.query.as_deref());
    let take = args.take.min(1000);
    let mut events = Vec::new();
    let mut page = 0;
    let budget = crate::auth0::paging::ListingBudget::default();
    while events.len() < take {
        let per_page = (take - events.len()).min(100);
        let batch = client.logs_page_in(q.as_deref(), page, 100, &budget).await?;
        let short = batch.len() < 100;
        events.extend(batch.into_iter().take(per_page));
        if short {
            break;
        }
        page += 1;
    }
    Ok(events)
}

/// Follows until Ctrl-C. The tenant going out of reach (a dropped connection, a 5xx, a 429 that
/// lasts) is waited out with a capped back-off and said on stderr, both ways; only an answer (a
/// 401 after a new token, a 403) ends the follow.
async fn follow(client: &ManagementClient, args: &LogsArgs, filter: Filter) -> Result<(), CliError> {
    let mut follower = Follower::start(client, args.from.clone(), filter).await?;
    super::note("following the tenant's events; Ctrl-C stops");
    let mut outage = Outage::default();
    loop {
        let polled = tokio::select! {
            polled = follower.poll(client) => polled,
            _ = tokio::signal::ctrl_c() => return Ok(()),
        };
        let events = match polled {
            Ok(events) => {
                if let Some(back) = outage.recovered() {
                    super::quiet_retries(false);
                    super::note(back);
                }
                events
            }
            Err(err) if err.is_outage() => {
                let (wait, said) = outage.failed(&err);
                if let Some(lost) = said {
                    super::note(lost);
                    super::quiet_retries(true);
                }
                tokio::select! {
                    _ = tokio::time::sleep(wait) => continue,
                    _ = tokio::signal::ctrl_c() => return Ok(()),
                }
            }
            Err(err) => return Err(err.into()),
        };
        for event in &events {
            if args.json {
                crate::output::print_json_line(event).map_err(|e| CliError::Failed(e.to_string()))?;
            } else {
                print_events(std::slice::from_ref(event));
            }
        }
        let wait = follower.next_wait(client.rate_limit());
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = tokio::signal::ctrl_c() => return Ok(()),
        }
    }
}

fn print_events(events: &[LogEvent]) {
    let rows = events
        .iter()
        .map(|e| {
            let (meaning, _) = e.meaning();
            vec![
                local_time(e.date()),
                format!("{} {}", e.code(), meaning),
                e.who().unwrap_or_default().to_string(),
                e.client_name().or(e.client_id()).unwrap_or_default().to_string(),
                e.ip().unwrap_or_default().to_string(),
                e.description().unwrap_or_default().to_string(),
            ]
        })
        .collect();
    print_table(&["DATE", "TYPE", "USER", "APPLICATION", "IP", "DESCRIPTION"], rows);
}
