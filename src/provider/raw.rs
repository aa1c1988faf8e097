// The tables' data as written in `rules/*.toml`: shared by the library (`mod raw`) and
// by `build.rs` (`include!`), which reads each table and writes it as the Rust code that
// builds it (`emit.rs`), so that start-up parses no table.

#[allow(unused_imports)]
use std::collections::BTreeMap;

#[allow(unused_imports)]
use serde::Deserialize;

/// What an element holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    Container,
    String,
    Integer,
    Boolean,
    Enum,
}

/// Who the table is for.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderInfo {
    /// The short id used on the command line and in outputs: `oss`, `obs`, `s3`.
    pub id: String,
    pub name: String,
    /// For a variant, the table it differs from by a few facts (`s3` for a service that
    /// takes the AWS document). The variant's table says only what differs; `resolve`
    /// fills in the rest from the base. A variant is never told from a document's shape,
    /// which is its base's: only by its Host forms or by name (`--provider`,
    /// `provider = ` in invlint.toml).
    pub base: Option<String>,
    /// Why the variant differs from its base, with the source: shown in docs/providers.md.
    pub base_source: Option<String>,
    /// The query parameter that carries the configuration's id (`inventoryId` for OSS).
    pub id_parameter: String,
    /// Why the query's id must equal the body's, with the source.
    pub id_parameter_source: String,
    /// Every region id the provider has, for "unknown region" and "did you mean".
    #[serde(default)]
    pub regions: Vec<String>,
    pub regions_source: Option<String>,
    /// Host name endings that tell a request is for this provider.
    pub host_suffixes: Vec<String>,
    /// Host forms, first match wins: regexes with named groups `bucket` and `region`.
    #[serde(default, rename = "host")]
    pub hosts: Vec<HostEntry>,
    /// Regexes for the XML namespaces the provider's documents carry.
    #[serde(default)]
    pub namespaces: Vec<String>,
    /// Element paths that only this provider's documents have: evidence of the provider.
    #[serde(default)]
    pub markers: Vec<String>,
    /// JSON member names that stand for XML element names (AWS CLI: `SSES3` for `SSE-S3`).
    #[serde(default)]
    pub json_names: BTreeMap<String, String>,
    /// How many configurations one bucket may have, and the source.
    pub max_configurations: usize,
    pub max_configurations_source: String,
    /// The filter prefix whose values may not overlap between configurations of a bucket.
    pub prefix_overlap: Option<PrefixOverlap>,
    /// The provider's bucket naming rules.
    pub bucket_names: BucketNames,
    /// Sibling elements whose accounts must agree: an account id, and an ARN that names
    /// the account owning it.
    pub account_match: Option<AccountMatch>,
    /// The request methods whose query must carry the id (`PUT` when not given).
    #[serde(default)]
    pub id_methods: Vec<String>,
    /// The syntaxes the provider takes a body in, `xml` and `json` (both when not given),
    /// and why, with the source.
    #[serde(default)]
    pub body_formats: Vec<String>,
    pub body_formats_source: Option<String>,
    /// Set when the service reads element names without regard to case: why, with the
    /// source. A name written in another case is then checked as the element it names,
    /// and reported as a warning (INV037) instead of an unknown element.
    pub names_ignore_case: Option<String>,
    /// Set when the service takes a JSON boolean written as a string (`"true"`): why, with
    /// the source. Such a value is then a warning (INV010) instead of passing silently.
    pub string_booleans: Option<String>,
}

/// A destination bucket written in a provider's resource form, such as
/// `qcs::cos:<region>::<bucket>`: a regex whose group `bucket` is the bucket's name (and
/// whose group `region`, if any, its region), and the form as messages show it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BucketForm {
    pub pattern: String,
    pub shown: String,
}

/// Values an enum also takes beyond its list: those matching a pattern (custom metadata
/// fields such as `x-cos-meta-<name>`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraValues {
    pub pattern: String,
    pub description: String,
}

