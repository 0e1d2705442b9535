//! The requests the app has sent and not yet heard back from, each registered with who asked:
//! the pane whose module takes its outcome (`PaneModule::on_outcome`), or the app itself. The
//! spinner's count is read from here, never kept by hand; an outcome whose request is not here
//! (another tenant's, after `:ctx`) is dropped. Within a pane, an answer to a request the pane
//! has moved past (a reload, another user) is still dropped by its id, as the pane checks.

use std::collections::HashMap;

use super::action::Outcome;
pub use super::asker::Asker;
use super::command::Command;
use super::remote::RequestId;

#[derive(Debug, Default)]
pub struct Requests {
    open: HashMap<RequestId, Open>,
}

#[derive(Debug)]
struct Open {
    asker: Asker,
    /// A request to the tenant (the spinner turns while one is open), not the clipboard's.
    network: bool,
}

impl Requests {
    /// Registers a command on its way out.
    pub fn sent(&mut self, command: &Command) {
        self.open.insert(command.req(), Open { asker: command.asker(), network: command.is_network() });
    }

    /// Who takes `outcome`, if its request is still open; its final outcome closes it (an
    /// export's batches along the way do not).
    pub fn answered(&mut self, outcome: &Outcome) -> Option<Asker> {
        let req = outcome.req();
        if outcome.is_final() {
            self.open.remove(&req).map(|open| open.asker)
        } else {
            self.open.get(&req).map(|open| open.asker)
        }
    }

    /// How many requests to the tenant are open.
    pub fn in_flight(&self) -> usize {
        self.open.values().filter(|open| open.network).count()
    }

    /// Another tenant: nothing sent to the last one is awaited any more.
    pub fn forget_all(&mut self) {
        self.open.clear();
    }
}
