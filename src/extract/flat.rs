//! Many short lists in one buffer, for the tables extraction builds per mention or per
//! sentence by the hundred thousand.

use rayon::prelude::*;

/// A short list per item (a mention's TF-IDF vector or towns, a sentence's places) in one
/// buffer: a `Vec` each would be hundreds of thousands of allocations whose headers alone are
/// megabytes.
#[derive(Clone, Debug, Default)]
pub(crate) struct Flat<T> {
    /// Where each list starts in `items`, and one past the last list's end (a leading 0;
    /// empty when there are no lists).
    pub(crate) start: Vec<usize>,
    pub(crate) items: Vec<T>,
}

impl<T> Flat<T> {
    /// The lists in order, gathered from per-mention `Vec`s, at their exact size.
    pub(crate) fn gather(lists: Vec<Vec<T>>) -> Flat<T> {
        let mut flat = Flat::with_rows(lists.len());
        flat.items.reserve_exact(lists.iter().map(Vec::len).sum());
        for list in lists {
            flat.push_row(|items| items.extend(list));
        }
        flat
    }

    /// No lists yet, room for `rows` of them ([`Flat::push_row`]).
    pub(crate) fn with_rows(rows: usize) -> Flat<T> {
        let mut start = Vec::with_capacity(rows + 1);
        start.push(0);
        Flat {
            start,
            items: Vec::new(),
        }
    }

    /// Adds a list after the last: the items `fill` pushes onto the buffer (it must leave the
    /// items before them as they are).
    pub(crate) fn push_row(&mut self, fill: impl FnOnce(&mut Vec<T>)) {
        fill(&mut self.items);
        self.start.push(self.items.len());
    }

    /// The lists `rows` gives, in order, in one buffer: a run of rows built by one task, without
    /// a `Vec` per row to allocate and free.
    pub(crate) fn of_rows<R: IntoIterator<Item = T>>(
        rows: impl ExactSizeIterator<Item = R>,
    ) -> Flat<T> {
        let mut flat = Flat::with_rows(rows.len());
        for row in rows {
            flat.push_row(|items| items.extend(row));
        }
        flat.items.shrink_to_fit();
        flat
    }

    /// `parts`' lists, in order, in one buffer: the runs tasks built ([`Flat::of_rows`]), joined.
    pub(crate) fn concat(parts: Vec<Flat<T>>) -> Flat<T> {
        let rows = parts.iter().map(Flat::rows).sum::<usize>();
        let mut start = Vec::with_capacity(rows + 1);
        start.push(0);
        let mut items = Vec::with_capacity(parts.iter().map(|p| p.items.len()).sum());
        for part in parts {
            let base = items.len();
            start.extend(part.start.iter().skip(1).map(|&at| base + at));
            items.extend(part.items);
        }
        Flat { start, items }
    }

