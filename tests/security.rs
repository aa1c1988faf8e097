//! The promises of SECURITY.md, each tried as a hostile repository or user would: outputs
//! written only to what they name and as its kind allows, temporary files that cannot be
//! hijacked, names and values that cannot forge or flood output, standard streams that may
//! close or fail, configuration that cannot hang or exhaust the run, a walk that reads
//! nothing above its repository, links that cannot leak files from outside the tree,
//! unreadable directories that are reported, and a depth bound no nesting gets around.
//!
//! CI runs as root. Parts that need a user who cannot read a file run as `nobody` through
//! `setpriv`; parts that need a full disk mount a small tmpfs. Where either is impossible
//! the part says so on stderr and is skipped; devices are made with `mknod` in a scratch
//! directory, never taken from `/dev`.

use std::io::Read;
use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

#[path = "support/names.rs"]
mod names;
use names::sorted_names;

const BIN: &str = env!("CARGO_BIN_EXE_invlint");
const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");
const HOURLY: &str = "fixtures/oss/enum-value/invalid_hourly.xml";
const VALID: &str = "fixtures/oss/required-element/valid_minimal.xml";

fn invlint_in(dir: &Path) -> Command {
    let mut command = Command::new(BIN);
    command.current_dir(dir);
    command.env_remove("NO_COLOR");
    command
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    invlint_in(dir).args(args).output().expect("invlint runs")
}

/// Starts invlint in the project directory with stdout discarded and stderr kept, for a
/// test that waits on it with a bound ([`wait_bounded`]) or needs its pid.
fn spawn(args: &[&str]) -> Child {
    Command::new(BIN)
        .current_dir(MANIFEST)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("invlint starts")
}

