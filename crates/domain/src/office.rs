//! Regions of settlement and the offices that serve them: each region's local executive body
//! (which decides) and its State Corporation office (which takes paper applications).
//!
//! Regions are data (`data/regions.json`); office codes are derived from the region code.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A region of settlement with its name in the three languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// Stable code, e.g. `astana`.
    pub code: String,
    /// Name in Kazakh.
    pub kk: String,
    /// Name in Russian.
    pub ru: String,
    /// Name in English.
    pub en: String,
}

impl Region {
    /// The name in the given language (`kk`, `ru`, anything else gives English).
    pub fn name(&self, lang: &str) -> &str {
        match lang {
            "kk" => &self.kk,
            "ru" => &self.ru,
            _ => &self.en,
        }
    }
}

/// Which body an office belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfficeKind {
    /// The local executive body's unit that decides on kandas status.
    LocalExecutiveBody,
    /// A State Corporation "Government for Citizens" front office.
    StateCorporation,
}

/// A checked code of a known region of settlement.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegionCode(String);

impl RegionCode {
    /// Parses the code of a region in the shipped data.
    pub fn parse(s: &str) -> Result<RegionCode, OfficeError> {
        region(s.trim()).map(|r| RegionCode(r.code))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The local executive body responsible for settlers in this region.
    pub fn local_executive_body(&self) -> OfficeCode {
        OfficeCode(format!("leb-{}", self.0))
    }
}

impl TryFrom<String> for RegionCode {
    type Error = OfficeError;
    fn try_from(s: String) -> Result<Self, OfficeError> {
        RegionCode::parse(&s)
    }
}

impl From<RegionCode> for String {
    fn from(c: RegionCode) -> String {
        c.0
    }
}

/// A checked office code: `leb-<region>` or `sc-<region>` for a known region.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OfficeCode(String);

/// Why a code is not a known office or region.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OfficeError {
    /// No such region in the data.
    #[error("unknown region `{0}`")]
    UnknownRegion(String),
    /// Not `leb-…` or `sc-…` of a known region.
    #[error("unknown office `{0}`")]
    UnknownOffice(String),
    /// The shipped region data does not parse.
    #[error("region data is malformed: {0}")]
    Data(String),
}

const REGIONS_JSON: &str = include_str!("../data/regions.json");

/// The shipped list of regions.
pub fn regions() -> Result<Vec<Region>, OfficeError> {
    serde_json::from_str(REGIONS_JSON).map_err(|e| OfficeError::Data(e.to_string()))
}

/// The region with this code.
pub fn region(code: &str) -> Result<Region, OfficeError> {
    regions()?
        .into_iter()
        .find(|r| r.code == code)
        .ok_or_else(|| OfficeError::UnknownRegion(code.to_owned()))
}

impl OfficeCode {
    /// Parses `leb-<region>` or `sc-<region>`.
    pub fn parse(s: &str) -> Result<OfficeCode, OfficeError> {
        let region_code = s
            .strip_prefix("leb-")
            .or_else(|| s.strip_prefix("sc-"))
            .ok_or_else(|| OfficeError::UnknownOffice(s.to_owned()))?;
        region(region_code).map_err(|_| OfficeError::UnknownOffice(s.to_owned()))?;
        Ok(OfficeCode(s.to_owned()))
    }

    /// The local executive body responsible for a region.
    pub fn local_executive_body(region: &Region) -> OfficeCode {
        OfficeCode(format!("leb-{}", region.code))
    }

    /// The State Corporation office of a region.
    pub fn state_corporation(region: &Region) -> OfficeCode {
        OfficeCode(format!("sc-{}", region.code))
    }

    /// Which body the office belongs to.
    pub fn kind(&self) -> OfficeKind {
        if self.0.starts_with("sc-") {
            OfficeKind::StateCorporation
        } else {
            OfficeKind::LocalExecutiveBody
        }
    }

    /// The code of the region the office serves.
    pub fn region_code(&self) -> &str {
        self.0.split_once('-').map(|(_, r)| r).unwrap_or_default()
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for OfficeCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for OfficeCode {
    type Error = OfficeError;
    fn try_from(s: String) -> Result<Self, OfficeError> {
        OfficeCode::parse(&s)
    }
}

impl From<OfficeCode> for String {
    fn from(c: OfficeCode) -> String {
        c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_has_three_names_and_two_offices() {
        let all = regions().unwrap();
        assert_eq!(all.len(), 20);
        for r in &all {
            assert!(!r.kk.is_empty() && !r.ru.is_empty() && !r.en.is_empty());
            let leb = OfficeCode::local_executive_body(r);
            assert_eq!(
                OfficeCode::parse(leb.as_str()).unwrap().kind(),
                OfficeKind::LocalExecutiveBody
            );
            assert_eq!(leb.region_code(), r.code);
            let sc = OfficeCode::state_corporation(r);
            assert_eq!(
                OfficeCode::parse(sc.as_str()).unwrap().kind(),
                OfficeKind::StateCorporation
            );
        }
    }

    #[test]
    fn unknown_offices_are_refused() {
        assert!(OfficeCode::parse("leb-atlantis").is_err());
        assert!(OfficeCode::parse("astana").is_err());
        assert!(OfficeCode::parse("").is_err());
    }
}
