//! The charts' geometry: every position inside the box, whatever the counts.

use super::*;
use proptest::prelude::*;

fn mark(value: Option<u64>) -> Mark {
    Mark {
        label: "Ankara <Depo> & \"2\"".to_string(),
        value,
        text: value.map_or("not available".to_string(), |v| v.to_string()),
        href: Some("/discrepancies?reason=damaged&stock_location=7".to_string()),
    }
}

/// Every value of `attribute` in `svg`, as written.
fn values<'a>(svg: &'a str, attribute: &str) -> Vec<&'a str> {
    let key = format!(" {attribute}=\"");
    svg.split(&key)
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect()
}

/// A percentage's number: `37.5%` → 37.5.
fn percent(value: &str) -> f64 {
    value
        .strip_suffix('%')
        .unwrap_or_else(|| panic!("not a percentage: {value}"))
        .parse()
        .unwrap()
}

/// Positions and sizes: numbers, inside the box (0–100 % across, 0–height down), no
/// negative width, no NaN.
fn assert_inside(svg: &str, height: f64) {
    for x in values(svg, "x").into_iter().chain(values(svg, "cx")) {
        let x = if x.ends_with('%') {
            percent(x)
        } else {
            x.parse().unwrap()
        };
        assert!((0.0..=100.0).contains(&x), "x {x} in {svg}");
    }
    for w in values(svg, "width") {
        let w = percent(w);
        assert!((0.0..=100.0).contains(&w), "width {w}");
    }
    for attribute in ["y", "cy", "y1", "y2"] {
        for y in values(svg, attribute) {
            let y: f64 = y.parse().unwrap_or_else(|_| panic!("{attribute}={y}"));
            assert!((0.0..=height).contains(&y), "{attribute} {y} outside 0..{height}");
        }
    }
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
}

proptest! {
    #[test]
    fn ticks_cover_the_largest_count_in_round_steps(max in 0u64..=u64::MAX / 16) {
        let (step, top) = ticks(max);
        prop_assert!(step > 0 && top >= max && top % step == 0);
        prop_assert!(top / step <= 5, "{} steps", top / step);
        let lead = step / 10u64.pow(step.ilog10());
        prop_assert!([1, 2, 5].contains(&lead) && step == lead * 10u64.pow(step.ilog10()));
    }

    #[test]
    fn scaled_lengths_stay_within_the_whole(value: u64, max: u64, whole in 0u32..=1000) {
        prop_assert!(scale(value, max, whole) <= whole);
    }

    #[test]
    fn bars_stay_inside_their_box(counts in prop::collection::vec(prop::option::of(any::<u64>()), 1..24)) {
        let marks: Vec<Mark> = counts.iter().map(|v| mark(*v)).collect();
        let mut out = String::new();
        bars(&mut out, "t", &marks);
        assert_inside(&out, f64::from(ROW) * marks.len() as f64);
    }

    #[test]
    fn the_line_stays_inside_its_box(counts in prop::collection::vec(prop::option::of(0u64..=u64::MAX / 16), 1..40)) {
        let marks: Vec<Mark> = counts.iter().map(|v| mark(*v)).collect();
        let dates: Vec<String> = (0..marks.len()).map(|i| format!("day {i}")).collect();
        let mut out = String::new();
        line(&mut out, "t", &marks, &dates, &|n| n.to_string());
        // The stretched line's own coordinates are its viewBox's (0–1000), checked apart.
        let (outer, inner) = out.split_once("<svg width").unwrap();
        let (inner, rest) = inner.split_once("</svg>").unwrap();
        assert_inside(&format!("{outer}{rest}"), f64::from(HEIGHT));
        let path = values(inner, "d")[0];
        for point in path.split(['M', 'L']).filter(|p| !p.trim().is_empty()) {
            let xy: Vec<u32> = point.split_whitespace().map(|n| n.parse().unwrap()).collect();
            prop_assert!(xy[0] <= 1000 && xy[1] <= HEIGHT);
        }
    }
}

