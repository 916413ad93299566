//! NIP (Nomor Induk Pegawai, Perka BKN 22/2007) as written in IKI documents: parsing with any spacing and an
//! optional `Nip.`/`NIP :` label, decoding of birth date, TMT, gender and sequence with real calendar checks,
//! recognition of PPPK numbers (SPEC.md section 1), and the canonical `YYYYMMDD YYYYMM G NNN` printing.
//!
//! Nothing here depends on rule data; the identity rules and the editor (hover) share it.

use std::fmt;

/// A calendar date (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// The date, when it exists on the calendar.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Completed years from `self` to `later` (an exact birthday count: the day before the birthday is still
    /// the younger age).
    pub fn years_until(self, later: Date) -> i32 {
        let mut years = later.year - self.year;
        if (later.month, later.day) < (self.month, self.day) {
            years -= 1;
        }
        years
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Why a written NIP is not 18 digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Malformed {
    /// Something other than digits and spaces (after the label): the offending character.
    NotDigit(char),
    /// Digits only, but not 18 of them.
    Length(usize),
}

/// A number of 18 digits as written, before its fields are checked.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Nip {
    /// The 18 digits.
    digits: String,
}

/// The kind of employee a number belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A civil servant (PNS): the middle group is the TMT CPNS `YYYYMM`.
    Pns,
    /// A contract employee (NI PPPK): the middle group is `YYYY` + `2` + the contract count.
    Pppk { contract: u32 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// A field of the number that does not decode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    /// The birth date `YYYYMMDD` is not a real date.
    BirthDate,
    /// The TMT `YYYYMM` has no such month (and is not a PPPK group).
    Tmt,
    /// The gender digit is not `1` or `2`.
    Gender(char),
    /// The sequence is `000`.
    Sequence,
}

/// The fields of a well-formed number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub birth: Date,
    /// Year of TMT (PNS: TMT CPNS; PPPK: year of the contract).
    pub tmt_year: i32,
    /// Month of TMT; `None` for PPPK, whose number carries only the year.
    pub tmt_month: Option<u32>,
    pub kind: Kind,
    pub gender: Gender,
    pub sequence: u32,
}

/// A label written before the number inside the value: `Nip.`, `NIP :`, `NIP.`, `nip`.
fn strip_label(text: &str) -> &str {
    let trimmed = text.trim();
    if let Some(rest) = trimmed
        .get(..3)
        .filter(|label| label.eq_ignore_ascii_case("nip"))
        .map(|_| &trimmed[3..])
    {
        // Only a label when what follows is not a letter ("Nipah" is not a label).
        if rest.chars().next().is_none_or(|c| !c.is_alphabetic()) {
            return rest.trim_start_matches(|c: char| c == '.' || c == ':' || c.is_whitespace());
        }
    }
    trimmed
}

/// The number part of a written value: without the label and surrounding spaces.
pub fn body(written: &str) -> &str {
    strip_label(written).trim()
}

/// Whether the written value is a placeholder left to be filled in: nothing but a label, or dots, ellipses,
/// dashes and underscores where digits belong (`Nip.`, `.....`, `…`, `-`, `19730808 ......`).
pub fn is_placeholder(written: &str) -> bool {
    let body = body(written);
    if body.is_empty() {
        return true;
    }
    if body
        .chars()
        .all(|c| matches!(c, '.' | '…' | '-' | '_' | '–' | '—') || c.is_whitespace())
    {
        return true;
    }
    // Partly filled: digits followed or preceded by a run of filler.
    crate::names::is_filler(body)
}

impl Nip {
    /// Parse a written value: label stripped, spaces (any amount, anywhere) ignored, 18 digits required.
    pub fn parse(written: &str) -> Result<Nip, Malformed> {
        let mut digits = String::with_capacity(18);
        let mut previous = ' ';
        for c in body(written).chars() {
            if c.is_ascii_digit() {
                digits.push(c);
            } else if !(c.is_whitespace() || (matches!(c, '-' | '.') && previous.is_ascii_digit())) {
                // A dash or dot right after a digit separates groups as a space does (`19850317-200801-2-004`):
                // the number is readable, only its printing is off (N003 regroups it).
                return Err(Malformed::NotDigit(c));
            }
            previous = c;
        }
        if digits.len() != 18 {
            return Err(Malformed::Length(digits.len()));
        }
        Ok(Nip { digits })
    }

    /// The 18 digits without spaces.
    pub fn digits(&self) -> &str {
        &self.digits
    }

    /// The standard printing `YYYYMMDD YYYYMM G NNN`.
    pub fn canonical(&self) -> String {
        let d = &self.digits;
        format!("{} {} {} {}", &d[..8], &d[8..14], &d[14..15], &d[15..])
    }

    fn num(&self, range: std::ops::Range<usize>) -> u32 {
        // Always digits: checked by `parse`.
        self.digits[range].parse().unwrap_or(0)
    }

