//! What a removal would take, before it is confirmed: the records in its scope broken down
//! by reason and by stock location, and the oldest and newest of them, all from the OMS's
//! own counts. Pure, so the plan and the arithmetic ("others" is the total minus what is
//! listed) are tested on the host; the page runs the plan with [`crate::api::counts`].

use crate::api::{ApiError, Discrepancy, ListQuery, Page, RemoveRequest, Sort, SortField};
use crate::i18n::number;
use crate::locations::Names;
use crate::messages::{KNOWN_REASONS, Messages};
use crate::text::escape_html;
use chrono::{DateTime, Utc};

/// Stock locations listed by name; the rest are summed as "others".
pub const TOP_LOCATIONS: usize = 10;

/// One count or date the breakdown asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The first record created, in the scope.
    Oldest,
    /// The last record created, in the scope.
    Newest,
    /// Records of the known reason at this index of [`KNOWN_REASONS`].
    Reason(usize),
    /// Records at this stock location.
    Location(i64),
}

/// What the OMS said for a part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Records matching.
    Count(u64),
    /// The creation date of the first record in the part's order; `None` when none match.
    Date(Option<DateTime<Utc>>),
    /// The query failed: the part is "not available", and the removal is not held up.
    Failed,
}

/// A line of a breakdown: what it counts, and how many (`None`: not available).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line<L> {
    /// What is counted.
    pub label: L,
    /// How many records, or `None` when the count failed.
    pub count: Option<u64>,
}

/// What a line of the reasons' breakdown counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReasonLabel {
    /// A known reason, by its index in [`KNOWN_REASONS`].
    Known(usize),
    /// Every other reason code: the total minus the known ones.
    Other,
}

/// What a line of the locations' breakdown counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocationLabel {
    /// One stock location, by id.
    One(i64),
    /// Every location not listed (including ones the location list does not name).
    Others,
}

/// The breakdown of one removal request as its answers arrive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Impact {
    /// The removal it describes.
    pub request: RemoveRequest,
    /// What is asked, in the order asked.
    pub parts: Vec<Part>,
    /// The answers so far, by part; `None` while pending.
    pub answers: Vec<Option<Answer>>,
}

impl Impact {
    /// The plan for `request`: the oldest and newest record, each known reason, and each of
    /// `locations` unless the removal is limited to one location already.
    pub fn plan(request: RemoveRequest, locations: &[i64]) -> Impact {
        let mut parts = vec![Part::Oldest, Part::Newest];
        parts.extend((0..KNOWN_REASONS.len()).map(Part::Reason));
        if request.stock_location.is_none() {
            parts.extend(locations.iter().map(|&id| Part::Location(id)));
        }
        let answers = vec![None; parts.len()];
        Impact {
            request,
            parts,
            answers,
        }
    }

    /// The list query of each part, in order: the scope, narrowed or sorted.
    pub fn queries(&self) -> Vec<ListQuery> {
        let scope = self.request.scope();
        self.parts
            .iter()
            .map(|part| {
                let mut query = scope.clone();
                match *part {
                    Part::Oldest | Part::Newest => {
                        query.sort = Some(Sort {
                            field: SortField::CreatedDate,
                            descending: *part == Part::Newest,
                        });
                    }
                    Part::Reason(i) => query.filters.reason = Some(KNOWN_REASONS[i].to_string()),
                    Part::Location(id) => query.filters.stock_location = u64::try_from(id).ok(),
                }
                query
            })
            .collect()
    }

    /// Records the answer to the query at `index`.
    pub fn answer(&mut self, index: usize, result: Result<Page<Discrepancy>, ApiError>) {
        let (Some(part), Some(slot)) = (self.parts.get(index), self.answers.get_mut(index)) else {
            return;
        };
        *slot = Some(match (result, part) {
            (Err(_), _) => Answer::Failed,
            (Ok(page), Part::Oldest | Part::Newest) => Answer::Date(page.results.first().map(|r| r.created_date)),
            (Ok(page), _) => Answer::Count(page.count),
        });
    }

    /// How many parts have answered, of how many.
    pub fn progress(&self) -> (usize, usize) {
        (self.answers.iter().filter(|a| a.is_some()).count(), self.answers.len())
    }

    /// The date answer of `part` (oldest or newest): `None` while pending.
    pub fn date(&self, part: Part) -> Option<Answer> {
        self.parts.iter().position(|p| *p == part).and_then(|i| self.answers[i])
    }

    /// The counts of the parts `pick` selects, with their labels: `None` for a failed one;
    /// pending ones are left out. Also whether every selected part has answered.
    fn counts<L>(&self, pick: impl Fn(Part) -> Option<L>) -> (Vec<Line<L>>, bool) {
        let mut complete = true;
        let mut lines = Vec::new();
        for (part, answer) in self.parts.iter().zip(&self.answers) {
            let Some(label) = pick(*part) else { continue };
            match answer {
                None => complete = false,
                Some(Answer::Count(n)) => lines.push(Line { label, count: Some(*n) }),
                Some(_) => lines.push(Line { label, count: None }),
            }
        }
        (lines, complete)
    }

    /// The reasons of the `total` records: each known reason with records (the most first),
    /// each failed one as not available, and "other reasons" for what the known ones leave,
    /// once every known reason has answered (not available if one failed).
    pub fn reasons(&self, total: u64) -> Vec<Line<ReasonLabel>> {
        let (lines, complete) = self.counts(|p| match p {
            Part::Reason(i) => Some(ReasonLabel::Known(i)),
            _ => None,
        });
        with_rest(lines, complete, total, None, ReasonLabel::Other)
    }

