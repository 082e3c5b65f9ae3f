//! The shared directory's link in the header: nothing while it works or
//! before it is known, a quiet word while the database cannot be used.

use crate::support::*;
use crmcard::app::{Msg, SharedLink};
use crmcard::i18n::Lang;

#[test]
fn the_header_says_quietly_when_the_shared_directory_is_offline() {
    for (lang, words) in [
        (Lang::Ru, "общий справочник недоступен"),
        (Lang::En, "shared directory offline"),
    ] {
        let mut app = app(lang);
        let header = |app: &crmcard::app::App| render_parts(app, 120, 40).0[0].clone();
        assert!(!header(&app).contains(words));
        app.update(Msg::SharedDirectory(SharedLink::Offline));
        assert!(header(&app).contains(words), "{}", header(&app));
        snap!(&format!("shared_directory_offline_{}", lang.code()), &app);
        app.update(Msg::SharedDirectory(SharedLink::Online));
        assert!(!header(&app).contains(words), "{}", header(&app));
    }
}
