//! The demo data of API.md: registry records, the demo accounts (password `kandas-demo`) and a
//! kandas certificate issued 11 months before the seeding day. Development only.

use jiff::ToSpan;
use kandas_app::Role;
use kandas_app::service::Service;
use kandas_domain::codes::{ErrorCode, UserError};
use kandas_domain::deadline::almaty_date;
use kandas_domain::iin::Iin;
use kandas_domain::numbers::CertificateNumber;
use kandas_domain::office::OfficeCode;

use crate::SqlStore;
use crate::registry::{ImportCertificate, RegistryImport};

/// The password of every demo account.
pub const PASSWORD: &str = "kandas-demo";

/// The demo accounts: IIN, roles, office.
pub const ACCOUNTS: [(&str, Role, Option<&str>); 7] = [
    ("900101300811", Role::Applicant, None),
    ("931002451325", Role::Applicant, None),
    ("850302400014", Role::Officer, Some("leb-astana")),
    ("870404300076", Role::Head, Some("leb-astana")),
    ("881115300022", Role::Operator, Some("sc-astana")),
    ("700701300067", Role::Admin, None),
    ("910715400083", Role::Auditor, None),
];

/// Whether the demo data is in this database already (the first demo account exists).
pub async fn is_seeded(store: &SqlStore) -> Result<bool, String> {
    let iin = Iin::parse(ACCOUNTS[0].0).map_err(|e| e.to_string())?;
    kandas_app::ports::store::UserStore::user_by_iin(store, &iin)
        .await
        .map(|u| u.is_some())
        .map_err(|e| e.to_string())
}

/// Seeds the demo data; safe to run again (existing accounts are kept).
pub async fn seed(store: &SqlStore, service: &Service) -> Result<(), String> {
    let mut import: RegistryImport = serde_json::from_str(include_str!("../demo/registry.json"))
        .map_err(|e| format!("demo registry: {e}"))?;
    let today = almaty_date(service.now());
    let issued_on = today.checked_sub(11.months()).map_err(|e| e.to_string())?;
    let valid_until = issued_on
        .checked_add(12.months())
        .map_err(|e| e.to_string())?;
    import.certificates.push(ImportCertificate {
        number: CertificateNumber::new(issued_on.year(), 900_001).to_string(),
        holder: "931002451325".into(),
        issued_on: issued_on.to_string(),
        valid_until: valid_until.to_string(),
        extended: false,
        extensions: None,
        issuer: "leb-astana".into(),
    });
    store
        .import_registry(&import)
        .await
        .map_err(|e| e.to_string())?;
    for (iin, role, office) in ACCOUNTS {
        let office = office
            .map(OfficeCode::parse)
            .transpose()
            .map_err(|e| e.to_string())?;
        match kandas_app::auth::add_demo_user(service, iin, PASSWORD, vec![role], office).await {
            Ok(_) | Err(kandas_app::AppError::Conflict(ErrorCode::User(UserError::Exists))) => {}
            Err(e) => return Err(format!("demo account {iin}: {e}")),
        }
    }
    Ok(())
}
