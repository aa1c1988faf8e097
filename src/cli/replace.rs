//! How a regular file is replaced by a new version so that, whatever happens to the
//! process (an error, a full disk, SIGKILL), the path holds either the old bytes or the
//! new ones, and no temporary file is left beside it.
//!
//! On Linux the new version is written into an unnamed file (`O_TMPFILE`) in the same
//! directory, given the old file's mode, synced, and only then linked under a temporary
//! name and at once renamed over the path. A process killed while it writes leaves
//! nothing: the kernel frees an unnamed file with its last descriptor. Where the file
//! system has no unnamed files (and on other systems) the new version is written into a
//! named temporary file created with `O_EXCL`, removed on every error path.
//!
//! No system call publishes an unnamed file over an existing name, so a SIGKILL that
//! lands inside the `linkat` call (or anywhere in a named temporary file's life) still
//! leaves a temporary name behind. Every writer holds an exclusive lock on its file until
//! the rename, and before its first write into a directory a run removes the temporary
//! names there that no live writer holds: what a killed run left is gone after the next
//! run that writes beside it.

use std::collections::HashSet;
use std::fs::{File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What every temporary name ends with, so that a person who finds one knows its origin.
const SUFFIX: &str = ".invlint-tmp";

/// Writes a new version of the regular file at `path` (absent, or described by `old`):
/// `write` fills the new file, which then takes the old file's mode (and, for root, its
/// owner) and replaces `path` by a rename. On any error `path` is untouched.
pub fn replace_atomically(
    path: &Path,
    old: Option<&Metadata>,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    sweep_once(dir);
    #[cfg(target_os = "linux")]
    if let Some(file) = unnamed::create(dir)? {
        return unnamed::replace(file, dir, &name, path, old, write);
    }
    named(dir, &name, path, old, write)
}

/// The portable way: a named temporary file beside the path, removed when it is dropped
/// on an error path.
fn named(
    dir: &Path,
    name: &str,
    path: &Path,
    old: Option<&Metadata>,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A new file gets what the umask leaves of 0666, as `>` would give it.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temporary = builder.tempfile_in(dir)?;
    temporary.as_file().lock()?;
    fill(temporary.as_file_mut(), old, write)?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// Removes, once per directory in a run, the temporary names that killed writers left
/// there: those whose file no live writer holds locked.
fn sweep_once(dir: &Path) {
    static SWEPT: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);
    let first_time = SWEPT
        .lock()
        .map(|mut swept| swept.get_or_insert_default().insert(dir.to_path_buf()))
        .unwrap_or(false);
    if first_time {
        sweep(dir);
    }
}

fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let ours = name
            .to_str()
            .is_some_and(|n| n.starts_with('.') && n.ends_with(SUFFIX));
        // Only regular files: opening a FIFO of that name would wait for a writer.
        if !ours || !entry.file_type().is_ok_and(|kind| kind.is_file()) {
            continue;
        }
        let path = entry.path();
        let Ok(file) = open_without_following(&path) else {
            continue;
        };
        if file.try_lock().is_err() {
            continue;
        }
        // Still the file of that name (not renamed away and the name made again since).
        if same_file(&file, &path) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Opens for reading without following a link and without waiting: a name swapped for a
/// link to a FIFO after the listing must not stall the run.
#[cfg(unix)]
fn open_without_following(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_following(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, _: &Path) -> bool {
    false
}

/// Writes the new bytes, gives the file the old one's mode and owner, and syncs it, so
/// that the rename publishes a whole file.
fn fill(
    file: &mut File,
    old: Option<&Metadata>,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    write(file)?;
    file.flush()?;
    if let Some(old) = old {
        keep_mode_and_owner(file, old)?;
    }
    file.sync_all()
}

#[cfg(unix)]
fn keep_mode_and_owner(file: &File, old: &Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    // Only root may give a file away; for anyone else the owner is already theirs.
    let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    file.set_permissions(old.permissions())
}

#[cfg(not(unix))]
fn keep_mode_and_owner(file: &File, old: &Metadata) -> io::Result<()> {
    file.set_permissions(old.permissions())
}

#[cfg(target_os = "linux")]
mod unnamed {
    use std::ffi::CString;
    use std::fs::{File, Metadata, OpenOptions};
    use std::io;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::io::AsRawFd;
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicU64, Ordering};

    /// An unnamed file in `dir`, or `None` where the file system cannot make one (the
    /// caller then uses a named temporary file).
    pub fn create(dir: &Path) -> io::Result<Option<File>> {
        let opened = OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_TMPFILE)
            // What the umask leaves of 0666, as `>` would give a new file.
            .mode(0o666)
            .open(dir);
        match opened {
            Ok(file) => Ok(Some(file)),
            Err(error) if unsupported(&error) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Fills the unnamed file, names it, and renames the name over `path`.
    pub fn replace(
        mut file: File,
        dir: &Path,
        name: &str,
        path: &Path,
        old: Option<&Metadata>,
        write: impl FnOnce(&mut File) -> io::Result<()>,
    ) -> io::Result<()> {
        // Held until the file is closed, after the rename: a sweep passes it over.
        file.lock()?;
        super::fill(&mut file, old, write)?;
        let source = CString::new(format!("/proc/self/fd/{}", file.as_raw_fd()))
            .expect("a descriptor's path has no NUL");
        loop {
            let temporary = temporary_name(dir, name);
            let target = CString::new(temporary.as_os_str().as_bytes())
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a NUL in the path"))?;
            // The name is made and taken away in two calls back to back: nothing between
            // them can fail but the rename, and then the name is removed at once.
            // SAFETY: both paths are NUL-terminated strings that outlive the call.
            let linked = unsafe {
                libc::linkat(
                    libc::AT_FDCWD,
                    source.as_ptr(),
                    libc::AT_FDCWD,
                    target.as_ptr(),
                    libc::AT_SYMLINK_FOLLOW,
                )
            };
            if linked != 0 {
                let error = io::Error::last_os_error();
                if error.kind() == io::ErrorKind::AlreadyExists {
                    continue;
                }
                return Err(error);
            }
            return std::fs::rename(&temporary, path).inspect_err(|_| {
                let _ = std::fs::remove_file(&temporary);
            });
        }
    }

    /// A name no other writer uses: this process's id and a count of its writes.
    fn temporary_name(dir: &Path, name: &str) -> PathBuf {
        static WRITES: AtomicU64 = AtomicU64::new(0);
        let count = WRITES.fetch_add(1, Ordering::Relaxed);
        dir.join(format!(
            ".{name}.{}-{count}{}",
            std::process::id(),
            super::SUFFIX
        ))
    }

    /// Errors that mean "no unnamed files here": an old kernel or a file system without
    /// them.
    fn unsupported(error: &io::Error) -> bool {
        matches!(
            error.raw_os_error(),
            Some(libc::EOPNOTSUPP | libc::EISDIR | libc::EINVAL | libc::ENOSYS)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("invlint-replace-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failing_write_leaves_the_old_file_and_no_temporary_file() {
        for portable in [false, true] {
            let dir = scratch(&format!("failing-{portable}"));
            let path = dir.join("report.sarif");
            std::fs::write(&path, "old").unwrap();
            let old = std::fs::metadata(&path).unwrap();
            let fail = |file: &mut File| {
                file.write_all(b"half")?;
                Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
            };
            let result = if portable {
                named(&dir, "report.sarif", &path, Some(&old), fail)
            } else {
                replace_atomically(&path, Some(&old), fail)
            };
            assert_eq!(result.unwrap_err().kind(), io::ErrorKind::StorageFull);
            assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
            assert_eq!(entries(&dir), ["report.sarif"]);
            std::fs::remove_dir_all(dir).unwrap();
        }
    }

    #[test]
    fn a_run_removes_the_temporary_names_a_killed_writer_left_and_no_live_ones() {
        let dir = scratch("sweep");
        let stale = dir.join(".a.xml.1234-0.invlint-tmp");
        std::fs::write(&stale, "half").unwrap();
        let live = dir.join(".b.xml.1234-1.invlint-tmp");
        let held = File::create(&live).unwrap();
        held.lock().unwrap();
        std::fs::write(dir.join(".c.xml.not-ours"), "kept").unwrap();
        replace_atomically(&dir.join("a.xml"), None, |file| file.write_all(b"new")).unwrap();
        assert_eq!(
            entries(&dir),
            [".b.xml.1234-1.invlint-tmp", ".c.xml.not-ours", "a.xml"]
        );
        drop(held);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn both_ways_keep_the_mode_and_write_every_byte() {
        use std::os::unix::fs::PermissionsExt;
        for portable in [false, true] {
            let dir = scratch(&format!("mode-{portable}"));
            let path = dir.join("a.xml");
            std::fs::write(&path, "old").unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o604)).unwrap();
            let old = std::fs::metadata(&path).unwrap();
            let new = |file: &mut File| file.write_all(b"new\r\n");
            if portable {
                named(&dir, "a.xml", &path, Some(&old), new).unwrap();
            } else {
                replace_atomically(&path, Some(&old), new).unwrap();
            }
            assert_eq!(std::fs::read(&path).unwrap(), b"new\r\n");
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o604);
            assert_eq!(entries(&dir), ["a.xml"]);
            std::fs::remove_dir_all(dir).unwrap();
        }
    }
}
