//! INV034 declaration-position. Its findings come from parsing: the XML parser reads past
//! white space before the declaration and checks the document as if it were not there.

use super::{RuleKind, declare_rule};

declare_rule! {
    /// ## What it finds
    ///
    /// White space (a newline, spaces, tabs) before the XML declaration `<?xml ...?>`. The
    /// white space is underlined, the fix removes it, and the rest of the document is
    /// checked as usual.
    ///
    /// ## Why
    ///
    /// XML 1.0 (§2.8, production `prolog ::= XMLDecl? Misc* ...`) allows nothing before
    /// the declaration, so a strict parser rejects the document ("XML declaration allowed
    /// only at the start"). Servers are more lenient: the Alibaba Cloud OSS Go SDK's live
    /// test `TestCreateBucketXml` sends a body that starts with a newline and spaces, and
    /// OSS accepts it; several SDK tests build their bodies the same way. A warning, not an
    /// error: the service takes it, but any tool that parses strictly does not.
    ///
    /// ## Example
    ///
    /// Invalid: a newline before the declaration.
    ///
    /// ```xml invalid fragment
    ///
    /// <?xml version="1.0" encoding="UTF-8"?>
    /// <InventoryConfiguration><Id>report1</Id></InventoryConfiguration>
    /// ```
    ///
    /// Valid:
    ///
    /// ```xml valid fragment
    /// <?xml version="1.0" encoding="UTF-8"?>
    /// <InventoryConfiguration><Id>report1</Id></InventoryConfiguration>
    /// ```
    pub static RULE = {
        code: "INV034",
        name: "declaration-position",
        severity: Warning,
        summary: "White space before the XML declaration",
        kind: RuleKind::Parse,
    }
}
