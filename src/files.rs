//! Which files a run checks, and reading them safely: directories are walked honouring
//! the ignore files of their own repository (never those above it, never the user's git
//! configuration); links out of the run's tree are not read; only regular files are read,
//! their type checked before a read can block, and only up to a size cap, so a named pipe
//! or a link to `/dev/zero` can neither hang nor exhaust the run.

use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest document invlint reads unless `--max-file-size` says otherwise. A list
/// page holds at most 100 configurations (a few hundred kilobytes); a hostile file costs
/// about 200 bytes of memory per byte at worst, so 4 MiB bounds a worker near 800 MB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The extensions a directory walk picks.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["xml", "json", "http"];

/// Something to check: a file on disk, standard input, or a path that is reported
/// instead of read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Input {
    /// A file, and whether it was named on the command line (rather than found by a walk).
    File(PathBuf, bool),
    Stdin,
    /// A path that is not read, and why: a directory the walk could not read, or a link
    /// that leads out of the run's tree. It is a finding, never silence.
    /// The reason is boxed to keep an input small: a walk holds one per file.
    Refused(PathBuf, Box<str>),
}

impl Input {
    /// The file's path, if it is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::File(path, _) | Input::Refused(path, _) => Some(path),
            Input::Stdin => None,
        }
    }
}

/// A path on the command line that cannot be checked: a usage error, never a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

/// How paths are expanded into inputs.
#[derive(Debug, Clone, Default)]
pub struct CollectOptions {
    /// Follow symbolic links in walks, and read links named on the command line wherever
    /// they lead (`--follow-links`).
    pub follow_links: bool,
}

/// The inputs of a run, in the order they are to be checked. One directory is walked as
/// the run takes its files ([`Inputs::Walk`]): the run holds a directory's entries at a
/// time, not a path per file, so memory does not grow with the tree. Anything else is a
/// list made at once.
pub enum Inputs {
    Listed(std::vec::IntoIter<Input>),
    /// Boxed: the walker's state is large, and a run has one.
    Walk(Box<Walk>),
}

impl Iterator for Inputs {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        match self {
            Inputs::Listed(inputs) => inputs.next(),
            Inputs::Walk(walk) => walk.next(),
        }
    }
}

impl Inputs {
    /// Whether the inputs are known to come in the order of their names
    /// ([`name_order`]), as a walk yields them, so that nobody needs to sort them.
    pub fn in_name_order(&self) -> bool {
        matches!(self, Inputs::Walk(_))
    }

    /// Whether the run may check more than one file: a walk, or a list of several.
    pub fn may_be_many(&self) -> bool {
        match self {
            Inputs::Listed(inputs) => inputs.len() > 1,
            Inputs::Walk(_) => true,
        }
    }
}

/// The order of a run's files, and of its reports: by name, compared as paths, a
/// component at a time. It is the order a walk that sorts each directory's entries by
/// name finds them in, so a walk's files need no sorting: the files of `a/` come before
/// `a.xml` and `a-1/`, which the bytes of the whole names would put first.
pub fn name_order(a: &str, b: &str) -> std::cmp::Ordering {
    Path::new(a).cmp(Path::new(b))
}

