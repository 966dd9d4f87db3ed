//! Deterministic demo data: a splitmix64 PRNG (no `rand` dependency, so a seed means the
//! same rows forever) and the generator for ordinary and hostile records. The ordinary ones
//! are spread so the app's breakdowns and exports have something to show: two years of
//! dates with a rising trend, every location and every reason, neither evenly.

use crate::dates::{DAY, Micros};

/// The six reason codes seeded records use (the app's known reasons).
pub const REASONS: [&str; 6] = [
    "out_of_stock",
    "damaged",
    "missing",
    "wrong_product",
    "expired",
    "quality_issue",
];

/// How often each of [`REASONS`] occurs, in percent: common ones dominate, as in a real
/// warehouse, and the rarest still appears about once in 12 records.
const REASON_PERCENT: [u64; 6] = [30, 22, 18, 12, 10, 8];

/// Number of stock locations (ids `1..=STOCK_LOCATIONS`); `list-simple` names all but one
/// (see [`crate::locations`]).
pub(crate) const STOCK_LOCATIONS: i64 = 50;

/// How far back seeded records go: two years, so year-over-year breakdowns have data.
pub(crate) const SPAN_DAYS: i64 = 730;

/// Reasons carrying XSS, bidi, zero-width, emoji, Turkish and oversized payloads, so the
/// app's rendering is exercised against hostile-but-valid data (`--hostile`).
pub(crate) fn hostile_reasons() -> Vec<String> {
    vec![
        "<script>window.__pwned=1</script>".into(),
        "<img src=x onerror=\"window.__pwned=1\">".into(),
        "\"><svg onload=window.__pwned=1>".into(),
        format!("long_reason_{}", "x".repeat(500 - 12)),
        "out_of_stock \u{202E}kcots_fo_tuo".into(),
        "dam\u{200B}aged\u{200D}".into(),
        "📦 damaged 💥🔥".into(),
        "Stok yetersiz: ığüşöçİĞÜŞÖÇ".into(),
        "javascript:window.__pwned=1".into(),
        "' OR 1=1 --".into(),
    ]
}

/// splitmix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough for demo data and the
/// fault-injection coin.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator whose whole sequence is fixed by `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in `0..n` (multiply-shift, no modulo bias worth caring about).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }
}

/// The splitmix64 output function, also used statelessly as a hash of a counter.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A record to insert (the id is assigned by the database).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NewRecord {
    /// Free-text reason.
    pub(crate) reason: String,
    /// Creation time (µs).
    pub(crate) created_date: Micros,
    /// Last modification (µs), never before `created_date`.
    pub(crate) modified_date: Micros,
    /// Active flag.
    pub(crate) is_active: bool,
    /// Stock location id.
    pub(crate) stock_location: i64,
    /// Package item id, or `None`.
    pub(crate) package_item: Option<i64>,
    /// Transfer item id, or `None`.
    pub(crate) transfer_item: Option<i64>,
}

/// A reason drawn with [`REASON_PERCENT`].
fn pick_reason(rng: &mut SplitMix64) -> &'static str {
    let mut x = rng.below(100);
    for (reason, percent) in REASONS.into_iter().zip(REASON_PERCENT) {
        if x < percent {
            return reason;
        }
        x -= percent;
    }
    REASONS[0]
}

/// A location id: half the time uniform, half the time the lower of two uniform draws, so
/// the first (flagship) locations get about three times the records of the last while each
/// still gets about 1 %: a per-location breakdown has a head and a tail.
fn pick_location(rng: &mut SplitMix64) -> i64 {
    let n = STOCK_LOCATIONS as u64;
    let i = if rng.below(2) == 0 {
        rng.below(n)
    } else {
        rng.below(n).min(rng.below(n))
    };
    1 + i as i64
}

/// An offset into `0..span` whose density rises linearly to twice its starting value
/// (inverse CDF of `1 + t`), so recent months are busier than old ones, as in a growing
/// business. Exact IEEE arithmetic: the same seed gives the same dates on every machine.
fn rising(rng: &mut SplitMix64, span: Micros) -> Micros {
    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    let t = (1.0 + 3.0 * u).sqrt() - 1.0;
    ((t * span as f64) as Micros).min(span - 1)
}

