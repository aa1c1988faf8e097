//! INV032 unused-suppression. Its findings come from applying suppressions.

use super::{RuleKind, declare_rule};

declare_rule! {
    /// ## What it finds
    ///
    /// A suppression that silences nothing: the rules it names find nothing in what it
    /// covers. This covers suppression comments in XML and `ignore` entries in
    /// `invlint.toml` alike (those are reported in the configuration file).
    ///
    /// ## Why
    ///
    /// A suppression outlives the mistake it excused, and then hides the next one. A
    /// warning.
    ///
    /// ## Example
    ///
    /// Invalid: the Frequency is valid, so there is nothing to suppress.
    ///
    /// ```xml invalid fragment
    /// <InventoryConfiguration>
    ///   <!-- invlint-ignore enum-value reason: hourly reports are allow-listed -->
    ///   <Schedule><Frequency>Daily</Frequency></Schedule>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```xml valid fragment
    /// <InventoryConfiguration>
    ///   <!-- invlint-ignore enum-value reason: hourly reports are allow-listed -->
    ///   <Schedule><Frequency>Hourly</Frequency></Schedule>
    /// </InventoryConfiguration>
    /// ```
    pub static RULE = {
        code: "INV032",
        name: "unused-suppression",
        severity: Warning,
        summary: "A suppression that silences nothing",
        kind: RuleKind::Suppression,
    }
}
