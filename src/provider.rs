//! The provider tables in `rules/`: what each provider's documents may contain, built
//! once per process by the code `build.rs` wrote from them, and checked on load.

use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

use regex::Regex;

/// A regular expression from a table, compiled on first use: most runs need few of them,
/// and compiling them all took most of the start-up time. `load` checks their syntax; the
/// table tests compile every one.
#[derive(Debug)]
pub struct Pattern {
    pub source: String,
    compiled: OnceLock<Regex>,
}

impl Pattern {
    /// A pattern; its syntax is checked when `check` is set (tables read from TOML).
    fn new(source: &str, check: bool) -> Result<Self, String> {
        if check {
            regex_syntax::ast::parse::Parser::new()
                .parse(source)
                .map_err(|e| e.to_string())?;
        }
        Ok(Self {
            source: source.to_string(),
            compiled: OnceLock::new(),
        })
    }
}

impl std::ops::Deref for Pattern {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            Regex::new(&self.source).expect("the table tests compile every pattern")
        })
    }
}

impl Clone for Pattern {
    fn clone(&self) -> Self {
        Self {
            source: self.source.clone(),
            compiled: OnceLock::new(),
        }
    }
}

pub mod docs;
mod raw;

use raw::TableFile;
pub use raw::{
    AccountMatch, BucketForm, BucketNames, ConfigurationValue, ElementEntry, ExtraValues,
    HostEntry, MethodCondition, PrefixOverlap, ProviderInfo, SiblingValue, ValueKind,
};

/// An index into [`Schema::elements`].
pub type SpecId = u32;

impl ValueKind {
    pub fn describe(self) -> &'static str {
        match self {
            ValueKind::Container => "a container of elements",
            ValueKind::String => "a string",
            ValueKind::Integer => "an integer",
            ValueKind::Boolean => "a boolean (`true` or `false`)",
            ValueKind::Enum => "one of a fixed set of values",
        }
    }
}

/// One element of a provider's document tree, with the facts the checks enforce: the
/// table's entry as written (reached through `Deref`), its compiled pattern, and its place
/// in the tree.
#[derive(Debug, Clone)]
pub struct ElementSpec {
    /// The last step of the path: the element's name.
    pub name: String,
    /// The entry's `undocumented_values` as a list: a few entries, scanned for every
    /// enum value of the element, which the ordered map walked node by node.
    undocumented_list: Vec<(String, String)>,
    /// The entry's pattern, compiled on first use.
    pub pattern: Option<Pattern>,
    /// The entry's `bucket_form` and `extra_values` patterns, compiled on first use.
    pub bucket_form_regex: Option<Pattern>,
    pub extra_values_regex: Option<Pattern>,
    entry: ElementEntry,
    /// The element whose children this one has: itself, or the target of `same_as`.
    content: SpecId,
    children: Vec<SpecId>,
    /// The children's names as [`known_name`] gives them, which is what the parsers put in
    /// the tree, in the order of `children`: a node's name that is one of these very
    /// pointers is that child's name, and binding scans them side by side
    /// ([`Schema::child_binding`]) rather than the children's entries.
    children_known: Vec<Option<&'static str>>,
}

impl ElementSpec {
    /// Why `value` is an undocumented value of this element, if it is one. The lists are a
    /// few entries long: a scan that compares lengths first beats the ordered map's search,
    /// which compares bytes at every step, and nearly every value asked is documented.
    pub fn undocumented_value(&self, value: &str) -> Option<&String> {
        self.undocumented_list
            .iter()
            .find(|(undocumented, _)| undocumented.as_str() == value)
            .map(|(_, reason)| reason)
    }
}

impl std::ops::Deref for ElementSpec {
    type Target = ElementEntry;

    fn deref(&self) -> &ElementEntry {
        &self.entry
    }
}

/// Two integer siblings of which the first may not exceed the second, like the two ends
/// of a range.
#[derive(Debug, Clone)]
pub struct OrderSpec {
    /// The container holding both.
    pub container: SpecId,
    pub lower: String,
    pub upper: String,
    pub source: String,
}

/// A provider's whole table, compiled.
#[derive(Debug)]
pub struct Schema {
    pub provider: ProviderInfo,
    pub elements: Vec<ElementSpec>,
    pub roots: Vec<SpecId>,
    pub orders: Vec<OrderSpec>,
    /// The Host forms, compiled, with whether the bucket is in the path.
    pub hosts: Vec<(Pattern, bool)>,
    pub namespaces: Vec<Pattern>,
    /// The marker elements.
    pub markers: Vec<SpecId>,
    /// `account_match`'s regex on the ARN, compiled.
    pub arn_account: Option<Pattern>,
    /// `bucket_names.pattern`, compiled.
    pub bucket_name_pattern: Option<Pattern>,
}

impl Schema {
    pub fn spec(&self, id: SpecId) -> &ElementSpec {
        &self.elements[id as usize]
    }

    /// The elements that may appear inside `id`.
    pub fn children(&self, id: SpecId) -> &[SpecId] {
        &self.elements[self.elements[id as usize].content as usize].children
    }

    /// The child element of that name; for a provider that reads names in any case, the
    /// exact name first, then one that differs only in case.
    pub fn child_named(&self, id: SpecId, name: &str) -> Option<SpecId> {
        let children = self.children(id);
        let named = |exact: bool| {
            children.iter().copied().find(|c| {
                let table = self.elements[*c as usize].name.as_str();
                if exact {
                    table == name
                } else {
                    table.eq_ignore_ascii_case(name)
                }
            })
        };
        let ignore_case = self.provider.names_ignore_case.is_some();
        named(true).or_else(|| if ignore_case { named(false) } else { None })
    }

