//! The background load: runs `pipeline::open_path` on its own thread, exposes its progress,
//! lets the user cancel it, and hands the finished model (or the error) back to the UI thread.
//!
//! Loading a big folder takes seconds; on the UI thread it would freeze the window.

use crate::model::Timeline;
use crate::pipeline::{self, Progress};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// How a load ended.
#[derive(Debug)]
pub enum LoadOutcome {
    Loaded(Timeline),
    /// Cancelled, nothing readable, or the loader thread died; the message is for the status
    /// bar.
    Failed(String),
}

/// A load in progress.
pub struct Loader {
    path: PathBuf,
    progress: Arc<Progress>,
    rx: Receiver<Result<Timeline, pipeline::OpenError>>,
}

impl Loader {
    /// Starts loading `path`; the thread repaints `ctx` when it is done so the result shows
    /// without waiting for input.
    pub fn start(path: PathBuf, ctx: &egui::Context) -> std::io::Result<Loader> {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        let thread_progress = Arc::clone(&progress);
        let thread_path = path.clone();
        std::thread::Builder::new()
            .name("loader".to_owned())
            .spawn(move || {
                let result = pipeline::open_path(&thread_path, &thread_progress);
                // The app may have dropped this load (a newer one replaced it).
                let _ = tx.send(result);
                ctx.request_repaint();
            })?;
        Ok(Loader { path, progress, rx })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Files done and files in total, as far as the pipeline has counted.
    pub fn progress(&self) -> (usize, usize) {
        (
            self.progress.done.load(Ordering::Relaxed),
            self.progress.total.load(Ordering::Relaxed),
        )
    }

    /// Asks the pipeline to stop; it answers with an error through [`Loader::poll`].
    pub fn cancel(&self) {
        self.progress.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelling(&self) -> bool {
        self.progress.cancel.load(Ordering::Relaxed)
    }

    /// The result, once the thread has one.
    pub fn poll(&self) -> Option<LoadOutcome> {
        match self.rx.try_recv() {
            Ok(Ok(timeline)) => Some(LoadOutcome::Loaded(timeline)),
            Ok(Err(error)) => Some(LoadOutcome::Failed(error.to_string())),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(LoadOutcome::Failed(format!(
                "the loader stopped unexpectedly while reading {}",
                self.path.display()
            ))),
        }
    }
}
