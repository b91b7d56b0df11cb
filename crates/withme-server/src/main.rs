//! `withme-server`: serves the Withme app and runs live lessons. See `config.rs` for its flags.

use withme_server::config::Config;

#[tokio::main]
async fn main() {
    let config = match Config::read(std::env::args().skip(1), |name| std::env::var(name).ok()) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("withme-server: {error}");
            std::process::exit(2);
        }
    };
    if let Err(error) = withme_server::serve(config).await {
        eprintln!("withme-server: {error}");
        std::process::exit(1);
    }
}
