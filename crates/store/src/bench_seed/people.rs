//! The seeded people: IINs with valid check digits, unique across runs (each run reserves its
//! range of a counter per century-and-sex digit, and seeded serials start at 7000, above those
//! of the demo and test people), and mobile phones.

use jiff::ToSpan;
use jiff::civil::Date;
use kandas_app::ports::store::StoreError;
use kandas_domain::iin::{Iin, Sex, check_digit};
use kandas_domain::phone::PhoneNumber;
use sqlx::AnyConnection;

use super::failure;
use crate::error::db;

/// A generated person of the population registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedPerson {
    /// IIN (its birth date and sex as below).
    pub iin: Iin,
    /// Birth date.
    pub birth_date: Date,
    /// Sex.
    pub sex: Sex,
    /// Mobile phone.
    pub phone: PhoneNumber,
    /// Surname in Cyrillic.
    pub surname: &'static str,
    /// Given name in Cyrillic.
    pub given_name: &'static str,
    /// Surname in Latin letters.
    pub surname_latin: &'static str,
    /// Given name in Latin letters.
    pub given_name_latin: &'static str,
}

/// Serials per birth date and century digit that seeding uses (7000–9999).
const SERIALS: i64 = 3000;
/// Birth dates from 1 January 1960 on, for 40 years.
const DAYS: i64 = 14_610;
/// The mobile operators' codes the phones are spread over.
const OPERATORS: [&str; 6] = ["747", "771", "775", "776", "777", "778"];

fn first_birth_day() -> Date {
    Date::constant(1960, 1, 1)
}

/// Reserves `count` values of the counter `name` (created at 0); answers the first.
pub(crate) async fn reserve(
    conn: &mut AnyConnection,
    name: &str,
    count: i64,
) -> Result<i64, StoreError> {
    let end: i64 = sqlx::query_scalar(
        "INSERT INTO counters (name, value) VALUES ($1, $2) \
         ON CONFLICT (name) DO UPDATE SET value = counters.value + $2 RETURNING value",
    )
    .bind(name)
    .bind(count)
    .fetch_one(&mut *conn)
    .await
    .map_err(db)?;
    Ok(end - count)
}

/// The IIN of candidate `index` of a century digit (3: a man born in the 1900s, 4: a woman),
/// when its check digit exists.
fn candidate(digit: u32, index: i64) -> Option<(Iin, Date)> {
    let day = first_birth_day()
        .checked_add(((index / SERIALS) % DAYS).days())
        .ok()?;
    let serial = 7000 + index % SERIALS;
    let text = format!(
        "{:02}{:02}{:02}{digit}{serial:04}",
        day.year() % 100,
        day.month(),
        day.day()
    );
    let mut first = [0u32; 11];
    for (slot, b) in first.iter_mut().zip(text.bytes()) {
        *slot = u32::from(b - b'0');
    }
    let check = check_digit(&first)?;
    Iin::parse(&format!("{text}{check}"))
        .ok()
        .map(|iin| (iin, day))
}

/// The phone of the `index`-th seeded person.
fn phone(index: i64) -> Result<PhoneNumber, StoreError> {
    let operator = OPERATORS[usize::try_from(index / 10_000_000).unwrap_or(0) % OPERATORS.len()];
    PhoneNumber::parse(&format!("+7{operator}{:07}", index % 10_000_000))
        .map_err(|_| failure("a generated phone number does not parse"))
}

const MEN: [(&str, &str, &str, &str); 4] = [
    ("Серікбаев", "Ерлан", "SERIKBAYEV", "YERLAN"),
    ("Нұрланов", "Дәулет", "NURLANOV", "DAULET"),
    ("Жақыпов", "Арман", "ZHAKYPOV", "ARMAN"),
    ("Төлеуов", "Бекзат", "TOLEUOV", "BEKZAT"),
];
const WOMEN: [(&str, &str, &str, &str); 4] = [
    ("Серікбаева", "Айгүл", "SERIKBAYEVA", "AIGUL"),
    ("Нұрланова", "Әсем", "NURLANOVA", "ASSEM"),
    ("Жақыпова", "Мәдина", "ZHAKYPOVA", "MADINA"),
    ("Төлеуова", "Гүлнар", "TOLEUOVA", "GULNAR"),
];

/// A reserved range of people of one sex, handed out in order.
#[derive(Debug, Clone)]
pub(crate) struct People {
    digit: u32,
    next: i64,
    end: i64,
    phone: i64,
    names: &'static [(&'static str, &'static str, &'static str, &'static str); 4],
    sex: Sex,
}

impl People {
    /// Reserves IINs and phones for `count` people of `sex` (born 1960–1999) on `conn`.
    pub(crate) async fn reserve(
        conn: &mut AnyConnection,
        sex: Sex,
        count: usize,
    ) -> Result<People, StoreError> {
        let digit = match sex {
            Sex::Male => 3,
            Sex::Female => 4,
        };
        let wanted = i64::try_from(count).map_err(|_| failure("too many people"))?;
        // About one candidate in a hundred has no check digit: reserve a little more.
        let span = wanted + wanted / 20 + 16;
        let first = reserve(conn, &format!("bench-seed:iin:{digit}"), span).await?;
        if first + span > SERIALS * DAYS {
            return Err(failure(
                "the seeded IINs of this birth century are used up (40 million people)",
            ));
        }
        let phone = reserve(conn, "bench-seed:phone", wanted).await?;
        Ok(People {
            digit,
            next: first,
            end: first + span,
            phone,
            names: match sex {
                Sex::Male => &MEN,
                Sex::Female => &WOMEN,
            },
            sex,
        })
    }

    /// The next person of the range.
    pub(crate) fn take(&mut self) -> Result<SeedPerson, StoreError> {
        while self.next < self.end {
            let index = self.next;
            self.next += 1;
            if let Some((iin, birth_date)) = candidate(self.digit, index) {
                let (surname, given_name, surname_latin, given_name_latin) =
                    self.names[usize::try_from(index).unwrap_or(0) % self.names.len()];
                let phone = phone(self.phone)?;
                self.phone += 1;
                return Ok(SeedPerson {
                    iin,
                    birth_date,
                    sex: self.sex,
                    phone,
                    surname,
                    given_name,
                    surname_latin,
                    given_name_latin,
                });
            }
        }
        Err(failure("too few valid IINs in the reserved range"))
    }
}

/// Generates `count` people of `sex`, reserving them on `conn`.
pub(crate) async fn generate(
    conn: &mut AnyConnection,
    sex: Sex,
    count: usize,
) -> Result<Vec<SeedPerson>, StoreError> {
    let mut people = People::reserve(conn, sex, count).await?;
    (0..count).map(|_| people.take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_are_valid_iins_of_their_date_and_sex() {
        let mut valid = 0;
        for index in 0..5000 {
            if let Some((iin, day)) = candidate(4, index * 7919) {
                assert_eq!(iin.birth_date(), day);
                assert_eq!(iin.sex(), Sex::Female);
                assert!(iin.as_str()[7..11] >= *"7000");
                valid += 1;
            }
        }
        assert!(valid > 4800, "{valid}");
        assert_eq!(phone(12).unwrap().as_str(), "+77470000012");
        assert!(phone(10_000_012).unwrap().as_str().starts_with("+7771"));
    }
}
