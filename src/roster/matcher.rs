//! The local filter's matching: every word of the pattern must appear, letter by letter in order
//! (fuzzy, as fzf matches), in a user's name, email, user id or connection. Lower-case words
//! match either case and accents are ignored (`zoe` finds Zoë), as nucleo's smart rules do; a
//! word with a capital matches case exactly.
//!
//! It reads only the roster's compact text and its interned strings, never a user's JSON, and
//! splits the rows between threads. A pattern that only grew needs to look only at the rows the
//! shorter one matched.

use nucleo::chars::{normalize, to_lower_case};

use super::{Roster, Row};

/// A parsed pattern (the empty one matches everything).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pattern {
    terms: Vec<Term>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    chars: Vec<char>,
    /// The term as bytes when it is ASCII and matches either case (the fast path).
    ascii: Option<Vec<u8>>,
    exact_case: bool,
}

impl Pattern {
    pub fn parse(text: &str) -> Pattern {
        let terms = text
            .split_whitespace()
            .map(|word| {
                let exact_case = word.chars().any(char::is_uppercase);
                let chars: Vec<char> = if exact_case {
                    word.chars().map(normalize).collect()
                } else {
                    word.chars().map(|c| normalize(to_lower_case(c))).collect()
                };
                let ascii = (!exact_case && chars.iter().all(char::is_ascii))
                    .then(|| chars.iter().map(|c| *c as u8).collect());
                Term { chars, ascii, exact_case }
            })
            .collect();
        Pattern { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether every row this pattern matches is also matched by `shorter` (the user typed on).
    pub fn narrows(&self, shorter: &Pattern) -> bool {
        shorter.terms.len() <= self.terms.len()
            && shorter.terms.iter().zip(&self.terms).all(|(short, long)| {
                short.exact_case == long.exact_case && long.chars.starts_with(&short.chars)
            })
    }

    pub fn matches(&self, row: &Row<'_>) -> bool {
        let pieces = [
            row.name().unwrap_or_default(),
            " ",
            row.email_local().unwrap_or_default(),
            "@",
            row.email_domain().unwrap_or_default(),
            " ",
            row.user_id().unwrap_or_default(),
            " ",
            row.connection().unwrap_or_default(),
        ];
        self.terms.iter().all(|term| term.found_in(&pieces))
    }
}

impl Term {
    fn found_in(&self, pieces: &[&str]) -> bool {
        let mut at = 0;
        for piece in pieces {
            at = match &self.ascii {
                Some(bytes) if piece.is_ascii() => ascii_step(bytes, at, piece.as_bytes()),
                _ => self.char_step(at, piece),
            };
            if at == self.chars.len() {
                return true;
            }
        }
        self.chars.is_empty()
    }

    fn char_step(&self, mut at: usize, piece: &str) -> usize {
        for c in piece.chars() {
            let c = if self.exact_case { normalize(c) } else { normalize(to_lower_case(c)) };
            if self.chars.get(at) == Some(&c) {
                at += 1;
                if at == self.chars.len() {
                    break;
                }
            }
        }
        at
    }
}

fn ascii_step(term: &[u8], mut at: usize, piece: &[u8]) -> usize {
    for b in piece {
        if term.get(at) == Some(&b.to_ascii_lowercase()) {
            at += 1;
            if at == term.len() {
                break;
            }
        }
    }
    at
}

/// The rows of `roster` that `pattern` matches, in roster order: among `among` when given (the
/// matches of a pattern this one narrows), else among every row from `from` on.
pub fn matching(roster: &Roster, pattern: &Pattern, among: Option<&[u32]>, from: usize) -> Vec<u32> {
    let all: Vec<u32>;
    let candidates: &[u32] = match among {
        Some(rows) => rows,
        None => {
            all = (from as u32..roster.len() as u32).collect();
            &all
        }
    };
    if pattern.is_empty() {
        return candidates.to_vec();
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    // Small work is not worth a thread.
    if threads == 1 || candidates.len() < 20_000 {
        return keep(roster, pattern, candidates);
    }
    let chunk = candidates.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> =
            candidates.chunks(chunk).map(|part| scope.spawn(move || keep(roster, pattern, part))).collect();
        parts.into_iter().flat_map(|p| p.join().unwrap_or_default()).collect()
    })
}

fn keep(roster: &Roster, pattern: &Pattern, rows: &[u32]) -> Vec<u32> {
    rows.iter()
        .copied()
        .filter(|&i| roster.get(i as usize).is_some_and(|row| pattern.matches(&row)))
        .collect()
}
