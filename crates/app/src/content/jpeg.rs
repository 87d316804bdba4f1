//! A JPEG: its headers decoded (zune-jpeg) to dimensions within the limits, its segments walked
//! from the start-of-image marker to the end-of-image marker, no markup in its metadata and
//! nothing after its end but further JPEGs (the multi-picture format of phone cameras) or
//! padding.

use kandas_domain::application::document::FileType;
use zune_jpeg::JpegDecoder;
use zune_jpeg::zune_core::bytestream::ZCursor;
use zune_jpeg::zune_core::options::DecoderOptions;

use super::{ContentLimits, Refusal, Verdict, markup};

/// Pictures one file may chain after the first (multi-picture JPEGs hold two or three).
const MAX_CHAINED: usize = 8;

pub fn check(bytes: &[u8], limits: &ContentLimits) -> Result<Verdict, Refusal> {
    if markup::at_start(bytes) {
        return Err(Refusal::Polyglot);
    }
    let (width, height, components) = dimensions(bytes)?;
    let pixels = u64::from(width) * u64::from(height);
    if pixels > limits.max_pixels {
        return Err(Refusal::ImageTooLarge);
    }
    if pixels * u64::from(components) > limits.max_decoded_bytes {
        return Err(Refusal::TooLargeDecoded);
    }
    let mut end = walk(bytes)?;
    for _ in 0..MAX_CHAINED {
        let rest = &bytes[end..];
        if !rest.starts_with(&[0xFF, 0xD8]) {
            break;
        }
        end += walk(rest)?;
    }
    if !bytes[end..].iter().all(|b| matches!(b, 0x00 | 0xFF)) {
        return Err(Refusal::Polyglot);
    }
    Ok(Verdict {
        file_type: FileType::Jpeg,
        pages: 1,
        dimensions: Some((u32::from(width), u32::from(height))),
    })
}

/// Width, height and components from the decoded headers; the decoder's own size cap is lifted
/// so that the limits here decide.
fn dimensions(bytes: &[u8]) -> Result<(u16, u16, u8), Refusal> {
    let options = DecoderOptions::default()
        .set_max_width(usize::from(u16::MAX))
        .set_max_height(usize::from(u16::MAX));
    let mut decoder = JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder
        .decode_headers()
        .map_err(|_| Refusal::ImageMalformed)?;
    let info = decoder.info().ok_or(Refusal::ImageMalformed)?;
    if info.width == 0 || info.height == 0 || info.components == 0 {
        return Err(Refusal::ImageMalformed);
    }
    Ok((info.width, info.height, info.components))
}

/// Walks one JPEG's segments from SOI; returns the offset just past its EOI. Metadata segments
/// (APPn, COM) must hold no markup; the picture must have a frame and a scan.
fn walk(bytes: &[u8]) -> Result<usize, Refusal> {
    let malformed = Refusal::ImageMalformed;
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(malformed);
    }
    let (mut pos, mut frame, mut scan) = (2usize, false, false);
    loop {
        if *bytes.get(pos).ok_or(malformed)? != 0xFF {
            return Err(malformed);
        }
        while bytes.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let marker = *bytes.get(pos).ok_or(malformed)?;
        pos += 1;
        match marker {
            0xD9 if frame && scan => return Ok(pos),
            0xD9 => return Err(malformed),
            0x01 | 0xD0..=0xD7 => continue,
            0x00 | 0xD8 => return Err(malformed),
            _ => {}
        }
        let high = *bytes.get(pos).ok_or(malformed)?;
        let low = *bytes.get(pos + 1).ok_or(malformed)?;
        let length = usize::from(u16::from_be_bytes([high, low]));
        if length < 2 {
            return Err(malformed);
        }
        let segment = bytes.get(pos + 2..pos + length).ok_or(malformed)?;
        pos += length;
        match marker {
            // Start of frame (every coding process; C4, C8 and CC are tables, not frames).
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => frame = true,
            0xDA => {
                if !frame {
                    return Err(malformed);
                }
                scan = true;
                pos = entropy_end(bytes, pos)?;
            }
            0xE0..=0xEF | 0xFE if markup::found_in(segment) => return Err(Refusal::Polyglot),
            _ => {}
        }
    }
}

