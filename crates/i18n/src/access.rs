//! The texts of "Who accessed my data": one message per access a person is shown and per
//! purpose (`access.ftl`).

/// The message id of an access to a person's data, as "Who accessed my data" shows it.
pub fn access_message(action: kandas_domain::audit::AuditAction) -> String {
    format!("access-{}", action.code().replace('.', "-"))
}

#[cfg(test)]
mod tests {
    use kandas_domain::audit::{AuditAction, Purpose};

    #[test]
    fn every_access_and_purpose_is_translated() {
        let mut ids: Vec<String> = AuditAction::ALL
            .iter()
            .filter(|a| a.is_access())
            .map(|a| super::access_message(*a))
            .collect();
        ids.extend(
            Purpose::ALL
                .iter()
                .map(|p| format!("audit-purpose-{}", p.code())),
        );
        let missing: Vec<_> = ids
            .iter()
            .filter(|id| !crate::exists_everywhere(id))
            .collect();
        assert!(missing.is_empty(), "untranslated: {missing:?}");
    }
}
