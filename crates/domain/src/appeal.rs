//! How a decision of the local executive body is appealed: the routes, each with its legal
//! basis, as data (`data/appeal_routes.json`), and the routes open against one decision with the
//! last day to file.
//!
//! The pre-trial (administrative) procedure comes first: a complaint to the head of the body
//! that decided or the higher body, or to the authorised body for the quality of public
//! services, within the rule set's `appeal.complaint_months`; the court only after it. The titles
//! and texts people read are message ids `appeal-route-<code>` and `appeal-basis-<code>`.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::office::OfficeKind;
use crate::rules::AppealRules;

/// The routes shipped with the service.
const SHIPPED: &str = include_str!("../data/appeal_routes.json");

/// What kind of appeal a route is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppealKind {
    /// A complaint in the pre-trial (administrative) procedure.
    Complaint,
    /// A claim in court.
    Court,
}

/// One way to appeal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealRoute {
    /// Stable code, also the message id suffix.
    pub code: String,
    /// A complaint or the court.
    pub kind: AppealKind,
    /// The bodies whose decisions it appeals.
    pub against: Vec<OfficeKind>,
    /// Filed within the rule set's complaint period from the day the applicant learned of the
    /// decision.
    #[serde(default)]
    pub within_complaint_period: bool,
    /// How long the body takes to consider the complaint, in working days from its
    /// registration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub considered_within_working_days: Option<u32>,
    /// Open only after the pre-trial procedure (a complaint) was used.
    #[serde(default)]
    pub after_pretrial: bool,
    /// The provisions of law it rests on.
    pub legal_basis: String,
}

/// Why the routes cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AppealError {
    /// The data does not parse.
    #[error("the appeal routes are malformed: {0}")]
    Data(String),
    /// The data parses but says something impossible.
    #[error("the appeal routes are inconsistent: {0}")]
    Invalid(&'static str),
    /// The last day to file cannot be computed.
    #[error("the last day to appeal cannot be computed: {0}")]
    Date(String),
}

#[derive(Debug, Clone, Deserialize)]
struct RoutesFile {
    source: String,
    routes: Vec<AppealRoute>,
}

/// The routes, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppealRoutes {
    source: String,
    routes: Vec<AppealRoute>,
}

/// A route open against one decision, with its period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Appeal {
    /// The route.
    #[serde(flatten)]
    pub route: AppealRoute,
    /// The complaint period in months, when the route has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    /// The last day to file, counted from the day of the decision (the applicant who learned of
    /// it later has as long from that day).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_by: Option<Date>,
}

impl AppealRoutes {
    /// The routes shipped with the service.
    pub fn shipped() -> Result<AppealRoutes, AppealError> {
        AppealRoutes::from_json(SHIPPED)
    }

    /// Reads and checks routes: at least one complaint, unique codes, every route with its
    /// basis, the court only after the pre-trial procedure.
    pub fn from_json(json: &str) -> Result<AppealRoutes, AppealError> {
        let file: RoutesFile =
            serde_json::from_str(json).map_err(|e| AppealError::Data(e.to_string()))?;
        let routes = file.routes;
        if !routes.iter().any(|r| r.kind == AppealKind::Complaint) {
            return Err(AppealError::Invalid("no complaint route"));
        }
        for (i, route) in routes.iter().enumerate() {
            if route.code.is_empty() || route.legal_basis.trim().is_empty() {
                return Err(AppealError::Invalid("a route without its code or basis"));
            }
            if routes[..i].iter().any(|r| r.code == route.code) {
                return Err(AppealError::Invalid("a route code appears twice"));
            }
            if route.against.is_empty() {
                return Err(AppealError::Invalid(
                    "a route that appeals no body's decision",
                ));
            }
            if route.kind == AppealKind::Court && !route.after_pretrial {
                return Err(AppealError::Invalid(
                    "the court comes after the pre-trial procedure",
                ));
            }
        }
        Ok(AppealRoutes {
            source: file.source,
            routes,
        })
    }

