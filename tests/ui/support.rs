//! Shared helpers of the UI tests: an app with a fixed day, keys, a text
//! rendering of the screen, and a harness that runs the real effects against
//! an in-process sandbox CRM.

use std::net::{Ipv4Addr, SocketAddr};

use crmcard::api::envelope::ErrorItem;
use crmcard::api::error::CrmError;
use crmcard::api::model::ClientCard;
use crmcard::api::{ApiError, Client, ClientOptions, Sid};
use crmcard::app::Popup;
use crmcard::app::form::{FormScreen, Problem, Row};
use crmcard::app::vocab::{DictKey, FieldId};
use crmcard::app::write::WriteOp;
use crmcard::app::{App, AppSetup, Effect, Msg, RequestId, Screen};
use crmcard::dates::Date;
use crmcard::directory::{DirEntry, Directory, DirectoryHandle};
use crmcard::executor::Executor;
use crmcard::i18n::Lang;
use crmcard::keymap::Keymap;
use crmcard::sandbox::{LoggedRequest, Sandbox, SandboxConfig};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The vendor's sample client: 2 contacts, 1 address, 1 account, 1 expired card.
pub const SAMPLE: &str = "10000000009188";
/// A richer seed client: 2 addresses, 2 accounts, 2 cards (one expired on
/// [`today`]).
pub const RICH: &str = "10000000009230";
/// A seed client with balances over a thousand.
pub const WEALTHY: &str = "10000000009239";

/// The day every test lives on.
pub fn today() -> Date {
    Date::new(2026, 11, 28).expect("a valid date")
}

/// The demo's client directory, in memory: the sandbox's seed clients.
pub fn demo_directory() -> Directory {
    let mut directory = Directory::in_memory().expect("an in-memory directory");
    for client in crmcard::start::demo_clients().expect("the built-in seed") {
        directory.upsert(&client).expect("a demo client is kept");
    }
    directory
}

/// An app with a fixed day and the default keymap. Its client directory
/// is empty: [`press`], [`send`] and [`type_text`] answer its searches
/// with no hits. [`Desk`] gives it the demo's directory.
pub fn app(lang: Lang) -> App {
    app_with_keymap(lang, Keymap::default())
}

/// [`app`] with `keymap` in place of the default one.
pub fn app_with_keymap(lang: Lang, keymap: Keymap) -> App {
    App::new(AppSetup {
        lang,
        keymap,
        city_code: None,
        today: today(),
        connection: "test".to_owned(),
        startup_messages: Vec::new(),
    })
}

/// The Russian app with `keymap`, the sample client's card open.
pub fn sample_card_app(keymap: Keymap) -> App {
    let mut app = app_with_keymap(Lang::Ru, keymap);
    open_card(&mut app, sample_card());
    app
}

/// The default keymap with a config file's `[keymap]` lines
/// (`("confirm.yes", &["Enter"])`), every one of them valid.
pub fn keymap_with(lines: &[(&str, &[&str])]) -> Keymap {
    let overrides = lines
        .iter()
        .map(|(action, keys)| {
            let keys = keys.iter().map(|k| (*k).to_owned()).collect();
            ((*action).to_owned(), keys)
        })
        .collect();
    let (keymap, warnings) = Keymap::with_overrides(&overrides);
    assert!(warnings.is_empty(), "{warnings:?}");
    keymap
}

// ------------------------------------------------------------------ keys

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub fn shift_tab() -> KeyEvent {
    KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)
}

/// Sends one key; returns the effects, but for the directory searches,
/// which an empty directory answers at once.
pub fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    send(app, key(code))
}

pub fn send(app: &mut App, event: KeyEvent) -> Vec<Effect> {
    let effects = app.update(Msg::Key(event));
    nobody_found(app, effects)
}

/// Answers the searches among `effects` with no hits; returns the rest and
/// what the answers asked for.
pub fn nobody_found(app: &mut App, effects: Vec<Effect>) -> Vec<Effect> {
    let mut out = Vec::new();
    let mut queue = effects;
    while !queue.is_empty() {
        let mut next = Vec::new();
        for effect in queue {
            match effect {
                Effect::SearchDirectory { req, .. } => {
                    next.extend(app.update(Msg::DirectoryFound {
                        req,
                        hits: Vec::new(),
                        layout: None,
                    }))
                }
                Effect::SearchSimilar { req, .. } => next.extend(app.update(Msg::SimilarFound {
                    req,
                    hits: Vec::new(),
                })),
                other => out.push(other),
            }
        }
        queue = next;
    }
    out
}

