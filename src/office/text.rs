//! Text extracted from a Word or PDF document (as the seeds are) read into a [`Body`]: a line with tabs is a table
//! row, runs of such rows (blank lines between them allowed) are one table, every other non-blank line is a
//! paragraph. The extraction's markup debris (`**…**`, `## `, `<b>`, `<i>`, `<ul><li>`, `&amp;`) is removed, and a
//! row that the extraction visibly split or shifted is joined or moved with a [`Note`] saying so: nothing uncertain
//! is decided silently.

use super::{Block, Body, Cell, Note, NoteKind, Origin, Paragraph, Row, Table};

/// The body of an extracted text, and the notes on what reading it had to guess.
pub fn read(text: &str) -> (Body, Vec<Note>) {
    let mut reader = Reader::default();
    for (index, raw) in text.lines().enumerate() {
        reader.line(index as u32 + 1, raw);
    }
    reader.finish_table();
    reader.body.extracted = true;
    (reader.body, reader.notes)
}

#[derive(Default)]
struct Reader {
    body: Body,
    notes: Vec<Note>,
    /// The rows of the table being read, with the line of each.
    rows: Vec<(u32, Vec<String>)>,
    tables: u32,
}

impl Reader {
    fn line(&mut self, number: u32, raw: &str) {
        let raw = raw.trim_end_matches('\r');
        if raw.contains('\t') {
            self.rows.push((number, raw.split('\t').map(clean_cell).collect()));
            return;
        }
        let (text, bold) = clean_line(raw);
        if text.is_empty() {
            // A blank line does not end a table: the extraction puts one between rows at page breaks.
            return;
        }
        self.finish_table();
        self.body.blocks.push(Block::Paragraph(Paragraph {
            text,
            bold,
            origin: Origin {
                line: Some(number),
                ..Origin::default()
            },
            numeric: false,
        }));
    }

    fn finish_table(&mut self) {
        if self.rows.is_empty() {
            return;
        }
        self.tables += 1;
        let table = self.tables;
        let rows = std::mem::take(&mut self.rows);
        let width = rows.iter().map(|(_, cells)| cells.len()).max().unwrap_or(0);
        let header = rows[0].1.clone();
        // The columns' numbers, shared by the origins of their cells.
        let numbers: Vec<super::SharedName> = (1..=width).map(|n| n.to_string().into()).collect();
        let mut out: Vec<Row> = Vec::with_capacity(rows.len());
        let mut after_repeated_header = false;
        for (line, mut cells) in rows {
            let number = out.len() as u32 + 1;
            let cell_origin = |column: usize| Origin {
                table: Some(table),
                row: Some(number),
                line: Some(line),
                column: numbers.get(column).cloned(),
                ..Origin::default()
            };
            let row_origin = Origin {
                column: None,
                ..cell_origin(0)
            };
            if !out.is_empty() && cells == header {
                // The header printed again at the top of a page: the rows after it continue the table.
                after_repeated_header = true;
                continue;
            }
            if cells.len() < width {
                // A row missing cells lost its leading empty ones (an empty merged cell is not printed): the
                // text belongs to the rightmost columns.
                let missing = width - cells.len();
                self.note(row_origin.clone(), "row-padded", &missing.to_string());
                let mut padded = vec![String::new(); missing];
                padded.append(&mut cells);
                cells = padded;
            } else if shifted_left(&cells, &header) {
                self.note(row_origin.clone(), "row-shifted", "1");
                cells.pop();
                cells.insert(0, String::new());
            }
            let numbered_above = out.last().is_some_and(|r| is_row_number(&r.cells[0].text));
            if after_repeated_header && out.len() > 1 && (continues_above(&cells) || unnumbered(&cells, numbered_above))
            {
                // A row cut by a page break: the rest of each cell is printed under the repeated header.
                let above = out.last_mut().expect("checked above");
                let at = Origin {
                    column: None,
                    ..above.cells[0].origin.clone()
                };
                self.notes.push(Note::new(
                    NoteKind::UncertainJoin,
                    at,
                    &[("detail", "row-continued"), ("count", "1")],
                ));
                for (cell, rest) in above.cells.iter_mut().zip(&cells) {
                    if !rest.is_empty() {
                        if !cell.text.is_empty() {
                            cell.text.push(' ');
                        }
                        cell.text.push_str(rest);
                    }
                }
                after_repeated_header = false;
                continue;
            }
            after_repeated_header = false;
            let cells = cells
                .into_iter()
                .enumerate()
                .map(|(column, text)| Cell {
                    text,
                    merged: false,
                    origin: cell_origin(column),
                    numeric: false,
                })
                .collect();
            out.push(Row { cells });
        }
        self.body.blocks.push(Block::Table(Table {
            rows: out,
            origin: Origin {
                table: Some(table),
                ..Origin::default()
            },
        }));
    }

    /// An uncertain join: `detail` names its message (`S013.message-<detail>`), `count` the cells concerned.
    fn note(&mut self, origin: Origin, detail: &str, count: &str) {
        self.notes.push(Note::new(
            NoteKind::UncertainJoin,
            origin,
            &[("detail", detail), ("count", count)],
        ));
    }
}

/// A row whose last cell is empty after a trailing tab, whose first cell is empty or text (not a row number) and
/// whose other cells are all filled, in a table whose header has a last column: the extraction dropped an empty
/// cell at the start and added one at the end.
fn shifted_left(cells: &[String], header: &[String]) -> bool {
    let (Some((last, rest)), Some(header_last)) = (cells.split_last(), header.last()) else {
        return false;
    };
    last.is_empty()
        && !header_last.is_empty()
        && rest.len() >= 2
        && !is_row_number(&rest[0])
        && rest.iter().skip(1).all(|c| !c.is_empty())
        && !continues_above(cells)
}

