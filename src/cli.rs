//! The command line: argument parsing and the headless commands (`export`, `timex`).
//!
//! Headless commands never start a window, so they run in scripts and CI. Usage errors are
//! reported with the usage text and exit status 2; failures with exit status 1.

use crate::export::{self, Format, Selection};
use crate::extract::timex;
use crate::pipeline::{self, Progress};
use anyhow::{Context as _, bail};
use chrono::{Datelike as _, NaiveDate};
use lexopt::prelude::*;
use std::ffi::OsString;
use std::io::{Read as _, Write as _};
use std::path::PathBuf;

pub const USAGE: &str = "\
truceline: one timeline from a folder of ceasefire reports

usage:
  truceline [PATH]                 open the app on a folder of reports or a .ron timeline
                                   (without PATH: the bundled sample reports)
  truceline export INPUT [OUTPUT] [--format ron|json] [-o OUTPUT] [--from YYYY-MM-DD]
                         [--to YYYY-MM-DD] [--source ID]... [--event ID]...
                                   write the timeline of INPUT (a folder or a .ron/.json
                                   export) to OUTPUT or standard output, with the corrections
                                   kept beside the folder; the format follows OUTPUT's
                                   extension (.json: JSON) unless --format says
  truceline timex [--dct YYYY-MM-DD] [FILE|-]
                                   print the time expressions of a text as JSON (without
                                   --dct, the reference date is inferred from the text)
  truceline --help | --version
";

/// What the user asked for.
#[derive(Debug, PartialEq)]
pub enum Command {
    Gui {
        path: Option<PathBuf>,
    },
    Export(ExportArgs),
    Timex {
        dct: Option<NaiveDate>,
        input: Option<PathBuf>,
    },
    Help,
    Version,
}

#[derive(Debug, PartialEq)]
pub struct ExportArgs {
    pub input: PathBuf,
    pub format: Format,
    pub output: Option<PathBuf>,
    pub selection: Selection,
}

fn date_arg(value: OsString, flag: &str) -> anyhow::Result<NaiveDate> {
    let text = value
        .string()
        .map_err(|_| anyhow::anyhow!("{flag} needs a YYYY-MM-DD date"))?;
    let date = NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .with_context(|| format!("{flag} needs a YYYY-MM-DD date, not {text:?}"))?;
    // Times are counted forwards and back from it: keep it well inside the calendar.
    if !(1000..=9999).contains(&date.year()) {
        bail!("{flag} needs a year from 1000 to 9999, not {}", date.year());
    }
    Ok(date)
}

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> anyhow::Result<Command> {
    let mut parser = lexopt::Parser::from_args(args);
    let first = match parser.next()? {
        None => return Ok(Command::Gui { path: None }),
        Some(Short('h') | Long("help")) => return Ok(Command::Help),
        Some(Short('V') | Long("version")) => return Ok(Command::Version),
        Some(Value(v)) => v,
        Some(other) => return Err(other.unexpected().into()),
    };
    match first.to_str() {
        Some("export") => parse_export(&mut parser),
        Some("timex") => {
            let (mut dct, mut input) = (None, None);
            while let Some(arg) = parser.next()? {
                match arg {
                    Long("dct") => dct = Some(date_arg(parser.value()?, "--dct")?),
                    Value(v) if input.is_none() => input = Some(PathBuf::from(v)),
                    Short('h') | Long("help") => return Ok(Command::Help),
                    other => return Err(other.unexpected().into()),
                }
            }
            let input = input.filter(|p| p.as_os_str() != "-");
            Ok(Command::Timex { dct, input })
        }
        _ => {
            if let Some(arg) = parser.next()? {
                return Err(arg.unexpected().into());
            }
            Ok(Command::Gui {
                path: Some(PathBuf::from(first)),
            })
        }
    }
}

fn parse_export(parser: &mut lexopt::Parser) -> anyhow::Result<Command> {
    let mut input = None;
    let mut format = None;
    let mut output: Option<PathBuf> = None;
    let mut selection = Selection::default();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("format") | Short('f') => {
                format = Some(match parser.value()?.string()?.as_str() {
                    "ron" => Format::Ron,
                    "json" => Format::Json,
                    other => bail!("--format is ron or json, not {other:?}"),
                })
            }
            Short('o') | Long("output") => output = Some(PathBuf::from(parser.value()?)),
            Long("from") => selection.from = Some(date_arg(parser.value()?, "--from")?),
            Long("to") => selection.to = Some(date_arg(parser.value()?, "--to")?),
            Long("source") => {
                let id = parser.value()?.string()?;
                selection
                    .sources
                    .get_or_insert_with(Default::default)
                    .insert(id);
            }
            Long("event") => {
                let id = parser.value()?.string()?;
                selection
                    .events
                    .get_or_insert_with(Default::default)
                    .insert(id);
            }
            Short('h') | Long("help") => return Ok(Command::Help),
            Value(v) if input.is_none() => input = Some(PathBuf::from(v)),
            Value(v) if output.is_none() => output = Some(PathBuf::from(v)),
            other => return Err(other.unexpected().into()),
        }
    }
    let Some(input) = input else {
        bail!("export needs an INPUT folder or .ron file");
    };
    let format = format.unwrap_or_else(|| output.as_deref().map_or(Format::Ron, Format::from_path));
    Ok(Command::Export(ExportArgs {
        input,
        format,
        output,
        selection,
    }))
}

