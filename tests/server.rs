//! `invlint server` driven end to end by a client over its stdin and stdout: the
//! protocol's framing and messages, as an editor sends them.

#[path = "support/lsp_client.rs"]
mod lsp_client;

use std::path::{Path, PathBuf};

use lsp_client::Client;
use serde_json::{Value, json};

/// The labels of a completion answer.
fn labels_of(items: &Value) -> Vec<&str> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect()
}

/// A fresh workspace: a repository of its own, so that the project's `.gitignore` (which
/// ignores `target/`) does not hide its files from the workspace walk.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    dir.canonicalize().unwrap()
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display()).replace(' ', "%20")
}

/// An OSS document with a warning after a wide character on its line (so that UTF-16 and
/// character counts differ), a case mistake, and an Id that `other.xml` also uses.
const DOCUMENT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<InventoryConfiguration>
  <Id>report1</Id>
  <!-- 😀 --><IsEnabled>True</IsEnabled>
  <Destination>
    <OSSBucketDestination>
      <Format>csv</Format>
      <AccountId>1000000000000000</AccountId>
      <RoleArn>acs:ram::1000000000000000:role/AliyunOSSRole</RoleArn>
      <Bucket>acs:oss:::destination-bucket</Bucket>
    </OSSBucketDestination>
  </Destination>
  <Schedule>
    <Frequency>Weekly</Frequency>
  </Schedule>
  <IncludedObjectVersions>Current</IncludedObjectVersions>
</InventoryConfiguration>
"#;

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn find<'a>(diagnostics: &'a [Value], code: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diagnostics:?}"))
}

