//! Opening only what may be opened. Every file werkplaats reads (content, media, theme
//! templates, static files, interface strings) goes through `open_regular`: a named pipe,
//! socket or device is refused before it is opened, and the open itself never blocks (a
//! pipe swapped in between the check and the open is caught by the type of the opened
//! file), so a FIFO can never hang `build`, `check` or `serve`.

use std::fs::{File, Metadata};
use std::io;
use std::path::Path;

/// What a path holds, following symlinks (their target is checked by the caller).
pub enum Entry {
    File,
    Dir,
    /// Anything else, named for the message: "a named pipe (FIFO)", "a socket", …
    Other(&'static str),
}

pub fn entry(meta: &Metadata) -> Entry {
    entry_of_type(meta.file_type())
}

pub fn entry_of_type(t: std::fs::FileType) -> Entry {
    if t.is_file() {
        return Entry::File;
    }
    if t.is_dir() {
        return Entry::Dir;
    }
    Entry::Other(describe(&t))
}

fn describe(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_symlink() {
        return "a broken symlink";
    }
    "not a regular file"
}

/// The message for an entry that is not a regular file or folder.
pub fn not_regular_message(what: &str) -> String {
    format!("this is {what}, not a regular file or folder; werkplaats never opens it")
}

/// Opens `path` for reading if it is a regular file (symlinks followed); anything else is
/// an `InvalidInput` error whose text says what it is. The type is checked before the
/// open (opening a device can do something) and again on the opened file.
pub fn open_regular(path: &Path) -> io::Result<File> {
    if let Entry::Other(what) = entry(&std::fs::metadata(path)?) {
        return Err(refused(&not_regular_message(what)));
    }
    regular(open_nonblocking(path)?)
}

/// `file` if it is a regular file, else the error that says what it is.
fn regular(file: File) -> io::Result<File> {
    match entry(&file.metadata()?) {
        Entry::File => Ok(file),
        Entry::Dir => Err(refused("this is a folder, not a file")),
        Entry::Other(what) => Err(refused(&not_regular_message(what))),
    }
}

fn refused(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message.to_string())
}

/// Is this error `open_regular` refusing something that is not a regular file?
pub fn is_refusal(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::InvalidInput
}

/// The diagnostic code for a file that could not be read: out of descriptors is an
/// environment problem (`serve` tries again by itself), anything else the file's.
pub fn unreadable_code(e: &io::Error) -> &'static str {
    #[cfg(unix)]
    if matches!(e.raw_os_error(), Some(libc::EMFILE | libc::ENFILE)) {
        return "too-many-open-files";
    }
    if is_refusal(e) {
        return "not-a-file";
    }
    "unreadable-file"
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK only matters for the open of a pipe or device; reads of a regular file
    // are not affected by it.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Which file a path held when the site was loaded: `serve` answers with a file only while
/// the path still leads to that same file, never one swapped in since (a symlink to
/// `/etc/passwd`, say). A save that changes the file rebuilds the site, and with it this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity {
    dev: u64,
    ino: u64,
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl Identity {
    pub fn of(meta: &Metadata) -> Identity {
        #[cfg(unix)]
        let (dev, ino) = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let (dev, ino) = (0, 0);
        Identity {
            dev,
            ino,
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

/// Reads `path` if it is still the regular file `expected` (symlinks followed, as when it
/// was loaded); `None` if it is gone, changed, or something else now.
pub fn read_same(path: &Path, expected: &Identity) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut file = open_regular(path).ok()?;
    let meta = file.metadata().ok()?;
    if Identity::of(&meta) != *expected {
        return None;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes).ok()?;
    (bytes.len() as u64 == expected.len).then_some(bytes)
}

/// Creates (or opens) a regular file for writing, never blocking on a pipe that sits at
/// its name and never writing to anything else.
pub fn create_regular(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    regular(options.open(path)?)
}

/// Reads a whole regular file.
pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let mut file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads a whole regular file as UTF-8.
pub fn read_to_string(path: &Path) -> io::Result<String> {
    String::from_utf8(read(path)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "the file is not UTF-8 text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("pijp");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(status.success());
        let err = open_regular(&fifo).expect_err("a FIFO is not opened");
        assert!(err.to_string().contains("named pipe"), "{err}");
        std::fs::write(dir.path().join("gewoon"), "x").expect("write");
        assert_eq!(read(&dir.path().join("gewoon")).expect("read"), b"x");
        assert!(open_regular(dir.path()).is_err(), "a folder is not a file");
    }
}
