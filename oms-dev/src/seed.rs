//! Deterministic demo data: a splitmix64 PRNG (no `rand` dependency, so a seed means the
//! same rows forever) and the generator for ordinary and hostile records.

use crate::dates::{DAY, Micros};

/// The six reason codes seeded records use.
pub(crate) const REASONS: [&str; 6] = [
    "out_of_stock",
    "damaged",
    "missing",
    "wrong_product",
    "expired",
    "quality_issue",
];

/// Number of stock locations (ids `1..=STOCK_LOCATIONS`).
pub(crate) const STOCK_LOCATIONS: i64 = 25;

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

/// `n` ordinary records for `seed`, created over the 400 days before `now` (ascending, so
/// ids follow creation time as in a real table), each with exactly one of package/transfer
/// item, ~90% active; then, if `hostile`, the hostile records with the newest dates.
pub(crate) fn generate(n: u64, seed: u64, hostile: bool, now: Micros) -> Vec<NewRecord> {
    let mut rng = SplitMix64::new(seed);
    let span = 400 * DAY;
    // leave the last hour free for hostile records, which must be the newest
    let hour = DAY / 24;
    let mut created: Vec<Micros> = (0..n)
        .map(|_| now - span + rng.below((span - hour) as u64) as Micros)
        .collect();
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
            reason: REASONS[rng.below(REASONS.len() as u64) as usize].to_string(),
            created_date: c,
            modified_date: modified,
            is_active: rng.below(10) != 0,
            stock_location: 1 + rng.below(STOCK_LOCATIONS as u64) as i64,
            package_item: package.then_some(item),
            transfer_item: (!package).then_some(item),
        });
    }
    if hostile {
        out.extend(hostile_records(&mut rng, now));
    }
    out
}

/// The hostile records, dated within the last few minutes before `now`, oldest first.
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
                stock_location: 1 + (i as i64 % STOCK_LOCATIONS),
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
            assert!(r.created_date >= now - 400 * DAY && r.created_date <= now);
            assert!(r.modified_date >= r.created_date && r.modified_date <= now);
            assert!(r.package_item.is_some() != r.transfer_item.is_some());
            assert!((1..=25).contains(&r.stock_location));
        }
        assert!(a.windows(2).all(|w| w[0].created_date <= w[1].created_date));
        let active = a[..500].iter().filter(|r| r.is_active).count();
        assert!((400..=490).contains(&active), "{active}");
        assert_eq!(hostile_reasons()[3].chars().count(), 500);
    }
}
