//! A number cell's text as Excel shows it: General format as in a column of the default width (at most 11
//! characters, so an 18-digit NIP shows as `1.97308E+17`, never as digits it no longer has), number formats with
//! fixed decimals, thousands and percent (`0.00`, `#,##0.00`, `0.0%`) as an Indonesian Excel shows them, and
//! dates written with the cell's own date format.

/// The widest number Excel's General format writes in a default-width column.
const GENERAL_WIDTH: usize = 11;

/// `value` in Excel's General format.
pub(super) fn general(value: f64) -> String {
    if !value.is_finite() {
        return "#NUM!".to_string();
    }
    if value == 0.0 {
        return "0".to_string();
    }
    let magnitude = value.abs();
    if !(1e-5..1e11).contains(&magnitude) {
        return scientific(value);
    }
    let sign = usize::from(value < 0.0);
    let integer_digits = if magnitude < 1.0 {
        1
    } else {
        magnitude.log10().floor() as usize + 1
    };
    let decimals = GENERAL_WIDTH.saturating_sub(sign + integer_digits + 1);
    let text = trim_fraction(format!("{value:.decimals$}"));
    // Rounding may carry into one more integer digit (99999999999.5): written in scientific form then.
    if text.len() > GENERAL_WIDTH {
        scientific(value)
    } else {
        text
    }
}

