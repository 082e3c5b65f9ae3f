use std::{collections::VecDeque, io, time::Duration};

use mio::{unix::SourceFd, Events, Interest, Poll, Token};
use signal_hook_mio::v1_0::Signals;

#[cfg(feature = "event-stream")]
use crate::event::sys::Waker;
use crate::event::{
    source::EventSource, sys::unix::parse::parse_event, timeout::PollTimeout, Event, InternalEvent,
    KeyCode,
};
use crate::terminal::sys::file_descriptor::{tty_fd, FileDesc};

// Tokens to identify file descriptor
const TTY_TOKEN: Token = Token(0);
const SIGNAL_TOKEN: Token = Token(1);
#[cfg(feature = "event-stream")]
const WAKE_TOKEN: Token = Token(2);

// I (@zrzka) wasn't able to read more than 1_022 bytes when testing
// reading on macOS/Linux -> we don't need bigger buffer and 1k of bytes
// is enough.
const TTY_BUFFER_SIZE: usize = 1_024;

pub(crate) struct UnixInternalEventSource {
    poll: Poll,
    events: Events,
    parser: Parser,
    tty_buffer: [u8; TTY_BUFFER_SIZE],
    tty_fd: FileDesc<'static>,
    signals: Signals,
    #[cfg(feature = "event-stream")]
    waker: Waker,
    /// The terminal's input has ended, or failed (crmcard patch): every
    /// later read says so at once, instead of waiting for an edge that never
    /// comes.
    ended: bool,
}

impl UnixInternalEventSource {
    pub fn new() -> io::Result<Self> {
        UnixInternalEventSource::from_file_descriptor(tty_fd()?)
    }

    pub(crate) fn from_file_descriptor(input_fd: FileDesc<'static>) -> io::Result<Self> {
        let poll = Poll::new()?;
        let registry = poll.registry();

        let tty_raw_fd = input_fd.raw_fd();
        let mut tty_ev = SourceFd(&tty_raw_fd);
        registry.register(&mut tty_ev, TTY_TOKEN, Interest::READABLE)?;

        let mut signals = Signals::new([signal_hook::consts::SIGWINCH])?;
        registry.register(&mut signals, SIGNAL_TOKEN, Interest::READABLE)?;

        #[cfg(feature = "event-stream")]
        let waker = Waker::new(registry, WAKE_TOKEN)?;

        Ok(UnixInternalEventSource {
            poll,
            events: Events::with_capacity(3),
            parser: Parser::default(),
            tty_buffer: [0u8; TTY_BUFFER_SIZE],
            tty_fd: input_fd,
            signals,
            #[cfg(feature = "event-stream")]
            waker,
            ended: false,
        })
    }
}

impl EventSource for UnixInternalEventSource {
    fn try_read(&mut self, timeout: Option<Duration>) -> io::Result<Option<InternalEvent>> {
        if let Some(event) = self.parser.next() {
            return Ok(Some(event));
        }
        if self.ended {
            return Err(input_ended());
        }

        let timeout = PollTimeout::new(timeout);

        loop {
            if let Err(e) = self.poll.poll(&mut self.events, timeout.leftover()) {
                // Mio will throw an interrupted error in case of cursor position retrieval. We need to retry until it succeeds.
                // Previous versions of Mio (< 0.7) would automatically retry the poll call if it was interrupted (if EINTR was returned).
                // https://docs.rs/mio/0.7.0/mio/struct.Poll.html#notes
                if e.kind() == io::ErrorKind::Interrupted {
                    continue;
                } else {
                    return Err(e);
                }
            };

            if self.events.is_empty() {
                // No readiness events = timeout
                return Ok(None);
            }

            for token in self.events.iter().map(|x| x.token()) {
                match token {
                    TTY_TOKEN => {
                        // crmcard patch: read every byte that is waiting before
                        // handing out events. The tty is registered
                        // edge-triggered, so bytes left unread after a full
                        // buffer would wait for the next input (upstream read
                        // one buffer, returned its first event and left the
                        // rest), and a lone Esc held at the end of a full buffer
                        // would merge with a key typed much later (Alt-key).
                        loop {
                            match self.tty_fd.read(&mut self.tty_buffer) {
                                // Raw mode reads at least one byte: none means
                                // the terminal is gone (upstream spun forever).
                                Ok(0) => {
                                    self.ended = true;
                                    return Err(input_ended());
                                }
                                Ok(read_count) => {
                                    self.parser.advance(
                                        &self.tty_buffer[..read_count],
                                        read_count == TTY_BUFFER_SIZE,
                                    );
                                }
                                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                                Err(e) => {
                                    self.ended = true;
                                    return Err(e);
                                }
                            };
                            // The fd blocks: read again only while input waits.
                            if !input_waiting(&self.tty_fd)? {
                                // Nothing follows: what is held is complete
                                // as it is (a lone Esc is Esc).
                                self.parser.finish();
                                break;
                            }
                        }
                        if let Some(event) = self.parser.next() {
                            return Ok(Some(event));
                        }
                    }
                    SIGNAL_TOKEN => {
                        if self.signals.pending().next() == Some(signal_hook::consts::SIGWINCH) {
                            // TODO Should we remove tput?
                            //
                            // This can take a really long time, because terminal::size can
                            // launch new process (tput) and then it parses its output. It's
                            // not a really long time from the absolute time point of view, but
                            // it's a really long time from the mio, async-std/tokio executor, ...
                            // point of view.
                            let new_size = crate::terminal::size()?;
                            return Ok(Some(InternalEvent::Event(Event::Resize(
                                new_size.0, new_size.1,
                            ))));
                        }
                    }
                    #[cfg(feature = "event-stream")]
                    WAKE_TOKEN => {
                        return Err(std::io::Error::new(
                            std::io::ErrorKind::Interrupted,
                            "Poll operation was woken up by `Waker::wake`",
                        ));
                    }
                    _ => unreachable!("Synchronize Evented handle registration & token handling"),
                }
            }

            // Processing above can take some time, check if timeout expired
            if timeout.elapsed() {
                return Ok(None);
            }
        }
    }

