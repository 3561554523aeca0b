//! # Truceline
//!
//! Turns a folder of news reports about a ceasefire into one timeline that shows, source by
//! source, who reported what happened when, with every claim traceable to the sentences that
//! make it.
//!
//! ## Bird's-eye view
//!
//! ```text
//!  folder / .ron ──► ingest ──► Vec<Source> ──► extract ──► Timeline ──► app (egui window)
//!                     (files,      (sentences,     (dates, times,   (model)  └─► export (RON/JSON)
//!                      decoding,    title,          mentions,                      ▲
//!                      boilerplate) outlet)         alignment)     export::read ───┘ (.ron back in)
//! ```
//!
//! A functional core with an imperative shell: [`model`] and [`extract`] are pure (no files,
//! no egui); [`ingest`] and [`export`] read and write the files, and the entry points
//! [`pipeline`] (is this path a folder or an export?) and [`cli`] (the text to tag) only look
//! at or read what the user named; [`app`] is the only module that touches egui. [`pipeline`]
//! joins them for the two front ends, the window ([`app::run`]) and the headless commands
//! ([`cli`]). `tests/architecture.rs` checks these borders.
//!
//! ## Entry points
//!
//! - `src/main.rs`: parses arguments with [`cli::parse`]; runs [`app::run`] or a headless
//!   command ([`cli::run_export`], [`cli::run_timex`]).
//! - [`pipeline::open_path`]: a folder of reports or an exported timeline → [`model::Timeline`].
//! - [`pipeline::open_bundled_seeds`]: the sample reports embedded by `build.rs` from `seeds/`.
//! - `src/bin/gencorpus`: a dev tool that writes a deterministic corpus of wire-style reports
//!   of any size (`benches/load.rs` measures load, extraction and alignment on it).
//!
//! ## Code map
//!
//! - [`model`]: the domain types (sources, sentences, time spans, time expressions, mentions,
//!   events). A loaded article's text is one shared buffer (`model::ArticleText`) that its
//!   sentences slice, not copy. Invariant: plain data; indices are dense and assigned in
//!   sorted order, so the same input gives the same model; times are inclusive intervals with
//!   a granularity.
//! - [`ingest`]: walks a folder (sorted, hidden entries skipped, symlink loops survived,
//!   16 MiB size cap) and reads files in parallel (rayon), taken in order with the next files
//!   asked of the disk ahead of the parsers (`readahead`: a cold folder's reads overlap);
//!   decodes bytes (UTF-8, UTF-16 by BOM, legacy encodings guessed by chardetng); extracts
//!   the visible text and metadata of HTML, Markdown front matter and scraper header blocks;
//!   classifies lines (metadata, boilerplate, captions, headline, body); joins hard-wrapped
//!   paragraphs; finds the title, the outlet and the publication-date evidence; splits
//!   sentences. Invariant: one bad file never fails a load, it is listed in `skipped` with its
//!   reason (a guessed encoding is a warning); every sentence's span slices the decoded text
//!   (for HTML, the extracted text) to the sentence's own text, spans are ordered and disjoint.
//! - [`extract`]: the pure core. `timex` finds and normalises time expressions (TIMEX3, with the
//!   clock zone they state; an article's patterns are searched once, `timex::scan`, their matches'
//!   groups read once, `timex::read`, and tagged twice from them: without a date to date the
//!   article, then against its date; whether a match's clause looks forward is asked once per
//!   article and match, `timex::Tenses`, by the dated tagging and the dating clues alike; `scanner`
//!   searches the rules together: one Aho-Corasick pass finds where any rule can start, by first
//!   words read off each pattern, and an anchored search tries each place, which finds exactly what
//!   `find_iter` finds; the tagger reads each match's groups again within the range the scan
//!   found); `docdate` infers an article's date from its text; `places` finds gazetteer places and
//!   the conflict's local clock (the place named most), to which times stated in other zones are
//!   converted (one pass per article, `places::Named`, gives the clock's counts, the article's
//!   countries for alignment and each sentence's places for the facts); `facts` reads what a
//!   mention's sentence says around the happening (places, claimant, accused, casualty figures,
//!   denial, modality; a case-insensitive pattern runs only where the words all its matches hold
//!   are); `mentions` finds event mentions by the trigger lexicon (its gapped phrases searched
//!   together by a scanner, in the sentences that hold every word of one: `scanner::WordFinder`,
//!   which also gates the facts' patterns) and dates each by its own expression (one happening per
//!   expression, the main clause before a temporal subordinate one), by a duration counted from
//!   another dated happening ("five minutes after the truce took hold"), by the narrative of its
//!   paragraph, by the happening a definite description refers back to ("the announcement of the
//!   truce"), by the story's day that the lede states, or by the article date; a clause counted
//!   back from a dated happening by hours ("came hours after X shelled Y") is a happening of its
//!   own within a day of it; `align` groups mentions across sources into events (average-link,
//!   per-kind thresholds from the lexicon; candidates scored against one mention's vector spread
//!   over the vocabulary per thread, the sweeps side by side, each on one thread; the accepted
//!   pairs' connected components merge independently, in parallel, each from its own pairs and
//!   neighbour rows, built in its task; candidates blocked by kind,
//!   time precision, time and country; a back-reference joins the happening it names), dates
//!   each event by what its mentions state (a fallback day must overlap but does not narrow it)
//!   and lists where their sources disagree.
//!   `extract::ExtractProgress` lets another thread follow the stages (searching the articles,
//!   dating and reading them, aligning) and cancel between articles. At a year of coverage
//!   alignment's tables (word vectors; the accepted pairs with their similarities, a row per
//!   component) are flat buffers of exact size (`flat`: many short lists in one buffer,
//!   also each sentence's places and each mention's towns and proper names), freed and their
//!   pages returned ([`memory`]) before the next is built; the search caches each thread keeps
//!   (the scanners', the facts' claimant and casualty patterns') are its own, freed once the
//!   mentions are read, before alignment, where a load's memory peaks. Invariant: no I/O;
//!   deterministic; mentions of intervals that cannot overlap, and mentions from articles that
//!   name countries but none in common, are never in one event; a panic on one article costs
//!   only that article's events.
//! - [`export`]: the versioned wire format (`truceline/1`), selection, RON/JSON encoding,
//!   atomic writes, import. Besides the timeline (with each source's SHA-256), a file carries
//!   the user's corrections and the view it was shown with (`export::Extras`). Invariant:
//!   `import(export(t))` exports to the same bytes; a written file is complete or absent (a
//!   read-only folder is named as such); malformed input is refused with path, line and column.
//! - [`pipeline`]: opens what the user named; the seam between shell and core. It has
//!   extraction's patterns compiled on a worker while the files are read (`extract::warm_up`),
//!   attaches the load's skipped files and warnings to the timeline that extraction builds; keeps
//!   the user's corrections (dates; merged, split and renamed events, by stable mention keys) in
//!   `.truceline-corrections.ron` beside an opened folder and replays them after every extraction,
//!   a correction whose mention is gone becoming a warning; and warns which sources of an opened
//!   export changed or went missing in the folder it came from.
//! - [`app`]: the eframe/egui window. Reads the model, keeps its own view state, and changes
//!   things only through commands applied after the frame; file dialogs and loading run on
//!   background threads. Per-model work (lane index, quiet-period warp, phases, overview
//!   counts, the filter's mask) is computed once and cached, so a frame costs the same for 60
//!   events and for a million mentions. Invariants: never panics on input-derived data;
//!   article text reaches the screen only through `safe_text` (controls visible, long text
//!   cut), and never as a link.
//! - [`assets`]: the data in `assets/` (boilerplate phrases, outlets, event triggers with
//!   their merge thresholds, a world gazetteer of countries and conflict regions with UTC
//!   offsets), embedded and parsed once. Invariant: general data, never one article's strings.
//! - [`memory`]: gives the allocator's free pages back to the system between the load's
//!   stages (glibc `malloc_trim`), so that peak memory is the largest stage's, not their sum;
//!   fixes the allocator's trim and mapping thresholds before a folder loads (left to rise,
//!   they kept worker threads' free memory).
//!   Invariant: the only module with `unsafe` (`unsafe_code` is denied elsewhere; checked by
//!   `tests/architecture.rs`).
//! - [`cli`]: argument parsing and the headless commands; `timex` without `--dct` dates the
//!   text through the loader's own path (metadata, text, file name).
//! - `fuzzing` (hidden): the properties the cargo-fuzz targets in `fuzz/` check, shared with
//!   `tests/fuzz_regressions.rs`, which replays the kept inputs in CI.
//!
//! ## Cross-cutting concerns
//!
//! - **Spans**: sentences, time expressions, triggers and mentions keep byte ranges into the
//!   decoded article text; the details view and the export slice text by span.
//! - **Errors**: `thiserror` enums at the I/O boundaries (`ingest::DecodeError`,
//!   `export::ImportError`, `export::ExportError`, `pipeline::OpenError`); `anyhow` only in
//!   the binary and the CLI.
//! - **Determinism**: nothing that reaches the UI or an export iterates a hash map unsorted.
//! - **Lexicons are data**: extraction rules that name words live in `assets/*.ron`.

pub mod app;
pub mod assets;
pub mod cli;
pub mod export;
pub mod extract;
#[doc(hidden)]
pub mod fuzzing;
pub mod ingest;
pub mod memory;
pub mod model;
pub mod pipeline;
