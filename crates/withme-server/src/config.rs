//! How the server is set up: flags, or the environment, or the defaults.
//!
//! | flag | environment | default |
//! | --- | --- | --- |
//! | `--addr` | `WITHME_ADDR` | `127.0.0.1:8080` (loopback only) |
//! | `--db` | `WITHME_DB` | `withme.sqlite` |
//! | `--dist` | `WITHME_DIST` | `dist` (the built app) |
//! | `--origin` (repeatable) | `WITHME_ORIGINS` (comma-separated) | the server's own address |
//! | `--retention-hours` | `WITHME_RETENTION_HOURS` | `24` |

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// The server's settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen.
    pub addr: SocketAddr,
    /// The SQLite database file.
    pub db: PathBuf,
    /// The built app to serve.
    pub dist: PathBuf,
    /// Origins a page may open a live connection from (`http://localhost:8080`…).
    pub origins: Vec<String>,
    /// How long a finished lesson's data is kept on the server after the teacher ends it.
    pub retention: Duration,
}

/// Why the settings could not be read. The text is for the person starting the server.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A flag with no value after it.
    #[error("{0} needs a value after it")]
    Missing(String),
    /// A flag this server does not know.
    #[error("unknown option {0} (try --addr, --db, --dist, --origin, --retention-hours)")]
    Unknown(String),
    /// A value that could not be read.
    #[error("{0}: {1}")]
    Bad(String, String),
}

impl Config {
    /// The settings from `args` (without the program's name) and `env`.
    pub fn read(
        args: impl IntoIterator<Item = String>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let mut addr = env("WITHME_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into());
        let mut db = env("WITHME_DB").unwrap_or_else(|| "withme.sqlite".into());
        let mut dist = env("WITHME_DIST").unwrap_or_else(|| "dist".into());
        let mut origins: Vec<String> = env("WITHME_ORIGINS")
            .map(|o| {
                o.split(',')
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let mut retention = env("WITHME_RETENTION_HOURS").unwrap_or_else(|| "24".into());
        let mut args = args.into_iter();
        while let Some(flag) = args.next() {
            let mut value = || {
                args.next()
                    .ok_or_else(|| ConfigError::Missing(flag.clone()))
            };
            match flag.as_str() {
                "--addr" => addr = value()?,
                "--db" => db = value()?,
                "--dist" => dist = value()?,
                "--origin" => origins.push(value()?),
                "--retention-hours" => retention = value()?,
                _ => return Err(ConfigError::Unknown(flag)),
            }
        }
        let addr: SocketAddr = addr.parse().map_err(|e: std::net::AddrParseError| {
            ConfigError::Bad("--addr".into(), e.to_string())
        })?;
        let hours: u64 = retention
            .parse()
            .map_err(|_| ConfigError::Bad("--retention-hours".into(), "a whole number".into()))?;
        if origins.is_empty() {
            origins = own_origins(addr);
        }
        Ok(Self {
            addr,
            db: db.into(),
            dist: dist.into(),
            origins,
            retention: Duration::from_secs(hours * 3600),
        })
    }
}

/// The origins a browser shows for the server's own address.
fn own_origins(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    let mut origins = vec![format!("http://{addr}")];
    if addr.ip().is_loopback() {
        origins.push(format!("http://localhost:{port}"));
        origins.push(format!("http://127.0.0.1:{port}"));
    }
    origins.dedup();
    origins
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(args: &[&str]) -> Result<Config, ConfigError> {
        Config::read(args.iter().map(|s| s.to_string()), |_| None)
    }

    #[test]
    fn the_defaults_listen_on_loopback_and_trust_only_their_own_origin() {
        let config = read(&[]).unwrap();
        assert!(config.addr.ip().is_loopback());
        assert!(config.origins.contains(&"http://localhost:8080".to_owned()));
        assert_eq!(config.retention, Duration::from_secs(24 * 3600));
    }

    #[test]
    fn flags_win_and_mistakes_are_named() {
        let config = read(&[
            "--addr",
            "0.0.0.0:9000",
            "--origin",
            "https://school.example",
        ])
        .unwrap();
        assert_eq!(config.addr.port(), 9000);
        assert_eq!(config.origins, ["https://school.example"]);
        assert_eq!(
            read(&["--addr"]).unwrap_err(),
            ConfigError::Missing("--addr".into())
        );
        assert!(matches!(
            read(&["--port", "1"]),
            Err(ConfigError::Unknown(_))
        ));
        assert!(matches!(
            read(&["--retention-hours", "soon"]),
            Err(ConfigError::Bad(..))
        ));
    }
}
