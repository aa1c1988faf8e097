//! File-system faults, each with what a user should get: a finding that names the path
//! (or, for an argument that does not exist, a usage error), and the rest of the run
//! still checked. And outputs under SIGKILL: each is absent or whole, never half.

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

#[path = "support/names.rs"]
mod names;
use names::sorted_names;

const VALID: &str = "fixtures/oss/required-element/valid_minimal.xml";

fn valid() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(VALID)).unwrap()
}

/// A fresh directory that is a repository of its own (so the project's `.gitignore`,
/// which ignores `target/`, does not apply to it).
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_invlint"))
        .current_dir(dir)
        .env_remove("GITHUB_WORKSPACE")
        .env_remove("CI_PROJECT_DIR")
        .args(args)
        .output()
        .expect("invlint runs")
}

/// Starts invlint in `dir` with `args`, sends it SIGKILL after a pseudo-random wait of
/// less than `within` microseconds (the next step of the xorshift `seed`), and reaps it.
/// Whether it was still running when the kill came.
///
/// `within` follows the runs: a kill that came after the end shortens it by a fifth, one
/// that hit a running check lengthens it by a twentieth, so that about four kills in five
/// land while the run goes, however the machine's load changes the run's time (runs timed
/// beforehand, while other tests loaded the machine, made the kills come too late).
fn kill_at_random(dir: &Path, args: &[&str], seed: &mut u64, within: &mut u64) -> bool {
    let running = kill_once(dir, args, seed, *within);
    *within = if running {
        *within + *within / 20
    } else {
        (*within - *within / 5).max(1_000)
    };
    running
}

/// The shortest time of three runs of `run`, in microseconds, each after `prepare` (not
/// timed): one run slowed by other work on the machine would put most kills after the end
/// of a normal run.
fn shortest_of_three(prepare: impl Fn(), run: impl Fn()) -> u64 {
    (0..3)
        .map(|_| {
            prepare();
            let started = std::time::Instant::now();
            run();
            started.elapsed().as_micros() as u64
        })
        .min()
        .expect("three runs")
}

fn kill_once(dir: &Path, args: &[&str], seed: &mut u64, within: u64) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_invlint"))
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    std::thread::sleep(Duration::from_micros(*seed % within));
    let running = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    running
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_file_deleted_between_the_walk_and_the_read_is_a_finding_and_the_rest_is_checked() {
    // The engine is handed the walk's list; the file goes before its turn comes.
    let dir = scratch("deleted-after-walk");
    let gone = dir.join("gone.xml");
    std::fs::write(&gone, valid()).unwrap();
    std::fs::write(dir.join("kept.xml"), valid()).unwrap();
    let documents = ["gone.xml", "kept.xml"]
        .iter()
        .map(|name| invlint::engine::Document {
            name: name.to_string(),
            path: Some(dir.join(name)),
            content: invlint::engine::Content::File(dir.join(name)),
            settings: invlint::engine::FileSettings::default(),
        })
        .collect();
    std::fs::remove_file(&gone).unwrap();
    let outcome = invlint::engine::run(documents, &[], &invlint::engine::RunOptions::default());
    assert_eq!(outcome.files_checked, 2);
    let gone = &outcome.reports[0];
    assert_eq!(gone.source.name, "gone.xml");
    assert!(
        gone.diagnostics[0].message.contains("No such file"),
        "{:?}",
        gone.diagnostics
    );
    assert!(outcome.reports[1].diagnostics.is_empty());
}

#[test]
fn a_symlink_loop_is_a_finding_and_the_rest_is_checked() {
    let dir = scratch("link-loop");
    std::fs::create_dir_all(dir.join("a")).unwrap();
    symlink("..", dir.join("a/up")).unwrap();
    std::fs::write(dir.join("a/ok.xml"), valid()).unwrap();
    let output = run_in(
        &dir,
        &["check", "--follow-links", "--format", "concise", "."],
    );
    let out = text(&output.stdout);
    assert!(out.contains("a/up") && out.contains("loops back"), "{out}");
    assert!(
        text(&output.stderr).contains("files checked"),
        "{}",
        text(&output.stderr)
    );
    // Without --follow-links the link is not followed at all.
    let plain = run_in(&dir, &["check", "."]);
    assert_eq!(plain.status.code(), Some(0), "{}", text(&plain.stdout));
}

