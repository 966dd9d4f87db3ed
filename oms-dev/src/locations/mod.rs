//! The related stock-location resource, `GET …/stocklocations/list-simple/`, from which the
//! app reads location names. Installations differ: some serve a plain list, some paginate
//! it, many restrict it (403) or do not route it at all (404), and the app must keep
//! working with bare ids in each case. So how it answers is a [`LocationsMode`], set by
//! `--locations` and switchable at run time (`/__dev/locations`), so one e2e server can
//! show the app every variant; the served locations live in [`data`].

mod data;

pub(crate) use data::StockLocation;

use serde::Serialize;
use std::str::FromStr;
use std::sync::{Arc, RwLock};

/// How `list-simple` answers (`--locations`, `/__dev/locations`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LocationsMode {
    /// A plain JSON array of every location.
    #[default]
    List,
    /// DRF's `{"count","next","previous","results"}` with `page`/`limit`, as the
    /// discrepancy list paginates.
    Paginated,
    /// 403 for every token: the installation restricts the endpoint.
    Forbidden,
    /// No such route: Django's HTML 404, as for any unknown path.
    Missing,
}

impl LocationsMode {
    /// Every mode, in the order `--help` lists them.
    pub const ALL: [LocationsMode; 4] = [Self::List, Self::Paginated, Self::Forbidden, Self::Missing];

    /// The name used by the flag and the dev API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::List => "list",
            Self::Paginated => "paginated",
            Self::Forbidden => "forbidden",
            Self::Missing => "missing",
        }
    }
}

impl FromStr for LocationsMode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Self::ALL.into_iter().find(|m| m.as_str() == s).ok_or_else(|| {
            let names: Vec<&str> = Self::ALL.iter().map(|m| m.as_str()).collect();
            format!("{s:?} is not one of {}", names.join(", "))
        })
    }
}

/// The live state: the mode and the locations served, both replaceable while requests run
/// (the dev API changes the mode; a reseed with or without `hostile` changes the names).
#[derive(Debug)]
pub(crate) struct Locations {
    mode: RwLock<LocationsMode>,
    all: RwLock<Arc<[StockLocation]>>,
}

impl Locations {
    /// The seeded locations (hostile names with `hostile`), answering as `mode` says.
    pub(crate) fn new(mode: LocationsMode, hostile: bool) -> Self {
        Self {
            mode: RwLock::new(mode),
            all: RwLock::new(data::seeded(hostile).into()),
        }
    }

    /// The current mode.
    pub(crate) fn mode(&self) -> LocationsMode {
        *self.mode.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Switches the mode for every request from now on.
    pub(crate) fn set_mode(&self, mode: LocationsMode) {
        *self.mode.write().unwrap_or_else(|e| e.into_inner()) = mode;
    }

    /// Every location, in id order.
    pub(crate) fn all(&self) -> Arc<[StockLocation]> {
        Arc::clone(&self.all.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// Reseeds the names along with the records, hostile ones included or not.
    pub(crate) fn reseed(&self, hostile: bool) {
        *self.all.write().unwrap_or_else(|e| e.into_inner()) = data::seeded(hostile).into();
    }
}

#[cfg(test)]
mod tests {
    use super::data::{DELETED_LOCATION, hostile_names};
    use super::*;

    #[test]
    fn mode_names_round_trip() {
        for m in LocationsMode::ALL {
            assert_eq!(m.as_str().parse::<LocationsMode>(), Ok(m));
            assert_eq!(serde_json::to_string(&m).unwrap(), format!("\"{}\"", m.as_str()));
        }
        assert_eq!(
            "List".parse::<LocationsMode>(),
            Err("\"List\" is not one of list, paginated, forbidden, missing".into())
        );
        assert_eq!(LocationsMode::default(), LocationsMode::List);
    }

    #[test]
    fn reseed_switches_hostile_names() {
        let l = Locations::new(LocationsMode::Missing, false);
        assert_eq!(l.mode(), LocationsMode::Missing);
        assert!(!l.all().iter().any(|x| x.name == hostile_names()[0]));
        l.reseed(true);
        assert!(l.all().iter().any(|x| x.name == hostile_names()[0]));
        l.set_mode(LocationsMode::Paginated);
        assert_eq!(l.mode(), LocationsMode::Paginated);
        assert!(!l.all().iter().any(|x| x.id == DELETED_LOCATION));
    }
}
