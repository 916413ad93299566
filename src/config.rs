//! Configuration: `ikilint.toml`, found in the linted directory or its parents (the nearest wins), or named with
//! `--config`. It selects rules, changes their severity, sets `fail-on` and `lang`, ignores rules per file glob,
//! and names extra `rules/` directories. Everything a user writes is checked: an unknown key, code or value is
//! an error naming the file and line, with a did-you-mean (exit 2). The engine applies the result
//! ([`Config::settings`] → [`crate::lint::Settings`]).

use crate::FailOn;
use crate::data::{Data, DataError};
use crate::diagnostic::Severity;
use crate::i18n::{Lang, tr};
use crate::lint::{PerFileIgnore, Settings};
use crate::rules;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Display;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name looked for.
pub const FILE_NAME: &str = "ikilint.toml";

/// The keys of the file, for did-you-mean.
const KEYS: &[&str] = &[
    "select",
    "ignore",
    "extend-select",
    "severity",
    "fail-on",
    "lang",
    "per-file-ignores",
    "extra-rules",
    "skp",
];

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    extend_select: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    fail_on: Option<Spanned<String>>,
    lang: Option<Spanned<String>>,
    per_file_ignores: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
    extra_rules: Option<Vec<Spanned<String>>>,
    skp: Option<RawSkp>,
}

/// `[skp]`: what varies between offices' SKP forms (SPEC.md section 6).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSkp {
    mandiri: Option<bool>,
    aspek: Option<Vec<Spanned<String>>>,
}

/// A configuration problem: the run stops with exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub origin: String,
    pub line: Option<usize>,
    pub message: String,
}

impl Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.origin, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl From<DataError> for ConfigError {
    fn from(e: DataError) -> Self {
        // The parser's "at line L, column C" tail repeats the line that `origin:line:` already gives.
        let message = match (e.line, e.message.rfind(" at line ")) {
            (Some(_), Some(at)) => e.message[..at].to_string(),
            _ => e.message,
        };
        ConfigError {
            origin: e.origin,
            line: e.line.map(|l| l as usize),
            message,
        }
    }
}

/// The configuration as read and checked. Codes are upper case; selectors are codes, family prefixes
/// (`A`, `T00`) or `ALL`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The file it was read from; `None` for the defaults.
    pub path: Option<PathBuf>,
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    /// Severity per selector.
    pub severity: BTreeMap<String, Severity>,
    pub fail_on: Option<FailOn>,
    pub lang: Option<Lang>,
    /// `(glob, selectors)` in file order.
    pub per_file_ignores: Vec<(String, Vec<String>)>,
    /// Directories, resolved against the configuration file's directory.
    pub extra_rules: Vec<PathBuf>,
    /// `[skp] mandiri`: an RHK utama marked `mandiri: true` needs no intervensi (R001).
    pub skp_mandiri: Option<bool>,
    /// `[skp] aspek`: the aspek an SKP indicator may have (R005), lowercase.
    pub skp_aspek: Option<Vec<String>>,
}

/// The configuration file that applies to `start`: `ikilint.toml` in it (or in its directory, for a file) or
/// in the nearest parent that has one.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let mut dir = if absolute.is_dir() {
        Some(absolute.as_path())
    } else {
        absolute.parent()
    };
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        // Whatever holds the name is the configuration: one that is not a regular file (a FIFO, a link to a
        // device) is then reported, not silently passed over for a parent's.
        if candidate.exists() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