    #[cfg(feature = "event-stream")]
    fn waker(&self) -> Waker {
        self.waker.clone()
    }
}

//
// Following `Parser` structure exists for two reasons:
//
//  * mimic anes Parser interface
//  * move the advancing, parsing, ... stuff out of the `try_read` method
//
#[derive(Debug)]
struct Parser {
    buffer: Vec<u8>,
    internal_events: VecDeque<InternalEvent>,
}

impl Default for Parser {
    fn default() -> Self {
        Parser {
            // This buffer is used for -> 1 <- ANSI escape sequence. Are we
            // aware of any ANSI escape sequence that is bigger? Can we make
            // it smaller?
            //
            // Probably not worth spending more time on this as "there's a plan"
            // to use the anes crate parser.
            buffer: Vec::with_capacity(256),
            // TTY_BUFFER_SIZE is 1_024 bytes. How many ANSI escape sequences can
            // fit? What is an average sequence length? Let's guess here
            // and say that the average ANSI escape sequence length is 8 bytes. Thus
            // the buffer size should be 1024/8=128 to avoid additional allocations
            // when processing large amounts of data.
            //
            // There's no need to make it bigger, because when you look at the `try_read`
            // method implementation, all events are consumed before the next TTY_BUFFER
            // is processed -> events pushed.
            internal_events: VecDeque::with_capacity(128),
        }
    }
}

impl Parser {
    fn advance(&mut self, buffer: &[u8], more: bool) {
        for (idx, byte) in buffer.iter().enumerate() {
            let more = idx + 1 < buffer.len() || more;

            self.buffer.push(*byte);

            // crmcard patch: Esc followed by a control byte in one read
            // (Ctrl-S, Enter, Tab, another Esc that starts a sequence) is
            // Esc, then that byte's key. Upstream made it one Ctrl-Alt key
            // (Esc + Ctrl-S typed a literal `s`: Ctrl-Alt is AltGr to text
            // inputs) or, for Esc Esc, dropped the second Esc and the
            // sequence it began. Esc followed by a printable byte stays
            // Alt-key, as terminals send Alt; Esc DEL stays Alt-Backspace.
            if self.buffer.len() == 2 && self.buffer[0] == b'\x1B' && self.buffer[1] < 0x20 {
                self.internal_events
                    .push_back(InternalEvent::Event(Event::Key(KeyCode::Esc.into())));
                self.buffer.remove(0);
            }

            match parse_event(&self.buffer, more) {
                Ok(Some(ie)) => {
                    self.internal_events.push_back(ie);
                    self.buffer.clear();
                }
                Ok(None) => {
                    // Event can't be parsed, because we don't have enough bytes for
                    // the current sequence. Keep the buffer and process next bytes.
                }
                Err(_) => {
                    // Event can't be parsed (not enough parameters, parameter is not a number, ...).
                    // Clear the buffer and continue with another sequence.
                    self.buffer.clear();
                }
            }
        }
    }
}