/// Expands the command line's paths into the inputs to check, in a stable order: files as
/// given, each directory's files in [`name_order`], duplicates dropped. `-` is stdin. A
/// directory yields every regular file that its ignore files do not exclude; which of them
/// are documents is for the caller to decide (see [`has_document_extension`]). A path that
/// reaches through a symbolic link out of the run's tree (see [`run_tree`]) is refused
/// unless links are followed. A path that does not exist, or is neither a file nor a
/// directory, is an error beside the inputs: the caller checks the rest and says it.
pub fn collect(paths: &[PathBuf], options: &CollectOptions) -> (Inputs, Vec<UsageError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    // One directory or file, walked without following links, yields each file once: the
    // set of what was seen, a path per file, is kept only when something can repeat.
    let may_repeat = paths.len() > 1 || options.follow_links;
    if let [path] = paths
        && !may_repeat
        && path.as_os_str() != "-"
        && std::fs::metadata(path).is_ok_and(|m| m.is_dir())
        && let Ok(real) = path.canonicalize()
        && link_out_of_tree(path, &real).is_none()
    {
        return (
            Inputs::Walk(Box::new(Walk::new(path, &real, options))),
            errors,
        );
    }
    let mut stdin = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if !stdin {
                stdin = true;
                inputs.push(Input::Stdin);
            }
            continue;
        }
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(error) => {
                let name = crate::escape::path_name(path);
                errors.push(UsageError(match error.kind() {
                    std::io::ErrorKind::NotFound => format!("{name}: no such file or directory"),
                    _ => format!("{name}: {error}"),
                }));
                continue;
            }
        };
        // One `realpath` per named path serves the link check, the walk's ignore files and
        // the de-duplication below.
        let resolved = path.canonicalize().ok();
        let real = resolved.clone().unwrap_or_else(|| path.clone());
        let found = if !options.follow_links
            && let Some(reason) = resolved.as_deref().and_then(|r| link_out_of_tree(path, r))
        {
            vec![Input::Refused(path.clone(), reason.into())]
        } else if metadata.is_dir() {
            Walk::new(path, &real, options).collect()
        } else if metadata.is_file() {
            vec![Input::File(path.clone(), true)]
        } else {
            // A device, a FIFO or a socket named (or reached by a followed link) is a
            // finding on its path: it is never read, and the rest is still checked.
            vec![Input::Refused(
                path.clone(),
                "not a regular file or directory; it is not read".into(),
            )]
        };
        // The same file named twice, or named and found by a walk (`invlint check .
        // a.json`), is checked once, under the first spelling. Walked paths are made
        // canonical from their root's canonical form: the walk follows no link (unless
        // asked to), so one `realpath` per root suffices.
        let root = &real;
        if !may_repeat {
            inputs = found;
            continue;
        }
        for input in found {
            let key = match input.path() {
                Some(found) if options.follow_links => {
                    found.canonicalize().unwrap_or_else(|_| found.to_path_buf())
                }
                Some(found) => match found.strip_prefix(path) {
                    Ok(relative) if !relative.as_os_str().is_empty() => root.join(relative),
                    _ => root.clone(),
                },
                None => continue,
            };
            if seen.insert(key) {
                inputs.push(input);
            }
        }
    }
    (Inputs::Listed(inputs.into_iter()), errors)
}

/// The tree a run may read through links: the git repository holding the working
/// directory (the nearest ancestor with a `.git`), or the working directory itself.
pub fn run_tree() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?.canonicalize().ok()?;
    Some(repository_root(&cwd).unwrap_or(cwd))
}

/// The directory that CI reports name files relative to: `GITHUB_WORKSPACE` or
/// `CI_PROJECT_DIR` when the CI system sets one, else the git repository holding the
/// working directory, else the working directory; with links resolved, as the working
/// directory is.
pub fn report_root() -> Option<PathBuf> {
    for variable in ["GITHUB_WORKSPACE", "CI_PROJECT_DIR"] {
        let Some(dir) = std::env::var_os(variable).filter(|v| !v.is_empty()) else {
            continue;
        };
        if let Ok(real) = Path::new(&dir).canonicalize() {
            return Some(real);
        }
    }
    run_tree()
}

/// Why a named path is not read: it goes through a symbolic link, and where it really is
/// lies outside the run's tree. `None` when it may be read. A script passing `git
/// ls-files` must not turn `passwd.xml -> /etc/passwd` into `/etc/passwd` in a CI log.
fn link_out_of_tree(path: &Path, real: &Path) -> Option<String> {
    let as_named = lexically_absolute(path)?;
    if real == as_named {
        return None;
    }
    let tree = run_tree()?;
    if real.starts_with(&tree) {
        return None;
    }
    Some(format!(
        "it is a symbolic link to {}, outside the tree of this run ({}); it is not read \
         unless --follow-links is given",
        crate::escape::path_name(real),
        crate::escape::path_name(&tree)
    ))
}

/// The path made absolute and rid of `.` and `..` without looking at the file system.
fn lexically_absolute(path: &Path) -> Option<PathBuf> {
    Some(normalized(&std::env::current_dir().ok()?.join(path)))
}

