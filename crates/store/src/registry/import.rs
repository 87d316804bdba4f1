//! Importing a registry extract: every record is checked with the domain parsers first, the
//! first bad one is reported by its place (`persons[3].iin: …`), then all is upserted in one
//! transaction.

use kandas_app::error::{BoxError, Context};
use kandas_app::ports::registry::RegisteredCertificate;
use kandas_app::ports::store::StoreError;
use kandas_domain::iin::{Iin, Sex};
use kandas_domain::numbers::CertificateNumber;
use kandas_domain::person::{Country, CyrillicName, LatinName, Line};
use kandas_domain::phone::PhoneNumber;
use serde::Serialize;

use super::{RegistryImport, import_date};
use crate::SqlStore;
use crate::error::db;
use crate::rows::date;

/// How many records an import wrote (inserted or updated).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Persons.
    pub persons: usize,
    /// Phones.
    pub phones: usize,
    /// Certificates.
    pub certificates: usize,
    /// Consent decisions.
    pub consents: usize,
}

fn bad(list: &str, i: usize, field: &str, e: impl Into<BoxError>) -> StoreError {
    StoreError::Corrupt(Box::new(Context::new(format!("{list}[{i}].{field}"), e)))
}

/// Checks every record; the first failure names its list, index and field.
fn validate(data: &RegistryImport) -> Result<Vec<RegisteredCertificate>, StoreError> {
    for (i, p) in data.persons.iter().enumerate() {
        let b = |field: &str, e: &dyn std::fmt::Display| bad("persons", i, field, e.to_string());
        Iin::parse(&p.iin).map_err(|e| b("iin", &e))?;
        CyrillicName::parse(&p.surname).map_err(|e| b("surname", &e))?;
        CyrillicName::parse(&p.given_name).map_err(|e| b("given_name", &e))?;
        if let Some(pat) = &p.patronymic {
            CyrillicName::parse(pat).map_err(|e| b("patronymic", &e))?;
        }
        LatinName::parse(&p.surname_latin).map_err(|e| b("surname_latin", &e))?;
        LatinName::parse(&p.given_name_latin).map_err(|e| b("given_name_latin", &e))?;
        import_date(&p.birth_date).map_err(|e| b("birth_date", &e))?;
        Sex::parse(&p.sex).ok_or_else(|| b("sex", &"expected male or female"))?;
        Country::parse(&p.citizenship).map_err(|e| b("citizenship", &e))?;
        Line::parse(&p.nationality).map_err(|e| b("nationality", &e))?;
        if let Some(phone) = &p.phone {
            PhoneNumber::parse(phone).map_err(|e| b("phone", &e))?;
        }
    }
    let mut certificates = Vec::with_capacity(data.certificates.len());
    for (i, c) in data.certificates.iter().enumerate() {
        let b =
            |field: &str, e: &dyn std::fmt::Display| bad("certificates", i, field, e.to_string());
        certificates.push(RegisteredCertificate {
            number: CertificateNumber::parse(&c.number).map_err(|e| b("number", &e))?,
            holder: Iin::parse(&c.holder).map_err(|e| b("holder", &e))?,
            issued_on: import_date(&c.issued_on).map_err(|e| b("issued_on", &e))?,
            valid_until: import_date(&c.valid_until).map_err(|e| b("valid_until", &e))?,
            extensions: c.extensions.unwrap_or(u32::from(c.extended)),
            issuer: Line::parse(&c.issuer)
                .map_err(|e| b("issuer", &e))?
                .to_string(),
        });
    }
    for (i, c) in data.consents.iter().enumerate() {
        let b = |field: &str, e: &dyn std::fmt::Display| bad("consents", i, field, e.to_string());
        Iin::parse(&c.iin).map_err(|e| b("iin", &e))?;
        Line::parse(&c.number).map_err(|e| b("number", &e))?;
        import_date(&c.issued_on).map_err(|e| b("issued_on", &e))?;
    }
    Ok(certificates)
}

impl SqlStore {
    /// Imports a registry extract (insert or update), all or nothing.
    pub async fn import_registry(
        &self,
        data: &RegistryImport,
    ) -> Result<ImportSummary, StoreError> {
        let certificates = validate(data)?;
        let mut summary = ImportSummary::default();
        let mut tx = self.begin().await?;
        for p in &data.persons {
            let name = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            sqlx::query(
                "INSERT INTO registry_persons (iin, surname, given_name, patronymic, \
                 surname_latin, given_name_latin, birth_date, sex, citizenship, nationality) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (iin) DO UPDATE SET \
                 surname = excluded.surname, given_name = excluded.given_name, \
                 patronymic = excluded.patronymic, surname_latin = excluded.surname_latin, \
                 given_name_latin = excluded.given_name_latin, birth_date = excluded.birth_date, \
                 sex = excluded.sex, citizenship = excluded.citizenship, \
                 nationality = excluded.nationality",
            )
            .bind(p.iin.trim())
            .bind(name(&p.surname))
            .bind(name(&p.given_name))
            .bind(p.patronymic.as_deref().map(name))
            .bind(name(&p.surname_latin))
            .bind(name(&p.given_name_latin))
            .bind(p.birth_date.as_str())
            .bind(p.sex.as_str())
            .bind(p.citizenship.trim().to_ascii_uppercase())
            .bind(p.nationality.trim())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
            summary.persons += 1;
            if let Some(phone) = &p.phone {
                let phone =
                    PhoneNumber::parse(phone).map_err(|e| StoreError::Corrupt(Box::new(e)))?;
                sqlx::query(
                    "INSERT INTO registry_phones (iin, phone) VALUES ($1, $2) \
                     ON CONFLICT (iin) DO UPDATE SET phone = excluded.phone",
                )
                .bind(p.iin.trim())
                .bind(phone.as_str())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
                summary.phones += 1;
            }
        }
        for c in &certificates {
            sqlx::query(
                "INSERT INTO certificates (number, holder, issued_on, valid_until, extended, issuer, \
                 extensions) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (number) DO UPDATE SET \
                 holder = excluded.holder, issued_on = excluded.issued_on, \
                 valid_until = excluded.valid_until, extended = excluded.extended, \
                 issuer = excluded.issuer, extensions = excluded.extensions",
            )
            .bind(c.number.as_str())
            .bind(c.holder.as_str())
            .bind(date(c.issued_on))
            .bind(date(c.valid_until))
            .bind(i64::from(c.extended()))
            .bind(c.issuer.as_str())
            .bind(i64::from(c.extensions))
            .execute(&mut *tx)
            .await
            .map_err(db)?;
            summary.certificates += 1;
        }
        for c in &data.consents {
            sqlx::query(
                "INSERT INTO registry_consents (iin, number, issued_on) VALUES ($1, $2, $3) \
                 ON CONFLICT (iin, number) DO UPDATE SET issued_on = excluded.issued_on",
            )
            .bind(c.iin.trim())
            .bind(c.number.trim())
            .bind(c.issued_on.as_str())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
            summary.consents += 1;
        }
        tx.commit().await.map_err(db)?;
        Ok(summary)
    }
}
