//! What a run reports: one [`FileReport`] per checked file (and per configuration file with
//! findings). The engine makes them; the renderers only read them.

use crate::across::FileFacts;
use crate::detect::Choice;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// One checked file and its findings, sorted by position and rule code.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub source: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
    /// The provider the file was checked against and why; `None` when it was not checked.
    pub provider: Option<Choice>,
    /// What the file contributes to the checks across files.
    pub facts: Option<FileFacts>,
    /// Why the file was skipped, when it is not an inventory document at all (a
    /// `package.json` that pre-commit passed by name): it has no findings and never fails.
    pub skipped: Option<String>,
    /// What `--fix` did: the text before it (the report's source holds the text after),
    /// and how many fixes it made. `None` when no fix was asked for or none applied.
    pub fixed: Option<Fixed>,
}

/// A file's text before its fixes, and how many were made.
#[derive(Debug, Clone)]
pub struct Fixed {
    pub original: String,
    pub applied: usize,
}
