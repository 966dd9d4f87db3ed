//! The insights page's body as markup, from the counts as they stand: rebuilt whole as each
//! count arrives (a few dozen rows of text), every text escaped here. Controls are buttons
//! with a `data-act` the page's one click handler reads; everything else is a link.

use super::chart::{self, Mark};
use super::{AGES, Insights, Part, Section, Slot, Span, cut_off};
use crate::api::ListQuery;
use crate::i18n::{day, number};
use crate::locations::Names;
use crate::messages::Messages;
use crate::removal::impact::{Line, TOP_LOCATIONS, with_rest};
use crate::routes::{Base, insights_path, list_path, remove_path};
use crate::text::escape_html;

/// What a count on its way shows.
const PENDING: &str = "…";

/// How the page shows the counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Look {
    /// The trend's buckets.
    pub(crate) span: Span,
    /// Tables in place of the charts.
    pub(crate) tables: bool,
}

/// What the page needs to write its body.
pub(crate) struct Context<'a> {
    /// The language's messages.
    pub(crate) m: &'a Messages,
    /// Stock location names.
    pub(crate) names: &'a Names,
    /// Where the app is mounted.
    pub(crate) base: &'a Base,
    /// Charts or tables, weeks or days.
    pub(crate) look: Look,
}

impl Context<'_> {
    /// A count as shown: the number, "not available", or "…" while it is on its way.
    fn text(&self, slot: Option<Slot>) -> String {
        match slot {
            Some(Slot::Count(n)) => number(self.m.lang, n),
            Some(Slot::Failed) => self.m.not_available.to_string(),
            _ => PENDING.to_string(),
        }
    }

    /// What a part counts, in words.
    fn label(&self, insights: &Insights, part: Part) -> String {
        let m = self.m;
        let start = |span, i: u8| insights.starts(span)[usize::from(i)];
        match part {
            Part::Total => m.ins_records.to_string(),
            Part::Active => m.ins_active.to_string(),
            Part::Inactive => m.ins_inactive.to_string(),
            Part::Reason(i) => m.reasons[usize::from(i)].to_string(),
            Part::Location(id) => self.names.label(id),
            Part::Week(i) => m.ins_week_of(start(Span::Weeks, i)),
            Part::Day(i) => day(m.lang, start(Span::Days, i)),
            Part::Older(i) => format!(
                "{} ({})",
                m.ins_older(AGES[usize::from(i)]),
                day(m.lang, cut_off(insights.today, i))
            ),
        }
    }

    /// The marks of a section's parts (the trend's of the span shown), in their order:
    /// each links to the list of its records, an age to the removal form at its date.
    fn marks(&self, insights: &Insights, which: Section) -> Vec<Mark> {
        let mut out = Vec::new();
        for (part, slot) in insights.parts.iter().zip(&insights.slots) {
            let other_span = match part {
                Part::Week(_) => self.look.span != Span::Weeks,
                Part::Day(_) => self.look.span != Span::Days,
                _ => false,
            };
            if part.section() != which || other_span {
                continue;
            }
            let path = match part {
                Part::Older(i) => Some(remove_path(
                    cut_off(insights.today, *i),
                    insights.filters.stock_location,
                )),
                _ => insights.query(*part).map(|q| list_path(&q)),
            };
            out.push(Mark {
                label: self.label(insights, *part),
                value: match slot {
                    Slot::Count(n) => Some(*n),
                    _ => None,
                },
                text: self.text(Some(*slot)),
                href: path.map(|p| self.base.href(&p)),
            });
        }
        out
    }
}

/// A ranking of `marks`, by the removal breakdown's rules ([`with_rest`]): the ones with
/// records, the most first (at most `top`, failed ones then left to the rest), and a last
/// line for the rest of the total once every count is in. Pending marks wait.
fn rank(c: &Context, marks: Vec<Mark>, total: Option<Slot>, top: Option<usize>, rest: &str) -> Vec<Mark> {
    let mut complete = true;
    let mut lines = Vec::new();
    for (i, mark) in marks.iter().enumerate() {
        if mark.text == PENDING {
            complete = false;
        } else {
            lines.push(Line {
                label: Some(i),
                count: mark.value,
            });
        }
    }
    let total = match total {
        Some(Slot::Count(n)) => n,
        _ => {
            complete = false;
            0
        }
    };
    // The lines' labels are the marks' indices; `None` is the rest.
    let mut marks: Vec<Option<Mark>> = marks.into_iter().map(Some).collect();
    with_rest(lines, complete, total, top, None)
        .into_iter()
        .filter_map(|line| match line.label {
            Some(i) => marks[i].take(),
            None => Some(Mark {
                label: rest.to_string(),
                value: line.count,
                text: c.text(Some(line.count.map_or(Slot::Failed, Slot::Count))),
                href: None,
            }),
        })
        .collect()
}

