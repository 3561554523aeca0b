//! The background load: runs `pipeline::open_path` on its own thread, exposes its progress,
//! lets the user cancel it, and hands the finished model (or the error) back to the UI thread.
//!
//! Loading a big folder takes seconds; on the UI thread it would freeze the window.

use crate::extract::Stage;
use crate::pipeline::{self, Opened, Progress};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// How a load ended.
#[derive(Debug)]
pub enum LoadOutcome {
    /// The timeline, with the corrections it carries and, for an export, its view.
    Loaded(Box<Opened>),
    /// Cancelled, nothing readable, or the loader thread died; the message is for the status
    /// bar.
    Failed(String),
}

/// How far a load is: files and bytes read, then the extraction's stage and articles done.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadProgress {
    pub files_done: usize,
    pub files_total: usize,
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub stage: Stage,
    pub articles_done: usize,
    pub articles_total: usize,
}

impl LoadProgress {
    /// Share of the work done, by bytes when known (files differ in size), else by files.
    pub fn fraction(&self) -> f32 {
        if matches!(self.stage, Stage::Dating | Stage::Reading) && self.articles_total > 0 {
            return self.articles_done as f32 / self.articles_total as f32;
        }
        if self.bytes_total > 0 {
            (self.bytes_done as f64 / self.bytes_total as f64) as f32
        } else if self.files_total > 0 {
            self.files_done as f32 / self.files_total as f32
        } else {
            0.0
        }
    }

    /// Whether the bar cannot show a share: listing files, the moment between reading and
    /// extraction, and alignment.
    pub fn indeterminate(&self) -> bool {
        match self.stage {
            Stage::Dating | Stage::Reading => self.articles_total == 0,
            Stage::Aligning => true,
            Stage::NotStarted => self.files_total == 0 || self.files_done >= self.files_total,
        }
    }

    /// "Reading 6/20 files (1.2/4.0 MB)", then "Dating articles 3/20", "Finding events 7/20
    /// articles" and "Matching reports across sources…".
    pub fn describe(&self) -> String {
        if self.files_total == 0 {
            return "Listing files…".to_owned();
        }
        match self.stage {
            Stage::Dating => {
                return format!(
                    "Dating articles {}/{}",
                    self.articles_done, self.articles_total
                );
            }
            Stage::Reading => {
                return format!(
                    "Finding events {}/{} articles",
                    self.articles_done, self.articles_total
                );
            }
            Stage::Aligning => return "Matching reports across sources…".to_owned(),
            Stage::NotStarted => {}
        }
        if self.files_done >= self.files_total {
            return "Finding dates and events…".to_owned();
        }
        format!(
            "Reading {}/{} files ({:.1}/{:.1} MB)",
            self.files_done,
            self.files_total,
            self.bytes_done as f64 / 1e6,
            self.bytes_total as f64 / 1e6
        )
    }
}

/// A load in progress.
pub struct Loader {
    path: PathBuf,
    progress: Arc<Progress>,
    rx: Receiver<Result<Opened, pipeline::OpenError>>,
    keeps_view: bool,
}

impl Loader {
    /// Starts loading `path`; the thread repaints `ctx` when it is done so the result shows
    /// without waiting for input.
    pub fn start(path: PathBuf, ctx: &egui::Context) -> std::io::Result<Loader> {
        let thread_path = path.clone();
        Loader::start_job(path, ctx, false, move |progress| {
            pipeline::open(&thread_path, progress)
        })
    }

    /// Runs any model-building `job` in the background (re-dating a source re-runs the
    /// extraction, which takes as long as a load on a big folder). `label` names it in the
    /// status bar; `keeps_view` asks the app to keep the zoom when the result arrives.
    pub fn start_job(
        label: PathBuf,
        ctx: &egui::Context,
        keeps_view: bool,
        job: impl FnOnce(&Progress) -> Result<Opened, pipeline::OpenError> + Send + 'static,
    ) -> std::io::Result<Loader> {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        let thread_progress = Arc::clone(&progress);
        std::thread::Builder::new()
            .name("loader".to_owned())
            .spawn(move || {
                let result = job(&thread_progress);
                // The app may have dropped this load (a newer one replaced it).
                let _ = tx.send(result);
                ctx.request_repaint();
            })?;
        Ok(Loader {
            path: label,
            progress,
            rx,
            keeps_view,
        })
    }

    /// Whether the result should keep the current zoom (a re-dated model, not a new folder).
    pub fn keeps_view(&self) -> bool {
        self.keeps_view
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Files and bytes read so far, as far as the loader has counted.
    pub fn progress(&self) -> LoadProgress {
        LoadProgress {
            files_done: self.progress.done.load(Ordering::Relaxed),
            files_total: self.progress.total.load(Ordering::Relaxed),
            bytes_done: self.progress.bytes_done.load(Ordering::Relaxed),
            bytes_total: self.progress.bytes_total.load(Ordering::Relaxed),
            stage: self.progress.extract.stage(),
            articles_done: self.progress.extract.done.load(Ordering::Relaxed),
            articles_total: self.progress.extract.total.load(Ordering::Relaxed),
        }
    }

    /// Asks the pipeline to stop; it answers with an error through [`Loader::poll`].
    pub fn cancel(&self) {
        self.progress.cancel.store(true, Ordering::Relaxed);
        self.progress.extract.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelling(&self) -> bool {
        self.progress.cancel.load(Ordering::Relaxed)
    }

    /// The result, once the thread has one.
    pub fn poll(&self) -> Option<LoadOutcome> {
        match self.rx.try_recv() {
            Ok(Ok(opened)) => Some(LoadOutcome::Loaded(Box::new(opened))),
            Ok(Err(error)) => Some(LoadOutcome::Failed(error.to_string())),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(LoadOutcome::Failed(format!(
                "the loader stopped unexpectedly while reading {}",
                self.path.display()
            ))),
        }
    }
}
