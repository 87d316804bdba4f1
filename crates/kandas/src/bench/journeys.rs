//! The steps of a case as people take them, through the real use cases on a clock the seeder
//! moves: an applicant registers and signs in by SMS code, fills in a draft, attaches files and
//! signs it (the officer's and the head's steps are in `review`). Each step drains the outbox,
//! so notices and deliveries are written as the worker writes them.

use std::sync::{Arc, Mutex};

use anyhow::{Context, anyhow};
use jiff::{SignedDuration, Timestamp};
use kandas_app::applicant::attach::Upload;
use kandas_app::ports::Clock;
use kandas_app::{Actor, AppError, Service};
use kandas_domain::application::form::FormInput;
use kandas_domain::application::{Application, Kind};
use kandas_domain::ids::ApplicationId;
use kandas_domain::iin::Iin;

/// The password of every seeded applicant (registered as people register: the policy holds).
pub const PASSWORD: &str = "seeded steppe applicant";

/// A tiny valid PDF (one blank page), the file every seeded attachment holds.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \ntrailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n";

/// The time the template cases live in: set by the seeder, moved forward step by step.
#[derive(Debug)]
pub struct SeedClock(Mutex<Timestamp>);

impl SeedClock {
    /// A clock showing `at`.
    pub fn at(at: Timestamp) -> SeedClock {
        SeedClock(Mutex::new(at))
    }

    /// Sets the time.
    pub fn set(&self, at: Timestamp) {
        if let Ok(mut now) = self.0.lock() {
            *now = at;
        }
    }

    /// Moves the time forward by `minutes`.
    pub fn advance(&self, minutes: i64) {
        if let Ok(mut now) = self.0.lock() {
            *now = now
                .saturating_add(SignedDuration::from_mins(minutes))
                .unwrap_or(*now);
        }
    }
}

impl Clock for SeedClock {
    fn now(&self) -> Timestamp {
        self.0
            .lock()
            .map(|now| *now)
            .unwrap_or(Timestamp::UNIX_EPOCH)
    }
}

pub(super) fn failed(what: &str) -> impl FnOnce(AppError) -> anyhow::Error + '_ {
    move |e| anyhow!("{what}: {} ({})", kandas_app::error::Chain(&e), e.code())
}

/// The officer and the head who decide the template cases.
pub struct Staff {
    /// The officer.
    pub officer: Actor,
    /// The head.
    pub head: Actor,
}

/// The use cases on the seeder's clock.
pub struct Journeys {
    /// The service with the seeder's clock.
    pub service: Service,
    /// That clock.
    pub clock: Arc<SeedClock>,
    /// Who decides.
    pub staff: Staff,
}

impl Journeys {
    /// The journeys on `service` (its clock must be `clock`), decided by `staff`.
    pub fn new(service: Service, clock: Arc<SeedClock>, staff: Staff) -> Journeys {
        Journeys {
            service,
            clock,
            staff,
        }
    }

    /// A request id for the next step, as the web layer gives each request one.
    fn request(&self) -> String {
        kandas_app::secrets::new_id()
    }

    /// The actor `staff` acting in a new request.
    pub(super) fn act(&self, staff: &Actor) -> Actor {
        Actor {
            request_id: self.request(),
            ..staff.clone()
        }
    }

    /// Runs the due jobs (codes and notices), as the worker would.
    pub(super) async fn drain(&self) -> anyhow::Result<()> {
        kandas_app::jobs::drain(&self.service)
            .await
            .map_err(failed("running the outbox"))?;
        Ok(())
    }

    /// The newest code SMS to the phone of `iin` (after [`Self::drain`]).
    async fn code(&self, iin: &Iin) -> anyhow::Result<String> {
        let phone = self
            .service
            .registry
            .mobile_phone(iin)
            .await
            .map_err(|e| anyhow!("{e}"))?
            .context("the template applicant has no phone")?;
        let inbox = self
            .service
            .store
            .dev_sms()
            .await
            .map_err(|e| anyhow!("{e}"))?;
        // Notices carry numbers too: the code message is known by the text it starts with.
        let args = [("code", "\u{0}".to_owned()), ("minutes", "5".to_owned())];
        let template = kandas_i18n::text_with("kk", "sms-code", &args);
        let prefix = template
            .split('\u{0}')
            .next()
            .unwrap_or_default()
            .to_owned();
        inbox
            .iter()
            .filter(|s| s.phone == phone.to_string() && s.text.starts_with(&prefix))
            .find_map(|s| kandas_app::otp::six_digits(&s.text[prefix.len()..]))
            .context("no code SMS reached the template applicant")
    }

