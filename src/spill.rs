//! Bounded-memory grouping of dump lines: kept in memory while they fit the budget
//! (`--mem`), spilled to temporary files by bucket range once they do not.
//!
//! Each spill file holds a contiguous range of [`BUCKETS`](crate::dump::BUCKETS), so reading
//! the files in order and sorting each by bucket gives the same global order as sorting
//! everything in memory. A file that is still larger than the budget when its turn comes is
//! split again by narrower bucket ranges, so no group exceeds the budget unless one thread
//! alone does. The temporary directory is removed when the spill is dropped.

use rayon::prelude::*;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::dump::{BUCKETS, DumpLine};

/// Number of spill files (each a range of `BUCKETS / FILES` buckets).
const FILES: u32 = 256;

/// Approximate bytes a buffered line costs beyond its text.
const LINE_OVERHEAD: usize = 64;

/// Dump lines, in memory or spilled.
pub struct Spill {
    budget: usize,
    bytes: usize,
    memory: Vec<DumpLine>,
    disk: Option<Disk>,
}

struct Disk {
    dir: tempfile::TempDir,
    files: Vec<BufWriter<File>>,
}

impl Spill {
    /// An empty spill with a budget in bytes for lines held in memory.
    pub fn new(budget: usize) -> Self {
        Spill {
            budget,
            bytes: 0,
            memory: Vec::new(),
            disk: None,
        }
    }

    /// Adds a line.
    pub fn push(&mut self, line: DumpLine) -> io::Result<()> {
        if let Some(disk) = &mut self.disk {
            return write_line(
                &mut disk.files[file_of(line.bucket(), 0, BUCKETS, FILES)],
                &line,
            );
        }
        self.bytes += line.json.len() + line.link.len() + LINE_OVERHEAD;
        self.memory.push(line);
        if self.bytes > self.budget {
            self.spill()?;
        }
        Ok(())
    }

    /// True once lines went to disk.
    pub fn spilled(&self) -> bool {
        self.disk.is_some()
    }

    fn spill(&mut self) -> io::Result<()> {
        let dir = tempfile::Builder::new()
            .prefix("threadscan-spill-")
            .tempdir()?;
        let files = (0..FILES)
            .map(|i| File::create(dir.path().join(format!("{i:03}.tsv"))).map(BufWriter::new))
            .collect::<io::Result<Vec<_>>>()?;
        let mut disk = Disk { dir, files };
        for line in self.memory.drain(..) {
            write_line(
                &mut disk.files[file_of(line.bucket(), 0, BUCKETS, FILES)],
                &line,
            )?;
        }
        self.bytes = 0;
        self.disk = Some(disk);
        Ok(())
    }

    /// Calls `process` on groups of lines, in bucket order; every thread's lines are in one
    /// group.
    pub fn drain(
        self,
        mut process: impl FnMut(Vec<DumpLine>) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let Some(mut disk) = self.disk else {
            return process(self.memory);
        };
        for f in &mut disk.files {
            f.flush()?;
        }
        let range = BUCKETS / FILES;
        for i in 0..FILES {
            let path = disk.dir.path().join(format!("{i:03}.tsv"));
            drain_file(&path, i * range, (i + 1) * range, self.budget, &mut process)?;
        }
        Ok(())
    }
}

/// Which of `parts` files covers `bucket` within `[start, end)`.
fn file_of(bucket: u32, start: u32, end: u32, parts: u32) -> usize {
    let width = (end - start).div_ceil(parts).max(1);
    ((bucket - start) / width) as usize
}

fn write_line(out: &mut impl Write, line: &DumpLine) -> io::Result<()> {
    writeln!(
        out,
        "{}\t{}\t{}\t{}",
        line.source, line.line, line.link, line.json
    )
}

fn read_line(text: &str) -> Option<DumpLine> {
    let mut parts = text.splitn(4, '\t');
    let source = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let link = parts.next()?.to_string();
    let json = parts.next()?.to_string();
    Some(DumpLine {
        source,
        line,
        link,
        json,
    })
}

/// Processes one spill file covering buckets `[start, end)`, splitting it first when it is
/// over the budget and covers more than one bucket.
fn drain_file(
    path: &Path,
    start: u32,
    end: u32,
    budget: usize,
    process: &mut dyn FnMut(Vec<DumpLine>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let size = std::fs::metadata(path)?.len() as usize;
    if size > budget && end - start > 1 {
        let parts = ((size / budget.max(1)) as u32 + 1).clamp(2, end - start);
        let dir = path.with_extension("split");
        std::fs::create_dir_all(&dir)?;
        let paths: Vec<PathBuf> = (0..parts)
            .map(|k| dir.join(format!("{k:03}.tsv")))
            .collect();
        {
            let mut outs = paths
                .iter()
                .map(|p| File::create(p).map(BufWriter::new))
                .collect::<io::Result<Vec<_>>>()?;
            for text in BufReader::new(File::open(path)?).lines() {
                if let Some(line) = read_line(&text?) {
                    write_line(&mut outs[file_of(line.bucket(), start, end, parts)], &line)?;
                }
            }
            for out in &mut outs {
                out.flush()?;
            }
        }
        std::fs::remove_file(path)?;
        let width = (end - start).div_ceil(parts);
        for (k, p) in paths.iter().enumerate() {
            let lo = start + k as u32 * width;
            if lo < end {
                drain_file(p, lo, (lo + width).min(end), budget, process)?;
            }
        }
        return Ok(());
    }
    // The file is within the budget: read it whole and split its lines on every core (reading
    // line by line kept one core busy while the other waited).
    let text = std::fs::read_to_string(path)?;
    std::fs::remove_file(path)?;
    let lines: Vec<DumpLine> = text.par_lines().filter_map(read_line).collect();
    drop(text);
    process(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(n: u64) -> Vec<DumpLine> {
        (0..n)
            .map(|i| {
                let link = format!("t{}", i % 37);
                DumpLine {
                    source: 0,
                    line: i + 1,
                    json: format!(r#"{{"id":"{i}","link_id":"t3_{link}","body":"x\ty"}}"#),
                    link,
                }
            })
            .collect()
    }

    fn groups(budget: usize) -> (bool, Vec<Vec<DumpLine>>) {
        let mut spill = Spill::new(budget);
        for l in lines(500) {
            spill.push(l).unwrap();
        }
        let spilled = spill.spilled();
        let mut out = Vec::new();
        spill
            .drain(|g| {
                out.push(g);
                Ok(())
            })
            .unwrap();
        (spilled, out)
    }

    #[test]
    fn spilled_and_in_memory_runs_give_the_same_threads_in_the_same_order() {
        let names = vec!["d".to_string()];
        let flatten = |gs: Vec<Vec<DumpLine>>| -> Vec<(String, usize)> {
            gs.into_iter()
                .flat_map(|g| crate::dump::threads_from(g, &names))
                .map(|t| (t.id, t.comments.len()))
                .collect()
        };
        let (spilled_small, small) = groups(2_000);
        let (spilled_big, big) = groups(usize::MAX);
        assert!(spilled_small && !spilled_big);
        assert!(small.len() > 1, "several groups on disk");
        let (a, b) = (flatten(small), flatten(big));
        assert_eq!(a.len(), 37);
        assert_eq!(a, b);
    }
}
