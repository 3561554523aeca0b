//! Many short lists in one buffer, for the tables extraction builds per mention or per
//! sentence by the hundred thousand.

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
    /// The lists in order, gathered from per-mention `Vec`s.
    pub(crate) fn gather(lists: Vec<Vec<T>>) -> Flat<T> {
        let mut start = Vec::with_capacity(lists.len() + 1);
        start.push(0);
        let mut items = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        for list in lists {
            items.extend(list);
            start.push(items.len());
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

impl Flat<u32> {
    /// The indices of `keys` grouped by key into `rows` rows, ascending within a row (a
    /// counting sort); keys of no row are left out.
    pub(crate) fn group(rows: usize, keys: impl Iterator<Item = usize> + Clone) -> Flat<u32> {
        let mut start = vec![0usize; rows + 1];
        for k in keys.clone() {
            if let Some(c) = start.get_mut(k + 1) {
                *c += 1;
            }
        }
        for k in 1..start.len() {
            start[k] += start[k - 1];
        }
        let mut fill = start.clone();
        let mut items = vec![0u32; start.last().copied().unwrap_or(0)];
        for (i, k) in keys.enumerate() {
            if let Some(at) = fill.get_mut(k)
                && let Some(slot) = items.get_mut(*at)
            {
                *slot = i as u32;
                *at += 1;
            }
        }
        Flat { start, items }
    }
}