    /// Registers the person with `iin` and signs them in (both by SMS code); answers the actor.
    pub async fn applicant(&self, iin: &Iin, ip: &str) -> anyhow::Result<Actor> {
        let service = &self.service;
        let sent = kandas_app::auth::register(service, iin.as_str(), PASSWORD, ip)
            .await
            .map_err(failed("registering"))?;
        self.drain().await?;
        let code = self.code(iin).await?;
        let request = self.request();
        kandas_app::auth::confirm_registration(service, &sent.challenge_id, &code, &request)
            .await
            .map_err(failed("confirming the registration"))?;
        self.clock.advance(1);
        let request = self.request();
        let sent = kandas_app::auth::login(service, iin.as_str(), PASSWORD, ip, &request)
            .await
            .map_err(failed("signing in"))?;
        self.drain().await?;
        let code = self.code(iin).await?;
        let request = self.request();
        let signed = kandas_app::auth::confirm_login(service, &sent.challenge_id, &code, &request)
            .await
            .map_err(failed("confirming the sign-in"))?;
        let u = signed.user;
        Ok(Actor {
            user: u.id,
            iin: u.iin,
            roles: u.roles,
            office: u.office,
            request_id: request,
        })
    }

    /// Orders the service: a new draft of `kind`.
    pub async fn draft(&self, who: &Actor, kind: Kind) -> anyhow::Result<Application> {
        self.clock.advance(2);
        let who = self.act(who);
        kandas_app::applicant::draft::create(&self.service, &who, kind, None)
            .await
            .map_err(failed("creating the draft"))
    }

    /// Saves the form.
    pub async fn fill(
        &self,
        who: &Actor,
        app: &Application,
        form: serde_json::Value,
    ) -> anyhow::Result<Application> {
        self.clock.advance(6);
        let who = self.act(who);
        let input: FormInput = serde_json::from_value(form).context("the template form")?;
        kandas_app::applicant::draft::save_form(&self.service, &who, &app.id, &input, app.version)
            .await
            .map_err(failed("saving the form"))
    }

    /// Attaches every document the checklist asks to upload, then more pages of the first
    /// ones until `files` are attached.
    pub async fn attach(
        &self,
        who: &Actor,
        app: &Application,
        files: usize,
    ) -> anyhow::Result<Application> {
        let view = kandas_app::applicant::view::view(&self.service, &self.act(who), &app.id)
            .await
            .map_err(failed("reading the draft"))?;
        let needed: Vec<_> = view
            .checklist
            .iter()
            .filter(|i| !i.satisfied)
            .map(|i| (i.document, i.member.clone()))
            .collect();
        let mut current = app.clone();
        for k in 0..files.max(needed.len()) {
            let Some((document, member)) = needed.get(k % needed.len().max(1)).cloned() else {
                break;
            };
            self.clock.advance(3);
            let upload = Upload {
                document_type: document.code().to_owned(),
                member: member.map(|m| m.as_str().to_owned()),
                file_name: format!("{}-{}.pdf", document.code(), k + 1),
                bytes: PDF.to_vec(),
                version: current.version,
            };
            let who = self.act(who);
            let (saved, _) =
                kandas_app::applicant::attach::attach(&self.service, &who, &current.id, upload)
                    .await
                    .map_err(failed("attaching a file"))?;
            current = saved;
        }
        Ok(current)
    }

    /// Signs by SMS code: the application is submitted and registered.
    pub async fn sign(&self, who: &Actor, id: &ApplicationId, ip: &str) -> anyhow::Result<()> {
        self.clock.advance(4);
        let service = &self.service;
        kandas_app::applicant::sign::start_sms(service, &self.act(who), id, ip)
            .await
            .map_err(failed("asking for the signing code"))?;
        self.drain().await?;
        let code = self.code(&who.iin).await?;
        kandas_app::applicant::sign::confirm_sms(service, &self.act(who), id, &code)
            .await
            .map_err(failed("signing"))?;
        self.drain().await
    }

    /// The applicant withdraws the application.
    pub async fn withdraw(&self, who: &Actor, id: &ApplicationId) -> anyhow::Result<()> {
        self.clock.advance(30);
        kandas_app::applicant::withdraw::withdraw(&self.service, &self.act(who), id, None)
            .await
            .map_err(failed("withdrawing"))?;
        self.drain().await
    }
}
