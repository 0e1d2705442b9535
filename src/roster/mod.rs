//! A whole tenant's users, held as compactly as a table shows them: each user's columns as a
//! few integers and a slice of one shared text (name, email's local part, user id), connections
//! and email domains interned, times as milliseconds, and the user's JSON text either in memory
//! (a page of a search) or in the export's spool file, read back when the user is opened.
//!
//! `matcher.rs` filters over the shared text without touching the JSON; `order.rs` sorts by a
//! column. Rows arrive in [`Batch`]es built off the UI thread, and join with a copy and an offset.

pub mod highlight;
pub mod matcher;
pub mod order;
pub mod spool;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use crate::auth0::{User, UserRow};
use spool::{Spool, SpoolAt};

/// "No value" for a time column.
const NO_TIME: i64 = i64::MIN;
/// "No value" for an interned column.
const NO_SYMBOL: u32 = u32::MAX;

/// Where a user's JSON text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Json {
    /// An index into the roster's in-memory texts.
    Inline(u32),
    Spooled(SpoolAt),
}

/// One user's columns.
#[derive(Debug, Clone, Copy)]
struct Compact {
    /// Where its text starts: name, then the email's local part, then the user id.
    start: usize,
    name_len: u32,
    local_len: u32,
    user_id_len: u32,
    /// Which fields are present (a name, an email, a user id): absent is not the same as empty.
    present: u8,
    blocked: bool,
    domain: u32,
    connection: u32,
    last_login: i64,
    created_at: i64,
    logins: u32,
    /// Which letters its name, email's local part and user id hold (`matcher::letter_bit`).
    letters: u64,
    json: Json,
}

const HAS_NAME: u8 = 1;
const HAS_EMAIL: u8 = 2;
const HAS_USER_ID: u8 = 4;
const HAS_LOGINS: u8 = 8;

/// Strings that many users share (connections, email domains), stored once.
#[derive(Debug, Default, Clone)]
struct Interner {
    ids: HashMap<Arc<str>, u32>,
    strings: Vec<Arc<str>>,
    /// Each string's letters (`matcher::letter_bit`).
    letters: Vec<u64>,
}

impl Interner {
    fn intern(&mut self, text: &str) -> u32 {
        if let Some(id) = self.ids.get(text) {
            return *id;
        }
        let id = self.strings.len() as u32;
        let shared: Arc<str> = text.into();
        self.strings.push(shared.clone());
        self.letters.push(matcher::letters_of(text));
        self.ids.insert(shared, id);
        id
    }

    fn get(&self, id: u32) -> Option<&str> {
        self.strings.get(id as usize).map(|s| &**s)
    }

    fn letters(&self, id: u32) -> u64 {
        self.letters.get(id as usize).copied().unwrap_or(0)
    }
}

/// Rows and what they point into: the shared text, the interned strings, the JSON kept in
/// memory, and the spool holding the rest.
#[derive(Debug, Default)]
struct Table {
    rows: Vec<Compact>,
    text: String,
    symbols: Interner,
    inline: Vec<Box<str>>,
    /// The export's spool, while its rows are here.
    spool: Option<Arc<Spool>>,
}

/// Rows built off the UI thread, to join a roster.
#[derive(Debug, Default)]
pub struct Batch(Table);

fn millis(text: Option<&str>) -> i64 {
    text.and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok()).map_or(NO_TIME, |t| t.timestamp_millis())
}

impl Batch {
    /// A batch whose spooled rows are in `spool`.
    pub fn spooled(spool: Arc<Spool>) -> Batch {
        Batch(Table { spool: Some(spool), ..Table::default() })
    }

    pub fn len(&self) -> usize {
        self.0.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.rows.is_empty()
    }

    /// Adds `user`, its JSON kept in memory.
    pub fn push(&mut self, user: &UserRow) {
        let json = Json::Inline(self.0.inline.len() as u32);
        self.0.inline.push(user.json().into());
        self.push_with(user, json);
    }

    /// Adds `user`, whose JSON text is at `at` in this batch's spool.
    pub fn push_spooled(&mut self, user: &UserRow, at: SpoolAt) {
        self.push_with(user, Json::Spooled(at));
    }

