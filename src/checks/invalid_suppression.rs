//! INV031 invalid-suppression. Its findings come from reading suppressions.

use super::{RuleKind, declare_rule};

declare_rule! {
    /// ## What it finds
    ///
    /// A suppression comment that cannot be honoured: it gives no reason, names no rule or
    /// a rule that does not exist, or is followed by no element to cover. Such a
    /// suppression silences nothing.
    ///
    /// A suppression is `<!-- invlint-ignore CODES reason: WHY -->` just before an element
    /// (it covers that element and everything in it), or `<!-- invlint-ignore-file CODES
    /// reason: WHY -->` anywhere (it covers the file). CODES are rule codes or names,
    /// separated by spaces or commas. JSON has no comments: use `ignore` entries in
    /// `invlint.toml`.
    ///
    /// ## Why
    ///
    /// A reason tells the next reader why the finding does not apply; without one, a
    /// suppression only hides a problem.
    ///
    /// ## Example
    ///
    /// Invalid: no reason.
    ///
    /// ```xml invalid fragment also=INV005
    /// <InventoryConfiguration>
    ///   <!-- invlint-ignore enum-value -->
    ///   <Schedule><Frequency>Hourly</Frequency></Schedule>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```xml valid fragment
    /// <InventoryConfiguration>
    ///   <!-- invlint-ignore enum-value reason: the bucket is on an allow-list for hourly reports -->
    ///   <Schedule><Frequency>Hourly</Frequency></Schedule>
    /// </InventoryConfiguration>
    /// ```
    pub static RULE = {
        code: "INV031",
        name: "invalid-suppression",
        severity: Error,
        summary: "A suppression without a reason, naming an unknown rule, or covering nothing",
        kind: RuleKind::Suppression,
    }
}
