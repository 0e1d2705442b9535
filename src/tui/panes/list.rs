//! A list of things belonging to the selected user: grants, device credentials, or sessions and
//! refresh tokens.

use super::selection::Selection;
use crate::tui::remote::Remote;
use crate::tui::remote::RequestId;

#[derive(Debug, Clone)]
pub struct ListPane<T> {
    pub items: Remote<Vec<T>>,
    pub selection: Selection,
    /// Whose items these are.
    pub user_id: Option<String>,
}

impl<T> Default for ListPane<T> {
    fn default() -> Self {
        ListPane { items: Remote::Idle, selection: Selection::default(), user_id: None }
    }
}

impl<T> ListPane<T> {
    pub fn len(&self) -> usize {
        self.items.loaded().map_or(0, Vec::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Starts loading `user_id`'s items under `req`: the old ones go, the cursor goes to the top.
    pub fn start_loading(&mut self, req: RequestId, user_id: &str) {
        self.items = Remote::Loading(req);
        self.user_id = Some(user_id.to_string());
        self.selection.reset();
    }

    pub fn highlighted(&self) -> Option<&T> {
        self.items.loaded()?.get(self.selection.selected)
    }

    /// Removes the items `gone` matches, keeping the selection in range.
    pub fn remove(&mut self, gone: impl Fn(&T) -> bool) {
        if let Remote::Loaded(items) = &mut self.items {
            items.retain(|item| !gone(item));
            let len = items.len();
            self.selection.clamp(len);
        }
    }
}
