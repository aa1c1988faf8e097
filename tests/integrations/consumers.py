"""Checks invlint's CI formats with the tools their consumers use.

One run over examples/ writes every format. Then:
- SARIF is validated against the SARIF 2.1.0 JSON schema (the schema file shipped in the
  npm package @microsoft/jest-sarif) with jsonschema, and by sarif-multitool (npm
  @microsoft/sarif-multitool) with its SARIF and GitHub ingestion rules, which must report
  no error and no warning;
- the GitLab Code Quality report against GitLab's own entry schema and our stricter one
  (tests/integrations/schemas/);
- the JUnit XML against the Jenkins xUnit schema (junit-10.xsd from pytest's sdist), with
  xmlschema, and parsed with junitparser;
and facts that GitHub and GitLab rely on are checked (unique rule ids, relative URIs,
1-based lines, fingerprints that survive moved lines, unique test names).

Then the same formats from a throwaway git repository whose own path and whose folders
hold a space, `#` and `%`, run from its root, from a subdirectory, with an absolute
argument, with a `..` argument and from outside it with GITHUB_WORKSPACE or
CI_PROJECT_DIR: every format must name the file relative to the repository's root.

Last, the GitHub Actions and GitLab CI examples of docs/ci/ (which README.md shows word
for word) run as their CI would run them: the wheel installed by their own `pip install`
line (from the wheelhouse instead of PyPI), then their invlint commands in a throwaway
repository, with the variables the runner sets; their reports go through the same
validators.

Usage: python3 tests/integrations/consumers.py SARIF_SCHEMA INVLINT MULTITOOL JUNIT_XSD WHEELHOUSE
"""

import json
import os
import subprocess
import sys
import tempfile

import shlex
import urllib.parse

import jsonschema
import xmlschema
import yaml
from junitparser import Error, Failure, JUnitXml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok: {name}")
    else:
        failed += 1
        print(f"FAILED: {name} {detail}")


def run_invlint(binary, out, target="examples/"):
    outputs = []
    for fmt, ext in [("sarif", "sarif"), ("gitlab", "json"), ("junit", "xml"), ("json", "json")]:
        outputs += ["--output", f"{fmt}={out}/report.{fmt}.{ext}"]
    result = subprocess.run([binary, "check", "--quiet", *outputs, target], cwd=ROOT, capture_output=True, text=True)
    check("invlint exits 1 on the examples (they hold mistakes)", result.returncode == 1, result.stderr)
    return {fmt: f"{out}/report.{fmt}.{ext}" for fmt, ext in [("sarif", "sarif"), ("gitlab", "json"), ("junit", "xml"), ("json", "json")]}


def validate(schema_path, instance_path, name):
    with open(schema_path) as f:
        schema = json.load(f)
    with open(instance_path, "rb") as f:
        raw = f.read()
    check(f"{name} has no byte order mark", not raw.startswith(b"\xef\xbb\xbf"))
    instance = json.loads(raw)
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    check(f"{name} is valid against its schema", not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5]))
    return instance


GITLAB_SCHEMAS = os.path.join(ROOT, "tests/integrations/schemas")


def multitool(tool, sarif_path, name):
    """sarif-multitool's verdict: its own SARIF rules and GitHub's ingestion rules."""
    out = sarif_path + ".multitool.sarif"
    result = subprocess.run(
        [tool, "validate", "--rule-kind", "Sarif;Gh", "--level", "Error;Warning", "--output", out, sarif_path],
        capture_output=True, text=True)
    if result.returncode != 0 or not os.path.exists(out):
        check(f"{name}: sarif-multitool runs", False, result.stdout[-2000:] + result.stderr[-2000:])
        return
    with open(out) as f:
        findings = json.load(f)["runs"][0].get("results", [])
    check(f"{name}: sarif-multitool reports no error or warning", not findings,
          "; ".join(f"{r['ruleId']} {r.get('message', {}).get('arguments')}" for r in findings[:5]))


def junit_schema_errors(xsd, path):
    return [str(e.reason or e.message) for e in xsd.iter_errors(path)]


def gitlab_valid(path, name):
    """GitLab's own per-entry schema on every entry, and ours on the whole array."""
    report = validate(os.path.join(GITLAB_SCHEMAS, "gitlab-code-quality.schema.json"), path, name)
    with open(os.path.join(GITLAB_SCHEMAS, "gitlab-codeclimate.json")) as f:
        entry = jsonschema.Draft7Validator(json.load(f))
    errors = [e.message for issue in report for e in entry.iter_errors(issue)]
    check(f"{name} entries pass GitLab's own schema", not errors, "; ".join(errors[:5]))
    return report


