//! A PDF: parsed strictly by lopdf (a valid cross-reference table and trailer, no repair, object
//! streams decoded under a bound), then every object, those in object streams included, searched
//! for what runs or carries other files, and every stream's decoded size counted against the
//! limit through capped readers, never decoded whole.

use std::io::Read;

use kandas_domain::application::document::FileType;
use lopdf::{Dictionary, Document, LoadOptions, Object, Stream};

use super::{ContentLimits, Refusal, Verdict, markup};

/// Names that mean JavaScript: `/JS` and `/JavaScript` as keys (actions, the names tree) or as a
/// value (`/S /JavaScript`), and XFA forms, whose scripts run the same way.
const JAVASCRIPT: [&[u8]; 3] = [b"JS", b"JavaScript", b"XFA"];
/// Names that mean other files inside: embedded file streams and their tree, file attachment
/// annotations, go-to-embedded targets, rich media (Flash, video).
const EMBEDDED: [&[u8]; 6] = [
    b"EmbeddedFiles",
    b"EmbeddedFile",
    b"EF",
    b"FileAttachment",
    b"GoToE",
    b"RichMedia",
];
/// Filters whose output is a picture, decoded by a viewer only when shown; counted as stored.
const IMAGE_FILTERS: [&[u8]; 4] = [
    b"DCTDecode",
    b"JPXDecode",
    b"CCITTFaxDecode",
    b"JBIG2Decode",
];

pub fn check(bytes: &[u8], limits: &ContentLimits) -> Result<Verdict, Refusal> {
    if markup::at_start(bytes) || markup::found_in(after_end(bytes)) {
        return Err(Refusal::Polyglot);
    }
    let options = LoadOptions {
        strict: true,
        max_decompressed_size: usize::try_from(limits.max_decoded_bytes).ok(),
        ..LoadOptions::default()
    };
    let document = Document::load_mem_with_options(bytes, options).map_err(load_refusal)?;
    if document.was_encrypted() || document.is_encrypted() || has(&document.trailer, b"Encrypt") {
        return Err(Refusal::PdfEncrypted);
    }
    if document.objects.len() > limits.max_objects {
        return Err(Refusal::PdfTooComplex);
    }
    let pages = document.get_pages().len();
    if pages == 0 {
        return Err(Refusal::PdfMalformed);
    }
    if pages > limits.max_pages {
        return Err(Refusal::PdfTooComplex);
    }
    let mut budget = Budget {
        left: limits.max_decoded_bytes,
    };
    inspect(
        &Object::Dictionary(document.trailer.clone()),
        limits,
        &mut budget,
    )?;
    for object in document.objects.values() {
        inspect(object, limits, &mut budget)?;
    }
    Ok(Verdict {
        file_type: FileType::Pdf,
        pages,
        dimensions: None,
    })
}

/// What follows the last `%%EOF` (readers ignore it; a polyglot puts its page there).
fn after_end(bytes: &[u8]) -> &[u8] {
    let marker = b"%%EOF";
    bytes
        .windows(marker.len())
        .rposition(|w| w == marker)
        .map_or(&[][..], |at| &bytes[at + marker.len()..])
}

fn load_refusal(e: lopdf::Error) -> Refusal {
    match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            Refusal::TooLargeDecoded
        }
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => Refusal::PdfEncrypted,
        _ => Refusal::PdfMalformed,
    }
}

fn has(dict: &Dictionary, key: &[u8]) -> bool {
    dict.get(key).is_ok()
}

/// What the streams seen so far leave of the decoded-size limit.
struct Budget {
    left: u64,
}

impl Budget {
    fn take(&mut self, bytes: u64) -> Result<(), Refusal> {
        self.left = self
            .left
            .checked_sub(bytes)
            .ok_or(Refusal::TooLargeDecoded)?;
        Ok(())
    }
}

