//! Turns the provider tables in `rules/` into JSON at build time: the binary embeds the JSON
//! and reads it at start-up, which is several times cheaper than parsing TOML. The tables'
//! own checks (parents declared, bounds ordered, regexes valid) run in `provider::load` and
//! its tests, on the TOML.

#[allow(dead_code)]
mod raw {
    include!("src/provider/raw.rs");
}

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=src/provider/raw.rs");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for id in ["oss", "obs", "s3"] {
        let path = format!("rules/{id}.toml");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let table: raw::TableFile = toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let json = serde_json::to_string(&table).expect("tables serialise");
        std::fs::write(format!("{out}/{id}.json"), json).unwrap_or_else(|e| panic!("{out}: {e}"));
    }
}
