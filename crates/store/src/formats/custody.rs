//! `applications.custody_json`: what the desk marked for each document presented, version 1.

use kandas_domain::application::custody::{Custody, CustodyLine, CustodyMarks};
use kandas_domain::ids::MemberId;
use serde::{Deserialize, Serialize};

use super::Versioned;
use super::codes::StoredDocumentType;

/// The stored custody record.
pub(crate) type StoredCustody = Versioned<CustodyV1>;

/// Version 1 of the custody record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct CustodyV1 {
    #[serde(rename = "lines", default)]
    lines: Vec<LineV1>,
}

/// One document line with its marks, all in one object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct LineV1 {
    #[serde(rename = "document")]
    document: StoredDocumentType,
    #[serde(rename = "member", default)]
    member: Option<MemberId>,
    #[serde(rename = "original_shown", default)]
    original_shown: bool,
    #[serde(rename = "copy_taken", default)]
    copy_taken: bool,
    #[serde(rename = "translation", default)]
    translation: bool,
    #[serde(rename = "expired", default)]
    expired: bool,
    #[serde(rename = "original_returned", default)]
    original_returned: bool,
}

impl From<&Custody> for StoredCustody {
    fn from(c: &Custody) -> Self {
        let lines = c
            .lines
            .iter()
            .map(|l| LineV1 {
                document: l.document.into(),
                member: l.member.clone(),
                original_shown: l.marks.original_shown,
                copy_taken: l.marks.copy_taken,
                translation: l.marks.translation,
                expired: l.marks.expired,
                original_returned: l.marks.original_returned,
            })
            .collect();
        Versioned::new(CustodyV1 { lines })
    }
}

impl From<StoredCustody> for Custody {
    fn from(stored: StoredCustody) -> Self {
        let lines = stored
            .into_body()
            .lines
            .into_iter()
            .map(|l| CustodyLine {
                document: l.document.into(),
                member: l.member,
                marks: CustodyMarks {
                    original_shown: l.original_shown,
                    copy_taken: l.copy_taken,
                    translation: l.translation,
                    expired: l.expired,
                    original_returned: l.original_returned,
                },
            })
            .collect();
        Custody { lines }
    }
}
