//! Golden bytes of the stored formats.
