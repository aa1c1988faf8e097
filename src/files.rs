//! Which files a run checks, and reading them safely: directories are walked honouring
//! `.gitignore`; only regular files are read, and only up to a size cap, so a named pipe
//! or a link to `/dev/zero` can neither hang nor exhaust the run.

use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest file invlint reads. The 100 MB list document of the benchmarks fits.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The extensions a directory walk picks.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["xml", "json", "http"];

/// Something to check: a file on disk, or standard input.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Input {
    /// A file, and whether it was named on the command line (rather than found by a walk).
    File(PathBuf, bool),
    Stdin,
}

impl Input {
    /// The file's path, if it is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::File(path, _) => Some(path),
            Input::Stdin => None,
        }
    }
}

/// A path on the command line that cannot be checked: a usage error, never a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

/// Expands the command line's paths into the inputs to check, in a stable order: files as
/// given, each directory's files sorted by path, duplicates dropped. `-` is stdin. A
/// directory yields every regular file that `.gitignore` does not exclude; which of them
/// are documents is for the caller to decide (see [`has_document_extension`]).
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Input>, UsageError> {
    let mut inputs = Vec::new();
    let mut seen = HashSet::new();
    let mut stdin = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if !stdin {
                stdin = true;
                inputs.push(Input::Stdin);
            }
            continue;
        }
        let metadata = std::fs::metadata(path).map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => {
                UsageError(format!("{}: no such file or directory", path.display()))
            }
            _ => UsageError(format!("{}: {error}", path.display())),
        })?;
        let found = if metadata.is_dir() {
            walk(path).into_iter().map(|p| (p, false)).collect()
        } else if metadata.is_file() {
            vec![(path.clone(), true)]
        } else {
            return Err(UsageError(format!(
                "{}: not a regular file or directory",
                path.display()
            )));
        };
        for (file, explicit) in found {
            if seen.insert(file.clone()) {
                inputs.push(Input::File(file, explicit));
            }
        }
    }
    Ok(inputs)
}

/// The regular files under a directory, honouring `.gitignore` (inside a git repository
/// or not), skipping hidden entries, sorted by path.
fn walk(dir: &Path) -> Vec<PathBuf> {
    // The walk runs on all cores; the order is restored by sorting.
    let found = std::sync::Mutex::new(Vec::new());
    ignore::WalkBuilder::new(dir)
        .require_git(false)
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                if let Ok(entry) = entry
                    && entry.file_type().is_some_and(|t| t.is_file())
                    && let Ok(mut found) = found.lock()
                {
                    found.push(entry.into_path());
                }
                ignore::WalkState::Continue
            })
        });
    let mut files = found.into_inner().unwrap_or_default();
    // Byte order of the whole path is enough for a stable order, and cheaper than comparing
    // path components; reports are sorted by name again at the end anyway.
    files.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    files
}

/// Whether the file's extension is one a directory walk picks by default.
pub fn has_document_extension(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        DOCUMENT_EXTENSIONS
            .iter()
            .any(|d| d.eq_ignore_ascii_case(e))
    })
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`]; anything else is an error message.
pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let metadata = file.metadata().map_err(|e| e.to_string())?;
    if !metadata.is_file() {
        return Err("not a regular file".into());
    }
    // Sized from the metadata, the read takes two system calls instead of one per doubling.
    let expected = usize::try_from(metadata.len().min(MAX_FILE_BYTES)).unwrap_or(0);
    read_capped(file, expected)
}

/// Reads standard input, with the same cap as files.
pub fn read_stdin() -> Result<Vec<u8>, String> {
    read_capped(std::io::stdin().lock(), 0)
}

fn read_capped(reader: impl Read, expected: usize) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::with_capacity(expected + 1);
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "larger than {} MiB, the most invlint reads",
            MAX_FILE_BYTES / 1024 / 1024
        ));
    }
    Ok(bytes)
}
