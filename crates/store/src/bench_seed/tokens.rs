//! The tokens that stand in a template for what each copy owns, and their values: in SQL (an
//! expression over the copy's row `c` and its office's row `o`) and in Rust (to hash the audit
//! rows before they are written). The two must agree byte for byte; `kandas audit verify` on a
//! seeded database is the check that they do.

use std::fmt::Write as _;

/// A value a copy owns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Token {
    /// The id of the story's `j`-th application.
    App(usize),
    /// `YYYY-NNNNNN` of the `j`-th application's number (the certificate's too).
    Number(usize),
    /// The applicant's IIN.
    Iin,
    /// The applicant's account id.
    User,
    /// The applicant's phone (E.164).
    Phone,
    /// The applicant's phone, masked.
    Masked,
    /// The applicant's birth date.
    Birth,
    /// The spouse's IIN.
    Spouse,
    /// The spouse's birth date.
    SpouseBirth,
    /// The `k`-th attachment's id.
    File(usize),
    /// The `k`-th job's id (its notification's too).
    Job(usize),
    /// The `k`-th delivery's id.
    Delivery(usize),
    /// The office's officer (account id).
    Officer,
    /// The officer's IIN.
    OfficerIin,
    /// The office's head (account id).
    Head,
    /// The head's IIN.
    HeadIin,
    /// The office's code.
    Office,
    /// The office's region code.
    Region,
}

/// The hex digit that tells apart the ids a copy makes of each kind.
fn id_kind(t: Token) -> Option<(u8, usize)> {
    match t {
        Token::App(j) => Some((0xa, j)),
        Token::User => Some((0xb, 0)),
        Token::Job(k) => Some((0xc, k)),
        Token::Delivery(k) => Some((0xd, k)),
        Token::File(k) => Some((0xf, k)),
        _ => None,
    }
}

impl Token {
    /// The token as it stands in a template.
    pub(crate) fn text(self) -> String {
        let (family, k) = self.family();
        match k {
            Some(k) => format!("@@{family}{k}@@"),
            None => format!("@@{family}@@"),
        }
    }

    fn family(self) -> (char, Option<usize>) {
        match self {
            Token::App(j) => ('A', Some(j)),
            Token::Number(j) => ('N', Some(j)),
            Token::Iin => ('I', None),
            Token::User => ('U', None),
            Token::Phone => ('P', None),
            Token::Masked => ('Q', None),
            Token::Birth => ('B', None),
            Token::Spouse => ('M', None),
            Token::SpouseBirth => ('C', None),
            Token::File(k) => ('F', Some(k)),
            Token::Job(k) => ('J', Some(k)),
            Token::Delivery(k) => ('D', Some(k)),
            Token::Officer => ('O', None),
            Token::OfficerIin => ('o', None),
            Token::Head => ('H', None),
            Token::HeadIin => ('h', None),
            Token::Office => ('L', None),
            Token::Region => ('R', None),
        }
    }

    fn parse(family: char, k: Option<usize>) -> Option<Token> {
        Some(match (family, k) {
            ('A', Some(j)) => Token::App(j),
            ('N', Some(j)) => Token::Number(j),
            ('F', Some(k)) => Token::File(k),
            ('J', Some(k)) => Token::Job(k),
            ('D', Some(k)) => Token::Delivery(k),
            ('I', None) => Token::Iin,
            ('U', None) => Token::User,
            ('P', None) => Token::Phone,
            ('Q', None) => Token::Masked,
            ('B', None) => Token::Birth,
            ('M', None) => Token::Spouse,
            ('C', None) => Token::SpouseBirth,
            ('O', None) => Token::Officer,
            ('o', None) => Token::OfficerIin,
            ('H', None) => Token::Head,
            ('h', None) => Token::HeadIin,
            ('L', None) => Token::Office,
            ('R', None) => Token::Region,
            _ => return None,
        })
    }

    /// The value in SQL: an expression over the copy's row `c` (its number in hex, `c.nhex`)
    /// and its office's row `o`; `prefix` is the run's id prefix.
    pub(crate) fn sql(self, prefix: &str) -> String {
        let (_, k) = self.family();
        self.sql_with(&format!("'{:03x}'", k.unwrap_or(0)), prefix)
    }

    /// [`Token::sql`] of the token of this one's family whose number, as three hex digits, is
    /// the SQL text `k`.
    pub(crate) fn sql_with(self, k: &str, prefix: &str) -> String {
        if let Some((kind, _)) = id_kind(self) {
            return format!("'{}' || {k} || '-' || c.nhex", id_head(prefix, kind));
        }
        match self {
            Token::Number(_) => format!("CASE WHEN {k} = '000' THEN c.num0 ELSE c.num1 END"),
            Token::Iin => "c.iin".into(),
            Token::Phone => "c.phone".into(),
            Token::Masked => "c.masked".into(),
            Token::Birth => "c.birth".into(),
            Token::Spouse => "c.spouse".into(),
            Token::SpouseBirth => "c.spouse_birth".into(),
            Token::Officer => "o.officer".into(),
            Token::OfficerIin => "o.officer_iin".into(),
            Token::Head => "o.head".into(),
            Token::HeadIin => "o.head_iin".into(),
            Token::Office => "o.code".into(),
            _ => "o.region".into(),
        }
    }

    /// Whether the value is the office's (needs the join with `bench_office`).
    pub(crate) fn of_office(self) -> bool {
        matches!(
            self,
            Token::Officer
                | Token::OfficerIin
                | Token::Head
                | Token::HeadIin
                | Token::Office
                | Token::Region
        )
    }

