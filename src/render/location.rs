//! Where a file is, as a CI system must be told: relative to the repository's root
//! (`RenderOptions::root`), whatever the working directory was or how the path was
//! given. GitHub, GitLab and Jenkins link a finding to the file only by such a path.
//!
//! This is pure path arithmetic: the command line finds the root and makes each path
//! absolute and free of `.` and `..` once; the renderers never ask the file system.

use std::path::{Component, Path, PathBuf};

/// Where a report's file is, for the CI formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Inside the repository: the path relative to its root, never empty, never `..`.
    Repository(PathBuf),
    /// On disk, outside the repository: the absolute path.
    Elsewhere(PathBuf),
    /// Text that has no path (standard input without `--stdin-filename`): its name.
    Unnamed(String),
}

/// Where the file shown as `name`, at the absolute `path`, is relative to `root`.
pub fn place(name: &str, path: Option<&Path>, root: Option<&Path>) -> Place {
    let Some(path) = path else {
        return Place::Unnamed(name.to_string());
    };
    match root.and_then(|root| path.strip_prefix(root).ok()) {
        Some(relative) if is_plain_relative(relative) => Place::Repository(relative.into()),
        _ => Place::Elsewhere(path.to_path_buf()),
    }
}

/// The path a CI system shows for a file: relative to the repository when it is inside,
/// with `/` between its parts, named as every other output names paths
/// ([`crate::escape::path_name`]); otherwise the name the run showed.
pub fn repository_name(name: &str, path: Option<&Path>, root: Option<&Path>) -> String {
    match place(name, path, root) {
        Place::Repository(relative) => {
            crate::escape::path_name(&relative).replace(std::path::MAIN_SEPARATOR, "/")
        }
        Place::Elsewhere(_) | Place::Unnamed(_) => name.to_string(),
    }
}

/// A URI for a path: its bytes outside RFC 3986's unreserved characters percent-encoded,
/// segment by segment, so a space, `#`, `%` or a name that is not UTF-8 stays one valid
/// URI that points at the same file.
pub fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for (index, component) in path.components().enumerate() {
        match component {
            Component::RootDir => out.push('/'),
            Component::Normal(part) => {
                if index > 0 && !out.ends_with('/') {
                    out.push('/');
                }
                percent_encode(&os_bytes(part), &mut out);
            }
            // Paths reach here absolute and normalised; a prefix (Windows) or `.` is
            // kept as its text.
            other => percent_encode(&os_bytes(other.as_os_str()), &mut out),
        }
    }
    out
}

/// A `file:` URI for an absolute path, as SARIF's `originalUriBaseIds` and the
/// locations of files outside the repository take it.
pub fn file_uri(path: &Path) -> String {
    let encoded = uri_path(path);
    if encoded.starts_with('/') {
        format!("file://{encoded}")
    } else {
        format!("file:///{encoded}")
    }
}

/// A path with no `..`, no root and at least one part.
fn is_plain_relative(path: &Path) -> bool {
    let mut parts = 0;
    for component in path.components() {
        match component {
            Component::Normal(_) => parts += 1,
            Component::CurDir => {}
            _ => return false,
        }
    }
    parts > 0
}

fn percent_encode(bytes: &[u8], out: &mut String) {
    for &byte in bytes {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
}

#[cfg(unix)]
fn os_bytes(text: &std::ffi::OsStr) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    text.as_bytes().to_vec()
}

#[cfg(not(unix))]
fn os_bytes(text: &std::ffi::OsStr) -> Vec<u8> {
    text.to_string_lossy().into_owned().into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_under_the_root_is_relative_to_it() {
        let root = Path::new("/work/my repo");
        assert_eq!(
            place(
                "../x/a.xml",
                Some(Path::new("/work/my repo/x/a.xml")),
                Some(root)
            ),
            Place::Repository("x/a.xml".into())
        );
        assert_eq!(
            repository_name(
                "a.xml",
                Some(Path::new("/work/my repo/x/a.xml")),
                Some(root)
            ),
            "x/a.xml"
        );
    }

    #[test]
    fn a_file_outside_the_root_or_without_a_path_is_not() {
        let root = Path::new("/work/repo");
        assert_eq!(
            place("/etc/a.xml", Some(Path::new("/etc/a.xml")), Some(root)),
            Place::Elsewhere("/etc/a.xml".into())
        );
        // A sibling whose name starts like the root is not inside it.
        assert_eq!(
            place("b", Some(Path::new("/work/repository/b")), Some(root)),
            Place::Elsewhere("/work/repository/b".into())
        );
        assert_eq!(
            place("<stdin>", None, Some(root)),
            Place::Unnamed("<stdin>".into())
        );
        assert_eq!(repository_name("<stdin>", None, Some(root)), "<stdin>");
    }

    #[test]
    fn uris_encode_every_reserved_byte_of_every_segment() {
        assert_eq!(
            uri_path(Path::new("a b/#1/50%.xml")),
            "a%20b/%231/50%25.xml"
        );
        assert_eq!(
            file_uri(Path::new("/work/my repo")),
            "file:///work/my%20repo"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_keeps_its_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"\xff.xml");
        assert_eq!(uri_path(Path::new(name)), "%FF.xml");
    }
}
