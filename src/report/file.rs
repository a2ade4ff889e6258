//! Output to a file (`-o FILE`), written atomically: into a temporary file in the same folder,
//! then renamed over the target. A failed export leaves no file behind, and a reader never
//! sees half a file.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Creates `path` with what `write` writes, or leaves the file system as it was.
pub fn write_atomically(path: &Path, write: impl FnOnce(&mut BufWriter<&File>) -> Result<()>) -> Result<()> {
    let folder = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let refuse = |why: String| Error::File {
        action: "write",
        path: path.to_path_buf(),
        source: io::Error::other(why),
    };
    if path.is_dir() {
        return Err(refuse("it is a folder; give a file name, e.g. -o report.csv".into()));
    }
    if !folder.is_dir() {
        return Err(refuse(format!("the folder {} does not exist; create it first", folder.display())));
    }
    let temp = temp_file(folder).map_err(|source| Error::File {
        action: "write in",
        path: folder.to_path_buf(),
        source,
    })?;
    let mut buffered = BufWriter::new(temp.as_file());
    write(&mut buffered)?;
    buffered.flush()?;
    drop(buffered);
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| Error::File {
        action: "write",
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

/// A hidden temporary file in `folder`, with the permissions a new file would get there.
fn temp_file(folder: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".ctrack-").suffix(".tmp");
    // tempfile creates private (0600) files; an export is an ordinary file (0666 less umask).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder.tempfile_in(folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        let failed = write_atomically(&target, |w| {
            w.write_all(b"half a file")?;
            Err(Error::Corrupt("boom".into()))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no temporary file is left");
        write_atomically(&target, |w| Ok(w.write_all(b"whole")?)).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"whole");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn missing_folders_and_folder_targets_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope").join("out.csv");
        let err = write_atomically(&missing, |_| Ok(())).unwrap_err().to_string();
        assert!(err.contains("does not exist"), "{err}");
        let err = write_atomically(dir.path(), |_| Ok(())).unwrap_err().to_string();
        assert!(err.contains("it is a folder"), "{err}");
    }
}