    fn push_with(&mut self, user: &UserRow, json: Json) {
        let start = self.0.text.len();
        let name = user.name().unwrap_or_default();
        let (local, domain) = match user.email() {
            Some(email) => match email.rsplit_once('@') {
                Some((local, domain)) => (local, Some(domain)),
                None => (email, None),
            },
            None => ("", None),
        };
        let user_id = user.user_id().unwrap_or_default();
        for part in [name, local, user_id] {
            self.0.text.push_str(part);
        }
        let flag = |present: bool, bit: u8| if present { bit } else { 0 };
        self.0.rows.push(Compact {
            start,
            name_len: name.len() as u32,
            local_len: local.len() as u32,
            user_id_len: user_id.len() as u32,
            present: flag(user.name().is_some(), HAS_NAME)
                | flag(user.email().is_some(), HAS_EMAIL)
                | flag(user.user_id().is_some(), HAS_USER_ID)
                | flag(user.logins_count().is_some(), HAS_LOGINS),
            blocked: user.blocked(),
            domain: domain.map_or(NO_SYMBOL, |d| self.0.symbols.intern(d)),
            connection: user.connection().map_or(NO_SYMBOL, |c| self.0.symbols.intern(c)),
            last_login: millis(user.last_login()),
            created_at: millis(user.created_at()),
            logins: user.logins_count().map_or(0, |n| n.min(u64::from(u32::MAX)) as u32),
            letters: matcher::letters_of(&self.0.text[start..]),
            json,
        });
    }
}

/// The users loaded in the Users pane, in the order they came.
#[derive(Debug, Default)]
pub struct Roster(Table);

impl Roster {
    pub fn len(&self) -> usize {
        self.0.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.rows.is_empty()
    }

    /// Drops every row (and the spool with them).
    pub fn clear(&mut self) {
        *self = Roster::default();
    }

    pub fn push(&mut self, user: &UserRow) {
        let mut batch = Batch::default();
        batch.push(user);
        self.append(batch);
    }

    pub fn extend<'a>(&mut self, users: impl IntoIterator<Item = &'a UserRow>) {
        let mut batch = Batch::default();
        for user in users {
            batch.push(user);
        }
        self.append(batch);
    }

    /// Adds a batch's rows after the others.
    pub fn append(&mut self, batch: Batch) {
        let base = self.0.text.len();
        self.0.text.push_str(&batch.0.text);
        let symbols: Vec<u32> = batch.0.symbols.strings.iter().map(|s| self.0.symbols.intern(s)).collect();
        let map = |id: u32| symbols.get(id as usize).copied().unwrap_or(NO_SYMBOL);
        let inline_base = self.0.inline.len() as u32;
        self.0.inline.extend(batch.0.inline);
        if batch.0.spool.is_some() {
            self.0.spool = batch.0.spool;
        }
        self.0.rows.extend(batch.0.rows.into_iter().map(|mut row| {
            row.start += base;
            row.domain = map(row.domain);
            row.connection = map(row.connection);
            if let Json::Inline(i) = &mut row.json {
                *i += inline_base;
            }
            row
        }));
    }

    pub fn get(&self, index: usize) -> Option<Row<'_>> {
        self.0.rows.get(index).map(|row| Row { roster: self, row })
    }

    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        self.0.rows.iter().map(|row| Row { roster: self, row })
    }

    /// Marks the user with this id blocked or not; `false` when it is not loaded.
    pub fn set_blocked(&mut self, user_id: &str, blocked: bool) -> bool {
        let found = self.iter().position(|r| r.user_id() == Some(user_id));
        if let Some(index) = found {
            self.0.rows[index].blocked = blocked;
        }
        found.is_some()
    }
}

impl FromIterator<UserRow> for Roster {
    fn from_iter<I: IntoIterator<Item = UserRow>>(users: I) -> Roster {
        let mut batch = Batch::default();
        for user in users {
            batch.push(&user);
        }
        let mut roster = Roster::default();
        roster.append(batch);
        roster
    }
}

