//! How many of each story a seed copies, and how its cases spread over the offices.

use kandas_domain::office::{OfficeCode, regions};

use super::groups::Group;

/// The office of the demo officer and head, who decide the templates.
pub const TEMPLATE_OFFICE: &str = "leb-astana";

/// The local executive bodies the copies go to, the template's first, each with its share:
/// the template's office gets the share one of `offices` offices would, the others split the
/// rest. Office codes come from the regions data (codes outside it do not parse back), so
/// beyond its 20 regions "more offices" only makes the template office's share smaller.
pub fn office_shares(offices: u32) -> anyhow::Result<Vec<(OfficeCode, u64)>> {
    let template = OfficeCode::parse(TEMPLATE_OFFICE)?;
    let mut all = vec![template.clone()];
    all.extend(
        regions()?
            .iter()
            .map(OfficeCode::local_executive_body)
            .filter(|o| o != &template),
    );
    let wanted = usize::try_from(offices.max(1))?;
    if wanted <= all.len() {
        return Ok(all.into_iter().take(wanted).map(|o| (o, 1)).collect());
    }
    let others = u64::try_from(all.len() - 1)?;
    Ok(all
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            (
                o,
                if i == 0 {
                    others
                } else {
                    u64::from(offices) - 1
                },
            )
        })
        .collect())
}

/// How many copies of each story make `wanted` applications: by the stories' weights, the
/// rounding made up with assigned cases.
pub fn copies(wanted: u64) -> Vec<u64> {
    let per_round: u64 = Group::ALL
        .iter()
        .map(|g| g.weight() * if *g == Group::Renewed { 2 } else { 1 })
        .sum();
    let mut counts: Vec<u64> = Group::ALL
        .iter()
        .map(|g| wanted * g.weight() / per_round)
        .collect();
    let made: u64 = Group::ALL
        .iter()
        .zip(&counts)
        .map(|(g, c)| c * if *g == Group::Renewed { 2 } else { 1 })
        .sum();
    counts[0] += wanted.saturating_sub(made);
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applications(counts: &[u64]) -> u64 {
        Group::ALL
            .iter()
            .zip(counts)
            .map(|(g, c)| c * if *g == Group::Renewed { 2 } else { 1 })
            .sum()
    }

    #[test]
    fn the_copies_make_exactly_the_applications_asked() {
        for wanted in [90, 1000, 999_990] {
            let counts = copies(wanted);
            assert_eq!(applications(&counts), wanted);
            assert!(counts.iter().all(|c| *c > 0 || wanted < 1000), "{counts:?}");
        }
    }

    #[test]
    fn the_template_office_gets_the_share_of_one_office_of_many() {
        let shares = office_shares(200).unwrap();
        assert_eq!(shares.len(), 20);
        assert_eq!(shares[0].0.as_str(), TEMPLATE_OFFICE);
        let total: u64 = shares.iter().map(|(_, w)| w).sum();
        assert_eq!(total, 200 * shares[0].1);
        let few = office_shares(5).unwrap();
        assert_eq!(few.len(), 5);
        assert!(few.iter().all(|(_, w)| *w == 1));
        assert_eq!(office_shares(1).unwrap().len(), 1);
    }
}
