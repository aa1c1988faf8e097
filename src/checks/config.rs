//! INV033 config. Its findings are about `invlint.toml`, and stop the run.

use super::{RuleKind, declare_rule};

declare_rule! {
    /// ## What it finds
    ///
    /// A mistake in `invlint.toml`: TOML that does not parse, an unknown key, a rule, a
    /// provider, a severity or a fail-on level that does not exist, a glob that does not
    /// compile, an `ignore` entry without a reason. The finding points at the key or value
    /// in the configuration file, and the run stops with exit code 2: a configuration that
    /// is not read as written must not turn into a clean result.
    ///
    /// ## Example
    ///
    /// Invalid (in `invlint.toml`): `severty` is not a key.
    ///
    /// ```toml invalid
    /// [severty]
    /// boolean-case = "error"
    /// ```
    ///
    /// Valid:
    ///
    /// ```toml valid
    /// [severity]
    /// boolean-case = "error"
    /// ```
    pub static RULE = {
        code: "INV033",
        name: "config",
        severity: Error,
        summary: "A mistake in invlint.toml",
        kind: RuleKind::Configuration,
    }
}
