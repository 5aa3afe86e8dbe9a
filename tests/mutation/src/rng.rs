//! The seeded generator (`fastrand`'s wyrand): the same seed and case number give the same
//! mutation on every machine, whatever the case count, so a finding's case id stays
//! reproducible. Numbers are drawn as `u64`, never as the platform's `usize`.

pub struct Rng(fastrand::Rng);

impl Rng {
    /// The generator of one case: independent of how many cases run before or after it.
    pub fn for_case(seed: u64, case: usize) -> Self {
        Rng(fastrand::Rng::with_seed(
            seed ^ (case as u64).wrapping_mul(0xD1B5_4A32_D192_ED03),
        ))
    }

    /// A whole draw; only the tests compare them.
    #[cfg(test)]
    pub fn next_u64(&mut self) -> u64 {
        self.0.u64(..)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0.u64(..n.max(1) as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_does_not_depend_on_the_others() {
        let a: Vec<u64> = (0..4).map(|_| Rng::for_case(1, 7).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(
            Rng::for_case(1, 7).next_u64(),
            Rng::for_case(1, 8).next_u64()
        );
        assert_ne!(
            Rng::for_case(1, 7).next_u64(),
            Rng::for_case(2, 7).next_u64()
        );
    }

    #[test]
    fn below_stays_in_range() {
        let mut rng = Rng::for_case(3, 0);
        assert!((0..1000).all(|_| rng.below(5) < 5));
        assert!((0..1000).all(|_| (2..=4).contains(&rng.between(2, 4))));
    }
}
