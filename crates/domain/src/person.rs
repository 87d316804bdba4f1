//! A person as the state registries know them, and the values of a form that came from a
//! registry rather than from the applicant (once-only).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::iin::{Iin, Sex};

crate::codes::codes! {
    /// Why a name, country or free text is refused.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Error)]
    pub enum TextError {
        /// Nothing was given where something is needed.
        #[error("this field is required")]
        Required => "field.required",
        /// Longer than the field allows.
        #[error("this field is too long")]
        TooLong => "field.too-long",
        /// A name in Cyrillic with other letters.
        #[error("use Cyrillic letters")]
        NotCyrillic => "field.not-cyrillic",
        /// A name in Latin with other letters.
        #[error("use Latin letters")]
        NotLatin => "field.not-latin",
        /// Control characters or markup.
        #[error("this field has characters that are not allowed")]
        Characters => "field.characters",
        /// Not an ISO 3166 alpha-3 code or `STATELESS`.
        #[error("choose a country")]
        Country => "field.country",
    }
}

fn is_name_punctuation(c: char) -> bool {
    matches!(c, ' ' | '-' | '\'' | '’' | '.')
}

fn checked(
    raw: &str,
    max: usize,
    letter: impl Fn(char) -> bool,
    err: TextError,
) -> Result<String, TextError> {
    let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.is_empty() {
        return Err(TextError::Required);
    }
    if s.chars().count() > max {
        return Err(TextError::TooLong);
    }
    if !s.chars().all(|c| letter(c) || is_name_punctuation(c)) {
        return Err(err);
    }
    Ok(s)
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// A personal name part in Cyrillic (Kazakh and Russian letters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CyrillicName(String);

impl CyrillicName {
    /// Parses a name of Cyrillic letters, spaces, hyphens and apostrophes.
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        checked(raw, 80, is_cyrillic, TextError::NotCyrillic).map(Self)
    }
    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A personal name part in Latin letters, as in a passport.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LatinName(String);

impl LatinName {
    /// Parses a name of Latin letters, spaces, hyphens and apostrophes.
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        checked(raw, 80, |c| c.is_ascii_alphabetic(), TextError::NotLatin).map(Self)
    }
    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Free text of one line (profession, document number, issuing authority).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Line(String);

impl Line {
    /// Parses one line of at most 200 characters without control characters or angle brackets.
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        checked(
            raw,
            200,
            |c| !c.is_control() && c != '<' && c != '>',
            TextError::Characters,
        )
        .map(Self)
    }
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A country as an ISO 3166-1 alpha-3 code, or `STATELESS`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country(String);

impl Country {
    /// Parses an alpha-3 code (any case) or `STATELESS`.
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        let s = raw.trim().to_ascii_uppercase();
        if s.is_empty() {
            return Err(TextError::Required);
        }
        if s == "STATELESS" || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())) {
            Ok(Self(s))
        } else {
            Err(TextError::Country)
        }
    }
    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Whether this is Kazakhstan (a kandas has never been its citizen).
    pub fn is_kazakhstan(&self) -> bool {
        self.0 == "KAZ"
    }
}

macro_rules! string_conversions {
    ($($t:ty),*) => {$(
        impl TryFrom<String> for $t {
            type Error = TextError;
            fn try_from(s: String) -> Result<Self, TextError> { Self::parse(&s) }
        }
        impl From<$t> for String {
            fn from(v: $t) -> String { v.0 }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(&self.0) }
        }
    )*};
}
string_conversions!(CyrillicName, LatinName, Line, Country);

/// A full name in one script: surname, given name, and a patronymic where there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FullName<N> {
    /// Family name.
    pub surname: N,
    /// Given name.
    pub given: N,
    /// Patronymic, if any.
    pub patronymic: Option<N>,
}

impl FullName<CyrillicName> {
    /// "Surname Given Patronymic".
    pub fn display(&self) -> String {
        join_name(
            self.surname.as_str(),
            self.given.as_str(),
            self.patronymic.as_ref().map(|p| p.as_str()),
        )
    }
}

impl FullName<LatinName> {
    /// "SURNAME Given".
    pub fn display(&self) -> String {
        join_name(
            self.surname.as_str(),
            self.given.as_str(),
            self.patronymic.as_ref().map(|p| p.as_str()),
        )
    }
}

fn join_name(surname: &str, given: &str, patronymic: Option<&str>) -> String {
    match patronymic {
        Some(p) => format!("{surname} {given} {p}"),
        None => format!("{surname} {given}"),
    }
}

/// A person as the population registry holds them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// The person's IIN.
    pub iin: Iin,
    /// Name in Cyrillic.
    pub name: FullName<CyrillicName>,
    /// Name in Latin letters.
    pub name_latin: FullName<LatinName>,
    /// Birth date.
    pub birth_date: Date,
    /// Sex.
    pub sex: Sex,
    /// Current citizenship.
    pub citizenship: Country,
    /// Nationality as recorded (e.g. `kazakh`).
    pub nationality: String,
}

/// The state information system a value was obtained from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The population registry (State database "Individuals").
    PopulationRegistry,
    /// The Mobile Citizens Database.
    MobileCitizens,
    /// The register of kandas certificates.
    KandasRegister,
    /// Typed by the applicant.
    Applicant,
}

impl Source {
    /// The message id of the source's name.
    pub fn code(self) -> &'static str {
        match self {
            Source::PopulationRegistry => "population_registry",
            Source::MobileCitizens => "mobile_citizens",
            Source::KandasRegister => "kandas_register",
            Source::Applicant => "applicant",
        }
    }
}

/// A value together with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// Where it came from.
    pub source: Source,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked_by_script() {
        assert_eq!(
            CyrillicName::parse("  Әбілқасым  ").unwrap().as_str(),
            "Әбілқасым"
        );
        assert_eq!(CyrillicName::parse("Abc"), Err(TextError::NotCyrillic));
        assert_eq!(
            LatinName::parse("ABILKASSYM").unwrap().as_str(),
            "ABILKASSYM"
        );
        assert_eq!(LatinName::parse("Әбіл"), Err(TextError::NotLatin));
        assert_eq!(LatinName::parse("   "), Err(TextError::Required));
        assert_eq!(Line::parse("<script>"), Err(TextError::Characters));
        assert_eq!(Line::parse(&"x".repeat(201)), Err(TextError::TooLong));
    }

    #[test]
    fn countries_are_alpha3_or_stateless() {
        assert_eq!(Country::parse("chn").unwrap().as_str(), "CHN");
        assert!(Country::parse("stateless").is_ok());
        assert_eq!(Country::parse("China"), Err(TextError::Country));
        assert!(Country::parse("KAZ").unwrap().is_kazakhstan());
    }
}
