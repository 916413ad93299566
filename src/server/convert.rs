//! Conversions between ikilint's byte spans and file names and the LSP's UTF-16 ranges and URIs.

use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::{Lang, tr};
use crate::source::{SourceFile, Span};
use lsp_types as lsp;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The LSP range of a byte span (0-based lines, UTF-16 columns).
pub fn range(file: &SourceFile, span: Span) -> lsp::Range {
    let (sl, sc) = file.utf16_position(span.start);
    let (el, ec) = file.utf16_position(span.end);
    lsp::Range::new(lsp::Position::new(sl, sc), lsp::Position::new(el, ec))
}

/// The byte offset of an LSP position (clamped into the file).
pub fn offset(file: &SourceFile, position: lsp::Position) -> usize {
    file.offset_of_utf16(position.line, position.character)
}

pub fn span(file: &SourceFile, range: lsp::Range) -> Span {
    let start = offset(file, range.start);
    let end = offset(file, range.end);
    Span::new(start.min(end), start.max(end))
}

/// The local path of a `file:` URI, percent-decoded.
pub fn uri_to_path(uri: &lsp::Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text.strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`.
    let path = if rest.starts_with('/') {
        rest
    } else {
        rest.strip_prefix("localhost")?
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = percent_decode(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        let text = String::from_utf8(bytes).ok()?;
        // `/C:/dir` → `C:/dir`
        let text = match text.as_bytes() {
            [b'/', _, b':', ..] => text[1..].to_string(),
            _ => text,
        };
        Some(PathBuf::from(text))
    }
}

fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The `file:` URI of an absolute path, percent-encoding everything but unreserved characters and `/`.
pub fn path_to_uri(path: &Path) -> Option<lsp::Uri> {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut encoded = String::from("file://");
    if !text.starts_with('/') {
        encoded.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => encoded.push(byte as char),
            b':' if cfg!(windows) => encoded.push(':'),
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    lsp::Uri::from_str(&encoded).ok()
}

fn severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    }
}

/// The text an editor shows for a finding: the message, the label at that place, the notes and the help.
pub fn message(d: &Diagnostic, label: &str, lang: Lang) -> String {
    let (note, help) = (tr(lang, "common.note", &[]), tr(lang, "common.server-help", &[]));
    crate::render::message_in_one_text(d, lang, label, &note, &help)
}

/// An LSP diagnostic at `at` with `label` (the primary label, or for a finding mirrored into another file the
/// secondary label there).
pub fn diagnostic(
    d: &Diagnostic,
    at: lsp::Range,
    label: &str,
    lang: Lang,
    related: Vec<lsp::DiagnosticRelatedInformation>,
) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: at,
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        code_description: None,
        source: Some("ikilint".to_string()),
        message: message(d, label, lang),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// `text` cut to `max` characters (with `…`), on one line, for titles and hints.
pub fn short(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out.replace('\n', "⏎")
}