/// A value that must be present elsewhere in the same configuration: the element at
/// `path` (relative to the configuration, such as `OptionalFields/Field`) has `value`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigurationValue {
    pub path: String,
    pub value: String,
    /// Why, with its source, for the message's help.
    pub reason: String,
}

/// A kind of request an element may not be sent with (a one-time `POST` that takes no
/// `Schedule`): in it the element is forbidden, and not required.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodCondition {
    pub method: String,
    /// Why, with its source.
    pub reason: String,
}

/// An account id beside an ARN of the same account (OSS: `AccountId` and `RoleArn`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountMatch {
    /// The element holding the account id.
    pub account: String,
    /// Its sibling holding the ARN.
    pub arn: String,
    /// A regex on the ARN whose group `account` is the account that owns it.
    pub arn_account: String,
    /// Why the two must agree, with the source (and the service's error code).
    pub source: String,
}

/// A Host form.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostEntry {
    pub pattern: String,
    /// Path-style: the bucket is the first segment of the request path.
    #[serde(default)]
    pub bucket_from_path: bool,
}

/// Prefixes of configurations in one bucket that may not contain one another.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrefixOverlap {
    pub path: String,
    pub reason: String,
}

/// What a valid bucket name is.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BucketNames {
    pub min_length: usize,
    pub max_length: usize,
    /// Every character a name may contain.
    pub characters: String,
    /// Character pairs a name may not contain (`..`).
    #[serde(default)]
    pub no_adjacent: Vec<String>,
    /// Whether a name shaped like an IPv4 address is refused.
    #[serde(default)]
    pub no_ip_address: bool,
    /// A regex every name must match beyond the characters (COS: ends in `-<APPID>`), and
    /// what it says in words.
    pub pattern: Option<String>,
    pub pattern_description: Option<String>,
    /// Beginnings a name may not have, and whole names that are taken.
    #[serde(default)]
    pub reserved_prefixes: Vec<String>,
    #[serde(default)]
    pub reserved_names: Vec<String>,
    /// The rules in words, for messages.
    pub describe: String,
    pub source: String,
}

