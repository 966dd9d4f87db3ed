//! The seeded stock locations: realistic Turkish and English store, warehouse and hub names
//! (dotted and dotless i, ş, ğ, ç, ö, ü: what the app's sorting, search and exports must get
//! right) with their ERP codes, a few inactive, one deleted, and with `--hostile` a set of
//! names built to break rendering, layout and spreadsheet exports.
//!
//! Fixed rather than drawn from `--seed`: names are what a screenshot, a demo or a test
//! refers to, and the records' ids (`1..=STOCK_LOCATIONS`) already carry the variety.

use crate::seed::STOCK_LOCATIONS;
use serde::Serialize;

/// One item of `list-simple` (field order = JSON order).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct StockLocation {
    /// Primary key, the `stock_location` of discrepancy records.
    pub(crate) id: i64,
    /// Display name, served exactly as stored.
    pub(crate) name: String,
    /// Code in the ERP (may be empty: a location never synced).
    pub(crate) erp_code: String,
    /// Inactive locations are still listed, as the OMS lists them.
    pub(crate) is_active: bool,
}

/// A location that seeded records point at but `list-simple` no longer lists, as after a
/// location is deleted in the OMS: the app must fall back to showing its id. One of the
/// hostile records sits there too (they use ids 41..=50), so `--hostile` shows the fallback
/// on the first page.
pub(crate) const DELETED_LOCATION: i64 = 45;

/// `(name, erp_code, is_active)` of ids `1..=STOCK_LOCATIONS` in order, the deleted one
/// included (it had a name once; [`seeded`] leaves it out). The flagship stores and hubs
/// come first (the seed puts more records at lower ids), quieter ones last.
const TABLE: [(&str, &str, bool); STOCK_LOCATIONS as usize] = [
    ("İstanbul Kadıköy Mağaza", "IST-KDK-001", true),
    ("Ankara Depo 2", "ANK-DEP-002", true),
    ("İzmir Alsancak", "IZM-ALS-003", true),
    ("Şişli Çağlayan", "IST-SCG-004", true),
    ("Ümraniye DC", "IST-UMR-DC1", true),
    ("İstanbul Beşiktaş Mağaza", "IST-BSK-006", true),
    ("Ankara Kızılay Mağaza", "ANK-KZL-007", true),
    ("Bursa Nilüfer Mağaza", "BRS-NLF-008", true),
    ("Antalya Lara Outlet", "ANT-LAR-009", false),
    ("Eskişehir Espark", "ESK-ESP-010", true),
    ("Gaziantep Şehitkamil Depo", "GAZ-SHK-011", true),
    ("Kayseri Forum Mağaza", "KAY-FRM-012", true),
    ("Konya Selçuklu Mağaza", "KON-SLC-013", true),
    ("Adana Çukurova Depo", "ADA-CKR-014", true),
    ("Mersin Forum Mağaza", "MER-FRM-015", true),
    ("Trabzon Ortahisar", "TRB-ORT-016", true),
    ("Samsun Atakum Mağaza", "SAM-ATK-017", true),
    ("Diyarbakır Bağlar Depo", "DIY-BGL-018", true),
    ("Erzurum Yakutiye", "ERZ-YKT-019", true),
    ("Muğla Bodrum Yaz Mağazası", "MUG-BDR-020", false),
    ("Çanakkale Kordon", "CNK-KRD-021", true),
    ("Denizli Çamlık Mağaza", "DNZ-CML-022", true),
    ("Kocaeli Gebze Lojistik Merkezi", "KOC-GBZ-LM1", true),
    ("Tekirdağ Çorlu Depo", "TKD-CRL-024", true),
    ("Ağrı Doğubayazıt Mağaza", "AGR-DGB-025", true),
    ("Hatay İskenderun", "HTY-ISK-026", true),
    ("Manisa Şehzadeler", "MNS-SHZ-027", true),
    ("Sakarya Adapazarı", "SKR-ADP-028", true),
    ("Istanbul Central Warehouse", "IST-CW-0029", true),
    ("Online Fulfilment Centre", "ECOM-FC-030", true),
    ("Returns Processing Hub", "RET-HUB-031", true),
    ("London Oxford Street Store", "UK-LON-0032", true),
    ("Berlin Mitte Pop-up", "DE-BER-0033", false),
    ("Amsterdam Transit Hub", "NL-AMS-0034", true),
    ("Dubai Mall Store", "AE-DXB-0035", true),
    ("İstanbul Havalimanı Duty Free", "IST-IGA-DF1", true),
    ("Ankara Depo 1", "ANK-DEP-001", true),
    ("İzmir Bornova Depo", "IZM-BRN-038", true),
    ("Bursa Kestel DC", "BRS-KST-DC1", true),
    ("İstanbul Ataşehir Mağaza", "IST-ATS-040", true),
    ("İstanbul Bakırköy Mağaza", "IST-BKR-041", true),
    ("Esenyurt Cross-dock", "IST-ESN-XD1", true),
    ("Hadımköy Ana Depo", "IST-HDM-AD1", true),
    ("Kartal Mağaza", "IST-KRT-044", false),
    ("Göktürk Mağaza", "IST-GKT-045", true),
    ("Çekmeköy Store", "", true),
    ("Ordu Altınordu", "ORD-ALT-047", true),
    ("Van İpekyolu", "VAN-IPK-048", true),
    ("Rize Çay Mağazası", "RIZ-CAY-049", true),
    ("Yalova Termal Outlet", "YLV-TRM-050", true),
];

