//! A deterministic generator of wire-style news reports about ceasefires, for benchmarks.
//!
//! Every article is plain text in the shape of real wire copy: page furniture (navigation,
//! "Advertisement"), a headline, sometimes a byline and a "Published" line, a dateline lede
//! ("CITY, March 3 (Outlet) - ..."), a body of event sentences with many kinds of time
//! expressions ("on Saturday", "at 12:05 local time", "late last month", "two days ago",
//! "since 1994"), claimants ("the defence ministry said"), casualty figures, quotes,
//! background, and trailing boilerplate ("Share this article", copyright lines).
//!
//! Realism for alignment: each conflict has its own year of happenings (a ceasefire agreed,
//! taking effect, violated, talks, prisoner exchanges, shelling, ...), and every article
//! reports a few happenings of its conflict from the week before its publication date, so
//! several outlets describe the same happening in different words, as in a real folder.
//!
//! The names (countries, invented towns, armed groups, outlets, reporters) are this file's own
//! generic lists, not any real article's. Article `i` depends only on the seed and `i`, so a
//! corpus of 1,000 articles is the first 1,000 of a corpus of 10,000 with the same seed.

use crate::common::{MONTHS, Rng};
use chrono::{Datelike as _, Duration, NaiveDate, Weekday};

/// One conflict setting: the places and parties its reports name.
struct Conflict {
    country: &'static str,
    /// The region the fighting is in (often a gazetteer conflict region, so it has a clock).
    region: &'static str,
    capital: &'static str,
    /// Invented towns and villages near the front.
    towns: &'static [&'static str],
    /// The two sides, as a report names them first.
    side_a: &'static str,
    side_b: &'static str,
    /// Who speaks for each side.
    speaker_a: &'static str,
    speaker_b: &'static str,
    mediator: &'static str,
    talks_city: &'static str,
    began: u16,
    /// An earlier truce that background paragraphs mention ("since a 1994 ceasefire").
    old_truce: u16,
    /// How many reports, relative to the others, cover this conflict.
    weight: usize,
}

const CONFLICTS: &[Conflict] = &[
    Conflict {
        country: "Yemen",
        region: "Marib province",
        capital: "Sanaa",
        towns: &[
            "Harib",
            "Al-Juba",
            "Serwah",
            "Qaniyah",
            "Rahabah",
            "Al-Abdiyah",
        ],
        side_a: "the Saudi-led coalition",
        side_b: "the Houthi movement",
        speaker_a: "coalition spokesman Colonel Adel Rami",
        speaker_b: "Houthi spokesman Mohammed Qasem",
        mediator: "the United Nations",
        talks_city: "Muscat",
        began: 2014,
        old_truce: 2022,
        weight: 14,
    },
    Conflict {
        country: "Libya",
        region: "the Sirte basin",
        capital: "Tripoli",
        towns: &[
            "Wadi Jarif",
            "Abu Qurain",
            "Tamina",
            "Al-Washka",
            "Bin Jawad",
        ],
        side_a: "the Government of National Unity",
        side_b: "the Libyan National Army",
        speaker_a: "the interior ministry",
        speaker_b: "LNA spokesman Ahmed Mismari",
        mediator: "the UN Support Mission",
        talks_city: "Geneva",
        began: 2014,
        old_truce: 2020,
        weight: 10,
    },
    Conflict {
        country: "Mali",
        region: "the Kidal region",
        capital: "Bamako",
        towns: &["Anefis", "Ber", "Tessalit", "Aguelhok", "Tarkint"],
        side_a: "the Malian army",
        side_b: "the Strategic Framework coalition",
        speaker_a: "the armed forces' general staff",
        speaker_b: "coalition spokesman Mohamed Elmaouloud",
        mediator: "Algeria",
        talks_city: "Algiers",
        began: 2012,
        old_truce: 2015,
        weight: 8,
    },
    Conflict {
        country: "Myanmar",
        region: "northern Shan State",
        capital: "Naypyitaw",
        towns: &[
            "Laukkai",
            "Hsenwi",
            "Kunlong",
            "Namhkam",
            "Chinshwehaw",
            "Mong Ko",
        ],
        side_a: "the military government",
        side_b: "the Three Brotherhood Alliance",
        speaker_a: "junta spokesman Major General Zaw Min Tun",
        speaker_b: "alliance spokeswoman Yan Naing",
        mediator: "China",
        talks_city: "Kunming",
        began: 2021,
        old_truce: 2015,
        weight: 12,
    },
    Conflict {
        country: "Colombia",
        region: "Cauca department",
        capital: "Bogota",
        towns: &["El Plateado", "Argelia", "Suarez", "Toribio", "Jamundi"],
        side_a: "the Colombian army",
        side_b: "the National Liberation Army",
        speaker_a: "the defence ministry",
        speaker_b: "rebel commander Pablo Beltran",
        mediator: "Cuba and Norway",
        talks_city: "Havana",
        began: 1964,
        old_truce: 2016,
        weight: 8,
    },
    Conflict {
        country: "Ethiopia",
        region: "the Amhara region",
        capital: "Addis Ababa",
        towns: &["Lalibela", "Debre Tabor", "Kobo", "Woldiya", "Shewa Robit"],
        side_a: "the federal army",
        side_b: "Fano militiamen",
        speaker_a: "government spokesman Legesse Tulu",
        speaker_b: "a Fano commander",
        mediator: "the African Union",
        talks_city: "Pretoria",
        began: 2023,
        old_truce: 2022,
        weight: 9,
    },
    Conflict {
        country: "Democratic Republic of the Congo",
        region: "North Kivu",
        capital: "Kinshasa",
        towns: &[
            "Sake",
            "Rutshuru",
            "Kitshanga",
            "Mweso",
            "Bunagana",
            "Kiwanja",
        ],
        side_a: "the Congolese army",
        side_b: "the M23 rebels",
        speaker_a: "army spokesman Sylvain Ekenge",
        speaker_b: "M23 spokesman Lawrence Kanyuka",
        mediator: "Angola",
        talks_city: "Luanda",
        began: 2021,
        old_truce: 2013,
        weight: 12,
    },
    Conflict {
        country: "South Sudan",
        region: "Upper Nile state",
        capital: "Juba",
        towns: &["Nasir", "Malakal", "Ulang", "Longechuk", "Maiwut"],
        side_a: "the South Sudan People's Defence Forces",
        side_b: "the White Army militia",
        speaker_a: "army spokesman Lul Ruai Koang",
        speaker_b: "opposition spokesman Lam Paul Gabriel",
        mediator: "the regional bloc IGAD",
        talks_city: "Nairobi",
        began: 2013,
        old_truce: 2018,
        weight: 7,
    },
    Conflict {
        country: "Somalia",
        region: "the Hiran region",
        capital: "Mogadishu",
        towns: &[
            "Beledweyne",
            "Bulo Burde",
            "Mahas",
            "Moqokori",
            "Adan Yabal",
        ],
        side_a: "government troops",
        side_b: "al Shabaab fighters",
        speaker_a: "the information ministry",
        speaker_b: "al Shabaab's military spokesman",
        mediator: "clan elders",
        talks_city: "Mogadishu",
        began: 2006,
        old_truce: 2009,
        weight: 6,
    },
    Conflict {
        country: "Mozambique",
        region: "Cabo Delgado province",
        capital: "Maputo",
        towns: &[
            "Palma",
            "Mocimboa da Praia",
            "Macomia",
            "Muidumbe",
            "Quissanga",
        ],
        side_a: "Mozambican and Rwandan troops",
        side_b: "Islamic State-linked insurgents",
        speaker_a: "the defence ministry",
        speaker_b: "the insurgents' Amaq news agency",
        mediator: "the Southern African Development Community",
        talks_city: "Maputo",
        began: 2017,
        old_truce: 1992,
        weight: 5,
    },
    Conflict {
        country: "Georgia",
        region: "the administrative boundary line",
        capital: "Tbilisi",
        towns: &[
            "Khurvaleti",
            "Ergneti",
            "Odzisi",
            "Takhtisdziri",
            "Gugutiantkari",
        ],
        side_a: "Georgian police",
        side_b: "separatist forces",
        speaker_a: "the State Security Service",
        speaker_b: "the separatist KGB",
        mediator: "the European Union Monitoring Mission",
        talks_city: "Geneva",
        began: 2008,
        old_truce: 1994,
        weight: 4,
    },
    Conflict {
        country: "Haiti",
        region: "the Artibonite department",
        capital: "Port-au-Prince",
        towns: &[
            "Petite-Riviere",
            "Liancourt",
            "Pont-Sonde",
            "Verrettes",
            "Saint-Marc",
        ],
        side_a: "the national police",
        side_b: "the Gran Grif gang",
        speaker_a: "police spokesman Garry Desrosiers",
        speaker_b: "a gang leader",
        mediator: "the Caribbean Community",
        talks_city: "Kingston",
        began: 2021,
        old_truce: 2004,
        weight: 5,
    },
];

