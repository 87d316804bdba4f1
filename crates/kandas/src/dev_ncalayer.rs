//! `kandas dev-ncalayer`: the development PKI's stand-in for NCALayer
//! (`kandas_devpki::ncalayer`), with the PKI and its TLS certificate under the data directory.
//! Refused in production, like the development PKI it uses.

use std::net::SocketAddr;

use anyhow::bail;
use kandas_app::ports::clock::{Clock, SystemClock};

use crate::config::{Config, Env};

pub use kandas_devpki::ncalayer::{DEFAULT_IIN, DEFAULT_LISTEN};

/// The files of the TLS certificate, under the data directory.
pub const TLS_DIR: &str = "dev-ncalayer";

/// Serves until stopped, signing as `iin` with the keys of `config.dev_pki_dir()`.
pub async fn run(config: &Config, listen: SocketAddr, iin: &str) -> anyhow::Result<()> {
    if config.env == Env::Production {
        bail!("production refuses the development NCALayer");
    }
    let tls_dir = config.data_dir.join(TLS_DIR);
    kandas_devpki::ncalayer::run(&config.dev_pki_dir(), &tls_dir, listen, iin, || {
        SystemClock.now()
    })
    .await
}
