//! The seeds' extracted timeline as a reviewed snapshot: any change in what Truceline finds
//! (events, times, groupings, facts) shows up as a diff to accept (`cargo insta review`, or
//! `INSTA_UPDATE=always cargo test`) or to fix. CI refuses unreviewed changes.

use truceline::export::{self, Format, Selection};
use truceline::pipeline;

#[test]
fn seeds_timeline() {
    let timeline = pipeline::open_bundled_seeds();
    let ron = export::to_string(&timeline, &Selection::default(), Format::Ron)
        .unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!("seeds_timeline", ron);
}

#[test]
fn sudan_timeline() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles/sudan");
    let mut timeline =
        pipeline::open_path(&dir, &pipeline::Progress::default()).unwrap_or_else(|e| panic!("{e}"));
    // The folder's absolute path differs between machines.
    timeline.origin = "tests/articles/sudan".to_owned();
    let ron = export::to_string(&timeline, &Selection::default(), Format::Ron)
        .unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!("sudan_timeline", ron);
}
