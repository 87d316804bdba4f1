//! The load generator: closed loop (each connection sends its next request as soon as the last
//! is answered: the maximum rate) and open loop (requests at a fixed rate, each one's latency
//! counted from when it was due, so a stalled server cannot hide its queue).

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::time::Instant;

use crate::http::{Conn, Req};

/// What one iteration of a scenario returns.
pub type Step<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

/// One connection's work: each `step` is one iteration (one request, or a whole journey).
pub trait Flow: Send {
    /// Runs one iteration over `conn`; an error is any answer other than the expected one.
    fn step<'a>(&'a mut self, conn: &'a mut Conn) -> Step<'a>;
}

/// Makes the flow of connection `i`.
pub type Flows = Arc<dyn Fn(usize) -> Box<dyn Flow> + Send + Sync>;

/// A flow of single requests: the n-th (over all connections) is `make(n)`, answered `want`.
pub fn requests(want: u16, make: impl Fn(u64) -> Req + Send + Sync + 'static) -> Flows {
    let make: Arc<dyn Fn(u64) -> Req + Send + Sync> = Arc::new(make);
    let counter = Arc::new(AtomicU64::new(0));
    Arc::new(move |_| {
        Box::new(Requests {
            make: make.clone(),
            counter: counter.clone(),
            want,
        })
    })
}

struct Requests {
    make: Arc<dyn Fn(u64) -> Req + Send + Sync>,
    counter: Arc<AtomicU64>,
    want: u16,
}

impl Flow for Requests {
    fn step<'a>(&'a mut self, conn: &'a mut Conn) -> Step<'a> {
        Box::pin(async move {
            let req = (self.make)(self.counter.fetch_add(1, Ordering::Relaxed));
            conn.send(&req).await?.expect(self.want, &req.path)?;
            Ok(())
        })
    }
}

/// Closed loop, or a fixed rate of iterations per second.
#[derive(Debug, Clone, Copy)]
pub enum Mode {
    /// As fast as the answers come.
    Closed,
    /// This many iterations a second, whatever the answers do.
    Open(f64),
}

/// What one run measured (the warm-up left out).
#[derive(Debug, Clone, Default)]
pub struct Measure {
    /// Iterations answered as expected.
    pub ok: u64,
    /// Iterations that failed or answered otherwise.
    pub errors: u64,
    /// The measured time.
    pub seconds: f64,
    /// Latencies of the good iterations, microseconds, sorted.
    pub latencies: Vec<u32>,
    /// What the first failure said.
    pub first_error: Option<String>,
}

impl Measure {
    /// Good iterations per second.
    pub fn rate(&self) -> f64 {
        if self.seconds > 0.0 {
            self.ok as f64 / self.seconds
        } else {
            0.0
        }
    }

    /// The latency at quantile `q` (0..1), milliseconds.
    pub fn quantile_ms(&self, q: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let at = ((self.latencies.len() as f64 - 1.0) * q).round() as usize;
        f64::from(self.latencies[at.min(self.latencies.len() - 1)]) / 1000.0
    }

    /// The median latency, ms.
    pub fn p50(&self) -> f64 {
        self.quantile_ms(0.50)
    }

    /// The 99th percentile latency, ms.
    pub fn p99(&self) -> f64 {
        self.quantile_ms(0.99)
    }
}

/// How long one iteration may take before it counts as failed.
const TOO_LONG: Duration = Duration::from_secs(10);

/// Runs `flows` on `connections` connections to `addr` for `warm_up` + `duration`.
pub async fn run(
    addr: SocketAddr,
    flows: &Flows,
    connections: usize,
    warm_up: Duration,
    duration: Duration,
    mode: Mode,
) -> Measure {
    let start = Instant::now();
    let counted_from = start + warm_up;
    let end = counted_from + duration;
    let tickets = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::with_capacity(connections);
    for i in 0..connections {
        let mut flow = flows(i);
        let tickets = tickets.clone();
        tasks.push(tokio::spawn(async move {
            let mut conn = Conn::new(addr);
            let mut part = Measure::default();
            loop {
                let due = match mode {
                    Mode::Closed => Instant::now(),
                    Mode::Open(rate) => {
                        let n = tickets.fetch_add(1, Ordering::Relaxed);
                        start + Duration::from_secs_f64(n as f64 / rate)
                    }
                };
                if due >= end {
                    break;
                }
                // Closed loop never waits (a zero sleep still costs a timer tick, ~1 ms).
                if due > Instant::now() {
                    tokio::time::sleep_until(due).await;
                }
                let outcome = tokio::time::timeout(TOO_LONG, flow.step(&mut conn)).await;
                if due < counted_from {
                    continue;
                }
                match outcome {
                    Ok(Ok(())) => {
                        part.ok += 1;
                        let micros = due.elapsed().as_micros();
                        part.latencies
                            .push(u32::try_from(micros).unwrap_or(u32::MAX));
                    }
                    Ok(Err(e)) => {
                        part.errors += 1;
                        part.first_error.get_or_insert(e);
                    }
                    Err(_) => {
                        part.errors += 1;
                        part.first_error
                            .get_or_insert_with(|| format!("no answer within {TOO_LONG:?}"));
                        conn = Conn::new(addr);
                    }
                }
            }
            part
        }));
    }
    let mut all = Measure {
        seconds: duration.as_secs_f64(),
        ..Measure::default()
    };
    for task in tasks {
        match task.await {
            Ok(part) => {
                all.ok += part.ok;
                all.errors += part.errors;
                all.latencies.extend(part.latencies);
                if all.first_error.is_none() {
                    all.first_error = part.first_error;
                }
            }
            Err(e) => {
                all.errors += 1;
                all.first_error
                    .get_or_insert(format!("a load task failed: {e}"));
            }
        }
    }
    all.latencies.sort_unstable();
    all
}
