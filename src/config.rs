//! `invlint.toml`: found from each checked file's directory upward (the nearest wins), or
//! named with `--config`. It sets the provider, region and bucket (with per-path
//! overrides), which files a directory walk picks, which rules run and at what severity,
//! the exit threshold, and suppressions for JSON documents. A mistake in it is a finding
//! with its span in the file, like any other, and stops the run (exit 2).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::checks::{ALL_RULES, Rule, config as config_rule, find_rule};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::report::FileReport;
use crate::source::SourceFile;

/// The name of the configuration file.
pub const FILE_NAME: &str = "invlint.toml";

/// The largest configuration file invlint reads. Real ones are a few kilobytes; the bound
/// keeps `--config /dev/zero`-like mistakes and hostile files from exhausting memory.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// A loaded configuration.
#[derive(Debug)]
pub struct Config {
    /// The file, and the directory its globs are relative to.
    pub path: PathBuf,
    pub dir: PathBuf,
    pub source: SourceFile,
    provider: Option<String>,
    region: Option<String>,
    bucket: Option<String>,
    include: Option<GlobSet>,
    exclude: GlobSet,
    severities: Vec<(&'static Rule, Option<Severity>, Span)>,
    fail_on: Option<Severity>,
    overrides: Vec<Override>,
    pub suppressions: Vec<ConfigSuppression>,
    /// The rules that run under this configuration, worked out once from `select`,
    /// `ignore` and the severities that are `off`.
    rules: std::sync::Arc<[&'static Rule]>,
}

#[derive(Debug)]
struct Override {
    patterns: Vec<String>,
    globs: GlobSet,
    provider: Option<String>,
    region: Option<String>,
    bucket: Option<String>,
}

/// An `ignore` entry with a path glob and a pointer: it silences rules in the elements
/// under the pointer, in the files the glob matches.
#[derive(Debug)]
pub struct ConfigSuppression {
    pub glob: GlobSet,
    pub pointer: String,
    pub rules: Vec<&'static Rule>,
    /// The entry in the configuration file.
    pub span: Span,
}

/// A value a configuration sets, and where it set it (shown by `--show-config` and in the
/// JSON output).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub from: String,
}

/// The settings for one file, each with where it came from.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub provider: Option<Setting<String>>,
    pub region: Option<Setting<String>>,
    pub bucket: Option<Setting<String>>,
    pub rules: std::sync::Arc<[&'static Rule]>,
    pub severities: Vec<(&'static Rule, Severity)>,
    pub fail_on: Option<Setting<Severity>>,
    /// The configuration file the rules come from; `None` when no file applies, and then
    /// every rule runs.
    pub origin: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    provider: Option<Spanned<String>>,
    region: Option<String>,
    bucket: Option<String>,
    include: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    /// Rule codes or names, and suppression tables; read by hand, since serde's untagged
    /// enums lose the spans that findings need.
    #[serde(default)]
    ignore: Vec<Spanned<toml::Value>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(alias = "fail_on")]
    fail_on: Option<Spanned<String>>,
    #[serde(default, rename = "override")]
    overrides: Vec<RawOverride>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSuppression {
    path: String,
    #[serde(default = "root_pointer")]
    pointer: String,
    rules: Vec<String>,
    reason: String,
}

fn root_pointer() -> String {
    "/".to_string()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    paths: Vec<Spanned<String>>,
    provider: Option<Spanned<String>>,
    region: Option<String>,
    bucket: Option<String>,
}

/// Loads and checks a configuration file. Its mistakes come back as a report on the file.
pub fn load(path: &Path) -> Result<Config, Box<FileReport>> {
    let name = crate::escape::path_name(path);
    // Read like a document: its type checked before a read can block, and capped.
    let bytes = crate::files::read_at_most(path, MAX_CONFIG_BYTES)
        .map_err(|reason| Box::new(crate::unreadable(&name, &reason)))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Box::new(crate::unreadable(&name, "it is not valid UTF-8")))?;
    from_text(path, text)
}

/// Checks a configuration's text as if it were the file at `path` (which names it, and
/// whose directory its globs are relative to).
pub fn from_text(path: &Path, text: String) -> Result<Config, Box<FileReport>> {
    let name = crate::escape::path_name(path);
    let mut source = SourceFile::new(name, text);
    source.path = std::env::current_dir()
        .ok()
        .map(|cwd| crate::files::normalized(&cwd.join(path)));
    let mut problems = Vec::new();
    let raw: RawConfig = match toml::from_str(&source.text) {
        Ok(raw) => raw,
        Err(error) => {
            let span = error.span().map_or(Span::empty(0), Span::from);
            let message = error.message().to_string();
            problems.push(Diagnostic::new(
                &config_rule::RULE,
                span,
                format!("invalid configuration: {message}"),
            ));
            return Err(Box::new(report(source, problems)));
        }
    };
    let selected = raw.select.as_ref().map(|names| {
        names
            .iter()
            .filter_map(|n| check_rule(n, &mut problems))
            .collect()
    });
    let mut ignored = Vec::new();
    let mut raw_suppressions = Vec::new();
    for entry in &raw.ignore {
        let span = Span::from(entry.span());
        match entry.get_ref() {
            toml::Value::String(name) => {
                ignored.extend(check_rule(&Spanned::new(entry.span(), name.clone()), &mut problems));
            }
            toml::Value::Table(table) => match table.clone().try_into::<RawSuppression>() {
                Ok(suppression) => raw_suppressions.push((suppression, span)),
                Err(error) => problems.push(Diagnostic::new(
                    &config_rule::RULE,
                    span,
                    format!("invalid ignore entry: {}", error.message()),
                )),
            },
            _ => problems.push(
                Diagnostic::new(&config_rule::RULE, span, "an ignore entry is a rule code or name, or a table")
                    .with_help("write `ignore = [\"INV010\"]`, or `[[ignore]]` with path, pointer, rules and reason"),
            ),
        }
    }
    let mut severities = Vec::new();
    for (name, level) in &raw.severity {
        let Some(rule) = check_rule(name, &mut problems) else {
            continue;
        };
        let value = match level.get_ref().as_str() {
            "off" => None,
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            other => {
                problems.push(
                    Diagnostic::new(
                        &config_rule::RULE,
                        Span::from(level.span()),
                        format!("`{other}` is not a severity"),
                    )
                    .with_help("expected `off`, `info`, `warning` or `error`"),
                );
                continue;
            }
        };
        severities.push((rule, value, Span::from(level.span())));
    }
    let mut suppressions = Vec::new();
    for (inner, span) in raw_suppressions {
        let spanned = |text: &str| Spanned::new(span.range(), text.to_string());
        let rules: Vec<&'static Rule> = inner
            .rules
            .iter()
            .filter_map(|n| check_rule(&spanned(n), &mut problems))
            .collect();
        if inner.reason.trim().is_empty() {
            problems.push(Diagnostic::new(
                &config_rule::RULE,
                span,
                "an ignore entry needs a reason",
            ));
        }
        if let Some(glob) = globs(&[spanned(&inner.path)], &mut problems) {
            suppressions.push(ConfigSuppression {
                glob,
                pointer: inner.pointer.trim_end_matches('/').to_string(),
                rules,
                span,
            });
        }
    }
    let fail_on = raw
        .fail_on
        .as_ref()
        .and_then(|level| match level.get_ref().as_str() {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            other => {
                problems.push(
                    Diagnostic::new(
                        &config_rule::RULE,
                        Span::from(level.span()),
                        format!("`{other}` is not a fail-on level"),
                    )
                    .with_help("expected `error`, `warning` or `info`"),
                );
                None
            }
        });
    let provider = check_provider(&raw.provider, &mut problems);
    let mut overrides = Vec::new();
    for raw_override in &raw.overrides {
        let provider = check_provider(&raw_override.provider, &mut problems);
        let Some(globs) = globs(&raw_override.paths, &mut problems) else {
            continue;
        };
        overrides.push(Override {
            patterns: raw_override
                .paths
                .iter()
                .map(|p| p.get_ref().clone())
                .collect(),
            globs,
            provider,
            region: raw_override.region.clone(),
            bucket: raw_override.bucket.clone(),
        });
    }
    let include = raw.include.as_ref().and_then(|i| globs(i, &mut problems));
    let exclude = globs(&raw.exclude, &mut problems).unwrap_or_else(GlobSet::empty);
    if !problems.is_empty() {
        return Err(Box::new(report(source, problems)));
    }
    // Globs are matched against absolute file paths, so the directory is made absolute.
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = absolute
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let mut rules: Vec<&'static Rule> = match &selected {
        Some(selected) => Vec::clone(selected),
        None => ALL_RULES.to_vec(),
    };
    rules.retain(|r| !ignored.contains(r));
    for (rule, level, _) in &severities {
        if level.is_none() {
            rules.retain(|r| r != rule);
        }
    }
    Ok(Config {
        rules: rules.into(),
        path: path.to_path_buf(),
        dir,
        source,
        provider,
        region: raw.region,
        bucket: raw.bucket,
        include,
        exclude,
        severities,
        fail_on,
        overrides,
        suppressions,
    })
}