/// One section: its heading, a summary in words, the chart (or its table) and what
/// follows it, and a retry when one of its counts failed.
fn section(
    out: &mut String,
    c: &Context,
    insights: &Insights,
    which: Section,
    (title, summary): (&str, &str),
    marks: &[Mark],
    after: &str,
) {
    let id = format!("ins-{}", which as u8);
    *out += &format!(
        "<section class=\"insight\" aria-labelledby=\"{id}\"><h2 id=\"{id}\">{}</h2><p class=\"summary\">{}</p>",
        escape_html(title),
        escape_html(summary)
    );
    if which == Section::Trend {
        *out += "<div class=\"spans\">";
        for (i, label) in c.m.ins_spans.iter().enumerate() {
            *out += &format!(
                "<button type=\"button\" class=\"button\" data-act=\"span{i}\" aria-pressed=\"{}\">{}</button>",
                c.look.span as usize == i,
                escape_html(label)
            );
        }
        *out += "</div>";
    }
    let head = match which {
        Section::Totals => "",
        Section::Reasons => c.m.col_reason,
        Section::Locations => c.m.col_stock_location,
        Section::Trend => c.m.ins_period,
        Section::Ages => c.m.ins_age,
    };
    if c.look.tables {
        chart::table(out, &id, [head, c.m.ins_records], marks);
    } else if which == Section::Trend {
        let dates: Vec<String> = insights.starts(c.look.span).iter().map(|d| day(c.m.lang, *d)).collect();
        chart::line(out, &id, marks, &dates, &|v| number(c.m.lang, v));
    } else {
        chart::bars(out, &id, marks);
    }
    *out += after;
    if insights.failed_in(which) {
        *out += &format!(
            "<button type=\"button\" class=\"button\" data-act=\"retry\" data-section=\"{}\">{}</button>",
            which as u8,
            escape_html(c.m.retry)
        );
    }
    *out += "</section>";
}

/// "Most: Damaged, 1,234 of 5,010 records." once the first of a ranking is known.
fn top_summary(c: &Context, marks: &[Mark], total: Option<Slot>) -> String {
    match (marks.first().and_then(|k| k.value.map(|v| (k, v))), total) {
        (Some((first, n)), Some(Slot::Count(total))) => c.m.ins_top(&first.label, n, total),
        _ => String::new(),
    }
}

/// The heading, the way to the same records in the list, and the filters as chips (each a
/// link to the insights without it).
fn head(c: &Context, query: &ListQuery) -> String {
    let m = c.m;
    format!(
        "<div class=\"page-head\"><h1>{}</h1><a class=\"button\" href=\"{}\">{}</a></div>{}",
        escape_html(m.nav_insights),
        escape_html(&c.base.href(&list_path(query))),
        escape_html(m.impact_show),
        crate::components::filter_chips::chips_html_to(m, query, c.names, c.base, insights_path)
    )
}

/// The page when a filter of the address does not read: nothing is counted (the counts
/// would not be of what the address says); its chip, like the others, leads out.
pub(crate) fn malformed(c: &Context, query: &ListQuery) -> String {
    head(c, query)
        + &format!(
            "<p class=\"warning\" role=\"alert\">{}</p>",
            escape_html(c.m.ins_malformed)
        )
}

/// The page's body for `insights`.
pub(crate) fn page(c: &Context, insights: &Insights) -> String {
    let m = c.m;
    let list = ListQuery {
        filters: insights.filters.clone(),
        ..Default::default()
    };
    let total = insights.slot(Part::Total);
    let mut out = head(c, &list);
    out += &format!(
        "<div class=\"insights-tools\"><button type=\"button\" class=\"button\" data-act=\"tables\" aria-pressed=\"{}\">{}</button>",
        c.look.tables,
        escape_html(m.ins_tables)
    );
    let (done, of) = insights.progress();
    if done < of {
        let text = escape_html(&m.ins_progress(done, of));
        out += &format!(
            "<p class=\"impact-progress\"><progress max=\"{of}\" value=\"{done}\" aria-label=\"{text}\"></progress> {text}</p>"
        );
    }
    out += "</div><div class=\"insights\">";

    let marks = c.marks(insights, Section::Totals);
    section(&mut out, c, insights, Section::Totals, (m.ins_records, ""), &marks, "");

    // A breakdown by a dimension the filters fix would be one bar: left out.
    if insights.filters.reason.is_none() {
        let marks = c.marks(insights, Section::Reasons);
        let marks = rank(c, marks, total, None, m.impact_other_reasons);
        let summary = top_summary(c, &marks, total);
        section(
            &mut out,
            c,
            insights,
            Section::Reasons,
            (m.impact_by_reason, &summary),
            &marks,
            "",
        );
    }
    if insights.filters.stock_location.is_none() {
        let marks = c.marks(insights, Section::Locations);
        let marks = rank(c, marks, total, Some(TOP_LOCATIONS), m.impact_other_locations);
        let (counted, known) = insights.locations_counted();
        let after = if known == 0 {
            format!("<p class=\"hint\">{}</p>", escape_html(m.impact_no_locations))
        } else if counted < known {
            format!(
                "<p class=\"hint\">{} <button type=\"button\" class=\"button\" data-act=\"more\">{}</button></p>",
                escape_html(&m.ins_budget(counted, known)),
                escape_html(&m.ins_count_rest(known - counted))
            )
        } else {
            String::new()
        };
        let summary = top_summary(c, &marks, total);
        section(
            &mut out,
            c,
            insights,
            Section::Locations,
            (m.impact_by_location, &summary),
            &marks,
            &after,
        );
    }

    // The trend: the last complete stretch (this week or today is not over) against the
    // one before.
    let span = c.look.span;
    let marks = c.marks(insights, Section::Trend);
    let (n, stretch) = (marks.len(), if span == Span::Weeks { 4 } else { 7 });
    let sum = |from: usize| marks[from..from + stretch].iter().map(|k| k.value).sum::<Option<u64>>();
    let summary = match (n > 2 * stretch).then(|| (sum(n - 1 - stretch), sum(n - 1 - 2 * stretch))) {
        Some((Some(recent), Some(before))) => m.ins_trend_summary(span as usize, recent, before),
        _ => String::new(),
    };
    section(
        &mut out,
        c,
        insights,
        Section::Trend,
        (m.ins_trend[span as usize], &summary),
        &marks,
        "",
    );

    let marks = c.marks(insights, Section::Ages);
    let hint = format!("<p class=\"hint\">{}</p>", escape_html(m.ins_age_hint));
    section(&mut out, c, insights, Section::Ages, (m.ins_ages, ""), &marks, &hint);
    out + "</div>"
}
