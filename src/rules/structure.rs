//! S — the file as YAML and as schema. S001–S003, S005 and S006 are found while reading a file
//! ([`crate::workspace`], [`crate::schema`]); S004 looks across the set; S007 and S008 come from the
//! suppression pass of the engine. S009–S013 are the importer's findings on an office file
//! ([`crate::office::import`]), turned into diagnostics when the file is loaded.

use super::{Check, Context, Family, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Text;
use crate::source::FileId;
use foldhash::HashMap;

pub const YAML_SYNTAX: Rule = Rule {
    code: "S001",
    name: "yaml-syntax",
    family: Family::Structure,
    severity: Severity::Error,
    check: Check::Loading,
};

pub const SCHEMA_MISMATCH: Rule = Rule {
    code: "S002",
    name: "schema-mismatch",
    family: Family::Structure,
    severity: Severity::Error,
    check: Check::Loading,
};

pub const UNKNOWN_KEY: Rule = Rule {
    code: "S003",
    name: "unknown-key",
    family: Family::Structure,
    severity: Severity::Error,
    check: Check::Loading,
};

pub const DUPLICATE_ID: Rule = Rule {
    code: "S004",
    name: "duplicate-id",
    family: Family::Structure,
    severity: Severity::Error,
    check: Check::Set(duplicate_id),
};

pub const EMPTY_VALUE: Rule = Rule {
    code: "S005",
    name: "empty-value",
    family: Family::Structure,
    severity: Severity::Warning,
    check: Check::Loading,
};

pub const DUPLICATE_KEY: Rule = Rule {
    code: "S006",
    name: "duplicate-key",
    family: Family::Structure,
    severity: Severity::Error,
    check: Check::Loading,
};

pub const UNUSED_SUPPRESSION: Rule = Rule {
    code: "S007",
    name: "unused-suppression",
    family: Family::Structure,
    severity: Severity::Warning,
    check: Check::Engine,
};

pub const UNKNOWN_CODE: Rule = Rule {
    code: "S008",
    name: "unknown-code",
    family: Family::Structure,
    severity: Severity::Error,
    check: Check::Engine,
};

// S009–S013: what `ikilint import` (and `check` on an office file) could not read cleanly; found while loading.

pub const UNKNOWN_COLUMN: Rule = Rule {
    code: "S009",
    name: "unknown-column",
    family: Family::Structure,
    severity: Severity::Warning,
    check: Check::Loading,
};

pub const TABLE_WITHOUT_POSITION: Rule = Rule {
    code: "S010",
    name: "table-without-position",
    family: Family::Structure,
    severity: Severity::Warning,
    check: Check::Loading,
};

pub const TEXT_NOT_PLACED: Rule = Rule {
    code: "S011",
    name: "text-not-placed",
    family: Family::Structure,
    severity: Severity::Info,
    check: Check::Loading,
};

pub const NIP_AS_NUMBER: Rule = Rule {
    code: "S012",
    name: "nip-stored-as-number",
    family: Family::Structure,
    severity: Severity::Error,
    check: Check::Loading,
};

pub const UNCERTAIN_JOIN: Rule = Rule {
    code: "S013",
    name: "uncertain-join",
    family: Family::Structure,
    severity: Severity::Info,
    check: Check::Loading,
};

/// The rule of an import finding.
pub fn of_import(kind: crate::office::NoteKind) -> &'static Rule {
    use crate::office::NoteKind;
    match kind {
        NoteKind::UnknownColumn => &UNKNOWN_COLUMN,
        NoteKind::TableWithoutPosition => &TABLE_WITHOUT_POSITION,
        NoteKind::TextNotPlaced => &TEXT_NOT_PLACED,
        NoteKind::NipAsNumber => &NIP_AS_NUMBER,
        NoteKind::UncertainJoin => &UNCERTAIN_JOIN,
    }
}

pub const RULES: &[Rule] = &[
    YAML_SYNTAX,
    SCHEMA_MISMATCH,
    UNKNOWN_KEY,
    DUPLICATE_ID,
    EMPTY_VALUE,
    DUPLICATE_KEY,
    UNUSED_SUPPRESSION,
    UNKNOWN_CODE,
    UNKNOWN_COLUMN,
    TABLE_WITHOUT_POSITION,
    TEXT_NOT_PLACED,
    NIP_AS_NUMBER,
    UNCERTAIN_JOIN,
];

/// Reports every repeat of an id within its scope, pointing back at the first.
struct FirstSeen<'a> {
    first: HashMap<&'a str, (FileId, &'a Text)>,
}

impl<'a> FirstSeen<'a> {
    fn new() -> Self {
        FirstSeen {
            first: HashMap::default(),
        }
    }

    fn see(&mut self, cx: &Context, file: FileId, id: &'a Text, kind: &str, out: &mut Vec<Diagnostic>) {
        match self.first.get(id.as_str()) {
            Some((first_file, first)) => {
                let kind = cx
                    .report(&DUPLICATE_ID, file, id.span, &[])
                    .message(kind, &[("id", &id.value)]);
                kind.label("label", &[])
                    .secondary(*first_file, first.span, "label-first", &[])
                    .help("help", &[("id", &id.value)])
                    .emit(out);
            }
            None => {
                self.first.insert(id.as_str(), (file, id));
            }
        }
    }
}

fn duplicate_id(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut documents = FirstSeen::new();
    for document in cx.documents {
        if let Some(id) = document.dokumen.as_ref().and_then(|d| d.id.as_ref()) {
            documents.see(cx, document.file, id, "message-dokumen", out);
        }
        let mut positions = FirstSeen::new();
        for jabatan in &document.jabatan {
            if let Some(id) = &jabatan.id {
                positions.see(cx, document.file, id, "message-jabatan", out);
            }
            let mut sasaran_ids = FirstSeen::new();
            for sasaran in &jabatan.sasaran {
                sasaran_ids.see(cx, document.file, &sasaran.id, "message-sasaran", out);
            }
        }
    }
    // `skp.id` shares the namespace of `dokumen.id` (SPEC.md section 6): references name either.
    for skp in cx.skps {
        if let Some(id) = skp.skp.as_ref().and_then(|s| s.id.as_ref()) {
            documents.see(cx, skp.file, id, "message-dokumen", out);
        }
        let mut rhk_ids = FirstSeen::new();
        for rhk in &skp.rhk {
            rhk_ids.see(cx, skp.file, &rhk.id, "message-rhk", out);
        }
    }
}
