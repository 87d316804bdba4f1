//! The fixed wording of the documents, in Kazakh and Russian, from the Fluent files.

use jiff::civil::Date;
use kandas_domain::application::Kind;
use kandas_domain::application::custody::Shortfall;
use kandas_domain::application::document::DocumentType;
use kandas_domain::person::Source;

use crate::input::Bilingual;

/// The message `id` in Kazakh and Russian.
pub(crate) fn label(id: &str) -> Bilingual {
    Bilingual {
        kk: kandas_i18n::text("kk", id),
        ru: kandas_i18n::text("ru", id),
    }
}

/// The message `id` with arguments, in Kazakh and Russian.
pub(crate) fn label_with(id: &str, args: &[(&str, String)]) -> Bilingual {
    Bilingual {
        kk: kandas_i18n::text_with("kk", id, args),
        ru: kandas_i18n::text_with("ru", id, args),
    }
}

/// A date written out: "2026 жылғы 26 қараша" and "26 ноября 2026 г.".
pub(crate) fn date(date: Date) -> Bilingual {
    Bilingual {
        kk: kandas_i18n::date_long("kk", date),
        ru: kandas_i18n::date_long("ru", date),
    }
}

/// The name of a service.
pub(crate) fn kind(kind: Kind) -> Bilingual {
    label(&format!("kind-{}", kind.code()))
}

/// The name of a document type.
pub(crate) fn document(document: DocumentType) -> Bilingual {
    label(&format!("doc-{}", document.code()))
}

/// The name of a registry.
pub(crate) fn source(source: Source) -> Bilingual {
    label(&format!("source-{}", source.code()))
}

/// What a shortfall means.
pub(crate) fn shortfall(shortfall: Shortfall) -> Bilingual {
    label(&format!("pdf-shortfall-{}", shortfall.code()))
}

/// `"kk / ru"` on one line, for short labels.
pub(crate) fn slashed(text: &Bilingual) -> String {
    if text.kk == text.ru {
        text.kk.clone()
    } else {
        format!("{} / {}", text.kk, text.ru)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shortfall_document_and_source_has_words_in_both_languages() {
        let mut texts: Vec<Bilingual> = Shortfall::ALL.into_iter().map(shortfall).collect();
        texts.extend(DocumentType::ALL.into_iter().map(document));
        texts.extend(
            [
                Source::PopulationRegistry,
                Source::MobileCitizens,
                Source::KandasRegister,
            ]
            .into_iter()
            .map(source),
        );
        texts.extend([Kind::Assignment, Kind::Extension].into_iter().map(kind));
        // A missing message comes back as its id.
        let is_id = |s: &str| {
            s.chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c == '_')
        };
        for text in texts {
            assert!(!is_id(&text.kk) && !is_id(&text.ru), "{text:?}");
            assert_ne!(text.kk, text.ru);
        }
    }

    #[test]
    fn dates_are_written_out_in_both_languages() {
        let written = date(Date::constant(2026, 11, 26));
        assert_eq!(written.kk, "2026 жылғы 26 қараша");
        assert!(written.ru.starts_with("26 ноября 2026"));
    }
}