def main():
    sarif_schema, binary, tool = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    xsd = xmlschema.XMLSchema(sys.argv[4])
    with tempfile.TemporaryDirectory() as out:
        paths = run_invlint(binary, out)

        sarif = validate(sarif_schema, paths["sarif"], "SARIF")
        multitool(tool, paths["sarif"], "SARIF")
        run = sarif["runs"][0]
        ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
        check("SARIF has one run", len(sarif["runs"]) == 1)
        check("SARIF rule ids are unique", len(ids) == len(set(ids)))
        results = run["results"]
        check("SARIF has results", len(results) > 0)
        check("SARIF messages are non-empty", all(r["message"]["text"] for r in results))
        locations = [r["locations"][0]["physicalLocation"] for r in results]
        check("SARIF URIs are repository-relative", all(not l["artifactLocation"]["uri"].startswith(("/", "file:", "./")) for l in locations))
        check("SARIF lines are 1-based", all(l["region"]["startLine"] >= 1 for l in locations))
        check("SARIF results have partialFingerprints", all(r.get("partialFingerprints") for r in results))

        gitlab = gitlab_valid(paths["gitlab"], "GitLab Code Quality")
        prints = [i["fingerprint"] for i in gitlab]
        check("GitLab fingerprints are unique", len(prints) == len(set(prints)))

        errors = junit_schema_errors(xsd, paths["junit"])
        check("JUnit is valid against the Jenkins xUnit schema", not errors, "; ".join(errors[:5]))
        xml = JUnitXml.fromfile(paths["junit"])
        suites = list(xml)
        cases = [(suite.name, case.name) for suite in suites for case in suite]
        check("JUnit parses, with a suite per file", len(suites) > 5)
        check("JUnit test names are unique", len(cases) == len(set(cases)))
        problems = [r for suite in suites for case in suite for r in case.result if isinstance(r, (Failure, Error))]
        check("JUnit has failures for the findings", len(problems) == len(results), f"{len(problems)} vs {len(results)}")
        check("JUnit has a passing case for a clean file", any(case.is_passed for suite in suites for case in suite))

        # Fingerprints must not change when lines move: add blank lines above a finding.
        with tempfile.TemporaryDirectory() as moved:
            original = os.path.join(ROOT, "examples/oss/staging/reports.json")
            copy = os.path.join(moved, "reports.json")
            with open(original) as f:
                text = f.read()
            with open(copy, "w") as f:
                f.write(text)
            before = json.loads(subprocess.run([binary, "check", "--format", "sarif", "reports.json"], capture_output=True, text=True, cwd=moved).stdout)
            with open(copy, "w") as f:
                f.write("\n\n\n" + text)
            after = json.loads(subprocess.run([binary, "check", "--format", "sarif", "reports.json"], capture_output=True, text=True, cwd=moved).stdout)
            fp = lambda log: [r["partialFingerprints"] for r in log["runs"][0]["results"]]
            lines = lambda log: [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in log["runs"][0]["results"]]
            check("fingerprints survive moved lines", fp(before) == fp(after) and lines(before) != lines(after))

    real_paths(binary, tool, xsd, sarif_schema)
    ci_examples(os.path.abspath(sys.argv[5]), tool, xsd, sarif_schema)
    print(f"consumers: {passed} passed, {failed} failed")
    return 1 if failed else 0


# A document with a suppression naming three words that are not rules (one finding) and a
# Field listed three times (two findings of one rule and node path).
MISTAKES = """<InventoryConfiguration>
  <Id>report1</Id>
  <IsEnabled>false</IsEnabled>
  <!-- invlint-ignore INV998 INV999: reason -->
  <Destination>
    <OSSBucketDestination>
      <Format>CSV</Format>
      <AccountId>1000000000000000</AccountId>
      <RoleArn>acs:ram::1000000000000000:role/AliyunOSSRole</RoleArn>
      <Bucket>acs:oss:::destination-bucket</Bucket>
    </OSSBucketDestination>
  </Destination>
  <Schedule><Frequency>Weekly</Frequency></Schedule>
  <IncludedObjectVersions>Current</IncludedObjectVersions>
  <OptionalFields><Field>Size</Field><Field>Size</Field><Field>Size</Field></OptionalFields>
</InventoryConfiguration>
"""
RELATIVE = "my configs/50% #2/bad.xml"