/// A path rid of `.` and `..` by its text alone (`a/b/../c` is `a/c`).
pub fn normalized(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The nearest directory at or above `dir` that holds a `.git`.
fn repository_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// The regular files under a directory, honouring the ignore files (`.gitignore`,
/// `.ignore`, the repository's `info/exclude`) of the repository the directory is in, from
/// the repository's root down, never above it and never the user's or the system's git
/// configuration; outside a repository, only those at or below the directory. Hidden
/// entries are skipped. A directory that cannot be read is a [`Input::Refused`]. The files
/// come one by one, in [`name_order`]: the walk holds the entries of the directories it is
/// in, not a path per file.
pub struct Walk {
    entries: ignore::Walk,
}

impl Walk {
    /// `canonical` is the directory's real path.
    fn new(dir: &Path, canonical: &Path, options: &CollectOptions) -> Self {
        let above = ancestor_ignores(canonical);
        let canonical = canonical.to_path_buf();
        let given = dir.to_path_buf();
        let mut builder = ignore::WalkBuilder::new(dir);
        builder
            .require_git(false)
            .parents(false)
            .git_global(false)
            .follow_links(options.follow_links)
            // Each directory's entries sorted by name give the paths in `name_order`.
            // Entries of one directory share their path up to the name, so comparing the
            // whole paths' bytes compares the names, without taking each path apart to
            // find its name at every comparison (two fifths of the walk's instructions).
            .sort_by_file_path(|a, b| a.as_os_str().cmp(b.as_os_str()));
        if !above.is_empty() {
            builder.filter_entry(move |entry| {
                let relative = entry.path().strip_prefix(&given).unwrap_or(entry.path());
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                !ignored_from_above(&above, &canonical.join(relative), is_dir)
            });
        }
        Walk {
            entries: builder.build(),
        }
    }
}

impl Iterator for Walk {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            match self.entries.next()? {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                    return Some(Input::File(entry.into_path(), false));
                }
                Ok(_) => {}
                Err(error) => {
                    if let Some(refused) = refused(&error) {
                        return Some(refused);
                    }
                }
            }
        }
    }
}

/// The ignore files above a walk's root that still belong to its repository, nearest
/// first (as git weighs them): each directory's `.ignore`, then its `.gitignore`, up to
/// the repository's root, then the repository's `info/exclude`. The walk reads the ones at
/// and below its root itself.
fn ancestor_ignores(root: &Path) -> Vec<ignore::gitignore::Gitignore> {
    let Some(repository) = repository_root(root) else {
        return Vec::new();
    };
    if repository == root {
        return Vec::new();
    }
    let mut files = Vec::new();
    for ancestor in root.ancestors().skip(1) {
        files.push((ancestor.to_path_buf(), ancestor.join(".ignore")));
        files.push((ancestor.to_path_buf(), ancestor.join(".gitignore")));
        if ancestor == repository {
            break;
        }
    }
    files.push((
        repository.clone(),
        repository.join(".git").join("info").join("exclude"),
    ));
    files
        .into_iter()
        .filter(|(_, file)| file.is_file())
        .filter_map(|(base, file)| {
            let mut builder = ignore::gitignore::GitignoreBuilder::new(base);
            builder.add(file);
            builder.build().ok()
        })
        .collect()
}

/// Whether the nearest ignore file above the walk that has a say about `path` excludes it.
fn ignored_from_above(above: &[ignore::gitignore::Gitignore], path: &Path, is_dir: bool) -> bool {
    for matcher in above {
        let matched = matcher.matched(path, is_dir);
        if matched.is_ignore() {
            return true;
        }
        if matched.is_whitelist() {
            return false;
        }
    }
    false
}

/// A walk's error as a refused input with its path; errors without a path (none are known
/// for directory reads) are dropped.
fn refused(error: &ignore::Error) -> Option<Input> {
    let mut error = error;
    loop {
        match error {
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                error = err;
            }
            ignore::Error::WithPath { path, err } => {
                let reason = match err.as_ref() {
                    ignore::Error::Io(io) => io.to_string(),
                    other => other.to_string(),
                };
                return Some(Input::Refused(
                    path.clone(),
                    format!(
                        "the directory cannot be read: {reason}; none of its files were checked"
                    )
                    .into(),
                ));
            }
            ignore::Error::Loop { child, ancestor } => {
                return Some(Input::Refused(
                    child.clone(),
                    format!(
                        "a symbolic link loops back to {}; it is not followed",
                        crate::escape::path_name(ancestor)
                    )
                    .into(),
                ));
            }
            _ => return None,
        }
    }
}

