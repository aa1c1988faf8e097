"""Checks invlint's CI formats with the tools their consumers use.

One run over examples/ writes every format. Then:
- SARIF is validated against the SARIF 2.1.0 JSON schema (the schema file shipped in the
  npm package @microsoft/jest-sarif, path given as the first argument), with jsonschema;
- the GitLab Code Quality report against tests/integrations/schemas/gitlab-code-quality.schema.json;
- the JUnit XML is parsed with junitparser;
and facts that GitHub and GitLab rely on are checked (unique rule ids, relative URIs,
1-based lines, fingerprints that survive moved lines, unique test names).

Usage: python3 tests/integrations/consumers.py SARIF_SCHEMA INVLINT_BINARY
"""

import json
import os
import subprocess
import sys
import tempfile

import jsonschema
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


def main():
    sarif_schema, binary = sys.argv[1], os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as out:
        paths = run_invlint(binary, out)

        sarif = validate(sarif_schema, paths["sarif"], "SARIF")
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

        gitlab = validate(os.path.join(ROOT, "tests/integrations/schemas/gitlab-code-quality.schema.json"), paths["gitlab"], "GitLab Code Quality")
        prints = [i["fingerprint"] for i in gitlab]
        check("GitLab fingerprints are unique", len(prints) == len(set(prints)))

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

    print(f"consumers: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