/// Types `text` a character at a time; returns all the effects.
pub fn type_text(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| press(app, KeyCode::Char(c)))
        .collect()
}

// ----------------------------------------------------------- inspecting

pub fn lookup(app: &App) -> &crmcard::app::LookupScreen {
    match app.screens.first() {
        Some(Screen::Lookup(l)) => l,
        other => panic!("no lookup screen at the bottom: {other:?}"),
    }
}

pub fn card(app: &App) -> &crmcard::app::CardScreen {
    match app.screen() {
        Screen::Card(c) => c,
        other => panic!("a card is not on top: {other:?}"),
    }
}

/// The form on top.
pub fn form(app: &App) -> &FormScreen {
    match app.screen() {
        Screen::Form(f) => f,
        other => panic!("a form is not on top: {other:?}"),
    }
}

pub fn on_form(app: &App) -> bool {
    matches!(app.screen(), Screen::Form(_))
}

/// The picker on top, if one is.
pub fn picker(app: &App) -> Option<&crmcard::app::picker::PickerState> {
    match app.popups.last() {
        Some(Popup::Picker(p)) => Some(p),
        _ => None,
    }
}

/// The dialog on top, if one is.
pub fn dialog(app: &App) -> Option<&crmcard::app::dialog::DialogState> {
    match app.popups.last() {
        Some(Popup::Dialog(d)) => Some(d),
        _ => None,
    }
}

/// The question of the confirmation on top, if one is, in words.
pub fn confirm_question(app: &App) -> Option<String> {
    match app.popups.last() {
        Some(Popup::Confirm(confirm)) => Some(crmcard::i18n::confirm_text(confirm, app.lang)),
        _ => None,
    }
}

/// The message on top, if one is, in words.
pub fn message(app: &App) -> Option<crmcard::i18n::MessageText> {
    match app.popups.last() {
        Some(Popup::Message(notice)) => Some(crmcard::i18n::notice_text(notice, app.lang)),
        _ => None,
    }
}

/// The names of the items a picker shows, in order.
pub fn picker_names(p: &crmcard::app::picker::PickerState) -> Vec<String> {
    p.matches
        .iter()
        .filter_map(|&i| p.items.get(i as usize).map(|c| c.name.clone()))
        .collect()
}

pub fn on_card(app: &App) -> bool {
    matches!(app.screen(), Screen::Card(_))
}

/// The ids of the clients the lookup screen lists, in order.
pub fn shown_ids(app: &App) -> Vec<String> {
    lookup(app)
        .hits
        .iter()
        .map(|h| h.entry.id.clone())
        .collect()
}

/// The `LoadClient` effects among `effects`: `(req, id)`.
pub fn loads(effects: &[Effect]) -> Vec<(RequestId, String)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::LoadClient { req, id } => Some((*req, id.clone())),
            _ => None,
        })
        .collect()
}

/// The only effect, which must be a `LoadClient`.
pub fn single_load(effects: &[Effect]) -> (RequestId, String) {
    assert_eq!(effects.len(), 1, "expected one LoadClient: {effects:?}");
    loads(effects)
        .pop()
        .unwrap_or_else(|| panic!("not a LoadClient: {effects:?}"))
}

/// The writes among `effects`.
pub fn write_ops(effects: &[Effect]) -> Vec<WriteOp> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Write { op, .. } => Some((**op).clone()),
            _ => None,
        })
        .collect()
}

/// The request id of the first write among `effects` (one must be there).
pub fn write_req(effects: &[Effect]) -> RequestId {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Write { req, .. } => Some(*req),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no write: {effects:?}"))
}

/// A new client's contact form with its type picker open; returns the
/// load of the contact types it asked for.
pub fn contact_type_picker(app: &mut App) -> RequestId {
    // New client, down to "+ add contact", its form, the type picker.
    let mut effects = press(app, KeyCode::Insert);
    for _ in 0..5 {
        effects.extend(press(app, KeyCode::Tab));
    }
    effects.extend(press(app, KeyCode::Enter));
    effects.extend(press(app, KeyCode::Enter));
    assert!(matches!(app.popups.last(), Some(Popup::Picker(_))));
    effects
        .iter()
        .find_map(|e| match e {
            Effect::LoadDict {
                req,
                key: DictKey::ContactTypes,
            } => Some(*req),
            _ => None,
        })
        .expect("the contact types are loading")
}

