//! Suppressions written in the document: `<!-- invlint-ignore CODES reason: WHY -->` before
//! an element silences those rules in that element and below; `<!-- invlint-ignore-file
//! CODES reason: WHY -->` silences them in the whole file. Rules may be named by code or
//! name. A suppression without a reason, or naming an unknown rule, is itself a finding, and
//! so is one that silences nothing.

use crate::checks::{Rule, find_rule, invalid_suppression, unused_suppression};
use crate::diagnostic::{Diagnostic, Span};
use crate::syntax::tree::Comment;

/// A suppression read from the document.
#[derive(Debug, Clone)]
pub struct Suppression {
    pub rules: Vec<&'static Rule>,
    /// What it covers: an element, or the whole file.
    pub scope: Span,
    /// The comment, where findings about the suppression itself point.
    pub comment: Span,
}

const IGNORE: &str = "invlint-ignore";
const IGNORE_FILE: &str = "invlint-ignore-file";

/// The suppressions among the comments, and the findings about malformed ones.
pub fn read(comments: &[Comment], file_len: usize) -> (Vec<Suppression>, Vec<Diagnostic>) {
    let mut suppressions = Vec::new();
    let mut problems = Vec::new();
    for comment in comments {
        let text = comment.text.trim();
        let (rest, file_level) = if let Some(rest) = text.strip_prefix(IGNORE_FILE) {
            (rest, true)
        } else if let Some(rest) = text.strip_prefix(IGNORE) {
            (rest, false)
        } else {
            continue;
        };
        let (names, reason) = match rest.split_once("reason:") {
            Some((names, reason)) => (names, reason.trim()),
            None => (rest, ""),
        };
        let mut rules = Vec::new();
        let mut unknown = Vec::new();
        for name in names
            .split([',', ' ', '\t', '\n'])
            .filter(|n| !n.is_empty())
        {
            match find_rule(name) {
                Some(rule) => rules.push(rule),
                None => unknown.push(name),
            }
        }
        // One finding per comment, whatever it holds: a comment left open over a
        // thousand lines names a thousand "rules".
        if !unknown.is_empty() {
            problems.push(
                Diagnostic::new(
                    &invalid_suppression::RULE,
                    comment.span,
                    not_rules(&unknown),
                )
                .with_help(
                    "name rules by code (INV012) or name (enum-value); `invlint rules` lists them",
                ),
            );
        }
        if rules.is_empty() && !names.trim().is_empty() {
            continue;
        }
        if rules.is_empty() {
            problems.push(
                Diagnostic::new(
                    &invalid_suppression::RULE,
                    comment.span,
                    "the suppression names no rule",
                )
                .with_help(format!("write `<!-- {IGNORE} INV012 reason: why -->`")),
            );
            continue;
        }
        if reason.is_empty() {
            problems.push(
                Diagnostic::new(&invalid_suppression::RULE, comment.span, "the suppression gives no reason")
                    .with_help("add `reason: why the finding does not apply`; a suppression without one is ignored"),
            );
            continue;
        }
        let scope = if file_level {
            Span::new(0, file_len)
        } else if let Some(element) = comment.next_element {
            element
        } else {
            problems.push(
                Diagnostic::new(
                    &invalid_suppression::RULE,
                    comment.span,
                    "the suppression is followed by no element for it to cover",
                )
                .with_help(format!(
                    "put it just before the element, or use `{IGNORE_FILE}`"
                )),
            );
            continue;
        };
        suppressions.push(Suppression {
            rules,
            scope,
            comment: comment.span,
        });
    }
    (suppressions, problems)
}

/// What a suppression names that is not a rule: the first few names, and a count of the
/// rest.
fn not_rules(unknown: &[&str]) -> String {
    const SHOWN: usize = 3;
    if let [name] = unknown {
        return format!("the suppression names `{name}`, which is not a rule");
    }
    let names: Vec<String> = unknown
        .iter()
        .take(SHOWN)
        .map(|n| format!("`{n}`"))
        .collect();
    let rest = unknown.len().saturating_sub(SHOWN);
    format!(
        "the suppression names {} words that are not rules: {}{}",
        unknown.len(),
        names.join(", "),
        if rest > 0 {
            format!(", and {rest} more")
        } else {
            String::new()
        }
    )
}

/// Drops the findings the suppressions cover, and reports the suppressions that covered
/// none. Findings about suppressions cannot be suppressed.
pub fn apply(diagnostics: &mut Vec<Diagnostic>, suppressions: &[Suppression]) -> Vec<Diagnostic> {
    let mut used = vec![false; suppressions.len()];
    diagnostics.retain(|d| {
        if d.rule == &invalid_suppression::RULE || d.rule == &unused_suppression::RULE {
            return true;
        }
        let span = d.primary.span;
        let covering = suppressions.iter().position(|s| {
            s.scope.start() <= span.start()
                && span.end() <= s.scope.end()
                && s.rules.contains(&d.rule)
        });
        match covering {
            Some(index) => {
                used[index] = true;
                false
            }
            None => true,
        }
    });
    suppressions
        .iter()
        .zip(used)
        .filter(|(_, used)| !used)
        .map(|(s, _)| {
            let names: Vec<&str> = s.rules.iter().map(|r| r.code).collect();
            Diagnostic::new(
                &unused_suppression::RULE,
                s.comment,
                format!("the suppression of {} silences nothing", names.join(", ")),
            )
            .with_help("remove it, or move it before the element it is meant for")
        })
        .collect()
}
