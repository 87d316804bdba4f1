//! The officer and the head of each office the copies are filed with: the template office keeps
//! its own (the demo's), every other local executive body gets one of each, made once (their
//! IINs follow from the office, so a second run finds them) with the template officer's
//! password and a `user.add` audit row, as `kandas user add` would make them.

use jiff::Timestamp;
use jiff::ToSpan;
use jiff::civil::Date;
use kandas_app::Role;
use kandas_app::ports::store::{AuditRecord, StoreError, UserStore};
use kandas_domain::audit::AuditAction;
use kandas_domain::ids::UserId;
use kandas_domain::iin::{Iin, check_digit};
use kandas_domain::office::OfficeCode;

use super::{OfficeStaff, failure};
use crate::SqlStore;
use crate::audit::insert_audit;
use crate::error::db;
use crate::rows::ts;

/// The IIN of the office's `role` (0 the officer, 1 the head): born on a day that follows from
/// the office's place, serial 6990 and up (below the seeded applicants', above the demo's).
fn staff_iin(place: usize, role: u32) -> Option<Iin> {
    let day = Date::constant(1975, 1, 1)
        .checked_add(i64::try_from(place).ok()?.days())
        .ok()?;
    (0..4).find_map(|extra| {
        let text = format!(
            "{:02}{:02}{:02}{}{}",
            day.year() % 100,
            day.month(),
            day.day(),
            3 + role,
            6990 + 2 * extra + role
        );
        let mut first = [0u32; 11];
        for (slot, b) in first.iter_mut().zip(text.bytes()) {
            *slot = u32::from(b - b'0');
        }
        let check = check_digit(&first)?;
        Iin::parse(&format!("{text}{check}")).ok()
    })
}

impl SqlStore {
    /// The staff of every office of `offices`: `template` for its own office, the others made
    /// when missing. Answers them in the order of `offices`.
    pub async fn bench_staff(
        &self,
        offices: &[OfficeCode],
        template: &OfficeStaff,
        now: Timestamp,
    ) -> Result<Vec<OfficeStaff>, StoreError> {
        let officer = self
            .user_by_iin(&template.officer_iin)
            .await?
            .ok_or_else(|| failure("the template officer has no account"))?;
        let mut out = Vec::with_capacity(offices.len());
        for (place, office) in offices.iter().enumerate() {
            if office == &template.office {
                out.push(template.clone());
                continue;
            }
            let mut ids = Vec::new();
            for (role, code) in [(0, Role::Officer), (1, Role::Head)] {
                let iin = staff_iin(place, role).ok_or_else(|| failure("no staff IIN"))?;
                ids.push((
                    self.staff_account(&iin, code, office, &officer.password_hash, now)
                        .await?,
                    iin,
                ));
            }
            let mut ids = ids.into_iter();
            let (Some((officer, officer_iin)), Some((head, head_iin))) = (ids.next(), ids.next())
            else {
                return Err(failure("no staff"));
            };
            out.push(OfficeStaff {
                office: office.clone(),
                officer,
                officer_iin,
                head,
                head_iin,
            });
        }
        Ok(out)
    }

    /// The account of `iin`, made with `role` at `office` when there is none.
    async fn staff_account(
        &self,
        iin: &Iin,
        role: Role,
        office: &OfficeCode,
        password_hash: &str,
        now: Timestamp,
    ) -> Result<UserId, StoreError> {
        if let Some(user) = self.user_by_iin(iin).await? {
            return Ok(user.id);
        }
        let id = UserId::from_random(kandas_app::secrets::random_id());
        let mut tx = self.begin().await?;
        let (surname, given, latin_surname, latin_given) = match role {
            Role::Head => ("Әбдірахманова", "Жанар", "ABDIRAKHMANOVA", "ZHANAR"),
            _ => ("Сейтқазиев", "Нұрлан", "SEITKAZIYEV", "NURLAN"),
        };
        let sex = if role == Role::Head { "female" } else { "male" };
        sqlx::query(
            "INSERT INTO registry_persons (iin, surname, given_name, surname_latin, \
             given_name_latin, birth_date, sex, citizenship, nationality) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'KAZ', 'kazakh') ON CONFLICT (iin) DO NOTHING",
        )
        .bind(iin.as_str())
        .bind(surname)
        .bind(given)
        .bind(latin_surname)
        .bind(latin_given)
        .bind(iin.birth_date().to_string())
        .bind(sex)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        sqlx::query(
            "INSERT INTO users (id, iin, password_hash, roles, office, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id.as_str())
        .bind(iin.as_str())
        .bind(password_hash)
        .bind(role.code())
        .bind(office.as_str())
        .bind(ts(now))
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let audit = AuditRecord {
            subject: Some(iin.clone()),
            details: serde_json::json!({ "roles": [role], "office": office }),
            ..AuditRecord::system(now, AuditAction::UserAdd, "cli")
        };
        insert_audit(&mut tx, &audit).await?;
        tx.commit().await.map_err(db)?;
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_iins_are_valid_and_apart() {
        let all: Vec<Iin> = (0..40)
            .flat_map(|p| [staff_iin(p, 0), staff_iin(p, 1)])
            .map(Option::unwrap)
            .collect();
        let mut unique = all.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), all.len());
    }
}