/// One loaded user, read through its roster.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    roster: &'a Roster,
    row: &'a Compact,
}

impl<'a> Row<'a> {
    fn part(&self, from: usize, len: u32) -> &'a str {
        let start = self.row.start + from;
        self.roster.0.text.get(start..start + len as usize).unwrap_or_default()
    }

    fn has(&self, bit: u8) -> bool {
        self.row.present & bit != 0
    }

    pub fn name(&self) -> Option<&'a str> {
        self.has(HAS_NAME).then(|| self.part(0, self.row.name_len))
    }

    /// The email as Auth0 sent it (its domain is stored once for every user who shares it).
    pub fn email(&self) -> Option<Cow<'a, str>> {
        if !self.has(HAS_EMAIL) {
            return None;
        }
        let local = self.part(self.row.name_len as usize, self.row.local_len);
        Some(match self.roster.0.symbols.get(self.row.domain) {
            Some(domain) => Cow::Owned(format!("{local}@{domain}")),
            None => Cow::Borrowed(local),
        })
    }

    /// What comes before the email's last `@` (all of it when there is none).
    pub fn email_local(&self) -> Option<&'a str> {
        self.has(HAS_EMAIL).then(|| self.part(self.row.name_len as usize, self.row.local_len))
    }

    pub fn user_id(&self) -> Option<&'a str> {
        let from = (self.row.name_len + self.row.local_len) as usize;
        self.has(HAS_USER_ID).then(|| self.part(from, self.row.user_id_len))
    }

    pub fn connection(&self) -> Option<&'a str> {
        self.roster.0.symbols.get(self.row.connection)
    }

    /// The email's domain (what follows the last `@`).
    pub fn email_domain(&self) -> Option<&'a str> {
        self.roster.0.symbols.get(self.row.domain)
    }

    /// Name, email's local part and user id, as one text (what the filter reads first).
    pub fn text(&self) -> &'a str {
        self.part(0, self.row.name_len + self.row.local_len + self.row.user_id_len)
    }

    pub fn last_login_ms(&self) -> Option<i64> {
        (self.row.last_login != NO_TIME).then_some(self.row.last_login)
    }

    pub fn created_ms(&self) -> Option<i64> {
        (self.row.created_at != NO_TIME).then_some(self.row.created_at)
    }

    pub fn logins_count(&self) -> Option<u64> {
        self.has(HAS_LOGINS).then_some(u64::from(self.row.logins))
    }

    pub fn blocked(&self) -> bool {
        self.row.blocked
    }

    /// Which letters its name, email's local part and user id hold (`matcher::letter_bit`).
    pub fn text_letters(&self) -> u64 {
        self.row.letters
    }

    /// Which letters its email's domain holds.
    pub fn domain_letters(&self) -> u64 {
        self.roster.0.symbols.letters(self.row.domain)
    }

    /// Which letters its connection holds.
    pub fn connection_letters(&self) -> u64 {
        self.roster.0.symbols.letters(self.row.connection)
    }

    /// The user's JSON text as Auth0 sent it (read from the spool for an exported user).
    pub fn json(&self) -> std::io::Result<Cow<'a, str>> {
        match self.row.json {
            Json::Inline(i) => Ok(Cow::Borrowed(self.roster.0.inline.get(i as usize).map_or("{}", |t| &**t))),
            Json::Spooled(at) => match &self.roster.0.spool {
                Some(spool) => spool.read(at).map(Cow::Owned),
                None => Err(std::io::Error::other("the export's file is gone")),
            },
        }
    }

    /// The whole user, parsed again from its text (an empty user when it cannot be read).
    pub fn user(&self) -> User {
        self.json()
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_else(|| User(Default::default()))
    }

    /// The user as a row of its own (for selecting them, which outlives the roster's rows).
    pub fn to_user_row(&self) -> UserRow {
        let mut row = self
            .json()
            .ok()
            .and_then(|t| UserRow::from_json(&t).ok())
            .unwrap_or_else(|| UserRow::from(&User(Default::default())));
        row.set_blocked(self.blocked());
        row
    }
}

#[cfg(test)]
mod tests;
