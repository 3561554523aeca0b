//! Placeholder: the overview chart is being written.
