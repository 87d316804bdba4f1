//! `kandas dev-pki init`: a development PKI shaped like NCA RK's for the demo people, so EDS
//! signing and sign-in can be tried without real keys (see `kandas_devpki`). Refused in
//! production: nothing it issues may ever be trusted there.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, bail};
use kandas_app::ports::clock::{Clock, SystemClock};
use kandas_devpki::{DevPerson, DevPki, DevPkiOptions, MANIFEST};

use crate::config::{Config, Env};

/// The demo people of the README (two applicants, three staff): IIN, surname, given name.
pub const DEMO_PEOPLE: [(&str, &str, &str); 5] = [
    ("900101300811", "Серікбаев", "Ерлан"),
    ("931002451325", "Бағдатқызы", "Сәуле"),
    ("850302400014", "Қасымова", "Динара"),
    ("870404300076", "Жұмабеков", "Асқар"),
    ("881115300022", "Оспанов", "Бауыржан"),
];

fn demo_people() -> Vec<DevPerson> {
    DEMO_PEOPLE
        .iter()
        .map(|(iin, surname, given)| DevPerson {
            iin: (*iin).into(),
            surname: (*surname).into(),
            given: (*given).into(),
        })
        .collect()
}

/// The CRL and OCSP addresses the development server answers at, from the address it listens on.
fn options(config: &Config) -> DevPkiOptions {
    let base = format!("http://{}/dev/pki", config.listen);
    DevPkiOptions {
        intermediate_crl_url: format!("{base}/intermediate.crl"),
        root_crl_url: format!("{base}/root.crl"),
        ocsp_url: format!("{base}/ocsp"),
    }
}

/// Before the development server starts: a development PKI exists (made on first start) and
/// its CRLs are current (they last 30 days), so EDS can be tried in the demo at once.
pub fn prepare_for_serve(config: &Config) -> anyhow::Result<()> {
    if config.env != Env::Development {
        return Ok(());
    }
    let dir = config.dev_pki_dir();
    let now = SystemClock.now();
    let pki = if dir.join(MANIFEST).exists() {
        let mut pki = DevPki::load(&dir).with_context(|| format!("reading {}", dir.display()))?;
        pki.reissue_crls(now)
            .context("reissuing the development CRLs")?;
        pki
    } else {
        tracing::info!(
            "making a development PKI in {} (kandas dev-pki init)",
            dir.display()
        );
        DevPki::generate_with(now, &demo_people(), options(config))
            .context("generating the development PKI")?
    };
    pki.save(&dir)
        .with_context(|| format!("writing {}", dir.display()))?;
    Ok(())
}

/// Generates and saves the PKI; returns what to print.
pub fn init(config: &Config, dir: Option<&Path>, force: bool) -> anyhow::Result<String> {
    if config.env == Env::Production {
        bail!("production refuses the development PKI");
    }
    let dir = dir.map_or_else(|| config.dev_pki_dir(), Path::to_path_buf);
    if dir.join(MANIFEST).exists() && !force {
        bail!(
            "{} already holds a development PKI; pass --force to replace it",
            dir.display()
        );
    }
    let pki = DevPki::generate_with(SystemClock.now(), &demo_people(), options(config))
        .context("generating the PKI")?;
    let written = pki
        .save(&dir)
        .with_context(|| format!("writing {}", dir.display()))?;
    let mut out = format!(
        "development PKI written to {} (NOT NCA RK: never trust it in production)\n",
        dir.display()
    );
    let _ = writeln!(out, "root:         {}", pki.root().subject());
    let _ = writeln!(out, "intermediate: {}", pki.intermediate().subject());
    for p in pki.people() {
        let _ = writeln!(out, "{}: {}", p.person.iin, p.sign.subject());
    }
    let _ = writeln!(out, "revoked:      {}", pki.revoked().subject());
    let _ = writeln!(out, "expired:      {}", pki.expired().subject());
    let _ = writeln!(
        out,
        "CRLs published at {} and {}",
        pki.options().intermediate_crl_url,
        pki.options().root_crl_url
    );
    let _ = writeln!(out, "OCSP responder at {}", pki.options().ocsp_url);
    let _ = writeln!(out, "files:");
    for path in written {
        let shown = path.strip_prefix(&dir).unwrap_or(&path);
        let _ = writeln!(out, "  {}", shown.display());
    }
    Ok(out)
}