def real_paths(binary, tool, xsd, sarif_schema):
    with tempfile.TemporaryDirectory(prefix="invlint ci ") as tmp:
        repo = os.path.join(tmp, "repo #1 50%")
        target = os.path.join(repo, RELATIVE)
        os.makedirs(os.path.dirname(target))
        os.makedirs(os.path.join(repo, "sub"))
        subprocess.run(["git", "init", "--quiet", repo], check=True)
        with open(target, "w") as f:
            f.write(MISTAKES)
        clean = {k: v for k, v in os.environ.items() if k not in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR")}
        runs = [
            ("from the root", repo, ["my configs"], {}),
            ("from a subdirectory", os.path.join(repo, "my configs"), ["50% #2"], {}),
            ("with a .. argument", os.path.join(repo, "sub"), ["../my configs/50% #2/bad.xml"], {}),
            ("with an absolute argument", repo, [target], {}),
            ("from outside with GITHUB_WORKSPACE", tmp, [target], {"GITHUB_WORKSPACE": repo}),
            ("from outside with CI_PROJECT_DIR", tmp, [os.path.join(repo, "my configs")], {"CI_PROJECT_DIR": repo}),
        ]
        prints = []
        for label, cwd, args, env in runs:
            out = os.path.join(tmp, label.replace(" ", "-"))
            os.makedirs(out)
            outputs = []
            for fmt in ("sarif", "gitlab", "junit"):
                outputs += ["--output", f"{fmt}={out}/report.{fmt}"]
            result = subprocess.run([binary, "check", "--isolated", "--quiet", *outputs, *args],
                                    cwd=cwd, env={**clean, **env}, capture_output=True, text=True)
            check(f"{label}: exit 1", result.returncode == 1, result.stderr)

            sarif = validate(sarif_schema, f"{out}/report.sarif", f"{label}: SARIF")
            multitool(tool, f"{out}/report.sarif", f"{label}: SARIF")
            run = sarif["runs"][0]
            base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
            bases = {r["locations"][0]["physicalLocation"]["artifactLocation"].get("uriBaseId") for r in run["results"]}
            check(f"{label}: SARIF URIs are repository-relative and percent-encoded",
                  uris == {urllib.parse.quote(RELATIVE)} and bases == {"%SRCROOT%"}, f"{uris} {bases}")
            resolved = urllib.parse.unquote(urllib.parse.urlparse(urllib.parse.urljoin(base, uris.pop())).path)
            check(f"{label}: SARIF %SRCROOT% plus the URI is the file", os.path.exists(resolved) and os.path.samefile(resolved, target), resolved)
            invocation = run.get("invocations", [{}])[0]
            check(f"{label}: SARIF invocation has the exit code", invocation.get("exitCode") == 1 and invocation.get("executionSuccessful") is True, invocation)
            prints.append(sorted(r["partialFingerprints"]["invlint/v1"] for r in run["results"]))

            gitlab = gitlab_valid(f"{out}/report.gitlab", f"{label}: GitLab")
            check(f"{label}: GitLab paths are repository-relative", {i["location"]["path"] for i in gitlab} == {RELATIVE},
                  {i["location"]["path"] for i in gitlab})

            errors = junit_schema_errors(xsd, f"{out}/report.junit")
            check(f"{label}: JUnit is valid against the Jenkins xUnit schema", not errors, "; ".join(errors[:5]))
            suites = list(JUnitXml.fromfile(f"{out}/report.junit"))
            names = [case.name for case in suites[0]]
            check(f"{label}: JUnit suite is the repository path, its case names unique (3 findings, 2 of one rule and path)",
                  [s.name for s in suites] == [RELATIVE] and len(names) == 3 == len(set(names)), f"{[s.name for s in suites]} {names}")
            check(f"{label}: JUnit classname is the folder, then the file",
                  {case.classname for case in suites[0]} == {"my configs.50% #2.bad_xml"}, {case.classname for case in suites[0]})
        check("fingerprints are the same whatever the working directory or argument", all(p == prints[0] for p in prints))

        # helpUri points at a heading of docs/rules.md, as GitHub names it.
        with open(os.path.join(ROOT, "docs/rules.md")) as f:
            anchors = {line[3:].strip().lower().replace(" ", "-") for line in f if line.startswith("## ")}
        rules = run["tool"]["driver"]["rules"]
        missing = [r["id"] for r in rules if urllib.parse.urlparse(r["helpUri"]).fragment not in anchors]
        check("SARIF helpUri of every rule names its section of docs/rules.md", not missing, missing)
        check("SARIF names the tool's home", run["tool"]["driver"]["informationUri"].startswith("https://"))


def ci_examples(wheelhouse, tool, xsd, sarif_schema):
    with open(os.path.join(ROOT, "README.md")) as f:
        readme = f.read()
    examples = {}
    for name in ("github-actions.yml", "gitlab-ci.yml"):
        with open(os.path.join(ROOT, "docs/ci", name)) as f:
            text = f.read()
        check(f"README.md shows docs/ci/{name} word for word", text in readme)
        examples[name] = yaml.safe_load(text)
    github = [step["run"] for step in examples["github-actions.yml"]["jobs"]["invlint"]["steps"] if "run" in step]
    gitlab = examples["gitlab-ci.yml"]["invlint"]["script"]
    upload = [s for s in examples["github-actions.yml"]["jobs"]["invlint"]["steps"] if "upload-sarif" in s.get("uses", "")]
    check("the GitHub example uploads the SARIF file even when invlint fails the job",
          len(upload) == 1 and upload[0].get("if") == "always()" and upload[0]["with"]["sarif_file"] == "invlint.sarif")
    reports = examples["gitlab-ci.yml"]["invlint"]["artifacts"]
    check("the GitLab example keeps its reports when invlint fails the job", reports.get("when") == "always")

    with tempfile.TemporaryDirectory(prefix="invlint ci examples ") as tmp:
        venv = os.path.join(tmp, "venv")
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        path = os.path.join(venv, "bin") + os.pathsep + os.environ["PATH"]
        repo = os.path.join(tmp, "repo")
        os.makedirs(os.path.join(repo, "configs/a b"))
        subprocess.run(["git", "init", "--quiet", repo], check=True)
        with open(os.path.join(repo, "configs/a b/bad.xml"), "w") as f:
            f.write(MISTAKES)
        clean = {k: v for k, v in os.environ.items() if k not in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR")}

        def step(command, env):
            # The example's own `pip install` line, pointed at the wheelhouse instead of PyPI.
            words = shlex.split(command)
            if words[:2] == ["pip", "install"]:
                words[2:2] = ["--no-index", "--find-links", wheelhouse, "--quiet", "--disable-pip-version-check"]
            return subprocess.run(words, cwd=repo, env={**clean, "PATH": path, **env}, capture_output=True, text=True)

        runner = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": repo}
        results = [step(command, runner) for command in github]
        check("GitHub example: pip install of the wheel succeeds", results[0].returncode == 0, results[0].stderr)
        check("GitHub example: invlint fails the job on a mistake (exit 1)", results[1].returncode == 1, results[1].stderr)
        check("GitHub example: annotations name the repository path",
              "::error file=configs/a b/bad.xml," in results[1].stdout, results[1].stdout[:500])
        report = os.path.join(repo, "invlint.sarif")
        sarif = validate(sarif_schema, report, "GitHub example: SARIF")
        multitool(tool, report, "GitHub example: SARIF")
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
        check("GitHub example: SARIF URIs are repository-relative", uris == {"configs/a%20b/bad.xml"}, uris)

        ci = {"GITLAB_CI": "true", "CI_PROJECT_DIR": repo}
        results = [step(command, ci) for command in gitlab]
        check("GitLab example: pip install of the wheel succeeds", results[0].returncode == 0, results[0].stderr)
        check("GitLab example: invlint fails the job on a mistake (exit 1)", results[1].returncode == 1, results[1].stderr)
        quality = gitlab_valid(os.path.join(repo, "gl-code-quality-report.json"), "GitLab example: Code Quality")
        check("GitLab example: paths are repository-relative", {i["location"]["path"] for i in quality} == {"configs/a b/bad.xml"})
        errors = junit_schema_errors(xsd, os.path.join(repo, "invlint-junit.xml"))
        check("GitLab example: JUnit is valid against the Jenkins xUnit schema", not errors, "; ".join(errors[:5]))


if __name__ == "__main__":
    sys.exit(main())