/// Runs `truceline export`. The corrections kept beside a folder (or carried by an export)
/// and an export's view go into the output too.
pub fn run_export(args: &ExportArgs) -> anyhow::Result<()> {
    let pipeline::Opened { timeline, extras } = pipeline::open(&args.input, &Progress::default())?;
    for skipped in &timeline.skipped {
        eprintln!("truceline: skipped {}: {}", skipped.path, skipped.reason);
    }
    for warning in &timeline.warnings {
        eprintln!("truceline: warning: {}: {}", warning.path, warning.message);
    }
    match &args.output {
        Some(path) => {
            export::write_file_with(&timeline, &args.selection, &extras, args.format, path)?;
        }
        None => {
            let text = export::to_string_with(&timeline, &args.selection, &extras, args.format)?;
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(())
}

/// The reference date for tagging a text that comes without one, found the way the loader
/// dates an article: stated metadata first (a header's "Date:", a "Published" line, a
/// dateline), then what the text itself gives (weekdays agreeing with dates, copyright
/// years, ...), then a date in the file `name` (`reuters-2020-10-10.txt`).
pub fn infer_dct(name: &str, text: &str) -> Option<NaiveDate> {
    let (source, _) = crate::ingest::parse_file(name, text.as_bytes()).ok()?;
    let mut sources = vec![source];
    crate::extract::date_sources(&mut sources);
    sources.pop()?.published.map(|p| p.date)
}

/// The JSON `truceline timex` prints: byte offsets into the input. Without `dct` the date is
/// inferred from the text (`dct_inferred: true`).
/// `name` is the input's file name, one of the places a date can come from.
pub fn timex_json(name: &str, text: &str, dct: Option<NaiveDate>) -> serde_json::Value {
    let inferred = dct.is_none();
    let dct = dct.or_else(|| infer_dct(name, text));
    let timexes: Vec<serde_json::Value> = timex::tag(text, dct)
        .into_iter()
        .map(|t| {
            let mut v = serde_json::json!({
                "start": t.span.start,
                "end": t.span.end,
                "text": text.get(t.span.clone()).unwrap_or(""),
                "type": t.kind.as_str(),
                "value": t.value,
            });
            if let Some(obj) = v.as_object_mut() {
                if let Some(m) = t.modifier {
                    obj.insert("mod".into(), m.into());
                }
                if let Some(zone) = &t.zone {
                    obj.insert("zone".into(), zone.label.clone().into());
                    if let Some(offset) = zone.utc_offset_minutes {
                        obj.insert("utc_offset_minutes".into(), offset.into());
                    }
                }
            }
            v
        })
        .collect();
    serde_json::json!({
        "dct": dct.map(|d| d.format("%Y-%m-%d").to_string()),
        "dct_inferred": inferred && dct.is_some(),
        "timexes": timexes,
    })
}

/// Runs `truceline timex`.
pub fn run_timex(dct: Option<NaiveDate>, input: Option<&PathBuf>) -> anyhow::Result<()> {
    let text = match input {
        Some(path) => std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?,
        None => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("cannot read standard input")?;
            s
        }
    };
    let name = input
        .and_then(|p| p.file_name())
        .map_or_else(|| "-".to_owned(), |n| n.to_string_lossy().into_owned());
    let json = serde_json::to_string_pretty(&timex_json(&name, &text, dct))?;
    println!("{json}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn parses_the_documented_forms() {
        assert_eq!(parse(args(&[])).unwrap(), Command::Gui { path: None });
        assert_eq!(
            parse(args(&["some/dir"])).unwrap(),
            Command::Gui {
                path: Some("some/dir".into())
            }
        );
        let Command::Export(e) = parse(args(&[
            "export",
            "seeds",
            "--format",
            "json",
            "-o",
            "x.json",
            "--from",
            "2020-10-01",
            "--source",
            "a.txt",
            "--source",
            "b.txt",
        ]))
        .unwrap() else {
            panic!("not export")
        };
        assert_eq!(e.input, PathBuf::from("seeds"));
        assert_eq!(e.format, Format::Json);
        assert_eq!(e.output, Some("x.json".into()));
        assert_eq!(e.selection.from, NaiveDate::from_ymd_opt(2020, 10, 1));
        assert_eq!(e.selection.sources.map(|s| s.len()), Some(2));
        assert_eq!(
            parse(args(&["timex", "--dct", "2020-10-10", "-"])).unwrap(),
            Command::Timex {
                dct: NaiveDate::from_ymd_opt(2020, 10, 10),
                input: None
            }
        );
    }

    #[test]
    fn the_output_may_follow_the_input_and_names_the_format() {
        let Command::Export(e) = parse(args(&[
            "export",
            "seeds",
            "out.json",
            "--to",
            "2020-10-31",
            "--event",
            "e3",
        ]))
        .unwrap() else {
            panic!("not export")
        };
        assert_eq!(e.output, Some("out.json".into()));
        assert_eq!(e.format, Format::Json);
        assert_eq!(e.selection.to, NaiveDate::from_ymd_opt(2020, 10, 31));
        assert_eq!(e.selection.events, Some(["e3".to_owned()].into()));
        let Command::Export(e) = parse(args(&["export", "seeds", "-o", "t.ron"])).unwrap() else {
            panic!("not export")
        };
        assert_eq!(e.format, Format::Ron);
        let Command::Export(e) =
            parse(args(&["export", "seeds", "o.json", "--format", "ron"])).unwrap()
        else {
            panic!("not export")
        };
        assert_eq!(e.format, Format::Ron, "--format wins over the extension");
        assert!(parse(args(&["export", "seeds", "a.ron", "b.ron"])).is_err());
    }

    #[test]
    fn rejects_bad_arguments() {
        assert!(parse(args(&["export"])).is_err());
        assert!(parse(args(&["export", "x", "--format", "xml"])).is_err());
        assert!(parse(args(&["export", "x", "--from", "10/10/2020"])).is_err());
        assert!(parse(args(&["timex", "--dct", "262000-01-01"])).is_err());
        assert!(parse(args(&["a", "b"])).is_err());
    }

    #[test]
    fn timex_json_has_byte_offsets_and_types() {
        let text = "Fighting on October 10, 2020.";
        let json = timex_json("-", text, NaiveDate::from_ymd_opt(2020, 10, 12));
        let first = &json["timexes"][0];
        let (s, e) = (
            first["start"].as_u64().unwrap() as usize,
            first["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], first["text"].as_str().unwrap());
        assert_eq!(first["type"], "DATE");
        assert_eq!(first["value"], "2020-10-10");
        assert_eq!(json["dct"], "2020-10-12");
        assert_eq!(json["dct_inferred"], false);
    }

    #[test]
    fn zones_are_reported_with_their_offsets() {
        let text = "Shelling began at 04:30 Kyiv time and stopped at 06:00 GMT.";
        let json = timex_json("-", text, NaiveDate::from_ymd_opt(2023, 5, 24));
        let zones: Vec<(String, i64)> = json["timexes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["zone"].as_str().unwrap_or("").to_owned(),
                    t["utc_offset_minutes"].as_i64().unwrap_or(-1),
                )
            })
            .collect();
        assert_eq!(
            zones,
            vec![("Kyiv time".to_owned(), 120), ("GMT".to_owned(), 0)]
        );
    }

    #[test]
    fn without_a_reference_date_the_text_gives_one() {
        let text = "Talks ended on Saturday. The deal was signed on Saturday, October 10, 2020.";
        let json = timex_json("-", text, None);
        assert_eq!(json["dct"], "2020-10-10");
        assert_eq!(json["dct_inferred"], true);
        let undated = timex_json("-", "Nothing here tells the date.", None);
        assert!(undated["dct"].is_null());
        assert_eq!(undated["dct_inferred"], false);
    }

    #[test]
    fn without_a_reference_date_metadata_and_the_file_name_give_one() {
        let body = "Fighting resumed on Tuesday near the border, officials said.";
        let named = timex_json("wire-2021-05-18.txt", body, None);
        assert_eq!(named["dct"], "2021-05-18");
        // The weekday resolves against it: the Tuesday on or before.
        assert_eq!(named["timexes"][0]["value"], "2021-05-18");
        let stated = format!("Date: 2019-03-02\n\n{body}");
        assert_eq!(
            timex_json("wire-2021-05-18.txt", &stated, None)["dct"],
            "2019-03-02",
            "a stated date outranks the file name"
        );
        assert!(timex_json("notes.txt", body, None)["dct"].is_null());
    }
}