    /// How many lists there are.
    pub(crate) fn rows(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    /// List `i`; empty past the last.
    pub(crate) fn of(&self, i: usize) -> &[T] {
        self.get(i).unwrap_or(&[])
    }

    /// List `i`, if there is one.
    pub(crate) fn get(&self, i: usize) -> Option<&[T]> {
        match (self.start.get(i), self.start.get(i + 1)) {
            (Some(&a), Some(&b)) => self.items.get(a..b),
            _ => None,
        }
    }

    /// Every list, mutable, to be filled or sorted in parallel.
    pub(crate) fn rows_mut(&mut self) -> Vec<&mut [T]> {
        let mut rows = Vec::with_capacity(self.rows());
        let mut rest = self.items.as_mut_slice();
        for w in self.start.windows(2) {
            let (row, tail) = rest.split_at_mut(w[1] - w[0]);
            rows.push(row);
            rest = tail;
        }
        rows
    }
}

impl<T: Copy + Default> Flat<T> {
    /// `items` grouped into `rows` rows by `key`, each as `value` gives it, in their order
    /// within a row (a stable counting sort, on the calling thread); items whose key is `rows`
    /// or more are left out.
    pub(crate) fn scattered<S>(
        rows: usize,
        items: impl Iterator<Item = S> + Clone,
        key: impl Fn(&S) -> usize,
        value: impl Fn(&S) -> T,
    ) -> Flat<T> {
        let start = starts(rows, |count| {
            items.clone().for_each(|item| count(key(&item)));
        });
        let mut fill = start.clone();
        let mut out = vec![T::default(); start.last().copied().unwrap_or(0)];
        for item in items {
            if let Some(at) = fill.get_mut(key(&item))
                && let Some(slot) = out.get_mut(*at)
            {
                *slot = value(&item);
                *at += 1;
            }
        }
        Flat { start, items: out }
    }
}

impl Flat<u32> {
    /// The indices of `keys` grouped by key into `rows` rows, ascending within a row (a
    /// counting sort); keys of no row are left out.
    pub(crate) fn group(rows: usize, keys: impl Iterator<Item = usize> + Clone) -> Flat<u32> {
        Flat::scattered(rows, keys.enumerate(), |&(_, k)| k, |&(i, _)| i as u32)
    }
}

/// The least items a parallel fold hands one task so that it makes only a few accumulators a
/// thread (each is a word a row or a mention), of `items` in all.
pub(crate) fn few_a_thread(items: usize) -> usize {
    (items / (4 * rayon::current_num_threads()).max(1)).max(1)
}

/// Where each of `rows` rows starts in a buffer grouped by key, and one past the last (a
/// counting sort's first half): `keys` gives every item's key to the function it is handed.
/// Keys of no row count in none.
fn starts(rows: usize, keys: impl FnOnce(&mut dyn FnMut(usize))) -> Vec<usize> {
    let mut counts = vec![0usize; rows + 1];
    keys(&mut |k| count(&mut counts, k));
    running_total(counts)
}

/// Counts an item of key `k` in `counts`, a tally of one more than the rows: row `k`'s count
/// sits after it, so that the running total gives each row's start. Keys of no row count in
/// none.
fn count(counts: &mut [usize], k: usize) {
    if let Some(c) = counts.get_mut(k.saturating_add(1)) {
        *c += 1;
    }
}

/// A tally's ([`count`]) running total: where each row starts, and one past the last.
fn running_total(mut counts: Vec<usize>) -> Vec<usize> {
    for k in 1..counts.len() {
        counts[k] += counts[k - 1];
    }
    counts
}

/// How many passes [`Flat::grouped`] places its batches in, at most (about): the fewer, the
/// less waiting between them; the more, the sooner placed batches are dropped.
const BATCHES_A_PASS: usize = 32;

impl<T> Flat<T> {
    /// The items of `batches` grouped into `n` rows by `key` (a counting sort), each item as
    /// `value` gives it; items whose key is `n` or more are left out. The batches are placed a
    /// few at a time ([`BATCHES_A_PASS`]) and dropped once placed, so that the batches and the
    /// rows are not both held whole. Placed in parallel: the rows are cut into a stretch per
    /// thread, of about equal size, and each thread reads every item of a pass's batches and
    /// writes those of its stretch's rows. Then each row is sorted by the key `order` gives,
    /// which must tell apart any two items of a row, so that the rows do not depend on the
    /// order of the items.
    pub(crate) fn grouped<S: Sync, K: Ord>(
        n: usize,
        batches: Vec<Vec<S>>,
        key: impl Fn(&S) -> usize + Sync,
        value: impl Fn(&S) -> T + Sync,
        order: impl Fn(&T) -> K + Sync,
    ) -> Flat<T>
    where
        T: Copy + Default + Send,
    {
        // Counted in parallel, a few tallies a thread, then added up.
        let tally = || vec![0usize; n + 1];
        let start = running_total(
            batches
                .par_iter()
                .with_min_len(few_a_thread(batches.len()))
                .fold(tally, |mut counts, batch| {
                    for item in batch {
                        count(&mut counts, key(item));
                    }
                    counts
                })
                .reduce_with(|mut a, b| {
                    a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                    a
                })
                .unwrap_or_else(tally),
        );
        let total = start.last().copied().unwrap_or(0);
        let mut out = vec![T::default(); total];
        // Stretch `t` starts at the first row whose items start at or after `t / parts` of the
        // total.
        let parts = rayon::current_num_threads().max(1);
        let bounds: Vec<usize> = (0..=parts)
            .map(|t| match t {
                0 => 0,
                t if t == parts => n,
                t => start.partition_point(|&at| at < total * t / parts).min(n),
            })
            .collect();
        // Each stretch's rows, its part of the output, and where each of its rows fills next.
        type Stretch<'a, T> = (std::ops::Range<usize>, &'a mut [T], Vec<usize>);
        let mut stretches: Vec<Stretch<'_, T>> = Vec::with_capacity(parts);
        let mut rest: &mut [T] = &mut out;
        for w in bounds.windows(2) {
            let rows = w[0]..w[1].max(w[0]);
            let base = start[rows.start];
            let fill: Vec<usize> = start[rows.clone()].iter().map(|&at| at - base).collect();
            let (stretch, after) = std::mem::take(&mut rest).split_at_mut(start[rows.end] - base);
            stretches.push((rows, stretch, fill));
            rest = after;
        }
        // The batches are placed a few at a time: one parallel pass a batch was a thousand
        // passes over the pairs of a year of coverage, most too short to keep both threads busy.
        let enough = (total / BATCHES_A_PASS).max(1);
        let mut batches = batches.into_iter().peekable();
        while batches.peek().is_some() {
            let mut pass: Vec<Vec<S>> = Vec::new();
            let mut items = 0;
            while let Some(batch) = batches.next_if(|_| items < enough) {
                items += batch.len();
                pass.push(batch);
            }
            stretches.par_iter_mut().for_each(|(rows, stretch, fill)| {
                for item in pass.iter().flatten() {
                    let k = key(item);
                    if rows.contains(&k)
                        && let Some(at) = fill.get_mut(k - rows.start)
                        && let Some(slot) = stretch.get_mut(*at)
                    {
                        *slot = value(item);
                        *at += 1;
                    }
                }
            });
        }
        stretches.into_par_iter().for_each(|(rows, stretch, _)| {
            let base = start[rows.start];
            for r in rows {
                if let Some(row) = stretch.get_mut(start[r] - base..start[r + 1] - base) {
                    row.sort_unstable_by_key(&order);
                }
            }
        });
        Flat { start, items: out }
    }
}