fn run(args: &[&str]) -> Output {
    run_in(Path::new(MANIFEST), args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh directory under the target directory, removed first if it exists.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("security")
        .join(name);
    if dir.exists() {
        // Earlier runs may have left unreadable directories or mounts behind.
        let _ = Command::new("chmod")
            .arg("-R")
            .arg("u+rwx")
            .arg(&dir)
            .status();
        let _ = std::fs::remove_dir_all(&dir);
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn fixture(path: &str) -> String {
    std::fs::read_to_string(Path::new(MANIFEST).join(path)).unwrap()
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// Makes a character device node, or says why not (not root, or no mknod).
fn mknod(path: &Path, major: u32, minor: u32) -> bool {
    let made = Command::new("mknod")
        .arg(path)
        .arg("c")
        .arg(major.to_string())
        .arg(minor.to_string())
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("cannot make a device node with mknod (not root?); skipping this part");
    }
    made
}

/// Makes a named pipe (mkfifo is part of coreutils, always there).
fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", path.display());
}

/// Waits for a child at most `limit`; a child still running then is killed and the test
/// fails: a hang is the defect being tested for.
fn wait_bounded(mut child: Child, limit: Duration) -> Output {
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("invlint did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

// Outputs: written only to what they name, as its kind allows.

#[test]
fn a_character_device_output_is_written_to_not_replaced() {
    let dir = scratch("device-output");
    let null = dir.join("null");
    if !mknod(&null, 1, 3) {
        return;
    }
    let output = run(&[
        "check",
        "--output",
        &format!("sarif={}", null.display()),
        HOURLY,
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let kind = std::fs::symlink_metadata(&null).unwrap().file_type();
    assert!(kind.is_char_device(), "the device became {kind:?}");
    assert_eq!(sorted_names(&dir), ["null"]);
}

/// `/dev/stdout` is a link to `/proc/self/fd/1`; a link of the test's own to that
/// descriptor stands in for it (nothing under `/dev` is touched, and nothing under `/proc`
/// can be created, whatever the code under test does).
#[test]
fn a_link_to_an_open_descriptor_is_written_through_not_replaced() {
    let dir = scratch("descriptor-output");
    let link = dir.join("stdout");
    symlink("/proc/self/fd/1", &link).unwrap();
    for redirect_to_file in [false, true] {
        let captured = dir.join("captured.txt");
        let mut command = Command::new(BIN);
        command
            .current_dir(MANIFEST)
            .args(["check", "--quiet", "--output", "concise", "--output"])
            .arg(format!("json={}", link.display()))
            .arg(HOURLY);
        if redirect_to_file {
            command.stdout(std::fs::File::create(&captured).unwrap());
        }
        let output = command.output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
        let written = if redirect_to_file {
            std::fs::read_to_string(&captured).unwrap()
        } else {
            text(&output.stdout)
        };
        // Both formats arrive whole, in order, through the one descriptor.
        assert!(written.starts_with(&format!("{HOURLY}:15:16")), "{written}");
        assert!(
            written.contains("\"files\"") && written.trim_end().ends_with('}'),
            "{written}"
        );
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
}

#[test]
fn a_fifo_output_is_written_to_not_replaced() {
    let dir = scratch("fifo-output");
    let fifo = dir.join("report.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            std::fs::File::open(fifo)
                .unwrap()
                .read_to_string(&mut text)
                .unwrap();
            text
        })
    };
    let child = spawn(&[
        "check",
        "--output",
        &format!("concise={}", fifo.display()),
        HOURLY,
    ]);
    let output = wait_bounded(child, Duration::from_secs(60));
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    // Checked before joining: a FIFO replaced by a file would leave the reader waiting.
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO became {kind:?}");
    let received = reader.join().unwrap();
    assert!(received.contains("[INV005]"), "{received}");
}

#[test]
fn a_linked_output_replaces_the_target_and_keeps_the_link() {
    let dir = scratch("linked-output");
    std::fs::write(dir.join("real.json"), "old").unwrap();
    symlink("real.json", dir.join("report.json")).unwrap();
    let output = run(&[
        "check",
        "--output",
        &format!("json={}", dir.join("report.json").display()),
        HOURLY,
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let link = std::fs::symlink_metadata(dir.join("report.json")).unwrap();
    assert!(
        link.file_type().is_symlink(),
        "the link itself was replaced"
    );
    let written = std::fs::read_to_string(dir.join("real.json")).unwrap();
    assert!(
        written.contains("\"files\"") && written.contains("INV005"),
        "{written}"
    );
    assert_eq!(sorted_names(&dir), ["real.json", "report.json"]);
}

#[test]
fn a_rewritten_output_keeps_its_mode() {
    let dir = scratch("output-mode");
    let path = dir.join("report.sarif");
    std::fs::write(&path, "old").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let output = run(&[
        "check",
        "--output",
        &format!("sarif={}", path.display()),
        HOURLY,
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let metadata = std::fs::metadata(&path).unwrap();
    assert_eq!(metadata.permissions().mode() & 0o7777, 0o600);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("\"version\": \"2.1.0\"")
    );
}

/// Symbolic links planted at the name the old scheme (`.NAME.invlint-PID`) would pick and
/// at the first name the unnamed-file scheme links its file to (`.NAME.PID-0.invlint-tmp`):
/// a writer that opened, or replaced, a predictable name would write into the victim. The
/// child reads its document from stdin, so it waits while the links are planted for its
/// own PID.
#[test]
fn a_planted_link_at_the_predictable_temporary_name_is_never_followed() {
    let dir = scratch("planted-temporary");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let report = dir.join("report.json");
    let mut child = Command::new(BIN)
        .current_dir(MANIFEST)
        .args(["check", "--stdin-filename", "a.xml", "--output"])
        .arg(format!("json={}", report.display()))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    symlink(
        &victim,
        dir.join(format!(".report.json.invlint-{}", child.id())),
    )
    .unwrap();
    let planted = format!(".report.json.{}-0.invlint-tmp", child.id());
    symlink(&victim, dir.join(&planted)).unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(fixture(HOURLY).as_bytes()).unwrap();
    }
    let output = wait_bounded(child, Duration::from_secs(60));
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let kind = std::fs::symlink_metadata(&report).unwrap().file_type();
    assert!(kind.is_file(), "the report is {kind:?}");
    // The planted link is the attacker's: left as it was, and nothing of invlint's beside.
    let left: Vec<String> = sorted_names(&dir)
        .into_iter()
        .filter(|n| n.ends_with(".invlint-tmp"))
        .collect();
    assert_eq!(
        left,
        std::slice::from_ref(&planted),
        "temporary files left behind"
    );
    let kind = std::fs::symlink_metadata(dir.join(&planted))
        .unwrap()
        .file_type();
    assert!(kind.is_symlink());
}

#[test]
fn a_full_disk_is_exit_2_naming_the_path_and_leaves_the_old_file_whole() {
    let dir = scratch("full-disk");
    let mount = dir.join("mnt");
    std::fs::create_dir(&mount).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=16k", "tmpfs"])
        .arg(&mount)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!(
            "cannot mount a tmpfs (not root?); skipping; sink's unit test covers a failing writer"
        );
        return;
    }
    let path = mount.join("report.sarif");
    std::fs::write(&path, "old").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    // The SARIF of every example is far larger than 16 KiB.
    let output = run(&[
        "check",
        "--output",
        &format!("sarif={}", path.display()),
        "examples",
    ]);
    let left = sorted_names(&mount);
    let old = std::fs::read_to_string(&path).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
    let _ = Command::new("umount").arg(&mount).status();
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("cannot write") && stderr.contains("report.sarif"),
        "{stderr}"
    );
    assert_eq!(left, ["report.sarif"], "a temporary file was left behind");
    assert_eq!(old, "old");
    assert_eq!(mode, 0o600);
}

// Names and values: escaped, never raw; bounded, never whole.

const ESCAPES: &[char] = &['\x1b', '\x07', '\u{9b}'];

fn assert_no_raw_controls(what: &str, output: &str) {
    for c in ESCAPES {
        assert!(!output.contains(*c), "{what} holds a raw {c:?}:\n{output}");
    }
}

#[test]
fn file_names_with_escapes_and_newlines_cannot_colour_split_or_forge_output() {
    let dir = scratch("hostile-names");
    let bad = fixture(HOURLY);
    let names = [
        "a\x1b[31mred\x1b[0m.xml",
        "b\nc.xml:1:1: error: forged [INV001].xml",
        "d\n::warning title=injected::spoofed.xml",
    ];
    for name in names {
        std::fs::write(dir.join(name), &bad).unwrap();
    }
    let concise = run_in(&dir, &["check", "--format", "concise", "."]);
    let lines = text(&concise.stdout);
    assert_no_raw_controls("concise", &lines);
    assert_eq!(lines.lines().count(), 3, "one line per finding:\n{lines}");
    assert!(lines.lines().all(|l| l.starts_with('"')), "{lines}");
    assert!(
        lines.contains(r#""b\nc.xml:1:1: error: forged [INV001].xml":15:16"#),
        "{lines}"
    );

    let full = run_in(
        &dir,
        &["check", "--format", "full", "--color", "never", "."],
    );
    assert_no_raw_controls("full", &text(&full.stdout));

    let github = text(&run_in(&dir, &["check", "--format", "github", "."]).stdout);
    assert_no_raw_controls("github", &github);
    assert!(
        !github
            .lines()
            .any(|l| l.starts_with("::warning title=injected")),
        "a forged workflow command:\n{github}"
    );

    for format in ["json", "sarif", "gitlab"] {
        let out = run_in(&dir, &["check", "--format", format, "."]);
        let parsed: Result<serde_json::Value, _> = serde_json::from_slice(&out.stdout);
        assert!(
            parsed.is_ok(),
            "{format} is not valid JSON:\n{}",
            text(&out.stdout)
        );
    }
    let junit = run_in(&dir, &["check", "--format", "junit", "."]);
    let junit = text(&junit.stdout);
    assert!(
        roxmltree::Document::parse(&junit).is_ok(),
        "JUnit is not XML:\n{junit}"
    );
}

#[test]
fn names_that_are_not_utf8_are_escaped_and_never_collide() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("non-utf8-names");
    let bad = fixture(HOURLY);
    std::fs::write(dir.join(OsStr::from_bytes(b"\xff.xml")), &bad).unwrap();
    // A backslash is an ordinary character in a Unix file name, not a separator.
    #[allow(clippy::join_absolute_paths)]
    let lookalike = dir.join("\\xff.xml");
    std::fs::write(lookalike, &bad).unwrap();
    let output = run_in(&dir, &["check", "--format", "concise", "."]);
    let lines = text(&output.stdout);
    let names: Vec<&str> = lines
        .lines()
        .map(|l| l.split(":15:").next().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{lines}");
    assert_ne!(
        names[0], names[1],
        "two files print the same name:\n{lines}"
    );
    assert!(
        !lines.contains('\u{FFFD}'),
        "a name was replaced lossily:\n{lines}"
    );
    assert!(names.contains(&r#""\xff.xml""#), "{lines}");
    assert!(names.contains(&r#""\\xff.xml""#), "{lines}");
}

#[test]
fn values_with_terminal_escapes_are_shown_escaped() {
    let dir = scratch("hostile-values");
    // A title change, a bell and a screen clear: in a JSON value that the Frequency enum
    // rejects (messages echo it), and raw in an XML file (XML forbids them, and the full
    // format echoes the source line).
    let json = fixture("fixtures/oss/enum-value/invalid_hourly.json")
        .replace("\"Hourly\"", r#""\u001b]0;PWNED\u0007\u001b[2J""#);
    assert!(json.contains("PWNED"));
    std::fs::write(dir.join("a.json"), json).unwrap();
    let xml = fixture(HOURLY).replace("Hourly", "\x1b]0;XMLPWNED\x07\x1b[2J");
    std::fs::write(dir.join("b.xml"), xml).unwrap();
    for format in ["concise", "full", "github"] {
        let output = run_in(
            &dir,
            &["check", "--provider", "oss", "--format", format, "."],
        );
        let shown = text(&output.stdout);
        assert_no_raw_controls(format, &shown);
        assert!(
            shown.contains("PWNED"),
            "{format} lost the finding:\n{shown}"
        );
    }
    let concise = text(&run_in(&dir, &["check", "--provider", "oss", "."]).stdout);
    assert!(concise.contains(r"`\x1b]0;PWNED\x07\x1b[2J`"), "{concise}");
    let full = run_in(
        &dir,
        &["check", "--format", "full", "--color", "never", "b.xml"],
    );
    assert!(
        text(&full.stdout).contains("?]0;XMLPWNED??[2J"),
        "{}",
        text(&full.stdout)
    );
}

#[test]
fn huge_names_and_values_are_quoted_as_a_short_prefix_with_their_length() {
    let dir = scratch("huge-values");
    let name = "A".repeat(1_000_000);
    let document = fixture(VALID).replace(
        "<IsEnabled>false</IsEnabled>",
        &format!("<IsEnabled>false</IsEnabled><{name}/>"),
    );
    std::fs::write(dir.join("name.xml"), document).unwrap();
    let digits = "9".repeat(1_000_000);
    let document = fixture(VALID).replace(
        "<IncludedObjectVersions>",
        &format!(
            "<OptionalFields><Field>Size</Field></OptionalFields><Filter><LastModifyBeginTimeStamp>{digits}</LastModifyBeginTimeStamp></Filter><IncludedObjectVersions>"
        ),
    );
    std::fs::write(dir.join("timestamp.xml"), document).unwrap();
    let output = run_in(
        &dir,
        &["check", "--provider", "oss", "--region", "cn-qingdao", "."],
    );
    let lines = text(&output.stdout);
    assert!(lines.contains("(1000000 characters)"), "{lines}");
    for line in lines.lines() {
        assert!(line.len() < 1000, "a finding line of {} bytes", line.len());
    }
    assert!(lines.lines().count() >= 2, "{lines}");
}

#[test]
fn a_huge_region_in_the_configuration_is_bounded_in_messages() {
    let dir = scratch("huge-region");
    // Half a megabyte: within the configuration's 1 MiB cap.
    let region = "eu-central-1".repeat(40_000);
    std::fs::write(dir.join("invlint.toml"), format!("region = \"{region}\"\n")).unwrap();
    std::fs::write(dir.join("a.xml"), fixture(VALID)).unwrap();
    let child = invlint_in(&dir)
        .args(["check", "--provider", "oss", "a.xml"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let output = wait_bounded(child, Duration::from_secs(60));
    let lines = text(&output.stdout);
    assert!(lines.contains("is not a known"), "{lines}");
    assert!(lines.lines().all(|l| l.len() < 1000), "{lines}");
}

// Standard streams that close or fail.

#[test]
fn a_closed_stdout_ends_quietly_and_a_failing_one_is_exit_2() {
    let commands: &[&[&str]] = &[
        &["rules"],
        &["rule", "INV003"],
        &["completions", "bash"],
        &["manpage"],
        &["check", "--show-config", HOURLY],
        &["check", "--format", "sarif", "examples"],
    ];
    for args in commands {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = Command::new(BIN)
            .current_dir(MANIFEST)
            .args(*args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = text(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        let expected = if args[0] == "check" && args.len() == 4 {
            1
        } else {
            0
        };
        assert_eq!(output.status.code(), Some(expected), "{args:?}: {stderr}");
    }

    let dir = scratch("full-stdout");
    let full = dir.join("full");
    if !mknod(&full, 1, 7) {
        return;
    }
    for (args, clean) in [
        (&["check", "--format", "sarif", "examples"][..], false),
        (&["check", "--format", "sarif", VALID][..], true),
        (&["rules"][..], true),
    ] {
        let output = Command::new(BIN)
            .current_dir(MANIFEST)
            .args(args)
            .stdout(std::fs::File::create(&full).unwrap())
            .output()
            .unwrap();
        let stderr = text(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?} (clean: {clean}): {stderr}"
        );
        assert!(
            stderr.contains("cannot write to standard output"),
            "{stderr}"
        );
    }
}

#[test]
fn a_closed_stderr_does_not_crash_a_check() {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = Command::new(BIN)
        .current_dir(MANIFEST)
        .args(["check", "--format", "concise", HOURLY, VALID])
        .stderr(writer)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains("[INV005]"));
}

// Configuration files: typed and bounded before they are read.

#[test]
fn a_configuration_that_is_a_device_a_fifo_or_huge_is_refused_at_once() {
    let dir = scratch("config-kinds");
    let fifo = dir.join("fifo.toml");
    mkfifo(&fifo);
    let huge = dir.join("huge.toml");
    std::fs::write(&huge, format!("# {}\n", "x".repeat(2 * 1024 * 1024))).unwrap();
    let mut configs = vec![fifo, huge];
    let zero = dir.join("zero");
    if mknod(&zero, 1, 5) {
        configs.push(zero);
    }
    for config in configs {
        let child = spawn(&["check", "--config", config.to_str().unwrap(), VALID]);
        let output = wait_bounded(child, Duration::from_secs(20));
        let stderr = text(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{}: {stderr}",
            config.display()
        );
        assert!(
            stderr.contains("not a regular file") || stderr.contains("larger than 1 MiB"),
            "{}: {stderr}",
            config.display()
        );
    }
}

#[test]
fn a_glob_set_that_cannot_be_built_is_a_configuration_error() {
    let dir = scratch("glob-set");
    let pattern = "?".repeat(150_000);
    std::fs::write(
        dir.join("invlint.toml"),
        format!("exclude = [\"bad.xml\", \"{pattern}\"]\n"),
    )
    .unwrap();
    std::fs::write(dir.join("bad.xml"), fixture(HOURLY)).unwrap();
    let output = run_in(&dir, &["check", "."]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("invlint.toml:1:12: error:"), "{stderr}");
    assert!(stderr.contains("[INV033]"), "{stderr}");
    assert!(text(&output.stdout).is_empty());
}

// The walk: ignore files of the repository only.

#[test]
fn ignore_files_above_the_repository_and_the_global_git_configuration_are_not_read() {
    let dir = scratch("ignore-scope");
    let repo = dir.join("repo");
    std::fs::create_dir_all(repo.join(".git/info")).unwrap();
    std::fs::create_dir_all(repo.join("sub")).unwrap();
    // Above the repository: must not apply.
    std::fs::write(dir.join(".gitignore"), "*.xml\n").unwrap();
    std::fs::write(dir.join(".ignore"), "*.xml\n").unwrap();
    // The user's global ignore file: must not apply.
    let home = dir.join("home");
    std::fs::create_dir_all(home.join(".config/git")).unwrap();
    std::fs::write(home.join(".config/git/ignore"), "*.xml\n").unwrap();
    std::fs::write(
        home.join(".gitconfig"),
        format!(
            "[core]\n\texcludesFile = {}\n",
            home.join(".config/git/ignore").display()
        ),
    )
    .unwrap();
    // Inside the repository: must apply, from its root down, also to a walk of `sub`.
    std::fs::write(repo.join(".gitignore"), "sub/skipped.xml\n").unwrap();
    std::fs::write(repo.join(".git/info/exclude"), "sub/excluded.xml\n").unwrap();
    let bad = fixture(HOURLY);
    for name in [
        "bad.xml",
        "sub/bad.xml",
        "sub/skipped.xml",
        "sub/excluded.xml",
    ] {
        std::fs::write(repo.join(name), &bad).unwrap();
    }
    let walk = |args: &[&str]| {
        let output = invlint_in(&repo)
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .args(args)
            .output()
            .unwrap();
        text(&output.stdout)
    };
    let all = walk(&["check", "."]);
    assert!(
        all.contains("bad.xml:15:16") && all.contains("sub/bad.xml:15:16"),
        "{all}"
    );
    assert!(
        !all.contains("skipped.xml") && !all.contains("excluded.xml"),
        "{all}"
    );
    let sub = walk(&["check", "sub"]);
    assert!(sub.contains("sub/bad.xml:15:16"), "{sub}");
    assert!(
        !sub.contains("skipped.xml") && !sub.contains("excluded.xml"),
        "{sub}"
    );
}

// Links named on the command line.

#[test]
fn a_link_out_of_the_tree_is_reported_not_read_unless_links_are_followed() {
    let dir = scratch("link-out");
    let repo = dir.join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::write(dir.join("secret.txt"), "root:x:0:0:SECRET-LINE\n").unwrap();
    symlink(dir.join("secret.txt"), repo.join("passwd.xml")).unwrap();
    std::fs::write(repo.join("inside.txt"), fixture(HOURLY)).unwrap();
    symlink("inside.txt", repo.join("inside.xml")).unwrap();

    let output = run_in(
        &repo,
        &[
            "check",
            "--format",
            "full",
            "--color",
            "never",
            "passwd.xml",
        ],
    );
    let shown = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(
        !shown.contains("SECRET-LINE"),
        "the target's text was printed:\n{shown}"
    );
    assert!(shown.contains("symbolic link"), "{shown}");

    let followed = run_in(
        &repo,
        &[
            "check",
            "--format",
            "full",
            "--color",
            "never",
            "--follow-links",
            "passwd.xml",
        ],
    );
    assert!(text(&followed.stdout).contains("SECRET-LINE"));

    // A link that stays inside the tree is read as its target.
    let inside = run_in(&repo, &["check", "inside.xml"]);
    assert!(
        text(&inside.stdout).contains("inside.xml:15:16"),
        "{}",
        text(&inside.stdout)
    );
}

// Unreadable directories.

#[test]
fn an_unreadable_directory_in_a_walk_is_a_finding() {
    let dir = scratch("unreadable-dir");
    std::fs::write(dir.join("ok.xml"), fixture(VALID)).unwrap();
    let locked = dir.join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("hidden.xml"), fixture(HOURLY)).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut command = if is_root() {
        // Root reads everything: the walk runs as nobody.
        let setpriv = Command::new("setpriv").arg("--version").output();
        if !setpriv.is_ok_and(|o| o.status.success()) {
            eprintln!("running as root without setpriv; skipping");
            return;
        }
        let mut command = Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups", BIN]);
        command
    } else {
        Command::new(BIN)
    };
    let output = command
        .current_dir(&dir)
        .args(["check", "--isolated", "."])
        .output()
        .unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let lines = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{lines}{}",
        text(&output.stderr)
    );
    assert!(
        lines.starts_with("locked:1:1: error: cannot read the file: the directory cannot be read"),
        "{lines}"
    );
}

// The depth bound.

#[test]
fn deep_nesting_with_processing_instructions_is_a_finding_not_a_crash() {
    let dir = scratch("deep-nesting");
    let depth = 10_000;
    let document = format!(
        "{}{}",
        "<a><?pi > </a ?>".repeat(depth),
        "</a>".repeat(depth)
    );
    assert!(document.len() > 130_000);
    std::fs::write(dir.join("deep.xml"), document).unwrap();
    let json = format!("{}1{}", r#"{"a":["#.repeat(200), "]}".repeat(200));
    std::fs::write(dir.join("deep.json"), json).unwrap();
    let output = run_in(&dir, &["check", "--provider", "oss", "."]);
    let lines = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{lines}{}",
        text(&output.stderr)
    );
    assert!(lines.contains("deep.xml:1:"), "{lines}");
    assert!(
        lines.contains("nested more than 256 levels deep"),
        "{lines}"
    );
    assert!(lines.contains("deep.json:1:"), "{lines}");
}