/// The configuration of a run over `paths`: `explicit` (`--config FILE`) if given, none with `no_config`,
/// else the file found from the first path.
pub fn resolve(paths: &[PathBuf], explicit: Option<&Path>, no_config: bool, lang: Lang) -> Result<Config, ConfigError> {
    if no_config {
        return Ok(Config::default());
    }
    let found = match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => discover(paths.first().map_or(Path::new("."), PathBuf::as_path)),
    };
    match found {
        Some(path) => Config::load(&path, lang),
        None => Ok(Config::default()),
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The canonical form of a selector, or an error text with a did-you-mean.
fn check_selector(selector: &str, lang: Lang) -> Result<String, String> {
    let upper = selector.trim().to_ascii_uppercase();
    if upper == "ALL" || (!upper.is_empty() && rules::all().iter().any(|r| r.code.starts_with(&upper))) {
        return Ok(upper);
    }
    // A rule name is accepted for a code, as in suppressions.
    if let Some(rule) = rules::all().iter().find(|r| r.name == selector.trim()) {
        return Ok(rule.code.to_string());
    }
    Err(match rules::suggest_code(selector) {
        Some(s) => tr(
            lang,
            "config.unknown-code-suggest",
            &[("code", &selector), ("suggestion", &s)],
        ),
        None => tr(lang, "config.unknown-code", &[("code", &selector)]),
    })
}

impl Config {
    /// Read and check the file at `path`; messages in `lang`.
    pub fn load(path: &Path, lang: Lang) -> Result<Config, ConfigError> {
        let origin = path.display().to_string();
        let text =
            crate::fsread::read_to_string(path, crate::fsread::Kind::Settings).map_err(|reason| ConfigError {
                origin: origin.clone(),
                line: None,
                message: tr(lang, "config.unreadable", &[("reason", &tr(lang, &reason, &[]))]),
            })?;
        let mut config = Config::parse(&text, &origin, lang)?;
        let base = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        for dir in &mut config.extra_rules {
            if dir.is_relative() {
                *dir = base.join(&*dir);
            }
            // A configuration comes with the repository it sits in: it may not make ikilint read files elsewhere
            // on the machine (an untrusted repository opened in an editor loads its configuration at once).
            if let (Ok(inside), Ok(root)) = (dir.canonicalize(), base.canonicalize())
                && !inside.starts_with(&root)
            {
                return Err(ConfigError {
                    origin: origin.clone(),
                    line: None,
                    message: tr(lang, "config.extra-rules-outside", &[("dir", &dir.display())]),
                });
            }
        }
        config.path = Some(path.to_path_buf());
        Ok(config)
    }

    /// Check the text of a configuration file; `origin` names it in errors. Extra rules directories stay as
    /// written.
    pub fn parse(text: &str, origin: &str, lang: Lang) -> Result<Config, ConfigError> {
        let error = |span: Option<std::ops::Range<usize>>, message: String| ConfigError {
            origin: origin.to_string(),
            line: span.map(|s| line_of(text, s.start)),
            message,
        };
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let message = e.message().trim().to_string();
            let message = match unknown_field(&message) {
                Some(key) => match crate::similarity::closest(key, KEYS.iter().copied(), 0.7) {
                    Some(s) => tr(lang, "config.unknown-key-suggest", &[("key", &key), ("suggestion", &s)]),
                    None => tr(
                        lang,
                        "config.unknown-key",
                        &[("key", &key), ("known", &KEYS.join(", "))],
                    ),
                },
                None => {
                    let message = tr(lang, "config.invalid", &[("detail", &message)]);
                    // A Windows path in double quotes (`"D:\IKI"`) reads as escapes; say so, as the parser cannot.
                    let line = e.span().and_then(|s| text.lines().nth(line_of(text, s.start) - 1));
                    match line {
                        Some(line) if line.contains('"') && line.contains('\\') => {
                            tr(lang, "config.backslash", &[("detail", &message)])
                        }
                        _ => message,
                    }
                }
            };
            error(e.span(), message)
        })?;
        let selectors = |list: Option<Vec<Spanned<String>>>| -> Result<Vec<String>, ConfigError> {
            list.unwrap_or_default()
                .into_iter()
                .map(|s| check_selector(s.get_ref(), lang).map_err(|m| error(Some(s.span()), m)))
                .collect()
        };
        // A value that is not one of `allowed` for `key`.
        let bad_value = |value: &Spanned<String>, key: &str, allowed: &str| {
            error(
                Some(value.span()),
                tr(
                    lang,
                    "config.bad-value",
                    &[("key", &key), ("value", value.get_ref()), ("allowed", &allowed)],
                ),
            )
        };
        let mut config = Config {
            select: match raw.select {
                Some(list) => Some(selectors(Some(list))?),
                None => None,
            },
            extend_select: selectors(raw.extend_select)?,
            ignore: selectors(raw.ignore)?,
            ..Config::default()
        };
        for (selector, value) in raw.severity.unwrap_or_default() {
            let selector_text =
                check_selector(selector.get_ref(), lang).map_err(|m| error(Some(selector.span()), m))?;
            let severity = Severity::parse(value.get_ref().trim())
                .ok_or_else(|| bad_value(&value, "severity", "error, warning, info"))?;
            config.severity.insert(selector_text, severity);
        }
        if let Some(value) = raw.fail_on {
            config.fail_on = Some(
                FailOn::parse(value.get_ref().trim())
                    .ok_or_else(|| bad_value(&value, "fail-on", "error, warning, info, never"))?,
            );
        }
        if let Some(value) = raw.lang {
            config.lang = Some(Lang::parse(value.get_ref().trim()).ok_or_else(|| bad_value(&value, "lang", "id, en"))?);
        }
        for (pattern, codes) in raw.per_file_ignores.unwrap_or_default() {
            if let Err(e) = globset::Glob::new(&crate::paths::glob(pattern.get_ref())) {
                return Err(error(
                    Some(pattern.span()),
                    tr(
                        lang,
                        "config.bad-glob",
                        &[("glob", pattern.get_ref()), ("detail", &e.kind())],
                    ),
                ));
            }
            config
                .per_file_ignores
                .push((pattern.get_ref().clone(), selectors(Some(codes))?));
        }
        if let Some(skp) = raw.skp {
            config.skp_mandiri = skp.mandiri;
            if let Some(list) = skp.aspek {
                let mut aspek = Vec::new();
                for value in list {
                    let word = value.get_ref().trim().to_lowercase();
                    if !crate::skp::ASPEK.contains(&word.as_str()) {
                        return Err(bad_value(&value, "skp.aspek", &crate::skp::ASPEK.join(", ")));
                    }
                    aspek.push(word);
                }
                config.skp_aspek = Some(aspek);
            }
        }
        config.extra_rules = raw
            .extra_rules
            .unwrap_or_default()
            .into_iter()
            .map(|d| PathBuf::from(d.into_inner()))
            .collect();
        Ok(config)
    }

    /// The directory the configuration file is in: per-file-ignores globs are relative to it.
    pub fn root(&self) -> Option<PathBuf> {
        let parent = self.path.as_ref()?.parent()?;
        Some(std::path::absolute(parent).unwrap_or_else(|_| parent.to_path_buf()))
    }

    /// The codes that run: `select` (default `ALL`) and `extend-select`, less `ignore`; when a code is matched
    /// by both, the more specific selector wins, and `ignore` wins a tie (as in ruff).
    pub fn enabled_codes(&self) -> Vec<&'static str> {
        let selected: Vec<String> = self
            .select
            .clone()
            .unwrap_or_else(|| vec!["ALL".to_string()])
            .into_iter()
            .chain(self.extend_select.iter().cloned())
            .collect();
        rules::all()
            .iter()
            .map(|r| r.code)
            .filter(|code| {
                let best = |list: &[String]| list.iter().filter_map(|s| specificity(s, code)).max();
                match (best(&selected), best(&self.ignore)) {
                    (Some(s), Some(i)) => s > i,
                    (Some(_), None) => true,
                    _ => false,
                }
            })
            .collect()
    }

    /// The engine's settings for this configuration, in `lang`.
    pub fn settings(&self, lang: Lang) -> Settings {
        let enabled: HashSet<&str> = self.enabled_codes().into_iter().collect();
        let mut settings = Settings::new(lang);
        settings.disabled = rules::all()
            .iter()
            .map(|r| r.code)
            .filter(|c| !enabled.contains(c))
            .collect();
        settings.severity = severities(&self.severity);
        let root = self.root();
        settings.per_file_ignores = self
            .per_file_ignores
            .iter()
            .filter_map(|(pattern, selectors)| {
                let codes = rules::all()
                    .iter()
                    .map(|r| r.code)
                    .filter(|c| selectors.iter().any(|s| specificity(s, c).is_some()))
                    .collect();
                PerFileIgnore::new(pattern, codes, root.clone())
            })
            .collect();
        settings
    }

    /// The rule data: built in, extended by the `extra-rules` directories; errors in `lang`.
    pub fn data(&self, lang: Lang) -> Result<Data, ConfigError> {
        let mut data = if self.extra_rules.is_empty() {
            let data = Data::builtin();
            data.validate()?;
            data
        } else {
            Data::with_extra_dirs_in(&self.extra_rules, lang)?
        };
        // The `[skp]` table reaches the rules as the last `skp.yaml`, over the built-in one and any extra one.
        if let Some(text) = self.skp_practice() {
            data.push_file(crate::data::DataFile {
                name: "skp.yaml".to_string(),
                origin: format!(
                    "{} [skp]",
                    self.path.as_ref().map_or(FILE_NAME.into(), |p| p.display().to_string())
                ),
                text,
            });
        }
        Ok(data)
    }

    /// The `[skp]` table as the YAML of an `skp.yaml` rules file, when the configuration has one.
    fn skp_practice(&self) -> Option<String> {
        if self.skp_mandiri.is_none() && self.skp_aspek.is_none() {
            return None;
        }
        let mut text = String::new();
        if let Some(mandiri) = self.skp_mandiri {
            text.push_str(&format!("mandiri: {mandiri}\n"));
        }
        if let Some(aspek) = &self.skp_aspek {
            text.push_str(&format!("aspek: [{}]\n", aspek.join(", ")));
        }
        Some(text)
    }

    /// The effective configuration as TOML, for `ikilint config`.
    pub fn render(&self, lang: Lang, fail_on: FailOn) -> String {
        let list = |items: &[String]| {
            let quoted: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
            format!("[{}]", quoted.join(", "))
        };
        let mut out = String::new();
        match &self.path {
            Some(path) => out.push_str(&format!(
                "# {}: {}\n",
                tr(lang, "config.from-file", &[]),
                path.display()
            )),
            None => out.push_str(&format!("# {}\n", tr(lang, "config.defaults", &[]))),
        }
        out.push_str(&format!("lang = {:?}\n", lang.code()));
        out.push_str(&format!("fail-on = {:?}\n", fail_on_name(fail_on)));
        out.push_str(&format!(
            "select = {}\n",
            list(self.select.as_deref().unwrap_or(&["ALL".to_string()]))
        ));
        out.push_str(&format!("extend-select = {}\n", list(&self.extend_select)));
        out.push_str(&format!("ignore = {}\n", list(&self.ignore)));
        let extra: Vec<String> = self.extra_rules.iter().map(|p| p.display().to_string()).collect();
        out.push_str(&format!("extra-rules = {}\n", list(&extra)));
        let enabled: Vec<String> = self.enabled_codes().iter().map(|c| c.to_string()).collect();
        out.push_str(&format!(
            "# {}\n# {}\n",
            tr(lang, "config.enabled", &[]),
            list(&enabled)
        ));
        let severity = severities(&self.severity);
        let mut changed: Vec<(&str, Severity)> = severity.into_iter().collect();
        changed.sort();
        out.push_str("\n[severity]\n");
        for (code, severity) in changed {
            out.push_str(&format!("{code} = {:?}\n", severity.as_str()));
        }
        if self.skp_mandiri.is_some() || self.skp_aspek.is_some() {
            out.push_str("\n[skp]\n");
            if let Some(mandiri) = self.skp_mandiri {
                out.push_str(&format!("mandiri = {mandiri}\n"));
            }
            if let Some(aspek) = &self.skp_aspek {
                out.push_str(&format!("aspek = {}\n", list(aspek)));
            }
        }
        out.push_str("\n[per-file-ignores]\n");
        for (pattern, codes) in &self.per_file_ignores {
            out.push_str(&format!("{pattern:?} = {}\n", list(codes)));
        }
        out
    }
}

