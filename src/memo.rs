//! A memo from a text to what was computed of it, shared by threads: the dictionary's verdicts, a name's compared
//! form, a title's forms. The rules meet the same names, titles and words in file after file, and in a language
//! server in run after run: whatever depends on the text alone (and on data that lives as long as the memo) is
//! computed once.

use foldhash::HashMap;
use std::sync::RwLock;

/// Past this many entries a memo forgets everything, so that a long editing session stays small.
const LIMIT: usize = 500_000;

/// Behind a read-write lock: once a run has met its words, nearly every lookup finds its key, and readers on all
/// cores then never wait for one another.
#[derive(Default)]
pub struct Memo<V> {
    entries: RwLock<HashMap<String, V>>,
}

impl<V: Clone> Memo<V> {
    /// What `compute` gives for `key`, computed once. `compute` runs outside the lock: two threads may both
    /// compute one key, but no thread waits on another's computation.
    pub fn get(&self, key: &str, compute: impl FnOnce() -> V) -> V {
        let read = self.entries.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(found) = read.get(key) {
            return found.clone();
        }
        drop(read);
        let value = compute();
        let mut entries = self.entries.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        if entries.len() >= LIMIT {
            entries.clear();
        }
        entries.insert(key.to_string(), value.clone());
        value
    }
}

impl<V> std::fmt::Debug for Memo<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn computes_each_key_once() {
        let memo = Memo::default();
        let calls = Cell::new(0);
        let length = |text: &str| {
            memo.get(text, || {
                calls.set(calls.get() + 1);
                text.len()
            })
        };
        assert_eq!(length("camat"), 5);
        assert_eq!(length("camat"), 5);
        assert_eq!(length("lurah"), 5);
        assert_eq!(calls.get(), 2);
    }
}