#[test]
fn links_to_a_device_and_to_a_fifo_are_findings_never_reads() {
    let dir = scratch("link-device");
    symlink("/dev/zero", dir.join("zero.xml")).unwrap();
    let fifo = dir.join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    symlink(&fifo, dir.join("pipe.xml")).unwrap();
    std::fs::write(dir.join("ok.xml"), valid()).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_invlint"))
        .current_dir(&dir)
        .args([
            "check",
            "--follow-links",
            "--format",
            "concise",
            "zero.xml",
            "pipe.xml",
            "ok.xml",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Bounded: a read of /dev/zero or of the FIFO would never end.
    for _ in 0..200 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let output = child.wait_with_output().unwrap();
    let out = text(&output.stdout);
    assert!(
        out.contains("zero.xml:1:1: error: ") && out.contains("not a regular file"),
        "{out}"
    );
    assert!(out.contains("pipe.xml:1:1: error: "), "{out}");
    assert!(text(&output.stderr).contains("3 files checked"));
}

#[test]
fn a_sparse_file_over_the_limit_is_refused_without_reading_it() {
    let dir = scratch("sparse");
    let file = std::fs::File::create(dir.join("huge.xml")).unwrap();
    file.set_len(5 * 1024 * 1024 * 1024).unwrap();
    std::fs::write(dir.join("ok.xml"), valid()).unwrap();
    let started = std::time::Instant::now();
    let output = run_in(&dir, &["check", "--format", "concise", "."]);
    // Reading 5 GiB of zeros would take far longer; the size alone refuses it.
    assert!(started.elapsed() < Duration::from_secs(20));
    let out = text(&output.stdout);
    assert!(
        out.contains("huge.xml:1:1: error: ") && out.contains("larger than 4 MiB"),
        "{out}"
    );
    assert!(text(&output.stderr).contains("2 files checked"));
}

#[test]
fn a_hundred_thousand_files_in_one_directory_and_five_hundred_levels_of_directories() {
    let dir = scratch("many");
    let flat = dir.join("flat");
    std::fs::create_dir_all(&flat).unwrap();
    let text_of = valid();
    for i in 0..100_000 {
        std::fs::write(flat.join(format!("c{i:06}.xml")), &text_of).unwrap();
    }
    let mut deep = dir.join("deep");
    for level in 0..500 {
        deep = deep.join(format!("d{level}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("bottom.xml"), text_of.replace("Weekly", "Hourly")).unwrap();
    let output = run_in(&dir, &["check", "--format", "concise", "."]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("100001 files checked: 1 error"),
        "{}",
        text(&output.stderr)
    );
    assert!(
        text(&output.stdout).contains("/d499/bottom.xml:"),
        "{}",
        text(&output.stdout)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// SIGKILL at random moments of runs that write several outputs: each output is either
/// absent or complete (it parses). A kill inside the call that names a finished output can
/// leave that name behind (no system call publishes an unnamed file over an existing
/// name): the next run that writes there removes it and leaves none of its own.
#[test]
fn outputs_under_sigkill_are_absent_or_whole_and_the_next_run_removes_a_name_left() {
    let dir = scratch("sigkill");
    let input = dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    let text_of = valid();
    for i in 0..300 {
        let body = if i % 3 == 0 {
            text_of.replace("Weekly", "Hourly")
        } else {
            text_of.clone()
        };
        std::fs::write(input.join(format!("c{i:03}.xml")), body).unwrap();
    }
    let out = dir.join("out");
    let args = [
        "check",
        "--quiet",
        "--output",
        "json=out/r.json",
        "--output",
        "sarif=out/r.sarif",
        "--output",
        "junit=out/r.xml",
        "--output",
        "gitlab=out/g.json",
        "input",
    ];
    // How long a run left alone takes: the kills land anywhere in that time, however fast
    // the binary and the machine are.
    let mut span = shortest_of_three(
        || {
            let _ = std::fs::remove_dir_all(&out);
            std::fs::create_dir_all(&out).unwrap();
        },
        || {
            run_in(&dir, &args);
        },
    );
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut killed_while_running = 0;
    let mut names_left = 0;
    for _ in 0..200 {
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(&out).unwrap();
        if kill_at_random(&dir, &args, &mut seed, &mut span) {
            killed_while_running += 1;
        }
        let outputs = ["g.json", "r.json", "r.sarif", "r.xml"];
        let mut left = Vec::new();
        for entry in std::fs::read_dir(&out).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !outputs.contains(&name.as_str()) {
                assert!(
                    name.starts_with('.') && name.ends_with(".invlint-tmp"),
                    "an unknown file appeared: {name}"
                );
                left.push(name);
                continue;
            }
            let body = std::fs::read_to_string(&path).unwrap();
            let whole = if name == "r.xml" {
                roxmltree::Document::parse(&body).is_ok()
            } else {
                serde_json::from_str::<serde_json::Value>(&body).is_ok()
            };
            assert!(whole, "{name} is half written ({} bytes)", body.len());
        }
        if !left.is_empty() {
            names_left += 1;
            // The next run writes every output and removes what the killed one left.
            run_in(&dir, &args);
            assert_eq!(sorted_names(&out), outputs, "left by the kill: {left:?}");
        }
    }
    // Most kills must land while the run is still going, or the test shows nothing.
    assert!(
        killed_while_running > 100,
        "only {killed_while_running} of 200 kills hit a running check"
    );
    eprintln!("{killed_while_running} kills during the run, {names_left} left a name");
}

/// SIGKILL at random moments of `--fix` over many files: every file is either its old or
/// its new self, never a mix or a truncation. A kill inside the call that names the new
/// file can leave that name behind (no system call can publish an unnamed file over an
/// existing name); the next run removes it and leaves none of its own.
#[test]
fn fix_under_sigkill_leaves_each_file_old_or_new_and_no_temporary_file() {
    let dir = scratch("sigkill-fix");
    let input = dir.join("input");
    // Two safe fixes per changed file: `True` and a lowercase format.
    let old = valid()
        .replacen("<IsEnabled>false<", "<IsEnabled>False<", 1)
        .replacen("<Format>CSV<", "<Format>csv<", 1);
    assert_ne!(old, valid(), "the fixture has the values to change");
    let names: Vec<String> = (0..100).map(|i| format!("c{i:03}.xml")).collect();
    let reset = || {
        let _ = std::fs::remove_dir_all(&input);
        std::fs::create_dir_all(&input).unwrap();
        for name in &names {
            std::fs::write(input.join(name), &old).unwrap();
        }
    };
    // What a run left alone makes of each file, and how long it takes: the kills land
    // anywhere in that time.
    let mut span = shortest_of_three(reset, || {
        let whole = run_in(&dir, &["check", "--isolated", "--fix", "input"]);
        assert!(String::from_utf8_lossy(&whole.stderr).contains("200 fixes made in 100 files"));
    });
    let new = std::fs::read_to_string(input.join(&names[0])).unwrap();
    assert_ne!(new, old);

    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut killed_while_running = 0;
    let mut partly_fixed_runs = 0;
    let mut names_left = 0;
    for _ in 0..200 {
        reset();
        let args = ["check", "--isolated", "--quiet", "--fix", "input"];
        if kill_at_random(&dir, &args, &mut seed, &mut span) {
            killed_while_running += 1;
        }
        let mut fixed = 0;
        let mut left = Vec::new();
        for entry in std::fs::read_dir(&input).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !names.contains(&name) {
                assert!(
                    name.starts_with('.') && name.ends_with(".invlint-tmp"),
                    "an unknown file appeared: {name}"
                );
                left.push(name);
                continue;
            }
            let body = std::fs::read_to_string(&path).unwrap();
            assert!(
                body == old || body == new,
                "{name} is neither old nor new:\n{body}"
            );
            fixed += usize::from(body == new);
        }
        if fixed > 0 && fixed < names.len() {
            partly_fixed_runs += 1;
        }
        if !left.is_empty() {
            names_left += 1;
            // The next run finishes the work and removes what the killed one left.
            run_in(&dir, &["check", "--isolated", "--quiet", "--fix", "input"]);
            assert_eq!(sorted_names(&input), names, "left by the kill: {left:?}");
            for name in &names {
                assert_eq!(std::fs::read_to_string(input.join(name)).unwrap(), new);
            }
        }
    }
    // The kills must land while files are being written, or the test shows nothing.
    assert!(
        killed_while_running > 100,
        "only {killed_while_running} of 200 kills hit a running fix"
    );
    assert!(
        partly_fixed_runs > 0,
        "no kill landed between the first and the last file written"
    );
    eprintln!(
        "{killed_while_running} kills during the run, {partly_fixed_runs} between writes, \
         {names_left} left a temporary name that the next run removed"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