/// An outlet and how it writes its credit in the dateline.
struct Outlet {
    name: &'static str,
    /// Wire style "CITY, March 3 (Outlet) -" or paper style "CITY —".
    wire: bool,
    /// Day-month ("3 March") rather than month-day ("March 3").
    day_first: bool,
    copyright: &'static str,
}

const OUTLETS: &[Outlet] = &[
    Outlet {
        name: "Reuters",
        wire: true,
        day_first: false,
        copyright: "© 2023 Reuters. All rights reserved.",
    },
    Outlet {
        name: "AFP",
        wire: true,
        day_first: true,
        copyright: "Copyright © 2023 AFP. All rights reserved.",
    },
    Outlet {
        name: "AP",
        wire: true,
        day_first: false,
        copyright: "Copyright 2023 The Associated Press. All rights reserved.",
    },
    Outlet {
        name: "Al Jazeera",
        wire: false,
        day_first: true,
        copyright: "© 2023 Al Jazeera Media Network",
    },
    Outlet {
        name: "Xinhua",
        wire: true,
        day_first: false,
        copyright: "Copyright © 2023 Xinhua News Agency",
    },
    Outlet {
        name: "Anadolu Agency",
        wire: true,
        day_first: true,
        copyright: "© Anadolu Agency 2023",
    },
    Outlet {
        name: "EFE",
        wire: true,
        day_first: true,
        copyright: "© EFE 2023. Está expresamente prohibida la redistribución.",
    },
    Outlet {
        name: "dpa",
        wire: true,
        day_first: true,
        copyright: "© dpa-infocom, dpa:2023",
    },
    Outlet {
        name: "The Meridian Herald",
        wire: false,
        day_first: false,
        copyright: "Copyright © 2023 The Meridian Herald Company",
    },
    Outlet {
        name: "Northern Courier",
        wire: false,
        day_first: true,
        copyright: "© Northern Courier Media Ltd 2023",
    },
    Outlet {
        name: "Daily Ledger",
        wire: false,
        day_first: false,
        copyright: "© 2023 Daily Ledger Publishing. All rights reserved.",
    },
];

const REPORTERS: &[&str] = &[
    "Amina Farah",
    "Jonas Becker",
    "Lucia Moreno",
    "Tomas Novak",
    "Grace Otieno",
    "Hiroshi Sato",
    "Leila Haddad",
    "Pierre Lambert",
    "Nadia Petrova",
    "Samuel Mensah",
    "Ines Duarte",
    "Omar Khalil",
];

const EDITORS: &[&str] = &[
    "Peter Graff",
    "Alex Richardson",
    "Nick Macfie",
    "Mark Heinrich",
    "Gareth Jones",
    "Frances Kerry",
];

const TOP_FURNITURE: &[&str] = &[
    "Skip to main content",
    "Advertisement",
    "Menu",
    "World",
    "Sign in",
    "Subscribe",
    "Search",
    "Africa | Middle East | Asia | Americas",
];

const BOTTOM_FURNITURE: &[&str] = &[
    "Share this article",
    "Subscribe to our newsletter",
    "Sign up for our daily briefing",
    "Follow us on Twitter",
    "Advertisement",
    "Read more:",
    "Most read",
    "Related stories",
    "Share on Facebook",
    "Print",
    "Back to top",
];