fn check_rule(name: &Spanned<String>, problems: &mut Vec<Diagnostic>) -> Option<&'static Rule> {
    let found = find_rule(name.get_ref());
    if found.is_none() {
        problems.push(
            Diagnostic::new(
                &config_rule::RULE,
                Span::from(name.span()),
                format!("`{}` is not a rule code or name", name.get_ref()),
            )
            .with_help("`invlint rules` lists them"),
        );
    }
    found
}

fn check_provider(
    provider: &Option<Spanned<String>>,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    let provider = provider.as_ref()?;
    if crate::provider::by_id(provider.get_ref()).is_none() {
        problems.push(
            Diagnostic::new(
                &config_rule::RULE,
                Span::from(provider.span()),
                format!("`{}` is not a provider", provider.get_ref()),
            )
            .with_help(format!(
                "expected {}",
                crate::checks::list_values(crate::provider::IDS)
            )),
        );
        return None;
    }
    Some(provider.get_ref().clone())
}

/// A report on a configuration file.
pub fn report(source: SourceFile, diagnostics: Vec<Diagnostic>) -> FileReport {
    FileReport {
        source,
        diagnostics,
        provider: None,
        facts: None,
        skipped: None,
        fixed: None,
    }
}

fn globs(patterns: &[Spanned<String>], problems: &mut Vec<Diagnostic>) -> Option<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    let mut ok = true;
    for pattern in patterns {
        match Glob::new(pattern.get_ref()) {
            Ok(glob) => {
                builder.add(glob);
            }
            Err(error) => {
                ok = false;
                problems.push(Diagnostic::new(
                    &config_rule::RULE,
                    Span::from(pattern.span()),
                    format!(
                        "`{}` is not a valid glob: {}",
                        pattern.get_ref(),
                        error.kind()
                    ),
                ));
            }
        }
    }
    if !ok {
        return None;
    }
    match builder.build() {
        Ok(set) => Some(set),
        Err(error) => {
            // Each glob is valid but the set is not (too large for the matcher): that is a
            // mistake in the file too, never an empty set that silently matches nothing.
            let span = match (patterns.first(), patterns.last()) {
                (Some(first), Some(last)) => Span::new(first.span().start, last.span().end),
                _ => Span::empty(0),
            };
            problems.push(Diagnostic::new(
                &config_rule::RULE,
                span,
                format!(
                    "these {} globs cannot be matched together: {}",
                    patterns.len(),
                    error.kind()
                ),
            ));
            None
        }
    }
}

