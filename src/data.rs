//! The data the rules use (`rules/*.yaml`): embedded in the binary, extended by the files of extra directories
//! that a configuration names. Each family defines the typed table it reads from one file name; the tables are
//! parsed and merged once and validated up front, so that a malformed file is an error naming file and line.

use crate::fsread;
use crate::i18n::{Lang, tr};
use serde::de::DeserializeOwned;
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// The built-in data files, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("gelar.yaml", include_str!("../rules/gelar.yaml")),
    (
        "singkatan-jabatan.yaml",
        include_str!("../rules/singkatan-jabatan.yaml"),
    ),
    ("satuan.yaml", include_str!("../rules/satuan.yaml")),
    ("kbbi.yaml", include_str!("../rules/kbbi.yaml")),
    ("istilah.yaml", include_str!("../rules/istilah.yaml")),
    ("kata.yaml", include_str!("../rules/kata.yaml")),
    ("hasil.yaml", include_str!("../rules/hasil.yaml")),
    ("skp.yaml", include_str!("../rules/skp.yaml")),
];

/// One data file: built in, or from an extra directory.
#[derive(Clone, Debug)]
pub struct DataFile {
    /// The table's file name, e.g. `kbbi.yaml`.
    pub name: String,
    /// Where it came from, for messages: `rules/kbbi.yaml (built in)` or the real path.
    pub origin: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    pub origin: String,
    pub line: Option<u64>,
    pub message: String,
}

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.origin, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

/// A typed table read from every data file named [`Table::FILE`], built-in first, extras after in order.
pub trait Table: DeserializeOwned + Default + Send + Sync + 'static {
    const FILE: &'static str;
    /// Fold a later file into this one (extras add to, or override, the built-in data).
    fn merge(&mut self, later: Self);
}

/// A value computed from the data's tables: see [`Data::derived`].
pub trait Derived: Send + Sync + 'static {
    fn derive(data: &Data) -> Self;
}

/// How to validate the file of each table; a family adds its table here.
type Validator = fn(&Data) -> Result<(), DataError>;
const TABLES: &[(&str, Validator)] = &[
    ("gelar.yaml", validate_table::<crate::names::Gelar>),
    (
        "singkatan-jabatan.yaml",
        validate_table::<crate::rules::identity::titles::SingkatanJabatan>,
    ),
    ("satuan.yaml", validate_table::<crate::units::Satuan>),
    ("kbbi.yaml", validate_table::<crate::rules::text::tables::Kbbi>),
    ("istilah.yaml", validate_table::<crate::rules::text::tables::Istilah>),
    ("kata.yaml", validate_table::<crate::rules::text::tables::Kata>),
    ("hasil.yaml", validate_table::<crate::wording::Hasil>),
    ("skp.yaml", validate_table::<crate::rules::skp::SkpPractice>),
];

#[derive(Default)]
pub struct Data {
    files: Vec<DataFile>,
    /// Read by every rule for every file, on all cores; written once per table: readers never wait.
    tables: RwLock<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl Data {
    pub fn builtin() -> Data {
        Data {
            files: BUILTIN
                .iter()
                .map(|(name, text)| DataFile {
                    name: name.to_string(),
                    origin: format!("rules/{name} (built in)"),
                    text: text.to_string(),
                })
                .collect(),
            tables: RwLock::default(),
        }
    }

    /// [`Data::with_extra_dirs_in`] with errors in English.
    pub fn with_extra_dirs(dirs: &[PathBuf]) -> Result<Data, DataError> {
        Data::with_extra_dirs_in(dirs, Lang::En)
    }

    /// The built-in data extended by every `*.yaml` file of `dirs`; each must be the file of a known table.
    /// Reading errors are worded in `lang`.
    pub fn with_extra_dirs_in(dirs: &[PathBuf], lang: Lang) -> Result<Data, DataError> {
        let mut data = Data::builtin();
        for dir in dirs {
            let entries = std::fs::read_dir(dir).map_err(|e| DataError {
                origin: dir.display().to_string(),
                line: None,
                message: tr(lang, &fsread::io_reason(&e), &[]),
            })?;
            let mut paths: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
                .collect();
            paths.sort();
            for path in paths {
                data.files.push(read_extra(&path, lang)?);
            }
        }
        data.validate()?;
        Ok(data)
    }

    /// Add one more file (after the others, so it overrides them), e.g. the `[skp]` table of a configuration.
    pub fn push_file(&mut self, file: DataFile) {
        self.files.push(file);
        self.tables.write().unwrap_or_else(|e| e.into_inner()).clear();
    }

    pub fn files(&self) -> &[DataFile] {
        &self.files
    }

    /// Parse every file with its table, so that errors surface before linting starts.
    pub fn validate(&self) -> Result<(), DataError> {
        for file in &self.files {
            if !TABLES.iter().any(|(name, _)| *name == file.name) {
                let known: Vec<&str> = TABLES.iter().map(|(n, _)| *n).collect();
                return Err(DataError {
                    origin: file.origin.clone(),
                    line: None,
                    message: format!("not a rules data file; known files: {}", known.join(", ")),
                });
            }
        }
        for (_, validate) in TABLES {
            validate(self)?;
        }
        Ok(())
    }

    /// Parse and merge every file of table `T`.
    pub fn try_table<T: Table>(&self) -> Result<Arc<T>, DataError> {
        if let Some(found) = self
            .tables
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&TypeId::of::<T>())
        {
            return Ok(found.clone().downcast::<T>().expect("table cell holds its own type"));
        }
        let mut table = T::default();
        for file in self.files.iter().filter(|f| f.name == T::FILE) {
            let parsed: T = serde_saphyr::from_str(&file.text).map_err(|e| DataError {
                origin: file.origin.clone(),
                line: e.location().map(|l| l.line()),
                message: e.without_snippet().to_string().lines().next().unwrap_or("").to_string(),
            })?;
            table.merge(parsed);
        }
        let table = Arc::new(table);
        self.tables
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(TypeId::of::<T>(), table.clone());
        Ok(table)
    }

    /// A value computed from the tables (the words they make known, say) once per set of data, rather than
    /// once per file that needs it; cleared with the tables when a file is added.
    pub fn derived<T: Derived>(&self) -> Arc<T> {
        let found = self
            .tables
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&TypeId::of::<T>())
            .cloned();
        if let Some(found) = found {
            return found.downcast::<T>().expect("derived cell holds its own type");
        }
        // Computed outside the lock: deriving reads tables, which takes the lock.
        let value = Arc::new(T::derive(self));
        self.tables
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(TypeId::of::<T>(), value.clone());
        value
    }

    /// The table `T`; data is validated when it is loaded, so a parse failure here cannot happen for loaded data
    /// and yields an empty table rather than a crash.
    pub fn table<T: Table>(&self) -> Arc<T> {
        self.try_table::<T>().unwrap_or_default()
    }
}

fn read_extra(path: &Path, lang: Lang) -> Result<DataFile, DataError> {
    let text = fsread::read_to_string(path, fsread::Kind::Settings).map_err(|reason| DataError {
        origin: path.display().to_string(),
        line: None,
        message: tr(lang, &reason, &[]),
    })?;
    Ok(DataFile {
        name: path.file_name().unwrap_or_default().to_string_lossy().into_owned(),
        origin: path.display().to_string(),
        text,
    })
}

/// Validator for a table type, for the `TABLES` list.
pub fn validate_table<T: Table>(data: &Data) -> Result<(), DataError> {
    data.try_table::<T>().map(|_| ())
}