/// With `--hostile`, these ids get [`hostile_names`] in order: the quiet tail, so `make dev`
/// (which seeds with `--hostile`) keeps readable names at its busiest locations. The hostile
/// records sit at 50 down to 41, all on the first page, so the first nine names (and the
/// deleted id) show there.
const HOSTILE_IDS: [i64; 13] = [50, 49, 48, 47, 46, 44, 43, 42, 41, 40, 39, 38, 37];

/// Names carrying markup (setting the same `window.__pwned` as the hostile reasons, so one
/// check catches either, but with other text, so a test can tell a name from a reason),
/// spreadsheet formulas (the app exports CSV), an unterminated right-to-left override,
/// zero-width characters (one a trailing U+FEFF, which JavaScript's `trim` removes and
/// Rust's does not), emoji, CSV delimiters and line breaks, line separators (which DRF
/// escapes as `\u2028`) and 300 characters without a break.
pub(crate) fn hostile_names() -> Vec<String> {
    vec![
        "<script>window.__pwned='location'</script>".into(),
        "<img src=x onerror=\"window.__pwned='location'\">".into(),
        "=HYPERLINK(\"http://evil.example\",\"x\")".into(),
        "+cmd|' /C calc'!A0".into(),
        "Kadıköy \u{202E}ağazaM".into(),
        "Şiş\u{200B}li\u{200D} Depo\u{FEFF}".into(),
        "🏬 Bodrum Outlet 🌊🔥".into(),
        "Çok-Uzun-Adlı-Mağaza-".chars().cycle().take(300).collect(),
        "Satır\r\nsonu, \"tırnak\"; ve\tsekme".into(),
        "@SUM(1)".into(),
        "-1".into(),
        "Ayraç\u{2028}Depo\u{2029}".into(),
        "' OR 1=1 --".into(),
    ]
}

/// Every location `list-simple` serves, in id order; with `hostile`, some names replaced by
/// [`hostile_names`].
pub(crate) fn seeded(hostile: bool) -> Vec<StockLocation> {
    let mut all: Vec<StockLocation> = (1..)
        .zip(TABLE)
        .filter(|&(id, _)| id != DELETED_LOCATION)
        .map(|(id, (name, erp_code, is_active))| StockLocation {
            id,
            name: name.into(),
            erp_code: erp_code.into(),
            is_active,
        })
        .collect();
    if hostile {
        for (id, name) in HOSTILE_IDS.into_iter().zip(hostile_names()) {
            if let Some(loc) = all.iter_mut().find(|l| l.id == id) {
                loc.name = name;
            }
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seeded_id_but_the_deleted_one_in_order() {
        let ids: Vec<i64> = seeded(false).iter().map(|l| l.id).collect();
        let expected: Vec<i64> = (1..=STOCK_LOCATIONS).filter(|&id| id != DELETED_LOCATION).collect();
        assert_eq!(ids, expected);
        assert_eq!(ids, seeded(true).iter().map(|l| l.id).collect::<Vec<_>>());
        let inactive = seeded(false).iter().filter(|l| !l.is_active).count();
        assert!((2..=6).contains(&inactive), "{inactive}");
        let names: std::collections::HashSet<String> = seeded(false).into_iter().map(|l| l.name).collect();
        assert_eq!(names.len(), TABLE.len() - 1, "names are unique");
    }

    #[test]
    fn hostile_names_replace_listed_ones() {
        let names = hostile_names();
        assert_eq!(names.len(), HOSTILE_IDS.len());
        assert!(!HOSTILE_IDS.contains(&DELETED_LOCATION));
        assert_eq!(names[7].chars().count(), 300);
        let plain = seeded(false);
        let hostile = seeded(true);
        for (p, h) in plain.iter().zip(&hostile) {
            let replaced = HOSTILE_IDS.contains(&p.id);
            assert_eq!(p.name != h.name, replaced, "{}", p.id);
            assert_eq!((&p.erp_code, p.is_active), (&h.erp_code, h.is_active));
        }
    }
}