/// The dictionaries `effects` start loading.
pub fn dict_loads(effects: &[Effect]) -> Vec<DictKey> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::LoadDict { key, .. } => Some(key.clone()),
            _ => None,
        })
        .collect()
}

// ----------------------------------------------------------------- forms

pub fn text_of(app: &App, id: FieldId) -> String {
    form(app)
        .field(id)
        .unwrap_or_else(|| panic!("no field {id:?}"))
        .current()
        .to_owned()
}

pub fn problem_of(app: &App, id: FieldId) -> Option<Problem> {
    form(app).field(id).and_then(|f| f.problem.clone())
}

/// Moves the focus to field `id` with Tab.
pub fn focus(app: &mut App, id: FieldId) {
    for _ in 0..20 {
        if form(app).focused_field().is_some_and(|f| f.id == id) {
            return;
        }
        press(app, KeyCode::Tab);
    }
    panic!("field {id:?} never got the focus");
}

/// Moves the focus of the form on top to `row` with Tab.
pub fn focus_row(app: &mut App, row: Row) {
    for _ in 0..30 {
        if form(app).focused_row() == row {
            return;
        }
        press(app, KeyCode::Tab);
    }
    panic!("row {row:?} never got the focus: {:?}", form(app).rows());
}

/// Empties the focused text field.
pub fn clear(app: &mut App) {
    let n = form(app)
        .focused_field()
        .map_or(0, |f| f.current().chars().count());
    press(app, KeyCode::End);
    for _ in 0..n {
        press(app, KeyCode::Backspace);
    }
}

pub fn retype(app: &mut App, id: FieldId, text: &str) {
    focus(app, id);
    clear(app);
    type_text(app, text);
    assert_eq!(text_of(app, id), text);
}

pub fn query(r: &LoggedRequest, name: &str) -> Option<String> {
    r.query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

pub fn query_names(r: &LoggedRequest) -> Vec<&str> {
    let mut names: Vec<&str> = r.query.iter().map(|(k, _)| k.as_str()).collect();
    names.sort_unstable();
    names
}

/// Puts the focus on `id`, opens its picker, types `query` and chooses the
/// first match.
pub async fn choose(h: &mut Harness, id: FieldId, query: &str) {
    focus(&mut h.app, id);
    h.press(KeyCode::Enter).await;
    assert!(
        picker(&h.app).is_some(),
        "no picker for {id:?}: {:?}",
        form(&h.app).note
    );
    h.type_text(query).await;
    h.press(KeyCode::Enter).await;
    assert!(
        picker(&h.app).is_none(),
        "{id:?}: nothing matched {query:?}"
    );
}

/// The name chosen in picker field `id`, if any.
pub fn chosen(app: &App, id: FieldId) -> Option<String> {
    form(app)
        .field(id)
        .and_then(|f| f.choice_value())
        .map(|c| c.name.clone())
}

// ------------------------------------------------------------- rendering

/// Snapshots `app` at 80x24 and 120x40 as `{name}_80x24` and `{name}_120x40`.
/// A macro, not a function: insta names the files after the module that
/// calls it (`ui__snapshots__…`, `ui__form_snapshots__…`).
macro_rules! snap {
    ($name:expr, $app:expr) => {{
        use $crate::support::render;
        let (name, app): (&str, &crmcard::app::App) = ($name, $app);
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(app, w, h));
        }
    }};
}
pub(crate) use snap;

/// Draws `app` on a `w`×`h` test terminal: the screen as text (trailing
/// spaces trimmed per line), then the cursor when it is shown.
pub fn render(app: &App, w: u16, h: u16) -> String {
    let (lines, cursor) = render_parts(app, w, h);
    let mut text = lines.join("\n");
    match cursor {
        Some((x, y)) => text.push_str(&format!("\n[cursor {x},{y}]")),
        None => text.push_str("\n[cursor hidden]"),
    }
    text
}

/// The screen's lines and the cursor, if shown.
pub fn render_parts(app: &App, w: u16, h: u16) -> (Vec<String>, Option<(u16, u16)>) {
    let buffer = render_buffer(app, w, h);
    let mut terminal = buffer.1;
    let backend = terminal.backend_mut();
    let cursor = backend
        .cursor_visible()
        .then(|| backend.cursor_position())
        .map(|p| (p.x, p.y));
    (buffer.0, cursor)
}

