//! Bounded-memory grouping of dump lines: kept in memory while they fit the budget
//! (`--mem`), spilled to temporary files by bucket range once they do not.
//!
//! Each spill file holds a contiguous range of [`BUCKETS`](crate::parse::pushshift::BUCKETS), so reading
//! the files in order and sorting each by bucket gives the same global order as sorting
//! everything in memory. A file that is still larger than the budget when its turn comes is
//! split again by narrower bucket ranges, so no group exceeds the budget unless one thread
//! alone does. The temporary directory is removed when the spill is dropped.
//!
//! A spilled line is a binary record: source (u32), line (u64), then the link and the JSON
//! text, each as a u64 byte length and the bytes. Nothing in a line can break the framing
//! (a `link_id` may hold a TAB or a newline), so the same lines come back whatever `--mem`.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use crate::parse::pushshift::{BUCKETS, DumpLine};

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
            )
            .map_err(|e| named(e, disk.dir.path()));
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
            .tempdir()
            .map_err(|e| named(e, &std::env::temp_dir()))?;
        let files = (0..FILES)
            .map(|i| {
                let path = dir.path().join(format!("{i:03}.spill"));
                File::create(&path)
                    .map(BufWriter::new)
                    .map_err(|e| named(e, &path))
            })
            .collect::<io::Result<Vec<_>>>()?;
        let mut disk = Disk { dir, files };
        for line in self.memory.drain(..) {
            write_line(
                &mut disk.files[file_of(line.bucket(), 0, BUCKETS, FILES)],
                &line,
            )
            .map_err(|e| named(e, disk.dir.path()))?;
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
            return in_slices(self.memory, self.budget, &mut process);
        };
        for f in &mut disk.files {
            f.flush().map_err(|e| named(e, disk.dir.path()))?;
        }
        let range = BUCKETS / FILES;
        for i in 0..FILES {
            let path = disk.dir.path().join(format!("{i:03}.spill"));
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

/// A spill error that names the spill file or directory (a full `TMPDIR` says where).
fn named(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(
        e.kind(),
        format!(
            "spill file {}: {e} (set TMPDIR to a larger disk, or raise --mem)",
            path.display()
        ),
    )
}

fn write_line(out: &mut impl Write, line: &DumpLine) -> io::Result<()> {
    out.write_all(&line.source.to_le_bytes())?;
    out.write_all(&line.line.to_le_bytes())?;
    for field in [line.link.as_bytes(), line.json.as_bytes()] {
        out.write_all(&(field.len() as u64).to_le_bytes())?;
        out.write_all(field)?;
    }
    Ok(())
}

/// The next record of a spill file; `None` at its end.
fn read_line(input: &mut impl Read) -> io::Result<Option<DumpLine>> {
    let mut source = [0; 4];
    match input.read_exact(&mut source) {
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        other => other?,
    }
    let line = u64::from_le_bytes(read_array(input)?);
    let link = read_text(input)?;
    let json = read_text(input)?;
    Ok(Some(DumpLine {
        source: u32::from_le_bytes(source),
        line,
        link,
        json,
    }))
}

fn read_array<const N: usize>(input: &mut impl Read) -> io::Result<[u8; N]> {
    let mut bytes = [0; N];
    input.read_exact(&mut bytes)?;
    Ok(bytes)
}

fn read_text(input: &mut impl Read) -> io::Result<String> {
    let len = u64::from_le_bytes(read_array(input)?);
    let mut bytes = Vec::new();
    input.take(len).read_to_end(&mut bytes)?;
    if bytes.len() as u64 != len {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// Every record of a spill file.
fn read_all(path: &Path) -> io::Result<Vec<DumpLine>> {
    let mut input = BufReader::with_capacity(1 << 20, File::open(path)?);
    let mut lines = Vec::new();
    while let Some(line) = read_line(&mut input)? {
        lines.push(line);
    }
    Ok(lines)
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
            .map(|k| dir.join(format!("{k:03}.spill")))
            .collect();
        {
            let mut outs = paths
                .iter()
                .map(|p| File::create(p).map(BufWriter::new))
                .collect::<io::Result<Vec<_>>>()?;
            let mut input = BufReader::with_capacity(1 << 20, File::open(path)?);
            while let Some(line) = read_line(&mut input)? {
                write_line(&mut outs[file_of(line.bucket(), start, end, parts)], &line)
                    .map_err(|e| named(e, &dir))?;
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
    // The file is within the budget: read it whole.
    let lines = read_all(path).map_err(|e| named(e, path))?;
    std::fs::remove_file(path)?;
    in_slices(lines, budget, process)
}

/// Hands `lines` on in slices of whole buckets of about an eighth of the budget each, in
/// bucket order: a batch's threads are built and scored a slice at a time, so the parsed
/// threads never stand beside the whole budget of lines (that had doubled the peak). The
/// threads and their order are the same as for one batch (threads are ordered by bucket, then
/// id, and a bucket is never split).
fn in_slices(
    lines: Vec<DumpLine>,
    budget: usize,
    process: &mut dyn FnMut(Vec<DumpLine>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let slice_bytes = (budget / 8).max(1 << 20);
    let mut keyed: Vec<(u32, DumpLine)> = lines.into_iter().map(|l| (l.bucket(), l)).collect();
    keyed.sort_unstable_by_key(|(bucket, _)| *bucket);
    let mut slice = Vec::new();
    let mut bytes = 0;
    let mut last = None;
    for (bucket, line) in keyed {
        if bytes >= slice_bytes && last != Some(bucket) {
            process(std::mem::take(&mut slice))?;
            bytes = 0;
        }
        bytes += line.json.len() + line.link.len() + LINE_OVERHEAD;
        last = Some(bucket);
        slice.push(line);
    }
    if !slice.is_empty() {
        process(slice)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(n: u64) -> Vec<DumpLine> {
        (0..n)
            .map(|i| {
                let link = format!("t{}", i % 37);
                // Links and lines holding the spill's old separators (TAB, LF, CR).
                let link = if i % 5 == 0 {
                    format!("{link}\t\n\r")
                } else {
                    link
                };
                DumpLine {
                    source: 0,
                    line: i + 1,
                    json: format!(
                        r#"{{"id":"{i}","link_id":{},"body":"x\ty\r"}}"#,
                        serde_json::to_string(&format!("t3_{link}")).unwrap()
                    ),
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
                .flat_map(|g| crate::parse::pushshift::threads_from(g, &names))
                .map(|t| (t.id, t.comments.len()))
                .collect()
        };
        let (spilled_small, small) = groups(2_000);
        let (spilled_big, big) = groups(usize::MAX);
        assert!(spilled_small && !spilled_big);
        assert!(small.len() > 1, "several groups on disk");
        let (a, b) = (flatten(small), flatten(big));
        assert_eq!(a.len(), 37 + 37);
        assert_eq!(a.iter().map(|t| t.1).sum::<usize>(), 500);
        assert_eq!(a, b);
    }
}
