//! Every user-facing text, from one catalogue per language (`i18n/<lang>/*.yaml`, embedded at build time).
//!
//! A catalogue file maps a section (a rule code, or a shared section such as `cli`) to keys and texts; texts
//! name their arguments as `{name}`. A test keeps the two languages key-for-key identical.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Id,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Id];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
        }
    }

    pub fn parse(text: &str) -> Option<Lang> {
        match text {
            "en" => Some(Lang::En),
            "id" => Some(Lang::Id),
            _ => None,
        }
    }

    /// `IKILINT_LANG`, else `LC_ALL`/`LANG` (`id_*` means Indonesian), else English.
    pub fn from_env_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = get("IKILINT_LANG").and_then(|v| Lang::parse(v.trim())) {
            return lang;
        }
        for var in ["LC_ALL", "LANG"] {
            if let Some(value) = get(var).filter(|v| !v.is_empty()) {
                return if value.starts_with("id") { Lang::Id } else { Lang::En };
            }
        }
        Lang::En
    }

    pub fn from_env() -> Lang {
        Lang::from_env_vars(|name| std::env::var(name).ok())
    }
}

/// The catalogue files of each language; a family adds its file here.
const EN: &[(&str, &str)] = &[
    ("common", include_str!("../i18n/en/common.yaml")),
    ("structure", include_str!("../i18n/en/structure.yaml")),
    ("alignment", include_str!("../i18n/en/alignment.yaml")),
    ("units", include_str!("../i18n/en/units.yaml")),
    ("identity", include_str!("../i18n/en/identity.yaml")),
    ("text", include_str!("../i18n/en/text.yaml")),
    ("skp", include_str!("../i18n/en/skp.yaml")),
    ("ci", include_str!("../i18n/en/ci.yaml")),
    ("report", include_str!("../i18n/en/report.yaml")),
];

const ID: &[(&str, &str)] = &[
    ("common", include_str!("../i18n/id/common.yaml")),
    ("structure", include_str!("../i18n/id/structure.yaml")),
    ("alignment", include_str!("../i18n/id/alignment.yaml")),
    ("units", include_str!("../i18n/id/units.yaml")),
    ("identity", include_str!("../i18n/id/identity.yaml")),
    ("text", include_str!("../i18n/id/text.yaml")),
    ("skp", include_str!("../i18n/id/skp.yaml")),
    ("ci", include_str!("../i18n/id/ci.yaml")),
    ("report", include_str!("../i18n/id/report.yaml")),
];

pub struct Catalog {
    texts: HashMap<String, String>,
}

impl Catalog {
    fn parse(files: &[(&str, &str)]) -> Catalog {
        let mut texts = HashMap::new();
        for (name, source) in files {
            if source.trim().is_empty() {
                continue;
            }
            // The catalogues are compiled in and a test parses them, so a failure here is a build defect.
            let sections: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>> =
                serde_saphyr::from_str(source).unwrap_or_else(|e| panic!("i18n catalogue {name} is not valid: {e}"));
            for (section, entries) in sections {
                for (key, text) in entries {
                    texts.insert(format!("{section}.{key}"), text);
                }
            }
        }
        Catalog { texts }
    }

    pub fn get(lang: Lang) -> &'static Catalog {
        static EN_CATALOG: OnceLock<Catalog> = OnceLock::new();
        static ID_CATALOG: OnceLock<Catalog> = OnceLock::new();
        match lang {
            Lang::En => EN_CATALOG.get_or_init(|| Catalog::parse(EN)),
            Lang::Id => ID_CATALOG.get_or_init(|| Catalog::parse(ID)),
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.texts.contains_key(key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.texts.keys().map(String::as_str)
    }

    /// The catalogue's own stored copy of `key`, the same `&'static str` for every message of that key (both
    /// languages have the same keys, so the English catalogue stands for both).
    pub fn key(key: &str) -> Option<&'static str> {
        Catalog::key_and_arguments(key).map(|(stored, _)| stored)
    }

