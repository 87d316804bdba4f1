//! `kandas bench seed` (development only): fills the configured database as a running service
//! would have it, for the load benchmark. A template of each kind of story is made through the
//! real use cases (`groups`), then copied in bulk by the store (`kandas_store::bench_seed`);
//! last, sessions are opened for some seeded applicants, and one JSON object tells the benchmark
//! the tokens, the demo officer's cases and certificates to read.

mod groups;
mod journeys;
mod review;
mod shares;

use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, anyhow, bail};
use jiff::SignedDuration;
use kandas_app::Service;
use kandas_app::ports::store::{AuditRecord, NewSession};
use kandas_app::secrets::{new_token, sha256_hex};
use kandas_domain::audit::AuditAction;
use kandas_domain::deadline::almaty_date;
use kandas_domain::iin::{Iin, Sex};
use kandas_domain::office::OfficeCode;
use kandas_store::bench_seed::{OfficeStaff, SeedPerson, SeedPlan, StoryPlan};
use kandas_store::{ImportPerson, RegistryImport, SqlStore};
use serde::Serialize;

use crate::config::{Config, Env};
use crate::wiring::wire;
use groups::Group;
use journeys::{Journeys, SeedClock, Staff};
use shares::{TEMPLATE_OFFICE, copies, office_shares};

/// The demo officer and head.
const OFFICER: &str = "850302400014";
const HEAD: &str = "870404300076";
/// Copies per transaction.
const BATCH: usize = 5000;

/// What `kandas bench seed` is asked.
#[derive(Debug, Clone, Copy)]
pub struct SeedArgs {
    /// Applications to add.
    pub applications: u64,
    /// The offices the cases are spread over, as if there were this many.
    pub offices: u32,
    /// Sessions to open.
    pub sessions: u32,
}

/// One applicant the benchmark signs in as.
#[derive(Serialize)]
struct Applicant {
    token: String,
    application_id: String,
}

/// What `kandas bench seed` prints.
#[derive(Serialize)]
struct Printed {
    applications: u64,
    offices: u32,
    applicants: Vec<Applicant>,
    office_cases: Vec<String>,
    certificates: Vec<String>,
}

fn to_import(p: &SeedPerson, phone: bool) -> ImportPerson {
    ImportPerson {
        iin: p.iin.as_str().to_owned(),
        surname: p.surname.to_owned(),
        given_name: p.given_name.to_owned(),
        patronymic: None,
        surname_latin: p.surname_latin.to_owned(),
        given_name_latin: p.given_name_latin.to_owned(),
        birth_date: p.birth_date.to_string(),
        sex: p.sex.code().to_owned(),
        citizenship: "CHN".to_owned(),
        nationality: "kazakh".to_owned(),
        phone: phone.then(|| p.phone.to_string()),
    }
}

async fn staff_actor(service: &Service, iin: &str) -> anyhow::Result<kandas_app::Actor> {
    let iin = Iin::parse(iin)?;
    let user = service
        .store
        .user_by_iin(&iin)
        .await
        .map_err(|e| anyhow!("{e}"))?
        .with_context(|| format!("the demo account {} is missing", iin.masked()))?;
    Ok(kandas_app::Actor {
        user: user.id,
        iin: user.iin,
        roles: user.roles,
        office: user.office,
        request_id: String::new(),
    })
}

/// Makes the template stories; answers each with its applicant.
async fn templates(
    j: &Journeys,
    store: &SqlStore,
    now: jiff::Timestamp,
) -> anyhow::Result<Vec<kandas_store::bench_seed::Story>> {
    let men = store.bench_people(Sex::Male, Group::ALL.len()).await?;
    let spouses = Group::ALL.iter().filter(|g| g.with_spouse()).count();
    let women = store.bench_people(Sex::Female, spouses).await?;
    let import = RegistryImport {
        persons: men
            .iter()
            .map(|p| to_import(p, true))
            .chain(women.iter().map(|p| to_import(p, false)))
            .collect(),
        ..RegistryImport::default()
    };
    store.import_registry(&import).await?;
    let mut women = women.iter();
    let mut stories = Vec::new();
    for (i, (group, man)) in Group::ALL.iter().zip(&men).enumerate() {
        let spouse = if group.with_spouse() {
            women.next()
        } else {
            None
        };
        let ip = format!("10.77.0.{}", i + 1);
        let story = groups::make(j, *group, now, man, spouse, &ip)
            .await
            .with_context(|| format!("making the template of a {} case", group.name()))?;
        stories.push(story);
    }
    Ok(stories)
}

/// How far back the seeded history reaches (the renewed stories' first cases and the oldest
/// copies), with room to spare.
const HISTORY: SignedDuration = SignedDuration::from_hours(24 * 7 * 160);

/// The seal must have been in use for the whole seeded history: decisions are sealed as of
/// their day (the templates' result documents, and the copies' when first downloaded). On a
/// fresh database the development seal is made so, in use since then; a database whose seal
/// is younger is refused.
async fn seal_for_history(config: &Config) -> anyhow::Result<()> {
    use kandas_app::ports::Clock as _;
    let store = crate::wiring::store(config).await?;
    let now = kandas_app::ports::clock::SystemClock.now();
    let keyring = crate::keys::open(config, &store, now).await?;
    let since = now - HISTORY;
    let found = keyring.seal().await.map_err(crate::keys::app)?;
    match found {
        None => {
            keyring
                .init_seal(since, false)
                .await
                .map_err(crate::keys::app)?;
        }
        Some((seal, _)) => {
            let first = seal.keys().keys().iter().map(|k| k.not_before).min();
            if first.is_none_or(|at| at > since) {
                bail!(
                    "the seal of this database is in use only since {}: seeded decisions of \
                     the last three years could not be sealed; seed into a fresh database \
                     (whose development seal the seeder makes in use since {})",
                    first.map_or_else(|| "never".to_owned(), |t| t.to_string()),
                    almaty_date(since)
                );
            }
        }
    }
    store.close().await;
    Ok(())
}