/// `n` ordinary records for `seed`, created over the [`SPAN_DAYS`] before `now` with a
/// rising trend (ascending, so ids follow creation time as in a real table), each with
/// exactly one of package/transfer item, ~90% active; then, if `hostile`, the hostile
/// records with the newest dates.
pub(crate) fn generate(n: u64, seed: u64, hostile: bool, now: Micros) -> Vec<NewRecord> {
    let mut rng = SplitMix64::new(seed);
    let span = SPAN_DAYS * DAY;
    // leave the last hour free for hostile records, which must be the newest
    let hour = DAY / 24;
    let mut created: Vec<Micros> = (0..n).map(|_| now - span + rising(&mut rng, span - hour)).collect();
    created.sort_unstable();
    let mut out = Vec::with_capacity(n as usize + 10);
    for c in created {
        let modified = if rng.below(10) < 6 {
            c + rng.below(50) as Micros
        } else {
            let room = (now - hour - c).clamp(1, 60 * DAY);
            c + rng.below(room as u64) as Micros
        };
        let item = 10_000 + rng.below(990_000) as i64;
        let package = rng.below(10) < 7;
        out.push(NewRecord {
            reason: pick_reason(&mut rng).to_string(),
            created_date: c,
            modified_date: modified,
            is_active: rng.below(10) != 0,
            stock_location: pick_location(&mut rng),
            package_item: package.then_some(item),
            transfer_item: (!package).then_some(item),
        });
    }
    if hostile {
        out.extend(hostile_records(&mut rng, now));
    }
    out
}

/// The hostile records, dated within the last few minutes before `now`, oldest first, at
/// the last location ids: quiet ones, which `--hostile` also gives hostile names (see
/// [`crate::locations`]), so the busiest locations keep readable names in `make dev`.
pub(crate) fn hostile_records(rng: &mut SplitMix64, now: Micros) -> Vec<NewRecord> {
    let reasons = hostile_reasons();
    let count = reasons.len() as i64;
    reasons
        .into_iter()
        .enumerate()
        .map(|(i, reason)| {
            let c = now - (count - i as i64) * 60_000_000 + rng.below(1_000_000) as Micros;
            let item = 10_000 + rng.below(990_000) as i64;
            NewRecord {
                reason,
                created_date: c,
                modified_date: c + 9,
                is_active: true,
                stock_location: STOCK_LOCATIONS - (i as i64 % STOCK_LOCATIONS),
                package_item: (i % 2 == 0).then_some(item),
                transfer_item: (i % 2 == 1).then_some(item),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_known_values() {
        // reference values of splitmix64 seeded with 0
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn generation_is_deterministic_and_well_formed() {
        let now = 1_700_000_000_000_000;
        let a = generate(500, 42, true, now);
        assert_eq!(a, generate(500, 42, true, now));
        assert_ne!(a, generate(500, 43, true, now));
        assert_eq!(a.len(), 510);
        for r in &a {
            assert!(r.created_date >= now - SPAN_DAYS * DAY && r.created_date <= now);
            assert!(r.modified_date >= r.created_date && r.modified_date <= now);
            assert!(r.package_item.is_some() != r.transfer_item.is_some());
            assert!((1..=STOCK_LOCATIONS).contains(&r.stock_location));
        }
        assert!(a.windows(2).all(|w| w[0].created_date <= w[1].created_date));
        let active = a[..500].iter().filter(|r| r.is_active).count();
        assert!((400..=490).contains(&active), "{active}");
        assert_eq!(hostile_reasons()[3].chars().count(), 500);
        let hostile_at: Vec<i64> = a[500..].iter().map(|r| r.stock_location).collect();
        assert_eq!(hostile_at, (41..=50).rev().collect::<Vec<_>>());
    }

    #[test]
    fn seeded_variety_for_breakdowns() {
        let now = 1_700_000_000_000_000;
        let a = generate(20_000, 42, false, now);
        let mut per_location = vec![0usize; STOCK_LOCATIONS as usize + 1];
        let mut per_reason = [0usize; 6];
        for r in &a {
            per_location[r.stock_location as usize] += 1;
            per_reason[REASONS.iter().position(|x| *x == r.reason).unwrap()] += 1;
        }
        // every location, the first ones busier than the last
        assert!(per_location[1..].iter().all(|&c| c >= 150), "{per_location:?}");
        assert!(per_location[1] > 2 * per_location[50], "{per_location:?}");
        // every reason, in roughly the intended shares
        for (count, percent) in per_reason.into_iter().zip(REASON_PERCENT) {
            let expected = 200 * percent as usize;
            assert!(count.abs_diff(expected) < expected / 5, "{per_reason:?}");
        }
        // two years of dates, the last year busier than the one before
        let span = a.last().unwrap().created_date - a[0].created_date;
        assert!(span > (SPAN_DAYS - 2) * DAY, "{span}");
        let last_year = a.iter().filter(|r| r.created_date >= now - 365 * DAY).count();
        assert!((11_000..=12_500).contains(&last_year), "{last_year}");
    }
}