    /// The stock locations of the `total` records: the [`TOP_LOCATIONS`] with the most (each
    /// failed one as not available), and "others" for the rest once every location has
    /// answered. Empty when the removal is limited to one location.
    pub fn locations(&self, total: u64) -> Vec<Line<LocationLabel>> {
        if self.request.stock_location.is_some() {
            return Vec::new();
        }
        let (lines, complete) = self.counts(|p| match p {
            Part::Location(id) => Some(LocationLabel::One(id)),
            _ => None,
        });
        with_rest(lines, complete, total, Some(TOP_LOCATIONS), LocationLabel::Others)
    }
}

impl Impact {
    /// The breakdown of `total` records as it stands, as markup: the span of creation days,
    /// a table per breakdown (lines appear as their counts arrive), and the progress. Markup
    /// rather than a view: it is rebuilt whole as each count arrives, and every text in it
    /// (location names are the OMS's data) is escaped here.
    pub fn html(&self, m: &Messages, total: u64, names: &Names) -> String {
        let mut out = String::new();
        let day = |part| match self.date(part) {
            Some(Answer::Date(Some(instant))) => Some(instant.date_naive()),
            _ => None,
        };
        if total > 0 && self.date(Part::Oldest).is_some() && self.date(Part::Newest).is_some() {
            let span = m.impact_span(day(Part::Oldest), day(Part::Newest));
            out += &format!("<p class=\"impact-span\">{}</p>", escape_html(&span));
        }
        out += "<div class=\"impact-tables\">";
        let reasons = self.reasons(total).into_iter().map(|line| {
            let label = match line.label {
                ReasonLabel::Known(i) => m.reasons[i].to_string(),
                ReasonLabel::Other => m.impact_other_reasons.to_string(),
            };
            (label, line.count)
        });
        table(&mut out, m, m.impact_by_reason, "impact-reasons", reasons);
        let by_location = self.request.stock_location.is_none();
        let asks_locations = self.parts.iter().any(|p| matches!(p, Part::Location(_)));
        if by_location && asks_locations {
            let locations = self.locations(total).into_iter().map(|line| {
                let label = match line.label {
                    LocationLabel::One(id) => names.label(id),
                    LocationLabel::Others => m.impact_other_locations.to_string(),
                };
                (label, line.count)
            });
            table(&mut out, m, m.impact_by_location, "impact-locations", locations);
        }
        out += "</div>";
        if by_location && !asks_locations {
            out += &format!("<p class=\"hint\">{}</p>", escape_html(m.impact_no_locations));
        }
        let (done, of) = self.progress();
        if done < of {
            let text = escape_html(&m.impact_progress(done, of));
            out += &format!(
                "<p class=\"impact-progress\"><progress max=\"{of}\" value=\"{done}\" aria-label=\"{text}\"></progress> {text}</p>"
            );
        }
        out
    }
}

/// Appends a breakdown's table: its lines and their counts; nothing before a line is known.
fn table(
    out: &mut String,
    m: &Messages,
    caption: &str,
    class: &str,
    lines: impl Iterator<Item = (String, Option<u64>)>,
) {
    let mut rows = String::new();
    for (label, count) in lines {
        let count = count.map_or_else(|| m.not_available.to_string(), |n| number(m.lang, n));
        rows += &format!(
            "<tr><th scope=\"row\" dir=\"auto\">{}</th><td>{}</td></tr>",
            escape_html(&label),
            escape_html(&count)
        );
    }
    if !rows.is_empty() {
        *out += &format!(
            "<table class=\"{class}\"><caption>{}</caption><tbody>{rows}</tbody></table>",
            escape_html(caption)
        );
    }
}

/// The lines with records, the most first, and a last line for the rest of `total`: not
/// available when a count failed, left out when nothing is left or some count has not
/// answered yet. With a `top`, only that many are listed and failed ones are not (they are
/// in the rest); without one, every line is, failed ones as not available.
pub(crate) fn with_rest<L: Copy>(
    lines: Vec<Line<L>>,
    complete: bool,
    total: u64,
    top: Option<usize>,
    rest: L,
) -> Vec<Line<L>> {
    let any_failed = lines.iter().any(|l| l.count.is_none());
    let mut out: Vec<Line<L>> = lines
        .into_iter()
        .filter(|l| l.count != Some(0) && (top.is_none() || l.count.is_some()))
        .collect();
    // Equal counts keep the order asked (reasons as listed, locations by id); a failed count
    // goes last. An insertion sort: a few dozen lines, and no sort routine linked for them.
    let key = |l: &Line<L>| l.count.map_or(0, |n| n.saturating_add(1));
    for i in 1..out.len() {
        let mut j = i;
        while j > 0 && key(&out[j - 1]) < key(&out[j]) {
            out.swap(j - 1, j);
            j -= 1;
        }
    }
    out.truncate(top.unwrap_or(usize::MAX));
    if complete {
        let listed: u64 = out.iter().filter_map(|l| l.count).sum();
        if any_failed {
            out.push(Line {
                label: rest,
                count: None,
            });
        } else if total > listed {
            out.push(Line {
                label: rest,
                count: Some(total - listed),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