/// Searches one object and everything nested in it (without following references: every
/// indirect object is inspected on its own); streams are counted against the budget.
fn inspect(object: &Object, limits: &ContentLimits, budget: &mut Budget) -> Result<(), Refusal> {
    let mut pending = vec![object];
    while let Some(object) = pending.pop() {
        match object {
            Object::Name(name) => name_refusal(name)?,
            Object::Array(items) => pending.extend(items.iter()),
            Object::Dictionary(dict) => {
                dict_refusal(dict)?;
                pending.extend(dict.iter().map(|(_, v)| v));
            }
            Object::Stream(stream) => {
                dict_refusal(&stream.dict)?;
                pending.extend(stream.dict.iter().map(|(_, v)| v));
                image_pixels(&stream.dict, limits)?;
                budget.take(decoded_size(stream, budget.left)?)?;
            }
            _ => {}
        }
    }
    Ok(())
}

fn dict_refusal(dict: &Dictionary) -> Result<(), Refusal> {
    for (key, _) in dict.iter() {
        if JAVASCRIPT.contains(&key.as_slice()) {
            return Err(Refusal::PdfJavaScript);
        }
        if EMBEDDED.contains(&key.as_slice()) {
            return Err(Refusal::PdfEmbedded);
        }
        if key.as_slice() == b"Launch" {
            return Err(Refusal::PdfLaunch);
        }
    }
    Ok(())
}

fn name_refusal(name: &[u8]) -> Result<(), Refusal> {
    if JAVASCRIPT.contains(&name) {
        Err(Refusal::PdfJavaScript)
    } else if EMBEDDED.contains(&name) {
        Err(Refusal::PdfEmbedded)
    } else if name == b"Launch" {
        Err(Refusal::PdfLaunch)
    } else {
        Ok(())
    }
}

/// An image's width × height against the pixel limit (a viewer decodes it when it shows it).
fn image_pixels(dict: &Dictionary, limits: &ContentLimits) -> Result<(), Refusal> {
    let is_image = dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|s| s == b"Image");
    if !is_image {
        return Ok(());
    }
    let side = |key: &[u8]| {
        dict.get(key)
            .and_then(Object::as_i64)
            .ok()
            .and_then(|v| u64::try_from(v).ok())
            .ok_or(Refusal::PdfMalformed)
    };
    let pixels = side(b"Width")?.saturating_mul(side(b"Height")?);
    if pixels > limits.max_pixels {
        return Err(Refusal::ImageTooLarge);
    }
    Ok(())
}

/// The bytes a stream decodes to, or `TooLargeDecoded` as soon as that passes `cap`. A lone
/// FlateDecode (the bomb's filter) is counted through a capped reader into nothing, holding no
/// output; other chains decode under lopdf's own bound up to the first picture filter.
fn decoded_size(stream: &Stream, cap: u64) -> Result<u64, Refusal> {
    let filters = match stream.dict.get(b"Filter") {
        Err(_) => return Ok(stream.content.len() as u64),
        Ok(_) => stream.filters().map_err(|_| Refusal::PdfMalformed)?,
    };
    let decodable = filters
        .iter()
        .position(|f| IMAGE_FILTERS.contains(f))
        .unwrap_or(filters.len());
    let size = match &filters[..decodable] {
        [] => stream.content.len() as u64,
        [b"FlateDecode"] => inflated_size(&stream.content, cap)?,
        prefix => {
            let mut dict = stream.dict.clone();
            let names = prefix.iter().map(|f| Object::Name(f.to_vec())).collect();
            dict.set("Filter", Object::Array(names));
            let cut = Stream::new(dict, stream.content.clone());
            let limit = usize::try_from(cap).unwrap_or(usize::MAX);
            cut.decompressed_content_with_limit(limit)
                .map_err(|e| match e {
                    lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                        ..
                    }) => Refusal::TooLargeDecoded,
                    _ => Refusal::PdfMalformed,
                })?
                .len() as u64
        }
    };
    if size > cap {
        return Err(Refusal::TooLargeDecoded);
    }
    Ok(size)
}

/// The size of zlib data once inflated, read at most `cap + 1` bytes far.
fn inflated_size(compressed: &[u8], cap: u64) -> Result<u64, Refusal> {
    let mut reader = flate2::read::ZlibDecoder::new(compressed).take(cap.saturating_add(1));
    std::io::copy(&mut reader, &mut std::io::sink()).map_err(|_| Refusal::PdfMalformed)
}

#[cfg(test)]
pub(crate) mod tests;