    /// The token's number as the three hex digits a template keeps beside it.
    pub(crate) fn hex(self) -> String {
        format!("{:03x}", self.family().1.unwrap_or(0))
    }

    /// The marker of the token's family, which stands for it where its number is kept apart.
    pub(crate) fn marker(self) -> String {
        format!("@@{}@@", self.family().0)
    }

    /// The token's family letter and its number, if it has one.
    pub(crate) fn number(self) -> (char, usize) {
        let (family, k) = self.family();
        (family, k.unwrap_or(0))
    }
}

/// The fixed start of the ids of `kind` in a run: `p8-p4-4Kpp-8`.
fn id_head(prefix: &str, kind: u8) -> String {
    let p = |range: std::ops::Range<usize>| prefix.get(range).unwrap_or("0");
    format!("{}-{}-4{kind:x}{}-8", p(0..8), p(8..12), p(12..14))
}

/// The id of `kind` number `k` of copy `n`, as [`Token::sql`] makes it.
fn id(prefix: &str, kind: u8, k: usize, n: i64) -> String {
    let mut s = id_head(prefix, kind);
    let _ = write!(s, "{k:03x}-{n:012x}");
    s
}

/// The id `t` stands for in copy `n` of the run with `prefix` (an id token's value).
pub(crate) fn copy_id(prefix: &str, t: Token, n: i64) -> String {
    id_kind(t).map_or_else(String::new, |(kind, k)| id(prefix, kind, k, n))
}

/// The tokens in `text`, each once, in order of first appearance.
pub(crate) fn tokens_in(text: &str) -> Vec<Token> {
    let mut found = Vec::new();
    for segment in segments(text) {
        if let Segment::Token(t) = segment
            && !found.contains(&t)
        {
            found.push(t);
        }
    }
    found
}

/// A piece of a template text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment<'a> {
    /// Text as it is.
    Literal(&'a str),
    /// A token.
    Token(Token),
}

/// `text` cut into literal pieces and tokens.
pub(crate) fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("@@") {
        let after = &rest[start + 2..];
        let parsed = after.find("@@").and_then(|end| {
            let inner = &after[..end];
            let mut chars = inner.chars();
            let family = chars.next()?;
            let digits = chars.as_str();
            let k = if digits.is_empty() {
                None
            } else {
                Some(digits.parse().ok()?)
            };
            Token::parse(family, k).map(|t| (t, end))
        });
        match parsed {
            Some((token, end)) => {
                if start > 0 {
                    out.push(Segment::Literal(&rest[..start]));
                }
                out.push(Segment::Token(token));
                rest = &after[end + 2..];
            }
            None => {
                out.push(Segment::Literal(&rest[..start + 2]));
                rest = after;
            }
        }
    }
    if !rest.is_empty() {
        out.push(Segment::Literal(rest));
    }
    out
}

/// What one copy's tokens stand for, in Rust.
#[derive(Debug, Clone)]
pub(crate) struct Values<'a> {
    /// The run's id prefix.
    pub(crate) prefix: &'a str,
    /// The copy's number in the run.
    pub(crate) n: i64,
    /// `YYYY-NNNNNN` of its applications.
    pub(crate) numbers: [&'a str; 2],
    /// The applicant: IIN, phone, masked phone, birth date.
    pub(crate) person: [&'a str; 4],
    /// The spouse: IIN and birth date.
    pub(crate) spouse: [&'a str; 2],
    /// The office: code, region, officer, officer's IIN, head, head's IIN.
    pub(crate) office: [&'a str; 6],
}

impl Values<'_> {
    /// Appends the value of `t` to `out`.
    pub(crate) fn push(&self, t: Token, out: &mut String) {
        if let Some((kind, k)) = id_kind(t) {
            out.push_str(&id(self.prefix, kind, k, self.n));
            return;
        }
        out.push_str(match t {
            Token::Number(j) => self.numbers[j.min(1)],
            Token::Iin => self.person[0],
            Token::Phone => self.person[1],
            Token::Masked => self.person[2],
            Token::Birth => self.person[3],
            Token::Spouse => self.spouse[0],
            Token::SpouseBirth => self.spouse[1],
            Token::Office => self.office[0],
            Token::Region => self.office[1],
            Token::Officer => self.office[2],
            Token::OfficerIin => self.office[3],
            Token::Head => self.office[4],
            Token::HeadIin => self.office[5],
            _ => "",
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_split_into_literals_and_tokens() {
        let text = "{\"a\":\"@@A1@@\",\"x\":\"@@ nope @@\",\"o\":\"@@L@@\"}";
        let s = segments(text);
        assert_eq!(s[1], Segment::Token(Token::App(1)));
        assert!(s.contains(&Segment::Token(Token::Office)));
        assert_eq!(tokens_in(text), vec![Token::App(1), Token::Office]);
        let joined: String = s
            .iter()
            .map(|p| match p {
                Segment::Literal(l) => (*l).to_owned(),
                Segment::Token(t) => t.text(),
            })
            .collect();
        assert_eq!(joined, text);
        assert_eq!(
            id("0123456789abcdef", 0xa, 2, 255),
            "01234567-89ab-4acd-8002-0000000000ff"
        );
        assert!(
            kandas_domain::ids::ApplicationId::parse(&id("0123456789abcdef", 0xa, 2, 255)).is_ok()
        );
    }
}
