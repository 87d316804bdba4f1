//! The individual identification number (ИИН / ЖСН): 12 digits `YYMMDD C NNNN K`.
//!
//! The first six digits are the birth date, the seventh the century and sex, then a serial and a
//! check digit computed with two weight sequences (DOMAIN.md).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A checked IIN. Built only by [`Iin::parse`], so holding one means the number is well-formed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iin(String);

/// The sex encoded in the seventh digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Odd century digit.
    Male,
    /// Even century digit.
    Female,
}

impl Sex {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }

    /// Parses the stable code.
    pub fn parse(s: &str) -> Option<Sex> {
        match s {
            "male" => Some(Sex::Male),
            "female" => Some(Sex::Female),
            _ => None,
        }
    }
}

crate::codes::codes! {
    /// Why a string is not an IIN. Each variant is also a message id (`iin.*`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Error)]
    pub enum IinError {
        /// Not exactly twelve ASCII digits.
        #[error("an IIN is exactly 12 digits")]
        Format => "iin.format",
        /// The seventh digit is not 1–6.
        #[error("the 7th digit of an IIN must be 1 to 6 (century and sex)")]
        Century => "iin.century",
        /// The first six digits are not a calendar date.
        #[error("the first 6 digits of an IIN must be a birth date")]
        BirthDate => "iin.birth-date",
        /// The check digit does not match.
        #[error("the check digit of the IIN does not match")]
        Checksum => "iin.checksum",
    }
}

const WEIGHTS_FIRST: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const WEIGHTS_SECOND: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// The check digit for the first eleven digits, or `None` when both weight sequences give 10.
pub fn check_digit(first_eleven: &[u32; 11]) -> Option<u32> {
    let sum = |weights: &[u32; 11]| -> u32 {
        first_eleven
            .iter()
            .zip(weights)
            .map(|(d, w)| d * w)
            .sum::<u32>()
            % 11
    };
    match sum(&WEIGHTS_FIRST) {
        10 => match sum(&WEIGHTS_SECOND) {
            10 => None,
            k => Some(k),
        },
        k => Some(k),
    }
}

impl Iin {
    /// Parses and checks an IIN as people type it: the spaces (also non-breaking and thin ones)
    /// and dashes people group the digits with are dropped (`900101 300811`, `9001-0130-0811`).
    pub fn parse(raw: &str) -> Result<Iin, IinError> {
        let digits = normalise(raw);
        let s = digits.as_str();
        if s.len() != 12 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IinError::Format);
        }
        let digits: Vec<u32> = s.bytes().map(|b| u32::from(b - b'0')).collect();
        if !(1..=6).contains(&digits[6]) {
            return Err(IinError::Century);
        }
        birth_date_of(&digits).ok_or(IinError::BirthDate)?;
        let mut first = [0u32; 11];
        first.copy_from_slice(&digits[..11]);
        match check_digit(&first) {
            Some(k) if k == digits[11] => Ok(Iin(s.to_owned())),
            _ => Err(IinError::Checksum),
        }
    }

    /// The twelve digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date encoded in the number.
    pub fn birth_date(&self) -> Date {
        let digits: Vec<u32> = self.0.bytes().map(|b| u32::from(b - b'0')).collect();
        // A parsed IIN always has a valid date; the fallback is never reached.
        birth_date_of(&digits).unwrap_or(Date::constant(1900, 1, 1))
    }

    /// The sex encoded in the seventh digit.
    pub fn sex(&self) -> Sex {
        if self.century_digit() % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// The first year of the birth century (1800, 1900 or 2000).
    pub fn century(&self) -> i16 {
        century_start(self.century_digit())
    }

    /// The IIN with the middle digits hidden, for public pages: `9001******11`.
    pub fn masked(&self) -> String {
        format!("{}******{}", &self.0[..4], &self.0[10..])
    }

    fn century_digit(&self) -> u32 {
        u32::from(self.0.as_bytes()[6] - b'0')
    }
}

/// The typed number without the separators people group digits with: white space of any kind
/// (a non-breaking or thin space pasted from a document too) and dashes.
fn normalise(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}'))
        .collect()
}

