//! The `truceline` binary: parse arguments, then run the app or a headless command.

use std::process::ExitCode;
use truceline::cli::{self, Command};

fn main() -> ExitCode {
    let command = match cli::parse(std::env::args_os().skip(1)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("truceline: {e}\n\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    let result = match command {
        Command::Help => {
            print!("{}", cli::USAGE);
            Ok(())
        }
        Command::Version => {
            println!("truceline {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        Command::Export(args) => cli::run_export(&args),
        Command::Timex { dct, input } => cli::run_timex(dct, input.as_ref()),
        Command::Gui { path } => {
            truceline::app::run(path).map_err(|e| anyhow::anyhow!("cannot start the window: {e}"))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("truceline: {e:#}");
            ExitCode::FAILURE
        }
    }
}
