//! Paper intake at a desk: what happened to each document of the checklist.
//!
//! Originals are shown with copies for verification; every original goes back to the applicant
//! except the personal history, which is kept (DOMAIN.md). A line that is not shown, has no
//! copy or scan, lacks its notarized translation, or is expired is a shortfall: the package is
//! refused at intake with the list of shortfalls, and nothing is sent on.

use serde::{Deserialize, Serialize};

use super::document::{ChecklistItem, DocumentType, Provision};
use crate::ids::MemberId;

/// What the operator marked for one document line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustodyMarks {
    /// The original was shown.
    #[serde(default)]
    pub original_shown: bool,
    /// A paper copy was taken.
    #[serde(default)]
    pub copy_taken: bool,
    /// A notarized translation into Kazakh or Russian was presented (identity documents).
    #[serde(default)]
    pub translation: bool,
    /// The document is expired.
    #[serde(default)]
    pub expired: bool,
    /// The original went back to the applicant.
    #[serde(default)]
    pub original_returned: bool,
}

/// One line of the custody record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustodyLine {
    /// The document.
    pub document: DocumentType,
    /// The family member it concerns (`None`: the applicant).
    #[serde(default)]
    pub member: Option<MemberId>,
    /// The marks.
    #[serde(flatten)]
    pub marks: CustodyMarks,
}

/// The custody record of a case: one line per document the applicant presents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Custody {
    /// The lines, in checklist order.
    pub lines: Vec<CustodyLine>,
}

/// Why a document line stops the package from being accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shortfall {
    /// The original was not shown.
    NotPresented,
    /// No paper copy was taken.
    NoCopy,
    /// No notarized translation into Kazakh or Russian.
    NoTranslation,
    /// The document is expired.
    Expired,
    /// No scan was attached for the local executive body.
    NoScan,
}

impl Shortfall {
    /// The stable code (message id suffix).
    pub fn code(self) -> &'static str {
        match self {
            Shortfall::NotPresented => "not_presented",
            Shortfall::NoCopy => "no_copy",
            Shortfall::NoTranslation => "no_translation",
            Shortfall::Expired => "expired",
            Shortfall::NoScan => "no_scan",
        }
    }

    /// The error code that says what is missing (also its message id).
    pub fn error_code(self) -> crate::codes::ErrorCode {
        use crate::codes::CustodyError;
        match self {
            Shortfall::NotPresented => CustodyError::NotPresented,
            Shortfall::NoCopy => CustodyError::NoCopy,
            Shortfall::NoTranslation => CustodyError::NoTranslation,
            Shortfall::Expired => CustodyError::Expired,
            Shortfall::NoScan => CustodyError::NoScan,
        }
        .into()
    }

    /// Every shortfall.
    pub const ALL: [Shortfall; 5] = [
        Shortfall::NotPresented,
        Shortfall::NoCopy,
        Shortfall::NoTranslation,
        Shortfall::Expired,
        Shortfall::NoScan,
    ];
}

/// A document line that is missing something.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingItem {
    /// The document.
    pub document: DocumentType,
    /// The family member it concerns (`None`: the applicant).
    #[serde(default)]
    pub member: Option<MemberId>,
    /// What is missing.
    pub shortfall: Shortfall,
}

/// Whether a document of this type must come with a notarized translation.
pub fn needs_translation(document: DocumentType) -> bool {
    document == DocumentType::IdentityDocument
}

/// Whether the original of this document is kept rather than returned.
pub fn original_is_kept(document: DocumentType) -> bool {
    document == DocumentType::PersonalHistory
}

impl Custody {
    /// The marks of one line; unmarked lines have all marks off.
    pub fn marks(&self, document: DocumentType, member: Option<&MemberId>) -> CustodyMarks {
        self.lines
            .iter()
            .find(|l| l.document == document && l.member.as_ref() == member)
            .map(|l| l.marks.clone())
            .unwrap_or_default()
    }

    /// Keeps only the lines the checklist asks the applicant for, in its order: a registry
    /// document is never handled on paper, and a removed family member's line goes.
    pub fn fitted_to(&self, checklist: &[ChecklistItem]) -> Custody {
        Custody {
            lines: checklist
                .iter()
                .filter(|i| i.provision == Provision::Upload)
                .map(|i| CustodyLine {
                    document: i.document,
                    member: i.member.clone(),
                    marks: self.marks(i.document, i.member.as_ref()),
                })
                .collect(),
        }
    }

    /// What stops the package from being accepted, line by line, in checklist order.
    pub fn shortfalls(&self, checklist: &[ChecklistItem]) -> Vec<MissingItem> {
        let mut out = Vec::new();
        for item in checklist
            .iter()
            .filter(|i| i.provision == Provision::Upload)
        {
            let marks = self.marks(item.document, item.member.as_ref());
            let mut push = |shortfall| {
                out.push(MissingItem {
                    document: item.document,
                    member: item.member.clone(),
                    shortfall,
                });
            };
            if !marks.original_shown {
                push(Shortfall::NotPresented);
                continue;
            }
            if marks.expired {
                push(Shortfall::Expired);
            }
            if !marks.copy_taken {
                push(Shortfall::NoCopy);
            }
            if needs_translation(item.document) && !marks.translation {
                push(Shortfall::NoTranslation);
            }
            if !item.satisfied {
                push(Shortfall::NoScan);
            }
        }
        out
    }

    /// Originals that must go back before acceptance and are not marked returned.
    pub fn unreturned(&self, checklist: &[ChecklistItem]) -> Vec<(DocumentType, Option<MemberId>)> {
        checklist
            .iter()
            .filter(|i| i.provision == Provision::Upload && !original_is_kept(i.document))
            .filter(|i| {
                let marks = self.marks(i.document, i.member.as_ref());
                marks.original_shown && !marks.original_returned
            })
            .map(|i| (i.document, i.member.clone()))
            .collect()
    }

    /// Kept originals wrongly marked returned (the personal history stays with the case).
    pub fn wrongly_returned(&self) -> Vec<DocumentType> {
        self.lines
            .iter()
            .filter(|l| original_is_kept(l.document) && l.marks.original_returned)
            .map(|l| l.document)
            .collect()
    }

    /// After a refusal to accept nothing is kept: every original shown goes back.
    pub fn all_returned(&self) -> Custody {
        Custody {
            lines: self
                .lines
                .iter()
                .map(|l| {
                    let mut line = l.clone();
                    line.marks.original_returned = l.marks.original_shown;
                    line
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests;