fn century_start(digit: u32) -> i16 {
    match digit {
        1 | 2 => 1800,
        3 | 4 => 1900,
        _ => 2000,
    }
}

fn birth_date_of(d: &[u32]) -> Option<Date> {
    let year = century_start(d[6]) + i16::try_from(d[0] * 10 + d[1]).ok()?;
    let month = i8::try_from(d[2] * 10 + d[3]).ok()?;
    let day = i8::try_from(d[4] * 10 + d[5]).ok()?;
    Date::new(year, month, day).ok()
}

impl std::fmt::Display for Iin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Iin {
    type Error = IinError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Iin::parse(&s)
    }
}

impl From<Iin> for String {
    fn from(iin: Iin) -> String {
        iin.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_documented_examples_are_valid() {
        for raw in [
            "931002451325",
            "900101300811",
            "850302400014",
            "700701300067",
        ] {
            assert!(Iin::parse(raw).is_ok(), "{raw}");
        }
    }

    #[test]
    fn birth_date_sex_and_century_are_read() {
        let iin = Iin::parse("931002451325").unwrap();
        assert_eq!(iin.birth_date(), Date::constant(1993, 10, 2));
        assert_eq!(iin.sex(), Sex::Female);
        assert_eq!(iin.century(), 1900);
        let iin = Iin::parse("900101300811").unwrap();
        assert_eq!(iin.birth_date(), Date::constant(1990, 1, 1));
        assert_eq!(iin.sex(), Sex::Male);
        assert_eq!(iin.masked(), "9001******11");
    }

    #[test]
    fn each_kind_of_bad_input_gets_its_own_error() {
        assert_eq!(Iin::parse("12345"), Err(IinError::Format));
        assert_eq!(Iin::parse("90010130081a"), Err(IinError::Format));
        assert_eq!(Iin::parse("900101700811"), Err(IinError::Century));
        assert_eq!(Iin::parse("901301300811"), Err(IinError::BirthDate));
        assert_eq!(Iin::parse("900101300812"), Err(IinError::Checksum));
    }

    #[test]
    fn digits_grouped_with_spaces_or_dashes_are_the_same_number() {
        let plain = Iin::parse("900101300811").unwrap();
        for typed in [
            "900101 300811",
            "9001 0130 0811",
            " 900101\u{a0}300811 ",
            "9001\u{202f}0130\u{2009}0811",
            "900101-300811",
            "9001\u{2013}0130\u{2011}0811",
            "\t900101300811\n",
        ] {
            assert_eq!(Iin::parse(typed).as_ref(), Ok(&plain), "{typed:?}");
            assert_eq!(Iin::parse(typed).unwrap().as_str(), "900101300811");
        }
        // Grouping is not a licence for anything else.
        assert_eq!(Iin::parse("900101.300811"), Err(IinError::Format));
        assert_eq!(Iin::parse("9001 0130 081"), Err(IinError::Format));
        assert_eq!(Iin::parse("9001 0130 0812"), Err(IinError::Checksum));
    }

    #[test]
    fn the_second_weight_sequence_is_used_when_the_first_gives_ten() {
        // 3*7 + 1*11 = 32, 32 % 11 = 10, so the second weights: 3*9 + 1*2 = 29, 29 % 11 = 7.
        assert_eq!(check_digit(&[0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 1]), Some(7));
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,20}") {
            let _ = Iin::parse(&s);
        }

        #[test]
        fn a_valid_number_round_trips(y in 0u32..100, m in 1u32..13, d in 1u32..29, c in 1u32..7, serial in 0u32..10000) {
            let digits = format!("{y:02}{m:02}{d:02}{c}{serial:04}");
            let mut first = [0u32; 11];
            for (i, b) in digits.bytes().enumerate() { first[i] = u32::from(b - b'0'); }
            if let Some(k) = check_digit(&first) {
                let iin = Iin::parse(&format!("{digits}{k}")).unwrap();
                prop_assert_eq!(iin.as_str(), format!("{digits}{k}"));
                prop_assert_eq!(i32::from(iin.birth_date().month()), m as i32);
            }
        }
    }
}