impl Parser {
    /// Parses what is held as if no byte followed it (crmcard patch).
    fn finish(&mut self) {
        if !self.buffer.is_empty() {
            let held = std::mem::take(&mut self.buffer);
            self.advance(&held, false);
        }
    }
}

fn input_ended() -> io::Error {
    io::Error::new(io::ErrorKind::UnexpectedEof, "the terminal input ended")
}

/// Whether bytes wait to be read on `fd`, without blocking (crmcard patch).
/// A hung-up terminal counts as waiting: its read then reports the end.
fn input_waiting(fd: &FileDesc<'_>) -> io::Result<bool> {
    use rustix::event::{poll, PollFd, PollFlags, Timespec};
    // SAFETY: `fd` stays open for the whole call.
    let fd = unsafe { rustix::fd::BorrowedFd::borrow_raw(fd.raw_fd()) };
    let mut fds = [PollFd::from_borrowed_fd(fd, PollFlags::IN)];
    let zero = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    loop {
        match poll(&mut fds, Some(&zero)) {
            Ok(_) => return Ok(!fds[0].revents().is_empty()),
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(e.into()),
        }
    }
}

impl Iterator for Parser {
    type Item = InternalEvent;

    fn next(&mut self) -> Option<Self::Item> {
        self.internal_events.pop_front()
    }
}

/// crmcard patch: how bytes arriving in one read become keys.
#[cfg(test)]
mod crmcard_tests {
    use super::*;
    use crate::event::{KeyEvent, KeyModifiers};

    /// The keys of `reads`, each one read as the tty hands it over, then
    /// nothing more waiting.
    fn keys(reads: &[&[u8]]) -> Vec<KeyEvent> {
        let mut parser = Parser::default();
        for read in reads {
            parser.advance(read, false);
        }
        parser.finish();
        parser
            .filter_map(|e| match e {
                InternalEvent::Event(Event::Key(k)) => Some(k),
                _ => None,
            })
            .collect()
    }

    fn plain(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn esc_and_ctrl_s_in_one_read_are_esc_then_ctrl_s() {
        assert_eq!(keys(&[b"\x1b\x13"]), [plain(KeyCode::Esc), ctrl('s')]);
    }

    #[test]
    fn esc_and_a_letter_in_one_read_are_alt_letter() {
        assert_eq!(
            keys(&[b"\x1by"]),
            [KeyEvent::new(KeyCode::Char('y'), KeyModifiers::ALT)]
        );
    }

    #[test]
    fn esc_then_a_control_key_is_esc_then_that_key() {
        assert_eq!(keys(&[b"\x1b\r"]), [plain(KeyCode::Esc), plain(KeyCode::Enter)]);
        assert_eq!(keys(&[b"\x1b\t"]), [plain(KeyCode::Esc), plain(KeyCode::Tab)]);
        assert_eq!(keys(&[b"\x1b\x11"]), [plain(KeyCode::Esc), ctrl('q')]);
    }

    #[test]
    fn esc_then_an_escape_sequence_is_esc_then_its_key() {
        assert_eq!(keys(&[b"\x1b\x1b[A"]), [plain(KeyCode::Esc), plain(KeyCode::Up)]);
        assert_eq!(keys(&[b"\x1b\x1bOP"]), [plain(KeyCode::Esc), plain(KeyCode::F(1))]);
        assert_eq!(keys(&[b"\x1b\x1b"]), [plain(KeyCode::Esc), plain(KeyCode::Esc)]);
    }

    #[test]
    fn the_same_bytes_over_two_reads_give_the_same_keys() {
        let mut parser = Parser::default();
        parser.advance(b"\x1b", true);
        parser.advance(b"\x13", false);
        let got: Vec<_> = parser.collect();
        assert_eq!(
            got,
            [
                InternalEvent::Event(Event::Key(plain(KeyCode::Esc))),
                InternalEvent::Event(Event::Key(ctrl('s'))),
            ]
        );
    }

    #[test]
    fn sequences_and_alt_backspace_are_as_upstream_reads_them() {
        assert_eq!(keys(&[b"\x1b[A"]), [plain(KeyCode::Up)]);
        assert_eq!(keys(&[b"\x1bOP"]), [plain(KeyCode::F(1))]);
        assert_eq!(
            keys(&[b"\x1b\x7f"]),
            [KeyEvent::new(KeyCode::Backspace, KeyModifiers::ALT)]
        );
        assert_eq!(keys(&[b"\x1b"]), [plain(KeyCode::Esc)]);
    }
}