    /// Decode the fields with real calendar checks; every field error is listed.
    pub fn decode(&self) -> Result<Decoded, Vec<FieldError>> {
        let mut errors = Vec::new();
        let birth = Date::new(self.num(0..4) as i32, self.num(4..6), self.num(6..8));
        if birth.is_none() {
            errors.push(FieldError::BirthDate);
        }
        let tmt_year = self.num(8..12) as i32;
        let (kind, tmt_month) = match (self.digits.as_bytes()[12], self.digits.as_bytes()[13]) {
            (b'2', count @ b'1'..=b'9') => (
                Kind::Pppk {
                    contract: u32::from(count - b'0'),
                },
                None,
            ),
            _ => {
                let month = self.num(12..14);
                if !(1..=12).contains(&month) {
                    errors.push(FieldError::Tmt);
                }
                (Kind::Pns, Some(month))
            }
        };
        let gender = match self.digits.as_bytes()[14] {
            b'1' => Some(Gender::Male),
            b'2' => Some(Gender::Female),
            other => {
                errors.push(FieldError::Gender(char::from(other)));
                None
            }
        };
        let sequence = self.num(15..18);
        if sequence == 0 {
            errors.push(FieldError::Sequence);
        }
        match (birth, gender) {
            (Some(birth), Some(gender)) if errors.is_empty() => Ok(Decoded {
                birth,
                tmt_year,
                tmt_month,
                kind,
                gender,
                sequence,
            }),
            _ => Err(errors),
        }
    }
}

impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

impl Decoded {
    /// The first day of TMT: PNS the first of the TMT month; PPPK the last day of the contract year, so that an
    /// age check on a year-only TMT never reports a number that could be valid.
    pub fn tmt_date(&self) -> Date {
        match self.tmt_month {
            Some(month) => Date {
                year: self.tmt_year,
                month,
                day: 1,
            },
            None => Date {
                year: self.tmt_year,
                month: 12,
                day: 31,
            },
        }
    }

    /// Age in completed years on the TMT date ([`Decoded::tmt_date`]).
    pub fn age_at_tmt(&self) -> i32 {
        self.birth.years_until(self.tmt_date())
    }

    /// The TMT as printed in a summary: `2010-01` (PNS) or `2021` (PPPK).
    pub fn tmt_text(&self) -> String {
        match self.tmt_month {
            Some(month) => format!("{:04}-{:02}", self.tmt_year, month),
            None => format!("{:04}", self.tmt_year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_any_spacing_and_labels() {
        for written in [
            "19680125 198611 1 001",
            "196801251986111001",
            "Nip. 19680125 198611 1 001",
            "NIP : 19680125198611 1001",
            "NIP.19680125  198611 1 001 ",
        ] {
            assert_eq!(
                Nip::parse(written).map(|n| n.canonical()),
                Ok("19680125 198611 1 001".to_string()),
                "{written}"
            );
        }
        assert_eq!(Nip::parse("119670309 200701 1 032"), Err(Malformed::Length(19)));
        assert_eq!(Nip::parse("19680125 198611 1 0O1"), Err(Malformed::NotDigit('O')));
    }

    #[test]
    fn decodes_fields_and_age() {
        let d = Nip::parse("19680125 198611 1 001").unwrap().decode().unwrap();
        assert_eq!(d.birth, Date::new(1968, 1, 25).unwrap());
        assert_eq!(d.tmt_month, Some(11));
        assert_eq!(d.gender, Gender::Male);
        assert_eq!(d.age_at_tmt(), 18);
        let p = Nip::parse("19900101 202121 2 005").unwrap().decode().unwrap();
        assert_eq!(p.kind, Kind::Pppk { contract: 1 });
        assert_eq!(p.tmt_year, 2021);
        assert_eq!(
            Nip::parse("19730230 200001 1 001").unwrap().decode(),
            Err(vec![FieldError::BirthDate])
        );
        assert_eq!(
            Nip::parse("19720229 200013 1 001").unwrap().decode(),
            Err(vec![FieldError::Tmt])
        );
        assert!(Nip::parse("20000229 202001 1 001").unwrap().decode().is_ok());
        assert!(Nip::parse("19000229 202001 1 001").unwrap().decode().is_err());
    }

    #[test]
    fn exact_age_counts_the_birthday() {
        let birth = Date::new(1990, 6, 15).unwrap();
        assert_eq!(birth.years_until(Date::new(2008, 6, 14).unwrap()), 17);
        assert_eq!(birth.years_until(Date::new(2008, 6, 15).unwrap()), 18);
    }

    #[test]
    fn placeholders() {
        for p in [
            "Nip.",
            "NIP :",
            ".....",
            "…",
            "-",
            "Nip. ........",
            "19730808 ......",
            "",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for n in ["19730808 201001 1 005", "Nip. 19730808 201001 1 005", "12345"] {
            assert!(!is_placeholder(n), "{n}");
        }
    }
}
