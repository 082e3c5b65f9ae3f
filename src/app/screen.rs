//! The screens of the stack: the lookup at the bottom, cards, forms and
//! the call log over it. Each screen's state is its own module's; its keys
//! and answers are handled apart from it (its `keys` module), so this enum
//! and the states import no handler.

use super::calls_screen::CallsScreen;
use super::card::CardScreen;
use super::form::FormScreen;
use super::lookup::LookupScreen;

/// One screen of the screen stack.
#[derive(Debug, Clone)]
pub enum Screen {
    Lookup(LookupScreen),
    Card(CardScreen),
    Form(Box<FormScreen>),
    /// The call log.
    Calls(CallsScreen),
}
