//! The [`Messages`] port on the Fluent files of `kandas-i18n`.

use kandas_app::ports::Messages;
use kandas_domain::application::status::Notice;

/// Texts in kk, ru and en from the Fluent files.
#[derive(Debug, Clone, Copy, Default)]
pub struct FluentMessages;

impl Messages for FluentMessages {
    fn text(&self, lang: &str, id: &str, args: &[(&str, String)]) -> String {
        kandas_i18n::text_with(lang, id, args)
    }

    fn notice(&self, lang: &str, notice: &Notice) -> String {
        kandas_i18n::notice_text(lang, notice)
    }

    fn notice_sms(&self, lang: &str, notice: &Notice) -> String {
        kandas_i18n::notice_sms(lang, notice)
    }
}
