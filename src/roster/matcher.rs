//! The local filter's matching: every word of the pattern must appear, letter by letter in order
//! (fuzzy, as fzf matches), in a user's name, email's local part, user id, `@` and email domain,
//! and connection, read in that order. Lower-case words
//! match either case and accents are ignored (`zoe` finds Zoë), as nucleo's smart rules do; a
//! word with a capital matches case exactly.
//!
//! It reads only the roster's compact text and its interned strings, never a user's JSON, and
//! splits the rows between threads. A pattern that only grew needs to look only at the rows the
//! shorter one matched.

use nucleo_matcher::chars::{normalize, to_lower_case};

use super::{Roster, Row};

/// A parsed pattern (the empty one matches everything).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pattern {
    terms: Vec<Term>,
    /// Every letter the pattern needs (see [`letter_bit`]): a row without one of them cannot
    /// match, which one AND tells without reading its text.
    needs: u64,
    /// Every word is one letter or digit of either case: having it is matching it.
    letters_suffice: bool,
}

/// One bit a letter sets in a row's letter set: a–z whichever the case and accent, the digits,
/// a few punctuation marks ids and emails hold, one for any other ASCII and one for the rest.
pub fn letter_bit(c: char) -> u64 {
    // Only letters past ASCII need the tables (a binary search each).
    let c = if c.is_ascii() { c.to_ascii_lowercase() } else { to_lower_case(normalize(c)) };
    let bit = match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + (c as u32 - '0' as u32),
        '@' => AT_BIT.trailing_zeros(),
        '.' => 37,
        '-' => 38,
        '_' => 39,
        '|' => 40,
        c if c.is_ascii() => 41,
        _ => 42,
    };
    1 << bit
}

/// The bit of `@`.
const AT_BIT: u64 = 1 << 36;

/// The letter set of some text.
pub fn letters_of(text: &str) -> u64 {
    if text.is_ascii() {
        text.bytes().fold(0, |set, b| set | letter_bit(b as char))
    } else {
        text.chars().fold(0, |set, c| set | letter_bit(c))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    chars: Vec<char>,
    /// The term as bytes when it is ASCII and matches either case (the fast path).
    ascii: Option<Vec<u8>>,
    exact_case: bool,
    /// Each letter's bit (`letter_bit`).
    bits: Vec<u64>,
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
                let bits = chars.iter().map(|c| letter_bit(*c)).collect();
                Term { chars, ascii, exact_case, bits }
            })
            .collect::<Vec<Term>>();
        let needs = terms.iter().flat_map(|t| &t.chars).fold(0, |set, c| set | letter_bit(*c));
        let letters_suffice = terms
            .iter()
            .all(|t| !t.exact_case && matches!(t.chars.as_slice(), [c] if c.is_ascii_alphanumeric()));
        Pattern { terms, needs, letters_suffice }
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
        let domain = row.email_domain();
        let at = if domain.is_some() { AT_BIT } else { 0 };
        let (text, domain_letters, connection) =
            (row.text_letters(), row.domain_letters(), row.connection_letters());
        if (text | at | domain_letters | connection) & self.needs != self.needs {
            return false;
        }
        if self.letters_suffice {
            return true;
        }
        // The order letters are matched in: name, the email's local part and the user id (one
        // stretch of the roster's text), then `@` and the email's domain, then the connection.
        let pieces = [
            (row.text(), text),
            ("@", at),
            (domain.unwrap_or_default(), domain_letters),
            (row.connection().unwrap_or_default(), connection),
        ];
        self.terms.iter().all(|term| term.found_in(&pieces))
    }
}

impl Term {
    fn found_in(&self, pieces: &[(&str, u64)]) -> bool {
        let mut at = 0;
        for (piece, letters) in pieces {
            // A piece without the next letter cannot move the match on: it is not read.
            match self.bits.get(at) {
                Some(bit) if letters & bit == 0 => continue,
                Some(_) => {}
                None => return true,
            }
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
            let c = match (c.is_ascii(), self.exact_case) {
                (true, true) => c,
                (true, false) => c.to_ascii_lowercase(),
                (false, true) => normalize(c),
                (false, false) => normalize(to_lower_case(c)),
            };
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

/// How far into `term` (lower-case ASCII) the letters of `piece` take a match that had reached
/// `at`: one comparison a letter, with no decoding, which is most of what a filter does.
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
        // A worker that panicked would leave its rows out, a wrong answer shown as a right one:
        // its panic goes on to the caller, whose hook reports it.
        parts
            .into_iter()
            .flat_map(|p| p.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
}

fn keep(roster: &Roster, pattern: &Pattern, rows: &[u32]) -> Vec<u32> {
    rows.iter()
        .copied()
        .filter(|&i| roster.get(i as usize).is_some_and(|row| pattern.matches(&row)))
        .collect()
}
