//! INV001 syntax. Its findings come from reading and parsing, before any table is used.

use super::{RuleKind, declare_rule};

declare_rule! {
    /// ## What it finds
    ///
    /// A file that cannot be read as an inventory document: malformed XML or JSON, a
    /// document type declaration (DTD), an encoding other than UTF-8 (UTF-16, invalid
    /// UTF-8 bytes), a NUL byte, an empty or whitespace-only file, or nesting deeper than
    /// any inventory document needs. The finding points at the exact position the parser
    /// reports. A UTF-8 byte order mark is accepted.
    ///
    /// ## Why
    ///
    /// The service answers a malformed body with `MalformedXML` or `InvalidArgument` and no
    /// position. DTDs are refused outright because expanding entities can read local
    /// files, fetch URLs or take unbounded time and memory: invlint never reads anything a
    /// document names. JSON is parsed strictly: no comments, no trailing commas. Those two
    /// are each a finding at their position with a fix that removes them, and the rest of
    /// the document is then checked as if they were not there (jsonc-parser can read
    /// past them); anything worse stops the check of the file at its one finding.
    ///
    /// ## Example
    ///
    /// Invalid: the end tag does not match.
    ///
    /// ```xml invalid
    /// <InventoryConfiguration>
    ///   <Id>report1</Idd>
    /// </InventoryConfiguration>
    /// ```
    ///
    /// Invalid: a trailing comma.
    ///
    /// ```json invalid fragment
    /// {"Id": "report1",}
    /// ```
    ///
    /// Valid:
    ///
    /// ```xml valid fragment
    /// <InventoryConfiguration>
    ///   <Id>report1</Id>
    /// </InventoryConfiguration>
    /// ```
    pub static RULE = {
        code: "INV001",
        name: "syntax",
        severity: Error,
        summary: "The file is not well-formed UTF-8 XML or JSON",
        kind: RuleKind::Parse,
    }
}
