//! The one place the binary writes: standard output, standard error and output files.
//!
//! - Standard output: a closed pipe (`invlint rules | head -1`) ends the writing quietly,
//!   as `head` expects; any other failure (`> /dev/full`) is an error the caller turns
//!   into exit 2, so a lost report never looks like a clean run.
//! - Standard error: best effort. A closed stderr must not crash a run whose report went
//!   to stdout or a file.
//! - Files: a regular file (or a path that does not exist yet) is replaced atomically
//!   ([`super::replace`]), keeping the old file's mode; a symbolic link is followed and its target replaced, never the
//!   link; a character device or a FIFO (`/dev/null`, a pipe, a terminal), and any path that
//!   names one of the process's open descriptors (`/dev/stdout`), is written to directly,
//!   never replaced; anything else is refused.

use std::fs::Metadata;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use invlint::escape::path_name;

use super::replace::replace_atomically;

/// Why standard output could not take the text.
#[derive(Debug)]
pub enum StdoutError {
    /// The reader went away: stop writing, quietly.
    Closed,
    /// Writing failed otherwise: the message says how.
    Failed(String),
}

/// Writes text to standard output and flushes it.
pub fn stdout(text: &[u8]) -> Result<(), StdoutError> {
    let mut out = io::stdout().lock();
    out.write_all(text)
        .and_then(|()| out.flush())
        .map_err(|error| match error.kind() {
            io::ErrorKind::BrokenPipe => StdoutError::Closed,
            _ => StdoutError::Failed(format!("cannot write to standard output: {error}")),
        })
}

/// Writes a line to standard error, ignoring failure: there is nowhere left to report it.
pub fn stderr_line(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err
        .write_all(text.as_bytes())
        .and_then(|()| err.write_all(b"\n"))
        .and_then(|()| err.flush());
}

/// Writes text to standard error, ignoring failure.
pub fn stderr(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

/// Writes `bytes` to the file at `path` as its kind allows (see the module's docs). The
/// error names the path.
pub fn file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let fail = |error: io::Error| format!("cannot write {}: {error}", path_name(path));
    // `metadata` follows every link, including the kernel's own (`/dev/stdout` leads to
    // `/proc/self/fd/1`, which leads to a pipe or a terminal that has no path).
    match std::fs::metadata(path) {
        Ok(metadata) if is_stream(&metadata) => write_in_place(path, bytes, false).map_err(fail),
        // Appended: what went to the same descriptor before (the stdout format) is kept.
        Ok(metadata) if metadata.is_file() && names_a_descriptor(path) => {
            write_in_place(path, bytes, true).map_err(fail)
        }
        Ok(metadata) if metadata.is_file() => {
            let target = path.canonicalize().map_err(fail)?;
            replace_atomically(&target, Some(&metadata), |file| file.write_all(bytes)).map_err(fail)
        }
        Ok(metadata) if metadata.is_dir() => Err(format!(
            "cannot write {}: it is a directory",
            path_name(path)
        )),
        Ok(_) => Err(format!(
            "cannot write {}: it is neither a regular file, a character device nor a FIFO",
            path_name(path)
        )),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            // Absent, or a link to a path that is absent: the file is made where the links
            // lead, and a link stays a link.
            let target = follow_links(path).map_err(fail)?.0;
            replace_atomically(&target, None, |file| file.write_all(bytes)).map_err(fail)
        }
        Err(error) => Err(fail(error)),
    }
}

/// Whether the path is, or leads through links to, one of the process's open file
/// descriptors (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`). Such a file belongs to
/// whoever opened the descriptor (`> report.json`): it is written through the descriptor,
/// never replaced by a new file the descriptor would not see.
fn names_a_descriptor(path: &Path) -> bool {
    let is_descriptor =
        |p: &Path| p.starts_with("/proc") || p.starts_with("/dev/fd") || p.starts_with("/dev/std");
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    is_descriptor(&absolute)
        || follow_links(path).is_ok_and(|(_, visited)| visited.iter().any(|p| is_descriptor(p)))
}

/// The path a chain of symbolic links leads to, whether or not that path exists yet, and
/// every path met on the way.
fn follow_links(path: &Path) -> io::Result<(PathBuf, Vec<PathBuf>)> {
    // As many links as Linux follows before it gives up with ELOOP.
    const MAX_LINKS: usize = 40;
    let mut current = path.to_path_buf();
    let mut visited = Vec::new();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)?;
                let next = match current.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
                visited.push(std::mem::replace(&mut current, next));
            }
            Ok(_) => return Ok((current, visited)),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Ok((current, visited));
            }
            Err(error) => return Err(error),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

#[cfg(unix)]
fn is_stream(metadata: &Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    let kind = metadata.file_type();
    kind.is_char_device() || kind.is_fifo()
}

#[cfg(not(unix))]
fn is_stream(_: &Metadata) -> bool {
    false
}

/// Writes into an existing device, FIFO or descriptor as a shell redirection would: no
/// create, no truncate, no rename; at the end of the file with `append`.
fn write_in_place(path: &Path, bytes: &[u8], append: bool) -> io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .append(append)
        .open(path)?;
    file.write_all(bytes)?;
    file.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("invlint-sink-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed_and_its_target_replaced() {
        let dir = scratch("link");
        std::fs::write(dir.join("real.txt"), "old").unwrap();
        std::os::unix::fs::symlink("real.txt", dir.join("link.txt")).unwrap();
        file(&dir.join("link.txt"), b"new").unwrap();
        let link = std::fs::symlink_metadata(dir.join("link.txt")).unwrap();
        assert!(link.file_type().is_symlink());
        assert_eq!(
            std::fs::read_to_string(dir.join("real.txt")).unwrap(),
            "new"
        );
        // A dangling link creates its target.
        std::os::unix::fs::symlink("made.txt", dir.join("dangling.txt")).unwrap();
        file(&dir.join("dangling.txt"), b"made").unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join("made.txt")).unwrap(),
            "made"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