    /// What [`Schema::child_named`] answers, found first by the name's pointer: the
    /// parsers share the tables' names ([`known_name`]) rather than copy them, so a child
    /// the table knows is found without comparing a byte. Any other name is compared as
    /// text, so the answer never depends on where the name came from.
    pub fn child_binding(&self, id: SpecId, name: &str) -> Option<SpecId> {
        let content = &self.elements[self.elements[id as usize].content as usize];
        let same_pointer = content
            .children_known
            .iter()
            .position(|known| known.is_some_and(|known| std::ptr::eq(known, name)));
        match same_pointer {
            Some(at) => Some(content.children[at]),
            None => self.child_named(id, name),
        }
    }

    /// Whether a name as written stands for the table's name (see [`same_name`]).
    pub fn names_match(&self, written: &str, table: &str) -> bool {
        same_name(self.provider.names_ignore_case.is_some(), written, table)
    }

    pub fn root_named(&self, name: &str) -> Option<SpecId> {
        self.roots
            .iter()
            .copied()
            .find(|r| self.elements[*r as usize].name == name)
    }

    /// The element whose children `id` has: itself, or the target of its `same_as`.
    pub fn content(&self, id: SpecId) -> SpecId {
        self.elements[id as usize].content
    }

    pub fn root_names(&self) -> impl Iterator<Item = &str> {
        self.roots
            .iter()
            .map(|r| self.elements[*r as usize].name.as_str())
    }

    /// Whether the provider takes a body in this syntax.
    pub fn takes(&self, format: crate::syntax::tree::Format) -> bool {
        let name = match format {
            crate::syntax::tree::Format::Xml => "xml",
            crate::syntax::tree::Format::Json => "json",
        };
        self.provider.body_formats.is_empty()
            || self.provider.body_formats.iter().any(|f| f == name)
    }

    /// Whether a request with this method must carry the id in its query.
    pub fn id_required_for(&self, method: &str) -> bool {
        match self.provider.id_methods.as_slice() {
            [] => method.eq_ignore_ascii_case("PUT"),
            methods => methods.iter().any(|m| m.eq_ignore_ascii_case(method)),
        }
    }

    /// Whether the table is a variant of another (it is then never told by shape).
    pub fn is_variant(&self) -> bool {
        self.provider.base.is_some()
    }
}

// The registry build.rs writes from `rules/*.toml`: `IDS`, `TABLES` (the TOML, for
// `load` and the table tests), `built::table` (the code that builds each table, which a
// run calls), `SUMMARIES` (what detection reads) and `known_name`.
include!(concat!(env!("OUT_DIR"), "/tables.rs"));

/// What detection needs to know of a table without loading it: its evidence (hosts,
/// namespaces, marker paths, JSON member names, roots) and whom it is for. build.rs
/// writes one per table as static data; the table tests check that each agrees with its
/// table.
#[derive(Debug)]
pub struct Summary {
    pub id: &'static str,
    pub name: &'static str,
    pub base: Option<&'static str>,
    pub host_suffixes: &'static [&'static str],
    /// Regexes, as in the table.
    pub namespaces: &'static [&'static str],
    /// Element paths.
    pub markers: &'static [&'static str],
    /// (JSON member name, the XML element name it stands for).
    pub json_names: &'static [(&'static str, &'static str)],
    pub roots: &'static [&'static str],
    pub names_ignore_case: bool,
}

impl Summary {
    /// Whether the table is a variant of another (it is then never told by shape).
    pub fn is_variant(&self) -> bool {
        self.base.is_some()
    }

    /// Whether a name as written stands for the table's name (see `Schema::names_match`).
    pub fn names_match(&self, written: &str, table: &str) -> bool {
        same_name(self.names_ignore_case, written, table)
    }

    /// The element name a JSON member name stands for, if the table has one.
    pub fn json_name(&self, member: &str) -> Option<&'static str> {
        self.json_names
            .iter()
            .find(|(alias, _)| *alias == member)
            .map(|(_, name)| *name)
    }

    /// The namespace regexes, compiled on first use (only a document with a namespace
    /// needs them).
    pub fn namespace_patterns(&self) -> &'static [Regex] {
        static COMPILED_NAMESPACES: OnceLock<Vec<Vec<Regex>>> = OnceLock::new();
        let all = COMPILED_NAMESPACES.get_or_init(|| {
            SUMMARIES
                .iter()
                .map(|s| {
                    s.namespaces
                        .iter()
                        .map(|n| Regex::new(n).expect("the table tests compile every namespace"))
                        .collect()
                })
                .collect()
        });
        let index = SUMMARIES
            .iter()
            .position(|s| std::ptr::eq(s, self))
            .unwrap_or_default();
        &all[index]
    }
}

/// Every table's summary, in `IDS` order.
pub fn summaries() -> &'static [Summary] {
    SUMMARIES
}

/// The table at `index` of [`summaries`], built on first use and shared by every file of
/// the run. A run loads only the tables its documents are checked against.
pub fn schema(index: usize) -> &'static Schema {
    static LOADED: [OnceLock<Schema>; SUMMARIES.len()] =
        [const { OnceLock::new() }; SUMMARIES.len()];
    LOADED[index].get_or_init(|| {
        // The TOML passed every check in the table tests; the syntax of its patterns is
        // not checked again on every start.
        compile(built::table(index), false).unwrap_or_else(|error| {
            panic!(
                "rules/{}.toml is invalid (the table tests catch this): {error}",
                IDS[index]
            )
        })
    })
}