fn scientific(value: f64) -> String {
    let mut exponent = value.abs().log10().floor() as i32;
    let sign = usize::from(value < 0.0);
    let exponent_text = |e: i32| format!("E{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    let decimals = GENERAL_WIDTH.saturating_sub(sign + exponent_text(exponent).len() + 2);
    let mut mantissa = value / 10f64.powi(exponent);
    let mut written = format!("{mantissa:.decimals$}");
    // 9.999999 rounds to 10.00000: one more in the exponent.
    if written.trim_start_matches('-').starts_with("10") {
        exponent += 1;
        mantissa = value / 10f64.powi(exponent);
        written = format!("{mantissa:.decimals$}");
    }
    format!("{}{}", trim_fraction(written), exponent_text(exponent))
}

fn trim_fraction(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// A number format with digit placeholders (`0`, `0.00`, `#,##0.00`, `0.0%`, `"Rp "#,##0`,
/// `[$-421]#,##0.00`): how it shows a number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct NumberFormat {
    /// Digits always shown before the decimal separator (`00` pads to two).
    integer_digits: usize,
    /// Decimals always shown (`0`) and at most shown (`0` and `#`).
    min_decimals: usize,
    max_decimals: usize,
    grouping: bool,
    percent: bool,
    prefix: String,
    suffix: String,
    /// The format names a locale that writes the decimal point (`[$-409]`, `[$-en-US]`): Excel shows `76.50` in
    /// it. Otherwise the number is written as an Indonesian Excel shows it, with the decimal comma and the
    /// thousands dot (`1.234,50`).
    point: bool,
}

/// The number format of the first section of `code`, or `None` when it is no plain number format (General, a
/// date or time, text, scientific, a condition, scaling by thousands): such numbers are shown in General.
pub(super) fn number_format(code: &str) -> Option<NumberFormat> {
    let section = code.split(';').next().unwrap_or_default();
    let mut format = NumberFormat {
        integer_digits: 0,
        min_decimals: 0,
        max_decimals: 0,
        grouping: false,
        percent: false,
        prefix: String::new(),
        suffix: String::new(),
        point: false,
    };
    let chars: Vec<char> = section.chars().collect();
    let mut digits = false;
    let mut in_fraction = false;
    let mut at = 0;
    let literal = |format: &mut NumberFormat, digits: bool, text: &str| {
        if digits {
            format.suffix.push_str(text);
        } else {
            format.prefix.push_str(text);
        }
    };
    while at < chars.len() {
        let c = chars[at];
        match c {
            '"' => {
                let close = chars[at + 1..]
                    .iter()
                    .position(|d| *d == '"')
                    .map_or(chars.len(), |p| at + 1 + p);
                literal(&mut format, digits, &chars[at + 1..close].iter().collect::<String>());
                at = close;
            }
            '\\' => {
                literal(
                    &mut format,
                    digits,
                    &chars.get(at + 1).map(char::to_string).unwrap_or_default(),
                );
                at += 1;
            }
            '[' => {
                let close = chars[at..]
                    .iter()
                    .position(|d| *d == ']')
                    .map_or(chars.len(), |p| at + p);
                let inside: String = chars[at + 1..close].iter().collect();
                let (symbol, locale) = inside.strip_prefix('$')?.split_once('-').unwrap_or((&inside[1..], ""));
                let locale = locale.to_ascii_lowercase();
                format.point = !locale.is_empty() && locale != "421" && !locale.starts_with("id");
                literal(&mut format, digits, symbol);
                at = close;
            }
            '_' | '*' => at += 1,
            '0' | '#' | '?' => {
                digits = true;
                if in_fraction {
                    format.max_decimals += 1;
                    format.min_decimals += usize::from(c != '#');
                } else if c != '#' {
                    format.integer_digits += 1;
                }
            }
            '.' if !in_fraction => in_fraction = true,
            ',' if digits && !in_fraction => {
                // A comma after the last digit scales by a thousand: not read.
                if !chars[at + 1..].iter().any(|d| matches!(d, '0' | '#' | '?')) {
                    return None;
                }
                format.grouping = true;
            }
            '%' => {
                format.percent = true;
                literal(&mut format, digits, "%");
            }
            ' ' | '-' | '+' | '(' | ')' | ':' | '$' => literal(&mut format, digits, &c.to_string()),
            // A date, time, text, scientific or fraction format, or one this reader does not know.
            _ => return None,
        }
        at += 1;
    }
    digits.then_some(format)
}

/// The integer and fraction digits of `value` (not negative) rounded to `decimals` as Excel rounds: on its
/// 15 significant digits, half away from zero (76.5 shows as 77, 1.005 as 1.01).
fn rounded(value: f64, decimals: usize) -> (String, String) {
    let scientific = format!("{value:.14e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let mut digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect();
    // The value is 0.d1d2d3… × 10^point.
    let mut point = exponent.parse::<i64>().unwrap_or(0) + 1;
    let keep = point + decimals as i64;
    if keep < 0 {
        return ("0".to_string(), "0".repeat(decimals));
    }
    let keep = keep as usize;
    let round_up = digits.get(keep).is_some_and(|d| *d >= 5);
    digits.resize(keep, 0);
    if round_up {
        let mut at = keep;
        loop {
            if at == 0 {
                digits.insert(0, 1);
                point += 1;
                break;
            }
            at -= 1;
            if digits[at] == 9 {
                digits[at] = 0;
            } else {
                digits[at] += 1;
                break;
            }
        }
    }
    let text = |d: &[u8]| d.iter().map(|d| char::from(b'0' + d)).collect::<String>();
    if point <= 0 {
        let fraction = "0".repeat((-point) as usize) + &text(&digits);
        return ("0".to_string(), fraction[..decimals].to_string());
    }
    let point = point as usize;
    (text(&digits[..point]), text(&digits[point..]))
}

/// `value` as `format` shows it.
pub(super) fn formatted(value: f64, format: &NumberFormat) -> String {
    if !value.is_finite() {
        return "#NUM!".to_string();
    }
    let value = if format.percent { value * 100.0 } else { value };
    let (integer, mut fraction) = rounded(value.abs(), format.max_decimals.min(15));
    while fraction.len() > format.min_decimals && fraction.ends_with('0') {
        fraction.pop();
    }
    let integer = integer.trim_start_matches('0');
    let integer = format!("{integer:0>width$}", width = format.integer_digits);
    let (thousands, decimal) = if format.point { (',', '.') } else { ('.', ',') };
    let mut grouped = String::new();
    for (i, digit) in integer.chars().enumerate() {
        if format.grouping && i > 0 && (integer.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(digit);
    }
    let negative = value < 0.0 && (grouped.chars().chain(fraction.chars())).any(|d| d != '0');
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&format.prefix);
    out.push_str(&grouped);
    if !fraction.is_empty() {
        out.push(decimal);
        out.push_str(&fraction);
    }
    out.push_str(&format.suffix);
    out
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
pub(crate) const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// The parts of a date and time: year, month, day, hour, minute, second.
pub(super) type DateParts = (u16, u8, u8, u8, u8, u8);

/// A date written with an Excel date format `code` (`dd/mm/yyyy`, `d mmmm yyyy`, `[$-421]dd mmmm yyyy`); month
/// names in Indonesian where the code asks for the Indonesian locale (`[$-421]`, `[$-id-ID]`), else in English.
pub(super) fn date(parts: DateParts, code: &str) -> String {
    let (year, month, day, hour, minute, second) = parts;
    let section = code.split(';').next().unwrap_or_default();
    let indonesian = section.contains("-421") || section.to_ascii_lowercase().contains("id-id");
    let months = if indonesian { MONTHS_ID } else { MONTHS_EN };
    let month_name = months[usize::from(month.clamp(1, 12)) - 1];
    let twelve_hour = section.to_ascii_uppercase().contains("AM/PM");
    let chars: Vec<char> = section.chars().collect();
    let mut out = String::new();
    let mut after_hour = false;
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        let run = chars[at..].iter().take_while(|d| d.eq_ignore_ascii_case(&c)).count();
        match c.to_ascii_lowercase() {
            '"' => {
                let close = chars[at + 1..]
                    .iter()
                    .position(|d| *d == '"')
                    .map_or(chars.len(), |p| at + 1 + p);
                out.extend(&chars[at + 1..close]);
                at = close + 1;
                continue;
            }
            '\\' => {
                out.extend(chars.get(at + 1));
                at += 2;
                continue;
            }
            '[' => {
                at = chars[at..]
                    .iter()
                    .position(|d| *d == ']')
                    .map_or(chars.len(), |p| at + p + 1);
                continue;
            }
            '_' | '*' => {
                at += 2;
                continue;
            }
            'a' if section[char_offset(&chars, at)..]
                .to_ascii_uppercase()
                .starts_with("AM/PM") =>
            {
                out.push_str(if hour < 12 { "AM" } else { "PM" });
                at += 5;
                continue;
            }
            'y' => out.push_str(&if run <= 2 {
                format!("{:02}", year % 100)
            } else {
                year.to_string()
            }),
            'd' => match run {
                1 => out.push_str(&day.to_string()),
                2 => out.push_str(&format!("{day:02}")),
                3 => out.extend(weekday_name(year, month, day, indonesian).chars().take(3)),
                _ => out.push_str(weekday_name(year, month, day, indonesian)),
            },
            'h' => {
                let shown = if twelve_hour { (hour + 11) % 12 + 1 } else { hour };
                out.push_str(&if run >= 2 {
                    format!("{shown:02}")
                } else {
                    shown.to_string()
                });
                after_hour = true;
            }
            's' => out.push_str(&if run >= 2 {
                format!("{second:02}")
            } else {
                second.to_string()
            }),
            'm' => {
                let next_is_seconds = chars[at + run..]
                    .iter()
                    .find(|d| d.is_ascii_alphabetic())
                    .is_some_and(|d| d.eq_ignore_ascii_case(&'s'));
                if (after_hour || next_is_seconds) && run <= 2 {
                    out.push_str(&if run == 2 {
                        format!("{minute:02}")
                    } else {
                        minute.to_string()
                    });
                } else {
                    match run {
                        1 => out.push_str(&month.to_string()),
                        2 => out.push_str(&format!("{month:02}")),
                        3 => out.extend(month_name.chars().take(3)),
                        _ => out.push_str(month_name),
                    }
                }
            }
            '@' => {}
            _ => {
                out.push(c);
                at += 1;
                continue;
            }
        }
        at += run;
    }
    out
}

/// The name of the day of the week of a date (Sakamoto's method).
fn weekday_name(year: u16, month: u8, day: u8, indonesian: bool) -> &'static str {
    const OFFSETS: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    const DAYS_EN: [&str; 7] = [
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
    ];
    const DAYS_ID: [&str; 7] = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
    let month = usize::from(month.clamp(1, 12));
    let year = u32::from(year).saturating_sub(u32::from(month < 3));
    let index = (year + year / 4 - year / 100 + year / 400 + OFFSETS[month - 1] + u32::from(day)) % 7;
    if indonesian {
        DAYS_ID[index as usize]
    } else {
        DAYS_EN[index as usize]
    }
}

fn char_offset(chars: &[char], at: usize) -> usize {
    chars[..at].iter().map(|c| c.len_utf8()).sum()
}

/// A date where the format says nothing usable: year-month-day, with the time when there is one.
pub(super) fn iso_date(parts: DateParts) -> String {
    let (year, month, day, hour, minute, second) = parts;
    if (hour, minute, second) == (0, 0, 0) {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_format_writes_what_a_default_column_shows() {
        assert_eq!(general(197308081998031001.0), "1.97308E+17");
        assert_eq!(general(199001012020122003.0), "1.99001E+17");
        assert_eq!(general(1e17), "1E+17");
        assert_eq!(general(100.0), "100");
        assert_eq!(general(2024.0), "2024");
        assert_eq!(general(12345678901.0), "12345678901");
        assert_eq!(general(0.75), "0.75");
        assert_eq!(general(-3.5), "-3.5");
        assert_eq!(general(1.23456789012345), "1.23456789");
        assert_eq!(general(12.3456789012345), "12.3456789");
        assert_eq!(general(0.1 + 0.2), "0.3");
        assert_eq!(general(0.000001234), "1.234E-06");
        assert_eq!(general(-197308081998031001.0), "-1.9731E+17");
        assert_eq!(general(9.999999999e16), "1E+17");
    }

    fn shown(value: f64, code: &str) -> String {
        formatted(
            value,
            &number_format(code).unwrap_or_else(|| panic!("{code} is a number format")),
        )
    }

    #[test]
    fn fixed_decimal_formats_show_their_decimals_with_the_decimal_comma() {
        assert_eq!(shown(76.5, "0.00"), "76,50");
        assert_eq!(shown(76.5, "0"), "77");
        assert_eq!(shown(1234.5, "#,##0.00"), "1.234,50");
        assert_eq!(shown(1234567.0, "#,##0"), "1.234.567");
        assert_eq!(shown(0.875, "0.0%"), "87,5%");
        assert_eq!(shown(1.0, "0%"), "100%");
        assert_eq!(shown(0.5, "#.##"), ",5");
        assert_eq!(shown(2.0, "0.##"), "2");
        assert_eq!(shown(-3.25, "0.0"), "-3,3");
        assert_eq!(shown(1.005, "0.00"), "1,01");
        assert_eq!(shown(0.004, "0.00"), "0,00");
        assert_eq!(shown(0.0456, "0.0%"), "4,6%");
        assert_eq!(shown(99.995, "0.00"), "100,00");
        assert_eq!(shown(1e20, "#,##0"), "100.000.000.000.000.000.000");
        assert_eq!(shown(-0.01, "0.0"), "0,0");
        assert_eq!(shown(7.0, "00"), "07");
        assert_eq!(shown(2500000.0, "\"Rp \"#,##0"), "Rp 2.500.000");
        assert_eq!(shown(2500000.0, "[$Rp-421]#,##0.00"), "Rp2.500.000,00");
        assert_eq!(shown(76.5, "0.00_);(0.00)"), "76,50");
    }

    #[test]
    fn a_format_naming_a_locale_that_writes_the_point_shows_the_point() {
        assert_eq!(shown(1234.5, "[$-409]#,##0.00"), "1,234.50");
        assert_eq!(shown(1234.5, "[$$-en-US]#,##0.00"), "$1,234.50");
        assert_eq!(shown(1234.5, "[$-id-ID]#,##0.00"), "1.234,50");
    }

    #[test]
    fn other_formats_are_not_number_formats() {
        for code in [
            "General",
            "@",
            "dd/mm/yyyy",
            "0.00E+00",
            "# ?/?",
            "[Red]0.00",
            "[>100]0",
            "#,##0,",
            "h:mm",
        ] {
            assert_eq!(number_format(code), None, "{code}");
        }
    }

    #[test]
    fn dates_follow_the_cell_format() {
        let parts = (2024, 1, 2, 0, 0, 0);
        assert_eq!(date(parts, "dd/mm/yyyy"), "02/01/2024");
        assert_eq!(date(parts, "d-mmm-yy"), "2-Jan-24");
        assert_eq!(date(parts, "[$-421]d mmmm yyyy;@"), "2 Januari 2024");
        assert_eq!(date(parts, "d mmmm yyyy"), "2 January 2024");
        assert_eq!(date(parts, "dddd, d mmm yyyy"), "Tuesday, 2 Jan 2024");
        assert_eq!(
            date((2024, 8, 17, 0, 0, 0), "[$-421]dddd, dd mmmm yyyy"),
            "Sabtu, 17 Agustus 2024"
        );
        assert_eq!(date((2024, 1, 2, 13, 5, 9), "hh:mm:ss"), "13:05:09");
        assert_eq!(date((2024, 1, 2, 13, 5, 9), "h:mm AM/PM"), "1:05 PM");
        assert_eq!(iso_date(parts), "2024-01-02");
    }
}