/// `kandas bench seed`.
pub async fn seed(config: &Config, args: SeedArgs) -> anyhow::Result<()> {
    if config.env == Env::Production {
        bail!("production refuses benchmark data");
    }
    if args.applications < 100 {
        bail!("--applications must be at least 100 (the templates alone are about a dozen)");
    }
    let started = Instant::now();
    seal_for_history(config).await?;
    let wired = wire(config).await?;
    if !kandas_store::demo::is_seeded(&wired.store)
        .await
        .map_err(|e| anyhow!(e))?
    {
        kandas_store::demo::seed(&wired.store, &wired.service)
            .await
            .map_err(|e| anyhow!(e))?;
    }
    let store = &wired.store;
    let now = wired.service.now();
    let clock = Arc::new(SeedClock::at(now));
    let shared: Arc<dyn kandas_app::ports::Store> = Arc::new(store.clone());
    let service = Service {
        clock: clock.clone(),
        sms: Arc::new(kandas_integrations::ConsoleSms::new(shared, clock.clone())),
        wake: Arc::new(|| {}),
        ..wired.service.clone()
    };
    let staff = Staff {
        officer: staff_actor(&service, OFFICER).await?,
        head: staff_actor(&service, HEAD).await?,
    };
    let template_staff = OfficeStaff {
        office: OfficeCode::parse(TEMPLATE_OFFICE)?,
        officer: staff.officer.user.clone(),
        officer_iin: staff.officer.iin.clone(),
        head: staff.head.user.clone(),
        head_iin: staff.head.iin.clone(),
    };
    let journeys = Journeys::new(service, clock, staff);
    let stories = templates(&journeys, store, now).await?;
    let made: u64 = stories.iter().map(|s| s.applications.len() as u64).sum();
    eprintln!(
        "made {} template stories ({made} applications) in {:.1} s",
        stories.len(),
        started.elapsed().as_secs_f64()
    );
    let shares = office_shares(args.offices)?;
    let codes: Vec<OfficeCode> = shares.iter().map(|(o, _)| o.clone()).collect();
    let office_staff = store.bench_staff(&codes, &template_staff, now).await?;
    let calendar = wired.service.calendar.current();
    let mut plans = Vec::new();
    for ((story, group), copies) in stories
        .into_iter()
        .zip(Group::ALL)
        .zip(copies(args.applications.saturating_sub(made)))
    {
        let weeks = group.weeks(now, &calendar)?;
        plans.push(StoryPlan {
            story,
            copies,
            weeks,
        });
    }
    let plan = SeedPlan {
        stories: plans,
        template_staff,
        offices: office_staff
            .into_iter()
            .zip(shares.iter().map(|(_, w)| *w))
            .collect(),
        now,
        warned_through: calendar.next_working_day_after(almaty_date(now))?,
        sample: usize::try_from(args.sessions)?,
        batch: BATCH,
    };
    let total = args.applications;
    let copying = Instant::now();
    let progress = move |done: u64| {
        eprintln!(
            "seeded {} of {total} applications ({:.1} s)",
            done + made,
            copying.elapsed().as_secs_f64()
        );
    };
    let seeded = store.bench_seed(&plan, &progress).await?;
    let applicants = sessions(&wired.service, store, &seeded.people).await?;
    let printed = Printed {
        applications: seeded.applications + made,
        offices: args.offices,
        applicants,
        office_cases: seeded
            .office_cases
            .iter()
            .map(ToString::to_string)
            .collect(),
        certificates: seeded
            .certificates
            .iter()
            .map(ToString::to_string)
            .collect(),
    };
    eprintln!(
        "done in {:.1} s (copies {:.1} s)",
        started.elapsed().as_secs_f64(),
        copying.elapsed().as_secs_f64()
    );
    println!("{}", serde_json::to_string(&printed)?);
    Ok(())
}

/// Opens a session for each of `people`, as the sign-in does (a fresh token, its hash stored,
/// the sign-in audited), now.
async fn sessions(
    service: &Service,
    store: &SqlStore,
    people: &[(
        kandas_domain::ids::UserId,
        Iin,
        kandas_domain::ids::ApplicationId,
    )],
) -> anyhow::Result<Vec<Applicant>> {
    let now = service.now();
    let lasts = SignedDuration::from_secs(service.limits.session_seconds);
    let mut rows = Vec::with_capacity(people.len());
    let mut out = Vec::with_capacity(people.len());
    for (user, iin, application) in people {
        let token = new_token();
        let request = format!("bench-seed-{}", kandas_app::secrets::new_id());
        rows.push((
            NewSession {
                token_hash: sha256_hex(token.as_bytes()),
                user: user.clone(),
                created_at: now,
                expires_at: now + lasts,
            },
            AuditRecord {
                actor: Some(user.clone()),
                actor_iin: Some(iin.clone()),
                subject: Some(iin.clone()),
                ..AuditRecord::system(now, AuditAction::AuthLogin, request)
            },
        ));
        out.push(Applicant {
            token,
            application_id: application.to_string(),
        });
    }
    store.bench_sessions(&rows).await?;
    Ok(out)
}
