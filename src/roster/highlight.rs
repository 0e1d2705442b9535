//! Which characters of a shown value the local filter matched, to draw them marked. Asked only
//! for the cells on screen, so its cost follows the screen, never the number of users; nucleo's
//! own fuzzy indices, with the same smart case and accent rules the filter uses.

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// The filter's words, ready to mark cells with.
pub struct Highlighter {
    atoms: Vec<Atom>,
    matcher: std::cell::RefCell<Matcher>,
}

impl Highlighter {
    /// `None` for an empty pattern: nothing to mark.
    pub fn new(pattern: &str) -> Option<Highlighter> {
        let atoms: Vec<Atom> = pattern
            .split_whitespace()
            .map(|word| Atom::new(word, CaseMatching::Smart, Normalization::Smart, AtomKind::Fuzzy, false))
            .collect();
        (!atoms.is_empty())
            .then(|| Highlighter { atoms, matcher: std::cell::RefCell::new(Matcher::new(Config::DEFAULT)) })
    }

    /// The char positions of `text` that a word of the pattern matched, ascending.
    pub fn positions(&self, text: &str) -> Vec<usize> {
        let mut matcher = self.matcher.borrow_mut();
        let (mut buffer, mut indices) = (Vec::new(), Vec::new());
        for atom in &self.atoms {
            atom.indices(Utf32Str::new(text, &mut buffer), &mut matcher, &mut indices);
        }
        let mut positions: Vec<usize> = indices.into_iter().map(|i| i as usize).collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_word_marks_the_letters_it_matched() {
        let marks = Highlighter::new("qpat").unwrap();
        assert_eq!(marks.positions("Quinn Patel"), [0, 6, 7, 8]);
        assert!(marks.positions("Lena Smith").is_empty());
        let accents = Highlighter::new("zoe").unwrap();
        assert_eq!(accents.positions("Zoë"), [0, 1, 2]);
        assert!(Highlighter::new("  ").is_none());
    }
}
