//! File names as people write them on Windows and elsewhere. On Windows `\` and `/` both separate folders and a
//! path may start with a drive letter (`C:\IKI`); names in machine output, globs and baselines use `/`, so that a
//! configuration or a baseline written on a Windows PC means the same on the Linux machine that runs CI. The
//! functions take the platform as an argument, so that the Windows behaviour is tested on every platform.

use std::borrow::Cow;

/// Whether this build runs on Windows.
pub const WINDOWS: bool = cfg!(windows);

/// `name` with `/` separators. On Windows every `\` is a separator; elsewhere a `\` belongs to the file name.
pub fn slashed(name: &str, windows: bool) -> Cow<'_, str> {
    if windows && name.contains('\\') {
        Cow::Owned(name.replace('\\', "/"))
    } else {
        Cow::Borrowed(name)
    }
}

/// A glob of the configuration with `/` separators. A `\` is read as a separator on every platform, so that a
/// glob written on Windows (`arsip\**\*.yaml`) also works in CI; a literal `*`, `?` or `[` is written `[*]`, `[?]`,
/// `[[]`.
pub fn glob(pattern: &str) -> String {
    pattern.replace('\\', "/")
}

/// Whether `name` (with `/` separators) is absolute: `/x` anywhere, and on Windows also `C:/x` and `//server/x`.
pub fn is_absolute(name: &str, windows: bool) -> bool {
    let bytes = name.as_bytes();
    let drive = bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    name.starts_with('/') || (windows && drive)
}

/// `name` relative to the folder `root` (both with `/` separators), when it lies inside it. Windows compares
/// without case (`C:/IKI` and `c:/iki` are one folder).
pub fn relative_to<'a>(name: &'a str, root: &str, windows: bool) -> Option<&'a str> {
    let root = root.trim_end_matches('/');
    let head = name.get(..root.len())?;
    let same = if windows {
        head.eq_ignore_ascii_case(root)
    } else {
        head == root
    };
    let rest = name[root.len()..].strip_prefix('/')?;
    (same && !rest.is_empty()).then_some(rest)
}

/// The last part of a name with `/` separators.
pub fn file_name(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

/// A name as the user gave it, for machine output: `/` separators and no leading `./`.
pub fn repository_relative(name: &str, windows: bool) -> String {
    let name = slashed(name, windows);
    let mut rest = name.as_ref();
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped.trim_start_matches('/');
    }
    rest.to_string()
}

/// The reason of an I/O failure: a catalogue key for the usual cases, the system's message otherwise.
pub fn io_reason(error: &std::io::Error) -> String {
    io_reason_on(error, WINDOWS)
}

/// Windows' codes for a file that another program holds open: ERROR_SHARING_VIOLATION (a document open in Word
/// or Excel) and ERROR_LOCK_VIOLATION. The standard library has no error kind for them.
const WINDOWS_LOCKED: [i32; 2] = [32, 33];

/// [`io_reason`] for an error of the given platform (the same numbers mean other things elsewhere).
pub fn io_reason_on(error: &std::io::Error, windows: bool) -> String {
    let locked = windows && error.raw_os_error().is_some_and(|code| WINDOWS_LOCKED.contains(&code));
    match error.kind() {
        _ if locked => "common.reason-locked".to_string(),
        std::io::ErrorKind::ResourceBusy => "common.reason-locked".to_string(),
        std::io::ErrorKind::NotFound => "common.reason-not-found".to_string(),
        std::io::ErrorKind::PermissionDenied => "common.reason-permission".to_string(),
        std::io::ErrorKind::IsADirectory => "common.reason-not-a-file".to_string(),
        std::io::ErrorKind::InvalidData => "common.reason-not-utf8".to_string(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_separators_become_slashes_only_on_windows() {
        assert_eq!(
            slashed(r"C:\IKI\Kecamatan Masama\iki 2024.yaml", true),
            "C:/IKI/Kecamatan Masama/iki 2024.yaml"
        );
        assert_eq!(slashed(r"arsip\2020\a.yaml", true), "arsip/2020/a.yaml");
        // Elsewhere a backslash is a character of the file name.
        assert_eq!(slashed(r"odd\name.yaml", false), r"odd\name.yaml");
        assert_eq!(
            repository_relative(r".\examples\masama-2020.yaml", true),
            "examples/masama-2020.yaml"
        );
        assert_eq!(repository_relative("././examples/a.yaml", false), "examples/a.yaml");
    }

    #[test]
    fn drive_letters_and_shares_are_absolute_on_windows() {
        assert!(is_absolute("C:/IKI/a.yaml", true));
        assert!(is_absolute("d:/a.yaml", true));
        assert!(is_absolute("//server/share/a.yaml", true));
        assert!(!is_absolute("C:/IKI/a.yaml", false));
        assert!(!is_absolute("C:a.yaml", true), "drive-relative");
        assert!(!is_absolute("arsip/a.yaml", true));
        assert!(is_absolute("/home/a.yaml", false));
    }

    #[test]
    fn relative_to_a_root_ignores_case_on_windows() {
        assert_eq!(relative_to("C:/IKI/arsip/a.yaml", "C:/IKI", true), Some("arsip/a.yaml"));
        assert_eq!(
            relative_to("c:/iki/arsip/a.yaml", "C:/IKI/", true),
            Some("arsip/a.yaml")
        );
        assert_eq!(relative_to("c:/iki/arsip/a.yaml", "C:/IKI", false), None);
        assert_eq!(relative_to("C:/IKI2/a.yaml", "C:/IKI", true), None, "a sibling folder");
        assert_eq!(relative_to("C:/IKI", "C:/IKI", true), None);
        assert_eq!(
            relative_to("C:/ÍKI/a.yaml", "C:/I", true),
            None,
            "not on a character boundary"
        );
    }

    #[test]
    fn a_file_held_open_on_windows_is_told_apart() {
        use std::io::{Error, ErrorKind};
        for code in WINDOWS_LOCKED {
            assert_eq!(
                io_reason_on(&Error::from_raw_os_error(code), true),
                "common.reason-locked"
            );
            // On Linux 32 is a broken pipe and 33 a math domain error: not a lock.
            assert_ne!(
                io_reason_on(&Error::from_raw_os_error(code), false),
                "common.reason-locked"
            );
        }
        assert_eq!(
            io_reason_on(&Error::from(ErrorKind::ResourceBusy), false),
            "common.reason-locked"
        );
        assert_eq!(
            io_reason_on(&Error::from(ErrorKind::PermissionDenied), true),
            "common.reason-permission"
        );
        assert_eq!(
            io_reason_on(&Error::from(ErrorKind::NotFound), false),
            "common.reason-not-found"
        );
        for lang in [crate::i18n::Lang::En, crate::i18n::Lang::Id] {
            let text = crate::i18n::tr(lang, "common.reason-locked", &[]);
            assert!(text.contains("Word"), "{text}");
        }
    }

    #[test]
    fn globs_read_backslashes_as_separators() {
        assert_eq!(glob(r"arsip\**\*.yaml"), "arsip/**/*.yaml");
        assert_eq!(file_name("C:/IKI/iki 2024.yaml"), "iki 2024.yaml");
        assert_eq!(file_name("a.yaml"), "a.yaml");
    }
}