/// Whether a name as written stands for the table's name: the same, or the same but for
/// case when the provider reads names without regard to case.
fn same_name(ignore_case: bool, written: &str, table: &str) -> bool {
    written == table || (ignore_case && written.eq_ignore_ascii_case(table))
}

/// Every provider's table (each loaded on first use).
pub fn providers() -> impl Iterator<Item = &'static Schema> + Clone {
    (0..SUMMARIES.len()).map(schema)
}

/// A provider's table by its id (a table's file name in `rules/`).
pub fn by_id(id: &str) -> Option<&'static Schema> {
    SUMMARIES.iter().position(|s| s.id == id).map(schema)
}

/// Why a table was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError(pub String);

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parses and checks a table: unknown keys refused, every parent declared, regexes
/// compiled, bounds ordered, enums non-empty, `same_as` targets present. A variant's base
/// is looked up among the registry's tables.
pub fn load(text: &str) -> Result<Schema, TableError> {
    compile(whole_table(text)?, true)
}

/// A table's TOML as the whole table: a variant filled in from its base in the registry.
fn whole_table(text: &str) -> Result<TableFile, TableError> {
    let value: toml::Value = toml::from_str(text).map_err(|e| TableError(e.to_string()))?;
    let whole = raw::resolve(value, |base| {
        let (_, text) = TABLES.iter().find(|(id, _)| *id == base)?;
        toml::from_str(text).ok()
    })
    .map_err(TableError)?;
    whole
        .try_into()
        .map_err(|e: toml::de::Error| TableError(e.to_string()))
}