/// The offset of the marker that ends the entropy-coded data starting at `pos` (stuffed zero
/// bytes and restart markers belong to the data).
fn entropy_end(bytes: &[u8], mut pos: usize) -> Result<usize, Refusal> {
    loop {
        let at = bytes
            .get(pos..)
            .and_then(|rest| rest.iter().position(|b| *b == 0xFF))
            .ok_or(Refusal::ImageMalformed)?;
        pos += at;
        match bytes.get(pos + 1) {
            Some(0x00 | 0xD0..=0xD7) => pos += 2,
            Some(_) => return Ok(pos),
            None => return Err(Refusal::ImageMalformed),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A real 8×8 baseline JPEG (grey, quality 75), as a camera or scanner writes one.
    pub const JPEG_8X8: &[u8] = include_bytes!("testdata/8x8.jpg");

    fn limits() -> ContentLimits {
        ContentLimits::default()
    }

    #[test]
    fn a_real_jpeg_is_read_to_its_dimensions() {
        let verdict = check(JPEG_8X8, &limits()).unwrap();
        assert_eq!(verdict.file_type, FileType::Jpeg);
        assert_eq!(verdict.dimensions, Some((8, 8)));
    }

    #[test]
    fn padding_and_a_second_picture_after_the_end_are_fine() {
        let mut padded = JPEG_8X8.to_vec();
        padded.extend_from_slice(&[0, 0, 0, 0xFF]);
        assert!(check(&padded, &limits()).is_ok());
        let mut chained = JPEG_8X8.to_vec();
        chained.extend_from_slice(JPEG_8X8);
        assert!(check(&chained, &limits()).is_ok());
    }

    #[test]
    fn html_after_the_end_of_image_is_a_polyglot() {
        let mut polyglot = JPEG_8X8.to_vec();
        polyglot.extend_from_slice(b"<html><body>hello</body></html>");
        assert_eq!(check(&polyglot, &limits()), Err(Refusal::Polyglot));
        let mut zip = JPEG_8X8.to_vec();
        zip.extend_from_slice(b"PK\x03\x04rest of an archive");
        assert_eq!(check(&zip, &limits()), Err(Refusal::Polyglot));
    }

    #[test]
    fn html_in_a_comment_or_at_the_start_is_a_polyglot() {
        // A COM segment right after SOI with a script in it.
        let script = b"<script>alert(document.cookie)</script>";
        let mut comment = vec![0xFF, 0xD8, 0xFF, 0xFE];
        comment.extend_from_slice(&u16::try_from(script.len() + 2).unwrap().to_be_bytes());
        comment.extend_from_slice(script);
        comment.extend_from_slice(&JPEG_8X8[2..]);
        assert_eq!(check(&comment, &limits()), Err(Refusal::Polyglot));
    }

    #[test]
    fn a_truncated_or_fake_jpeg_is_malformed() {
        let truncated = &JPEG_8X8[..JPEG_8X8.len() - 40];
        assert_eq!(check(truncated, &limits()), Err(Refusal::ImageMalformed));
        let no_end = &JPEG_8X8[..JPEG_8X8.len() - 2];
        assert_eq!(check(no_end, &limits()), Err(Refusal::ImageMalformed));
        // The magic bytes and JFIF header of the old sniffing, nothing behind them.
        let header_only = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0, 1,
        ];
        assert_eq!(check(&header_only, &limits()), Err(Refusal::ImageMalformed));
    }

    #[test]
    fn pixels_beyond_the_limits_are_refused() {
        let small = ContentLimits {
            max_pixels: 63,
            ..limits()
        };
        assert_eq!(check(JPEG_8X8, &small), Err(Refusal::ImageTooLarge));
        let tight = ContentLimits {
            max_decoded_bytes: 63,
            ..limits()
        };
        assert_eq!(check(JPEG_8X8, &tight), Err(Refusal::TooLargeDecoded));
    }

    #[test]
    fn a_huge_frame_in_a_tiny_file_is_refused_by_its_dimensions() {
        // The same picture with the frame header claiming 60000 × 60000 pixels.
        let mut huge = JPEG_8X8.to_vec();
        let sof = huge.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        huge[sof + 5..sof + 9].copy_from_slice(&[0xEA, 0x60, 0xEA, 0x60]);
        assert_eq!(check(&huge, &limits()), Err(Refusal::ImageTooLarge));
    }
}
