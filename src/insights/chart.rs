//! The insights' charts as SVG markup: horizontal bars and a line with axes, drawn by the
//! app itself (no charting library, no canvas).
//!
//! Widths are percentages of the chart's box and heights are CSS pixels, with no `viewBox`
//! scaling: text keeps its size from 360 px to 1920 px, and only the bars and the line
//! stretch. Positions are integers (per mille of the width), so no count, however large,
//! makes a NaN or a negative width. Colours come from the stylesheet (light, dark and the
//! host's theme alike) and never carry meaning alone: every bar and point has its label and
//! value as text, and is a link whose accessible name says both.

use crate::text::{escape_html, truncate};

/// Height of one bar's row in pixels: its label line and the bar below it.
pub(crate) const ROW: u32 = 44;
/// The longest bar, per mille of the width: its count is written after it.
const LONGEST: u32 = 750;
/// Characters of a bar's label drawn before `…` (the accessible name has it whole).
const LABEL_CHARS: usize = 40;
/// The line chart's height, and its plot's top and bottom, in pixels.
pub(crate) const HEIGHT: u32 = 240;
const TOP: u32 = 28;
const BOTTOM: u32 = 208;
/// Dates written under the line, at most (a date is about 80 px wide).
const DATES: usize = 4;

/// One bar or point.
pub(crate) struct Mark {
    /// What it counts, in full.
    pub(crate) label: String,
    /// Its count; `None`: not available (or not in yet).
    pub(crate) value: Option<u64>,
    /// Its count as shown ("1,234", "not available").
    pub(crate) text: String,
    /// Where choosing it goes (an href), if anywhere.
    pub(crate) href: Option<String>,
}

/// `value` of `max` as a share of `whole`, rounded down, at most `whole`; 0 when `max` is 0.
pub(crate) fn scale(value: u64, max: u64, whole: u32) -> u32 {
    if max == 0 {
        return 0;
    }
    (value.min(max) as f64 / max as f64 * f64::from(whole)) as u32
}

/// The y axis for counts up to `max`: a step of 1, 2 or 5 × 10ⁿ and the top tick (a
/// multiple of it, at least `max`), four steps or fewer.
pub(crate) fn ticks(max: u64) -> (u64, u64) {
    let raw = max.div_ceil(4).max(1);
    let mut power = 1u64;
    while power <= raw / 10 {
        power *= 10;
    }
    let step = [1, 2, 5, 10]
        .into_iter()
        .map(|f| f * power)
        .find(|s| *s >= raw)
        .unwrap_or(10 * power);
    (step, max.div_ceil(step).max(1) * step)
}

/// A per-mille position as an SVG percentage: 375 → `37.5%`.
fn pct(per_mille: u32) -> String {
    format!("{}.{}%", per_mille / 10, per_mille % 10)
}

/// Writes `<text>` at `x` (a percentage), `y` (pixels), escaped.
fn text(out: &mut String, class: &str, x: &str, y: u32, anchor: &str, content: &str) {
    *out += &format!(
        "<text class=\"{class}\" x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\">{}</text>",
        escape_html(content)
    );
}

/// Opens a mark: a link when it goes somewhere, a group otherwise. A bar's name is its text
/// (label and count, as shown); a point, which shows no label, is named by `aria-label`.
fn open(out: &mut String, mark: &Mark, named: bool) {
    let name = if named {
        format!(
            " aria-label=\"{}\"",
            escape_html(&format!("{}: {}", mark.label, mark.text))
        )
    } else {
        String::new()
    };
    *out += &match (&mark.href, named) {
        (Some(href), _) => format!("<a href=\"{}\"{name}>", escape_html(href)),
        (None, true) => format!("<g role=\"img\"{name}>"),
        (None, false) => "<g>".to_string(),
    };
}

fn close(out: &mut String, mark: &Mark) {
    *out += if mark.href.is_some() { "</a>" } else { "</g>" };
}

fn svg(out: &mut String, class: &str, height: u32, labelled_by: &str) {
    *out += &format!(
        "<svg class=\"chart {class}\" width=\"100%\" height=\"{height}\" role=\"group\" aria-labelledby=\"{labelled_by}\">"
    );
}

