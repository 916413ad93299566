//! Timing a whole process as a user or a CI job runs it, shared by the benchmarks that compare whole runs: wall
//! clock and peak resident memory from GNU time (`/usr/bin/time`).

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};

pub struct Timed {
    /// Seconds of wall-clock time.
    pub wall: f64,
    pub peak_mib: f64,
    pub exit: i32,
}

/// Run `program` with `args` in the folder `dir` under GNU time, its output discarded.
pub fn run<I, S>(dir: &Path, program: impl AsRef<OsStr>, args: I) -> Timed
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let output = Command::new("/usr/bin/time")
        .args(["-f", "%e %M"])
        .arg(program)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .output()
        .expect("GNU time (/usr/bin/time) is installed");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last = stderr.lines().last().unwrap_or_default();
    let mut fields = last.split_whitespace().map(|f| f.parse::<f64>().unwrap_or(f64::NAN));
    Timed {
        wall: fields.next().unwrap_or(f64::NAN),
        peak_mib: fields.next().unwrap_or(f64::NAN) / 1024.0,
        exit: output.status.code().unwrap_or(-1),
    }
}

/// The run of median wall time among `runs` runs of `once` (at least one).
pub fn median(runs: usize, mut once: impl FnMut() -> Timed) -> Timed {
    let mut all: Vec<Timed> = (0..runs.max(1)).map(|_| once()).collect();
    all.sort_by(|a, b| a.wall.total_cmp(&b.wall));
    all.swap_remove(all.len() / 2)
}
