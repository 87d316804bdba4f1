//! Reading one-time codes out of the messages that carry them.

/// The first run of exactly six digits in `text`.
pub fn six_digits(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - start == 6 {
            return Some(text[start..i].to_owned());
        }
        i = i.max(start + 1);
    }
    None
}
