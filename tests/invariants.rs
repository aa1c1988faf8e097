//! Invariants on generated documents: a seeded generator makes OSS documents from the
//! provider's table (every required element, optional ones at random, values valid or
//! slightly wrong), each in XML and in its JSON form. For each: linting never panics; the
//! two forms give the same codes at the same node paths; and `--fix` applied to its own
//! output changes nothing.

use std::collections::BTreeSet;

use invlint::engine::{self, Content, Document, FileSettings, RunOptions};
use invlint::provider::{Schema, SpecId, ValueKind, by_id};

/// A small, seeded generator (xorshift): the same seed, the same documents, everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

enum Element {
    Value(String, String),
    Container(String, Vec<Element>),
}

/// Values the table cannot make up (account ids, ARNs, bucket names), taken from the
/// provider's minimal valid document.
fn known_value(name: &str) -> Option<&'static str> {
    Some(match name {
        "Id" => "report1",
        "AccountId" => "1000000000000000",
        "RoleArn" => "acs:ram::1000000000000000:role/AliyunOSSRole",
        "Bucket" => "acs:oss:::destination-bucket",
        "Prefix" => "logs/",
        "KeyId" => "key-1",
        _ => return None,
    })
}

fn value(schema: &Schema, id: SpecId, rng: &mut Rng) -> String {
    let spec = schema.spec(id);
    match spec.kind {
        ValueKind::Boolean => ["true", "false", "True"][rng.below(3)].to_string(),
        ValueKind::Enum => {
            let chosen = spec.values[rng.below(spec.values.len())].clone();
            if rng.chance(15) {
                chosen.to_lowercase()
            } else {
                chosen
            }
        }
        ValueKind::Integer => {
            let (min, max) = (spec.min.unwrap_or(0), spec.max.unwrap_or(1_000_000));
            if rng.chance(10) {
                (max.saturating_add(1)).to_string()
            } else {
                (min + (rng.next() % ((max - min).max(1) as u64)) as i64).to_string()
            }
        }
        _ => known_value(&spec.name).unwrap_or("x").to_string(),
    }
}

fn generate(schema: &Schema, id: SpecId, rng: &mut Rng, depth: usize) -> Element {
    let spec = schema.spec(id);
    if spec.kind != ValueKind::Container {
        return Element::Value(spec.name.clone(), value(schema, id, rng));
    }
    let mut children = Vec::new();
    for &child in schema.children(id) {
        let child_spec = schema.spec(child);
        // Containers that hold only alternatives (`one_of`) are left to the required ones.
        if !child_spec.required && (depth > 4 || !rng.chance(40)) {
            continue;
        }
        let copies = if child_spec.repeated {
            1 + rng.below(3)
        } else {
            1
        };
        for _ in 0..copies {
            children.push(generate(schema, child, rng, depth + 1));
        }
    }
    Element::Container(spec.name.clone(), children)
}

fn xml(element: &Element, out: &mut String) {
    match element {
        Element::Value(name, value) => out.push_str(&format!("<{name}>{value}</{name}>")),
        Element::Container(name, children) => {
            out.push_str(&format!("<{name}>"));
            for child in children {
                xml(child, out);
            }
            out.push_str(&format!("</{name}>"));
        }
    }
}

/// The ossutil JSON shape: members named like the elements, repeated ones as arrays,
/// every scalar a string.
fn json(element: &Element) -> serde_json::Value {
    match element {
        Element::Value(_, value) => serde_json::Value::String(value.clone()),
        Element::Container(_, children) => {
            let mut object = serde_json::Map::new();
            let mut names: Vec<&str> = Vec::new();
            for child in children {
                let name = match child {
                    Element::Value(n, _) | Element::Container(n, _) => n.as_str(),
                };
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            for name in names {
                let same: Vec<serde_json::Value> = children
                    .iter()
                    .filter(|c| matches!(c, Element::Value(n, _) | Element::Container(n, _) if n == name))
                    .map(json)
                    .collect();
                let value = if same.len() == 1 {
                    same.into_iter().next().unwrap()
                } else {
                    serde_json::Value::Array(same)
                };
                object.insert(name.to_string(), value);
            }
            serde_json::Value::Object(object)
        }
    }
}

fn findings(name: &str, text: &str, fix: bool) -> (BTreeSet<(String, String)>, String) {
    let document = Document {
        name: name.to_string(),
        path: None,
        content: Content::Bytes(text.as_bytes().to_vec()),
        settings: FileSettings::default(),
    };
    let options = RunOptions {
        fix: fix.then_some(invlint::fix::Mode::Safe),
        ..RunOptions::default()
    };
    let outcome = engine::run(vec![document], &[], &options);
    assert!(
        outcome.internal_errors.is_empty(),
        "{:?}",
        outcome.internal_errors
    );
    let report = &outcome.reports[0];
    let codes = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.code.to_string(),
                d.node_path.clone().unwrap_or_default(),
            )
        })
        .collect();
    (codes, report.source.text.clone())
}

#[test]
fn generated_documents_lint_alike_in_xml_and_json_and_fix_to_a_fixed_point() {
    let schema = by_id("oss").unwrap();
    let root = schema.root_named("InventoryConfiguration").unwrap();
    let mut rng = Rng(0x5eed_1e55_c0de);
    let mut differing = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut clean = 0;
    for round in 0..300 {
        let document = generate(schema, root, &mut rng, 0);
        let mut as_xml = String::new();
        xml(&document, &mut as_xml);
        let as_json = serde_json::to_string_pretty(&json(&document)).unwrap();
        let (from_xml, _) = findings("g.xml", &as_xml, false);
        let (from_json, _) = findings("g.json", &as_json, false);
        seen.extend(from_xml.iter().map(|(code, _)| code.clone()));
        clean += usize::from(from_xml.is_empty());
        if from_xml != from_json {
            differing.push(format!(
                "round {round}:\nXML  {from_xml:?}\nJSON {from_json:?}\n{as_xml}\n{as_json}"
            ));
        }
        for (name, text) in [("g.xml", &as_xml), ("g.json", &as_json)] {
            let (_, once) = findings(name, text, true);
            let (_, twice) = findings(name, &once, true);
            assert_eq!(once, twice, "round {round}: a second --fix changed {name}");
        }
    }
    assert!(differing.is_empty(), "{}", differing.join("\n\n"));
    // The generator makes clean documents and the usual mistakes, or the test shows
    // little: a lowercase enum, `True`, an integer out of range.
    assert!(clean >= 5, "{clean} clean documents");
    println!("{clean} clean of 300; codes seen: {seen:?}");
    for code in ["INV005", "INV008", "INV010"] {
        assert!(seen.contains(code), "no {code} in {seen:?}");
    }
}
