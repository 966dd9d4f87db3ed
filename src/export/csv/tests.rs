use super::*;
use chrono::{TimeZone, Utc};
use proptest::prelude::*;

fn record(reason: &str) -> Discrepancy {
    let at = Utc.with_ymd_and_hms(2024, 2, 29, 23, 59, 58).unwrap();
    Discrepancy {
        id: 12,
        reason: reason.to_string(),
        created_date: at,
        modified_date: at,
        is_active: false,
        stock_location: 7,
        package_item: Some(345),
        transfer_item: None,
    }
}

/// The cells of each line, as the `csv` crate reads `text`.
fn read(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn cell(value: &str) -> String {
    let mut out = String::new();
    push_cell(&mut out, value);
    out
}

#[test]
fn every_formula_start_is_neutralised_and_quoted() {
    for start in ["=", "+", "-", "@", "\t", "\r"] {
        let value = format!("{start}HYPERLINK(\"http://x\",\"y\")");
        let written = cell(&value);
        assert!(written.starts_with("\"'"), "{value:?} → {written:?}");
        assert_eq!(read(&written), vec![vec![format!("'{value}")]]);
    }
    // Inside a cell they are harmless.
    assert_eq!(cell("a=b"), "a=b");
    assert_eq!(cell("out_of_stock"), "out_of_stock");
}

#[test]
fn commas_quotes_and_line_breaks_are_quoted() {
    assert_eq!(cell("a,b"), "\"a,b\"");
    assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(cell("two\nlines"), "\"two\nlines\"");
    assert_eq!(cell(""), "");
}

#[test]
fn a_record_is_one_line_with_names_when_known() {
    let names = Names::known(vec![vec![(7, "İzmir Depo, Ş".to_string())]]);
    let mut out = String::new();
    push_header(&mut out, true);
    push_record(&mut out, &record("=cmd|' /C calc'!A0"), Some(&names));
    assert!(out.ends_with("\r\n"));
    let lines = read(&out);
    assert_eq!(
        lines,
        vec![
            vec![
                "id",
                "reason",
                "stock_location",
                "stock_location_name",
                "is_active",
                "package_item",
                "transfer_item",
                "created_date",
                "modified_date"
            ],
            vec![
                "12",
                "'=cmd|' /C calc'!A0",
                "7",
                "İzmir Depo, Ş",
                "false",
                "345",
                "",
                "2024-02-29T23:59:58.000000Z",
                "2024-02-29T23:59:58.000000Z"
            ],
        ]
    );
    let mut without = String::new();
    push_header(&mut without, false);
    push_record(&mut without, &record("damaged"), None);
    assert_eq!(read(&without)[1].len(), 8);
}

proptest! {
    /// Whatever the text, the `csv` crate reads back exactly it (with the `'` for a
    /// formula start), and the file has as many lines as records.
    #[test]
    fn any_text_reads_back(reasons in proptest::collection::vec(any::<String>(), 1..6)) {
        let mut out = String::new();
        for reason in &reasons {
            push_record(&mut out, &record(reason), None);
        }
        let lines = read(&out);
        prop_assert_eq!(lines.len(), reasons.len());
        for (line, reason) in lines.iter().zip(&reasons) {
            let expected = if reason.starts_with(FORMULA_START) { format!("'{reason}") } else { reason.clone() };
            prop_assert_eq!(&line[1], &expected);
        }
    }
}