/// What a happening is; each kind has its own wordings below.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Agreed,
    InForce,
    Violation,
    Shelling,
    AirStrike,
    Clash,
    Talks,
    Exchange,
    Displacement,
    Captured,
}

/// One thing that happened in a conflict on one day, which several articles report.
#[derive(Clone, Debug)]
struct Happening {
    kind: Kind,
    day: NaiveDate,
    /// Minutes after local midnight.
    minute: u32,
    town: usize,
    killed: u32,
    wounded: u32,
    /// Hours a truce is meant to last (for `Agreed`/`InForce`).
    hours: u32,
    /// `true`: side A is the actor; `false`: side B.
    by_a: bool,
}

/// The first publication date of the corpus; dates run over the following year.
fn year_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default()
}

const DAYS: i64 = 365;

/// Each conflict's year of happenings, from the seed alone.
fn happenings(seed: u64) -> Vec<Vec<Happening>> {
    CONFLICTS
        .iter()
        .enumerate()
        .map(|(c, conflict)| {
            let mut rng = Rng::new(seed ^ 0xC0FF_EE00 ^ ((c as u64 + 1) << 40));
            let mut out = Vec::new();
            let mut day = -(rng.range(0, 20) as i64);
            // In truce: after an agreement, the truce takes effect and violations follow.
            while day < DAYS + 7 {
                let roll = rng.below(100);
                let kind = match roll {
                    0..=5 => Kind::Agreed,
                    6..=14 => Kind::Talks,
                    15..=34 => Kind::Shelling,
                    35..=47 => Kind::Clash,
                    48..=57 => Kind::AirStrike,
                    58..=66 => Kind::Exchange,
                    67..=75 => Kind::Displacement,
                    76..=81 => Kind::Captured,
                    _ => Kind::Violation,
                };
                let base = Happening {
                    kind,
                    day: year_start() + Duration::days(day),
                    minute: (rng.range(0, 23) * 60 + rng.pick(&[&0usize, &5, &15, &30, &45]))
                        as u32,
                    town: rng.below(conflict.towns.len()),
                    killed: if rng.chance(55) {
                        rng.range(1, 60) as u32
                    } else {
                        0
                    },
                    wounded: if rng.chance(45) {
                        rng.range(2, 120) as u32
                    } else {
                        0
                    },
                    hours: *rng.pick(&[&24u32, &48, &72, &96, &168]),
                    by_a: rng.chance(50),
                };
                if kind == Kind::Agreed {
                    // The truce takes effect a day or two later, at a round hour.
                    let mut in_force = base.clone();
                    in_force.kind = Kind::InForce;
                    in_force.day = base.day + Duration::days(rng.range(0, 2) as i64);
                    in_force.minute = *rng.pick(&[&0u32, &360, &720, &1080, &1200]);
                    out.push(base);
                    out.push(in_force);
                } else {
                    out.push(base);
                }
                day += rng.range(1, 2) as i64;
            }
            out.sort_by_key(|h| (h.day, h.minute));
            out
        })
        .collect()
}

/// The whole corpus description: the conflicts' happenings from the seed.
pub struct Corpus {
    seed: u64,
    happenings: Vec<Vec<Happening>>,
    weight_total: usize,
}

/// One generated article.
pub struct Article {
    /// The file name, relative to the output folder.
    pub file_name: String,
    pub text: String,
    pub published: NaiveDate,
    pub outlet: &'static str,
    pub conflict: &'static str,
}

impl Corpus {
    pub fn new(seed: u64) -> Corpus {
        Corpus {
            seed,
            happenings: happenings(seed),
            weight_total: CONFLICTS.iter().map(|c| c.weight).sum(),
        }
    }

    /// Article number `index`; depends only on the seed and `index`.
    pub fn article(&self, index: usize) -> Article {
        let mut rng = Rng::new(
            self.seed
                .wrapping_mul(0x2545_F491_4F6C_DD1D)
                .wrapping_add((index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)),
        );
        // Burn a few values so that neighbouring indices decorrelate.
        rng.next();
        rng.next();
        let mut w = rng.below(self.weight_total);
        let mut c = 0;
        while w >= CONFLICTS[c].weight {
            w -= CONFLICTS[c].weight;
            c += 1;
        }
        let conflict = &CONFLICTS[c];
        let published = year_start() + Duration::days(rng.below(DAYS as usize) as i64);
        let outlet = &OUTLETS[rng.below(OUTLETS.len())];
        let recent: Vec<&Happening> = self.happenings[c]
            .iter()
            .filter(|h| h.day <= published && (published - h.day).num_days() <= 13)
            .collect();
        let mut writer = Writer {
            rng,
            conflict,
            outlet,
            published,
            out: String::with_capacity(6000),
        };
        writer.article(&recent);
        let slug = writer.slug(&recent);
        let file_name = match writer.rng.below(4) {
            0 => format!("{published}_{}_{slug}-{index:05}.txt", file_outlet(outlet)),
            1 => format!("{}-{slug}-{index:05}.txt", file_outlet(outlet)),
            2 => format!(
                "{}{:02}{:02}-{index:05}.txt",
                published.year(),
                published.month(),
                published.day()
            ),
            _ => format!("article-{index:05}.txt"),
        };
        Article {
            file_name,
            text: writer.out,
            published,
            outlet: outlet.name,
            conflict: conflict.country,
        }
    }
}

fn file_outlet(outlet: &Outlet) -> String {
    outlet
        .name
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
}

/// AP style month abbreviations.
const MONTHS_SHORT: &[&str] = &[
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];

fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// Sentence-initial words that are not names, lower-cased after "Meanwhile, ".
const COMMON_FIRST_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "Artillery",
    "Heavy",
    "Fighting",
    "Fierce",
    "Drone",
    "Thousands",
    "Delegations",
    "Negotiations",
    "Envoys",
    "Guns",
    "Both",
    "Witnesses",
    "Government",
];

const NUMBER_WORDS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

