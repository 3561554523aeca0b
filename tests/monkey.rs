//! A GUI monkey: thousands of random clicks, drags, wheel turns and key presses on the real
//! app with the seeds loaded, which must survive all of them without a panic. Its own test
//! binary, because it works in a temporary directory: a random path typed into an export
//! prompt must not land in the repository.

use egui::{
    Event, Key, Modifiers, MouseWheelSource, MouseWheelUnit, PointerButton, Pos2, TouchPhase, Vec2,
    vec2,
};
use egui_kittest::Harness;
use truceline::{app::TruceApp, pipeline};

/// SplitMix64: the same monkey every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pos(&mut self, size: Vec2) -> Pos2 {
        Pos2::new(
            self.below(size.x as u64) as f32,
            self.below(size.y as u64) as f32,
        )
    }
}

const KEYS: &[Key] = &[
    Key::ArrowLeft,
    Key::ArrowRight,
    Key::ArrowUp,
    Key::ArrowDown,
    Key::Enter,
    Key::Escape,
    Key::F,
    Key::L,
    Key::Slash,
    Key::Tab,
    Key::Space,
    Key::A,
    Key::Backspace,
];

#[test]
fn thousands_of_random_inputs_do_not_panic_the_app() {
    let work = tempfile::tempdir().unwrap();
    std::env::set_current_dir(work.path()).unwrap();
    let size = vec2(1400.0, 900.0);
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(8)
        .allow_missing_glyphs()
        .build_eframe(|_cc| TruceApp::with_timeline(pipeline::open_bundled_seeds()));
    harness.run_steps(2);
    let mut rng = Rng(0x7275_6365);
    let steps = 2_500;
    for _ in 0..steps {
        let at = rng.pos(size);
        match rng.below(10) {
            0..=3 => {
                harness.event(Event::PointerMoved(at));
                let button = if rng.below(6) == 0 {
                    PointerButton::Secondary
                } else {
                    PointerButton::Primary
                };
                let modifiers = match rng.below(5) {
                    0 => Modifiers::SHIFT,
                    1 => Modifiers::COMMAND,
                    _ => Modifiers::NONE,
                };
                for pressed in [true, false] {
                    harness.event(Event::PointerButton {
                        pos: at,
                        button,
                        pressed,
                        modifiers,
                    });
                }
            }
            4 | 5 => {
                // A drag from here to somewhere else, shift-dragged (a brush) now and then.
                let to = rng.pos(size);
                let modifiers = if rng.below(3) == 0 {
                    Modifiers::SHIFT
                } else {
                    Modifiers::NONE
                };
                harness.event(Event::PointerMoved(at));
                harness.event(Event::PointerButton {
                    pos: at,
                    button: PointerButton::Primary,
                    pressed: true,
                    modifiers,
                });
                harness.step();
                harness.event(Event::PointerMoved(at.lerp(to, 0.5)));
                harness.step();
                harness.event(Event::PointerMoved(to));
                harness.event(Event::PointerButton {
                    pos: to,
                    button: PointerButton::Primary,
                    pressed: false,
                    modifiers,
                });
            }
            6 => {
                harness.event(Event::PointerMoved(at));
                let dy = rng.below(400) as f32 - 200.0;
                let dx = rng.below(100) as f32 - 50.0;
                harness.event(Event::MouseWheel {
                    unit: MouseWheelUnit::Point,
                    delta: vec2(dx, dy),
                    phase: TouchPhase::Move,
                    source: MouseWheelSource::Wheel,
                    modifiers: if rng.below(2) == 0 {
                        Modifiers::COMMAND
                    } else {
                        Modifiers::NONE
                    },
                });
            }
            7 | 8 => {
                let key = KEYS[rng.below(KEYS.len() as u64) as usize];
                harness.key_press(key);
            }
            _ => {
                let text = ["ganja", "x", "1994", " ", "é", "\u{202E}"][rng.below(6) as usize];
                harness.event(Event::Text(text.to_owned()));
            }
        }
        harness.step();
    }
    // Still a working app: the model is the seeds, and a fit draws every lane.
    assert_eq!(harness.state().model_for_tests().sources.len(), 4);
}
