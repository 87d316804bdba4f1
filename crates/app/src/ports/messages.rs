//! Texts that leave the service outside a page (SMS), rendered in the person's languages.

use kandas_domain::application::status::Notice;

/// Renders a message id with its arguments.
pub trait Messages: Send + Sync {
    /// The text of `id` in `lang` (`kk`, `ru`, `en`) with `args` filled in.
    fn text(&self, lang: &str, id: &str, args: &[(&str, String)]) -> String;
    /// The text of a notice to an applicant in `lang`, as the personal account shows it.
    fn notice(&self, lang: &str, notice: &Notice) -> String;
    /// The text of a notice as an SMS: shorter, pointing to the personal account for details.
    fn notice_sms(&self, lang: &str, notice: &Notice) -> String;
}