fn number_text(n: u32, rng: &mut Rng) -> String {
    if n <= 10 && rng.chance(70) {
        NUMBER_WORDS[n as usize].to_owned()
    } else if n > 20 && rng.chance(20) {
        format!("at least {n}")
    } else {
        n.to_string()
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One piece of an article's body, in the order planned.
#[derive(Clone, Copy, Debug)]
enum Piece {
    /// The reported happening with this index, told (again) in the body.
    Event(usize),
    /// Its casualty figures.
    Toll(usize),
    /// A detail of it: what witnesses saw, who condemned it, what followed.
    Detail(usize),
    Quote,
    Background,
}

struct Writer {
    rng: Rng,
    conflict: &'static Conflict,
    outlet: &'static Outlet,
    published: NaiveDate,
    out: String,
}

impl Writer {
    fn month_day(&mut self, d: NaiveDate) -> String {
        let m = d.month0() as usize;
        if self.outlet.day_first {
            format!("{} {}", d.day(), MONTHS[m])
        } else if self.outlet.wire && self.rng.chance(50) {
            format!("{} {}", MONTHS_SHORT[m], d.day())
        } else {
            format!("{} {}", MONTHS[m], d.day())
        }
    }

    /// How the article names a day, relative to its publication date, as reporters do.
    fn day_phrase(&mut self, d: NaiveDate) -> String {
        let ago = (self.published - d).num_days();
        match ago {
            0 => match self.rng.below(4) {
                0 => "today".to_owned(),
                1 => "earlier today".to_owned(),
                2 => "this morning".to_owned(),
                _ => format!("on {}", weekday_name(d.weekday())),
            },
            1 => match self.rng.below(4) {
                0 => "yesterday".to_owned(),
                1 => "overnight".to_owned(),
                2 => "late on Monday night".replace("Monday", weekday_name(d.weekday())),
                _ => format!("on {}", weekday_name(d.weekday())),
            },
            2..=6 => match self.rng.below(6) {
                0 => format!(
                    "{} days ago",
                    NUMBER_WORDS.get(ago as usize).copied().unwrap_or("several")
                ),
                1 => format!("last {}", weekday_name(d.weekday())),
                2 => format!("in the early hours of {}", weekday_name(d.weekday())),
                _ => format!("on {}", weekday_name(d.weekday())),
            },
            _ => {
                let md = self.month_day(d);
                match self.rng.below(5) {
                    0 => "last week".to_owned(),
                    1 => format!("on {md}, {}", d.year()),
                    _ => format!("on {md}"),
                }
            }
        }
    }

    /// A clock time, in one of the styles wire copy uses.
    fn clock_phrase(&mut self, minute: u32) -> String {
        let (h, m) = (minute / 60, minute % 60);
        match self.rng.below(7) {
            0 => format!("at {h:02}:{m:02} local time"),
            1 => format!("at {h:02}{m:02} GMT"),
            2 => {
                let (h12, ampm) = match h {
                    0 => (12, "a.m."),
                    1..=11 => (h, "a.m."),
                    12 => (12, "p.m."),
                    _ => (h - 12, "p.m."),
                };
                if m == 0 {
                    format!("at around {h12} {ampm}")
                } else {
                    format!("at {h12}:{m:02} {ampm}")
                }
            }
            3 if m == 0 && h == 12 => "from midday".to_owned(),
            3 if m == 0 && h == 0 => "at midnight".to_owned(),
            4 => format!("at {h:02}:{m:02} (UTC+{})", self.rng.range(1, 3)),
            _ => match h {
                0..=5 => "before dawn".to_owned(),
                6..=11 => "in the morning".to_owned(),
                12..=17 => "in the afternoon".to_owned(),
                _ => "in the evening".to_owned(),
            },
        }
    }

    fn town(&self, h: &Happening) -> &'static str {
        self.conflict.towns[h.town % self.conflict.towns.len()]
    }

    fn actor(&self, h: &Happening) -> (&'static str, &'static str) {
        if h.by_a {
            (self.conflict.side_a, self.conflict.side_b)
        } else {
            (self.conflict.side_b, self.conflict.side_a)
        }
    }

    fn claimant(&mut self, h: &Happening) -> String {
        let c = self.conflict;
        // The victim side usually speaks.
        let speaker = if h.by_a { c.speaker_b } else { c.speaker_a };
        match self.rng.below(6) {
            0 => speaker.to_owned(),
            1 => "the defence ministry".to_owned(),
            2 => "a local official".to_owned(),
            3 => "witnesses".to_owned(),
            4 => format!("a spokesperson for {}", c.mediator),
            _ => "a military source who asked not to be named".to_owned(),
        }
    }

    /// One sentence reporting `h`, with its time expression.
    fn event_sentence(&mut self, h: &Happening, lede: bool) -> String {
        let day = self.day_phrase(h.day);
        let clock = if self.rng.chance(45) {
            format!(" {}", self.clock_phrase(h.minute))
        } else {
            String::new()
        };
        let town = self.town(h);
        let (actor, other) = self.actor(h);
        let c = self.conflict;
        let claimant = self.claimant(h);
        let hours = h.hours;
        let s = match h.kind {
            Kind::Agreed => match self.rng.below(4) {
                0 => format!(
                    "{} and {} agreed to a {hours}-hour ceasefire {day}, {} said, in a deal brokered by {} after talks in {}",
                    capitalize(c.side_a),
                    c.side_b,
                    claimant,
                    c.mediator,
                    c.talks_city
                ),
                1 => format!(
                    "A truce agreement between {} and {} was announced {day}{clock} in {}",
                    c.side_a, c.side_b, c.talks_city
                ),
                2 => format!(
                    "The warring parties signed a ceasefire deal {day} that is meant to halt fighting in {} for {} days",
                    c.region,
                    hours / 24
                ),
                _ => format!(
                    "{} said {day} that both sides had reached an agreement on a humanitarian truce",
                    capitalize(c.mediator)
                ),
            },
            Kind::InForce => match self.rng.below(4) {
                0 => format!("The ceasefire took effect{clock} {day}, {claimant} said"),
                1 => format!(
                    "A {}-day truce between {} and {} began{clock} {day}",
                    NUMBER_WORDS
                        .get((hours / 24) as usize)
                        .copied()
                        .unwrap_or("week-long"),
                    c.side_a,
                    c.side_b
                ),
                2 => format!(
                    "The truce came into force {day}{clock}, and residents of {town} reported calm"
                ),
                _ => format!(
                    "Guns fell silent across {} when the ceasefire went into effect{clock} {day}",
                    c.region
                ),
            },
            Kind::Violation => match self.rng.below(4) {
                0 => format!(
                    "{} accused {other} of violating the ceasefire near {town} {day}",
                    capitalize(actor)
                ),
                1 => format!(
                    "{} said {other} had breached the truce{clock} {day} by firing on positions outside {town}",
                    capitalize(&claimant)
                ),
                2 => format!(
                    "Both sides traded accusations of violations {day}, with {claimant} reporting sporadic gunfire in {town}"
                ),
                _ => format!(
                    "{} denied breaking the ceasefire, saying it had only returned fire {day}",
                    capitalize(other)
                ),
            },
            Kind::Shelling => match self.rng.below(3) {
                0 => format!("Artillery shells hit {town}{clock} {day}, {claimant} said"),
                1 => format!(
                    "{} shelled residential areas of {town} {day}{clock}, according to {claimant}",
                    capitalize(actor)
                ),
                _ => format!("Heavy shelling was reported on the outskirts of {town} {day}"),
            },
            Kind::AirStrike => match self.rng.below(3) {
                0 => format!(
                    "An air strike hit a market in {town} {day}{clock}, {claimant} told {}",
                    self.outlet.name
                ),
                1 => format!("Drone strikes targeted positions held by {other} near {town} {day}"),
                _ => format!(
                    "{} carried out air raids on {town} {day}, {claimant} said",
                    capitalize(actor)
                ),
            },
            Kind::Clash => match self.rng.below(3) {
                0 => format!(
                    "Fierce clashes erupted between {} and {} in {town} {day}",
                    c.side_a, c.side_b
                ),
                1 => format!("Fighting broke out{clock} {day} around {town}, {claimant} said"),
                _ => format!(
                    "{} attacked positions of {other} near {town} {day}, sparking hours of fighting",
                    capitalize(actor)
                ),
            },
            Kind::Talks => match self.rng.below(3) {
                0 => format!(
                    "Delegations from both sides met in {} {day} for a new round of talks mediated by {}",
                    c.talks_city, c.mediator
                ),
                1 => format!(
                    "Negotiations in {} resumed {day}, {claimant} said",
                    c.talks_city
                ),
                _ => format!(
                    "Envoys held talks {day} in {} on extending the truce",
                    c.talks_city
                ),
            },
            Kind::Exchange => match self.rng.below(2) {
                0 => format!(
                    "The two sides exchanged {} prisoners {day} under the supervision of the International Committee of the Red Cross",
                    h.wounded.max(4)
                ),
                _ => format!(
                    "A prisoner swap took place {day}{clock} at a crossing near {town}, {claimant} said"
                ),
            },
            Kind::Displacement => format!(
                "Thousands of civilians fled {town} {day}, {claimant} said, as aid agencies warned of a humanitarian crisis"
            ),
            Kind::Captured => format!(
                "{} said {day} it had captured {town}, a claim {other} denied",
                capitalize(actor)
            ),
        };
        if lede {
            s
        } else {
            let mut s = s;
            if self.rng.chance(25) {
                s.insert_str(
                    0,
                    &format!(
                        "{}, ",
                        self.rng.pick(&[
                            "Meanwhile",
                            "Separately",
                            "Earlier",
                            "In a separate incident",
                            "Elsewhere"
                        ])
                    ),
                );
                // Lower-case the sentence's first letter after the connector, unless a name.
                if let Some(i) = s.find(", ") {
                    let rest = &s[i + 2..];
                    let first = rest.split(' ').next().unwrap_or("");
                    if COMMON_FIRST_WORDS.contains(&first) {
                        let lower = format!("{}{}", rest[..1].to_lowercase(), &rest[1..]);
                        s = format!("{}{}", &s[..i + 2], lower);
                    }
                }
            }
            s
        }
    }

    /// A further sentence about `h`, dated to its day (and sometimes its hour).
    fn detail_sentence(&mut self, h: &Happening) -> String {
        let day = self.day_phrase(h.day);
        let clock = self.clock_phrase(h.minute);
        let town = self.town(h);
        let (actor, other) = self.actor(h);
        let c = self.conflict;
        let noun = match h.kind {
            Kind::Agreed => "agreement",
            Kind::InForce => "truce",
            Kind::Violation => "violations",
            Kind::Shelling => "shelling",
            Kind::AirStrike => "air strike",
            Kind::Clash => "fighting",
            Kind::Talks => "talks",
            Kind::Exchange => "prisoner exchange",
            Kind::Displacement => "exodus",
            Kind::Captured => "offensive",
        };
        let n = self.rng.range(2, 40);
        let claimant = self.claimant(h);
        match self.rng.below(10) {
            0 => format!(
                "Residents of {town} said the {noun} began {clock} {day} and went on for several hours"
            ),
            1 => format!(
                "Footage shared on social media {day} and verified by {} showed smoke rising over {town}",
                self.outlet.name
            ),
            2 => format!(
                "{} condemned the {noun} {day}, urging both sides to exercise restraint",
                capitalize(c.mediator)
            ),
            3 => format!(
                "{} did not immediately respond to a request for comment on {}",
                capitalize(other),
                weekday_name(h.day.weekday())
            ),
            4 => format!("Hospitals in {town} received {n} wounded people {day}, a doctor said"),
            5 => format!("Roads out of {town} were closed {day} after the {noun}, {claimant} said"),
            6 => format!(
                "{} said in a statement {day} that it had acted in self-defence",
                capitalize(actor)
            ),
            7 => format!(
                "{} {day}, the {noun} had spread to villages west of {town}, according to {claimant}",
                capitalize(&clock)
            ),
            8 => format!(
                "An aid convoy bound for {town} was turned back {day}, the World Food Programme said"
            ),
            _ => format!(
                "{} monitors said they had recorded {n} incidents near {town} {day}",
                capitalize(c.mediator)
            ),
        }
    }

    fn casualty_sentence(&mut self, h: &Happening) -> Option<String> {
        if h.killed == 0 && h.wounded == 0 {
            return None;
        }
        let killed = number_text(h.killed, &mut self.rng);
        let wounded = number_text(h.wounded, &mut self.rng);
        let claimant = self.claimant(h);
        let town = self.town(h);
        Some(match (h.killed, h.wounded, self.rng.below(3)) {
            (0, _, _) => format!(
                "{} people were wounded in {town}, {claimant} said",
                capitalize(&wounded)
            ),
            (_, 0, 0) => format!(
                "{} civilians were killed in {town}, according to {claimant}",
                capitalize(&killed)
            ),
            (_, 0, _) => format!("The attack on {town} killed {killed} people, {claimant} said"),
            (_, _, 0) => format!(
                "{} people were killed and {wounded} wounded in {town}, the health ministry said",
                capitalize(&killed)
            ),
            (_, _, 1) => format!(
                "The death toll in {town} rose to {killed}, with {wounded} others injured, {claimant} said"
            ),
            _ => format!(
                "Medics in {town} said they had treated {wounded} wounded and counted {killed} dead"
            ),
        })
    }

    fn quote(&mut self, h: &Happening) -> String {
        let c = self.conflict;
        let (actor, other) = self.actor(h);
        let speaker = if self.rng.chance(50) {
            c.speaker_a
        } else {
            c.speaker_b
        };
        let said = self.rng.pick(&[
            "said",
            "told reporters",
            "said in a statement",
            "wrote on social media",
            "told a news conference",
        ]);
        match self.rng.below(6) {
            0 => format!(
                "\u{201c}We remain committed to the ceasefire, but we will respond to any aggression,\u{201d} {speaker} {said}."
            ),
            1 => format!(
                "\u{201c}{} has shown once again that it cannot be trusted,\u{201d} {speaker} {said}.",
                capitalize(other)
            ),
            2 => format!(
                "\"The situation is calm but tense,\" a resident of {} {said}, asking not to be named.",
                self.town(h)
            ),
            3 => format!(
                "\u{201c}These reports are lies,\u{201d} a spokesman for {actor} said, denying any attack."
            ),
            4 => format!(
                "\"We call on all parties to respect the truce and protect civilians,\" {} {said}.",
                c.mediator
            ),
            _ => format!(
                "\u{201c}Nobody slept last night. The shelling started at around 2 a.m. and lasted until dawn,\u{201d} said a mother of {} in {}.",
                NUMBER_WORDS[self.rng.range(2, 6)],
                self.town(h)
            ),
        }
    }

    /// How many different background sentences [`Writer::background`] knows.
    const BACKGROUNDS: usize = 30;

    /// Background sentence number `which` (below [`Writer::BACKGROUNDS`]): context, history,
    /// figures and what comes next, each with its own kinds of time expressions.
    fn background(&mut self, which: usize) -> String {
        let c = self.conflict;
        let p = self.published;
        let year = p.year();
        let month = MONTHS[p.month0() as usize];
        let last_month = MONTHS[(p.month0() as usize + 11) % 12];
        let next_day = weekday_name((p + Duration::days(self.rng.range(1, 6) as i64)).weekday());
        let n = self.rng.range(2, 9);
        let town = c.towns[self.rng.below(c.towns.len())];
        match which % Self::BACKGROUNDS {
            0 => format!(
                "The conflict in {} erupted in {} and has killed tens of thousands of people and displaced millions.",
                c.country, c.began
            ),
            1 => format!(
                "Fighting in {} has been the worst since a {} ceasefire, according to analysts.",
                c.region, c.old_truce
            ),
            2 => format!(
                "{} has been contested since {}, and several previous truces collapsed within days.",
                capitalize(c.region),
                c.began
            ),
            3 => format!(
                "The latest escalation began late last month, when {} launched an offensive on {}.",
                c.side_b, c.towns[0]
            ),
            4 => format!(
                "Earlier this month, {} said it had documented more than {} violations since the start of the year.",
                c.mediator,
                self.rng.range(40, 900)
            ),
            5 => format!(
                "The truce in {} is due to expire at midnight on {next_day}, and diplomats said talks on an extension would begin next week.",
                c.region
            ),
            6 => format!(
                "In {year}, more than {} people have been forced from their homes in {}, according to UN figures released in {month}.",
                self.rng.range(10, 900) * 1000,
                c.country
            ),
            7 => format!(
                "Three years ago, a similar agreement in {} brokered by {} lasted less than 48 hours.",
                c.country, c.mediator
            ),
            8 => format!(
                "Aid groups have repeatedly called for humanitarian corridors to {town} for the past {} weeks.",
                NUMBER_WORDS[n]
            ),
            9 => format!(
                "The government in {} and its rivals have fought intermittently since the {}s, with a peace process stalled since mid-{}.",
                c.capital,
                c.began / 10 * 10,
                c.old_truce.max(2000)
            ),
            10 => format!(
                "A previous ceasefire in {}, agreed in {last_month}, collapsed after {} days amid mutual accusations.",
                c.region, NUMBER_WORDS[n]
            ),
            11 => format!(
                "The UN Security Council is scheduled to discuss the situation in {} on {next_day}.",
                c.country
            ),
            12 => format!(
                "The World Food Programme said on {} that it had suspended deliveries to {town} for the second time this year.",
                weekday_name((p - Duration::days(self.rng.range(1, 4) as i64)).weekday())
            ),
            13 => format!(
                "Talks are expected to resume in {} by the end of the month, two diplomats familiar with the matter said.",
                c.talks_city
            ),
            14 => format!(
                "Over the weekend, residents of {town} queued for hours for water and bread as prices tripled."
            ),
            15 => format!(
                "The {} ceasefire held for almost a decade before fighting resumed in {}.",
                c.old_truce, c.began
            ),
            16 => format!(
                "Since January, at least {} civilians were killed in {}, according to a monitoring group.",
                self.rng.range(100, 4000),
                c.region
            ),
            17 => format!(
                "In mid-{last_month}, {} announced a unilateral pause in operations that lasted {} days.",
                c.side_a, NUMBER_WORDS[n]
            ),
            18 => format!(
                "The agreement calls for a halt to hostilities in {} for 72 hours, the opening of humanitarian corridors and the exchange of bodies, according to a copy seen by {}.",
                c.region, self.outlet.name
            ),
            19 => format!(
                "{} has long been a flashpoint; in {}, a week of clashes there killed more than {} people.",
                capitalize(town),
                year - self.rng.range(2, 12) as i32,
                self.rng.range(20, 300)
            ),
            20 => format!(
                "Earlier this year, {} and {} agreed to set up a joint monitoring committee in {}, which has met {} times since.",
                c.side_a, c.side_b, c.talks_city, NUMBER_WORDS[n]
            ),
            21 => format!(
                "The envoy is due to travel to {} next Tuesday and to {} later in the week.",
                c.capital, c.talks_city
            ),
            22 => format!(
                "Satellite images taken on {} {} and reviewed by {} show burned buildings in at least {} villages.",
                MONTHS[p.month0() as usize],
                p.day().saturating_sub(self.rng.range(1, 6) as u32).max(1),
                self.outlet.name,
                NUMBER_WORDS[n]
            ),
            23 => format!(
                "Last year, the fighting in {} displaced nearly {} million people, the International Organization for Migration said.",
                c.country,
                self.rng.range(1, 4)
            ),
            24 => format!(
                "For the past {} months, schools in {town} have been closed.",
                NUMBER_WORDS[n]
            ),
            25 => format!(
                "A curfew from 6 p.m. to 6 a.m. has been in force in {} since {last_month}.",
                c.capital
            ),
            26 => format!(
                "The previous round of negotiations, held in {} in the first week of {last_month}, ended without agreement.",
                c.talks_city
            ),
            27 => format!(
                "Within hours of the announcement, both sides reported fresh fighting in {}.",
                c.region
            ),
            28 => format!(
                "Humanitarian agencies say they need ${} million to assist civilians in {} until the end of {year}.",
                self.rng.range(50, 900),
                c.country
            ),
            _ => format!(
                "{} has ruled {} since {} and has rejected calls for early elections.",
                capitalize(c.side_a),
                c.capital,
                c.began.min(year as u16)
            ),
        }
    }

    fn headline(&mut self, main: Option<&Happening>) -> String {
        let c = self.conflict;
        let Some(h) = main else {
            return match self.rng.below(3) {
                0 => format!("Uneasy calm holds in {} as truce talks drag on", c.region),
                1 => format!("Analysis: Why ceasefires in {} keep failing", c.country),
                _ => format!("{} mediators push for new truce", capitalize(c.mediator)),
            };
        };
        let town = self.town(h);
        let (actor, other) = self.actor(h);
        match h.kind {
            Kind::Agreed => format!("{} warring parties agree {}-hour truce", c.country, h.hours),
            Kind::InForce => format!("Ceasefire takes effect in {}", c.region),
            Kind::Violation => format!(
                "{} accuses {other} of breaking {} truce",
                capitalize(actor),
                c.country
            ),
            Kind::Shelling => format!("Shelling hits {town} despite ceasefire"),
            Kind::AirStrike => format!("Air strike on {town} kills {}", h.killed.max(2)),
            Kind::Clash => format!("Clashes erupt in {} as truce falters", town),
            Kind::Talks => format!("{} talks resume in {}", c.country, c.talks_city),
            Kind::Exchange => format!("{} sides swap prisoners", c.country),
            Kind::Displacement => format!("Thousands flee fighting in {}", c.region),
            Kind::Captured => format!("{} claims capture of {town}", capitalize(actor)),
        }
    }

    fn slug(&mut self, recent: &[&Happening]) -> String {
        let kind = recent.last().map(|h| h.kind);
        let what = match kind {
            Some(Kind::Agreed | Kind::InForce) => "ceasefire",
            Some(Kind::Violation) => "truce-violations",
            Some(Kind::Talks) => "talks",
            Some(Kind::Exchange) => "prisoner-swap",
            Some(_) => "fighting",
            None => "analysis",
        };
        format!(
            "{}-{what}",
            self.conflict
                .country
                .to_ascii_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join("-")
        )
    }

    fn dateline(&mut self) -> String {
        let city = if self.rng.chance(70) {
            self.conflict.capital
        } else {
            self.conflict.talks_city
        }
        .to_uppercase();
        let o = self.outlet;
        if o.wire {
            let md = self.month_day(self.published);
            match self.rng.below(3) {
                0 => format!("{city}, {md} ({}) - ", o.name),
                1 => format!("{city}, {md} ({}) \u{2014} ", o.name),
                _ => format!("{city} ({}) - ", o.name),
            }
        } else if self.rng.chance(50) {
            format!("{city} \u{2014} ")
        } else {
            String::new()
        }
    }

    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn article(&mut self, recent: &[&Happening]) {
        // Page furniture above the story.
        for _ in 0..self.rng.range(0, 3) {
            let f = self.rng.pick(TOP_FURNITURE);
            self.line(f);
        }
        if !self.out.is_empty() {
            self.line("");
        }
        let main = recent.last().copied();
        let headline = self.headline(main);
        self.line(&headline);
        self.line("");
        if self.rng.chance(40) {
            let by = self.rng.pick(REPORTERS);
            self.line(&format!("By {by}"));
        }
        if self.rng.chance(35) {
            let p = self.published;
            let hm = format!("{:02}:{:02}", self.rng.range(5, 22), self.rng.below(60));
            let line = match self.rng.below(3) {
                0 => format!(
                    "Published {} {} {} {hm} GMT",
                    p.day(),
                    MONTHS[p.month0() as usize],
                    p.year()
                ),
                1 => format!(
                    "Updated {} {}, {} at {hm}",
                    MONTHS[p.month0() as usize],
                    p.day(),
                    p.year()
                ),
                _ => format!("{p} {hm}"),
            };
            self.line(&line);
        }
        self.line("");
        // The lede.
        let dateline = self.dateline();
        let lede = match main {
            Some(h) => format!("{dateline}{}.", self.event_sentence(h, true)),
            None => format!(
                "{dateline}Mediators from {} pressed on {} with efforts to revive a ceasefire in {}, diplomats said.",
                self.conflict.mediator,
                weekday_name(self.published.weekday()),
                self.conflict.region
            ),
        };
        self.line(&lede);
        self.line("");
        // The body: the main happening's details, the other recent ones, quotes, background.
        // Most of a report is about the days just past: each happening is told again in the
        // body (the main one in other words), with its toll and a few details, all dated to
        // the day or the hour; a few background sentences (years, months: "since 2014") and
        // quotes are woven in, as in wire copy.
        let target = self.rng.range(2000, 6400);
        let mut reported: Vec<&Happening> = recent.iter().rev().copied().collect();
        reported.truncate(10);
        let mut plan: Vec<Piece> = Vec::new();
        for (i, &h) in reported.iter().enumerate() {
            plan.push(Piece::Event(i));
            if h.killed > 0 || h.wounded > 0 {
                plan.push(Piece::Toll(i));
            }
            for _ in 0..self.rng.range(2, 4) {
                plan.push(Piece::Detail(i));
            }
        }
        for _ in 0..self.rng.range(1, 4) {
            let at = self.rng.below(plan.len() + 1);
            plan.insert(at, Piece::Quote);
        }
        let backgrounds_wanted = self.rng.range(2, 5);
        for _ in 0..backgrounds_wanted {
            // Background comes after the news, mostly.
            let at = plan.len() / 2 + self.rng.below(plan.len() / 2 + 1);
            plan.insert(at, Piece::Background);
        }
        let mut backgrounds: Vec<usize> = (0..Self::BACKGROUNDS).collect();
        for i in (1..backgrounds.len()).rev() {
            let j = self.rng.below(i + 1);
            backgrounds.swap(i, j);
        }
        let mut paragraph = String::new();
        let fallback = Happening {
            kind: Kind::Talks,
            day: self.published,
            minute: 600,
            town: 0,
            killed: 0,
            wounded: 0,
            hours: 72,
            by_a: self.rng.chance(50),
        };
        for piece in plan {
            if self.out.len() + paragraph.len() >= target {
                break;
            }
            let sentence = match piece {
                Piece::Event(i) => format!("{}.", self.event_sentence(reported[i], false)),
                Piece::Toll(i) => match self.casualty_sentence(reported[i]) {
                    Some(s) => format!("{s}."),
                    None => continue,
                },
                Piece::Detail(i) => format!("{}.", self.detail_sentence(reported[i])),
                Piece::Background => {
                    let which = backgrounds
                        .pop()
                        .unwrap_or_else(|| self.rng.below(Self::BACKGROUNDS));
                    self.background(which)
                }
                Piece::Quote => {
                    let h = match reported.len() {
                        0 => fallback.clone(),
                        n => reported[self.rng.below(n)].clone(),
                    };
                    // Quotes stand alone as paragraphs in wire copy.
                    let q = self.quote(&h);
                    if !paragraph.is_empty() {
                        let p = std::mem::take(&mut paragraph);
                        self.line(p.trim_end());
                        self.line("");
                    }
                    self.line(&q);
                    self.line("");
                    continue;
                }
            };
            paragraph.push_str(&sentence);
            paragraph.push(' ');
            if self.rng.chance(45) {
                let p = std::mem::take(&mut paragraph);
                self.line(p.trim_end());
                self.line("");
            }
        }
        // A quiet week: the analysis pieces run on background.
        if reported.is_empty() {
            for _ in 0..self.rng.range(3, 8) {
                let which = backgrounds
                    .pop()
                    .unwrap_or_else(|| self.rng.below(Self::BACKGROUNDS));
                let b = self.background(which);
                paragraph.push_str(&b);
                paragraph.push(' ');
            }
        }
        if !paragraph.is_empty() {
            self.line(paragraph.trim_end());
            self.line("");
        }
        // Credits and furniture below the story.
        if self.outlet.wire && self.rng.chance(60) {
            let r = self.rng.pick(REPORTERS);
            let e = self.rng.pick(EDITORS);
            self.line(&format!("Reporting by {r}; Editing by {e}"));
            self.line("");
        }
        for _ in 0..self.rng.range(1, 4) {
            let f = self.rng.pick(BOTTOM_FURNITURE);
            self.line(f);
        }
        let copyright = self.outlet.copyright;
        self.line(copyright);
    }
}

/// What [`write_corpus`] wrote.
pub struct Stats {
    pub articles: usize,
    pub bytes: u64,
}

/// The name of the manifest [`write_corpus`] writes beside the articles (hidden, so the
/// loader skips it): file, publication date, outlet, conflict and bytes, tab-separated.
pub const MANIFEST: &str = ".corpus.tsv";

/// Writes articles `0..articles` of the corpus of `seed` into `out` (created if missing),
/// and the manifest.
pub fn write_corpus(out: &std::path::Path, seed: u64, articles: usize) -> std::io::Result<Stats> {
    let with_path = |path: &std::path::Path| {
        let path = path.display().to_string();
        move |e: std::io::Error| std::io::Error::new(e.kind(), format!("{path}: {e}"))
    };
    std::fs::create_dir_all(out).map_err(with_path(out))?;
    let corpus = Corpus::new(seed);
    let mut manifest = String::from("file\tpublished\toutlet\tconflict\tbytes\n");
    let mut bytes = 0u64;
    for i in 0..articles {
        let a = corpus.article(i);
        let path = out.join(&a.file_name);
        std::fs::write(&path, &a.text).map_err(with_path(&path))?;
        bytes += a.text.len() as u64;
        manifest.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            a.file_name,
            a.published,
            a.outlet,
            a.conflict,
            a.text.len()
        ));
    }
    let path = out.join(MANIFEST);
    std::fs::write(&path, manifest).map_err(with_path(&path))?;
    Ok(Stats { articles, bytes })
}
