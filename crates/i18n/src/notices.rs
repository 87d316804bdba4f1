//! What a notice says beyond its first line: the missing documents of a refusal to accept, the
//! grounds of a refusal, each refused family member, and how to appeal. The personal account
//! shows it all; an SMS names the refused members and says where the rest is.

use kandas_domain::application::notice::MissingNotice;
use kandas_domain::application::status::Notice;

use crate::{text, text_with};

fn missing_line(lang: &str, item: &MissingNotice) -> String {
    let document = text(lang, &format!("doc-{}", item.document.code()));
    let shortfall = text(lang, &format!("pdf-shortfall-{}", item.shortfall.code()));
    match &item.member {
        Some(member) => format!("{document} ({member}) — {shortfall}"),
        None => format!("{document} — {shortfall}"),
    }
}

fn grounds(lang: &str, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| text(lang, &format!("ground-{c}")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The sentences the personal account adds to a notice's first line (none for most notices).
pub(crate) fn details(lang: &str, notice: &Notice) -> Vec<String> {
    let mut lines = Vec::new();
    match notice {
        Notice::RejectedAtIntake { items, .. } if !items.is_empty() => {
            let list: Vec<String> = items.iter().map(|i| missing_line(lang, i)).collect();
            let args = [("list", list.join("; "))];
            lines.push(text_with(lang, "notice-missing-list", &args));
        }
        Notice::Decided {
            grounds: codes,
            refused_members,
            ..
        } => {
            if !codes.is_empty() {
                let args = [("grounds", grounds(lang, codes))];
                lines.push(text_with(lang, "notice-grounds", &args));
            }
            if !refused_members.is_empty() {
                let members: Vec<String> = refused_members
                    .iter()
                    .map(|r| {
                        let kinship = text(lang, &format!("kinship-{}", r.kinship.code()));
                        format!("{} ({kinship}): {}", r.member, grounds(lang, &r.grounds))
                    })
                    .collect();
                let args = [("members", members.join("; "))];
                lines.push(text_with(lang, "notice-members-refused", &args));
            }
        }
        _ => {}
    }
    if refuses(notice) {
        lines.push(text(lang, "notice-appeal-hint"));
    }
    lines
}

/// Whether the notice tells of a refusal (which can be appealed).
fn refuses(notice: &Notice) -> bool {
    match notice {
        Notice::RejectedAtIntake { registered_on, .. } => registered_on.is_some(),
        Notice::Decided {
            outcome,
            refused_members,
            ..
        } => outcome == "refused" || !refused_members.is_empty(),
        _ => false,
    }
}

/// The SMS tail of a notice: the refused members by name, and where the details are.
pub(crate) fn sms_tail(lang: &str, notice: &Notice) -> Vec<String> {
    let mut lines = Vec::new();
    if let Notice::Decided {
        refused_members, ..
    } = notice
        && !refused_members.is_empty()
    {
        let names: Vec<&str> = refused_members.iter().map(|r| r.member.as_str()).collect();
        let args = [("members", names.join(", "))];
        lines.push(text_with(lang, "notice-members-refused", &args));
    }
    if refuses(notice) {
        lines.push(text(lang, "notice-sms-more"));
    }
    lines
}

#[cfg(test)]
mod tests {
    use jiff::civil::Date;
    use kandas_domain::application::custody::Shortfall;
    use kandas_domain::application::document::DocumentType;
    use kandas_domain::application::member::Kinship;
    use kandas_domain::application::notice::{DecidedRefusal, MissingNotice};
    use kandas_domain::application::status::Notice;

    use crate::{notice_sms, notice_text};

    #[test]
    fn a_refusal_to_accept_lists_what_is_missing_in_the_account_and_points_there_by_sms() {
        let notice = Notice::RejectedAtIntake {
            number: "KND-2026-000001".into(),
            missing: 1,
            items: vec![MissingNotice {
                document: DocumentType::IdentityDocument,
                member: Some("Ерланұлы Алихан".into()),
                shortfall: Shortfall::NoScan,
            }],
            registered_on: Some(Date::constant(2026, 11, 23)),
        };
        let ru = notice_text("ru", &notice);
        assert!(ru.contains("23 ноября 2026"), "{ru}");
        assert!(
            ru.contains("Ерланұлы Алихан") && ru.contains("скан"),
            "{ru}"
        );
        assert!(ru.contains("в суд — только после жалобы"), "{ru}");
        let sms = notice_sms("ru", &notice);
        assert!(
            !sms.contains("Ерланұлы") && sms.contains("личном кабинете"),
            "{sms}"
        );
    }

    #[test]
    fn a_decision_names_the_refused_members_with_grounds() {
        let notice = Notice::Decided {
            number: "KND-2026-000001".into(),
            outcome: "assigned".into(),
            certificate: Some("KC-2026-000001".into()),
            grounds: Vec::new(),
            refused_members: vec![DecidedRefusal {
                member: "Ерланұлы Алихан".into(),
                kinship: Kinship::Child,
                grounds: vec!["not-kazakh-nationality".into()],
            }],
        };
        let en = notice_text("en", &notice);
        assert!(en.contains("KC-2026-000001"), "{en}");
        assert!(en.contains("Ерланұлы Алихан (Child)"), "{en}");
        assert!(en.contains("Kazakh"), "the ground is named: {en}");
        let sms = notice_sms("kk", &notice);
        assert!(sms.contains("Ерланұлы Алихан"), "{sms}");
        let assigned = Notice::Decided {
            number: "KND-2026-000001".into(),
            outcome: "assigned".into(),
            certificate: Some("KC-2026-000001".into()),
            grounds: Vec::new(),
            refused_members: Vec::new(),
        };
        assert_eq!(notice_text("ru", &assigned), notice_sms("ru", &assigned));
    }
}
