//! Tests that run the built `invlint` binary: exit codes, formats, stdin, walking, usage
//! errors and the rule commands.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn invlint() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_invlint"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    // The environment a CI job sets must not change what these tests see.
    for name in [
        "NO_COLOR",
        "FORCE_COLOR",
        "GITHUB_WORKSPACE",
        "CI_PROJECT_DIR",
    ] {
        command.env_remove(name);
    }
    command
}

fn run(args: &[&str]) -> Output {
    invlint().args(args).output().expect("invlint runs")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    run_stdin_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, input)
}

fn run_stdin_in(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = invlint()
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("invlint starts");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A fresh directory under the target directory, removed first if it exists.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const VALID: &str = "fixtures/oss/required-element/valid_minimal.xml";
const HOURLY: &str = "fixtures/oss/enum-value/invalid_hourly.xml";

#[test]
fn a_clean_file_exits_0_with_nothing_on_stdout() {
    let output = run(&["check", VALID]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    assert!(stderr(&output).contains("1 file checked, no findings"));
}

#[test]
fn findings_exit_1_with_one_concise_line_each_when_not_a_terminal() {
    let output = run(&["check", HOURLY]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "fixtures/oss/enum-value/invalid_hourly.xml:15:16: error: `Hourly` is not a valid Frequency; expected `Daily` or `Weekly` [INV005]\n"
    );
    assert!(stderr(&output).contains("1 file checked: 1 error, 0 warnings, 0 info"));
}

#[test]
fn the_full_format_underlines_the_value() {
    let output = run(&["check", "--format", "full", "--color", "never", HOURLY]);
    let text = stdout(&output);
    assert!(text.contains("INV005(enum-value)"), "{text}");
    assert!(text.contains("<Frequency>Hourly</Frequency>"), "{text}");
    assert!(text.contains("──────"), "{text}");
    assert!(!text.contains('\u{1b}'), "no color was asked for");
}

#[test]
fn color_always_colors_and_never_does_not() {
    let colored = run(&["check", "--color", "always", HOURLY]);
    assert!(stdout(&colored).contains("\u{1b}[1;31merror"));
    let plain = run(&["check", "--color", "never", HOURLY]);
    assert!(!stdout(&plain).contains('\u{1b}'));
}

#[test]
fn fail_on_sets_the_threshold() {
    // One file per severity: each threshold fails on its own severity and above, and
    // passes below it.
    let error = HOURLY;
    let warning = "fixtures/oss/boolean-case/invalid_capitalised.xml";
    let info = "fixtures/oss/incremental-override/invalid_disabled_root.xml";
    let expected = [
        ("error", [1, 0, 0]),
        ("warning", [1, 1, 0]),
        ("info", [1, 1, 1]),
    ];
    for (level, codes) in expected {
        for (file, code) in [error, warning, info].into_iter().zip(codes) {
            let output = run(&["check", "--fail-on", level, file]);
            assert_eq!(output.status.code(), Some(code), "--fail-on {level} {file}");
        }
    }
    let output = run(&["check", "--fail-on", "bogus", HOURLY]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_missing_path_is_a_usage_error_not_a_finding() {
    let output = run(&["check", "no/such/file.xml"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert!(stderr(&output).contains("no/such/file.xml: no such file or directory"));
}

#[test]
fn a_missing_path_is_said_and_the_other_paths_are_still_checked() {
    let dir = scratch("missing-path");
    let sarif = dir.join("report.sarif");
    let output = run(&[
        "check",
        "--format",
        "concise",
        "--output",
        &format!("sarif={}", sarif.display()),
        "no/such/file.xml",
        HOURLY,
        "no/such/dir/",
        VALID,
    ]);
    // Findings would be exit 1; the missing paths make it 2, at the end of the run.
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("no/such/file.xml: no such file or directory"),
        "{err}"
    );
    assert!(
        err.contains("no/such/dir/: no such file or directory"),
        "{err}"
    );
    assert!(err.contains("2 files checked"), "{err}");
    assert!(
        stdout(&output).starts_with(&format!("{HOURLY}:")),
        "{}",
        stdout(&output)
    );
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["exitCode"], 2);
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(
        invocation["toolExecutionNotifications"][0]["message"]["text"],
        "no/such/file.xml: no such file or directory"
    );
    // --exit-zero forgives findings, not a path that is not there.
    let forgiven = run(&["check", "--exit-zero", "no/such/file.xml", HOURLY]);
    assert_eq!(forgiven.status.code(), Some(2));
}

#[test]
fn select_extend_select_and_ignore_win_over_invlint_toml() {
    let capitalised = fixture("fixtures/oss/boolean-case/invalid_capitalised.xml");
    let hourly = fixture(HOURLY);
    let dir = tree(
        "rule-flags",
        &[
            (
                "invlint.toml",
                "select = [\"INV005\", \"INV010\"]\nignore = [\"INV010\"]\n",
            ),
            ("capitalised.xml", &capitalised),
            ("hourly.xml", &hourly),
        ],
    );
    let codes = |flags: &[&str]| {
        let output = invlint()
            .current_dir(&dir)
            .args(["check", "--format", "concise", "--quiet"])
            .args(flags)
            .arg(".")
            .output()
            .unwrap();
        let mut found: Vec<String> = stdout(&output)
            .lines()
            .map(|l| {
                l.rsplit('[')
                    .next()
                    .unwrap()
                    .trim_end_matches(']')
                    .to_string()
            })
            .collect();
        found.dedup();
        (output.status.code(), found)
    };
    assert_eq!(codes(&[]), (Some(1), vec!["INV005".to_string()]));
    // --extend-select runs a rule the file ignores; names work as codes do.
    assert_eq!(
        codes(&["--extend-select", "boolean-case"]),
        (Some(1), vec!["INV010".to_string(), "INV005".to_string()])
    );
    // --select replaces the file's choice; --ignore takes away from it.
    assert_eq!(
        codes(&["--select", "inv010,INV003"]),
        (Some(0), vec!["INV010".to_string()])
    );
    assert_eq!(codes(&["--ignore", "INV005"]), (Some(0), vec![]));
    assert_eq!(
        codes(&["--select", "ALL", "--ignore", "enum-value"]),
        (Some(0), vec!["INV010".to_string()])
    );

    let shown = invlint()
        .current_dir(&dir)
        .args(["check", "--select", "INV010", "--show-config", "hourly.xml"])
        .output()
        .unwrap();
    let text = stdout(&shown);
    assert!(
        text.contains(
            "rules:  # from --select INV010, which replaces `select`, `ignore` and `severity` in"
        ),
        "{text}"
    );
    assert!(text.contains("  INV010 boolean-case"), "{text}");
    assert!(!text.contains("INV005"), "{text}");

    let unknown = run(&["check", "--select", "INV999", VALID]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown)
            .contains("`INV999` given to --select <RULE> is not a rule; did you mean `INV009`?"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn statistics_are_json_with_format_json() {
    let output = run(&[
        "check",
        "--statistics",
        "--format",
        "json",
        "--quiet",
        "fixtures/oss/enum-value",
    ]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let first = &value[0];
    assert_eq!(first["code"], "INV005");
    assert_eq!(first["name"], "enum-value");
    assert!(first["count"].as_u64().unwrap() >= 2, "{value}");
    assert!(first["fixable"].as_u64().unwrap() <= first["count"].as_u64().unwrap());
}

#[test]
fn shell_completion_offers_rule_codes_and_names() {
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout(&run(&["completions", shell]));
        assert!(
            script.contains("INV035") && script.contains("unknown-element"),
            "{shell}: {script}"
        );
    }
}

#[test]
fn every_page_the_manual_names_can_be_printed() {
    let top = stdout(&run(&["manpage"]));
    assert!(top.contains(".TH invlint 1"), "{top}");
    let named: Vec<&str> = top
        .lines()
        .filter_map(|l| l.strip_prefix("invlint\\-")?.strip_suffix("(1)"))
        .collect();
    assert_eq!(
        named,
        [
            "check",
            "rule",
            "rules",
            "providers",
            "server",
            "completions",
            "manpage"
        ],
        "{top}"
    );
    for command in &named {
        let page = stdout(&run(&["manpage", command]));
        assert!(page.contains(&format!(".TH invlint-{command} 1")), "{page}");
    }
    let check = stdout(&run(&["manpage", "check"]));
    assert!(check.contains("\\-\\-select"), "{check}");
    let dir = scratch("manpages");
    assert_eq!(
        run(&["manpage", "--dir", dir.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "invlint-check.1",
            "invlint-completions.1",
            "invlint-manpage.1",
            "invlint-providers.1",
            "invlint-rule.1",
            "invlint-rules.1",
            "invlint-server.1",
            "invlint.1"
        ]
    );
    assert_eq!(run(&["manpage", "bogus"]).status.code(), Some(2));
}

#[test]
fn force_color_colors_a_pipe_and_no_color_wins() {
    let with = |env: &[(&str, &str)]| {
        let mut command = invlint();
        command.args(["check", "--format", "full", HOURLY]);
        for (name, value) in env {
            command.env(name, value);
        }
        stdout(&command.output().unwrap()).contains('\u{1b}')
    };
    assert!(!with(&[]), "a pipe gets no color by default");
    assert!(with(&[("FORCE_COLOR", "1")]));
    assert!(!with(&[("FORCE_COLOR", "0")]));
    assert!(!with(&[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]));
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let output = run(&["check", "--frobnicate", VALID]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn stdin_is_read_and_named_by_stdin_filename() {
    let text = std::fs::read(HOURLY).unwrap();
    let output = run_stdin(&["check", "--stdin-filename", "configs/a.xml", "-"], &text);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).starts_with("configs/a.xml:15:16: error: `Hourly`"));
}

#[test]
fn stdin_without_a_name_is_sniffed_as_json() {
    let output = run_stdin(
        &["check", "--provider", "oss", "-"],
        br#"{"Id": "a", "Id": "b"}"#,
    );
    assert!(stdout(&output).contains("<stdin>:1:13: error: `Id` appears more than once"));
}

#[test]
fn a_directory_is_walked_recursively_honouring_gitignore() {
    let dir = scratch("walk");
    std::fs::create_dir_all(dir.join("prod/eu")).unwrap();
    std::fs::create_dir_all(dir.join("build")).unwrap();
    std::fs::copy(HOURLY, dir.join("prod/eu/b.xml")).unwrap();
    std::fs::copy(VALID, dir.join("prod/a.xml")).unwrap();
    std::fs::copy(HOURLY, dir.join("build/ignored.xml")).unwrap();
    std::fs::write(dir.join("notes.txt"), "not a document").unwrap();
    std::fs::write(dir.join(".gitignore"), "build/\n").unwrap();
    let output = run(&["check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("prod/eu/b.xml:15:16"), "{text}");
    assert!(
        stderr(&output).contains("2 files checked"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn output_is_sorted_by_path_then_position() {
    let output = run(&["check", "fixtures/oss/enum-value"]);
    let lines: Vec<String> = stdout(&output).lines().map(str::to_string).collect();
    let key = |line: &String| {
        let mut parts = line.splitn(4, ':');
        let path = parts.next().unwrap().to_string();
        let row: usize = parts.next().unwrap().parse().unwrap();
        let col: usize = parts.next().unwrap().parse().unwrap();
        (path, row, col)
    };
    let mut sorted = lines.clone();
    sorted.sort_by_key(key);
    assert!(lines.len() > 5);
    assert_eq!(lines, sorted);
}

#[test]
fn a_fifo_is_refused_without_hanging() {
    let dir = scratch("fifo");
    let fifo = dir.join("pipe.xml");
    // mkfifo is part of coreutils: a machine without it cannot run this suite.
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
    // Named, it is a finding on its path (never read), as a device is.
    let output = run(&["check", "--format", "concise", fifo.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("pipe.xml:1:1: error: ")
            && stdout(&output).contains("not a regular file")
    );
    // Inside a directory walk the pipe is skipped.
    let output = run(&["check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn the_seed_samples_report_what_they_must() {
    let output = run(&["check", "fixtures/oss/seeds"]);
    let text = stdout(&output);
    assert!(text.contains(
        "put_bucket_inventory_sample.xml:34:14: error: `TransistionTime` is not a valid Field"
    ));
    assert!(text.contains(
        "list_bucket_inventory_sample.xml:1:3: error: invalid XML: malformed XML declaration"
    ));
    assert!(text.contains(
        "list_bucket_inventory_sample_declaration_fixed.xml:87:5: error: unexpected text inside `ListInventoryConfigurationsResult`"
    ));
}

#[test]
fn rules_lists_every_rule_and_rule_prints_its_docs() {
    let output = run(&["rules"]);
    let text = stdout(&output);
    for rule in invlint::checks::ALL_RULES {
        let line = format!("{}  {}", rule.code, rule.name);
        assert!(text.contains(&line), "{line} is missing from:\n{text}");
    }
    let by_name = run(&["rule", "unknown-element"]);
    let by_code = run(&["rule", "inv003"]);
    assert_eq!(stdout(&by_name), stdout(&by_code));
    assert!(stdout(&by_name).contains("did you mean"));
    assert_eq!(run(&["rule", "INV999"]).status.code(), Some(2));
}

const FILTERED: &str = "fixtures/oss/range-order/valid_ordered.json";

#[test]
fn region_flag_applies_region_rules_to_a_bare_body() {
    let without = run(&["check", FILTERED]);
    assert_eq!(without.status.code(), Some(0), "{}", stdout(&without));
    let hangzhou = run(&["check", "--region", "cn-hangzhou", FILTERED]);
    assert_eq!(hangzhou.status.code(), Some(1));
    let text = stdout(&hangzhou);
    assert_eq!(text.matches("[INV019]").count(), 4, "{text}");
    let qingdao = run(&["check", "--region", "cn-qingdao", FILTERED]);
    assert_eq!(qingdao.status.code(), Some(0), "{}", stdout(&qingdao));
    let typo = run(&["check", "--region", "cn-qingdoa", FILTERED]);
    assert!(
        stdout(&typo).contains(
            "`cn-qingdoa` (from --region) is not a known Alibaba Cloud OSS region [INV020]"
        )
    );
}

#[test]
fn inventory_id_flag_checks_a_bare_body() {
    let same = run(&["check", "--inventory-id", "report1", VALID]);
    assert_eq!(same.status.code(), Some(0));
    let other = run(&["check", "--inventory-id", "report9", VALID]);
    assert_eq!(other.status.code(), Some(1));
    assert!(stdout(&other).contains("`Id` is `report1`, but --inventory-id is `report9` [INV021]"));
}

#[test]
fn http_files_are_picked_by_a_directory_walk() {
    let output = run(&["check", "fixtures/oss/seeds"]);
    let text = stdout(&output);
    assert!(
        text.contains("put_bucket_inventory_sample.http:41:14: error: `TransistionTime`"),
        "{text}"
    );
    assert_eq!(
        text.matches("put_bucket_inventory_sample.http").count(),
        6,
        "{text}"
    );
    assert!(text.contains(
        "put_bucket_inventory_incremental_sample.http:34:4: error: `IncrementalInventory` is available only in `na-south-1`, not in `cn-hangzhou`"
    ));
}

/// Writes files into a fresh scratch directory.
fn scratch_with(name: &str, files: &[(&str, String)]) -> PathBuf {
    let dir = scratch(name);
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

fn fixture(path: &str) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_directory_mixing_providers_names_each_documents_provider_in_json() {
    let dir = scratch_with(
        "mixed",
        &[
            ("oss.xml", fixture("fixtures/detect/valid_oss_by_shape.xml")),
            (
                "obs.json",
                fixture("fixtures/detect/valid_obs_by_shape.json"),
            ),
            (
                "s3.xml",
                fixture("fixtures/detect/valid_s3_by_namespace.xml"),
            ),
            (
                "s3-cli.json",
                fixture("fixtures/s3/required-element/valid_cli_list.json"),
            ),
            (
                "obs.http",
                fixture("fixtures/detect/valid_obs_by_host.http"),
            ),
            ("cos.xml", fixture("fixtures/detect/valid_cos_by_shape.xml")),
            (
                "cos.http",
                fixture("fixtures/detect/valid_cos_by_accelerate_host.http"),
            ),
            (
                "tos.json",
                fixture("fixtures/detect/valid_tos_by_shape.json"),
            ),
            (
                "tos.http",
                fixture("fixtures/detect/valid_tos_by_internal_host.http"),
            ),
            (
                "coreweave.http",
                fixture("fixtures/detect/valid_coreweave_tsv_by_host.http"),
            ),
            (
                "wasabi.http",
                fixture("fixtures/detect/valid_wasabi_by_host.http"),
            ),
        ],
    );
    let output = run(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["version"], 1);
    let providers: Vec<(String, String, String)> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = f["path"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            let id = f["provider"]["id"].as_str().unwrap().to_string();
            let reason = f["provider"]["reason"].as_str().unwrap().to_string();
            (path, id, reason)
        })
        .collect();
    let expect = [
        (
            "coreweave.http",
            "coreweave",
            "the Host `source-bucket.cwobject.com` is a CoreWeave AI Object Storage host",
        ),
        (
            "cos.http",
            "cos",
            "the Host `examplebucket-1250000000.cos.accelerate.myqcloud.com` is a Tencent Cloud COS host",
        ),
        (
            "cos.xml",
            "cos",
            "the document has `Destination/COSBucketDestination`",
        ),
        (
            "obs.http",
            "obs",
            "the Host `src.obs.cn-north-4.myhuaweicloud.com` is a Huawei Cloud OBS host",
        ),
        ("obs.json", "obs", "the document has `Destination/Format`"),
        (
            "oss.xml",
            "oss",
            "the document has `Destination/OSSBucketDestination`",
        ),
        (
            "s3-cli.json",
            "s3",
            "the document has `Destination/S3BucketDestination`",
        ),
        (
            "s3.xml",
            "s3",
            "the document has the namespace `http://s3.amazonaws.com/doc/2006-03-01/`",
        ),
        (
            "tos.http",
            "tos",
            "the Host `examplebucket.tos-cn-beijing.ivolces.com` is a Volcengine TOS host",
        ),
        (
            "tos.json",
            "tos",
            "the document has `Destination/TOSBucketDestination`",
        ),
        (
            "wasabi.http",
            "wasabi",
            "the Host `s3.eu-central-1.wasabisys.com` is a Wasabi host",
        ),
    ];
    let expect: Vec<(String, String, String)> = expect
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(providers, expect);
}

#[test]
fn a_variant_is_chosen_by_name_and_changes_what_the_same_bytes_give() {
    // An AWS document with CoreWeave's TSV format: by its shape it is S3's, where TSV is
    // no format; named CoreWeave (on the command line or in invlint.toml) it is clean.
    let document = fixture("fixtures/s3/required-element/valid_minimal.xml")
        .replace("<Format>Parquet</Format>", "<Format>TSV</Format>");
    assert!(document.contains("TSV"), "the S3 fixture names its format");
    let dir = scratch_with("variant", &[("inventory.xml", document.clone())]);
    let path = dir.join("inventory.xml");
    let path = path.to_str().unwrap();
    let by_shape = run(&["check", "--format", "concise", path]);
    assert_eq!(by_shape.status.code(), Some(1));
    assert!(
        stdout(&by_shape).contains(
            "error: `TSV` is not a valid Format; expected `CSV`, `ORC` or `Parquet` [INV005]"
        ),
        "{}",
        stdout(&by_shape)
    );
    let named = run(&["check", "--provider", "coreweave", path]);
    assert_eq!(named.status.code(), Some(0), "{}", stdout(&named));
    std::fs::write(dir.join("invlint.toml"), "provider = \"coreweave\"\n").unwrap();
    let configured = run(&["check", "--format", "json", path]);
    assert_eq!(configured.status.code(), Some(0), "{}", stdout(&configured));
    let json: serde_json::Value = serde_json::from_str(&stdout(&configured)).unwrap();
    assert_eq!(json["files"][0]["provider"]["id"], "coreweave");
    assert!(
        json["files"][0]["provider"]["reason"]
            .as_str()
            .unwrap()
            .contains("invlint.toml"),
        "{json}"
    );
    // And the other way round: `--provider s3` over the invlint.toml refuses TSV again.
    let forced = run(&["check", "--provider", "s3", path]);
    assert_eq!(forced.status.code(), Some(1), "{}", stdout(&forced));
}

#[test]
fn a_tos_bucket_takes_ten_configurations_across_files() {
    let body = fixture("fixtures/tos/required-element/valid_minimal.json");
    let request = |id: &str| {
        format!(
            "PUT /?inventory&id={id} HTTP/1.1\nHost: examplebucket.tos-cn-beijing.volces.com\n\n{}",
            body.replace("report1", id)
        )
    };
    let files: Vec<(String, String)> = (1..=11)
        .map(|n| (format!("r{n:02}.http"), request(&format!("report{n}"))))
        .collect();
    let named: Vec<(&str, String)> = files.iter().map(|(f, t)| (f.as_str(), t.clone())).collect();
    let dir = scratch_with("tos-limit", &named[..10]);
    let ten = run(&["check", dir.to_str().unwrap()]);
    assert_eq!(ten.status.code(), Some(0), "{}", stdout(&ten));
    let dir = scratch_with("tos-limit", &named);
    let eleven = run(&["check", "--format", "concise", dir.to_str().unwrap()]);
    assert_eq!(eleven.status.code(), Some(1));
    let text = stdout(&eleven);
    assert_eq!(text.matches("[INV029]").count(), 1, "{text}");
    assert!(text.contains("examplebucket"), "{text}");
}

fn oss_request(bucket: &str, id: &str) -> String {
    let body = fixture("fixtures/oss/required-element/valid_minimal.json").replace("report1", id);
    format!(
        "PUT /?inventory&inventoryId={id} HTTP/1.1\nHost: {bucket}.oss-cn-hangzhou.aliyuncs.com\n\n{body}"
    )
}

#[test]
fn a_duplicate_id_across_files_names_every_file_in_every_format() {
    let dir = scratch_with(
        "across",
        &[
            ("a.http", oss_request("photos", "daily")),
            ("b.http", oss_request("photos", "daily")),
            ("c.http", oss_request("videos", "daily")),
        ],
    );
    let path = dir.to_str().unwrap();
    let concise = stdout(&run(&["check", "--format", "concise", path]));
    assert_eq!(concise.lines().count(), 1, "{concise}");
    assert!(
        concise.contains("b.http:5:10: error: the Id `daily` is used for bucket `photos` in another file too (see "),
        "{concise}"
    );
    assert!(concise.contains("a.http:5:10) [INV028]"), "{concise}");
    let full = stdout(&run(&[
        "check", "--format", "full", "--color", "never", path,
    ]));
    assert!(
        full.contains("b.http:5:10]") && full.contains("a.http:5:10]"),
        "{full}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["check", "--format", "json", path]))).unwrap();
    let b = &json["files"][1];
    assert!(b["path"].as_str().unwrap().ends_with("b.http"));
    let related = &b["diagnostics"][0]["related"][0];
    assert!(related["path"].as_str().unwrap().ends_with("a.http"));
    assert_eq!(related["location"]["start"]["line"], 5);
}

#[test]
fn bare_bodies_are_compared_only_with_a_bucket() {
    let body = fixture("fixtures/oss/required-element/valid_minimal.xml");
    let dir = scratch_with("bucket-flag", &[("a.xml", body.clone()), ("b.xml", body)]);
    let path = dir.to_str().unwrap();
    assert_eq!(run(&["check", path]).status.code(), Some(0));
    let output = run(&["check", "--bucket", "photos", path]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("[INV028]"));
}

#[test]
fn obs_limits_and_overlaps_are_checked_across_files() {
    let request = |id: &str, prefix: Option<&str>| {
        let filter = prefix.map_or(String::new(), |p| {
            format!("<Filter><Prefix>{p}</Prefix></Filter>")
        });
        format!(
            "PUT /?inventory&id={id} HTTP/1.1\nHost: photos.obs.cn-north-4.myhuaweicloud.com\n\n<InventoryConfiguration><Id>{id}</Id><IsEnabled>true</IsEnabled>{filter}<Destination><Format>CSV</Format><Bucket>dest</Bucket></Destination><Schedule><Frequency>Daily</Frequency></Schedule><IncludedObjectVersions>Current</IncludedObjectVersions></InventoryConfiguration>\n"
        )
    };
    let mut files: Vec<(String, String)> = (0..11)
        .map(|i| {
            (
                format!("r{i:02}.http"),
                request(&format!("r{i}"), Some(&format!("p{i}/"))),
            )
        })
        .collect();
    files.push(("whole.http".to_string(), request("whole", None)));
    let files: Vec<(&str, String)> = files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let dir = scratch_with("obs-limits", &files);
    let text = stdout(&run(&["check", dir.to_str().unwrap()]));
    assert_eq!(text.matches("[INV029]").count(), 1, "{text}");
    assert!(
        text.contains(
            "bucket `photos` has 12 configurations in this run; Huawei Cloud OBS allows at most 10"
        ),
        "{text}"
    );
    // The whole-bucket configuration overlaps each of the eleven prefixed ones: one
    // finding, naming the first three and counting the rest.
    assert_eq!(text.matches("[INV030]").count(), 1, "{text}");
    assert!(
        text.contains(
            "whole.http:4:1: error: no prefix (the whole bucket) overlaps 11 other configurations of bucket `photos`: the prefix `p0/`, the prefix `p1/`, the prefix `p2/`, and 8 more (see "
        ),
        "{text}"
    );
}

/// A scratch tree of files given by relative path.
fn tree(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = scratch(name);
    for (file, text) in files {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    invlint()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("invlint runs")
}

const CAPITALISED: &str = "fixtures/oss/boolean-case/invalid_capitalised.xml";

#[test]
fn the_nearest_configuration_wins_and_isolated_ignores_them() {
    let warned = fixture(CAPITALISED);
    let dir = tree(
        "config-discovery",
        &[
            ("invlint.toml", "[severity]\nboolean-case = \"error\"\n"),
            ("a.xml", &warned),
            ("quiet/invlint.toml", "ignore = [\"boolean-case\"]\n"),
            ("quiet/b.xml", &warned),
        ],
    );
    let output = run_in(&dir, &["check", "."]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("a.xml:4:14: error: `True` should be written `true` [INV010]"),
        "{text}"
    );
    assert!(
        !text.contains("b.xml"),
        "the nearer invlint.toml ignores the rule: {text}"
    );
    let isolated = stdout(&run_in(&dir, &["check", "--isolated", "."]));
    assert!(
        isolated.contains("a.xml:4:14: warning:") && isolated.contains("b.xml:4:14: warning:"),
        "{isolated}"
    );
    let named = stdout(&run_in(
        &dir,
        &["check", "--config", "quiet/invlint.toml", "."],
    ));
    assert_eq!(named, "", "--config applies one file to everything");
}

#[test]
fn select_severity_and_fail_on_come_from_the_configuration() {
    let dir = tree(
        "config-rules",
        &[
            (
                "invlint.toml",
                "select = [\"INV010\", \"enum-value\"]\nfail-on = \"warning\"\n",
            ),
            ("a.xml", &fixture(CAPITALISED)),
        ],
    );
    let output = run_in(&dir, &["check", "."]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "a warning fails with fail-on = warning"
    );
    let passes = run_in(&dir, &["check", "--fail-on", "error", "."]);
    assert_eq!(passes.status.code(), Some(0), "the flag wins over the file");
}

#[test]
fn per_path_overrides_set_the_provider_and_bucket() {
    let obs = fixture("fixtures/obs/required-element/valid_minimal.xml");
    let dir = tree(
        "config-overrides",
        &[
            (
                "invlint.toml",
                "[[override]]\npaths = [\"huawei/**\"]\nprovider = \"obs\"\nbucket = \"photos\"\n",
            ),
            ("huawei/a.xml", &obs),
            ("huawei/b.xml", &obs),
        ],
    );
    let text = stdout(&run_in(&dir, &["check", "."]));
    assert!(text.contains("huawei/b.xml:3:7: error: the Id `report1` is used for bucket `photos` in another file too"), "{text}");
    let shown = stdout(&run_in(&dir, &["check", "--show-config", "huawei/a.xml"]));
    assert!(
        shown.contains(
            "provider = \"obs\"  # from `provider` of override 1 (paths [\"huawei/**\"])"
        ),
        "{shown}"
    );
    assert!(shown.contains("bucket = \"photos\""), "{shown}");
}

#[test]
fn a_bad_configuration_is_an_error_with_its_span_and_exit_2() {
    let dir = tree(
        "config-errors",
        &[
            (
                "invlint.toml",
                "provider = \"oss\"\n[severity]\nboolean-case = \"loud\"\n",
            ),
            ("a.xml", &fixture(VALID)),
        ],
    );
    let output = run_in(&dir, &["check", "."]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    let err = stderr(&output);
    assert!(
        err.contains("invlint.toml:3:16: error: `loud` is not a severity [INV033]"),
        "{err}"
    );
    std::fs::write(dir.join("invlint.toml"), "severty = 1\n").unwrap();
    let err = stderr(&run_in(&dir, &["check", "."]));
    assert!(
        err.contains("invlint.toml:1:1: error: invalid configuration: unknown field `severty`"),
        "{err}"
    );
}

#[test]
fn a_walk_reports_files_a_directory_at_a_time_and_stops_at_a_broken_configuration() {
    // The files of `a/` come before `a-1.xml` and `a.xml`, though the bytes of the whole
    // names would put `-` and `.` before `/`: the order is the paths', a component at a
    // time, as the walk finds them.
    let hourly = fixture(HOURLY);
    let dir = tree(
        "walk-order",
        &[
            ("a/b.xml", &hourly),
            ("a-1.xml", &hourly),
            ("a.xml", &hourly),
            ("b.xml", &hourly),
            ("z/invlint.toml", "severty = 1\n"),
            ("z/c.xml", &hourly),
        ],
    );
    let files = |output: &Output| {
        let mut files: Vec<String> = Vec::new();
        for line in stdout(output).lines() {
            let file = line.split(':').next().unwrap().to_string();
            if files.last() != Some(&file) {
                files.push(file);
            }
        }
        files
    };
    // The walk comes to `z/` last, after every other file was checked and reported: the
    // run stops there, says so, and exits 2.
    let walked = run_in(&dir, &["check", "--format", "concise", "."]);
    assert_eq!(walked.status.code(), Some(2));
    assert_eq!(files(&walked), ["a/b.xml", "a-1.xml", "a.xml", "b.xml"]);
    let err = stderr(&walked);
    assert!(
        err.contains("z/invlint.toml:1:1: error: invalid configuration"),
        "{err}"
    );
    assert!(err.contains("the run stopped at it"), "{err}");
    // Paths named together are listed, and their configurations read, before any check:
    // then nothing is reported.
    let listed = run_in(&dir, &["check", "--format", "concise", "a", "z"]);
    assert_eq!(listed.status.code(), Some(2));
    assert_eq!(stdout(&listed), "");
    assert!(
        stderr(&listed).contains("nothing was reported"),
        "{}",
        stderr(&listed)
    );
    // Without the broken configuration, named paths come in the walk's order too.
    std::fs::remove_file(dir.join("z/invlint.toml")).unwrap();
    let listed = run_in(
        &dir,
        &[
            "check", "--format", "concise", "b.xml", "a.xml", "a-1.xml", "a",
        ],
    );
    assert_eq!(listed.status.code(), Some(1));
    assert_eq!(files(&listed), ["a/b.xml", "a-1.xml", "a.xml", "b.xml"]);
    let walked = run_in(&dir, &["check", "--format", "concise", "."]);
    assert_eq!(
        files(&walked),
        ["a/b.xml", "a-1.xml", "a.xml", "b.xml", "z/c.xml"]
    );
}

#[test]
fn excludes_apply_to_named_files_only_with_force_exclude() {
    let dir = tree(
        "config-exclude",
        &[
            ("invlint.toml", "exclude = [\"drafts/**\"]\n"),
            ("drafts/a.xml", &fixture(HOURLY)),
        ],
    );
    assert_eq!(run_in(&dir, &["check", "."]).status.code(), Some(0));
    assert_eq!(
        run_in(&dir, &["check", "drafts/a.xml"]).status.code(),
        Some(1)
    );
    assert_eq!(
        run_in(&dir, &["check", "--force-exclude", "drafts/a.xml"])
            .status
            .code(),
        Some(0)
    );
    // A relative --config from another directory: globs stay relative to the
    // configuration's own directory.
    let parent = dir.parent().unwrap();
    let output = run_in(
        parent,
        &[
            "check",
            "--config",
            "config-exclude/invlint.toml",
            "config-exclude",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn json_findings_are_suppressed_by_pointer_and_unused_entries_are_reported() {
    let config = "[[ignore]]\npath = \"*.json\"\npointer = \"/InventoryConfiguration/Schedule\"\nrules = [\"enum-value\"]\nreason = \"hourly reports are allow-listed\"\n\n[[ignore]]\npath = \"*.json\"\npointer = \"/InventoryConfiguration/Filter\"\nrules = [\"INV008\"]\nreason = \"left over\"\n";
    let dir = tree(
        "config-suppress",
        &[
            ("invlint.toml", config),
            (
                "a.json",
                &fixture("fixtures/oss/enum-value/invalid_hourly.json"),
            ),
        ],
    );
    let output = run_in(&dir, &["check", "."]);
    let text = stdout(&output);
    assert!(!text.contains("Hourly"), "{text}");
    assert!(
        text.contains("invlint.toml:7:1: warning: this ignore entry silences nothing [INV032]"),
        "{text}"
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "a warning does not fail by default"
    );
    // A configuration the walk comes to after other files were checked: its entries
    // still silence its documents' findings, and its unused entry is still reported.
    let later = tree(
        "config-suppress-later",
        &[
            ("a.xml", &fixture(VALID)),
            ("sub/invlint.toml", config),
            (
                "sub/b.json",
                &fixture("fixtures/oss/enum-value/invalid_hourly.json"),
            ),
        ],
    );
    let output = run_in(&later, &["check", "--format", "concise", "."]);
    let text = stdout(&output);
    assert!(!text.contains("Hourly"), "{text}");
    assert!(
        text.contains("sub/invlint.toml:7:1: warning: this ignore entry silences nothing [INV032]"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(0), "{text}");
}

#[test]
fn xml_suppression_comments_silence_their_element() {
    let output = run(&[
        "check",
        "fixtures/oss/invalid-suppression/valid_element_suppression.xml",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn several_outputs_in_one_run() {
    let dir = scratch("outputs");
    let sarif = dir.join("out.sarif");
    let junit = dir.join("out.xml");
    let output = run(&[
        "check",
        "--output",
        "concise",
        "--output",
        &format!("sarif={}", sarif.display()),
        "--output",
        &format!("junit={}", junit.display()),
        HOURLY,
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("[INV005]"));
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sarif).unwrap()).unwrap();
    assert_eq!(log["runs"][0]["results"][0]["ruleId"], "INV005");
    assert!(std::fs::read_to_string(junit).unwrap().contains("<failure"));
    let bad = run(&["check", "--output", "yaml", HOURLY]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn statistics_quiet_completions_and_manpage() {
    let stats = run(&[
        "check",
        "--statistics",
        "--quiet",
        "fixtures/oss/enum-value",
    ]);
    let text = stdout(&stats);
    assert!(
        text.lines().next().unwrap().ends_with("INV005  enum-value"),
        "{text}"
    );
    assert_eq!(stderr(&stats), "", "--quiet prints no summary");
    let bash = stdout(&run(&["completions", "bash"]));
    assert!(bash.contains("_invlint()"), "{bash}");
    let man = stdout(&run(&["manpage"]));
    assert!(man.contains(".TH invlint"), "{man}");
}

#[test]
fn github_annotations_are_capped_and_summarised() {
    let output = run(&["check", "--format", "github", "fixtures/oss"]);
    let text = stdout(&output);
    assert_eq!(
        text.lines().filter(|l| l.starts_with("::error ")).count(),
        10,
        "{text}"
    );
    assert!(text.lines().filter(|l| l.starts_with("::warning ")).count() <= 10);
    assert!(
        text.contains("more errors") && text.contains("not annotated"),
        "{text}"
    );
    assert!(text.contains("::group::invlint: all findings"));
}

#[test]
fn output_is_the_same_whatever_the_number_of_threads() {
    let with = |threads: &str| {
        let output = invlint()
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "check", "--format", "json", "--bucket", "b", "fixtures", "examples",
            ])
            .output()
            .unwrap();
        stdout(&output)
    };
    let one = with("1");
    assert!(one.matches("\"code\"").count() > 50, "{one}");
    assert_eq!(one, with("2"));
    assert_eq!(one, with("7"));
}

#[test]
fn stdin_is_configured_like_the_file_it_names() {
    let dir = tree(
        "config-stdin",
        &[("sub/invlint.toml", "ignore = [\"boolean-case\"]\n")],
    );
    let text = std::fs::read(CAPITALISED).unwrap();
    let output = run_stdin_in(
        &dir,
        &["check", "--stdin-filename", "sub/a.xml", "-"],
        &text,
    );
    assert_eq!(stdout(&output), "", "sub/invlint.toml ignores boolean-case");
    let output = run_stdin_in(&dir, &["check", "--stdin-filename", "a.xml", "-"], &text);
    assert!(
        stdout(&output).contains("[INV010]"),
        "no configuration above a.xml"
    );
}

#[test]
fn overrides_match_relative_to_the_configuration_from_any_directory() {
    let obs = fixture("fixtures/obs/required-element/valid_minimal.xml");
    let dir = tree(
        "config-elsewhere",
        &[
            (
                "repo/invlint.toml",
                "[[override]]\npaths = [\"huawei/**\"]\nprovider = \"obs\"\n",
            ),
            ("repo/huawei/a.xml", &obs),
        ],
    );
    // From the parent directory, the file is `repo/huawei/a.xml`; the glob still matches.
    let output = run_in(&dir, &["check", "--format", "json", "repo"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let reason = json["files"][0]["provider"]["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("set by `provider` of override 1 (paths [\"huawei/**\"]) in "),
        "{reason}"
    );
    assert_eq!(json["files"][0]["provider"]["id"], "obs");
}

// The run is one engine call: every finding, across files included, passes one filter.

fn obs_overlapping_requests() -> Vec<(&'static str, String)> {
    let request = |id: &str, prefix: &str| {
        let body = fixture("fixtures/obs/required-element/valid_minimal.xml")
            .replace(
                "<Prefix>logs/</Prefix>",
                &format!("<Prefix>{prefix}</Prefix>"),
            )
            .replace("report1", id);
        format!(
            "PUT /?inventory&id={id} HTTP/1.1\nHost: photos.obs.cn-north-4.myhuaweicloud.com\n\n{body}"
        )
    };
    vec![
        ("a.http", request("all-logs", "logs/")),
        ("b.http", request("app-logs", "logs/app/")),
    ]
}

#[test]
fn settings_apply_to_the_checks_across_files() {
    let requests = [
        ("a.http", oss_request("photos", "daily")),
        ("b.http", oss_request("photos", "daily")),
    ];
    let configs = [
        "[severity]\nbucket-duplicate-id = \"off\"\n",
        "ignore = [\"INV028\"]\n",
        "select = [\"INV001\", \"INV002\"]\n",
        "[[ignore]]\npath = \"b.http\"\nrules = [\"INV028\"]\nreason = \"b replaces a on purpose\"\n",
    ];
    for config in configs {
        let mut files: Vec<(&str, String)> = requests.to_vec();
        files.push(("invlint.toml", config.to_string()));
        let dir = scratch_with("across-settings", &files);
        let output = run_in(&dir, &["check", "--fail-on", "info", "."]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{config}: {}",
            stdout(&output)
        );
    }
    let mut files: Vec<(&str, String)> = requests.to_vec();
    files.push((
        "invlint.toml",
        "[severity]\nbucket-duplicate-id = \"warning\"\n".to_string(),
    ));
    let dir = scratch_with("across-severity", &files);
    let text = stdout(&run_in(&dir, &["check", "."]));
    assert!(
        text.contains("b.http:5:10: warning: the Id `daily`"),
        "{text}"
    );
}

#[test]
fn a_suppression_comment_silences_a_check_across_files() {
    let dir = scratch_with("across-no-comment", &obs_overlapping_requests());
    let text = stdout(&run_in(&dir, &["check", "."]));
    assert!(
        text.contains("b.http:") && text.contains("[INV030]"),
        "{text}"
    );
    let mut files = obs_overlapping_requests();
    files[1].1 = files[1].1.replace(
        "<InventoryConfiguration",
        "<!-- invlint-ignore INV030 reason: the app logs are inventoried twice on purpose -->\n<InventoryConfiguration",
    );
    assert!(files[1].1.contains("invlint-ignore"));
    let dir = scratch_with("across-comment", &files);
    let output = run_in(&dir, &["check", "--fail-on", "info", "."]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "");
}

#[test]
fn an_ignore_entry_for_a_file_outside_the_run_is_not_unused() {
    let config =
        "[[ignore]]\npath = \"other.json\"\nrules = [\"enum-value\"]\nreason = \"allow-listed\"\n";
    let dir = tree(
        "pre-commit-case",
        &[
            ("invlint.toml", config),
            ("changed.xml", &fixture(VALID)),
            (
                "other.json",
                &fixture("fixtures/oss/enum-value/invalid_hourly.json"),
            ),
        ],
    );
    // pre-commit passes only the changed file.
    let output = run_in(&dir, &["check", "--fail-on", "warning", "changed.xml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "");
    // A run that checks the other file, and finds nothing for the entry to silence, does
    // report it.
    std::fs::write(
        dir.join("other.json"),
        fixture("fixtures/oss/required-element/valid_minimal.json"),
    )
    .unwrap();
    let output = run_in(&dir, &["check", "."]);
    assert!(
        stdout(&output).contains("invlint.toml:1:1: warning: this ignore entry silences nothing"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_file_named_twice_is_checked_once() {
    let dir = scratch_with("named-twice", &[("a.http", oss_request("photos", "daily"))]);
    let output = run_in(&dir, &["check", ".", "a.http", "./a.http"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stderr(&output).contains("1 file checked, no findings"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn fail_on_from_the_configuration_applies_to_its_own_findings() {
    let config = "fail-on = \"warning\"\n\n[[ignore]]\npath = \"*.json\"\nrules = [\"enum-value\"]\nreason = \"left over\"\n";
    let dir = tree(
        "config-fail-on",
        &[
            ("invlint.toml", config),
            (
                "a.json",
                &fixture("fixtures/oss/required-element/valid_minimal.json"),
            ),
        ],
    );
    let output = run_in(&dir, &["check", "."]);
    assert!(
        stdout(&output).contains("invlint.toml:3:1: warning: this ignore entry silences nothing"),
        "{}",
        stdout(&output)
    );
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
}

// Golden outputs: what a user sees, read and committed.

#[test]
fn the_shipped_examples_give_exactly_their_findings() {
    // README promises seven documents with typical mistakes, and every other example clean.
    let output = run(&["check", "--format", "concise", "examples"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let files: std::collections::BTreeSet<&str> =
        text.lines().filter_map(|l| l.split(':').next()).collect();
    assert_eq!(files.len(), 7, "{text}");
    insta::assert_snapshot!(text);
}

/// One report of several files, with a check across files (and its place in another
/// file), a used and an unused suppression, and a syntax error, in every format.
#[test]
fn every_format_renders_one_multi_file_report() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/report");
    let root = dir.display().to_string();
    for format in [
        "concise", "full", "json", "sarif", "github", "gitlab", "junit",
    ] {
        // The reports' paths are relative to the repository's root: here, the folder.
        let output = invlint()
            .current_dir(&dir)
            .env("COLUMNS", "100")
            .env_remove("GITHUB_WORKSPACE")
            .env("CI_PROJECT_DIR", &dir)
            .args([
                "check",
                "--isolated",
                "--color",
                "never",
                "--format",
                format,
                ".",
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}");
        // SARIF names the directory it ran in; every machine's is different.
        let text = stdout(&output).replace(&root, "[ROOT]");
        insta::assert_snapshot!(format!("report_{format}"), text);
    }
}

#[test]
fn files_that_are_not_inventory_documents_are_skipped_not_failed() {
    let dir = tree(
        "not-inventory",
        &[
            (
                "package.json",
                r#"{"name": "x", "version": "1.0.0", "scripts": {"test": "jest"}}"#,
            ),
            ("tsconfig.json", r#"{"compilerOptions": {"strict": true}}"#),
            (".vscode/settings.json", r#"{"editor.tabSize": 2}"#),
            (
                "pom.xml",
                "<project><modelVersion>4.0.0</modelVersion></project>",
            ),
            ("configs/a.xml", &fixture(VALID)),
        ],
    );
    // pre-commit names each file; a walk finds them (but the hidden .vscode).
    for args in [
        &[
            "check",
            "--isolated",
            "package.json",
            "tsconfig.json",
            ".vscode/settings.json",
            "pom.xml",
            "configs/a.xml",
        ][..],
        &["check", "--isolated", "."][..],
    ] {
        let output = run_in(&dir, args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stdout(&output)
        );
        assert_eq!(stdout(&output), "");
        assert!(
            stderr(&output).contains("1 file checked, no findings;")
                && stderr(&output).contains("files skipped: not inventory documents"),
            "{}",
            stderr(&output)
        );
    }
    // The JSON listing of the two fixtures that are not inventory documents.
    let listed = run(&[
        "check",
        "--isolated",
        "--format",
        "json",
        "fixtures/detect/valid_not_inventory_package.json",
        "fixtures/detect/valid_not_inventory_pom.xml",
    ]);
    insta::assert_snapshot!("not_inventory_json", stdout(&listed));
    let json: serde_json::Value = serde_json::from_str(&stdout(&run_in(
        &dir,
        &["check", "--isolated", "--format", "json", "pom.xml"],
    )))
    .unwrap();
    assert_eq!(
        json["files"][0]["skipped"],
        "its root `project` is not an inventory document's"
    );
    assert_eq!(json["summary"]["skipped"], 1);
    // A near miss is still a document, and an error.
    std::fs::write(
        dir.join("near.xml"),
        "<InventoryConfiguraton><Id>a</Id></InventoryConfiguraton>",
    )
    .unwrap();
    std::fs::write(
        dir.join("mostly.json"),
        r#"{"Id": "a", "IsEnabled": true, "name": "x"}"#,
    )
    .unwrap();
    let output = run_in(&dir, &["check", "--isolated", "near.xml", "mostly.json"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains(
            "near.xml:1:2: error: `InventoryConfiguraton` is not a root element of this provider's documents [INV003]"
        ),
        "{text}"
    );
    assert!(
        text.contains("mostly.json:1:33: error: unknown element `name`"),
        "{text}"
    );
}

#[test]
fn a_baseline_hides_todays_findings_and_reports_only_new_ones() {
    let dir = tree(
        "baseline",
        &[
            ("a.xml", &fixture(HOURLY)),
            (
                "b.json",
                &fixture("fixtures/oss/enum-value/invalid_hourly.json"),
            ),
        ],
    );
    let output = run_in(
        &dir,
        &[
            "check",
            "--isolated",
            "--write-baseline",
            "baseline.json",
            ".",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("wrote 2 findings to the baseline baseline.json"),
        "{}",
        stderr(&output)
    );
    let written = std::fs::read_to_string(dir.join("baseline.json")).unwrap();
    assert!(
        written.contains("\"fingerprint\"") && written.contains("INV005"),
        "{written}"
    );

    // Lines added above the findings move them; they are still the baselined ones.
    let moved = fixture(HOURLY).replacen(
        "<InventoryConfiguration>",
        "<!-- moved -->\n\n\n<InventoryConfiguration>",
        1,
    );
    std::fs::write(dir.join("a.xml"), moved).unwrap();
    let output = run_in(
        &dir,
        &["check", "--isolated", "--baseline", "baseline.json", "."],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "");
    assert!(
        stderr(&output).contains("2 findings left out by the baseline, 0 fixed"),
        "{}",
        stderr(&output)
    );

    // Fingerprints name files relative to the repository, so a run from a subdirectory
    // (the files shown as `../a.xml`) matches the same baseline.
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let output = run_in(
        &dir.join("sub"),
        &[
            "check",
            "--isolated",
            "--baseline",
            "../baseline.json",
            "..",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stderr(&output).contains("2 findings left out by the baseline, 0 fixed"),
        "{}",
        stderr(&output)
    );

    // A new mistake is reported, alone; a mended one counts as fixed.
    let worse = std::fs::read_to_string(dir.join("a.xml")).unwrap().replace(
        "<IncludedObjectVersions>Current",
        "<IncludedObjectVersions>Everything",
    );
    std::fs::write(dir.join("a.xml"), worse).unwrap();
    std::fs::write(
        dir.join("b.json"),
        fixture("fixtures/oss/required-element/valid_minimal.json"),
    )
    .unwrap();
    let output = run_in(
        &dir,
        &["check", "--isolated", "--baseline", "baseline.json", "."],
    );
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.contains("`Everything` is not a valid IncludedObjectVersions"),
        "{text}"
    );
    assert!(
        stderr(&output).contains("1 finding left out by the baseline, 1 fixed"),
        "{}",
        stderr(&output)
    );

    std::fs::write(dir.join("broken.json"), "{").unwrap();
    let output = run_in(
        &dir,
        &["check", "--isolated", "--baseline", "broken.json", "a.xml"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is not a baseline file"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn exit_zero_reports_findings_and_exits_0() {
    let output = run(&["check", "--exit-zero", HOURLY]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("[INV005]"), "{}", stdout(&output));
    let output = run(&["check", "--exit-zero", "no-such-file.xml"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "a usage error is still exit 2"
    );
}

#[test]
fn stdout_takes_one_output_and_stdin_filename_alone_reads_stdin() {
    let output = run(&["check", "--output", "json=-", HOURLY]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["files"][0]["diagnostics"][0]["code"], "INV005");
    for args in [
        &["check", "--output", "json", "--output", "sarif=-", HOURLY][..],
        &["check", "--format", "concise", "--output", "json", HOURLY][..],
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains("standard output"),
            "{}",
            stderr(&output)
        );
    }
    // An editor pipes its buffer and names the file; no `-` is needed.
    let output = run_stdin(
        &["check", "--stdin-filename", "configs/a.xml"],
        fixture(HOURLY).as_bytes(),
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("configs/a.xml:15:16:"),
        "{}",
        stdout(&output)
    );
    assert!(
        stderr(&output).contains("1 file checked"),
        "{}",
        stderr(&output)
    );
}

/// A document with a fix of every kind: five safe ones (white space before the
/// declaration, `True`, `csv`, a doubled prefix, a Field given twice) and one guess (the
/// misspelt `Frequncy`, whose value `daily` is then certain to be `Daily`).
const FIXABLE: &str = r#"  <?xml version="1.0" encoding="UTF-8"?>
<InventoryConfiguration>
  <Id>report1</Id>
  <IsEnabled>True</IsEnabled>
  <Destination>
    <OSSBucketDestination>
      <Format>csv</Format>
      <AccountId>1000000000000000</AccountId>
      <RoleArn>acs:ram::1000000000000000:role/AliyunOSSRole</RoleArn>
      <Bucket>acs:oss:::acs:oss:::destination-bucket</Bucket>
    </OSSBucketDestination>
  </Destination>
  <Schedule><Frequncy>daily</Frequncy></Schedule>
  <IncludedObjectVersions>Current</IncludedObjectVersions>
  <OptionalFields>
    <Field>Size</Field>
    <Field>Size</Field>
  </OptionalFields>
</InventoryConfiguration>
"#;

#[test]
fn fix_makes_the_safe_fixes_in_place_and_a_second_run_changes_nothing() {
    let dir = tree("fix", &[("a.xml", FIXABLE)]);
    let file = dir.join("a.xml");
    let output = run_in(
        &dir,
        &[
            "check",
            "--isolated",
            "--fix",
            "--format",
            "concise",
            "a.xml",
        ],
    );
    // The misspelt element is a guess: it stays, and so do its two findings.
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("; 5 fixes made in 1 file"),
        "{}",
        stderr(&output)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let expected = FIXABLE
        .replacen("  <?xml", "<?xml", 1)
        .replace(">True<", ">true<")
        .replace(">csv<", ">CSV<")
        .replace("acs:oss:::acs:oss:::", "acs:oss:::")
        .replacen("    <Field>Size</Field>\n", "", 1);
    assert_eq!(text, expected);
    // What is reported is about the fixed file, at its positions.
    assert_eq!(
        stdout(&output),
        "a.xml:13:3: error: missing required element `Frequency` in `Schedule` [INV002]\n\
         a.xml:13:14: error: unknown element `Frequncy` in `Schedule` [INV003]\n"
    );
    let again = run_in(&dir, &["check", "--isolated", "--fix", "a.xml"]);
    assert!(!stderr(&again).contains("fix"), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);

    // The guess, and the fix it makes certain in the next round.
    let unsafe_run = run_in(
        &dir,
        &["check", "--isolated", "--fix", "--unsafe-fixes", "a.xml"],
    );
    assert_eq!(unsafe_run.status.code(), Some(0), "{}", stdout(&unsafe_run));
    assert!(
        stderr(&unsafe_run).contains("2 fixes made"),
        "{}",
        stderr(&unsafe_run)
    );
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("<Schedule><Frequency>Daily</Frequency></Schedule>")
    );
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let dir = tree("fix-diff", &[("a.xml", FIXABLE)]);
    let output = run_in(&dir, &["check", "--isolated", "--diff", "a.xml"]);
    assert_eq!(output.status.code(), Some(1));
    let diff = stdout(&output);
    assert!(diff.starts_with("--- a/a.xml\n+++ b/a.xml\n@@ "), "{diff}");
    assert!(
        diff.contains("\n-  <IsEnabled>True</IsEnabled>\n+  <IsEnabled>true</IsEnabled>\n"),
        "{diff}"
    );
    assert!(
        !diff.contains("Frequency"),
        "a guess is not in a safe diff: {diff}"
    );
    assert!(stderr(&output).contains("5 fixes would be made in 1 file"));
    assert_eq!(std::fs::read_to_string(dir.join("a.xml")).unwrap(), FIXABLE);
    let clean = run(&["check", "--diff", VALID]);
    assert_eq!(
        (clean.status.code(), stdout(&clean)),
        (Some(0), String::new())
    );
    let alone = run(&["check", "--unsafe-fixes", VALID]);
    assert_eq!(alone.status.code(), Some(2));
}

#[test]
fn fix_on_stdin_prints_the_fixed_text_and_the_findings_on_stderr() {
    let output = run_stdin(
        &["check", "--isolated", "--fix", "--format", "concise", "-"],
        FIXABLE.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.starts_with("<?xml") && text.contains(">CSV<"),
        "{text}"
    );
    assert!(stderr(&output).contains("<stdin>:13:14: error: unknown element `Frequncy`"));
    // A clean text comes back as it was.
    let clean = fixture(VALID);
    let output = run_stdin(&["check", "--fix", "-"], clean.as_bytes());
    assert_eq!((output.status.code(), stdout(&output)), (Some(0), clean));
}

/// `--diff`, `--fix` and `--unsafe-fixes` over a directory: every fixable file in it, at
/// any depth, and nothing else; each fixed file keeps its line endings, its byte order
/// mark, its permissions and its indentation.
#[test]
fn fixes_over_a_directory_keep_line_endings_bom_and_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let crlf = FIXABLE.replace('\n', "\r\n");
    let json = fixture("fixtures/oss/unknown-element/valid_every_element.json");
    let bom_json = format!("\u{feff}{}", json.replacen("\"CSV\"", "\"csv\"", 1));
    let guess_only = fixture(VALID).replacen("<Schedule>", "<Schedul>", 1);
    let guess_only = guess_only.replacen("</Schedule>", "</Schedul>", 1);
    let clean = fixture(VALID);
    let dir = tree(
        "fix-directory",
        &[
            ("repo/deep/er/crlf.xml", &crlf),
            ("repo/bom.json", &bom_json),
            ("repo/guess.xml", &guess_only),
            ("repo/clean.xml", &clean),
        ],
    );
    std::fs::create_dir_all(dir.join("repo/.git")).unwrap();
    let crlf_path = dir.join("repo/deep/er/crlf.xml");
    std::fs::set_permissions(&crlf_path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let read = |name: &str| std::fs::read_to_string(dir.join("repo").join(name)).unwrap();

    // The diff names both files with safe fixes and writes nothing.
    let diff = run_in(&dir, &["check", "--isolated", "--diff", "repo"]);
    let shown = stdout(&diff);
    assert!(
        shown.contains("--- a/repo/bom.json\n+++ b/repo/bom.json\n"),
        "{shown}"
    );
    assert!(shown.contains("--- a/repo/deep/er/crlf.xml\n"), "{shown}");
    assert!(
        !shown.contains("guess.xml") && !shown.contains("clean.xml"),
        "{shown}"
    );
    assert!(
        stderr(&diff).contains("6 fixes would be made in 2 files"),
        "{}",
        stderr(&diff)
    );
    assert_eq!(read("deep/er/crlf.xml"), crlf);

    let fixed = run_in(&dir, &["check", "--isolated", "--fix", "repo"]);
    assert!(
        stderr(&fixed).contains("6 fixes made in 2 files"),
        "{}",
        stderr(&fixed)
    );
    let expected = FIXABLE
        .replacen("  <?xml", "<?xml", 1)
        .replace(">True<", ">true<")
        .replace(">csv<", ">CSV<")
        .replace("acs:oss:::acs:oss:::", "acs:oss:::")
        .replacen("    <Field>Size</Field>\n", "", 1)
        .replace('\n', "\r\n");
    assert_eq!(read("deep/er/crlf.xml"), expected);
    let mode = std::fs::metadata(&crlf_path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    assert_eq!(read("bom.json"), format!("\u{feff}{json}"));
    assert_eq!(
        read("guess.xml"),
        guess_only,
        "a guess waits for --unsafe-fixes"
    );
    assert_eq!(read("clean.xml"), clean);

    let guessed = run_in(
        &dir,
        &["check", "--isolated", "--fix", "--unsafe-fixes", "repo"],
    );
    // The guesses: the misspelt elements of both XML files, and the value then certain.
    assert_eq!(guessed.status.code(), Some(0), "{}", stdout(&guessed));
    assert_eq!(read("guess.xml"), clean);
    assert!(
        read("deep/er/crlf.xml").contains("<Schedule><Frequency>Daily</Frequency></Schedule>\r\n")
    );
    // Nothing is left behind beside the files written.
    let mut names = file_names(&dir.join("repo"));
    names.sort();
    assert_eq!(names, ["bom.json", "clean.xml", "crlf.xml", "guess.xml"]);
}

/// The names of the files under a directory, at any depth (`.git` passed over).
fn file_names(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().unwrap().is_dir() {
            if name != ".git" {
                names.extend(file_names(&entry.path()));
            }
        } else {
            names.push(name);
        }
    }
    names
}

#[test]
fn a_suppressed_finding_is_not_fixed() {
    let suppressed = FIXABLE.replace(
        "  <IsEnabled>True</IsEnabled>",
        "  <!-- invlint-ignore boolean-case reason: kept as the SDK wrote it -->\n  <IsEnabled>True</IsEnabled>",
    );
    let dir = tree("fix-suppressed", &[("a.xml", &suppressed)]);
    run_in(&dir, &["check", "--isolated", "--fix", "a.xml"]);
    let text = std::fs::read_to_string(dir.join("a.xml")).unwrap();
    assert!(text.contains(">True<") && text.contains(">CSV<"), "{text}");
}

#[test]
fn a_file_with_too_many_findings_shows_a_thousand_and_counts_the_rest() {
    // 1,500 unknown elements: errors all, so the one that counts the rest is an error too.
    let valid = fixture(VALID);
    let text = valid.replacen(
        "</InventoryConfiguration>",
        &format!("{}</InventoryConfiguration>", "<x/>".repeat(1500)),
        1,
    );
    let dir = tree("finding-limit", &[("a.xml", &text)]);
    let output = run_in(
        &dir,
        &["check", "--isolated", "--format", "concise", "a.xml"],
    );
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert_eq!(out.lines().count(), 1001, "{}", &out[out.len() - 400..]);
    assert_eq!(out.matches("[INV003]").count(), 1000);
    let last = out.lines().last().unwrap();
    assert!(
        last.contains(": error: 500 more findings in this file are not shown: invlint shows at most 1000 per file [INV036]"),
        "{last}"
    );
}

#[test]
fn a_document_over_the_size_limit_is_a_finding_and_the_limit_can_be_raised() {
    let valid = fixture(VALID);
    // White space before the end tag makes the file 5 MiB and keeps it a document.
    let big = valid.replacen(
        "</InventoryConfiguration>",
        &format!("{}</InventoryConfiguration>", " ".repeat(5 * 1024 * 1024)),
        1,
    );
    let dir = tree("size-limit", &[("big.xml", &big), ("small.xml", &valid)]);
    let output = run_in(&dir, &["check", "--isolated", "--format", "concise", "."]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("big.xml:1:1: error: ")
            && stdout(&output)
                .contains("larger than 4 MiB, the most invlint reads (--max-file-size raises it)"),
        "{}",
        stdout(&output)
    );
    assert!(stderr(&output).contains("2 files checked"));
    let raised = run_in(
        &dir,
        &["check", "--isolated", "--max-file-size", "8MiB", "."],
    );
    assert_eq!(raised.status.code(), Some(0), "{}", stdout(&raised));
    let bad = run_in(&dir, &["check", "--max-file-size", "lots", "."]);
    assert_eq!(bad.status.code(), Some(2));
    // Positions are 32-bit offsets: a limit past 4 GiB is refused, not wrapped.
    let huge = run_in(&dir, &["check", "--max-file-size", "4GiB", "."]);
    assert_eq!(huge.status.code(), Some(2));
    assert!(
        stderr(&huge).contains("documents are at most 4 GiB"),
        "{}",
        stderr(&huge)
    );
    let most = run_in(
        &dir,
        &["check", "--isolated", "--max-file-size", "4095MiB", "."],
    );
    assert_eq!(most.status.code(), Some(0), "{}", stderr(&most));
}

#[test]
fn findings_written_as_the_run_goes_are_those_written_at_its_end() {
    // Standard output in a text format is written as reports become final; an output
    // file is written at the end. Over every fixture (hundreds of files, some with a
    // Host, so both held and streamed reports) the two must be the same bytes.
    let dir = scratch("streamed-output");
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let empty = scratch("streamed-output-empty");
    let empty = empty.to_str().unwrap();
    for format in ["concise", "full", "json", "github"] {
        let file = dir.join(format!("{format}.txt"));
        let target = format!("{format}={}", file.display());
        let streamed = run(&["check", "--color", "never", "--format", format, fixtures]);
        let written = run(&["check", "--color", "never", "--output", &target, fixtures]);
        assert_eq!(streamed.status.code(), written.status.code());
        assert_eq!(stderr(&streamed), stderr(&written));
        let at_end = std::fs::read_to_string(&file).unwrap();
        assert!(at_end.lines().count() > 300, "{format}: {at_end}");
        assert_eq!(stdout(&streamed), at_end, "{format}");
        // A run that reports no file at all.
        let streamed = run(&["check", "--format", format, empty]);
        run(&["check", "--output", &target, empty]);
        assert_eq!(stdout(&streamed), std::fs::read_to_string(&file).unwrap());
    }
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["check", "--format", "json", fixtures]))).unwrap();
    assert!(json["files"].as_array().unwrap().len() > 300);
    assert_eq!(
        json["summary"]["files"],
        json["files"].as_array().unwrap().len()
    );
}
