//! Texts that leave the service outside a page (SMS), rendered in the person's languages.

/// Renders a message id with its arguments.
pub trait Messages: Send + Sync {
    /// The text of `id` in `lang` (`kk`, `ru`, `en`) with `args` filled in.
    fn text(&self, lang: &str, id: &str, args: &[(&str, String)]) -> String;
}