/// Applies a quick fix's edits (one document, edits that do not overlap) to the text.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |position: &Value| {
        let (line, character) = (
            position["line"].as_u64().unwrap() as usize,
            position["character"].as_u64().unwrap() as usize,
        );
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (index, c) in text[start..].char_indices() {
            if units >= character {
                return start + index;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut ranges: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    ranges.sort();
    let mut out = text.to_string();
    for (start, end, new) in ranges.into_iter().rev() {
        out.replace_range(start..end, new);
    }
    out
}

#[test]
fn an_editor_session_from_initialize_to_exit() {
    let dir = scratch("server-session");
    std::fs::write(dir.join("invlint.toml"), "bucket = \"photos\"\n").unwrap();
    std::fs::write(
        dir.join("other.xml"),
        DOCUMENT.replace("True", "true").replace("csv", "CSV"),
    )
    .unwrap();
    // The check across files reports the later file of the two (by name), so the open
    // one is `z.xml`.
    let file = dir.join("z.xml");
    std::fs::write(&file, DOCUMENT).unwrap();
    let (a, other) = (uri(&file), uri(&dir.join("other.xml")));

    let mut client = Client::start(&dir);
    let init = client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": uri(&dir),
            "workspaceFolders": [{"uri": uri(&dir), "name": "w"}],
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}},
            },
        }),
    );
    let capabilities = &init["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["hoverProvider"], true);
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": a, "languageId": "xml", "version": 1, "text": DOCUMENT}}),
    );

    // Diagnostics at the right ranges, in UTF-16 code units, with links to the docs.
    let diagnostics = client.diagnostics(&a, 1);
    assert_eq!(
        codes(&diagnostics),
        ["INV028", "INV010", "INV005"],
        "{diagnostics:?}"
    );
    let boolean = find(&diagnostics, "INV010");
    // `  <!-- 😀 --><IsEnabled>`: the emoji is two UTF-16 code units.
    assert_eq!(
        boolean["range"],
        json!({"start": {"line": 3, "character": 24}, "end": {"line": 3, "character": 28}})
    );
    assert_eq!(boolean["severity"], 2);
    assert!(
        boolean["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("docs/rules.md#inv010-boolean-case")
    );
    // The check across files names the other file, which is not open.
    let duplicate = find(&diagnostics, "INV028");
    assert_eq!(duplicate["relatedInformation"][0]["location"]["uri"], other);
    assert_eq!(
        duplicate["relatedInformation"][0]["location"]["range"]["start"]["line"],
        2
    );

    // A quick fix, applied as the editor would: the diagnostic goes.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": a}, "range": boolean["range"], "context": {"diagnostics": [boolean]}}),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"INV010: write `true`"), "{titles:?}");
    assert!(
        titles.contains(&"Suppress INV010 for this element"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"invlint: fix all safe fixes in this file"),
        "{titles:?}"
    );
    // The suppression, applied: a comment with a reason to fill in, above the element,
    // that silences the finding.
    let suppress = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Suppress INV010 for this element")
        .unwrap();
    let suppressed = apply(
        DOCUMENT,
        suppress["edit"]["changes"][&a].as_array().unwrap(),
    );
    assert!(
        suppressed.contains(
            "\n  <!-- invlint-ignore INV010 reason: TODO say why -->\n  <!-- 😀 --><IsEnabled>"
        ),
        "{suppressed}"
    );
    let report = invlint::check_bytes("z.xml", suppressed.into_bytes(), &Default::default());
    assert!(!report.diagnostics.iter().any(|d| d.rule.code == "INV010"));
    let quick = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "INV010: write `true`")
        .unwrap();
    let edits = quick["edit"]["changes"][&a].as_array().unwrap();
    let fixed = apply(DOCUMENT, edits);
    assert!(fixed.contains("<IsEnabled>true</IsEnabled>"), "{fixed}");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": a, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let diagnostics = client.diagnostics(&a, 2);
    assert_eq!(codes(&diagnostics), ["INV028", "INV005"]);

    // Fix all makes every safe fix at once.
    let all = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": a}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    let everything = apply(&fixed, all[0]["edit"]["changes"][&a].as_array().unwrap());
    assert!(everything.contains("<Format>CSV</Format>"), "{everything}");

    // Hover: the table's facts on an element name, the rule on a finding.
    let format_line = fixed.lines().position(|l| l.contains("<Format>")).unwrap();
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": a}, "position": {"line": format_line, "character": 8}}),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        shown.contains("**`Format`**") && shown.contains("`CSV`") && shown.contains("Source:"),
        "{shown}"
    );
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": a}, "position": {"line": format_line, "character": 15}}),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.starts_with("**INV005 enum-value**"), "{shown}");

    // Completion of element names where one is being typed, and of values.
    let typing = fixed.replace("    <Frequency>Weekly</Frequency>\n", "    <Fre\n");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": a, "version": 3}, "contentChanges": [{"text": typing}]}),
    );
    let line = typing.lines().position(|l| l == "    <Fre").unwrap();
    let items = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": a}, "position": {"line": line, "character": 8}}),
    );
    let labels = labels_of(&items);
    assert!(labels.contains(&"Frequency"), "{labels:?}");
    // Right after `<IncludedObjectVersions>`, while the text does not parse.
    let versions = typing
        .lines()
        .position(|l| l.contains("<IncludedObjectVersions>"))
        .unwrap();
    let items = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": a}, "position": {"line": versions, "character": 26}}),
    );
    let labels = labels_of(&items);
    assert_eq!(labels, ["All", "Current"]);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": a, "version": 4}, "contentChanges": [{"text": fixed}]}),
    );
    let before = client.diagnostics(&a, 4);
    assert_eq!(find(&before, "INV005")["severity"], 1);

    // invlint.toml changes: the open document is checked again with what it says.
    std::fs::write(
        dir.join("invlint.toml"),
        "bucket = \"photos\"\n[severity]\nINV005 = \"warning\"\n",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&dir.join("invlint.toml")), "type": 2}]}),
    );
    let after = client.diagnostics(&a, 4);
    assert_eq!(find(&after, "INV005")["severity"], 2, "{after:?}");
    assert!(
        client
            .pending
            .iter()
            .any(|m| m["method"] == "client/registerCapability"),
        "the server asks to watch invlint.toml"
    );

    client.shut_down();
}