impl Config {
    /// The file's path relative to the configuration's directory, as globs see it.
    pub fn relative<'p>(&self, file: &'p Path) -> &'p Path {
        file.strip_prefix(&self.dir)
            .or_else(|_| file.strip_prefix("./"))
            .unwrap_or(file)
    }

    /// Whether a directory walk picks the file: it matches `include` (when given) and
    /// not `exclude`.
    pub fn walk_picks(&self, file: &Path) -> bool {
        let relative = self.relative(file);
        let included = self.include.as_ref().is_none_or(|i| i.is_match(relative));
        included && !self.excludes(file)
    }

    /// The exit threshold the file sets (`fail-on`).
    pub fn fail_on(&self) -> Option<Severity> {
        self.fail_on
    }

    /// Drops the findings in a file that the `ignore` entries cover, and marks in `uses`
    /// which entries match the file's path and which silenced something.
    pub fn suppress(
        &self,
        file: &Path,
        diagnostics: &mut Vec<Diagnostic>,
        uses: &mut crate::engine::filter::EntryUse,
    ) {
        let relative = self.relative(file);
        let matching: Vec<usize> = (0..self.suppressions.len())
            .filter(|i| self.suppressions[*i].glob.is_match(relative))
            .collect();
        if matching.is_empty() {
            return;
        }
        for index in &matching {
            uses.matched[*index] = true;
        }
        diagnostics.retain(|d| {
            let path = d.node_path.as_deref().unwrap_or("");
            let covering = matching.iter().copied().find(|i| {
                let s = &self.suppressions[*i];
                let under = s.pointer.is_empty()
                    || path == s.pointer
                    || path
                        .strip_prefix(&s.pointer)
                        .is_some_and(|rest| rest.starts_with('/'));
                s.rules.contains(&d.rule) && under
            });
            match covering {
                Some(index) => {
                    uses.used[index] = true;
                    false
                }
                None => true,
            }
        });
    }

    /// Whether the configuration names which files a walk picks.
    pub fn has_include(&self) -> bool {
        self.include.is_some()
    }

    /// Whether `exclude` matches the file (for `--force-exclude`, even when it was named).
    pub fn excludes(&self, file: &Path) -> bool {
        self.exclude.is_match(self.relative(file))
    }

    /// The settings for a file: the file's keys, then the first override whose paths
    /// match it, each value named with where it came from.
    pub fn settings(&self, file: &Path) -> Settings {
        let name = crate::escape::path_name(&self.path);
        let set = |value, what: &str| Setting {
            value,
            from: format!("{what} in {name}"),
        };
        let mut settings = Settings {
            provider: self.provider.clone().map(|v| set(v, "`provider`")),
            region: self.region.clone().map(|v| set(v, "`region`")),
            bucket: self.bucket.clone().map(|v| set(v, "`bucket`")),
            fail_on: self.fail_on.map(|value| Setting {
                value,
                from: format!("`fail-on` in {name}"),
            }),
            origin: Some(name.clone()),
            ..Settings::default()
        };
        let relative = self.relative(file);
        if let Some((index, found)) = self
            .overrides
            .iter()
            .enumerate()
            .find(|(_, o)| o.globs.is_match(relative))
        {
            let from = |key: &str| {
                format!(
                    "`{key}` of override {} (paths {:?}) in {name}",
                    index + 1,
                    found.patterns
                )
            };
            if let Some(v) = &found.provider {
                settings.provider = Some(Setting {
                    value: v.clone(),
                    from: from("provider"),
                });
            }
            if let Some(v) = &found.region {
                settings.region = Some(Setting {
                    value: v.clone(),
                    from: from("region"),
                });
            }
            if let Some(v) = &found.bucket {
                settings.bucket = Some(Setting {
                    value: v.clone(),
                    from: from("bucket"),
                });
            }
        }
        settings.rules = self.rules.clone();
        settings.severities = self
            .severities
            .iter()
            .filter_map(|(rule, level, _)| level.map(|level| (*rule, level)))
            .collect();
        settings
    }
}