fn render_buffer(app: &App, w: u16, h: u16) -> (Vec<String>, Terminal<TestBackend>) {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    let lines = {
        let frame = terminal
            .draw(|f| crmcard::ui::draw(f, app))
            .expect("drawing");
        let buffer = frame.buffer;
        let width = usize::from(buffer.area.width);
        buffer
            .content()
            .chunks(width)
            .map(|row| {
                let mut line = String::new();
                let mut skip = 0usize;
                for cell in row {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    let symbol = cell.symbol();
                    line.push_str(symbol);
                    skip = unicode_width(symbol).saturating_sub(1);
                }
                line.trim_end().to_owned()
            })
            .collect()
    };
    (lines, terminal)
}

/// Every symbol of every cell, for the control-character check.
pub fn all_symbols(app: &App, w: u16, h: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    let frame = terminal
        .draw(|f| crmcard::ui::draw(f, app))
        .expect("drawing");
    frame
        .buffer
        .content()
        .iter()
        .map(|c| c.symbol().to_owned())
        .collect()
}

/// The cell width of a symbol: 2 for the wide East Asian ranges, else 1.
/// Enough for these tests (the screens hold Cyrillic, Latin and box lines).
fn unicode_width(symbol: &str) -> usize {
    let wide = symbol.chars().any(|c| {
        matches!(c as u32,
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF
            | 0x20000..=0x3FFFD)
    });
    if wide { 2 } else { 1 }
}

// ------------------------------------------------------------------ data

/// A CRM `Err` envelope as the client reports it.
pub fn crm_error(code: &str, text: &str, request_id: &str, http_status: u16) -> ApiError {
    ApiError::Crm(CrmError {
        errors: vec![ErrorItem {
            code: code.to_owned(),
            text: text.to_owned(),
            details: String::new(),
        }],
        request_id: request_id.to_owned(),
        http_status,
    })
}

/// An `Err` envelope: DLW-0005 with a requestId, as the lookup shows it.
pub fn auth_error_app(lang: Lang) -> App {
    let mut app = app(lang);
    type_text(&mut app, SAMPLE);
    let (req, _) = single_load(&press(&mut app, KeyCode::Enter));
    app.update(Msg::ClientLoaded {
        req,
        result: Err(crm_error(
            "DLW-0005",
            "Authentication failed",
            "7f3c2a9e41d04b6f8e2b5c7d9a1e3f50",
            401,
        )),
    });
    app
}

/// Opens `card` on `app` as if the server had answered a lookup of its id.
pub fn open_card(app: &mut App, card: ClientCard) {
    type_text(app, &card.id.clone());
    let (req, _) = single_load(&press(app, KeyCode::Enter));
    app.update(Msg::ClientLoaded {
        req,
        result: Ok(card),
    });
    assert!(on_card(app), "the card did not open");
}

/// The sample card (its addresses in Москва) with a new address form whose
/// street list is `streets`, answered as the executor hands it over
/// (prepared off the loop), and the street picker open on it.
pub fn street_picker(app: &mut App, streets: Vec<crmcard::api::model::Street>) {
    let mut card = sample_card();
    for address in &mut card.addresses {
        "2".clone_into(&mut address.country_id);
        "10000000000002".clone_into(&mut address.city_id);
    }
    open_card(app, card);
    press(app, KeyCode::Char('3'));
    for effect in press(app, KeyCode::Char('a')) {
        if let Effect::LoadDict { req, key } = effect
            && matches!(&key, DictKey::Streets { .. })
        {
            let data = crmcard::app::DictData::streets(streets.clone());
            let result = Ok(crmcard::app::PreparedDict::new(&key, data));
            app.update(Msg::DictPrepared { req, key, result });
        }
    }
    focus(app, FieldId::Street);
    press(app, KeyCode::Enter);
    assert!(
        picker(app).is_some_and(|p| p.loaded && p.items.len() == streets.len()),
        "the street picker is not open on the list"
    );
}

// ------------------------------------------------------------------ desk

/// An app whose searches, and what it keeps, go to an in-memory directory
/// (the demo's clients unless a test says otherwise), answered in order:
/// `update` tests of the lookup without a network.
pub struct Desk {
    pub app: App,
    pub directory: Directory,
}

impl Desk {
    /// The demo's directory; the first (empty) search answered.
    pub fn new(lang: Lang) -> Desk {
        Self::with(lang, demo_directory())
    }