/// Horizontal bars, the longest for the largest count; each row shows its label above the
/// bar and its count after it.
pub(crate) fn bars(out: &mut String, labelled_by: &str, marks: &[Mark]) {
    let max = marks.iter().filter_map(|m| m.value).max().unwrap_or(0);
    svg(out, "bars", ROW * marks.len() as u32, labelled_by);
    for (i, mark) in marks.iter().enumerate() {
        let y = ROW * i as u32;
        let width = mark.value.map_or(0, |v| scale(v, max, LONGEST).max(u32::from(v > 0)));
        open(out, mark, false);
        // One text, the label and the count, so that the link's name is what it shows; the
        // whole label is its title when it is cut.
        let label = truncate(&mark.label, LABEL_CHARS);
        if label != mark.label {
            *out += &format!("<title>{}</title>", escape_html(&mark.label));
        }
        *out += &format!(
            "<rect class=\"hit\" y=\"{y}\" width=\"100%\" height=\"{ROW}\"/><rect class=\"bar\" y=\"{}\" width=\"{}\" height=\"14\"/><text><tspan x=\"0\" y=\"{}\">{}</tspan><tspan class=\"value\" x=\"{}\" y=\"{}\"> {}</tspan></text>",
            y + 22,
            pct(width),
            y + 16,
            escape_html(&label),
            pct(width + 10),
            y + 35,
            escape_html(&mark.text),
        );
        close(out, mark);
    }
    *out += "</svg>";
}

/// A line through the counts, oldest first: round ticks on the y axis, a few dates under
/// it, the count over the highest point and the last. A count not available breaks the
/// line; its point stays, on the axis, and says so.
pub(crate) fn line(
    out: &mut String,
    labelled_by: &str,
    marks: &[Mark],
    dates: &[String],
    number: &dyn Fn(u64) -> String,
) {
    let (step, top) = ticks(marks.iter().filter_map(|m| m.value).max().unwrap_or(0));
    let gaps = marks.len().saturating_sub(1).max(1) as u32;
    // Per mille of the width; a margin keeps the first and last points' rings inside.
    let x = |i: usize| 20 + 960 * i as u32 / gaps;
    let y = |v: u64| BOTTOM - scale(v, top, BOTTOM - TOP);
    svg(out, "line", HEIGHT, labelled_by);
    let mut tick = 0;
    while tick <= top {
        *out += &format!("<line class=\"grid\" x2=\"100%\" y1=\"{0}\" y2=\"{0}\"/>", y(tick));
        text(out, "tick", "0", y(tick) - 4, "start", &number(tick));
        tick += step;
    }
    let every = marks.len().div_ceil(DATES).max(1);
    let mut path = String::new();
    let mut joined = false;
    for (i, mark) in marks.iter().enumerate() {
        if let Some(v) = mark.value {
            path += &format!("{}{} {} ", if joined { 'L' } else { 'M' }, x(i), y(v));
        }
        joined = mark.value.is_some();
        if (marks.len() - 1 - i).is_multiple_of(every)
            && let Some(date) = dates.get(i)
        {
            let anchor = if i + 1 == marks.len() { "end" } else { "middle" };
            // Every other date gives way on a narrow screen (the style sheet hides `alt`).
            let class = if (marks.len() - 1 - i) / every % 2 == 1 {
                "tick alt"
            } else {
                "tick"
            };
            text(out, class, &pct(x(i)), HEIGHT - 8, anchor, date);
        }
    }
    // The line alone is stretched to the box; its stroke keeps its width.
    *out += &format!(
        "<svg width=\"100%\" height=\"{HEIGHT}\" viewBox=\"0 0 1000 {HEIGHT}\" preserveAspectRatio=\"none\" aria-hidden=\"true\"><path class=\"trend\" vector-effect=\"non-scaling-stroke\" d=\"{path}\"/></svg>"
    );
    let highest = marks.iter().enumerate().filter_map(|(i, m)| Some((m.value?, i))).max();
    for (i, mark) in marks.iter().enumerate() {
        let (cx, cy) = (pct(x(i)), y(mark.value.unwrap_or(0)));
        open(out, mark, true);
        *out += &format!(
            "<circle class=\"hit\" cx=\"{cx}\" cy=\"{cy}\" r=\"12\"/><circle class=\"dot{}\" cx=\"{cx}\" cy=\"{cy}\" r=\"4\"/>",
            if mark.value.is_some() { "" } else { " missing" },
        );
        if mark.value.is_some() && (i + 1 == marks.len() || highest.is_some_and(|(_, h)| h == i)) {
            let anchor = if i + 1 == marks.len() { "end" } else { "middle" };
            text(out, "value", &cx, cy - 10, anchor, &mark.text);
        }
        close(out, mark);
    }
    *out += "</svg>";
}

/// The same marks as a table: a row each, its label (a link where the mark has one) and
/// its count.
pub(crate) fn table(out: &mut String, labelled_by: &str, head: [&str; 2], marks: &[Mark]) {
    *out += &format!(
        "<table class=\"chart-table\" aria-labelledby=\"{labelled_by}\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        escape_html(head[0]),
        escape_html(head[1])
    );
    for mark in marks {
        let label = escape_html(&mark.label);
        let label = match &mark.href {
            Some(href) => format!("<a href=\"{}\">{label}</a>", escape_html(href)),
            None => label,
        };
        *out += &format!(
            "<tr><th scope=\"row\" dir=\"auto\">{label}</th><td>{}</td></tr>",
            escape_html(&mark.text)
        );
    }
    *out += "</tbody></table>";
}

/// Host only: the proptests need proptest, a host dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