    /// The acts the routes come from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Every route, in the order to take them.
    pub fn routes(&self) -> &[AppealRoute] {
        &self.routes
    }

    /// The routes open against a decision of a body of kind `by`, made on `decided_on` under
    /// `rules`, each with the last day to file. The day is counted from the decision, so it is
    /// never later than the law allows (a day off at its end is not moved).
    pub fn for_decision(
        &self,
        by: OfficeKind,
        decided_on: Date,
        rules: &AppealRules,
    ) -> Result<Vec<Appeal>, AppealError> {
        self.routes
            .iter()
            .filter(|route| route.against.contains(&by))
            .map(|route| {
                let (months, file_by) = if route.within_complaint_period {
                    let months = rules.complaint_months;
                    let last = decided_on
                        .checked_add(i64::from(months).months())
                        .map_err(|e| AppealError::Date(e.to_string()))?;
                    (Some(months), Some(last))
                } else {
                    (None, None)
                };
                Ok(Appeal {
                    route: route.clone(),
                    months,
                    file_by,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn three_months() -> AppealRules {
        AppealRules {
            complaint_months: 3,
        }
    }

    #[test]
    fn the_shipped_routes_put_the_complaint_before_the_court() {
        let routes = AppealRoutes::shipped().unwrap();
        assert!(routes.source().contains("article 91"));
        let codes: Vec<&str> = routes.routes().iter().map(|r| r.code.as_str()).collect();
        assert_eq!(
            codes,
            ["higher-body", "state-corporation", "quality-body", "court"]
        );
        let court = routes.routes().last().unwrap();
        assert_eq!(court.kind, AppealKind::Court);
        assert!(court.after_pretrial && court.legal_basis.contains("part 5"));
    }

    #[test]
    fn the_last_day_to_complain_is_the_decision_day_plus_the_period() {
        let routes = AppealRoutes::shipped().unwrap();
        let day = Date::constant(2026, 11, 30);
        let open = routes
            .for_decision(OfficeKind::LocalExecutiveBody, day, &three_months())
            .unwrap();
        let codes: Vec<&str> = open.iter().map(|a| a.route.code.as_str()).collect();
        assert_eq!(codes, ["higher-body", "quality-body", "court"]);
        let desk = routes
            .for_decision(OfficeKind::StateCorporation, day, &three_months())
            .unwrap();
        assert_eq!(desk[0].route.code, "state-corporation");
        assert_eq!(open[0].file_by, Some(Date::constant(2027, 2, 28)));
        assert_eq!(open[0].months, Some(3));
        assert_eq!(open[1].file_by, Some(Date::constant(2027, 2, 28)));
        assert_eq!(open[2].file_by, None, "the court has no complaint period");
        let json = serde_json::to_value(&open[0]).unwrap();
        assert_eq!(json["code"], "higher-body");
        assert_eq!(json["file_by"], "2027-02-28");
    }

    #[test]
    fn a_court_before_the_complaint_is_refused() {
        let direct = r#"{"source": "x", "routes": [
            {"code": "a", "kind": "complaint", "against": ["state_corporation"], "legal_basis": "b"},
            {"code": "c", "kind": "court", "against": ["state_corporation"], "legal_basis": "d"}]}"#;
        assert!(matches!(
            AppealRoutes::from_json(direct),
            Err(AppealError::Invalid(_))
        ));
        let twice = r#"{"source": "x", "routes": [
            {"code": "a", "kind": "complaint", "against": ["state_corporation"], "legal_basis": "b"},
            {"code": "a", "kind": "complaint", "against": ["state_corporation"], "legal_basis": "b"}]}"#;
        assert!(AppealRoutes::from_json(twice).is_err());
        assert!(matches!(
            AppealRoutes::from_json("[]"),
            Err(AppealError::Data(_))
        ));
    }
}