/// A document's configuration, and its place among the run's configurations, under which
/// the uses of its `ignore` entries are counted.
#[derive(Debug, Clone)]
pub struct ConfigRef {
    pub index: usize,
    pub config: std::sync::Arc<Config>,
}

/// Loads each configuration once, however many files share it.
#[derive(Debug, Default)]
pub struct Cache {
    loaded: HashMap<PathBuf, usize>,
    /// Shared with the documents that use them, so that a run can go on finding
    /// configurations while it checks the documents found before them.
    pub configs: Vec<std::sync::Arc<Config>>,
    /// The configuration file found for each directory, or none.
    discovered: HashMap<PathBuf, Option<PathBuf>>,
    /// The last directory [`Cache::for_directory`] answered, and its answer.
    last: Option<(PathBuf, Option<usize>)>,
}

impl Cache {
    /// The configuration at `path`, loading it on first use.
    pub fn get(&mut self, path: &Path) -> Result<usize, Box<FileReport>> {
        if let Some(index) = self.loaded.get(path) {
            return Ok(*index);
        }
        let config = load(path)?;
        self.configs.push(std::sync::Arc::new(config));
        let index = self.configs.len() - 1;
        self.loaded.insert(path.to_path_buf(), index);
        Ok(index)
    }

    /// The loaded configuration at `index`, as a document holds it.
    pub fn reference(&self, index: usize) -> ConfigRef {
        ConfigRef {
            index,
            config: std::sync::Arc::clone(&self.configs[index]),
        }
    }