    /// [`Catalog::key`], with the names of the arguments (`{name}`) its text takes in either language.
    pub fn key_and_arguments(key: &str) -> Option<(&'static str, &'static [&'static str])> {
        let (section, name) = key.split_once('.')?;
        Catalog::section_key_and_arguments(section, name)
    }

    /// [`Catalog::key_and_arguments`] of the text `name` of `section`, found without joining `section.name`: a
    /// rule names its texts by its code and the text's name, one lookup per text of every finding.
    pub fn section_key_and_arguments(section: &str, name: &str) -> Option<(&'static str, &'static [&'static str])> {
        type Keys = foldhash::HashMap<(&'static str, &'static str), (&'static str, &'static [&'static str])>;
        static KEYS: OnceLock<Keys> = OnceLock::new();
        let keys = KEYS.get_or_init(|| {
            let (en, id) = (Catalog::get(Lang::En), Catalog::get(Lang::Id));
            en.texts
                .iter()
                .map(|(key, text)| {
                    let mut names: Vec<&'static str> = placeholders(text).collect();
                    names.extend(id.template(key).into_iter().flat_map(placeholders));
                    names.sort_unstable();
                    names.dedup();
                    // Split where `parse` joined it (a section has no dot). The names live as long as the
                    // catalogue, which is never dropped.
                    let split = key.split_once('.').expect("a catalogue key is section.name");
                    (split, (key.as_str(), &*Vec::leak(names)))
                })
                .collect()
        });
        // The map's keys are `'static`; borrowed for this lookup as keys of the caller's lifetime.
        let keys: &foldhash::HashMap<(&str, &str), _> = keys;
        keys.get(&(section, name)).copied()
    }

    /// The template of `key`, its arguments unfilled.
    pub fn template(&self, key: &str) -> Option<&str> {
        self.texts.get(key).map(String::as_str)
    }

    /// The text of `key` with `{name}` replaced by its argument. A missing key yields the key itself, so a gap in
    /// a catalogue shows as an odd message rather than a crash; the catalogue tests keep that from shipping.
    pub fn text(&self, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let Some(template) = self.texts.get(key) else {
            return key.to_string();
        };
        fill(template, args)
    }
}

fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let filled = fill_with(&mut out, template, |name, out| {
        let (_, value) = args.iter().find(|(n, _)| *n == name)?;
        Some(write!(out, "{value}"))
    });
    filled.expect("writing to a String does not fail");
    out
}

/// The `{name}`s of `template`, as [`fill_with`] reads them.
fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|after| after.split_once('}').map(|(name, _)| name))
}

/// Write `template` to `out`, each `{name}` replaced by what `argument` writes for it; a `{name}` it has no
/// argument for (it returns `None`) is kept as written.
pub(crate) fn fill_with<W: std::fmt::Write + ?Sized>(
    out: &mut W,
    template: &str,
    mut argument: impl FnMut(&str, &mut W) -> Option<std::fmt::Result>,
) -> std::fmt::Result {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.write_str(&rest[..open])?;
        let after = &rest[open + 1..];
        let written = after
            .find('}')
            .and_then(|close| Some((close, argument(&after[..close], out)?)));
        match written {
            Some((close, result)) => {
                result?;
                rest = &after[close + 1..];
            }
            None => {
                out.write_char('{')?;
                rest = after;
            }
        }
    }
    out.write_str(rest)
}

/// Shorthand for a text of the shared `common` section.
pub fn tr(lang: Lang, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    Catalog::get(lang).text(key, args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_named_arguments_and_keeps_unknown_braces() {
        let n = 3;
        assert_eq!(fill("{n} of {m} {x", &[("n", &n), ("m", &"five")]), "3 of five {x");
        assert_eq!(fill("{unknown}", &[]), "{unknown}");
    }

    #[test]
    fn a_key_knows_the_arguments_of_both_languages() {
        assert_eq!(placeholders("{n} of {m} {x").collect::<Vec<_>>(), ["n", "m"]);
        let (key, names) = Catalog::key_and_arguments("U001.message").unwrap();
        assert_eq!(key, "U001.message");
        assert_eq!(names, ["computed", "indicator", "unit"]);
        assert!(Catalog::key_and_arguments("U001.no_such_text").is_none());
        assert_eq!(
            Catalog::section_key_and_arguments("U001", "message"),
            Catalog::key_and_arguments("U001.message")
        );
        assert!(Catalog::section_key_and_arguments("U001", "no_such_text").is_none());
        assert!(Catalog::section_key_and_arguments("U001.message", "").is_none());
    }

    #[test]
    fn languages_have_the_same_keys() {
        let en = Catalog::get(Lang::En);
        let id = Catalog::get(Lang::Id);
        let missing_in_id: Vec<_> = en.keys().filter(|k| !id.has(k)).collect();
        let missing_in_en: Vec<_> = id.keys().filter(|k| !en.has(k)).collect();
        assert!(missing_in_id.is_empty(), "missing in id: {missing_in_id:?}");
        assert!(missing_in_en.is_empty(), "missing in en: {missing_in_en:?}");
    }

    #[test]
    fn language_comes_from_flag_variables_in_order() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        assert_eq!(Lang::from_env_vars(env(&[])), Lang::En);
        assert_eq!(Lang::from_env_vars(env(&[("LANG", "id_ID.UTF-8")])), Lang::Id);
        assert_eq!(
            Lang::from_env_vars(env(&[("LC_ALL", "en_US"), ("LANG", "id_ID")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env_vars(env(&[("IKILINT_LANG", "id"), ("LANG", "C")])),
            Lang::Id
        );
    }
}