    pub fn with(lang: Lang, directory: Directory) -> Desk {
        let mut desk = Desk {
            app: app(lang),
            directory,
        };
        let start = desk.app.start();
        desk.run(start);
        desk
    }

    /// Sends `msg`; returns the effects the directory does not answer.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let effects = self.app.update(msg);
        self.run(effects)
    }

    pub fn press(&mut self, code: KeyCode) -> Vec<Effect> {
        self.update(Msg::Key(key(code)))
    }

    pub fn type_text(&mut self, text: &str) -> Vec<Effect> {
        text.chars()
            .flat_map(|c| self.press(KeyCode::Char(c)))
            .collect()
    }

    /// Runs the directory's effects (as the executor does) and feeds their
    /// answers back; returns the others (loads, writes, dictionaries).
    pub fn run(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        let mut out = Vec::new();
        let mut queue = effects;
        while !queue.is_empty() {
            let mut next = Vec::new();
            for effect in queue {
                match crmcard::executor::directory::answer(Some(&mut self.directory), effect) {
                    Ok(Some(msg)) => next.extend(self.app.update(msg)),
                    Ok(None) => {}
                    Err(other) => out.push(other),
                }
            }
            queue = next;
        }
        out
    }
}

// --------------------------------------------------------------- harness

/// An app wired to an in-process sandbox CRM through the real executor.
pub struct Harness {
    pub app: App,
    pub executor: Executor,
    pub sandbox: Sandbox,
    /// The client directory the executor answers from (the demo's).
    pub directory: DirectoryHandle,
}

impl Harness {
    /// Starts a sandbox with the default config (sid "demo", object 1) and an
    /// app in `lang`, and lets the start-up dictionaries load.
    pub async fn start(lang: Lang) -> Harness {
        Self::start_with(SandboxConfig::default(), lang).await
    }

    /// As [`Harness::start`], with a sandbox set up by `config`.
    pub async fn start_with(config: SandboxConfig, lang: Lang) -> Harness {
        Self::start_on(config, lang, true).await
    }

    /// As [`Harness::start`] with no client directory for the executor, as
    /// when its file could not be opened (garbage, a directory in its
    /// place): every search and phone check finds it unavailable.
    pub async fn without_directory(lang: Lang) -> Harness {
        Self::start_on(SandboxConfig::default(), lang, false).await
    }

    async fn start_on(config: SandboxConfig, lang: Lang, with_directory: bool) -> Harness {
        let (object_id, sid) = (config.object_id.clone(), config.sid.clone());
        let sandbox = crmcard::sandbox::start(config, SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
            .await
            .expect("the sandbox starts");
        let client = Client::new(ClientOptions::new(
            sandbox.base_url(),
            object_id,
            Sid::new(sid),
        ))
        .expect("a client");
        let directory = DirectoryHandle::new(demo_directory());
        let mut harness = Harness {
            app: app(lang),
            executor: Executor::new(client, with_directory.then(|| directory.clone()))
                .with_call_log(crmcard::executor::CallLogSetup {
                    crm: "test".to_owned(),
                    keep_days: 90,
                }),
            sandbox,
            directory,
        };
        // A time, so that the directory orders the clients opened.
        harness.app.update(Msg::Tick(crmcard::app::Clock {
            since_start: std::time::Duration::ZERO,
            unix_secs: 1_800_000_000,
            today: today(),
            utc_offset_secs: 0,
        }));
        let effects = harness.app.start();
        harness.settle(effects).await;
        harness
    }

    /// The sample card, a new address form open from section 3 (Москва),
    /// its lists loaded.
    pub async fn new_address(lang: Lang) -> Harness {
        let mut h = Harness::start(lang).await;
        h.open(SAMPLE).await;
        h.press(KeyCode::Char('3')).await;
        h.press(KeyCode::Char('a')).await;
        h
    }

    /// Moves the clock to `secs` seconds after the start.
    pub fn tick(&mut self, secs: u64) {
        self.app.update(Msg::Tick(crmcard::app::Clock {
            since_start: std::time::Duration::from_secs(secs),
            unix_secs: 1_800_000_000 + secs,
            today: today(),
            utc_offset_secs: 0,
        }));
    }

    /// Runs `effects` and feeds their answers back into `update`, until no
    /// effect is left (at most 50 rounds).
    pub async fn settle(&mut self, mut effects: Vec<Effect>) {
        for _ in 0..50 {
            if effects.is_empty() {
                return;
            }
            let mut next = Vec::new();
            for effect in effects {
                if let Some(msg) = self.executor.run(effect).await {
                    next.extend(self.app.update(msg));
                }
            }
            effects = next;
        }
        panic!("effects did not settle in 50 rounds: {effects:?}");
    }

    /// Sends a key and runs what it asks for (the directory's searches
    /// too).
    pub async fn press(&mut self, code: KeyCode) {
        self.send(key(code)).await;
    }

    pub async fn send(&mut self, event: KeyEvent) {
        let effects = self.app.update(Msg::Key(event));
        self.settle(effects).await;
    }

    pub async fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c)).await;
        }
    }

    /// Types a client id, presses Enter, and waits for the card.
    pub async fn open(&mut self, id: &str) {
        self.type_text(id).await;
        self.press(KeyCode::Enter).await;
        assert!(
            on_card(&self.app),
            "card {id} did not open: {:?}",
            lookup(&self.app).error
        );
    }

    /// The requests the sandbox received with `method` to `path`.
    pub fn requests_to(&self, method: &str, path: &str) -> Vec<LoggedRequest> {
        self.sandbox
            .requests()
            .into_iter()
            .filter(|r| r.method == method && r.path == path)
            .collect()
    }

    /// The requests the sandbox received that were not GETs.
    pub fn writes(&self) -> Vec<LoggedRequest> {
        self.sandbox
            .requests()
            .into_iter()
            .filter(|r| r.method != "GET")
            .collect()
    }

    /// The client `id` as the desk's directory knows it.
    pub fn known(&self, id: &str) -> Option<DirEntry> {
        self.executor
            .directory()
            .expect("the harness has a directory")
            .blocking(|d| d.get(id))
            .expect("the directory answers")
    }

    /// The card of `id` as the sandbox serves it.
    pub async fn fetch(&self, id: &str) -> ClientCard {
        self.executor
            .client()
            .client(id)
            .await
            .unwrap_or_else(|e| panic!("GET client {id}: {e}"))
    }
}

