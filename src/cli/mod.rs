//! The `invlint` command line: arguments, the `check` command, and where reports go.

pub mod args;
pub mod check;
pub mod fixes;
pub mod output;
pub mod replace;
pub mod selection;
pub mod sink;

/// Exit codes: findings at or above --fail-on, a usage or configuration error, a bug.
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;
pub const EXIT_INTERNAL: u8 = 3;
