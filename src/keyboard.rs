//! Keyboard shortcuts as pure logic: which key press means what, apart from the DOM so that
//! it is tested on the host. [`crate::components::shortcuts`] listens and acts.
//!
//! Single keys without Ctrl, Alt or Meta (so that the browser's and the screen reader's own
//! shortcuts keep working), and `g` followed by a letter to go somewhere, as in GitHub or
//! Gmail. Shift is allowed: `?` and, on some layouts, `[` or `/` need it.

/// What a shortcut does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shortcut {
    /// Focus the next row of the table (`j`).
    NextRow,
    /// Focus the previous row of the table (`k`).
    PreviousRow,
    /// Open the previous page of the list (`[`).
    PreviousPage,
    /// Open the next page of the list (`]`).
    NextPage,
    /// Move the focus to the filters (`/`).
    Filters,
    /// Go to the list (`g l`).
    GoList,
    /// Go to the insights (`g i`).
    GoInsights,
    /// Go to the removal form (`g r`).
    GoRemove,
    /// Show the list of shortcuts (`?`).
    Help,
}

/// The keys of each shortcut as the help lists them, in the catalogue's order
/// ([`crate::messages::Messages::shortcut_help`]).
pub(crate) const KEYS: [&str; 10] = ["j", "k", "Enter", "[", "]", "/", "g l", "g i", "g r", "?"];

/// What a key press means, given whether the previous one was a lone `g`.
///
/// Returns the shortcut (if any) and whether this press starts a `g` sequence. `Enter` is
/// no shortcut of ours: on a focused row's link the browser opens it.
pub(crate) fn interpret(key: &str, modified: bool, after_g: bool) -> (Option<Shortcut>, bool) {
    if modified {
        return (None, false);
    }
    if after_g {
        let go = match key {
            "l" => Some(Shortcut::GoList),
            "i" => Some(Shortcut::GoInsights),
            "r" => Some(Shortcut::GoRemove),
            _ => None,
        };
        return (go, false);
    }
    let shortcut = match key {
        "j" => Shortcut::NextRow,
        "k" => Shortcut::PreviousRow,
        "[" => Shortcut::PreviousPage,
        "]" => Shortcut::NextPage,
        "/" => Shortcut::Filters,
        "?" => Shortcut::Help,
        "g" => return (None, true),
        _ => return (None, false),
    };
    (Some(shortcut), false)
}

/// The row to focus among `rows` when `current` has the focus (an index, or none of them):
/// the next or previous one, from the first or the last when none has it, and staying at
/// either end.
pub(crate) fn step(rows: usize, current: Option<usize>, forward: bool) -> Option<usize> {
    let last = rows.checked_sub(1)?;
    Some(match (current, forward) {
        (None, true) => 0,
        (None, false) => last,
        (Some(i), true) => (i + 1).min(last),
        (Some(i), false) => i.saturating_sub(1).min(last),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_keys() {
        assert_eq!(interpret("j", false, false), (Some(Shortcut::NextRow), false));
        assert_eq!(interpret("k", false, false), (Some(Shortcut::PreviousRow), false));
        assert_eq!(interpret("[", false, false), (Some(Shortcut::PreviousPage), false));
        assert_eq!(interpret("]", false, false), (Some(Shortcut::NextPage), false));
        assert_eq!(interpret("/", false, false), (Some(Shortcut::Filters), false));
        assert_eq!(interpret("?", false, false), (Some(Shortcut::Help), false));
        assert_eq!(interpret("Enter", false, false), (None, false));
        assert_eq!(interpret("J", false, false), (None, false));
    }

    #[test]
    fn modifiers_leave_keys_to_the_browser() {
        for key in ["j", "k", "[", "]", "/", "?", "g"] {
            assert_eq!(interpret(key, true, false), (None, false), "{key}");
        }
        assert_eq!(interpret("l", true, true), (None, false));
    }

    #[test]
    fn g_sequences() {
        assert_eq!(interpret("g", false, false), (None, true));
        assert_eq!(interpret("l", false, true), (Some(Shortcut::GoList), false));
        assert_eq!(interpret("r", false, true), (Some(Shortcut::GoRemove), false));
        assert_eq!(interpret("i", false, true), (Some(Shortcut::GoInsights), false));
        // Anything else ends the sequence without acting, even a shortcut key.
        assert_eq!(interpret("j", false, true), (None, false));
        assert_eq!(interpret("g", false, true), (None, false));
        // `l` alone is nothing.
        assert_eq!(interpret("l", false, false), (None, false));
    }

    #[test]
    fn rows_step_and_stop_at_the_ends() {
        assert_eq!(step(0, None, true), None);
        assert_eq!(step(3, None, true), Some(0));
        assert_eq!(step(3, None, false), Some(2));
        assert_eq!(step(3, Some(0), true), Some(1));
        assert_eq!(step(3, Some(2), true), Some(2));
        assert_eq!(step(3, Some(0), false), Some(0));
        assert_eq!(step(3, Some(2), false), Some(1));
    }
}
