//! Truceline (architecture map written at integration)
pub mod assets;
pub mod cli;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod pipeline;
pub mod app {
    pub fn run(_p: Option<std::path::PathBuf>) -> Result<(), String> {
        Err("gui pending".into())
    }
}