#[test]
fn utf8_is_used_when_the_client_offers_it() {
    let dir = scratch("server-utf8");
    let file = dir.join("a.xml");
    std::fs::write(&file, DOCUMENT).unwrap();
    let a = uri(&file);
    let mut client = Client::start(&dir);
    let init = client.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(&dir),
               "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}}),
    );
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": a, "languageId": "xml", "version": 1, "text": DOCUMENT}}),
    );
    let diagnostics = client.diagnostics(&a, 1);
    // In bytes, the emoji is four.
    assert_eq!(
        find(&diagnostics, "INV010")["range"]["start"]["character"],
        26
    );
    client.shut_down();
}

#[test]
fn a_client_that_pulls_gets_the_findings_when_it_asks() {
    let dir = scratch("server-pull");
    let file = dir.join("a.xml");
    std::fs::write(&file, DOCUMENT).unwrap();
    let a = uri(&file);
    let mut client = Client::start(&dir);
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(&dir),
               "capabilities": {"textDocument": {"diagnostic": {"dynamicRegistration": false}}}}),
    );
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": a, "languageId": "xml", "version": 1, "text": DOCUMENT}}),
    );
    let report = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": a}}),
    );
    assert_eq!(report["kind"], "full");
    assert_eq!(
        codes(report["items"].as_array().unwrap()),
        ["INV010", "INV005"]
    );
    assert!(
        !client
            .pending
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "a pulling client is not also sent them"
    );
    client.shut_down();
}

/// The checks across files follow every file they read: a change to another open buffer,
/// and a change on disk to a file that is not open, each take the finding away or bring
/// it back in the document that shows it.
#[test]
fn findings_across_files_follow_a_change_to_either_file() {
    let dir = scratch("server-across");
    std::fs::write(dir.join("invlint.toml"), "bucket = \"photos\"\n").unwrap();
    let same_id = DOCUMENT.replace("True", "true").replace("csv", "CSV");
    let other_id = same_id.replace("<Id>report1</Id>", "<Id>report2</Id>");
    std::fs::write(dir.join("b.xml"), &same_id).unwrap();
    std::fs::write(dir.join("m.xml"), &other_id).unwrap();
    std::fs::write(dir.join("z.xml"), &same_id).unwrap();
    let (b, m, z) = (
        uri(&dir.join("b.xml")),
        uri(&dir.join("m.xml")),
        uri(&dir.join("z.xml")),
    );
    let mut client = Client::start(&dir);
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(&dir),
               "workspaceFolders": [{"uri": uri(&dir), "name": "w"}],
               "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}),
    );
    client.notify("initialized", json!({}));
    for (uri, text) in [(&z, &same_id), (&m, &other_id)] {
        client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "xml", "version": 1, "text": text}}),
        );
    }
    // z.xml shares its Id with b.xml, which is on disk only.
    assert_eq!(codes(&client.diagnostics(&z, 1)), ["INV028"]);
    assert!(client.diagnostics(&m, 1).is_empty());

    // The open m.xml takes the same Id in its buffer: it shows the finding too.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": m, "version": 2}, "contentChanges": [{"text": same_id}]}),
    );
    let on_m = client.diagnostics(&m, 2);
    assert_eq!(codes(&on_m), ["INV028"], "{on_m:?}");

    // b.xml changes on disk to an Id of its own, and m.xml's buffer back to its own: the
    // finding goes from z.xml, whose text never changed.
    std::fs::write(
        dir.join("b.xml"),
        same_id.replace("<Id>report1</Id>", "<Id>report3</Id>"),
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": b, "type": 2}]}),
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": m, "version": 3}, "contentChanges": [{"text": other_id}]}),
    );
    assert!(client.diagnostics(&m, 3).is_empty());
    // z.xml keeps its version 1 in every publication; those read so far came from earlier
    // checks, and the check that published m.xml's version 3 publishes z.xml next.
    client
        .pending
        .retain(|message| message["params"]["uri"] != z.as_str());
    let on_z = client.diagnostics(&z, 1);
    assert!(on_z.is_empty(), "{on_z:?}");
    client.shut_down();
}