/// Whether the file's extension is one a directory walk picks by default.
pub fn has_document_extension(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        DOCUMENT_EXTENSIONS
            .iter()
            .any(|d| d.eq_ignore_ascii_case(e))
    })
}

/// Reads a regular file of at most `max` bytes. The file is opened without blocking and its
/// type is checked on the open handle, so a path that is (or has just become) a named pipe
/// or a device is refused at once, never waited on or read without end.
pub fn read_at_most(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    let mut file = open_without_blocking(path).map_err(|e| e.to_string())?;
    let metadata = file.metadata().map_err(|e| e.to_string())?;
    if !metadata.is_file() {
        return Err("not a regular file".into());
    }
    // A file that says it is too large (a sparse one, say) is not read at all.
    if metadata.len() > max {
        return Err(too_large(max));
    }
    // Sized from the metadata, the read takes two system calls instead of one per doubling,
    // and one when the first read gives exactly the size the metadata said.
    let expected = usize::try_from(metadata.len().min(max)).unwrap_or(0);
    let mut bytes = Vec::new();
    if expected > 0 {
        bytes.resize(expected + 1, 0);
        let read = loop {
            match file.read(&mut bytes) {
                Ok(read) => break read,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error.to_string()),
            }
        };
        bytes.truncate(read);
        // Exactly the size the metadata gave, asked for one byte more: the file ended
        // there, and the read that would find its end is not needed. Any other count (a
        // short read, a file that grew) reads on to the end, as below.
        if read == expected {
            return Ok(bytes);
        }
    }
    read_rest(file, bytes, max)
}

/// Reads standard input, with the same cap as files.
pub fn read_stdin(max: u64) -> Result<Vec<u8>, String> {
    read_rest(std::io::stdin().lock(), Vec::new(), max)
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK makes opening a FIFO return at once (a regular file reads the same with
    // it); O_NOCTTY keeps a terminal device from becoming the process's terminal.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// Reads on to the end after the `bytes` already read, with the cap on the whole.
fn read_rest(reader: impl Read, mut bytes: Vec<u8>, max: u64) -> Result<Vec<u8>, String> {
    let already = bytes.len() as u64;
    reader
        .take((max + 1).saturating_sub(already))
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > max {
        return Err(too_large(max));
    }
    Ok(bytes)
}

fn too_large(max: u64) -> String {
    format!(
        "larger than {}, the most invlint reads (--max-file-size raises it)",
        human_size(max)
    )
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MiB", bytes / 1024 / 1024)
    } else {
        format!("{} KiB", bytes / 1024)
    }
}

#[cfg(test)]
mod tests {
    use super::{CollectOptions, collect, read_at_most};
    use std::path::PathBuf;

    #[test]
    fn a_file_is_read_whole_up_to_the_cap_and_refused_past_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.xml");
        for size in [0, 1, 4095, 4096, 70_000] {
            let text: Vec<u8> = (0..size).map(|n| b'a' + (n % 26) as u8).collect();
            std::fs::write(&path, &text).unwrap();
            assert_eq!(read_at_most(&path, 70_000).unwrap(), text, "{size} bytes");
        }
        std::fs::write(&path, vec![b'a'; 70_001]).unwrap();
        assert!(
            read_at_most(&path, 70_000)
                .unwrap_err()
                .contains("larger than")
        );
    }

    #[test]
    fn a_walk_or_several_files_may_be_many_and_one_file_named_once_or_twice_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.xml");
        let b = dir.path().join("b.xml");
        std::fs::write(&a, "<a/>").unwrap();
        std::fs::write(&b, "<b/>").unwrap();
        let options = CollectOptions {
            follow_links: false,
        };
        let may_be_many = |paths: &[PathBuf]| {
            let (inputs, errors) = collect(paths, &options);
            assert!(errors.is_empty(), "{paths:?}");
            inputs.may_be_many()
        };
        assert!(may_be_many(&[dir.path().to_path_buf()]));
        assert!(may_be_many(&[a.clone(), b]));
        assert!(!may_be_many(std::slice::from_ref(&a)));
        assert!(!may_be_many(&[a.clone(), a]));
    }
}
