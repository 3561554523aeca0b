//! The extracted timelines of the seeds and of the hand-checked corpora of other conflicts as
//! reviewed snapshots: any change in what Truceline finds (events, times, groupings, facts)
//! shows up as a diff to accept (`cargo insta review`, or `INSTA_UPDATE=always cargo test`) or
//! to fix. CI refuses unreviewed changes.

use truceline::export::{self, Format, Selection};
use truceline::pipeline;

#[test]
fn seeds_timeline() {
    let timeline = pipeline::open_bundled_seeds();
    let ron = export::to_string(&timeline, &Selection::default(), Format::Ron)
        .unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!("seeds_timeline", ron);
}

/// The timeline of `tests/articles/<name>`, with a machine-independent origin.
fn folder_timeline(name: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/articles")
        .join(name);
    let mut timeline =
        pipeline::open_path(&dir, &pipeline::Progress::default()).unwrap_or_else(|e| panic!("{e}"));
    timeline.origin = format!("tests/articles/{name}");
    export::to_string(&timeline, &Selection::default(), Format::Ron)
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn sudan_timeline() {
    insta::assert_snapshot!("sudan_timeline", folder_timeline("sudan"));
}

#[test]
fn gaza_timeline() {
    insta::assert_snapshot!("gaza_timeline", folder_timeline("gaza"));
}
