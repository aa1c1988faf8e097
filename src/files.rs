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
    File(PathBuf),
    Stdin,
}

/// A path on the command line that cannot be checked: a usage error, never a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

/// Expands the command line's paths into the inputs to check, in a stable order: files as
/// given, each directory's documents sorted by path, duplicates dropped. `-` is stdin.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Input>, UsageError> {
    let mut inputs = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        if path.as_os_str() == "-" {
            if seen.insert(Input::Stdin) {
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
            walk(path)
        } else if metadata.is_file() {
            vec![path.clone()]
        } else {
            return Err(UsageError(format!(
                "{}: not a regular file or directory",
                path.display()
            )));
        };
        for file in found {
            let input = Input::File(file);
            if seen.insert(input.clone()) {
                inputs.push(input);
            }
        }
    }
    Ok(inputs)
}

/// The documents under a directory, honouring `.gitignore` (inside a git repository or
/// not), skipping hidden entries, sorted by path.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .build()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_some_and(|t| t.is_file()))
        .map(ignore::DirEntry::into_path)
        .filter(|path| has_document_extension(path))
        .collect();
    files.sort();
    files
}

fn has_document_extension(path: &Path) -> bool {
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
    read_capped(file)
}

/// Reads standard input, with the same cap as files.
pub fn read_stdin() -> Result<Vec<u8>, String> {
    read_capped(std::io::stdin().lock())
}

fn read_capped(reader: impl Read) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
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
