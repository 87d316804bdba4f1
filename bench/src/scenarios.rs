//! The figures of issue 15: each scenario's requests, the ceiling it is a ratio to, and its goal.

use std::sync::Arc;

use hyper::Method;
use kandas_devpki::DevPki;
use serde_json::json;

use crate::http::Req;
use crate::journeys;
use crate::load::{Flows, requests};
use crate::session::{Owned, Seed};

/// The ceiling a figure is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ceiling {
    /// C3: a bare axum handler answering 1 KB of JSON.
    C3,
    /// C1: one durable INSERT transaction of a 2 KB row.
    C1,
}

/// What a figure must reach (issue 15's goals).
#[derive(Debug, Clone, Copy, Default)]
pub struct Goal {
    /// The least ratio to the ceiling.
    pub ratio: Option<f64>,
    /// The most p99 at 80 % of the maximum rate, ms.
    pub p99_ms: Option<f64>,
    /// The least absolute rate, per second.
    pub rate: Option<f64>,
}

/// One figure.
pub struct Scenario {
    /// Short name (the results' key).
    pub name: &'static str,
    /// What it is, for the table.
    pub figure: &'static str,
    /// What it is a ratio to.
    pub ceiling: Ceiling,
    /// Its goal.
    pub goal: Goal,
    /// The work.
    pub flows: Flows,
    /// Whether it reads (the reads are measured again on the large database).
    pub read: bool,
}

/// What the scenarios need from the running server.
pub struct Setup {
    /// The demo applicant's token (writes).
    pub applicant: String,
    /// The demo officer's token (the case reads, the queue).
    pub officer: String,
    /// The seeded sessions, cases and certificates.
    pub seed: Seed,
    /// Drafts of the demo applicant for the form saves, one per connection.
    pub drafts: Vec<(String, u64)>,
    /// Tokens and applications whose result PDF downloads.
    pub results: Vec<(String, String)>,
    /// The server's development PKI (the EDS signatures).
    pub pki: Arc<DevPki>,
}

fn goal(ratio: f64, p99_ms: Option<f64>) -> Goal {
    Goal {
        ratio: Some(ratio),
        p99_ms,
        rate: None,
    }
}

/// Each applicant of `owned` in turn reads their own application.
pub fn own_reads(owned: Arc<Vec<Owned>>) -> Flows {
    requests(200, move |n| {
        let o = &owned[n as usize % owned.len().max(1)];
        Req::get(format!("/api/v1/applications/{}", o.application_id)).by(&o.token)
    })
}

/// The reads, in the order they run.
pub fn reads(setup: &Setup) -> Vec<Scenario> {
    let owned = Arc::new(setup.seed.applicants.clone());
    let cases = Arc::new(setup.seed.office_cases.clone());
    let numbers = Arc::new(setup.seed.certificates.clone());
    let officer = setup.officer.clone();
    let officer2 = setup.officer.clone();
    let history = owned.clone();
    vec![
        Scenario {
            name: "healthz",
            figure: "`GET /healthz`",
            ceiling: Ceiling::C3,
            goal: Goal::default(),
            flows: requests(200, |_| Req::get("/healthz")),
            read: false,
        },
        Scenario {
            name: "own_read",
            figure: "an applicant reads their own application",
            ceiling: Ceiling::C3,
            goal: goal(0.30, Some(10.0)),
            flows: own_reads(owned),
            read: true,
        },
        Scenario {
            name: "case_read",
            figure: "an officer reads a case (audited)",
            ceiling: Ceiling::C3,
            goal: goal(0.10, Some(20.0)),
            flows: requests(200, move |n| {
                let id = &cases[n as usize % cases.len().max(1)];
                Req::get(format!("/api/v1/staff/applications/{id}")).by(&officer)
            }),
            read: true,
        },
        Scenario {
            name: "queue",
            figure: "the officer's queue",
            ceiling: Ceiling::C3,
            goal: goal(0.20, None),
            flows: requests(200, move |_| {
                Req::get("/api/v1/staff/applications").by(&officer2)
            }),
            read: true,
        },
        Scenario {
            name: "history",
            figure: "history of obtained services",
            ceiling: Ceiling::C3,
            goal: goal(0.20, None),
            flows: requests(200, move |n| {
                let o = &history[n as usize % history.len().max(1)];
                Req::get("/api/v1/applications").by(&o.token)
            }),
            read: true,
        },
        Scenario {
            name: "public_check",
            figure: "public certificate check",
            ceiling: Ceiling::C3,
            goal: goal(0.30, Some(10.0)),
            flows: requests(200, move |n| {
                let number = &numbers[n as usize % numbers.len().max(1)];
                Req::get(format!("/api/v1/certificates/{number}"))
            }),
            read: true,
        },
    ]
}

/// The writes, in the order they run.
pub fn writes(setup: &Setup) -> Vec<Scenario> {
    let creators = Arc::new(setup.seed.applicants.clone());
    vec![
        Scenario {
            name: "create_draft",
            figure: "create a draft",
            ceiling: Ceiling::C1,
            goal: goal(0.60, None),
            flows: requests(201, move |n| {
                let o = &creators[n as usize % creators.len().max(1)];
                Req::json(
                    Method::POST,
                    "/api/v1/applications",
                    &json!({ "kind": "assignment" }),
                )
                .by(&o.token)
            }),
            read: false,
        },
        Scenario {
            name: "save_form",
            figure: "save the form",
            ceiling: Ceiling::C1,
            goal: goal(0.60, None),
            flows: journeys::saving(setup.applicant.clone(), setup.drafts.clone()),
            read: false,
        },
        Scenario {
            name: "submission",
            figure: "full signed submission (EDS)",
            ceiling: Ceiling::C1,
            goal: goal(0.20, Some(100.0)),
            flows: journeys::submitting(setup.applicant.clone(), setup.pki.clone()),
            read: false,
        },
    ]
}

/// The certificate PDF download (an absolute goal: 500/s).
pub fn pdf(setup: &Setup) -> Scenario {
    let results = Arc::new(setup.results.clone());
    Scenario {
        name: "pdf",
        figure: "certificate PDF download",
        ceiling: Ceiling::C3,
        goal: Goal {
            rate: Some(500.0),
            ..Goal::default()
        },
        flows: requests(200, move |n| {
            let (token, id) = &results[n as usize % results.len().max(1)];
            Req::get(format!("/api/v1/applications/{id}/result")).by(token)
        }),
        read: false,
    }
}