    /// The configuration that applies to the files of `dir` (the nearest at or above it),
    /// loaded. A walk gives a directory's files one after another, so the last
    /// directory's answer is kept beside the others: most files cost one comparison of a
    /// path's bytes, not a hash of it.
    pub fn for_directory(&mut self, dir: &Path) -> Result<Option<usize>, Box<FileReport>> {
        // The same bytes are the same directory (other spellings of it take the way
        // below); comparing them is cheaper than comparing paths component by component.
        if let Some((last, answer)) = &self.last
            && last.as_os_str() == dir.as_os_str()
        {
            return Ok(*answer);
        }
        let answer = match self.nearest(dir) {
            Some(found) => Some(self.get(&found)?),
            None => None,
        };
        self.last = Some((dir.to_path_buf(), answer));
        Ok(answer)
    }

    /// The nearest configuration file at or above `dir`, with each directory's answer
    /// kept: a directory whose parent was asked about before costs one `stat`, not one per
    /// ancestor.
    pub fn nearest(&mut self, dir: &Path) -> Option<PathBuf> {
        let mut unanswered = Vec::new();
        let mut answer = None;
        for ancestor in dir.ancestors() {
            if let Some(found) = self.discovered.get(ancestor) {
                answer = found.clone();
                break;
            }
            unanswered.push(ancestor.to_path_buf());
            let candidate = ancestor.join(FILE_NAME);
            if candidate.is_file() {
                answer = Some(candidate);
                break;
            }
        }
        for dir in unanswered {
            self.discovered.insert(dir, answer.clone());
        }
        answer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_configuration_is_found_once_per_directory_and_reused_below() {
        let root = std::env::temp_dir().join(format!("invlint-nearest-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let deep = root.join("a/b/c");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::create_dir_all(root.join("a/d")).unwrap();
        std::fs::create_dir_all(root.join("e")).unwrap();
        std::fs::write(root.join("a").join(FILE_NAME), "").unwrap();
        let mut cache = Cache::default();
        let expected = Some(root.join("a").join(FILE_NAME));
        assert_eq!(cache.nearest(&deep), expected);
        // Every directory up to the file got its answer on the way.
        assert_eq!(cache.discovered.get(&root.join("a/b")), Some(&expected));
        // A sibling stops at its parent's answer; a directory beside `a` finds none.
        assert_eq!(cache.nearest(&root.join("a/d")), expected);
        let beside = cache.nearest(&root.join("e"));
        assert!(beside.is_none_or(|found| !found.starts_with(&root)));
        // A configuration made later is not seen by a cache that already answered: one
        // run sees one state of the tree.
        std::fs::write(deep.join(FILE_NAME), "").unwrap();
        assert_eq!(cache.nearest(&deep), expected);
        assert_eq!(Cache::default().nearest(&deep), Some(deep.join(FILE_NAME)));
        std::fs::remove_dir_all(root).unwrap();
    }
}