/// A card built by hand: the vendor's sample client.
pub fn sample_card() -> ClientCard {
    use crmcard::api::model::{Account, Address, Contact, LoyaltyCard};
    ClientCard {
        id: SAMPLE.to_owned(),
        lastname: "Безногов".to_owned(),
        firstname: "Сергей".to_owned(),
        middlename: "Витальевич".to_owned(),
        birthday: "1971-10-18T00:00:00".to_owned(),
        note: "лояльный клиент".to_owned(),
        contacts: vec![
            Contact {
                id: "10000000008064".to_owned(),
                type_id: "1".to_owned(),
                type_name: "Телефон".to_owned(),
                value: "333".to_owned(),
            },
            Contact {
                id: "10000000008066".to_owned(),
                type_id: "2".to_owned(),
                type_name: "Мобильный".to_owned(),
                value: "+79998887766".to_owned(),
            },
            Contact {
                id: "10000000008067".to_owned(),
                type_id: "3".to_owned(),
                type_name: "E-mail".to_owned(),
                value: "s.beznogov@example.com".to_owned(),
            },
        ],
        addresses: vec![
            Address {
                id: "10000000003276".to_owned(),
                type_name: "Домашний".to_owned(),
                city: "Москва".to_owned(),
                street: "10-я Текстильщиков".to_owned(),
                house: "10".to_owned(),
                apartments: "7".to_owned(),
                metro_station: "Академическая".to_owned(),
                ..Address::default()
            },
            Address {
                id: "10000000003277".to_owned(),
                type_name: "Рабочий".to_owned(),
                city: "Москва".to_owned(),
                street: "Тверская".to_owned(),
                house: "1".to_owned(),
                ..Address::default()
            },
        ],
        accounts: vec![Account {
            account_number: "03.00011.00010593.0001".to_owned(),
            status: "Active".to_owned(),
            account_type_name: "бонусный".to_owned(),
            date_create: "2020-02-13T00:00:00".to_owned(),
            balance: 1234.5,
            ..Account::default()
        }],
        cards: vec![LoyaltyCard {
            card_code: "112232213".to_owned(),
            status: "Active".to_owned(),
            date_offered: "2019-12-25T00:00:00".to_owned(),
            date_expired: "2021-12-25T00:00:00".to_owned(),
            group_name: "основная".to_owned(),
            ..LoyaltyCard::default()
        }],
    }
}
