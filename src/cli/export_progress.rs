//! How `users --all` tells its progress: on a terminal, an indicatif bar on stderr (the job's
//! percentage while Auth0 writes the file; then bytes, users so far, rate and time left while it
//! downloads); off one, a plain line each time the words change.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::auth0::export::ExportProgress;
use crate::output::text::clean;

pub enum ExportBar {
    Live { bar: ProgressBar, downloading: bool },
    Lines { last: String },
}

impl ExportBar {
    pub fn new(live: bool) -> ExportBar {
        if !live {
            return ExportBar::Lines { last: String::new() };
        }
        let bar = ProgressBar::with_draw_target(Some(100), ProgressDrawTarget::stderr());
        bar.set_style(job_style());
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        ExportBar::Live { bar, downloading: false }
    }

    pub fn show(&mut self, progress: &ExportProgress) {
        match self {
            ExportBar::Lines { last } => {
                let text = progress.to_string();
                if *last != text {
                    super::note(&text);
                    *last = text;
                }
            }
            ExportBar::Live { bar, downloading } => match progress {
                ExportProgress::Queued { job } => bar.set_message(clean(&format!("export {job}: queued"))),
                ExportProgress::Processing { job, percent } => {
                    bar.set_position(percent.unwrap_or(0).min(100));
                    bar.set_message(clean(&format!("export {job}: Auth0 is writing the file")));
                }
                ExportProgress::Downloading { bytes, total_bytes, users } => {
                    if !*downloading {
                        *downloading = true;
                        bar.set_style(download_style(total_bytes.is_some()));
                        bar.reset_eta();
                    }
                    bar.set_length(total_bytes.unwrap_or(0));
                    bar.set_position(*bytes);
                    bar.set_message(format!("{users} users"));
                }
            },
        }
    }

    /// Takes the bar off the terminal before the last words are printed.
    pub fn finish(self) {
        if let ExportBar::Live { bar, .. } = self {
            bar.finish_and_clear();
        }
    }
}

fn job_style() -> ProgressStyle {
    ProgressStyle::with_template("tenantscope: {spinner} [{bar:24}] {pos:>3}% {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("#>-")
}

/// Bytes of the whole when the file host said its size, else bytes so far; users, rate, time left.
fn download_style(sized: bool) -> ProgressStyle {
    let template = if sized {
        "tenantscope: downloading [{bar:24}] {bytes}/{total_bytes} · {msg} · {bytes_per_sec} · {eta} left"
    } else {
        "tenantscope: downloading {spinner} {bytes} · {msg} · {bytes_per_sec}"
    };
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("#>-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_style_is_a_valid_template() {
        for template in [job_style(), download_style(true), download_style(false)] {
            let bar = ProgressBar::hidden();
            bar.set_style(template);
        }
        assert!(ProgressStyle::with_template("tenantscope: {spinner} [{bar:24}] {pos:>3}% {msg}").is_ok());
    }
}