#[test]
fn the_largest_count_has_the_longest_bar_and_zero_none() {
    let marks = [mark(Some(10)), mark(Some(5)), mark(Some(0)), mark(None)];
    let mut out = String::new();
    bars(&mut out, "t", &marks);
    let widths: Vec<&str> = values(&out, "width").into_iter().filter(|w| *w != "100%").collect();
    assert_eq!(widths, ["75.0%", "37.5%", "0.0%", "0.0%"]);
    // A count of 1 among millions still shows.
    let mut out = String::new();
    bars(&mut out, "t", &[mark(Some(10_000_000)), mark(Some(1))]);
    assert!(out.contains("width=\"0.1%\""));
}

#[test]
fn a_bar_is_a_link_named_by_its_label_and_count_as_shown_and_text_is_escaped() {
    let mut out = String::new();
    bars(&mut out, "t", &[mark(Some(1234)), mark(None)]);
    assert!(out.contains("aria-labelledby=\"t\""));
    // The name comes from the text shown (no aria-label that could differ from it).
    assert!(out.contains("<a href=\"/discrepancies?reason=damaged&amp;stock_location=7\"><rect"));
    assert!(out.contains(
        ">Ankara &lt;Depo&gt; &amp; &quot;2&quot;</tspan><tspan class=\"value\" x=\"76.0%\" y=\"35\"> 1234</tspan>"
    ));
    assert!(out.contains("> not available</tspan>"));
    assert!(!out.contains("<Depo>") && !out.contains("aria-label="));
    // A label too long to draw is cut, and its title says it whole.
    let long = Mark {
        label: "x".repeat(60),
        ..mark(Some(3))
    };
    let mut out = String::new();
    bars(&mut out, "t", &[long]);
    assert!(out.contains(&format!("<title>{}</title>", "x".repeat(60))));
    assert!(out.contains(&format!(">{}…</tspan>", "x".repeat(40))));
    let mut out = String::new();
    let without_link = Mark {
        href: None,
        ..mark(Some(3))
    };
    bars(&mut out, "t", &[without_link]);
    assert!(out.contains("<g><rect") && !out.contains("<a "));
}

#[test]
fn a_point_is_a_link_named_by_its_label_and_count() {
    let mut out = String::new();
    line(&mut out, "t", &[mark(Some(1234))], &["d0".to_string()], &|n| {
        n.to_string()
    });
    assert!(out.contains("<a href=\"/discrepancies?reason=damaged&amp;stock_location=7\" aria-label=\"Ankara &lt;Depo&gt; &amp; &quot;2&quot;: 1234\">"));
}

#[test]
fn a_failed_point_breaks_the_line_and_stays_named() {
    let marks = [mark(Some(4)), mark(Some(8)), mark(None), mark(Some(2)), mark(Some(6))];
    let dates: Vec<String> = (0..5).map(|i| format!("d{i}")).collect();
    let mut out = String::new();
    line(&mut out, "t", &marks, &dates, &|n| n.to_string());
    let d = values(&out, "d")[0];
    assert_eq!(d.matches('M').count(), 2, "{d}");
    assert_eq!(d.matches('L').count(), 2, "{d}");
    assert_eq!(out.matches("<a href").count(), 5);
    assert!(out.contains("class=\"dot missing\""));
    // Ticks 0, 2, 4, 6, 8 on the axis; the highest (8) and the last (6) written by their points.
    for tick in ["0", "2", "4", "6", "8"] {
        assert!(out.contains(&format!("\">{tick}</text>")), "tick {tick}");
    }
    assert_eq!(out.matches("class=\"value\"").count(), 2);
    // Dates under at most four points, the last among them.
    assert!(out.contains(">d4</text>"));
    assert!(out.matches("class=\"tick\"").count() <= 5 + 4);
}

#[test]
fn a_table_holds_the_same_labels_links_and_counts() {
    let mut out = String::new();
    table(
        &mut out,
        "t",
        ["Reason", "Records"],
        &[
            mark(Some(7)),
            Mark {
                href: None,
                ..mark(None)
            },
        ],
    );
    assert!(out.contains("<th scope=\"col\">Reason</th><th scope=\"col\">Records</th>"));
    assert!(out.contains("<a href=\"/discrepancies?reason=damaged&amp;stock_location=7\">Ankara &lt;Depo&gt; &amp; &quot;2&quot;</a></th><td>7</td>"));
    assert!(out.contains("Ankara &lt;Depo&gt; &amp; &quot;2&quot;</th><td>not available</td>"));
}
