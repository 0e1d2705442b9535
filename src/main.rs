use clap::Parser;

use tenantscope::cli::{self, Cli};

fn main() {
    let cli = Cli::parse();
    // One thread is plenty: the work is network-bound, and a command starts faster without a
    // pool of workers (the UI's clipboard calls use the blocking pool).
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            cli::note(format!("could not start: {e}"));
            std::process::exit(1);
        }
    };
    let result = runtime.block_on(cli::run(cli));
    // Do not wait for lingering connections of the simulated tenant or the HTTP pool.
    runtime.shutdown_background();
    if let Err(err) = result {
        cli::note(&err);
        std::process::exit(err.exit_code());
    }
}