/// A row without a number whose first text starts in lower case: the rest of a sentence begun above.
fn continues_above(cells: &[String]) -> bool {
    let mut filled = cells.iter().filter(|c| !c.is_empty());
    cells.first().is_none_or(|c| c.is_empty())
        && filled
            .next()
            .and_then(|c| c.chars().next())
            .is_some_and(|c| c.is_lowercase())
}

/// A row without a number in the first column but with text in the second, under a numbered row: a row cut by a
/// page break (a new indicator of the same sasaran leaves the second column empty).
fn unnumbered(cells: &[String], numbered_above: bool) -> bool {
    numbered_above && cells.len() > 2 && cells[0].is_empty() && !cells[1].is_empty()
}

fn is_row_number(text: &str) -> bool {
    let digits = text.trim_end_matches('.');
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// Markup the extraction left around text: tags that only style it.
const STYLE_TAGS: &[&str] = &[
    "b", "i", "u", "em", "strong", "span", "p", "br", "ul", "ol", "sup", "sub",
];

/// A line outside tables without its markup, and whether it was all bold.
fn clean_line(raw: &str) -> (String, bool) {
    let trimmed = raw.trim();
    let without_heading = trimmed.trim_start_matches('#').trim_start();
    let bold = (without_heading.starts_with("**") && without_heading.ends_with("**") && without_heading.len() > 4)
        || (without_heading.starts_with("<b>") && without_heading.ends_with("</b>"));
    let text = strip_markup(without_heading).replace("**", "");
    (collapse_spaces(&text), bold)
}

/// A table cell without its markup: list items (`<li>`) and paragraphs (`<p>`) become lines.
fn clean_cell(raw: &str) -> String {
    let mut text = raw.replace("**", "");
    for tag in ["<li>", "<p>", "<br>", "<br/>", "<br />"] {
        text = text.replace(tag, "\n");
    }
    let text = strip_markup(&text);
    text.lines()
        .map(collapse_spaces)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` without the style tags and with `&amp;`-style entities decoded; any other `<…>` is kept as written.
fn strip_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('>');
        let tag = close.map(|c| &after[..c]);
        let name = tag.map(|t| {
            t.trim_start_matches('/')
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        });
        match (close, name) {
            (Some(c), Some(n)) if STYLE_TAGS.contains(&n.as_str()) || n == "li" => {
                if n == "br" || n == "p" {
                    out.push(' ');
                }
                rest = &after[c + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&quot;", "\"")
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(body: &Body) -> Vec<(&str, bool)> {
        body.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some((p.text.as_str(), p.bold)),
                Block::Table(_) => None,
            })
            .collect()
    }

    fn table(body: &Body, n: usize) -> Vec<Vec<&str>> {
        let tables: Vec<&Table> = body
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                Block::Paragraph(_) => None,
            })
            .collect();
        tables[n]
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn markup_is_removed_and_bold_lines_are_marked() {
        let (body, notes) = read("## **INDIKATOR KINERJA**\n\nJabatan : Camat\n<b>KEPALA</b>\n");
        assert_eq!(
            paragraphs(&body),
            vec![
                ("INDIKATOR KINERJA", true),
                ("Jabatan : Camat", false),
                ("KEPALA", true)
            ]
        );
        assert!(notes.is_empty());
    }

    #[test]
    fn tab_lines_make_one_table_across_blank_lines_and_list_items_become_lines() {
        let text = "A\tB\tC\n1\t2\t3\n\nx\t<i>y</i>\t<ul style=\"a\"> <li>- R</li> <li>- S</li> </ul>\nTTD\n";
        let (body, _) = read(text);
        assert_eq!(
            table(&body, 0),
            vec![vec!["A", "B", "C"], vec!["1", "2", "3"], vec!["x", "y", "- R\n- S"]]
        );
        assert_eq!(paragraphs(&body), vec![("TTD", false)]);
    }

    #[test]
    fn a_short_row_is_right_aligned_and_a_shifted_row_moved_with_a_note() {
        let text = "A\tB\tC\tD\nw\tx\ty\tz\nx2\ty2\tz2\n\tF\tS\t\n1.\tp\tq\t\n";
        let (body, notes) = read(text);
        assert_eq!(
            table(&body, 0),
            vec![
                vec!["A", "B", "C", "D"],
                vec!["w", "x", "y", "z"],
                vec!["", "x2", "y2", "z2"],
                vec!["", "", "F", "S"],
                vec!["1.", "p", "q", ""],
            ]
        );
        assert_eq!(notes.len(), 2);
        assert!(notes.iter().all(|n| n.kind == NoteKind::UncertainJoin));
        assert_eq!(notes[0].origin.line, Some(3));
    }

    #[test]
    fn a_row_cut_by_a_page_break_is_joined_to_the_row_above() {
        let text = "No\tA\tB\n1.\tx\tJumlah data\n2.\tTersedianya bahan dan\tJumlah\nNo\tA\tB\n\tlainnya\tdata\n";
        let (body, notes) = read(text);
        assert_eq!(
            table(&body, 0),
            vec![
                vec!["No", "A", "B"],
                vec!["1.", "x", "Jumlah data"],
                vec!["2.", "Tersedianya bahan dan lainnya", "Jumlah data"],
            ]
        );
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn other_angle_brackets_and_entities_are_text() {
        let (body, _) = read("nilai < 5 &amp; a <x>\nA\t<p>x</p> <p>y</p>\n");
        assert_eq!(table(&body, 0), vec![vec!["A", "x\ny"]]);
        assert_eq!(paragraphs(&body), vec![("nilai < 5 & a <x>", false)]);
    }
}
