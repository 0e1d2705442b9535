//! Sorting the loaded users by a column (`s` cycles the column, `S` flips the direction). Users
//! without a value sort last either way, and ties keep the order they came in.

use super::Roster;

/// A column the Users table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    LastLogin,
    Logins,
    Created,
}

impl SortColumn {
    /// The next column `s` moves to (`None`: back to the order they came in).
    pub fn next(current: Option<SortColumn>) -> Option<SortColumn> {
        match current {
            None => Some(SortColumn::LastLogin),
            Some(SortColumn::LastLogin) => Some(SortColumn::Logins),
            Some(SortColumn::Logins) => Some(SortColumn::Created),
            Some(SortColumn::Created) => None,
        }
    }

    /// The column's title in the table.
    pub fn title(self) -> &'static str {
        match self {
            SortColumn::LastLogin => "LAST LOGIN",
            SortColumn::Logins => "LOGINS",
            SortColumn::Created => "CREATED",
        }
    }
}

/// A column and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: SortColumn,
    pub descending: bool,
}

/// Row indices of `roster` in `sort`'s order.
pub fn sorted(roster: &Roster, sort: Sort) -> Vec<u32> {
    // (key, index) pairs sort in cache order, far faster than indices with a key looked up per
    // comparison; a missing value gets the key that sorts last in either direction.
    let mut keyed: Vec<(i64, u32)> = roster
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let value = match sort.column {
                SortColumn::LastLogin => row.last_login_ms(),
                SortColumn::Logins => row.logins_count().map(|n| n as i64),
                SortColumn::Created => row.created_ms(),
            };
            let key = match (value, sort.descending) {
                (Some(v), false) => v,
                (Some(v), true) => v.saturating_neg(),
                (None, _) => i64::MAX,
            };
            (key, i as u32)
        })
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}
