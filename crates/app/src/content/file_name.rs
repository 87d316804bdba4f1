//! The name a file is shown and downloaded under: no path, no control, bidirectional or
//! invisible characters, no markup or characters file systems refuse, bounded in length, and
//! for a stored file the one extension its detected type has (`passport.html` that is really
//! a PDF becomes `passport.pdf`; `x.pdf.exe` becomes `x.pdf`).

use kandas_domain::application::document::FileType;

/// Characters of a name's stem kept at most.
pub const MAX_STEM: usize = 100;

/// What a name is when nothing of it is left.
const FALLBACK: &str = "file";

/// Longest trailing part after a dot that is taken for an extension and dropped.
const MAX_EXTENSION: usize = 5;

/// Whether `c` reorders or hides text: the bidirectional marks, embeddings, overrides and
/// isolates, zero-width characters, the soft hyphen, the byte-order mark, interlinear
/// annotations and tag characters.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFFB}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// Whether `raw` carries a bidirectional embedding, override or isolate (U+202A–U+202E,
/// U+2066–U+2069): the trick that shows `invoice<RLO>fdp.exe` as `invoiceexe.pdf`. Such a name
/// is refused rather than cleaned: whoever sent it meant to disguise the file. (The plain
/// direction marks U+200E/U+200F, which right-to-left names may carry honestly, are only
/// dropped.)
pub fn disguised(raw: &str) -> bool {
    raw.chars()
        .any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
}

/// Characters dropped besides the invisible ones: controls, markup and what Windows refuses.
fn dropped(c: char) -> bool {
    c.is_control()
        || invisible(c)
        || matches!(c, '<' | '>' | '"' | ':' | '*' | '?' | '|' | '/' | '\\')
}

/// The last path component of `raw` with every dropped character gone, runs of white space
/// made one space, trimmed of spaces and dots at either end, at most `MAX_STEM + 1 +
/// MAX_EXTENSION` characters: the name as the person gave it, safe to show (in a refusal).
pub fn shown(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut name = String::with_capacity(base.len());
    for c in base.chars().filter(|c| !dropped(*c)) {
        let c = if c.is_whitespace() { ' ' } else { c };
        if c == ' ' && name.ends_with(' ') {
            continue;
        }
        name.push(c);
    }
    let name: String = name
        .trim_matches([' ', '.'])
        .chars()
        .take(MAX_STEM + 1 + MAX_EXTENSION)
        .collect();
    if name.is_empty() {
        FALLBACK.to_owned()
    } else {
        name
    }
}

/// The name a file of `file_type` is stored under: [`shown`], every trailing extension-like
/// part dropped (up to five letters or digits with at least one letter after a dot), the stem
/// cut to [`MAX_STEM`] characters, and the type's own extension added.
pub fn stored(raw: &str, file_type: FileType) -> String {
    let mut stem = shown(raw);
    while let Some((head, tail)) = stem.rsplit_once('.') {
        let tail = tail.trim();
        let extension = !tail.is_empty()
            && tail.chars().count() <= MAX_EXTENSION
            && tail.chars().all(|c| c.is_ascii_alphanumeric())
            && tail.chars().any(|c| c.is_ascii_alphabetic());
        if !extension {
            break;
        }
        stem = head.trim_end_matches([' ', '.']).to_owned();
    }
    let mut stem: String = stem.chars().take(MAX_STEM).collect();
    stem = stem.trim_end_matches([' ', '.']).to_owned();
    if stem.is_empty() {
        stem = FALLBACK.to_owned();
    }
    let extension = match file_type {
        FileType::Pdf => "pdf",
        FileType::Jpeg => "jpg",
    };
    format!("{stem}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_markup_go() {
        assert_eq!(
            stored("C:\\Users\\me\\pass<port>.pdf", FileType::Pdf),
            "passport.pdf"
        );
        assert_eq!(stored("../../etc/passwd", FileType::Pdf), "passwd.pdf");
        assert_eq!(stored("", FileType::Pdf), "file.pdf");
        assert_eq!(stored("<>\"", FileType::Jpeg), "file.jpg");
    }

    #[test]
    fn the_extension_is_the_detected_types() {
        assert_eq!(stored("passport.html", FileType::Pdf), "passport.pdf");
        assert_eq!(stored("photo.JPEG", FileType::Jpeg), "photo.jpg");
        assert_eq!(stored("scan.pdf", FileType::Jpeg), "scan.jpg");
        assert_eq!(stored("x.pdf.exe", FileType::Pdf), "x.pdf");
        assert_eq!(stored("x.jpg.html.js", FileType::Jpeg), "x.jpg");
        assert_eq!(stored("x.pdf . exe", FileType::Pdf), "x.pdf");
        assert_eq!(stored("справка", FileType::Pdf), "справка.pdf");
        // Dots that are part of the name stay.
        assert_eq!(
            stored("act 12.05.2026.pdf", FileType::Pdf),
            "act 12.05.2026.pdf"
        );
        assert_eq!(stored(".htaccess", FileType::Pdf), "htaccess.pdf");
    }

    #[test]
    fn bidirectional_and_invisible_characters_go() {
        // With U+202E the raw name "invoice<RLO>fdp.exe" reads as "invoiceexe.pdf".
        assert_eq!(
            stored("invoice\u{202E}fdp.exe", FileType::Pdf),
            "invoicefdp.pdf"
        );
        assert_eq!(
            stored(
                "\u{2066}a\u{2067}b\u{2068}c\u{2069}\u{200E}\u{200F}\u{061C}.pdf",
                FileType::Pdf
            ),
            "abc.pdf"
        );
        assert_eq!(
            stored("a\u{200B}b\u{FEFF}c\u{00AD}d\u{E0041}.pdf", FileType::Pdf),
            "abcd.pdf"
        );
        assert_eq!(
            stored("\u{202A}\u{202B}\u{202C}\u{202D}", FileType::Pdf),
            "file.pdf"
        );
        assert_eq!(shown("evil\u{202E}lmth.pdf"), "evillmth.pdf");
    }

    #[test]
    fn names_that_turn_text_around_are_disguised_marks_are_not() {
        for name in [
            "invoice\u{202E}fdp.exe",
            "a\u{202A}.pdf",
            "\u{2066}x\u{2069}.jpg",
        ] {
            assert!(disguised(name), "{name:?}");
        }
        for name in ["سند\u{200F}.pdf", "паспорт.pdf", "scan\u{200B}.pdf"] {
            assert!(!disguised(name), "{name:?}");
        }
    }

    #[test]
    fn controls_and_white_space_are_tamed() {
        assert_eq!(
            stored("a\u{0000}b\u{0007}c\r\n.pdf", FileType::Pdf),
            "abc.pdf"
        );
        assert_eq!(
            stored("  my \t  passport  .pdf", FileType::Pdf),
            "my passport.pdf"
        );
        assert_eq!(stored("name\u{0085}.pdf", FileType::Pdf), "name.pdf");
        assert_eq!(stored("con:*?|.pdf", FileType::Pdf), "con.pdf");
    }

    #[test]
    fn names_are_bounded() {
        let long = "я".repeat(500) + ".pdf";
        let name = stored(&long, FileType::Pdf);
        assert_eq!(name.chars().count(), MAX_STEM + 4);
        assert!(name.ends_with(".pdf"));
        assert!(shown(&long).chars().count() <= MAX_STEM + 1 + MAX_EXTENSION);
    }
}
