use serde_json::json;

use super::matcher::{Pattern, matching};
use super::order::{Sort, SortColumn, sorted};
use super::*;

fn row(value: serde_json::Value) -> UserRow {
    UserRow::from_json(&value.to_string()).unwrap()
}

fn roster() -> Roster {
    let mut roster = Roster::default();
    roster.extend(&[
        row(json!({"user_id": "auth0|1", "name": "Zoë Brontë", "email": "zoe@corp.acme.co",
            "identities": [{"connection": "corp-adfs"}], "last_login": "2026-10-01T00:00:00.000Z",
            "created_at": "2024-01-01T00:00:00.000Z", "logins_count": 4})),
        row(json!({"user_id": "google-oauth2|2", "email": "quinn@example.com",
            "identities": [{"connection": "google-oauth2"}], "logins_count": 90,
            "created_at": "2025-01-01T00:00:00.000Z"})),
        row(json!({"user_id": "auth0|3", "name": "Lena", "email": "lena@example.com",
            "identities": [{"connection": "corp-adfs"}], "last_login": "2026-11-01T00:00:00.000Z",
            "blocked": true})),
    ]);
    roster
}

#[test]
fn rows_read_back_their_columns_and_json() {
    let roster = roster();
    let zoe = roster.get(0).unwrap();
    assert_eq!(zoe.name(), Some("Zoë Brontë"));
    assert_eq!(zoe.email().as_deref(), Some("zoe@corp.acme.co"));
    assert_eq!(zoe.user_id(), Some("auth0|1"));
    assert_eq!(zoe.connection(), Some("corp-adfs"));
    assert_eq!(zoe.logins_count(), Some(4));
    assert_eq!(zoe.user().email(), Some("zoe@corp.acme.co"));
    let quinn = roster.get(1).unwrap();
    assert_eq!(quinn.name(), None, "absent is not empty");
    assert_eq!(quinn.last_login_ms(), None);
    assert!(roster.get(2).unwrap().blocked());
    assert_eq!(roster.0.symbols.strings.len(), 4, "connections and domains stored once");
}

#[test]
fn spooled_rows_read_their_json_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (spool, mut writer) = Spool::create_in(dir.path()).unwrap();
    let user = row(json!({"user_id": "auth0|9", "email": "nine@x.co", "user_metadata": {"a": 1}}));
    let at = writer.write(user.json()).unwrap();
    writer.flush().unwrap();
    let mut batch = Batch::spooled(Arc::new(spool));
    batch.push_spooled(&user, at);
    let mut roster = roster();
    roster.append(batch);
    let nine = roster.get(3).unwrap();
    assert_eq!(nine.user_id(), Some("auth0|9"));
    assert_eq!(nine.user().0["user_metadata"]["a"], 1);
    assert_eq!(nine.to_user_row().email(), Some("nine@x.co"));
}

#[test]
fn the_filter_matches_fuzzy_across_fields_with_smart_case_and_accents() {
    let roster = roster();
    let find = |p: &str| matching(&roster, &Pattern::parse(p), None, 0);
    assert_eq!(find("zoe"), [0], "accents are ignored");
    assert_eq!(find("zbr"), [0], "letters in order");
    assert_eq!(find("example"), [1, 2], "the email's domain");
    assert_eq!(find("google"), [1], "the connection");
    assert_eq!(find("adfs lena"), [2], "every word");
    assert_eq!(find("Lena"), [2]);
    assert!(find("LENA").is_empty(), "a capital matches case exactly");
    assert_eq!(find(""), [0, 1, 2]);
    assert_eq!(find("lena@example"), [2], "an @ matches the email's");
    assert_eq!(find("a1@"), [0], "the user id comes before the domain");
    assert!(find("xq").is_empty(), "a letter no row holds");
    assert_eq!(find("e"), [0, 1, 2], "one letter: having it is matching it");
    let zo = Pattern::parse("zo");
    let zoe = Pattern::parse("zoe");
    assert!(zoe.narrows(&zo) && !zo.narrows(&zoe));
    assert_eq!(matching(&roster, &zoe, Some(&[0, 2]), 0), [0]);
}

#[test]
fn sorting_puts_missing_values_last_both_ways() {
    let roster = roster();
    let by = |column, descending| sorted(&roster, Sort { column, descending });
    assert_eq!(by(SortColumn::LastLogin, false), [0, 2, 1]);
    assert_eq!(by(SortColumn::LastLogin, true), [2, 0, 1]);
    assert_eq!(by(SortColumn::Logins, true), [1, 0, 2]);
    assert_eq!(by(SortColumn::Created, false), [0, 1, 2]);
}

#[test]
fn blocking_follows_and_clearing_drops_everything() {
    let mut roster = roster();
    assert!(roster.set_blocked("auth0|1", true));
    assert!(roster.get(0).unwrap().blocked());
    assert!(!roster.set_blocked("auth0|404", true));
    roster.clear();
    assert!(roster.is_empty());
}