/// Builds a schema from a table and checks it; `check_patterns` also checks the syntax of
/// its regular expressions.
fn compile(file: TableFile, check_patterns: bool) -> Result<Schema, TableError> {
    let mut elements: Vec<ElementSpec> = Vec::with_capacity(file.element.len());
    let mut same_as: Vec<Option<String>> = Vec::with_capacity(file.element.len());
    let mut seen = HashSet::new();
    for entry in file.element {
        let path = entry.path.clone();
        let fail = |what: String| TableError(format!("{path}: {what}"));
        if !seen.insert(path.clone()) {
            return Err(fail("declared twice".into()));
        }
        check_entry(&entry).map_err(fail)?;
        let pattern = match &entry.pattern {
            Some(p) => Some(
                Pattern::new(p, check_patterns).map_err(|e| fail(format!("bad pattern: {e}")))?,
            ),
            None => None,
        };
        let compile_optional = |pattern: Option<&str>, what: &str| match pattern {
            Some(p) => Pattern::new(p, check_patterns)
                .map(Some)
                .map_err(|e| fail(format!("bad {what} pattern: {e}"))),
            None => Ok(None),
        };
        let bucket_form = compile_optional(
            entry.bucket_form.as_ref().map(|f| f.pattern.as_str()),
            "bucket_form",
        )?;
        let extra_values = compile_optional(
            entry.extra_values.as_ref().map(|f| f.pattern.as_str()),
            "extra_values",
        )?;
        let name = path.rsplit('/').next().unwrap_or(&path).to_string();
        same_as.push(entry.same_as.clone());
        elements.push(ElementSpec {
            undocumented_list: entry
                .undocumented_values
                .iter()
                .map(|(value, reason)| (value.clone(), reason.clone()))
                .collect(),
            name,
            pattern,
            bucket_form_regex: bucket_form,
            extra_values_regex: extra_values,
            entry,
            // A table has a few hundred elements at most: an index fits in 32 bits.
            content: elements.len() as SpecId,
            children: Vec::new(),
            children_known: Vec::new(),
        });
    }
    let index: std::collections::HashMap<String, SpecId> = elements
        .iter()
        .enumerate()
        .map(|(id, e)| (e.path.clone(), id as SpecId))
        .collect();
    let find = |path: &str| index.get(path).copied();
    let mut roots = Vec::new();
    let mut links = Vec::new();
    for (id, element) in elements.iter().enumerate() {
        let id = id as SpecId;
        match element.path.rsplit_once('/') {
            None => roots.push(id),
            Some((parent, _)) => {
                let parent_id = find(parent).ok_or_else(|| {
                    TableError(format!(
                        "{}: parent `{parent}` is not declared",
                        element.path
                    ))
                })?;
                if elements[parent_id as usize].kind != ValueKind::Container {
                    return Err(TableError(format!(
                        "{}: parent `{parent}` is not a container",
                        element.path
                    )));
                }
                links.push((parent_id, id));
            }
        }
    }
    for (parent, child) in links {
        let known = known_name(&elements[child as usize].name);
        let parent = &mut elements[parent as usize];
        parent.children.push(child);
        parent.children_known.push(known);
    }
    for (id, target) in same_as.iter().enumerate() {
        let Some(target) = target else { continue };
        let target_id = find(target).ok_or_else(|| {
            TableError(format!(
                "{}: same_as `{target}` is not declared",
                elements[id].path
            ))
        })?;
        if !elements[id].children.is_empty() {
            return Err(TableError(format!(
                "{}: an element with same_as cannot declare children of its own",
                elements[id].path
            )));
        }
        elements[id].content = target_id;
    }
    if roots.is_empty() {
        return Err(TableError("the table declares no document root".into()));
    }
    for element in &elements {
        if let Some(region) = element
            .regions
            .iter()
            .find(|r| !file.provider.regions.contains(r))
        {
            return Err(TableError(format!(
                "{}: region `{region}` is not in the provider's region list",
                element.path
            )));
        }
        if let Some(condition) = &element.requires_value
            && find(&format!("InventoryConfiguration/{}", condition.path)).is_none()
        {
            return Err(TableError(format!(
                "{}: requires_value names `{}`, which is not an element of the configuration",
                element.path, condition.path
            )));
        }
        let parent = element.path.rsplit_once('/').map(|(p, _)| p);
        for condition in [&element.requires, &element.required_when]
            .into_iter()
            .flatten()
        {
            let sibling = parent.map(|p| format!("{p}/{}", condition.element));
            if sibling.as_deref().and_then(find).is_none() {
                return Err(TableError(format!(
                    "{}: the condition names `{}`, which is not a sibling",
                    element.path, condition.element
                )));
            }
        }
    }
    let mut orders = Vec::with_capacity(file.order.len());
    for entry in file.order {
        let fail =
            |what: &str| TableError(format!("order {} <= {}: {what}", entry.lower, entry.upper));
        let (Some(lower), Some(upper)) = (find(&entry.lower), find(&entry.upper)) else {
            return Err(fail("both paths must be declared elements"));
        };
        if [lower, upper]
            .iter()
            .any(|id| elements[*id as usize].kind != ValueKind::Integer)
        {
            return Err(fail("both elements must be integers"));
        }
        let (Some((lower_parent, _)), Some((upper_parent, _))) =
            (entry.lower.rsplit_once('/'), entry.upper.rsplit_once('/'))
        else {
            return Err(fail("a root cannot be ordered"));
        };
        if lower_parent != upper_parent {
            return Err(fail("both elements must be in the same container"));
        }
        orders.push(OrderSpec {
            container: find(lower_parent).expect("parents were checked above"),
            lower: elements[lower as usize].name.clone(),
            upper: elements[upper as usize].name.clone(),
            source: entry.source,
        });
    }
    let regex = |pattern: &str, what: &str| {
        Pattern::new(pattern, check_patterns)
            .map_err(|e| TableError(format!("provider {what} `{pattern}`: {e}")))
    };
    let mut hosts = Vec::new();
    for host in &file.provider.hosts {
        hosts.push((regex(&host.pattern, "host")?, host.bucket_from_path));
    }
    let namespaces = file
        .provider
        .namespaces
        .iter()
        .map(|p| regex(p, "namespace"))
        .collect::<Result<Vec<_>, _>>()?;
    let markers = file
        .provider
        .markers
        .iter()
        .map(|m| {
            find(m).ok_or_else(|| TableError(format!("marker `{m}` is not a declared element")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(overlap) = &file.provider.prefix_overlap
        && find(&overlap.path).is_none()
    {
        return Err(TableError(format!(
            "prefix_overlap path `{}` is not declared",
            overlap.path
        )));
    }
    let arn_account = match &file.provider.account_match {
        Some(matched) => {
            if check_patterns {
                let compiled = Regex::new(&matched.arn_account).map_err(|e| {
                    TableError(format!("account_match `{}`: {e}", matched.arn_account))
                })?;
                if !compiled.capture_names().flatten().any(|n| n == "account") {
                    return Err(TableError(format!(
                        "account_match `{}` has no group named `account`",
                        matched.arn_account
                    )));
                }
            }
            Some(regex(&matched.arn_account, "account_match")?)
        }
        None => None,
    };
    let names = &file.provider.bucket_names;
    if names.pattern.is_some() != names.pattern_description.is_some() {
        return Err(TableError(
            "bucket_names: a pattern needs a pattern_description, which messages show".into(),
        ));
    }
    let bucket_name_pattern = match &names.pattern {
        Some(p) => Some(regex(p, "bucket_names pattern")?),
        None => None,
    };
    if let Some(format) = file
        .provider
        .body_formats
        .iter()
        .find(|f| *f != "xml" && *f != "json")
    {
        return Err(TableError(format!(
            "body_formats: `{format}` is neither `xml` nor `json`"
        )));
    }
    if !file.provider.body_formats.is_empty() && file.provider.body_formats_source.is_none() {
        return Err(TableError(
            "body_formats needs a body_formats_source".into(),
        ));
    }
    if check_patterns {
        for element in &elements {
            if let Some(form) = &element.bucket_form_regex {
                let compiled = Regex::new(&form.source).map_err(|e| TableError(e.to_string()))?;
                if !compiled.capture_names().flatten().any(|n| n == "bucket") {
                    return Err(TableError(format!(
                        "{}: bucket_form `{}` has no group named `bucket`",
                        element.path, form.source
                    )));
                }
            }
        }
    }
    Ok(Schema {
        provider: file.provider,
        elements,
        roots,
        orders,
        hosts,
        namespaces,
        markers,
        arn_account,
        bucket_name_pattern,
    })
}

fn check_entry(entry: &ElementEntry) -> Result<(), String> {
    if entry.path.is_empty() || entry.path.split('/').any(str::is_empty) {
        return Err("the path has an empty step".into());
    }
    if entry.source.trim().is_empty() {
        return Err("every fact needs a source".into());
    }
    let is_enum = entry.kind == ValueKind::Enum;
    if is_enum && entry.values.is_empty() {
        return Err("an enum needs at least one value".into());
    }
    if !is_enum && !entry.values.is_empty() {
        return Err("values are only for enums".into());
    }
    if let (Some(lo), Some(hi)) = (entry.min, entry.max)
        && lo > hi
    {
        return Err(format!("min {lo} is above max {hi}"));
    }
    if let (Some(lo), Some(hi)) = (entry.min_length, entry.max_length)
        && lo > hi
    {
        return Err(format!("min_length {lo} is above max_length {hi}"));
    }
    if (entry.min.is_some() || entry.max.is_some()) && entry.kind != ValueKind::Integer {
        return Err("min and max are only for integers".into());
    }
    if entry.pattern.is_some() != entry.pattern_description.is_some() {
        return Err("a pattern needs a pattern_description, which messages show".into());
    }
    if entry.same_as.is_some() && entry.kind != ValueKind::Container {
        return Err("same_as is only for containers".into());
    }
    let container_only =
        entry.one_of || entry.text_ignored.is_some() || entry.empty_warning.is_some();
    if container_only && entry.kind != ValueKind::Container {
        return Err("one_of, text_ignored and empty_warning are only for containers".into());
    }
    let enum_only = entry.separator.is_some()
        || !entry.exclusive_values.is_empty()
        || !entry.undocumented_values.is_empty();
    if enum_only && !is_enum {
        return Err(
            "separator, exclusive_values and undocumented_values are only for enums".into(),
        );
    }
    if let Some(value) = entry
        .exclusive_values
        .iter()
        .find(|v| !entry.values.contains(v))
    {
        return Err(format!(
            "exclusive value `{value}` is not one of the values"
        ));
    }
    if let Some(value) = entry
        .undocumented_values
        .keys()
        .find(|v| entry.values.contains(v))
    {
        return Err(format!(
            "`{value}` is both a value and an undocumented value"
        ));
    }
    if entry.past && entry.kind != ValueKind::Integer {
        return Err("past is only for integer timestamps".into());
    }
    if entry.extra_values.is_some() && !is_enum {
        return Err("extra_values are only for enums".into());
    }
    if entry.bucket_form.is_some() && entry.bucket_arn_prefix.is_some() {
        return Err("a bucket has either a bucket_form or a bucket_arn_prefix".into());
    }
    if entry.bucket_form.is_some() && entry.kind != ValueKind::String {
        return Err("bucket_form is only for strings".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "[provider]\nid = \"t\"\nname = \"Test\"\nid_parameter = \"id\"\nid_parameter_source = \"s\"\nhost_suffixes = []\nmax_configurations = 10\nmax_configurations_source = \"s\"\nbucket_names = { min_length = 3, max_length = 63, characters = \"abc\", describe = \"d\", source = \"s\" }\n";

    fn table(elements: &str) -> Result<Schema, TableError> {
        load(&format!("{HEAD}{elements}"))
    }

    #[test]
    fn the_oss_table_loads_and_every_parent_is_declared() {
        let schema = load(include_str!("../rules/oss.toml")).unwrap();
        assert_eq!(schema.provider.id, "oss");
        let roots: Vec<_> = schema.root_names().collect();
        assert_eq!(
            roots,
            [
                "InventoryConfiguration",
                "ListInventoryConfigurationsResult"
            ]
        );
        let list = schema
            .root_named("ListInventoryConfigurationsResult")
            .unwrap();
        let item = schema.child_named(list, "InventoryConfiguration").unwrap();
        assert!(schema.child_named(item, "Destination").is_some());
    }

    #[test]
    fn the_code_build_rs_writes_builds_each_table_as_its_toml_says() {
        // Debug shows every field, so two tables that print alike hold the same data.
        for (index, (id, text)) in TABLES.iter().enumerate() {
            let from_toml = format!("{:?}", whole_table(text).unwrap());
            let built = format!("{:?}", built::table(index));
            assert_eq!(built, from_toml, "rules/{id}.toml");
        }
    }

    #[test]
    fn the_registry_holds_every_table_and_no_two_claim_the_same_evidence() {
        let files: Vec<(String, TableFile)> = TABLES
            .iter()
            .map(|(id, text)| (id.to_string(), whole_table(text).unwrap()))
            .collect();
        let claims: Vec<(&str, &TableFile)> =
            files.iter().map(|(id, t)| (id.as_str(), t)).collect();
        assert_eq!(raw::check_claims(&claims), Ok(()));
        assert_eq!(IDS.len(), providers().count());
        // Each summary says what its table says.
        for (summary, schema) in SUMMARIES.iter().zip(providers()) {
            let provider = &schema.provider;
            assert_eq!(summary.id, provider.id);
            assert_eq!(summary.name, provider.name);
            assert_eq!(summary.base, provider.base.as_deref());
            assert_eq!(summary.host_suffixes, provider.host_suffixes);
            assert_eq!(summary.namespaces, provider.namespaces);
            assert_eq!(summary.markers, provider.markers);
            let names: Vec<(&str, &str)> = provider
                .json_names
                .iter()
                .map(|(a, n)| (a.as_str(), n.as_str()))
                .collect();
            assert_eq!(summary.json_names, names);
            assert_eq!(summary.roots, schema.root_names().collect::<Vec<_>>());
            assert_eq!(
                summary.names_ignore_case,
                provider.names_ignore_case.is_some()
            );
            for element in &schema.elements {
                assert_eq!(known_name(&element.name), Some(element.name.as_str()));
            }
            // Binding by pointer gives what binding by text gives, for a name shared from
            // the tables, a copy of it, and a name in another case.
            for id in 0..schema.elements.len() as SpecId {
                for &child in schema.children(id) {
                    let name = &schema.spec(child).name;
                    let shared = known_name(name).unwrap();
                    let copy = name.clone();
                    let other_case = name.to_ascii_lowercase();
                    for written in [shared, copy.as_str(), other_case.as_str()] {
                        assert_eq!(
                            schema.child_binding(id, written),
                            schema.child_named(id, written),
                            "{}: `{written}`",
                            provider.id
                        );
                    }
                    assert_eq!(schema.child_binding(id, shared), Some(child));
                }
            }
            // The rules take a child bound to an element as one whose name stands for it
            // (`names_match`); that holds while no two children differ only in case.
            for (id, element) in schema.elements.iter().enumerate() {
                let children = schema.children(id as SpecId);
                for (n, a) in children.iter().enumerate() {
                    for b in &children[n + 1..] {
                        let (a, b) = (&schema.spec(*a).name, &schema.spec(*b).name);
                        assert!(
                            !a.eq_ignore_ascii_case(b),
                            "{}: `{a}` and `{b}` in `{}`",
                            provider.id,
                            element.name
                        );
                    }
                }
            }
        }
        for id in IDS {
            assert_eq!(by_id(id).map(|s| s.provider.id.as_str()), Some(*id));
        }
        // Each kind of clash is refused: the same marker, the same namespace, or a host
        // suffix that ends in another's.
        let table = |provider: ProviderInfo| TableFile {
            provider,
            element: Vec::new(),
            order: Vec::new(),
        };
        // Two tables of their own (a variant claims no markers or namespace).
        let mut own = files.iter().filter(|(_, t)| t.provider.base.is_none());
        let (first, second) = (
            &own.next().unwrap().1.provider,
            &own.next().unwrap().1.provider,
        );
        let mut marker = second.clone();
        marker.markers.push(first.markers[0].clone());
        let mut namespace = second.clone();
        namespace.namespaces = first.namespaces.clone();
        namespace.namespaces.push("^urn:shared$".into());
        let mut with_first_namespace = first.clone();
        with_first_namespace.namespaces.push("^urn:shared$".into());
        let mut suffix = second.clone();
        suffix
            .host_suffixes
            .push(format!("eu.{}", first.host_suffixes[0]));
        for (left, right) in [
            (first.clone(), marker),
            (with_first_namespace, namespace),
            (first.clone(), suffix),
        ] {
            let (left, right) = (table(left), table(right));
            assert!(raw::check_claims(&[("a", &left), ("b", &right)]).is_err());
        }
    }

    #[test]
    fn every_table_compiles_every_pattern_and_hosts_name_only_known_groups() {
        for (id, text) in TABLES {
            let schema = load(text).unwrap_or_else(|e| panic!("rules/{id}.toml: {e}"));
            for spec in &schema.elements {
                if let Some(pattern) = &spec.pattern {
                    assert!(Regex::new(&pattern.source).is_ok(), "{id}: {}", spec.path);
                }
            }
            for pattern in &schema.namespaces {
                assert!(
                    Regex::new(&pattern.source).is_ok(),
                    "{id}: {}",
                    pattern.source
                );
            }
            for (pattern, _) in &schema.hosts {
                let compiled = Regex::new(&pattern.source).unwrap();
                let names: Vec<&str> = compiled.capture_names().flatten().collect();
                assert!(
                    names.iter().all(|n| *n == "bucket" || *n == "region"),
                    "{id}: host `{}` has groups {names:?}; only bucket and region are read",
                    pattern.source
                );
            }
        }
    }

    #[test]
    fn unknown_keys_are_refused() {
        let error = table(
            "[[element]]\npath = \"A\"\ntype = \"container\"\nsource = \"s\"\nrequierd = true\n",
        );
        assert!(error.unwrap_err().0.contains("requierd"));
    }

    #[test]
    fn an_undeclared_parent_is_refused() {
        let error = table("[[element]]\npath = \"A/B\"\ntype = \"string\"\nsource = \"s\"\n");
        assert!(error.unwrap_err().0.contains("parent `A` is not declared"));
    }

    #[test]
    fn a_bad_regex_is_refused() {
        let error = table(
            "[[element]]\npath = \"A\"\ntype = \"string\"\nsource = \"s\"\npattern = \"([a-z\"\npattern_description = \"x\"\n",
        );
        assert!(error.unwrap_err().0.contains("bad pattern"));
    }

    #[test]
    fn unordered_bounds_are_refused() {
        let error = table(
            "[[element]]\npath = \"A\"\ntype = \"integer\"\nsource = \"s\"\nmin = 5\nmax = 1\n",
        );
        assert!(error.unwrap_err().0.contains("min 5 is above max 1"));
        let error = table(
            "[[element]]\npath = \"A\"\ntype = \"string\"\nsource = \"s\"\nmin_length = 5\nmax_length = 1\n",
        );
        assert!(error.unwrap_err().0.contains("min_length 5"));
    }

    #[test]
    fn an_order_between_containers_or_non_integers_is_refused() {
        let elements = "[[element]]\npath = \"A\"\ntype = \"container\"\nsource = \"s\"\n[[element]]\npath = \"A/L\"\ntype = \"integer\"\nsource = \"s\"\n[[element]]\npath = \"A/S\"\ntype = \"string\"\nsource = \"s\"\n";
        let error = table(&format!(
            "{elements}[[order]]\nlower = \"A/L\"\nupper = \"A/S\"\nsource = \"s\"\n"
        ));
        assert!(error.unwrap_err().0.contains("must be integers"));
        let error = table(&format!(
            "{elements}[[order]]\nlower = \"A/L\"\nupper = \"A/X\"\nsource = \"s\"\n"
        ));
        assert!(error.unwrap_err().0.contains("must be declared"));
    }

    #[test]
    fn an_empty_enum_is_refused() {
        let error = table("[[element]]\npath = \"A\"\ntype = \"enum\"\nsource = \"s\"\n");
        assert!(error.unwrap_err().0.contains("at least one value"));
    }

    #[test]
    fn a_fact_without_a_source_is_refused() {
        let error = table("[[element]]\npath = \"A\"\ntype = \"string\"\nsource = \" \"\n");
        assert!(error.unwrap_err().0.contains("source"));
    }

    // The table features COS, TOS and the S3 variants brought, each on a table of its own,
    // so that no provider's data stands in for the format's behaviour.

    const FEATURES: &str = r#"
[[element]]
path = "InventoryConfiguration"
type = "container"
source = "s"
[[element]]
path = "InventoryConfiguration/Enabled"
type = "boolean"
required = true
not_in_request = { method = "POST", reason = "one-time requests take no Enabled" }
source = "s"
[[element]]
path = "InventoryConfiguration/Tag"
type = "string"
repeated = true
requires_value = { path = "Fields/Field", value = "Tag", reason = "tags need the Tag field" }
source = "s"
[[element]]
path = "InventoryConfiguration/Fields"
type = "container"
source = "s"
[[element]]
path = "InventoryConfiguration/Fields/Field"
type = "enum"
repeated = true
values = ["Size", "Tag"]
extra_values = { pattern = '^meta-.+$', description = "a field `meta-<name>`" }
source = "s"
[[element]]
path = "InventoryConfiguration/Bucket"
type = "string"
bucket_form = { pattern = '^res::(?P<region>[a-z]+)::(?P<bucket>.+)$', shown = "res::<region>::<bucket>" }
source = "s"
"#;

    fn features(provider_lines: &str) -> Schema {
        let head = HEAD.replace(
            "bucket_names = { min_length = 3, max_length = 63, characters = \"abc\", describe = \"d\", source = \"s\" }",
            "bucket_names = { min_length = 3, max_length = 63, characters = \"abcdefghijklmnopqrstuvwxyz0123456789-\", pattern = '^[a-z0-9-]+-[0-9]+$', pattern_description = \"a name ending in a number\", reserved_prefixes = [\"xn--\"], describe = \"d\", source = \"s\" }",
        );
        load(&format!("{head}{provider_lines}\n{FEATURES}")).unwrap()
    }

    /// Every finding of every rule on a document, as `CODE message`.
    fn findings(schema: &Schema, text: &str) -> Vec<String> {
        let source = crate::source::SourceFile::new("t", text.to_string());
        let parsed = crate::syntax::parse(&source, &known_name).unwrap();
        let options = crate::LintOptions::default();
        let context = crate::checks::Context::new(&source, &parsed, schema, &options);
        let mut found: Vec<String> = crate::checks::run(&context, crate::checks::ALL_RULES)
            .iter()
            .map(|d| format!("{} {}", d.rule.code, d.message))
            .collect();
        found.sort();
        found
    }

    #[test]
    fn the_table_features_behave_on_a_table_of_their_own() {
        let schema = features("");
        let clean = "<InventoryConfiguration><Enabled>true</Enabled><Tag>a</Tag><Fields><Field>Tag</Field><Field>meta-owner</Field></Fields><Bucket>res::eu::logs-12</Bucket></InventoryConfiguration>";
        assert_eq!(findings(&schema, clean), Vec::<String>::new());
        let mistakes = "<InventoryConfiguration><enabled>true</enabled><Tag>a</Tag><Tag>b</Tag><Fields><Field>Size</Field><Field>other</Field></Fields><Bucket>res::eu::xn--logs-12</Bucket></InventoryConfiguration>";
        assert_eq!(
            findings(&schema, mistakes),
            [
                "INV002 missing required element `Enabled` in `InventoryConfiguration`",
                "INV003 unknown element `enabled` in `InventoryConfiguration`",
                "INV005 `other` is not a valid Field; expected `Size` or `Tag`, or a field `meta-<name>`",
                "INV017 `Tag` needs `Fields/Field` to include `Tag`, and it does not",
                "INV022 `xn--logs-12` is not a valid bucket name: it starts with `xn--`, which is reserved",
            ]
        );
        let forms = |bucket: &str| {
            findings(
                &schema,
                &format!(
                    "<InventoryConfiguration><Enabled>true</Enabled><Bucket>{bucket}</Bucket></InventoryConfiguration>"
                ),
            )
        };
        assert_eq!(
            forms("logs-12"),
            ["INV022 `logs-12` is a bare bucket name; Test expects `res::<region>::<bucket>`"]
        );
        assert_eq!(
            forms("res::eu::logs"),
            ["INV022 `logs` is not a valid bucket name: it is not a name ending in a number"]
        );
        // A request kind that forbids an element waives its requirement too.
        let post = "POST /?id=x HTTP/1.1\nHost: h\n\n<InventoryConfiguration><Enabled>true</Enabled></InventoryConfiguration>";
        assert_eq!(
            findings(&schema, post),
            ["INV015 `Enabled` is not allowed in a POST request"]
        );
        let post = "POST /?id=x HTTP/1.1\nHost: h\n\n<InventoryConfiguration/>";
        assert_eq!(findings(&schema, post), Vec::<String>::new());
        // Without an id method list only a PUT must carry the id; with one, those methods.
        let without_id = "POST / HTTP/1.1\nHost: h\n\n<InventoryConfiguration/>";
        assert_eq!(findings(&schema, without_id), Vec::<String>::new());
        let schema = features("id_methods = [\"PUT\", \"POST\"]");
        assert_eq!(
            findings(&schema, without_id),
            ["INV021 the POST request has no `id` in its query"]
        );
    }

    #[test]
    fn names_in_another_case_and_string_booleans_are_warnings_only_where_the_table_says() {
        let document = r#"{"enabled": "true", "Fields": {"Field": ["Size"]}}"#;
        let strict = features("");
        assert_eq!(
            findings(&strict, document),
            [
                "INV002 missing required element `Enabled` in `InventoryConfiguration`",
                "INV003 unknown element `enabled` in `InventoryConfiguration`",
            ]
        );
        let lenient = features(
            "names_ignore_case = \"read in any case\"\nstring_booleans = \"samples quote them\"",
        );
        assert_eq!(
            findings(&lenient, document),
            [
                "INV010 `\"true\"` is a string; `Enabled` is a boolean, written `true` without quotes",
                "INV037 `enabled` is documented as `Enabled`",
            ]
        );
    }

    #[test]
    fn a_body_in_a_syntax_the_table_does_not_take_is_a_finding() {
        let json_only: &'static Schema = Box::leak(Box::new(features(
            "body_formats = [\"json\"]\nbody_formats_source = \"its API is JSON\"",
        )));
        let either: &'static Schema = Box::leak(Box::new(features("")));
        let refused = |schema: &'static Schema, text: &str| {
            let source = crate::source::SourceFile::new("t", text.to_string());
            let parsed = crate::syntax::parse(&source, &known_name).unwrap();
            let choice = crate::detect::Choice {
                schema,
                reason: crate::detect::Reason::Given("test".into()),
            };
            crate::detect::syntax_refused(&choice, &parsed.document).map(|d| d.message)
        };
        let xml = "<InventoryConfiguration><Enabled>true</Enabled></InventoryConfiguration>";
        let json = r#"{"Enabled": true}"#;
        assert_eq!(
            refused(json_only, xml).as_deref(),
            Some("the document is XML, but Test takes only JSON bodies")
        );
        assert_eq!(refused(json_only, json), None);
        assert_eq!(refused(either, xml), None);
        assert_eq!(refused(either, json), None);
    }

    #[test]
    fn the_new_keys_are_checked_on_load() {
        let refused = |provider_lines: &str, elements: &str| {
            load(&format!("{HEAD}{provider_lines}\n{elements}"))
                .unwrap_err()
                .0
        };
        let root = "[[element]]\npath = \"InventoryConfiguration\"\ntype = \"container\"\nsource = \"s\"\n";
        assert!(
            refused(
                "body_formats = [\"yaml\"]\nbody_formats_source = \"s\"",
                root
            )
            .contains("`yaml`")
        );
        assert!(refused("body_formats = [\"json\"]", root).contains("body_formats_source"));
        let element = |extra: &str, kind: &str| {
            format!(
                "{root}[[element]]\npath = \"InventoryConfiguration/A\"\ntype = \"{kind}\"\nsource = \"s\"\n{extra}\n"
            )
        };
        assert!(
            refused(
                "",
                &element(
                    "extra_values = { pattern = 'x', description = 'd' }",
                    "string"
                )
            )
            .contains("only for enums")
        );
        assert!(
            refused(
                "",
                &element("bucket_form = { pattern = '^x$', shown = 'x' }", "string")
            )
            .contains("group named `bucket`")
        );
        assert!(
            refused(
                "",
                &element(
                    "requires_value = { path = \"B\", value = \"v\", reason = \"r\" }",
                    "string"
                )
            )
            .contains("not an element of the configuration")
        );
    }

    #[test]
    fn a_variant_is_its_base_with_its_own_facts_over_it() {
        let base: toml::Value = toml::from_str(&format!(
            "{HEAD}markers = [\"InventoryConfiguration/A\"]\n[[element]]\npath = \"InventoryConfiguration\"\ntype = \"container\"\nsource = \"s\"\n[[element]]\npath = \"InventoryConfiguration/A\"\ntype = \"enum\"\nvalues = [\"x\"]\nsource = \"base\"\n"
        ))
        .unwrap();
        let variant: toml::Value = toml::from_str(
            "[provider]\nid = \"v\"\nname = \"Variant\"\nbase = \"t\"\nhost_suffixes = [\"v.example\"]\n[[element]]\npath = \"InventoryConfiguration/A\"\ntype = \"enum\"\nvalues = [\"x\", \"y\"]\nsource = \"variant\"\n[[element]]\npath = \"InventoryConfiguration/B\"\ntype = \"string\"\nsource = \"variant\"\n",
        )
        .unwrap();
        let whole = raw::resolve(variant.clone(), |id| (id == "t").then(|| base.clone())).unwrap();
        let file: TableFile = whole.try_into().unwrap();
        assert_eq!(file.provider.id, "v");
        assert_eq!(file.provider.base.as_deref(), Some("t"));
        assert_eq!(
            file.provider.max_configurations, 10,
            "the base's facts fill in"
        );
        assert!(
            file.provider.markers.is_empty(),
            "a variant claims no shape"
        );
        let paths: Vec<(&str, &str)> = file
            .element
            .iter()
            .map(|e| (e.path.as_str(), e.source.as_str()))
            .collect();
        assert_eq!(
            paths,
            [
                ("InventoryConfiguration", "s"),
                ("InventoryConfiguration/A", "variant"),
                ("InventoryConfiguration/B", "variant"),
            ]
        );
        assert!(
            raw::resolve(variant.clone(), |_| None)
                .unwrap_err()
                .contains("no table")
        );
        let nested = raw::resolve(variant.clone(), |_| Some(variant.clone()));
        assert!(nested.unwrap_err().contains("itself a variant"));
    }
}
