//! Integration tests of `kandas-pki` on the committed corpus (`tests/corpus`, made by `make.sh`):
//! the case table, agreement with `openssl cms -verify`, and properties on hostile input.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod case;
mod cases;
mod corpus;
mod ocsp;
mod openssl;
mod props;
mod tsp;