fn fail_on_name(fail_on: FailOn) -> &'static str {
    match fail_on {
        FailOn::Error => "error",
        FailOn::Warning => "warning",
        FailOn::Info => "info",
        FailOn::Never => "never",
    }
}

/// How specifically `selector` names `code` (its length; `ALL` is 0), or `None` when it does not.
fn specificity(selector: &str, code: &str) -> Option<usize> {
    if selector == "ALL" {
        Some(0)
    } else if code.starts_with(selector) {
        Some(selector.len())
    } else {
        None
    }
}

/// Severity per code from severity per selector: the most specific selector wins.
fn severities(by_selector: &BTreeMap<String, Severity>) -> HashMap<&'static str, Severity> {
    let mut out = HashMap::new();
    for rule in rules::all() {
        let best = by_selector
            .iter()
            .filter_map(|(s, sev)| specificity(s, rule.code).map(|n| (n, *sev)))
            .max_by_key(|(n, _)| *n);
        if let Some((_, severity)) = best {
            out.insert(rule.code, severity);
        }
    }
    out
}

/// The key of serde's "unknown field `x`, expected …" message.
fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.split("unknown field `").nth(1)?;
    rest.split('`').next()
}

/// The language of a run: `--lang`, else `IKILINT_LANG`, else the configuration's `lang`, else `LC_ALL`/`LANG`,
/// else English. A project's file beats the machine's locale, a person's explicit choice beats the file.
pub fn resolve_lang(flag: Option<Lang>, config: Option<Lang>, get: impl Fn(&str) -> Option<String>) -> Lang {
    if let Some(lang) = flag {
        return lang;
    }
    if let Some(lang) = get("IKILINT_LANG").and_then(|v| Lang::parse(v.trim())) {
        return lang;
    }
    if let Some(lang) = config {
        return lang;
    }
    Lang::from_env_vars(get)
}

