use tenantscope::cli::{self, Cli};

fn main() {
    // Before anything else: a panic's report goes to a file, never over the screen.
    tenantscope::crash::install();
    let cli = Cli::from_env();
    // One thread is plenty: the work is network-bound, and a command starts faster without a
    // pool of workers (the UI's clipboard calls use the blocking pool). A command that needs no
    // network starts faster still without the I/O and timer drivers.
    let mut builder = tokio::runtime::Builder::new_current_thread();
    if cli.needs_io() {
        builder.enable_all();
    }
    let runtime = match builder.build() {
        Ok(runtime) => runtime,
        Err(e) => {
            cli::note(format!("could not start: {e}"));
            std::process::exit(1);
        }
    };
    let result = runtime.block_on(tenantscope::launch::run(cli));
    // Do not wait for lingering connections of the simulated tenant or the HTTP pool.
    runtime.shutdown_background();
    if let Err(err) = result {
        // A verdict has been said already; only its exit status is left.
        if !matches!(err, cli::CliError::Verdict(_)) {
            cli::note(&err);
        }
        std::process::exit(err.exit_code());
    }
}
