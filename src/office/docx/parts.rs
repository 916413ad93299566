//! Which parts of the package hold the document, its styles and its list numbering: found as Word finds them,
//! through the relationships (`_rels/.rels` names the main document part, which Word Online may call
//! `document2.xml`; that part's own `.rels` names its styles and numbering), the usual names used where a package
//! has no relationships.

use super::super::ReadError;
use super::super::package::Package;
use super::super::xml::{Item, attribute, walk};

const DOCUMENT: &str = "word/document.xml";

/// The names of the parts the Word reader reads.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Parts {
    pub document: String,
    pub styles: Option<String>,
    pub numbering: Option<String>,
}

impl Parts {
    /// The parts of `package`; `None` when it holds no Word document.
    pub fn find(package: &mut Package<'_>) -> Result<Option<Parts>, ReadError> {
        let named = relationships(package, "_rels/.rels", "")?
            .into_iter()
            .find(|(kind, _)| kind == "officeDocument")
            .map(|(_, target)| target)
            .filter(|target| package.has(target));
        let Some(document) = named.or_else(|| package.has(DOCUMENT).then(|| DOCUMENT.to_string())) else {
            return Ok(None);
        };
        // A workbook or a presentation renamed `.docx` names its own main part in `_rels/.rels` too.
        if !is_word_document(package, &document)? {
            return Ok(None);
        }
        let (folder, file) = document.rsplit_once('/').unwrap_or(("", &document));
        let own = match folder {
            "" => format!("_rels/{file}.rels"),
            _ => format!("{folder}/_rels/{file}.rels"),
        };
        let related = relationships(package, &own, folder)?;
        let beside = |usual: &str| match folder {
            "" => usual.to_string(),
            _ => format!("{folder}/{usual}"),
        };
        // A part the relationships name, else the usual name beside the document; either only when present.
        let part = |kind: &str, usual: &str| {
            let named = related
                .iter()
                .find(|(k, _)| k == kind)
                .map(|(_, target)| target.clone());
            Some(named.unwrap_or_else(|| beside(usual))).filter(|name| package.has(name))
        };
        Ok(Some(Parts {
            styles: part("styles", "styles.xml"),
            numbering: part("numbering", "numbering.xml"),
            document,
        }))
    }
}

/// Whether the root element of the part `name` is a Word document's (`w:document`), read from its first bytes.
fn is_word_document(package: &mut Package<'_>, name: &str) -> Result<bool, ReadError> {
    use std::io::Read;
    let Some(part) = package.stream(name)? else {
        return Ok(false);
    };
    let mut head = Vec::new();
    if part.take(4096).read_to_end(&mut head).is_err() {
        return Ok(false);
    }
    let head = String::from_utf8_lossy(&head);
    let root = head
        .split('<')
        .skip(1)
        .find(|tag| !tag.starts_with(['?', '!']))
        .and_then(|tag| tag.split(|c: char| c.is_whitespace() || c == '>' || c == '/').next());
    Ok(root.is_some_and(|name| name.rsplit(':').next() == Some("document")))
}

/// The relationships of the `.rels` part `name` (none when absent): each as the last segment of its type
/// (`officeDocument`, `styles`) and its target's part name, resolved against `folder` (the folder of the part
/// the relationships belong to). External targets are left out.
fn relationships(package: &mut Package<'_>, name: &str, folder: &str) -> Result<Vec<(String, String)>, ReadError> {
    let Some(part) = package.stream(name)? else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    walk(part, name, |_, item| {
        if let Item::Open(_, element) = item
            && element.local_name().as_ref() == "Relationship"
            && attribute(element, "TargetMode").is_none_or(|m| !m.eq_ignore_ascii_case("external"))
            && let (Some(kind), Some(target)) = (attribute(element, "Type"), attribute(element, "Target"))
        {
            let kind = kind.rsplit('/').next().unwrap_or_default().to_string();
            found.push((kind, resolve(folder, &target)));
        }
        Ok(())
    })?;
    Ok(found)
}

/// A relationship's target as a part name: absolute from the package root (`/word/document2.xml`), else relative
/// to `folder`, with `.` and `..` segments followed (never above the root).
fn resolve(folder: &str, target: &str) -> String {
    let mut segments: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => folder.split('/').filter(|s| !s.is_empty()).collect(),
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn targets_are_resolved_against_the_folder_of_their_part() {
        assert_eq!(resolve("", "word/document2.xml"), "word/document2.xml");
        assert_eq!(resolve("", "/word/document2.xml"), "word/document2.xml");
        assert_eq!(resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve("word", "/customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(resolve("word", "../docProps/app.xml"), "docProps/app.xml");
        assert_eq!(resolve("word", "../../../x.xml"), "x.xml");
        assert_eq!(resolve("word", "./numbering.xml"), "word/numbering.xml");
    }
}
