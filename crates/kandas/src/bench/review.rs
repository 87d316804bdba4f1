//! The officer's and the head's steps of a template case, through the real use cases: the
//! first look and the completeness check, the commission, the hearing, the proposal and the
//! sign-off.

use anyhow::{Context, anyhow};
use jiff::Timestamp;
use kandas_app::staff::review::{
    CommissionInput, CompletenessInput, HeardInput, HearingInput, PlannedInput, RecommendationInput,
};
use kandas_app::staff::{Decide, RefuseMember};
use kandas_domain::application::Application;
use kandas_domain::ids::ApplicationId;

use super::journeys::{Journeys, failed};

impl Journeys {
    /// The officer opens the case (an audited read, once: the first look at a new case);
    /// answers its version and its members.
    async fn open(&self, id: &ApplicationId) -> anyhow::Result<(i64, Vec<String>)> {
        let officer = self.act(&self.staff.officer);
        let view = kandas_app::staff::case(&self.service, &officer, id)
            .await
            .map_err(failed("reading the case"))?;
        Ok((view.application.version, members(&view.application)))
    }

    /// The case as it stands (the officer has it open already), with its members.
    async fn current(&self, id: &ApplicationId) -> anyhow::Result<(i64, Vec<String>)> {
        let app = self
            .service
            .store
            .application(id)
            .await
            .map_err(|e| anyhow!("{e}"))?
            .context("the template case is gone")?;
        Ok((app.version, members(&app)))
    }

    /// The completeness check: complete.
    pub async fn complete(&self, id: &ApplicationId) -> anyhow::Result<()> {
        let (version, _) = self.open(id).await?;
        self.clock.advance(20);
        let input = CompletenessInput {
            complete: true,
            missing: Vec::new(),
            version,
        };
        let officer = self.act(&self.staff.officer);
        kandas_app::staff::review::check(&self.service, &officer, id, &input)
            .await
            .map_err(failed("the completeness check"))?;
        self.drain().await
    }

    /// The commission's sitting: it recommends assigning everyone, or refusing the applicant.
    pub async fn commission(&self, id: &ApplicationId, refuse: bool) -> anyhow::Result<()> {
        let (version, members) = self.current(id).await?;
        self.clock.advance(45);
        let parse = |code| {
            kandas_app::staff::review::recommendation(code).map_err(failed("a recommendation"))
        };
        let mut recommendations = vec![RecommendationInput {
            member: None,
            recommendation: parse(if refuse { "refuse" } else { "assign" })?,
            reason: if refuse {
                "национальность не подтверждена".to_owned()
            } else {
                String::new()
            },
        }];
        for member in &members {
            recommendations.push(RecommendationInput {
                member: kandas_app::staff::review::member(Some(member))
                    .map_err(failed("a member"))?,
                recommendation: parse(if refuse { "refuse" } else { "assign" })?,
                reason: String::new(),
            });
        }
        let input = CommissionInput {
            protocol_number: format!("П-{}", version + 3),
            members: vec![
                "Сейтқазиева Ақбөпе".to_owned(),
                "Жұмабеков Ерлан".to_owned(),
            ],
            recommendations,
            video_reference: format!("archive://commission/{id}"),
            video_sha256: "ab".repeat(32),
            version,
        };
        let officer = self.act(&self.staff.officer);
        kandas_app::staff::review::commission(&self.service, &officer, id, &input)
            .await
            .map_err(failed("the commission"))?;
        self.drain().await
    }

    /// Schedules the hearing before refusing the applicant, at `at`.
    pub async fn hearing(&self, id: &ApplicationId, at: Timestamp) -> anyhow::Result<()> {
        let (version, _) = self.current(id).await?;
        self.clock.advance(30);
        let input = HearingInput {
            at,
            place: "г. Астана, ул. Бейбітшілік, 11, каб. 5".to_owned(),
            online: false,
            planned: vec![PlannedInput {
                member: None,
                grounds: refusal_grounds()?,
            }],
            reason: None,
            version,
        };
        let officer = self.act(&self.staff.officer);
        kandas_app::staff::review::hearing(&self.service, &officer, id, &input)
            .await
            .map_err(failed("scheduling the hearing"))?;
        self.drain().await
    }

    /// Records the hearing (the clock past its time).
    pub async fn heard(&self, id: &ApplicationId) -> anyhow::Result<()> {
        self.clock.advance(5);
        let (version, _) = self.current(id).await?;
        let input = HeardInput {
            appeared: true,
            statement: "Заявитель возражает.".to_owned(),
            version,
        };
        let officer = self.act(&self.staff.officer);
        kandas_app::staff::review::heard(&self.service, &officer, id, &input)
            .await
            .map_err(failed("recording the hearing"))?;
        self.drain().await
    }

    /// The officer proposes `verdict` (`assign`, `extend` or `refuse`).
    pub async fn propose(&self, id: &ApplicationId, verdict: &str) -> anyhow::Result<()> {
        let (version, _) = self.current(id).await?;
        self.clock.advance(40);
        let refuse = verdict == "refuse";
        let input = Decide {
            verdict: kandas_app::staff::verdict(verdict).map_err(failed("the verdict"))?,
            grounds: if refuse {
                refusal_grounds()?
            } else {
                Vec::new()
            },
            comment: if refuse {
                "Национальность не подтверждена документами.".to_owned()
            } else {
                String::new()
            },
            members: Vec::<RefuseMember>::new(),
            extension_months: None,
            version,
        };
        let officer = self.act(&self.staff.officer);
        kandas_app::staff::decide(&self.service, &officer, id, &input, None)
            .await
            .map_err(failed("the decision"))?;
        self.drain().await
    }

    /// The head signs the proposed decision off.
    pub async fn sign_off(&self, id: &ApplicationId) -> anyhow::Result<()> {
        self.clock.advance(5);
        let head = self.act(&self.staff.head);
        let (version, _) = self.current(id).await?;
        kandas_app::staff::sign_off(&self.service, &head, id, version)
            .await
            .map_err(failed("the sign-off"))?;
        self.drain().await
    }
}

fn members(app: &Application) -> Vec<String> {
    app.form
        .members
        .iter()
        .map(|m| m.id.as_str().to_owned())
        .collect()
}

fn refusal_grounds() -> anyhow::Result<Vec<kandas_domain::grounds::GroundCode>> {
    kandas_app::staff::ground_codes(["not-kazakh-nationality"]).map_err(failed("the grounds"))
}