/// A condition on a sibling: the element named here has the value given.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiblingValue {
    pub element: String,
    pub value: String,
    /// Why, with its source, for the message's help.
    pub reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableFile {
    pub provider: ProviderInfo,
    pub element: Vec<ElementEntry>,
    #[serde(default)]
    pub order: Vec<OrderEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderEntry {
    pub lower: String,
    pub upper: String,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElementEntry {
    pub path: String,
    #[serde(rename = "type")]
    pub kind: ValueKind,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub repeated: bool,
    #[serde(default)]
    pub values: Vec<String>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub pattern: Option<String>,
    pub pattern_description: Option<String>,
    pub same_as: Option<String>,
    pub source: String,
    pub note: Option<String>,
    pub separator: Option<String>,
    #[serde(default)]
    pub exclusive_values: Vec<String>,
    #[serde(default)]
    pub undocumented_values: BTreeMap<String, String>,
    pub undocumented: Option<String>,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub one_of: bool,
    pub forbidden: Option<String>,
    pub text_ignored: Option<String>,
    pub empty_warning: Option<String>,
    pub requires: Option<SiblingValue>,
    pub required_when: Option<SiblingValue>,
    #[serde(default)]
    pub past: bool,
    pub max_occurs_warning: Option<usize>,
    pub bucket_arn_prefix: Option<String>,
    pub bucket_form: Option<BucketForm>,
    pub json_array_item: Option<String>,
    pub extra_values: Option<ExtraValues>,
    pub requires_value: Option<ConfigurationValue>,
    pub not_in_request: Option<MethodCondition>,
}

/// A variant's table with its base's facts filled in: every `[provider]` key the variant
/// does not set is the base's; an `[[element]]` replaces the base's entry of the same path
/// (so each fact the variant changes carries its own source) or is added; `[[order]]`
/// entries are added. Both are TOML as written; the result is a whole table. A table
/// without `base` is returned as it is.
#[allow(dead_code)]
pub fn resolve(
    table: toml::Value,
    base_of: impl Fn(&str) -> Option<toml::Value>,
) -> Result<toml::Value, String> {
    let Some(base_id) = table
        .get("provider")
        .and_then(|p| p.get("base"))
        .and_then(|b| b.as_str())
        .map(str::to_string)
    else {
        return Ok(table);
    };
    let mut merged = base_of(&base_id).ok_or_else(|| format!("base `{base_id}` is no table"))?;
    if merged.get("provider").and_then(|p| p.get("base")).is_some() {
        return Err(format!("base `{base_id}` is itself a variant"));
    }
    let (Some(into), toml::Value::Table(from)) = (merged.as_table_mut(), table) else {
        return Err("a table is a TOML table".into());
    };
    for (key, value) in from {
        match (key.as_str(), value) {
            ("provider", toml::Value::Table(provider)) => {
                let target = into
                    .entry("provider")
                    .or_insert_with(|| toml::Value::Table(Default::default()));
                let Some(target) = target.as_table_mut() else {
                    return Err("the base's [provider] is not a table".into());
                };
                // Evidence of the base's shape stays the base's: a variant claims only
                // its own hosts.
                target.remove("markers");
                target.remove("namespaces");
                target.extend(provider);
            }
            ("element", toml::Value::Array(elements)) => {
                let target = into
                    .entry("element")
                    .or_insert_with(|| toml::Value::Array(Vec::new()));
                let Some(target) = target.as_array_mut() else {
                    return Err("the base's elements are not a list".into());
                };
                for element in elements {
                    let path = element.get("path").and_then(|p| p.as_str());
                    match target
                        .iter_mut()
                        .find(|e| e.get("path").and_then(|p| p.as_str()) == path)
                    {
                        Some(slot) => *slot = element,
                        None => target.push(element),
                    }
                }
            }
            ("order", toml::Value::Array(orders)) => {
                let target = into
                    .entry("order")
                    .or_insert_with(|| toml::Value::Array(Vec::new()));
                if let Some(target) = target.as_array_mut() {
                    target.extend(orders);
                }
            }
            (other, _) => return Err(format!("unknown key `{other}` in a variant")),
        }
    }
    Ok(merged)
}

/// Checks that no two tables claim the same evidence: a marker element, an XML namespace,
/// or a host suffix (one suffix ending in another, on a label boundary, counts). Detection
/// tells providers apart by these, so a clash would make it guess. `build.rs` refuses to
/// build on a clash, and the registry's tests check it again.
#[allow(dead_code)]
pub fn check_claims(tables: &[(&str, &TableFile)]) -> Result<(), String> {
    let mut claimed: Vec<(&str, &str, &str)> = Vec::new();
    for (id, table) in tables {
        let provider = &table.provider;
        // A variant's markers and namespace are its base's (`resolve` keeps them out).
        for marker in &provider.markers {
            claimed.push(("marker element", marker, id));
        }
        for namespace in &provider.namespaces {
            claimed.push(("namespace", namespace, id));
        }
        for suffix in &provider.host_suffixes {
            claimed.push(("host suffix", suffix, id));
        }
    }
    for (i, (kind, value, id)) in claimed.iter().enumerate() {
        for (other_kind, other, other_id) in &claimed[i + 1..] {
            if kind != other_kind || id == other_id {
                continue;
            }
            let clash = if *kind == "host suffix" {
                let ends = |a: &str, b: &str| a == b || a.ends_with(&format!(".{b}"));
                ends(value, other) || ends(other, value)
            } else {
                value == other
            };
            if clash {
                return Err(format!(
                    "rules/{id}.toml and rules/{other_id}.toml both claim the {kind} `{value}`{}",
                    if value == other {
                        String::new()
                    } else {
                        format!(" (and `{other}`)")
                    }
                ));
            }
        }
    }
    Ok(())
}
