//! Finds every provider table in `rules/` (one `*.toml` each; adding a provider is adding
//! a file) and turns each into Rust code that builds it (`src/provider/emit.rs`): a run
//! parses no table at start-up, where reading them from embedded JSON was a quarter of one
//! small file's instructions. It writes the registry (`tables.rs`: every table's id, its
//! TOML, the function that builds it, and what detection needs of it) that `provider.rs`
//! includes, and refuses to build when two tables claim the same marker element, namespace
//! or host suffix. The tables' own checks (parents declared, bounds ordered, regexes valid)
//! run in `provider::load` and its tests, on the TOML.

#[allow(dead_code)]
mod raw {
    include!("src/provider/raw.rs");
    include!("src/provider/emit.rs");
}

use std::fmt::Write;

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=src/provider/raw.rs");
    println!("cargo:rerun-if-changed=src/provider/emit.rs");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(format!("{root}/rules"))
        .expect("rules/ holds the provider tables")
        .map(|entry| entry.expect("rules/ can be listed").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut written = Vec::new();
    for path in &paths {
        println!("cargo:rerun-if-changed={}", path.display());
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("table file names are UTF-8")
            .to_string();
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let value: toml::Value =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        written.push((id, path.clone(), value));
    }
    let mut tables = Vec::new();
    for (id, path, value) in &written {
        // A variant is written as its differences from its base; the JSON holds it whole.
        let whole = raw::resolve(value.clone(), |base| {
            written
                .iter()
                .find(|(other, _, _)| other == base)
                .map(|(_, _, v)| v.clone())
        })
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let table: raw::TableFile = whole
            .try_into()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            &table.provider.id,
            id,
            "{}: the table's provider.id must be its file name",
            path.display()
        );
        tables.push((id.clone(), path.clone(), table));
    }
    assert!(!tables.is_empty(), "rules/ holds no provider table");
    let claims: Vec<(&str, &raw::TableFile)> =
        tables.iter().map(|(id, _, t)| (id.as_str(), t)).collect();
    if let Err(clash) = raw::check_claims(&claims) {
        panic!("{clash}: detection could not tell them apart");
    }
    let mut registry = String::from("// Written by build.rs from rules/*.toml.\n\n");
    registry.push_str("/// Every provider's id, in file-name order.\npub const IDS: &[&str] = &[");
    for (id, _, _) in &tables {
        let _ = write!(registry, "{id:?}, ");
    }
    registry.push_str(
        "];\n\n/// The tables in `rules/`, as written.\npub const TABLES: &[(&str, &str)] = &[\n",
    );
    for (id, path, _) in &tables {
        let _ = writeln!(
            registry,
            "    ({id:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    registry.push_str("];\n");
    write_builders(&mut registry, &tables);
    write_summaries(&mut registry, &tables);
    write_known_names(&mut registry, &tables);
    std::fs::write(format!("{out}/tables.rs"), registry).unwrap_or_else(|e| panic!("{out}: {e}"));
}

/// One function per table that builds it as the TOML says (a variant filled in from its
/// base), in a module `built` whose `table(index)` calls the one of the table at `index`
/// in `IDS` order.
fn write_builders(registry: &mut String, tables: &[(String, std::path::PathBuf, raw::TableFile)]) {
    use raw::Emit;
    registry.push_str("\n/// Each table as the code that builds it.\nmod built {\n    use super::raw::*;\n    use std::collections::BTreeMap;\n");
    for (index, (_, _, table)) in tables.iter().enumerate() {
        let _ = write!(registry, "\nfn table_{index}() -> TableFile {{\n");
        table.emit(registry);
        registry.push_str("\n}\n");
    }
    registry.push_str("\n/// The table at `index` of `IDS`.\npub fn table(index: usize) -> TableFile {\n    match index {\n");
    for index in 0..tables.len() {
        let _ = writeln!(registry, "        {index} => table_{index}(),");
    }
    registry
        .push_str("        _ => unreachable!(\"a table index comes from IDS\"),\n    }\n}\n}\n");
}

/// What detection needs from every table, as static data: a run loads only the tables
/// of the providers its documents are checked against.
fn write_summaries(registry: &mut String, tables: &[(String, std::path::PathBuf, raw::TableFile)]) {
    let strings = |items: &[String]| {
        let quoted: Vec<String> = items.iter().map(|i| format!("{i:?}")).collect();
        format!("&[{}]", quoted.join(", "))
    };
    let _ = writeln!(
        registry,
        "\n/// What detection reads from each table, in `IDS` order, without loading it.\npub const SUMMARIES: &[Summary] = &["
    );
    for (_, _, table) in tables {
        let provider = &table.provider;
        let roots: Vec<String> = table
            .element
            .iter()
            .filter(|e| !e.path.contains('/'))
            .map(|e| e.path.clone())
            .collect();
        let json_names: Vec<String> = provider
            .json_names
            .iter()
            .map(|(alias, name)| format!("({alias:?}, {name:?})"))
            .collect();
        let _ = writeln!(
            registry,
            "    Summary {{ id: {:?}, name: {:?}, base: {:?}, host_suffixes: {}, namespaces: {}, markers: {}, json_names: &[{}], roots: {}, names_ignore_case: {} }},",
            provider.id,
            provider.name,
            provider.base,
            strings(&provider.host_suffixes),
            strings(&provider.namespaces),
            strings(&provider.markers),
            json_names.join(", "),
            strings(&roots),
            provider.names_ignore_case.is_some(),
        );
    }
    registry.push_str("];\n");
}

/// Every element and JSON member name some table knows, as one `match`: the parsers ask it
/// for each name they read, so that nodes borrow the name instead of allocating it.
fn write_known_names(
    registry: &mut String,
    tables: &[(String, std::path::PathBuf, raw::TableFile)],
) {
    let mut names = std::collections::BTreeSet::new();
    for (_, _, table) in tables {
        for element in &table.element {
            names.insert(
                element
                    .path
                    .rsplit('/')
                    .next()
                    .unwrap_or(&element.path)
                    .to_string(),
            );
        }
        for (alias, name) in &table.provider.json_names {
            names.insert(alias.clone());
            names.insert(name.clone());
        }
    }
    registry.push_str("\n/// The name as a table writes it, if some table knows it.\npub fn known_name(name: &str) -> Option<&'static str> {\n    match name {\n");
    for name in &names {
        let _ = writeln!(registry, "        {name:?} => Some({name:?}),");
    }
    registry.push_str("        _ => None,\n    }\n}\n");
}
