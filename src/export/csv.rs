//! The export's file: RFC 4180 CSV (comma, CRLF, quotes doubled inside quoted cells), UTF-8
//! with a byte order mark so that Excel reads Turkish letters right, and every text cell
//! that a spreadsheet would take for a formula neutralised (OWASP "CSV injection").
//!
//! A few lines rather than a crate: the writer needs quoting and one prefix rule, and the
//! tests check it against the `csv` crate's reader.

use crate::api::Discrepancy;
use crate::locations::Names;

/// Starts the file: Excel needs it to read UTF-8.
pub const BOM: &str = "\u{feff}";

/// Characters that make a spreadsheet read a cell as a formula (or, for tab and carriage
/// return, let one through): such a cell gets a leading `'`, which shows as text.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Appends `value` as one cell: neutralised, then quoted when it holds a comma, a quote or
/// a line break.
pub fn push_cell(out: &mut String, value: &str) {
    let neutral = value.starts_with(FORMULA_START);
    if neutral || value.contains([',', '"', '\n', '\r']) {
        out.push('"');
        if neutral {
            out.push('\'');
        }
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// Appends a line of cells, CRLF-terminated.
fn push_line<'a>(out: &mut String, cells: impl IntoIterator<Item = &'a str>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_cell(out, cell);
    }
    out.push_str("\r\n");
}

/// The header line: the OMS's field names, so a file re-imports the same in any language;
/// the location's name after its id when the names are known.
pub fn push_header(out: &mut String, with_names: bool) {
    let mut cells = vec!["id", "reason", "stock_location"];
    if with_names {
        cells.push("stock_location_name");
    }
    cells.extend([
        "is_active",
        "package_item",
        "transfer_item",
        "created_date",
        "modified_date",
    ]);
    push_line(out, cells);
}

/// Appends one record, as [`push_header`] announced it (dates in RFC 3339, UTC).
pub fn push_record(out: &mut String, d: &Discrepancy, names: Option<&Names>) {
    let id_text = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let mut cells = vec![d.id.to_string(), d.reason.clone(), d.stock_location.to_string()];
    if let Some(names) = names {
        cells.push(names.name(d.stock_location).unwrap_or_default().to_string());
    }
    cells.extend([
        d.is_active.to_string(),
        id_text(d.package_item),
        id_text(d.transfer_item),
        crate::dates::iso(d.created_date),
        crate::dates::iso(d.modified_date),
    ]);
    push_line(out, cells.iter().map(String::as_str));
}

// Host only: the tests read the file back with the `csv` crate.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
