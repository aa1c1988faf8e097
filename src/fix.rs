//! Applying fixes to a document's text. Which fixes: the safe ones, or with
//! `--unsafe-fixes` the guesses too. Fixes whose edits overlap one applied before them
//! wait for the next round: the caller re-lints the new text and applies what its
//! findings then offer, until nothing changes or [`MAX_ROUNDS`] have run.

use crate::diagnostic::{Diagnostic, Fix, Safety};

/// Rounds of fixing per document: each round re-lints, so a fix that overlapped another
/// can still be made. Fixes never undo each other, so a document settles in two or three.
pub const MAX_ROUNDS: usize = 4;

/// Which fixes a run applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `--fix`: the safe fixes.
    Safe,
    /// `--fix --unsafe-fixes`: every fix.
    Unsafe,
}

/// The fix of a finding that a mode applies.
pub fn eligible(finding: &Diagnostic, mode: Mode) -> Option<&Fix> {
    let fix = finding.fix.as_ref()?;
    match (fix.safety, mode) {
        (Safety::Safe, _) | (Safety::Unsafe, Mode::Unsafe) => Some(fix),
        (Safety::Unsafe, Mode::Safe) => None,
    }
}

/// The text with the fixes made, in order of position, each whole or not at all: a fix
/// with an edit that overlaps (or inserts at the same place as) an edit already made, or
/// that lies outside the text, is left for the next round. Returns the new text and how
/// many fixes were made.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut ordered: Vec<&Fix> = fixes
        .iter()
        .copied()
        .filter(|fix| !fix.edits.is_empty())
        .collect();
    ordered.sort_by_key(|fix| (fix.edits[0].span.start(), fix.edits[0].span.end()));
    let mut taken: Vec<(usize, usize, &str)> = Vec::new();
    let mut applied = 0;
    for fix in ordered {
        let fits = fix.edits.iter().all(|edit| {
            let (start, end) = (edit.span.start(), edit.span.end());
            start <= end
                && end <= text.len()
                && text.is_char_boundary(start)
                && text.is_char_boundary(end)
                && taken
                    .iter()
                    .all(|&(s, e, _)| !(start < e && s < end) && start != s)
        });
        if !fits {
            continue;
        }
        for edit in &fix.edits {
            taken.push((
                edit.span.start(),
                edit.span.end(),
                edit.replacement.as_str(),
            ));
        }
        applied += 1;
    }
    taken.sort_by_key(|&(start, end, _)| (start, end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end, replacement) in taken {
        out.push_str(&text[at..start]);
        out.push_str(replacement);
        at = end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Edit, Span};

    fn fix(edits: &[(usize, usize, &str)]) -> Fix {
        Fix {
            edits: edits
                .iter()
                .map(|&(s, e, r)| Edit {
                    span: Span::new(s, e),
                    replacement: r.to_string(),
                })
                .collect(),
            description: String::new(),
            safety: Safety::Safe,
        }
    }

    #[test]
    fn fixes_apply_in_order_of_position_whatever_their_order() {
        let later = fix(&[(6, 11, "there")]);
        let first = fix(&[(0, 5, "HELLO")]);
        assert_eq!(
            apply("hello world", &[&later, &first]),
            ("HELLO there".into(), 2)
        );
    }

    #[test]
    fn a_fix_overlapping_one_made_waits_and_a_fix_of_two_edits_is_whole() {
        let rename = fix(&[(1, 4, "Abc"), (7, 10, "Abc")]);
        let overlapping = fix(&[(8, 9, "x"), (0, 0, "never")]);
        let (text, applied) = apply("<abc></abc>", &[&rename, &overlapping]);
        assert_eq!((text.as_str(), applied), ("<Abc></Abc>", 1));
    }

    #[test]
    fn an_edit_outside_the_text_or_inside_a_character_is_not_made() {
        assert_eq!(apply("é", &[&fix(&[(1, 2, "e")])]), ("é".into(), 0));
        assert_eq!(apply("ab", &[&fix(&[(1, 9, "")])]), ("ab".into(), 0));
    }

    #[test]
    fn adjacent_edits_both_apply() {
        let a = fix(&[(0, 1, "A")]);
        let b = fix(&[(1, 2, "B")]);
        assert_eq!(apply("ab", &[&a, &b]), ("AB".into(), 2));
    }
}