/// A configuration with everything a run derives from it.
pub struct Effective {
    pub config: Config,
    pub lang: Lang,
    pub data: Data,
    pub settings: Settings,
}

/// Read the configuration that applies to `paths` (`explicit` for `--config`, `no_config` for `--no-config`),
/// decide the language (`flag`, else `IKILINT_LANG`, else the file's `lang`, else the locale) and load the data
/// it names. An error comes with the language to report it in (the file's own `lang` may be what is broken).
pub fn load(
    paths: &[PathBuf],
    explicit: Option<&Path>,
    no_config: bool,
    flag: Option<Lang>,
) -> Result<Effective, (ConfigError, Lang)> {
    let env = |name: &str| std::env::var(name).ok();
    let early = resolve_lang(flag, None, env);
    let config = resolve(paths, explicit, no_config, early).map_err(|e| (e, early))?;
    let lang = resolve_lang(flag, config.lang, env);
    let data = config.data(lang).map_err(|e| (e, lang))?;
    let settings = config.settings(lang);
    Ok(Effective {
        config,
        lang,
        data,
        settings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, "ikilint.toml", Lang::En)
    }

    #[test]
    fn selects_by_prefix_and_the_more_specific_selector_wins() {
        let config = parse("select = [\"T\", \"S004\"]\nignore = [\"T00\"]\nextend-select = [\"T001\"]\n").unwrap();
        let enabled = config.enabled_codes();
        assert!(enabled.contains(&"T001"));
        assert!(!enabled.contains(&"T002"));
        let config = parse("ignore = [\"T\"]").unwrap();
        assert!(!config.enabled_codes().iter().any(|c| c.starts_with('T')));
        assert!(config.enabled_codes().contains(&"S001"));
    }

    #[test]
    fn a_windows_path_in_double_quotes_is_explained() {
        let e = parse("lang = \"id\"\nextra-rules = [\"D:\\IKI\\aturan\"]\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("write a Windows path with `/`"), "{}", e.message);
        for fine in [
            "extra-rules = ['D:\\IKI\\aturan']\n",
            "extra-rules = [\"D:/IKI/aturan\"]\n",
        ] {
            assert!(parse(fine).is_ok(), "{fine}");
        }
        // Another mistake on a line with a backslash gets no such note.
        let e = parse("ignor = [\"T001\"] # C:\\x \"y\"\n").unwrap_err();
        assert!(!e.message.contains("Windows"), "{}", e.message);
    }

    #[test]
    fn unknown_keys_codes_and_values_name_the_line_and_suggest() {
        let e = parse("select = [\"T\"]\nignor = [\"T001\"]\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("`ignore`"), "{}", e.message);
        let e = parse("\nignore = [\"T0001\"]\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("T0001"), "{}", e.message);
        let e = parse("[severity]\nT001 = \"fatal\"\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("fatal"), "{}", e.message);
        assert!(parse("fail-on = \"sometimes\"").is_err());
        assert!(parse("lang = \"fr\"").is_err());
    }

    #[test]
    fn severity_by_prefix_then_code() {
        let config = parse("[severity]\nT = \"info\"\nT001 = \"error\"\n").unwrap();
        let settings = config.settings(Lang::En);
        assert_eq!(settings.severity.get("T001"), Some(&Severity::Error));
        assert_eq!(settings.severity.get("T003"), Some(&Severity::Info));
        assert_eq!(settings.severity.get("S001"), None);
    }

    #[test]
    fn language_order() {
        let none = |_: &str| None;
        assert_eq!(resolve_lang(None, Some(Lang::Id), none), Lang::Id);
        assert_eq!(resolve_lang(Some(Lang::En), Some(Lang::Id), none), Lang::En);
        let env = |k: &str| (k == "IKILINT_LANG").then(|| "en".to_string());
        assert_eq!(resolve_lang(None, Some(Lang::Id), env), Lang::En);
        let locale = |k: &str| (k == "LANG").then(|| "en_US.UTF-8".to_string());
        assert_eq!(resolve_lang(None, Some(Lang::Id), locale), Lang::Id);
    }
}
