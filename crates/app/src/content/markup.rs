//! Markup a browser or an interpreter would act on, looked for where a sniffer looks: the start of
//! a file and a JPEG's metadata segments.

/// How much of a file's start is searched (browsers sniff the first 512 bytes; twice that).
pub const START: usize = 1024;

/// Tags that make bytes HTML, SVG or HTML-in-XML to whoever sniffs them, each counted only when
/// a white space, `/` or `>` ends the name (so that random bytes of a picture's metadata match
/// once in billions of files). Plain XML (`<?xml`, XMP's `<x:xmpmeta>`) is not among them:
/// photos carry it.
const TAGS: [&[u8]; 10] = [
    b"<html",
    b"<!doctype",
    b"<head",
    b"<body",
    b"<script",
    b"<iframe",
    b"<object",
    b"<embed",
    b"<svg",
    b"<meta",
];

/// Markers counted wherever they stand.
const MARKERS: [&[u8]; 2] = [b"<?php", b"javascript:"];

fn ends_a_tag(b: u8) -> bool {
    b.is_ascii_whitespace() || b == b'/' || b == b'>'
}

/// Whether `bytes` hold any of the tags or markers, in any letter case.
pub fn found_in(bytes: &[u8]) -> bool {
    let tag = TAGS.iter().any(|tag| {
        bytes
            .windows(tag.len() + 1)
            .any(|w| w[..tag.len()].eq_ignore_ascii_case(tag) && ends_a_tag(w[tag.len()]))
    });
    tag || MARKERS.iter().any(|marker| {
        bytes
            .windows(marker.len())
            .any(|w| w.eq_ignore_ascii_case(marker))
    })
}

/// Whether the first [`START`] bytes hold markup.
pub fn at_start(bytes: &[u8]) -> bool {
    found_in(&bytes[..bytes.len().min(START)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_and_script_are_found_in_any_case() {
        assert!(found_in(b"\xFF\xD8\xFF<HTML><ScRiPt>alert(1)</script>"));
        assert!(found_in(b"xx<svg onload=alert(1)>"));
        assert!(found_in(b"a href=JavaScript:alert(1)"));
        assert!(found_in(b"<?php system($_GET['c']);"));
    }

    #[test]
    fn xmp_and_ordinary_bytes_are_not_markup() {
        assert!(!found_in(
            b"<?xpacket begin=''?><x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF></rdf:RDF>"
        ));
        assert!(!found_in(
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj <</Type/Catalog>>"
        ));
        assert!(!found_in(b"<html"));
        assert!(!found_in(b"<svgz <metadata> <bodyguard>"));
    }

    #[test]
    fn only_the_start_counts_for_at_start() {
        let mut bytes = vec![b'a'; START];
        bytes.extend_from_slice(b"<script>");
        assert!(!at_start(&bytes));
        bytes[10..18].copy_from_slice(b"<script>");
        assert!(at_start(&bytes));
    }
}