#[cfg(test)]
mod tests {
    use super::Flat;

    proptest::proptest! {
        /// Runs of rows built apart and joined are the rows built in one run: each row's items,
        /// in order, empty rows and empty runs included.
        #[test]
        fn runs_joined_are_the_rows_in_one_run(
            rows in proptest::collection::vec(proptest::collection::vec(0u8..10, 0..4), 0..30),
            cuts in proptest::collection::vec(0usize..30, 0..5),
        ) {
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(rows.len())).collect();
            cuts.push(0);
            cuts.push(rows.len());
            cuts.sort_unstable();
            let parts: Vec<Flat<u8>> = cuts
                .windows(2)
                .map(|w| Flat::of_rows(rows[w[0]..w[1]].iter().cloned()))
                .collect();
            let joined = Flat::concat(parts);
            proptest::prop_assert_eq!(joined.rows(), rows.len());
            for (i, row) in rows.iter().enumerate() {
                proptest::prop_assert_eq!(joined.of(i), row.as_slice());
            }
            let whole = Flat::of_rows(rows.iter().cloned());
            proptest::prop_assert_eq!(&joined.start, &whole.start);
            proptest::prop_assert_eq!(&joined.items, &whole.items);
        }

        /// Grouping gives each row the items of its key, sorted, however the items are cut
        /// into batches: many small batches are placed several to a pass, a few large ones one
        /// to a pass; items whose key is past the last row are left out.
        #[test]
        fn grouped_rows_hold_their_key_s_items_sorted_however_batched(
            keys in proptest::collection::vec(0usize..12, 0..300),
            cuts in proptest::collection::vec(0usize..300, 0..80),
            rows in 1usize..10,
        ) {
            // Item `i` is (its key, i): the order key `i` tells any two apart.
            let items: Vec<(usize, u32)> =
                keys.iter().enumerate().map(|(i, &k)| (k, i as u32)).collect();
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(items.len())).collect();
            cuts.push(0);
            cuts.push(items.len());
            cuts.sort_unstable();
            // Each batch reversed, so that the rows' sort has work to do.
            let batches: Vec<Vec<(usize, u32)>> = cuts
                .windows(2)
                .map(|w| items[w[0]..w[1]].iter().rev().copied().collect())
                .collect();
            let grouped = Flat::grouped(rows, batches, |&(k, _)| k, |&(_, i)| i, |&i| i);
            proptest::prop_assert_eq!(grouped.rows(), rows);
            for row in 0..rows {
                let expected: Vec<u32> =
                    items.iter().filter(|&&(k, _)| k == row).map(|&(_, i)| i).collect();
                proptest::prop_assert_eq!(grouped.of(row), expected.as_slice());
            }
            let kept = items.iter().filter(|&&(k, _)| k < rows).count();
            proptest::prop_assert_eq!(grouped.items.len(), kept);
        }
    }
}
