//! Officials by name: the staff account's person as the population registry holds them, so
//! that pages say who did what ("Қасымова Динара Әлібекқызы") instead of an account id.

use std::collections::HashMap;

use kandas_domain::application::Application;
use kandas_domain::application::status::Status;
use kandas_domain::ids::UserId;

use crate::error::AppError;
use crate::service::Service;

/// The names of these officials (Cyrillic, "Surname Given Patronymic"); an account that is
/// gone, or whose IIN the registry does not hold, is left out (the page shows its short id).
pub async fn official_names<'a>(
    service: &Service,
    ids: impl IntoIterator<Item = &'a UserId>,
) -> Result<HashMap<UserId, String>, AppError> {
    let mut names = HashMap::new();
    for id in ids {
        if names.contains_key(id) {
            continue;
        }
        let Some(user) = service.store.user_by_id(id).await? else {
            continue;
        };
        if let Some(person) = service.registry.person(&user.iin).await? {
            names.insert(id.clone(), person.name.display());
        }
    }
    Ok(names)
}

/// Every official the case's record names: who checked it, recorded the protocol, scheduled
/// and recorded the hearing, proposed, decided and signed off, or refused to accept it.
pub fn officials_of(application: &Application) -> Vec<&UserId> {
    let mut ids = Vec::new();
    match &application.status {
        Status::RejectedAtIntake { by, .. } => ids.push(by),
        Status::Decided { decision, .. } => {
            ids.push(&decision.decided_by);
            ids.extend(decision.signed_off.as_ref().map(|c| &c.by));
        }
        _ => {}
    }
    if let Some(review) = application.status.review() {
        ids.extend(review.completeness.as_ref().map(|c| &c.by));
        ids.extend(review.commission.as_ref().map(|c| &c.recorded_by));
        if let Some(h) = &review.hearing {
            ids.push(&h.scheduled.by);
            ids.extend(h.record.as_ref().map(|r| &r.recorded_by));
        }
        if let Some(p) = &review.proposal {
            ids.push(&p.decided_by);
        }
    }
    ids
}
