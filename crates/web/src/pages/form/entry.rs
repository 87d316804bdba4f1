//! Who enters the form: the applicant on the portal, or a desk as the applicant dictates. The
//! pages are the same; the addresses, the use cases and whose registry record is shown differ.

use kandas_app::applicant::{draft, profile, view};
use kandas_app::service::Service;
use kandas_app::{Actor, AppError, desk};
use kandas_domain::application::Application;
use kandas_domain::application::form::FormInput;
use kandas_domain::ids::ApplicationId;
use kandas_domain::person::Person;

/// Who fills the form in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// The applicant, for themselves, online.
    Applicant,
    /// A desk employee, for the applicant in front of them.
    Desk,
}

impl Entry {
    /// The case page; the form, the members and the back link hang under it.
    pub fn base(self, id: &ApplicationId) -> String {
        match self {
            Entry::Applicant => format!("/applications/{id}"),
            Entry::Desk => format!("/desk/applications/{id}"),
        }
    }

    /// "Check your answers": the applicant's review page, the desk's case page.
    pub fn review(self, id: &ApplicationId) -> String {
        match self {
            Entry::Applicant => format!("/applications/{id}/review"),
            Entry::Desk => format!("/desk/applications/{id}#answers"),
        }
    }

    /// The step after the family: the applicant's documents, the desk's scans on its case page.
    pub fn after_family(self, id: &ApplicationId) -> String {
        match self {
            Entry::Applicant => format!("/applications/{id}/documents"),
            Entry::Desk => format!("/desk/applications/{id}#documents"),
        }
    }

    /// The draft, to show it (the desk's read is audited).
    pub async fn application(
        self,
        service: &Service,
        actor: &Actor,
        id: &ApplicationId,
    ) -> Result<Application, AppError> {
        match self {
            Entry::Applicant => Ok(view::view(service, actor, id).await?.application),
            Entry::Desk => Ok(desk::view::case(service, actor, id).await?.view.application),
        }
    }

    /// The draft's answers as they stand, to change them.
    pub async fn input(
        self,
        service: &Service,
        actor: &Actor,
        id: &ApplicationId,
    ) -> Result<FormInput, AppError> {
        let application = match self {
            Entry::Applicant => view::view(service, actor, id).await?.application,
            Entry::Desk => desk::desk_case(service, actor, id).await?.1,
        };
        Ok(application.form.to_input())
    }

    /// Saves the answers.
    pub async fn save(
        self,
        service: &Service,
        actor: &Actor,
        id: &ApplicationId,
        input: &FormInput,
        version: i64,
    ) -> Result<Application, AppError> {
        match self {
            Entry::Applicant => draft::save_form(service, actor, id, input, version).await,
            Entry::Desk => desk::intake::save_form(service, actor, id, input, version).await,
        }
    }

    /// The applicant as the population registry knows them. The desk reads it for the case it
    /// just read (`application`, audited).
    pub async fn person(self, service: &Service, actor: &Actor, a: &Application) -> Option<Person> {
        let profile = match self {
            Entry::Applicant => profile::profile(service, actor).await,
            Entry::Desk => profile::profile_of(service, &a.applicant).await,
        };
        profile.ok()?.person.map(|p| p.value)
    }
}
